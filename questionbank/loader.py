"""Read one YAML file into plain data, keeping where every value came from.

qb builds the data itself from the events of ruamel.yaml's C parser, which
carry line and column, instead of using a YAML constructor: a constructor
would lose what the author wrote (it keeps the last of two equal keys, turns
``source: 2.10`` into the float 2.1 and ``2024-05-01`` into a date), and
skipping ruamel's node objects makes reading about a third faster. Here a plain
scalar becomes a string wherever the schema wants a string, so the text is
taken exactly as written, and repeated keys are findings.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
                                 ScalarEvent, SequenceEndEvent, SequenceStartEvent)
from ruamel.yaml.reader import ReaderError

from questionbank import limits
from questionbank.bom import byte_order_mark
from questionbank.finding import Finding, Severity
from questionbank.hints import Hint

JsonPath = Tuple[Any, ...]
Pos = Tuple[int, int]

_MERGE_KEY = object()  # stands for a pending `<<` key
_STR_TAGS = ("tag:yaml.org,2002:str", "!!str")
# A file whose aliases expand to more nodes than this (a "billion laughs"
# document) is refused instead of being walked by every later check.
_ALIAS_EXPANSION_LIMIT = 1_000_000
# Values nested deeper than this share the path and position of their
# ancestor at this depth: a path per value would cost memory in the square
# of the depth (100 levels of brackets, 2 bytes each, would need 100 path
# entries per value). Bank data nests fewer than ten levels.
_POSITIONS_DEPTH = 16

# YAML 1.2 core schema resolution of plain scalars.
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
# In a field the schema declares boolean, YAML 1.1's yes/no are read as booleans.
_BOOL_WORDS = {"yes": True, "no": False, "on": True, "off": False}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_INT_OCT = re.compile(r"0o[0-7]+\Z")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")


@dataclass
class Document:
    """A parsed file: its data, the position of each value, and the findings
    of reading it (``yaml-syntax``, ``duplicate-key``).

    ``data`` is None when the file could not be parsed or holds nothing.
    """

    path: Path
    display: str
    text: Optional[str] = None
    data: Any = None
    values: Dict[JsonPath, Pos] = field(default_factory=dict)
    keys: Dict[JsonPath, Pos] = field(default_factory=dict)
    findings: List[Finding] = field(default_factory=list)
    # (start line, start col, end line, end col) of multi-line scalars, so a
    # '#' inside a block scalar is not taken for a comment.
    scalar_spans: List[Tuple[int, int, int, int]] = field(default_factory=list)
    # Where a number is .inf or .nan (or too large for a float, as 1e400):
    # the schemas are JSON Schemas, and JSON has no such numbers.
    nonfinite: List[JsonPath] = field(default_factory=list)

    @property
    def parsed(self) -> bool:
        return self.text is not None and not any(f.rule == "yaml-syntax" for f in self.findings)

    def value_pos(self, path: JsonPath) -> Pos:
        """Where the value at ``path`` starts; for a path that has no node of
        its own (a missing key), the nearest enclosing value."""
        while path:
            pos = self.values.get(path)
            if pos is not None:
                return pos
            path = path[:-1]
        return self.values.get((), (1, 1))

    def key_pos(self, path: JsonPath) -> Pos:
        """Where the key of the mapping entry at ``path`` stands."""
        pos = self.keys.get(path)
        return pos if pos is not None else self.value_pos(path)

    def finding(self, pos: Pos, rule: str, message: str,
                severity: Severity = Severity.ERROR) -> Finding:
        return Finding(self.display, pos[0], pos[1], severity, rule, message)


class _Refused(Exception):
    """The document cannot be turned into data; the message says why."""

    def __init__(self, pos: Pos, message: str):
        super().__init__(message)
        self.pos = pos


def read_document(path: Path, display: str, hint: Optional[Hint] = None,
                  raw: Optional[bytes] = None, limit: int = limits.MAX_FILE_MB * limits.MB) -> Document:
    """Read and parse ``path`` (or its already read bytes ``raw``), a regular
    file of at most ``limit`` bytes. Never raises for bad content: every
    problem becomes a finding of the document."""
    doc = Document(path=path, display=display)
    if raw is None:
        try:
            raw = limits.read_bytes(path, limit)
        except (OSError, limits.Refused) as exc:
            doc.findings.append(doc.finding((1, 1), "unreadable-file", unreadable_message(exc)))
            return doc
    text = _decode(raw, doc)
    if text is None:
        return doc
    doc.text = text
    parse_text(doc, text, hint)
    return doc


def unreadable_message(exc: Exception) -> str:
    """The ``unreadable-file`` message for what ``limits.read_bytes`` raised."""
    if isinstance(exc, OSError):
        return f"cannot read the file: {exc.strerror or exc}"
    return str(exc)


def parse_text(doc: Document, text: str, hint: Optional[Hint]) -> None:
    positions = _Positions(text)
    try:
        doc.data = _EventBuilder(doc, hint, positions).build(_events(text))
    except MarkedYAMLError as exc:
        doc.findings.append(doc.finding(positions(exc.problem_mark), "yaml-syntax", _yaml_message(exc, text, positions)))
    except ReaderError as exc:
        doc.findings.append(doc.finding(_index_pos(text, exc.position), "yaml-syntax",
                                        f"not valid YAML: {_reader_problem(exc)}"))
    except _Refused as exc:
        doc.findings.append(doc.finding(exc.pos, "yaml-syntax", str(exc)))
    except YAMLError as exc:
        doc.findings.append(doc.finding((1, 1), "yaml-syntax", f"not valid YAML: {exc}"))
    else:
        return
    # Nothing half-built survives a syntax error.
    doc.data = None
    doc.values.clear()
    doc.keys.clear()
    doc.nonfinite.clear()


# libyaml also ends a line at U+0085, U+2028 and U+2029 (as YAML 1.1 did);
# editors, and qb, count only LF, CRLF and CR.
_OTHER_BREAKS = re.compile("[\u0085\u2028\u2029]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def lines_of(text: str) -> List[str]:
    """The lines of a text as editors count them: split at LF, CRLF and CR
    only (``str.splitlines`` also splits at U+2028 and other characters)."""
    lines = _LINE_BREAK.split(text)
    if lines and not lines[-1]:
        lines.pop()
    return lines


class _Positions:
    """(line, column), from 1, of a parser mark."""

    def __init__(self, text: str):
        # Line starts, only for a text where libyaml's lines are not the editor's.
        self.starts: Optional[List[int]] = None
        if _OTHER_BREAKS.search(text):
            self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def __call__(self, mark) -> Pos:
        if mark is None:
            return (1, 1)
        if self.starts is None:
            return (mark.line + 1, mark.column + 1)
        line = bisect_right(self.starts, mark.index)
        return (line, mark.index - self.starts[line - 1] + 1)


def _events(text: str):
    # The C parser's events, without building ruamel's node objects: qb builds
    # its data and positions straight from them. One YAML instance per call
    # keeps threads apart.
    return YAML(typ="safe", pure=False).parse(text)


def _decode(raw: bytes, doc: Document) -> Optional[str]:
    mark = byte_order_mark(raw)
    if mark is not None and mark[1] != "utf-8":
        encoding = mark[1][:-3].upper()  # "utf-16-le": UTF-16
        doc.findings.append(doc.finding((1, 1), "yaml-syntax",
                                        f"not UTF-8: the file starts with a {encoding} byte order mark; "
                                        "save it as UTF-8"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[line_start:exc.start].decode("utf-8", "replace")) + 1
        bad = raw[exc.start:exc.start + 1].hex()
        doc.findings.append(doc.finding((line, column), "yaml-syntax",
                                        f"not UTF-8: invalid byte 0x{bad}; save the file as UTF-8"))
        return None
    return text[1:] if text.startswith("\ufeff") else text


def _index_pos(text: str, index: int) -> Pos:
    line = text.count("\n", 0, index) + 1
    return (line, index - (text.rfind("\n", 0, index) + 1) + 1)


def _reader_problem(exc: ReaderError) -> str:
    char = exc.character
    if isinstance(char, int):
        return f"unacceptable character #x{char:04x}: {exc.reason}"
    return f"unacceptable character {char!r}: {exc.reason}"


def _yaml_message(exc: MarkedYAMLError, text: str, positions: "_Positions") -> str:
    problem = (exc.problem or "").removeprefix("but ")
    details = []
    if exc.context:
        details.append(exc.context)
    cm, pm = exc.context_mark, exc.problem_mark
    if cm is not None and pm is not None and (cm.line, cm.column) != (pm.line, pm.column):
        line, column = positions(cm)
        details.append(f"see line {line}, column {column}")
    hint = _yaml_hint(problem, text, positions(pm) if pm is not None else None)
    message = f"not valid YAML: {problem}" + (f" ({'; '.join(details)})" if details else "")
    return message + (f"; {hint}" if hint else "")


_INDENTATION = "check the indentation of this line against the line above"
# The parser's words for the usual indentation mistakes.
_INDENTATION_PROBLEMS = ("did not find expected key", "did not find expected '-' indicator", "expected <block end>")


def _yaml_hint(problem: str, text: str, pos: Optional[Pos]) -> str:
    """Plain words for the parser's messages that usually mean a line is
    indented wrong (or, for "mapping values", a value holding ': ').
    ``pos``: where the parser stopped, (line, column) from 1."""
    lines = lines_of(text)
    line = lines[pos[0] - 1] if pos is not None and pos[0] <= len(lines) else ""
    column = pos[1] - 1 if pos is not None else 0
    before = line[:column]
    if problem.startswith("mapping values are not allowed"):
        if re.search(r"\S:[ \t]", before):
            return "a value that holds ': ' needs quotes around it"
        return _INDENTATION
    if problem.startswith(_INDENTATION_PROBLEMS):
        return _INDENTATION
    if problem.startswith(("did not find expected ',' or '}'", "did not find expected ',' or ']'")):
        return "inside { } or [ ], put quotes around a value that holds ',', ':', '?', brackets or braces"
    if problem.startswith("could not find expected ':'"):
        return f"{_INDENTATION}, and that each key ends with ':'"
    if line[column:column + 1] == "\t":
        return "indent with spaces: YAML does not allow tabs there"
    return ""


def resolve_plain(value: str) -> Any:
    """The YAML 1.2 core-schema value of a plain scalar."""
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    first = value[0]
    if first.isdigit() or first in "+-.":
        if _INT.match(value):
            return int(value)
        if _FLOAT.match(value):
            return float(value)
        if _INT_OCT.match(value):
            return int(value[2:], 8)
        if _INT_HEX.match(value):
            return int(value[2:], 16)
        if _INF.match(value):
            return float("-inf") if value[0] == "-" else float("inf")
        if _NAN.match(value):
            return float("nan")
    return value


class _Frame:
    """A mapping or sequence being built."""

    __slots__ = ("value", "path", "hint", "anchor", "key", "key_pos", "seen", "merges", "built_before")

    def __init__(self, value: Any, path: JsonPath, hint: Optional[Hint], anchor: Optional[str], built: int):
        self.value = value
        self.path = path
        self.hint = hint
        self.anchor = anchor
        self.key: Optional[str] = None  # a mapping's key waiting for its value
        self.key_pos: Pos = (1, 1)
        self.seen: Dict[str, Pos] = {}
        self.merges: List[dict] = []
        self.built_before = built


class _EventBuilder:
    """Builds plain data from parser events, iteratively (no recursion limit
    on deep nesting), recording the position of every value and key."""

    def __init__(self, doc: Document, hint: Optional[Hint], positions: _Positions):
        self.doc = doc
        self.hint = hint
        self.pos = positions
        self.anchors: Dict[str, Tuple[Any, int]] = {}
        self.open_anchors: set = set()
        self.built = 0  # values built so far, aliases counted at their full size

    def build(self, events) -> Any:
        stack: List[_Frame] = []
        result: Any = None
        documents = 0
        values = self.doc.values
        fast = self.pos.starts is None
        for event in events:
            kind = type(event)
            if kind is ScalarEvent or kind is AliasEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
                frame = stack[-1] if stack else None
                if frame is not None and isinstance(frame.value, dict) and frame.key is None:
                    self._key(frame, event)
                    continue
                if frame is None:
                    path, hint = (), self.hint
                elif len(frame.path) >= _POSITIONS_DEPTH:
                    path, hint = frame.path, None  # see _POSITIONS_DEPTH
                elif frame.key is _MERGE_KEY:
                    path, hint = frame.path + ("<<",), frame.hint
                elif frame.key is not None:
                    path = frame.path + (frame.key,)
                    hint = frame.hint.child(frame.key) if frame.hint else None
                else:
                    path = frame.path + (len(frame.value),)
                    hint = frame.hint.items if frame.hint else None
                if kind is AliasEvent:
                    value = self._alias(event)
                else:
                    mark = event.start_mark
                    if frame is None or path is not frame.path:  # not nested past _POSITIONS_DEPTH
                        values[path] = (mark.line + 1, mark.column + 1) if fast else self.pos(mark)
                    self.built += 1
                    if kind is ScalarEvent:
                        value = self._scalar(event, hint, path)
                        if event.anchor:
                            self.anchors[event.anchor] = (value, 1)
                    else:
                        if len(stack) >= limits.MAX_DEPTH:
                            raise _Refused(self.pos(mark), f"not accepted: lists and mappings nested more than "
                                                         f"{limits.MAX_DEPTH} levels deep")
                        if event.anchor:
                            self.open_anchors.add(event.anchor)
                        stack.append(_Frame({} if kind is MappingStartEvent else [], path, hint, event.anchor,
                                            self.built))
                        continue
                result = self._attach(stack, value, result)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                value = frame.value
                for merged in frame.merges:
                    for k, v in merged.items():
                        value.setdefault(k, v)
                if frame.anchor:
                    self.open_anchors.discard(frame.anchor)
                    self.anchors[frame.anchor] = (value, self.built - frame.built_before + 1)
                result = self._attach(stack, value, result)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Refused(self.pos(event.start_mark),
                                   "not valid YAML: found another document (a bank file holds one document)")
        return result

    def _attach(self, stack: List[_Frame], value: Any, result: Any) -> Any:
        if not stack:
            return value
        frame = stack[-1]
        key = frame.key
        if key is None:
            frame.value.append(value)
            return result
        frame.key = None
        if key is _MERGE_KEY:
            # `<<: *anchor` (or a list of them) fills in keys the mapping does not set itself.
            sources = value if isinstance(value, list) else [value]
            if not all(isinstance(v, dict) for v in sources):
                raise _Refused(frame.key_pos, "not accepted: '<<' must merge a mapping or a list of mappings")
            frame.merges.extend(sources)
        else:
            frame.value[key] = value
        return result

    def _key(self, frame: _Frame, event) -> None:
        pos = self.pos(event.start_mark)
        frame.key_pos = pos
        if type(event) is ScalarEvent:
            key = event.value
            if key == "<<" and not event.style:
                frame.key = _MERGE_KEY
                return
        elif type(event) is AliasEvent:
            key = self._alias(event)
            if not isinstance(key, str):
                raise _Refused(pos, "not accepted: a mapping key must be plain text, not a list or mapping")
        else:
            raise _Refused(pos, "not accepted: a mapping key must be plain text, not a list or mapping")
        deep = len(frame.path) >= _POSITIONS_DEPTH
        child = frame.path + (key,)
        first = frame.seen.get(key)
        if first is not None:
            self.doc.findings.append(self.doc.finding(
                pos, "duplicate-key",
                f"{format_path(child)}: key '{key}' is repeated (first at line {first[0]}, column {first[1]});"
                " a YAML reader keeps only the last value and loses the first"))
        frame.seen[key] = pos
        if not deep:
            self.doc.keys[child] = pos
        frame.key = key

    def _alias(self, event) -> Any:
        pos = self.pos(event.start_mark)
        anchor = event.anchor
        if anchor in self.open_anchors:
            raise _Refused(pos, "not accepted: an alias refers to the node that contains it")
        if anchor not in self.anchors:
            raise _Refused(pos, f"not valid YAML: found undefined alias '{anchor}'")
        value, size = self.anchors[anchor]
        # Count what the alias expands to, so a billion-laughs file is refused
        # before later checks walk it.
        self.built += size
        if self.built > _ALIAS_EXPANSION_LIMIT:
            raise _Refused(pos, "not accepted: its aliases expand to more than a million values")
        return value

    def _scalar(self, event, hint: Optional[Hint], path: JsonPath) -> Any:
        text = event.value
        if event.end_mark.line != event.start_mark.line:
            self.doc.scalar_spans.append(self.pos(event.start_mark) + self.pos(event.end_mark))
        if event.style:
            return text  # quoted or block: always a string (plain is None or "")
        if event.tag in _STR_TAGS:
            return text
        if hint is not None:
            if hint.kind == "string" and text not in _NULLS:
                return text
            if hint.kind == "boolean":
                word = _BOOL_WORDS.get(text.lower())
                if word is not None:
                    return word
        try:
            value = resolve_plain(text)
        except ValueError:  # an integer of more digits than Python converts (4,300)
            raise _Refused(self.pos(event.start_mark),
                           f"not accepted: a number of {len(text):,} digits; put it in quotes to keep it as text")
        if type(value) is float and not math.isfinite(value):
            self.doc.nonfinite.append(path)
        return value


def format_path(path: JsonPath) -> str:
    """``("items", 3, "options", 1, "correct")`` -> ``items[3].options[1].correct``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(document)"
