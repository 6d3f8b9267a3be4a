"""The key is the option that shares the most parts with the other options.

## What it does
Looks at items whose options are built from parts: at least three options
(stock options such as "All of the above" set aside) that split into two
parts or more at commas, semicolons, "and", "and then", "with", "&" or "+"
("Short circuit, open circuit, and 50 ohms"), or that share a frame of
words and vary in two places or more ("shift the Phillips curve to the
left", "shift the money demand curve to the right": the parts are the
words between the shared ones). Numbers are not counted as parts. Each
option scores, for each
of its parts, the number of other options that hold the same part (compared
without regard to case and punctuation). It reports a single-answer item
whose key alone has the highest score.

## Why is this bad?
Writers often build distractors by varying one part of the key at a time,
so the key ends up as the one option whose every part recurs elsewhere: a
test-wise examinee picks the option that overlaps most with the others
without knowing the content (the NBME guide's "convergence strategy";
Haladyna, Downing and Rodriguez 2002, guideline 28; Tarrant et al.'s
"convergence cues"). Balance the parts so that each appears in as many
options as the others.

## Example
```yaml
items:
  - id: vna-calibration
    type: single
    stem: What three test loads are used to calibrate an RF vector network analyzer?
    options:
      - text: 50 ohms, 75 ohms, and 90 ohms
      - text: Short circuit, open circuit, and 50 ohms
        correct: true
      - text: Short circuit, open circuit, and resonant circuit
      - text: 50 ohms, 1/4 wavelength, and 1/2 wavelength
```

## Use instead
```yaml
items:
  - id: vna-calibration
    type: single
    stem: What three test loads are used to calibrate an RF vector network analyzer?
    options:
      - text: 50 ohms, 75 ohms, and open circuit
      - text: Short circuit, open circuit, and 50 ohms
        correct: true
      - text: Short circuit, 75 ohms, and resonant circuit
      - text: Resonant circuit, 50 ohms, and short circuit
```

## Firing rate
Items reported / items (`benchmarks/devset/rates.py`, all at `info`): MMLU
127 / 15,906 (0.8%); radio pools 15 / 4,041 (0.4%); AWS Cloud Practitioner
practice exams 5 / 1,142 (0.4%); OpenTriviaQA 113 / 49,716 (0.2%); the
example bank 0 / 53. A hand check of 20 findings (11 MMLU, 4 radio, 5
trivia) found the key at the meeting point of the variations in all 20
("magnesium at the cathode and bromine at the anode" among options that
swap the electrodes and the products). On the labelled development set: 2
of 3 labelled items found, 1 false alarm (precision 0.67 on a tiny set;
the false alarm is a syllogism item whose key does converge, labelled
clean); the miss is an item whose options vary in wording as well as in
parts ("Request and wait for approval from AWS support, and then conduct
testing").

Why `info`: the cue is real but weak. Over all items of a corpus whose
options have parts and one option alone has the highest score, that option
is the key in 37% of MMLU items, 36% of radio items, 42% of AWS items and
50% of trivia items, against about 25% by chance: better than a guess, far
from a giveaway, and most items where it holds were written in good faith.
"""

from __future__ import annotations

import re
from typing import Iterator, List, Set

from questionbank.item import Item, Option
from questionbank.rules._options import content_options, excerpt, name
from questionbank.rules.base import BankContext, Problem
from questionbank.text import normalize, plain, words

ID = "convergence-cue"
LEVEL = "info"
SCOPE = "item"
OPTIONS: dict = {}

# Numbers are not parts: "5 out of 15" among "1 out of 5" and "5 out of 10"
# is arithmetic, and sets of numbers are the numeric rules' business.
_NUMBER = re.compile(r"[-+\u2212]?[\d.,/%]+(?:\s+[\d.,/%]+)*")
_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+then\s+|and\s+|then\s+)?|;|\+|&|\band\s+then\b|\band\b|\bwith\b)\s*", re.I)


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    if item.type != "single" or len(item.keys) != 1:
        return
    content = content_options(item)
    if len(content) < 3:
        return
    parts = [_parts(o.text) for o in content]
    if sum(1 for p in parts if len(p) >= 2) < 3:
        parts = _varied_runs(content)
        if sum(1 for p in parts if len(p) >= 2) < 3:
            return
    scores = [sum(sum(1 for j, other in enumerate(parts) if j != i and part in other) for part in mine)
              for i, mine in enumerate(parts)]
    top = max(scores)
    if top == 0 or scores.count(top) != 1:
        return
    key = content[scores.index(top)]
    if not key.correct:
        return
    second = max(s for s in scores if s != top) if len(set(scores)) > 1 else 0
    yield Problem(f"{name(key)}.text: {excerpt(key.text)} is the key and shares the most parts with the other "
                  f"options ({top} against at most {second}): a test-wise examinee picks the option that overlaps "
                  "most; balance the parts across the options", ("options", key.index, "text"))


def _parts(text: str) -> Set[str]:
    parts: List[str] = [p for p in _SPLIT.split(normalize(plain(text))) if p.strip()]
    return {p for p in parts if not _NUMBER.fullmatch(p)}


def _varied_runs(options: List[Option]) -> List[Set[str]]:
    """The parts of options that share a frame: the runs of words between
    the words every option has ("shift the [Phillips] curve to the [left]")."""
    token_lists = [[w.lower() for w in words(normalize(plain(o.text)))] for o in options]
    frame = set.intersection(*(set(t) for t in token_lists))
    if len(frame) < 2:
        return []
    out = []
    for tokens in token_lists:
        runs: Set[str] = set()
        run: List[str] = []
        for token in tokens + [next(iter(frame))]:
            if token in frame:
                if run and not _NUMBER.fullmatch(" ".join(run)):
                    runs.add(" ".join(run))
                run = []
            else:
                run.append(token)
        out.append(runs)
    return out
