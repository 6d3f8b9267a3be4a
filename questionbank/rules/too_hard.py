"""Response data say few examinees answer the item correctly.

## What it does
Reads the item's statistics stored by `qb analyze --write`
(`stats/<exam>.json`) and reports the item when its difficulty p (the
proportion answering correctly, or the mean score) is below `min-p`
(default 0.3), with the whole 95% interval below it.

## Why is this bad?
When hardly more examinees answer correctly than blind guessing among
four options would (25%), the item may be testing something else: a wrong
key, a trick, a topic the course never covered, or a stem that misleads.
A hard item can be right (hence `info`), but it deserves a second look.

## Example
```yaml
# stats/practice.json: {"format": "qb-item-stats", "version": 1, "examinees": 500, "items": {"emr-ports": {
#   "content_hash": "a7939fa0c9a5526c", "n": 500, "p": 0.12, "p_ci": [0.09, 0.15], "r": 0.22, "r_ci": [0.13, 0.30],
#   "groups": {"upper": 135, "lower": 135}, "options": {
#   "o1": {"key": true, "count": 60, "upper": 35, "lower": 5, "r": 0.22, "r_ci": [0.13, 0.30]},
#   "o2": {"key": false, "count": 440, "upper": 100, "lower": 130, "r": -0.22, "r_ci": [-0.30, -0.13]}}}}}
items:
  - id: emr-ports
    type: single
    stem: Which port does the EMR primary node's Livy server listen on by default?
    options:
      - text: "8998"
        correct: true
      - text: "8888"
```

## Use instead
```yaml
# stats/practice.json: {"format": "qb-item-stats", "version": 1, "examinees": 500, "items": {"emr-ports": {
#   "content_hash": "4b1388613c322af5", "n": 500, "p": 0.55, "p_ci": [0.51, 0.59], "r": 0.40, "r_ci": [0.32, 0.47],
#   "groups": {"upper": 135, "lower": 135}, "options": {
#   "o1": {"key": true, "count": 275, "upper": 115, "lower": 30, "r": 0.40, "r_ci": [0.32, 0.47]},
#   "o2": {"key": false, "count": 225, "upper": 20, "lower": 105, "r": -0.40, "r_ci": [-0.47, -0.32]}}}}}
items:
  - id: emr-ports
    type: single
    stem: Which EMR component accepts Spark jobs over a REST interface?
    options:
      - text: Apache Livy
        correct: true
      - text: Apache Ranger
```

## Options
- `min-p` (number, 0 to 1): the difficulty the whole interval must lie below.
- `min-examinees` (number): the fewest examinees whose answers can raise a
  flag.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator

from questionbank.rules import _responses as responses
from questionbank.rules._responses import Verdict

ID = "too-hard"
LEVEL = "info"
SCOPE = "bank"
NEEDS_STATS = True
OPTIONS: Dict[str, Any] = {"min-p": 0.3, "min-examinees": responses.MIN_EXAMINEES}

summarize = responses.summarize


def check_bank(records, ctx, options):
    return responses.check(records, ctx, options, assess)


def assess(entry: Dict[str, Any], options: Dict[str, Any]) -> Iterator[Verdict]:
    return responses.threshold("difficulty p =", entry.get("p"), entry.get("p_ci"), options["min-p"], True,
                               "few examinees answer it correctly")
