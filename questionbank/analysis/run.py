"""``qb analyze``: from a bank (or exam spec), printed forms and response
files to item statistics, the response-aware rules' verdicts, and the
stats file lint reads."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from questionbank import __version__
from questionbank.analysis.classical import Analysis, analyse, build_table
from questionbank.analysis.forms import PrintedForm, printed_form
from questionbank.analysis.responses import Note, Reader, ResponseError, settle_versions
from questionbank.bank import find_bank_root, load_bank
from questionbank.item import Item
from questionbank.rules._responses import Verdict

MAPPING_FIELDS = ("examinee", "form", "item_id", "response", "score")


@dataclass
class Outcome:
    root: Path
    name: str
    title: str
    analysis: Analysis
    notes: List[Note]
    items: Dict[str, Item]
    sources: List[str]
    scoring: str
    # item id -> [(rule id, verdict)] of the response-aware rules
    verdicts: Dict[str, List[Tuple[str, Verdict]]] = field(default_factory=dict)
    # item id -> why no rule could flag it (too few examinees, stale)
    silent: Dict[str, str] = field(default_factory=dict)

    def stats_document(self) -> Dict[str, Any]:
        """The data of stats/<name>.json."""
        stats = self.analysis.stats
        return {"format": stats["format"], "version": stats["version"], "exam": self.title,
                "scoring": self.scoring, "sources": self.sources, "examinees": stats["examinees"],
                "test": stats["test"], "excluded": stats["excluded"], "items": stats["items"]}

    def flagged(self) -> List[str]:
        return [item_id for item_id, found in self.verdicts.items() if any(v.raised for _, v in found)]


def parse_mapping(pairs: Sequence[str]) -> Dict[str, str]:
    """``--map COLUMN=FIELD``: FIELD is one of MAPPING_FIELDS or a question number."""
    mapping: Dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        target = target.strip()
        if not sep or not column.strip() or not (target in MAPPING_FIELDS or target.isdigit()):
            raise ResponseError(f"--map {pair!r}: expected COLUMN=FIELD with FIELD one of "
                                f"{', '.join(MAPPING_FIELDS)} or a question number")
        mapping[column.strip()] = target
    return mapping


def load_forms(paths: Sequence[Path]) -> List[PrintedForm]:
    """The printed forms in ``paths`` (form-F.json files, or folders holding
    them). A form file that is not valid stops the analysis: answers cannot
    be scored against a form that is not known."""
    from questionbank.loader import read_document
    from questionbank.schema import checker

    files: List[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("form-*.json"))
            if not found:
                raise ResponseError(f"{path}: no form-F.json files (qb render writes them beside key-F.csv)")
            files += found
        else:
            files.append(path)
    forms: Dict[str, PrintedForm] = {}
    form_checker = checker("form")
    for path in files:
        doc = read_document(path, str(path), form_checker.hint)
        problems = doc.findings + form_checker.check(doc)
        if problems:
            raise ResponseError("\n".join(f"{f.path}:{f.line}:{f.column}: {f.message}" for f in problems))
        form = printed_form(doc.data, str(path))
        if form.name in forms:
            raise ResponseError(f"{path}: form {form.name} is also given by {forms[form.name].path}")
        forms[form.name] = form
    return list(forms.values())


def expand(paths: Sequence[Path]) -> List[Path]:
    """Response paths, with folders replaced by their .csv and .json files."""
    out: List[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix.lower() in (".csv", ".json") and p.is_file())
        else:
            out.append(path)
    return out


def source_bank(source: Path) -> Tuple[Path, str, Optional[str]]:
    """(bank root, exam title, exam name) of a bank folder or an exam spec."""
    root = find_bank_root(source)
    if root is None:
        raise ResponseError(f"{source}: not inside a bank (no bank.yaml in its folder or above it)")
    if source.is_dir():
        return root, "", None
    from questionbank.loader import read_document
    from questionbank.schema import checker

    doc = read_document(source, str(source), checker("exam").hint)
    problems = doc.findings + checker("exam").check(doc)
    if problems:
        raise ResponseError("\n".join(f"{f.path}:{f.line}:{f.column}: {f.message}" for f in problems))
    return root, str(doc.data["exam"]["title"]), source.stem


def run(source: Path, response_paths: Sequence[Path], form_paths: Sequence[Path] = (),
        mapping: Optional[Dict[str, str]] = None, partial_credit: bool = False,
        name: Optional[str] = None) -> Outcome:
    root, title, spec_name = source_bank(source)
    bank = load_bank(root)
    items = {item.id: item for item in bank.items if item.id}
    forms = load_forms(form_paths)
    reader = Reader(items, forms, mapping or {})
    files = expand(response_paths)
    if not files:
        raise ResponseError("no response files given")
    for path in files:
        reader.read(path)
    collected = reader.out
    if not collected.examinees:
        raise ResponseError("no usable responses:\n" + "\n".join(str(n) for n in collected.notes))
    versions = settle_versions(collected, items)
    table = build_table(collected, versions, partial_credit)
    if not table.versions:
        reasons = [f"{item_id}: {why}" for item_id, why in table.excluded.items()]
        raise ResponseError("no usable answers:\n" + "\n".join(reasons + [str(n) for n in collected.notes]))
    analysis = analyse(table)
    title = title or next((f.exam for f in forms), "") or bank.title
    name = name or spec_name or next((f.spec for f in forms if f.spec), None) or "bank"
    outcome = Outcome(root, name, title, analysis, collected.notes, items, collected.sources,
                      "partial-credit" if partial_credit else "all-or-nothing")
    judge(outcome)
    return outcome


def judge(outcome: Outcome) -> None:
    """Run every enabled response-aware rule's ``assess`` on every item, with
    the bank's settings, as ``qb lint`` will on the stored figures."""
    from questionbank import rules as registry
    from questionbank.config import load_config
    from questionbank.loader import read_document
    from questionbank.schema import checker

    doc = read_document(outcome.root / "bank.yaml", "bank.yaml", checker("bank").hint)
    config, _ = load_config(doc)
    rules = [rule for rule in registry.by_scope("bank") if getattr(rule, "NEEDS_STATS", False)
             and hasattr(rule, "assess") and config.enabled(rule.ID)]
    for item_id, entry in outcome.analysis.stats["items"].items():
        current = outcome.items.get(item_id)
        if current is None:
            outcome.silent[item_id] = "no longer in the bank"
            continue
        if current.content_hash != entry["content_hash"]:
            outcome.silent[item_id] = "answers to an earlier version of the item (stale-stats)"
            continue
        found: List[Tuple[str, Verdict]] = []
        for rule in rules:
            options = config.rule_options(rule.ID)
            if entry["n"] < options["min-examinees"]:
                outcome.silent[item_id] = (f"{entry['n']} examinees, fewer than min-examinees "
                                           f"({options['min-examinees']}): no flags")
                continue
            verdicts = list(rule.assess(entry, options))
            raised = {v.option for v in verdicts if v.raised}
            # A near miss is worth telling only where nothing was raised.
            found += [(rule.ID, v) for v in verdicts if v.raised or v.option not in raised]
        outcome.verdicts[item_id] = found


# --- output ------------------------------------------------------------------


def _fmt(value: Optional[float], digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _ci(ci) -> str:
    return "" if ci is None else f"[{ci[0]:.2f}, {ci[1]:.2f}]"


def text_report(outcome: Outcome) -> str:
    stats = outcome.analysis.stats
    test = stats["test"]
    items = stats["items"]
    lines = [f"{outcome.title or outcome.name}: {stats['examinees']} examinees, {len(items)} items "
             f"({', '.join(outcome.sources)}; multiple-response scored {outcome.scoring})"]
    alpha_name = "alpha" if outcome.scoring == "partial-credit" else "KR-20/alpha"
    lines.append(f"Test ({test['examinees']} examinees given every item): mean {_fmt(test['mean'])}, "
                 f"sd {_fmt(test['sd'])}, {alpha_name} {_fmt(test['alpha'], 3)}, SEM {_fmt(test['sem'])}")
    for item_id, reason in stats["excluded"].items():
        lines.append(f"Left out: {item_id}: {reason}")
    width = max([len(i) for i in items] + [4])
    lines += ["", f"{'item':<{width}}  {'n':>5}  {'p':>4} {'95%':<14}  {'r':>5} {'95%':<14}  {'d':>5}  flags"]
    flagged = set(outcome.flagged())
    order = sorted(items, key=lambda i: i not in flagged)  # stable: flagged first, each in the table's order
    for item_id in order:
        e = items[item_id]
        flags = ", ".join(sorted({rule for rule, v in outcome.verdicts.get(item_id, []) if v.raised}))
        lines.append(f"{item_id:<{width}}  {e['n']:>5}  {_fmt(e['p']):>4} {_ci(e['p_ci']):<14}  {_fmt(e['r']):>5} "
                     f"{_ci(e['r_ci']):<14}  {_fmt(e['d']):>5}  {flags}")
    raised = [(i, rule, v) for i in order for rule, v in outcome.verdicts.get(i, []) if v.raised]
    waiting = [(i, rule, v) for i in order for rule, v in outcome.verdicts.get(i, []) if not v.raised]
    if raised:
        lines += ["", f"Flagged ({len(raised)}; qb lint reports them once the stats are written):"]
        lines += [f"  {i}: {rule}: {v.message}" for i, rule, v in raised]
    if waiting:
        lines += ["", f"Not flagged, although the estimate is past a threshold ({len(waiting)}; more answers "
                      "will tell):"]
        lines += [f"  {i}: {rule}: {v.message}" for i, rule, v in waiting]
    if outcome.silent:
        lines += ["", "No flags possible:"]
        lines += [f"  {i}: {reason}" for i, reason in outcome.silent.items()]
    if not raised:
        lines += ["", "No item is flagged."]
    return "\n".join(lines) + "\n"


def json_report(outcome: Outcome) -> str:
    data = {
        "exam": outcome.title,
        "name": outcome.name,
        "stats": outcome.stats_document(),
        "verdicts": [{"item": i, "rule": rule, "option": v.option, "raised": v.raised, "message": v.message}
                     for i, found in outcome.verdicts.items() for rule, v in found],
        "silent": outcome.silent,
        "notes": [{"path": n.path, "line": n.line, "message": n.message} for n in outcome.notes],
    }
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def generator() -> str:
    return f"qb {__version__}"
