"""The practice page: practice-F.html, one self-contained interactive file
per form that a learner opens offline (``qb render --practice``).

The page is built from the same Jinja environment, question views and
Markdown rendering as the printed exam (render.py); its own templates are in
``templates/practice/``. Everything is inline (style, script, images) and a
Content-Security-Policy meta tag allows nothing else: no request leaves the
file. The script only moves, shows and clones nodes the templates wrote, so
bank text reaches the page through Jinja's escaping alone; the data the
script needs comes in a JSON block escaped for a ``<script>`` element.
docs/practice.md describes the modes, the DOM contract and the export.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Dict, Iterator, List, Optional, Tuple

from jinja2 import Environment
from markupsafe import Markup

from questionbank.assemble import Exam, Form, Question
from questionbank.bank import Bank
from questionbank.item import Option, content_hash
from questionbank.markup import MarkdownRenderer
from questionbank.render import QuestionView, environment, form_context

# The page's words, overridable like the printed ones through the spec's
# `labels`. "{n}", "{total}" and the like are filled in by the page.
PRACTICE_LABELS: Dict[str, str] = {
    "start_study": "Study mode",
    "start_study_hint": "Check each answer as you go and read why every option is right or wrong.",
    "start_exam": "Exam mode",
    "start_exam_hint": "Under exam conditions: no feedback until you submit. Flag questions to come back to them.",
    "no_time_limit": "No time limit",
    "shortcuts": "Keyboard shortcuts: a letter or digit chooses an option, Enter checks, "
                 "the arrow keys or N and P move between questions",
    "pass_mark": "Pass mark",
    "question_of": "Question {n} of {total}",
    "check": "Check",
    "show_answer": "Show the model answer",
    "next": "Next",
    "previous": "Previous",
    "flag": "Flag for review",
    "flagged": "Flagged",
    "review": "Review",
    "finish": "Finish",
    "submit": "Submit",
    "back": "Back to the questions",
    "start_over": "Start over",
    "correct": "Correct.",
    "incorrect": "Incorrect.",
    "no_answer": "No answer.",
    "answer_is": "The answer is {letters}.",
    "correct_answer": "Correct answer",
    "your_answer": "Your answer",
    "not_answered": "Not answered",
    "answered": "Answered",
    "your_notes": "Your answer (for comparing with the model answer; not scored)",
    "self_grade": "How does your answer compare with the model answer?",
    "self_full": "I got it",
    "self_partly": "Partly",
    "self_missed": "I missed it",
    "time_left": "Time left",
    "minutes_left": "{n} minutes left.",
    "time_up": "Time is up: the attempt was submitted.",
    "review_title": "Review your answers",
    "review_summary": "{unanswered} unanswered, {flagged} flagged, of {total} questions.",
    "results": "Results",
    "score": "{correct} of {total} correct",
    "passed": "Passed",
    "not_passed": "Not passed",
    "time_taken": "Time taken",
    "by_domain": "By domain",
    "missed": "Missed questions",
    "none_missed": "You missed no question.",
    "open_not_scored": "Written answers are not scored; you graded {n} of {total} yourself.",
    "written_answers": "Written answers",
    "graded": "You graded it: {grade}.",
    "retake": "Retake",
    "retake_missed": "Retake missed questions",
    "export": "Download attempt (JSON)",
    "resumed": "Your earlier progress was restored.",
    "no_storage": "This browser does not let the page save progress: a reload starts over.",
    "noscript": "This practice exam needs JavaScript. Open the file in a web browser with JavaScript turned on.",
    "mode_study": "Study",
    "mode_exam": "Exam",
    "progress": "{answered} of {total} answered",
}

# What the Content-Security-Policy allows besides the page's own inline
# style and script (named by hash): images and fonts embedded as data: URIs,
# and style attributes (markdown-it aligns table cells with them).
_CSP = ("default-src 'none'; script-src {scripts}; style-src {styles}; style-src-attr 'unsafe-inline'; "
        "img-src data:; font-src data:; base-uri 'none'; form-action 'none'")


def practice_names(exam: Exam) -> List[str]:
    return [f"practice-{form.name}.html" for form in exam.forms]


def stays_in_place(option: Option) -> bool:
    """Whether a retake keeps this option where the form printed it."""
    return option.pin


def script_json(value: Any) -> Markup:
    """JSON that can sit inside a <script> element: ``<``, ``>`` and ``&``
    as \\u escapes (no ``</script>`` or ``<!--`` can end or confuse the
    element), and U+2028/2029, which older JavaScript reads as line ends."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for ch in "<>&\u2028\u2029":
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return Markup(text)


@dataclass(frozen=True)
class PracticeOption:
    id: str
    letter: str
    text: Markup
    why: Markup
    correct: bool
    stays: bool


class PracticeQuestion:
    """A printed question's view (every attribute the print templates know)
    with the options as the practice page needs them: stable ids and
    whether a retake may move them."""

    def __init__(self, view: QuestionView, question: Question):
        self.view = view
        self.item_hash = question.item.content_hash
        self.options = tuple(PracticeOption(o.id, v.letter, v.text, v.why, v.correct, stays_in_place(o))
                             for o, v in zip(question.options, view.options))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.view, name)


def form_hash(exam: Exam, form: Form) -> str:
    """The content hash of a form as printed: its items (by content hash)
    and their option order. Saved progress and exported attempts carry it,
    so a new version of the exam does not take over old answers."""
    return content_hash({"title": exam.spec.title, "form": form.name,
                         "questions": [[q.item.id, q.item.content_hash, [o.id for o in q.options]]
                                       for q in form.questions]})


def page_data(exam: Exam, form: Form, labels: Dict[str, str], digest: str) -> Dict[str, Any]:
    """What the script reads from the page's JSON block."""
    spec = exam.spec
    return {
        "exam": {"title": spec.title, "form": form.name, "content_hash": digest,
                 "time_limit": spec.time_limit, "pass_mark": spec.pass_mark,
                 "shuffle_options": spec.shuffle_options},
        "storage_key": f"qb-practice:{spec.title}:{form.name}:{digest}",
        "questions": [{"number": q.number, "item_id": q.item.id, "item_hash": q.item.content_hash,
                       "type": q.item.type, "domain": q.item.domain or "",
                       "keys": [o.id for o in q.item.keys]} for q in form.questions],
        "labels": labels,
    }


class _Inline(HTMLParser):
    """The text of every inline <script> (not data blocks) and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: List[str] = []
        self.styles: List[str] = []
        self._open: Optional[List[str]] = None

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        kind = (dict(attrs).get("type") or "").lower()
        if tag == "script" and kind in ("", "text/javascript", "module"):
            self.scripts.append("")
            self._open = self.scripts
        elif tag == "style":
            self.styles.append("")
            self._open = self.styles

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[-1] += data


def _sources(texts: List[str]) -> str:
    hashes = [f"'sha256-{base64.b64encode(hashlib.sha256(t.encode('utf-8')).digest()).decode('ascii')}'"
              for t in texts]
    return " ".join(sorted(set(hashes))) or "'none'"


def content_security_policy(html: str) -> str:
    """A policy that allows exactly the inline scripts and styles of ``html``."""
    found = _Inline()
    found.feed(html)
    found.close()
    return _CSP.format(scripts=_sources(found.scripts), styles=_sources(found.styles))


def render_page(env: Environment, bank: Bank, exam: Exam, form: Form, md: MarkdownRenderer) -> bytes:
    context = form_context(bank, exam, form, "a4", md)
    labels = {**PRACTICE_LABELS, **exam.spec.labels}
    context["labels"] = SimpleNamespace(**labels)
    context["questions"] = [PracticeQuestion(view, q) for view, q in zip(context["questions"], form.questions)]
    digest = form_hash(exam, form)
    context["pass_mark"] = exam.spec.pass_mark
    context["data_json"] = script_json(page_data(exam, form, labels, digest))
    # The script is not a template: JavaScript's braces are not Jinja's.
    context["script"] = Markup(env.loader.get_source(env, "practice/practice.js")[0])
    context["practice_css"] = Markup(env.get_template("practice/practice.css").render(context))
    template = env.get_template("practice/page.html")
    # The policy names the inline script and style by hash, and they do not
    # depend on it: render once to find them, then with the policy.
    draft = template.render(context, document="practice", csp="")
    html = template.render(context, document="practice", csp=content_security_policy(draft))
    return html.encode("utf-8")


def practice_files(bank: Bank, exam: Exam, templates: Optional[Path] = None) -> Iterator[Tuple[str, bytes]]:
    """(file name, content) of practice-F.html for each form, in
    practice_names order."""
    env = environment(templates)
    md = MarkdownRenderer(bank.root, bank.max_bytes)
    for form, name in zip(exam.forms, practice_names(exam)):
        yield name, render_page(env, bank, exam, form, md)
