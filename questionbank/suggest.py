""""Did you mean ...?": the one way qb guesses which name a typo stands for.

A guess is offered only when it is close: a few letters typed wrong, left
out, doubled or swapped (at most one edit per three letters typed), or the start
of a longer name ("warn" for "warning"). difflib's ratio alone also matches
names that merely share letters ("option" and "pin"), which misleads more
than it helps.
"""

from __future__ import annotations

import difflib
from typing import Iterable, Optional


def edit_distance(a: str, b: str) -> int:
    """Letters to insert, delete, replace or swap (adjacent) to turn ``a``
    into ``b`` (the optimal string alignment distance)."""
    previous2: list = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def closest(word: str, choices: Iterable[str]) -> Optional[str]:
    """The choice ``word`` most likely stands for, or None when none is close."""
    typed = word.casefold()
    best = None
    best_key = None
    for choice in dict.fromkeys(choices):
        name = choice.casefold()
        distance = edit_distance(typed, name)
        shorter = min(len(typed), len(name))
        prefix = shorter >= 3 and (name.startswith(typed) or typed.startswith(name))
        near = distance <= len(typed) // 3
        if not near and not prefix:
            continue
        key = (0 if near else 1, distance,
               -difflib.SequenceMatcher(None, typed, name).ratio())
        if best_key is None or key < best_key:
            best, best_key = choice, key
    return best


def did_you_mean(word: str, choices: Iterable[str], otherwise: str = "") -> str:
    """`` (did you mean 'x'?)`` for the closest choice, else ``otherwise``."""
    guess = closest(word, choices)
    return f" (did you mean '{guess}'?)" if guess is not None else otherwise
