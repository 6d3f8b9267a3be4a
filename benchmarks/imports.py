"""Measure `qb import` against `qb lint` on the same items, in one run.

    python -m venv /tmp/qb-bench-venv && /tmp/qb-bench-venv/bin/pip install . \
        && /tmp/qb-bench-venv/bin/python benchmarks/imports.py

The 10,000-item synthetic bank of generate.py is exported with `qb export`
to CSV, GIFT and Moodle XML (and written as Aiken from the CSV); then:

1. `qb import FORMAT` of each 10k file against cold `qb lint --no-cache` of
   the bank it came from (target: ratio at most 1.0, "at the speed of lint");
2. the CSV and GIFT files repeated ten times (100,000 questions, ids made
   unique) against the 10k import (target at most 12; linear is 10);
3. peak memory of the 100k imports (target at most 512 MiB);
4. an Aiken question of 200,000 continuation lines against 200,000 lines of
   ordinary Aiken questions (target at most 3: linear, not quadratic).

Every timing is the median of --runs runs. With --write the table replaces
the import results section of benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import sys
import time
from pathlib import Path
from typing import List

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import generate, median_time, peak_rss_kib, qb, timed, write_results  # noqa: E402

MARK_START = "<!-- imports:start -->"
MARK_END = "<!-- imports:end -->"
FORMATS = (("csv", "csv"), ("gift", "gift"), ("moodle", "xml"), ("aiken", "txt"))


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
    repeated_csv(inputs / "10k.csv", inputs / "100k.csv", 10)
    repeated_gift(inputs / "10k.gift", inputs / "100k.gift", 10)
    aiken_lines(inputs / "continued.txt", 200_000, True)
    aiken_lines(inputs / "plain.txt", 200_000, False)
    out = work / "import-out"

    def importing(fmt: str, name: str) -> List[str]:
        return [*qb(), "import", fmt, str(inputs / name), "-o", str(out)]

    def clear() -> None:
        shutil.rmtree(out, ignore_errors=True)

    t_lint = median_time([*qb(), "lint", "--no-cache", "."], bank, args.runs)
    rows = []
    small = {}
    for fmt, ext in FORMATS:
        small[fmt] = median_time(importing(fmt, f"10k.{ext}"), work, args.runs, before=clear, ok=(0,))
        rows.append(f"| 1 | `qb import {fmt}`, 10k questions: {small[fmt]:.2f} s; cold lint of the bank: {t_lint:.2f} s "
                    f"| ratio **{small[fmt] / t_lint:.2f}** | <= 1.0 |")
    for fmt, ext in FORMATS[:2]:
        large = median_time(importing(fmt, f"100k.{ext}"), work, max(1, args.runs // 2), before=clear, ok=(0,))
        rows.append(f"| 2 | `qb import {fmt}`, 100k questions: {large:.2f} s; 10k: {small[fmt]:.2f} s "
                    f"| ratio **{large / small[fmt]:.2f}** | <= 12 |")
    for fmt, ext in FORMATS[:2]:
        clear()
        rss = peak_rss_kib(importing(fmt, f"100k.{ext}"), work)
        rows.append(f"| 3 | peak memory, `qb import {fmt}` of 100k questions | **{rss / 1024:.0f} MiB** | <= 512 MiB |")
    continued = median_time(importing("aiken", "continued.txt"), work, args.runs, before=clear, ok=(0,))
    plain = median_time(importing("aiken", "plain.txt"), work, args.runs, before=clear, ok=(0,))
    rows.append(f"| 4 | `qb import aiken`, one option of 200k lines: {continued:.2f} s; 200k lines of questions: "
                f"{plain:.2f} s | ratio **{continued / plain:.2f}** | <= 3 |")
    clear()
    table = "\n".join([
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; median of {args.runs} runs ({max(1, args.runs // 2)} for 100k); "
        f"{time.strftime('%Y-%m-%d')}.",
        "",
        "| # | measure | value | target |",
        "|---|---|---|---|",
        *rows,
    ])
    print(table)
    if args.write:
        write_results(table, MARK_START, MARK_END)


if __name__ == "__main__":
    main()
