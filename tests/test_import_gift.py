"""`qb import gift`: what GIFT can say becomes items; what qb cannot hold is
reported at its line, never dropped silently."""

from __future__ import annotations

from pathlib import Path

from conftest import lint
from interop import assert_notes, import_file, run_cli
from questionbank.bank import load_bank

GIFT = r"""// A quiz written by hand, the way Moodle's documentation shows GIFT.
$CATEGORY: $course$/top/Data course/Ingestion and streams

// [id:Kinesis-1] [tag:streaming]
::Streams::[markdown]Which service **streams** records\: 1 \= one? {
  =Kinesis Data Streams#Right\: it streams.
  ~Amazon S3#It stores objects.
  ~%50%AWS Glue#Half right.
  ####Kinesis keeps records for the retention period.
}

::Two keys:: Which TWO are serverless? {
  ~%50%Athena
  ~%-100%EMR on EC2#Not serverless.
  ~%50%Glue
}

Grant is buried in Grant's tomb.{FALSE#He is.#Right, he is not.}

::Year:: When was the service launched? {#2013:1}

::Match:: Match the services. {
  =Kinesis -> streams
  =S3 -> objects
}

::Short:: Name the object store. {=S3 =Amazon S3}

Just a description without answers.

::Essay:: Describe a CDC pipeline. {
  ####A full load, then ongoing replication.
}

::Two keys:: A second question with the same title? {
  =yes
  ~no
}

Moodle costs {~lots of money =nothing ~a small amount} to download.

::Html::[html]<p>Which one?</p> {=<b>A</b> ~B}
"""


def test_import_gift_reports_what_qb_cannot_hold(tmp_path: Path) -> None:
    source, out, notes = import_file("gift", "Week 1.gift", GIFT, tmp_path)
    assert_notes(notes, source, [
        "20: skipped: a numerical question",
        "22: skipped: a matching question",
        "27: skipped: a short answer question",
        "29: skipped: a description",
        "18: a true/false question: imported as a single item",
        "5: partial-credit weights on wrong answers dropped",
        "5: id 'Kinesis-1' written as 'kinesis-1'",
        "35: id 'two-keys' is used by an earlier question; written as 'two-keys-2'",
        "40: a missing-word question",
        "42: [html] text kept as written",
    ])
    assert "imported 7 items" in out and "skipped 4 questions" in notes

    items = {i.id: i for i in load_bank(tmp_path / "bank").items}
    assert list(items) == ["kinesis-1", "two-keys", "week-1-3", "essay", "two-keys-2", "week-1-10", "html"]
    first = items["kinesis-1"]
    assert first.type == "single" and first.domain == "ingestion-and-streams" and first.tags == ["streaming"]
    assert first.stem == "Which service **streams** records: 1 = one?"
    assert [o.text for o in first.options] == ["Kinesis Data Streams", "Amazon S3", "AWS Glue"]
    assert [o.correct for o in first.options] == [True, False, False]
    assert first.options[0].why == "Right: it streams." and first.explanation.startswith("Kinesis keeps")
    two = items["two-keys"]
    assert two.type == "multiple" and [o.text for o in two.keys] == ["Athena", "Glue"]
    tf = items["week-1-3"]
    assert [(o.text, o.correct, o.why) for o in tf.options] == [("True", False, "He is."),
                                                                 ("False", True, "Right, he is not.")]
    assert items["essay"].type == "open" and items["essay"].answer == "A full load, then ongoing replication."
    assert items["week-1-10"].stem == "Moodle costs _____ to download."
    assert {f.rule for f in lint(tmp_path / "bank")} & {"schema", "yaml-syntax", "duplicate-id"} == set()


def test_unbalanced_braces_and_empty_file(tmp_path: Path) -> None:
    (tmp_path / "bad.gift").write_text("::a:: No closing brace {=yes ~no\n\n\n", encoding="utf-8")
    (tmp_path / "empty.gift").write_text("// only a comment\n", encoding="utf-8")
    result = run_cli("import", "gift", str(tmp_path / "bad.gift"), str(tmp_path / "empty.gift"),
                     "-o", str(tmp_path / "bank"))
    assert result.exit_code == 0
    assert f"{tmp_path / 'bad.gift'}:1: skipped: unbalanced braces" in result.stderr
    assert load_bank(tmp_path / "bank").items == []
    again = run_cli("import", "gift", str(tmp_path / "bad.gift"), "-o", str(tmp_path / "bank"))
    assert again.exit_code == 2 and "use --force" in again.stderr


def imported(tmp_path: Path, text: str, name: str = "quiz.gift"):
    """Import ``text`` as one GIFT file: (source, notes, items by id)."""
    source, _, notes = import_file("gift", name, text, tmp_path)
    return source, notes, {i.id: i for i in load_bank(tmp_path / "bank").items}


def test_escaped_brackets_in_id_and_tag_comments(tmp_path: Path) -> None:
    source, notes, items = imported(tmp_path, "// [id:i\\]d] [tag:t\\]ag]\nWhich? {=yes ~no}\n")
    assert_notes(notes, source, ["2: id 'i]d' written as 'i-d' to fit the id pattern"])
    assert list(items) == ["i-d"] and items["i-d"].tags == ["t]ag"]


def test_two_answer_blocks_are_skipped_with_the_reason(tmp_path: Path) -> None:
    source, notes, items = imported(
        tmp_path, "The sky is {~red =blue ~green} and the sun is {~green =yellow ~purple}.\n")
    assert_notes(notes, source, ["1: skipped: two answer blocks in one question; a qb item has one blank"])
    assert items == {}


def test_a_skipped_numerical_question_gets_only_its_true_note(tmp_path: Path) -> None:
    source, notes, items = imported(tmp_path, "What is pi? {#3.1415:0.0005}.\n")
    assert_notes(notes, source, ["1: skipped: a numerical question"])
    assert "_____" not in notes and items == {}


def test_names_with_accents_are_transliterated(tmp_path: Path) -> None:
    _, _, items = imported(tmp_path, "::création d'instance:: Which? {=yes ~no}\n\n"
                                     "::Straße Æon:: Which? {=yes ~no}\n\n::Вопрос:: Which? {=yes ~no}\n")
    assert list(items) == ["creation-d-instance", "strasse-aeon", "quiz-3"]


def test_empty_answer_blocks_are_skipped_not_schema_errors(tmp_path: Path) -> None:
    source, notes, items = imported(tmp_path, "Q3? {~}\n\nQ4? {=~}\n\nQ5? {=only ~}\n")
    assert_notes(notes, source, ["1: skipped: no answers with text; a choice question needs at least two",
                                 "3: skipped: no answers with text",
                                 "5: skipped: 1 answer with text"])
    assert items == {}
    assert [f for f in lint(tmp_path / "bank") if f.rule == "schema"] == []
    assert "with no text skipped" not in notes  # one note per skipped question: why it was skipped


def test_an_empty_answer_beside_others_is_one_note(tmp_path: Path) -> None:
    source, notes, items = imported(tmp_path, "Which? {=yes ~ ~no ~}\n")
    assert_notes(notes, source, ["1: 2 answers with no text skipped"])
    assert [o.text for o in items["quiz-1"].options] == ["yes", "no"]


def test_utf16_and_utf32_files_with_a_byte_order_mark(tmp_path: Path) -> None:
    text = "Quelle réponse ? {=oui ~non}\n"
    for n, codec in enumerate(["utf-16", "utf-16-be", "utf-32", "utf-8-sig"]):
        source = tmp_path / f"q{n}.gift"
        source.write_bytes(text.encode(codec) if codec in ("utf-16", "utf-32", "utf-8-sig")
                           else b"\xfe\xff" + text.encode(codec))
        result = run_cli("import", "gift", str(source), "-o", str(tmp_path / "bank"))
        assert result.exit_code == 0 and result.stderr == "", (codec, result.stderr)
    assert [i.stem for i in load_bank(tmp_path / "bank").items] == ["Quelle réponse ?"] * 4


def test_utf16_without_a_mark_is_refused_not_imported_as_garbage(tmp_path: Path) -> None:
    source = tmp_path / "q.gift"
    source.write_bytes("Which? {=yes ~no}\n".encode("utf-16-le"))
    result = run_cli("import", "gift", str(source), "-o", str(tmp_path / "bank"))
    assert result.exit_code == 0
    assert f"{source}:1: the file holds control characters, not text (UTF-16 saved without a byte-order mark?)" \
        in result.stderr
    assert load_bank(tmp_path / "bank").items == []
