"""An option is "All of the above" or a phrase like it.

## What it does
Reports an option whose whole text is "All of the above", "All of these",
"All the above", "Both of the above", "All of the options are correct",
"All these choices are correct" and the like. Text that only starts the same
way ("All of the Regions", "All of these ports must be open") is content and
is not reported.

## Why is this bad?
An examinee who knows that two options are right picks "all of the above"
without knowing the third, and one who knows a single option is wrong rules
it out: partial knowledge answers the item (Haladyna, Downing and Rodriguez
2002, guideline 26). The option also breaks when options are shuffled.

## Example
```yaml
items:
  - id: s3-encryption-options
    type: single
    stem: Which option encrypts new objects in an S3 bucket at rest?
    options:
      - text: SSE-S3
      - text: SSE-KMS
      - text: SSE-C
      - text: All of the above
        correct: true
```

## Use instead
```yaml
items:
  - id: s3-encryption-options
    type: multiple
    stem: Which options encrypt new objects in an S3 bucket at rest? (Select THREE.)
    options:
      - text: SSE-S3
        correct: true
      - text: SSE-KMS
        correct: true
      - text: SSE-C
        correct: true
      - text: S3 Object Lock
      - text: S3 Block Public Access
```

## Firing rate
Measured on the converted corpora (`qb lint BANK --format json`, items with a finding / items):
- Radio pools: 406 / 4,041 (10.0%; 18.0% of the technician 2022-2026
  pool), every one "All these choices are correct" (or "All of these
  choices are correct"): the pools' house style,
  and a real instance of the flaw each time. This is the written reason for
  the rate above a few percent; silence it with `severity` in such a bank.
- MMLU: 421 / 15,906 (2.6%); OpenTriviaQA: 1,217 / 49,716 (2.4%), mostly "All
  of these". Every distinct matched phrase was listed and checked ("all of
  the above", "all of these options.", "both of these", "all of the options
  given are correct", a bare "Both", ...): all are the flaw.
- AWS CCP 0 / 1,142; the example bank 0.
- Left alone on purpose: titles ("All in the Family", "All About Eve") and
  sentences ("All of these ports must be open", "All HF bands").
"""

from __future__ import annotations

from typing import Iterator

from questionbank.item import Item
from questionbank.phrases import is_all_of_the_above
from questionbank.rules._options import KEEP, whole_option_findings
from questionbank.rules.base import BankContext, Problem

ID = "all-of-the-above"
LEVEL = "warning"
SCOPE = "item"
OPTIONS: dict = {}
# The advice fits the item: a multiple-response item already lets each right
# option be a key of its own.
ADVICE = "lets partial knowledge answer the item; write a specific option, or make the item multiple-response"
ADVICE_MULTIPLE = "lets partial knowledge answer the item; mark each right option as a key and write a specific option"


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    advice = ADVICE_MULTIPLE if item.type == "multiple" else ADVICE
    return whole_option_findings(item, is_all_of_the_above, advice + KEEP)
