"""Two items ask the same question and expect the same answer, or the same question with another key.

## What it does
Compares whole items (stem, options and key) and reports those that are the
same item to a candidate who has seen one of them:

- **Duplicate** (warning): the same key (option texts compared without
  their order) and stems that ask the same question, near-identical or
  reworded; or the same stem and key with a distractor changed; or the same
  options and key with stems that share most of their content, even with a
  sentence rewritten or a term swapped ("stores orders" / "stores
  invoices").
- **Conflicting copy** (error): the same question with a different key: one
  of the two is keyed wrong.
- **Variant** (not reported, or `info` with `report-variants: true`): a stem
  that swaps a term while the key changes with it ("in series" / "in
  parallel", "LEAST" / "MOST", "order 6" / "order 8"). Items that share only a
  generic stem ("Which of the following is true?") over different options are
  different questions and are not reported at all; nor is a swapped term over
  options that many items of the bank share ("True" / "False", "Wrong, Not
  wrong").

The message says what differs ("stems differ in 'orders' / 'invoices'; same
options and key", "one distractor differs; same key"). A group of three or
more copies is reported once per member; the message names the closest copy
and the first few others ("2 more copies: ..."), and `related` in the JSON
output lists up to 20 of them, so that 4,000 copies of one item give 4,000
findings of bounded size. With `qb lint --against PATH` (or `lint: {against:
[...]}` in bank.yaml) the items are also compared with another bank's, which
is never reported on (see the README).

Stem words are weighted by how rare they are in the bank, so a long shared
frame ("For which of these two scenarios does the main character ...")
counts for little and the words that make the question count for much.
Candidates come from two indexes, so that the search grows with the bank,
not with the number of pairs: each item's rarest stem words and options, and
MinHash signatures over word shingles of its stem and options, cut into
locality-sensitive bands (any vocabulary: a bank written in 200 words gets
candidates too).

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

## What counts
Each case below is a bank of two items; the first line says what the rule
reports on the first item (these run as tests).

A term swapped, same options and key: a duplicate.
```yaml
# report: warning "stems differ in 'invoices' / 'orders'; same options and key"
items:
  - id: cdc-invoices
    type: single
    stem: A MySQL database stores invoices. Analysts must query every change in Amazon Athena within minutes. Which approach needs the least effort?
    options:
      - text: AWS DMS full load and ongoing replication to Amazon S3 in Parquet
        correct: true
      - text: A nightly AWS DMS full-load task that writes CSV files
      - text: An hourly AWS Glue job with JDBC bookmarks
  - id: cdc-orders
    type: single
    stem: A MySQL database stores orders. Analysts must query every change in Amazon Athena within minutes. Which approach needs the least effort?
    options:
      - text: AWS DMS full load and ongoing replication to Amazon S3 in Parquet
        correct: true
      - text: A nightly AWS DMS full-load task that writes CSV files
      - text: An hourly AWS Glue job with JDBC bookmarks
```

The question reworded, same options and key: a duplicate.
```yaml
# report: warning "same options and key"
items:
  - id: cdc-reworded
    type: single
    stem: Analysts must query every change of a MySQL orders database in Amazon Athena within minutes. Which approach takes the least effort?
    options:
      - text: AWS DMS full load and ongoing replication to Amazon S3 in Parquet
        correct: true
      - text: A nightly AWS DMS full-load task that writes CSV files
      - text: An hourly AWS Glue job with JDBC bookmarks
  - id: cdc-orders
    type: single
    stem: A MySQL database stores orders. Analysts must query every change in Amazon Athena within minutes. Which approach needs the least effort?
    options:
      - text: A nightly AWS DMS full-load task that writes CSV files
      - text: AWS DMS full load and ongoing replication to Amazon S3 in Parquet
        correct: true
      - text: An hourly AWS Glue job with JDBC bookmarks
```

The same stem and key, one distractor replaced: a duplicate.
```yaml
# report: warning "one distractor differs; same key"
items:
  - id: shard-capacity
    type: single
    stem: What does one shard of a Kinesis data stream provide for writes?
    options:
      - text: 1 MB per second or 1,000 records per second
        correct: true
      - text: 2 MB per second for each consumer
      - text: Unlimited throughput in on-demand mode only
      - text: 10 MB per second or 10,000 records per second
  - id: shard-capacity-copy
    type: single
    stem: What does one shard of a Kinesis data stream provide for writes?
    options:
      - text: 1 MB per second or 1,000 records per second
        correct: true
      - text: 2 MB per second for each consumer
      - text: Unlimited throughput in on-demand mode only
      - text: 5 MB per second for all producers together
```

The same stem, the key reworded: a duplicate.
```yaml
# report: warning "the key is worded differently; same key"
items:
  - id: athena-partitions
    type: single
    stem: Why do Amazon Athena queries over a partitioned table scan less data?
    options:
      - text: Athena reads only the partitions that the WHERE clause selects
        correct: true
      - text: Athena caches the table in memory between queries
      - text: Athena compresses the results before it returns them
  - id: athena-partitions-2
    type: single
    stem: Why do Amazon Athena queries over a partitioned table scan less data?
    options:
      - text: It reads just the partitions that match the filter in the WHERE clause
        correct: true
      - text: Athena caches the table in memory between queries
      - text: Athena compresses the results before it returns them
```

The same question with another key: a conflicting copy.
```yaml
# report: error "the keys differ"
items:
  - id: glue-bookmarks
    type: single
    stem: What do AWS Glue job bookmarks track?
    options:
      - text: Data already processed by earlier runs
        correct: true
      - text: The number of DPUs used
      - text: The IAM role of the job
  - id: glue-bookmarks-copy
    type: single
    stem: What do AWS Glue job bookmarks track?
    options:
      - text: The number of DPUs used
        correct: true
      - text: Data already processed by earlier runs
      - text: The IAM role of the job
```

A term swapped and the key changed with it: a variant, not reported...
```yaml
# report: none
items:
  - id: series
    type: single
    stem: As more lamps are connected in series, the current in the power source
    options:
      - text: increases
      - text: decreases
        correct: true
      - text: stays the same
  - id: parallel
    type: single
    stem: As more lamps are connected in parallel, the current in the power source
    options:
      - text: increases
        correct: true
      - text: decreases
      - text: stays the same
```

... unless `report-variants` is on.
```yaml
# bank-lint: {"rules": {"duplicate-item": {"report-variants": true}}}
# report: info "a variant of 'parallel'"
items:
  - id: series
    type: single
    stem: As more lamps are connected in series, the current in the power source
    options:
      - text: increases
      - text: decreases
        correct: true
      - text: stays the same
  - id: parallel
    type: single
    stem: As more lamps are connected in parallel, the current in the power source
    options:
      - text: increases
        correct: true
      - text: decreases
      - text: stays the same
```

A generic stem over different options: different questions.
```yaml
# report: none
items:
  - id: generic-1
    type: single
    stem: Which of the following statements is correct?
    options:
      - text: Amazon S3 is object storage
        correct: true
      - text: Amazon EBS is a queue
      - text: Amazon SQS is a database
  - id: generic-2
    type: single
    stem: Which of the following statements is correct?
    options:
      - text: AWS Glue is a serverless ETL service
        correct: true
      - text: Amazon Athena needs a cluster
      - text: Amazon EMR runs only Spark
```

## Options
- `stem-similarity` (number, 0 to 1): how alike two stems must be, as the
  rarity-weighted share of their words that they have in common (or, for
  stems that are 90 % the same word sequence, that share). With the same
  options and key, 0.15 less is enough.
- `min-options` (number, 0 to 1): the share of options (of the item with
  more) that must be alike; an option reworded slightly counts as alike.
- `report-variants` (true or false): report variants, at level `info`.

## Measured
Planted copies in synthetic banks (benchmarks/generate.py and
benchmarks/duplicates.py): each edit made to 100 items per 10,000, counted
as found when both items of the pair are reported naming each other. The
"small" vocabulary has under 200 content words in all, every one in
thousands of items.

<!-- planted:start -->
| edit | target | 10k realistic | 10k small | 50k realistic | 50k small |
|---|---|---|---|---|---|
| words-1 | >= 95 % | 100 of 100 (100 %) | 100 of 100 (100 %) | 500 of 500 (100 %) | 500 of 500 (100 %) |
| words-3 | >= 95 % | 100 of 100 (100 %) | 100 of 100 (100 %) | 500 of 500 (100 %) | 500 of 500 (100 %) |
| words-5 | >= 95 % | 99 of 100 (99 %) | 100 of 100 (100 %) | 497 of 500 (99 %) | 500 of 500 (100 %) |
| sentence-reworded | >= 95 % | 100 of 100 (100 %) | 98 of 100 (98 %) | 500 of 500 (100 %) | 493 of 500 (99 %) |
| options-reordered | >= 95 % | 100 of 100 (100 %) | 100 of 100 (100 %) | 500 of 500 (100 %) | 500 of 500 (100 %) |
| distractor-replaced | >= 95 % | 100 of 100 (100 %) | 100 of 100 (100 %) | 500 of 500 (100 %) | 500 of 500 (100 %) |
| key-reworded | >= 95 % | 100 of 100 (100 %) | 100 of 100 (100 %) | 500 of 500 (100 %) | 500 of 500 (100 %) |
| variant | <= 2 % | 0 of 100 (0 %) | 0 of 100 (0 %) | 0 of 500 (0 %) | 0 of 500 (0 %) |
| generic | <= 2 % | 0 of 100 (0 %) | 0 of 100 (0 %) | 0 of 500 (0 %) | 0 of 500 (0 %) |
| items reported outside the planted pairs | - | 0 of 10,000 | 0 of 10,000 | 0 of 50,000 | 0 of 50,000 |
| lint time, all rules, no cache | - | 27.4 s | 28.3 s | 150.9 s | 155.6 s |
<!-- planted:end -->

The variants and generic-stem rows should stay near 0; the other rows near
100 %.
The lint times are wall times on a 2-core machine that ran other jobs at the
same time (load average about 8); benchmarks/README.md has the speed figures
measured against a baseline.

## Firing rate
On the corpora (benchmarks/duplicate_corpora.py; details and the hand check
in benchmarks/duplicate-item-precision.md):

- MMLU, imported with `qb import csv --no-header` (15,906 items): 428 items
  reported (2.7 %). All 176 listed groups that really have the same stem and
  options are reported; the 177th (college_chemistry_test 6 and 93, "J << a"
  / "J >> a") is rightly left out. No pair of the 151 that share a generic
  stem with different options is reported (tests/test_duplicate_item_mmlu.py).
- OpenTriviaQA (49,716 items): 1,095 items (2.2 %), 65 of them outside the
  same-stem groups ("What is the chemical symbol for Boron?" / "What is the
  symbol for Boron?").
- AWS practice exams (1,142 items): 386 items (34 %: the 23 exams copy each
  other), 79 outside the same-stem groups ("(Select TWO)" / "(Choose two.)").
- Radio pools, each revision `--against` the one before: 1,580 of 2,464
  items carry over, 349 of them reworded.

A hand check of 30 findings outside the same-stem groups (10 AWS, 10 radio,
10 trivia) found 30 true duplicates.
"""

from __future__ import annotations

import enum
import gc
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain
from typing import Dict, Iterator, List, NamedTuple, Optional, Sequence, Set, Tuple

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from questionbank.finding import Location, Severity
from questionbank.item import Item
from questionbank.rules import _minhash, _related
from questionbank.rules.base import BankContext, ItemRef, Problem
from questionbank.text import STOPWORDS, instruction_of, normalize, plain

ID = "duplicate-item"
LEVEL = "warning"
SCOPE = "bank"
OPTIONS: dict = {"stem-similarity": 0.7, "min-options": 0.6, "report-variants": False}

# What one item contributes: its stem as normalised words, its options as
# normalised texts in authored order, the positions of its keys (for an open
# item, its answer stands as the only key), the stem's content words (no stop
# words, each once) and the MinHash band keys of its stem and options, all
# worked out per file so that a run answered from the cache does not redo them.
Summary = Tuple[str, Tuple[str, ...], Tuple[int, ...], Tuple[str, ...], Tuple[int, ...]]

# Words, numbers, and the symbols of formulas (which tell "p ⊃ q" from "p ∨ q").
_TOKEN = re.compile(r"[^\W_]+(?:[.,'][^\W_]+)*|[~^*/=<>+|&\u00ac\u00b1\u00d7\u00f7\u2190-\u21ff\u2200-\u22ff]")
# Numbers standing alone, not inside a name ("S3", "EC2", "IPv6").
_NUMBER = re.compile(r"(?<![^\W\d_])\d+(?![^\W\d_])")
_SIGN = re.compile(r"\d+|(?<![\w'\u2019])[^\W\d_aixAIX](?![\w'\u2019])")
# Options alike enough to be the same option, reworded (0 to 100), and
# words alike enough to be one word misspelt or inflected.
_OPTION_ALIKE = 90
_SAME_WORD = 85
# Words that point at the options or only frame a question, which a copy
# may change freely without asking something else.
_FRAME = frozenset("following below above listed given shown mentioned here a an the of these this those "
                   "that which what is are".split())
# Blocking by rare keys: how many of its rarest stem words and options index
# an item, and how many items may share one before it is too common to index.
_RAREST_WORDS = 4
_RAREST_OPTIONS = 2
_MAX_POSTING = 40
_MIN_SHARED = 2
# MinHash candidates: pairs that agree on this many bands, or on one band
# and share an option.
_MIN_BANDS = 2
# How much less alike stems may be when the options and key are the same.
_SAME_OPTIONS_EASING = 0.15
# Stems this much the same as word sequences are copies whatever words changed.
_SAME_SEQUENCE = 0.9
# An option text in more items than this is common ("True", "Wrong, Not
# wrong", "(i) and (iii) only"): sharing it says nothing about the question.
_COMMON_OPTION = 5
# How long a quoted difference may be.
_QUOTE = 40


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
    bands = _minhash.band_keys(_minhash.shingles([stem, *(" ".join(_TOKEN.findall(o)) for o in options)]))
    return stem, options, keys, tuple(sorted(set(stem.split()) - STOPWORDS)), tuple(bands)


def check_bank(records: List[Tuple[ItemRef, Optional[Summary]]], ctx: BankContext,
               options: dict) -> Iterator[Problem]:
    # The search builds a set or list per item and frees none of them until
    # the end: the cyclic garbage collector would only rescan them, again and again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        foreign = ctx.extra.get(ID + ":against", [])
        problems = list(_Search(records, foreign, options).problems())
    finally:
        if enabled:
            gc.enable()
    yield from problems


class Verdict(NamedTuple):
    """How two items compare: ``kind`` is "duplicate", "conflict" or
    "variant"; ``same_key`` whether they expect the same answer; ``what``
    says what differs."""

    kind: str
    same_key: bool
    what: str
    # How alike the two are (2 for the same stem and options), to name the closest first.
    score: float = 2.0


class _Entry(NamedTuple):
    ref: ItemRef
    stem: str
    options: Tuple[str, ...]
    keys: Tuple[int, ...]
    content: Tuple[str, ...]
    bands: Tuple[int, ...]
    foreign: bool

    @property
    def key_texts(self) -> Tuple[str, ...]:
        return tuple(sorted(self.options[k] for k in self.keys if k < len(self.options)))


class _Search:
    """One run of the rule over the bank's items, then the other banks' items
    (``foreign``), which are compared with the bank's but never reported."""

    def __init__(self, records, foreign, options: dict):
        self.options = options
        self.entries = [_Entry(ref, *s[:5], False) for ref, s in records if s is not None and len(s) >= 5]
        self.entries += [_Entry(ref, *s[:5], True) for ref, s in foreign if s is not None and len(s) >= 5]
        n = len(self.entries)
        self.groups = _UnionFind(n)
        self.same_key = _UnionFind(n)
        # Per item, the first item it was found alike with, and how.
        self.partner: Dict[int, Tuple[int, Verdict]] = {}
        self.variants: Dict[int, List[Tuple[int, Verdict]]] = defaultdict(list)

    def problems(self) -> Iterator[Problem]:
        entries = self.entries
        if len(entries) < 2 or all(e.foreign for e in entries):
            return
        representatives = self._exact_copies()
        contents = [e.content for e in entries]
        df: Counter = Counter(chain.from_iterable(contents[i] for i in representatives))
        self.weight = _Weights(df, len(representatives))
        self.option_df = Counter(chain.from_iterable(set(entries[i].options) for i in representatives))
        self.common_options = {o for o, c in self.option_df.items() if c > _COMMON_OPTION}
        for i, j in self._candidates(representatives, df):
            if entries[i].foreign and entries[j].foreign:
                continue
            verdict = compare(entries[i], entries[j], self.weight, self.options, self.common_options)
            if verdict is None:
                continue
            if verdict.kind == "variant":
                if self.options["report-variants"]:
                    self.variants[i].append((j, verdict))
                    self.variants[j].append((i, verdict))
                continue
            self._link(i, j, verdict)
        yield from self._report()

    def _exact_copies(self) -> List[int]:
        """Join items with the same stem and options (in any order); one
        representative of each goes into the search."""
        exact: Dict[Tuple[str, Tuple[str, ...]], int] = {}
        representatives = []
        for i, e in enumerate(self.entries):
            first = exact.setdefault((e.stem, tuple(sorted(e.options))), i)
            if first == i:
                representatives.append(i)
                continue
            same = self.entries[first].key_texts == e.key_texts
            self._link(first, i, Verdict("duplicate" if same else "conflict", same, _EXACT))
        return representatives

    def _link(self, i: int, j: int, verdict: Verdict) -> None:
        self.groups.union(i, j)
        if verdict.same_key:
            self.same_key.union(i, j)
        for me, other in ((i, j), (j, i)):
            if me not in self.partner or self.partner[me][1].score < verdict.score:
                self.partner[me] = (other, verdict)

    def _candidates(self, representatives: List[int], df: Counter) -> Iterator[Tuple[int, int]]:
        entries = self.entries
        seen: Set[Tuple[int, int]] = set()
        for i, j in _rare_key_pairs(representatives, [e.content for e in entries],
                                    [e.options for e in entries], df, self.option_df):
            pair = (i, j) if i < j else (j, i)
            seen.add(pair)
            yield pair
        option_sets = {}
        for (i, j), bands in _minhash.candidate_pairs([e.bands for e in entries], representatives).items():
            if (i, j) in seen:
                continue
            if bands < _MIN_BANDS:
                a = option_sets.get(i) or option_sets.setdefault(i, frozenset(entries[i].options))
                b = option_sets.get(j) or option_sets.setdefault(j, frozenset(entries[j].options))
                if a.isdisjoint(b):
                    continue
            yield i, j

    def _report(self) -> Iterator[Problem]:
        entries = self.entries
        for members in self.groups.sets():
            if all(entries[i].foreign for i in members):
                continue
            members.sort(key=lambda i: (entries[i].foreign, entries[i].ref.file, entries[i].ref.line))
            # One member of each key class: a member whose class differs has a conflicting copy.
            classes: Dict[int, int] = {}
            for i in members:
                classes.setdefault(self.same_key.find(i), i)
            for i in members:
                if not entries[i].foreign:
                    yield self._problem(i, members, classes)
        for i, found in self.variants.items():
            if entries[i].foreign:
                continue
            found.sort(key=lambda jv: (entries[jv[0]].ref.file, entries[jv[0]].ref.line))
            shown = [j for j, _ in found[:_related.RELATED]]
            yield Problem(f"a variant of {_related.names(shown, len(found), self._name)}: {found[0][1].what}; "
                          "if both are meant, nothing to do",
                          location=entries[i].ref.location, item=entries[i].ref.id, severity=Severity.INFO,
                          related=tuple(entries[j].ref.location for j in shown))

    def _name(self, i: int) -> str:
        return _name(self.entries[i].ref)

    def _problem(self, i: int, members: List[int], classes: Dict[int, int]) -> Problem:
        entries = self.entries
        entry = entries[i]
        partner, verdict = self.partner[i]
        if verdict.what != _EXACT:  # said from this item's side
            verdict = compare(entry, entries[partner], self.weight, self.options, self.common_options) or verdict
        shown = _related.others(members, i, first=partner)
        exact = verdict.what == _EXACT and verdict.same_key
        message = f"{'the same' if exact else 'nearly the same'} question as {self._name(partner)}"
        if verdict.what != _EXACT:
            message += f": {verdict.what}"
        if len(members) > 2:
            message += f"; {len(members) - 2:,} more cop{'ies' if len(members) > 3 else 'y'}: " \
                       f"{_related.names(shown[1:], len(members) - 2, self._name)}"
        mine = self.same_key.find(i)
        other_class = next((m for root, m in classes.items() if root != mine), None)
        severity = None
        if other_class is not None:
            severity = Severity.ERROR
            message += (f"; the keys differ: {_keys_text(entry.key_texts)} here, "
                        f"{_keys_text(entries[other_class].key_texts)} in "
                        f"{entries[other_class].ref.id or _name(entries[other_class].ref)}: one of them is keyed wrong")
        else:
            message += "; keep one, or change what the other asks" if len(members) == 2 else \
                "; keep one, or change what the others ask"
        return Problem(message, location=entry.ref.location, item=entry.ref.id, severity=severity,
                       related=tuple(entries[m].ref.location for m in shown))


_EXACT = "same stem and options"


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
        value = self[word] = math.log(1 + self.n / count) if count else math.log(1 + self.n)
        return value


def _rare_key_pairs(representatives: List[int], words: List[Tuple[str, ...]], options: List[Tuple[str, ...]],
                    word_df: Counter, option_df: Counter) -> Iterator[Tuple[int, int]]:
    """Pairs that may be alike: items that share two of their rarest stem
    words and rarest options. A reworded stem keeps most of its rare words
    (names, terms) and a reordered option list keeps its options, so a true
    pair shares several of them, while most pairs share none or one. Short
    items, whose shingles a rewording changes, are found this way; the
    MinHash bands find the rest, whatever the vocabulary.
    Words and options in more than a few items block nothing and are skipped."""
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


def compare(a: _Entry, b: _Entry, weight: "_Weights", options: dict,
            common_options: Set[str] = frozenset()) -> Optional[Verdict]:
    """Whether two items are the same item (a duplicate, or a conflicting
    copy when their keys differ), a variant, or unrelated (None).
    ``common_options``: option texts that many items of the bank share
    ("True", "Wrong, Not wrong"), which say nothing about the question."""
    if bool(a.options) != bool(b.options):
        return None
    match = _match_options(a.options, b.options)
    if match.alike < options["min-options"]:
        return None
    same_key = _same_key(a, b, match)
    telling = any(a.options[i] not in common_options for i, _ in match.pairs)
    tokens_a, tokens_b = a.stem.split(), b.stem.split()
    if tokens_a == tokens_b:
        stem_what, change, similarity = "", _Change.NONE, 1.0
    else:
        similarity = _stem_similarity(a, b, tokens_a, tokens_b, weight)
        # With the same options and key, a stem with a sentence rewritten is still a copy.
        needed = options["stem-similarity"]
        if same_key and match.identical and telling:
            needed -= _SAME_OPTIONS_EASING
        if similarity < needed:
            return None
        stem_what, change = _stem_difference(tokens_a, tokens_b)
    numbers_differ = _numbers(a.stem) != _numbers(b.stem)
    options_what = match.describe(same_key, a, b)
    what = "; ".join(part for part in (stem_what, options_what) if part)
    score = similarity + match.alike
    # A swapped term is a copy only when the options and key say so: all the
    # same, and not options that many items share. "LEAST" / "MOST" or "never" / "always"
    # with the same key is a variant (or one of the two is keyed wrong).
    swap_is_copy = change == _Change.SWAP and telling and match.identical
    if same_key and not numbers_differ and (change < _Change.SWAP or swap_is_copy):
        return Verdict("duplicate", True, what, score)
    if change >= _Change.ADDED or numbers_differ:
        return Verdict("variant", same_key, what.replace("; the key differs", " and so does the key"), score)
    return Verdict("conflict", False, what, score)


def _stem_similarity(a: _Entry, b: _Entry, tokens_a: List[str], tokens_b: List[str], weight) -> float:
    """How alike two stems are: the share of their words in common, weighted
    by rarity; or, for stems whose word sequences are nearly all the same (a
    few words swapped in a long stem), that share of the sequence."""
    words_a, words_b = set(a.content), set(b.content)
    total = sum(weight[w] for w in words_a | words_b)
    # Stems without content words ("Which?", "What?") say nothing alike.
    content = sum(weight[w] for w in words_a & words_b) / total if total else 0.0
    sequence = Indel.normalized_similarity(tokens_a, tokens_b)
    return max(content, sequence) if sequence >= _SAME_SEQUENCE else content


class _Change(enum.IntEnum):
    """How far two stems differ, from least to most: not at all; in frame
    words only, or a word spelt or inflected otherwise ("solution" /
    "solutions"); terms added on one side ("per capita"); a term swapped for
    another ("in series" / "in parallel", "India" / "China", "p" / "q"); a
    word that turns the question into its opposite on one side only ("not",
    "LEAST" / "MOST")."""

    NONE = 0
    FRAME = 1
    ADDED = 2
    SWAP = 3
    POLAR = 4


def _stem_difference(a: List[str], b: List[str]) -> Tuple[str, "_Change"]:
    """What differs between two stems, in words, and how far."""
    runs = []
    swapped = added = False
    for tag, i1, i2, j1, j2 in _merged_opcodes(a, b):
        if tag == "equal":
            continue
        left, right = a[i1:i2], b[j1:j2]
        terms_left, terms_right = _terms(left), _terms(right)
        if terms_left and terms_right:
            swapped = swapped or not _same_terms(terms_left, terms_right)
        elif terms_left or terms_right:
            added = True
        runs.append((left, right))
    # A word moved elsewhere is not a word added.
    polar = _polar(a) != _polar(b)
    if not runs:
        return "", _Change.NONE
    change = _Change.POLAR if polar else _Change.SWAP if swapped else _Change.ADDED if added else _Change.FRAME
    if len(runs) <= 3:
        quoted = ", ".join(f"{_quote(left)} / {_quote(right)}" for left, right in runs)
        return f"stems differ in {quoted}", change
    return f"stem reworded in {len(runs)} places", change


def _merged_opcodes(a: List[str], b: List[str]):
    """Indel opcodes with each run of inserts and deletes merged into one
    replacement."""
    merged: List[List] = []
    for op in Indel.opcodes(a, b):
        tag = "equal" if op.tag == "equal" else "replace"
        if merged and merged[-1][0] == tag == "replace":
            merged[-1][2], merged[-1][4] = op.src_end, op.dest_end
        else:
            merged.append([tag, op.src_start, op.src_end, op.dest_start, op.dest_end])
    return merged


def _quote(words: List[str]) -> str:
    text = " ".join(words)
    if not text:
        return "(nothing)"
    return f"'{text if len(text) <= _QUOTE else text[:_QUOTE - 3] + '...'}'"


# Words that turn a question into its opposite: a copy keeps them.
_POLAR = frozenset("not no never always none least most more less fewest false incorrect except only all "
                   "best worst".split())


def _polar(words: List[str]) -> Set[str]:
    # "most likely", "more often" hedge; they do not turn the question round.
    return {w for k, w in enumerate(words) if w in _POLAR
            and (k + 1 == len(words) or words[k + 1] not in ("likely", "probably", "often", "commonly"))}


def _same_terms(a: Set[str], b: Set[str]) -> bool:
    """Whether two replaced runs name the same things: every term has a
    spelling or inflection of itself on the other side ("solution" /
    "solutions")."""
    return all(any(_same_word(x, y) for y in b) for x in a) and all(any(_same_word(x, y) for x in a) for y in b)


def _same_word(x: str, y: str) -> bool:
    """One word spelt otherwise ("colour" / "color") or inflected ("solution"
    / "solutions", "electric" / "electrical"), not another word ("mean" /
    "median")."""
    short, long = sorted((x, y), key=len)
    if len(short) >= 3 and long.startswith(short) and len(long) - len(short) <= 3:
        return True
    return fuzz.ratio(x, y) >= _SAME_WORD


def _terms(words) -> Set[str]:
    return {w for w in words if w not in STOPWORDS and w not in _FRAME}


def _numbers(stem: str) -> List[str]:
    return sorted(_NUMBER.findall(stem))


class _OptionMatch(NamedTuple):
    """Options of two items paired: exactly, then reworded (alike to
    ``_OPTION_ALIKE``), then, when one option of each is left over in items
    of three or more, those two with each other (one replaced or rewritten)."""

    pairs: Tuple[Tuple[int, int], ...]
    reworded: int
    left_over: Optional[Tuple[int, int]]
    alike: float

    @property
    def identical(self) -> bool:
        """Every option paired, none left over."""
        return self.left_over is None and self.alike == 1.0

    def describe(self, same_key: bool, a: "_Entry", b: "_Entry") -> str:
        key_changed = self.left_over is not None and self.left_over[0] in a.keys
        parts = []
        if self.left_over is not None:
            parts.append("the key is worded differently" if key_changed and same_key else
                         "one option differs" if not same_key else "one distractor differs")
        extra = max(len(a.options), len(b.options)) - len(self.pairs) - (self.left_over is not None)
        if extra:
            parts.append(f"{extra} option{'s' if extra > 1 else ''} differ{'' if extra > 1 else 's'}")
        if self.reworded:
            parts.append(f"{self.reworded} option{'s' if self.reworded > 1 else ''} reworded")
        if not parts:
            parts.append("same options" if len(a.options) > 1 else "same answer")
        if same_key:
            return ", ".join(parts) + (" and key" if parts == ["same options"] else "; same key")
        return ", ".join(parts) + "; the key differs"


def _match_options(a: Tuple[str, ...], b: Tuple[str, ...]) -> _OptionMatch:
    pairs = []
    rest_b = list(range(len(b)))
    rest_a = []
    reworded = 0
    for i, text in enumerate(a):
        j = next((j for j in rest_b if b[j] == text), None)
        if j is None:
            rest_a.append(i)
        else:
            rest_b.remove(j)
            pairs.append((i, j))
    for i in list(rest_a):
        best = max(rest_b, key=lambda j: fuzz.ratio(a[i], b[j]), default=None)
        if best is not None and fuzz.ratio(a[i], b[best]) >= _OPTION_ALIKE and _signs(a[i]) == _signs(b[best]):
            rest_b.remove(best)
            rest_a.remove(i)
            pairs.append((i, best))
            reworded += 1
    larger = max(len(a), len(b))
    left_over = (rest_a[0], rest_b[0]) if len(rest_a) == len(rest_b) == 1 and len(pairs) >= 2 else None
    alike = len(pairs) / larger if larger else 1.0
    return _OptionMatch(tuple(pairs), reworded, left_over, alike)


def _same_key(a: "_Entry", b: "_Entry", match: _OptionMatch) -> bool:
    """Whether the keys correspond: each key of one is paired with a key of
    the other (a left-over pair counts when both are keys: the key reworded)."""
    if not a.options:
        return True
    pairs = list(match.pairs) + ([match.left_over] if match.left_over else [])
    image = {j for i, j in pairs if i in a.keys}
    mapped = {i for i, j in pairs if i in a.keys}
    return mapped == set(a.keys) and image == set(b.keys)


def _signs(text: str) -> List[str]:
    """Numbers and one-letter names ("when C and D are true"; not "a", "I"
    or "x", which are words or a times sign), which a reworded option keeps."""
    return _SIGN.findall(text)


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
