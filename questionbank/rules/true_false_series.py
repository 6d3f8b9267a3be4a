"""The options are a series of true/false statements, not answers to one question.

## What it does
Reports two shapes of item:

- the question only asks which statement is true (or correct, accurate,
  false ...), "Which of the following statements about cellular respiration
  is correct?", and at least three options are statements of their own
  (sentences of six words or more), each true or false on a different point;
- the options are patterns of truth values: "True, False" / "False,
  False", "Wrong, Not wrong" (two statements judged at once);
- at `info`: the options are only "True" and "False" (or "Yes" and "No"),
  a true/false item written as a two-option item. That is a format a bank
  may choose (guessing is right half the time), so it is a note, not a
  warning.

Options that stand for the others ("All of the above") are set aside. A
question that names what it asks for ("Which statement explains why the
sky is blue?") is not reported, nor are options that are short answers
("x > 2", "Amazon S3"), nor statements that are alternatives on one point:
all but one start with the same three words ("He was born in 1926 ...",
"He was born in 1928 ..."), or each has a mirror that says nearly the same
with a part changed ("Write-back gives a better hit ratio than
write-through" / "Write-through gives a better hit ratio than write-back").

## Why is this bad?
Each option is then a true/false item of its own about a different point:
the item has no single question that a knowledgeable reader could answer
before reading the options, it samples knowledge at random, and with truth
patterns it rewards guessing on the pattern (Haladyna, Downing and
Rodriguez 2002, guideline 14 and the "one best answer" format; Tarrant et
al.'s and Rush et al.'s "series of true/false statements" flaw, among the
most common in reviewed banks).

## Example
```yaml
items:
  - id: s3-facts
    type: single
    stem: Which of the following statements about Amazon S3 is true?
    options:
      - text: Objects in S3 can be larger than fifty terabytes each.
      - text: S3 Versioning can be turned off once it has been enabled.
      - text: S3 Standard stores data in at least three Availability Zones.
        correct: true
      - text: Buckets are created in an Availability Zone that you choose.
```

## Use instead
```yaml
items:
  - id: s3-facts
    type: single
    stem: >-
      A company must keep its S3 data available when one Availability Zone
      fails. Which storage class meets this requirement at the lowest cost?
    options:
      - text: S3 Standard
        correct: true
      - text: S3 One Zone-IA
      - text: S3 Express One Zone
```

## Options
- `min-statements` (number): how many options must be statements of their
  own for a "which is true" question to count.
- `truth-values` (boolean): report options that are only truth values or
  patterns of them ("True, False"); turn it off for a bank of true/false
  items written as two-option items.

## Firing rate
Items reported / items (`benchmarks/devset/rates.py`): MMLU 1,436 / 15,906
(9.0%, all warnings: 1,122 are the truth patterns of the "moral scenarios"
and "Statement 1 | Statement 2" subjects, 314 "which is true" series);
radio pools 13 / 4,041 (0.3%); AWS Cloud Practitioner practice exams 8 /
1,142 (0.7%); OpenTriviaQA 190 / 49,716 at warning (0.4%), and 6,685 more
(13.4%) at `info`: its true/false items; the example bank 0 / 53. On the
labelled development set: 17 of 17 labelled items found, one false alarm
(precision 0.94: four exclusive statements about how Availability Zones
and edge locations relate). A hand check of 20 "which is true" findings (8
MMLU, 4 radio, 4 AWS, 4 trivia) found 18 real series; the 2 others are
exclusive alternatives on one point worded as full sentences (which
consumer surplus figure is right; whether an experiment is single- or
double-blind).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator, List

from questionbank.finding import Severity
from questionbank.item import Item
from questionbank.rules._options import content_options
from questionbank.rules.base import BankContext, Problem
from questionbank.text import STOPWORDS, lead_in, normalize, plain, stem_word, words

ID = "true-false-series"
LEVEL = "warning"
SCOPE = "item"
OPTIONS: dict = {"min-statements": 3, "truth-values": True}

_TRUTH = r"(?:true|false|yes|no|wrong|not\s+wrong|right|correct|incorrect|t|f)"
_TRUTH_PATTERN = re.compile(rf"^{_TRUTH}(?:\s*[,;/|]\s*{_TRUTH})*$", re.I)
_ONE_VALUE = re.compile(rf"^{_TRUTH}$", re.I)
_VALUE = r"(?:true|correct|accurate|false|incorrect|inaccurate|valid|invalid|untrue|right)"
_VALUE_WORD = re.compile(_VALUE, re.I)
_ABOUT = r"(?:about|regarding|concerning|of|on|for|describing|related\s+to|with\s+respect\s+to|in)"
# "Which of the following statements about X is correct?", "Which is true of
# X?", "which of the following is a true statement?", "Which statement is FALSE?"
_GENERIC = re.compile(
    rf"\bwhich\b(?:\s+one)?(?:\s+of\s+(?:the\s+following|these|those|the\s+statements?\s+below))?"
    rf"(?:\s+(?:statements?|sentences?|options?|choices?|answers?|claims?|assertions?|descriptions?))?"
    rf"(?:\s+{_ABOUT}\s+[^?]*?)?"
    rf"\s+(?:is|are)\s+(?:(?:most|least|not|NOT)\s+)?(?:(?:a|an)\s+)?{_VALUE}"
    rf"(?:\s+(?:statements?|sentences?|claims?|assertions?))?"
    rf"(?:\s+(?:{_ABOUT}|if|when|for)\b[^?]*)?\s*[?:.]?\s*$",
    re.I)


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    content = content_options(item)
    if len(content) < 2:
        return
    if options.get("truth-values", True) and all(_TRUTH_PATTERN.match(normalize(plain(o.text))) for o in content):
        if all(_ONE_VALUE.match(normalize(plain(o.text))) for o in content):
            # "True" / "False": one true/false item, a format the bank chose.
            yield Problem("the options are only 'True' and 'False' (or 'Yes' and 'No'): a true/false item, "
                          "answered right half the time by guessing", ("options",), severity=Severity.INFO)
        else:
            yield Problem("the options are patterns of truth values ('True, False'): each statement is a "
                          "true/false item of its own; ask one question with answers to choose from", ("options",))
        return
    question = lead_in(item.stem)
    if not question or not _GENERIC.search(question):
        return
    statements = [words(plain(o.text)) for o in content]
    statements = [w for w in statements if len(w) >= 6]
    if len(statements) >= options.get("min-statements", 3) and not _one_point(statements):
        yield Problem(f"the question only asks which statement is {_value(question)} and {len(statements)} options are "
                      "statements on different points: a series of true/false items; ask about one point",
                      ("stem",))


def _one_point(statements: List[List[str]]) -> bool:
    """Whether the statements are alternatives on one point: all but one
    start with the same three words ("He was born in 1926 ...", "He was born
    in 1928 ..."), or they come in mirrored pairs."""
    starts = Counter(" ".join(w[:3]).lower() for w in statements)
    if starts.most_common(1)[0][1] >= len(statements) - 1:
        return True
    # Or each statement has a mirror that says nearly the same with a part
    # changed ("Write-back usually results in a better hit ratio than
    # write-through" / "Write-through ... than write-back").
    sets = [{stem_word(w) for w in ws if w.lower() not in STOPWORDS} for ws in statements]
    return all(any(len(a & b) >= 0.5 * len(a | b) for b in sets if b is not a) for a in sets)


def _value(question: str) -> str:
    match = _VALUE_WORD.search(question)
    return match.group(0).lower() if match else "true"
