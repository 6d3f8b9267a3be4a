"""Every rule's documentation is complete, and its examples run: the
"Example" must trigger the rule and the "Use instead" must not."""

from __future__ import annotations

import re

import pytest

from conftest import lint, write_example
from questionbank.rules import RULES

SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")
# Rules whose situation cannot be written as an item file; tests/test_lint_cli.py covers them.
NOT_AN_ITEM_FILE = {"unreadable-file"}
BLOCK = re.compile(r"## (Example|Use instead)\n```yaml\n(.*?)```", re.S)


def examples(rule_id: str) -> dict:
    return {name: body for name, body in BLOCK.findall(RULES[rule_id].__doc__ or "")}


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_documentation_has_every_section(rule_id: str) -> None:
    doc = RULES[rule_id].__doc__ or ""
    assert doc.strip().splitlines()[0].endswith("."), "the first line is a one-sentence summary"
    for section in SECTIONS:
        assert section in doc, f"{rule_id} lacks '{section}'"
    assert set(examples(rule_id)) == {"Example", "Use instead"}


@pytest.mark.parametrize("rule_id", sorted(set(RULES) - NOT_AN_ITEM_FILE))
def test_examples_run(rule_id: str, tmp_path) -> None:
    blocks = examples(rule_id)
    bad = write_example(tmp_path / "bad", blocks["Example"])
    good = write_example(tmp_path / "good", blocks["Use instead"])
    assert any(f.rule == rule_id for f in lint(bad)), f"the Example of {rule_id} does not trigger it"
    clean = [f for f in lint(good) if f.rule == rule_id or f.rule in ("schema", "yaml-syntax")]
    assert not clean, f"the 'Use instead' of {rule_id} is not clean: {clean}"
