"""Write item files that read back exactly: multi-line text as block
scalars, and quotes wherever a plain scalar would be read as something else.

Item files hold only mappings, lists, strings, booleans and numbers, so they
are written here directly, in the layout authors use (``items:`` then
``  - id: ...``), instead of through ruamel.yaml's pure-Python emitter, which
took four fifths of an import's time. Each string gets the simplest style
that reads back as the same string under YAML 1.2 and YAML 1.1 readers
alike (the loader, editors, PyYAML): plain only when nothing in it could be
taken for syntax or another type, then single quotes, then double quotes,
the one style that escapes every character.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Iterable, List, TextIO

# Words that YAML 1.1 readers (PyYAML, many editors) take for booleans or null.
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}

# Characters YAML cannot hold literally (only double quotes escape them), CR,
# and the byte-order mark, which a reader may drop.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff\u2028\u2029]")
# A plain scalar starts with none of YAML's indicators, nor with what starts
# a number, date, null or merge key in YAML 1.1 or 1.2.
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`~+.0-9<=\\]")
# What a plain scalar cannot hold anywhere: a control or other unprintable
# character (tab and line breaks included), ": " or a final ":", " #".
_NOT_PLAIN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff\u2028\u2029]|: |:\\Z| #")
_ESCAPES = {"\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f",
            "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\", "\x85": "\\N", "\u2028": "\\L",
            "\u2029": "\\P"}
_NEEDS_ESCAPE = re.compile("[\\\\\"\x00-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff\u2028\u2029]")


def _escape(char: str) -> str:
    known = _ESCAPES.get(char)
    if known:
        return known
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _double_quoted(text: str) -> str:
    return '"' + _NEEDS_ESCAPE.sub(lambda m: _escape(m.group()), text) + '"'


def comment_text(text: str) -> str:
    """``text`` for a ``#`` comment line: every character that could end the
    line (for YAML 1.1 also NEL, U+2028 and U+2029) or that YAML cannot hold
    is escaped as in a double-quoted scalar, so a file name cannot become
    content."""
    return _NEEDS_ESCAPE.sub(lambda m: m.group() if m.group() in '"\\' else _escape(m.group()), text)


def _fits_block(text: str) -> bool:
    """Whether a literal block scalar reads back exactly: it cannot keep
    blanks that end a line, carriage returns, a tab or blank that starts the
    text or a tab that starts a line, or more than one final line break."""
    return (text[0] not in " \t\n" and not text.endswith("\n\n")
            and not any(line != line.rstrip() or line.startswith("\t") for line in text.split("\n")))


def scalar(value: Any, indent: int) -> str:
    """``value`` as it follows ``key: `` or ``- `` in a line indented by
    ``indent`` spaces (a block scalar's lines are indented two more)."""
    if isinstance(value, str):
        return _string(value, indent)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return ".nan"
        if value in (float("inf"), float("-inf")):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    raise TypeError(f"an item file cannot hold {type(value).__name__}")


def _string(text: str, indent: int) -> str:
    if not text:
        return "''"
    if (not _NOT_PLAIN.search(text) and _PLAIN_START.match(text) and text == text.strip()
            and (len(text) > 5 or text.lower() not in _YAML11_WORDS)):
        return text
    if _UNPRINTABLE.search(text):
        return _double_quoted(text)
    if "\n" in text:
        if not _fits_block(text):
            return _double_quoted(text)
        pad = " " * (indent + 2)
        body = text[:-1] if text.endswith("\n") else text
        lines = "\n".join(pad + line if line else "" for line in body.split("\n"))
        return ("|" if text.endswith("\n") else "|-") + "\n" + lines
    if "\t" in text:
        return _double_quoted(text)
    return "'" + text.replace("'", "''") + "'"


def _lines(value: Any, indent: int, out: List[str]) -> None:
    """Append the lines of a non-empty mapping or list, indented."""
    pad = " " * indent
    if isinstance(value, dict):
        for key, sub in value.items():
            name = _string(str(key), indent)
            if isinstance(sub, (dict, list)) and sub:
                out.append(f"{pad}{name}:")
                _lines(sub, indent + 2, out)
            else:
                out.append(f"{pad}{name}: {_empty(sub) if isinstance(sub, (dict, list)) else scalar(sub, indent)}")
        return
    for sub in value:
        if isinstance(sub, (dict, list)) and sub:
            start = len(out)
            _lines(sub, indent + 2, out)
            out[start] = f"{pad}- {out[start][indent + 2:]}"
        else:
            out.append(f"{pad}- {_empty(sub) if isinstance(sub, (dict, list)) else scalar(sub, indent)}")


def _empty(value: Any) -> str:
    return "{}" if isinstance(value, dict) else "[]"


def item_text(item: Dict[str, Any]) -> str:
    """One item as it stands under ``items:`` (``  - id: ...`` lines)."""
    out: List[str] = []
    _lines([item], 2, out)
    return "\n".join(out) + "\n"


def write_items(handle: TextIO, items: Iterable[Dict[str, Any]], header: str = "") -> int:
    """Write an item file holding ``items`` to ``handle``, one item at a
    time; the number of items written."""
    handle.write(header)
    count = 0
    for item in items:
        if not count:
            handle.write("items:\n")
        handle.write(item_text(item))
        count += 1
    if not count:
        handle.write("items: []\n")
    return count


def dump_items(items: List[Dict[str, Any]], header: str = "") -> str:
    """The text of an item file holding ``items``."""
    if not items:
        return header + "items: []\n"
    return header + "items:\n" + "".join(item_text(item) for item in items)
