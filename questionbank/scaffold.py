"""``qb init``: a new bank that lints clean, to start from."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

from questionbank.atomic import write_atomic, write_error
from questionbank.editor_schemas import SchemaCopyError, check_folder, install, modeline

_BANK = """\
{modeline}
title: {title}
format: 1
# The domains and their weights are the blueprint of every exam.
domains:
  fundamentals:
    name: Fundamentals
    weight: 100
# Lint settings: rule levels (error, warning, info, off) and rule options.
# lint:
#   rules:
#     vague-term: off
"""

_ITEMS = """\
{modeline}
items:
  - id: example-dms-cdc
    type: single
    domain: fundamentals
    difficulty: medium
    source: "1.1"
    stem: >-
      A company must copy an on-premises PostgreSQL database to Amazon S3 and
      keep the copy current as rows change. Which AWS DMS task type meets this
      requirement?
    options:
      - text: Full load only
        why: Copies the existing rows once; later changes are not captured.
      - text: Full load and change data capture (CDC)
        correct: true
        why: Copies the existing rows, then applies ongoing changes.
      - text: CDC without a full load
        why: Captures changes from now on but never copies the existing rows.
      - text: A schema conversion task
        why: Converts schemas between engines; it moves no data.
    explanation: >-
      Full load plus CDC first copies the table contents and then keeps the
      target in step with the source.
"""

_EXAM = """\
{modeline}
exam:
  title: {exam_title}
  instructions: Choose the best answer for each question.
  time_limit: 30
  count: 1
  seed: 1
  forms: [A]
"""


class ScaffoldError(Exception):
    """The bank cannot be created here (exit status 2)."""


def scaffold(directory: Path, title: str) -> List[Path]:
    """Write bank.yaml, one example item and one exam spec, and the schemas
    they name in .qb/schemas/ (each file names its schema by a path relative
    to itself, so the bank validates in any clone). Never overwrites."""
    bank = directory / "bank.yaml"
    items = directory / "items" / "example.yaml"
    exam = directory / "exams" / "practice.yaml"
    files: Dict[Path, str] = {
        bank: _BANK.format(title=_quote(title), modeline=modeline(directory, bank, "bank")),
        items: _ITEMS.format(modeline=modeline(directory, items, "items")),
        exam: _EXAM.format(exam_title=_quote(f"{title} practice exam"), modeline=modeline(directory, exam, "exam")),
    }
    existing = [str(p) for p in files if p.exists()]
    if existing:
        raise ScaffoldError(f"not overwriting {', '.join(existing)}")
    try:
        check_folder(directory)
    except SchemaCopyError as exc:
        raise ScaffoldError(str(exc))
    path = directory
    try:
        for path, text in files.items():
            write_atomic(path, text)
        path = directory / ".qb"
        return list(files) + install(directory)
    except OSError as exc:
        raise ScaffoldError(write_error(exc, path)) from None


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
