"""Print an assembled exam: for each form, exam-F.html, key-F.html and
key-F.csv from Jinja templates, and form-F.json for the analysis of answers.

Every HTML file is self-contained (CSS inlined, images embedded) and the
bytes depend only on the bank, the spec, the options and the installed
versions: no timestamps, no absolute paths. docs/templates.md lists what
each template receives.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined
from markupsafe import Markup

from questionbank.analysis.forms import form_json
from questionbank.assemble import Exam, Form, Question, stays_in_place
from questionbank.bank import Bank
from questionbank.csvcell import neutralize
from questionbank.item import letter
from questionbank.markup import CODE_CSS, MarkdownRenderer
from questionbank.resources import templates_dir
from questionbank.rules.select_count_mismatch import stated_count

PAPER_SIZES = {"a4": "A4", "letter": "letter"}
CSV_HEADER = ("number", "item_id", "answer", "domain")
# Ruled lines under an open question.
WRITING_LINES = 8


def css_string(value: Any) -> Markup:
    """A quoted CSS string. Quotes, backslashes, control characters and the
    HTML specials are written as CSS escapes, so no text can close the
    string or the <style> element."""
    out = []
    for ch in str(value):
        if ch in "\"'\\<>&" or ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return Markup('"' + "".join(out) + '"')


def environment(templates: Optional[Path] = None) -> Environment:
    """The Jinja environment: the user's folder first, then the built-in
    templates, which are also reachable as "qb/<name>" so a user's file can
    extend the built-in file of the same name."""
    builtin = FileSystemLoader(str(templates_dir()))
    loaders = ([FileSystemLoader(str(templates))] if templates is not None else []) + \
        [builtin, PrefixLoader({"qb": builtin})]
    env = Environment(loader=ChoiceLoader(loaders), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["css_string"] = css_string
    return env


@dataclass(frozen=True)
class OptionView:
    letter: str
    text: Markup
    correct: bool
    why: Markup
    pinned: bool


@dataclass(frozen=True)
class QuestionView:
    number: int
    id: str
    type: str
    domain: str
    domain_name: str
    difficulty: Optional[str]
    tags: Tuple[str, ...]
    stem: Markup
    options: Tuple[OptionView, ...]
    select: int
    # "Select N." (labels.select), empty when the stem already says how many to pick.
    select_text: str
    states_count: bool
    answer: Tuple[str, ...]
    answer_text: str
    explanation: Markup
    model_answer: Markup
    source: Optional[str]
    references: Tuple[str, ...]


@dataclass(frozen=True)
class ExamView:
    title: str
    form: str
    forms: Tuple[str, ...]
    time_limit: Optional[int]
    instructions: Markup
    count: int
    paper: str
    paper_size: str
    # The answer key's style: "compact" or "full" (with each question's stem).
    key: str = "compact"


@dataclass(frozen=True)
class DomainRow:
    id: str
    name: str
    count: int
    numbers: Tuple[int, ...]


def _domain_name(bank: Bank, domain: Optional[str]) -> str:
    entry = bank.domains.get(domain) if domain else None
    return str(entry.get("name", domain)) if isinstance(entry, dict) else (domain or "")


def question_view(q: Question, bank: Bank, labels: Mapping[str, str], md: MarkdownRenderer) -> QuestionView:
    item = q.item
    base = Path(item.source_file).parent if item.source_file else None
    options = tuple(OptionView(letter(i), md.inline(o.text, base), o.correct, md.block(o.why, base),
                               stays_in_place(o, item))
                    for i, o in enumerate(q.options))
    select = len(item.keys) if item.type == "multiple" else 0
    states_count = item.type == "multiple" and stated_count(item.stem) is not None
    return QuestionView(
        number=q.number, id=item.id or "", type=item.type or "", domain=item.domain or "",
        domain_name=_domain_name(bank, item.domain), difficulty=item.difficulty, tags=tuple(item.tags),
        stem=md.block(item.stem, base), options=options, select=select,
        select_text="" if states_count else labels["select"].replace("{n}", str(select)),
        states_count=states_count,
        answer=q.answer, answer_text=",".join(q.answer),
        explanation=md.block(item.explanation, base), model_answer=md.block(item.answer, base),
        source=item.source, references=tuple(item.references))


def summary(bank: Bank, exam: Exam, form: Form) -> List[DomainRow]:
    """The form by domain, in blueprint order (then any other domain)."""
    order = [d for d, _ in exam.quotas if d is not None]
    numbers: Dict[str, List[int]] = {}
    for q in form.questions:
        numbers.setdefault(q.item.domain or "", []).append(q.number)
    order += sorted(d for d in numbers if d not in order)
    return [DomainRow(d, _domain_name(bank, d) or d, len(numbers[d]), tuple(numbers[d]))
            for d in order if d in numbers]


def form_context(bank: Bank, exam: Exam, form: Form, paper: str, md: MarkdownRenderer,
                 key: Optional[str] = None) -> Dict[str, Any]:
    spec = exam.spec
    labels = dict(spec.labels)
    return {
        "exam": ExamView(spec.title, form.name, spec.forms, spec.time_limit, md.block(spec.instructions,
                         spec.path.parent if spec.path else None), spec.count, paper, PAPER_SIZES[paper],
                         key or spec.key),
        # A namespace, not a dict: in Jinja `labels.items` would be dict.items.
        "labels": SimpleNamespace(**labels),
        "questions": [question_view(q, bank, labels, md) for q in form.questions],
        "summary": summary(bank, exam, form),
        "code_css": Markup(CODE_CSS),
        "writing_lines": WRITING_LINES,
    }


def key_csv(form: Form) -> bytes:
    """``number,item_id,answer,domain``; answer is the letters joined by
    commas (quoted by the CSV writer), empty for open items. An id or domain
    that a spreadsheet would run as a formula gets a leading ``'`` (csvcell)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for q in form.questions:
        item_id = "" if q.item.id is None else str(q.item.id)
        writer.writerow((q.number, neutralize(item_id), ",".join(q.answer), neutralize(q.item.domain or "")))
    return out.getvalue().encode("utf-8")


def output_names(exam: Exam) -> List[str]:
    return [name for form in exam.forms
            for name in (f"exam-{form.name}.html", f"key-{form.name}.html", f"key-{form.name}.csv",
                         f"form-{form.name}.json")]


def render_files(bank: Bank, exam: Exam, paper: str = "a4", templates: Optional[Path] = None,
                 key: Optional[str] = None) -> Iterator[Tuple[str, bytes]]:
    """(file name, content) of every output file, in output_names order.
    A generator, so a caller can show progress. ``key``: the answer key's
    style, "compact" or "full" (default: the spec's)."""
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {', '.join(PAPER_SIZES)}")
    env = environment(templates)
    md = MarkdownRenderer(bank.root, bank.max_bytes)
    for form in exam.forms:
        context = form_context(bank, exam, form, paper, md, key)
        title = exam.spec.title
        for document, head in (("exam", title), ("key", f"{exam.spec.labels['answer_key']}: {title}")):
            html = env.get_template(f"{document}.html").render(context, document=document, running_head=head)
            yield f"{document}-{form.name}.html", html.encode("utf-8")
        yield f"key-{form.name}.csv", key_csv(form)
        yield f"form-{form.name}.json", form_json(exam, form)
