"""duplicate-item: the contract in the rule's documentation ("What counts"),
run as tests, and the cases that come from real use: copies of an example
bank item, groups of thousands of copies, items shaped oddly."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import List

import pytest
from ruamel.yaml import YAML

from conftest import BANK_YAML, EXAMPLE_BANK, lint, write_example
from questionbank.finding import Finding
from questionbank.rules import duplicate_item

RULE = "duplicate-item"
CASE = re.compile(r"```yaml\n(# .*?)```", re.S)
REPORT = re.compile(r'^# report: (none|warning|error|info)(?: "(.*)")?$', re.M)
BANK_LINT = re.compile(r"^# bank-lint: (\{.*\})$", re.M)


def contract_cases() -> List[str]:
    doc = duplicate_item.__doc__ or ""
    section = doc[doc.index("## What counts"):doc.index("## Options")]
    return CASE.findall(section)


def findings_of(root: Path) -> List[Finding]:
    return [f for f in lint(root) if f.rule == RULE]


def test_the_contract_has_every_kind() -> None:
    reports = [REPORT.search(case).group(1) for case in contract_cases()]
    assert {"none", "warning", "error", "info"} <= set(reports)


@pytest.mark.parametrize("case", contract_cases(), ids=lambda c: REPORT.search(c).group(0)[10:50])
def test_contract(case: str, tmp_path: Path) -> None:
    report = REPORT.search(case)
    root = write_example(tmp_path / "bank", case)
    settings = BANK_LINT.search(case)
    if settings:
        (root / "bank.yaml").write_text(BANK_YAML + "lint: " + json.dumps(json.loads(settings.group(1))) + "\n",
                                        encoding="utf-8")
    found = findings_of(root)
    assert not [f for f in lint(root) if f.rule in ("schema", "yaml-syntax")]
    if report.group(1) == "none":
        assert found == []
        return
    first = [f for f in found if f.line == min(f.line for f in found)]
    assert len(found) == 2, found
    assert first[0].severity.value == report.group(1)
    assert report.group(2) in first[0].message, first[0].message


def _example_copies(tmp_path: Path, edits) -> Path:
    """The example bank with copies of its first item, each stem edited."""
    root = tmp_path / "bank"
    shutil.copytree(EXAMPLE_BANK, root)
    yaml = YAML()
    data = yaml.load((root / "items" / "ingestion.yaml").read_text(encoding="utf-8"))
    original = data["items"][0]
    copies = []
    for item_id, edit in edits:
        copy = dict(original, id=item_id, stem=edit(str(original["stem"])))
        copies.append(copy)
    with (root / "items" / "copies.yaml").open("w", encoding="utf-8") as f:
        yaml.dump({"items": copies}, f)
    return root


def test_a_copy_with_one_word_changed_is_reported(tmp_path: Path) -> None:
    root = _example_copies(tmp_path, [("copy-invoices", lambda s: s.replace("stores orders", "stores invoices"))])
    found = {f.item: f for f in findings_of(root)}
    assert set(found) == {"copy-invoices", "ingest-dms-full-load-cdc-s3-parquet"}
    assert "stems differ in 'invoices' / 'orders'; same options and key" in found["copy-invoices"].message
    assert found["copy-invoices"].severity.value == "warning"


def test_a_copy_with_sentences_reworded_is_reported(tmp_path: Path) -> None:
    def reword(stem: str) -> str:
        return stem.replace("A company runs an on-premises MySQL 8.0 database that stores orders.",
                            "An on-premises MySQL 8.0 database at a company holds its orders.") \
            .replace("Which solution meets these requirements with the LEAST operational overhead?",
                     "Which approach satisfies these needs with the least operational effort?")
    root = _example_copies(tmp_path, [("copy-reworded", reword)])
    found = {f.item: f for f in findings_of(root)}
    assert set(found) == {"copy-reworded", "ingest-dms-full-load-cdc-s3-parquet"}
    assert "same options and key" in found["copy-reworded"].message


def test_a_synonym_swap_is_reported(tmp_path: Path) -> None:
    root = _example_copies(tmp_path, [
        ("copy-simplest", lambda s: s.replace("LEAST operational overhead", "simplest operations")),
        ("copy-easiest", lambda s: s.replace("LEAST operational overhead", "easiest operations"))])
    found = {f.item: f for f in findings_of(root)}
    assert "stems differ in 'easiest' / 'simplest'; same options and key" in found["copy-easiest"].message


def test_a_group_is_reported_once_per_member_with_a_bounded_list(tmp_path: Path) -> None:
    item = """\
  - id: copy-{n}
    type: single
    stem: How does Amazon Data Firehose deliver records to Amazon S3?
    options:
      - text: In buffered batches, by size or time
        correct: true
      - text: One object per record, as it arrives
"""
    root = write_example(tmp_path / "bank", "items:\n" + "".join(item.format(n=n) for n in range(60)))
    found = findings_of(root)
    assert len(found) == 60
    assert all(len(f.related) == 20 for f in found)
    assert all(f.message.endswith("keep one, or change what the others ask") for f in found)
    assert "58 more copies: " in found[0].message and "and 55 more" in found[0].message
    # Every member names others, never itself.
    for f in found:
        assert all((r.path, r.line) != (f.path, f.line) for r in f.related)


def test_exact_copies_with_different_keys_are_errors_naming_the_other_key(tmp_path: Path) -> None:
    text = """\
items:
  - id: a
    type: single
    stem: What do AWS Glue job bookmarks track?
    options:
      - text: Data already processed
        correct: true
      - text: The number of DPUs
  - id: b
    type: single
    stem: What do AWS Glue job bookmarks track?
    options:
      - text: Data already processed
        correct: true
      - text: The number of DPUs
  - id: c
    type: single
    stem: What do AWS Glue job bookmarks track?
    options:
      - text: Data already processed
      - text: The number of DPUs
        correct: true
"""
    found = {f.item: f for f in findings_of(write_example(tmp_path / "bank", text))}
    assert {i: f.severity.value for i, f in found.items()} == {"a": "error", "b": "error", "c": "error"}
    assert "'the number of dpus' in c" in found["a"].message
    assert "'data already processed' in a" in found["c"].message


def test_open_items_compare_by_answer(tmp_path: Path) -> None:
    text = """\
items:
  - id: a
    type: open
    stem: What does a shard of a Kinesis data stream provide?
    answer: A fixed unit of read and write capacity.
  - id: b
    type: open
    stem: What does one shard of a Kinesis data stream provide?
    answer: A fixed unit of read and write capacity
  - id: c
    type: single
    stem: What does a shard of a Kinesis data stream provide?
    options:
      - text: A fixed unit of read and write capacity.
        correct: true
      - text: A database table
"""
    found = {f.item for f in findings_of(write_example(tmp_path / "bank", text))}
    assert found == {"a", "b"}


def test_stems_without_content_words_are_not_alike(tmp_path: Path) -> None:
    text = """\
items:
  - id: a
    type: single
    stem: Which?
    options: [{text: a, correct: true}, {text: b}]
  - id: b
    type: single
    stem: What?
    options: [{text: a}, {text: b, correct: true}]
"""
    assert findings_of(write_example(tmp_path / "bank", text)) == []
