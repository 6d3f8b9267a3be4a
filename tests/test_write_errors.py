"""Issue 10, point 13: a write that fails (a full disk, a read-only folder,
an output path under an existing file) in any command that writes is a
one-line error naming the path, exit 2; odd standard streams are no crash."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE_BANK, REPO, run_in

CSV = "question,A,B,answer\nWhat is 1+1?,2,3,A\n"


@pytest.fixture
def work(tmp_path) -> Path:
    shutil.copytree(EXAMPLE_BANK, tmp_path / "bank", ignore=shutil.ignore_patterns(".qb_cache"))
    (tmp_path / "q.csv").write_text(CSV)
    (tmp_path / "afile").write_text("a file, not a folder\n")
    return tmp_path


def commands(target: str):
    """Each writing command with ``target`` as where it writes."""
    spec = "bank/exams/practice.yaml"
    return {
        "render": ["render", spec, "-o", target],
        "export-qti": ["export", "qti", "bank", "-o", f"{target}/x.zip"],
        "export-moodle": ["export", "moodle", "bank", "-o", f"{target}/x.xml"],
        "export-gift": ["export", "gift", "bank", "-o", f"{target}/x.gift"],
        "export-anki": ["export", "anki", "bank", "-o", f"{target}/x.apkg"],
        "export-csv": ["export", "csv", "bank", "-o", f"{target}/x.csv"],
        "import": ["import", "csv", "q.csv", "-o", target],
        "init": ["init", target],
        "lint-o": ["lint", "bank", "-o", f"{target}/x.sarif", "--format", "sarif"],
    }


def one_line_error(result, path: str) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr, result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("qb: ") and path in lines[0], result.stderr
    return lines[0]


@pytest.mark.parametrize("command", sorted(commands("x")))
def test_output_under_an_existing_file(work, command):
    one_line_error(run_in(work, *commands("afile/out")[command]), "afile/out")


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
@pytest.mark.parametrize("command", sorted(commands("x")))
def test_full_disk_or_read_only_folder(work, command, code, monkeypatch):
    """Every write ends in a rename (os.replace) into place: make it fail."""
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", fail)
    line = one_line_error(run_in(work, *commands("out")[command]), "out")
    assert os.strerror(code) in line


def test_lint_report_into_a_missing_folder_makes_it(work):
    result = run_in(work, "lint", "bank", "--format", "sarif", "-o", "reports/ci/x.sarif")
    assert result.exit_code == 0, result.stderr
    assert (work / "reports" / "ci" / "x.sarif").read_text().startswith("{")


def qb(*args, cwd, env=None, shell_suffix=""):
    command = " ".join([f"'{sys.executable}'", "-m", "questionbank", *args]) + shell_suffix
    return subprocess.run(command, shell=True, cwd=cwd, capture_output=True, text=True, errors="replace",
                          env=dict(os.environ, PYTHONPATH=str(REPO), **(env or {})))


BAD_UNICODE = "items:\n  - id: q\n    type: open\n    domain: store\n    stem: Où est ☃?\n    answer: x\n    ☃: 1\n"


def test_stdout_that_cannot_encode_a_finding(work):
    (work / "bank" / "items" / "u.yaml").write_text(BAD_UNICODE)
    result = qb("lint", "bank", cwd=work, env={"PYTHONIOENCODING": "latin-1"})
    assert result.returncode == 1, result.stderr
    assert "unknown key '?'" in result.stdout and "internal error" not in result.stderr


def test_closed_stdout(work):
    (work / "bank" / "items" / "u.yaml").write_text(BAD_UNICODE)
    result = qb("lint", "bank", cwd=work, shell_suffix=" >&-")
    assert result.returncode == 1 and result.stderr == ""


def test_qb_debug_0_keeps_tracebacks_off(work, monkeypatch, capsys):
    """QB_DEBUG=0 is off, as an unset QB_DEBUG; QB_DEBUG=1 shows the traceback."""
    from questionbank import cli

    def boom(*args, **kwargs):
        raise RuntimeError("planted")

    monkeypatch.setattr("questionbank.lint.lint_paths", boom)  # cli imports it when lint runs
    monkeypatch.setattr(cli, "_exit_now", lambda code: sys.exit(code))
    for value, shown in (("0", False), ("", False), ("false", False), ("1", True)):
        monkeypatch.setenv("QB_DEBUG", value)
        with pytest.raises(SystemExit) as exit_info:
            cli.main(["lint", str(work / "bank")])
        assert exit_info.value.code == 2
        err = capsys.readouterr().err
        assert "internal error: RuntimeError: planted" in err
        assert ("Traceback" in err) is shown, value
