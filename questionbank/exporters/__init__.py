"""Writers from a bank (or one form of an exam) to other formats.

``EXPORTERS`` maps each format name of ``qb export FORMAT`` to its module's
``export(source, out) -> notes`` function; the notes say what the format
could not hold. The registry is explicit, so adding a format is one line
here and one module, and nothing is found by import side effects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Dict, List

from questionbank.exporters import anki, csvfile, gift, moodle, qti
from questionbank.exporters.source import ExportError, ExportSource, load_source

Exporter = Callable[[ExportSource, Path], List[str]]

EXPORTERS: Dict[str, Exporter] = {
    "anki": anki.export,
    "csv": csvfile.export,
    "gift": gift.export,
    "moodle": moodle.export,
    "qti": qti.export,
}

# The file name ending each format is usually given.
SUFFIXES: Dict[str, str] = {"anki": ".apkg", "csv": ".csv", "gift": ".gift", "moodle": ".xml", "qti": ".zip"}

__all__ = ["EXPORTERS", "SUFFIXES", "ExportError", "ExportSource", "Exporter", "load_source"]
