"""The schemas and templates shipped inside the package."""

from __future__ import annotations

import importlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict

SCHEMA_FILES = {
    "items": "items.schema.json",
    "bank": "bank.schema.json",
    "exam": "exam.schema.json",
    "attempt": "attempt.schema.json",
    "form": "form.schema.json",
    "stats": "stats.schema.json",
}


@lru_cache(maxsize=None)
def _folder(name: str) -> Path:
    """The folder of ``questionbank.<name>`` on disk. The folders hold no
    ``__init__.py`` (they are data), so they import as namespace packages,
    whose ``__path__`` names the folder; Jinja and editors need a real path."""
    try:
        module = importlib.import_module(f"questionbank.{name}")
    except ModuleNotFoundError:
        # Imported from a source checkout without installing: setup.cfg maps the
        # top-level folder into the package only in an installed qb.
        return Path(__file__).resolve().parent.parent / name
    return Path(next(iter(module.__path__)))


@lru_cache(maxsize=None)
def schema(name: str) -> Dict[str, Any]:
    """The parsed JSON Schema ``name`` (items, bank, exam or attempt)."""
    return json.loads((_folder("schemas") / SCHEMA_FILES[name]).read_text("utf-8"))


def schema_path(name: str) -> str:
    """A file path of the schema ``name``, for an editor's $schema line."""
    return str(_folder("schemas") / SCHEMA_FILES[name])


def templates_dir() -> Path:
    """The folder of the built-in Jinja templates."""
    return _folder("templates")
