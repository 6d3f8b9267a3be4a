"""Numeric ranges in the options overlap.

## What it does
Reads options that are a number or a range of numbers with an optional unit:
"1 to 7 days", "2-5", "between 2 and 5 hours", "less than 10 minutes", "at
least 5", "5 or more", "more than 30 days", "$10-$20", "12". Among the
options that share a unit (an option without a unit goes with the others
when they all share one), it reports each option that overlaps an earlier
one: the two ranges have values in common ("1 to 7 days" / "5 to 10 days"),
one holds the other ("less than 10" / "5 to 20"), or a single number lies
inside a range.
Options in other units, or with more text than the number, are not read.

Ranges that share an end ("10 to 30 seconds" / "30 to 60 seconds") are
reported too, when both include it: a value on the boundary fits both.
Banks of continuous quantities, where a boundary value never comes up, can
turn this off with `touching: false`.

A question that asks for a range ("What frequency range is referred to as
VHF?", "What is the usual size range ...?") and spans of years ("1971-1980",
a reign or a career) name periods and ranges: they are not bins of values
and are left alone. So is a set of one-sided limits in one direction ("At
least 43 dB", "At least 53 dB", ...): it asks which limit applies.

Each option is compared with all the options before it at once (sorted and
swept), so an item with thousands of numeric options is checked in
O(n log n).

## Why is this bad?
When ranges overlap, a value in the overlap makes two options right, and
the key depends on which one the author had in mind (Haladyna, Downing and
Rodriguez 2002, guideline 22: keep choices independent, not overlapping).

## Example
```yaml
items:
  - id: s3-lifecycle-days
    type: single
    stem: How long must objects stay in S3 Standard before a lifecycle rule can move them to S3 Standard-IA?
    options:
      - text: 1 to 7 days
      - text: 5 to 29 days
      - text: 30 days or more
        correct: true
```

## Use instead
```yaml
items:
  - id: s3-lifecycle-days
    type: single
    stem: How long must objects stay in S3 Standard before a lifecycle rule can move them to S3 Standard-IA?
    options:
      - text: 1 to 6 days
      - text: 7 to 29 days
      - text: 30 days or more
        correct: true
```

## Options
- `touching` (default true): also report ranges that share an end that
  both include ("1-7 days" / "7-14 days"); `false` for continuous
  quantities.

## Firing rate
Measured on the converted corpora (items with a finding / items, default
options; `benchmarks/devset/rates.py`):
- MMLU: 24 / 15,906 (0.2%); OpenTriviaQA: 40 / 49,716 (0.1%); radio pools
  2 / 4,041 (g2b04 in two pool years: "1 to 3 kHz" / "3 to 6 kHz"); AWS CCP
  0 / 1,142; the example bank 0.
- Shared ends account for 14 of the MMLU and 13 of the OpenTriviaQA items.
  A hand check of 14 findings found each real: a boundary value fits two
  options ("10 to 30 seconds" / "30 to 60 seconds", "2-3 day basis" / "3-4
  day basis", "20-30" / "10-20" years of age) or the ranges overlap
  ("Less than 1" / "0", "90-110 feet" / "80-100 feet").
- Tuning: a first version also read spans of years and one-sided
  thresholds: 22 radio items (frequency bands "30 to 300 MHz" / "300 to
  3000 MHz" in questions that ask for a band, "At least 43 dB below" / "At
  least 53 dB below") and 58 OpenTriviaQA items (reigns "1971-1980" /
  "1972-1978"), nearly all wrong.
"""

from __future__ import annotations

import bisect
import math
import re
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

from questionbank.item import Item, Option
from questionbank.rules._numbers import Interval, has_digit, is_years, parse
from questionbank.rules._options import excerpt, name
from questionbank.rules.base import BankContext, Problem
from questionbank.text import question_sentence

ID = "overlapping-ranges"
LEVEL = "warning"
SCOPE = "item"
OPTIONS = {"touching": True}

_ASKS_FOR_A_RANGE = re.compile(r"\b(?:range|ranges|limits|segment|span|interval)\b", re.I)


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    numeric = [o for o in item.options if has_digit(o.text)]
    if len(numeric) < 2:
        return
    parsed = [(o, parse(o.text)) for o in numeric]
    parsed = [(o, i) for o, i in parsed if i is not None and not is_years(i)]
    if len(parsed) < 2 or all(i.is_point for _, i in parsed):
        return
    if all(i.lo == -math.inf for _, i in parsed) or all(i.hi == math.inf for _, i in parsed):
        return  # thresholds: "at least 43 dB" / "at least 53 dB" asks which limit applies
    if _ASKS_FOR_A_RANGE.search(question_sentence(item.stem)):
        return  # "What frequency range is VHF?": the options name ranges, they are not bins
    # An option without a unit goes with the others when they share one.
    units = {i.unit for _, i in parsed if i.unit}
    shared = units.pop() if len(units) == 1 else ""
    groups: Dict[str, List[Tuple[Option, Interval]]] = {}
    for option, interval in parsed:
        groups.setdefault(interval.unit or shared, []).append((option, interval))
    for members in groups.values():
        intervals = [i for _, i in members]
        for later, earlier in overlaps(intervals, options["touching"]):
            yield _problem(members[later][0], members[earlier][0])


def _problem(option: Option, other: Option) -> Problem:
    return Problem(f"{name(option)}.text: {excerpt(option.text)} overlaps {name(other)} {excerpt(other.text)}, "
                   "so a value in both makes two options right; make the ranges disjoint",
                   ("options", option.index, "text"))


def overlaps(intervals: Sequence[Interval], touching: bool) -> Iterator[Tuple[int, int]]:
    """(j, i) for each interval j that overlaps an interval i before it (i < j),
    naming one such i; two single numbers never overlap.

    Each interval is checked against all earlier ones at once (sort and
    sweep), so thousands of options take O(n log n), not n squared pair
    checks. Two intervals overlap when they have a stretch of values in
    common, when a single number lies strictly inside a range, or (with
    ``touching``) when they meet at one value that both include.
    """
    starts = sorted({i.lo for i in intervals})
    every, ranges = _PrefixMax(len(starts)), _PrefixMax(len(starts))
    # The first interval that includes a value as its end or its start.
    ends: Dict[float, int] = {}
    range_ends: Dict[float, int] = {}
    begins: Dict[float, int] = {}
    range_begins: Dict[float, int] = {}
    for j, x in enumerate(intervals):
        below = bisect.bisect_left(starts, x.hi)  # earlier intervals that start below x's upper end
        if x.is_point:
            found = ranges.query(below, x.hi)  # a range with the number strictly inside it
            if found is None and touching:
                found = range_ends.get(x.lo, range_begins.get(x.lo))
        else:
            found = every.query(below, x.lo)  # a stretch in common, or a number strictly inside x
            if found is None and touching and x.lo_in:
                found = ends.get(x.lo)
            if found is None and touching and x.hi_in:
                found = begins.get(x.hi)
        if found is not None:
            yield j, found
        rank = bisect.bisect_left(starts, x.lo)
        every.update(rank, x.hi, j)
        if not x.is_point:
            ranges.update(rank, x.hi, j)
        if x.hi_in:
            ends.setdefault(x.hi, j)
            if not x.is_point:
                range_ends.setdefault(x.hi, j)
        if x.lo_in:
            begins.setdefault(x.lo, j)
            if not x.is_point:
                range_begins.setdefault(x.lo, j)


class _PrefixMax:
    """A Fenwick tree over start ranks: the interval with the highest upper
    end among those inserted at ranks below a bound."""

    def __init__(self, size: int):
        self.tree: List[Tuple[float, int]] = [(-math.inf, -1)] * (size + 1)

    def update(self, rank: int, hi: float, index: int) -> None:
        rank += 1
        while rank < len(self.tree):
            if hi > self.tree[rank][0]:
                self.tree[rank] = (hi, index)
            rank += rank & -rank

    def query(self, count: int, above: float) -> Optional[int]:
        """An interval among the first ``count`` ranks whose upper end is above ``above``."""
        best = (-math.inf, -1)
        while count > 0:
            if self.tree[count][0] > best[0]:
                best = self.tree[count]
            count -= count & -count
        return best[1] if best[0] > above else None
