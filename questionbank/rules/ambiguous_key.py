"""Response data say the best examinees pick a distractor nearly as often as the key.

## What it does
Reads the item's statistics stored by `qb analyze --write`
(`stats/<exam>.json`) and reports a distractor that the upper 27% group
(the best scorers on the rest of the test: the other items' total) chose
at least `min-ratio` times as often as the key, with the whole 95% interval
of the difference past that ratio. A distractor chosen clearly more often
than the key is `possible-miskey`'s.

## Why is this bad?
Examinees who know the subject split between the key and this option: both
are defensible as the stem is written. The item then measures luck among
exactly the examinees it should reward. Sharpen the stem (the condition
that rules the distractor out) or the distractor.

## Example
```yaml
# stats/practice.json: {"format": "qb-item-stats", "version": 1, "examinees": 500, "items": {"rds-ha": {
#   "content_hash": "228a2ca3affc44e9", "n": 500, "p": 0.40, "p_ci": [0.36, 0.44], "r": 0.21, "r_ci": [0.13, 0.29],
#   "groups": {"upper": 135, "lower": 135}, "options": {
#   "o1": {"key": true, "count": 200, "upper": 64, "lower": 30, "r": 0.21, "r_ci": [0.13, 0.29]},
#   "o2": {"key": false, "count": 190, "upper": 62, "lower": 31, "r": 0.18, "r_ci": [0.09, 0.26], "r_vs_key_ci": [-0.15, 0.09]},
#   "o3": {"key": false, "count": 110, "upper": 9, "lower": 74, "r": -0.45, "r_ci": [-0.52, -0.38], "r_vs_key_ci": [-0.75, -0.55]}}}}}
items:
  - id: rds-ha
    type: single
    stem: Which option makes an Amazon RDS database highly available?
    options:
      - text: A Multi-AZ deployment
        correct: true
      - text: A read replica in another Availability Zone
      - text: A larger instance class
```

## Use instead
```yaml
# stats/practice.json: {"format": "qb-item-stats", "version": 1, "examinees": 500, "items": {"rds-ha": {
#   "content_hash": "89d663106e06812a", "n": 500, "p": 0.60, "p_ci": [0.56, 0.64], "r": 0.45, "r_ci": [0.38, 0.52],
#   "groups": {"upper": 135, "lower": 135}, "options": {
#   "o1": {"key": true, "count": 300, "upper": 118, "lower": 40, "r": 0.45, "r_ci": [0.38, 0.52]},
#   "o2": {"key": false, "count": 100, "upper": 12, "lower": 45, "r": -0.2, "r_ci": [-0.28, -0.11], "r_vs_key_ci": [-0.75, -0.55]},
#   "o3": {"key": false, "count": 100, "upper": 5, "lower": 50, "r": -0.3, "r_ci": [-0.38, -0.22], "r_vs_key_ci": [-0.85, -0.65]}}}}}
items:
  - id: rds-ha
    type: single
    stem: >-
      Which option keeps an Amazon RDS database available, with automatic
      failover, when its Availability Zone fails?
    options:
      - text: A Multi-AZ deployment
        correct: true
      - text: A read replica in another Availability Zone
      - text: A larger instance class
```

## Options
- `min-ratio` (number): how often, relative to the key, the upper group
  must choose the distractor (0.5: at least 5 for every 10 who chose the
  key), with the whole 95% interval past it; so a distractor is flagged
  when its estimate is near the key's, and the group large enough to tell.
- `min-examinees` (number): the fewest examinees whose answers can raise a
  flag.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator

from questionbank.rules import _responses as responses
from questionbank.rules._responses import Verdict, option_name, pct

ID = "ambiguous-key"
LEVEL = "warning"
SCOPE = "bank"
NEEDS_STATS = True
OPTIONS: Dict[str, Any] = {"min-ratio": 0.5, "min-examinees": responses.MIN_EXAMINEES}

summarize = responses.summarize


def check_bank(records, ctx, options):
    return responses.check(records, ctx, options, assess)


def assess(entry: Dict[str, Any], options: Dict[str, Any]) -> Iterator[Verdict]:
    best = responses.most_chosen_key(entry)
    if best is None:
        return
    key_id, key = best
    ratio = options["min-ratio"]
    group = entry["groups"]["upper"]
    if not group or not key["upper"]:
        return
    for option_id, option in responses.distractors(entry):
        if option["upper"] < ratio * key["upper"]:
            continue
        if responses.upper_excess(entry, option, key, 1.0)[0] > 0:
            continue  # clearly more than the key: possible-miskey
        detail = (f"the upper group chose {option_name(option_id)} {pct(option['upper'] / group)} of the time "
                  f"and the key {option_name(key_id)} {pct(key['upper'] / group)} (of {group:g})")
        if responses.upper_excess(entry, option, key, ratio)[0] > 0:
            yield Verdict(True, f"{detail}: both may be defensible", option_id)
        else:
            yield Verdict(False, f"{detail}, but within chance of fewer than {ratio:g} times the key's choosers",
                          option_id)
