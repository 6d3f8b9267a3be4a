"""`qb export qti`: a QTI 2.1 content package whose every document validates
against the official XSD."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from conftest import EXAMPLE_BANK, POSITIONAL
from interop import export_example, qti_errors, run_cli
from questionbank.assemble import assemble, stays_in_place
from questionbank.bank import load_bank
from questionbank.item import letter
from questionbank.spec import spec_from_data

NS = {"q": "http://www.imsglobal.org/xsd/imsqti_v2p1", "cp": "http://www.imsglobal.org/xsd/imscp_v1p1"}


def _items(package: Path):
    with zipfile.ZipFile(package) as z:
        return {name: z.read(name) for name in z.namelist()}


def test_example_bank_package_validates_against_the_xsd(tmp_path: Path) -> None:
    files = _items(export_example("qti", tmp_path / "bank.zip"))
    bank = load_bank(EXAMPLE_BANK)
    item_files = sorted(n for n in files if n.startswith("items/"))
    assert len(item_files) == len(bank.items) == 53
    assert "imsmanifest.xml" in files and "test.xml" in files
    invalid = {name: errors for name in item_files + ["test.xml"] if (errors := qti_errors(files[name]))}
    assert invalid == {}

    manifest = etree.fromstring(files["imsmanifest.xml"])
    hrefs = [r.get("href") for r in manifest.iterfind(".//cp:resource[@type='imsqti_item_xmlv2p1']", NS)]
    assert hrefs == [f"items/{item.id}.xml" for item in bank.items]

    for item in bank.items:
        doc = etree.fromstring(files[f"items/{item.id}.xml"])
        assert doc.get("identifier") == item.id
        interaction = doc.find(".//q:choiceInteraction", NS)
        if item.type == "open":
            assert interaction is None and doc.find(".//q:extendedTextInteraction", NS) is not None
            assert doc.find("q:modalFeedback[@outcomeIdentifier='GENERAL']", NS) is not None  # the model answer
            continue
        assert interaction.get("maxChoices") == ("1" if item.type == "single" else str(len(item.keys)))
        assert interaction.get("shuffle") == "true"
        choices = interaction.findall("q:simpleChoice", NS)
        assert [c.get("fixed") == "true" for c in choices] == [stays_in_place(o, item) for o in item.options]
        correct = [v.text for v in doc.iterfind("q:responseDeclaration/q:correctResponse/q:value", NS)]
        assert correct == [letter(i) for i, o in enumerate(item.options) if o.correct]
        feedback = {f.get("identifier"): f for f in doc.iterfind("q:modalFeedback[@outcomeIdentifier='FEEDBACK']",
                                                                  NS)}
        assert sorted(feedback) == [letter(i) for i, o in enumerate(item.options) if o.why]
        if item.explanation:
            assert doc.find("q:modalFeedback[@outcomeIdentifier='GENERAL']", NS) is not None


def test_pinned_options_are_fixed(tmp_path: Path) -> None:
    files = _items(export_example("qti", tmp_path / "bank.zip"))
    pinned = [i for i in load_bank(EXAMPLE_BANK).items if any(o.pin for o in i.options)]
    assert pinned, "the example bank pins an option somewhere"
    doc = etree.fromstring(files[f"items/{pinned[0].id}.xml"])
    assert "true" in [c.get("fixed") for c in doc.iterfind(".//q:simpleChoice", NS)]


def test_position_dependent_options_are_fixed_without_a_pin(bank, tmp_path: Path) -> None:
    result = run_cli("export", "qti", str(bank({"a.yaml": POSITIONAL})), "-o", str(tmp_path / "p.zip"))
    assert result.exit_code == 0, result.stdout + result.stderr
    files = _items(tmp_path / "p.zip")

    def fixed(item_id: str):
        doc = etree.fromstring(files[f"items/{item_id}.xml"])
        return [c.get("fixed") == "true" for c in doc.iterfind(".//q:simpleChoice", NS)]
    assert fixed("all-key") == fixed("none-distractor") == [False, False, False, True]
    assert fixed("neither") == [False, False, True]
    assert fixed("lettered") == [True] * 4  # the letters name places: nothing moves
    assert fixed("stem-labels") == fixed("plain") == [False] * 4


def test_markdown_becomes_html_and_raw_html_is_escaped(bank, tmp_path: Path) -> None:
    root = bank({"a.yaml": """\
        items:
          - id: 1st-item
            type: single
            domain: ingestion
            stem: "Which **service** reads <script>alert(1)</script> & `code`?\\n\\n| a | b |\\n|--:|---|\\n| 1 | 2 |"
            options:
              - {text: "*Kinesis*", correct: true, why: "Streams [docs](https://example.com \\"t\\")"}
              - {text: "S3 <b>bold</b>", why: "3. starts a list"}
            explanation: "1. one\\n2. two"
        """})
    result = run_cli("export", "qti", str(root), "-o", str(tmp_path / "out.zip"))
    assert result.exit_code == 0, result.stdout + result.stderr
    data = _items(tmp_path / "out.zip")["items/1st-item.xml"]
    assert qti_errors(data) == []
    doc = etree.fromstring(data)
    assert doc.get("identifier") == "1st-item"
    body = etree.tostring(doc.find("q:itemBody", NS), encoding="unicode")
    assert "<strong>service</strong>" in body and "<script" not in body and "&lt;script&gt;" in body
    assert doc.find(".//q:table/q:tbody", NS) is not None
    assert doc.find(".//q:simpleChoice/q:em", NS).text == "Kinesis"


def test_exam_spec_form_keeps_its_order(tmp_path: Path) -> None:
    spec_path = EXAMPLE_BANK / "exams" / "practice.yaml"
    result = run_cli("export", "qti", str(spec_path), "--form", "B", "-o", str(tmp_path / "b.zip"))
    assert result.exit_code == 0, result.stdout + result.stderr
    bank = load_bank(EXAMPLE_BANK)
    spec = spec_from_data(next(d for p, d in bank.exams.items() if p.name == "practice.yaml"), spec_path)
    form = next(f for f in assemble(bank, spec).forms if f.name == "B")
    files = _items(tmp_path / "b.zip")
    test = etree.fromstring(files["test.xml"])
    assert [r.get("identifier") for r in test.iterfind(".//q:assessmentItemRef", NS)] == \
        [q.item.id for q in form.questions]
    first = form.questions[0]
    doc = etree.fromstring(files[f"items/{first.item.id}.xml"])
    assert doc.find(".//q:choiceInteraction", NS).get("shuffle") == "false"
    texts = ["".join(c.itertext()).strip() for c in doc.iterfind(".//q:simpleChoice", NS)]
    assert texts == [o.text.strip() for o in first.options]
    assert all(qti_errors(data) == [] for name, data in files.items() if name.startswith("items/"))


def test_unknown_form_and_bad_source_are_usage_errors(tmp_path: Path) -> None:
    spec_path = EXAMPLE_BANK / "exams" / "practice.yaml"
    result = run_cli("export", "qti", str(spec_path), "--form", "Z", "-o", str(tmp_path / "z.zip"))
    assert result.exit_code == 2 and "the spec has the forms A, B" in result.stderr
    assert run_cli("export", "qti", str(tmp_path), "-o", str(tmp_path / "x.zip")).exit_code == 2
    assert not (tmp_path / "z.zip").exists()


def test_bank_with_errors_is_not_exported(bank, tmp_path: Path) -> None:
    root = bank({"a.yaml": "items:\n  - id: q1\n    type: single\n    stem: Which?\n    corect: true\n"})
    result = run_cli("export", "qti", str(root), "-o", str(tmp_path / "out.zip"))
    assert result.exit_code == 1 and "not exported" in result.stderr and "schema" in result.stderr
    assert not (tmp_path / "out.zip").exists()
