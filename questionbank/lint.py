"""The lint engine: from paths to sorted findings. No printing here.

Work is split so the expensive part is per file and independent: reading,
schema validation and item rules give a :class:`FileResult` for each item
file; bank rules then run once on the small per-item records those results
carry, and settings and suppressions are applied last.
"""

from __future__ import annotations

import bisect
import gc
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

from questionbank import against as other_banks
from questionbank import limits
from questionbank import rules as registry
from questionbank.analysis.store import load_stats, stats_files
from questionbank.bank import (BANK_FILE, EXAMS_DIR, ITEMS_DIR, YAML_SUFFIXES, BankLayout, find_bank_root,
                               scan_bank)
from questionbank.cache import LintCache
from questionbank.cache import encode as cache_encode
from questionbank.config import LintConfig, load_config
from questionbank.finding import Finding, Location, Severity
from questionbank.item import Item, items_of
from questionbank.loader import Document, read_document, unreadable_message
from questionbank.rules.base import BankContext, ExamDoc, ItemRef, Problem
from questionbank.schema import checker
from questionbank.suggest import did_you_mean
from questionbank.suppress import Covering, Suppression, any_within, find_suppressions


class UsageError(Exception):
    """qb cannot run at all (exit status 2)."""


@dataclass
class FileResult:
    """What checking one item file yields; plain data, so it can cross
    process boundaries and be cached."""

    display: str
    relpath: str
    findings: List[Finding] = field(default_factory=list)
    # Where each item stands, and per bank rule what it summarized of each
    # item, in the same order.
    refs: List[ItemRef] = field(default_factory=list)
    summaries: Dict[str, List[Any]] = field(default_factory=dict)
    suppressions: List[Suppression] = field(default_factory=list)
    items: int = 0


@dataclass
class LintResult:
    findings: List[Finding]
    files: int = 0
    items: int = 0
    # What was given but not checked, and why (printed on standard error).
    notes: List[str] = field(default_factory=list)


def display_path(path: Path) -> str:
    """The path as printed: relative to the working directory when inside it."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute)
    except ValueError:
        return absolute
    return absolute if rel.startswith("..") else rel


def plan(paths: Sequence[Path], notes: Optional[List[str]] = None) -> Dict[Path, Optional[Set[Path]]]:
    """Group the given paths by bank root. A bank maps to None when the
    whole bank is reported, else to the files to report. What is given but
    not checked is said in ``notes``."""
    banks: Dict[Path, Optional[Set[Path]]] = {}
    notes = notes if notes is not None else []
    if not paths:
        root = find_bank_root(Path.cwd())
        if root is None:
            raise UsageError("no bank.yaml found in this folder or any folder above it; give a bank folder")
        return {root: None}
    for given in paths:
        if not given.exists() and not given.is_symlink():
            raise UsageError(f"{given}: no such file or folder")
        root = find_bank_root(given)
        if root is None:
            if given.is_dir():
                raise UsageError(f"{given}: not a bank (no bank.yaml in it or above it)")
            # A file outside any bank, as pre-commit may pass: skipped, and said.
            notes.append(f"{given}: not checked: it belongs to no bank (no bank.yaml in its folder or above)")
            continue
        absolute = Path(os.path.abspath(given))
        if given.is_dir():
            if absolute == root:
                banks[root] = None
            elif banks.get(root, set()) is not None:
                layout = scan_bank(root)
                inside = [f for f in layout.item_files + layout.exam_files
                          if _is_within(Path(os.path.abspath(f)), absolute)]
                if not inside:
                    notes.append(f"{given}: not checked: no item or exam files in it (a bank's item files are "
                                 f"in {_folder_of(root, ITEMS_DIR)}, exam specs in {_folder_of(root, EXAMS_DIR)})")
                    continue
                banks.setdefault(root, set()).update(Path(os.path.abspath(f)) for f in inside)
            continue
        layout = BankLayout(root=root)
        kind = layout.kind_of(absolute)
        if kind is None:
            notes.append(f"{given}: not checked: not a file of the bank's {_folder_of(root, ITEMS_DIR)} or "
                         f"{_folder_of(root, EXAMS_DIR)} (only YAML files there, and bank.yaml, are bank files)")
            continue
        if kind in ("bank", "exam"):
            banks[root] = None  # a change here can break every item
        elif banks.get(root, set()) is not None:
            banks.setdefault(root, set()).add(absolute)
    return banks


def _folder_of(root: Path, name: str) -> str:
    return display_path(root / name) + os.sep


def _stray_yaml(root: Path, limit: int = 3, budget: int = 2000) -> List[str]:
    """A few YAML files of a bank outside bank.yaml, items/ and exams/, for
    a bank that has no items/ folder (looking at ``budget`` entries at most)."""
    found: List[str] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (folder == str(root) and d == EXAMS_DIR))
        for name in sorted(files):
            budget -= 1
            if name.endswith(YAML_SUFFIXES) and not (folder == str(root) and name == BANK_FILE):
                found.append(display_path(Path(folder) / name))
        budget -= len(dirs)
        if len(found) >= limit or budget <= 0:
            break
    return found[:limit]


def _is_within(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class RunOptions:
    """How to run, as opposed to what to check."""

    cache: bool = True
    # Worker processes for reading and checking files; None: one per core.
    jobs: Optional[int] = None
    # Other banks to compare items with (``--against``), besides bank.yaml's.
    against: Tuple[Path, ...] = ()
    # Called with (stage, done, total) as the run advances (the CLI's progress line).
    progress: Optional[Callable[[str, int, int], None]] = None


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


def lint_paths(paths: Sequence[Path], options: RunOptions = RunOptions()) -> LintResult:
    """Lint the banks the paths belong to; report findings for the paths."""
    findings: List[Finding] = []
    files = items = 0
    # Linting builds millions of small objects and no reference cycles worth
    # collecting; the cyclic collector would rescan them all, again and again
    # (a third of a cached run's time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        notes: List[str] = []
        for root, report in plan(paths, notes).items():
            result = lint_bank(root, report, options)
            findings.extend(result.findings)
            files += result.files
            items += result.items
            notes += result.notes
    finally:
        if collecting:
            gc.enable()
    findings.sort(key=Finding.sort_key)
    return LintResult(findings, files, items, notes)


def lint_bank(root: Path, report: Optional[Set[Path]] = None,
              options: RunOptions = RunOptions()) -> LintResult:
    """Lint one bank. ``report``: the absolute paths whose findings are
    wanted, or None for all."""
    layout = scan_bank(root)
    bank_display = display_path(layout.bank_file)
    bank_doc = read_document(layout.bank_file, bank_display, checker("bank").hint)
    findings = bank_doc.findings + checker("bank").check(bank_doc)
    bank_valid = not any(f.severity is Severity.ERROR for f in findings)
    config, config_findings = load_config(bank_doc)
    against, against_findings = other_banks.configured(bank_doc, root)
    findings += config_findings + against_findings
    ctx = BankContext(root=root, domains=_domains(bank_doc),
                      bank_valid=bank_valid, max_bytes=limits.max_bytes(bank_doc.data))

    relpaths: Dict[str, str] = {bank_display: "bank.yaml"}
    for path, reason in layout.unreadable:
        display = display_path(path)
        findings.append(Finding(display, 1, 1, Severity.ERROR, "unreadable-file", reason))
    for path in layout.exam_files:
        doc = read_document(path, display_path(path), checker("exam").hint, limit=ctx.max_bytes)
        relpaths[doc.display] = _relpath(root, path)
        exam_findings = doc.findings + checker("exam").check(doc)
        findings += exam_findings
        ctx.prints_as_written = ctx.prints_as_written or _prints_as_written(doc.data)
        if not exam_findings and doc.data is not None:
            ctx.exams.append(ExamDoc(doc.display, doc.data, doc.values, doc.keys))

    ctx.stats_files = stats_files(root)
    results = _check_item_files(root, layout.item_files, ctx, config, report, bank_doc, options)
    suppressions: Dict[str, List[Suppression]] = {}
    for result in results:
        relpaths[result.display] = result.relpath
        findings += result.findings
        suppressions[result.display] = result.suppressions
    # Read after the item files are checked, so worker processes are not sent them.
    ctx.stats, stats_findings = load_stats(root, ctx.stats_files, display_path)
    findings += stats_findings
    relpaths.update((f.display, f.relpath) for f in ctx.stats)
    against = list(options.against) + against
    if against and any(rule.ID == other_banks.RULE for rule in active_bank_rules(ctx, config)):
        ctx.extra[other_banks.RULE + ":against"] = other_banks.records(against, root, display_path, options.cache)
    findings += run_bank_rules(results, ctx, config, options.progress or _no_progress)

    ran = {rule.ID for rule in active_bank_rules(ctx, config)} | {rule.ID for rule in registry.by_scope("item")}
    findings = finalize(findings, config, relpaths, suppressions, ran)
    if report is not None:
        wanted_displays = {display_path(p) for p in report}
        findings = [f for f in findings if f.path in wanted_displays]
    notes = []
    if not (root / ITEMS_DIR).is_dir():
        stray = _stray_yaml(root)
        if stray:
            notes.append(f"{display_path(root)}: the bank has no {ITEMS_DIR}/ folder, so no item was checked; "
                         f"item files belong in {_folder_of(root, ITEMS_DIR)} (found {', '.join(stray)})")
    return LintResult(findings, files=1 + len(layout.exam_files) + len(ctx.stats_files) + len(results),
                      items=sum(r.items for r in results), notes=notes)


# Below this many bytes to check, starting worker processes costs more than it saves.
_PARALLEL_MIN_BYTES = 1_000_000


def _check_item_files(root: Path, paths: List[Path], ctx: BankContext, config: LintConfig,
                      report: Optional[Set[Path]], bank_doc: Document, options: RunOptions) -> List[FileResult]:
    """Check the item files, answering from the cache where it can and
    spreading the rest over worker processes when there is enough of it."""
    cache = None
    if options.cache and bank_doc.text is not None:
        # Which bank rules summarise items is part of the key: a cached entry
        # holds the summaries of exactly those.
        active = ",".join(rule.ID for rule in active_bank_rules(ctx, config))
        cache = LintCache(root, bank_doc.text.encode("utf-8"), f"{config.fingerprint()}:{active}")
    results: Dict[int, FileResult] = {}
    jobs = []
    progress = options.progress or _no_progress
    for index, path in enumerate(paths):
        progress("reading item files", index, len(paths))
        rel = _relpath(root, path)
        if config.excluded(rel):
            continue
        display = display_path(path)
        try:
            content = limits.read_bytes(path, ctx.max_bytes)
        except (OSError, limits.Refused) as exc:
            results[index] = FileResult(display, rel, [Finding(display, 1, 1, Severity.ERROR, "unreadable-file",
                                                               unreadable_message(exc))])
            continue
        # Findings about images depend on files other than this one: a file
        # that shows any is checked afresh (and not stored).
        cacheable = cache is not None and b"![" not in content
        cached = cache.load(rel, content, display) if cacheable else None
        if cached is not None:
            results[index] = FileResult(display, rel, **cached)
            continue
        # Without a cache, files whose findings are not wanted need no item rules.
        wanted = cache is not None or report is None or Path(os.path.abspath(path)) in report
        jobs.append((index, path, display, rel, content, wanted, cacheable))
    done = len(paths) - len(jobs)
    for job, result in _run_jobs(jobs, ctx, config, options):
        index, _, _, rel, content, _, cacheable = jobs[job]
        results[index] = result
        if cacheable:
            cache.store(rel, content, cache_encode(result))
        done += 1
        progress("checking item files", done, len(paths))
    if cache is not None and jobs:
        cache.prune()
    return [results[i] for i in sorted(results)]


def _run_jobs(jobs: list, ctx: BankContext, config: LintConfig,
              options: RunOptions) -> Iterator[Tuple[int, FileResult]]:
    """(index of the job, its result) for every job, each as soon as it is done."""
    workers = options.jobs or os.cpu_count() or 1
    workers = min(workers, len(jobs))
    if workers < 2 or sum(len(job[4]) for job in jobs) < _PARALLEL_MIN_BYTES:
        for index, job in enumerate(jobs):
            yield index, _check_job(job, ctx, config)
        return
    checker("items")  # compiled once here, inherited by forked workers
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    # Largest files first, so one big file does not start last and finish alone.
    order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i][4]))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from zip(order, pool.map(_check_job, [jobs[i] for i in order], repeat(ctx), repeat(config)))


def _check_job(job: tuple, ctx: BankContext, config: LintConfig) -> FileResult:
    _, path, display, rel, content, wanted, _ = job
    return check_item_file(path, display, rel, ctx, config, wanted, content)


def _relpath(root: Path, path: Path) -> str:
    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()


def _domains(bank_doc: Document) -> Optional[Dict[str, Any]]:
    data = bank_doc.data
    if not isinstance(data, dict):
        return None
    domains = data.get("domains", {})
    return domains if isinstance(domains, dict) else None


def _prints_as_written(data: Any) -> bool:
    exam = data.get("exam") if isinstance(data, dict) else None
    shuffle = exam.get("shuffle") if isinstance(exam, dict) else None
    return isinstance(shuffle, dict) and shuffle.get("options") is False


def check_item_file(path: Path, display: str, relpath: str, ctx: BankContext,
                    config: LintConfig, run_item_rules: bool = True,
                    content: Optional[bytes] = None) -> FileResult:
    """Read, validate and check one item file."""
    result = FileResult(display=display, relpath=relpath)
    items_checker = checker("items")
    doc = read_document(path, display, items_checker.hint, content)
    result.findings = doc.findings + items_checker.check(doc)
    items = items_of(doc.data, display, doc.values, str(path))
    result.items = len(items)
    starts = [item.pos()[0] for item in items]
    if run_item_rules:
        for rule in registry.by_scope("item"):
            if not config.enabled(rule.ID) or config.ignored(rule.ID, relpath):
                continue
            options = config.rule_options(rule.ID)
            for item in items:
                for problem in rule.check(item, ctx, options):
                    result.findings.append(_item_finding(rule, item, problem))
    result.refs = [_ref(item) for item in items]
    for rule in active_bank_rules(ctx, config):
        result.summaries[rule.ID] = [rule.summarize(item) for item in items]
    result.suppressions = find_suppressions(doc, starts)
    _attach_item_ids(result.findings, items, starts)
    return result


def _ref(item: Item) -> ItemRef:
    line, column = item.pos()
    return ItemRef(item.file, line, column, item.id)


def _item_finding(rule, item: Item, problem: Problem) -> Finding:
    line, column = item.pos(problem.path)
    return Finding(item.file, line, column, problem.severity or Severity(rule.LEVEL), rule.ID,
                   problem.message, item.id, problem.related)


def _attach_item_ids(findings: List[Finding], items: List[Item], starts: List[int]) -> None:
    for i, finding in enumerate(findings):
        if finding.item is None and items:
            index = bisect.bisect_right(starts, finding.line) - 1
            if index >= 0 and items[index].id is not None:
                findings[i] = _replace(finding, item=items[index].id)


def _replace(finding: Finding, **changes: Any) -> Finding:
    values = finding.__dict__.copy()
    values.update(changes)
    return Finding(**values)


def active_bank_rules(ctx: BankContext, config: LintConfig) -> list:
    """The bank rules that run: enabled, and for rules about exam specs
    (``NEEDS_EXAMS``) or response statistics (``NEEDS_STATS``), only in a
    bank that has some."""
    return [rule for rule in registry.by_scope("bank") if config.enabled(rule.ID)
            and (ctx.exams or not getattr(rule, "NEEDS_EXAMS", False))
            and (ctx.stats_files or not getattr(rule, "NEEDS_STATS", False))]


def run_bank_rules(results: Iterable[FileResult], ctx: BankContext, config: LintConfig,
                   progress: Callable[[str, int, int], None] = _no_progress) -> List[Finding]:
    results = list(results)
    findings: List[Finding] = []
    rules = active_bank_rules(ctx, config)
    for done, rule in enumerate(rules):
        progress(f"checking the whole bank ({rule.ID})", done, len(rules))
        records = [record for r in results for record in zip(r.refs, r.summaries.get(rule.ID, ()))]
        for problem in rule.check_bank(records, ctx, config.rule_options(rule.ID)):
            where = problem.location or Location("", 1, 1)
            findings.append(Finding(where.path, where.line, where.column,
                                    problem.severity or Severity(rule.LEVEL), rule.ID,
                                    problem.message, problem.item, problem.related))
    return findings


# Findings that say a file or an item is not what the rules expect: the
# content rules' silence there proves nothing.
_STRUCTURAL = frozenset(("yaml-syntax", "duplicate-key", "unreadable-file", "schema"))


def finalize(findings: List[Finding], config: LintConfig, relpaths: Dict[str, str],
             suppressions: Dict[str, List[Suppression]], ran: Optional[Set[str]] = None) -> List[Finding]:
    """Apply rule levels, per-file ignores and suppression comments, and add
    the ``unused-suppression`` findings. ``ran``: the item and bank rules
    that ran in this bank (None: all)."""
    broken: Dict[str, List[int]] = {}
    for finding in findings:
        if finding.rule in _STRUCTURAL:
            broken.setdefault(finding.path, []).append(0 if finding.rule != "schema" else finding.line)
    covering = {path: Covering(found) for path, found in suppressions.items() if found}
    kept: List[Finding] = []
    for finding in findings:
        if not config.enabled(finding.rule):
            continue
        rel = relpaths.get(finding.path, finding.path)
        if config.ignored(finding.rule, rel):
            continue
        index = covering.get(finding.path)
        if index is not None and _suppressed(finding, index):
            continue
        severity = config.severity(finding.rule)
        kept.append(_replace(finding, severity=severity) if severity else finding)
    if config.enabled("unused-suppression"):
        kept += _unused_suppressions(suppressions, config, relpaths, broken, ran)
    kept.sort(key=Finding.sort_key)
    return kept


def _suppressed(finding: Finding, index: Covering) -> bool:
    hit = False
    for suppression in index.covering(finding.rule, finding.line):
        suppression.used.add(finding.rule)
        hit = True
    return hit


def _unused_suppressions(suppressions: Dict[str, List[Suppression]], config: LintConfig,
                         relpaths: Dict[str, str], broken: Dict[str, List[int]],
                         ran: Optional[Set[str]]) -> List[Finding]:
    """A suppression of a rule that ran on what it covers and found nothing.
    Not reported: rules the settings turn off for the file, rules that did
    not run in this bank (a response-aware rule without stats), and what
    covers an item with a structural error (a file that did not parse, an
    item with a schema error: a key misspelt there may be exactly what keeps
    the suppressed rule quiet until it is fixed)."""
    findings = []
    for display, found in suppressions.items():
        rel = relpaths.get(display, display)
        if config.ignored("unused-suppression", rel):
            continue
        lines = sorted(broken.get(display, ()))
        for s in found:
            unsure = bool(lines) and lines[0] == 0 or any_within(lines, s.span)
            for rule_id in s.rules:
                if rule_id not in registry.RULES:
                    message = f"suppression names unknown rule '{rule_id}'{did_you_mean(rule_id, registry.RULES)}"
                elif (rule_id in s.used or not config.enabled(rule_id) or rule_id == "unused-suppression"
                      or config.ignored(rule_id, rel) or unsure
                      or (ran is not None and registry.RULES[rule_id].SCOPE != "file" and rule_id not in ran)):
                    continue
                else:
                    message = f"suppression of '{rule_id}' suppresses nothing; remove it"
                severity = config.severity("unused-suppression") or Severity.WARNING
                findings.append(Finding(display, s.line, s.column, severity, "unused-suppression", message))
    return findings
