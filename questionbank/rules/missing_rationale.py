"""A choice item explains neither its key nor its distractors.

## What it does
Reports a `single` or `multiple` item that has no `explanation` and has
options without a `why`. An item with an `explanation`, or with a `why` on
every option, is fine.

## Why is this bad?
The rationale is what turns a wrong answer into learning: the answer key and
the flash cards show it. It is also what a reviewer checks the key against;
an item whose author never wrote down why the key is right is more often
miskeyed.

## Example
```yaml
items:
  - id: athena-partitions
    type: single
    stem: Which change lowers the amount of data an Athena query over daily logs scans?
    options:
      - text: Partition the table by date and filter on the partition column
        correct: true
      - text: Store the logs as uncompressed JSON
      - text: Add more columns to the SELECT list
```

## Use instead
```yaml
items:
  - id: athena-partitions
    type: single
    stem: Which change lowers the amount of data an Athena query over daily logs scans?
    options:
      - text: Partition the table by date and filter on the partition column
        correct: true
      - text: Store the logs as uncompressed JSON
      - text: Add more columns to the SELECT list
    explanation: >-
      Athena reads only the partitions that the WHERE clause selects; JSON
      and extra columns make it read more.
```

## Firing rate
Measured on the converted corpora (`qb lint BANK --format json`, items with a finding / items):
- Info only. It fires on nearly every item of the converted corpora, which
  carry no rationales: MMLU 15,906 / 15,906, radio pools 4,041 / 4,041,
  OpenTriviaQA 49,716 / 49,716, AWS CCP 688 / 1,142 (the 454 with an
  explanation are clean). That is the finding: those banks have no
  rationale to show in an answer key.
- The example bank: 0.
"""

from __future__ import annotations

from typing import Iterator

from questionbank.item import Item
from questionbank.rules._options import name
from questionbank.rules.base import BankContext, Problem

ID = "missing-rationale"
LEVEL = "info"
SCOPE = "item"
OPTIONS: dict = {}


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    if not item.is_choice or not item.options:
        return
    if item.explanation and item.explanation.strip():
        return
    bare = [o for o in item.options if not (o.why and o.why.strip())]
    if not bare:
        return
    if len(bare) == len(item.options):
        where = "no option has a `why`"
    else:
        where = ", ".join(name(o) for o in bare) + (" has" if len(bare) == 1 else " have") + " no `why`"
    yield Problem(f"options: no `explanation` and {where}; explain why the key is right and "
                  f"each distractor wrong", ("options",))
