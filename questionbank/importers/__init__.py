"""Converters from other formats into bank item files.

Each format's reader turns one input file into a stream of
:class:`Question` (an item, or None for a question it skipped after noting
why). :func:`run_import` does the rest the same way for every format: it
checks each item (a choice needs two options, the item must fit the
schema), makes ids unique across the import and the bank, writes one item
file per input file as the items arrive, and writes or extends bank.yaml.
Everything is staged and moved into place at the end, so an import writes
all of its files or none.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, Iterable, Iterator, List, NamedTuple, Optional, Set, TextIO, Tuple

from questionbank.bank import BANK_FILE, ITEMS_DIR
from questionbank.importers.bankfile import extend_bank, new_bank
from questionbank.importers.decode import open_text, text_lines
from questionbank.atomic import write_error
from questionbank.importers.staging import Staging, StagingError
from questionbank.yamlwrite import comment_text, write_items

__all__ = ["ImportError_", "ImportReport", "Question", "make_id", "open_input", "run_import", "text_lines"]

_ID_BAD = re.compile(r"[^a-z0-9._-]+")
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
# Latin letters that Unicode does not decompose into a base letter and a mark.
_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l",
                          "ı": "i", "ħ": "h", "ŋ": "n", "ĸ": "k"})


class ImportError_(Exception):
    """The import cannot run at all (exit status 2); nothing was written."""


@dataclass
class ImportReport:
    items: int = 0
    skipped: int = 0
    # "file:line: message" lines for everything not taken as it was.
    notes: List[str] = field(default_factory=list)
    files: List[Path] = field(default_factory=list)
    # What bank.yaml got (or needs), for the summary.
    summary: List[str] = field(default_factory=list)
    # A domain id -> the input's own name for it (a category, a column value).
    domain_names: Dict[str, str] = field(default_factory=dict)

    def domain(self, name: str) -> Optional[str]:
        """The domain id of an input's domain ``name``, remembering the name."""
        made = make_id(name, "")
        if made:
            self.domain_names.setdefault(made, " ".join(name.split()))
        return made or None


class Question(NamedTuple):
    """What a reader yields for each question of its input."""

    where: str  # "file:line" of the question
    item: Optional[dict]  # None: skipped, after a note saying why
    # Files the item shows (embedded images): (path relative to the item
    # file's folder, content); written only with the item.
    files: Tuple[Tuple[str, bytes], ...] = ()


# Reads one input file, yielding its questions and adding notes to the report.
Reader = Callable[[Path, "ImportReport"], Iterable[Question]]


def make_id(text: str, default: str = "item") -> str:
    """``text`` in the id pattern ``^[a-z0-9][a-z0-9._-]*$``: an id that
    already fits is kept (``q1_`` stays ``q1_``); others are lowercased with
    accents taken off (``création`` -> ``creation``) and runs of other
    characters made ``-``. ``default`` when nothing is left."""
    if _ID.match(text):
        return text
    plain = unicodedata.normalize("NFKD", text.strip().lower().translate(_LETTERS))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return _ID_BAD.sub("-", plain).strip("-._") or default


def files_folder(path: Path) -> str:
    """The folder beside an input's item file that holds its embedded files."""
    return f"{make_id(path.stem, 'imported')}-files"


def open_input(path: Path, report: ImportReport) -> Optional[TextIO]:
    """An input file opened as text (see decode.py), or None with a note."""
    return open_text(path, report.notes)


# The fields of an imported item in the order authors write them.
FIELD_ORDER = ("id", "type", "domain", "stem", "options", "answer", "explanation", "tags")


def run_import(files: List[Path], out: Path, read: Reader, label: str, force: bool = False) -> ImportReport:
    """Read each file with ``read`` and write its items to
    ``out/items/<file name>.yaml``; ``label`` names the command in the
    written file's header comment. Nothing is written when a target exists
    (without ``force``), is a folder, or two inputs would share a target."""
    report = ImportReport()
    targets = _targets(files, out, force)
    checker = _Checker(report, _ids_elsewhere(out, set(targets.values())))
    try:
        with Staging(out) as staging:
            attached = _Attached(staging, out / ITEMS_DIR, force, report)
            for path, target in targets.items():
                staged = staging.path(target)
                try:
                    with staged.open("w", encoding="utf-8", newline="\n") as handle:
                        report.items += write_items(handle, checker.items(read(path, report), attached.add),
                                                    header=f"# Imported from {comment_text(path.name)} by {label}.\n")
                except OSError as exc:
                    raise StagingError(write_error(exc, target)) from None
                report.files.append(target)
            bank_file = out / BANK_FILE
            change = (extend_bank(bank_file, checker.domains, report.domain_names) if bank_file.exists()
                      else new_bank(out, checker.domains, report.domain_names))
            if change.text is not None:
                (staging.path(bank_file)).write_text(change.text, encoding="utf-8")
                report.files.append(bank_file)
            report.summary += change.summary
            staging.commit()
    except StagingError as exc:
        raise ImportError_(str(exc)) from None
    return report


def _targets(files: List[Path], out: Path, force: bool) -> Dict[Path, Path]:
    targets: Dict[Path, Path] = {}
    for path in files:
        target = out / ITEMS_DIR / f"{make_id(path.stem, 'imported')}.yaml"
        if target in targets.values():
            raise ImportError_(f"{path}: another input file also becomes {target}; rename one")
        if target.is_dir():
            raise ImportError_(f"{target} is a folder; rename it or the input file")
        if (target.exists() or target.is_symlink()) and not force:
            raise ImportError_(f"{target} exists; use --force to overwrite it")
        _inside(target, out)
        targets[path] = target
    return targets


def _inside(target: Path, out: Path) -> None:
    """Refuse a target that a symbolic link in the bank (``items/`` linked
    elsewhere) would place outside the output folder."""
    parent = target.parent
    while not parent.exists() and parent != out and parent.parent != parent:
        parent = parent.parent
    root = out.resolve()
    if parent.exists() and root not in (parent.resolve(), *parent.resolve().parents):
        raise ImportError_(f"{target}: {parent} leads outside {out} (a symbolic link); not writing there")


def _ids_elsewhere(out: Path, targets: Set[Path]) -> Set[str]:
    """The ids of the bank's item files that this import does not replace."""
    if not (out / ITEMS_DIR).is_dir():
        return set()
    from questionbank.bank import scan_bank
    from questionbank.loader import read_document

    ids: Set[str] = set()
    replaced = {t.resolve() for t in targets if t.exists()}
    for path in scan_bank(out).item_files:
        if path.resolve() in replaced:
            continue
        data = read_document(path, str(path)).data
        entries = data.get("items") if isinstance(data, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                ids.add(entry["id"])
    return ids


class _Attached:
    """Stages the files that imported items show (beside the item files)."""

    def __init__(self, staging: Staging, items_dir: Path, force: bool, report: ImportReport):
        self.staging = staging
        self.items_dir = items_dir
        self.force = force
        self.report = report
        self.staged: Set[Path] = set()

    def add(self, relpath: str, data: bytes) -> None:
        target = self.items_dir / relpath
        if target in self.staged:
            return
        if target.is_dir():
            raise ImportError_(f"{target} is a folder; rename it or the input file")
        if target.exists() and not self.force:
            try:
                same = target.read_bytes() == data
            except OSError:
                same = False
            if same:
                return
            raise ImportError_(f"{target} exists; use --force to overwrite it")
        _inside(target, self.items_dir.parent)
        staged = self.staging.path(target)
        try:
            staged.write_bytes(data)
        except OSError as exc:
            raise StagingError(write_error(exc, target)) from None
        self.staged.add(target)
        self.report.files.append(target)


class _Checker:
    """The checks every imported item passes on its way to the file."""

    def __init__(self, report: ImportReport, taken: Set[str]):
        from questionbank.schema import checker

        self.report = report
        self.taken = set(taken)
        self.existing = taken
        self.domains: Counter = Counter()
        self.schema = checker("items")

    def items(self, questions: Iterable[Question], attach: Callable[[str, bytes], None]) -> Iterator[dict]:
        for where, item, files in questions:
            item = self._check(where, item)
            if item is None:
                self.report.skipped += 1
                continue
            if "domain" in item:
                self.domains[item["domain"]] += 1
            for relpath, data in files:
                attach(relpath, data)
            yield item

    def _check(self, where: str, item: Optional[dict]) -> Optional[dict]:
        if item is None:
            return None
        item = {key: item[key] for key in FIELD_ORDER if key in item}
        options = item.get("options")
        if item.get("type") in ("single", "multiple") and (not options or len(options) < 2):
            count = len(options or [])
            self.report.notes.append(f"{where}: skipped: {count or 'no'} answer{'s' * (count != 1)} with text; "
                                     "a choice question needs at least two")
            return None
        if not self.schema.is_valid({"items": [item]}):
            self.report.notes.append(f"{where}: skipped: the question does not make a valid item "
                                     f"({self._why(item)})")
            return None
        self._unique_id(where, item)
        return item

    def _why(self, item: dict) -> str:
        from questionbank.loader import Document

        doc = Document(path=Path("import"), display="import", text="", data={"items": [item]})
        findings = self.schema.check(doc)
        return findings[0].message if findings else "it does not fit the item schema"

    def _unique_id(self, where: str, item: dict) -> None:
        """Give a repeated id a ``-2``, ``-3`` suffix (noted), so an import
        never starts with a ``duplicate-id`` error."""
        given = item["id"]
        if given not in self.taken:
            self.taken.add(given)
            return
        n = 2
        while f"{given}-{n}" in self.taken:
            n += 1
        new = f"{given}-{n}"
        self.taken.add(new)
        item["id"] = new
        whose = "an item of the bank" if given in self.existing else "an earlier question"
        self.report.notes.append(f"{where}: id {given!r} is used by {whose}; written as {new!r}")


def domain_of_category(path: str, report: ImportReport, where: str) -> Optional[str]:
    """The domain a Moodle category path stands for: its last level. Moodle
    writes "/" inside a name as "//". A category directly under ``top`` is
    the course's own (Moodle's "Default for ...", the bank's title in qb's
    exports): its questions get no domain, with a note; a first-level
    category of an older export without ``top`` (``$course$/Alpha``) is a
    domain."""
    parts = [p.replace("\0", "/") for p in path.strip().replace("//", "\0").split("/")]
    parts = [p.strip() for p in parts if p.strip()]
    if parts and parts[0].startswith("$") and parts[0].endswith("$"):
        parts = parts[1:]
    if parts and parts[0] == "top":
        parts = parts[1:]
        if len(parts) == 1:
            report.notes.append(f"{where}: category {parts[0]!r} is directly under top (a course's own category): "
                                "its questions get no domain")
            return None
    if not parts:
        return None
    domain = report.domain(parts[-1])
    if domain is None:
        report.notes.append(f"{where}: category {parts[-1]!r} has nothing to keep in a domain id: "
                            "its questions get no domain")
    return domain


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
