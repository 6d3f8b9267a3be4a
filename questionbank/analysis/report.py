"""``qb analyze --report FILE.html``: one self-contained page of the
analysis. Charts are inline SVG, styles inline, and a Content-Security-
Policy forbids every request, so the page shows the same offline and
cannot call out. Bank text reaches it only through Jinja's autoescaping."""

from __future__ import annotations

from typing import Any, Dict, List

from questionbank.analysis import charts
from questionbank.analysis.run import Outcome
from questionbank.render import environment
from questionbank.rules._responses import option_name

TEMPLATE = "analysis-report.html"


def _excerpt(text: str, limit: int) -> str:
    """The Markdown source, shortened; raw HTML in it shows as text."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "\u2026"


def report_html(outcome: Outcome) -> str:
    from questionbank import rules as registry

    stats = outcome.analysis.stats
    items = stats["items"]
    flagged = set(outcome.flagged())
    order = sorted(items, key=lambda i: i not in flagged)  # stable: flagged first, each in the table's order
    max_score = float(len(items))
    guides = [("y", 0.0, "r = 0")]
    for rule_id, axis, option, caption in (("low-discrimination", "y", "min-r", "low r"),
                                           ("too-hard", "x", "min-p", "hard"), ("too-easy", "x", "max-p", "easy")):
        guides.append((axis, registry.RULES[rule_id].OPTIONS[option], caption))
    cards: List[Dict[str, Any]] = []
    for item_id in order:
        entry = items[item_id]
        item = outcome.items.get(item_id)
        texts = {o.id: o.text for o in item.options} if item is not None and \
            item.content_hash == entry["content_hash"] else {}
        trace = outcome.analysis.traces.get(item_id, {})
        series = [(oid, trace.get(oid, []), o["key"]) for oid, o in entry["options"].items()]
        if not series and trace.get("score"):
            series = [("mean score", trace["score"], True)]
        cards.append({
            "id": item_id,
            "entry": entry,
            "stem": _excerpt(item.stem, 400) if item is not None else "(no longer in the bank)",
            "raised": [(rule, v.message) for rule, v in outcome.verdicts.get(item_id, []) if v.raised],
            "waiting": [(rule, v.message) for rule, v in outcome.verdicts.get(item_id, []) if not v.raised],
            "silent": outcome.silent.get(item_id),
            "trace": charts.trace_lines(series, f"Trace lines of {item_id}") if series else None,
            "options": [{"id": oid, "name": option_name(oid), "text": _excerpt(texts.get(oid, ""), 120),
                         "fifths": trace.get(oid, []), **o} for oid, o in entry["options"].items()],
        })
    points = [(i, items[i]["p"], items[i]["r"], i in flagged) for i in order]
    return environment().get_template(TEMPLATE).render(
        outcome=outcome, stats=stats, test=stats["test"], cards=cards, flagged=flagged,
        histogram=charts.histogram(list(outcome.analysis.totals), max_score),
        scatter=charts.scatter(points, guides), notes=outcome.notes,
        generator=f"qb {__import__('questionbank').__version__}")
