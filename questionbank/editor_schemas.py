"""Copies of qb's schemas inside a bank, for editors.

An editor's YAML language server validates a file against the schema its
first line names (``# yaml-language-server: $schema=PATH``). A path into
one machine's site-packages breaks for every collaborator once committed, so
a bank carries its own copies in ``.qb/schemas/`` and each file names them
by a path relative to itself: the bank validates the same on any machine and
in any clone. ``qb init`` writes both; ``qb schema --update`` refreshes the
copies after an upgrade of qb and turns the schema lines of existing files
(absolute paths written by older versions) into relative ones.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Tuple

from questionbank import limits, resources
from questionbank.atomic import write_atomic
from questionbank.bank import BANK_FILE, OUTSIDE, BankLayout, scan_bank

SCHEMA_DIR = Path(".qb") / "schemas"
# The schema of each kind of bank file.
KINDS = ("bank", "items", "exam")
MODELINE_PREFIX = "# yaml-language-server: $schema="
# A schema line naming one of qb's schemas, wherever that copy lives.
_MODELINE = re.compile(r"^#[ \t]*yaml-language-server:[ \t]*\$schema=(\S*?(bank|items|exam)\.schema\.json)"
                       r"[ \t]*(?=\r?$)", re.M)


class SchemaCopyError(Exception):
    """The copies cannot be written here (exit status 2)."""


def schema_file(root: Path, kind: str) -> Path:
    return root / SCHEMA_DIR / resources.SCHEMA_FILES[kind]


def modeline(root: Path, path: Path, kind: str) -> str:
    """The schema line for ``path``, a file of the bank at ``root``: the
    bank's copy, relative to the file's folder."""
    target = os.path.relpath(schema_file(root, kind), path.parent)
    return MODELINE_PREFIX + Path(target).as_posix()


def _shipped(kind: str) -> bytes:
    return Path(resources.schema_path(kind)).read_bytes()


def check_folder(root: Path) -> None:
    """The copies are written only to a real folder inside the bank: a
    ``.qb`` that is a link (to anywhere) is refused."""
    folder = root
    for part in SCHEMA_DIR.parts:
        folder = folder / part
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            raise SchemaCopyError(f"{folder} is not a folder of the bank (a link or a file); "
                                  "not writing schemas through it")


def install(root: Path) -> List[Path]:
    """Write the schemas a bank's files use into ``root/.qb/schemas/``;
    the files that were missing or differed."""
    check_folder(root)
    written = []
    for kind in KINDS:
        target = schema_file(root, kind)
        data = _shipped(kind)
        if target.is_symlink():
            raise SchemaCopyError(f"{target} is a link; not writing a schema through it")
        if not target.is_file() or target.read_bytes() != data:
            write_atomic(target, data)
            written.append(target)
    return written


@dataclass
class Status:
    """What ``qb schema`` finds in a bank."""

    # Copies that are missing or differ from this qb's schemas.
    stale: List[Path] = field(default_factory=list)
    # Files whose schema line names another copy than the bank's: (file, kind, line now).
    elsewhere: List[Tuple[Path, str, str]] = field(default_factory=list)
    # Files with no schema line of qb (left as they are).
    without: List[Path] = field(default_factory=list)
    # Files not rewritten because they are links or lie outside the bank.
    skipped: List[Path] = field(default_factory=list)


def bank_files(layout: BankLayout) -> Dict[Path, str]:
    """Each YAML file of the bank and its kind."""
    files = {layout.root / BANK_FILE: "bank"}
    files.update((path, "items") for path in layout.item_files)
    files.update((path, "exam") for path in layout.exam_files)
    return files


def status(root: Path) -> Status:
    result = Status()
    for kind in KINDS:
        target = schema_file(root, kind)
        if not target.is_file() or target.read_bytes() != _shipped(kind):
            result.stale.append(target)
    real_root = root.resolve()
    layout = scan_bank(root)
    for path, kind in bank_files(layout).items():
        try:
            text = limits.read_bytes(path).decode("utf-8")
        except (OSError, UnicodeDecodeError, limits.Refused):  # lint reports these files
            continue
        match = _MODELINE.search(text)
        if match is None:
            result.without.append(path)
            continue
        wanted = modeline(root, path, kind)
        if match.group(0) != wanted:
            if path.is_symlink() or not path.resolve().is_relative_to(real_root):
                result.skipped.append(path)
            else:
                result.elsewhere.append((path, kind, match.group(0)))
    # Links out of the bank are not even read: named as left alone.
    result.skipped.extend(path for path, why in layout.unreadable if why == OUTSIDE)
    return result


def update(root: Path) -> Tuple[List[Path], List[Path], Status]:
    """Refresh the copies and point every qb schema line of the bank's files
    at them; (copies written, files rewritten, the status before). Only the
    schema line of a file changes; the rest stays byte for byte."""
    before = status(root)
    written = install(root)
    rewritten = []
    for path, kind, _ in before.elsewhere:
        try:
            text = limits.read_bytes(path).decode("utf-8")
        except (OSError, UnicodeDecodeError, limits.Refused):
            continue  # changed since status() read it
        new = _MODELINE.sub(lambda _: modeline(root, path, kind), text, count=1)
        if new != text:
            write_atomic(path, new)
            rewritten.append(path)
    return written, rewritten, before


def relative(root: Path, path: Path) -> str:
    """How messages name a bank file: relative to the bank."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


