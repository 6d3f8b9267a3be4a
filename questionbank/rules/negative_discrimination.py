"""Response data say the item's key goes with low scores on the rest of the test.

## What it does
Reads the item's statistics stored by `qb analyze --write`
(`stats/<exam>.json`) and reports the item when its corrected item-total
correlation (the item score against the total of the other items) is below
`max-r` (default 0), with the whole 95% interval below it.

## Why is this bad?
An item that strong examinees get wrong more often than weak ones measures
the opposite of the rest of the test: it lowers the test's reliability and
rewards the wrong people. The usual causes are a wrong key, a trick that
catches those who know more, or two readings of the stem.

## Example
```yaml
# stats/practice.json: {"format": "qb-item-stats", "version": 1, "examinees": 500, "items": {"kinesis-order": {
#   "content_hash": "959e7c0aa1582093", "n": 500, "p": 0.48, "p_ci": [0.44, 0.52], "r": -0.24, "r_ci": [-0.32, -0.16],
#   "groups": {"upper": 135, "lower": 135}, "options": {
#   "o1": {"key": false, "count": 260, "upper": 95, "lower": 40, "r": 0.24, "r_ci": [0.16, 0.32]},
#   "o2": {"key": true, "count": 240, "upper": 40, "lower": 95, "r": -0.24, "r_ci": [-0.32, -0.16]}}}}}
items:
  - id: kinesis-order
    type: single
    stem: Does Kinesis Data Streams keep the order of records across shards?
    options:
      - text: "No: order is kept within a shard only"
      - text: "Yes"
        correct: true
```

## Use instead
```yaml
# stats/practice.json: {"format": "qb-item-stats", "version": 1, "examinees": 500, "items": {"kinesis-order": {
#   "content_hash": "872e3c4e40ba2d27", "n": 500, "p": 0.52, "p_ci": [0.48, 0.56], "r": 0.41, "r_ci": [0.33, 0.48],
#   "groups": {"upper": 135, "lower": 135}, "options": {
#   "o1": {"key": true, "count": 260, "upper": 120, "lower": 30, "r": 0.41, "r_ci": [0.33, 0.48]},
#   "o2": {"key": false, "count": 240, "upper": 15, "lower": 105, "r": -0.41, "r_ci": [-0.48, -0.33]}}}}}
items:
  - id: kinesis-order
    type: single
    stem: Does Kinesis Data Streams keep the order of records across shards?
    options:
      - text: "No: order is kept within a shard only"
        correct: true
      - text: "Yes"
```

## Options
- `max-r` (number): the correlation the whole interval must lie below.
- `min-examinees` (number): the fewest examinees whose answers can raise a
  flag.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator

from questionbank.rules import _responses as responses
from questionbank.rules._responses import Verdict

ID = "negative-discrimination"
LEVEL = "warning"
SCOPE = "bank"
NEEDS_STATS = True
OPTIONS: Dict[str, Any] = {"max-r": 0.0, "min-examinees": responses.MIN_EXAMINEES}

summarize = responses.summarize


def check_bank(records, ctx, options):
    return responses.check(records, ctx, options, assess)


def assess(entry: Dict[str, Any], options: Dict[str, Any]) -> Iterator[Verdict]:
    return responses.threshold("corrected item-total correlation", entry.get("r"), entry.get("r_ci"),
                               options["max-r"], True, "examinees who do well on the rest of the test get this "
                               "item wrong more often; check the key and the stem")
