"""Markdown as HTML for targets that hold only HTML (QTI, Anki).

The render engine's ``MarkdownRenderer`` does the work, so the LMS, the deck
and the printed exam show the same text: markdown-it with ``html=False``
(raw HTML in the bank is escaped, never passed through) and local images
embedded as data: URIs, so images travel inside the exported file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from questionbank.limits import MAX_FILE_MB, MB
from questionbank.markup import MarkdownRenderer

# Characters XML 1.0 forbids (C0 controls but tab and newlines, the
# non-characters U+FFFE/U+FFFF, lone surrogates): YAML does not let them into
# a bank, but a single one would make the whole exported file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters an XML document cannot hold."""
    return _NOT_XML.sub("", text)


class Html:
    """Markdown to HTML, one renderer per export so images are read once;
    only images inside the bank folder ``root`` are embedded."""

    def __init__(self, root: Optional[Path] = None, limit: int = MAX_FILE_MB * MB) -> None:
        self._renderer = MarkdownRenderer(root, limit)

    def block(self, text: Optional[str], base: Optional[Path] = None) -> str:
        return str(self._renderer.block(xml_safe(text or ""), base))

    def inline(self, text: Optional[str], base: Optional[Path] = None) -> str:
        return str(self._renderer.inline(xml_safe(text or ""), base))
