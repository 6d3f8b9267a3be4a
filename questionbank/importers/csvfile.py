"""``qb import csv``: spreadsheet exports to item files, one per input file.

By default a header row names the columns ``question``, ``A`` to ``F``,
``answer`` (the correct letters, ``B`` or ``B,D``) and optionally
``explanation``, ``domain``, ``tags`` and ``id``. Headerless files (MMLU) are
question, options..., answer. Ids come from the ``id`` column or else from
``<file name>-<row number>``, so importing again gives the same ids.

Nothing is dropped silently: every row that cannot be taken as it is gets a
note with its file and line.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence

from questionbank.csvcell import restore
from questionbank.importers import ImportError_, ImportReport, Question, make_id, open_input, run_import
from questionbank.item import letter

__all__ = ["FIELDS", "ImportError_", "ImportReport", "import_csv_files", "make_id", "parse_mapping"]

FIELDS = ("question", "A", "B", "C", "D", "E", "F", "answer", "explanation", "domain", "tags", "id")
# The header of `qb export csv`: its cells were neutralized (csvcell), and
# are restored when read back.
EXPORT_COLUMNS = ("id", "question", *(f for f in FIELDS if len(f) == 1), "answer", "explanation", "domain", "tags")
_LETTERS = [letter(i) for i in range(26)]
_ANSWER_SPLIT = re.compile(r"[\s,;/]+")
# The csv module refuses a field over 128 KiB by default; a question with a
# long scenario or an embedded table can be longer. This bounds a field's
# size, not the file's (process-wide; qb reads no other CSV).
csv.field_size_limit(16 * 1024 * 1024)


def _key(name: str) -> str:
    """A column name as matched: case and spaces do not count."""
    return "".join(name.split()).casefold()


_BY_KEY = {_key(f): f for f in FIELDS}


def parse_mapping(pairs: Sequence[str]) -> Dict[str, str]:
    """``["Frage=question", ...]`` -> ``{"frage": "question"}`` (columns by
    their matching key, see ``_key``)."""
    mapping: Dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        field = _BY_KEY.get(_key(target))
        if not sep or not column.strip() or field is None:
            raise ImportError_(f"--map {pair!r}: expected COLUMN=FIELD with FIELD one of {', '.join(FIELDS)}")
        mapping[_key(column)] = field
    return mapping


def import_csv_files(files: List[Path], out: Path, mapping: Dict[str, str], header: bool = True,
                     force: bool = False) -> ImportReport:
    return run_import(files, out, lambda path, report: _read_file(path, mapping, header, report),
                      "qb import csv", force)


def _read_file(path: Path, mapping: Dict[str, str], header: bool, report: ImportReport) -> Iterator[Question]:
    handle = open_input(path, report)
    if handle is None:
        return
    with handle:
        # strict: a quote that is never closed is an error, not the rest
        # of the file taken as one field; nor is '"a"b' read as 'ab'.
        yield from _rows(csv.reader(handle, strict=True), path, mapping, header, report)


def _rows(reader, path: Path, mapping: Dict[str, str], header: bool, report: ImportReport) -> Iterator[Question]:
    columns: Optional[List[str]] = None
    exported = False
    end = 0  # the last line of the last record read
    try:
        if header:
            first = next(reader, None)
            if first is None:
                report.notes.append(f"{path}:1: empty file")
                return
            exported = tuple(first) == EXPORT_COLUMNS
            columns = [mapping.get(_key(c)) or _BY_KEY.get(_key(c), c.strip()) for c in first]
            unknown = [c for c in columns if c and c not in FIELDS]
            if unknown:
                report.notes.append(f"{path}:1: columns not imported: {', '.join(unknown)} (use --map COLUMN=FIELD)")
            if "question" not in columns:
                raise ImportError_(f"{path}:1: no 'question' column (columns: {', '.join(first)}); "
                                   "use --map or --no-header")
        stem_id = make_id(path.stem, "csv")
        row_number = 0
        end = reader.line_num
        for record in reader:
            line, end = end + 1, reader.line_num  # a record may span lines: report its first
            if not any(cell.strip() for cell in record):
                continue
            row_number += 1
            where = f"{path}:{line}"
            if exported:
                record = [restore(cell) for cell in record]
            row = _as_fields(record, columns, where, report)
            yield Question(where, None if row is None else _item(row, f"{stem_id}-{row_number}", where, report))
    except csv.Error as exc:
        why = "a quoted field is never closed" if "end of data" in str(exc) else str(exc)
        raise ImportError_(f"{path}:{end + 1}: cannot read the CSV ({why}); nothing was imported") from None


def _as_fields(record: List[str], columns: Optional[List[str]], where: str,
               report: ImportReport) -> Optional[Dict[str, str]]:
    if columns is not None:
        return {name: value for name, value in zip(columns, record) if name in FIELDS}
    # Headerless: question, options..., answer.
    options = record[1:-1]
    if len(options) > len(_LETTERS):
        report.notes.append(f"{where}: skipped: {len(options)} options between the question and the answer; "
                            f"the answer letters go up to {_LETTERS[-1]}")
        return None
    row = {"question": record[0], "answer": record[-1] if len(record) > 1 else ""}
    for i, value in enumerate(options):
        row[_LETTERS[i]] = value
    return row


def _item(row: Dict[str, str], default_id: str, where: str, report: ImportReport) -> Optional[dict]:
    stem = row.get("question", "").strip()
    if not stem:
        report.notes.append(f"{where}: skipped: empty question")
        return None
    item_id = default_id
    if row.get("id", "").strip():
        item_id = make_id(row["id"], default_id)
        if item_id != row["id"].strip():
            report.notes.append(f"{where}: id {row['id'].strip()!r} written as {item_id!r} to fit the id pattern")
    options = []
    by_letter = {}
    for c in _LETTERS:
        text = row.get(c, "").strip()
        if text:
            by_letter[c] = len(options)
            options.append({"text": text})
    keys = [k.upper() for k in _ANSWER_SPLIT.split(row.get("answer", "").strip()) if k]
    for key in keys:
        if key in by_letter:
            options[by_letter[key]]["correct"] = True
        else:
            report.notes.append(f"{where}: answer {key!r} names no option of this row")
    correct = sum(1 for o in options if o.get("correct"))
    item: dict = {"id": item_id, "type": ("multiple" if correct > 1 else "single") if options else "open"}
    if row.get("domain", "").strip():
        domain = report.domain(row["domain"])
        if domain:
            item["domain"] = domain
        else:
            report.notes.append(f"{where}: domain {row['domain'].strip()!r} has nothing to keep in an id; "
                                "imported without a domain")
    item["stem"] = stem
    if options:
        item["options"] = options
        if not correct and len(options) > 1:
            report.notes.append(f"{where}: imported without a correct option"
                                + ("" if keys else " (the answer column is empty)")
                                + ": mark the key with `correct: true`")
    elif keys:
        report.notes.append(f"{where}: an answer but no options; imported as an open item without a model answer")
    explanation = row.get("explanation", "").strip()
    if explanation:
        item["explanation"] = explanation
    tags = [t.strip() for t in re.split(r"[,;]", row.get("tags", "")) if t.strip()]
    if tags:
        item["tags"] = tags
    return item
