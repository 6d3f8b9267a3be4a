"""Two items of the bank ask the same question, or nearly the same.

## What it does
Reports items that ask the same question as another item of the bank: the
same or a reworded stem with the same options, in any order (at least
`min-options` of the options alike). Each item of a group is reported and
names the others, also in `related` of the JSON output, so the finding shows
whichever file you lint. It is an error when the keys differ, since one of
the two is then keyed wrong.

Stems are compared by their words, weighted by how rare each word is in the
bank, so a long shared frame ("For which of these two scenarios does the main
character ...") counts for little and the words that make the question count
for much. Items that share only a generic stem ("Which of the following is
correct?") with different options are different questions and are not
reported, nor are stems that differ in a number ("... of order 6" and "... of
order 8").

Candidates are found through an index of each item's rarest stem words and
rarest options, so the search grows with the size of the bank, not with the
number of pairs.

## Why is this bad?
A duplicated item is seen twice by the same examinee and weighs its topic
twice; two copies with different keys mean one of them is wrong; an item that
gives away another's answer makes both worthless (Haladyna, Downing and
Rodriguez 2002, guideline 4: keep items independent).

## Example
```yaml
items:
  - id: firehose-buffer
    type: single
    stem: How does Amazon Data Firehose deliver records to Amazon S3?
    options:
      - text: In buffered batches, by size or time
        correct: true
      - text: One object per record, as it arrives
      - text: Once a day, at midnight UTC
  - id: firehose-buffering-s3
    type: single
    stem: In what way does Amazon Data Firehose deliver the records it receives to Amazon S3?
    options:
      - text: Once a day, at midnight UTC
      - text: In buffered batches, by size or time
        correct: true
      - text: One object per record, as it arrives
```

## Use instead
```yaml
items:
  - id: firehose-buffer
    type: single
    stem: How does Amazon Data Firehose deliver records to Amazon S3?
    options:
      - text: In buffered batches, by size or time
        correct: true
      - text: One object per record, as it arrives
      - text: Once a day, at midnight UTC
  - id: firehose-buffer-hints
    type: single
    stem: Which setting makes Amazon Data Firehose write larger objects to Amazon S3?
    options:
      - text: A larger buffer size and interval
        correct: true
      - text: More shards on the delivery stream
      - text: A smaller Lambda batch window
```

## Options
- `stem-similarity` (number, 0 to 1): how alike two stems must be, as the
  rarity-weighted share of their words that they have in common.
- `min-options` (number, 0 to 1): the share of options that must be alike.

## Firing rate
Against each corpus's KNOWN_DUPLICATES.tsv (groups with the same stem):

- MMLU, imported with `qb import csv --no-header` (15,906 items): 405 items
  reported (2.5%). All 176 listed groups that really have the same stem and
  options are reported; the 177th listed group (college_chemistry_test 6 and
  93) differs in "J << a" / "J >> a" and is rightly left out. The 53 items
  reported outside the list are near copies (a misspelt or reworded option,
  "x 10^8" / "* 10^8", one distractor swapped). No pair of the 151 that
  share a generic stem ("Which of the following statements is correct?")
  with different options is reported.
- OpenTriviaQA (49,716 items): 1,068 items reported (2.1%); all 511 listed
  groups with the same options are found, 12 of the 13 whose options differ
  are left out by design; the 40 items outside the list are rewordings
  ("What is the state capital of Nevada?" / "What is the capital of the state
  of Nevada?").
- AWS practice exams (1,142 items): 374 items (33%: the 23 exams copy each
  other); all 141 listed groups with the same options are found, and 10 of
  the 12 with slightly different options; the 69 items outside the list are
  copies whose stem was reworded ("(Select TWO)" / "(Choose two.)", an
  added `<br/>`).
- Radio pools: 0 within each pool revision (the repeats are across
  revisions, which are separate banks).

A hand check of 14 findings outside the lists found 14 true duplicates.
Stems that swap a term (MMLU's formal-logic and "series" / "parallel"
variants) are not reported, so neither is a reworded copy that swaps a
synonym. Speed on one core: 1.5 s for the 49,716 trivia items (0.25 s for a
10,000-item sample) and 0.7 s for MMLU, with at most 160 MB of extra memory,
after about 65 µs per item of summarising in the per-file phase.
"""

from __future__ import annotations

import gc
import math
import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher
from itertools import chain
from typing import Dict, Iterator, List, Optional, Set, Tuple

from rapidfuzz import fuzz

from questionbank.finding import Location, Severity
from questionbank.item import Item
from questionbank.rules.base import BankContext, ItemRef, Problem
from questionbank.text import STOPWORDS, instruction_of, normalize, plain

ID = "duplicate-item"
LEVEL = "warning"
SCOPE = "bank"
OPTIONS: dict = {"stem-similarity": 0.7, "min-options": 0.75}

# What one item contributes: its stem as normalised words, its options as
# normalised texts in authored order, the positions of its keys (for an open
# item, its answer stands as the only key), and the stem's content words
# (no stop words, each once), worked out here so that a run answered from the
# cache does not redo it for every item.
Summary = Tuple[str, Tuple[str, ...], Tuple[int, ...], Tuple[str, ...]]

# Words, numbers, and the symbols of formulas (which tell "p ⊃ q" from "p ∨ q").
_TOKEN = re.compile(r"[^\W_]+(?:[.,'][^\W_]+)*|[~^*/=<>+|&\u00ac\u00b1\u00d7\u00f7\u2190-\u21ff\u2200-\u22ff]")
_NUMBER = re.compile(r"\d+")
# Options alike enough to be the same option, reworded (0 to 100), and
# words alike enough to be one word misspelt or inflected.
_OPTION_ALIKE = 90
_SAME_WORD = 80
# Words that point at the options, which a rewording may swap freely.
_FRAME = frozenset("following below above listed given shown mentioned here".split())
# Blocking: how many of its rarest stem words and options index an item,
# and how many items may share one before it is too common to index.
_RAREST_WORDS = 4
_RAREST_OPTIONS = 2
_MAX_POSTING = 40
_MIN_SHARED = 2
_MAX_NAMED = 3


def summarize(item: Item) -> Optional[Summary]:
    prose = plain(item.stem)
    instruction = instruction_of(prose)
    if instruction:
        prose = prose.replace(instruction, " ")
    stem = " ".join(_TOKEN.findall(normalize(prose)))
    if not stem:
        return None
    options = tuple(normalize(plain(o.text)) for o in item.options)
    keys = tuple(i for i, o in enumerate(item.options) if o.correct)
    if not options and item.answer:
        options, keys = (normalize(plain(item.answer)),), (0,)
    return stem, options, keys, tuple(sorted(set(stem.split()) - STOPWORDS))


def check_bank(records: List[Tuple[ItemRef, Optional[Summary]]], ctx: BankContext,
               options: dict) -> Iterator[Problem]:
    # The search builds a set or list per item and frees none of them until
    # the end: the cyclic garbage collector would only rescan them, again and again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        problems = list(_check_bank(records, options))
    finally:
        if enabled:
            gc.enable()
    yield from problems


def _check_bank(records: List[Tuple[ItemRef, Optional[Summary]]], options: dict) -> Iterator[Problem]:
    entries = [(ref, s) for ref, s in records if s is not None]
    if len(entries) < 2:
        return
    # Exact copies first: one representative of each goes into the search.
    exact: Dict[Tuple[str, Tuple[str, ...]], List[int]] = defaultdict(list)
    for i, (_, (stem, opts, _keys, _content)) in enumerate(entries):
        exact[(stem, tuple(sorted(opts)))].append(i)
    groups = _UnionFind(len(entries))
    for members in exact.values():
        for other in members[1:]:
            groups.union(members[0], other)
    representatives = [members[0] for members in exact.values()]
    contents = [entries[i][1][3] for i in range(len(entries))]
    # Document frequencies over the representatives, counted once for both
    # the rarity weights and the candidate index.
    df: Counter = Counter(chain.from_iterable(contents[i] for i in representatives))
    weight = _Weights(df, len(representatives))
    for i, j in _candidates(representatives, contents, [entries[i][1][1] for i in range(len(entries))], df):
        if _same_question(entries[i][1], entries[j][1], set(contents[i]), set(contents[j]), weight, options):
            groups.union(i, j)
    for members in groups.sets():
        yield from _report(members, entries, exact)


class _Weights(dict):
    """Rarity weights: a word in every stem of a large bank weighs log 2, a
    word in one stem log(1 + n); a small bank counts as 100 stems, so that a
    word is not rare just because the bank is small. Worked out on first use:
    only the words of candidate pairs are ever weighed."""

    def __init__(self, df: Counter, stems: int):
        super().__init__()
        self.df = df
        self.n = max(stems, 100)

    def __missing__(self, word: str) -> float:
        count = self.df.get(word, 0)
        value = self[word] = math.log(1 + self.n / count) if count else 0.0
        return value


def _candidates(representatives: List[int], words: List[Tuple[str, ...]],
                options: List[Tuple[str, ...]], word_df: Counter) -> Iterator[Tuple[int, int]]:
    """Pairs that may be alike: items that share two of their rarest stem
    words and rarest options. A reworded stem keeps most of its rare words
    (names, terms) and a reordered option list keeps its options, so a true
    pair shares several of them, while most pairs share none or one.
    Words and options in more than a few items block nothing and are skipped."""
    option_df = Counter(chain.from_iterable(set(options[i]) for i in representatives))
    # Set intersections keep the per-item work in C: most words are too common to index.
    indexable_words = {w for w, c in word_df.items() if c <= _MAX_POSTING}
    indexable_options = {o for o, c in option_df.items() if c <= _MAX_POSTING and o}
    posting: Dict[str, List[int]] = defaultdict(list)
    word_count, option_count = word_df.__getitem__, option_df.__getitem__
    for i in representatives:
        # The rarest first, ties in alphabetical order: two stable sorts in C.
        stem_keys = sorted(sorted(indexable_words.intersection(words[i])), key=word_count)[:_RAREST_WORDS]
        option_keys = ["\x01" + o for o in sorted(sorted(indexable_options.intersection(options[i])),
                                                  key=option_count)[:_RAREST_OPTIONS]]
        indexed = stem_keys + option_keys
        if not indexed:
            continue
        shared: Dict[int, int] = {}
        for key in indexed:
            listed = posting[key]
            for j in listed:
                shared[j] = shared.get(j, 0) + 1
            listed.append(i)
        # Sharing one indexed key is chance; a reworded or reordered copy shares several.
        needed = min(_MIN_SHARED, len(indexed))
        for j, count in shared.items():
            if count >= needed:
                yield j, i


def _same_question(a: Summary, b: Summary, words_a: Set[str], words_b: Set[str],
                   weight: "_Weights", options: dict) -> bool:
    if bool(a[1]) != bool(b[1]):
        return False
    if _numbers(a[0]) != _numbers(b[0]):
        return False
    shared = sum(weight[w] for w in words_a & words_b)
    total = sum(weight[w] for w in words_a | words_b)
    if not total or shared / total < options["stem-similarity"]:
        return False
    if _options_alike(a[1], b[1]) < options["min-options"]:
        return False
    same_keys = _options_alike(tuple(a[1][k] for k in a[2]), tuple(b[1][k] for k in b[2])) == 1.0
    return not _variant(a[0], b[0], same_keys)


def _variant(stem_a: str, stem_b: str, same_keys: bool) -> bool:
    """Whether one stem asks another question than the other: it swaps a term
    for a different one ("in series" / "in parallel", "India" / "China", "p" /
    "q"), or, when the keys differ, changes any word ("per capita", "only").
    A rewording keeps the terms and changes the words around them."""
    if stem_a == stem_b:
        return False
    a, b = stem_a.split(), stem_b.split()
    only_a = _terms(set(a) - set(b))
    only_b = _terms(set(b) - set(a))
    only_a, only_b = ({x for x in only_a if not any(fuzz.ratio(x, y) >= _SAME_WORD for y in only_b)},
                      {y for y in only_b if not any(fuzz.ratio(x, y) >= _SAME_WORD for x in only_a)})
    if (only_a and only_b) or (not same_keys and a != b):
        return True
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "replace" and not _same_terms(_terms(a[i1:i2]), _terms(b[j1:j2])):
            return True
    return False


def _same_terms(a: Set[str], b: Set[str]) -> bool:
    """Whether two replaced runs name the same things: one side has no terms
    (only frame words changed), or every term has a spelling or inflection
    of itself on the other side ("solution" / "solutions")."""
    if not a or not b:
        return True
    return (all(any(fuzz.ratio(x, y) >= _SAME_WORD for y in b) for x in a)
            and all(any(fuzz.ratio(x, y) >= _SAME_WORD for x in a) for y in b))


def _terms(words) -> Set[str]:
    return {w for w in words if w not in STOPWORDS and w not in _FRAME}


def _numbers(stem: str) -> List[str]:
    return sorted(_NUMBER.findall(stem))


def _options_alike(a: Tuple[str, ...], b: Tuple[str, ...]) -> float:
    """The share of options of the larger item that have a match in the other."""
    if not a and not b:
        return 1.0
    rest = list(b)
    matched = 0
    for text in a:
        if text in rest:
            rest.remove(text)
            matched += 1
            continue
        best = max(rest, key=lambda other: fuzz.ratio(text, other), default=None)
        if best is not None and fuzz.ratio(text, best) >= _OPTION_ALIKE and _digits(text) == _digits(best):
            rest.remove(best)
            matched += 1
    return matched / max(len(a), len(b))


def _digits(text: str) -> List[str]:
    return _NUMBER.findall(text)


def _report(members: List[int], entries, exact) -> Iterator[Problem]:
    members = sorted(members, key=lambda i: (entries[i][0].file, entries[i][0].line))
    key_texts = {i: tuple(entries[i][1][1][k] for k in entries[i][1][2]) for i in members}
    for i in members:
        ref, (stem, opts, _, _) = entries[i]
        others = [j for j in members if j != i]
        same = all(entries[j][1][0] == stem and sorted(entries[j][1][1]) == sorted(opts) for j in others)
        names = ", ".join(_name(entries[j][0]) for j in others[:_MAX_NAMED])
        more = f" and {len(others) - _MAX_NAMED} more" if len(others) > _MAX_NAMED else ""
        message = f"{'the same' if same else 'nearly the same'} question as {names}{more}"
        differing = [j for j in others if _options_alike(key_texts[i], key_texts[j]) < 1.0]
        severity = None
        if differing:
            severity = Severity.ERROR
            j = differing[0]
            message += (f"; the keys differ: {_keys_text(key_texts[i])} here, "
                        f"{_keys_text(key_texts[j])} in {entries[j][0].id or _name(entries[j][0])}")
        else:
            message += ": keep one, or change what the other asks"
        yield Problem(message, location=ref.location, item=ref.id,
                      related=tuple(entries[j][0].location for j in others), severity=severity)


def _name(ref: ItemRef) -> str:
    where = str(Location(ref.file, ref.line, ref.column))
    return f"'{ref.id}' ({where})" if ref.id else where


def _keys_text(keys: Tuple[str, ...]) -> str:
    return " + ".join(f"'{_short(k)}'" for k in sorted(keys)) if keys else "no key"


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)

    def sets(self) -> List[List[int]]:
        by_root: Dict[int, List[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            by_root[self.find(i)].append(i)
        return [members for members in by_root.values() if len(members) > 1]
