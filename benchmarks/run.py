"""Measure qb lint against its targets, side by side in one run.

    python -m venv /tmp/qb-bench-venv && /tmp/qb-bench-venv/bin/pip install . -r benchmarks/requirements.txt \
        && /tmp/qb-bench-venv/bin/python benchmarks/run.py

1. cold `qb lint --no-cache` of a 10,000-item bank vs `check-jsonschema
   --schemafile schemas/items.schema.json` on the same files (target <= 1.0);
2. warm `qb lint` after one item file changed vs cold `qb lint` with an empty
   cache (target <= 0.15);
3. cold lint of a 50,000-item bank vs the 10,000-item bank (target <= 6);
4. peak memory of the 50,000-item lint in its largest single process
   (target <= 1 GiB);
5. the real corpora: MMLU through `qb import csv` and OpenTriviaQA through
   benchmarks/corpora/opentriviaqa.py: time, findings per rule, and the known
   duplicates found.

Every timing is the median of --runs runs. The table is printed, and with
--write it replaces the results section of benchmarks/README.md.
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
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Set, Tuple

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPORA = REPO.parent / "shared" / "corpora"
MARK_START = "<!-- results:start -->"
MARK_END = "<!-- results:end -->"


def qb() -> List[str]:
    # The interpreter itself, not a version manager's shim in front of a
    # console script: the shim's start-up is not qb's.
    return [sys.executable, "-m", "questionbank"]


def tool(name: str) -> Optional[str]:
    """A console script beside this interpreter (no shim), else on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def timed(command: Sequence[str], cwd: Path, ok=(0, 1)) -> Tuple[float, str]:
    """Wall seconds and stdout of ``command``."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    return elapsed, done.stdout


def peak_rss_kib(command: Sequence[str], cwd: Path) -> int:
    """Peak RSS of the largest single process of ``command`` (a fresh child
    of a fresh interpreter, so nothing else this script ran is counted)."""
    probe = ("import os, subprocess, sys, resource;"
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    done = subprocess.run([sys.executable, "-c", probe, *command], cwd=cwd, capture_output=True, text=True,
                          check=True)
    return int(done.stdout.strip())


def write_results(table: str, start_mark: str, end_mark: str) -> None:
    """Put ``table`` between two marker comments of benchmarks/README.md."""
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = text.index(start_mark) + len(start_mark), text.index(end_mark)
    readme.write_text(text[:start] + "\n" + table + "\n" + text[end:], encoding="utf-8")


def median_time(command: Sequence[str], cwd: Path, runs: int, before=None, ok=(0, 1)) -> float:
    times = []
    for _ in range(runs):
        if before:
            before()
        times.append(timed(command, cwd, ok)[0])
    return statistics.median(times)


def generate(out: Path, items: int, files: int) -> Path:
    if not (out / "bank.yaml").exists():
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--items", str(items), "--files", str(files),
                        "-o", str(out)], check=True)
    return out


def item_files(bank: Path) -> List[str]:
    return sorted(str(p.relative_to(bank)) for p in (bank / "items").rglob("*.yaml"))


def findings(bank: Path) -> List[dict]:
    out = timed([*qb(), "lint", "--format", "json", "--no-cache", "."], bank)[1]
    return json.loads(out)


def planted_found(bank: Path, found: List[dict]) -> str:
    """"found of planted" per kind of planted copy: a pair counts when each
    item is reported as a duplicate of the other."""
    rows = [line.split("\t") for line in (bank / "planted-duplicates.tsv").read_text().splitlines()[1:]]
    places = {(f["path"], f["line"]): f["item"] for f in found if f["rule"] == "duplicate-item"}
    partners: Dict[str, Set[str]] = {}
    for f in found:
        if f["rule"] == "duplicate-item":
            partners.setdefault(f["item"], set()).update(
                places.get((r["path"], r["line"]), "") for r in f["related"])
    by_kind: Dict[str, List[int]] = {}
    for original, copy, kind, *_ in rows:
        hit = copy in partners.get(original, set()) and original in partners.get(copy, set())
        by_kind.setdefault(kind, [0, 0])
        by_kind[kind][0] += hit
        by_kind[kind][1] += 1
    return ", ".join(f"{kind} {hit} of {total}" for kind, (hit, total) in sorted(by_kind.items()))


def known_groups(tsv: Path, key) -> List[Set[str]]:
    groups: Dict[str, Set[str]] = {}
    rows = [line for line in tsv.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    for row in csv.DictReader(rows, delimiter="\t"):
        groups.setdefault(row["group"], set()).add(key(row))
    return list(groups.values())


def groups_found(groups: List[Set[str]], found: List[dict]) -> int:
    related: Dict[str, Set[str]] = {}
    by_place = {}
    for f in found:
        if f["rule"] == "duplicate-item" and f["item"]:
            by_place[(f["path"], f["line"])] = f["item"]
    for f in found:
        if f["rule"] == "duplicate-item" and f["item"]:
            for r in f["related"]:
                other = by_place.get((r["path"], r["line"]))
                if other:
                    related.setdefault(f["item"], set()).add(other)
    return sum(1 for g in groups if all(related.get(i, set()) >= g - {i} for i in g))


def corpus_rows(work: Path, runs: int) -> List[str]:
    rows = []
    mmlu = work / "mmlu"
    if not (mmlu / "bank.yaml").exists():
        files = sorted(str(p) for p in (CORPORA / "mmlu" / "data").glob("*/*.csv"))
        subprocess.run([*qb(), "import", "csv", "--no-header", *files, "-o", str(mmlu)], check=True,
                       capture_output=True)
    trivia = work / "trivia"
    if not (trivia / "bank.yaml").exists():
        subprocess.run([sys.executable, str(HERE / "corpora" / "opentriviaqa.py"), str(CORPORA / "opentriviaqa"),
                        "-o", str(trivia)], check=True, capture_output=True)
    mmlu_groups = known_groups(CORPORA / "mmlu" / "KNOWN_DUPLICATES.tsv",
                               lambda r: f"{Path(r['file']).stem}-{r['row']}")
    line_ids = {}
    for path in (trivia / "items").glob("*.yaml"):
        category = path.stem
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("- id: "):
                current = line[6:].strip()
            elif line.strip().startswith("x-line: "):
                line_ids[(category, line.split(":", 1)[1].strip().strip("'\""))] = current
    trivia_groups = known_groups(CORPORA / "opentriviaqa" / "KNOWN_DUPLICATES.tsv",
                                 lambda r: line_ids.get((Path(r["file"]).name, r["line_of_#Q"]), "?"))
    for name, bank, groups in (("MMLU", mmlu, mmlu_groups), ("OpenTriviaQA", trivia, trivia_groups)):
        seconds = median_time([*qb(), "lint", "--no-cache", "."], bank, runs)
        found = findings(bank)
        items = sum(1 for p in (bank / "items").rglob("*.yaml")
                    for line in p.read_text(encoding="utf-8").splitlines() if line.startswith(("- id: ", "  - id: ")))
        per_rule = Counter(f["rule"] for f in found)
        flagged_items = {rule: len({f["item"] for f in found if f["rule"] == rule}) for rule in per_rule}
        rules = ", ".join(f"{rule} {flagged_items[rule]} ({100 * flagged_items[rule] / items:.1f}%)"
                          for rule, _ in per_rule.most_common())
        rows.append(f"| {name} | {items:,} | {seconds:.2f} s | {groups_found(groups, found)} of {len(groups)} "
                    f"| {rules} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/qb-bench"))
    parser.add_argument("--write", action="store_true", help="write the table into benchmarks/README.md")
    parser.add_argument("--no-corpora", action="store_true")
    args = parser.parse_args()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    small = generate(work / "bank-10k", 10_000, 100)
    large = generate(work / "bank-50k", 50_000, 500)
    cjs = tool("check-jsonschema")
    if cjs is None:
        raise SystemExit("check-jsonschema is missing: pip install -r benchmarks/requirements.txt")
    version = subprocess.run([cjs, "--version"], capture_output=True, text=True).stdout.strip()
    schema = str(REPO / "schemas" / "items.schema.json")

    lint_cold = [*qb(), "lint", "--no-cache", "."]
    t_qb = median_time(lint_cold, small, args.runs)
    t_cjs = median_time([cjs, "--schemafile", schema, *item_files(small)], small, args.runs)

    def clear_cache() -> None:
        shutil.rmtree(small / ".qb_cache", ignore_errors=True)

    t_cold_cache = median_time([*qb(), "lint", "."], small, args.runs, before=clear_cache)
    target = sorted((small / "items").rglob("*.yaml"))[0]
    original = target.read_text(encoding="utf-8")
    counter = iter(range(10**6))

    def touch_one_file() -> None:
        timed([*qb(), "lint", "."], small)  # the cache is warm
        target.write_text(original.replace("Which", f"Which (v{next(counter)})", 1), encoding="utf-8")

    t_warm = median_time([*qb(), "lint", "."], small, args.runs, before=touch_one_file)
    target.write_text(original, encoding="utf-8")
    t_large = median_time(lint_cold, large, max(1, args.runs // 2))
    rss = peak_rss_kib(lint_cold, large)
    found_small = findings(small)
    planted = planted_found(small, found_small)

    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; {version}; median of {args.runs} runs "
        f"({max(1, args.runs // 2)} for 50k); {time.strftime('%Y-%m-%d')}.",
        "",
        "| # | measure | value | target |",
        "|---|---|---|---|",
        f"| 1 | cold `qb lint --no-cache`, 10k items / 100 files: {t_qb:.2f} s; check-jsonschema: {t_cjs:.2f} s "
        f"| ratio **{t_qb / t_cjs:.2f}** | <= 1.0 |",
        f"| 2 | warm `qb lint` after one file changed: {t_warm:.2f} s; cold with empty cache: {t_cold_cache:.2f} s "
        f"| ratio **{t_warm / t_cold_cache:.2f}** | <= 0.15 |",
        f"| 3 | cold lint, 50k items / 500 files: {t_large:.2f} s; 10k: {t_qb:.2f} s "
        f"| ratio **{t_large / t_qb:.2f}** | <= 6 |",
        f"| 4 | peak memory, 50k lint, largest single process | **{rss / 1024:.0f} MiB** | <= 1024 MiB |",
        "",
        f"Planted duplicates found in the 10k bank: {planted}. "
        f"Findings on the 10k bank by rule: "
        + (", ".join(f"{r} {n}" for r, n in Counter(f["rule"] for f in found_small).most_common()) or "none") + ".",
    ]
    if not args.no_corpora:
        lines += ["", "| corpus | items | cold lint | known duplicate groups found | items flagged per rule (any severity) |",
                  "|---|---|---|---|---|", *corpus_rows(work, max(1, args.runs // 2))]
    table = "\n".join(lines)
    print(table)
    if args.write:
        write_results(table, MARK_START, MARK_END)


if __name__ == "__main__":
    main()
