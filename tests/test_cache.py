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


def read_entry(path):
    """(signature, data) of a cache entry."""
    mac, _, body = path.read_bytes().partition(b"\n")
    return mac, json.loads(body)


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
        mac, data = read_entry(entry)
        if data["relpath"] == "items/bad.yaml":
            # The entry's name is the hash of the file's bytes: a changed file
            # never reaches it, so editing bad.yaml must still report its problem.
            entry.write_bytes(mac + b"\n" + json.dumps(dict(data, findings=[])).encode())
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


# Issue 10: a cache that arrives with the bank is not trusted.


def entry_of(root, relpath):
    for entry in (root / ".qb_cache").rglob("*.json"):
        if read_entry(entry)[1]["relpath"] == relpath:
            return entry
    raise AssertionError(f"no entry for {relpath}")


def test_edited_entry_hiding_an_error_is_ignored(bank):
    """Cache poisoning: bad.yaml's own entry edited to `findings: []` (the
    file unchanged) does not make lint pass."""
    from conftest import run_in

    root = make(bank)
    first = findings_of(root)
    assert any(f[3] == "schema" for f in first)
    entry = entry_of(root, "items/bad.yaml")
    mac, data = read_entry(entry)
    entry.write_bytes(mac + b"\n" + json.dumps(dict(data, findings=[]), separators=(",", ":")).encode())
    assert findings_of(root) == first
    assert run_in(root, "lint").exit_code == 1


def test_entry_signed_with_another_key_is_ignored(bank, tmp_path, counted):
    """An entry made by someone else's qb (another key) is recomputed."""
    root = make(bank)
    mine = os.environ["XDG_CACHE_HOME"]
    os.environ["XDG_CACHE_HOME"] = str(tmp_path / "someone-else")
    try:
        findings_of(root)
    finally:
        os.environ["XDG_CACHE_HOME"] = mine
    counted.clear()
    findings_of(root)
    assert len(counted) == 5


def test_signing_key_is_private_and_outside_the_bank(bank):
    root = make(bank)
    findings_of(root)
    key = cache_module.key_folder() / cache_module.KEY_FILE
    assert key.is_file() and (key.stat().st_mode & 0o777) == 0o600
    assert root not in key.parents


def test_signed_entry_of_the_wrong_shape_is_rebuilt(bank, counted):
    """Valid JSON, signed, of another shape (a summary of the wrong length, a
    finding that is a string, a line that is text): rebuilt, no crash."""
    root = make(bank)
    first = findings_of(root)
    cache = cache_module.LintCache(root, b"", "")
    shapes = [lambda d: dict(d, summaries={"x": [1, 2, 3, 4, 5, 6, 7]}),
              lambda d: dict(d, findings=["items/bad.yaml:1:1: error"]),
              lambda d: dict(d, findings=[["1", 1, "error", "schema", "m", None, []]]),
              lambda d: dict(d, refs={"a": 1}),
              lambda d: dict(d, suppressions=[[1, 1, "schema", [1]]])]
    for n, shape in enumerate(shapes):
        entries = sorted((root / ".qb_cache").rglob("*.json"))
        for entry in entries:
            _, data = read_entry(entry)
            body = json.dumps(shape(data), separators=(",", ":")).encode()
            shard, name = entry.parent.name, entry.name
            cache.run = entry.parent.parent.name
            entry.write_bytes(cache._mac(shard, name, body).encode() + b"\n" + body)
        counted.clear()
        assert findings_of(root) == first, n
        assert len(counted) == 5, n


def test_cache_folder_linked_out_of_the_bank_deletes_nothing(tmp_path):
    """The reproduction: `.qb_cache -> ..` beside an old project. Lint
    neither deletes the project nor writes through the link."""
    import shutil

    from conftest import run_in

    ws = tmp_path / "ws"
    (ws / "projectA" / "src").mkdir(parents=True)
    (ws / "projectA" / "src" / "main.c").write_text("code\n")
    old = 1_000_000_000
    os.utime(ws / "projectA", (old, old))
    shutil.copytree(EXAMPLE_BANK, ws / "bank", ignore=shutil.ignore_patterns(".qb_cache"))
    (ws / "bank" / ".qb_cache").symlink_to("..")
    before = sorted(p.relative_to(ws) for p in ws.rglob("*"))
    run_in(ws / "bank", "lint")
    run_in(ws / "bank", "lint")
    assert (ws / "projectA" / "src" / "main.c").read_text() == "code\n"
    assert sorted(p.relative_to(ws) for p in ws.rglob("*")) == before


def test_links_inside_the_cache_are_never_followed(bank, tmp_path):
    """A committed `.qb_cache/v3-... -> /some/dir` (stale) is not emptied,
    and links where the run or shard folders go are not written through."""
    root = make(bank)
    findings_of(root)
    run = next(p for p in (root / ".qb_cache").iterdir() if p.is_dir())
    victim = tmp_path / "victim"
    (victim / "ab").mkdir(parents=True)
    (victim / "ab" / ("0" * 62 + ".json")).write_text("precious")
    (victim / "keep.txt").write_text("precious")
    stale = root / ".qb_cache" / f"v{cache_module.FORMAT}-{'0' * 24}"
    stale.symlink_to(victim)
    # The current run folder replaced by a link, and a shard linked too.
    import shutil
    shutil.rmtree(run)
    run.symlink_to(victim)
    old = 1_000_000_000
    os.utime(victim, (old, old))
    os.utime(stale, (old, old), follow_symlinks=False)
    findings_of(root)
    (root / "items" / "f0.yaml").write_text(ITEM.format(n=99))  # a change, so entries are written
    findings_of(root)
    assert sorted(p.relative_to(victim).as_posix() for p in victim.rglob("*")) == \
        ["ab", "ab/" + "0" * 62 + ".json", "keep.txt"]
    assert stale.is_symlink() and run.is_symlink()


def test_prune_removes_only_what_qb_wrote(bank):
    root = make(bank)
    findings_of(root)
    base = root / ".qb_cache"
    stale = base / f"v{cache_module.FORMAT}-{'1' * 24}"
    (stale / "ab").mkdir(parents=True)
    (stale / "ab" / ("2" * 62 + ".json")).write_text("{}")
    (stale / "cd").mkdir()
    (stale / "cd" / ("3" * 62 + ".json")).write_text("{}")
    (stale / "cd" / "notes.txt").write_text("not qb's")
    other = base / "someone-elses"
    other.mkdir()
    for path in (stale / "ab", stale / "cd", stale, other):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    (root / "items" / "f0.yaml").write_text(ITEM.format(n=99))
    findings_of(root)
    assert not (stale / "ab").exists()
    assert sorted(p.name for p in (stale / "cd").iterdir()) == ["notes.txt"]
    assert other.is_dir()


def test_existing_empty_cache_folder_gets_its_tag_and_gitignore(bank):
    root = make(bank)
    (root / ".qb_cache").mkdir()
    findings_of(root)
    assert (root / ".qb_cache" / "CACHEDIR.TAG").read_text().startswith("Signature: ")
    assert (root / ".qb_cache" / ".gitignore").read_text().splitlines()[-1] == "*"


@pytest.mark.parametrize("problem", ["writable by others", "empty", "a link"])
def test_a_key_others_could_know_means_no_cache(bank, tmp_path, problem):
    root = make(bank)
    folder = tmp_path / f"xdg-{problem.replace(' ', '-')}" / "qb"
    folder.mkdir(parents=True)
    key = folder / cache_module.KEY_FILE
    if problem == "a link":
        (tmp_path / "planted").write_text("00" * 32)
        key.symlink_to(tmp_path / "planted")
    else:
        key.write_text("" if problem == "empty" else "00" * 32)
        key.chmod(0o666 if problem == "writable by others" else 0o600)
    mine = os.environ["XDG_CACHE_HOME"]
    os.environ["XDG_CACHE_HOME"] = str(folder.parent)
    try:
        first = findings_of(root)
    finally:
        os.environ["XDG_CACHE_HOME"] = mine
    assert any(f[3] == "schema" for f in first)
    assert not (root / ".qb_cache").exists()
