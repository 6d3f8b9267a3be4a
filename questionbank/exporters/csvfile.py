"""``qb export csv``: the spreadsheet columns ``qb import csv`` reads.

Columns ``id``, ``question``, ``A`` to ``F``, ``answer`` (the key letters,
``B`` or ``B,D``), ``explanation``, ``domain`` and ``tags``; UTF-8 with a
byte-order mark so spreadsheet programs show accents right (the importer
reads it either way). A cell a spreadsheet would run as a formula gets a
leading ``'`` (csvcell.py), which the importer takes off again. What the columns cannot hold is reported, never
dropped silently: a seventh option, rationales, an open item's model answer.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import List

from questionbank.csvcell import neutralize
from questionbank.exporters.source import Entry, ExportSource
from questionbank.importers.csvfile import EXPORT_COLUMNS as COLUMNS
from questionbank.importers.csvfile import FIELDS
from questionbank.item import letter

LETTERS = [f for f in FIELDS if len(f) == 1]
UNKEPT = ("difficulty", "source", "references")


def export(source: ExportSource, out: Path) -> List[str]:
    """Write the CSV file to ``out``; returns notes about what was not kept."""
    notes: List[str] = []
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for entry in source.entries:
        row = _row(entry, notes)
        if row is not None:
            writer.writerow([neutralize(cell) for cell in row])
    whys = sum(1 for entry in source.entries for o in entry.options if o.why and o.why.strip())
    if whys:
        notes.append(f"csv: {whys} option rationales (why) not written: the columns have no place for them")
    unkept = sorted({key for entry in source.entries for key in UNKEPT if entry.item.data.get(key)})
    if unkept:
        notes.append(f"csv: not written, the columns have no place for them: {', '.join(unkept)}")
    out.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    return notes


def _row(entry: Entry, notes: List[str]) -> List[str] | None:
    item = entry.item
    if len(entry.options) > len(LETTERS):
        notes.append(f"csv: {item.id}: skipped: {len(entry.options)} options, the columns hold "
                     f"{len(LETTERS)} ({LETTERS[0]}-{LETTERS[-1]})")
        return None
    keys = [letter(i) for i, o in enumerate(entry.options) if o.correct]
    if item.type == "multiple" and len(keys) < 2 or item.type == "single" and len(keys) > 1:
        notes.append(f"csv: {item.id}: a {item.type} item with {len(keys)} keys reads back as "
                     f"{'single' if len(keys) < 2 else 'multiple'} (the importer counts the keys)")
    if item.type == "open" and item.answer and item.answer.strip():
        notes.append(f"csv: {item.id}: the model answer of an open item is not written (the answer column "
                     "holds key letters)")
    for tag in item.tags:
        if "," in tag or ";" in tag:
            notes.append(f"csv: {item.id}: tag {tag!r} holds a comma or semicolon and reads back as several tags")
    texts = [o.text for o in entry.options] + [""] * (len(LETTERS) - len(entry.options))
    return [item.id or "", item.stem, *texts, ",".join(keys), item.explanation or "", item.domain or "",
            ", ".join(item.tags)]
