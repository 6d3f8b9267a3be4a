"""Every option starts with the same words, which belong in the stem.

## What it does
Reports an item whose options all begin with the same three words or more
("The ratio of the ...", "Plus or minus ...", "AWS allows customers to
..."), compared without regard to case. Options that stand for the others
("All of the above", "None of these") are set aside, at least three options
must remain, and each must go on after the shared words. A shared start made
only of words such as "Use", "Amazon", "AWS", articles and "to" ("Use Amazon
S3 to ...", the house style of AWS exams) is not counted.

## Why is this bad?
The repeated words are part of the question: left in the options they make
every option longer to read and hide what actually differs between them
(Haladyna, Downing and Rodriguez 2002, guidelines 13 and 15; Penn State's
item-writing guide: "If all responses begin with common words or phrases,
place these at the end of the stem"). It costs reading time, not fairness,
hence `info`.

## Example
```yaml
items:
  - id: deviation-ratio
    type: single
    stem: What is deviation ratio?
    options:
      - text: The ratio of the audio modulating frequency to the center carrier frequency
      - text: The ratio of the maximum carrier deviation to the highest audio modulating frequency
        correct: true
      - text: The ratio of the carrier center frequency to the audio modulating frequency
```

## Use instead
```yaml
items:
  - id: deviation-ratio
    type: single
    stem: Deviation ratio is the ratio of which two quantities?
    options:
      - text: The audio modulating frequency to the center carrier frequency
      - text: The maximum carrier deviation to the highest audio modulating frequency
        correct: true
      - text: The carrier center frequency to the audio modulating frequency
```

## Options
- `min-words` (number): how many words the options must share at their start.
- `ignore-words` (list of text): words that do not count towards a shared
  start when it has nothing else (the default list holds "use", "using",
  the vendor names "amazon", "aws" and "azure", articles and "to").

## Firing rate
Items reported / items (`benchmarks/devset/rates.py`, all at `info`): MMLU
439 / 15,906 (2.8%); radio pools 103 / 4,041 (2.5%); AWS Cloud Practitioner
practice exams 26 / 1,142 (2.3%); OpenTriviaQA 359 / 49,716 (0.7%); the
example bank 0 / 53. On the labelled development set: 10 of 10 labelled
items found, one more reported (precision 0.91), and that one does start
every option with "When the communication is": the label missed it. A hand
check of 20 findings (6 MMLU, 6 radio, 6 AWS, 2 trivia) found 20 real shared
starts; the softest are names ("The New York Observer", "The New York
Star") and AWS actions ("Create an IAM role ...", "Create an IAM user ...").
"""

from __future__ import annotations

import re
from typing import Iterator, List

from questionbank.item import Item
from questionbank.rules._options import content_options, excerpt, name
from questionbank.rules.base import BankContext, Problem
from questionbank.text import normalize, plain

ID = "repeated-option-lead-in"
LEVEL = "info"
SCOPE = "item"
OPTIONS: dict = {"min-words": 3, "ignore-words": ["use", "using", "amazon", "aws", "azure", "a", "an", "the", "to"]}

# Words and the signs between them: "x = 2" and "x + 2" share only "x".
_TOKEN = re.compile(r"\w+(?:['’.-]\w+)*|[^\w\s]")


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    content = content_options(item)
    if len(content) < 3:
        return
    token_lists = [_TOKEN.findall(normalize(plain(o.text))) for o in content]
    shared = _common_prefix(token_lists)
    if any(len(tokens) == len(shared) for tokens in token_lists):
        return  # an option is only the shared words: they cannot all move to the stem
    counted = [t for t in shared if t[0].isalnum()]
    ignore = {w.lower() for w in options.get("ignore-words") or ()}
    if len(counted) < options.get("min-words", 3) or all(t in ignore for t in counted):
        return
    first = content[0]
    lead = _lead_words(first.text, len(shared))
    yield Problem(f"every option starts with {excerpt(lead)}: move these words into the stem "
                  f"(see {name(first)})", ("options", first.index, "text"))


def _common_prefix(token_lists: List[List[str]]) -> List[str]:
    shared: List[str] = []
    for tokens in zip(*token_lists):
        if any(t != tokens[0] for t in tokens):
            break
        shared.append(tokens[0])
    return shared


def _lead_words(text: str, count: int) -> str:
    """The first ``count`` tokens of an option as the author wrote them."""
    prose = plain(text)
    matches = list(_TOKEN.finditer(prose))
    return prose[:matches[count - 1].end()] if len(matches) >= count else prose
