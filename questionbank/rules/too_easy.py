"""Response data say nearly every examinee answers the item correctly.

## What it does
Reads the item's statistics stored by `qb analyze --write`
(`stats/<exam>.json`) and reports the item when its difficulty p (the
proportion answering correctly, or the mean score) is above `max-p`
(default 0.9), with the whole 95% interval above it.

## Why is this bad?
An item that almost everyone answers correctly tells the examinees apart
only at the very bottom, and it cannot discriminate much (a correlation is
small when nearly all scores are equal). That is fine for a deliberate
warm-up or a must-know fact, hence `info`; otherwise a cue may give the
answer away (see the content rules) or the distractors are implausible.

## Example
```yaml
# stats/practice.json: {"format": "qb-item-stats", "version": 1, "examinees": 500, "items": {"s3-name": {
#   "content_hash": "9b296dd7dc4ea450", "n": 500, "p": 0.97, "p_ci": [0.95, 0.98], "r": 0.12, "r_ci": [0.03, 0.21],
#   "groups": {"upper": 135, "lower": 135}, "options": {
#   "o1": {"key": true, "count": 485, "upper": 135, "lower": 125, "r": 0.12, "r_ci": [0.03, 0.21]},
#   "o2": {"key": false, "count": 15, "upper": 0, "lower": 10, "r": -0.12, "r_ci": [-0.21, -0.03]}}}}}
items:
  - id: s3-name
    type: single
    stem: Which AWS service stores objects in buckets?
    options:
      - text: Amazon S3
        correct: true
      - text: Amazon EC2
```

## Use instead
```yaml
# stats/practice.json: {"format": "qb-item-stats", "version": 1, "examinees": 500, "items": {"s3-name": {
#   "content_hash": "84b29a6aa0552d27", "n": 500, "p": 0.71, "p_ci": [0.67, 0.75], "r": 0.38, "r_ci": [0.30, 0.45],
#   "groups": {"upper": 135, "lower": 135}, "options": {
#   "o1": {"key": true, "count": 355, "upper": 128, "lower": 60, "r": 0.38, "r_ci": [0.30, 0.45]},
#   "o2": {"key": false, "count": 145, "upper": 7, "lower": 75, "r": -0.38, "r_ci": [-0.45, -0.30]}}}}}
items:
  - id: s3-name
    type: single
    stem: Which S3 feature keeps every version of an object after it is overwritten?
    options:
      - text: Versioning
        correct: true
      - text: Replication
```

## Options
- `max-p` (number, 0 to 1): the difficulty the whole interval must lie above.
- `min-examinees` (number): the fewest examinees whose answers can raise a
  flag.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator

from questionbank.rules import _responses as responses
from questionbank.rules._responses import Verdict

ID = "too-easy"
LEVEL = "info"
SCOPE = "bank"
NEEDS_STATS = True
OPTIONS: Dict[str, Any] = {"max-p": 0.9, "min-examinees": responses.MIN_EXAMINEES}

summarize = responses.summarize


def check_bank(records, ctx, options):
    return responses.check(records, ctx, options, assess)


def assess(entry: Dict[str, Any], options: Dict[str, Any]) -> Iterator[Verdict]:
    return responses.threshold("difficulty p =", entry.get("p"), entry.get("p_ci"), options["max-p"], False,
                               "nearly everyone answers it correctly")
