"""Response data say a distractor behaves like the key: the key may be wrong.

## What it does
Reads the item's statistics stored by `qb analyze --write`
(`stats/<exam>.json`) and reports a distractor when either

- its option-rest correlation (choosing it against the total of the other
  items) is positive and above the key's, the 95% intervals of both the
  correlation and its difference from the key's lying wholly above zero; or
- more of the upper 27% group (the best scorers on the rest of the test:
  the other items' total) chose it than chose the key, beyond the 95%
  interval of the difference.

The finding stands on the distractor, with the figures. Stats of an item
edited since the analysis are stale (see `stale-stats`) and raise no flag;
nor do stats of fewer than `min-examinees` examinees.

## Why is this bad?
When the examinees who know the subject best pick "wrong" option B, the
likeliest explanation is that B is right and the key is wrong: a slip in
the bank, an outdated fact, or a stem that asks something other than what
the writer meant. Every examinee who chose B lost a point they earned.
Classical item analysis (psych's `score.multiple.choice`, ITEMAN, Moodle's
quiz statistics) reports exactly this pattern as a possible miskey.

## Example
```yaml
# stats/practice.json: {"format": "qb-item-stats", "version": 1, "examinees": 500, "items": {"s3-archive": {
#   "content_hash": "07eeb3b71d30c56a", "n": 500, "p": 0.22, "p_ci": [0.19, 0.26], "r": -0.31, "r_ci": [-0.39, -0.23],
#   "groups": {"upper": 135, "lower": 135}, "options": {
#   "o1": {"key": true, "count": 110, "upper": 12, "lower": 41, "r": -0.31, "r_ci": [-0.39, -0.23]},
#   "o2": {"key": false, "count": 300, "upper": 118, "lower": 40, "r": 0.42, "r_ci": [0.35, 0.49], "r_vs_key_ci": [0.6, 0.86]},
#   "o3": {"key": false, "count": 90, "upper": 5, "lower": 54, "r": -0.2, "r_ci": [-0.28, -0.11], "r_vs_key_ci": [-0.03, 0.25]}}}}}
items:
  - id: s3-archive
    type: single
    stem: Which S3 storage class costs least for data that is read once a year?
    options:
      - text: S3 Standard
        correct: true
      - text: S3 Glacier Deep Archive
      - text: S3 One Zone-IA
```

## Use instead
```yaml
# After checking the key, the item is fixed; its stats are now stale
# (stale-stats) until the next `qb analyze --write`.
# stats/practice.json: {"format": "qb-item-stats", "version": 1, "examinees": 500, "items": {"s3-archive": {
#   "content_hash": "07eeb3b71d30c56a", "n": 500, "p": 0.22, "p_ci": [0.19, 0.26], "r": -0.31, "r_ci": [-0.39, -0.23],
#   "groups": {"upper": 135, "lower": 135}, "options": {
#   "o1": {"key": true, "count": 110, "upper": 12, "lower": 41, "r": -0.31, "r_ci": [-0.39, -0.23]},
#   "o2": {"key": false, "count": 300, "upper": 118, "lower": 40, "r": 0.42, "r_ci": [0.35, 0.49], "r_vs_key_ci": [0.6, 0.86]},
#   "o3": {"key": false, "count": 90, "upper": 5, "lower": 54, "r": -0.2, "r_ci": [-0.28, -0.11], "r_vs_key_ci": [-0.03, 0.25]}}}}}
items:
  - id: s3-archive
    type: single
    stem: Which S3 storage class costs least for data that is read once a year?
    options:
      - text: S3 Standard
      - text: S3 Glacier Deep Archive
        correct: true
      - text: S3 One Zone-IA
```

## Options
- `min-examinees` (number): the fewest examinees whose answers can raise a
  flag.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator

from questionbank.rules import _responses as responses
from questionbank.rules._responses import Verdict, interval, num, option_name, pct

ID = "possible-miskey"
LEVEL = "error"
SCOPE = "bank"
NEEDS_STATS = True
OPTIONS: Dict[str, Any] = {"min-examinees": responses.MIN_EXAMINEES}

summarize = responses.summarize


def check_bank(records, ctx, options):
    return responses.check(records, ctx, options, assess)


def assess(entry: Dict[str, Any], options: Dict[str, Any]) -> Iterator[Verdict]:
    """At most one raised verdict per option, on the likeliest true keys: the
    strongest distractor of each criterion (both facts in one message when
    they name the same option)."""
    found = list(_candidates(entry))
    best: Dict[str, Verdict] = {}
    for criterion in ("r", "upper"):
        raised = sorted(((strength, v) for kind, strength, v in found if kind == criterion and v.raised),
                        key=lambda sv: -sv[0])
        if not raised:
            continue
        top = raised[0][1]
        others = [option_name(v.option) for _, v in raised[1:]]
        message = top.message.replace(": the key may be wrong", "")
        if top.option in best:
            message = f"{best[top.option].message}; {message}"
        elif others:
            message += f" (so do {', '.join(others)})"
        best[top.option] = Verdict(True, message, top.option)
    for verdict in best.values():
        yield Verdict(True, f"{verdict.message}: the key may be wrong", verdict.option)
    yield from (v for _, _, v in found if not v.raised)


def _candidates(entry: Dict[str, Any]):
    key = responses.weakest_key(entry)
    if key is None:
        return
    key_id, key_stats = key
    best = responses.most_chosen_key(entry)
    group = entry["groups"]["upper"]
    for option_id, option in responses.distractors(entry):
        name = option_name(option_id)
        r, ci, diff = option.get("r"), option.get("r_ci"), option.get("r_vs_key_ci")
        if r is not None and r > 0 and r > key_stats["r"]:
            detail = (f"{name} correlates with the rest of the test at {num(r)} (95% interval {interval(ci)}), "
                      f"above the key {option_name(key_id)} at {num(key_stats['r'])} "
                      f"(difference {interval(diff)})")
            if ci and diff and ci[0] > 0 and diff[0] > 0:
                yield "r", r, Verdict(True, f"{detail}: the key may be wrong", option_id)
            else:
                yield "r", r, Verdict(False, f"{detail}, but the intervals still reach zero", option_id)
        if best is None or option["upper"] <= best[1]["upper"]:
            continue
        low, _ = responses.upper_excess(entry, option, best[1], 1.0)
        detail = (f"the upper group chose {name} more often than the key {option_name(best[0])} "
                  f"({pct(option['upper'] / group)} against {pct(best[1]['upper'] / group)} "
                  f"of {group:g})")
        if low > 0:
            yield "upper", option["upper"], Verdict(True, f"{detail}: the key may be wrong", option_id)
        else:
            yield "upper", option["upper"], Verdict(False, f"{detail}, within chance for a group this size",
                                                    option_id)
