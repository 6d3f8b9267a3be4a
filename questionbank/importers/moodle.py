"""``qb import moodle``: Moodle XML files to item files.

``multichoice`` questions become single items (``single`` true: the answers
with fraction 100 are keys) or multiple items (the answers with a positive
fraction are keys); per-answer feedback becomes the option's ``why`` and the
general feedback the explanation. ``essay`` questions become open items with
the grader information as model answer; ``truefalse`` a single item with
the options True and False (True first, as Moodle shows them). A
``category`` question sets the domain of the questions after it (see
``domain_of_category``). Ids come from ``idnumber``, else the name, else
``<file stem>-<n>``. Every other question type is reported at its line
(lxml keeps each element's line) and skipped.

A ``<text>`` holding markup that is not wrapped in CDATA keeps all of it, as
written. Embedded files (``<file>`` elements that ``@@PLUGINFILE@@`` refers
to, and the ``<image>``/``<image_base64>`` of older exports) are written
beside the item file and the text refers to them there. The file is read
question by question (iterparse), so its size does not decide the memory an
import takes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Set, TextIO, Tuple
from urllib.parse import unquote

from lxml import etree

from questionbank.importers import ImportReport, Question, domain_of_category, files_folder, make_id
from questionbank.importers.decode import open_text

# External entities and DTDs are never loaded: an XML file must not make qb
# read other files or the network. Entities the file defines are kept as
# written (&name;), never expanded.
_PARSE = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True)
_TRUE = ("1", "true", "yes")
_DECLARATION = re.compile(r"""\A(\s*<\?xml[^>]*?)\s+encoding\s*=\s*(["'])([A-Za-z0-9._-]*)\2""")
_DECLARED = re.compile(rb"""\A\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_PLUGINFILE = "@@PLUGINFILE@@/"


class _Files:
    """The embedded files of one input file, by their name in the bank."""

    def __init__(self, path: Path):
        self.folder = files_folder(path)
        self.digests: Dict[str, str] = {}  # file name -> SHA-256 of its content

    def add(self, name: str, data: bytes) -> str:
        """A file name for ``data`` after ``name`` (made safe, and unique
        unless the content is the same); the path a text beside the item
        file refers to it by."""
        base = safe_name(name)
        stem, dot, ext = base.rpartition(".")
        stem, ext = (stem, dot + ext) if stem else (base, "")
        digest = hashlib.sha256(data).hexdigest()
        candidate, n = base, 2
        while self.digests.get(candidate, digest) != digest:
            candidate, n = f"{stem}-{n}{ext}", n + 1
        self.digests[candidate] = digest
        return f"{self.folder}/{candidate}"


def safe_name(name: str) -> str:
    """The last part of a file name or URL path, with only letters, digits,
    '.', '_' and '-' (never starting with '.')."""
    return _SAFE_NAME.sub("-", unquote(name).replace("\\", "/").rsplit("/", 1)[-1]).strip("-.") or "file"


def read_file(path: Path, report: ImportReport) -> Iterator[Question]:
    """The questions of one Moodle XML file; notes for everything not taken as it is."""
    source = _utf8(path, report)
    if source is None:
        return
    with source.handle:
        yield from _questions(source, path, report)


def _questions(source: "_Utf8", path: Path, report: ImportReport) -> Iterator[Question]:
    files = _Files(path)
    domain: Optional[str] = None
    number = 0
    root = None
    try:
        for event, element in etree.iterparse(source, events=("start", "end"), **_PARSE):
            if root is None:
                root = element
                if root.tag != "quiz":
                    report.notes.append(f"{path}:{root.sourceline}: the root element is <{root.tag}>, not <quiz>; "
                                        "nothing imported from this file")
                    return
                continue
            if event != "end" or element.tag != "question" or element.getparent() is not root:
                continue
            number += 1
            kind = element.get("type", "")
            where = f"{path}:{element.sourceline}"
            if kind == "category":
                domain = domain_of_category(_text(element, "category"), report, where)
                name = _text(element, "info")
                if domain and name:  # the domain's name, as qb's export writes it
                    report.domain_names[domain] = " ".join(name.split())
            else:
                yield _question(element, kind, where, number, domain, files, path, report)
            element.clear()
            while element.getprevious() is not None:  # what was read is no longer needed
                del root[0]
    except etree.XMLSyntaxError as exc:
        # huge_tree stays off: it also lifts the limits that guard against hostile nesting.
        why = ("a text or embedded file over 10 MB, more than qb reads in one XML node" if "limit exceeded" in exc.msg
               else f"not well-formed XML ({exc.msg})")
        report.notes.append(f"{path}:{exc.lineno or 1}: {why}; nothing from this line on is imported")


def _utf8(path: Path, report: ImportReport) -> Optional["_Utf8"]:
    """The file as UTF-8 bytes for lxml: byte-order mark, declared encoding,
    UTF-8, else Windows-1252 (noted), as for the text formats."""
    try:
        with path.open("rb") as head:
            declared = _DECLARED.match(head.read(1024))
    except OSError:
        declared = None  # open_text says why
    handle = open_text(path, report.notes, declared.group(1).decode("ascii") if declared else None)
    return None if handle is None else _Utf8(handle)


class _Utf8:
    """A text file read as UTF-8 bytes, its XML declaration's encoding taken
    out: lxml then reads the text as it was decoded, whatever the file's
    encoding was."""

    def __init__(self, handle: TextIO):
        self.handle = handle
        self.first = True

    def read(self, size: int = -1) -> bytes:
        if self.first:  # the whole declaration is in the first 64 KiB
            self.first = False
            return _DECLARATION.sub(r"\1", self.handle.read(max(size, 1 << 16)), count=1).encode("utf-8")
        return self.handle.read(size).encode("utf-8")


def _question(question: etree._Element, kind: str, where: str, number: int, domain: Optional[str],
              files: _Files, path: Path, report: ImportReport) -> Question:
    name = _text(question, "name")
    label = f"{where}: question {number}" + (f" {name!r}" if name else "")
    if kind not in ("multichoice", "truefalse", "essay"):
        what = "a description (no answer), not a question" if kind == "description" else f"a {kind or 'untyped'} question"
        report.notes.append(f"{label}: skipped: {what}; qb items are single, multiple or open")
        return Question(where, None)
    reader = _Reader(label, files, report)
    stem = reader.field(question, "questiontext")
    stem = reader.old_image(question, stem)
    if not stem:
        report.notes.append(f"{label}: skipped: the question has no text")
        return Question(where, None)
    item: dict = {"stem": stem}
    if kind == "essay":
        item["type"] = "open"
        answer = reader.field(question, "graderinfo")
        if answer:
            item["answer"] = answer
    else:
        _choices(question, kind, item, label, reader, report)
    explanation = reader.field(question, "generalfeedback")
    if explanation:
        item["explanation"] = explanation
    tags = [t.text.strip() for t in question.iterfind("tags/tag/text") if t.text and t.text.strip()]
    if tags:
        item["tags"] = tags
    reader.notes()
    item["id"] = _id(question, f"{make_id(path.stem, 'moodle')}-{number}", label, report)
    if domain:
        item["domain"] = domain
    return Question(where, item, tuple(reader.written))


class _Reader:
    """Reads a question's text fields, noting what was kept as written and
    collecting its embedded files."""

    def __init__(self, label: str, files: _Files, report: ImportReport):
        self.label = label
        self.files = files
        self.report = report
        self.html = False
        self.markup: Set[int] = set()
        self.entities: Set[str] = set()
        self.written: List[Tuple[str, bytes]] = []  # (path beside the item file, content)

    def field(self, element: etree._Element, child: Optional[str]) -> str:
        """The text of ``child`` (or of ``element`` itself): its <text>
        element when it has one, else its own text; ``@@PLUGINFILE@@``
        references point to the files written beside the item file."""
        node = element if child is None else element.find(child)
        if node is None:
            return ""
        inner = node.find("text")
        value = self._content(inner if inner is not None else node, skip=inner is None).strip()
        if value and node.get("format") == "html":
            self.html = True
        for file in node.iterfind("file"):
            self._embedded(file)
        if _PLUGINFILE in value:
            value = re.sub(re.escape(_PLUGINFILE) + r"([^\s\"'<>)]+)", self._reference, value)
        return value

    def _content(self, node: etree._Element, skip: bool) -> str:
        """All of a node's content as written: its text, then each child
        (inline markup, an entity reference, a processing instruction)
        serialised with the text after it. With ``skip`` (a field without
        <text>), child elements such as <file> are not content."""
        parts = [node.text or ""]
        for child in node:
            if skip and isinstance(child.tag, str):
                parts.append(child.tail or "")
                continue
            if isinstance(child, etree._Entity):
                self.entities.add(child.text)
            else:
                self.markup.add(child.sourceline or 0)
            parts.append(etree.tostring(child, encoding="unicode", with_tail=True))
        return "".join(parts)

    def _embedded(self, file: etree._Element) -> None:
        name = file.get("name") or "file"
        try:
            data = base64.b64decode((file.text or "").encode("ascii"), validate=False)
        except (binascii.Error, UnicodeEncodeError, ValueError):
            self.report.notes.append(f"{self.label}: embedded file {name!r} is not valid base64; not imported")
            return
        self.written.append((self.files.add(name, data), data))

    def _reference(self, match: "re.Match[str]") -> str:
        wanted = safe_name(match.group(1))
        for written, _ in self.written:
            if written.rsplit("/", 1)[-1] == wanted:
                return written
        return match.group(0)

    def old_image(self, question: etree._Element, stem: str) -> str:
        """The stem with the <image> of older Moodle exports shown below it."""
        image = (question.findtext("image") or "").strip()
        if not image:
            return stem
        encoded = (question.findtext("image_base64") or "").strip()
        if not encoded:
            self.report.notes.append(f"{self.label}: the image {image!r} is not in the file (no <image_base64>); "
                                     "add it beside the item file and show it in the stem")
            return stem
        try:
            data = base64.b64decode(encoded.encode("ascii"))
        except (binascii.Error, UnicodeEncodeError, ValueError):
            self.report.notes.append(f"{self.label}: the image {image!r} is not valid base64; not imported")
            return stem
        written = self.files.add(image, data)
        self.written.append((written, data))
        alt = Path(written).stem.replace("-", " ").replace("_", " ")
        return f"{stem}\n\n![{alt}]({written})" if stem else ""

    def notes(self) -> None:
        if self.html:
            self.report.notes.append(f"{self.label}: HTML text kept as written; qb reads every text as Markdown, "
                                     "so check tags and entities")
        if self.markup:
            lines = ", ".join(str(n) for n in sorted(self.markup))
            self.report.notes.append(f"{self.label}: markup inside <text> (line {lines}) kept as written")
        if self.entities:
            self.report.notes.append(f"{self.label}: entities defined by the file kept as written "
                                     f"({', '.join('&' + e.strip('&;') + ';' for e in sorted(self.entities))})")
        if self.written:
            self.report.notes.append(f"{self.label}: embedded files written beside the item file: "
                                     f"{', '.join(sorted({path for path, _ in self.written}))}")


def _choices(question: etree._Element, kind: str, item: dict, label: str, reader: _Reader,
             report: ImportReport) -> None:
    single = kind == "truefalse" or (_text(question, "single") or "true").strip().lower() in _TRUE
    options, fractions = [], []
    empty: List[str] = []  # the lines of answers with no text
    for answer in question.iterfind("answer"):
        text = reader.field(answer, None)
        if kind == "truefalse":
            text = {"true": "True", "false": "False"}.get(text.lower(), text)
        if not text:
            empty.append(str(answer.sourceline))
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
        why = reader.field(answer, "feedback")
        if why:
            option["why"] = why
        options.append(option)
        fractions.append(fraction)
    if empty and len(options) > 1:  # with fewer the question is skipped, and that note says why
        report.notes.append(f"{label}: {len(empty)} answer{'s' * (len(empty) != 1)} with no text "
                            f"(line {', '.join(empty)}) skipped")
    if kind == "truefalse":
        options.sort(key=lambda o: o["text"] != "True")  # True first, as Moodle shows them
        report.notes.append(f"{label}: a true/false question: imported as a single item with the options "
                            "True and False")
    item["type"] = "single" if single else "multiple"
    item["options"] = options
    if single and any(0 < f < 99.99 for f in fractions):
        report.notes.append(f"{label}: partial-credit fractions dropped: a single item has one key")
    positive = {round(f, 3) for f in fractions if f > 0}
    if not single and len(positive) > 1:
        report.notes.append(f"{label}: unequal fractions of the keys ({', '.join(f'{f:g}%' for f in sorted(positive))}) "
                            "dropped: the keys of a multiple item share the marks equally")


def _id(question: etree._Element, default: str, label: str, report: ImportReport) -> str:
    given = _text(question, "idnumber")
    if given:
        made = make_id(given, "")
        if made and made != given:
            report.notes.append(f"{label}: idnumber {given!r} written as {made!r} to fit the id pattern")
        if made:
            return made
    name = _text(question, "name")
    return make_id(name, default) if name else default


def _text(element: etree._Element, child: str) -> str:
    """The plain text of a simple field (a name, an id number, a category):
    its <text> element's text, else its own."""
    node = element.find(child)
    if node is None:
        return ""
    inner = node.find("text")
    return "".join((inner if inner is not None else node).itertext()).strip()
