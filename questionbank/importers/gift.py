"""``qb import gift``: Moodle GIFT files to item files.

Read the way Moodle's own importer reads GIFT: questions are separated by
blank lines, ``//`` lines are comments (``// [id:...]`` and ``// [tag:...]``
give the id and tags), ``$CATEGORY:`` switches the category (its last level
becomes the domain), the question type follows from the answer block.
Multiple choice becomes ``single`` (an answer marked ``=``) or ``multiple``
(``~%50%`` weights: the positive ones are keys), ``{}`` an ``open`` item with
the general feedback as model answer, ``{T}``/``{F}`` a single item with the
options True and False. Numeric, matching, short-answer and description
questions have no qb type: each is reported at its line and skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, List, Optional, Tuple

from questionbank.importers import ImportReport, Question, domain_of_category, make_id, open_input, text_lines

# While a block is taken apart, each escaped special stands in for itself as
# a Unicode noncharacter (U+FDD0...), which no text holds and no marker
# matches, so "\=" is never read as an answer marker; restored afterwards.
_SPECIALS = "\\~=#{}:n"
_HIDE = {c: chr(0xFDD0 + i) for i, c in enumerate(_SPECIALS)}
_SHOW = {chr(0xFDD0 + i): ("\n" if c == "n" else c) for i, c in enumerate(_SPECIALS)}
_ESCAPE_RE = re.compile(r"\\([\\~=#{}:n])")
_HIDDEN_RE = re.compile("[\ufdd0-\ufdef]")
_FORMAT_RE = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT_RE = re.compile(r"^%(-?[0-9]+(?:\.[0-9]*)?)%")
# As Moodle reads them: any characters but controls, with "]" escaped as "\]".
_ID_RE = re.compile(r"\[id:((?:\\\]|[^\]\x00-\x1f\x7f])+)\]")
_TAG_RE = re.compile(r"\[tag:((?:\\\]|[^\]\x00-\x1f\x7f])+)\]")


@dataclass
class _Block:
    line: int
    lines: List[str] = field(default_factory=list)
    comments: List[str] = field(default_factory=list)


def read_file(path: Path, report: ImportReport) -> Iterator[Question]:
    """The questions of one GIFT file; notes for everything not taken as it is."""
    handle = open_input(path, report)
    if handle is None:
        return
    with handle:
        yield from _questions(text_lines(handle), path, report)


def _questions(lines: Iterable[str], path: Path, report: ImportReport) -> Iterator[Question]:
    domain: Optional[str] = None
    number = 0
    for block in _blocks(lines):
        body = "\n".join(block.lines).strip()
        where = f"{path}:{block.line}"
        if body.startswith("$CATEGORY:"):
            domain = domain_of_category(body[len("$CATEGORY:"):].split("\n")[0], report, where)
            continue
        number += 1
        item = _question(_protect(body), block.comments, where, report)
        if item is not None:
            item.setdefault("id", f"{make_id(path.stem, 'gift')}-{number}")
            if domain:
                item["domain"] = domain
        yield Question(where, item)


def _blocks(lines: Iterable[str]) -> Iterator[_Block]:
    """Question blocks: runs of lines between blank lines, comments apart."""
    current: Optional[_Block] = None
    for number, line in enumerate(lines, 1):
        line = _HIDDEN_RE.sub("", line)
        stripped = line.strip()
        if not stripped:
            if current is not None and current.lines:
                yield current
            current = None
            continue
        if current is None:
            current = _Block(number)
        if stripped.startswith("//"):
            current.comments.append(stripped)
            if not current.lines:
                current.line = number + 1
        else:
            current.lines.append(line)
    if current is not None and current.lines:
        yield current


def _protect(text: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _HIDE[m.group(1)], text)


def _restore(text: str) -> str:
    # qb's export writes "-\>" where "->" would start a matching answer;
    # undone before the escapes, so an escaped backslash stays one.
    text = text.replace("-\\>", "->")
    return _HIDDEN_RE.sub(lambda m: _SHOW.get(m.group(), ""), text)


def _text(raw: str, default: str, flags: List[str]) -> Tuple[str, str]:
    """(text, format) of a field that may start with ``[format]``."""
    match = _FORMAT_RE.match(raw)
    fmt = match.group(1).lower() if match else default
    if match:
        raw = raw[match.end():]
    if fmt == "html":
        flags.append("html")
    return _restore(raw).strip(), fmt


def _question(body: str, comments: List[str], where: str, report: ImportReport) -> Optional[dict]:
    item: dict = {}
    for comment in comments:
        found = _ID_RE.search(comment)
        if found:
            given = found.group(1).replace("\\]", "]").strip()
            item["id"] = make_id(given, "")
            if not item["id"]:
                del item["id"]
                report.notes.append(f"{where}: id {given!r} has nothing to keep in an id; numbered instead")
            elif item["id"] != given:
                report.notes.append(f"{where}: id {given!r} written as {item['id']!r} to fit the id pattern")
        item.setdefault("tags", []).extend(t.replace("\\]", "]").strip() for t in _TAG_RE.findall(comment)
                                           if t.strip())
    if not item.get("tags"):
        item.pop("tags", None)
    if body.startswith("::"):
        end = body.find("::", 2)
        if end > 0:
            title = _restore(body[2:end]).strip()
            if "id" not in item and make_id(title, ""):
                item["id"] = make_id(title)
            body = body[end + 2:].strip()
    start, finish = body.find("{"), body.find("}", body.find("{") + 1)
    if start < 0 and "}" not in body:
        report.notes.append(f"{where}: skipped: a description (no answer block), not a question")
        return None
    if start < 0 or finish < 0:
        report.notes.append(f"{where}: skipped: unbalanced braces: an answer block needs an unescaped {{ and }}")
        return None
    flags: List[str] = []
    answers = body[start + 1:finish].strip()
    after = body[finish + 1:].strip()
    general = None
    if "####" in answers:
        answers, general = answers[:answers.rfind("####")].strip(), answers[answers.rfind("####") + 4:]
    kind = _kind(answers)
    if kind in ("numerical", "matching", "short answer"):
        report.notes.append(f"{where}: skipped: a {kind} question; qb items are single, multiple or open")
        return None
    if "{" in after or "}" in after:
        report.notes.append(f"{where}: skipped: two answer blocks in one question; a qb item has one blank "
                            "(split it into one question per blank)")
        return None
    stem, fmt = _text(body[:start].rstrip() + (" _____ " + after if after else ""), "moodle", flags)
    if not stem:
        report.notes.append(f"{where}: skipped: the question has no text")
        return None
    if after:
        report.notes.append(f"{where}: a missing-word question: imported with _____ where the answer block was")
    item["stem"] = stem
    if general is not None:
        general_text, _ = _text(general, fmt, flags)
        if general_text:
            item["answer" if kind == "essay" else "explanation"] = general_text
    if kind == "essay":
        item["type"] = "open"
    elif kind == "truefalse":
        _true_false(item, answers, fmt, flags, where, report)
    else:
        _multichoice(item, answers, fmt, flags, where, report)
    if flags:
        report.notes.append(f"{where}: [html] text kept as written; qb reads every text as Markdown, "
                            "so check tags and entities")
    return item


def _kind(answers: str) -> str:
    """The question type, decided in Moodle's order."""
    if not answers:
        return "essay"
    if answers.startswith("#"):
        return "numerical"
    if "~" in answers:
        return "multichoice"
    if "=" in answers and "->" in answers:
        return "matching"
    if answers.split("#", 1)[0].strip() in ("T", "TRUE", "F", "FALSE"):
        return "truefalse"
    return "short answer"  # only "=" answers: every one of them is accepted as typed


def _true_false(item: dict, answers: str, fmt: str, flags: List[str], where: str, report: ImportReport) -> None:
    parts = answers.split("#", 2)
    truth = parts[0].strip() in ("T", "TRUE")
    wrong = _text(parts[1], fmt, flags)[0] if len(parts) > 1 else ""
    right = _text(parts[2], fmt, flags)[0] if len(parts) > 2 else ""
    options = []
    for text, correct in (("True", truth), ("False", not truth)):
        option: dict = {"text": text}
        if correct:
            option["correct"] = True
        why = right if correct else wrong
        if why:
            option["why"] = why
        options.append(option)
    item["type"] = "single"
    item["options"] = options
    report.notes.append(f"{where}: a true/false question: imported as a single item with the options True and False")


def _multichoice(item: dict, answers: str, fmt: str, flags: List[str], where: str, report: ImportReport) -> None:
    single = "=" in answers
    options, weights = [], []
    empty = 0
    for marker, raw in re.findall(r"([=~])([^=~]*)", answers):
        weight = None
        found = _WEIGHT_RE.match(raw.strip())
        if found:
            weight = float(found.group(1))
            raw = raw.strip()[found.end():]
        text_raw, _, why_raw = raw.partition("#")
        text, _ = _text(text_raw, fmt, flags)
        why, _ = _text(why_raw, fmt, flags)
        if not text:
            empty += 1
            continue
        correct = marker == "=" if single else (weight or 0) > 0
        option: dict = {"text": text}
        if correct:
            option["correct"] = True
        if why:
            option["why"] = why
        options.append(option)
        weights.append((marker, weight))
    if empty and len(options) > 1:  # with fewer the question is skipped, and that note says why
        report.notes.append(f"{where}: {empty} answer{'s' * (empty != 1)} with no text skipped")
    keys = sum(1 for o in options if o.get("correct"))
    item["type"] = "single" if single else "multiple"
    item["options"] = options
    if single and any(m == "~" and (w or 0) > 0 for m, w in weights):
        report.notes.append(f"{where}: partial-credit weights on wrong answers dropped: a single item has one key")
    if single and keys > 1:
        report.notes.append(f"{where}: {keys} answers marked = (each fully right): qb's single items have one key")
    positive = {round(w, 3) for m, w in weights if w is not None and w > 0}
    if not single and len(positive) > 1:
        report.notes.append(f"{where}: unequal weights of the keys ({', '.join(f'{w:g}%' for w in sorted(positive))}) "
                            "dropped: the keys of a multiple item share the marks equally")
