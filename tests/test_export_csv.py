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
