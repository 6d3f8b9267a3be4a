"""The pre-commit hooks, run for real by pre-commit in a throwaway git
repository that holds a bank, with the configurations the README shows
(taken from README.md itself; only the placeholder of qb's git URL is
replaced by a snapshot of this project)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BANK_YAML, REPO, require_tool
from questionbank import __version__

URL_PLACEHOLDER = "<qb-git-url>"


def readme_config(name: str) -> str:
    """The configuration shown after ``<!-- pre-commit-config: NAME -->``."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- pre-commit-config: {re.escape(name)} -->\n```yaml\n(.*?)```", readme, re.S)
    assert match, f"README.md has no pre-commit configuration '{name}'"
    return match.group(1)


def remote_config(repo_path: Path) -> str:
    text = readme_config("qb repository")
    assert text.count(URL_PLACEHOLDER) == 1
    return text.replace(URL_PLACEHOLDER, str(repo_path))


def bank_hook_variant(config: str) -> str:
    """The README's configuration with its commented qb-lint-bank lines in
    place of qb-lint, as a reader would edit it."""
    lines = []
    for line in config.splitlines():
        if re.match(r"\s*- id: qb-lint\s", line):
            continue
        if re.match(r"\s*# (- id: qb-lint-bank|  args:)", line):
            line = line.replace("# ", "", 1)
        lines.append(line)
    return "\n".join(lines) + "\n"

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
    # The qb of this test run is first on PATH, for the `repo: local` hook.
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com", PATH=path)
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
def hook_repo(tmp_path_factory) -> Path:
    """A snapshot of this project, tagged with the release the README names
    (made here: a CI checkout may carry no tags)."""
    require_tool("git")
    require_tool("pre-commit")
    dest = tmp_path_factory.mktemp("qb-hooks")
    snapshot_of_this_project(dest)
    rev = re.search(r"rev: (\S+)", readme_config("qb repository")).group(1)
    assert git(dest, "tag", rev).returncode == 0
    return dest


def bank_repo(tmp_path: Path, config: str) -> Path:
    repo = tmp_path / "authoring"
    (repo / "banks" / "aws" / "items").mkdir(parents=True)
    (repo / "banks" / "aws" / "bank.yaml").write_text(BANK_YAML)
    (repo / "banks" / "aws" / "items" / "cdc.yaml").write_text(CLEAN)
    (repo / ".pre-commit-config.yaml").write_text(config)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    assert git(repo, "commit", "-qm", "start", "--no-verify").returncode == 0
    installed = subprocess.run(["pre-commit", "install"], cwd=repo, capture_output=True, text=True)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo


def test_the_documented_rev_is_this_release() -> None:
    assert re.search(r"rev: (\S+)", readme_config("qb repository")).group(1) == f"v{__version__}"


def assert_blocks_flawed_and_passes_clean(repo: Path) -> None:
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


def test_qb_lint_hook_blocks_a_flawed_item_and_passes_a_clean_one(tmp_path, hook_repo):
    assert_blocks_flawed_and_passes_clean(bank_repo(tmp_path, remote_config(hook_repo)))


def test_local_hook_as_documented(tmp_path):
    require_tool("git")
    require_tool("pre-commit")
    assert_blocks_flawed_and_passes_clean(bank_repo(tmp_path, readme_config("local")))


def test_qb_lint_hook_sees_duplicates_in_unchanged_files(tmp_path, hook_repo):
    repo = bank_repo(tmp_path, remote_config(hook_repo))
    (repo / "banks" / "aws" / "items" / "copy.yaml").write_text(CLEAN)
    git(repo, "add", "-A")
    refused = git(repo, "commit", "-m", "a copy")
    assert refused.returncode != 0
    assert "duplicate-id id 'cdc-scope' is also used at banks/aws/items/cdc.yaml:2:5" in refused.stdout + refused.stderr


def test_qb_lint_bank_hook(tmp_path, hook_repo):
    config = bank_hook_variant(remote_config(hook_repo))
    assert "- id: qb-lint-bank" in config and "args: [banks/aws]" in config
    assert not re.search(r"- id: qb-lint\s", config)
    repo = bank_repo(tmp_path, config)
    (repo / "banks" / "aws" / "bank.yaml").write_text(BANK_YAML + "titel: typo\n")
    git(repo, "add", "-A")
    refused = git(repo, "commit", "-m", "typo in bank.yaml")
    assert refused.returncode != 0
    assert "banks/aws/bank.yaml:8:1: error schema (document): unknown key 'titel'" in refused.stdout + refused.stderr
