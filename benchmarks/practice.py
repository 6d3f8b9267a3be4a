"""Measure the practice page against its budgets, in one run.

    python -m venv /tmp/qb-bench-venv && /tmp/qb-bench-venv/bin/pip install . -r benchmarks/requirements.txt \
        && /tmp/qb-bench-venv/bin/python benchmarks/practice.py

The example bank with all 53 items on one form (a copy of it with a spec
that draws every item) is rendered with --practice, and:

1. the size of practice-A.html (budget: under 500 KB);
2. in headless Chromium (the system's, through Playwright), the time from
   navigation until the first question can be answered (budget: 1 s): the
   page's `qb-practice-ready` mark (the start screen works), plus the time
   from the click on "Study mode" to the `qb-practice-question` mark (the
   first question is shown), both read from the Performance API;
3. the same after a reload that resumes an attempt in progress;
4. as a baseline from the same run, Chromium's loadEventEnd for the printed
   exam-A.html of the same 53 items: the ratio says what the page costs
   beyond showing the same content.

Every figure is the median of --runs fresh browser contexts.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
EXAMPLE = REPO / "examples" / "aws-data-engineer"
MARK_START = "<!-- practice:start -->"
MARK_END = "<!-- practice:end -->"
SIZE_BUDGET = 500 * 1000
TIME_BUDGET_MS = 1000
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-dev-shm-usage", "--no-first-run"]


def whole_bank_exam(work: Path) -> Path:
    """A copy of the example bank with a spec that puts every item on form A."""
    sys.path.insert(0, str(REPO))
    from questionbank.bank import load_bank

    bank = work / "bank"
    shutil.copytree(EXAMPLE, bank)
    counts: Dict[str, int] = {}
    for item in load_bank(bank).items:
        counts[item.domain] = counts.get(item.domain, 0) + 1
    blueprint = ", ".join(f"{d}: {{count: {n}}}" for d, n in counts.items())
    spec = bank / "exams" / "whole.yaml"
    spec.write_text(f"exam:\n  title: Whole bank\n  count: {sum(counts.values())}\n  time_limit: 130\n"
                    f"  pass_mark: 70\n  seed: 1\n  blueprint: {{{blueprint}}}\n", encoding="utf-8")
    return spec


def render(spec: Path, out: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "questionbank", "render", str(spec), "-o", str(out), "--practice"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"qb render failed:\n{done.stdout}{done.stderr}")


READY = "() => performance.getEntriesByName('qb-practice-ready')[0].startTime"
# The click's time in the page's own clock, then the first question's mark.
CLICK = """() => new Promise(resolve => {
  let clicked = 0;
  document.addEventListener('click', () => { clicked = performance.now(); }, {capture: true, once: true});
  new PerformanceObserver((list, observer) => {
    const mark = list.getEntriesByName('qb-practice-question')[0];
    if (mark) { observer.disconnect(); resolve(mark.startTime - clicked); }
  }).observe({type: 'mark', buffered: false});
  document.querySelector('[data-action="start-study"]').click();
})"""


def measure(browser, page_url: str, print_url: str, runs: int) -> Dict[str, float]:
    samples: Dict[str, List[float]] = {"ready": [], "start": [], "resume": [], "print": []}
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        page.goto(page_url)
        page.wait_for_function("() => performance.getEntriesByName('qb-practice-ready').length > 0")
        samples["ready"].append(page.evaluate(READY))
        samples["start"].append(page.evaluate(CLICK))
        page.locator('label[for$="-o1"]:visible').first.click()
        page.reload()
        page.wait_for_function("() => performance.getEntriesByName('qb-practice-ready').length > 0")
        samples["resume"].append(page.evaluate(READY))
        page.goto(print_url)
        page.wait_for_load_state("load")
        samples["print"].append(page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd"))
        context.close()
    return {k: statistics.median(v) for k, v in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--write", action="store_true", help="write the table into benchmarks/README.md")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="qb-practice-bench-") as tmp:
        work = Path(tmp)
        out = work / "out"
        render(whole_bank_exam(work), out)
        page_file, print_file = out / "practice-A.html", out / "exam-A.html"
        size = page_file.stat().st_size
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
            version = browser.version
            ms = measure(browser, page_file.as_uri(), print_file.as_uri(), args.runs)
            browser.close()
    interactive = ms["ready"] + ms["start"]
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Chromium {version}; median of {args.runs} fresh browser contexts; load average "
        f"{os.getloadavg()[0]:.1f}; {time.strftime('%Y-%m-%d')}.",
        "",
        "| # | measure | value | budget |",
        "|---|---|---|---|",
        f"| 1 | practice-A.html, 53 items on one form | **{size / 1000:.0f} KB** ({size:,} bytes) | < 500 KB |",
        f"| 2 | navigation to first question answerable: ready {ms['ready']:.0f} ms + \"Study mode\" to question "
        f"shown {ms['start']:.0f} ms | **{interactive:.0f} ms** | < 1000 ms |",
        f"| 3 | reload resuming an attempt, navigation to ready | **{ms['resume']:.0f} ms** | < 1000 ms |",
        f"| 4 | printed exam-A.html of the same items, navigation to load end: {ms['print']:.0f} ms "
        f"| ratio **{interactive / ms['print']:.2f}** | |",
    ]
    table = "\n".join(lines)
    print(table)
    failed = size >= SIZE_BUDGET or interactive >= TIME_BUDGET_MS or ms["resume"] >= TIME_BUDGET_MS
    if args.write:
        readme = HERE / "README.md"
        text = readme.read_text(encoding="utf-8")
        start, end = text.index(MARK_START) + len(MARK_START), text.index(MARK_END)
        readme.write_text(text[:start] + "\n" + table + "\n" + text[end:], encoding="utf-8")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
