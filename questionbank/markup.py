"""The bank's Markdown as HTML: CommonMark plus tables, fenced code
highlighted by Pygments, local images embedded as data: URIs.

Text from the bank is never trusted as HTML: markdown-it runs with
``html=False``, so a ``<script>`` in a stem is printed as text, and its link
validation refuses ``javascript:`` URLs. The HTML it returns is therefore
safe to mark as such for Jinja.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Dict, Iterator, Optional
from urllib.parse import unquote, urlsplit

from markdown_it import MarkdownIt
from markupsafe import Markup
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

# A fixed table rather than the mimetypes module, whose answers depend on the
# machine's /etc/mime.types: output must not differ between machines.
IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}

# The fields of an item that hold Markdown, as (key, is it inside options).

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


def is_remote(src: str) -> bool:
    """URLs with a scheme (https:, data:) or a host are not files of the bank."""
    parts = urlsplit(src)
    return bool(parts.scheme or parts.netloc)


def image_path(src: str, base: Path) -> Path:
    """The file an image reference names, relative to the item file's folder."""
    return base / unquote(urlsplit(src).path)


def image_sources(text: str) -> Iterator[str]:
    """The src of every image in a Markdown text, as markdown-it reads it."""
    for token in _PARSER.parse(text):
        for child in token.children or ():
            if child.type == "image":
                yield str(child.attrGet("src") or "")


_PARSER = _parser()


class MarkdownRenderer:
    """Markdown to safe HTML. Local images are read relative to ``base``,
    the folder of the item file the text comes from."""

    def __init__(self) -> None:
        self._md = _parser()
        self._default_image = self._md.renderer.rules["image"]
        self._md.renderer.rules["image"] = self._image
        self._data_uris: Dict[Path, Optional[str]] = {}

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
        if base is not None and src and not is_remote(src):
            uri = self._data_uri(image_path(src, base))
            if uri is not None:
                token.attrSet("src", uri)
        return self._default_image(tokens, idx, options, env)

    def _data_uri(self, path: Path) -> Optional[str]:
        if path not in self._data_uris:
            try:
                data = path.read_bytes()
            except OSError:
                self._data_uris[path] = None  # lint reports it as missing-image
            else:
                kind = IMAGE_TYPES.get(path.suffix.lower(), "application/octet-stream")
                self._data_uris[path] = f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
        return self._data_uris[path]
