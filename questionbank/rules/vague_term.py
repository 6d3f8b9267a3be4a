"""An option or the question uses a vague frequency word such as "usually".

## What it does
Reports vague frequency words (usually, often, sometimes, frequently,
rarely, seldom, occasionally, generally, typically, commonly, normally, "in
most cases", "more or less"; add your own with `extra-words`) in options and
in the question sentence of the stem. The scenario before the question is
not read: "data that is rarely accessed" there is a requirement. Words in
code, names in title case and these phrases are left alone: "generally
available", "frequently accessed data", "rarely changed", "infrequent
access", "how often", "most commonly", "more often than", "commonly known
as", "sometimes called", and technical terms and set phrases: "normally
distributed", "normally closed", "commonly accepted".

In an option the word is a warning. In the question it is info: "Which
modulation is commonly used for packet radio?" asks for the usual practice,
which often has one clear answer, so a reviewer should judge it.

## Why is this bad?
Examinees do not agree on how often "usually" or "sometimes" is, so an
option with such a word is neither clearly right nor clearly wrong, and a
question that asks what "usually" happens has more than one defensible
answer (NBME "vague terms").

## Example
```yaml
items:
  - id: ebs-snapshots
    type: single
    stem: What do Amazon EBS snapshots after the first one store?
    options:
      - text: Usually only the changed blocks
        correct: true
      - text: A full copy of the volume
      - text: The file system journal
```

## Use instead
```yaml
items:
  - id: ebs-snapshots
    type: single
    stem: What do Amazon EBS snapshots after the first one store?
    options:
      - text: The blocks that changed since the previous snapshot
        correct: true
      - text: A full copy of the volume
      - text: The file system journal
```

## Options
- `extra-words` (default none): more words or phrases to report.
- `allow` (default none): phrases in which the words are fine.

## Firing rate
Measured on the converted corpora (`benchmarks/devset/rates.py`, items with a finding / items):
- Options (warning): radio pools 40 / 4,041 (1.0%), MMLU 268 / 15,906
  (1.7%), OpenTriviaQA 52 / 49,716 (0.1%), AWS CCP 3 / 1,142. Hand check of
  10 per corpus: real hedges ("Ferrite cores generally have lower initial
  permeability", "Long-term memory often discards older memories"), except
  descriptions such as "an antenna commonly used for satellite work".
  Technical terms ("normally distributed", "normally closed") and
  "commonly accepted" took 9 MMLU and 2 radio items away.
- Question (info): with them, radio pools 206 (5.1%), MMLU 403 (2.5%),
  OpenTriviaQA 318 (0.6%). Most are questions about usual practice ("What
  type of modulation is commonly used for VHF packet radio?"), which is why
  they are info and not warnings.
- The example bank: 0.
"""

from __future__ import annotations

from typing import Iterator

from questionbank.finding import Severity
from questionbank.item import Item
from questionbank.rules._options import configured, excerpt, name
from questionbank.rules.base import BankContext, Problem
from questionbank.text import question_sentence

ID = "vague-term"
LEVEL = "warning"
SCOPE = "item"
OPTIONS = {"extra-words": [], "allow": []}

TERMS = ("usually", "often", "sometimes", "frequently", "rarely", "seldom", "occasionally",
         "generally", "typically", "commonly", "normally", "in most cases", "more or less")
ALLOW = (
    r"generally\s+available", r"infrequent\s+access", r"how\s+often",
    # Classes of data and components, not hedges: "frequently accessed data".
    r"(?:in)?frequently\s+(?:accessed|changing|changed|updated|requested|read|written|used)",
    r"rarely\s+(?:accessed|changed|updated|used)",
    r"(?:most|more|less|least)\s+(?:often|commonly|frequently|usually|typically|normally)",
    r"(?:more|less)\s+often\s+than",
    # Technical terms and set phrases: "normally distributed", "a normally
    # closed contact", "commonly accepted practice" (a convention).
    r"normally\s+(?:distributed|closed|open|off|on|aspirated)", r"(?:commonly|generally|widely)\s+accepted",
    # Naming: "also commonly known as", "sometimes called".
    r"(?:commonly|often|sometimes|usually|generally|typically)\s+(?:known|called|referred|named|termed)",
)


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    matcher = configured(options, TERMS, ALLOW)
    question = question_sentence(item.stem) if matcher.pattern.search(item.stem) else ""
    terms = sorted({t for t, _ in matcher.find(question)}) if question else []
    if terms:
        yield Problem(f"stem: vague term {_list(terms)} in the question {excerpt(question, 80)}; "
                      "ask about a definite case instead", ("stem",), severity=Severity.INFO)
    for option in item.options:
        terms = sorted({t for t, _ in matcher.find(option.text)})
        if terms:
            yield Problem(f"{name(option)}.text: vague term {_list(terms)} in {excerpt(option.text)}; "
                          "examinees read it differently; state when it holds instead",
                          ("options", option.index, "text"))


def _list(terms) -> str:
    return ", ".join(repr(t) for t in terms)
