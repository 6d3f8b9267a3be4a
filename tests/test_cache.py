"""The lint cache answers unchanged files, survives damage and overlapping
runs, and never answers from an entry made under other settings or code."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from conftest import BANK_YAML, EXAMPLE_BANK
from questionbank import cache as cache_module
from questionbank.atomic import TEMP_PREFIX
from questionbank import lint as lint_module
from questionbank.lint import RunOptions, lint_bank

ITEM = """\
items:
  - id: q{n}
    type: open
    stem: What does change data capture replicate in case {n}?
    answer: The ongoing inserts, updates and deletes.
"""
BROKEN = "items:\n  - id: broken\n    type: open\n    stem: What is CDC?\n    answr: x\n"


@pytest.fixture(autouse=True)
def keep_cwd(monkeypatch):
    monkeypatch.chdir(os.getcwd())  # restored after each test, which may chdir


@pytest.fixture
def counted(monkeypatch):
    """Count the files that are actually read and checked."""
    calls = []
    real = lint_module.check_item_file

    def spy(path, *args, **kwargs):
        calls.append(Path(path).name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(lint_module, "check_item_file", spy)
    return calls


def make(bank, n=4):
    return bank({f"f{i}.yaml": ITEM.format(n=i) for i in range(n)} | {"bad.yaml": BROKEN})


def findings_of(root):
    return [(f.path, f.line, f.column, f.rule, f.message) for f in lint_bank(root).findings]


def test_second_run_checks_only_the_changed_file(bank, counted):
    root = make(bank)
    os.chdir(root)
    first = findings_of(root)
    assert len(counted) == 5
    assert (root / ".qb_cache" / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (root / ".qb_cache" / ".gitignore").read_text().splitlines()[-1] == "*"
    counted.clear()
    assert findings_of(root) == first and counted == []
    (root / "items" / "f2.yaml").write_text(ITEM.format(n=2).replace("What does", "Which data does"))
    counted.clear()
    assert findings_of(root) == first
    assert counted == ["f2.yaml"]


def test_bank_wide_rules_use_cached_records(bank, counted):
    root = make(bank)
    os.chdir(root)
    findings_of(root)
    (root / "items" / "f3.yaml").write_text(ITEM.format(n=0))  # now a duplicate id of f0
    counted.clear()
    rules = {(f[0], f[3]) for f in findings_of(root)}
    assert ("items/f0.yaml", "duplicate-id") in rules and ("items/f3.yaml", "duplicate-id") in rules
    assert counted == ["f3.yaml"]


def test_settings_and_code_changes_invalidate(bank, counted, monkeypatch):
    root = make(bank)
    os.chdir(root)
    findings_of(root)
    (root / "bank.yaml").write_text(BANK_YAML + "lint:\n  rules:\n    schema: warning\n")
    counted.clear()
    assert {f.severity.value for f in lint_bank(root).findings if f.rule == "schema"} == {"warning"}
    assert len(counted) == 5
    monkeypatch.setattr(cache_module, "code_hash", lambda: "another qb")
    counted.clear()
    findings_of(root)
    assert len(counted) == 5


def test_damaged_entries_are_rebuilt(bank, counted):
    root = make(bank)
    os.chdir(root)
    first = findings_of(root)
    entries = sorted((root / ".qb_cache").rglob("*.json"))
    assert len(entries) == 5
    garbage = [b"", b"{not json", json.dumps({"findings": "nope"}).encode(), b"\x00\xff" * 10,
               json.dumps({"relpath": "items/other.yaml", "findings": []}).encode()]
    for entry, junk in zip(entries, garbage):
        entry.write_bytes(junk)
    counted.clear()
    assert findings_of(root) == first
    assert len(counted) == 5
    counted.clear()
    assert findings_of(root) == first and counted == []


def test_planted_entry_claiming_no_findings_for_another_file_is_not_trusted(bank):
    root = make(bank)
    os.chdir(root)
    first = findings_of(root)
    for entry in (root / ".qb_cache").rglob("*.json"):
        data = json.loads(entry.read_text())
        if data["relpath"] == "items/bad.yaml":
            # The entry's name is the hash of the file's bytes: a changed file
            # never reaches it, so editing bad.yaml must still report its problem.
            entry.write_text(json.dumps(dict(data, findings=[])))
    (root / "items" / "bad.yaml").write_text(BROKEN.replace("broken", "broken2"))
    assert [f[3] for f in findings_of(root)] == [f[3] for f in first]


def test_unwritable_cache_folder_means_no_cache(bank, counted):
    root = make(bank)
    os.chdir(root)
    (root / ".qb_cache").write_text("a file where the folder should be")
    first = findings_of(root)
    counted.clear()
    assert findings_of(root) == first and len(counted) == 5


def test_no_cache_option_writes_nothing(bank):
    root = make(bank)
    os.chdir(root)
    lint_bank(root, options=RunOptions(cache=False))
    assert not (root / ".qb_cache").exists()


def test_overlapping_runs(bank):
    root = bank({f"f{i}.yaml": ITEM.format(n=i) for i in range(40)} | {"bad.yaml": BROKEN})
    os.chdir(root)
    expected = [(f.path, f.rule, f.message) for f in lint_bank(root, options=RunOptions(cache=False)).findings]
    outcomes, errors = [], []

    def run():
        try:
            outcomes.append([(f.path, f.rule, f.message) for f in lint_bank(root).findings])
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert outcomes == [expected] * 6
    assert not list((root / ".qb_cache").rglob(TEMP_PREFIX + "*"))


def test_example_bank_cached_and_uncached_agree(tmp_path):
    import shutil

    root = tmp_path / "bank"
    shutil.copytree(EXAMPLE_BANK, root)
    os.chdir(root)
    cold = findings_of(root)
    warm = findings_of(root)
    assert cold == warm == [(f.path, f.line, f.column, f.rule, f.message)
                            for f in lint_bank(root, options=RunOptions(cache=False)).findings]


def test_parallel_and_serial_agree(bank, monkeypatch):
    root = bank({f"f{i}.yaml": ITEM.format(n=i) for i in range(12)} | {"bad.yaml": BROKEN})
    os.chdir(root)
    monkeypatch.setattr(lint_module, "_PARALLEL_MIN_BYTES", 0)
    parallel = lint_bank(root, options=RunOptions(cache=False, jobs=2)).findings
    serial = lint_bank(root, options=RunOptions(cache=False, jobs=1)).findings
    assert parallel == serial and parallel


def test_bank_rules_give_the_same_problems_on_cached_summaries(tmp_path):
    """Summaries read back from JSON (lists for tuples) give the bank rules'
    exact answers, on a bank where every bank rule fires."""
    import shutil

    from questionbank import rules as registry
    from questionbank.bank import load_bank
    from questionbank.rules.base import BankContext, ExamDoc, ItemRef

    import copy as copying

    from questionbank.item import Item

    root = tmp_path / "bank"
    shutil.copytree(EXAMPLE_BANK, root)
    bank = load_bank(root)
    items = []
    for item in bank.items:  # every key moved to A and pinned: a skewed key position
        data = copying.deepcopy(item.data)
        if isinstance(data.get("options"), list):
            options = data["options"]
            data["options"] = [dict(o, pin=True) for o in options if o.get("correct")] + \
                [dict(o, pin=True) for o in options if not o.get("correct")]
        items.append(Item(data, item.file, item.path, item.positions))
    items.append(items[0])  # a duplicate item and a duplicate id
    spec = {"exam": {"title": "t", "count": 500, "blueprint": {"ingestion": 1, "nope": 1}}}
    ctx = BankContext(root=root, domains=bank.domains, prints_as_written=True,
                      exams=[ExamDoc("exams/x.yaml", spec, {}, {})], stats=[planted_stats(items)])
    for rule in registry.by_scope("bank"):
        fresh = [(ItemRef("f.yaml", i + 1, 1, item.id), rule.summarize(item)) for i, item in enumerate(items)]
        cached = [(ref, json.loads(json.dumps(summary))) for ref, summary in fresh]
        options = dict(rule.OPTIONS)
        assert list(rule.check_bank(fresh, ctx, options)) == list(rule.check_bank(cached, ctx, options)), rule.ID
        assert list(rule.check_bank(fresh, ctx, options)), f"{rule.ID} found nothing to compare"


def planted_stats(items):
    """Stored statistics on which every response-aware rule fires: one item
    with stale figures, then one planted problem per item (keys come first)."""
    from questionbank.analysis.store import StatsFile

    def opt(key, count, upper, r, ci):
        return {"key": key, "count": count, "upper": upper, "lower": 10, "r": r, "r_ci": ci,
                "r_vs_key_ci": [0.6, 0.86] if r > 0 else [-0.5, -0.2]}

    def entry(p, p_ci, r, r_ci, options):
        return {"n": 500, "p": p, "p_ci": p_ci, "r": r, "r_ci": r_ci, "groups": {"upper": 135, "lower": 135},
                "options": options}

    healthy = [opt(True, 300, 110, 0.4, [0.32, 0.47]), opt(False, 120, 15, -0.25, [-0.33, -0.17]),
               opt(False, 80, 10, -0.2, [-0.28, -0.11])]
    planted = [
        entry(0.22, [0.19, 0.26], -0.31, [-0.39, -0.23], [opt(True, 110, 12, -0.31, [-0.39, -0.23]),
              opt(False, 300, 118, 0.42, [0.35, 0.49]), healthy[2]]),  # miskey, negative
        entry(0.4, [0.36, 0.44], 0.21, [0.13, 0.29], [opt(True, 200, 64, 0.21, [0.13, 0.29]),
              opt(False, 190, 62, -0.1, [-0.2, -0.01]), healthy[2]]),  # ambiguous
        entry(0.55, [0.51, 0.59], 0.05, [-0.04, 0.14], healthy),  # low discrimination
        entry(0.6, [0.56, 0.64], 0.4, [0.32, 0.47], healthy[:2] + [opt(False, 2, 0, -0.04, [-0.13, 0.05])]),
        entry(0.97, [0.95, 0.98], 0.4, [0.32, 0.47], healthy),  # too easy
        entry(0.12, [0.09, 0.15], 0.4, [0.32, 0.47], healthy),  # too hard
    ]
    singles = [item for item in items if item.type == "single" and len(item.options) >= 3]
    figures = {singles[0].id: dict(planted[2], content_hash="0" * 16)}  # stale
    for item, stats in zip(singles[1:], planted):
        options = {o.id: stats["options"][min(i, 2)] if i < 3 else healthy[2] for i, o in enumerate(item.options)}
        figures[item.id] = dict(stats, content_hash=item.content_hash, options=options)
    return StatsFile("stats/x.json", "stats/x.json", 500, figures)


def test_adding_an_exam_spec_brings_its_summaries(bank, counted):
    root = make(bank)
    os.chdir(root)
    (root / "bank.yaml").write_text("title: No domains\n")  # the exam draws from the whole bank
    findings_of(root)
    (root / "exams").mkdir()
    (root / "exams" / "x.yaml").write_text("exam:\n  title: X\n  count: 9\n")
    counted.clear()
    found = [f for f in lint_bank(root).findings if f.rule == "exam-spec"]
    assert [f.message for f in found] == ["the bank needs 9 items but has 5 eligible"]
    assert len(counted) == 5  # a new run key: every file summarised for exam-spec
