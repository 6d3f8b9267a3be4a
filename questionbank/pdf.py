"""Printing HTML to PDF with headless Chromium, for ``qb render --pdf`` and
the print tests.

Chromium honours the templates' @page rules (size, margin boxes with page
counters) and ``break-inside: avoid``, which is all qb's print CSS uses.
PDFs carry Chromium's creation date, so unlike the HTML they are not
byte-identical between runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

# Debian and most distributions call it chromium; Chrome works the same way.
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class PdfError(Exception):
    """Chromium is missing or did not write the PDF."""


def find_chromium() -> Optional[str]:
    """$QB_CHROMIUM if set, else the first of CANDIDATES on the PATH."""
    configured = os.environ.get("QB_CHROMIUM")
    if configured:
        return shutil.which(configured)
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_to_pdf(chromium: str, html: Path, pdf: Path, timeout: float = 180, browser_headers: bool = False) -> None:
    """Print ``html`` to ``pdf``. Each run gets an empty profile, so no
    user setting, extension or cached page changes the output."""
    with tempfile.TemporaryDirectory(prefix="qb-chromium-") as profile:
        command = [
            chromium, "--headless", "--disable-gpu",
            # A user's print dialog has "Headers and footers" on by default:
            # browser_headers prints as it does (the tests check the pages then).
            *(() if browser_headers else ("--no-pdf-header-footer",)),
            # The sandbox needs user namespaces, which containers and root
            # shells often lack; the pages are qb's own, without scripts.
            "--no-sandbox",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--no-first-run", "--no-default-browser-check",
            f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", html.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfError(f"{chromium} could not print {html.name}: {exc}") from exc
    if not pdf.is_file() or pdf.stat().st_size == 0:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise PdfError(f"{chromium} did not print {html.name} (exit status {done.returncode}): " + " / ".join(tail))
