"""Each file in fixtures/rules/ is an item file named for one rule, with the
findings it must produce written inside it as ``# expect: rule-id`` comments
on the lines where they are reported (pycodestyle's and markdownlint's way).

Only the named rule is compared, both ways: every expected line must have a
finding and every finding must be expected. A fixture with no ``# expect``
must produce no finding of its rule. The bank around it is tests/conftest.py's
BANK_YAML, optionally with settings from a ``# bank-lint: {...}`` first line,
and with the exam specs that ``# exams/NAME: {...}`` lines give.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import BANK_YAML, lint, write_example
from questionbank.rules import RULES

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
EXPECT = re.compile(r"#\s*expect:\s*([a-z0-9, -]+)")
BANK_LINT = re.compile(r"^#\s*bank-lint:\s*(\{.*\})\s*$")


def fixture_files():
    return sorted(FIXTURES.glob("*.yaml"))


def rule_of(path: Path) -> str:
    # good/bad variants: absolute-term.yaml, absolute-term.good.yaml, absolute-term.bad-2.yaml
    return path.name.split(".")[0]


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.name)
def test_fixture(path: Path, tmp_path: Path) -> None:
    rule = rule_of(path)
    assert rule in RULES, f"{path.name} names no rule"
    text = path.read_text(encoding="utf-8")
    bank_yaml = BANK_YAML
    first = text.splitlines()[0] if text else ""
    settings = BANK_LINT.match(first)
    if settings:
        bank_yaml += "lint: " + json.dumps(json.loads(settings.group(1))) + "\n"
    expected = set()
    for number, line in enumerate(text.splitlines(), start=1):
        match = EXPECT.search(line)
        if match:
            for expected_rule in match.group(1).split(","):
                if expected_rule.strip() == rule:
                    expected.add(number)
    root = write_example(tmp_path / "bank", text, name=path.name)
    (root / "bank.yaml").write_text(bank_yaml, encoding="utf-8")
    findings = lint(root)
    structural = [f for f in findings if f.rule in ("yaml-syntax", "schema") and rule not in ("yaml-syntax", "schema")]
    assert not structural, f"the fixture itself is broken: {structural}"
    got = {f.line for f in findings if f.rule == rule}
    assert got == expected, (
        f"{rule}: expected findings on lines {sorted(expected)}, got {sorted(got)}:\n"
        + "\n".join(f"  {f.line}:{f.column} {f.message}" for f in findings if f.rule == rule))


# Rules whose findings stand outside item files, tested on their own.
ELSEWHERE = {"unreadable-file": "test_bad_input.py", "exam-spec": "test_exam_spec_lint.py"}


def test_every_content_rule_has_good_and_bad_fixtures() -> None:
    names = [p.name for p in fixture_files()]
    missing = []
    for rule_id in RULES:
        if rule_id in ELSEWHERE:
            continue
        flagged = [n for n in names if rule_of(Path(n)) == rule_id and "expect:" in (FIXTURES / n).read_text()]
        clean = [n for n in names if rule_of(Path(n)) == rule_id and "expect:" not in (FIXTURES / n).read_text()]
        if not flagged or not clean:
            missing.append(rule_id)
    assert not missing, f"rules without both a flagged and a clean fixture: {missing}"
