"""overlapping-ranges finds, for each option, whether it overlaps an earlier
one by sorting and sweeping; it must agree with checking every pair, and
thousands of options are an ordinary input for it."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import lint, write_example
from questionbank.rules._numbers import Interval
from questionbank.rules.overlapping_ranges import overlaps


def pair_overlaps(a: Interval, b: Interval, touching: bool) -> bool:
    """The definition, one pair at a time."""
    if a.is_point and b.is_point:
        return False
    lo, hi = max(a.lo, b.lo), min(a.hi, b.hi)
    if lo != hi:
        return lo < hi
    both_include = ((a.lo_in or a.lo < lo) and (b.lo_in or b.lo < lo)
                    and (a.hi_in or a.hi > hi) and (b.hi_in or b.hi > hi))
    if not both_include:
        return False
    return touching or any(x.is_point and y.lo < lo < y.hi for x, y in ((a, b), (b, a)))


@st.composite
def intervals(draw) -> Interval:
    lo = draw(st.integers(0, 12))
    kind = draw(st.sampled_from(["point", "range", "at least", "more than", "at most", "less than"]))
    if kind == "point":
        return Interval(lo, True, lo, True, "")
    if kind == "range":
        return Interval(lo, True, lo + draw(st.integers(1, 6)), True, "")
    if kind in ("at least", "more than"):
        return Interval(lo, kind == "at least", math.inf, False, "")
    return Interval(-math.inf, False, lo, kind == "at most", "")


@settings(max_examples=400, deadline=None)
@given(st.lists(intervals(), min_size=2, max_size=8), st.booleans())
def test_sweep_agrees_with_every_pair(members, touching) -> None:
    expected = {j for j in range(len(members)) if any(pair_overlaps(members[i], members[j], touching)
                                                     for i in range(j))}
    found = dict(overlaps(members, touching))
    assert set(found) == expected
    for j, i in found.items():
        assert i < j and pair_overlaps(members[i], members[j], touching)


def test_thousands_of_options(tmp_path) -> None:
    # 4,000 disjoint ranges (the worst case for checking every pair), two of
    # which overlap a range before them.
    texts = [f"{10 * k} to {10 * k + 5} seconds" for k in range(4000)]
    texts[1500] = "12 to 14 seconds"
    texts[3999] = "39980 to 39990 seconds"
    options = "".join(f"      - text: {t}\n" for t in texts).replace("      - text: 0 to 5 seconds\n",
                                                                     "      - text: 0 to 5 seconds\n"
                                                                     "        correct: true\n", 1)
    bank = write_example(tmp_path / "bank", "items:\n  - id: many\n    type: single\n"
                         "    stem: How long does the job wait?\n    options:\n" + options)
    found = [f for f in lint(bank) if f.rule == "overlapping-ranges"]
    assert sorted(f.message.split(".text")[0] for f in found) == ["options[1500]", "options[3999]"]
    assert "options[1]" in next(f.message for f in found if f.message.startswith("options[1500]"))
