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
import io
import re
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from questionbank.importers import ImportError_, ImportReport, make_id, read_text, run_import
from questionbank.item import letter

__all__ = ["FIELDS", "ImportError_", "ImportReport", "import_csv_files", "make_id", "parse_mapping"]

FIELDS = ("question", "A", "B", "C", "D", "E", "F", "answer", "explanation", "domain", "tags", "id")
_LETTERS = [letter(i) for i in range(26)]
_ANSWER_SPLIT = re.compile(r"[\s,;/]+")


def parse_mapping(pairs: Sequence[str]) -> Dict[str, str]:
    """``["Frage=question", ...]`` -> ``{"Frage": "question"}``."""
    mapping: Dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        if not sep or not column.strip() or target.strip() not in FIELDS:
            raise ImportError_(f"--map {pair!r}: expected COLUMN=FIELD with FIELD one of {', '.join(FIELDS)}")
        mapping[column.strip()] = target.strip()
    return mapping


def import_csv_files(files: List[Path], out: Path, mapping: Dict[str, str], header: bool = True,
                     force: bool = False) -> ImportReport:
    return run_import(files, out, lambda path, report: _read_file(path, mapping, header, report),
                      "qb import csv", force)


def _read_file(path: Path, mapping: Dict[str, str], header: bool, report: ImportReport) -> List[dict]:
    reader = csv.reader(io.StringIO(read_text(path, report), newline=""))
    columns: Optional[List[str]] = None
    if header:
        first = next(reader, None)
        if first is None:
            report.notes.append(f"{path}:1: empty file")
            return []
        columns = [mapping.get(c.strip(), c.strip()) for c in first]
        unknown = [c for c in columns if c and c not in FIELDS]
        if unknown:
            report.notes.append(f"{path}:1: columns not imported: {', '.join(unknown)} (use --map COLUMN=FIELD)")
        if "question" not in columns:
            raise ImportError_(f"{path}:1: no 'question' column (columns: {', '.join(first)}); use --map or --no-header")
    items = []
    stem_id = make_id(path.stem)
    row_number = 0
    end = reader.line_num
    for record in reader:
        line, end = end + 1, reader.line_num  # a record may span lines: report its first
        if not any(cell.strip() for cell in record):
            continue
        row_number += 1
        row = _as_fields(record, columns)
        item = _item(row, f"{stem_id}-{row_number}", f"{path}:{line}", report)
        if item is None:
            report.skipped += 1
        else:
            items.append(item)
    return items


def _as_fields(record: List[str], columns: Optional[List[str]]) -> Dict[str, str]:
    if columns is not None:
        return {name: value for name, value in zip(columns, record) if name in FIELDS}
    # Headerless: question, options..., answer.
    row = {"question": record[0], "answer": record[-1] if len(record) > 1 else ""}
    for i, value in enumerate(record[1:-1]):
        row[_LETTERS[i]] = value
    return row


def _item(row: Dict[str, str], default_id: str, where: str, report: ImportReport) -> Optional[dict]:
    stem = row.get("question", "").strip()
    if not stem:
        report.notes.append(f"{where}: skipped: empty question")
        return None
    item_id = default_id
    if row.get("id", "").strip():
        item_id = make_id(row["id"])
        if item_id != row["id"].strip():
            report.notes.append(f"{where}: id {row['id'].strip()!r} written as {item_id!r} to fit the id pattern")
    letters = [c for c in _LETTERS if c in row]
    options = []
    by_letter = {}
    for c in letters:
        text = row[c].strip()
        if text:
            by_letter[c] = len(options)
            options.append({"text": text})
    keys = [k.upper() for k in _ANSWER_SPLIT.split(row.get("answer", "").strip()) if k]
    for key in keys:
        if key in by_letter:
            options[by_letter[key]]["correct"] = True
        else:
            report.notes.append(f"{where}: answer {key!r} names no option of this row")
    item: dict = {"id": item_id}
    if options:
        item["type"] = "multiple" if len(keys) > 1 else "single"
    else:
        item["type"] = "open"
    if row.get("domain", "").strip():
        item["domain"] = make_id(row["domain"])
    item["stem"] = stem
    if options:
        item["options"] = options
    elif keys:
        report.notes.append(f"{where}: an answer but no options; imported as an open item without a model answer")
    explanation = row.get("explanation", "").strip()
    if explanation:
        item["explanation"] = explanation
    tags = [t.strip() for t in re.split(r"[,;]", row.get("tags", "")) if t.strip()]
    if tags:
        item["tags"] = tags
    return item
