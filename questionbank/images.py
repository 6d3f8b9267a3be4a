"""The one way from an image reference in a bank's Markdown to its bytes.

Render, the practice page and the exports (QTI, Anki) embed images as data:
URIs, so whatever file an image names ends up in the output. A stem with
``![a](/etc/passwd)`` or ``![b](../../../../proc/self/environ)`` would carry
that file, the CI job's secrets included, into ``exam-A.html``. So an image
is read only when its file, with every symbolic link resolved and ``%2e%2e``
decoded, lies inside the bank folder, is a regular file, has an image type
and is within the size limit. Lint reports the rest (``image-outside-bank``,
``missing-image``), and the embedders leave them out.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import unquote, urlsplit

from questionbank import limits
from questionbank.safepath import inside

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

MISSING = "missing"
REFUSED = "refused"


@dataclass(frozen=True)
class Image:
    """Where an image reference leads. ``path`` is the file as named (for
    messages); ``problem`` is None for a file that may be read, else MISSING
    or REFUSED with ``reason`` saying why."""

    path: Path
    problem: Optional[str] = None
    reason: str = ""


def is_remote(src: str) -> bool:
    """URLs with a scheme (https:, data:) or a host are not files of the bank."""
    parts = urlsplit(src)
    return bool(parts.scheme or parts.netloc)


def is_inline(src: str) -> bool:
    """A data: URI carries its image in the text: nothing to read or fetch."""
    return src[:5].lower() == "data:"


# Why an image on another host is left out: the printed pages and the
# practice page forbid every request to another host (Content-Security-Policy),
# so that opening or printing them tells no one that they were opened.
REMOTE = "is on another host, and qb's pages load nothing from elsewhere (save the image in the bank)"


def resolve(src: str, base: Path, root: Path, limit: int = limits.MAX_FILE_MB * limits.MB) -> Image:
    """The file a local image reference names, relative to ``base`` (the
    item file's folder), judged against the bank folder ``root``. Nothing is
    read; only the file's metadata is looked at."""
    path = base / unquote(urlsplit(src).path)
    if not inside(path, root):
        return Image(path, REFUSED, "is outside the bank folder")
    real = Path(os.path.realpath(path))
    try:
        st = os.stat(real)
    except OSError:
        return Image(path, MISSING)
    if real.suffix.lower() not in IMAGE_TYPES:
        return Image(path, REFUSED, f"is not an image file ({', '.join(IMAGE_TYPES)})")
    try:
        limits.check_regular(st, limit)
    except limits.Refused as exc:
        return Image(path, REFUSED, str(exc))
    return Image(real)


def data_uri(image: Image, limit: int = limits.MAX_FILE_MB * limits.MB) -> Optional[str]:
    """The image as a data: URI, or None when it may not or cannot be read."""
    if image.problem is not None:
        return None
    try:
        data = limits.read_bytes(image.path, limit)
    except (OSError, limits.Refused):
        return None
    kind = IMAGE_TYPES[image.path.suffix.lower()]
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"

