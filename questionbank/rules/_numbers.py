"""Options that are a number or a range of numbers with an optional unit,
read for the rules about numeric options (overlapping-ranges,
numeric-options-unordered, numeric-format-inconsistent).

An option is read only when it is nothing but the number or range: "1 to 7
days", "2-5", "between 2 and 5 hours", "less than 10 minutes", "at least 5",
"5 or more", "$10-$20", "12", "300 million". Anything more ("Keep backups
for 7 days") is prose and is not read.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import List, NamedTuple, Optional, Sequence, Tuple

from questionbank.item import Option
from questionbank.text import normalize, plain

_NUM = r"[-+]?\$?\d+(?:,\d{3})*(?:\.\d+)?|[-+]?\$?\.\d+"


def _unit(group: str) -> str:
    # Up to three words; glued to the number only when longer than a letter
    # ("10GB", "5%") or "k": "40p" or "1930s" is not a number with a unit,
    # and "2nd" or "12th century" is an ordinal.
    return (rf"(?:(?P<{group}>%|\s*%|(?:\s+[^\W\d_]|(?!(?:st|nd|rd|th)\b)[^\W\d_][\w./²³]|k)[\w./²³]*"
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
# "Plus or minus 5 MHz" states a magnitude, as a repeater offset.
POINT = re.compile(rf"^{_ABOUT}(?:(?:plus\s+or\s+minus|±|\+/-)\s*)?(?P<n>{_NUM}){_UNIT}$")

_DIGIT = re.compile(r"\d")
SCALE = {"k": 1e3, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
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


class Reading(NamedTuple):
    """What an option states: its interval, how it is written (``kind``:
    "point", "range" or "bound"; the numbers as written; the unit as
    written, before it is normalised), for the rules that compare formats."""

    interval: Interval
    kind: str
    numbers: Tuple[str, ...]
    written_unit: str


def has_digit(text: str) -> bool:
    return bool(_DIGIT.search(text))


def is_years(interval: Interval) -> bool:
    """A span of years such as "1971-1980" (a reign, a career) names a
    period; it is not a bin of values."""
    return (not interval.unit and not interval.is_point and interval.lo.is_integer()
            and interval.hi.is_integer() and 1000 <= interval.lo < interval.hi <= 2100)


def parse(text: str) -> Optional[Interval]:
    """The interval an option states, or None when it is not only a number or range."""
    reading = read(text)
    return reading.interval if reading else None


@lru_cache(maxsize=65536)
def read(text: str) -> Optional[Reading]:
    """How an option states a number or range, or None when it is not only that."""
    text = normalize(plain(text))
    if not text or not has_digit(text):
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
        return Reading(Interval(lo, True, hi, True, lo_unit or hi_unit), "range",
                       (match.group("lo"), match.group("hi")), _written(match.group("unit")))
    match = BOUND.match(text)
    if match:
        n, unit = _number(match.group("n"), match.group("unit"))
        if n is None:
            return None
        return Reading(_bound(n, unit, match.group("op")), "bound", (match.group("n"),),
                       _written(match.group("unit")))
    match = SUFFIX.match(text)
    if match:
        n, unit = _number(match.group("n"), match.group("unit"))
        op = match.group("op")
        if n is None:
            return None
        if op == "+" or re.search(r"more|greater|higher|above|longer|over|up", op):
            interval = Interval(n, True, math.inf, False, unit)
        else:
            interval = Interval(-math.inf, False, n, True, unit)
        return Reading(interval, "bound", (match.group("n"),), _written(match.group("unit")))
    match = POINT.match(text)
    if match:
        n, unit = _number(match.group("n"), match.group("unit"))
        if n is None:
            return None
        return Reading(Interval(n, True, n, True, unit), "point", (match.group("n"),), _written(match.group("unit")))
    return None


def _written(unit: Optional[str]) -> str:
    return (unit or "").strip()


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
    if words and words[0] in SCALE:
        value *= SCALE[words[0]]
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


def _family(name: str, base: float, **units: float) -> dict:
    return {unit: (name, base * factor) for unit, factor in units.items()}


# Units that measure the same quantity, with their size in the smallest
# common unit, so "600 kHz" and "5 MHz" can be compared. Units are read
# case-folded and singular ("mhz", "minute"); "mw" and "mv" are milli.
_UNIT_SIZES = {
    **_family("time", 1, second=1, sec=1, s=1, ms=1e-3, millisecond=1e-3, minute=60, hour=3600, day=86400,
              week=604800, month=2629800, year=31557600),
    **_family("frequency", 1, hz=1, khz=1e3, mhz=1e6, ghz=1e9, thz=1e12, hertz=1, kilohertz=1e3, megahertz=1e6,
              gigahertz=1e9),
    **_family("bytes", 1, b=1, byte=1, kb=1e3, mb=1e6, gb=1e9, tb=1e12, pb=1e15, kib=1024, mib=1024 ** 2,
              gib=1024 ** 3, tib=1024 ** 4, kilobyte=1e3, megabyte=1e6, gigabyte=1e9, terabyte=1e12,
              petabyte=1e15),
    **_family("power", 1, w=1, watt=1, kw=1e3, kilowatt=1e3, mw=1e-3, milliwatt=1e-3, megawatt=1e6),
    **_family("voltage", 1, v=1, volt=1, kv=1e3, kilovolt=1e3, mv=1e-3, millivolt=1e-3),
    **_family("current", 1, a=1, amp=1, ampere=1, ma=1e-3, milliampere=1e-3, milliamp=1e-3),
    **_family("resistance", 1, ohm=1, **{"ω": 1, "kω": 1e3, "mω": 1e6}, kohm=1e3, kilohm=1e3, megohm=1e6),
    **_family("length", 1, m=1, meter=1, metre=1, cm=1e-2, mm=1e-3, km=1e3, centimeter=1e-2, millimeter=1e-3,
              kilometer=1e3),
    **_family("mass", 1, g=1, gram=1, kg=1e3, kilogram=1e3, mg=1e-3, milligram=1e-3),
}


def measure(unit: str) -> Tuple[str, float]:
    """(quantity, size) of a normalised unit: ("frequency", 1e6) for "mhz";
    an unknown unit is a quantity of its own with size 1."""
    return _UNIT_SIZES.get(unit, (unit, 1.0))


def numeric_options(options: Sequence[Option]) -> Optional[List[Tuple[Option, Reading]]]:
    """The options read as numbers when all of them are numbers or ranges,
    or all but a last one that is not ("None of these", "Cannot be
    determined"); None otherwise, or when fewer than three are numbers."""
    readings = []
    for n, option in enumerate(options):
        reading = read(option.text) if has_digit(option.text) else None
        if reading is None:
            if n == len(options) - 1:
                break
            return None
        readings.append((option, reading))
    return readings if len(readings) >= 3 else None


def in_one_quantity(readings: Sequence[Reading]) -> Optional[List[Tuple[float, float]]]:
    """(low, high) of each reading in the smallest unit of their common
    quantity ("5 MHz" and "600 kHz" in hertz), or None when the units measure
    different things. Numbers without a unit take the others' quantity."""
    quantities = {measure(r.interval.unit)[0] for r in readings if r.interval.unit}
    if len(quantities) > 1:
        return None
    return [(r.interval.lo * measure(r.interval.unit)[1], r.interval.hi * measure(r.interval.unit)[1])
            for r in readings]
