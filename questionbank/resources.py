"""The schemas and templates shipped inside the package."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Dict, Union

SCHEMA_FILES = {
    "items": "items.schema.json",
    "bank": "bank.schema.json",
    "exam": "exam.schema.json",
}


def _folder(name: str) -> Union[Path, "resources.abc.Traversable"]:
    try:
        return resources.files(f"questionbank.{name}")
    except ModuleNotFoundError:
        # Imported from a source checkout without installing: setup.cfg maps the
        # top-level folder into the package only in an installed qb.
        return Path(__file__).resolve().parent.parent / name


@lru_cache(maxsize=None)
def schema(name: str) -> Dict[str, Any]:
    """The parsed JSON Schema ``name`` (items, bank or exam)."""
    return json.loads(_folder("schemas").joinpath(SCHEMA_FILES[name]).read_text("utf-8"))


def schema_path(name: str) -> str:
    """A file path of the schema ``name``, for an editor's $schema line."""
    return str(_folder("schemas").joinpath(SCHEMA_FILES[name]))


def templates_dir() -> Path:
    """The folder of the built-in Jinja templates."""
    return Path(str(_folder("templates")))
