"""``qb export gift``: Moodle's GIFT text format.

Each item is one question block, preceded by ``// [id:...]`` and
``// [tag:...]`` comment lines (which Moodle reads as ID number and tags)
and titled ``::<id>::``; a ``$CATEGORY:`` line starts each run of a domain.
Every text is written as ``[markdown]`` with GIFT's specials
(``~ = # { } :`` and the backslash) escaped and newlines as ``\\n``, so a
text can never end the question block early. Multiple items give each key
its share of 100% and each wrong option a negative share (see ``grades``).
Open items are essay questions (``{}``) whose general feedback holds the
model answer, followed by the explanation.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import List, Optional

from questionbank.assemble import stays_in_place
from questionbank.exporters.grades import shares
from questionbank.exporters.moodle import category_path
from questionbank.exporters.source import Entry, ExportSource

_SPECIAL = {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:",
            "\n": "\\n"}
_SPECIAL_RE = re.compile(r"[\\~=#{}:\n]")
UNKEPT = ("difficulty", "source", "references")


def escape(text: str) -> str:
    """``text`` with GIFT's special characters escaped, on one line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group()], text.strip())


def rich(text: str) -> str:
    """A text field: ``[markdown]`` and the escaped text. Writing the format
    on every field also keeps a text that starts with "[html]" or "%50%" from
    being read as a format or a weight."""
    return "[markdown]" + escape(text)


def export(source: ExportSource, out: Path) -> List[str]:
    """Write the GIFT file to ``out``; returns notes about what was not kept."""
    notes: List[str] = []
    blocks = [f"// {escape(source.title or 'qb export')}: exported by qb"]
    category: Optional[str] = None
    for entry in source.entries:
        wanted = category_path(source.title, entry.item.domain)
        if wanted != category:
            blocks.append(f"$CATEGORY: {wanted}")
            category = wanted
        blocks.append(question(entry, notes))
    unkept = sorted({key for entry in source.entries for key in UNKEPT if entry.item.data.get(key)})
    if unkept:
        notes.append(f"gift: not written, GIFT questions have no place for them: {', '.join(unkept)}")
    if any(stays_in_place(o, entry.item) for entry in source.entries for o in entry.options):
        notes.append("gift: options that keep their place (pinned, or 'all of the above' and the like): "
                     "GIFT has no per-question shuffle setting; "
                     "turn shuffling off in the Moodle quiz if the order matters")
    out.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return notes


def question(entry: Entry, notes: List[str]) -> str:
    item = entry.item
    head = [f"// [id:{item.id}]"]
    for tag in item.tags:
        if "]" in tag or "\n" in tag:
            notes.append(f"gift: {item.id}: tag {tag!r} cannot be written in a [tag:...] comment")
        elif tag.strip():
            head.append(f"// [tag:{tag.strip()}]")
    lines = ["\n".join(head), f"::{escape(item.id or '')}::{rich(item.stem)} {{"]
    if item.is_choice:
        lines += _answers(entry, notes)
        if item.explanation and item.explanation.strip():
            lines.append(f"\t####{rich(item.explanation)}")
    else:
        general = "\n\n".join(t.strip() for t in (item.answer, item.explanation) if t and t.strip())
        if general:
            lines.append(f"\t####{rich(general)}")
    lines.append("}")
    return "\n".join(lines)


def _answers(entry: Entry, notes: List[str]) -> List[str]:
    single = entry.item.type == "single"
    keys = sum(o.correct for o in entry.options)
    right, wrong, problem = shares(keys, len(entry.options) - keys)
    if problem and not single:
        notes.append(f"gift: {entry.item.id}: {problem}")
    lines = []
    for i, option in enumerate(entry.options):
        if single:
            mark = "=" if option.correct else "~"
        else:
            mark = f"~%{right if option.correct else wrong}%"
        text = rich(option.text)
        if i == 0 and mark == "=" and "->" in text:
            # "=a -> b" opens a matching question for PEG-based GIFT readers;
            # a backslash keeps them on multiple choice (Markdown drops it).
            text = text.replace("->", "-\\>")
        line = f"\t{mark}{text}"
        if option.why and option.why.strip():
            line += f"#{rich(option.why)}"
        lines.append(line)
    return lines
