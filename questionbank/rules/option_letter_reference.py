"""An option refers to other options by their letters.

## What it does
Reports an option that names other options by letter: "Both A and C",
"A and B only", "A, B and D", "(a) and (b)", "Option B", "Answers A and
C are correct", "All of A, B". A letter that is part of a name is left
alone ("Type A record", "Class B address", "vitamin A", "Plan B"), and so
are letters that the stem itself uses as labels ("Points A, B and C ...",
"Statement A ..."): then the option refers to the stem, not to options.

## Why is this bad?
qb shuffles options by default, and so do most delivery systems: after the
shuffle "Both A and C" names two other options, and the item is wrong
without anyone noticing. Such options also make the options depend on each
other (Haladyna, Downing and Rodriguez 2002, guidelines 22 and 28e).

## Example
```yaml
items:
  - id: s3-delete-protection
    type: single
    stem: Which settings protect S3 objects from being deleted by mistake?
    options:
      - text: S3 Versioning
      - text: S3 Transfer Acceleration
      - text: MFA Delete
      - text: Both A and C
        correct: true
```

## Use instead
```yaml
items:
  - id: s3-delete-protection
    type: multiple
    stem: Which settings protect S3 objects from being deleted by mistake? (Select TWO.)
    options:
      - text: S3 Versioning
        correct: true
      - text: S3 Transfer Acceleration
      - text: MFA Delete
        correct: true
      - text: S3 Inventory
      - text: A Type A record in Route 53 that points to the bucket
```

## Firing rate
Measured on the converted corpora (`qb lint BANK --format json`, items with a finding / items):
- MMLU: 111 / 15,906 (0.7%): "both A and B", "neither a nor b", "A and C
  only", "(A), (B), and (C)", "Options A and B"; all checked, all refer to
  options.
- OpenTriviaQA 0 / 49,716, radio pools 0 / 4,041, AWS CCP 0 / 1,142, the
  example bank 0.
- Tuning: lists of letters without "and"/"or" are chord and note lists in
  OpenTriviaQA ("E, D, G", 9 items) and "For A Few Dollars More" looked like
  "F or A"; math options ("a,b in H", "both b and c" with b and c in the
  stem) are variables. None of these is flagged now.
"""

from __future__ import annotations

import re
from typing import Iterator, Set

from questionbank.item import Item
from questionbank.phrases import letter_reference
from questionbank.rules._options import excerpt, name
from questionbank.rules.base import BankContext, Problem
from questionbank.text import plain

ID = "option-letter-reference"
LEVEL = "warning"
SCOPE = "item"
OPTIONS: dict = {}

_LETTERS = re.compile(r"\(([A-Ha-h])\)|\b([A-Ha-h])\b")
# "A" before a lower-case word is the article ("A company ..."), unless that
# word joins it to a verb or another label ("A and B", "A is ...").
_STEM_LABEL = re.compile(
    r"(?<![\w'’./-])\(?(?:([B-H])|A(?!\s+(?!(?:and|or|nor|is|are|was|were|has|have|to)\b)[a-z]))\)?(?![\w'’/-])")
# A lower-case letter standing alone in the stem is a variable ("if b > 0")
# or, in parentheses, a label ("(a) ...").
_STEM_VARIABLE = re.compile(r"\(([a-h])\)|(?<![\w'’.(-])([b-h])(?![\w'’-])")


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    for option in item.options:
        if not refers_to_options(option.text, item.stem):
            continue
        instead = "write the option out" if item.type == "multiple" else \
            "write the option out, or make the item multiple-response"
        yield Problem(f"{name(option)}.text: {excerpt(option.text)} refers to options by letter, which is wrong "
                      f"once options are shuffled; {instead} (kept, it holds the item's options in place when "
                      "they are shuffled; `pin: true` on them says so)",
                      ("options", option.index, "text"))


def refers_to_options(text: str, stem: str) -> bool:
    """Whether an option's text names other options by letter ("Both A and
    C"), leaving out letters that ``stem`` uses as labels or variables of its own."""
    match = letter_reference(text)
    if match is None:
        return False
    letters = {a or b for a, b in _LETTERS.findall(match)}
    return bool(letters) and not letters & _stem_labels(stem)


def _stem_labels(stem: str) -> Set[str]:
    """The letters that the stem uses as labels of its own or as variables."""
    text = plain(stem)
    labels = {m.group(1) or "A" for m in _STEM_LABEL.finditer(text)}
    return labels | {a or b for a, b in _STEM_VARIABLE.findall(text)}
