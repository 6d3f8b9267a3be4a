"""Where a bank's files are: bank.yaml, items/ at any depth, exams/."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from questionbank import limits
from questionbank.safepath import inside

if TYPE_CHECKING:
    from questionbank.item import Item

BANK_FILE = "bank.yaml"
ITEMS_DIR = "items"
EXAMS_DIR = "exams"
YAML_SUFFIXES = (".yaml", ".yml")
# Nothing outside the bank is read (docs/security.md): its text would reach
# findings and printed exams.
OUTSIDE = "the file is a link to a place outside the bank; qb does not read it"


@dataclass
class BankLayout:
    """The files of one bank, in a stable order."""

    root: Path
    item_files: List[Path] = field(default_factory=list)
    exam_files: List[Path] = field(default_factory=list)
    # Places under items/ or exams/ that could not be walked: (path, reason).
    unreadable: List[Tuple[Path, str]] = field(default_factory=list)

    @property
    def bank_file(self) -> Path:
        return self.root / BANK_FILE

    def kind_of(self, path: Path) -> Optional[str]:
        """"bank", "items" or "exam" for a file of this bank, else None."""
        try:
            rel = path.resolve().relative_to(self.root.resolve())
        except ValueError:
            return None
        parts = rel.parts
        if parts == (BANK_FILE,):
            return "bank"
        if path.suffix not in YAML_SUFFIXES or len(parts) < 2:
            return None
        if parts[0] == ITEMS_DIR:
            return "items"
        if parts[0] == EXAMS_DIR:
            return "exam"
        return None


def find_bank_root(start: Path) -> Optional[Path]:
    """The nearest folder at or above ``start`` that holds a bank.yaml."""
    here = start if start.is_dir() else start.parent
    here = Path(os.path.abspath(here))
    for folder in (here, *here.parents):
        if (folder / BANK_FILE).is_file():
            return folder
    return None


def scan_bank(root: Path) -> BankLayout:
    """List a bank's item and exam files. Symlinks are followed inside the
    bank; a link back into a folder already walked (a loop), or to a file or
    folder outside the bank, is reported and not read."""
    layout = BankLayout(root=root)
    items, exams = root / ITEMS_DIR, root / EXAMS_DIR
    layout.item_files = _walk(items, layout,
                              {_identity(exams): "a link to the bank's exams/ folder: exam specs are not item files"})
    layout.exam_files = _walk(exams, layout,
                              {_identity(items): "a link to the bank's items/ folder: item files are not exam specs"})
    return layout


def yaml_files(folder: Path) -> BankLayout:
    """The YAML files anywhere under a folder that is not a bank (a folder of
    item files), walked as a bank's items/ is; as ``item_files`` of a layout."""
    layout = BankLayout(root=folder)
    layout.item_files = _walk(folder, layout, {})
    return layout


def _walk(top: Path, layout: BankLayout, elsewhere: Dict[Optional[Tuple[int, int]], str]) -> List[Path]:
    """The YAML files under ``top``. A link to a folder of ``elsewhere``
    (identity -> what it is) or to ``top``'s own parents is reported."""
    found: List[Path] = []
    if not top.is_dir():
        return found
    if not inside(top, layout.root):
        layout.unreadable.append((top, OUTSIDE))
        return found
    seen = {_identity(top)}
    # A link to the bank folder or above (items/loop -> ..) would walk bank.yaml,
    # exams/ and items/ again as item files.
    above = {_identity(folder): "symbolic link loop: this folder contains the bank"
             for folder in Path(os.path.abspath(top)).resolve().parents}
    elsewhere = {**above, **{k: v for k, v in elsewhere.items() if k is not None}}

    def visit(folder: Path) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            layout.unreadable.append((folder, f"cannot list the folder: {exc.strerror or exc}"))
            return
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()  # follows symlinks
            except OSError as exc:
                layout.unreadable.append((path, f"cannot read: {exc.strerror or exc}"))
                continue
            if (is_dir or path.suffix in YAML_SUFFIXES) and entry.is_symlink() and path.exists() \
                    and not inside(path, layout.root):
                layout.unreadable.append((path, OUTSIDE))
                continue
            if is_dir:
                ident = _identity(path)
                if ident is None:
                    layout.unreadable.append((path, "cannot read the folder"))
                elif ident in seen:
                    layout.unreadable.append((path, "symbolic link loop: this folder is already part of the bank"))
                elif ident in elsewhere:
                    layout.unreadable.append((path, elsewhere[ident]))
                else:
                    seen.add(ident)
                    visit(path)
            elif path.suffix in YAML_SUFFIXES:
                if entry.is_symlink() and not path.exists():
                    layout.unreadable.append((path, "broken symbolic link"))
                else:
                    found.append(path)
    visit(top)
    return found


def _identity(path: Path) -> Optional[Tuple[int, int]]:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


@dataclass
class Bank:
    """A bank's content as the renderer, stats and exporters use it."""

    root: Path
    title: str
    domains: Dict[str, Dict[str, Any]]
    items: List["Item"]
    exams: Dict[Path, Any]
    # The largest file or image qb reads for this bank (bank.yaml's max-file-mb), in bytes.
    max_bytes: int = limits.MAX_FILE_MB * limits.MB


def load_bank(root: Path) -> Bank:
    """Read a bank's files into items. It does not lint: callers that need a
    valid bank run ``questionbank.lint.lint_bank`` first."""
    from questionbank.item import items_of
    from questionbank.limits import max_bytes
    from questionbank.loader import read_document
    from questionbank.schema import checker

    layout = scan_bank(root)
    bank_doc = read_document(layout.bank_file, str(layout.bank_file), checker("bank").hint)
    data = bank_doc.data if isinstance(bank_doc.data, dict) else {}
    domains = data.get("domains") if isinstance(data.get("domains"), dict) else {}
    limit = max_bytes(data)
    items = []
    for path in layout.item_files:
        doc = read_document(path, str(path), checker("items").hint, limit=limit)
        items.extend(items_of(doc.data, doc.display, doc.values, str(path)))
    exams = {path: read_document(path, str(path), checker("exam").hint, limit=limit).data
             for path in layout.exam_files}
    return Bank(root=root, title=str(data.get("title", "")), domains=domains, items=items, exams=exams,
                max_bytes=limit)
