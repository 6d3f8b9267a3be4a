"""`qb lint` checks exam specs against the bank (rule exam-spec)."""

from __future__ import annotations

from conftest import lint, write_bank

ITEMS = """\
items:
  - id: q1
    type: open
    domain: ingestion
    stem: Which AWS DMS task type copies existing data and then ongoing changes?
    answer: Full load plus CDC.
  - id: q2
    type: open
    domain: store
    stem: Which S3 storage class suits data read once a quarter?
    answer: S3 Standard-IA.
"""

SPEC = """\
exam:
  title: Practice
  count: 3
  blueprint:
    ingestion: 2
    storage: {count: 1}
  filter:
    exclude_ids: [q1, q3]
"""


def test_spec_problems_are_findings_at_their_place(tmp_path):
    root = write_bank(tmp_path / "bank", {"a.yaml": ITEMS}, exams={"practice.yaml": SPEC})
    found = [(f.path, f.line, f.column, f.message) for f in lint(root) if f.rule == "exam-spec"]
    assert found == [
        ("exams/practice.yaml", 6, 5, "blueprint: 'storage' is not a domain of bank.yaml (did you mean 'store'?)"),
        ("exams/practice.yaml", 8, 23, "filter.exclude_ids: no item has the id 'q3'"),
    ]


def test_short_domain_names_needed_and_available(tmp_path):
    spec = "exam:\n  title: Practice\n  count: 4\n  blueprint:\n    ingestion: {count: 3}\n    store: 1\n"
    root = write_bank(tmp_path / "bank", {"a.yaml": ITEMS}, exams={"practice.yaml": spec})
    found = [(f.line, f.column, f.message) for f in lint(root) if f.rule == "exam-spec"]
    assert found == [(5, 5, "domain 'ingestion' needs 3 items but has 1 eligible")]


def test_a_fillable_spec_is_clean(tmp_path):
    spec = "exam:\n  title: Practice\n  count: 2\n"
    root = write_bank(tmp_path / "bank", {"a.yaml": ITEMS}, exams={"practice.yaml": spec})
    assert [f for f in lint(root) if f.rule == "exam-spec"] == []
