"""Percent weights of multiple-response answers, as Moodle accepts them.

Moodle stores an answer's grade as one of a fixed list of fractions and, by
default, refuses an import whose grades are not on it. The keys share 100%
and each wrong option takes away 100% / (number of wrong options), so a
candidate who ticks every box scores nothing (Moodle floors a question's
mark at 0). For up to ten keys or wrong options the shares are on the list;
beyond that the nearest safe grade is used and the export says so.
"""

from __future__ import annotations

from typing import Optional, Tuple

# Moodle's grade list (question_bank::fraction_options_full), in percent.
MOODLE_GRADES = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                 16.66667, 14.28571, 12.5, 11.11111, 10, 5)


def percent(value: float) -> str:
    """A percentage as Moodle writes it: up to five decimals, no trailing zeros."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def shares(keys: int, wrong: int) -> Tuple[str, str, Optional[str]]:
    """(grade of each key, grade of each wrong option, note or None)."""
    problem = None
    right = 100 / keys if keys else 0.0
    if keys > 10:
        right = min(MOODLE_GRADES, key=lambda g: abs(g - right))
        problem = f"{keys} keys: each key gets {percent(right)}%, Moodle has no grade of exactly 100/{keys}%"
    penalty = 100 / wrong if wrong else 0.0
    if wrong > 10:
        # Round up, so ticking every box still earns nothing.
        penalty = min(g for g in MOODLE_GRADES if g >= penalty)
        problem = f"{wrong} wrong options: each takes away {percent(penalty)}%, Moodle has no grade of 100/{wrong}%"
    return percent(right), percent(-penalty), problem
