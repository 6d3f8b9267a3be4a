"""Read one YAML file into plain data, keeping where every value came from.

The C composer of ruamel.yaml builds nodes that carry line and column; qb then
builds the data itself instead of using a YAML constructor, because a
constructor would lose what the author wrote: it keeps the last of two equal
keys, turns ``source: 2.10`` into the float 2.1 and ``2024-05-01`` into a date.
Here a plain scalar becomes a string wherever the schema wants a string, so the
text is taken exactly as written, and repeated keys are findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver

from questionbank.finding import Finding, Severity
from questionbank.hints import Hint

JsonPath = Tuple[Any, ...]
Pos = Tuple[int, int]

_MERGE_TAG = "tag:yaml.org,2002:merge"
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
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
        node = _compose(text)
    except MarkedYAMLError as exc:
        doc.findings.append(doc.finding(_mark_pos(exc.problem_mark), "yaml-syntax", _yaml_message(exc)))
        return
    except ReaderError as exc:
        doc.findings.append(doc.finding(_index_pos(text, exc.position), "yaml-syntax",
                                        f"not valid YAML: {_reader_problem(exc)}"))
        return
    except (YAMLError, RecursionError) as exc:
        doc.findings.append(doc.finding((1, 1), "yaml-syntax", f"not valid YAML: {exc}"))
        return
    if node is None:
        return
    builder = _Builder(doc)
    try:
        doc.data = builder.build(node, (), hint)
    except _Refused as exc:
        doc.data = None
        doc.values.clear()
        doc.keys.clear()
        doc.findings.append(doc.finding(exc.pos, "yaml-syntax", str(exc)))
    except RecursionError:
        doc.data = None
        doc.findings.append(doc.finding((1, 1), "yaml-syntax", "not valid YAML: nested too deeply"))


class _TagOnlyResolver(VersionedResolver):
    """qb resolves plain scalars itself (see ``_Builder._scalar``); ruamel's
    versioned resolver would cost most of the parse time for nothing."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            return _MERGE_TAG if value == "<<" and implicit[0] else _STR_TAG
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG


def _compose(text: str):
    # A YAML instance is cheap but not reentrant; one per call keeps threads safe.
    yaml = YAML(typ="safe", pure=False)
    yaml.Resolver = _TagOnlyResolver
    return yaml.compose(text)


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


def _yaml_message(exc: MarkedYAMLError) -> str:
    problem = (exc.problem or "").removeprefix("but ")
    details = []
    if exc.context:
        details.append(exc.context)
    cm, pm = exc.context_mark, exc.problem_mark
    if cm is not None and pm is not None and (cm.line, cm.column) != (pm.line, pm.column):
        details.append(f"see line {cm.line + 1}, column {cm.column + 1}")
    return f"not valid YAML: {problem}" + (f" ({'; '.join(details)})" if details else "")


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


class _Builder:
    def __init__(self, doc: Document):
        self.doc = doc
        self.done: Dict[int, Any] = {}
        self.sizes: Dict[int, int] = {}
        self.active: set = set()
        self.expanded = 0

    def build(self, node, path: JsonPath, hint: Optional[Hint]) -> Any:
        key = id(node)
        if key in self.done:
            # An alias: count what it expands to, so a billion-laughs file is
            # refused before later checks walk it.
            self.expanded += self.sizes.get(key, 1)
            if self.expanded > _ALIAS_EXPANSION_LIMIT:
                raise _Refused(_mark_pos(node.start_mark),
                               "not accepted: its aliases expand to more than a million values")
            return self.done[key]
        if key in self.active:
            raise _Refused(_mark_pos(node.start_mark), "not accepted: an alias refers to the node that contains it")
        start = node.start_mark
        self.doc.values[path] = (start.line + 1, start.column + 1)
        if isinstance(node, ScalarNode):
            value = self._scalar(node, hint)
            if node.end_mark.line != start.line:
                self.doc.scalar_spans.append((start.line + 1, start.column + 1,
                                              node.end_mark.line + 1, node.end_mark.column + 1))
            size = 1
        else:
            self.active.add(key)
            before = self.expanded + len(self.done)
            if isinstance(node, SequenceNode):
                item_hint = hint.items if hint else None
                value = [self.build(child, path + (i,), item_hint) for i, child in enumerate(node.value)]
            else:
                value = self._mapping(node, path, hint)
            self.active.discard(key)
            size = self.expanded + len(self.done) - before + 1
        self.done[key] = value
        self.sizes[key] = size
        return value

    def _scalar(self, node: ScalarNode, hint: Optional[Hint]) -> Any:
        text = node.value
        if node.style:
            return text  # quoted or block: always a string (plain is None or "")
        if hint is not None:
            if hint.kind == "string" and text not in _NULLS:
                return text
            if hint.kind == "boolean":
                word = _BOOL_WORDS.get(text.lower())
                if word is not None:
                    return word
        return resolve_plain(text)

    def _mapping(self, node: MappingNode, path: JsonPath, hint: Optional[Hint]) -> dict:
        result: dict = {}
        seen: Dict[str, Pos] = {}
        merged: list = []
        for key_node, value_node in node.value:
            if key_node.value == "<<" and key_node.tag == _MERGE_TAG:
                merged.append(value_node)
                continue
            key_pos = _mark_pos(key_node.start_mark)
            key = self._key(key_node)
            child = path + (key,)
            if key in seen:
                first = seen[key]
                self.doc.findings.append(self.doc.finding(
                    key_pos, "duplicate-key",
                    f"{format_path(child)}: key '{key}' is repeated (first at line {first[0]}, column {first[1]});"
                    " a YAML reader keeps only the last value and loses the first"))
            seen[key] = key_pos
            self.doc.keys[child] = key_pos
            result[key] = self.build(value_node, child, hint.child(key) if hint else None)
        for source in merged:
            # `<<: *anchor` fills in the keys the mapping does not set itself.
            for extra in (source.value if isinstance(source, SequenceNode) else [source]):
                value = self.build(extra, path + ("<<",), hint)
                if not isinstance(value, dict):
                    raise _Refused(_mark_pos(extra.start_mark), "not accepted: '<<' must merge a mapping")
                for k, v in value.items():
                    result.setdefault(k, v)
        return result

    def _key(self, node) -> str:
        if isinstance(node, ScalarNode):
            return node.value
        raise _Refused(_mark_pos(node.start_mark), "not accepted: a mapping key must be plain text, not a list or mapping")


def format_path(path: JsonPath) -> str:
    """``("items", 3, "options", 1, "correct")`` -> ``items[3].options[1].correct``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(document)"
