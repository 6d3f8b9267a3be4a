"""Numeric options are not listed in order.

## What it does
Reports a choice item whose options are all numbers or numeric ranges of
one quantity ("128 MB", "3,008 MB", "10 GB"; a last option that is not a
number, such as "None of these", is set aside), with at least three of
them, when they are in neither ascending nor descending order. Units of one
quantity are compared in the same unit ("600 kHz" comes before "5 MHz");
options in units of different quantities are not compared.

## Why is this bad?
An examinee who has worked out the answer has to hunt for it among numbers
in random order, which costs time and causes slips that have nothing to do
with the knowledge tested; in order, the options also show at a glance that
they cover the range evenly (Haladyna, Downing and Rodriguez 2002,
guideline 21: place choices in logical or numerical order; Tarrant's "lost
sequence").

The finding is a warning when examinees see the options as written: the
bank's exam specs print options unshuffled (`shuffle: {options: false}`),
or the options are pinned. Otherwise qb render shuffles them anyway, and
the finding is info: to print numeric options in order, list them in order
and pin them (`pin: true`).

## Example
```yaml
items:
  - id: lambda-memory
    type: single
    stem: What is the most memory that you can configure for an AWS Lambda function?
    options:
      - text: 128 MB
      - text: 10,240 MB
        correct: true
      - text: 512 MB
      - text: 3,008 MB
```

## Use instead
```yaml
items:
  - id: lambda-memory
    type: single
    stem: What is the most memory that you can configure for an AWS Lambda function?
    options:
      - text: 128 MB
        pin: true
      - text: 512 MB
        pin: true
      - text: 3,008 MB
        pin: true
      - text: 10,240 MB
        correct: true
        pin: true
```

## Firing rate
Measured on the converted corpora (items with a finding / items;
`benchmarks/devset/rates.py`; none has exam specs, so every finding is
info): MMLU 339 / 15,906 (2.1%), radio pools 193 / 4,041 (4.8%), AWS CCP
1 / 1,142, OpenTriviaQA 2,351 / 49,716 (4.7%), the example bank 0 / 53.
A hand check of 20 findings found 20 sets of numbers really out of order
("28, 30, 32, 26" teeth, "2008, 2007, 2006, 2009", "30 to 300 kHz, 30 to
300 MHz, 300 to 3000 kHz, 300 to 3000 MHz"). On the development set
(`benchmarks/devset`) it finds all 11 labelled items and no other.
"""

from __future__ import annotations

from typing import Iterator

from questionbank.finding import Severity
from questionbank.item import Item
from questionbank.rules._numbers import in_one_quantity, numeric_options
from questionbank.rules._options import excerpt, name
from questionbank.rules.base import BankContext, Problem

ID = "numeric-options-unordered"
LEVEL = "warning"
SCOPE = "item"
OPTIONS: dict = {}


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    if not item.is_choice:
        return
    readings = numeric_options(item.options)
    if readings is None:
        return
    values = in_one_quantity([r for _, r in readings])
    if values is None:
        return
    if all(a <= b for a, b in zip(values, values[1:])) or all(a >= b for a, b in zip(values, values[1:])):
        return
    # The first option that breaks the order the first two set up.
    rising = values[1] >= values[0]
    n = next(i for i in range(1, len(values)) if (values[i] < values[i - 1]) == rising
             and values[i] != values[i - 1])
    option = readings[n][0]
    shown = ", ".join(excerpt(o.text, 20) for o, _ in readings)
    # Examinees see the authored order when the exams print it or the
    # options are pinned; otherwise shuffling decides it, and pinning is the fix.
    seen = ctx.prints_as_written or all(o.pin for o, _ in readings)
    advice = "" if seen else " and pin them (`pin: true`) so that shuffled forms keep the order"
    yield Problem(f"{name(option)}.text: the numeric options are out of order ({shown}); "
                  f"list them from smallest to largest{advice}", ("options", option.index, "text"),
                  severity=None if seen else Severity.INFO)
