"""What every `qb import` does with the files it writes: all of them or none,
clear errors instead of tracebacks, and bank.yaml kept as the author wrote it."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from conftest import lint
from interop import run_cli
from questionbank.bank import load_bank
from questionbank.importers import staging

SHEET = "question,A,B,answer,domain\nWhich?,a,b,A,ingestion\nWhat?,a,b,B,New Area\n"


def files_under(root: Path) -> list:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


def test_an_import_that_fails_on_its_second_file_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "good.csv").write_text(SHEET, encoding="utf-8")
    (tmp_path / "bad.csv").write_text("Frage,A,B\nWas?,a,b\n", encoding="utf-8")
    result = run_cli("import", "csv", str(tmp_path / "good.csv"), str(tmp_path / "bad.csv"),
                     "-o", str(tmp_path / "bank"))
    assert result.exit_code == 2 and "no 'question' column" in result.stderr
    assert not (tmp_path / "bank").exists()  # not even the folder it would have made
    # The re-run is not refused: nothing of the failed run is in the way.
    again = run_cli("import", "csv", str(tmp_path / "good.csv"), "-o", str(tmp_path / "bank"))
    assert again.exit_code == 0, again.stderr


def test_a_target_that_is_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "sheet.csv").write_text(SHEET, encoding="utf-8")
    (tmp_path / "bank" / "items" / "sheet.yaml").mkdir(parents=True)
    result = run_cli("import", "csv", str(tmp_path / "sheet.csv"), "-o", str(tmp_path / "bank"), "--force")
    assert result.exit_code == 2
    assert f"{tmp_path / 'bank' / 'items' / 'sheet.yaml'} is a folder; rename it or the input file" in result.stderr
    assert "Traceback" not in result.stderr and files_under(tmp_path / "bank") == ["items", "items/sheet.yaml"]


def test_an_output_folder_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "sheet.csv").write_text(SHEET, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("import", "csv", str(tmp_path / "sheet.csv"), "-o", str(tmp_path / "notes.txt" / "bank"))
    assert result.exit_code == 2
    assert "a part of the path is a file, not a folder" in result.stderr.replace("\n", " ")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_a_full_disk_is_a_clear_error_and_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "sheet.csv").write_text(SHEET, encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("questionbank.importers.write_items", full)
    result = run_cli("import", "csv", str(tmp_path / "sheet.csv"), "-o", str(tmp_path / "bank"))
    assert result.exit_code == 2
    assert f"cannot write {tmp_path / 'bank' / 'items' / 'sheet.yaml'}: No space left on device" in result.stderr
    assert files_under(tmp_path / "bank") == []


def test_a_failed_move_puts_every_file_back(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a.csv").write_text(SHEET, encoding="utf-8")
    (tmp_path / "b.csv").write_text(SHEET, encoding="utf-8")
    out = tmp_path / "bank"
    assert run_cli("import", "csv", str(tmp_path / "a.csv"), "-o", str(out)).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (tmp_path / "a.csv").write_text(SHEET.replace("Which?", "Changed?"), encoding="utf-8")
    real = os.replace
    moves = []

    def failing(src, dst):
        if str(src).endswith(".part"):
            moves.append(dst)
            if len(moves) == 2:
                raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(src, dst)

    monkeypatch.setattr(staging.os, "replace", failing)
    result = run_cli("import", "csv", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"), "-o", str(out), "--force")
    assert result.exit_code == 2 and "nothing was imported" in result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_file_name_with_a_newline_stays_in_the_comment(tmp_path: Path) -> None:
    source = tmp_path / "x\nx-injected: 1.csv"
    source.write_text(SHEET, encoding="utf-8")
    result = run_cli("import", "csv", str(source), "-o", str(tmp_path / "bank"))
    assert result.exit_code == 0, result.stderr
    written = next((tmp_path / "bank" / "items").glob("*.yaml")).read_text(encoding="utf-8")
    assert written.splitlines()[0] == "# Imported from x\\nx-injected: 1.csv by qb import csv."
    assert not [f for f in lint(tmp_path / "bank") if f.severity.value == "error"]


AUTHOR_BANK = """\
# My bank: keep this comment.
title: "Data engineering"   # quoted on purpose
format: 1

domains:
    # the blueprint
    ingestion: {name: Data Ingestion, weight: 60}   # most of it
    store:
        name: Data Store
        weight: 40
lint:
    exclude:
      - drafts/**
"""


def test_new_domains_are_added_to_the_authors_bank_yaml(tmp_path: Path) -> None:
    out = tmp_path / "bank"
    out.mkdir()
    (out / "bank.yaml").write_text(AUTHOR_BANK, encoding="utf-8")
    (tmp_path / "sheet.csv").write_text(SHEET, encoding="utf-8")
    result = run_cli("import", "csv", str(tmp_path / "sheet.csv"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert (f"added 1 domain to {out / 'bank.yaml'} (new-area; weight 0 keeps your blueprint: give them a share); "
            "each domain's name is the input's name for it: edit them to suit") in result.stdout
    text = (out / "bank.yaml").read_text(encoding="utf-8")
    assert text == AUTHOR_BANK.replace("        weight: 40\n",
                                       "        weight: 40\n    new-area: {name: New Area, weight: 0}\n")
    assert not [f for f in lint(out) if f.rule in ("unknown-domain", "schema")]


def test_a_bank_yaml_that_cannot_be_kept_exactly_is_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "bank"
    out.mkdir()
    odd = "title:   x\ndomains:\n  ingestion:   {name: I,   weight: 1}\n"  # spacing a rewrite would change
    (out / "bank.yaml").write_text(odd, encoding="utf-8")
    (tmp_path / "sheet.csv").write_text(SHEET, encoding="utf-8")
    result = run_cli("import", "csv", str(tmp_path / "sheet.csv"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert (out / "bank.yaml").read_text(encoding="utf-8") == odd
    assert (f"{out / 'bank.yaml'} not changed; declare the new domains under its `domains:` key:\n"
            "  new-area: {name: 'New Area', weight: 0}\n") in result.stdout


def test_a_bank_yaml_without_domains_gets_them(tmp_path: Path) -> None:
    out = tmp_path / "bank"
    out.mkdir()
    (out / "bank.yaml").write_text("title: Mine  # comment\n", encoding="utf-8")
    (tmp_path / "sheet.csv").write_text(SHEET, encoding="utf-8")
    assert run_cli("import", "csv", str(tmp_path / "sheet.csv"), "-o", str(out)).exit_code == 0
    assert load_bank(out).domains == {"ingestion": {"name": "ingestion", "weight": 1},
                                      "new-area": {"name": "New Area", "weight": 1}}
    assert (out / "bank.yaml").read_text(encoding="utf-8").startswith("title: Mine  # comment\n")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_items_linked_outside_the_bank_are_not_written(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "bank"
    out.mkdir()
    (out / "items").symlink_to(elsewhere)
    (tmp_path / "sheet.csv").write_text(SHEET, encoding="utf-8")
    result = run_cli("import", "csv", str(tmp_path / "sheet.csv"), "-o", str(out))
    assert result.exit_code == 2 and "leads outside" in result.stderr
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 1 << 20])
def test_files_are_read_a_chunk_at_a_time_with_the_same_result(tmp_path: Path, monkeypatch, chunk: int) -> None:
    """The encoding is settled by a pass over the file in chunks (so an
    import never holds the whole file); a chunk boundary inside a character
    or before the refused byte changes neither the text nor the note's line."""
    monkeypatch.setattr("questionbank.importers.decode._CHUNK", chunk)
    text = "Quelle réponse ? {=oui ~non}\n\n€ ou ¥ ? {=€ ~¥}\n"
    (tmp_path / "bom.gift").write_bytes(text.encode("utf-16"))
    (tmp_path / "latin.gift").write_bytes(text.replace("€", "e").replace("¥", "y").encode("utf-8")
                                          + "\nEt là ? {=oui ~non}\n".encode("latin-1"))
    (tmp_path / "nul.gift").write_bytes(b"ok? {=a ~b}\n\n\nx\0y? {=a ~b}\n")
    result = run_cli("import", "gift", *(str(tmp_path / n) for n in ("bom.gift", "latin.gift", "nul.gift")),
                     "-o", str(tmp_path / "bank"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'latin.gift'}:5: not UTF-8; read the file as Windows-1252 (check the accents)",
        f"{tmp_path / 'nul.gift'}:4: the file holds control characters, not text (UTF-16 saved without a "
        "byte-order mark?); save it as UTF-8; nothing imported from this file"]
    assert [i.stem for i in load_bank(tmp_path / "bank").items] == [
        "Quelle réponse ?", "€ ou ¥ ?", "Quelle rÃ©ponse ?", "e ou y ?", "Et là ?"]
