"""`qb export moodle`: well-formed Moodle XML with the documented structure."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conftest import EXAMPLE_BANK, POSITIONAL
from interop import export_example, norm, run_cli
from questionbank.assemble import stays_in_place
from questionbank.bank import load_bank
from questionbank.exporters.grades import MOODLE_GRADES

# The children each question type must have, in Moodle's own export order.
REQUIRED = {
    "multichoice": ["name", "questiontext", "generalfeedback", "defaultgrade", "penalty", "hidden", "idnumber",
                    "single", "shuffleanswers", "answernumbering"],
    "essay": ["name", "questiontext", "generalfeedback", "defaultgrade", "penalty", "hidden", "idnumber",
              "responseformat", "responserequired", "responsefieldlines", "attachments", "attachmentsrequired",
              "graderinfo", "responsetemplate"],
}


@pytest.fixture(scope="module")
def quiz(tmp_path_factory):
    out = export_example("moodle", tmp_path_factory.mktemp("moodle") / "bank.xml")
    # A parser that refuses what is not well-formed (recover=False is lxml's default).
    return etree.parse(str(out), etree.XMLParser(resolve_entities=False)).getroot()


def test_well_formed_with_one_question_per_item(quiz) -> None:
    bank = load_bank(EXAMPLE_BANK)
    assert quiz.tag == "quiz"
    questions = [q for q in quiz.iterfind("question") if q.get("type") != "category"]
    assert [q.findtext("idnumber") for q in questions] == [i.id for i in bank.items]
    assert [q.findtext("name/text") for q in questions] == [i.id for i in bank.items]
    for question, item in zip(questions, bank.items):
        kind = question.get("type")
        assert kind == ("essay" if item.type == "open" else "multichoice")
        children = [c.tag for c in question]
        assert [t for t in children if t in REQUIRED[kind]] == REQUIRED[kind], item.id
        assert norm(question.findtext("questiontext/text")) == norm(item.stem)
        assert norm(question.findtext("generalfeedback/text")) == norm(item.explanation)
        # Every text keeps its Markdown.
        assert {e.get("format") for e in question.iter() if e.find("text") is not None and e.tag not in
                ("name", "tag", "category")} == {"markdown"}
        assert [t.text for t in question.iterfind("tags/tag/text")] == item.tags
        if kind == "essay":
            assert norm(question.findtext("graderinfo/text")) == norm(item.answer)
            continue
        assert question.findtext("single") == ("true" if item.type == "single" else "false")
        assert question.findtext("shuffleanswers") == ("false" if any(stays_in_place(o, item) for o in item.options)
                                                         else "true")
        answers = question.findall("answer")
        assert [norm(a.findtext("text")) for a in answers] == [norm(o.text) for o in item.options]
        assert [norm(a.findtext("feedback/text")) for a in answers] == [norm(o.why) for o in item.options]


def test_categories_follow_the_domains(quiz) -> None:
    category = None
    seen = {}
    for question in quiz.iterfind("question"):
        if question.get("type") == "category":
            category = question.findtext("category/text")
        else:
            seen[question.findtext("idnumber")] = category
    for item in load_bank(EXAMPLE_BANK).items:
        assert seen[item.id].startswith("$course$/top/") and seen[item.id].endswith(f"/{item.domain}")


def test_fractions_score_keys_and_punish_ticking_everything(quiz) -> None:
    multiple = 0
    for question in quiz.iterfind("question[@type='multichoice']"):
        fractions = [float(a.get("fraction")) for a in question.iterfind("answer")]
        allowed = {0.0, *MOODLE_GRADES, *(-g for g in MOODLE_GRADES)}
        assert all(any(abs(f - g) < 1e-6 for g in allowed) for f in fractions)
        if question.findtext("single") == "true":
            assert sorted(fractions)[-1] == 100 and sum(f == 100 for f in fractions) == 1
            continue
        multiple += 1
        assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=1e-3)
        assert sum(fractions) <= 1e-3  # every box ticked earns nothing
        assert all(f < 0 for f in fractions if f <= 0)  # each wrong option costs marks
    assert multiple >= 5


def test_position_dependent_options_turn_shuffling_off(bank, tmp_path: Path) -> None:
    out = tmp_path / "p.xml"
    result = run_cli("export", "moodle", str(bank({"a.yaml": POSITIONAL})), "-o", str(out))
    assert result.exit_code == 0, result.stdout + result.stderr
    shuffled = {q.findtext("idnumber"): q.findtext("shuffleanswers") for q in etree.parse(str(out)).getroot()
                if q.get("type") == "multichoice"}
    assert shuffled == {"all-key": "false", "none-distractor": "false", "neither": "false", "lettered": "false",
                        "stem-labels": "true", "plain": "true"}
    assert "moodle: all-key: an option keeps its place" in result.stderr


def test_exam_spec_form(tmp_path: Path) -> None:
    out = tmp_path / "a.xml"
    result = run_cli("export", "moodle", str(EXAMPLE_BANK / "exams" / "practice.yaml"), "-o", str(out))
    assert result.exit_code == 0, result.stdout + result.stderr
    root = etree.parse(str(out)).getroot()
    questions = [q for q in root.iterfind("question") if q.get("type") != "category"]
    assert len(questions) == 20
    assert {q.findtext("shuffleanswers") for q in questions if q.get("type") == "multichoice"} == {"false"}
