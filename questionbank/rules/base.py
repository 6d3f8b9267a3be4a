"""What a rule module declares and what its check functions yield.

A rule is a module with:

- ``ID``: its kebab-case id; ``LEVEL``: its default severity;
- ``SCOPE``: ``"file"`` (reported while reading and validating files),
  ``"item"`` (``check(item, ctx, options)`` runs on each item) or ``"bank"``
  (``summarize(item)`` runs on each item, then ``check_bank(records, ctx,
  options)`` once on the whole bank; summaries are cached as JSON, so they
  are built from str, int, float, bool, None, tuples and lists, and come
  back from the cache with lists where tuples were: treat both alike);
- ``NEEDS_EXAMS`` / ``NEEDS_STATS`` (optional, bank rules): run only in a
  bank with exam specs / with stored response statistics (``stats/*.json``);
- ``OPTIONS``: its options and their defaults (the default's type is the
  option's type);
- a docstring that is its user documentation, with the sections "What it
  does", "Why is this bad?", "Example" and "Use instead". The examples run as
  tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, NamedTuple, Optional, Tuple

from questionbank import limits
from questionbank.finding import Location, Severity
from questionbank.loader import JsonPath


@dataclass(frozen=True)
class Problem:
    """A finding as a rule states it: where (a path inside the item, or an
    explicit location for bank rules), what, and optionally a severity other
    than the rule's default."""

    message: str
    path: JsonPath = ()
    location: Optional[Location] = None
    severity: Optional[Severity] = None
    related: Tuple[Location, ...] = ()
    item: Optional[str] = None


class ItemRef(NamedTuple):
    """Where an item stands, for bank rules (a tuple: tens of thousands are
    built on every run from the cache)."""

    file: str
    line: int
    column: int
    id: Optional[str]

    @property
    def location(self) -> Location:
        return Location(self.file, self.line, self.column)


@dataclass(frozen=True)
class ExamDoc:
    """A schema-valid exam spec, with the positions of its values and keys."""

    display: str
    data: Any
    values: Dict[Tuple[Any, ...], Tuple[int, int]]
    keys: Dict[Tuple[Any, ...], Tuple[int, int]]

    def value_pos(self, path: Tuple[Any, ...]) -> Tuple[int, int]:
        while path and path not in self.values:
            path = path[:-1]
        return self.values.get(path, (1, 1))


@dataclass
class BankContext:
    """What rules may know about the bank beyond one item."""

    root: Path
    domains: Optional[Dict[str, Any]] = None
    # The largest file or image qb reads (bank.yaml's max-file-mb), in bytes.
    max_bytes: int = limits.MAX_FILE_MB * limits.MB
    # False when bank.yaml has errors: its blueprint cannot be trusted to assemble an exam.
    bank_valid: bool = True
    # True when some exam spec prints options in their authored order.
    prints_as_written: bool = False
    exams: List[ExamDoc] = field(default_factory=list)
    # The bank's stats/*.json files (found before the items are checked,
    # read after: rules with NEEDS_STATS run only when there are some).
    stats_files: Tuple[Path, ...] = ()
    stats: List[Any] = field(default_factory=list)
    extra: Dict[str, Any] = field(default_factory=dict)
