"""``qb import aiken``: Aiken files (the plain-text format Moodle reads).

An Aiken question is its text, then one option per line (``A. text`` or
``A) text``), then ``ANSWER: B``. Questions may be separated by blank lines.
Aiken holds no ids, rationales or explanations, so items get the ids
``<file stem>-<n>``. A text of several lines before the first option is
taken as a stem of several lines (Moodle wants one line). ``ANSWER: B, D``
is not Aiken but is read as a multiple item, with a note. Every question
that cannot be taken as it is gets a note with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional, Tuple

from questionbank.importers import Collected, ImportReport, make_id, read_text, text_lines

_OPTION = re.compile(r"^([A-Z])[.)]\s+(.*)$")
_ANSWER = re.compile(r"^ANSWER\s*:\s*(.*)$", re.IGNORECASE)


@dataclass
class _Question:
    line: int
    stem: List[str] = field(default_factory=list)
    options: List[Tuple[str, str]] = field(default_factory=list)


def read_file(path: Path, report: ImportReport) -> List[dict]:
    """The items of one Aiken file; notes for everything not taken as it is."""
    collected = Collected(report)
    current: Optional[_Question] = None
    number = 0
    for line_number, raw in enumerate(text_lines(read_text(path, report)), 1):
        line = raw.strip()
        where = f"{path}:{line_number}"
        if current is None:
            if _ANSWER.match(line):
                report.notes.append(f"{where}: skipped: an ANSWER line with no question before it")
            elif line:
                current = _Question(line_number, [line])
            continue
        answer = _ANSWER.match(line)
        option = _OPTION.match(line)
        if answer:
            number += 1
            place = f"{path}:{current.line}"
            collected.add(_item(current, answer.group(1), f"{make_id(path.stem)}-{number}", place, report), place)
            current = None
        elif option:
            current.options.append((option.group(1), option.group(2).strip()))
        elif not line:
            if current.options:
                continue
            current.stem.append("")  # a paragraph break inside the question text
        elif current.options:
            letter, text = current.options[-1]
            current.options[-1] = (letter, f"{text} {line}")
            report.notes.append(f"{where}: a line that is neither an option nor ANSWER: added to option {letter}")
        else:
            current.stem.append(line)
    if current is not None:
        report.notes.append(f"{path}:{current.line}: skipped: the question has no ANSWER line")
        report.skipped += 1
    return collected.finish()


def _item(question: _Question, answer: str, item_id: str, where: str, report: ImportReport) -> Optional[dict]:
    stem = "\n".join(question.stem).strip()
    if not question.options:
        report.notes.append(f"{where}: skipped: no options (A. ... lines) before ANSWER")
        return None
    letters = [c for c in re.split(r"[\s,;]+", answer.strip().upper()) if c]
    by_letter = {letter: i for i, (letter, _) in enumerate(question.options)}
    options = [{"text": text} for _, text in question.options]
    for letter in letters:
        if letter in by_letter:
            options[by_letter[letter]]["correct"] = True
        else:
            report.notes.append(f"{where}: ANSWER {letter!r} names no option of this question")
    keys = sum(1 for o in options if o.get("correct"))
    if keys > 1:
        report.notes.append(f"{where}: ANSWER names {keys} options (Aiken has one): imported as a multiple item")
    if len(question.options) != len(by_letter):
        report.notes.append(f"{where}: an option letter is used twice; ANSWER refers to the last one")
    return {"id": item_id, "type": "multiple" if keys > 1 else "single", "stem": stem, "options": options}
