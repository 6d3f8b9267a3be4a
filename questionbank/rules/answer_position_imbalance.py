"""Across the bank, the key sits in some positions far more often than chance.

## What it does
Counts where the keys stand among the options as authored (A, B, C, ...), for
the items whose order examinees will see: items whose options are all
pinned (`pin: true`), or every `single` and `multiple` item when an exam spec
prints options as written (`shuffle: {options: false}`). Items are grouped
by their number of options, and each group of at least `min-items` items is
tested against chance with a chi-square goodness-of-fit test (every position
equally likely). The rule reports once, at line 1 of bank.yaml, when some
group is skewed beyond chance (p below `p-value`) and some position's share
is off its fair share by at least `min-deviation`.

## Why is this bad?
Writers hide the key in the middle positions, up to three or four times as
often as at the ends (Attali and Bar-Hillel 2003). Examinees who know that
guess better than chance, and middle-keyed items get easier and measure less
(Haladyna, Downing and Rodriguez 2002, guideline 20: vary the location of the
right answer).

## Example
```yaml
items:
  - {id: q01, type: single, stem: 'What is 1 + 1?', options: [{text: '1', pin: true}, {text: '2', correct: true, pin: true}, {text: '3', pin: true}, {text: '4', pin: true}]}
  - {id: q02, type: single, stem: 'What is 2 + 1?', options: [{text: '2', pin: true}, {text: '3', correct: true, pin: true}, {text: '4', pin: true}, {text: '5', pin: true}]}
  - {id: q03, type: single, stem: 'What is 3 + 1?', options: [{text: '3', pin: true}, {text: '4', correct: true, pin: true}, {text: '5', pin: true}, {text: '6', pin: true}]}
  - {id: q04, type: single, stem: 'What is 4 + 1?', options: [{text: '4', pin: true}, {text: '5', correct: true, pin: true}, {text: '6', pin: true}, {text: '7', pin: true}]}
  - {id: q05, type: single, stem: 'What is 5 + 1?', options: [{text: '5', pin: true}, {text: '6', correct: true, pin: true}, {text: '7', pin: true}, {text: '8', pin: true}]}
  - {id: q06, type: single, stem: 'What is 6 + 1?', options: [{text: '6', pin: true}, {text: '7', correct: true, pin: true}, {text: '8', pin: true}, {text: '9', pin: true}]}
  - {id: q07, type: single, stem: 'What is 7 + 1?', options: [{text: '7', pin: true}, {text: '8', correct: true, pin: true}, {text: '9', pin: true}, {text: '10', pin: true}]}
  - {id: q08, type: single, stem: 'What is 8 + 1?', options: [{text: '8', pin: true}, {text: '9', correct: true, pin: true}, {text: '10', pin: true}, {text: '11', pin: true}]}
  - {id: q09, type: single, stem: 'What is 9 + 1?', options: [{text: '9', pin: true}, {text: '10', correct: true, pin: true}, {text: '11', pin: true}, {text: '12', pin: true}]}
  - {id: q10, type: single, stem: 'What is 10 + 1?', options: [{text: '10', pin: true}, {text: '11', correct: true, pin: true}, {text: '12', pin: true}, {text: '13', pin: true}]}
  - {id: q11, type: single, stem: 'What is 11 + 1?', options: [{text: '11', pin: true}, {text: '12', correct: true, pin: true}, {text: '13', pin: true}, {text: '14', pin: true}]}
  - {id: q12, type: single, stem: 'What is 12 + 1?', options: [{text: '12', pin: true}, {text: '13', correct: true, pin: true}, {text: '14', pin: true}, {text: '15', pin: true}]}
  - {id: q13, type: single, stem: 'What is 13 + 1?', options: [{text: '13', pin: true}, {text: '14', correct: true, pin: true}, {text: '15', pin: true}, {text: '16', pin: true}]}
  - {id: q14, type: single, stem: 'What is 14 + 1?', options: [{text: '14', pin: true}, {text: '15', correct: true, pin: true}, {text: '16', pin: true}, {text: '17', pin: true}]}
  - {id: q15, type: single, stem: 'What is 15 + 1?', options: [{text: '15', pin: true}, {text: '16', correct: true, pin: true}, {text: '17', pin: true}, {text: '18', pin: true}]}
  - {id: q16, type: single, stem: 'What is 16 + 1?', options: [{text: '16', pin: true}, {text: '17', correct: true, pin: true}, {text: '18', pin: true}, {text: '19', pin: true}]}
  - {id: q17, type: single, stem: 'What is 17 + 1?', options: [{text: '16', pin: true}, {text: '17', pin: true}, {text: '18', correct: true, pin: true}, {text: '19', pin: true}]}
  - {id: q18, type: single, stem: 'What is 18 + 1?', options: [{text: '17', pin: true}, {text: '18', pin: true}, {text: '19', correct: true, pin: true}, {text: '20', pin: true}]}
  - {id: q19, type: single, stem: 'What is 19 + 1?', options: [{text: '18', pin: true}, {text: '19', pin: true}, {text: '20', correct: true, pin: true}, {text: '21', pin: true}]}
  - {id: q20, type: single, stem: 'What is 20 + 1?', options: [{text: '19', pin: true}, {text: '20', pin: true}, {text: '21', correct: true, pin: true}, {text: '22', pin: true}]}
```

## Use instead
```yaml
items:
  - {id: q01, type: single, stem: 'What is 1 + 1?', options: [{text: '2', correct: true, pin: true}, {text: '3', pin: true}, {text: '4', pin: true}, {text: '5', pin: true}]}
  - {id: q02, type: single, stem: 'What is 2 + 1?', options: [{text: '2', pin: true}, {text: '3', correct: true, pin: true}, {text: '4', pin: true}, {text: '5', pin: true}]}
  - {id: q03, type: single, stem: 'What is 3 + 1?', options: [{text: '2', pin: true}, {text: '3', pin: true}, {text: '4', correct: true, pin: true}, {text: '5', pin: true}]}
  - {id: q04, type: single, stem: 'What is 4 + 1?', options: [{text: '2', pin: true}, {text: '3', pin: true}, {text: '4', pin: true}, {text: '5', correct: true, pin: true}]}
  - {id: q05, type: single, stem: 'What is 5 + 1?', options: [{text: '6', correct: true, pin: true}, {text: '7', pin: true}, {text: '8', pin: true}, {text: '9', pin: true}]}
  - {id: q06, type: single, stem: 'What is 6 + 1?', options: [{text: '6', pin: true}, {text: '7', correct: true, pin: true}, {text: '8', pin: true}, {text: '9', pin: true}]}
  - {id: q07, type: single, stem: 'What is 7 + 1?', options: [{text: '6', pin: true}, {text: '7', pin: true}, {text: '8', correct: true, pin: true}, {text: '9', pin: true}]}
  - {id: q08, type: single, stem: 'What is 8 + 1?', options: [{text: '6', pin: true}, {text: '7', pin: true}, {text: '8', pin: true}, {text: '9', correct: true, pin: true}]}
  - {id: q09, type: single, stem: 'What is 9 + 1?', options: [{text: '10', correct: true, pin: true}, {text: '11', pin: true}, {text: '12', pin: true}, {text: '13', pin: true}]}
  - {id: q10, type: single, stem: 'What is 10 + 1?', options: [{text: '10', pin: true}, {text: '11', correct: true, pin: true}, {text: '12', pin: true}, {text: '13', pin: true}]}
  - {id: q11, type: single, stem: 'What is 11 + 1?', options: [{text: '10', pin: true}, {text: '11', pin: true}, {text: '12', correct: true, pin: true}, {text: '13', pin: true}]}
  - {id: q12, type: single, stem: 'What is 12 + 1?', options: [{text: '10', pin: true}, {text: '11', pin: true}, {text: '12', pin: true}, {text: '13', correct: true, pin: true}]}
  - {id: q13, type: single, stem: 'What is 13 + 1?', options: [{text: '14', correct: true, pin: true}, {text: '15', pin: true}, {text: '16', pin: true}, {text: '17', pin: true}]}
  - {id: q14, type: single, stem: 'What is 14 + 1?', options: [{text: '14', pin: true}, {text: '15', correct: true, pin: true}, {text: '16', pin: true}, {text: '17', pin: true}]}
  - {id: q15, type: single, stem: 'What is 15 + 1?', options: [{text: '14', pin: true}, {text: '15', pin: true}, {text: '16', correct: true, pin: true}, {text: '17', pin: true}]}
  - {id: q16, type: single, stem: 'What is 16 + 1?', options: [{text: '14', pin: true}, {text: '15', pin: true}, {text: '16', pin: true}, {text: '17', correct: true, pin: true}]}
  - {id: q17, type: single, stem: 'What is 17 + 1?', options: [{text: '18', correct: true, pin: true}, {text: '19', pin: true}, {text: '20', pin: true}, {text: '21', pin: true}]}
  - {id: q18, type: single, stem: 'What is 18 + 1?', options: [{text: '18', pin: true}, {text: '19', correct: true, pin: true}, {text: '20', pin: true}, {text: '21', pin: true}]}
  - {id: q19, type: single, stem: 'What is 19 + 1?', options: [{text: '18', pin: true}, {text: '19', pin: true}, {text: '20', correct: true, pin: true}, {text: '21', pin: true}]}
  - {id: q20, type: single, stem: 'What is 20 + 1?', options: [{text: '18', pin: true}, {text: '19', pin: true}, {text: '20', pin: true}, {text: '21', correct: true, pin: true}]}
```

## Options
- `min-items` (number): the smallest group of items (with the same number
  of options) that is tested; below it, no verdict is possible.
- `p-value` (number): how unlikely under chance a skew must be to be reported.
- `min-deviation` (number, 0 to 1): how far from its fair share (1/k) some
  position's share must be, so that a large bank is not told about a skew
  too small to matter.

## Firing rate
The corpora shuffle their options (no pins, no exam spec), so the rule
reports nothing on them. Told that options print as written, it reports the
AWS practice exams (878 four-option items with keys at A 184, B 271, C 243,
D 183; chi-square 26.3, p = 8e-06: the middle bias) and nothing on MMLU (A
3,681, B 3,920, C 4,051, D 4,254: p = 2e-09 but no position more than 1.8
points off its share, below `min-deviation`), OpenTriviaQA or the radio
pools.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Dict, Iterator, List, Optional, Tuple

from questionbank.finding import Location
from questionbank.item import Item, letter
from questionbank.rules.base import BankContext, ItemRef, Problem

ID = "answer-position-imbalance"
LEVEL = "warning"
SCOPE = "bank"
OPTIONS: dict = {"min-items": 20, "p-value": 0.01, "min-deviation": 0.05}

# (number of options, positions of the keys, whether every option is pinned)
Summary = Tuple[int, Tuple[int, ...], bool]


def summarize(item: Item) -> Optional[Summary]:
    if not item.is_choice or len(item.options) < 2:
        return None
    keys = tuple(i for i, o in enumerate(item.options) if o.correct)
    if not keys:
        return None
    return len(item.options), keys, all(o.pin for o in item.options)


def check_bank(records: List[Tuple[ItemRef, Optional[Summary]]], ctx: BankContext,
               options: dict) -> Iterator[Problem]:
    counts: Dict[int, Counter] = defaultdict(Counter)
    items: Counter = Counter()
    for _, summary in records:
        if summary is None:
            continue
        size, keys, pinned = summary
        if not (pinned or ctx.prints_as_written):
            continue
        counts[size].update(keys)
        items[size] += 1
    skewed = []
    for size in sorted(counts):
        if items[size] < options["min-items"]:
            continue
        observed = [counts[size][i] for i in range(size)]
        total = sum(observed)
        statistic = sum((o - total / size) ** 2 / (total / size) for o in observed)
        p = chi2_survival(statistic, size - 1)
        deviation = max(abs(o / total - 1 / size) for o in observed)
        if p < options["p-value"] and deviation >= options["min-deviation"]:
            shares = ", ".join(f"{letter(i)} {o}" for i, o in enumerate(observed))
            skewed.append(f"{items[size]} items with {size} options have their keys at {shares} "
                          f"(chance: {total / size:.1f} each; chi-square {statistic:.1f}, p = {p:.2g})")
    if skewed:
        from questionbank.lint import display_path  # the engine imports the rules: import it late

        which = "every choice item, as an exam spec prints options as written" if ctx.prints_as_written \
            else "items with pinned options"
        yield Problem(f"the keys' positions are skewed, over {which}: " + "; ".join(skewed)
                      + ": move keys to the positions they are short of, or let the options shuffle",
                      location=Location(display_path(ctx.root / "bank.yaml"), 1, 1))


def chi2_survival(x: float, df: int) -> float:
    """P(X >= x) for a chi-square variable with ``df`` degrees of freedom:
    the regularized upper incomplete gamma function Q(df/2, x/2)."""
    if x <= 0:
        return 1.0
    a, z = df / 2.0, x / 2.0
    if z < a + 1:
        # Series for the lower function P, then Q = 1 - P.
        term = total = 1.0 / a
        n = a
        while abs(term) > abs(total) * 1e-15:
            n += 1
            term *= z / n
            total += term
        return max(0.0, 1.0 - total * math.exp(-z + a * math.log(z) - math.lgamma(a)))
    # Continued fraction for Q (Lentz's method).
    tiny = 1e-300
    b = z + 1 - a
    c = 1 / tiny
    d = 1 / b
    h = d
    for i in range(1, 1000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-15:
            break
    return min(1.0, h * math.exp(-z + a * math.log(z) - math.lgamma(a)))
