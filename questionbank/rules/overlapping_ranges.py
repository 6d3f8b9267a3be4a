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

A question that asks for a range ("What frequency range is referred to as
VHF?", "What is the usual size range ...?") and spans of years ("1971-1980",
a reign or a career) name periods and ranges: they are not bins of values
and are left alone. So is a set of one-sided limits in one direction ("At least 43 dB", "At least
53 dB", ...) asks which limit applies and is left alone. Ranges that only
share an end ("30 to 300 MHz" / "300 to 3000 MHz", the way frequency bands
are defined) are reported only with `touching: true`.

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
- `touching` (default false): also report ranges that share an end that
  both include ("1-7 days" / "7-14 days").

## Firing rate
Measured on the converted corpora (`qb lint BANK --format json`, items with a finding / items):
- MMLU: 10 / 15,906 (0.06%); OpenTriviaQA: 27 / 49,716 (0.05%). Hand check of
  all OpenTriviaQA findings: overlapping estimates are the common case ("How
  many cubs are usually in a tiger's litter?" 1-6 / 2-4 / 3-4 cubs, lifespans
  "10-20 years" / "15-25 years"); doubtful: two "latitudinal extent" items.
- Radio pools 0 / 4,041, AWS CCP 0 / 1,142, the example bank 0.
- Tuning: a first version also flagged shared ends and thresholds and read
  spans of years: 22 radio items (frequency bands "30 to 300 MHz" / "300 to
  3000 MHz", "At least 43 dB below" / "At least 53 dB below") and 58
  OpenTriviaQA items (reigns "1971-1980" / "1972-1978"), nearly all wrong.
"""

from __future__ import annotations

import math
import re
from typing import Dict, Iterator, List, NamedTuple, Optional

from questionbank.item import Item, Option
from questionbank.rules._options import excerpt, name
from questionbank.rules.base import BankContext, Problem
from questionbank.text import normalize, plain, question_sentence

ID = "overlapping-ranges"
LEVEL = "warning"
SCOPE = "item"
OPTIONS = {"touching": False}

_NUM = r"[-+]?\$?\d+(?:,\d{3})*(?:\.\d+)?"


def _unit(group: str) -> str:
    # Up to three words; glued to the number only when longer than a letter
    # ("10GB", "5%") or "k": "40p" or "1930s" is not a number with a unit.
    return (rf"(?:(?P<{group}>%|\s*%|(?:\s+[^\W\d_]|[^\W\d_][\w./²³]|k)[\w./²³]*"
            rf"(?:\s+[^\W\d_][\w./²³]*){{0,2}}))?(?![\w])")


_LO_UNIT, _UNIT = _unit("lo_unit"), _unit("unit")

_ABOUT = r"(?:(?:about|approximately|around|roughly|~)\s*)?"
_LOWER_OPEN = r"more\s+than|greater\s+than|over|above|in\s+excess\s+of|exceeding|>"
_LOWER_CLOSED = r"at\s+least|no\s+less\s+than|not\s+less\s+than|a\s+minimum\s+of|>=|≥"
_UPPER_OPEN = r"less\s+than|fewer\s+than|under|below|<"
_UPPER_CLOSED = r"up\s+to|at\s+most|no\s+more\s+than|not\s+more\s+than|a\s+maximum\s+of|<=|≤"

RANGE = re.compile(
    rf"^{_ABOUT}(?:(?P<between>between)\s+|from\s+)?(?P<lo>{_NUM}){_LO_UNIT}"
    rf"\s*(?:-|to|through|and)\s*(?P<hi>{_NUM}){_UNIT}$")
BOUND = re.compile(
    rf"^(?P<op>{_LOWER_OPEN}|{_LOWER_CLOSED}|{_UPPER_OPEN}|{_UPPER_CLOSED})\s*(?P<n>{_NUM}){_UNIT}$")
SUFFIX = re.compile(
    rf"^(?P<n>{_NUM}){_UNIT}\s*(?P<op>\+|or\s+(?:more|greater|higher|above|longer|over)|and\s+(?:above|up|over)"
    rf"|or\s+(?:less|fewer|lower|below|under|shorter))$")
POINT = re.compile(rf"^{_ABOUT}(?P<n>{_NUM}){_UNIT}$")

_DIGIT = re.compile(r"\d")
_ASKS_FOR_A_RANGE = re.compile(r"\b(?:range|ranges|limits|segment|span|interval)\b", re.I)
_SCALE = {"k": 1e3, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_UNIT_NAMES = {"hr": "hour", "hrs": "hour", "h": "hour", "min": "minute", "mins": "minute", "sec": "second",
               "secs": "second", "s": "second", "yr": "year", "yrs": "year", "percent": "%", "per cent": "%"}


class Interval(NamedTuple):
    lo: float
    lo_in: bool
    hi: float
    hi_in: bool
    unit: str

    @property
    def is_point(self) -> bool:
        return self.lo == self.hi


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    numeric = [o for o in item.options if _DIGIT.search(o.text)]
    if len(numeric) < 2:
        return
    parsed = [(o, parse(o.text)) for o in numeric]
    parsed = [(o, i) for o, i in parsed if i is not None and not _years(i)]
    if len(parsed) < 2 or all(i.is_point for _, i in parsed):
        return
    if all(i.lo == -math.inf for _, i in parsed) or all(i.hi == math.inf for _, i in parsed):
        return  # thresholds: "at least 43 dB" / "at least 53 dB" asks which limit applies
    if _ASKS_FOR_A_RANGE.search(question_sentence(item.stem)):
        return  # "What frequency range is VHF?": the options name ranges, they are not bins
    touching = options["touching"]
    # An option without a unit goes with the others when they share one.
    units = {i.unit for _, i in parsed if i.unit}
    shared = units.pop() if len(units) == 1 else ""
    groups: Dict[str, List] = {}
    for option, interval in parsed:
        groups.setdefault(interval.unit or shared, []).append((option, interval))
    for members in groups.values():
        for j, (option, interval) in enumerate(members):
            for other, earlier in members[:j]:
                if not (interval.is_point and earlier.is_point) and _overlap(interval, earlier, touching):
                    yield _problem(option, other)
                    break


def _years(interval: Interval) -> bool:
    """A span of years such as "1971-1980" (a reign, a career) names a
    period; it is not a bin of values."""
    return (not interval.unit and not interval.is_point and interval.lo.is_integer()
            and interval.hi.is_integer() and 1000 <= interval.lo < interval.hi <= 2100)


def _problem(option: Option, other: Option) -> Problem:
    return Problem(f"{name(option)}.text: {excerpt(option.text)} overlaps {name(other)} {excerpt(other.text)}, "
                   "so a value in both makes two options right; make the ranges disjoint",
                   ("options", option.index, "text"))


def _overlap(a: Interval, b: Interval, touching: bool) -> bool:
    lo, hi = max(a.lo, b.lo), min(a.hi, b.hi)
    if lo != hi:
        return lo < hi
    # They meet at one value: does each include it?
    lo_in = (a.lo_in or a.lo < lo) and (b.lo_in or b.lo < lo)
    hi_in = (a.hi_in or a.hi > hi) and (b.hi_in or b.hi > hi)
    if not (lo_in and hi_in):
        return False
    # A single number inside a range always counts; shared ends on request.
    return touching or any(x.is_point and y.lo < lo < y.hi for x, y in ((a, b), (b, a)))


def parse(text: str) -> Optional[Interval]:
    """The interval an option states, or None when it is not only a number or range."""
    text = normalize(plain(text))
    if not text or not any(ch.isdigit() for ch in text):
        return None
    match = RANGE.match(text)
    if match:
        lo, lo_unit = _number(match.group("lo"), match.group("lo_unit"))
        hi, hi_unit = _number(match.group("hi"), match.group("unit"))
        if lo_unit and lo_unit != hi_unit:
            return None  # "1 hour to 2 days", "27BC - 180"
        if match.group("between") is None and "and" in text[match.end("lo"):match.start("hi")]:
            return None  # "2 and 5" without "between" is two numbers
        if lo is None or hi is None or lo >= hi:
            return None  # "3-1" is a score, not a range
        return Interval(lo, True, hi, True, lo_unit or hi_unit)
    match = BOUND.match(text)
    if match:
        n, unit = _number(match.group("n"), match.group("unit"))
        op = match.group("op")
        return None if n is None else _bound(n, unit, op)
    match = SUFFIX.match(text)
    if match:
        n, unit = _number(match.group("n"), match.group("unit"))
        op = match.group("op")
        if n is None:
            return None
        if op == "+" or re.search(r"more|greater|higher|above|longer|over|up", op):
            return Interval(n, True, math.inf, False, unit)
        return Interval(-math.inf, False, n, True, unit)
    match = POINT.match(text)
    if match:
        n, unit = _number(match.group("n"), match.group("unit"))
        return None if n is None else Interval(n, True, n, True, unit)
    return None


def _bound(n: float, unit: str, op: str) -> Interval:
    op = re.sub(r"\s+", " ", op)
    if re.fullmatch(_LOWER_OPEN, op):
        return Interval(n, False, math.inf, False, unit)
    if re.fullmatch(_LOWER_CLOSED, op):
        return Interval(n, True, math.inf, False, unit)
    if re.fullmatch(_UPPER_OPEN, op):
        return Interval(-math.inf, False, n, False, unit)
    return Interval(-math.inf, False, n, True, unit)


def _number(number: str, unit: Optional[str]):
    """(value, unit name) of a number and the words after it."""
    unit = (unit or "").strip()
    dollars = "$" in number
    try:
        value = float(number.replace("$", "").replace(",", ""))
    except ValueError:
        return None, ""
    words = unit.split()
    if words and words[0] in _SCALE:
        value *= _SCALE[words[0]]
        words = words[1:]
    unit = " ".join(_unit_word(w) for w in words)
    if dollars:
        unit = ("$ " + unit).strip()
    return value, unit


def _unit_word(word: str) -> str:
    word = _UNIT_NAMES.get(word, word)
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return _UNIT_NAMES.get(word, word)
