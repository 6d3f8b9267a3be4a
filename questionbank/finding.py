"""The finding: one problem at one place, as every reporter prints it."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Optional, Tuple


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based line and column (in Unicode characters) in a file."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    severity: Severity
    rule: str
    message: str
    item: Optional[str] = None
    related: Tuple[Location, ...] = field(default=())

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column)

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.message)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "rule": self.rule,
            "message": self.message,
            "item": self.item,
            "related": [
                {"path": r.path, "line": r.line, "column": r.column} for r in self.related
            ],
        }
