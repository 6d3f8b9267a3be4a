"""The images of an item, resolved as the embedders resolve them, for
``missing-image`` and ``image-outside-bank``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterator, Tuple

from questionbank.images import REFUSED, REMOTE, Image, is_inline, is_remote, resolve
from questionbank.item import Item
from questionbank.loader import JsonPath
from questionbank.rules.base import BankContext


def item_images(item: Item, ctx: BankContext) -> Iterator[Tuple[JsonPath, str, Image]]:
    """(path in the item, src, where it leads) of every image of an item
    but those inline as data: URIs; an image on another host is refused."""
    if item.source_file is None:
        return
    folder = Path(item.source_file).parent
    for path, text in item.markdown_texts():
        if "![" not in text:  # most texts have no image: skip the parse
            continue
        for src in _sources(text):
            if src and not is_remote(src):
                yield path, src, resolve(src, folder, ctx.root, ctx.max_bytes)
            elif src and not is_inline(src):
                yield path, src, Image(Path(src), REFUSED, REMOTE)


# Both image rules walk the same texts: the parse is done once per text.
@lru_cache(maxsize=65536)
def _sources(text: str) -> Tuple[str, ...]:
    # markup brings in markdown-it and Pygments: imported only for a text with an image.
    from questionbank.markup import image_sources

    return tuple(image_sources(text))
