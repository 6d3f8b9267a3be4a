"""What analysis needs from the rest of qb: form-F.json beside key-F.csv,
content hashes that agree between lint and render, and lint's reading of
stored statistics (stats/<exam>.json): damaged files, links out of the bank,
the cache, suppressions."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

from click.testing import CliRunner

from conftest import EXAMPLE_BANK, lint, write_example
from questionbank.bank import load_bank
from questionbank.cli import cli
from questionbank.lint import RunOptions, lint_bank

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
EXAMPLE_SPEC = EXAMPLE_BANK / "exams" / "practice.yaml"


def render(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", str(EXAMPLE_SPEC), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_form_json_maps_letters_to_option_ids_and_agrees_with_the_key(tmp_path: Path) -> None:
    out = render(tmp_path)
    bank = {item.id: item for item in load_bank(EXAMPLE_BANK).items}
    for form in "AB":
        data = json.loads((out / f"form-{form}.json").read_text("utf-8"))
        assert (data["format"], data["version"], data["form"], data["spec"]) == ("qb-form", 1, form, "practice")
        with open(out / f"key-{form}.csv", newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert [q["number"] for q in data["questions"]] == [int(r["number"]) for r in rows]
        for question, row in zip(data["questions"], rows):
            item = bank[question["item_id"]]
            assert question["item_id"] == row["item_id"]
            assert question["content_hash"] == item.content_hash
            assert sorted(question["options"].values()) == sorted(o.id for o in item.options)
            # The letters the key prints are the letters of the key's option ids.
            keys = {o.id for o in item.keys}
            assert ",".join(letter for letter, option_id in question["options"].items()
                            if option_id in keys) == row["answer"]
            assert sorted(question["key"]) == sorted(keys)


def test_lint_and_render_hash_an_item_alike(tmp_path: Path) -> None:
    # The schema check must not write defaults (correct: false) into the data.
    root = write_example(tmp_path / "bank", (FIXTURES / "stale-stats.good.yaml").read_text("utf-8"))
    assert not [f for f in lint(root) if f.rule == "stale-stats"]
    stats = json.loads((root / "stats" / "practice.json").read_text())
    hashes = {item.id: item.content_hash for item in load_bank(root).items}
    assert {k: v["content_hash"] for k, v in stats["items"].items()} == hashes


def miskey_bank(tmp_path: Path) -> Path:
    return write_example(tmp_path / "bank", (FIXTURES / "possible-miskey.yaml").read_text("utf-8"))


def test_cached_lint_sees_a_new_stats_file(tmp_path: Path) -> None:
    root = miskey_bank(tmp_path)
    stats = (root / "stats" / "practice.json").read_text()
    os.chdir(root)
    try:
        first = {f.rule for f in lint_bank(root).findings}
        assert "possible-miskey" in first
        data = json.loads(stats)
        for entry in data["items"].values():
            entry["n"] = 10  # too few examinees: no flags
        (root / "stats" / "practice.json").write_text(json.dumps(data))
        second = {f.rule for f in lint_bank(root).findings}
        assert "possible-miskey" not in second
        (root / "stats" / "practice.json").unlink()
        third = lint_bank(root).findings
        assert not {"possible-miskey", "stale-stats"} & {f.rule for f in third}
        assert third == lint_bank(root, options=RunOptions(cache=False)).findings
    finally:
        os.chdir(tmp_path)


def test_a_damaged_stats_file_is_a_finding_at_its_line(tmp_path: Path) -> None:
    root = miskey_bank(tmp_path)
    path = root / "stats" / "practice.json"
    data = json.loads(path.read_text())
    data["items"]["m1"]["n"] = "many"
    path.write_text(json.dumps(data, indent=1))
    findings = [f for f in lint(root) if f.path.startswith("stats")]
    assert [(f.rule, f.severity.value) for f in findings] == [("schema", "error")]
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if '"many"' in text)
    assert (findings[0].path, findings[0].line) == ("stats/practice.json", line)
    path.write_text('{"format": "qb-item-stats", ')
    assert [f.rule for f in lint(root) if f.path.startswith("stats")] == ["yaml-syntax"]


def test_a_stats_link_out_of_the_bank_is_not_read(tmp_path: Path) -> None:
    root = miskey_bank(tmp_path)
    outside = tmp_path / "elsewhere.json"
    (root / "stats" / "practice.json").rename(outside)
    (root / "stats" / "practice.json").symlink_to(outside)
    findings = lint(root)
    assert [(f.path, f.rule) for f in findings if f.path.startswith("stats")] == \
        [("stats/practice.json", "unreadable-file")]
    assert "possible-miskey" not in {f.rule for f in findings}


def test_a_suppression_comment_covers_a_response_finding(tmp_path: Path) -> None:
    text = (FIXTURES / "possible-miskey.yaml").read_text("utf-8").replace(
        "  - id: m1\n", "  # qb: disable=possible-miskey\n  - id: m1\n")
    root = write_example(tmp_path / "bank", text)
    flagged = {f.item for f in lint(root) if f.rule == "possible-miskey"}
    assert flagged == {"m2"}
    assert not [f for f in lint(root) if f.rule == "unused-suppression"]


def test_response_rules_are_configured_like_any_other(tmp_path: Path) -> None:
    root = write_example(tmp_path / "bank", (FIXTURES / "too-easy.good.yaml").read_text("utf-8"))
    assert not [f for f in lint(root) if f.rule == "too-easy"]
    with open(root / "bank.yaml", "a", encoding="utf-8") as handle:
        handle.write("lint:\n  rules:\n    too-easy: {max-p: 0.85, level: warning}\n")
    found = [f for f in lint(root) if f.rule == "too-easy"]
    assert [(f.item, f.severity.value) for f in found] == [("easyish", "warning")]
    assert "0.92" in found[0].message and "0.89 to 0.94" in found[0].message
