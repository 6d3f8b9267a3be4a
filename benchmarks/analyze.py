"""Measure qb analyze: speed on 10,000 examinees by 200 items, and how often
the response-aware rules find planted problems in simulated answers.

    python benchmarks/analyze.py [--runs 5] [--seeds 20] [--write]

1. `qb analyze` of a wide CSV of 10,000 examinees by 200 single-answer
   items on two forms (simulated, 2PL), against reading the same CSV with
   Python's csv module in the same run; target: under 2 s;
2. the example bank's practice exam, simulated with planted problems
   (questionbank/analysis/simulate.py) for --seeds seeds at 500 and at 40
   examinees: planted problems reported with their rule, and unplanted items
   flagged by any response-aware rule.

With --write the table replaces the analysis section of benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Tuple

from run import qb, timed  # benchmarks/run.py, beside this script

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MARK_START = "<!-- analyze:start -->"
MARK_END = "<!-- analyze:end -->"
RESPONSE_RULES = {"possible-miskey", "negative-discrimination", "ambiguous-key", "low-discrimination",
                  "nonfunctioning-distractor", "too-easy", "too-hard"}


def large(work: Path) -> Tuple[Path, Path, Path]:
    """A 200-item bank, its two printed forms and 10,000 simulated examinees."""
    root, out, answers = work / "bank-200", work / "out-200", work / "answers-10k.csv"
    if answers.exists():
        return root, out, answers
    (root / "items").mkdir(parents=True, exist_ok=True)
    (root / "exams").mkdir(exist_ok=True)
    (root / "bank.yaml").write_text("title: Analysis benchmark\nformat: 1\n")
    lines = ["items:"]
    for i in range(200):
        lines += [f"  - id: q{i:03d}", "    type: single", f"    stem: Which option answers question {i}?",
                  "    options:"]
        for k in range(4):
            lines.append(f"      - text: Option {k} of question {i}")
            if k == 0:
                lines.append("        correct: true")
    (root / "items" / "bench.yaml").write_text("\n".join(lines) + "\n")
    (root / "exams" / "bench.yaml").write_text("exam:\n  title: Benchmark\n  count: 200\n  seed: 1\n  forms: [A, B]\n")
    timed([*qb(), "render", str(root / "exams" / "bench.yaml"), "-o", str(out), "--force"], work)
    timed([sys.executable, "-m", "questionbank.analysis.simulate", str(out), "-n", "10000", "-o", str(answers)], work)
    return root, out, answers


def cpu_seconds(command: List[str], cwd: Path) -> float:
    """User and system time of a child process: on a shared machine, what
    the run costs whatever else is running."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    timed(command, cwd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


def speed(work: Path, runs: int) -> Tuple[float, float, float, float]:
    """Wall and CPU seconds of qb analyze and of the baseline, medians."""
    root, out, answers = large(work)
    command = [*qb(), "analyze", str(root / "exams" / "bench.yaml"), str(answers), "--forms", str(out)]
    read = [sys.executable, "-c", "import csv,sys; rows=list(csv.reader(open(sys.argv[1], newline='')))",
            str(answers)]
    analyze = statistics.median(timed(command, work)[0] for _ in range(runs))
    cpu = statistics.median(cpu_seconds(command, work) for _ in range(runs))
    baseline = statistics.median(timed(read, work)[0] for _ in range(runs))
    baseline_cpu = statistics.median(cpu_seconds(read, work) for _ in range(runs))
    return analyze, cpu, baseline, baseline_cpu


def detection(work: Path, seeds: int, examinees: int) -> Dict[str, float]:
    """Planted problems found with their rule, and unplanted items flagged."""
    base = work / "loop"
    bank, out = base / "bank", base / "out"
    if not out.exists():
        shutil.rmtree(base, ignore_errors=True)
        shutil.copytree(REPO / "examples" / "aws-data-engineer", bank)
        timed([*qb(), "render", str(bank / "exams" / "practice.yaml"), "-o", str(out)], work)
    found = planted_total = flagged = unplanted_total = 0
    per_rule: Dict[str, List[int]] = {}
    for seed in range(1, seeds + 1):
        answers, planted_file = base / "answers.csv", base / "planted.json"
        timed([sys.executable, "-m", "questionbank.analysis.simulate", str(out), "-n", str(examinees),
               "--seed", str(seed), "-o", str(answers), "--planted", str(planted_file)], work)
        timed([*qb(), "analyze", str(bank / "exams" / "practice.yaml"), str(answers), "--forms", str(out),
               "--write"], work)
        done = subprocess.run([*qb(), "lint", "--format", "json", "."], cwd=bank, capture_output=True, text=True)
        findings = [f for f in json.loads(done.stdout) if f["rule"] in RESPONSE_RULES]
        planted = json.loads(planted_file.read_text())
        rules_of: Dict[str, set] = {}
        for f in findings:
            rules_of.setdefault(f["item"], set()).add(f["rule"])
        for item_id, rule in planted.items():
            hit = rule in rules_of.get(item_id, set())
            found += hit
            per_rule.setdefault(rule, [0, 0])
            per_rule[rule][0] += hit
            per_rule[rule][1] += 1
        planted_total += len(planted)
        items = {q["item_id"] for q in json.loads((out / "form-A.json").read_text())["questions"]}
        unplanted = items - set(planted)
        flagged += len(unplanted & set(rules_of))
        unplanted_total += len(unplanted)
    return {"found": found, "planted": planted_total, "flagged": flagged, "unplanted": unplanted_total,
            "per_rule": per_rule}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--work", type=Path, default=Path("/tmp/qb-bench-analyze"))
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    before = load()
    analyze, cpu, baseline, baseline_cpu = speed(args.work, args.runs)
    rows = [f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
            f"median of {args.runs} runs; load average {before} before and {load()} after the timings; "
            f"{time.strftime('%Y-%m-%d')}.", "",
            "| measure | value | target |", "|---|---|---|",
            f"| `qb analyze`, 10,000 examinees x 200 items (wide CSV, 2 forms): wall time | **{analyze:.2f} s** "
            f"(reading the CSV alone with Python's csv module: {baseline:.2f} s, ratio {analyze / baseline:.1f}) "
            f"| < 2 s |",
            f"| the same, CPU time (user + system) | **{cpu:.2f} s** (the CSV alone: {baseline_cpu:.2f} s, "
            f"ratio {cpu / baseline_cpu:.1f}) | < 2 s |"]
    rows += ["", f"Simulated answers to the example exam (20 items, 4 planted problems), {args.seeds} seeds:", "",
             "| examinees | planted problems reported with their rule | by rule | unplanted items flagged |",
             "|---|---|---|---|"]
    for examinees in (500, 40):
        d = detection(args.work, args.seeds, examinees)
        by_rule = ", ".join(f"{rule} {hit}/{total}" for rule, (hit, total) in sorted(d["per_rule"].items()))
        rows.append(f"| {examinees} | {d['found']} of {d['planted']} | {by_rule} | {d['flagged']} of "
                    f"{d['unplanted']} ({100 * d['flagged'] / d['unplanted']:.1f}%) |")
    table = "\n".join(rows)
    print(table)
    if args.write:
        readme = HERE / "README.md"
        text = readme.read_text(encoding="utf-8")
        start, end = text.index(MARK_START) + len(MARK_START), text.index(MARK_END)
        readme.write_text(text[:start] + "\n" + table + "\n" + text[end:], encoding="utf-8")


if __name__ == "__main__":
    main()
