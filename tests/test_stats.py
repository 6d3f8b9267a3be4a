"""qb stats: the bank against its blueprint, and how many full exams it fills."""

from __future__ import annotations

import json

from click.testing import CliRunner

from conftest import EXAMPLE_BANK
from questionbank.cli import cli


def stats(*args: str):
    return CliRunner().invoke(cli, ["stats", *map(str, args)])


def items(domain: str, n: int, kind: str = "open", tags: str = "[]") -> str:
    return "".join(f"  - id: {domain}-{i}\n    type: {kind}\n    domain: {domain}\n    difficulty: easy\n"
                   f"    tags: {tags}\n    stem: Why {i}?\n    answer: Because.\n" for i in range(n))


def test_example_bank_json() -> None:
    result = stats(EXAMPLE_BANK, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["items"] == 53
    assert (data["exam_items"], data["exam_items_from"]) == (20, "exams/practice.yaml")
    rows = {d["id"]: d for d in data["domains"]}
    assert {d: r["items"] for d, r in rows.items()} == {"ingestion": 18, "store": 14, "operations": 11, "security": 10}
    assert {d: r["per_exam"] for d, r in rows.items()} == {"ingestion": 7, "store": 5, "operations": 4, "security": 4}
    assert {d: r["weight_percent"] for d, r in rows.items()} == {"ingestion": 34, "store": 26, "operations": 22,
                                                                 "security": 18}
    assert data["full_exams"] == 2
    assert data["needed_for_one_more"] == {"ingestion": 3, "store": 1, "operations": 1, "security": 2}
    assert data["types"] == {"single": 40, "multiple": 8, "open": 5}
    assert sum(data["difficulty"].values()) == 53
    assert data["tags"]["s3"] >= 1


def test_count_option_and_text_format() -> None:
    result = stats(EXAMPLE_BANK, "--count", "65")
    assert result.exit_code == 0
    assert "Full exams of 65 items without reusing an item: 0" in result.stdout
    assert "For one more, the bank lacks: ingestion 4, store 3, operations 3, security 2" in result.stdout
    assert "ingestion      34%     18      34%              22           0" in result.stdout


def test_default_count_without_exam_specs(bank) -> None:
    root = bank({"a.yaml": "items:\n" + items("ingestion", 30) + items("store", 20, tags="[cdc, s3]")})
    data = json.loads(stats(root, "--format", "json").stdout)
    assert (data["exam_items"], data["exam_items_from"]) == (65, "default")
    assert data["tags"] == {"cdc": 20, "s3": 20}
    assert data["difficulty"] == {"easy": 50}
    # Operations and security have weights but no items: no full exam.
    assert data["full_exams"] == 0


def test_a_bank_without_domains_is_one_pool(bank) -> None:
    root = bank({"a.yaml": "items:\n" + items("x", 25).replace("    domain: x\n", "")},
                bank_yaml="title: No domains\n")
    data = json.loads(stats(root, "--count", "10", "--format", "json").stdout)
    assert data["domains"] == [] and data["full_exams"] == 2
    assert data["needed_for_one_more"] == {"(all)": 5}


def test_outside_a_bank_is_a_usage_error(tmp_path) -> None:
    assert stats(tmp_path).exit_code == 2


def test_items_outside_the_blueprint_are_named(bank) -> None:
    one = items("ingestion", 3) + "  - {id: lost, type: open, stem: Why, answer: So.}\n"
    text = stats(bank({"a.yaml": "items:\n" + one}, name="one")).stdout
    assert "1 item has no domain of bank.yaml and is never drawn: lost\n" in text
    two = one + "  - {id: typo, type: open, domain: ingest, stem: How, answer: Thus.}\n"
    root = bank({"a.yaml": "items:\n" + two}, name="two")
    data = json.loads(stats(root, "--format", "json").stdout)
    assert data["outside_blueprint"] == 2 and data["outside_blueprint_items"] == ["lost", "typo"]
    text = stats(root).stdout
    assert "2 items have no domain of bank.yaml and are never drawn: lost, typo\n" in text


def test_a_bank_without_domains_draws_every_item(bank) -> None:
    root = bank({"a.yaml": "items:\n  - {id: q, type: open, stem: Why, answer: So.}\n"}, bank_yaml="title: T\n")
    assert "never drawn" not in stats(root).stdout
