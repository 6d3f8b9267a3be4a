"""Suppression comments: ``# qb: disable=RULE,...`` and ``# qb: disable-file=RULE,...``.

Comments are found in the text, but a ``#`` inside a scalar (a block scalar's
line, or a quoted string) is content, not a comment: the loader's scalar spans
and YAML's rule that a comment follows white space rule those out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Set, Tuple

from questionbank.loader import Document

_DIRECTIVE = re.compile(r"(?:^|[ \t])#\s*qb:\s*(disable|disable-file)\s*=\s*([A-Za-z0-9_,\s-]*)")


@dataclass
class Suppression:
    line: int
    column: int
    rules: Tuple[str, ...]
    # Lines it covers, inclusive; None for the whole file.
    span: Optional[Tuple[int, int]]
    used: Set[str] = field(default_factory=set)

    def covers(self, rule: str, line: int) -> bool:
        if rule not in self.rules:
            return False
        return self.span is None or self.span[0] <= line <= self.span[1]


def find_suppressions(doc: Document, item_starts: Sequence[int]) -> List[Suppression]:
    """The suppression comments of an item file. ``item_starts`` are the
    first lines of its items, in order."""
    text = doc.text
    if not text or "qb:" not in text:
        return []
    lines = text.splitlines()
    found: List[Suppression] = []
    for number, line in enumerate(lines, start=1):
        if "qb:" not in line:
            continue
        match = _DIRECTIVE.search(line)
        if match is None:
            continue
        column = match.start() + (1 if line[match.start()] in " \t" else 0) + 1
        if _inside_scalar(doc, line, number, column):
            continue
        rules = tuple(r.strip() for r in match.group(2).split(",") if r.strip())
        if match.group(1) == "disable-file":
            span = None
        else:
            span = _item_span(lines, number, column, item_starts)
        found.append(Suppression(number, column, rules, span))
    return found


def _inside_scalar(doc: Document, text: str, line: int, column: int) -> bool:
    for start_line, start_col, end_line, end_col in doc.scalar_spans:
        if (start_line, start_col) <= (line, column) < (end_line, end_col):
            return True
    # A one-line quoted scalar that holds "# qb:" starts before the '#' on the same line.
    return any(vline == line and vcol < column and _quoted_around(text, vcol, column)
               for vline, vcol in doc.values.values())


def _quoted_around(line: str, start: int, column: int) -> bool:
    quote = line[start - 1] if start - 1 < len(line) else ""
    if quote not in "'\"":
        return False
    end = line.find(quote, start)
    while quote == "'" and end != -1 and line[end + 1:end + 2] == "'":
        end = line.find(quote, end + 2)
    return end == -1 or end + 1 > column - 1


def _item_span(lines: List[str], line: int, column: int,
               item_starts: Sequence[int]) -> Tuple[int, int]:
    own_line = not lines[line - 1][:column - 1].strip()
    if own_line:
        # A comment on its own line directly above an item covers that item.
        for start in item_starts:
            if start > line:
                between = lines[line:start - 1]
                if all(not s.strip() or s.lstrip().startswith("#") for s in between):
                    return _span_of(start, item_starts, len(lines))
                break
    containing = [s for s in item_starts if s <= line]
    if containing:
        return _span_of(containing[-1], item_starts, len(lines))
    return (line, line)


def _span_of(start: int, item_starts: Sequence[int], last_line: int) -> Tuple[int, int]:
    later = [s for s in item_starts if s > start]
    return (start, (later[0] - 1) if later else last_line)
