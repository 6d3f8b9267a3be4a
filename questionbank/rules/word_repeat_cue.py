"""A salient word of the stem reappears in the key and in no distractor.

## What it does
Takes the salient words of the question sentence of the stem (for a stem
without a question, its last sentence): words of four letters or more that are
not function words and not words every question uses ("following",
"correct", "describes", "example"), nor the words you list in `ignore`
(your field's everyday vocabulary). Word forms are matched loosely
("stream", "streams", "streaming"; "ride" / "riding", "connect" /
"connectivity", "scale" / "Auto Scaling"), and compounds count word by
word ("inter-personal" / "Personal selling"). It reports the key when it
repeats `min-words` such words (two by default) and no distractor repeats
them in any form (a "clang" association). For a `multiple` item, each key
is checked. Stock options ("All these choices are correct") are set aside;
items whose other distractors carry no words of their own (numbers,
symbols) are not checked.

## Why is this bad?
An examinee who does not know the answer picks the option that echoes the
question, and is right: the item rewards word matching, not knowledge
(Haladyna, Downing and Rodriguez 2002, guideline 28b; the NBME guide's "word
repeats").

## Example
```yaml
items:
  - id: clickstream
    type: single
    stem: Which service ingests real-time data streams from clickstream producers?
    options:
      - text: Amazon Simple Queue Service
      - text: AWS Batch
      - text: Amazon Kinesis Data Streams
        correct: true
      - text: Amazon Simple Storage Service
```

## Use instead
```yaml
items:
  - id: clickstream
    type: single
    stem: Which service ingests clickstream events continuously, as they happen?
    options:
      - text: Amazon Simple Queue Service
      - text: AWS Batch
      - text: Amazon Kinesis Data Streams
        correct: true
      - text: Amazon Simple Storage Service
```

## Options
- `ignore` (list of text): more words that are never a cue, such as the
  names every item of your bank uses.
- `min-words` (number): how many salient words the key must repeat.

## Firing rate
With the defaults (two words, question sentence only), items reported /
items (`benchmarks/devset/rates.py`): MMLU 116 / 15,906 (0.7%); radio
pools 68 / 4,041 (1.7%, at most 2.4% in one pool); AWS practice exams 10 /
1,142 (0.9%); OpenTriviaQA 70 / 49,716 (0.1%); the example bank 0 / 53.
Setting stock options aside and reading word forms added 19 radio items
(the pools end many items with "All these choices are correct", which
used to stop the rule) and 4 MMLU items. A hand check of 16 findings found
clear clang cues ("Volunteer Examiners are accredited by ..." / "A
Volunteer Examiner Coordinator"; "... RF field strength?" / "A calibrated
field strength meter"; "... telecommand stations of space stations ...
license ...?" / "... designated by the space station licensee"); of 9
drawn at random for this version, 7 ("The Original Dixieland Jazz Band"
for "the first jazz band") and 2 names that cannot help repeating the stem
("Rocky Horror").

Measured and left out (`benchmarks/devset/`, the labelled development
set: 11 items with the flaw):
- One echoed word when the key is short (three content words or fewer)
  and no distractor shares it ("... private hybrid connectivity?" / "AWS
  Direct Connect"): 13 findings, 6 right (precision 0.46, recall 0.55),
  against 7 findings, 4 right (0.57, 0.36) without; the new findings are
  as often "Vitamin C" for "which vitamin", "An antenna analyzer" for "is
  an antenna resonant" or "A federal mandate" for "federal funding" as
  they are cues. On the corpora it would report MMLU 314 (2.0%), the radio
  pools 130 (3.2%) and the AWS practice exams 49 / 1,142 (4.3%).
- Echoes of the scenario before the question: on top of the above, 7 more
  findings and not one right (precision 0.30 in all). Earlier, with one
  word and the whole stem, the rule fired on 7 to 11% of these banks, and
  there a key repeated a stem word less often than a distractor did (lift
  0.8 to 0.97: the editors avoid the cue or use it as a trap), so one
  shared word is no evidence; hence `min-words: 2` and the question only.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import FrozenSet, Iterator, List

from questionbank.item import Item
from questionbank.rules._options import content_options
from questionbank.rules.base import BankContext, Problem
from questionbank.text import STOPWORDS, lead_in, plain, stem_word

ID = "word-repeat-cue"
LEVEL = "warning"
SCOPE = "item"
OPTIONS: dict = {"ignore": [], "min-words": 2}

# Words of the question's frame and of every field: repeating them cues nothing.
_GENERIC = frozenset(stem_word(w) for w in """
about above according accurate actually against along among answer answers apply applies approach
appropriate associated based basic become becomes before being best better called case cause caused cases
certain change changes characteristic choice choices choose common commonly company consider considered
contain contains correct correctly could define defined definition describe described describes description
different does done during each effect effects either else emphasis ensure every example examples except
explain fact factor factors false first following form forms found from function give given good great
have having help high however identify important include included includes including increase indicate
instance into involve involved is kind known large least less level like likely long main major make makes
many mean means meet meets might more most much must name named need needed needs number often only order
other part particular people person place point possible primary problem process provide provided purpose
question questions reason reasons refer refers related require required requirement requirements result
results same second select should show shown similar situation small solution solutions some something
specific statement statements still such suggest system take term terms than that their them then there
these thing things third this those three through time times true type types under used uses using usually
value various very want well were what when where whether which while will with within without word words
would year years
""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]*[A-Za-z]")


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    if not item.is_choice:
        return
    keys = item.keys
    # Stock options ("All of these choices are correct") carry no words of their own.
    distractors = [o for o in content_options(item) if not o.correct]
    if not keys or len(distractors) < 2:
        return
    ignore = frozenset(stem_word(w) for w in options.get("ignore") or ())
    stem = _salient_words(lead_in(item.stem)) - ignore
    if not stem:
        return
    distractor_words: List[FrozenSet[str]] = [_salient(o.text) for o in distractors]
    if not all(distractor_words):
        return
    seen = frozenset().union(*distractor_words)
    for key in keys:
        cue = _echoes(stem, _salient(key.text), seen)
        if len(cue) >= options["min-words"]:
            shown = ", ".join(sorted(_as_written(key.text, cue)))
            yield Problem(f"the key repeats {shown} from the stem and no distractor does: "
                          "reword the stem, or let distractors share the term", ("options", key.index, "text"))


# Derivational endings (after ``stem_word``): "connectivity" and "connection"
# share the root "connect", "operator" and "operation" the root "operat".
_SUFFIXES = tuple(sorted("""ability ibility ization isation ivity ation ition ement ment ness ity ion ally ical
ic al ly ive iv abl ibl able ible er or ant ent anc enc""".split(), key=len, reverse=True))
# Shorter roots are different words too often ("general" / "generation").
_MIN_ROOT = 6


@lru_cache(maxsize=65536)
def _root(stem: str) -> str:
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= _MIN_ROOT:
            return stem[:-len(suffix)]
    return stem


def _same_word(a: str, b: str) -> bool:
    """Whether two light stems are forms of one word: equal, equal but for a
    final e ("ride" / "rid", from "riding"; "license" / "licens"), or of one
    root ("connectivity" / "connect", "operator" / "operation"). A word
    that merely starts another is not its form ("cloud" / "cloudhsm")."""
    if a == b or a + "e" == b or b + "e" == a:
        return True
    ra, rb = _root(a), _root(b)
    return (ra != a or rb != b) and (ra == rb or ra + "e" == rb or rb + "e" == ra)


def _echoes(stem: FrozenSet[str], key: FrozenSet[str], seen: FrozenSet[str]) -> FrozenSet[str]:
    """The key's words that echo a word of the stem and no distractor's word."""
    return frozenset(k for k in key if any(_same_word(k, s) for s in stem)
                     and not any(_same_word(k, d) for d in seen))


def _salient(text: str) -> FrozenSet[str]:
    return _salient_words(plain(text))


@lru_cache(maxsize=65536)
def _salient_words(prose: str) -> FrozenSet[str]:
    return frozenset(s for s in (stem_word(w) for w in _WORD.findall(prose)
                                 if len(w) >= 4 and w.lower() not in STOPWORDS)
                     if s not in _GENERIC)


def _as_written(text: str, stems: FrozenSet[str]) -> List[str]:
    written = {}
    for word in _WORD.findall(plain(text)):
        s = stem_word(word)
        if s in stems and s not in written:
            written[s] = f"'{word}'"
    return list(written.values())
