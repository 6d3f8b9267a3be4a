"""Hostile banks of issue 10 (the read side), measured before and after.

    git archive OLD | tar -x -C /tmp/qb-before
    git archive NEW | tar -x -C /tmp/qb-after
    python benchmarks/untrusted_input.py /tmp/qb-before /tmp/qb-after

Each case builds a bank in a temporary folder and runs ``qb`` from each code
folder (``python -m questionbank`` with that folder first on the path), one
after the other in the same run, reporting wall time, the peak memory of the
process (``wait4``) and the size of what it printed. Every run is capped:
a time limit, and 4 GiB of address space, so a case that once grew without
bound (a link to /dev/zero, a sparse 40 GB image) ends in a MemoryError
instead of taking the shared machine down.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Dict, List, Tuple

MEMORY_CAP = 4 * 1024 ** 3
BANK = "title: t\nformat: 1\ndomains:\n  a: {name: A, weight: 1}\n"
SPEC = "exam: {title: T, count: 1, seed: 1}\n"


def bank(root: Path, items: Dict[str, str], exams: bool = False) -> Path:
    (root / "items").mkdir(parents=True)
    (root / "bank.yaml").write_text(BANK, encoding="utf-8")
    for name, text in items.items():
        (root / "items" / name).write_text(text, encoding="utf-8")
    if exams:
        (root / "exams").mkdir()
        (root / "exams" / "p.yaml").write_text(SPEC, encoding="utf-8")
    return root


def stem_bank(unit: str, size: int) -> Callable[[Path], List[str]]:
    def build(root: Path) -> List[str]:
        stem = unit * (size // len(unit)) + "Which one?"
        items = {"items": [{"id": "q1", "type": "single", "domain": "a", "stem": stem,
                            "options": [{"text": "Alpha", "correct": True}, {"text": "Beta"}]}]}
        bank(root, {"a.yaml": json.dumps(items)})
        return ["lint", "--no-cache", str(root)]
    return build


def same_id(root: Path) -> List[str]:
    bank(root, {"a.yaml": "items:\n" + "".join(
        f"  - {{id: same, type: open, domain: a, stem: 'What is step {i}?', answer: 'Step {i}.'}}\n"
        for i in range(4000))})
    return ["lint", "--no-cache", str(root)]


def suppressions(comment: bool) -> Callable[[Path], List[str]]:
    def build(root: Path) -> List[str]:
        lines = ["items:"]
        for i in range(10_000):
            lines.append(f"  - id: q{i}" + ("  # qb: disable=missing-rationale" if comment else ""))
            lines.append(f"    type: single\n    domain: a\n    stem: Which option {i} is right for case {i}?\n"
                         f"    options:\n      - text: Alpha {i}\n        correct: true\n      - text: Beta {i}")
        bank(root, {"a.yaml": "\n".join(lines) + "\n"})
        return ["lint", "--no-cache", str(root)]
    return build


def deep(levels: int) -> Callable[[Path], List[str]]:
    def build(root: Path) -> List[str]:
        bank(root, {"a.yaml": "x: " + "[" * levels + "]" * levels + "\n"})
        return ["lint", "--no-cache", str(root)]
    return build


def dev_zero(root: Path) -> List[str]:
    bank(root, {})
    os.symlink("/dev/zero", root / "items" / "zero.yaml")
    return ["lint", "--no-cache", str(root)]


def fifo(root: Path) -> List[str]:
    bank(root, {})
    os.mkfifo(root / "items" / "new.yaml")
    return ["lint", "--no-cache", str(root)]


def sparse_image(root: Path) -> List[str]:
    bank(root, {"a.yaml": "items:\n  - id: q1\n    type: open\n    domain: a\n"
                          "    stem: \"![big](img/big.png) What is it?\"\n    answer: A.\n"}, exams=True)
    (root / "items" / "img").mkdir()
    with open(root / "items" / "img" / "big.png", "wb") as f:
        f.truncate(40 * 1024 ** 3)
    return ["render", str(root / "exams" / "p.yaml"), "-o", str(root.parent / "out")]


CASES: List[Tuple[str, Callable[[Path], List[str]], int]] = [
    ("stem '*a ' x n, 60 KB (lint)", stem_bank("*a ", 60_000), 300),
    ("stem '*a ' x n, 300 KB (lint)", stem_bank("*a ", 300_000), 300),
    ("stem '<a ' x n, 300 KB (lint)", stem_bank("<a ", 300_000), 300),
    ("stem '[a](' x n, 160 KB (lint)", stem_bank("[a](", 160_000), 300),
    ("stem '*a ' x n, 1 MB (lint)", stem_bank("*a ", 1_000_000), 300),
    ("4,000 items sharing one id (lint)", same_id, 300),
    ("10,000 items, no suppression comment (lint)", suppressions(False), 300),
    ("10,000 items, one `# qb: disable=` each (lint)", suppressions(True), 600),
    ("40,000 levels of nesting, 80 KB (lint)", deep(40_000), 300),
    ("items/zero.yaml -> /dev/zero (lint)", dev_zero, 60),
    ("items/new.yaml a FIFO (lint)", fifo, 30),
    ("a sparse 40 GB image (render)", sparse_image, 120),
]


def cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run(code: Path, args: List[str], timeout: int) -> str:
    env = dict(os.environ, PYTHONPATH=str(code))
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([sys.executable, "-m", "questionbank", *args], stdout=out,
                                stderr=subprocess.STDOUT, env=env, preexec_fn=cap_memory)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = -9
                return f"killed after {timeout} s; {usage.ru_maxrss / 1024:,.0f} MiB"
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        size = out.tell()
        out.seek(max(0, size - 300))
        tail = out.read().decode("utf-8", "replace")
    crash = " (MemoryError)" if "MemoryError" in tail else " (internal error)" if "internal error" in tail else ""
    return (f"{seconds:,.1f} s, {usage.ru_maxrss / 1024:,.0f} MiB, {size / 1024 ** 2:,.1f} MB out, "
            f"exit {proc.returncode}{crash}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--only", help="run the cases whose name holds this text")
    options = parser.parse_args()
    print("| case | before | after |\n|---|---|---|")
    for name, build, timeout in CASES:
        if options.only and options.only not in name:
            continue
        cells = []
        for code in (options.before, options.after):
            work = Path(tempfile.mkdtemp(prefix="qb-untrusted-"))
            try:
                cells.append(run(code, build(work / "bank"), timeout))
            finally:
                shutil.rmtree(work, ignore_errors=True)
        print(f"| {name} | {cells[0]} | {cells[1]} |", flush=True)


if __name__ == "__main__":
    main()
