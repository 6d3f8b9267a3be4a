"""``qb import moodle``: Moodle XML files to item files.

``multichoice`` questions become single items (``single`` true: the answers
with fraction 100 are keys) or multiple items (the answers with a positive
fraction are keys); per-answer feedback becomes the option's ``why`` and the
general feedback the explanation. ``essay`` questions become open items with
the grader information as model answer; ``truefalse`` a single item with
the options True and False. A ``category`` question sets the domain of the
questions after it (its last level). Ids come from ``idnumber``, else the
name, else ``<file stem>-<n>``. Every other question type is reported at its
line (lxml keeps each element's line) and skipped.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from lxml import etree

from questionbank.importers import Collected, ImportReport, domain_of_category, make_id

# External entities and DTDs are never loaded: an XML file must not make qb
# read other files or the network.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_comments=True)
_TRUE = ("1", "true", "yes")


def read_file(path: Path, report: ImportReport) -> List[dict]:
    """The items of one Moodle XML file; notes for everything not taken as it is."""
    try:
        root = etree.parse(str(path), _PARSER).getroot()
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        report.notes.append(f"{path}:{line}: not well-formed XML ({exc.msg}); nothing imported from this file")
        return []
    if root.tag != "quiz":
        report.notes.append(f"{path}:{root.sourceline}: the root element is <{root.tag}>, not <quiz>; "
                            "nothing imported from this file")
        return []
    collected = Collected(report)
    domain: Optional[str] = None
    for number, question in enumerate(root.iterchildren("question"), 1):
        kind = question.get("type", "")
        where = f"{path}:{question.sourceline}"
        if kind == "category":
            domain = domain_of_category(_text(question, "category") or "")
            continue
        label = f"{where}: question {number}" + (f" {_text(question, 'name')!r}" if _text(question, "name") else "")
        item = _question(question, kind, label, report)
        if item is not None:
            item["id"] = _id(question, f"{make_id(path.stem)}-{number}", label, report)
        collected.add(item, where, domain)
    return collected.finish()


def _question(question: etree._Element, kind: str, label: str, report: ImportReport) -> Optional[dict]:
    if kind not in ("multichoice", "truefalse", "essay"):
        what = "a description (no answer), not a question" if kind == "description" else f"a {kind or 'untyped'} question"
        report.notes.append(f"{label}: skipped: {what}; qb items are single, multiple or open")
        return None
    formats = set()
    stem = _text(question, "questiontext", formats)
    if not stem:
        report.notes.append(f"{label}: skipped: the question has no text")
        return None
    item: dict = {"stem": stem}
    if kind == "essay":
        item["type"] = "open"
        answer = _text(question, "graderinfo", formats)
        if answer:
            item["answer"] = answer
    else:
        _choices(question, kind, item, label, formats, report)
    explanation = _text(question, "generalfeedback", formats)
    if explanation:
        item["explanation"] = explanation
    tags = [t.text.strip() for t in question.iterfind("tags/tag/text") if t.text and t.text.strip()]
    if tags:
        item["tags"] = tags
    if "html" in formats:
        report.notes.append(f"{label}: HTML text kept as written; qb reads every text as Markdown, "
                            "so check tags and entities")
    if question.find(".//file") is not None:
        report.notes.append(f"{label}: embedded files (images) not imported; add them next to the item file")
    return item


def _choices(question: etree._Element, kind: str, item: dict, label: str, formats: set,
             report: ImportReport) -> None:
    single = kind == "truefalse" or (_text(question, "single") or "true").strip().lower() in _TRUE
    options, fractions = [], []
    for answer in question.iterfind("answer"):
        text = _text(answer, None, formats)
        if kind == "truefalse":
            text = {"true": "True", "false": "False"}.get(text.lower(), text)
        if not text:
            report.notes.append(f"{label}: an answer with no text (line {answer.sourceline}) skipped")
            continue
        try:
            fraction = float(answer.get("fraction", "0"))
        except ValueError:
            report.notes.append(f"{label}: answer at line {answer.sourceline}: fraction "
                                f"{answer.get('fraction')!r} is not a number; taken as 0")
            fraction = 0.0
        option: dict = {"text": text}
        if (fraction >= 99.99 if single else fraction > 0):
            option["correct"] = True
        why = _text(answer, "feedback", formats)
        if why:
            option["why"] = why
        options.append(option)
        fractions.append(fraction)
    item["type"] = "single" if single else "multiple"
    item["options"] = options
    if kind == "truefalse":
        report.notes.append(f"{label}: a true/false question: imported as a single item with the options "
                            "True and False")
    if single and any(0 < f < 99.99 for f in fractions):
        report.notes.append(f"{label}: partial-credit fractions dropped: a single item has one key")
    positive = {round(f, 3) for f in fractions if f > 0}
    if not single and len(positive) > 1:
        report.notes.append(f"{label}: unequal fractions of the keys ({', '.join(f'{f:g}%' for f in sorted(positive))}) "
                            "dropped: the keys of a multiple item share the marks equally")


def _id(question: etree._Element, default: str, label: str, report: ImportReport) -> str:
    given = (_text(question, "idnumber") or "").strip()
    if given:
        made = make_id(given)
        if made != given:
            report.notes.append(f"{label}: idnumber {given!r} written as {made!r} to fit the id pattern")
        return made
    name = (_text(question, "name") or "").strip()
    return make_id(name) if name else default


def _text(element: etree._Element, child: Optional[str], formats: Optional[set] = None) -> str:
    """The text of ``child`` (or of ``element`` itself): its <text> element
    when it has one, else its own text; notes its format in ``formats``."""
    node = element if child is None else element.find(child)
    if node is None:
        return ""
    if formats is not None and node.get("format") == "html":
        formats.add("html")
    inner = node.find("text")
    value = inner.text if inner is not None else node.text
    return (value or "").strip()
