"""form-F.json: what one printed form asked, for the analysis of its answers.

``qb render`` writes it beside key-F.csv. For each question number it names
the item, the item's content hash when it was printed, the option id behind
each printed letter and the keys as option ids, so answers given as printed
letters can be scored and pooled across forms however the options were
shuffled, and statistics gathered on an item that was edited since are
known to be stale.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Dict, Optional, Tuple

from questionbank.assemble import Exam, Form
from questionbank.item import letter

FORMAT = "qb-form"
VERSION = 1


def form_document(exam: Exam, form: Form) -> Dict[str, Any]:
    """The JSON data of form-F.json (schema: schemas/form.schema.json)."""
    spec = exam.spec
    return {
        "format": FORMAT,
        "version": VERSION,
        "exam": spec.title,
        "spec": spec.path.stem if spec.path else None,
        "form": form.name,
        "questions": [
            {
                "number": q.number,
                "item_id": q.item.id,
                "content_hash": q.item.content_hash,
                "type": q.item.type,
                "options": {letter(i): o.id for i, o in enumerate(q.options)},
                "key": [o.id for o in q.options if o.correct],
            }
            for q in form.questions
        ],
    }


def form_json(exam: Exam, form: Form) -> bytes:
    return (json.dumps(form_document(exam, form), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


@dataclass(frozen=True)
class PrintedQuestion:
    """One question of a printed form, as read back from form-F.json."""

    number: int
    item_id: str
    content_hash: str
    type: str
    # printed letter -> option id, in printed order
    options: Tuple[Tuple[str, str], ...]
    key: Tuple[str, ...]

    def option_of(self, printed: str) -> Optional[str]:
        for letter_, option_id in self.options:
            if letter_ == printed:
                return option_id
        return None


@dataclass(frozen=True)
class PrintedForm:
    path: str
    exam: str
    spec: Optional[str]
    name: str
    questions: Tuple[PrintedQuestion, ...]


def printed_form(data: Dict[str, Any], path: str) -> PrintedForm:
    """A PrintedForm from schema-valid form-F.json data."""
    questions = tuple(PrintedQuestion(q["number"], q["item_id"], q["content_hash"], q["type"],
                                      tuple(q["options"].items()), tuple(q["key"]))
                      for q in data["questions"])
    return PrintedForm(path, data["exam"], data.get("spec"), data["form"], questions)
