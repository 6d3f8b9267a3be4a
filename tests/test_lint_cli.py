"""`qb lint` through its command line: paths, formats, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE_BANK
from questionbank.cli import cli

GOOD = """\
items:
  - id: q1
    type: open
    domain: ingestion
    stem: What does change data capture (CDC) replicate?
    answer: The ongoing inserts, updates and deletes of the source.
"""
BAD = """\
items:
  - id: q2
    type: open
    stem: What is a shard?
    answer: A unit of capacity.
    dificulty: easy
    domain: ingestion
"""


def invoke(cwd: Path, *args: str, env=None):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, list(args), env=env)
    finally:
        os.chdir(old)


@pytest.fixture
def two_files(bank):
    return bank({"good.yaml": GOOD, "bad.yaml": BAD})


def test_exit_codes(two_files, tmp_path):
    assert invoke(two_files, "lint").exit_code == 1
    assert invoke(two_files, "lint", "items/good.yaml").exit_code == 0
    assert invoke(two_files, "lint", "--exit-zero").exit_code == 0
    missing = invoke(two_files, "lint", "no/such/path")
    assert missing.exit_code == 2 and "no such file or folder" in missing.output
    assert invoke(tmp_path, "lint").exit_code == 2  # no bank.yaml above tmp_path
    assert invoke(two_files, "lint", "--format", "nope").exit_code == 2


def test_strict_fails_on_warnings(bank):
    root = bank({"a.yaml": "items:\n  - id: q1  # qb: disable=schema\n    type: open\n    stem: What is CDC?\n"
                           "    answer: Change data capture.\n"})
    result = invoke(root, "lint")
    assert result.exit_code == 0 and "unused-suppression" in result.output
    assert invoke(root, "lint", "--strict").exit_code == 1


def test_text_format_and_color(two_files):
    result = invoke(two_files, "lint", "--color", "never")
    first = result.output.splitlines()[0]
    assert first == "items/bad.yaml:6:5: error schema items[0]: unknown key 'dificulty' (did you mean 'difficulty'?)"
    colored = invoke(two_files, "lint", "--color", "always")
    assert "\x1b[31merror\x1b[0m" in colored.output
    no_color = invoke(two_files, "lint", env={"NO_COLOR": "1"})
    assert "\x1b[" not in no_color.output


def test_json_format(two_files):
    result = invoke(two_files, "lint", "--format", "json")
    data = json.loads(result.output)
    assert data == [{
        "path": "items/bad.yaml", "line": 6, "column": 5, "severity": "error", "rule": "schema",
        "message": "items[0]: unknown key 'dificulty' (did you mean 'difficulty'?)", "item": "q2", "related": [],
    }]


def test_github_format(two_files):
    result = invoke(two_files, "lint", "--format", "github")
    assert result.output == ("::error file=items/bad.yaml,line=6,col=5,title=schema::"
                             "schema: items[0]: unknown key 'dificulty' (did you mean 'difficulty'?)\n")


def test_sarif_format(bank):
    root = bank({"a.yaml": GOOD, "b.yaml": GOOD})
    log = json.loads(invoke(root, "lint", "--format", "sarif").output)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    result = run["results"][0]
    assert result["ruleId"] == "duplicate-id" and rules[result["ruleIndex"]] == "duplicate-id"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "items/a.yaml"}, "region": {"startLine": 2, "startColumn": 5}}
    assert result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "items/b.yaml"


def test_output_file(two_files):
    result = invoke(two_files, "lint", "--format", "json", "-o", "report.json")
    assert result.output == ""
    assert json.loads((two_files / "report.json").read_text())[0]["rule"] == "schema"


def test_single_files_see_the_whole_bank(bank):
    root = bank({"a.yaml": GOOD, "b.yaml": GOOD.replace("What does", "Which data does")})
    result = invoke(root, "lint", "--format", "json", "items/b.yaml")
    found = json.loads(result.output)
    # Both bank rules see a.yaml: the two items share an id and ask nearly the same question.
    assert [(f["path"], f["rule"]) for f in found] == [("items/b.yaml", "duplicate-id"), ("items/b.yaml", "duplicate-item")]
    assert all(f["related"] == [{"path": "items/a.yaml", "line": 2, "column": 5}] for f in found)


def test_bank_yaml_among_files_reports_the_whole_bank(two_files):
    found = json.loads(invoke(two_files, "lint", "--format", "json", "bank.yaml", "items/good.yaml").output)
    assert [f["path"] for f in found] == ["items/bad.yaml"]


def test_files_outside_a_bank_are_skipped(two_files, tmp_path):
    outside = tmp_path / ".pre-commit-config.yaml"
    outside.write_text("repos: []\n")
    result = invoke(two_files, "lint", str(outside), "items/good.yaml")
    assert result.exit_code == 0, result.output
    result = invoke(tmp_path, "lint", str(outside))
    assert result.exit_code == 0 and "0 files" in result.output


def test_folder_inside_a_bank(bank):
    root = bank({"ok/a.yaml": GOOD, "broken/b.yaml": BAD})
    assert invoke(root, "lint", "items/ok").exit_code == 0
    assert invoke(root, "lint", "items/broken").exit_code == 1


def test_example_bank_is_clean():
    result = invoke(EXAMPLE_BANK, "lint", "--strict")
    assert result.exit_code == 0, result.output
    assert "No problems found" in result.output


def test_installed_qb_runs_as_a_subprocess(tmp_path):
    qb = shutil.which("qb")
    assert qb is not None, "install qb first (pip install -e '.[test]')"
    shutil.copytree(EXAMPLE_BANK, tmp_path / "bank")
    (tmp_path / "bank" / "items" / "extra.yaml").write_text(BAD)
    done = subprocess.run([qb, "lint", "--format", "json", str(tmp_path / "bank")],
                          capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert [f["rule"] for f in json.loads(done.stdout)] == ["schema"]
    assert done.stderr == ""


def test_python_dash_m(two_files):
    done = subprocess.run([sys.executable, "-m", "questionbank", "lint", "items/good.yaml"],
                          capture_output=True, text=True, cwd=two_files)
    assert done.returncode == 0, done.stdout + done.stderr
