"""Recall and precision of `duplicate-item` on planted copies, by edit type.

    python benchmarks/duplicates.py [--sizes 10000 50000] [--vocabularies realistic small] [--write]

For each size and vocabulary, generate.py writes a bank with planted pairs in
equal numbers of each kind (its docstring lists them), `qb lint --no-cache
--format json` lints it, and a pair counts as found when each of its two
items is reported by `duplicate-item` (as a duplicate or a conflicting copy)
naming the other. Copy kinds should be found; `variant` and `generic` pairs
should not. Findings that name no planted pair ("other") are listed too:
in a synthetic bank they are chance look-alikes, which the rule should not
report. With --write the table replaces the one between the markers in
questionbank/rules/duplicate_item.py's docstring (the rule's docs).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Set, Tuple

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RULE = REPO / "questionbank" / "rules" / "duplicate_item.py"
MARK_START = "<!-- planted:start -->"
MARK_END = "<!-- planted:end -->"
sys.path.insert(0, str(HERE))

from generate import KINDS  # noqa: E402


def make_bank(work: Path, items: int, vocabulary: str) -> Path:
    out = work / f"{vocabulary}-{items}"
    if not (out / "bank.yaml").exists():
        # 100 pairs of each kind per 10,000 items (9 % of the bank planted).
        pairs = len(KINDS) * 100 * max(1, items // 10_000)
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--items", str(items), "--files",
                        str(max(1, items // 100)), "--duplicates", str(pairs), "--vocabulary", vocabulary,
                        "-o", str(out)], check=True, capture_output=True)
    return out


def lint(bank: Path) -> Tuple[List[dict], float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "questionbank", "lint", "--no-cache", "--format", "json", "."],
                          cwd=bank, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr[-2000:])
    return [f for f in json.loads(done.stdout) if f["rule"] == "duplicate-item"], elapsed


def partners(found: List[dict]) -> Dict[str, Set[str]]:
    """Item id -> the ids its duplicate-item findings name."""
    at = {(f["path"], f["line"]): f["item"] for f in found}
    named: Dict[str, Set[str]] = {}
    for f in found:
        named.setdefault(f["item"], set()).update(at.get((r["path"], r["line"]), "?") for r in f["related"])
    return named


def measure(bank: Path) -> Tuple[Dict[str, Tuple[int, int]], int, int, float]:
    found, seconds = lint(bank)
    reported = [f for f in found if f["severity"] in ("warning", "error")]
    named = partners(reported)
    rows = [line.split("\t") for line in (bank / "planted-duplicates.tsv").read_text().splitlines()[1:]]
    by_kind: Dict[str, List[int]] = {}
    planted: Set[str] = set()
    for original, copy, kind, _ in rows:
        hit = copy in named.get(original, set()) and original in named.get(copy, set())
        counts = by_kind.setdefault(kind, [0, 0])
        counts[0] += hit
        counts[1] += 1
        planted.update((original, copy))
    other = [f for f in reported if f["item"] not in planted]
    items = sum(1 for _ in (bank / "items").rglob("*.yaml")) and sum(
        p.read_text(encoding="utf-8").count("\n  id: ") + p.read_text(encoding="utf-8").count("\n- id: ")
        for p in (bank / "items").rglob("*.yaml"))
    return {k: (v[0], v[1]) for k, v in by_kind.items()}, len(other), items, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--vocabularies", nargs="+", default=["realistic", "small"])
    parser.add_argument("--work", type=Path, default=Path("/tmp/qb-bench/planted"))
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    columns = [(size, vocab) for size in args.sizes for vocab in args.vocabularies]
    results = {}
    for size, vocab in columns:
        results[(size, vocab)] = measure(make_bank(args.work, size, vocab))
        print(f"{vocab} {size}: {results[(size, vocab)]}", file=sys.stderr)
    head = "| edit | target | " + " | ".join(f"{s // 1000}k {v}" for s, v in columns) + " |"
    lines = [head, "|---|---|" + "---|" * len(columns)]
    for kind in KINDS:
        target = "<= 2 %" if kind in ("variant", "generic") else ">= 95 %"
        cells = []
        for column in columns:
            hit, total = results[column][0].get(kind, (0, 0))
            cells.append(f"{hit} of {total} ({100 * hit / max(total, 1):.0f} %)")
        lines.append(f"| {kind} | {target} | " + " | ".join(cells) + " |")
    lines.append("| items reported outside the planted pairs | - | "
                 + " | ".join(f"{results[c][1]} of {results[c][2]:,}" for c in columns) + " |")
    lines.append("| lint time, all rules, no cache | - | " + " | ".join(f"{results[c][3]:.1f} s" for c in columns) + " |")
    table = "\n".join(lines)
    print(table)
    if args.write:
        text = RULE.read_text(encoding="utf-8")
        start, end = text.index(MARK_START) + len(MARK_START), text.index(MARK_END)
        RULE.write_text(text[:start] + "\n" + table + "\n" + text[end:], encoding="utf-8")


if __name__ == "__main__":
    main()
