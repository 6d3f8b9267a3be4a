"""The bank's Markdown as HTML: CommonMark plus tables, fenced code
highlighted by Pygments, local images of the bank embedded as data: URIs
(only those ``questionbank.images`` allows: inside the bank, image files,
within the size limit; any other stays a plain reference, never read).

Text from the bank is never trusted as HTML: markdown-it runs with
``html=False``, so a ``<script>`` in a stem is printed as text, and its link
validation refuses ``javascript:`` URLs. The HTML it returns is therefore
safe to mark as such for Jinja.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Iterator, Optional, Tuple

from markdown_it import MarkdownIt
from markupsafe import Markup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from questionbank import images, limits

_FORMATTER = HtmlFormatter(nowrap=True)
# Pygments' class names are short ("k", "s2"): scope them to code blocks.
CODE_CSS = _FORMATTER.get_style_defs("pre code")


def _highlight(code: str, lang: str, attrs: str) -> str:
    """Highlighted spans for markdown-it to wrap in <pre><code>; "" lets
    markdown-it escape the code as plain text."""
    if not lang:
        return ""
    try:
        lexer = get_lexer_by_name(lang, stripnl=False)
    except ClassNotFound:
        return ""
    return highlight(code, lexer, _FORMATTER)


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "highlight": _highlight}).enable("table")


def image_sources(text: str) -> Iterator[str]:
    """The src of every image in a Markdown text, as markdown-it reads it."""
    for token in _PARSER.parse(text):
        for child in token.children or ():
            if child.type == "image":
                yield str(child.attrGet("src") or "")


_PARSER = _parser()


class MarkdownRenderer:
    """Markdown to safe HTML. Local images are found relative to ``base``,
    the folder of the item file the text comes from, and embedded only when
    they lie inside the bank folder ``root`` (none without a root)."""

    def __init__(self, root: Optional[Path] = None, limit: int = limits.MAX_FILE_MB * limits.MB) -> None:
        self._md = _parser()
        self._default_image = self._md.renderer.rules["image"]
        self._md.renderer.rules["image"] = self._image
        self._root = root
        self._limit = limit
        self._data_uris: Dict[Tuple[str, Path], Optional[str]] = {}

    def block(self, text: Optional[str], base: Optional[Path] = None) -> Markup:
        """A Markdown text as block HTML (paragraphs, lists, code, tables)."""
        if not text:
            return Markup("")
        return Markup(self._md.render(text, {"base": base}))

    def inline(self, text: Optional[str], base: Optional[Path] = None) -> Markup:
        """Like ``block``, without the <p> around a text of one paragraph,
        for options and other short texts."""
        html = str(self.block(text, base))
        inner = html[3:-5] if html.startswith("<p>") and html.endswith("</p>\n") else None
        if inner is not None and "<p>" not in inner:
            return Markup(inner)
        return Markup(html)

    def _image(self, tokens, idx: int, options, env) -> str:
        token = tokens[idx]
        src = str(token.attrGet("src") or "")
        base = env.get("base")
        if src and not images.is_remote(src):
            token.attrSet("src", self._local_src(src, base))
        elif src and not images.is_inline(src):
            token.attrSet("src", "")  # another host: the page may not load it (image-outside-bank)
        return self._default_image(tokens, idx, options, env)

    def _local_src(self, src: str, base: Optional[Path]) -> str:
        """A data: URI, the reference as written for a missing file (lint
        reports it), or nothing for a file qb may not read: not even its
        path goes to the output, where a browser printing a PDF would load it."""
        if base is None or self._root is None:
            return ""
        key = (src, base)
        if key not in self._data_uris:
            image = images.resolve(src, base, self._root, self._limit)
            uri = images.data_uri(image, self._limit)
            self._data_uris[key] = uri if uri is not None or image.problem != images.MISSING else src
        return self._data_uris[key] or ""
