"""The stem asks nothing: it has no question and no instruction.

## What it does
Reports a stem that is made only of complete statements: no question mark,
no blank to fill in ("____"), no instruction ("Select ...", "Identify ...",
"Complete the statement", "True or false:"), and no open sentence for the
options to complete ("The term 'Cold War' refers to the", "... is caused
by:"). Two formats ask without saying so and are not reported: a clue that
points at the answer with "this" ("This composer wrote nine symphonies."),
and statements to judge when the options are only "True" and "False" (or
"Yes" and "No", also in pairs such as "True, False"). The prompt of an
`open` item may be any instruction ("Reflect on how you would design a data
lake.", "Imagine you run a small shop. Describe ...").

## Why is this bad?
A stem that states facts leaves the examinee to guess what is asked: the most
true option, the false one, the odd one out. The item then tests reading the
options rather than the knowledge in the stem (the NBME guide's "cover the
options" rule: a good stem can be answered before the options are read;
Haladyna, Downing and Rodriguez 2002, guidelines 14 and 15).

## Example
```yaml
items:
  - id: hibernation
    type: single
    stem: Three of these animals hibernate in winter.
    options:
      - text: Hedgehog
      - text: Dormouse
      - text: Common frog
      - text: Red fox
        correct: true
```

## Use instead
```yaml
items:
  - id: hibernation
    type: single
    stem: Three of these animals hibernate in winter. Which one does not?
    options:
      - text: Hedgehog
      - text: Dormouse
      - text: Common frog
      - text: Red fox
        correct: true
```

## Firing rate
Items reported / items: MMLU 105 / 15,906 (0.7%: "Statement 1 | ...
Statement 2 | ..." pairs, numbered statements whose list was lost, bare
definitions such as "Short sequence by promoter that assists transcription.");
radio pools and AWS practice exams 0; OpenTriviaQA 1,492 / 49,716 (3.0%:
clues written as statements, "He was the first African-American to play in
the NBA."); the example bank 0 / 53.
"""

from __future__ import annotations

import re
from typing import Iterator

from questionbank.item import Item
from questionbank.rules.base import BankContext, Problem
from questionbank.text import has_blank, instruction_of, plain, sentences

ID = "stem-not-question"
LEVEL = "warning"
SCOPE = "item"
OPTIONS: dict = {}

_ASKING_START = re.compile(
    r"^\W*(?:select|choose|pick|identify|name|list|describe|explain|determine|calculate|compute|complete|finish|"
    r"fill|match|order|rank|arrange|indicate|mark|give|state|find|estimate|classify|evaluate|compare|recommend|"
    r"propose|design|justify|outline|define|solve|simplify|translate|convert|write|spell|guess|predict|"
    r"express|show|prove|round|sketch|draw|interpret|distinguish|analy[sz]e|summari[sz]e|discuss|provide|"
    r"suggest|specify|label|count|sort|rewrite|correct|use|factor|expand|"
    r"which|what|how|why|when|where|who|whom|whose|true\s+or\s+false|true/false|t/f)\b", re.I)
# A sentence ends with a full stop or an exclamation mark; anything else
# ("... refers to the", "... is caused by:") is open for the options to complete.
_CLOSED = re.compile(r"[.!][\"'\u201d\u2019)\]]*$")
# "This composer ...", "In this 2004 remake ...": the clue names what is asked
# ("three of these animals" points at the options instead).
_THIS_CLUE = re.compile(
    r"(?:\bthis|(?<!\bof\s)\bthese)\s+(?!(?:is|was|are|were|will|would|can|could|has|have|had|may|might|must|should|"
    r"question|questions|passage|information|statement|statements|text|excerpt|scenario|case|problem|"
    r"example|situation|item|section)\b)[A-Za-z0-9]", re.I)
# An open item's prompt may be any instruction: a sentence that starts with a
# verb and goes on with what it acts on ("Reflect on ...", "Imagine you ...",
# "Consider the ..."). A statement's second word is mostly its verb instead.
_OPEN_PROMPT = re.compile(
    r"^\W*(?!(?:the|a|an|this|that|these|those|it|its|they|there|he|she|we|i|in|on|at|for|of)\b)[A-Za-z]+\s+"
    r"(?:on|about|upon|how|why|what|whether|which|who|when|where|if|the|a|an|your|you|yourself|me|us|it|its|"
    r"this|that|these|those|some|each|one|two|three|in|with|between|for|to|through|up|out|back|over)\b", re.I)
_TRUE_FALSE = re.compile(r"^\W*(?:(?:true|false|yes|no|t|f|correct|incorrect)\W*)+$", re.I)


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    prose = plain(item.stem)
    if not prose or "?" in prose or has_blank(item.stem) or instruction_of(prose):
        return
    parts = sentences(prose)
    if not _CLOSED.search(parts[-1]):
        return
    if any(_ASKING_START.match(p) for p in parts) or _THIS_CLUE.search(prose):
        return
    if not item.is_choice and any(_OPEN_PROMPT.match(p) for p in parts):
        return
    if item.options and all(_TRUE_FALSE.match(plain(o.text)) for o in item.options):
        return
    yield Problem("the stem asks nothing: end it with the question or the instruction, "
                  "or leave it open for the options to complete", ("stem",))
