"""The question says how many options to pick, and the key disagrees.

## What it does
Reads the question sentence of the stem (the last sentence that asks, with
an instruction after it such as "(Select TWO.)"; the scenario before it is
not read) and finds how many options it tells the examinee to pick:

- an instruction with a count: "(Select TWO.)", "Choose three", "Pick 2";
- in a `multiple` item, also a question with a count: "Which two ...",
  "What are the three ...";
- "Select all that apply": any number of keys is fine.

It reports a `multiple` item whose number of keys differs from that count, a
`single` item told to pick two or more, and a `multiple` item that does not
say how many to pick. "two Availability Zones" in the scenario is not an
instruction, and neither is "Which two planets ..." in a `single` item whose
options are pairs.

## Why is this bad?
An examinee who picks as many options as the question says can never score
on an item with another number of keys, and a multiple-response item that
does not say how many to pick turns into a guess about the count (the AWS
exams always say it).

## Example
```yaml
items:
  - id: ha-database
    type: multiple
    stem: >-
      A company runs its database in two Availability Zones. Which actions
      make reads scale without changing the application? (Select TWO.)
    options:
      - text: Add Aurora Replicas and use the reader endpoint
        correct: true
      - text: Put Amazon ElastiCache in front of the hot queries
        correct: true
      - text: Turn on Multi-AZ for the writer instance
        correct: true
      - text: Increase the backup retention period
      - text: Turn on Performance Insights
```

## Use instead
```yaml
items:
  - id: ha-database
    type: multiple
    stem: >-
      A company runs its database in two Availability Zones. Which actions
      make reads scale without changing the application? (Select TWO.)
    options:
      - text: Add Aurora Replicas and use the reader endpoint
        correct: true
      - text: Put Amazon ElastiCache in front of the hot queries
        correct: true
      - text: Turn on Multi-AZ for the writer instance
      - text: Increase the backup retention period
      - text: Turn on Performance Insights
```

## Firing rate
Measured on the converted corpora (`qb lint BANK --format json`, items with a finding / items):
- AWS CCP: 1 / 1,142 (0.1%). Its 267 `multiple` items all say how many to
  pick, several without a question mark ("Select TWO examples of ...",
  "Select TWO services that ..."), and are not flagged; the one finding,
  practice-exam-22-25, asks "Which configuration ...?" with two keys: a real
  flaw of the source.
- MMLU 0 / 15,906, radio pools 0 / 4,041, OpenTriviaQA 0 / 49,716 (all
  `single`). An earlier version flagged 2 MMLU combinatorics items ("choose 3
  cards from a deck"): a count counts only when it is in capitals, starts
  the sentence, or ends the instruction or names what to pick.
"""

from __future__ import annotations

import re
from typing import Iterator, Optional, Tuple

from questionbank.item import Item
from questionbank.rules.base import BankContext, Problem
from questionbank.text import plain, question_sentence

ID = "select-count-mismatch"
LEVEL = "error"
SCOPE = "item"
OPTIONS: dict = {}

NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten".split())}
_COUNT = r"(one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
_ALL = r"all\s+(?:that|which)\s+(?:apply|are\s+(?:correct|true))"

# "(Select TWO.)", "Choose three.", "Select the two best answers", "select
# all that apply". A count is an instruction when it is in capitals, when the
# verb starts a sentence, or when the count ends the instruction or names
# what to pick: "choose 3 cards from a deck" is the content of a
# combinatorics item, "Select TWO services that ..." is an instruction.
_PICKED = (r"(?:(?=\s*(?:[.)!:;,]|$|\s+(?:answers?|options?|responses?|choices?|statements?|correct|best|that|"
           r"which|from\s+the|of\s+the|in\s+total)\b))(?P<picked>))?")
INSTRUCTION = re.compile(
    rf"\b(?:select|choose|pick|mark|tick|check)\s+(?:the\s+)?(?:(?:best|correct)\s+)?(?:{_COUNT}\b{_PICKED}|({_ALL}))\b"
    rf"|\b({_ALL})\b", re.I)
_OPENERS = tuple(".?!:(")
# "Which two services ...", "What are the three ...", "Which of the following are two ...".
WHICH = re.compile(
    rf"\b(?:which|what)\s+(?:of\s+the\s+following\s+)?(?:are\s+|is\s+)?(?:the\s+)?{_COUNT}\b(?!\s*(?:%|percent))",
    re.I)
# An instruction in parentheses anywhere in the stem, for stems that put it
# before the question or after further prose.
PARENTHESIZED = re.compile(
    rf"\(\s*(?:select|choose|pick|mark)\s+(?:the\s+)?(?:(?:best|correct)\s+)?(?:{_COUNT}|({_ALL}))\b[^)]*\)", re.I)

ALL = -1  # "select all that apply"
_VERB = re.compile(r"\b(?:select|choose|pick|mark|tick|check)\b", re.I)


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    if not item.is_choice or not item.keys:
        return
    if item.type == "single" and not _VERB.search(item.stem):
        return  # the common case, decided without finding the question sentence
    keys = len(item.keys)
    question = question_sentence(item.stem)
    said = _explicit(question)
    if item.type == "single":
        if said is not None and said[0] >= 2:
            yield Problem(f"stem: the question says {said[1]!r} but this is a single item with one key; "
                          f"make it `type: multiple` with {_word(said[0])} keys, or drop the instruction",
                          ("stem",))
        return
    if said is None:
        said = _stated_elsewhere(item.stem, question)
    if said is None:
        yield Problem(f"stem: a multiple item must say how many options to pick; end the question with "
                      f"'(Select {_word(keys).upper()}.)'", ("stem",))
    elif said[0] != ALL and said[0] != keys:
        marked = f"{keys} option{'s are' if keys != 1 else ' is'} marked correct"
        yield Problem(f"stem: the question says {said[1]!r} but {marked}; mark {_word(said[0])} keys "
                      "or change the instruction", ("stem",))


def stated_count(stem: str) -> Optional[Tuple[int, str]]:
    """(count, words) of the stem's own statement of how many options to
    pick ("(Select TWO.)", "Which two services ...", "select all that
    apply": ALL), or None. The renderer prints its "Select N." only when
    this is None, so the instruction is not printed twice."""
    question = question_sentence(stem)
    return _explicit(question) or _stated_elsewhere(stem, question)


def _stated_elsewhere(stem: str, question: str) -> Optional[Tuple[int, str]]:
    return _which(question) or _explicit(plain(stem), PARENTHESIZED)


def _explicit(text: str, pattern: "re.Pattern[str]" = INSTRUCTION) -> Optional[Tuple[int, str]]:
    """(count, words) of the last pick instruction in ``text``."""
    found = None
    for match in pattern.finditer(text):
        if pattern is not INSTRUCTION or _is_instruction(text, match):
            found = match
    if found is None:
        return None
    count = found.group(1)
    return (ALL if count is None else _number(count)), found.group(0).strip()


def _is_instruction(text: str, match: "re.Match[str]") -> bool:
    count = match.group(1)
    if count is None or match.group("picked") is not None or (len(count) > 1 and count.isupper()):
        return True
    before = text[:match.start()].rstrip()
    return not before or before.endswith(_OPENERS)


def _which(text: str) -> Optional[Tuple[int, str]]:
    match = WHICH.search(text)
    return (_number(match.group(1)), match.group(0)) if match else None


def _number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBERS[word]


def _word(count: int) -> str:
    words = list(NUMBERS)
    return words[count] if 0 <= count < len(words) else str(count)
