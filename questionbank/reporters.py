"""Reporters, chosen by ``--format``: text, json, github and sarif.

Each takes the sorted findings and returns the whole output as a string.
"""

from __future__ import annotations

import json
from typing import Callable, Dict, List, Sequence
from urllib.parse import quote

from questionbank import __version__
from questionbank.finding import Finding, Severity
from questionbank.terminal import visible

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def summary_line(findings: Sequence[Finding], files: int, items: int) -> str:
    counts = {s: 0 for s in Severity}
    for finding in findings:
        counts[finding.severity] += 1
    checked = f"{files} file{'s' * (files != 1)}, {items} item{'s' * (items != 1)} checked"
    if not findings:
        return f"No problems found ({checked})."
    parts = [f"{n} {s.value}{'s' * (n != 1)}" for s, n in counts.items() if n]
    return f"Found {', '.join(parts)} ({checked})."


# More findings than this (about a screenful) end the text report with
# their counts per rule.
MANY = 40


def per_rule(findings: Sequence[Finding]) -> List[Dict[str, object]]:
    """Findings counted per rule, most first (then by rule id), each with
    the most severe level among its findings and the rule's summary."""
    counts: Dict[str, int] = {}
    worst: Dict[str, Severity] = {}
    for f in findings:
        counts[f.rule] = counts.get(f.rule, 0) + 1
        if f.rule not in worst or f.severity.rank > worst[f.rule].rank:
            worst[f.rule] = f.severity
    return [{"rule": rule, "count": n, "severity": worst[rule].value, "summary": _summary(rule)}
            for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def statistics_lines(findings: Sequence[Finding]) -> List[str]:
    """The counts per rule as ruff's ``--statistics`` prints them: count,
    rule id, level, summary, in aligned columns."""
    rows = per_rule(findings)
    if not rows:
        return []
    count_width = max(len(str(r["count"])) for r in rows)
    rule_width = max(len(str(r["rule"])) for r in rows)
    return [visible(f"{r['count']:>{count_width}}  {r['rule']:<{rule_width}}  {r['severity']:<7}  {r['summary']}")
            for r in rows]


def text(findings: Sequence[Finding], color: bool = False, files: int = 0, items: int = 0,
         statistics: bool = False) -> str:
    """``path:line:col: severity rule-id message``, one finding a line, then a
    summary. Control characters of the bank's text are shown escaped. With
    ``statistics``, the counts per rule instead of the findings (as ruff's
    ``--statistics``); without, more than MANY findings end with those
    counts too."""
    lines = []
    if not statistics:
        for f in findings:
            severity = f.severity.value
            rule = visible(f.rule)
            if color:
                severity = f"\x1b[{_COLORS[f.severity]}m{severity}\x1b[0m"
                rule = f"\x1b[2m{rule}\x1b[0m"
            lines.append(f"{visible(f.path)}:{f.line}:{f.column}: {severity} {rule} {visible(f.message)}")
    if statistics or len(findings) > MANY:
        if lines:
            lines.append("")
            lines.append("Findings per rule:")
        lines += statistics_lines(findings)
    lines.append(summary_line(findings, files, items))
    return "\n".join(lines) + "\n"


def json_report(findings: Sequence[Finding], statistics: bool = False, **_: object) -> str:
    """A JSON array of finding objects, or with ``statistics`` of the counts
    per rule (shapes documented in docs/output.md)."""
    data = per_rule(findings) if statistics else [f.to_dict() for f in findings]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def github(findings: Sequence[Finding], **_: object) -> str:
    """GitHub Actions workflow commands, which annotate the lines of a pull request."""
    kinds = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for f in findings:
        props = ",".join([f"file={_gh_prop(f.path)}", f"line={f.line}", f"col={f.column}",
                          f"title={_gh_prop(f.rule)}"])
        lines.append(f"::{kinds[f.severity]} {props}::{_gh_data(f'{f.rule}: {f.message}')}")
    return "".join(line + "\n" for line in lines)


def _gh_data(value: str) -> str:
    # The log obeys ANSI sequences and a newline would end the command:
    # every control character is shown escaped instead.
    return visible(value).replace("%", "%25")


def _gh_prop(value: str) -> str:
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


def sarif(findings: Sequence[Finding], **_: object) -> str:
    """SARIF 2.1.0, for code-scanning dashboards."""
    from questionbank.rules import RULES  # here: the CLI imports this module for the format names

    rule_ids = list(RULES)
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    rules = [{
        "id": rule_id,
        "shortDescription": {"text": _summary(rule_id)},
        "defaultConfiguration": {"level": levels[Severity(RULES[rule_id].LEVEL)]},
    } for rule_id in rule_ids]

    def location(path: str, line: int, column: int) -> dict:
        return {"physicalLocation": {
            "artifactLocation": {"uri": quote(path.replace("\\", "/"))},
            "region": {"startLine": line, "startColumn": column},
        }}

    results = []
    for f in findings:
        result = {
            "ruleId": f.rule,
            "ruleIndex": index.get(f.rule, -1),
            "level": levels[f.severity],
            "message": {"text": f.message},
            "locations": [location(f.path, f.line, f.column)],
        }
        if f.related:
            result["relatedLocations"] = [dict(location(r.path, r.line, r.column), id=i)
                                          for i, r in enumerate(f.related)]
        if f.item is not None:
            result["properties"] = {"item": f.item}
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "qb", "version": __version__, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _summary(rule_id: str) -> str:
    from questionbank.rules import RULES

    module = RULES.get(rule_id)
    doc = (module.__doc__ or "").strip() if module is not None else ""
    return doc.splitlines()[0] if doc else rule_id


REPORTERS: Dict[str, Callable[..., str]] = {
    "text": text,
    "json": json_report,
    "github": github,
    "sarif": sarif,
}

# The formats that can show counts per rule (--statistics).
STATISTICS_FORMATS = ("text", "json")

__all__: List[str] = ["REPORTERS", "STATISTICS_FORMATS", "summary_line", "per_rule"]
