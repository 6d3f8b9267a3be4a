"""Two options of one item say the same thing in slightly different words.

## What it does
Compares the options of an item with their surface differences taken out:
spaces, hyphens and apostrophes inside words ("Multi-AZ" / "Multi AZ",
"e-mail" / "email"), quotes and sentence punctuation, and in options of
three words or more also plural endings ("Database Migration Service" /
"Database Migration Services"), the articles a, an and the
(`ignore-words`), filler words ("just", "simply", "basically", "actually",
"really", "literally", "indeed"; degree words such as "very" are content:
"Very high frequency") and a conjunction left dangling at either end
("Store the data in S3 and": a corrupted copy of the key). Two options that become the same are reported, on the
later one. Exact repeats are `duplicate-option`'s. In shorter options an
article or a plural is the content ("a ab" / "ab" as program output,
"Alien" / "Aliens" as film titles).

Everything else counts as a real difference, so minimal pairs that a good
item uses on purpose are never reported: a number ("1 GB" / "10 GB"), a
sign or operator ("-2" / "2", "x^2" / "x2"), a negation ("encrypted" /
"not encrypted" / "unencrypted"), a qualifier ("Standard" / "Standard-IA")
or a contrast ("public" / "private", "synchronous" / "asynchronous",
"inbound" / "outbound", "read" / "write", "min" / "max"). Words in another
order are a difference too, even around "and": "high and low" / "low and
high" or "Leptin and ghrelin" / "Ghrelin and leptin" are usually ordered
pairs ("... respectively"), as are "True, False" / "False, True".
Spelling slips are not looked for: at one letter apart they cannot be told
from real pairs such as "afferent" / "efferent" or "ileum" / "ilium".

## Why is this bad?
Two options that say the same are either both right, and the item has two
keys, or both wrong, and the item has one distractor fewer than it seems.
When one of them is the key, an examinee who picks the other has a
defensible answer.

## Example
```yaml
items:
  - id: dms-homogeneous
    type: single
    stem: Which service migrates an on-premises Oracle database to Amazon RDS for Oracle with minimal downtime?
    options:
      - text: AWS Database Migration Service
        correct: true
      - text: AWS DataSync
      - text: AWS Database Migration Services
      - text: AWS Snowball Edge
```

## Use instead
```yaml
items:
  - id: dms-homogeneous
    type: single
    stem: Which service migrates an on-premises Oracle database to Amazon RDS for Oracle with minimal downtime?
    options:
      - text: AWS Database Migration Service
        correct: true
      - text: AWS DataSync
      - text: AWS Schema Conversion Tool
      - text: AWS Snowball Edge
```

## Options
- `ignore-words` (default `[a, an, the]`): words that do not make two
  options different, such as a vendor prefix (`[a, an, the, amazon, aws]`).

## Firing rate
Measured on the converted corpora (`qb lint BANK --format json`, items with a finding / items):
- OpenTriviaQA: 6 / 49,716: "Tu Pac" / "Tupac", "The Bat-man" / "Batman",
  "Bomfunk MC`s" / "BomfunkMC`s", two quotations that differ in
  "intruder" / "intruders": lures on exact spelling, which do say the same;
  and "punny one" / "really punny one".
- MMLU 1 / 15,906: "But reference can vary without any difference in
  thought." / "Reference can vary ...". Radio pools 0 / 4,041, AWS CCP 0
  / 1,142, the example bank 0.
- Tuning: a first version (plural endings and articles dropped everywhere,
  "and"-lists compared in any order) flagged 6 MMLU and 19 OpenTriviaQA
  items, most of them wrong: "p-q-r" / "pqr", "a ab" / "aab", "6'" / "6''",
  "Alien" / "Aliens", "high and low" / "low and high". Those are now kept
  apart, at the price of missing paraphrases.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, FrozenSet, Iterator, Tuple

from questionbank.item import Item, Option
from questionbank.rules._options import candidates, characters, excerpt, keyed, name
from questionbank.rules.base import BankContext, Problem
from questionbank.text import normalize

ID = "near-duplicate-option"
LEVEL = "warning"
SCOPE = "item"
OPTIONS = {"ignore-words": ["a", "an", "the"]}

# Words (letters, or a number with its separators) and single symbols.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[^\w\s]|_")
# Sentence punctuation is no difference, but it ends a run of words ("II,
# III" is not "III, II"); quotes and apostrophes are none unless they stand
# next to a number (6' and 6'' are feet and inches); a hyphen between words
# is none ("Multi-AZ"). Every other symbol is a difference ("-2", "x^2", "a*b",
# "p-q-r"), and a single letter stays a part of its own ("a ab" is not "aab").
_BREAKS = frozenset(",.;:!?")
_QUOTES = frozenset("'\"`")
# Articles and plural endings are dropped only from options of at least this
# many words and numbers: in "a ab", "a-2" or "Alien" / "Aliens" they are
# the content.
MIN_WORDS = 3
# The letters of plural endings ("-s", "-es", "-ies"), which ``canonical``
# may drop like the letters of ``ignore-words``: only options that share
# their other letters and digits can be equal.
_DROPPABLE = frozenset("eisy")


# Words that add nothing to what an option says, and a conjunction left
# dangling at either end ("Store the data in S3 and"): a corrupted copy of
# an option is no other option. Dropped, like articles, from longer options only.
# Degree words are content ("Very high frequency" / "High frequency").
FILLERS = frozenset("just simply basically actually really literally indeed".split())
_DANGLING = re.compile(r"^(?:and|or|but|nor)\s+|[\s,;]+(?:and|or|but|nor)[\s.,;:!?]*$")


def trimmed(text: str) -> str:
    """A normalised option without filler words and dangling conjunctions
    (in options of ``MIN_WORDS`` words or more)."""
    text = normalize(text)
    tokens = text.split()
    if len(tokens) < MIN_WORDS:
        return text
    if any(t in FILLERS for t in tokens):
        text = " ".join(t for t in tokens if t not in FILLERS)
    return _DANGLING.sub("", text)


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    ignore = frozenset(w.lower() for w in options["ignore-words"])
    droppable = _DROPPABLE.union(*ignore)
    seen: Dict[Tuple[str, ...], Option] = {}
    for option in candidates(item.options, lambda text: characters(trimmed(text)) - droppable):
        text = normalize(option.text)
        key = canonical(trimmed(option.text), ignore)
        if not key:
            continue
        first = seen.setdefault(key, option)
        if first is option or normalize(first.text) == text:
            continue
        yield Problem(f"{name(option)}.text: {excerpt(option.text)} says the same as {name(first)} "
                      f"{excerpt(first.text)}{keyed(first, option)}; make the options clearly different",
                      ("options", option.index, "text"))


@lru_cache(maxsize=65536)
def canonical(text: str, ignore: FrozenSet[str]) -> Tuple[str, ...]:
    """The option as a tuple of parts: runs of words joined together (with
    articles and plural endings dropped in longer options), numbers and symbols."""
    tokens = _TOKEN.findall(text)
    long = sum(1 for t in tokens if t[0].isalnum()) >= MIN_WORDS
    parts = []
    letters = False  # whether the last part is a run of words
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token[0].isalpha():
            if long:
                following = next((t for t in tokens[i + 1:] if t not in _QUOTES), "")
                if token in ignore and following[:1].isalpha():
                    continue  # an article, not the variable in "a*(c + d)"
                token = _singular(token)
            if len(token) == 1:  # a variable or a label: "a ab", "p-q-r"
                parts.append(token)
                letters = False
            elif letters:
                parts[-1] += token
            else:
                parts.append(token)
                letters = True
            continue
        if token in _BREAKS:
            letters = False
            continue
        if token in _QUOTES and not any(t[:1].isdigit() or t in _QUOTES for t in (before, after)):
            continue
        if token == "-" and _word(before) and _word(after):
            continue
        parts.append(token)
        letters = False
    return tuple(parts)


def _word(token: str) -> bool:
    return len(token) > 1 and token.isalpha()


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
