"""``qb export moodle``: Moodle XML.

Single items are ``multichoice`` with ``single`` true (key 100%, others 0);
multiple items are ``multichoice`` with ``single`` false, where the keys
share 100% and each wrong option takes away an equal share, so ticking every
box earns nothing. Option rationales are per-answer feedback, the explanation
is the general feedback, open items are ``essay`` questions with the model
answer as grader information. A ``category`` question before each run of a
domain puts the items in ``$course$/top/<bank title>/<domain>``. Texts keep
their Markdown (``format="markdown"``); the item id is both the question
name and its ID number.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Tuple

from lxml import etree

from questionbank.assemble import stays_in_place
from questionbank.exporters.grades import shares
from questionbank.exporters.html import xml_safe
from questionbank.exporters.source import Entry, ExportSource

UNKEPT = ("difficulty", "source", "references")


def export(source: ExportSource, out: Path) -> List[str]:
    """Write the quiz file to ``out``; returns notes about what was not kept."""
    quiz = etree.Element("quiz")
    notes: List[str] = []
    category: Optional[str] = None
    for entry in source.entries:
        wanted = category_path(source.title, entry.item.domain)
        if wanted != category:
            quiz.append(_category(wanted, source.domains.get(entry.item.domain or "")))
            category = wanted
        quiz.append(question(entry, source.shuffle, notes))
    unkept = sorted({key for entry in source.entries for key in UNKEPT if entry.item.data.get(key)})
    if unkept:
        notes.append(f"moodle: not written, Moodle questions have no place for them: {', '.join(unkept)}")
    out.write_bytes(etree.tostring(quiz, xml_declaration=True, encoding="UTF-8", pretty_print=True))
    return notes


def category_path(title: str, domain: Optional[str]) -> str:
    """``$course$/top/<title>[/<domain>]``; Moodle writes a "/" inside a
    category name as "//"."""
    parts = ["$course$", "top", (title or "qb").replace("/", "//")]
    if domain:
        parts.append(domain.replace("/", "//"))
    return "/".join(parts)


def question(entry: Entry, shuffle: bool, notes: List[str]) -> etree._Element:
    item = entry.item
    kind = "multichoice" if item.is_choice else "essay"
    q = etree.Element("question", type=kind)
    _text(etree.SubElement(q, "name"), item.id or "")
    _formatted(q, "questiontext", item.stem)
    _formatted(q, "generalfeedback", item.explanation or "")
    etree.SubElement(q, "defaultgrade").text = "1"
    etree.SubElement(q, "penalty").text = "0.3333333" if item.is_choice else "0"
    etree.SubElement(q, "hidden").text = "0"
    etree.SubElement(q, "idnumber").text = item.id or ""
    if item.is_choice:
        _choices(q, entry, shuffle, notes)
    else:
        for tag, value in (("responseformat", "editor"), ("responserequired", "1"), ("responsefieldlines", "15"),
                           ("attachments", "0"), ("attachmentsrequired", "0")):
            etree.SubElement(q, tag).text = value
        _formatted(q, "graderinfo", item.answer or "")
        _formatted(q, "responsetemplate", "")
    if item.tags:
        tags = etree.SubElement(q, "tags")
        for tag in item.tags:
            _text(etree.SubElement(tags, "tag"), tag)
    return q


def _choices(q: etree._Element, entry: Entry, shuffle: bool, notes: List[str]) -> None:
    single = entry.item.type == "single"
    pinned = any(stays_in_place(o, entry.item) for o in entry.options)
    if shuffle and pinned:
        # Moodle shuffles all answers or none: keeping all in place is the
        # only way to keep one ("None of the above") in place.
        notes.append(f"moodle: {entry.item.id}: an option keeps its place (pinned, or 'all of the above' and the "
                     "like): shuffleanswers is off for this question")
    etree.SubElement(q, "single").text = "true" if single else "false"
    etree.SubElement(q, "shuffleanswers").text = "true" if shuffle and not pinned else "false"
    etree.SubElement(q, "answernumbering").text = "ABCD"
    fractions, problem = answer_fractions(entry)
    if problem:
        notes.append(f"moodle: {entry.item.id}: {problem}")
    for option, fraction in zip(entry.options, fractions):
        answer = etree.SubElement(q, "answer", fraction=fraction, format="markdown")
        _text(answer, option.text)
        _formatted(answer, "feedback", option.why or "")


def answer_fractions(entry: Entry) -> Tuple[List[str], Optional[str]]:
    """Each option's fraction (percent, as Moodle writes it) and a note when
    Moodle's list of grades cannot hold the exact shares."""
    options = entry.options
    if entry.item.type == "single":
        return ["100" if o.correct else "0" for o in options], None
    keys = sum(o.correct for o in options)
    right, wrong, problem = shares(keys, len(options) - keys)
    return [right if o.correct else wrong for o in options], problem


def _category(path: str, domain: Optional[dict]) -> etree._Element:
    q = etree.Element("question", type="category")
    _text(etree.SubElement(q, "category"), path)
    name = domain.get("name") if isinstance(domain, dict) else None
    if isinstance(name, str) and name:
        _formatted(q, "info", name)
    return q


def _formatted(parent: etree._Element, tag: str, text: str) -> etree._Element:
    element = etree.SubElement(parent, tag, format="markdown")
    _text(element, text)
    return element


def _text(parent: etree._Element, text: str) -> None:
    etree.SubElement(parent, "text").text = xml_safe(text)
