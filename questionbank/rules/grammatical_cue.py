"""The grammar of the stem fits the key and rules out distractors.

## What it does
Reports two kinds of grammatical agreement that point to the key:

- **Article.** The stem ends in "a" or "an" (before an optional blank or
  colon), the key starts with a sound that fits it, and some distractor does
  not: "... is an" with the key "ionic bond" and the distractor "covalent
  bond". Options whose first word is ambiguous (initialisms such as "FCC" or
  "NAT", numbers read either way) are not judged.
- **Number.** The question's subject is plural ("Which of the following
  are ...") and the key is the only option that lists several things, or the
  subject is singular ("Which of these is ...") and the key is the only
  option that is not a list. Only short options (six words at most) are
  judged: in a sentence, "and" joins clauses rather than things.

## Why is this bad?
Test-wise examinees drop the options that do not read as a sentence with the
stem; when the grammar fits the key alone, the item answers itself (Haladyna,
Downing and Rodriguez 2002, guideline 28c; the NBME guide's "grammatical
cues").

## Example
```yaml
items:
  - id: sodium-chloride-bond
    type: single
    stem: Sodium and chlorine atoms in table salt are held together by an
    options:
      - text: ionic bond
        correct: true
      - text: covalent bond
      - text: hydrogen bond
      - text: metallic bond
```

## Use instead
```yaml
items:
  - id: sodium-chloride-bond
    type: single
    stem: Which kind of bond holds the sodium and chlorine atoms of table salt together?
    options:
      - text: An ionic bond
        correct: true
      - text: A covalent bond
      - text: A hydrogen bond
      - text: A metallic bond
```

## Firing rate
Items reported / items: MMLU 19 / 15,906 (0.1%); radio pools 0 to 3 per
pool (0 to 0.5%); AWS practice exams 1 / 1,142; OpenTriviaQA 22 / 49,716
(0.04%); the example bank 0 / 53 (`benchmarks/devset/rates.py`; a comma
that groups digits, "$4,000 loss", no longer counts as a list: 3 MMLU
items and 1 trivia item fewer). The hand-checked MMLU findings are all
real: "... is a" before "acoustic encoding sequence", "Which of the following
conditions are necessary ...?" with "I and II only" as the only list.
"""

from __future__ import annotations

import re
from typing import Iterator, Optional

from questionbank.item import Item, Option
from questionbank.rules.base import BankContext, Problem
from questionbank.text import lead_in, plain

ID = "grammatical-cue"
LEVEL = "warning"
SCOPE = "item"
OPTIONS: dict = {}

_ENDS_WITH_ARTICLE = re.compile(r"(?:^|\s)(a|an)\s*(?:_{2,}|\.{3}|\u2026)?\s*[:.]?\s*$")
_FIRST_WORD = re.compile(r"^\W*?([A-Za-z0-9][A-Za-z0-9'\u2019]*)")
_DIGITS = re.compile(r"\d+")
# "a university", "a European", "a one-off": a vowel letter sounding like a consonant.
_YOU_SOUND = re.compile(r"^(?:uni(?!n|m|d|l)|use|usu|uti|ura|ure|uro|uku|eu|ewe|one|once|ubiq)", re.I)
_SILENT_H = re.compile(r"^(?:hour|honest|honou?r|heir)", re.I)
# Initial letters whose name starts with a vowel sound (an FCC) unless the
# initialism is read as a word (a NASA, a SCUBA): either way is possible.
_AMBIGUOUS_CAPITAL = frozenset("FHLMNRSXU")

_SUBJECT = r"(?:^|[,;:]\s*)(?:which|what)(?:\s+(?:one|ones|two|three))?(?:\s+of\s+(?:the\s+following|these|those|them))?(?:\s+[\w-]+){0,2}?\s+"
_PLURAL_QUESTION = re.compile(_SUBJECT + r"(?:are|were)\b", re.I)
_SINGULAR_QUESTION = re.compile(_SUBJECT + r"(?:is|was)\b", re.I)
# Options longer than this are read as sentences, not as names of things.
_MAX_PHRASE = 6
# A comma between digits groups them ("$4,000 loss") and lists nothing.
_LIST = re.compile(r"(?<!\d),|,(?!\d{3}\b)|;|\s(?:and|&)\s")


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    if not item.is_choice:
        return
    keys = item.keys
    distractors = [o for o in item.options if not o.correct]
    if len(keys) != 1 or len(distractors) < 2:
        return
    key = keys[0]
    question = lead_in(item.stem)
    yield from _article_cue(question, key, distractors)
    yield from _number_cue(question, key, distractors)


def _article_cue(question: str, key: Option, distractors) -> Iterator[Problem]:
    match = _ENDS_WITH_ARTICLE.search(question)
    if not match:
        return
    article = match.group(1)
    if _article(key.text) != article:
        return
    misfits = [o for o in distractors if _article(o.text) not in (None, article)]
    if misfits:
        names = ", ".join(f"'{plain(o.text)}'" for o in misfits[:3])
        yield Problem(f"the stem ends in '{article}', which fits the key but not {names}: "
                      "end the stem before the article, or start each option with its own article", ("stem",))


def _article(text: str) -> Optional[str]:
    """The article an option's first word takes, or None when unsure."""
    match = _FIRST_WORD.match(plain(text))
    if not match:
        return None
    word = match.group(1)
    lower = word.lower()
    if lower in ("a", "an", "the"):
        return None
    if word[0].isdigit():
        digits = _DIGITS.match(word).group(0)
        eleven = digits[:2] in ("11", "18") and len(digits) % 3 == 2
        return "an" if digits[0] == "8" or eleven else "a"
    if len(word) > 1 and word.isupper():
        if word[0] in _AMBIGUOUS_CAPITAL:
            return None
        return "an" if word[0] in "AEIO" else "a"
    if _SILENT_H.match(lower):
        return "an"
    if lower[0] in "aeiou":
        return "a" if _YOU_SOUND.match(lower) else "an"
    return "a"


def _number_cue(question: str, key: Option, distractors) -> Iterator[Problem]:
    if any(len(plain(o.text).split()) > _MAX_PHRASE for o in [key, *distractors]):
        return  # sentences, whose "and" joins clauses, not things
    if _PLURAL_QUESTION.search(question):
        if _is_list(key.text) and not any(_is_list(o.text) for o in distractors):
            yield Problem("the question asks in the plural and only the key names several things: "
                          "make the distractors lists too, or ask in the singular", ("stem",))
    elif _SINGULAR_QUESTION.search(question):
        if not _is_list(key.text) and all(_is_list(o.text) for o in distractors):
            yield Problem("the question asks in the singular and only the key names one thing: "
                          "make the options alike, or ask in the plural", ("stem",))


def _is_list(text: str) -> bool:
    return bool(_LIST.search(plain(text)))
