"""Headless Chromium for the tests that use qb's pages as a person would:
Playwright for Python driving the system's Chromium (never a browser that
Playwright downloads), and axe-core from npm for accessibility checks.

Like the other external tools, a missing Playwright, Chromium or npm skips
the test locally and fails it in CI, where .ci/run installs them.
"""

from __future__ import annotations

import contextlib
import importlib
import os
from pathlib import Path
from typing import Any, Iterator, List

import pytest

from conftest import require_tool
from interop import npm_folder, npm_package

AXE_CORE = "axe-core@4.10.3"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check"]
SCREEN_SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}


def require_module(name: str) -> Any:
    """Import a test dependency: missing, skip locally and fail in CI."""
    try:
        return importlib.import_module(name)
    except ImportError:
        message = f"the Python package {name.split('.')[0]} is not installed (pip install -e '.[test]')"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """A Playwright Browser on the system's Chromium."""
    sync_api = require_module("playwright.sync_api")
    executable = require_tool("chromium")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_source(request) -> str:
    """The text of axe.min.js (axe-core, installed once into pytest's cache)."""
    folder = npm_package(str(npm_folder(request, "axe-core")), AXE_CORE)
    return (folder / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page, source: str, impacts=("serious", "critical")) -> List[dict]:
    """axe-core's violations of the given impacts on the page as it is now.
    The page's own policy forbids foreign scripts: the context must be made
    with ``bypass_csp=True``."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=source)
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in found if v["impact"] in impacts]


# Every visible element lies inside the window (unless a scrolling box
# holds it), and no two of the elements that make up a screen overlap
# unless one holds the other. Returns the problems found, as text.
LAYOUT_JS = """
(selectors) => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width) {
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
  }
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const scrolls = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ?
    '.' + el.className.trim().split(/\\s+/).join('.') : '') + (el.dataset.action ? `[${el.dataset.action}]` : '');
  for (const el of document.body.querySelectorAll('*')) {
    if (!visible(el) || scrolls(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.right > width + 0.5 || r.left < -0.5) {
      problems.push(`${name(el)} overflows: ${Math.round(r.left)}..${Math.round(r.right)} of ${width}`);
    }
  }
  const parts = [...document.querySelectorAll(selectors)].filter(visible);
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      const a = parts[i], b = parts[j];
      if (a.contains(b) || b.contains(a)) continue;
      const ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
      const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
      const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      if (w > 1 && h > 1) problems.push(`${name(a)} and ${name(b)} overlap by ${Math.round(w)}x${Math.round(h)}`);
    }
  }
  return problems.slice(0, 20);
}
"""


def layout_problems(page, selectors: str) -> List[str]:
    return page.evaluate(LAYOUT_JS, selectors)


def screenshot_folder(tmp_path: Path) -> Path:
    """Where screenshots go: QB_SCREENSHOTS to keep them, else the test's
    temporary folder."""
    folder = Path(os.environ.get("QB_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
