"""Response data say the item barely separates strong from weak examinees.

## What it does
Reads the item's statistics stored by `qb analyze --write`
(`stats/<exam>.json`) and reports the item when its corrected item-total
correlation (the item score against the total of the other items) is below
`min-r` (default 0.2) with the whole 95% interval below it. An item whose
correlation lies wholly below zero is `negative-discrimination`'s, not
this rule's.

## Why is this bad?
Ebel's classic guidelines read a discrimination below 0.20 as poor, to be
revised or dropped, and the same cut is common for the item-total
correlation: such an item adds testing time and noise but hardly any
information about who knows the subject. Common causes are
options so implausible that guessing works, trivia unrelated to the rest,
and ambiguity that splits even those who know.

## Example
```yaml
# stats/practice.json: {"format": "qb-item-stats", "version": 1, "examinees": 500, "items": {"glue-dpu": {
#   "content_hash": "c77a3de2fed6c37d", "n": 500, "p": 0.55, "p_ci": [0.51, 0.59], "r": 0.05, "r_ci": [-0.04, 0.14],
#   "groups": {"upper": 135, "lower": 135}, "options": {
#   "o1": {"key": true, "count": 275, "upper": 78, "lower": 70, "r": 0.05, "r_ci": [-0.04, 0.14]},
#   "o2": {"key": false, "count": 225, "upper": 57, "lower": 65, "r": -0.05, "r_ci": [-0.14, 0.04]}}}}}
items:
  - id: glue-dpu
    type: single
    stem: How much memory does one AWS Glue DPU provide?
    options:
      - text: 16 GB
        correct: true
      - text: 32 GB
```

## Use instead
```yaml
# stats/practice.json: {"format": "qb-item-stats", "version": 1, "examinees": 500, "items": {"glue-dpu": {
#   "content_hash": "c77a3de2fed6c37d", "n": 500, "p": 0.55, "p_ci": [0.51, 0.59], "r": 0.38, "r_ci": [0.30, 0.45],
#   "groups": {"upper": 135, "lower": 135}, "options": {
#   "o1": {"key": true, "count": 275, "upper": 115, "lower": 35, "r": 0.38, "r_ci": [0.30, 0.45]},
#   "o2": {"key": false, "count": 225, "upper": 20, "lower": 100, "r": -0.38, "r_ci": [-0.45, -0.30]}}}}}
items:
  - id: glue-dpu
    type: single
    stem: How much memory does one AWS Glue DPU provide?
    options:
      - text: 16 GB
        correct: true
      - text: 32 GB
```

## Options
- `min-r` (number): the correlation the whole interval must lie below.
- `min-examinees` (number): the fewest examinees whose answers can raise a
  flag.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator

from questionbank.rules import _responses as responses
from questionbank.rules._responses import Verdict

ID = "low-discrimination"
LEVEL = "warning"
SCOPE = "bank"
NEEDS_STATS = True
OPTIONS: Dict[str, Any] = {"min-r": 0.2, "min-examinees": responses.MIN_EXAMINEES}

summarize = responses.summarize


def check_bank(records, ctx, options):
    return responses.check(records, ctx, options, assess)


def assess(entry: Dict[str, Any], options: Dict[str, Any]) -> Iterator[Verdict]:
    ci = entry.get("r_ci")
    if ci is not None and ci[1] < 0:
        return iter(())  # an interval wholly below zero is negative-discrimination's
    return responses.threshold("corrected item-total correlation", entry.get("r"), ci, options["min-r"], True,
                               "the item hardly separates strong from weak examinees")
