"""Names and folders that bank content cannot lead out of.

A bank may come from a stranger, and a git repository can hold symbolic
links. Two things keep every write inside the folder meant for it:

* ``plain_name`` is the one check of a file name built from bank content
  (a form's name, an item id): a single plain name, no separator, not ``.``
  or ``..``, no control character. Writers call it where they write, so
  turning a lint rule off never turns this off.
* ``Folder`` is a folder opened without following a symbolic link, itself
  or any folder on the way down from a trusted start; files in it are read,
  written and removed through its descriptor with ``O_NOFOLLOW``, so a link
  planted in the folder is never followed and never written through.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterator, List, Optional, Sequence, Tuple, Union

from questionbank.atomic import write_atomic


class UnsafeName(ValueError):
    """A name from bank content that would leave its folder."""


class LinkInTheWay(OSError):
    """A symbolic link (or other non-folder) where a real folder was expected."""


def plain_name(name: str, what: str = "file name") -> str:
    """``name`` if it is one plain file name, else ``UnsafeName``."""
    if (not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name
            or any(ord(c) < 0x20 or ord(c) == 0x7F for c in name) or len(name.encode("utf-8", "replace")) > 255):
        raise UnsafeName(f"{what} {name!r} is not a plain file name (from the bank's content); not writing it")
    return name


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` (which may not exist yet) lies in ``folder`` once
    every link on the way is resolved."""
    try:
        where, top = path.resolve(), folder.resolve()
    except (OSError, RuntimeError):  # a link loop
        return False
    return where == top or top in where.parents


_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class Folder:
    """An open folder; use as a context manager (closes its descriptor)."""

    def __init__(self, fd: int, path: Path):
        self.fd = fd
        self.path = path

    @classmethod
    def open(cls, start: Path, parts: Sequence[str] = (), create: bool = False) -> "Folder":
        """``start`` (trusted, may be reached through links the user chose)
        and then each of ``parts`` below it, none of which may be a link.
        With ``create``, missing parts are made. Raises OSError."""
        fd = os.open(start, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        folder = cls(fd, start)
        try:
            for part in parts:
                child = folder.child(part, create)
                folder.close()
                folder = child
        except BaseException:
            folder.close()
            raise
        return folder

    def child(self, name: str, create: bool = False) -> "Folder":
        """The folder ``name`` in this one, never through a link."""
        plain_name(name)
        try:
            fd = os.open(name, _DIR_FLAGS, dir_fd=self.fd)
        except FileNotFoundError:
            if not create:
                raise
            try:
                os.mkdir(name, 0o777, dir_fd=self.fd)
            except FileExistsError:
                pass  # made by a run beside this one, or a dangling link: the open below decides
            fd = self._open_dir(name)
        except OSError as exc:
            raise LinkInTheWay(exc.errno, f"{self.path / name}: a link or a file, not a folder") from None
        return Folder(fd, self.path / name)

    def _open_dir(self, name: str) -> int:
        try:
            return os.open(name, _DIR_FLAGS, dir_fd=self.fd)
        except OSError as exc:
            raise LinkInTheWay(exc.errno, f"{self.path / name}: a link or a file, not a folder") from None

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> "Folder":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def read(self, name: str, limit: Optional[int] = None) -> bytes:
        """The bytes of the regular file ``name`` (not a link, FIFO or
        device); OSError otherwise, ValueError above ``limit`` bytes."""
        fd = os.open(plain_name(name), os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0), dir_fd=self.fd)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise OSError(f"{self.path / name}: not a regular file")
            if limit is not None and info.st_size > limit:
                raise ValueError(f"{self.path / name}: larger than {limit} bytes")
            return handle.read()

    def write(self, name: str, data: Union[str, bytes], durable: bool = True) -> None:
        """Write ``name`` whole (a temporary file renamed over it, which
        replaces a link rather than writing through it)."""
        write_atomic(Path(plain_name(name)), data, durable, dir_fd=self.fd)

    def create(self, name: str, data: Union[str, bytes], mode: int = 0o666) -> bool:
        """Write ``name`` only if nothing (not even a link) has that name; True if written."""
        raw = data.encode("utf-8") if isinstance(data, str) else data
        try:
            fd = os.open(plain_name(name), os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, mode, dir_fd=self.fd)
        except FileExistsError:
            return False
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        return True

    def entries(self) -> List[Tuple[str, os.stat_result]]:
        """(name, lstat) of each entry: links are reported as links."""
        found = []
        for name in os.listdir(self.fd):
            try:
                found.append((name, os.stat(name, dir_fd=self.fd, follow_symlinks=False)))
            except OSError:
                continue  # removed meanwhile
        return found

    def unlink(self, name: str) -> None:
        """Remove the file or link ``name`` (never what a link points to); quiet if gone."""
        try:
            os.unlink(name, dir_fd=self.fd)
        except FileNotFoundError:
            pass

    def rmdir(self, name: str) -> bool:
        """Remove the empty folder ``name``; False if it is not empty or gone."""
        try:
            os.rmdir(name, dir_fd=self.fd)
            return True
        except OSError:
            return False

    def touch(self) -> None:
        """Set this folder's modification time to now."""
        os.utime(self.fd)


def regular_files(folder: Folder) -> Iterator[Tuple[str, os.stat_result]]:
    """The regular files of ``folder`` (no links, folders or devices)."""
    for name, info in folder.entries():
        if stat.S_ISREG(info.st_mode):
            yield name, info


def real_folders(folder: Folder) -> Iterator[Tuple[str, os.stat_result]]:
    """The folders of ``folder`` that are not links."""
    for name, info in folder.entries():
        if stat.S_ISDIR(info.st_mode):
            yield name, info
