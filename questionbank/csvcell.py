"""CSV cells that a spreadsheet shows as text, never runs as a formula.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is a formula to Excel, LibreOffice and Google Sheets (``=HYPERLINK(...)``
can send data away). As OWASP recommends for CSV injection, such a cell is
written with a leading ``'``, which spreadsheets read as "text follows" and
do not show. So that ``qb import csv`` gives back exactly what ``qb export
csv`` wrote, a cell that already starts with ``'`` and then one of those
characters (or another ``'``) gets one more ``'``; ``restore`` takes one off.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(cell: str) -> str:
    """``cell`` with a leading ``'`` if a spreadsheet would run it."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) or _quoted(cell) else cell


def restore(cell: str) -> str:
    """The cell ``neutralize`` was given (for files qb exported)."""
    return cell[1:] if _quoted(cell) else cell


def _quoted(cell: str) -> bool:
    """A ``'`` followed by what ``neutralize`` quotes: a formula start or another ``'``."""
    return cell[:1] == "'" and cell[1:].startswith(("'", *FORMULA_STARTS))
