"""``qb import aiken``: Aiken files (the plain-text format Moodle reads).

An Aiken question is its text, then one option per line (``A. text``,
``A) text``, or without the space, ``A)text``, as Moodle accepts), then
``ANSWER: B``. A blank line after the options ends a question: one without
its ``ANSWER`` line is skipped with a note, never merged into the next.
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
from typing import Iterable, Iterator, List, Optional

from questionbank.importers import ImportReport, Question, make_id, open_input, text_lines

_OPTION = re.compile(r"([A-Z])[.)][ \t]+(.*)\Z")
_OPTION_UNSPACED = re.compile(r"([A-Z])[.)](\S.*)\Z")
_ANSWER = re.compile(r"ANSWER\s*:\s*(.*)\Z", re.IGNORECASE)


@dataclass
class _Option:
    letter: str
    parts: List[str]  # the first line, then continuation lines (joined once, at the end)
    continued_at: int = 0  # the line of the first continuation


@dataclass
class _Question:
    line: int
    stem: List[str] = field(default_factory=list)
    options: List[_Option] = field(default_factory=list)


def read_file(path: Path, report: ImportReport) -> Iterator[Question]:
    """The questions of one Aiken file; notes for everything not taken as it is."""
    handle = open_input(path, report)
    if handle is None:
        return
    with handle:
        yield from _questions(text_lines(handle), path, report)


def _questions(lines: Iterable[str], path: Path, report: ImportReport) -> Iterator[Question]:
    current: Optional[_Question] = None
    number = 0
    for line_number, raw in enumerate(lines, 1):
        line = raw.strip()
        if current is None:
            if _ANSWER.match(line):
                report.notes.append(f"{path}:{line_number}: skipped: an ANSWER line with no question before it")
            elif line:
                current = _Question(line_number, [line])
            continue
        answer = _ANSWER.match(line)
        option = _option(line, current)
        if answer:
            number += 1
            yield _item(current, answer.group(1), f"{make_id(path.stem, 'aiken')}-{number}", path, report)
            current = None
        elif option:
            current.options.append(option)
        elif not line:
            if current.options:  # a blank line after the options ends the question
                yield _unfinished(current, path, report)
                current = None
            else:
                current.stem.append("")  # a paragraph break inside the question text
        elif current.options:
            last = current.options[-1]
            last.continued_at = last.continued_at or line_number
            last.parts.append(line)
        else:
            current.stem.append(line)
    if current is not None:
        yield _unfinished(current, path, report)


def _option(line: str, question: _Question) -> Optional[_Option]:
    found = _OPTION.match(line)
    if not found:
        # "A)text": only as the letter that comes next, so a stem line such
        # as "A.I. tools..." is not taken for an option.
        expected = chr(ord(question.options[-1].letter) + 1) if question.options else "A"
        found = _OPTION_UNSPACED.match(line)
        if not found or found.group(1) != expected:
            return None
    return _Option(found.group(1), [found.group(2).strip()])


def _unfinished(question: _Question, path: Path, report: ImportReport) -> Question:
    report.notes.append(f"{path}:{question.line}: skipped: the question has no ANSWER line")
    return Question(f"{path}:{question.line}", None)


def _item(question: _Question, answer: str, item_id: str, path: Path, report: ImportReport) -> Question:
    where = f"{path}:{question.line}"
    if not question.options:
        report.notes.append(f"{where}: skipped: no options (A. ... lines) before ANSWER")
        return Question(where, None)
    letters = [c for c in re.split(r"[\s,;]+", answer.strip().upper()) if c]
    by_letter = {option.letter: i for i, option in enumerate(question.options)}
    options = []
    for option in question.options:
        if option.continued_at:
            extra = len(option.parts) - 1
            what = "a line that is" if extra == 1 else f"{extra} lines that are"
            report.notes.append(f"{path}:{option.continued_at}: {what} neither an option nor ANSWER: "
                                f"added to option {option.letter}")
        options.append({"text": " ".join(option.parts)})
    for letter in letters:
        if letter in by_letter:
            options[by_letter[letter]]["correct"] = True
        else:
            report.notes.append(f"{where}: ANSWER {letter!r} names no option of this question")
    keys = sum(1 for o in options if o.get("correct"))
    if not keys:
        report.notes.append(f"{where}: imported without a correct option: mark the key with `correct: true`")
    if keys > 1:
        report.notes.append(f"{where}: ANSWER names {keys} options (Aiken has one): imported as a multiple item")
    if len(question.options) != len(by_letter):
        report.notes.append(f"{where}: an option letter is used twice; ANSWER refers to the last one")
    stem = "\n".join(question.stem).strip()
    return Question(where, {"id": item_id, "type": "multiple" if keys > 1 else "single", "stem": stem,
                            "options": options})
