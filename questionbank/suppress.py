"""Suppression comments: ``# qb: disable=RULE,...`` and ``# qb: disable-file=RULE,...``.

Comments are found in the text, but a ``#`` inside a scalar (a block scalar's
line, or a quoted string) is content, not a comment: the loader's scalar spans
and YAML's rule that a comment follows white space rule those out.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from questionbank.loader import Document, lines_of

_DIRECTIVE = re.compile(r"(?:^|[ \t])#\s*qb:\s*(disable|disable-file)\s*=\s*([A-Za-z0-9_,\s-]*)")


@dataclass
class Suppression:
    line: int
    column: int
    rules: Tuple[str, ...]
    # Lines it covers, inclusive; None for the whole file.
    span: Optional[Tuple[int, int]]
    used: Set[str] = field(default_factory=set)


def find_suppressions(doc: Document, item_starts: Sequence[int]) -> List[Suppression]:
    """The suppression comments of an item file. ``item_starts`` are the
    first lines of its items, in order. Linear in the size of the file,
    however many comments it holds."""
    text = doc.text
    if not text or "qb:" not in text:
        return []
    lines = lines_of(text)
    directives = []
    for number, line in enumerate(lines, start=1):
        if "qb:" not in line:
            continue
        match = _DIRECTIVE.search(line)
        if match is not None:
            directives.append((number, line, match))
    scalars = _Scalars(doc, {number for number, _, _ in directives})
    found: List[Suppression] = []
    next_code: Optional[List[int]] = None
    for number, line, match in directives:
        column = match.start() + (1 if line[match.start()] in " \t" else 0) + 1
        if scalars.holds(line, number, column):
            continue
        rules = tuple(r.strip() for r in match.group(2).split(",") if r.strip())
        if match.group(1) == "disable-file":
            span = None
        else:
            if next_code is None:
                next_code = _next_code_lines(lines)
            span = _item_span(lines, number, column, item_starts, next_code)
        found.append(Suppression(number, column, rules, span))
    return found


class _Scalars:
    """Which places of a file lie inside a scalar: multi-line scalars (block
    or quoted) by their spans, one-line quoted ones by the values that start
    on the lines asked about."""

    def __init__(self, doc: Document, lines: Set[int]):
        # Scalars do not overlap: sorted by start, the one that may hold a
        # place is the last that starts before it.
        self.spans = sorted(doc.scalar_spans)
        self.starts = [(s[0], s[1]) for s in self.spans]
        self.on_line: Dict[int, List[int]] = {}
        for vline, vcol in doc.values.values():
            if vline in lines:
                self.on_line.setdefault(vline, []).append(vcol)

    def holds(self, text: str, line: int, column: int) -> bool:
        i = bisect_right(self.starts, (line, column)) - 1
        if i >= 0 and (line, column) < (self.spans[i][2], self.spans[i][3]):
            return True
        # A one-line quoted scalar that holds "# qb:" starts before the '#' on the same line.
        return any(vcol < column and _quoted_around(text, vcol, column) for vcol in self.on_line.get(line, ()))


def _quoted_around(line: str, start: int, column: int) -> bool:
    quote = line[start - 1] if start - 1 < len(line) else ""
    if quote not in "'\"":
        return False
    end = line.find(quote, start)
    while quote == "'" and end != -1 and line[end + 1:end + 2] == "'":
        end = line.find(quote, end + 2)
    return end == -1 or end + 1 > column - 1


def _next_code_lines(lines: List[str]) -> List[int]:
    """For each line (from 1), the number of the first line at or after it
    that is neither blank nor a comment (len(lines) + 1 if none): one pass."""
    after = [len(lines) + 1] * (len(lines) + 2)
    for number in range(len(lines), 0, -1):
        text = lines[number - 1].strip()
        after[number] = after[number + 1] if not text or text.startswith("#") else number
    return after


def _item_span(lines: List[str], line: int, column: int, item_starts: Sequence[int],
               next_code: List[int]) -> Tuple[int, int]:
    own_line = not lines[line - 1][:column - 1].strip()
    following = bisect_right(item_starts, line)  # the first item that starts below the comment
    if own_line and following < len(item_starts):
        # A comment on its own line directly above an item (only blank and
        # comment lines between) covers that item.
        start = item_starts[following]
        if next_code[line + 1] >= start:
            return _span_of(start, item_starts, len(lines))
    if following:  # else the item the comment is in
        return _span_of(item_starts[following - 1], item_starts, len(lines))
    return (line, line)


def _span_of(start: int, item_starts: Sequence[int], last_line: int) -> Tuple[int, int]:
    later = bisect_right(item_starts, start)
    return (start, (item_starts[later] - 1) if later < len(item_starts) else last_line)


class Covering:
    """The suppressions of one file, indexed so that finding those that
    cover a finding costs a search, not a pass over all of them."""

    def __init__(self, suppressions: Iterable[Suppression]):
        self.whole_file: List[Suppression] = []
        by_span: Dict[Tuple[int, int], List[Suppression]] = {}
        for s in suppressions:
            if s.span is None:
                self.whole_file.append(s)
            else:
                by_span.setdefault(s.span, []).append(s)
        # Spans are items (or one line before the first item): they do not overlap.
        self.spans = sorted(by_span)
        self.starts = [span[0] for span in self.spans]
        self.by_span = by_span

    def covering(self, rule: str, line: int) -> List[Suppression]:
        found = [s for s in self.whole_file if rule in s.rules]
        i = bisect_right(self.starts, line) - 1
        if i >= 0 and line <= self.spans[i][1]:
            found += [s for s in self.by_span[self.spans[i]] if rule in s.rules]
        return found


def any_within(sorted_lines: Sequence[int], span: Optional[Tuple[int, int]]) -> bool:
    """Whether a line of ``sorted_lines`` lies in ``span`` (None: the whole file)."""
    if span is None:
        return bool(sorted_lines)
    i = bisect_left(sorted_lines, span[0])
    return i < len(sorted_lines) and sorted_lines[i] <= span[1]
