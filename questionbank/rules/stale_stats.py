"""The item was edited after the response statistics stored for it were gathered.

## What it does
Compares the content hash that `qb analyze --write` stored for the item in
`stats/<exam>.json` with the hash of the item as it is now (every field but
your `x-` metadata). When they differ, the item was edited since its
answers were analysed: this rule says so once, and the other response-aware
rules (`possible-miskey`, `negative-discrimination`, `ambiguous-key`,
`low-discrimination`, `nonfunctioning-distractor`, `too-easy`, `too-hard`)
stay silent on the item, because its figures describe another text.

## Why is this bad?
It is not a fault: fixing an item that the data flagged makes its stats
stale, as it should. The finding reminds you that the item has no current
figures until its new version has been answered and analysed again (`qb
analyze ... --write`), so a fix is checked by data too.

## Example
```yaml
# stats/practice.json: {"format": "qb-item-stats", "version": 1, "examinees": 500, "items": {"redshift-dist": {
#   "content_hash": "0000000000000000", "n": 500, "p": 0.62, "p_ci": [0.58, 0.66], "r": 0.35, "r_ci": [0.27, 0.42],
#   "groups": {"upper": 135, "lower": 135}, "options": {
#   "o1": {"key": true, "count": 310, "upper": 118, "lower": 45, "r": 0.35, "r_ci": [0.27, 0.42]},
#   "o2": {"key": false, "count": 190, "upper": 17, "lower": 90, "r": -0.35, "r_ci": [-0.42, -0.27]}}}}}
items:
  - id: redshift-dist
    type: single
    stem: Which Amazon Redshift distribution style copies a small table to every node?
    options:
      - text: ALL
        correct: true
      - text: EVEN
```

## Use instead
```yaml
# stats/practice.json: {"format": "qb-item-stats", "version": 1, "examinees": 500, "items": {"redshift-dist": {
#   "content_hash": "87e259524822b0b5", "n": 500, "p": 0.62, "p_ci": [0.58, 0.66], "r": 0.35, "r_ci": [0.27, 0.42],
#   "groups": {"upper": 135, "lower": 135}, "options": {
#   "o1": {"key": true, "count": 310, "upper": 118, "lower": 45, "r": 0.35, "r_ci": [0.27, 0.42]},
#   "o2": {"key": false, "count": 190, "upper": 17, "lower": 90, "r": -0.35, "r_ci": [-0.42, -0.27]}}}}}
items:
  - id: redshift-dist
    type: single
    stem: Which Amazon Redshift distribution style copies a small table to every node?
    options:
      - text: ALL
        correct: true
      - text: EVEN
```
"""

from __future__ import annotations

from typing import Any, Dict, Iterator

from questionbank.rules import _responses as responses
from questionbank.rules.base import Problem

ID = "stale-stats"
LEVEL = "info"
SCOPE = "bank"
NEEDS_STATS = True
OPTIONS: Dict[str, Any] = {}

summarize = responses.summarize


def check_bank(records, ctx, options) -> Iterator[Problem]:
    for ref, summary in records:
        if ref.id is None:
            continue
        for stats in ctx.stats:
            entry = stats.items.get(ref.id)
            if entry is not None and entry.get("content_hash") != summary[0]:
                yield Problem(f"the item was edited after the answers in {stats.relpath} were analysed "
                              f"({entry['n']} examinees): its figures are stale and raise no flags; "
                              "run `qb analyze ... --write` on answers to this version",
                              location=ref.location, item=ref.id)
