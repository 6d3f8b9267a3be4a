"""The item statistics a bank keeps: ``stats/<exam>.json``.

``qb analyze --write`` writes them; ``qb lint`` reads them for its
response-aware rules. Reading never fails: a damaged or hand-edited file is
a ``schema`` finding at its line, and a file that is not what it claims
(too large, a link out of the bank) is an ``unreadable-file`` finding.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Tuple

from questionbank.atomic import write_atomic
from questionbank.bank import OUTSIDE
from questionbank.finding import Finding, Severity
from questionbank.safepath import UnsafeName, inside, plain_name

STATS_DIR = "stats"
FORMAT = "qb-item-stats"
VERSION = 1
# A stats file of 10,000 items is about 10 MB; anything far larger is not one.
MAX_BYTES = 64 * 1024 * 1024


class StatsError(Exception):
    """Statistics cannot be written where asked (exit status 2)."""


@dataclass(frozen=True)
class StatsFile:
    """One stats file as lint reads it."""

    display: str
    relpath: str
    examinees: int
    items: Dict[str, Dict[str, Any]]


def stats_files(root: Path) -> Tuple[Path, ...]:
    """The ``stats/*.json`` files of a bank, by name."""
    folder = root / STATS_DIR
    try:
        return tuple(sorted(p for p in folder.iterdir() if p.suffix == ".json" and not p.name.startswith(".")))
    except OSError:
        return ()


def load_stats(root: Path, paths: Tuple[Path, ...], display) -> Tuple[List[StatsFile], List[Finding]]:
    """Read the stats files ``paths`` of the bank at ``root``. ``display``
    turns a path into the path printed in findings."""
    from questionbank.loader import read_document
    from questionbank.schema import checker

    loaded: List[StatsFile] = []
    findings: List[Finding] = []
    stats_checker = checker("stats")
    for path in paths:
        shown = display(path)
        relpath = f"{STATS_DIR}/{path.name}"
        problem = None
        if not inside(path, root):
            problem = OUTSIDE
        elif not path.is_file():
            problem = "not a regular file"
        else:
            try:
                raw = path.read_bytes() if path.stat().st_size <= MAX_BYTES else None
            except OSError as exc:
                raw, problem = None, f"cannot read the file: {exc.strerror or exc}"
            if raw is None and problem is None:
                problem = f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB; it is not a stats file qb wrote"
        if problem is not None:
            findings.append(Finding(shown, 1, 1, Severity.ERROR, "unreadable-file", problem))
            continue
        data = None
        try:
            data = json.loads(raw)
        except ValueError:
            pass
        if data is None or not stats_checker.is_valid(data):
            # The slow path, for the line and column of every problem.
            doc = read_document(path, shown, stats_checker.hint, raw)
            problems = doc.findings + stats_checker.check(doc)
            if problems:
                findings.extend(problems)
                continue
            data = doc.data
        loaded.append(StatsFile(shown, relpath, data["examinees"], data["items"]))
    return loaded, findings


def stats_path(root: Path, name: str) -> Path:
    """Where ``qb analyze --write`` puts the stats of exam ``name``."""
    try:
        plain = bool(name) and not name.startswith(".") and bool(plain_name(f"{name}.json"))
    except UnsafeName:
        plain = False
    if not plain:
        raise StatsError(f"'{name}' cannot name a stats file: use letters, digits, '-', '_' and '.'")
    return root / STATS_DIR / f"{name}.json"


def write_stats(root: Path, name: str, data: Dict[str, Any]) -> Path:
    """Write ``stats/<name>.json`` atomically, refusing a stats folder or
    file that leads out of the bank (a symbolic link planted in a pull
    request must not make qb write elsewhere)."""
    path = stats_path(root, name)
    folder = path.parent
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise StatsError(f"{folder}: not a folder of the bank (a link or a file); qb writes stats only into the bank")
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise StatsError(f"{path}: not a regular file; qb does not write through links")
    folder.mkdir(exist_ok=True)
    if not inside(folder, root):
        raise StatsError(f"{folder}: outside the bank")
    write_atomic(path, json.dumps(data, indent=1, ensure_ascii=False, allow_nan=False) + "\n")
    return path
