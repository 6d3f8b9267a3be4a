"""The pre-commit hooks, run for real by pre-commit in a throwaway git
repository that holds a bank."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from conftest import BANK_YAML, REPO, require_tool

CLEAN = """\
items:
  - id: cdc-scope
    type: open
    domain: ingestion
    stem: What does change data capture replicate after the full load?
    answer: The ongoing inserts, updates and deletes of the source tables.
"""
FLAWED = """\
items:
  - id: kinesis-retention
    type: single
    domain: ingestion
    stem: Which service keeps streaming records for replay?
    options:
      - text: Amazon Kinesis Data Streams
        corect: true
      - text: Amazon SQS
      - text: Amazon SNS
"""


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)


def snapshot_of_this_project(dest: Path) -> str:
    """A git repository holding this project's files as they are on disk
    (committed or not), so the hooks under test are the ones in the tree."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=REPO, capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    assert git(dest, "commit", "-qm", "snapshot").returncode == 0
    return git(dest, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    require_tool("git")
    require_tool("pre-commit")
    dest = tmp_path_factory.mktemp("qb-hooks")
    return dest, snapshot_of_this_project(dest)


def bank_repo(tmp_path: Path, hook_repo, hook_id: str, args=None) -> Path:
    repo_path, rev = hook_repo
    repo = tmp_path / "authoring"
    (repo / "banks" / "aws" / "items").mkdir(parents=True)
    (repo / "banks" / "aws" / "bank.yaml").write_text(BANK_YAML)
    (repo / "banks" / "aws" / "items" / "cdc.yaml").write_text(CLEAN)
    config = textwrap.dedent(f"""\
        repos:
          - repo: {repo_path}
            rev: {rev}
            hooks:
              - id: {hook_id}
        """)
    if args:
        config += f"        args: {args}\n"
    (repo / ".pre-commit-config.yaml").write_text(config)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    assert git(repo, "commit", "-qm", "start", "--no-verify").returncode == 0
    installed = subprocess.run(["pre-commit", "install"], cwd=repo, capture_output=True, text=True)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo


def test_qb_lint_hook_blocks_a_flawed_item_and_passes_a_clean_one(tmp_path, hook_repo):
    repo = bank_repo(tmp_path, hook_repo, "qb-lint")
    flawed = repo / "banks" / "aws" / "items" / "kinesis.yaml"
    flawed.write_text(FLAWED)
    git(repo, "add", "-A")
    refused = git(repo, "commit", "-m", "add a flawed item")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "banks/aws/items/kinesis.yaml:8:9: error schema items[0].options[0]: unknown key 'corect'" in output
    flawed.write_text(FLAWED.replace("corect", "correct"))
    git(repo, "add", "-A")
    accepted = git(repo, "commit", "-m", "add a clean item")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    # Files outside the bank are passed by pre-commit too, and skipped.
    (repo / "notes.yaml").write_text("just: notes\n")
    git(repo, "add", "-A")
    assert git(repo, "commit", "-m", "notes").returncode == 0


def test_qb_lint_hook_sees_duplicates_in_unchanged_files(tmp_path, hook_repo):
    repo = bank_repo(tmp_path, hook_repo, "qb-lint")
    (repo / "banks" / "aws" / "items" / "copy.yaml").write_text(CLEAN)
    git(repo, "add", "-A")
    refused = git(repo, "commit", "-m", "a copy")
    assert refused.returncode != 0
    assert "duplicate-id id 'cdc-scope' is also used at banks/aws/items/cdc.yaml:2:5" in refused.stdout + refused.stderr


def test_qb_lint_bank_hook(tmp_path, hook_repo):
    repo = bank_repo(tmp_path, hook_repo, "qb-lint-bank", args="[banks/aws]")
    (repo / "banks" / "aws" / "bank.yaml").write_text(BANK_YAML + "titel: typo\n")
    git(repo, "add", "-A")
    refused = git(repo, "commit", "-m", "typo in bank.yaml")
    assert refused.returncode != 0
    assert "banks/aws/bank.yaml:8:1: error schema (document): unknown key 'titel'" in refused.stdout + refused.stderr
