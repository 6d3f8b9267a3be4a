"""Byte-order marks: the encoding a file's first bytes name, read the same
way by the bank loader (which takes UTF-8 only) and the importers."""

from __future__ import annotations

import codecs
from typing import Optional, Tuple

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE mark.
_BOMS: Tuple[Tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def byte_order_mark(raw: bytes) -> Optional[Tuple[bytes, str]]:
    """The (mark, codec) ``raw`` starts with, if any."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return bom, codec
    return None
