"""An option is "None of the above" or a phrase like it.

## What it does
Reports an option whose whole text is "None of the above", "None of
these", "Neither of the above", "None of the options is correct", "No
correct answer" and the like, also with an explanation after a semicolon,
a colon or a dash ("None of these choices is correct; a non-citizen cannot
..."). A bare "None" is content (the answer to "How
many ...?") and is not reported.

## Why is this bad?
When "none of the above" is the key, the item rewards knowing that the other
options are wrong, not knowing what is right; when it is a distractor, strong
examinees who see a flaw in the key pick it. It also breaks when options are
shuffled (Haladyna, Downing and Rodriguez 2002, guideline 25; NBME).

## Example
```yaml
items:
  - id: dynamodb-capacity
    type: single
    stem: Which DynamoDB capacity mode needs no capacity planning for spiky traffic?
    options:
      - text: Provisioned capacity with auto scaling
      - text: Reserved capacity
      - text: On-demand capacity
        correct: true
      - text: None of the above
```

## Use instead
```yaml
items:
  - id: dynamodb-capacity
    type: single
    stem: Which DynamoDB capacity mode needs no capacity planning for spiky traffic?
    options:
      - text: Provisioned capacity with auto scaling
      - text: Reserved capacity
      - text: On-demand capacity
        correct: true
      - text: Provisioned capacity with a fixed throughput
```

## Firing rate
Measured on the converted corpora (`qb lint BANK --format json`, items with a finding / items):
- MMLU: 269 / 15,906 (1.7%); OpenTriviaQA: 1,014 / 49,716 (2.0%). Every
  distinct matched phrase was checked ("none of the above", "none of
  these", "neither of these", "None of the options given is correct", a bare
  "Neither", "None of the above; Cohen holds that ..."): all are the flaw.
- Radio pools 2 / 4,041 (`benchmarks/devset/rates.py`): "None of these
  choices is correct; a non-US citizen cannot be a Volunteer Examiner", the
  phrase with an explanation after it, in two editions of the general
  pool. AWS CCP 0 / 1,142, the example bank 0.
- Left alone on purpose: a bare "None" (94 MMLU and OpenTriviaQA options,
  answers to "how many") and titles ("And Then There Were None").
"""

from __future__ import annotations

from typing import Iterator

from questionbank.item import Item
from questionbank.phrases import is_none_of_the_above
from questionbank.rules._options import KEEP, whole_option_findings
from questionbank.rules.base import BankContext, Problem

ID = "none-of-the-above"
LEVEL = "warning"
SCOPE = "item"
OPTIONS: dict = {}
ADVICE = "rewards ruling options out rather than knowing the answer; write a specific option instead" + KEEP


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    return whole_option_findings(item, is_none_of_the_above, ADVICE)
