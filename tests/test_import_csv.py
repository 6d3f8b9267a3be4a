"""`qb import csv` and `qb init`."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import MMLU_SAMPLE, lint, run_in
from questionbank.bank import load_bank

SHEET = """\
id,question,A,B,C,D,answer,explanation,domain,tags
,"Which service streams records?
(pick one)",Kinesis Data Streams,Amazon S3,AWS Glue,,A,Shards ingest records.,Ingestion,"kinesis, streaming"
Q-7,Which TWO are serverless? (Select TWO.),Athena,EMR on EC2,Glue,RDS,"A,C",,store,
,,orphan row without a question,,,,A,,,
,Which letter is missing?,Yes,No,,,E,,,
"""


def test_import_with_header(tmp_path: Path) -> None:
    (tmp_path / "Export Sheet.csv").write_text(SHEET, encoding="utf-8")
    result = run_in(tmp_path, "import", "csv", "Export Sheet.csv", "-o", "bank")
    assert result.exit_code == 0, result.output
    assert "Export Sheet.csv:5: skipped: empty question" in result.output
    assert "Export Sheet.csv:6: answer 'E' names no option of this row" in result.output
    bank = load_bank(tmp_path / "bank")
    items = {i.id: i for i in bank.items}
    assert list(items) == ["export-sheet-1", "q-7", "export-sheet-4"]
    first = items["export-sheet-1"]
    assert first.stem == "Which service streams records?\n(pick one)"
    assert [o.text for o in first.options] == ["Kinesis Data Streams", "Amazon S3", "AWS Glue"]
    assert [o.correct for o in first.options] == [True, False, False]
    assert first.tags == ["kinesis", "streaming"] and first.domain == "ingestion"
    assert items["q-7"].type == "multiple" and [o.text for o in items["q-7"].keys] == ["Athena", "Glue"]
    assert items["export-sheet-4"].options[0].text == "Yes"  # not the boolean true
    assert bank.domains == {"ingestion": {"name": "Ingestion", "weight": 1}, "store": {"name": "store", "weight": 1}}
    assert not [f for f in lint(tmp_path / "bank") if f.rule in ("schema", "yaml-syntax")]


def test_import_is_repeatable_and_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(SHEET, encoding="utf-8")
    assert run_in(tmp_path, "import", "csv", "a.csv", "-o", "bank").exit_code == 0
    first = (tmp_path / "bank" / "items" / "a.yaml").read_bytes()
    again = run_in(tmp_path, "import", "csv", "a.csv", "-o", "bank")
    assert again.exit_code == 2 and "use --force" in again.output
    assert run_in(tmp_path, "import", "csv", "a.csv", "-o", "bank", "--force").exit_code == 0
    assert (tmp_path / "bank" / "items" / "a.yaml").read_bytes() == first


def test_map_and_unknown_columns(tmp_path: Path) -> None:
    (tmp_path / "de.csv").write_text("Frage,A,B,C,Lösung,Note\nWas speichert S3?,Objekte,Zeilen,Graphen,A,x\n",
                                     encoding="utf-8")
    result = run_in(tmp_path, "import", "csv", "de.csv", "-o", "bank", "--map", "Frage=question",
                    "--map", "Lösung=answer")
    assert result.exit_code == 0, result.output
    assert "columns not imported: Note" in result.output
    assert load_bank(tmp_path / "bank").items[0].keys[0].text == "Objekte"
    assert run_in(tmp_path, "import", "csv", "de.csv", "-o", "b2", "--map", "Frage=frage").exit_code == 2


def test_headerless_mmlu_file(tmp_path: Path) -> None:
    source = MMLU_SAMPLE / "data" / "dev" / "abstract_algebra_dev.csv"
    result = run_in(tmp_path, "import", "csv", "--no-header", str(source), "-o", "bank")
    assert result.exit_code == 0, result.output
    items = load_bank(tmp_path / "bank").items
    assert len(items) == 5 and items[0].id == "abstract_algebra_dev-1"
    assert [o.text for o in items[0].options] == ["0", "1", "2", "3"] and items[0].keys[0].text == "1"
    assert not [f for f in lint(tmp_path / "bank") if f.rule in ("schema", "yaml-syntax")]


def test_init_lints_clean_and_never_overwrites(tmp_path: Path) -> None:
    assert run_in(tmp_path, "init", "new", "--title", "It's mine").exit_code == 0
    assert [f for f in lint(tmp_path / "new") if f.severity.value != "info"] == []
    assert load_bank(tmp_path / "new").title == "It's mine"
    again = run_in(tmp_path, "init", "new")
    assert again.exit_code == 2 and "not overwriting" in again.output


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    """Files qb writes for the author are readable as any file they save
    (0o666 less the umask), not private temp files."""
    old = os.umask(0o022)
    try:
        assert run_in(tmp_path, "init", "new").exit_code == 0
        (tmp_path / "a.csv").write_text(SHEET, encoding="utf-8")
        assert run_in(tmp_path, "import", "csv", "a.csv", "-o", "imported").exit_code == 0
    finally:
        os.umask(old)
    for path in [tmp_path / "new" / "bank.yaml", tmp_path / "imported" / "items" / "a.yaml"]:
        assert path.stat().st_mode & 0o777 == 0o644, path
    assert not list(tmp_path.rglob(".qb-tmp-*"))


def import_csv(tmp_path: Path, text: str, *args: str, name: str = "sheet.csv"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return run_in(tmp_path, "import", "csv", name, "-o", "bank", *args)


def test_headers_match_whatever_their_case_and_spaces(tmp_path: Path) -> None:
    result = import_csv(tmp_path, "Question,A,B,C,D,Answer,Explanation,Domain,Tags\n"
                                  "Which store?,S3,EBS,,,a,Objects.,Data Store,s3\n"
                                  " QUES TION ,a,b\n", "--map", "ques tion=Question")
    assert result.exit_code == 0, result.output
    item = load_bank(tmp_path / "bank").items[0]
    assert item.stem == "Which store?" and item.keys[0].text == "S3" and item.explanation == "Objects."
    assert item.domain == "data-store" and item.tags == ["s3"]


def test_an_answer_letter_naming_no_option_says_there_is_no_key(tmp_path: Path) -> None:
    result = import_csv(tmp_path, "question,A,B,answer\nWhich?,yes,no,E\nAnd?,yes,no,\n")
    assert result.exit_code == 0, result.output
    assert "sheet.csv:2: answer 'E' names no option of this row" in result.output
    assert "sheet.csv:2: imported without a correct option: mark the key with `correct: true`" in result.output
    assert "sheet.csv:3: imported without a correct option (the answer column is empty)" in result.output


def test_repeated_ids_are_renamed_as_gift_does(tmp_path: Path) -> None:
    result = import_csv(tmp_path, "id,question,A,B,answer\nq1,One?,a,b,A\nq1,Two?,a,b,B\n")
    assert result.exit_code == 0, result.output
    assert "sheet.csv:3: id 'q1' is used by an earlier question; written as 'q1-2'" in result.output
    assert [i.id for i in load_bank(tmp_path / "bank").items] == ["q1", "q1-2"]
    assert not [f for f in lint(tmp_path / "bank") if f.rule == "duplicate-id"]


def test_ids_stay_unique_across_files_and_the_bank(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("id,question,A,B,answer\nq1,One?,a,b,A\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,question,A,B,answer\nq1,Two?,a,b,A\n", encoding="utf-8")
    assert run_in(tmp_path, "import", "csv", "a.csv", "-o", "bank").exit_code == 0
    result = run_in(tmp_path, "import", "csv", "b.csv", "-o", "bank")
    assert "b.csv:2: id 'q1' is used by an item of the bank; written as 'q1-2'" in result.output
    assert not [f for f in lint(tmp_path / "bank") if f.rule == "duplicate-id"]
    # Overwriting a file frees its ids.
    again = run_in(tmp_path, "import", "csv", "a.csv", "-o", "bank", "--force")
    assert again.exit_code == 0 and "is used by" not in again.output


def test_a_long_field_is_read(tmp_path: Path) -> None:
    long = "x" * 200_000
    result = import_csv(tmp_path, f"question,A,B,answer\n\"Which {long}?\",a,b,A\n")
    assert result.exit_code == 0, result.output
    assert load_bank(tmp_path / "bank").items[0].stem == f"Which {long}?"


def test_too_many_columns_without_a_header(tmp_path: Path) -> None:
    result = import_csv(tmp_path, "Q?," + ",".join(f"o{i}" for i in range(27)) + ",A\nFine?,a,b,B\n", "--no-header")
    assert result.exit_code == 0, result.output
    assert "sheet.csv:1: skipped: 27 options between the question and the answer; the answer letters go up to Z" \
        in result.output
    assert [i.stem for i in load_bank(tmp_path / "bank").items] == ["Fine?"]


def test_the_summary_says_what_to_edit_in_bank_yaml(tmp_path: Path) -> None:
    result = import_csv(tmp_path, "question,A,B,answer,domain\nWhich?,a,b,A,Data Store\nOr?,a,b,A,ops\n")
    assert result.exit_code == 0, result.output
    assert (f"wrote {Path('bank') / 'bank.yaml'}: the title is the folder's name ('bank') and each domain's name is "
            "the input's name for it, or else its id; edit them to suit") in result.stdout


def test_the_summary_of_a_bank_without_domains_names_the_title(tmp_path: Path) -> None:
    result = import_csv(tmp_path, "question,A,B,answer\nWhich?,a,b,A\n")
    assert result.exit_code == 0, result.output
    assert (f"wrote {Path('bank') / 'bank.yaml'}: the title is the folder's name ('bank'); edit it to suit"
            in result.stdout)


def test_the_written_file_holds_what_the_sheet_says_and_nothing_more(tmp_path: Path) -> None:
    result = import_csv(tmp_path, "question,A,B,answer,tags\nWhich one: yes or no?,yes,No way,A,\"a, b\"\n")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "bank" / "items" / "sheet.yaml").read_text(encoding="utf-8") == (
        "# Imported from sheet.csv by qb import csv.\n"
        "items:\n"
        "  - id: sheet-1\n"
        "    type: single\n"
        "    stem: 'Which one: yes or no?'\n"
        "    options:\n"
        "      - text: 'yes'\n"
        "        correct: true\n"
        "      - text: No way\n"
        "    tags:\n"
        "      - a\n"
        "      - b\n")


def test_a_quote_that_is_never_closed_is_an_error_not_one_long_question(tmp_path: Path) -> None:
    """Read leniently, the rest of the file became the stem of one open item,
    without a word."""
    result = import_csv(tmp_path, 'question,A,B,answer\nQ?,a,b,A\n"R?,a,b,B\nS?,c,d,A\n')
    assert result.exit_code == 2
    assert "sheet.csv:3: cannot read the CSV (a quoted field is never closed); nothing was imported" in result.output
    assert not [p for p in (tmp_path / "bank").rglob("*") if p.is_file()]
    odd = import_csv(tmp_path, 'question,A,B,answer\nQ?,a,b,A\n\n"R"? x,a,b,B\n')
    assert odd.exit_code == 2 and "sheet.csv:4: cannot read the CSV (',' expected after '\"')" in odd.output
