"""Response data say almost nobody chooses this distractor.

## What it does
Reads the item's statistics stored by `qb analyze --write`
(`stats/<exam>.json`) and reports a distractor chosen by fewer than
`max-share` (default 5%) of the examinees, with the whole 95% interval of
its share below that.

## Why is this bad?
A distractor nobody picks does not distract: the item has one option fewer
than it seems, guessing is easier, and examinees spend reading time on
filler. Haladyna and Downing (1993) found that few operational items have
more than two distractors that work, and Rodriguez (2005) that three
options are usually enough. Replace
it with a misconception that real examinees hold, or drop it.

## Example
```yaml
# stats/practice.json: {"format": "qb-item-stats", "version": 1, "examinees": 500, "items": {"athena-format": {
#   "content_hash": "53721079227a686c", "n": 500, "p": 0.62, "p_ci": [0.58, 0.66], "r": 0.35, "r_ci": [0.27, 0.42],
#   "groups": {"upper": 135, "lower": 135}, "options": {
#   "o1": {"key": true, "count": 310, "upper": 118, "lower": 45, "r": 0.35, "r_ci": [0.27, 0.42]},
#   "o2": {"key": false, "count": 188, "upper": 17, "lower": 89, "r": -0.33, "r_ci": [-0.41, -0.25]},
#   "o3": {"key": false, "count": 2, "upper": 0, "lower": 1, "r": -0.04, "r_ci": [-0.13, 0.05]}}}}}
items:
  - id: athena-format
    type: single
    stem: Which file format makes Amazon Athena queries scan the least data?
    options:
      - text: Apache Parquet
        correct: true
      - text: CSV
      - text: A Microsoft Word document
```

## Use instead
```yaml
# stats/practice.json: {"format": "qb-item-stats", "version": 1, "examinees": 500, "items": {"athena-format": {
#   "content_hash": "0596ca7194687630", "n": 500, "p": 0.58, "p_ci": [0.54, 0.62], "r": 0.37, "r_ci": [0.29, 0.44],
#   "groups": {"upper": 135, "lower": 135}, "options": {
#   "o1": {"key": true, "count": 290, "upper": 116, "lower": 40, "r": 0.37, "r_ci": [0.29, 0.44]},
#   "o2": {"key": false, "count": 130, "upper": 12, "lower": 60, "r": -0.25, "r_ci": [-0.33, -0.17]},
#   "o3": {"key": false, "count": 80, "upper": 7, "lower": 35, "r": -0.15, "r_ci": [-0.24, -0.06]}}}}}
items:
  - id: athena-format
    type: single
    stem: Which file format makes Amazon Athena queries scan the least data?
    options:
      - text: Apache Parquet
        correct: true
      - text: CSV
      - text: JSON Lines
```

## Options
- `max-share` (number, 0 to 1): the share of examinees the whole interval
  must lie below.
- `min-examinees` (number): the fewest examinees whose answers can raise a
  flag.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator

from questionbank.rules import _responses as responses
from questionbank.rules._responses import Verdict, option_name, pct

ID = "nonfunctioning-distractor"
LEVEL = "info"
SCOPE = "bank"
NEEDS_STATS = True
OPTIONS: Dict[str, Any] = {"max-share": 0.05, "min-examinees": responses.MIN_EXAMINEES}

summarize = responses.summarize


def check_bank(records, ctx, options):
    return responses.check(records, ctx, options, assess)


def assess(entry: Dict[str, Any], options: Dict[str, Any]) -> Iterator[Verdict]:
    from questionbank.analysis.intervals import wilson

    n, limit = entry["n"], options["max-share"]
    if not n:
        return
    for option_id, option in responses.distractors(entry):
        share = option["count"] / n
        if share >= limit:
            continue
        high = wilson(option["count"], n)[1]
        detail = (f"{option_name(option_id)} was chosen by {option['count']} of {n} examinees "
                  f"({100 * share:.1f}%, 95% interval up to {100 * high:.1f}%)")
        if high < limit:
            yield Verdict(True, f"{detail}: a distractor nobody picks does not distract", option_id)
        else:
            yield Verdict(False, f"{detail}, too few examinees to tell it from {pct(limit)}", option_id)
