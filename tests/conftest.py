"""Shared test helpers: build banks in temporary folders and lint them."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import textwrap
from pathlib import Path
from typing import Dict, List, Optional

import pytest

from questionbank.finding import Finding
from questionbank.lint import lint_paths

REPO = Path(__file__).resolve().parent.parent
MMLU_SAMPLE = REPO / "tests" / "data" / "mmlu"  # a few MMLU files (MIT), see SOURCE.txt there
EXAMPLE_BANK = REPO / "examples" / "aws-data-engineer"


class SharedFolderRead(RuntimeError):
    """A test read ../shared (not an OSError, which code may catch and skip)."""


def _refuse_shared_folder() -> None:
    """Fail any test that reads ../shared: a user's clone has none (CI also
    runs the suite from a clone with nothing beside it, see .ci/run). A
    whole corpus named explicitly in $QB_MMLU (benchmarks/mmlu_duplicates.py)
    is allowed."""
    shared = os.path.abspath(REPO.parent / "shared")
    forbidden = tuple({shared + os.sep, os.path.realpath(shared) + os.sep})
    allowed = os.environ.get("QB_MMLU")
    allowed = os.path.realpath(allowed) + os.sep if allowed else None
    events = {"open", "os.listdir", "os.scandir", "glob.glob"}

    def hook(event: str, args: tuple) -> None:
        if event not in events or not args or isinstance(args[0], int) or args[0] is None:
            return
        path = os.path.abspath(os.fsdecode(os.fspath(args[0]))) + os.sep
        if path.startswith(forbidden) and not (allowed and os.path.realpath(path).startswith(allowed)):
            raise SharedFolderRead(f"tests may not read {path.rstrip(os.sep)}: carry a sample under tests/data")
    sys.addaudithook(hook)


_refuse_shared_folder()

BANK_YAML = """\
title: Test bank
format: 1
domains:
  ingestion: {name: Data Ingestion and Transformation, weight: 34}
  store: {name: Data Store Management, weight: 26}
  operations: {name: Data Operations and Support, weight: 22}
  security: {name: Data Security and Governance, weight: 18}
"""


def write_bank(root: Path, items: Dict[str, str], bank_yaml: str = BANK_YAML,
               exams: Optional[Dict[str, str]] = None) -> Path:
    """Write a bank: ``items`` maps a path under items/ to its YAML text."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "bank.yaml").write_text(bank_yaml, encoding="utf-8")
    (root / "items").mkdir(exist_ok=True)
    for name, text in items.items():
        path = root / "items" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    for name, text in (exams or {}).items():
        path = root / "exams" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def _item(item_id: str, stem: str, *options: str, kind: str = "single") -> str:
    """An item whose options starting with '*' are correct."""
    lines = [f"  - id: {item_id}", f"    type: {kind}", "    domain: ingestion", f"    stem: '{stem}'", "    options:"]
    for text in options:
        lines.append(f"      - text: '{text.lstrip('*')}'")
        if text.startswith("*"):
            lines.append("        correct: true")
    return "\n".join(lines) + "\n"


# Options whose meaning depends on their place, none of them pinned.
POSITIONAL = "items:\n" + "".join((
    _item("all-key", "Which services store objects?", "Amazon S3", "Amazon S3 Glacier", "Amazon EFS",
          "*All of the above"),
    _item("none-distractor", "Which service streams records?", "*Amazon Kinesis Data Streams", "Amazon S3",
          "AWS Glue", "None of these."),
    _item("neither", "Which one is a queue?", "*Amazon SQS", "Amazon SNS", "Neither of these"),
    _item("lettered", "Which settings protect objects from deletion?", "S3 Versioning",
          "S3 Transfer Acceleration", "MFA Delete", "*Both A and C"),
    _item("stem-labels", "Points A, B and C lie on a line. Which of them lie on it?", "A and C only",
          "A and B only", "B and C only", "*A, B and C"),
    _item("plain", "Which are AWS Regions? (Select TWO.)", "*us-east-1", "*eu-west-1", "us-central-9",
          "All of the Regions", kind="multiple"),
))


EXAM_LINE = re.compile(r"^#\s*exams/([\w.-]+):\s*(\{.*\})\s*$", re.M)
# "# stats/NAME.json: {json", continued on comment lines indented by three spaces.
STATS_BLOCK = re.compile(r"^#\s*stats/([\w.-]+\.json):\s*(\{.*(?:\n#   .*)*)", re.M)


def write_example(root: Path, text: str, name: str = "example.yaml") -> Path:
    """Write an item file, plus the exam specs its leading comments give as
    ``# exams/NAME: {json}`` and the stored item statistics they give as
    ``# stats/NAME.json: {json ...`` (rule examples and fixtures use them)."""
    write_bank(root, {name: text})
    for exam_name, spec in EXAM_LINE.findall(text):
        path = root / "exams" / exam_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(json.loads(spec)), encoding="utf-8")
    for stats_name, block in STATS_BLOCK.findall(text):
        body = re.sub(r"\n#   ", " ", block)
        path = root / "stats" / stats_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(json.loads(body)), encoding="utf-8")
    return root


def lint(root: Path, *paths: Path) -> List[Finding]:
    """Lint with paths printed relative to the bank root."""
    old = os.getcwd()
    os.chdir(root)
    try:
        return lint_paths([Path(os.path.relpath(p, root)) for p in paths] or [Path(".")]).findings
    finally:
        os.chdir(old)


@pytest.fixture(autouse=True, scope="session")
def _user_cache_folder(tmp_path_factory):
    """The lint cache's signing key in a folder of the test run, not in the
    user's ~/.cache (subprocesses inherit it)."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


@pytest.fixture
def bank(tmp_path):
    """A function that writes a bank under tmp_path and returns its root."""
    def make(items: Dict[str, str], bank_yaml: str = BANK_YAML, exams: Optional[Dict[str, str]] = None,
             name: str = "bank") -> Path:
        return write_bank(tmp_path / name, items, bank_yaml, exams)
    return make


def cli_runner():
    """A click CliRunner whose results keep stdout and stderr apart."""
    from click.testing import CliRunner

    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click 8.2+ always keeps stderr apart
        return CliRunner()


def run_in(cwd: Path, *args: str):
    """Run the qb command line in ``cwd``; the result has .stdout and .stderr."""
    from questionbank.cli import cli

    old = os.getcwd()
    os.chdir(cwd)
    try:
        return cli_runner().invoke(cli, [str(a) for a in args])
    finally:
        os.chdir(old)


def require_tool(name: str) -> str:
    """The path of an external tool. Missing: skip locally, fail in CI (CI=true),
    where .ci/run installs every tool the tests use."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI must install it: see .ci/run)")
        pytest.skip(message)
    return path
