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
    if cell.startswith(FORMULA_STARTS) or (cell.startswith("'") and cell[1:2] and
                                           (cell[1] == "'" or cell[1:].startswith(FORMULA_STARTS))):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """The cell ``neutralize`` was given (for files qb exported)."""
    if cell.startswith("'") and cell[1:2] and (cell[1] == "'" or cell[1:].startswith(FORMULA_STARTS)):
        return cell[1:]
    return cell
