"""Issue 10, the write side: nothing a bank says makes qb write, replace or
delete a file outside the output it was asked for (docs/security.md)."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLE_BANK, run_in
from questionbank.outdir import EXPORT_MANIFEST, MANIFEST
from questionbank.safepath import UnsafeName, plain_name

SCHEMA_OFF = "lint:\n  rules:\n    schema: off\n"


def tree(folder: Path) -> dict:
    """Every file under ``folder`` with its bytes (links as their target),
    but for the lint cache, which render writes in the bank."""
    return {p.relative_to(folder).as_posix(): (str(p.readlink()) if p.is_symlink() else p.read_bytes())
            for p in sorted(folder.rglob("*")) if (p.is_symlink() or p.is_file()) and ".qb_cache" not in p.parts}


@pytest.fixture
def example(tmp_path) -> Path:
    root = tmp_path / "bank"
    shutil.copytree(EXAMPLE_BANK, root, ignore=shutil.ignore_patterns(".qb_cache"))
    return root


@pytest.mark.parametrize("name", ["", ".", "..", "../x", "/etc/passwd", "a/b", "a\\b", "x\0y", "a\x1bb",
                                  "a\nb", "é" * 200])
def test_plain_name_refuses_anything_but_one_name(name):
    with pytest.raises(UnsafeName):
        plain_name(name)


@pytest.mark.parametrize("name", ["exam-A.html", "items-ü.xml", "x..y", ".hidden", "a b"])
def test_plain_name_keeps_plain_names(name):
    assert plain_name(name) == name


def test_planted_render_manifest_deletes_nothing_outside_the_folder(example, tmp_path):
    """`out/.qb-render.json` naming ../notes.txt (and an absolute path) with
    their right hashes: render removes neither."""
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    digest = hashlib.sha256(notes.read_bytes()).hexdigest()
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_text(json.dumps({"files": {"../notes.txt": digest, str(notes): digest}}))
    result = run_in(tmp_path, "render", str(example / "exams" / "practice.yaml"), "-o", "out")
    assert result.exit_code == 0, result.stderr
    assert notes.read_text() == "my notes\n"
    assert "../notes.txt" not in json.loads((out / MANIFEST).read_text())["files"]


def test_form_name_from_the_bank_cannot_leave_the_output_folder(example, tmp_path):
    """With `schema: off`, a form named /../../<elsewhere>/x: a one-line
    error (exit 2), nothing written anywhere."""
    (example / "bank.yaml").write_text((example / "bank.yaml").read_text() + SCHEMA_OFF)
    spec = example / "exams" / "practice.yaml"
    target = tmp_path / "elsewhere"
    target.mkdir()
    spec.write_text(spec.read_text().replace("forms: [A, B]", f'forms: ["/../../../..{target}/x", B]'))
    before = tree(tmp_path)
    result = run_in(tmp_path, "render", str(spec), "-o", "out")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "not a plain file name" in result.stderr
    assert tree(tmp_path) == before


def test_item_id_cannot_make_a_zip_slip_entry(example, tmp_path):
    (example / "bank.yaml").write_text((example / "bank.yaml").read_text() + SCHEMA_OFF)
    items = example / "items" / "ingestion.yaml"
    items.write_text(items.read_text().replace("  - id: ", "  - id: ../../", 1))
    result = run_in(tmp_path, "export", "qti", str(example), "-o", "p.zip")
    assert result.exit_code == 2 and "item id '../../" in result.stderr
    assert not (tmp_path / "p.zip").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".qb-tmp")]


def test_qti_entries_are_plain_names(example, tmp_path):
    result = run_in(tmp_path, "export", "qti", str(example), "-o", "p.zip")
    assert result.exit_code == 0
    for name in zipfile.ZipFile(tmp_path / "p.zip").namelist():
        assert all(plain_name(part) for part in name.split("/"))


def test_export_refuses_to_overwrite_a_file_it_did_not_write(example, tmp_path):
    """The reproduction: `qb export gift BANK -o BANK/items/store.yaml`
    replaced an item file. Now: never into the bank (even with --force), and
    never over a file qb did not write unless --force."""
    store = example / "items" / "store.yaml"
    before = store.read_bytes()
    for extra in ((), ("--force",)):
        result = run_in(tmp_path, "export", "gift", str(example), "-o", str(store), *extra)
        assert result.exit_code == 2 and "inside the bank being exported" in result.stderr
        assert store.read_bytes() == before
    spec = example / "exams" / "practice.yaml"
    result = run_in(tmp_path, "export", "csv", str(spec), "-o", str(example / "out" / "x.csv"))
    assert result.exit_code == 2 and not (example / "out").exists()

    mine = tmp_path / "mine.gift"
    mine.write_text("my own quiz\n")
    result = run_in(tmp_path, "export", "gift", str(example), "-o", "mine.gift")
    assert result.exit_code == 2 and "qb did not write it" in result.stderr
    assert mine.read_text() == "my own quiz\n"
    assert run_in(tmp_path, "export", "gift", str(example), "-o", "mine.gift", "--force").exit_code == 0
    assert mine.read_text() != "my own quiz\n"


def test_export_replaces_its_own_file_and_keeps_the_record_of_others(example, tmp_path):
    for fmt, name in (("gift", "a.gift"), ("csv", "a.csv"), ("gift", "a.gift")):
        result = run_in(tmp_path, "export", fmt, str(example), "-o", name)
        assert result.exit_code == 0, result.stderr
    assert sorted(json.loads((tmp_path / EXPORT_MANIFEST).read_text())["files"]) == ["a.csv", "a.gift"]
    (tmp_path / "a.csv").write_text("edited by hand\n")
    result = run_in(tmp_path, "export", "csv", str(example), "-o", "a.csv")
    assert result.exit_code == 2 and "changed since" in result.stderr


def test_render_writes_a_forms_files_as_one_unit(example, tmp_path, monkeypatch):
    """A full disk in the middle of render leaves the last run's files as
    they were: never an exam of one seed beside the key of another."""
    import errno

    from questionbank import atomic

    spec = example / "exams" / "practice.yaml"
    assert run_in(tmp_path, "render", str(spec), "-o", "out").exit_code == 0
    before = tree(tmp_path / "out")
    spec.write_text(spec.read_text().replace("seed: 2026", "seed: 7"))
    real = atomic.write_atomic
    calls = []

    def full_disk(path, data, durable=True):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data, durable)

    monkeypatch.setattr("questionbank.outdir.write_atomic", full_disk)
    result = run_in(tmp_path, "render", str(spec), "-o", "out")
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("qb: cannot write out/") and "No space left" in result.stderr
    assert result.stderr.count("\n") == 1
    assert tree(tmp_path / "out") == before


def test_control_characters_of_the_bank_reach_no_terminal(bank, tmp_path):
    """A file name holding an ESC sequence and a key holding a newline that
    would print a forged finding line: shown escaped, in text and github."""
    name = "\x1b]0;pwned\x07\x1b[2J.yaml"
    root = bank({name: "items:\n  - id: q1\n    type: open\n    stem: What?\n"
                       "    \"x\\nitems/fake.yaml:1:1: error forged\\u202e\": 1\n"})
    for fmt in ("text", "github"):
        result = run_in(root, "lint", "--format", fmt, "--color", "never")
        assert result.exit_code == 1
        out = result.stdout
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        assert not any(line.startswith("items/fake.yaml") for line in out.splitlines())
        assert "\\x1b]0;pwned\\x07" in out and "\\u202e" in out


def test_visible_escapes_controls_only():
    from questionbank.terminal import visible

    assert visible("a\x1b[31mb\nc\td\x9b\u202ee\x7f") == "a\\x1b[31mb\\nc\\td\\x9b\\u202ee\\x7f"
    assert visible("é 中文 🙂 \u00a0") == "é 中文 🙂 \u00a0"


def test_a_file_linked_out_of_the_bank_is_not_read_nor_quoted(example, tmp_path):
    """A `schema` message quoted the first 60 characters of a symlinked
    /etc/passwd. Item files and folders linked out of the bank are reported
    and never read, so nothing of them reaches a finding or an exam."""
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash TOKEN=hunter2\n")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "more.yaml").write_text("items:\n  - {id: s, stem: 'TOKEN=hunter2'}\n")
    (example / "items" / "pw.yaml").symlink_to(secret)
    (example / "items" / "elsewhere").symlink_to(tmp_path / "elsewhere")
    (example / "exams" / "x.yaml").symlink_to(secret)
    result = run_in(tmp_path, "lint", "bank", "--no-cache")
    assert result.exit_code == 1
    assert "hunter2" not in result.stdout and "root:x" not in result.stdout
    lines = [line for line in result.stdout.splitlines() if "unreadable-file" in line]
    assert [line.split(":")[0] for line in lines] == ["bank/exams/x.yaml", "bank/items/elsewhere", "bank/items/pw.yaml"]
    assert all(line.endswith("a link to a place outside the bank; qb does not read it") for line in lines)


def test_stats_and_schema_reports_escape_the_banks_control_characters(bank, tmp_path):
    item = ('# yaml-language-server: $schema=https://example.com/items.schema.json\n'
            'items:\n  - id: q1\n    type: open\n    domain: store\n    stem: Why?\n    answer: So.\n'
            '    tags: ["t\\e]0;pwned\\a"]\n')
    root = bank({"\x1b[2J.yaml": item})
    for args in (("stats",), ("schema",)):
        result = run_in(root, *args)
        assert result.exit_code in (0, 1), result.output
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout, args
    assert "t\\x1b]0;pwned\\x07" in run_in(root, "stats").stdout
    assert "\\x1b[2J.yaml" in run_in(root, "schema").stdout


def test_visible_lines_keeps_line_breaks():
    from questionbank.terminal import visible_lines

    assert visible_lines("a\x1bb\nc\r\n") == "a\\x1bb\nc\\r\n"
