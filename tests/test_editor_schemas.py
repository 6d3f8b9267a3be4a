"""Schema paths travel with the bank: `qb init` copies the schemas into
.qb/schemas/ and names them relative to each file, `qb schema --update`
refreshes the copies and moves old absolute schema lines to relative ones,
and no file qb writes into a bank holds a path of the machine."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from conftest import BANK_YAML, run_in
from questionbank import resources

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.M)


def schema_target(path: Path) -> Path:
    match = MODELINE.search(path.read_text(encoding="utf-8"))
    assert match, f"{path} has no schema line"
    assert not Path(match.group(1)).is_absolute() and "://" not in match.group(1), match.group(1)
    return path.parent / match.group(1)


def shipped(kind: str) -> bytes:
    return Path(resources.schema_path(kind)).read_bytes()


def machine_paths(tmp_path: Path):
    """Strings that would tie a file to this machine."""
    return {str(tmp_path), str(tmp_path.resolve()), sys.prefix, "site-packages", "file://", str(Path.home())}


def assert_no_machine_path(root: Path, tmp_path: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found = [m for m in machine_paths(tmp_path) if m.encode() in data]
            assert not found, f"{path} holds {found}"


def test_init_names_the_bank_copies_relative_to_each_file(tmp_path: Path) -> None:
    result = run_in(tmp_path, "init", "bank")
    assert result.exit_code == 0, result.output
    root = tmp_path / "bank"
    for path, kind in ((root / "bank.yaml", "bank"), (root / "items" / "example.yaml", "items"),
                       (root / "exams" / "practice.yaml", "exam")):
        target = schema_target(path)
        assert target.resolve() == (root / ".qb" / "schemas" / f"{kind}.schema.json").resolve()
        assert target.read_bytes() == shipped(kind)
    assert "wrote bank/.qb/schemas/items.schema.json" in result.output
    # A clone elsewhere validates the same: nothing points out of the folder.
    assert_no_machine_path(root, tmp_path)
    assert run_in(tmp_path, "schema", "bank").exit_code == 0


def test_no_file_qb_writes_into_a_bank_holds_a_machine_path(tmp_path: Path) -> None:
    assert run_in(tmp_path, "init", "bank").exit_code == 0
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("question,A,B,answer,domain\nWhat is S3?,Storage,Compute,A,fundamentals\n", encoding="utf-8")
    assert run_in(tmp_path, "import", "csv", str(sheet), "-o", str(tmp_path / "bank")).exit_code == 0
    assert run_in(tmp_path, "import", "csv", str(sheet), "-o", str(tmp_path / "fresh")).exit_code == 0
    assert run_in(tmp_path, "schema", "--update", str(tmp_path / "bank")).exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for bank in ("bank", "fresh"):
        run_in(elsewhere, "lint", str(tmp_path / bank))  # absolute paths given; writes the cache
        assert (tmp_path / bank / ".qb_cache").is_dir()
        assert_no_machine_path(tmp_path / bank, tmp_path)


OLD_LINE = "# yaml-language-server: $schema=file:///home/someone/.venv/lib/python3.11/site-packages/questionbank/schemas/{}.schema.json"


def test_schema_update_moves_absolute_lines_to_the_bank_copies(tmp_path: Path) -> None:
    root = tmp_path / "bank"
    (root / "items" / "deep" / "er").mkdir(parents=True)
    (root / "exams").mkdir()
    (root / "bank.yaml").write_text(OLD_LINE.format("bank") + "\n" + BANK_YAML, encoding="utf-8")
    deep = root / "items" / "deep" / "er" / "a.yaml"
    deep_text = (OLD_LINE.format("items") + "\r\nitems:\r\n  - id: q1  # qb: disable=missing-answer\r\n"
                 "    type: open\r\n    stem: Why?\r\n")
    deep.write_bytes(deep_text.encode("utf-8"))
    plain = root / "items" / "plain.yaml"
    plain.write_text("items:\n  - {id: q2, type: open, stem: How?, answer: Thus.}\n", encoding="utf-8")
    exam = root / "exams" / "x.yaml"
    exam.write_text(OLD_LINE.format("exam") + "\nexam: {title: T, count: 1}\n", encoding="utf-8")
    outside = tmp_path / "outside.yaml"
    outside.write_text(OLD_LINE.format("items") + "\nitems: []\n", encoding="utf-8")
    (root / "items" / "linked.yaml").symlink_to(outside)

    check = run_in(tmp_path, "schema", "bank")
    assert check.exit_code == 1, check.output
    assert "bank/.qb/schemas/items.schema.json: missing" in check.output
    assert "bank/items/deep/er/a.yaml: the schema line names file:///home/someone/" in check.output
    assert "1 file without a schema line" in check.output

    update = run_in(tmp_path, "schema", "--update", "bank")
    assert update.exit_code == 0, update.output
    assert "pointed the schema line of bank/items/deep/er/a.yaml at .qb/schemas/" in update.output
    # Only the schema line changed: CRLF, comments and the rest are as written.
    assert deep.read_bytes() == deep_text.replace(
        OLD_LINE.format("items"), "# yaml-language-server: $schema=../../../.qb/schemas/items.schema.json").encode()
    assert schema_target(deep).read_bytes() == shipped("items")
    assert schema_target(root / "bank.yaml").read_bytes() == shipped("bank")
    assert schema_target(exam).read_bytes() == shipped("exam")
    assert plain.read_text(encoding="utf-8").startswith("items:")
    # A file reached through a link, outside the bank, is not written.
    assert outside.read_text(encoding="utf-8").startswith(OLD_LINE.format("items"))
    assert "linked.yaml: a link or outside the bank" in update.stderr
    again = run_in(tmp_path, "schema", "bank")
    assert again.exit_code == 0 and "linked.yaml: a link or outside the bank" in again.stderr


def test_schema_update_refreshes_an_old_copy(tmp_path: Path) -> None:
    assert run_in(tmp_path, "init", "bank").exit_code == 0
    copy = tmp_path / "bank" / ".qb" / "schemas" / "items.schema.json"
    copy.write_text("{}", encoding="utf-8")  # as left by an older qb
    check = run_in(tmp_path / "bank" / "items", "schema")
    assert check.exit_code == 1 and ".qb/schemas/items.schema.json: out of date" in check.output
    update = run_in(tmp_path / "bank", "schema", "--update")
    assert update.exit_code == 0 and "wrote .qb/schemas/items.schema.json" in update.output
    assert copy.read_bytes() == shipped("items")
    again = run_in(tmp_path / "bank", "schema", "--update")
    assert "up to date" in again.output


def test_schema_copies_are_never_written_through_a_link(tmp_path: Path) -> None:
    assert run_in(tmp_path, "init", "bank").exit_code == 0
    target = tmp_path / "target"
    target.mkdir()
    qb_folder = tmp_path / "bank" / ".qb"
    for child in (qb_folder / "schemas").iterdir():
        child.unlink()
    (qb_folder / "schemas").rmdir()
    qb_folder.rmdir()
    qb_folder.symlink_to(target, target_is_directory=True)
    update = run_in(tmp_path, "schema", "--update", "bank")
    assert update.exit_code == 2 and "not writing schemas through it" in update.output
    assert list(target.iterdir()) == []
