"""Bounded lists of the other places of a group, for bank rules that report
each member of a group (duplicate ids, duplicate items).

A group of n places reported once per member with every other place would
print n * n locations: 4,000 copies make 16 million. Each finding names the
first few others in its message ("'a' (f.yaml:3:5), 'b' (f.yaml:9:5), 'c'
(g.yaml:2:3) and 3,996 more") and lists a bounded number in ``related``.
"""

from __future__ import annotations

from typing import Callable, List, Optional, Sequence, TypeVar

T = TypeVar("T")

# How many other places a message names, and how many ``related`` lists.
NAMED = 3
RELATED = 20


def others(members: Sequence[T], me: T, first: Optional[T] = None, limit: int = RELATED) -> List[T]:
    """Up to ``limit`` members other than ``me``, ``first`` (if given) leading,
    the rest in order: O(limit), whatever the size of the group."""
    picked = [first] if first is not None and first != me else []
    for m in members[:limit + 2]:
        if len(picked) == limit:
            break
        if m != me and m != first:
            picked.append(m)
    return picked


def names(shown: Sequence[T], total: int, name: Callable[[T], str]) -> str:
    """The first ``NAMED`` of ``shown`` by name, and how many of the ``total``
    others are left unnamed."""
    named = [name(m) for m in shown[:NAMED]]
    return ", ".join(named) + more(total - len(named))


def more(hidden: int) -> str:
    return f" and {hidden:,} more" if hidden > 0 else ""
