"""A choice item has too few options to discriminate.

## What it does
Reports a `single` or `multiple` item with fewer than three options
(`min-options`), and a `multiple` item whose options are no more than its
keys plus one, so at most one distractor is left.

## Why is this bad?
With two options a blind guess is right half of the time, and a
multiple-response item with one distractor is answered by spotting that one.
Three options are enough (Rodriguez 2005), so three is the default floor; the
AWS exam format uses four for single and five or more for multiple-response
items.

## Example
```yaml
items:
  - id: redshift-dist-style
    type: single
    stem: Which Redshift distribution style copies a small dimension table to every node?
    options:
      - text: ALL
        correct: true
      - text: KEY
```

## Use instead
```yaml
items:
  - id: redshift-dist-style
    type: single
    stem: Which Redshift distribution style copies a small dimension table to every node?
    options:
      - text: ALL
        correct: true
      - text: KEY
      - text: EVEN
      - text: AUTO
```

## Options
- `min-options` (default 3): the fewest options a choice item may have.
  True/false items have two by design; set `level: off` for the files that
  hold them with `per-path-ignores`, or set this to 2.

## Firing rate
Measured on the converted corpora (`qb lint BANK --format json`, items with a finding / items):
- OpenTriviaQA: 6,685 / 49,716 (13.4%): exactly its two-option items, 5,882
  "True"/"False" and 803 "Yes"/"No". The rule does what it says; a bank of
  true/false items sets `min-options: 2`.
- MMLU 0 / 15,906, radio pools 0 / 4,041 (all four options), AWS CCP 0 /
  1,142 (its 267 multiple items have five or more options). The example
  bank: 0.
"""

from __future__ import annotations

from typing import Iterator

from questionbank.item import Item
from questionbank.rules.base import BankContext, Problem

ID = "too-few-options"
LEVEL = "warning"
SCOPE = "item"
OPTIONS = {"min-options": 3}


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    if not item.is_choice or not item.options:
        return
    count = len(item.options)
    least = options["min-options"]
    keys = len(item.keys)
    if count < least:
        yield Problem(f"options: only {count} option{'s' if count != 1 else ''}; "
                      f"write at least {least} (the key and plausible distractors)", ("options",))
    elif item.type == "multiple" and keys >= 1 and count <= keys + 1:
        yield Problem(f"options: {keys} keys among {count} options leave {count - keys} distractor"
                      f"{'s' if count - keys != 1 else ''}; add distractors so at least two remain",
                      ("options",))
