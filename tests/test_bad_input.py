"""Bad input gives findings with file, line and column, never a traceback.

Each folder in fixtures/bad-input/ is a bank; expected.txt beside its files is
the exact text output of `qb lint` run inside it. Inputs that must not be
committed (a 50 MB file, a symbolic link loop) are generated here.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import lint, write_bank
from questionbank.cli import cli

CASES = sorted(p for p in (Path(__file__).parent / "fixtures" / "bad-input").iterdir() if p.is_dir())


def run_lint(root: Path, *args: str):
    old = os.getcwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(cli, ["lint", "--color", "never", *args])
    finally:
        os.chdir(old)


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_bad_input_case(case: Path, tmp_path: Path) -> None:
    root = tmp_path / case.name
    shutil.copytree(case, root)
    result = run_lint(root, "--no-cache")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.output == (case / "expected.txt").read_text(encoding="utf-8")
    assert result.exit_code == 1


def test_lint_never_changes_the_files(tmp_path: Path) -> None:
    before = {}
    for case in CASES:
        shutil.copytree(case, tmp_path / case.name)
    for path in tmp_path.rglob("*"):
        if path.is_file():
            before[path] = path.read_bytes()
    for case in CASES:
        run_lint(tmp_path / case.name)
    # The cache in .qb_cache/ is lint's only write.
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and ".qb_cache" not in p.parts}
    assert after == before


def test_symlink_loop_in_items(tmp_path: Path) -> None:
    root = write_bank(tmp_path / "bank", {"a.yaml": "items: []\n"})
    (root / "items" / "sub").mkdir()
    os.symlink("..", root / "items" / "sub" / "back")
    os.symlink("self.yaml", root / "items" / "self.yaml")
    findings = lint(root)
    assert [(f.path, f.line, f.column, f.rule) for f in findings] == [
        ("items/self.yaml", 1, 1, "unreadable-file"),
        ("items/sub/back", 1, 1, "unreadable-file"),
    ]
    assert "loop" in findings[1].message


def test_fifty_megabyte_file(tmp_path: Path) -> None:
    """A 50 MB item file of valid items with one typo near the end is read to
    the end, and the typo is found at its line."""
    scenario = "A company streams click events from its web shop and must keep them for a week. " * 25
    item = ("  - id: q{n}\n    type: single\n    stem: >-\n      " + scenario +
            "Which service fits the requirement {n}?\n    options:\n"
            "      - text: Amazon Kinesis Data Streams {n}\n        correct: true\n"
            "      - text: Amazon SQS {n}\n      - text: Amazon SNS {n}\n")
    chunks = ["items:\n"]
    size = 0
    n = 0
    while size < 50 * 1024 * 1024:
        chunk = item.format(n=n)
        chunks.append(chunk)
        size += len(chunk)
        n += 1
    typo_line = sum(c.count("\n") for c in chunks) + 1
    chunks.append("  - id: last\n    type: open\n    stem: What is CDC?\n    answr: Change data capture.\n")
    root = write_bank(tmp_path / "bank", {})
    (root / "items" / "huge.yaml").write_text("".join(chunks), encoding="utf-8")
    findings = [f for f in lint(root) if f.rule == "schema"]
    assert [(f.line, f.column) for f in findings] == [(typo_line + 3, 5)]
    assert "unknown key 'answr' (did you mean 'answer'?)" in findings[0].message


def test_fifty_megabytes_of_random_bytes(tmp_path: Path) -> None:
    root = write_bank(tmp_path / "bank", {})
    (root / "items" / "noise.yaml").write_bytes(random.Random(7).randbytes(50 * 1024 * 1024))
    findings = lint(root)
    assert len(findings) == 1
    assert findings[0].rule == "yaml-syntax" and findings[0].path == "items/noise.yaml"
    assert findings[0].line >= 1 and findings[0].column >= 1
