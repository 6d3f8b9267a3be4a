"""A choice item has no option marked correct.

## What it does
Reports a `single` or `multiple` item none of whose options has
`correct: true`. When an option has a misspelt key (`corect: true`) or a
`correct` that is not true or false, the schema check reports that and this
rule stays quiet.

## Why is this bad?
Without a key the item cannot be scored, and the answer key printed with an
exam is empty for it. Usually the `correct:` line was lost in an edit or
written on the wrong option (`correct: yes` under the wrong indentation).

## Example
```yaml
items:
  - id: s3-versioning-restore
    type: single
    stem: Which S3 feature lets you restore an object that a user overwrote by mistake?
    options:
      - text: S3 Versioning
      - text: S3 Transfer Acceleration
      - text: S3 Inventory
      - text: S3 Storage Lens
```

## Use instead
```yaml
items:
  - id: s3-versioning-restore
    type: single
    stem: Which S3 feature lets you restore an object that a user overwrote by mistake?
    options:
      - text: S3 Versioning
        correct: true
      - text: S3 Transfer Acceleration
      - text: S3 Inventory
      - text: S3 Storage Lens
```

## Firing rate
Measured on the converted corpora (`qb lint BANK --format json`, items with a finding / items):
0 in MMLU (15,906), the eight radio pools (4,041), AWS CCP (1,142) and
OpenTriviaQA (49,716): their converters always mark a key. The example bank: 0.
"""

from __future__ import annotations

from typing import Iterator

from questionbank.item import Item
from questionbank.rules.base import BankContext, Problem

ID = "no-correct-option"
LEVEL = "error"
SCOPE = "item"
OPTIONS: dict = {}


_OPTION_KEYS = frozenset(("text", "correct", "why", "pin"))


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    if not item.is_choice or not item.options or item.keys or _malformed(item.data.get("options")):
        return
    yield Problem(f"options: no option is marked correct in this {item.type} item; "
                  "add `correct: true` to the key", ("options",))


def _malformed(entries: list) -> bool:
    """Whether an option has a key the schema does not know ("corect") or a
    `correct` that is not true or false: the schema check reports that, and
    the key is probably there, misspelt."""
    return any(isinstance(e, dict) and (not isinstance(e.get("correct", False), bool)
                                        or any(k not in _OPTION_KEYS and not str(k).startswith("x-") for k in e))
               for e in entries)
