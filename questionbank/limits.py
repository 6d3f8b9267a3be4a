"""The bounds on what qb reads from a bank, which may be a stranger's pull
request: only regular files, each of a bounded size, nested to a bounded
depth. Whatever lies beyond them is reported, never read.

A named pipe (FIFO) would block a plain ``open`` until someone writes to it,
a link to ``/dev/zero`` would be read forever, and a file of 40 GB would be
read into memory; so files are opened without blocking, checked to be
regular files on the open descriptor, and read to at most the limit.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Any, Iterator, Optional

# The default of the bank.yaml setting `lint: {max-file-mb: N}`: the largest
# bank file (item file, exam spec, bank.yaml) and image qb reads.
MAX_FILE_MB = 64
MB = 1024 * 1024
# How deep mappings and lists may nest in a bank file. A bank needs fewer
# than ten levels; Python's recursion limit of 1,000 frames is shared by the
# validators, the HTML renderer and the JSON of the cache, so the cap stays
# well below it (libyaml-based tools cap at 1,000 for the same reason).
MAX_DEPTH = 100

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class Refused(Exception):
    """A file qb does not read; the message says why, in the user's words."""


def max_bytes(bank_data: Any) -> int:
    """The file size limit a bank.yaml's data sets (``lint: {max-file-mb}``)."""
    lint = bank_data.get("lint") if isinstance(bank_data, dict) else None
    value = lint.get("max-file-mb") if isinstance(lint, dict) else None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value * MB
    return MAX_FILE_MB * MB


def read_bytes(path: Path, limit: int = MAX_FILE_MB * MB) -> bytes:
    """The content of a regular file of at most ``limit`` bytes.

    Raises ``Refused`` for anything else, ``OSError`` when the file cannot
    be opened or read."""
    chunks = list(_chunks(path, limit))
    data = b"".join(chunks)
    if len(data) > limit:
        raise Refused(_too_big(len(data), limit))
    return data


def sha256(path: Path) -> str:
    """The SHA-256 of a regular file of any size, read a megabyte at a time.
    Raises ``Refused`` for anything but a regular file."""
    digest = hashlib.sha256()
    for chunk in _chunks(path, None):
        digest.update(chunk)
    return digest.hexdigest()


def _chunks(path: Path, limit: Optional[int]) -> Iterator[bytes]:
    """The content of a regular file, a megabyte at a time, to at most
    ``limit`` + 1 bytes (one more tells a file that grew past the limit)."""
    check_regular(os.stat(path), limit)
    # O_NONBLOCK: if a FIFO took the file's place since the stat, opening it
    # still returns at once, and the fstat below refuses it.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        check_regular(os.fstat(fd), limit)
        left = limit + 1 if limit is not None else None
        while left is None or left > 0:
            chunk = os.read(fd, MB if left is None else min(left, MB))
            if not chunk:
                break
            yield chunk
            if left is not None:
                left -= len(chunk)
    finally:
        os.close(fd)


def check_regular(st: os.stat_result, limit: Optional[int] = None) -> None:
    """Raise ``Refused`` unless ``st`` is that of a regular file within ``limit`` bytes."""
    if not stat.S_ISREG(st.st_mode):
        kind = next((word for test, word in _KINDS if test(st.st_mode)), "not a regular file")
        raise Refused(f"not read: it is {kind}, and qb reads only regular files")
    if limit is not None and st.st_size > limit:
        raise Refused(_too_big(st.st_size, limit))


def _too_big(size: int, limit: int) -> str:
    return (f"not read: the file is larger than {limit // MB:,} MB ({size / MB:,.1f} MB or more); "
            "raise the limit with `lint: {max-file-mb: N}` in bank.yaml if it is meant to be this big")
