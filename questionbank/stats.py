"""What a bank holds against its blueprint: items per domain, type,
difficulty and tag, and how many full exams it can fill without reusing
an item."""

from __future__ import annotations

from collections import Counter
from typing import Any, Dict, List, Optional, Tuple

from questionbank.assemble import AssemblyError, apportion
from questionbank.bank import Bank
from questionbank.spec import bank_blueprint

DEFAULT_COUNT = 65  # the length of most certification exams
TEXT_TAGS = 15  # the text format shows the most frequent tags only


def exam_count(bank: Bank, count: Optional[int] = None) -> Tuple[int, str]:
    """The exam length to measure against and where it comes from: the
    given count, else the first exam spec's count, else DEFAULT_COUNT."""
    if count is not None:
        return count, "--count"
    for path in sorted(bank.exams):
        data = bank.exams[path]
        exam = data.get("exam") if isinstance(data, dict) else None
        if isinstance(exam, dict) and isinstance(exam.get("count"), int) and exam["count"] > 0:
            where = path.relative_to(bank.root).as_posix() if path.is_relative_to(bank.root) else str(path)
            return exam["count"], where
    return DEFAULT_COUNT, "default"


def _counts(values) -> Dict[str, int]:
    """Counts, most frequent first, then by name: stable output."""
    return dict(sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0])))


def bank_stats(bank: Bank, count: Optional[int] = None) -> Dict[str, Any]:
    n, source = exam_count(bank, count)
    blueprint = bank_blueprint(bank.domains)
    total_weight = sum(w for _, w in blueprint)
    items = bank.items
    per_domain = Counter(item.domain for item in items)
    try:
        quotas: Optional[Dict] = apportion(n, blueprint)
        problem = None
    except AssemblyError as exc:
        quotas, problem = None, str(exc)
    domains: List[Dict[str, Any]] = []
    for domain, weight in blueprint:
        entry = bank.domains.get(domain)
        quota = quotas.get(domain) if quotas else None
        domains.append({
            "id": domain,
            "name": entry.get("name", domain) if isinstance(entry, dict) else domain,
            "weight": weight,
            "weight_percent": round(100 * weight / total_weight, 1) if total_weight else 0.0,
            "items": per_domain.get(domain, 0),
            "items_percent": round(100 * per_domain.get(domain, 0) / len(items), 1) if items else 0.0,
            "per_exam": quota,
            "full_exams": per_domain.get(domain, 0) // quota if quota else None,
        })
    outside = [item.id or "(no id)" for item in items if item.domain not in bank.domains] if bank.domains else []
    # For one more full exam: the items each domain lacks.
    needed: Dict[str, int] = {}
    if quotas is None:
        full = None
    elif None in quotas:  # no blueprint: one pool
        full = len(items) // n
        needed = {"(all)": (full + 1) * n - len(items)}
    else:
        fills = [d["full_exams"] for d in domains if d["full_exams"] is not None]
        full = min(fills) if fills else 0
        needed = {d["id"]: (full + 1) * d["per_exam"] - d["items"] for d in domains
                  if d["per_exam"] and (full + 1) * d["per_exam"] > d["items"]}
    return {
        "bank": bank.title,
        "items": len(items),
        "exam_items": n,
        "exam_items_from": source,
        "full_exams": full,
        "needed_for_one_more": needed,
        "problem": problem,
        "domains": domains,
        "outside_blueprint": len(outside),
        # The items above, by id: no domain, or one bank.yaml does not declare.
        "outside_blueprint_items": outside,
        "types": _counts(item.type or "(none)" for item in items),
        "difficulty": _counts(item.difficulty or "(none)" for item in items),
        "tags": _counts(tag for item in items for tag in item.tags),
    }


def format_text(stats: Dict[str, Any]) -> str:
    lines = [f"{stats['bank']}: {stats['items']} items", ""]
    header = ("domain", "weight", "items", "of bank", f"per exam of {stats['exam_items']}", "full exams")
    rows = [header] + [(d["id"], f"{d['weight_percent']:g}%", str(d["items"]), f"{d['items_percent']:g}%",
                        "-" if d["per_exam"] is None else str(d["per_exam"]),
                        "-" if d["full_exams"] is None else str(d["full_exams"])) for d in stats["domains"]]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for row in rows:
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
    outside = stats["outside_blueprint_items"]
    if outside:
        one = len(outside) == 1
        named = ", ".join(outside[:TEXT_TAGS]) + (f" and {len(outside) - TEXT_TAGS} more" if len(outside) > TEXT_TAGS
                                                 else "")
        lines.append(f"{len(outside)} item{'' if one else 's'} {'has' if one else 'have'} no domain of bank.yaml "
                     f"and {'is' if one else 'are'} never drawn: {named}")
    lines.append("")
    for key in ("types", "difficulty", "tags"):
        counts = list(stats[key].items())
        shown = ", ".join(f"{k} {v}" for k, v in counts[:TEXT_TAGS]) or "none"
        more = f" and {len(counts) - TEXT_TAGS} more (--format json lists them)" if len(counts) > TEXT_TAGS else ""
        lines.append(f"{key}: {shown}{more}")
    lines.append("")
    where = f" (from {stats['exam_items_from']})" if stats["exam_items_from"] != "--count" else ""
    if stats["full_exams"] is None:
        lines.append(f"Full exams of {stats['exam_items']} items: cannot tell: {stats['problem']}")
    else:
        lines.append(f"Full exams of {stats['exam_items']} items{where} without reusing an item: "
                     f"{stats['full_exams']}")
        lacking = ", ".join(f"{d} {k}" for d, k in stats["needed_for_one_more"].items())
        lines.append(f"For one more, the bank lacks: {lacking}")
    return "\n".join(lines) + "\n"
