"""Reading an input file as text the way its author saved it, a chunk at a time.

A byte-order mark decides first (UTF-8, UTF-16 or UTF-32, little or big
endian); without one, the encoding an XML declaration names (Moodle XML),
then UTF-8, else Windows-1252, which spreadsheet and LMS exports on Windows
use (noted). A file that decodes to control characters (UTF-16 saved without
a mark, a binary file) is refused with a note instead of being imported as
garbage that lints clean.

The encoding is settled by a first pass that decodes the file in chunks and
keeps nothing; the reader then streams the file, so an import holds one
question at a time, never the whole file.
"""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, List, Optional, TextIO, Tuple

from questionbank.bom import byte_order_mark

# C0 and C1 controls other than the whitespace ones a text file holds.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
FALLBACK = "cp1252"
_CHUNK = 1 << 20


def open_text(path: Path, notes: List[str], declared: Optional[str] = None) -> Optional[TextIO]:
    """``path`` opened as text (lines keep their endings: ``newline=""``), or
    None with a note when it cannot be read or is not text. ``declared`` is
    the encoding the file names itself (an XML declaration), tried before
    UTF-8 when there is no byte-order mark."""
    try:
        with path.open("rb") as handle:
            mark = byte_order_mark(handle.read(4))
        codec = _encoding(path, notes, mark, declared)
        if codec is None:
            return None
        raw = path.open("rb")
    except OSError as exc:
        notes.append(f"{path}: cannot read the file: {exc.strerror or exc}; nothing imported from it")
        return None
    raw.seek(len(mark[0]) if mark else 0)
    return io.TextIOWrapper(raw, encoding=codec, errors="replace" if codec == FALLBACK else "strict", newline="")


def _encoding(path: Path, notes: List[str], mark: Optional[Tuple[bytes, str]],
              declared: Optional[str]) -> Optional[str]:
    """The codec to read ``path`` with, or None (noted) when it is not text."""
    if mark:
        bom, codec = mark
        scan = _scan(path, len(bom), codec)
        if scan.error is not None:
            notes.append(f"{path}:{scan.error[0]}: not valid {codec.upper()} although the file starts with "
                         f"its byte-order mark ({scan.error[1]}); nothing imported from this file")
            return None
    else:
        codec, scan = _without_mark(path, notes, declared)
    return codec if _is_text(scan, path, notes) else None


def _without_mark(path: Path, notes: List[str], declared: Optional[str]) -> Tuple[str, "_Scan"]:
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            notes.append(f"{path}:1: unknown encoding {declared!r} in the XML declaration; read as UTF-8")
        else:
            scan = _scan(path, 0, declared)
            if scan.error is None:
                return declared, scan
            notes.append(f"{path}:{scan.error[0]}: not {declared} as the XML declaration says; read as UTF-8")
    scan = _scan(path, 0, "utf-8")
    if scan.error is None:
        return "utf-8", scan
    notes.append(f"{path}:{scan.error[0]}: not UTF-8; read the file as Windows-1252 (check the accents)")
    return FALLBACK, _scan(path, 0, FALLBACK)


@dataclass
class _Scan:
    """What a first pass over a file found."""

    chars: int = 0
    controls: int = 0
    nul: bool = False
    first_control_line: int = 0  # 0: none
    error: Optional[Tuple[int, str]] = None  # (line, reason) of the first byte the codec refused


def _scan(path: Path, skip: int, codec: str) -> _Scan:
    """Decode ``path`` (after ``skip`` bytes) with ``codec`` a chunk at a
    time, counting characters and controls."""
    scan = _Scan()
    decoder = codecs.getincrementaldecoder(codec)("replace" if codec == FALLBACK else "strict")
    lines = 1  # the line the next decoded character is on
    newlines = 0  # newline bytes in the chunks read so far
    with path.open("rb") as handle:
        handle.seek(skip)
        while True:
            chunk = handle.read(_CHUNK)
            pending = decoder.getstate()[0]
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                at = exc.start - len(pending)  # the chunk offset of the refused byte (negative: in ``pending``)
                line = newlines + 1 + (chunk[:at].count(b"\n") if at >= 0 else -pending[at:].count(b"\n"))
                scan.error = (line, exc.reason)
                return scan
            scan.chars += len(text)
            if not scan.first_control_line:
                first = _CONTROL.search(text)
                if first:
                    scan.first_control_line = lines + text.count("\n", 0, first.start())
            scan.controls += len(_CONTROL.findall(text))
            scan.nul = scan.nul or "\0" in text
            lines += text.count("\n")
            newlines += chunk.count(b"\n")
            if not chunk:
                return scan


def _is_text(scan: _Scan, path: Path, notes: List[str]) -> bool:
    """False (with a note) for a file whose characters are partly controls:
    a NUL, or more than one character in a hundred."""
    if scan.nul or scan.controls * 100 > scan.chars:
        hint = " (UTF-16 saved without a byte-order mark?)" if scan.nul else ""
        notes.append(f"{path}:{scan.first_control_line or 1}: the file holds control characters, not text{hint}; "
                     "save it as UTF-8; nothing imported from this file")
        return False
    return True


def text_lines(handle: Iterable[str]) -> Iterator[str]:
    """The lines of a text file opened with ``newline=""``, without their
    endings: split at LF, CRLF or CR only. (str.splitlines also splits at
    U+2028, form feeds and the like, which a question's text may hold and
    which GIFT and Aiken readers take for ordinary characters.)"""
    for line in handle:
        yield line.rstrip("\r\n")
