"""Writing into an output folder without harming what qb did not write.

qb keeps a manifest (``.qb-render.json``) of the files it wrote and their
SHA-256. A file in the folder that the manifest does not list, or that was
edited since qb wrote it, belongs to someone else: qb refuses to run unless
forced. The files of a run are written as one unit: all of them into a
staging folder inside the output folder, and only when every one is whole
are they renamed into place (``os.replace``), so a reader never sees half a
file and a failure midway (a full disk) never leaves an exam beside the key
of another run.

Names come from bank content (a form's name), so each is checked by
``safepath.plain_name`` where it is written; the manifest is read the same
way, so a planted manifest naming ``../notes.txt`` removes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import stat
from pathlib import Path
from typing import Dict, Iterable, List, Tuple

from questionbank import limits
from questionbank.atomic import TEMP_PREFIX, write_atomic, write_error
from questionbank.safepath import UnsafeName, plain_name

MANIFEST = ".qb-render.json"
# qb export's record of the files it wrote in a folder.
EXPORT_MANIFEST = ".qb-export.json"


class OutdirError(Exception):
    """The output folder cannot be written (exit status 2)."""


def _sha256(path: Path) -> str:
    """The file's SHA-256; "" (matching no record) for what is not a
    regular file (a named pipe put in its place is never opened to block)."""
    try:
        return limits.sha256(path)
    except limits.Refused:
        return ""


class OutputDir:
    """An output folder qb writes into: ``check`` it, ``write`` each file,
    then ``finish`` (which writes the manifest)."""

    def __init__(self, path: Path, force: bool = False, manifest: str = MANIFEST, written_by: str = "qb render"):
        if path.exists() and not path.is_dir():
            raise OutdirError(f"{path}: not a folder")
        self.path = path
        self.force = force
        self.manifest = manifest
        self.written_by = written_by
        self.previous = self._read_manifest()
        self.written: Dict[str, str] = {}

    def _read_manifest(self) -> Dict[str, str]:
        try:
            # A planted manifest may be a named pipe or huge: read within bounds.
            data = json.loads(limits.read_bytes(self.path / self.manifest, limits.MAX_FILE_MB * limits.MB))
        except (OSError, ValueError, limits.Refused):
            return {}
        files = data.get("files") if isinstance(data, dict) else None
        return {k: v for k, v in files.items() if isinstance(v, str) and _own_name(k)} \
            if isinstance(files, dict) else {}

    def foreign(self) -> List[str]:
        """Entries of the folder that qb did not write, or that changed since."""
        if not self.path.is_dir():
            return []
        found = []
        for entry in sorted(os.listdir(self.path)):
            if entry == self.manifest or entry.startswith(TEMP_PREFIX):
                continue
            path = self.path / entry
            if entry not in self.previous or not _is_file(path):
                found.append(entry)
            elif _sha256(path) != self.previous[entry]:
                found.append(f"{entry} (changed since qb wrote it)")
        return found

    def check(self) -> None:
        """Refuse a folder holding files qb did not create, unless forced."""
        foreign = self.foreign()
        if foreign and not self.force:
            listed = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
            raise OutdirError(f"{self.path} holds files qb did not write: {listed}; "
                              "choose an empty or new folder, or pass --force to write there anyway")

    def check_file(self, name: str) -> None:
        """Refuse to replace the file ``name`` if qb did not write it there
        (or it changed since), unless forced."""
        path = self.path / self._name(name)
        if self.force or not (path.exists() or path.is_symlink()):
            return
        if name not in self.previous or not _is_file(path) or _sha256(path) != self.previous[name]:
            raise OutdirError(f"{path} exists and qb did not write it (or it changed since); "
                              "choose another name, or pass --force to replace it")

    def write_all(self, files: Iterable[Tuple[str, bytes]]) -> None:
        """Write ``files`` (name, bytes) as one unit: each into a staging
        folder, then all renamed into place. OutdirError names the path
        that failed (a read-only folder, a full disk, a file in the way)."""
        files = [(self._name(name), data) for name, data in files]
        target = self.path
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            stage = self.path / f"{TEMP_PREFIX}stage-{os.getpid()}-{secrets.token_hex(4)}"
            target = stage
            stage.mkdir()
        except OSError as exc:
            raise OutdirError(write_error(exc, target)) from None
        try:
            staged = []
            for name, data in files:
                target = self.path / name
                if target.is_dir() and not target.is_symlink():
                    raise OutdirError(f"{target}: a folder is in the way")
                write_atomic(stage / name, data)
                staged.append((name, hashlib.sha256(data).hexdigest()))
            for name, digest in staged:
                target = self.path / name
                os.replace(stage / name, target)
                self.written[name] = digest
        except OSError as exc:
            raise OutdirError(write_error(exc, target)) from None
        finally:
            shutil.rmtree(stage, ignore_errors=True)

    @staticmethod
    def _name(name: str) -> str:
        try:
            return plain_name(name)
        except UnsafeName as exc:
            raise OutdirError(str(exc)) from None

    def adopt(self, name: str) -> None:
        """Record a file that another program wrote into the folder for qb."""
        self.written[self._name(name)] = _sha256(self.path / name)

    def temp_path(self, name: str) -> Path:
        """A temporary path in the folder, for a program that writes a file itself."""
        self.path.mkdir(parents=True, exist_ok=True)
        return self.path / f"{TEMP_PREFIX}{os.getpid()}-{self._name(name)}"

    def finish(self, prune: bool = True) -> None:
        """Record what qb wrote. With ``prune``, first remove what it wrote
        before and did not write now (a dropped form), if unchanged; only
        plain names in this folder, only regular files, never through a link.
        Without, what it wrote before stays recorded (exports of other files)."""
        for name, digest in sorted(self.previous.items()):
            path = self.path / name
            if name in self.written or not _is_file(path):
                continue
            if prune and _sha256(path) == digest:
                path.unlink()
            elif not prune:
                self.written[name] = digest
        manifest = {"written_by": self.written_by, "files": dict(sorted(self.written.items()))}
        try:
            write_atomic(self.path / self.manifest, (json.dumps(manifest, indent=2) + "\n").encode("utf-8"))
        except OSError as exc:
            raise OutdirError(write_error(exc, self.path / self.manifest)) from None


def _own_name(name: object) -> bool:
    """A name a manifest may hold: a plain file name qb could have written."""
    if not isinstance(name, str) or name in (MANIFEST, EXPORT_MANIFEST) or name.startswith(TEMP_PREFIX):
        return False
    try:
        plain_name(name)
    except UnsafeName:
        return False
    return True


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False
