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

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
                                 ScalarEvent, SequenceEndEvent, SequenceStartEvent)
from ruamel.yaml.reader import ReaderError

from questionbank.finding import Finding, Severity
from questionbank.hints import Hint

JsonPath = Tuple[Any, ...]
Pos = Tuple[int, int]

_MERGE_KEY = object()  # stands for a pending `<<` key
_STR_TAGS = ("tag:yaml.org,2002:str", "!!str")
# A file whose aliases expand to more nodes than this (a "billion laughs"
# document) is refused instead of being walked by every later check.
_ALIAS_EXPANSION_LIMIT = 1_000_000

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
                  raw: Optional[bytes] = None) -> Document:
    """Read and parse ``path`` (or its already read bytes ``raw``). Never
    raises for bad content: every problem becomes a finding of the document."""
    doc = Document(path=path, display=display)
    if raw is None:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            doc.findings.append(doc.finding((1, 1), "unreadable-file",
                                            f"cannot read the file: {exc.strerror or exc}"))
            return doc
    text = _decode(raw, doc)
    if text is None:
        return doc
    doc.text = text
    parse_text(doc, text, hint)
    return doc


def parse_text(doc: Document, text: str, hint: Optional[Hint]) -> None:
    try:
        doc.data = _EventBuilder(doc, hint).build(_events(text))
    except MarkedYAMLError as exc:
        doc.findings.append(doc.finding(_mark_pos(exc.problem_mark), "yaml-syntax", _yaml_message(exc, text)))
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


def _events(text: str):
    # The C parser's events, without building ruamel's node objects: qb builds
    # its data and positions straight from them. One YAML instance per call
    # keeps threads apart.
    return YAML(typ="safe", pure=False).parse(text)


def _decode(raw: bytes, doc: Document) -> Optional[str]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        doc.findings.append(doc.finding((1, 1), "yaml-syntax", "not UTF-8: the file starts with a UTF-16 byte order mark; save it as UTF-8"))
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


def _mark_pos(mark) -> Pos:
    if mark is None:
        return (1, 1)
    return (mark.line + 1, mark.column + 1)


def _index_pos(text: str, index: int) -> Pos:
    line = text.count("\n", 0, index) + 1
    return (line, index - (text.rfind("\n", 0, index) + 1) + 1)


def _reader_problem(exc: ReaderError) -> str:
    char = exc.character
    if isinstance(char, int):
        return f"unacceptable character #x{char:04x}: {exc.reason}"
    return f"unacceptable character {char!r}: {exc.reason}"


def _yaml_message(exc: MarkedYAMLError, text: str) -> str:
    problem = (exc.problem or "").removeprefix("but ")
    details = []
    if exc.context:
        details.append(exc.context)
    cm, pm = exc.context_mark, exc.problem_mark
    if cm is not None and pm is not None and (cm.line, cm.column) != (pm.line, pm.column):
        details.append(f"see line {cm.line + 1}, column {cm.column + 1}")
    hint = _yaml_hint(problem, text, pm)
    message = f"not valid YAML: {problem}" + (f" ({'; '.join(details)})" if details else "")
    return message + (f"; {hint}" if hint else "")


_INDENTATION = "check the indentation of this line against the line above"
# The parser's words for the usual indentation mistakes.
_INDENTATION_PROBLEMS = ("did not find expected key", "did not find expected '-' indicator", "expected <block end>")


def _yaml_hint(problem: str, text: str, mark) -> str:
    """Plain words for the parser's messages that usually mean a line is
    indented wrong (or, for "mapping values", a value holding ': ')."""
    lines = text.split("\n")
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    before = line[:mark.column] if mark is not None else ""
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
    if mark is not None and line[mark.column:mark.column + 1] == "\t":
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

    def __init__(self, doc: Document, hint: Optional[Hint]):
        self.doc = doc
        self.hint = hint
        self.anchors: Dict[str, Tuple[Any, int]] = {}
        self.open_anchors: set = set()
        self.built = 0  # values built so far, aliases counted at their full size

    def build(self, events) -> Any:
        stack: List[_Frame] = []
        result: Any = None
        documents = 0
        values = self.doc.values
        for event in events:
            kind = type(event)
            if kind is ScalarEvent or kind is AliasEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
                frame = stack[-1] if stack else None
                if frame is not None and isinstance(frame.value, dict) and frame.key is None:
                    self._key(frame, event)
                    continue
                if frame is None:
                    path, hint = (), self.hint
                elif frame.key is _MERGE_KEY:
                    path, hint = frame.path + ("<<",), frame.hint
                elif frame.key is not None:
                    path = frame.path + (frame.key,)
                    hint = frame.hint.child(frame.key) if frame.hint else None
                else:
                    path = frame.path + (len(frame.value),)
                    hint = frame.hint.items if frame.hint else None
                mark = event.start_mark
                if kind is AliasEvent:
                    value = self._alias(event)
                else:
                    values[path] = (mark.line + 1, mark.column + 1)
                    self.built += 1
                    if kind is ScalarEvent:
                        value = self._scalar(event, hint)
                        if event.anchor:
                            self.anchors[event.anchor] = (value, 1)
                    else:
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
                    raise _Refused(_mark_pos(event.start_mark),
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
        mark = event.start_mark
        pos = (mark.line + 1, mark.column + 1)
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
        child = frame.path + (key,)
        first = frame.seen.get(key)
        if first is not None:
            self.doc.findings.append(self.doc.finding(
                pos, "duplicate-key",
                f"{format_path(child)}: key '{key}' is repeated (first at line {first[0]}, column {first[1]});"
                " a YAML reader keeps only the last value and loses the first"))
        frame.seen[key] = pos
        self.doc.keys[child] = pos
        frame.key = key

    def _alias(self, event) -> Any:
        pos = _mark_pos(event.start_mark)
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

    def _scalar(self, event, hint: Optional[Hint]) -> Any:
        text = event.value
        if event.end_mark.line != event.start_mark.line:
            start, end = event.start_mark, event.end_mark
            self.doc.scalar_spans.append((start.line + 1, start.column + 1, end.line + 1, end.column + 1))
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
        return resolve_plain(text)


def format_path(path: JsonPath) -> str:
    """``("items", 3, "options", 1, "correct")`` -> ``items[3].options[1].correct``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(document)"
