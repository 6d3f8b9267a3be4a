"""``qb export qti``: an IMS QTI 2.1 content package.

A zip with ``imsmanifest.xml``, one ``assessmentItem`` document per item
(``items/<id>.xml``) and an ``assessmentTest`` that lists them in order.
Single and multiple items become a ``choiceInteraction`` (``maxChoices`` 1,
or the number of keys), open items an ``extendedTextInteraction``. Each
option's ``why`` is modal feedback shown for the options the candidate
chose; the explanation (and an open item's model answer) is modal feedback
shown after every attempt. Every document validates against the official
QTI 2.1 XSD (the tests check that).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import List, Optional

from lxml import etree

from questionbank.assemble import stays_in_place
from questionbank.exporters.html import Html, xml_safe
from questionbank.exporters.source import Entry, ExportSource
from questionbank.item import letter
from questionbank.safepath import plain_name

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/qti/qtiv2p1/qtiv2p1_imscpv1p2_v1p0.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

# The attributes QTI's XHTML subset allows on what markdown-it writes;
# others (a table cell's style, a link's title, a list's start) have no
# place in QTI and are dropped rather than making the item invalid.
_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
}
_COMMON = {"class"}
# Item fields a QTI item has no place for.
METADATA = ("domain", "tags", "difficulty", "source", "references")


def export(source: ExportSource, out: Path) -> List[str]:
    """Write the package to ``out``; returns notes about what was not kept."""
    html = Html(source.root, source.max_bytes)
    notes: List[str] = []
    names = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for entry in source.entries:
            # The id names a file of the zip: one plain name, whatever lint said.
            name = f"items/{plain_name(str(entry.item.id), 'item id')}.xml"
            _write(package, name, _document(item_document(entry, html, source.shuffle)))
            names.append((entry.item.id, name))
        _write(package, "test.xml", _document(_test(source, names)))
        _write(package, "imsmanifest.xml", _document(_manifest(source, names)))
    unkept = sorted({key for entry in source.entries for key in METADATA if entry.item.data.get(key)})
    if unkept:
        notes.append(f"qti: not written, QTI items have no place for them: {', '.join(unkept)}")
    return notes


def _write(package: zipfile.ZipFile, name: str, data: bytes) -> None:
    # A fixed timestamp: the same bank gives the same bytes, so exports can
    # be committed or compared.
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    package.writestr(info, data)


def item_document(entry: Entry, html: Html, shuffle: bool = True) -> etree._Element:
    """The ``assessmentItem`` of one entry."""
    item = entry.item
    root = _q("assessmentItem", identifier=item.id, title=_title(item.stem),
              adaptive="false", timeDependent="false")
    root.set(f"{{{XSI}}}schemaLocation", f"{QTI} {QTI_XSD}")
    choice = item.is_choice
    keys = [letter(i) for i, o in enumerate(entry.options) if o.correct]
    cardinality = "multiple" if item.type == "multiple" else "single"
    response = _sub(root, "responseDeclaration", identifier="RESPONSE", cardinality=cardinality,
                    baseType="identifier" if choice else "string")
    if choice and keys:
        correct = _sub(response, "correctResponse")
        for key in keys:
            _sub(correct, "value").text = key
    score = _sub(root, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float")
    _sub(_sub(score, "defaultValue"), "value").text = "0"
    if choice:
        _sub(root, "outcomeDeclaration", identifier="FEEDBACK", cardinality=cardinality, baseType="identifier")
    _sub(root, "outcomeDeclaration", identifier="GENERAL", cardinality="single", baseType="identifier")

    body = _sub(root, "itemBody")
    _html_into(_sub(body, "div", **{"class": "stem"}), html.block(item.stem, entry.base))
    if choice:
        interaction = _sub(body, "choiceInteraction", responseIdentifier="RESPONSE",
                           shuffle="true" if shuffle else "false", maxChoices=str(max(len(keys), 1)))
        for i, option in enumerate(entry.options):
            choice_el = _sub(interaction, "simpleChoice", identifier=letter(i),
                             fixed="true" if stays_in_place(option, item) else "false")
            _html_into(choice_el, html.inline(option.text, entry.base))
    else:
        _sub(body, "extendedTextInteraction", responseIdentifier="RESPONSE", expectedLines="10")

    processing = _sub(root, "responseProcessing")
    if choice and keys:
        condition = _sub(processing, "responseCondition")
        branch = _sub(condition, "responseIf")
        match = _sub(branch, "match")
        _sub(match, "variable", identifier="RESPONSE")
        _sub(match, "correct", identifier="RESPONSE")
        _set(branch, "SCORE", "float", "1")
        _set(_sub(condition, "responseElse"), "SCORE", "float", "0")
    if choice:
        # FEEDBACK takes the chosen identifiers, which shows the rationale
        # of each chosen option.
        feedback = _sub(processing, "setOutcomeValue", identifier="FEEDBACK")
        _sub(feedback, "variable", identifier="RESPONSE")
    _set(processing, "GENERAL", "identifier", "GENERAL")

    if choice:
        for i, option in enumerate(entry.options):
            if option.why and option.why.strip():
                modal = _sub(root, "modalFeedback", outcomeIdentifier="FEEDBACK", identifier=letter(i),
                             showHide="show", title=f"{letter(i)}: {'correct' if option.correct else 'incorrect'}")
                _html_into(modal, html.block(option.why, entry.base))
    general = []
    if not choice and item.answer and item.answer.strip():
        general.append(("Model answer", item.answer))
    if item.explanation and item.explanation.strip():
        general.append(("Explanation", item.explanation))
    if general:
        modal = _sub(root, "modalFeedback", outcomeIdentifier="GENERAL", identifier="GENERAL", showHide="show",
                     title=" / ".join(label for label, _ in general))
        for label, text in general:
            _html_into(_sub(modal, "div", **{"class": label.lower().replace(" ", "-")}),
                       html.block(text, entry.base))
    return root


def _test(source: ExportSource, names) -> etree._Element:
    """An assessmentTest holding every item in export order (a form's order
    for an exam spec), so an LMS can import the lot as one test."""
    test = _q("assessmentTest", identifier="qb-test", title=_title(source.title or "qb export"))
    test.set(f"{{{XSI}}}schemaLocation", f"{QTI} {QTI_XSD}")
    part = _sub(test, "testPart", identifier="part", navigationMode="nonlinear", submissionMode="individual")
    section = _sub(part, "assessmentSection", identifier="section", title=_title(source.title or "qb export"),
                   visible="true")
    for identifier, name in names:
        _sub(section, "assessmentItemRef", identifier=identifier, href=name)
    return test


def _manifest(source: ExportSource, names) -> etree._Element:
    manifest = etree.Element(f"{{{CP}}}manifest", nsmap={None: CP, "xsi": XSI}, identifier="qb-manifest")
    manifest.set(f"{{{XSI}}}schemaLocation", CP_XSD)
    metadata = etree.SubElement(manifest, f"{{{CP}}}metadata")
    etree.SubElement(metadata, f"{{{CP}}}schema").text = "QTIv2.1 Package"
    etree.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.0.0"
    etree.SubElement(manifest, f"{{{CP}}}organizations")
    resources = etree.SubElement(manifest, f"{{{CP}}}resources")
    test = etree.SubElement(resources, f"{{{CP}}}resource", identifier="res-test",
                            type="imsqti_test_xmlv2p1", href="test.xml")
    etree.SubElement(test, f"{{{CP}}}file", href="test.xml")
    for n, (identifier, name) in enumerate(names, 1):
        etree.SubElement(test, f"{{{CP}}}dependency", identifierref=f"res-item-{n}")
    for n, (identifier, name) in enumerate(names, 1):
        resource = etree.SubElement(resources, f"{{{CP}}}resource", identifier=f"res-item-{n}",
                                    type="imsqti_item_xmlv2p1", href=name)
        etree.SubElement(resource, f"{{{CP}}}file", href=name)
    return manifest


def _title(text: str) -> str:
    """A short one-line title (QTI titles are normalizedString)."""
    line = " ".join(xml_safe(text).split())
    return line if len(line) <= 80 else line[:79].rstrip() + "…"


def _q(tag: str, **attrs: str) -> etree._Element:
    return etree.Element(f"{{{QTI}}}{tag}", nsmap={None: QTI, "xsi": XSI}, **attrs)


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{QTI}}}{tag}", **attrs)


def _set(parent: etree._Element, identifier: str, base_type: str, value: str) -> None:
    setter = _sub(parent, "setOutcomeValue", identifier=identifier)
    _sub(setter, "baseValue", baseType=base_type).text = value


def _html_into(parent: etree._Element, html: str) -> None:
    """Append markdown-it's XHTML to ``parent`` as QTI elements."""
    fragment = etree.fromstring(f"<div>{html}</div>")
    parent.text = (parent.text or "") + (fragment.text or "")
    for child in fragment:
        _qtify(child)
        parent.append(child)


def _qtify(element: etree._Element) -> None:
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        allowed = _ATTRIBUTES.get(node.tag, set()) | _COMMON
        for name in list(node.attrib):
            if name not in allowed:
                del node.attrib[name]
        if node.tag == "table" and node.find("tbody") is None:
            # QTI requires a tbody; markdown-it omits it for a header-only table.
            head = node.find("thead")
            if head is not None:
                head.tag = "tbody"
        node.tag = f"{{{QTI}}}{node.tag}"


def _document(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def item_xml(entry: Entry, html: Optional[Html] = None, shuffle: bool = True) -> bytes:
    """One item's document as bytes (for tests and tools)."""
    return _document(item_document(entry, html or Html(), shuffle))
