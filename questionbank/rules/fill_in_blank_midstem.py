"""The stem has a blank to fill in that is not at its end.

## What it does
Reports a stem with a blank drawn as one ("____", "[blank]", "( )") that
more words follow: "The ____ relationship between inflation and
unemployment", "____, a steroid found in sweat, is ...". A blank at the end
("The sub key length of DES is ____.") is the usual completion format and is
not reported, nor is one followed by a unit or a few words ("____ ohms");
words in inline code are not read ("`__init__`"), and neither is an
instruction after the blank ("(Select TWO.)"), nor a quotation to complete,
where the quoted words put the blank ("What is the missing word in this
saying: ____ is the poor man's doctor?"). An ellipsis is not taken for
a blank here: inside a sentence it as often marks words left out of a quotation.

## Why is this bad?
A blank in the middle makes the reader hold a broken sentence in mind and
read it again with each option; several blanks make the options lists of
words to fit, which test reading more than knowledge (Tarrant et al.'s
"fill in the blank" flaw; Penn State's item-writing guide: put the blank at
the end, or ask a question). It is a matter of readability, not a cue to
the answer, hence `info`.

## Example
```yaml
items:
  - id: nat-gateway
    type: single
    stem: A ____ lets instances in a private subnet reach the internet over IPv4.
    options:
      - text: NAT gateway
        correct: true
      - text: Internet gateway
      - text: Virtual private gateway
```

## Use instead
```yaml
items:
  - id: nat-gateway
    type: single
    stem: What lets instances in a private subnet reach the internet over IPv4?
    options:
      - text: NAT gateway
        correct: true
      - text: Internet gateway
      - text: Virtual private gateway
```

## Options
- `min-words-after` (number): how many words must follow the first blank
  for it to count as in the middle (3: "____ years of age." counts, "____
  ohms." does not).

## Firing rate
Items reported / items (`benchmarks/devset/rates.py`): MMLU 285 / 15,906
(1.8%, all at `info`); radio pools 0 / 4,041; AWS Cloud Practitioner
practice exams 0 / 1,142; OpenTriviaQA 30 / 49,716 (0.06%); the example
bank 0 / 53. On the labelled development set (`benchmarks/devset/`) it finds
all 12 labelled items and nothing else (precision and recall 1.00). A hand
check of 8 MMLU findings found 8 real mid-stem blanks; of 12 OpenTriviaQA
findings 7 are, and 5 are lines of lyrics or dialogue to complete that the
quotation rule above does not recognise ("Name the girl mentioned in the song
...: Me and ____ had so much fun").
"""

from __future__ import annotations

import re
from typing import Iterator

from questionbank.item import Item
from questionbank.rules.base import BankContext, Problem
from questionbank.text import drawn_blanks, instruction_of, plain, question_sentence, words

ID = "fill-in-blank-midstem"
LEVEL = "info"
SCOPE = "item"
OPTIONS: dict = {"min-words-after": 3}

# A quotation to complete has its blank where the quoted words put it.
_QUOTATION = re.compile(r"\b(?:missing|complete[sd]?|completes|fill|finish)\b.*?\b(?:quote|quotation|lyrics?|song|saying|"
                        r"phrase|proverb|poem|verse|line|title|clich[eé]|joke|motto|slogan|idiom|expression|note|dialogue|sequence)s?\b",
                        re.I | re.S)


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    if "_" not in item.stem and "(" not in item.stem and "[" not in item.stem:
        return
    prose = plain(item.stem)
    instruction = instruction_of(prose)
    if instruction:
        prose = prose.replace(instruction, " ")
    blanks = drawn_blanks(prose)
    if not blanks or _QUOTATION.search(prose[:blanks[0][0]]):
        return
    question = question_sentence(item.stem)
    question = question.replace(instruction_of(question), "").strip() if question else ""
    if question and not drawn_blanks(question):
        return  # the blank is in material the question asks about
    after = len(words(prose[blanks[0][1]:].replace("_", " ")))
    if after < options.get("min-words-after", 3):
        return
    many = f"{len(blanks)} blanks, the first" if len(blanks) > 1 else "a blank"
    yield Problem(f"the stem has {many} followed by {after} more words: put the blank at the end of the stem, "
                  "or ask a question", ("stem",))
