"""What an exporter writes: the items of a bank, or of one form of an exam.

A bank gives every item with its options in authored order. An exam spec
gives the items of one form in the form's order, with options in the
printed order, so a form exported to an LMS or a deck matches the paper
form and its key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from questionbank import limits
from questionbank.bank import BANK_FILE, find_bank_root, load_bank
from questionbank.finding import Finding, Severity
from questionbank.item import Item, Option


class ExportError(Exception):
    """The export cannot run at all (exit status 2)."""


@dataclass(frozen=True)
class Entry:
    """One item to export, with its options in the order to write them."""

    item: Item
    options: Tuple[Option, ...]

    @property
    def base(self) -> Optional[Path]:
        """The folder of the item's file, against which image paths resolve."""
        return Path(self.item.source_file).parent if self.item.source_file else None


@dataclass
class ExportSource:
    title: str
    entries: List[Entry]
    domains: Dict[str, Dict]
    # False for a form: its printed order is the point, an LMS must keep it.
    shuffle: bool = True
    form: Optional[str] = None
    # The bank folder, the only place images are embedded from, and its file size limit.
    root: Optional[Path] = None
    max_bytes: int = limits.MAX_FILE_MB * limits.MB


def load_source(path: Path, form: Optional[str] = None) -> ExportSource:
    """The bank folder or exam spec at ``path`` as entries to export.

    Raises ``ExportError`` for a path that is neither, and
    ``questionbank.prepare.Refused`` when the bank or spec has lint errors: a
    broken item would be exported as a broken question."""
    from questionbank.lint import lint_bank
    from questionbank.prepare import NoBank, Refused, load_exam

    if path.is_dir():
        if not (path / BANK_FILE).is_file():
            raise ExportError(f"{path}: not a bank (no {BANK_FILE}); give a bank folder or an exam spec")
        if form is not None:
            raise ExportError("--form needs an exam spec as SOURCE, not a bank")
        errors = [f for f in lint_bank(path).findings if f.severity is Severity.ERROR]
        if errors:
            raise Refused(sorted(errors, key=Finding.sort_key))
        bank = load_bank(path)
        entries = [Entry(item, tuple(item.options)) for item in bank.items]
        return ExportSource(bank.title, entries, dict(bank.domains), root=bank.root, max_bytes=bank.max_bytes)
    if not path.is_file():
        raise ExportError(f"{path}: no such bank folder or exam spec")
    if find_bank_root(path) is None:
        raise ExportError(f"{path}: not inside a bank (no {BANK_FILE} in its folder or above it)")
    try:
        bank, spec, exam = load_exam(Path(os.path.abspath(path)))
    except NoBank as exc:
        raise ExportError(str(exc))
    names = [f.name for f in exam.forms]
    chosen = form if form is not None else names[0]
    if chosen not in names:
        raise ExportError(f"--form {chosen}: the spec has the forms {', '.join(names)}")
    questions = next(f for f in exam.forms if f.name == chosen).questions
    entries = [Entry(q.item, tuple(q.options)) for q in questions]
    title = spec.title if len(names) == 1 else f"{spec.title} (form {chosen})"
    return ExportSource(title, entries, dict(bank.domains), shuffle=False, form=chosen, root=bank.root,
                        max_bytes=bank.max_bytes)
