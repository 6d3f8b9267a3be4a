"""Write all of an import's files or none of them.

Every file is written into a hidden folder inside the output folder first
(the same file system, so moving is a rename); only when all of them are
complete are they moved into place. A file that a move would replace
(``--force``) is set aside first and put back if a later move fails, so a
failure at any point leaves the bank as it was. The staging folder is the
import's own and is removed at the end, and so are the output folders the
import made when nothing was imported.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path
from typing import List, Optional, Tuple

from questionbank.atomic import TEMP_PREFIX, write_error


class StagingError(Exception):
    """A file could not be written or moved; the message names it and why."""


class Staging:
    """Files written aside, then moved into place together by :meth:`commit`."""

    def __init__(self, root: Path):
        self.root = root
        self.folder: Optional[Path] = None
        self.moves: List[Tuple[Path, Path]] = []  # (staged file, target)
        self.made: List[Path] = []  # folders of the output path made here, deepest first
        self.committed = False

    def __enter__(self) -> "Staging":
        try:
            self.made = _missing(self.root)
            self.root.mkdir(parents=True, exist_ok=True)
            folder = self.root / f"{TEMP_PREFIX}import-{os.getpid()}-{secrets.token_hex(4)}"
            folder.mkdir()
        except OSError as exc:
            raise StagingError(write_error(exc, self.root)) from None
        self.folder = folder
        return self

    def __exit__(self, *exc_info) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
        if not self.committed:
            for folder in self.made:
                try:
                    folder.rmdir()  # only while empty: nothing else is ever removed
                except OSError:
                    break

    def path(self, target: Path) -> Path:
        """Where to write the file that :meth:`commit` moves to ``target``."""
        assert self.folder is not None
        staged = self.folder / f"{len(self.moves)}.part"
        self.moves.append((staged, target))
        return staged

    def commit(self) -> None:
        """Move every staged file into place, or none: on a failure the
        files already moved are taken back and the replaced ones restored."""
        assert self.folder is not None
        for staged, target in self.moves:
            _sync(staged, target)
        done: List[Tuple[Path, Path, Optional[Path]]] = []  # (staged, target, set-aside original)
        target = self.root
        try:
            for n, (staged, target) in enumerate(self.moves):
                target.parent.mkdir(parents=True, exist_ok=True)
                aside = None
                if target.exists() or target.is_symlink():
                    aside = self.folder / f"{n}.old"
                    os.replace(target, aside)
                done.append((staged, target, aside))
                os.replace(staged, target)
        except OSError as exc:
            self._undo(done)
            raise StagingError(write_error(exc, target) + "; nothing was imported") from None
        self.committed = True

    @staticmethod
    def _undo(done: List[Tuple[Path, Path, Optional[Path]]]) -> None:
        for staged, target, aside in reversed(done):
            try:
                if not staged.exists() and target.exists():
                    os.replace(target, staged)
                if aside is not None:
                    os.replace(aside, target)
            except OSError:
                pass


def _sync(staged: Path, target: Path) -> None:
    """The staged file's bytes on disk before it replaces anything."""
    try:
        fd = os.open(staged, os.O_RDONLY)
    except OSError as exc:
        raise StagingError(write_error(exc, target)) from None
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _missing(path: Path) -> List[Path]:
    """``path`` and those of its parents that do not exist yet, deepest first."""
    missing = []
    while not (path.exists() or path.is_symlink()) and path.parent != path:
        missing.append(path)
        path = path.parent
    return missing
