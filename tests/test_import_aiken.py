"""`qb import aiken`: Moodle's plain-text format; every question that cannot
be taken as it is gets a note with its line."""

from __future__ import annotations

from pathlib import Path

from conftest import lint
from interop import assert_notes, import_file
from questionbank.bank import load_bank

AIKEN = """\
Which AWS service streams records in real time?
A. Amazon Kinesis Data Streams
B. Amazon S3
C) AWS Glue
ANSWER: A

Which TWO services are serverless?
A. Amazon Athena
B. Amazon EMR on EC2
C. AWS Glue
ANSWER: A, C
Which service stores objects?
The question goes on here.
A. Amazon S3
B. Amazon EBS
  with a second line
ANSWER: E

ANSWER: B
A question without options
ANSWER: A

A question that never ends
A. yes
"""


def test_import_aiken(tmp_path: Path) -> None:
    source, out, notes = import_file("aiken", "aws.txt", AIKEN, tmp_path)
    assert_notes(notes, source, [
        "7: ANSWER names 2 options (Aiken has one): imported as a multiple item",
        "16: a line that is neither an option nor ANSWER: added to option B",
        "12: ANSWER 'E' names no option of this question",
        "19: skipped: an ANSWER line with no question before it",
        "20: skipped: no options (A. ... lines) before ANSWER",
        "23: skipped: the question has no ANSWER line",
    ])
    assert "imported 3 items" in out

    items = load_bank(tmp_path / "bank").items
    assert [i.id for i in items] == ["aws-1", "aws-2", "aws-3"]
    first, second, third = items
    assert first.type == "single" and [o.text for o in first.options] == [
        "Amazon Kinesis Data Streams", "Amazon S3", "AWS Glue"]
    assert [o.correct for o in first.options] == [True, False, False]
    assert second.type == "multiple" and [o.text for o in second.keys] == ["Amazon Athena", "AWS Glue"]
    assert third.stem == "Which service stores objects?\nThe question goes on here."
    assert third.options[1].text == "Amazon EBS with a second line" and not third.keys
    assert not [f for f in lint(tmp_path / "bank") if f.rule in ("schema", "yaml-syntax")]


def imported(tmp_path: Path, text: str):
    """Import ``text`` as one Aiken file: (source, summary, notes, items)."""
    source, out, notes = import_file("aiken", "quiz.txt", text, tmp_path)
    return source, out, notes, load_bank(tmp_path / "bank").items


def test_an_unfinished_question_is_skipped_not_merged(tmp_path: Path) -> None:
    source, out, notes, items = imported(tmp_path, "A question started but not finished\nA) Correct-ish\n"
                                                   "B) Incorrect-ish\n\nA good question\nA) Correct\nB) Incorrect\n"
                                                   "ANSWER: A\n")
    assert_notes(notes, source, ["1: skipped: the question has no ANSWER line"])
    assert [(i.stem, [o.text for o in i.options], [o.text for o in i.keys]) for i in items] == [
        ("A good question", ["Correct", "Incorrect"], ["Correct"])]


def test_options_without_a_space_after_the_letter(tmp_path: Path) -> None:
    _, _, notes, items = imported(tmp_path, "A.I. tools: which is right?\nA)Incorrect\nB)Correct\nANSWER: B\n")
    assert [(i.stem, [o.text for o in i.options], [o.text for o in i.keys]) for i in items] == [
        ("A.I. tools: which is right?", ["Incorrect", "Correct"], ["Correct"])]
    assert notes == ""


def test_a_question_with_one_option_is_skipped(tmp_path: Path) -> None:
    source, out, notes, items = imported(tmp_path, "Only one?\nA. yes\nANSWER: A\n")
    assert_notes(notes, source, ["1: skipped: 1 answer with text; a choice question needs at least two"])
    assert items == [] and "skipped 1 question (see the notes above)" in notes


def test_continuation_lines_are_one_note(tmp_path: Path) -> None:
    source, _, notes, items = imported(tmp_path, "Q?\nA. one\ntwo\nthree\nfour\nB. other\nANSWER: A\n")
    assert_notes(notes, source, ["3: 3 lines that are neither an option nor ANSWER: added to option A"])
    assert notes.count("neither an option") == 1
    assert items[0].options[0].text == "one two three four"
