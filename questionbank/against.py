"""Other banks to compare the linted bank with: ``qb lint --against PATH``
and ``lint: {against: [...]}`` in bank.yaml.

An other bank is a bank folder (its items/) or a folder of item files. Its
items are read and summarised for ``duplicate-item`` only: nothing is
reported on them, and nothing is written into them. Their summaries are
cached in the linted bank's cache, under a key of their own, so a run
against a large pool reads it once.

Paths given on the command line are the user's own choice. Paths in
bank.yaml come with the bank, which may be a stranger's pull request: they
must lie inside the repository that holds the bank (the nearest folder
above it with a ``.git``), or inside the bank when there is none, after
symbolic links are resolved; any other is a finding, and is not read.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, List, Optional, Sequence, Tuple

from questionbank import limits
from questionbank.bank import BANK_FILE, scan_bank, yaml_files
from questionbank.cache import LintCache
from questionbank.cache import encode as cache_encode
from questionbank.finding import Finding, Severity
from questionbank.item import items_of
from questionbank.loader import Document, read_document
from questionbank.rules.base import ItemRef

RULE = "duplicate-item"


def configured(bank_doc: Document, root: Path) -> Tuple[List[Path], List[Finding]]:
    """The ``lint.against`` paths of bank.yaml that may be read, and a
    finding for each that may not."""
    data = bank_doc.data
    lint = data.get("lint") if isinstance(data, dict) else None
    given = lint.get("against") if isinstance(lint, dict) else None
    if not isinstance(given, list):
        return [], []
    allowed = _repository(root)
    paths: List[Path] = []
    findings: List[Finding] = []
    for index, value in enumerate(given):
        if not isinstance(value, str) or not value:
            continue  # the schema reports it
        where = bank_doc.value_pos(("lint", "against", index))
        path = Path(os.path.realpath(root / value))
        if not _is_within(path, allowed):
            findings.append(Finding(bank_doc.display, where[0], where[1], Severity.ERROR, "schema",
                                    f"lint.against: '{value}' is outside {_describe(allowed, root)}; "
                                    "give a path elsewhere with `qb lint --against` instead"))
        elif not path.is_dir():
            findings.append(Finding(bank_doc.display, where[0], where[1], Severity.ERROR, "schema",
                                    f"lint.against: '{value}' is not a folder"))
        else:
            paths.append(path)
    return paths, findings


def _repository(root: Path) -> Path:
    real = Path(os.path.realpath(root))
    for folder in (real, *real.parents):
        if (folder / ".git").exists():
            return folder
    return real


def _describe(allowed: Path, root: Path) -> str:
    return "the bank" if allowed == Path(os.path.realpath(root)) else "the repository that holds the bank"


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def records(paths: Sequence[Path], root: Path, display, use_cache: bool) -> List[Tuple[ItemRef, Any]]:
    """(where, duplicate-item summary) of every item of the other banks,
    leaving out files of the linted bank itself."""
    from questionbank.rules import RULES

    summarize = RULES[RULE].summarize
    own = Path(os.path.realpath(root))
    found: List[Tuple[ItemRef, Any]] = []
    seen = set()
    for given in paths:
        other = Path(os.path.realpath(given))
        if other == own or other in own.parents:
            layout_files = [f for f in _files(other) if not _is_within(Path(os.path.realpath(f)), own)]
        else:
            layout_files = _files(other)
        cache = LintCache(root, b"", f"against:{other}") if use_cache else None
        for path in layout_files:
            real = os.path.realpath(path)
            if real in seen or _is_within(Path(real), own):
                continue
            seen.add(real)
            found.extend(_summaries(path, other, display(path), cache, summarize))
    return found


def _files(folder: Path) -> List[Path]:
    if (folder / BANK_FILE).is_file():
        return scan_bank(folder).item_files
    return yaml_files(folder).item_files


def _summaries(path: Path, other_root: Path, display: str, cache: Optional[LintCache],
               summarize) -> List[Tuple[ItemRef, Any]]:
    from questionbank.lint import FileResult

    rel = Path(os.path.relpath(path, other_root)).as_posix()
    try:
        content = limits.read_bytes(path)
    except (OSError, limits.Refused):
        return []  # unreadable: the other bank is not ours to report on
    cached = cache.load(rel, content, display) if cache else None
    if cached is None:
        doc = read_document(path, display, None, content)
        items = items_of(doc.data, display, doc.values, str(path))
        result = FileResult(display, rel, items=len(items))
        result.refs = [ItemRef(display, *item.pos(), item.id) for item in items]
        result.summaries = {RULE: [summarize(item) for item in items]}
        if cache is not None:
            cache.store(rel, content, cache_encode(result))
        refs, summaries = result.refs, result.summaries[RULE]
    else:
        refs, summaries = cached["refs"], cached["summaries"].get(RULE, [])
    return list(zip(refs, summaries))
