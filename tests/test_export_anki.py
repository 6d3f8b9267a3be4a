"""`qb export anki`: the official anki package opens the deck; one note per
item, and a newer export updates the notes instead of duplicating them."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

from conftest import EXAMPLE_BANK
from interop import export_example, open_anki_deck, run_cli
from questionbank.bank import load_bank
from questionbank.exporters.anki import FIELDS
from questionbank.item import letter


def _notes(col):
    return {col.get_note(nid)["Id"]: col.get_note(nid) for nid in col.find_notes("")}


def test_deck_opens_with_one_note_per_item(tmp_path: Path) -> None:
    apkg = export_example("anki", tmp_path / "bank.apkg")
    col = open_anki_deck(apkg, tmp_path / "collection.anki2")
    try:
        notes = _notes(col)
        items = load_bank(EXAMPLE_BANK).items
        assert len(notes) == col.note_count() == len(items) == 53
        assert col.card_count() == 53
        for item in items:
            note = notes[item.id]
            assert list(note.keys()) == list(FIELDS)
            front, back = note["Front"], note["Back"]
            assert item.stem.split()[0] in front
            for i, option in enumerate(item.options):
                assert f"<b>{letter(i)}.</b>" in front
            if item.is_choice:
                keys = ", ".join(letter(i) for i, o in enumerate(item.options) if o.correct)
                assert f"Answer: {keys}" in back
                assert back.count("<li>") == sum(1 for o in item.options if o.why)
            else:
                assert "Model answer" in back
            expected = {f"domain::{item.domain}", *item.tags}
            assert set(note.tags) == expected
    finally:
        col.close()


def test_newer_export_updates_notes(bank, tmp_path: Path) -> None:
    item = """\
        items:
          - id: q1
            type: single
            domain: ingestion
            stem: "Which service streams <b>records</b>?"
            options:
              - {text: Kinesis, correct: true, why: "It streams."}
              - {text: S3, why: "It stores objects."}
            explanation: "**Kinesis** streams."
        """
    root = bank({"a.yaml": item})
    first = tmp_path / "v1.apkg"
    assert run_cli("export", "anki", str(root), "-o", str(first)).exit_code == 0
    time.sleep(1.1)  # Anki updates a note from a package whose note is newer, to the second
    (root / "items" / "a.yaml").write_text(textwrap.dedent(item).replace("It streams.", "It streams data."),
                                           encoding="utf-8")
    second = tmp_path / "v2.apkg"
    result = run_cli("export", "anki", str(root), "-o", str(second))
    assert result.exit_code == 0, result.stdout + result.stderr
    col = open_anki_deck(first, tmp_path / "c.anki2")
    try:
        from anki.import_export_pb2 import ImportAnkiPackageRequest

        col.import_anki_package(ImportAnkiPackageRequest(package_path=str(second)))
        notes = _notes(col)
        assert list(notes) == ["q1"] and col.note_count() == 1
        back = notes["q1"]["Back"]
        assert "It streams data." in back and "<strong>Kinesis</strong>" in back
        assert "&lt;b&gt;records&lt;/b&gt;" in notes["q1"]["Front"]  # raw HTML in the bank is escaped
    finally:
        col.close()
