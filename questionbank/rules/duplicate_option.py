"""Two options of one item are the same text.

## What it does
Compares the options of an item after normalisation (Unicode forms, curly
quotes and dashes made plain, emphasis markers, case, white space and
trailing punctuation) and reports each option that repeats an earlier one,
also when one of the two is the key. When the two differ in letter case
only, the finding is info: case is often the content ("kHz" and "KHz",
genotypes "Bb" and "BB", "ii" and "II").

## Why is this bad?
A repeated distractor is a wasted option, so the item has fewer real
choices than it shows. When the key is repeated, an examinee who picks the
copy is scored as wrong for the right answer.

## Example
```yaml
items:
  - id: glacier-deep-archive
    type: single
    stem: Which storage class is the cheapest for backups restored once a year?
    options:
      - text: Amazon S3 Glacier Deep Archive
        correct: true
      - text: Amazon S3 Standard-IA
      - text: Amazon S3 One Zone-IA
      - text: "Amazon S3 Glacier Deep Archive."
```

## Use instead
```yaml
items:
  - id: glacier-deep-archive
    type: single
    stem: Which storage class is the cheapest for backups restored once a year?
    options:
      - text: Amazon S3 Glacier Deep Archive
        correct: true
      - text: Amazon S3 Standard-IA
      - text: Amazon S3 One Zone-IA
      - text: Amazon S3 Glacier Flexible Retrieval
```

## Firing rate
Measured on the converted corpora (`qb lint BANK --format json`, items with a finding / items):
- MMLU: 18 / 15,906 items (0.11%): 13 exact repeats, all real (the same
  distractor twice, "0.015 joule." twice, a key repeated as a distractor),
  and 5 items of case-only info findings, all intended (genotypes "Bb × Bb" /
  "BB × Bb", "ii" / "II", predicate logic "Sc ≡ Ej" / "sC ≡ eJ").
- Radio pools: 5 / 4,041, all case-only info on the "abbreviation for
  kilohertz / megahertz" items, which are about case.
- OpenTriviaQA: 24 / 49,716 (0.05%), all exact repeats, including the 5
  known items whose key is listed twice (animals-1009, celebrities-2157,
  humanities-129, humanities-961, television-4056).
- AWS CCP: 0 / 1,142. The example bank: 0.
"""

from __future__ import annotations

import unicodedata
from typing import Dict, Iterator

from questionbank.finding import Severity
from questionbank.item import Item, Option
from questionbank.rules._options import candidates, excerpt, keyed, name
from questionbank.rules.base import BankContext, Problem
from questionbank.text import normalize

ID = "duplicate-option"
LEVEL = "error"
SCOPE = "item"
OPTIONS: dict = {}


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    seen: Dict[str, Option] = {}
    for option in candidates(item.options):
        key = normalize(option.text)
        if not key:
            continue
        first = seen.get(key)
        if first is None:
            seen[key] = option
            continue
        role = keyed(first, option)
        if _same_case(first.text, option.text):
            yield Problem(f"{name(option)}.text: {excerpt(option.text)} repeats {name(first)}{role}; "
                          "write a different distractor or remove it", ("options", option.index, "text"))
        else:
            yield Problem(f"{name(option)}.text: {excerpt(option.text)} differs from {name(first)} "
                          f"{excerpt(first.text)} only in letter case{role}; fine when case is the point (genotypes, "
                          "unit symbols), else write a different option", ("options", option.index, "text"),
                          severity=Severity.INFO)


def _same_case(a: str, b: str) -> bool:
    """Whether two texts that normalise alike also agree in letter case."""
    return _letters(a) == _letters(b)


def _letters(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalpha())
