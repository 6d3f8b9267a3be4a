"""Turning an input file's bytes into text the way its author saved it.

A byte-order mark decides first (UTF-8, UTF-16 or UTF-32, little or big
endian); without one the text is UTF-8, else Windows-1252, which spreadsheet
and LMS exports on Windows use (noted). A file that decodes to control
characters (UTF-16 saved without a mark, a binary file) is refused with a
note instead of being imported as garbage that lints clean.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import List, Optional, Tuple

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE mark.
_BOMS: Tuple[Tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 and C1 controls other than the whitespace ones a text file holds.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
FALLBACK = "cp1252"


def byte_order_mark(raw: bytes) -> Optional[Tuple[bytes, str]]:
    """The (mark, codec) ``raw`` starts with, if any."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return bom, codec
    return None


def decode(raw: bytes, path: Path, notes: List[str], declared: Optional[str] = None) -> Optional[str]:
    """``raw`` as text, or None (with a note) when it is not text. ``declared``
    is the encoding the file names itself (an XML declaration), tried before
    UTF-8 when there is no byte-order mark."""
    mark = byte_order_mark(raw)
    if mark:
        bom, codec = mark
        try:
            text = raw[len(bom):].decode(codec)
        except UnicodeDecodeError as exc:
            notes.append(f"{path}:{_line(raw, exc.start)}: not valid {codec.upper()} although the file starts with "
                         f"its byte-order mark ({exc.reason}); nothing imported from this file")
            return None
    else:
        text = _without_mark(raw, path, notes, declared)
    return text if _is_text(text, path, notes) else None


def _without_mark(raw: bytes, path: Path, notes: List[str], declared: Optional[str]) -> str:
    if declared:
        try:
            return raw.decode(declared)
        except LookupError:
            notes.append(f"{path}:1: unknown encoding {declared!r} in the XML declaration; read as UTF-8")
        except UnicodeDecodeError as exc:
            notes.append(f"{path}:{_line(raw, exc.start)}: not {declared} as the XML declaration says; "
                         f"read as UTF-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        notes.append(f"{path}:{_line(raw, exc.start)}: not UTF-8; read the file as Windows-1252 (check the accents)")
        return raw.decode(FALLBACK, errors="replace")


def _is_text(text: str, path: Path, notes: List[str]) -> bool:
    """False (with a note) for a file whose characters are partly controls:
    a NUL, or more than one character in a hundred."""
    controls = len(_CONTROL.findall(text))
    if "\0" in text or controls * 100 > len(text):
        first = _CONTROL.search(text)
        line = text.count("\n", 0, first.start()) + 1 if first else 1
        hint = (" (UTF-16 saved without a byte-order mark?)" if "\0" in text else "")
        notes.append(f"{path}:{line}: the file holds control characters, not text{hint}; save it as UTF-8; "
                     "nothing imported from this file")
        return False
    return True


def _line(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def text_lines(text: str) -> List[str]:
    """The lines of a text file: split at LF, CRLF or CR only. (str.splitlines
    also splits at U+2028, form feeds and the like, which a question's text
    may hold and which GIFT and Aiken readers take for ordinary characters.)"""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
