"""Exam specifications (a bank's ``exams/*.yaml``) as plain values.

The schema (``schemas/exam.schema.json``) decides what is valid; this module
only reads a valid spec and fills in the defaults the schema documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Tuple, Union

# The printed words, overridable by the spec's `labels`. "{n}" in `select` is
# the number of options to select.
DEFAULT_LABELS: Dict[str, str] = {
    "question": "Question",
    "questions": "Questions",
    "page": "Page",
    "of": "of",
    "name": "Name",
    "date": "Date",
    "form": "Form",
    "time_limit": "Time limit",
    "minutes": "minutes",
    "answer_sheet": "Answer sheet",
    "answer_key": "Answer key",
    "select": "Select {n}.",
    "answer": "Answer",
    "explanation": "Explanation",
    "domain": "Domain",
    "source": "Review",
    "model_answer": "Model answer",
    "summary": "Summary by domain",
    "items": "Items",
    "written": "written answer",
    "references": "References",
}

FILTER_KEYS = ("types", "tags", "exclude_tags", "difficulty", "ids", "exclude_ids")


@dataclass(frozen=True)
class Count:
    """A blueprint entry that asks for an exact number of items."""

    count: int


# A domain's blueprint entry: a relative weight, or an exact count.
Quota = Union[float, int, Count]


@dataclass(frozen=True)
class ExamSpec:
    title: str
    count: int
    instructions: str = ""
    time_limit: Optional[int] = None
    seed: int = 0
    forms: Tuple[str, ...] = ("A",)
    labels: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_LABELS))
    # None: the domain weights of bank.yaml. Entries keep the spec's order.
    blueprint: Optional[Tuple[Tuple[str, Quota], ...]] = None
    filter: Mapping[str, Tuple[str, ...]] = field(default_factory=dict)
    shuffle_items: bool = True
    shuffle_options: bool = True
    # The practice page: written when true (or with --practice); the
    # percentage that passes, shown with its results.
    practice: bool = False
    pass_mark: Optional[float] = None
    # The answer key: "compact" (answers, options and their whys) or "full"
    # (each question's stem as well, to be read on its own for self-study).
    key: str = "compact"
    path: Optional[Path] = None


def spec_from_data(data: Any, path: Optional[Path] = None) -> ExamSpec:
    """The spec held by a schema-valid document (``{"exam": {...}}``)."""
    exam = data["exam"]
    blueprint = exam.get("blueprint")
    shuffle = exam.get("shuffle") or {}
    return ExamSpec(
        title=exam["title"],
        count=exam["count"],
        instructions=exam.get("instructions") or "",
        time_limit=exam.get("time_limit"),
        seed=exam.get("seed", 0),
        forms=tuple(exam.get("forms") or ("A",)),
        labels={**DEFAULT_LABELS, **(exam.get("labels") or {})},
        blueprint=None if blueprint is None else tuple(
            (domain, Count(value["count"]) if isinstance(value, dict) else value)
            for domain, value in blueprint.items()),
        filter={key: tuple(exam["filter"][key]) for key in FILTER_KEYS if key in (exam.get("filter") or {})},
        shuffle_items=shuffle.get("items", True),
        shuffle_options=shuffle.get("options", True),
        practice=exam.get("practice", False),
        pass_mark=exam.get("pass_mark"),
        key=exam.get("key", "compact"),
        path=path,
    )


def bank_blueprint(domains: Mapping[str, Any]) -> Tuple[Tuple[str, Quota], ...]:
    """The default blueprint: bank.yaml's domain weights, in its order."""
    return tuple((domain, value.get("weight", 0) if isinstance(value, dict) else 0)
                 for domain, value in domains.items())
