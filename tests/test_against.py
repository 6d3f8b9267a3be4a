"""`qb lint --against PATH` and `lint: {against: [...]}`: items of the linted
bank that duplicate an item of another bank are reported, naming the other
bank's file, line and id; the other bank is never reported on nor changed,
and bank.yaml may only point inside the bank's repository."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Dict

from click.testing import CliRunner

from conftest import BANK_YAML, lint, write_bank
from questionbank.cli import cli

ITEM = """\
  - id: {id}
    type: single
    stem: {stem}
    options:
      - text: In buffered batches, by size or time
        correct: true
      - text: One object per record, as it arrives
      - text: Once a day, at midnight UTC
"""
FIREHOSE = "How does Amazon Data Firehose deliver records to Amazon S3?"


def items(*pairs) -> str:
    return "items:\n" + "".join(ITEM.format(id=i, stem=s) for i, s in pairs)


def snapshot(folder: Path) -> Dict[str, float]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in sorted(folder.rglob("*"))}


def test_against_on_the_command_line(tmp_path: Path) -> None:
    retired = write_bank(tmp_path / "retired", {"old.yaml": items(("firehose-old", FIREHOSE),
                                                                  ("firehose-old-2", FIREHOSE))})
    bank = write_bank(tmp_path / "bank", {"new.yaml": items(("firehose-new", FIREHOSE),
                                                            ("other", "What does a Kinesis shard provide?"))})
    before = snapshot(retired)
    for _ in range(2):  # the second run answers from the cache
        os.chdir(tmp_path)
        result = CliRunner().invoke(cli, ["lint", "bank", "--against", "retired", "--format", "json"])
        assert result.exit_code == 0, result.output
        import json
        found = [f for f in json.loads(result.output) if f["rule"] == "duplicate-item"]
        assert [f["item"] for f in found] == ["firehose-new"]
        assert {(r["path"], r["line"]) for r in found[0]["related"]} == {
            (os.path.join("retired", "items", "old.yaml"), 2), (os.path.join("retired", "items", "old.yaml"), 10)}
        assert "'firehose-old' (retired/items/old.yaml:2:5)" in found[0]["message"]
    assert snapshot(retired) == before  # nothing written into the other bank


def test_against_a_folder_of_item_files(tmp_path: Path) -> None:
    folder = tmp_path / "public"
    (folder / "set-1").mkdir(parents=True)
    (folder / "set-1" / "q.yaml").write_text(items(("public-1", FIREHOSE)), encoding="utf-8")
    bank = write_bank(tmp_path / "bank", {"new.yaml": items(("firehose-new", FIREHOSE))})
    assert [f.item for f in lint(bank) if f.rule == "duplicate-item"] == []
    os.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["lint", "bank", "--against", "public"])
    assert "duplicate-item the same question as 'public-1' (public/set-1/q.yaml:2:5)" in result.output


def test_against_in_bank_yaml_inside_the_repository(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write_bank(tmp_path / "retired", {"old.yaml": items(("firehose-old", FIREHOSE))})
    bank = write_bank(tmp_path / "bank", {"new.yaml": items(("firehose-new", FIREHOSE))},
                      bank_yaml=BANK_YAML + "lint:\n  against: [../retired]\n")
    found = [f for f in lint(bank) if f.rule == "duplicate-item"]
    assert [f.item for f in found] == ["firehose-new"]
    # As pre-commit runs it: one changed file given.
    found = [f for f in lint(bank, bank / "items" / "new.yaml") if f.rule == "duplicate-item"]
    assert [f.item for f in found] == ["firehose-new"]


def test_against_in_bank_yaml_outside_the_repository_is_refused(tmp_path: Path) -> None:
    write_bank(tmp_path / "elsewhere", {"old.yaml": items(("firehose-old", FIREHOSE))})
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    bank = write_bank(tmp_path / "repo" / "bank", {"new.yaml": items(("firehose-new", FIREHOSE))},
                      bank_yaml=BANK_YAML + "lint:\n  against:\n    - ../../elsewhere\n")
    found = lint(bank)
    assert [f.item for f in found if f.rule == "duplicate-item"] == []
    refused = [f for f in found if f.path == "bank.yaml"]
    assert [(f.line, f.column, f.severity.value) for f in refused] == [(10, 7, "error")]
    assert "outside the repository that holds the bank" in refused[0].message


def test_a_symlink_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    write_bank(tmp_path / "elsewhere", {"old.yaml": items(("firehose-old", FIREHOSE))})
    bank = write_bank(tmp_path / "bank", {"new.yaml": items(("firehose-new", FIREHOSE))},
                      bank_yaml=BANK_YAML + "lint:\n  against: [retired]\n")
    (bank / "retired").symlink_to(tmp_path / "elsewhere")
    found = lint(bank)
    assert [f.item for f in found if f.rule == "duplicate-item"] == []
    assert any("outside the bank" in f.message for f in found if f.path == "bank.yaml")
