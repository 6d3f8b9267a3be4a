"""Numeric options state their numbers in different ways.

## What it does
Reads choice items whose options are all numbers or numeric ranges (a last
option that is not a number, such as "None of these", is set aside), at
least three of them, and reports options written differently from the
others:

- one magnitude in two units: a value that another option's larger unit
  would state ("2,048 MB" beside "1 GB", "120 minutes" beside "3 hours"),
  or a fraction of a larger unit beside a smaller one ("0.5 GB" beside "512
  MB"); each value in the unit that suits it ("30 seconds", "3 minutes",
  "90 minutes", "72 hours") is fine;
- one option in a unit one letter away from the unit all the others share
  ("80 mpg" among "10 mph", "20 mph", "40 mph"): a slip;
- percentages beside plain numbers ("99.9%" beside "0.9999");
- a scale word beside the digits of a large number ("300 million" beside
  "300,000"), or thousands separators in some large numbers and not in
  others ("10,000" beside "5000");
- a single number among ranges, or a single range among numbers.

## Why is this bad?
When the numbers are written differently, the examinee has to convert them
before comparing, which tests care with units instead of the content, and
the odd one out draws attention to itself, often to the key (NBME: "numeric
data are not stated consistently").

## Example
```yaml
items:
  - id: kinesis-record
    type: single
    stem: What is the largest data blob that one Amazon Kinesis Data Streams record can hold?
    options:
      - text: 256 KB
      - text: 512 KB
      - text: 1,024 KB
      - text: 10 MB
        correct: true
```

## Use instead
```yaml
items:
  - id: kinesis-record
    type: single
    stem: What is the largest data blob that one Amazon Kinesis Data Streams record can hold?
    options:
      - text: 0.25 MB
      - text: 0.5 MB
      - text: 1 MB
      - text: 10 MB
        correct: true
```

## Firing rate
Measured on the converted corpora (items with a finding / items;
`benchmarks/devset/rates.py`): MMLU 47 / 15,906 (0.3%, two thirds of them
accounting answers with and without thousands separators), radio pools
18 / 4,041 (0.4%), AWS CCP 0 / 1,142, OpenTriviaQA 15 / 49,716, the example
bank 0 / 53. A hand check of 20 findings found 18 real ("$20,000" /
"800000", "$7.2 million" / "$720,000", "24 Hours" beside days and years,
"1000 Hz" beside kHz, "15 MPG" among MPH, "0.025" among percentages) and
2 doubtful: radio band questions with "300 to 3000 kHz" beside bands in MHz.

Left alone on purpose, at a cost in recall: each value in the unit that
suits it ("600 kHz" beside "5 MHz": the development set labels one such
item, which the rule misses) and ratios ("1 in 100 to 1 in 200" beside "1
in 50", also missed). A first version reported any two units of one
quantity and any option in a unit of its own: 116 items, with "30 seconds"
/ "3 minutes", "6 weeks" / "6 months", "$45 loss" among "$15 profit" and
"70 CE" among "515 BCE", none of them a flaw.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator, List, Optional, Tuple

from questionbank.item import Item, Option
from questionbank.rules._numbers import SCALE, Reading, measure, numeric_options
from questionbank.rules._options import excerpt, name
from questionbank.rules.base import BankContext, Problem

ID = "numeric-format-inconsistent"
LEVEL = "warning"
SCOPE = "item"
OPTIONS: dict = {}

_SEPARATED = re.compile(r"\d,\d{3}")
# An item about converting units writes its options in several on purpose.
_CONVERSION = re.compile(r"\b(?:equal\s+to|equivalent\s+to|convert\w*|expressed\s+in|in\s+terms\s+of|another\s+way\s+to)\b",
                         re.I)


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    if not item.is_choice or _CONVERSION.search(item.stem):
        return
    readings = numeric_options(item.options)
    if readings is None:
        return
    for test in (_units, _percent, _scale, _separators, _points_and_ranges):
        found = test(readings)
        if found:
            odd, what = found
            yield Problem(f"{name(odd)}.text: {excerpt(odd.text)} {what}; state every option the same way",
                          ("options", odd.index, "text"))
            return


Found = Optional[Tuple[Option, str]]


def _units(readings: List[Tuple[Option, Reading]]) -> Found:
    units = Counter(r.interval.unit for _, r in readings if r.interval.unit and r.interval.unit != "%")
    if len(units) < 2:
        return None
    if len(units) == 2:
        (common, count), (other, once) = units.most_common()
        if once == 1 and count >= 2 and measure(common)[0] != measure(other)[0] and _one_edit(common, other):
            odd = next(o for o, r in readings if r.interval.unit == other)
            return odd, f"is in {other} while every other option is in {common}"
    # Units of one quantity, each for the values it suits ("30 seconds",
    # "3 minutes"), read fine; a value that the larger unit of another option
    # would state ("2048 MB" beside "1 GB", "60 minutes" beside "2 hours"), or
    # a fraction of a unit beside a smaller one ("0.5 GB" beside "512 MB"), is
    # the same magnitude written two ways. Units of time are not decimal:
    # "90 minutes", "72 hours" and "30 to 60 seconds" are how such spans are
    # said, so there only whole larger units count ("120 minutes", "48 hours").
    sized = [(o, r, measure(r.interval.unit)) for o, r in readings if r.interval.unit in units]
    if len({q for _, _, (q, _) in sized}) != 1:
        return None
    sizes = sorted({size for _, _, (_, size) in sized})
    decimal = sized[0][2][0] != "time"
    for option, reading, (_, size) in sized:
        numbers = [abs(_value(n)) for n in reading.numbers]
        larger = [s for s in sizes if s > size]
        top = max(numbers) * size
        whole = any(all(n * size % s == 0 and n * size >= s for n in numbers) for s in larger)
        if larger and top >= larger[0] and (decimal or whole) or min(numbers) < 1 and size > sizes[0]:
            return option, f"is in {reading.interval.unit} while other options state values of that size in " \
                f"{', '.join(sorted(u for u in units if u != reading.interval.unit))}"
    return None


# Eras name years, they are not units.
_ERAS = frozenset({"bc", "bce", "ad", "ce"})


def _one_edit(a: str, b: str) -> bool:
    """Whether two units differ by one letter ("mph" / "mpg", "ev" / "e"):
    a slip, where units that differ more ("loss" / "profit") are content."""
    if abs(len(a) - len(b)) > 1 or a == b or a in _ERAS or b in _ERAS:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _percent(readings: List[Tuple[Option, Reading]]) -> Found:
    percent = [o for o, r in readings if r.interval.unit == "%"]
    plain = [o for o, r in readings if not r.interval.unit]
    if percent and plain:
        return (plain if len(plain) <= len(percent) else percent)[0], "mixes percentages with plain numbers"
    return None


def _scale(readings: List[Tuple[Option, Reading]]) -> Found:
    scaled = [o for o, r in readings if r.written_unit.split()[:1] and r.written_unit.split()[0] in SCALE]
    digits = [o for o, r in readings if o not in scaled and max(abs(_value(n)) for n in r.numbers) >= 1000]
    if scaled and digits:
        return digits[0], "writes a large number in digits while other options use a scale word (million, ...)"
    return None


def _separators(readings: List[Tuple[Option, Reading]]) -> Found:
    large = [(o, n) for o, r in readings for n in r.numbers if abs(_value(n)) >= 10_000]
    separated = [o for o, n in large if _SEPARATED.search(n)]
    bare = [o for o, n in large if not _SEPARATED.search(n)]
    if separated and bare:
        return (bare if len(bare) <= len(separated) else separated)[0], \
            "writes large numbers with thousands separators where other options do not, or the other way round"
    return None


def _points_and_ranges(readings: List[Tuple[Option, Reading]]) -> Found:
    kinds = Counter(r.kind for _, r in readings)
    if kinds["bound"] or kinds["point"] < 1 or kinds["range"] < 1 or min(kinds["point"], kinds["range"]) > 1:
        return None
    lone = "range" if kinds["range"] == 1 else "point"
    odd = next(o for o, r in readings if r.kind == lone)
    return odd, ("is the only range among single numbers" if lone == "range"
                 else "is the only single number among ranges")


def _value(number: str) -> float:
    try:
        return float(number.replace("$", "").replace(",", ""))
    except ValueError:
        return 0.0
