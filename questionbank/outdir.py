"""Writing into an output folder without harming what qb did not write.

qb keeps a manifest (``.qb-render.json``) of the files it wrote and their
SHA-256. A file in the folder that the manifest does not list, or that was
edited since qb wrote it, belongs to someone else: qb refuses to run unless
forced. Each file is written to a temporary name in the same folder and
renamed over the target (``os.replace``), so a reader never sees half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Dict, List

from questionbank.atomic import TEMP_PREFIX, write_atomic

MANIFEST = ".qb-render.json"


class OutdirError(Exception):
    """The output folder cannot be written (exit status 2)."""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class OutputDir:
    """An output folder qb writes into: ``check`` it, ``write`` each file,
    then ``finish`` (which writes the manifest)."""

    def __init__(self, path: Path, force: bool = False):
        if path.exists() and not path.is_dir():
            raise OutdirError(f"{path}: not a folder")
        self.path = path
        self.force = force
        self.previous = self._read_manifest()
        self.written: Dict[str, str] = {}

    def _read_manifest(self) -> Dict[str, str]:
        try:
            data = json.loads((self.path / MANIFEST).read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        files = data.get("files") if isinstance(data, dict) else None
        return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}

    def foreign(self) -> List[str]:
        """Entries of the folder that qb did not write, or that changed since."""
        if not self.path.is_dir():
            return []
        found = []
        for entry in sorted(os.listdir(self.path)):
            if entry == MANIFEST or entry.startswith(TEMP_PREFIX):
                continue
            path = self.path / entry
            if entry not in self.previous or not path.is_file() or path.is_symlink():
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

    def write(self, name: str, data: bytes) -> Path:
        self.path.mkdir(parents=True, exist_ok=True)
        target = self.path / name
        if target.is_dir() and not target.is_symlink():
            raise OutdirError(f"{target}: a folder is in the way")
        write_atomic(target, data)
        self.written[name] = hashlib.sha256(data).hexdigest()
        return target

    def adopt(self, name: str) -> None:
        """Record a file that another program wrote into the folder for qb."""
        self.written[name] = _sha256(self.path / name)

    def temp_path(self, name: str) -> Path:
        """A temporary path in the folder, for a program that writes a file itself."""
        self.path.mkdir(parents=True, exist_ok=True)
        return self.path / f"{TEMP_PREFIX}{os.getpid()}-{name}"

    def finish(self) -> None:
        """Remove what qb wrote before and did not write now (a dropped form),
        if unchanged, and record what it wrote."""
        for name, digest in sorted(self.previous.items()):
            path = self.path / name
            if name not in self.written and path.is_file() and not path.is_symlink() and _sha256(path) == digest:
                path.unlink()
        manifest = {"written_by": "qb render", "files": dict(sorted(self.written.items()))}
        write_atomic(self.path / MANIFEST, (json.dumps(manifest, indent=2) + "\n").encode("utf-8"))
