"""What the response-aware rules share: reading the bank's stored item
statistics (``stats/<exam>.json``, see questionbank/analysis/store.py) for
each item, and the verdicts they give.

These are bank rules: their per-item summaries (content hash and option
positions) are cached with the item file, while the statistics are read
afresh on every run, so a new stats file changes the findings without
touching the cache. A rule module supplies ``assess(entry, options)``,
which yields :class:`Verdict`\\s on one item's figures; ``qb analyze`` calls
the same function to say why an item is, or is not yet, flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Tuple

from questionbank.analysis import intervals
from questionbank.finding import Location
from questionbank.item import Item
from questionbank.rules.base import BankContext, ItemRef, Problem

# Below this many examinees no response-aware rule flags an item.
MIN_EXAMINEES = 30


@dataclass(frozen=True)
class Verdict:
    """One rule's word on one item: ``raised`` when the 95% interval is past
    the threshold; otherwise the estimate is, but the data cannot tell yet."""

    raised: bool
    message: str
    option: Optional[str] = None


Assess = Callable[[Dict[str, Any], Dict[str, Any]], Iterable[Verdict]]


def summarize(item: Item) -> list:
    """The item's content hash and where each option's text stands."""
    return [item.content_hash, [[o.id, *item.option_pos(o)] for o in item.options]]


def check(records: List[Tuple[ItemRef, Any]], ctx: BankContext, options: Dict[str, Any],
          assess: Assess) -> Iterator[Problem]:
    """Problems of the raised verdicts of ``assess`` on every item with
    current statistics from enough examinees."""
    if not ctx.stats:
        return
    for ref, summary in records:
        if ref.id is None:
            continue
        for stats in ctx.stats:
            entry = stats.items.get(ref.id)
            if entry is None or entry.get("content_hash") != summary[0] or entry["n"] < options["min-examinees"]:
                continue
            places = {option_id: (line, column) for option_id, line, column in summary[1]}
            for verdict in assess(entry, options):
                if not verdict.raised:
                    continue
                where = ref.location
                if verdict.option in places:
                    where = Location(ref.file, *places[verdict.option])
                yield Problem(f"{verdict.message} ({stats.relpath}, {entry['n']} examinees)", location=where,
                              item=ref.id)


# --- reading one item's figures ------------------------------------------


def option_name(option_id: str) -> str:
    """How messages name an option: ``options[2]`` for ``o3``."""
    return f"options[{int(option_id[1:]) - 1}]"


def distractors(entry: Dict[str, Any]) -> List[Tuple[str, Dict[str, Any]]]:
    return [(oid, o) for oid, o in entry["options"].items() if not o["key"]]


def weakest_key(entry: Dict[str, Any]) -> Optional[Tuple[str, Dict[str, Any]]]:
    """The key with the lowest option-rest correlation (the key, for a
    single item)."""
    keys = [(oid, o) for oid, o in entry["options"].items() if o["key"] and o.get("r") is not None]
    return min(keys, key=lambda kv: kv[1]["r"]) if keys else None


def most_chosen_key(entry: Dict[str, Any]) -> Optional[Tuple[str, Dict[str, Any]]]:
    """The key the upper group chose most often."""
    keys = [(oid, o) for oid, o in entry["options"].items() if o["key"]]
    return max(keys, key=lambda kv: kv[1]["upper"]) if keys else None


def upper_excess(entry: Dict[str, Any], option: Dict[str, Any], key: Dict[str, Any],
                 ratio: float) -> intervals.Interval:
    """The interval of (share of the upper group choosing ``option``) minus
    ``ratio`` times (share choosing ``key``)."""
    return intervals.share_excess(option["upper"], key["upper"], entry["groups"]["upper"], ratio)


def pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def num(value: Optional[float]) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def interval(ci) -> str:
    return "n/a" if ci is None else f"{ci[0]:.2f} to {ci[1]:.2f}"


def threshold(label: str, value: Optional[float], ci, limit: float, below: bool,
              consequence: str) -> Iterator[Verdict]:
    """The verdict of a figure against a limit: raised when the whole
    interval is past it (below it, or above it), noted when only the
    estimate is."""
    if value is None or (value >= limit if below else value <= limit):
        return
    detail = f"{label} {num(value)} (95% interval {interval(ci)}) is {'below' if below else 'above'} {limit:g}"
    if ci is not None and (ci[1] < limit if below else ci[0] > limit):
        yield Verdict(True, f"{detail}: {consequence}")
    else:
        yield Verdict(False, f"{detail}, but the interval still reaches {limit:g}")
