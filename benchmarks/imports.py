"""Measure `qb import` against `qb lint` of the same items, in one run.

    python -m venv /tmp/qb-bench-venv && /tmp/qb-bench-venv/bin/pip install . \
        && /tmp/qb-bench-venv/bin/python benchmarks/imports.py [--write]

The 10,000-item synthetic bank of generate.py is exported with `qb export`
to CSV, GIFT and Moodle XML (and written as Aiken from the CSV: the
single-key items only); each file is also repeated ten times (100,000
questions, ids made unique). Then, per format and size:

1. `qb import FORMAT`: wall time, CPU time and peak memory;
2. the baseline: cold `qb lint --no-cache` of the bank `qb import csv` wrote
   from the same rows (the same items; Aiken holds a subset of them), the
   command an author runs next;
3. the ratios import / lint. Targets: time at most 1.0 ("at the speed of
   lint"); 100k against 10k at most 12 (linear is 10); peak memory of a
   100k import at most that of the 10k import plus 64 MiB (streaming: the
   memory does not grow with the file).

Last, an Aiken question of 200,000 continuation lines against 200,000 lines
of ordinary Aiken questions (target at most 3: linear, not quadratic).

Timings are medians of --runs runs (one run for 100k); CPU time is the
child's user + system time, which a loaded machine disturbs less than wall
time. With --write the table replaces the import results section of
benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, NamedTuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import generate, qb, timed, write_results  # noqa: E402

MARK_START = "<!-- imports:start -->"
MARK_END = "<!-- imports:end -->"
FORMATS = (("csv", "csv"), ("gift", "gift"), ("moodle", "xml"), ("aiken", "txt"))
SIZES = ((10_000, "10k"), (100_000, "100k"))


class Measure(NamedTuple):
    wall: float  # seconds
    cpu: float  # seconds, user + system
    rss: float  # MiB, peak of the largest process


# Runs the command given after it; prints its wall time, CPU time and peak
# memory (a fresh interpreter, so nothing this script ran is counted).
_PROBE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([done.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
                  done.stderr.decode(errors="replace")[-2000:]]))
"""


def measure(command: List[str], cwd: Path, runs: int, before=None, ok=(0,)) -> Measure:
    """Medians of ``runs`` runs of ``command`` (the largest peak memory)."""
    walls, cpus, rss = [], [], 0
    for _ in range(runs):
        if before:
            before()
        done = subprocess.run([sys.executable, "-c", _PROBE, *command], cwd=cwd, capture_output=True, text=True,
                              check=True)
        code, wall, cpu, peak, stderr = json.loads(done.stdout)
        if code not in ok:
            raise SystemExit(f"{' '.join(command)} exited {code}:\n{stderr}")
        walls.append(wall)
        cpus.append(cpu)
        rss = max(rss, peak)
    return Measure(statistics.median(walls), statistics.median(cpus), rss / 1024)


def aiken_from_csv(source: Path, target: Path) -> None:
    """The single-key questions of a qb CSV export as Aiken."""
    lines: List[str] = []
    with source.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            options = [(c, row[c]) for c in "ABCDEF" if row.get(c)]
            if len(options) < 2 or "," in row["answer"]:
                continue
            lines.append(" ".join(row["question"].split()))
            lines += [f"{c}. {' '.join(text.split())}" for c, text in options]
            lines += [f"ANSWER: {row['answer']}", ""]
    target.write_text("\n".join(lines), encoding="utf-8")


def repeated_csv(source: Path, target: Path, times: int) -> None:
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        for copy in range(times):
            for row in rows:
                writer.writerow(dict(row, id=f"{row['id']}-c{copy}"))


def repeated_gift(source: Path, target: Path, times: int) -> None:
    text = source.read_text(encoding="utf-8")
    with target.open("w", encoding="utf-8") as handle:
        for copy in range(times):
            handle.write(text.replace("// [id:", f"// [id:c{copy}-").replace("\n::", f"\n::c{copy}-") + "\n\n")


def repeated_moodle(source: Path, target: Path, times: int) -> None:
    text = source.read_text(encoding="utf-8")
    head, body = text.split("<quiz>", 1)
    body = body.rsplit("</quiz>", 1)[0]
    with target.open("w", encoding="utf-8") as handle:
        handle.write(head + "<quiz>")
        for copy in range(times):
            handle.write(body.replace("<idnumber>", f"<idnumber>c{copy}-"))
        handle.write("</quiz>\n")


def repeated_aiken(source: Path, target: Path, times: int) -> None:
    text = source.read_text(encoding="utf-8")
    target.write_text("\n\n".join([text] * times), encoding="utf-8")


REPEAT = {"csv": repeated_csv, "gift": repeated_gift, "moodle": repeated_moodle, "aiken": repeated_aiken}


def aiken_lines(target: Path, lines: int, continued: bool) -> None:
    with target.open("w", encoding="utf-8") as handle:
        if continued:
            handle.write("One question?\nA. An option that goes on\n" + "and on\n" * lines + "B. Other\nANSWER: A\n")
        else:
            for n in range(lines // 5):
                handle.write(f"Question {n}?\nA. yes\nB. no\nANSWER: A\n\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/qb-bench"))
    parser.add_argument("--write", action="store_true", help="write the table into benchmarks/README.md")
    args = parser.parse_args()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    bank = generate(work / "bank-10k", 10_000, 100)
    inputs = work / "import-inputs"
    inputs.mkdir(exist_ok=True)
    for fmt, ext in FORMATS[:3]:
        if not (inputs / f"10k.{ext}").exists():
            timed([*qb(), "export", fmt, str(bank), "-o", str(inputs / f"10k.{ext}")], work, ok=(0,))
    aiken_from_csv(inputs / "10k.csv", inputs / "10k.txt")
    for fmt, ext in FORMATS:
        REPEAT[fmt](inputs / f"10k.{ext}", inputs / f"100k.{ext}", 10)
    aiken_lines(inputs / "continued.txt", 200_000, True)
    aiken_lines(inputs / "plain.txt", 200_000, False)
    out = work / "import-out"

    def clear() -> None:
        shutil.rmtree(out, ignore_errors=True)

    def importing(fmt: str, name: str) -> List[str]:
        return [*qb(), "import", fmt, str(inputs / name), "-o", str(out)]

    rows = []
    results: Dict[str, Dict[str, Measure]] = {}
    for size, label in SIZES:
        runs = args.runs if size == 10_000 else 1
        results[label] = {}
        for fmt, ext in FORMATS:
            results[label][fmt] = measure(importing(fmt, f"{label}.{ext}"), work, runs, before=clear)
            if fmt == "csv":  # the baseline: lint of what the CSV import wrote
                lint = measure([*qb(), "lint", "--no-cache", str(out)], work, runs, ok=(0, 1))
                results[label]["lint"] = lint
        lint = results[label]["lint"]
        rows.append(f"| cold `qb lint --no-cache` of the {label} imported items (baseline) | {lint.wall:.2f} s | "
                    f"{lint.cpu:.2f} s | {lint.rss:.0f} MiB | | | |")
        for fmt, _ in FORMATS:
            m = results[label][fmt]
            rows.append(f"| `qb import {fmt}`, {label} questions | {m.wall:.2f} s | {m.cpu:.2f} s | {m.rss:.0f} MiB "
                        f"| **{m.wall / lint.wall:.2f}** | **{m.cpu / lint.cpu:.2f}** | **{m.rss / lint.rss:.2f}** |")
    clear()
    growth = []
    for fmt, _ in FORMATS:
        small, large = results["10k"][fmt], results["100k"][fmt]
        growth.append(f"| `qb import {fmt}` | **{large.cpu / small.cpu:.2f}** (<= 12) "
                      f"| {small.rss:.0f} -> {large.rss:.0f} MiB (**{large.rss - small.rss:+.0f} MiB**, <= +64) |")
    continued = measure(importing("aiken", "continued.txt"), work, args.runs, before=clear)
    plain = measure(importing("aiken", "plain.txt"), work, args.runs, before=clear)
    clear()
    table = "\n".join([
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; median of {args.runs} runs (1 for 100k); load average "
        f"{os.getloadavg()[0]:.1f}; {time.strftime('%Y-%m-%d')}.",
        "",
        "| measure | wall | CPU | peak memory | wall / lint | CPU / lint | memory / lint |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
        "Target: every ratio to lint at most 1.0.",
        "",
        "| 100k against 10k | CPU time ratio (linear: 10) | peak memory |",
        "|---|---|---|",
        *growth,
        "",
        f"Aiken, one option of 200k continuation lines: {continued.cpu:.2f} s CPU; 200k lines of ordinary "
        f"questions: {plain.cpu:.2f} s CPU; ratio **{continued.cpu / plain.cpu:.2f}** (<= 3: linear).",
    ])
    print(table)
    if args.write:
        write_results(table, MARK_START, MARK_END)


if __name__ == "__main__":
    main()
