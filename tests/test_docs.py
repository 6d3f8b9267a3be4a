"""The documentation matches the code: generated pages are current and the
README's examples are valid."""

from __future__ import annotations

import re

from click.testing import CliRunner

from conftest import REPO, lint, write_bank
from questionbank.cli import cli
from questionbank.rules import RULES, markdown_reference

YAML_BLOCK = re.compile(r"```yaml\n(.*?)```", re.S)


def test_rules_page_is_current() -> None:
    page = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == markdown_reference(), "regenerate: qb rules --format markdown > docs/rules.md"


def test_every_rule_is_on_the_rules_page() -> None:
    page = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule_id in RULES:
        assert f"\n## {rule_id}\n" in page


def test_readme_bank_and_item_examples_lint_clean(tmp_path) -> None:
    blocks = YAML_BLOCK.findall((REPO / "README.md").read_text(encoding="utf-8"))
    bank_yaml = next(b for b in blocks if b.lstrip("#").find("domains:") != -1 and "title:" in b)
    item_file = next(b for b in blocks if b.lstrip().startswith("# yaml-language-server") and "items:" in b)
    root = write_bank(tmp_path / "bank", {"example.yaml": item_file}, bank_yaml=bank_yaml)
    findings = [f for f in lint(root) if f.severity.value in ("error", "warning")]
    assert findings == []


def test_qb_rules_shows_one_rule() -> None:
    result = CliRunner().invoke(cli, ["rules", "duplicate-id"])
    assert result.exit_code == 0 and "## Why is this bad?" in result.output
    assert CliRunner().invoke(cli, ["rules", "no-such-rule"]).exit_code == 2


def test_readme_exam_spec_example_is_valid(tmp_path) -> None:
    blocks = YAML_BLOCK.findall((REPO / "README.md").read_text(encoding="utf-8"))
    spec = next(b for b in blocks if b.startswith("exam:"))
    bank_yaml = next(b for b in blocks if "domains:" in b and "title:" in b)
    root = write_bank(tmp_path / "bank", {}, bank_yaml=bank_yaml, exams={"practice.yaml": spec})
    assert [f for f in lint(root) if f.rule == "schema"] == []


def test_schemas_are_draft7_with_ids_and_every_property_described() -> None:
    import json

    from jsonschema import Draft7Validator

    for name in ("items", "bank", "exam", "attempt"):
        schema = json.loads((REPO / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
        Draft7Validator.check_schema(schema)
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#" and schema["$id"]
        assert "$schema" in schema["properties"], "editors may put a $schema key in the file"
        undescribed = []

        def walk(node, path):
            if isinstance(node, dict):
                for key, sub in node.get("properties", {}).items():
                    if isinstance(sub, dict) and "description" not in sub and "$ref" not in sub \
                            and "/if" not in path:
                        undescribed.append(f"{path}.{key}")
                for key, sub in node.items():
                    walk(sub, f"{path}/{key}")
            elif isinstance(node, list):
                for i, sub in enumerate(node):
                    walk(sub, f"{path}[{i}]")

        walk(schema, name)
        assert undescribed == []
