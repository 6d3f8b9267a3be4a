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
