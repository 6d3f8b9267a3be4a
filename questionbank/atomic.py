"""Writing a file so that no reader ever sees half of it."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Optional, Union

# Temporary files start with this, so a folder scan can tell them apart.
TEMP_PREFIX = ".qb-tmp-"


def write_atomic(path: Path, data: Union[str, bytes], durable: bool = True, dir_fd: Optional[int] = None) -> None:
    """Write ``data`` (text as UTF-8) to a temporary file beside ``path`` and
    rename it over ``path`` (which replaces a link there, never writes
    through it). The file gets the permissions a plain open() gives (0o666
    less the umask; tempfile.mkstemp would give 0o600). With ``durable``, it
    is synced to disk before the rename. With ``dir_fd``, ``path`` is a name
    in that open folder (see safepath.Folder)."""
    if dir_fd is None:
        path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-{path.name}"[:255])
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666, dir_fd=dir_fd)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temp, path, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        try:
            os.unlink(temp, dir_fd=dir_fd)
        except OSError:
            pass
        raise


def write_error(exc: OSError, path: Path) -> str:
    """A one-line reason for a failed write of ``path`` (a read-only folder,
    a full disk, a file where a folder should be)."""
    reason = exc.strerror or str(exc)
    if isinstance(exc, NotADirectoryError) or (isinstance(exc, FileExistsError) and not path.exists()):
        return f"cannot write {path}: a part of the path is a file, not a folder"
    return f"cannot write {path}: {reason}"
