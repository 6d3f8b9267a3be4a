"""Converters from other formats into bank item files.

Every importer reads its input files into item mappings and hands them to
:func:`run_import`, which writes one item file per input file with
``dump_items`` and creates ``bank.yaml`` when the bank has none, so all
formats behave the same way (ids, ``--force``, notes on stderr).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

from questionbank.bank import BANK_FILE, ITEMS_DIR
from questionbank.atomic import write_atomic
from questionbank.yamlwrite import dump_items

_ID_BAD = re.compile(r"[^a-z0-9._-]+")
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")


class ImportError_(Exception):
    """The import cannot run at all (exit status 2)."""


@dataclass
class ImportReport:
    items: int = 0
    skipped: int = 0
    # "file:line: message" lines for everything not taken as it was.
    notes: List[str] = field(default_factory=list)
    files: List[Path] = field(default_factory=list)


# Reads one input file into item mappings, adding notes and skips to the report.
Reader = Callable[[Path, ImportReport], List[dict]]


def make_id(text: str) -> str:
    """Lowercase ``text`` into the id pattern ``^[a-z0-9][a-z0-9._-]*$``; an
    id that already fits is kept as it is (``q1_`` stays ``q1_``)."""
    if _ID.match(text):
        return text
    cleaned = _ID_BAD.sub("-", text.strip().lower()).strip("-._")
    return cleaned or "item"


def run_import(files: List[Path], out: Path, read: Reader, label: str, force: bool = False) -> ImportReport:
    """Read each file with ``read`` and write its items to
    ``out/items/<file stem>.yaml``; ``label`` names the command in the
    written file's header comment. Nothing is written when a target exists
    (without ``force``) or two inputs would share a target."""
    report = ImportReport()
    targets: Dict[Path, Path] = {}
    for path in files:
        target = out / ITEMS_DIR / f"{make_id(path.stem)}.yaml"
        if target in targets.values():
            raise ImportError_(f"{path}: another input file also becomes {target}; rename one")
        if target.exists() and not force:
            raise ImportError_(f"{target} exists; use --force to overwrite it")
        targets[path] = target
    domains: Counter = Counter()
    for path, target in targets.items():
        items = read(path, report)
        domains.update(item["domain"] for item in items if "domain" in item)
        write_atomic(target, dump_items(items, header=f"# Imported from {path.name} by {label}.\n"))
        report.items += len(items)
        report.files.append(target)
    ensure_bank(out, domains, report)
    return report


def read_text(path: Path, report: ImportReport) -> str:
    """A text file's content: UTF-8 (with or without a byte-order mark),
    else Windows-1252, which spreadsheet and LMS exports on Windows use."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        report.notes.append(f"{path}:{line}: not UTF-8; read the file as Windows-1252 (check the accents)")
        return raw.decode("cp1252", errors="replace")


def text_lines(text: str) -> List[str]:
    """The lines of a text file: split at LF, CRLF or CR only. (str.splitlines
    also splits at U+2028, form feeds and the like, which a question's text
    may hold and which GIFT and Aiken readers take for ordinary characters.)"""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def domain_of_category(path: str) -> Optional[str]:
    """The domain a Moodle category path stands for: its last level, when it
    is nested under a course's top category (``$course$/top/<bank>/<domain>``,
    as ``qb export`` writes it); a category directly under the top (the
    course's default) gives none. Moodle writes "/" inside a name as "//"."""
    parts = [p.replace("\0", "/") for p in path.strip().replace("//", "\0").split("/")]
    parts = [p.strip() for p in parts if p.strip()]
    if parts and parts[0].startswith("$") and parts[0].endswith("$"):
        parts = parts[1:]
    if parts and parts[0] == "top":
        parts = parts[1:]
    return make_id(parts[-1]) if len(parts) >= 2 else None


# The fields of an imported item in the order authors write them.
FIELD_ORDER = ("id", "type", "domain", "stem", "options", "answer", "explanation", "tags")


def ordered_item(item: dict) -> dict:
    """``item`` with its fields in ``FIELD_ORDER``."""
    return {key: item[key] for key in FIELD_ORDER if key in item}


class Collected:
    """The items read from one file, with the place each came from."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.items: List[dict] = []
        self.places: List[str] = []

    def add(self, item: Optional[dict], where: str, domain: Optional[str] = None) -> None:
        """Keep ``item`` (in the domain, if any); None counts as skipped."""
        if item is None:
            self.report.skipped += 1
            return
        if domain:
            item["domain"] = domain
        self.items.append(ordered_item(item))
        self.places.append(where)

    def finish(self) -> List[dict]:
        """The items, with repeated ids made unique."""
        unique_ids(self.items, self.places, self.report)
        return self.items


def unique_ids(items: List[dict], where: List[str], report: ImportReport) -> None:
    """Give repeated ids a ``-2``, ``-3`` suffix (noted), so an imported file
    never starts with a ``duplicate-id`` error. ``where`` holds each item's place."""
    seen: Counter = Counter()
    taken = {item["id"] for item in items}
    for item, place in zip(items, where):
        seen[item["id"]] += 1
        if seen[item["id"]] > 1:
            n = seen[item["id"]]
            while f"{item['id']}-{n}" in taken:
                n += 1
            new = f"{item['id']}-{n}"
            report.notes.append(f"{place}: id {item['id']!r} is used by an earlier question; written as {new!r}")
            taken.add(new)
            item["id"] = new


def ensure_bank(out: Path, domains: Counter, report: ImportReport) -> None:
    """Write ``out/bank.yaml`` when it is missing, declaring the imported
    domains (weighted by their item counts) so the bank lints clean."""
    bank_file = out / BANK_FILE
    if bank_file.exists():
        return
    lines = [f"title: {_yaml_text(out.resolve().name)}", "format: 1"]
    if domains:
        lines.append("domains:")
        for domain, count in sorted(domains.items()):
            lines.append(f"  {domain}: {{name: {_yaml_text(domain)}, weight: {count}}}")
    write_atomic(bank_file, "\n".join(lines) + "\n")
    report.files.append(bank_file)


def _yaml_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _importer(module: str, label: str) -> Callable[[List[Path], Path, bool], ImportReport]:
    def run(files: List[Path], out: Path, force: bool = False) -> ImportReport:
        from importlib import import_module

        return run_import(files, out, import_module(f"questionbank.importers.{module}").read_file, label, force)
    return run


# ``qb import FORMAT`` for the formats without options of their own (csv has
# --map and --no-header, so the CLI calls it directly).
IMPORTERS: Dict[str, Callable[[List[Path], Path, bool], ImportReport]] = {
    "aiken": _importer("aiken", "qb import aiken"),
    "gift": _importer("gift", "qb import gift"),
    "moodle": _importer("moodle", "qb import moodle"),
}
