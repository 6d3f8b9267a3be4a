"""qb render: the files it writes, what they hold, what it refuses, and the
printed pages in a real browser."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Dict, List

import pytest
from click.testing import CliRunner

from conftest import BANK_YAML, EXAMPLE_BANK, POSITIONAL, require_tool
from questionbank.bank import load_bank
from questionbank.cli import cli
from questionbank.markup import MarkdownRenderer
from questionbank.outdir import MANIFEST
from questionbank.pdf import print_to_pdf

EXAMPLE_SPEC = EXAMPLE_BANK / "exams" / "practice.yaml"
OUTPUTS = ["exam-A.html", "exam-B.html", "key-A.csv", "key-A.html", "key-B.csv", "key-B.html",
           "form-A.json", "form-B.json"]

SPEC = """\
exam:
  title: Test exam
  count: {count}
  seed: 3
  forms: [A, B]
  blueprint: {{ingestion: 1}}
"""


class Page(HTMLParser):
    """The questions of a rendered file: item id -> [[letter, option text,
    data-correct]], plus every tag seen, to look for live markup."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.questions: Dict[str, List[list]] = {}
        self.tags: List[tuple] = []
        self._item = None
        self._option = None
        self._divs: List[str] = []  # the classes of the open <div>s
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in ("section", "article") and "data-item-id" in a:
            self._item = a["data-item-id"]
            self.questions[self._item] = []
        elif tag == "li" and "data-letter" in a and self._item:
            self._option = [a["data-letter"], "", a.get("data-correct")]
            self.questions[self._item].append(self._option)
        elif tag == "div":
            self._divs.append(a.get("class", ""))

    def handle_endtag(self, tag):
        if tag == "div" and self._divs:
            self._divs.pop()
        elif tag == "li":
            self._option = None

    def handle_data(self, data):
        # The option's own text, not the key's `why` printed inside it.
        if self._option is not None and "option-text" in self._divs and "why" not in self._divs:
            self._option[1] += data


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def plain_markdown(text: str) -> str:
    return norm(re.sub(r"<[^>]+>", "", str(MarkdownRenderer().inline(text)))
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&"))


def render(*args):
    """Run ``qb render``; the result has .stdout and .stderr apart."""
    return CliRunner().invoke(cli, ["render", *map(str, args)])


def read_csv(path: Path) -> List[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


def choice_items(n: int, extra: str = "") -> str:
    out = "items:\n"
    for i in range(n):
        out += (f"  - id: q{i}\n    type: single\n    domain: ingestion\n    stem: Question {i}?\n"
                f"    options:\n      - text: right {i}\n        correct: true\n      - text: wrong {i} one\n"
                f"      - text: wrong {i} two\n      - text: wrong {i} three\n")
    return out + extra


@pytest.fixture(scope="module")
def example_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("render") / "out"
    result = render(EXAMPLE_SPEC, "-o", out)
    assert result.exit_code == 0, result.output + result.stderr
    return out


def test_writes_each_form_and_a_manifest(example_out: Path) -> None:
    assert sorted(os.listdir(example_out)) == sorted(OUTPUTS + [MANIFEST])
    for name in OUTPUTS:
        assert (example_out / name).stat().st_size > 0


def test_csv_letters_match_the_options_marked_correct(example_out: Path) -> None:
    bank = {item.id: item for item in load_bank(EXAMPLE_BANK).items}
    for form in "AB":
        rows = read_csv(example_out / f"key-{form}.csv")
        assert list(rows[0]) == ["number", "item_id", "answer", "domain"]
        assert [int(r["number"]) for r in rows] == list(range(1, 21))
        exam = Page((example_out / f"exam-{form}.html").read_text("utf-8")).questions
        key = Page((example_out / f"key-{form}.html").read_text("utf-8")).questions
        assert list(exam) == [r["item_id"] for r in rows] == list(key)
        for row in rows:
            item = bank[row["item_id"]]
            assert row["domain"] == item.domain
            printed = exam[row["item_id"]]
            if item.type == "open":
                assert row["answer"] == "" and printed == []
                continue
            correct_texts = {plain_markdown(o.text) for o in item.options if o.correct}
            assert sorted(plain_markdown(o.text) for o in item.options) == sorted(norm(t) for _, t, _ in printed)
            assert [letter for letter, _, _ in printed] == [chr(65 + i) for i in range(len(printed))]
            from_html = [letter for letter, text, _ in printed if norm(text) in correct_texts]
            assert row["answer"] == ",".join(from_html)
            assert row["answer"] == ",".join(letter for letter, _, c in key[row["item_id"]] if c == "true")


def test_every_question_and_option_is_marked(example_out: Path) -> None:
    html = (example_out / "exam-A.html").read_text("utf-8")
    page = Page(html)
    assert len(page.questions) == 20
    assert html.count('class="question ') == 20
    assert html.count("data-letter=") == sum(len(v) for v in page.questions.values())


def test_second_run_gives_identical_bytes(example_out: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert render(EXAMPLE_SPEC, "-o", again).exit_code == 0
    for name in OUTPUTS + [MANIFEST]:
        assert (again / name).read_bytes() == (example_out / name).read_bytes(), name
    # Rendering into its own earlier output is allowed and changes nothing.
    assert render(EXAMPLE_SPEC, "-o", again).exit_code == 0
    assert (again / "exam-A.html").read_bytes() == (example_out / "exam-A.html").read_bytes()


def test_output_does_not_depend_on_hash_seed_or_working_directory(example_out: Path, tmp_path: Path) -> None:
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "questionbank", "render", str(EXAMPLE_SPEC), "-o", str(out)],
                              env=env, cwd=tmp_path, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        for name in OUTPUTS:
            assert (out / name).read_bytes() == (example_out / name).read_bytes(), name


def test_no_progress_bar_when_piped(tmp_path: Path) -> None:
    result = render(EXAMPLE_SPEC, "-o", tmp_path / "out")
    assert "Rendering" not in result.output
    assert result.stdout.strip() == f"wrote 8 files for forms A, B into {tmp_path / 'out'}"


def test_html_is_self_contained(example_out: Path) -> None:
    for name in ("exam-A.html", "key-A.html"):
        html = (example_out / name).read_text("utf-8")
        tags = Page(html).tags
        assert not [t for t, a in tags if t in ("link", "script", "iframe")]
        assert not [a for t, a in tags if t == "img" and not a.get("src", "").startswith("data:")]
        assert "@page" in html and "counter(pages)" in html


def test_code_is_highlighted(example_out: Path) -> None:
    html = "".join((example_out / f"exam-{f}.html").read_text("utf-8") for f in "AB")
    html += (example_out / "key-A.html").read_text("utf-8")
    assert '<code class="language-' in html and '<span class="' in html
    assert "pre code .k" in html  # the Pygments style sheet is inlined


# --- bank text is never HTML ---------------------------------------------------

HOSTILE = """\
items:
  - id: hostile
    type: single
    domain: ingestion
    stem: "Stem <script>alert(1)</script> and <img src=x onerror=alert(1)>"
    options:
      - text: "Option <script>alert(1)</script>"
        correct: true
        why: "Why <img src=x onerror=alert(1)>"
      - text: "[click](javascript:alert(1)) <b onmouseover=alert(1)>bold</b>"
        why: "<iframe src=https://example.com></iframe>"
      - text: plain
    explanation: "<script>alert(1)</script>"
"""


def test_raw_html_in_the_bank_prints_escaped(bank, tmp_path: Path) -> None:
    title = 'Exam </style><script>alert(1)</script> "quoted"'
    spec = f"exam:\n  title: '{title}'\n  count: 1\n  instructions: '<script>alert(2)</script>'\n"
    root = bank({"a.yaml": HOSTILE}, exams={"x.yaml": spec})
    out = tmp_path / "out"
    result = render(root / "exams" / "x.yaml", "-o", out)
    assert result.exit_code == 0, result.output + result.stderr
    for name in ("exam-A.html", "key-A.html"):
        html = (out / name).read_text("utf-8")
        tags = Page(html).tags
        assert not [t for t, _ in tags if t in ("script", "iframe", "b")], name
        assert not [a for t, a in tags if t == "img"], name
        assert not [a for _, a in tags if any(k.startswith("on") for k in a)], name
        assert not [a for _, a in tags if "javascript:" in a.get("href", "")], name
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        # The title in the page header is a CSS string: escaped, and cannot close <style>.
        assert html.count("</style>") == 1
    assert "&lt;/style&gt;&lt;script&gt;" in (out / "exam-A.html").read_text("utf-8")


def test_position_dependent_options_print_in_place_and_the_key_matches(bank, tmp_path: Path) -> None:
    spec = "exam:\n  title: T\n  count: 6\n  seed: 5\n  forms: [A, B, C]\n  blueprint: {ingestion: 1}\n"
    root = bank({"a.yaml": POSITIONAL}, exams={"x.yaml": spec})
    out = tmp_path / "out"
    result = render(root / "exams" / "x.yaml", "-o", out)
    assert result.exit_code == 0, result.output + result.stderr
    items = {item.id: item for item in load_bank(root).items}
    for form in "ABC":
        printed = Page((out / f"exam-{form}.html").read_text("utf-8")).questions
        key = {row["item_id"]: row["answer"] for row in read_csv(out / f"key-{form}.csv")}
        assert printed["all-key"][-1][:2] == ["D", "All of the above"] and key["all-key"] == "D"
        assert printed["none-distractor"][-1][:2] == ["D", "None of these."]
        assert printed["neither"][-1][:2] == ["C", "Neither of these"]
        assert [o[1] for o in printed["lettered"]] == ["S3 Versioning", "S3 Transfer Acceleration", "MFA Delete",
                                                       "Both A and C"] and key["lettered"] == "D"
        for item, options in printed.items():
            right = {o.text for o in items[item].keys}
            assert key[item] == ",".join(letter for letter, text, _ in options if text in right), item


# --- images ------------------------------------------------------------------

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def test_images_are_embedded_from_the_item_folder(bank, tmp_path: Path) -> None:
    item = ("items:\n  - id: pic\n    type: open\n    domain: ingestion\n"
            "    stem: '![A pixel](figures/pixel.png) What colour is it?'\n    answer: None.\n")
    root = bank({"sub/a.yaml": item}, exams={"x.yaml": "exam: {title: T, count: 1}\n"})
    (root / "items" / "sub" / "figures").mkdir()
    (root / "items" / "sub" / "figures" / "pixel.png").write_bytes(PNG)
    out = tmp_path / "out"
    assert render(root / "exams" / "x.yaml", "-o", out).exit_code == 0
    imgs = [a for t, a in Page((out / "exam-A.html").read_text("utf-8")).tags if t == "img"]
    assert len(imgs) == 1 and imgs[0]["src"].startswith("data:image/png;base64,iVBORw0KGgo")
    assert imgs[0]["alt"] == "A pixel"


def test_a_missing_image_stops_the_render(bank, tmp_path: Path) -> None:
    item = ("items:\n  - id: pic\n    type: open\n    domain: ingestion\n"
            "    stem: '![A pixel](figures/pixel.png) What colour is it?'\n    answer: None.\n")
    root = bank({"a.yaml": item}, exams={"x.yaml": "exam: {title: T, count: 1}\n"})
    result = render(root / "exams" / "x.yaml", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "missing-image stem: image 'figures/pixel.png' not found" in result.stderr
    assert not (tmp_path / "out").exists()


# --- refusals ------------------------------------------------------------------

def test_a_bank_with_lint_errors_is_not_rendered(bank, tmp_path: Path) -> None:
    broken = choice_items(3).replace("domain: ingestion", "domain: ingest", 1)
    root = bank({"a.yaml": broken}, exams={"x.yaml": SPEC.format(count=2)})
    result = render(root / "exams" / "x.yaml", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert re.search(r"a\.yaml:\d+:\d+: error unknown-domain", result.stderr)
    assert "not rendered: 1 error to fix first" in result.stderr
    assert not (tmp_path / "out").exists()


def test_too_few_items_is_reported_at_the_spec(bank, tmp_path: Path) -> None:
    root = bank({"a.yaml": choice_items(3)}, exams={"x.yaml": SPEC.format(count=5)})
    result = render(root / "exams" / "x.yaml", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert re.search(r"x\.yaml:6:\d+: error exam-spec domain 'ingestion' needs 5 items but has 3 eligible",
                     result.stderr), result.stderr


def test_unknown_blueprint_domain_is_reported_at_its_key(bank, tmp_path: Path) -> None:
    spec = "exam:\n  title: T\n  count: 1\n  blueprint:\n    ingest: 1\n  filter: {ids: [q0, q9]}\n"
    root = bank({"a.yaml": choice_items(2)}, exams={"x.yaml": spec})
    result = render(root / "exams" / "x.yaml", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "x.yaml:5:5: error exam-spec blueprint: 'ingest' is not a domain of bank.yaml" in result.stderr
    assert "x.yaml:6:22: error exam-spec filter.ids: no item has the id 'q9'" in result.stderr


def test_refuses_a_folder_holding_other_files(bank, tmp_path: Path) -> None:
    root = bank({"a.yaml": choice_items(3)}, exams={"x.yaml": SPEC.format(count=2)})
    spec = root / "exams" / "x.yaml"
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    result = render(spec, "-o", out)
    assert result.exit_code == 2
    assert "holds files qb did not write: notes.txt" in result.stderr and "--force" in result.stderr
    assert os.listdir(out) == ["notes.txt"]
    assert render(spec, "-o", out, "--force").exit_code == 0
    assert (out / "notes.txt").read_text() == "mine"
    # Its own files it may overwrite; the foreign one still needs --force.
    assert render(spec, "-o", out).exit_code == 2
    (out / "notes.txt").unlink()
    assert render(spec, "-o", out).exit_code == 0
    # A file qb wrote and someone edited is no longer qb's.
    (out / "key-A.csv").write_text("edited")
    result = render(spec, "-o", out)
    assert result.exit_code == 2 and "key-A.csv (changed since qb wrote it)" in result.stderr
    assert (out / "key-A.csv").read_text() == "edited"


def test_a_dropped_form_is_removed(bank, tmp_path: Path) -> None:
    root = bank({"a.yaml": choice_items(3)}, exams={"x.yaml": SPEC.format(count=2)})
    spec = root / "exams" / "x.yaml"
    out = tmp_path / "out"
    assert render(spec, "-o", out).exit_code == 0
    spec.write_text(SPEC.format(count=2).replace("[A, B]", "[A]"))
    assert render(spec, "-o", out).exit_code == 0
    assert sorted(os.listdir(out)) == sorted([MANIFEST, "exam-A.html", "key-A.html", "key-A.csv", "form-A.json"])


def test_output_must_be_a_folder(bank, tmp_path: Path) -> None:
    root = bank({"a.yaml": choice_items(3)}, exams={"x.yaml": SPEC.format(count=2)})
    (tmp_path / "file").write_text("x")
    assert render(root / "exams" / "x.yaml", "-o", tmp_path / "file").exit_code == 2


def test_pdf_without_chromium_says_so(bank, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("QB_CHROMIUM", "no-such-browser-qb")
    root = bank({"a.yaml": choice_items(3)}, exams={"x.yaml": SPEC.format(count=2)})
    result = render(root / "exams" / "x.yaml", "-o", tmp_path / "out", "--pdf")
    assert result.exit_code == 2 and "--pdf needs headless Chromium" in result.stderr
    assert not (tmp_path / "out").exists()


# --- labels and templates ---------------------------------------------------------

def test_labels_from_the_spec(bank, tmp_path: Path) -> None:
    spec = SPEC.format(count=2) + "  labels: {question: Frage, page: Seite, of: von, select: 'Wählen Sie {n}.'}\n"
    # A stem that does not say how many to pick (select-count-mismatch off), so the label is printed.
    multi = ("  - id: m\n    type: multiple\n    domain: ingestion\n    stem: Which of these hold data?\n"
             "    options:\n      - {text: a, correct: true}\n      - {text: b, correct: true}\n      - {text: c}\n")
    root = bank({"a.yaml": choice_items(1, multi)}, exams={"x.yaml": spec}, bank_yaml=BANK_YAML + OFF)
    out = tmp_path / "out"
    assert render(root / "exams" / "x.yaml", "-o", out).exit_code == 0
    html = (out / "exam-A.html").read_text("utf-8")
    assert "Frage 1" in html and "Frage 2" in html and "Question 1" not in html
    assert '"Seite " counter(page) " von " counter(pages)' in html
    assert "Wählen Sie 2." in html


def test_templates_folder_overrides_one_block_and_inherits_the_rest(bank, tmp_path: Path) -> None:
    root = bank({"a.yaml": choice_items(3)}, exams={"x.yaml": SPEC.format(count=2)})
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "exam.html").write_text('{% extends "qb/exam.html" %}\n'
                                    '{% block cover %}<section class="cover">Good luck, {{ exam.form }}!'
                                    '</section>{% endblock %}\n')
    (mine / "identity.html").write_text('<div class="identity">Student number: ________</div>\n')
    out = tmp_path / "out"
    result = render(root / "exams" / "x.yaml", "-o", out, "--templates", mine)
    assert result.exit_code == 0, result.stderr
    html = (out / "exam-A.html").read_text("utf-8")
    assert "Good luck, A!" in html and 'class="title"' not in html
    assert html.count("Student number") == 1  # the answer sheet's; the cover with the other is replaced
    assert len(Page(html).questions) == 2 and "answer-sheet" in html and "@page" in html
    assert "Student number" not in (out / "key-A.html").read_text("utf-8")


def test_template_errors_are_reported(bank, tmp_path: Path) -> None:
    root = bank({"a.yaml": choice_items(3)}, exams={"x.yaml": SPEC.format(count=2)})
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "key.html").write_text("{% extends 'qb/key.html' %}{% block summary %}{{ no_such_variable }}{% endblock %}")
    result = render(root / "exams" / "x.yaml", "-o", tmp_path / "out", "--templates", mine)
    assert result.exit_code == 2 and "template error" in result.stderr and "no_such_variable" in result.stderr
    assert not (tmp_path / "out").exists()


# --- print --------------------------------------------------------------------

EXPECTED_PAGES = range(6, 13)  # measured 8 on A4 and Letter with Liberation Sans


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_printed_pages_keep_each_question_together(paper: str, tmp_path: Path) -> None:
    chromium = require_tool("chromium")
    require_tool("pdftotext")
    require_tool("pdfinfo")
    out = tmp_path / "out"
    assert render(EXAMPLE_SPEC, "-o", out, "--paper", paper).exit_code == 0
    pdf = tmp_path / "exam-A.pdf"
    print_to_pdf(chromium, out / "exam-A.html", pdf)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (round(width), round(height)) == {"a4": (595, 842), "letter": (612, 792)}[paper]
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert count in EXPECTED_PAGES
    pages = [norm(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                                 capture_output=True, text=True, check=True).stdout) for n in range(1, count + 1)]
    for n, text in enumerate(pages, start=1):
        assert f"Page {n} of {count}" in text
        if n > 1:
            assert "AWS Data Engineer practice exam" in text and "Form A" in text
    questions = Page((out / "exam-A.html").read_text("utf-8")).questions
    for number, (item_id, options) in enumerate(questions.items(), start=1):
        heading = re.compile(rf"\bQuestion {number}\b")
        on = [n for n, text in enumerate(pages) if heading.search(text)]
        assert len(on) == 1, (number, on)
        page = pages[on[0]]
        after = page[heading.search(page).end():]
        for letter, text, _ in options:
            start = " ".join(norm(text).split()[:5])
            assert start in after, f"question {number} ({item_id}): option {letter} is not on page {on[0] + 1}"
    # The answer sheet is the last page, alone.
    assert "Answer sheet" in pages[-1] and "Question" not in pages[-1]
    assert all("Answer sheet" not in text for text in pages[:-1])


# --- first-afternoon points: instruction once, key with stems, default folder ---

MULTIPLE = """\
items:
  - id: told
    type: multiple
    domain: ingestion
    stem: Which services store objects? (Select TWO.)
    options:
      - {text: Amazon S3, correct: true}
      - {text: Amazon S3 Glacier, correct: true}
      - {text: Amazon SQS}
      - {text: Amazon SNS}
  - id: untold
    type: multiple
    domain: ingestion
    stem: Which services stream records?
    options:
      - {text: Amazon Kinesis Data Streams, correct: true}
      - {text: Amazon MSK, correct: true}
      - {text: Amazon SES}
      - {text: Amazon SNS}
"""
OFF = "lint:\n  rules:\n    select-count-mismatch: off\n"


def test_select_n_is_printed_only_when_the_stem_does_not_say_it(bank, tmp_path: Path) -> None:
    root = bank({"a.yaml": MULTIPLE}, bank_yaml=BANK_YAML + OFF, exams={"x.yaml": SPEC.format(count=2)})
    result = render(root / "exams" / "x.yaml", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "exam-A.html").read_text("utf-8")
    sections = {m.group(1): m.group(0) for m in re.finditer(r'<section[^>]*data-item-id="([^"]+)".*?</section>',
                                                            html, re.S)}
    assert "Select 2." not in sections["told"] and "q-select" not in sections["told"]
    assert sections["told"].count("Select TWO") == 1
    assert '<span class="q-select">Select 2.</span>' in sections["untold"]


def test_a_key_with_stems_on_request(bank, tmp_path: Path) -> None:
    root = bank({"a.yaml": choice_items(3)}, exams={"x.yaml": SPEC.format(count=3),
                                                    "full.yaml": SPEC.format(count=3) + "  key: full\n"})
    compact = tmp_path / "compact"
    assert render(root / "exams" / "x.yaml", "-o", compact).exit_code == 0
    assert "Question 0?" not in (compact / "key-A.html").read_text("utf-8")
    for args, out in ((("--key", "full"), tmp_path / "option"), ((), tmp_path / "spec")):
        spec = root / "exams" / ("x.yaml" if args else "full.yaml")
        assert render(spec, "-o", out, *args).exit_code == 0
        key = (out / "key-A.html").read_text("utf-8")
        for i in range(3):
            assert f'<div class="stem"><p>Question {i}?</p>' in key
    assert render(root / "exams" / "full.yaml", "-o", tmp_path / "back", "--key", "compact").exit_code == 0
    assert "Question 0?" not in (tmp_path / "back" / "key-A.html").read_text("utf-8")


def test_output_folder_defaults_to_out_spec_name_in_the_bank(bank, tmp_path: Path) -> None:
    root = bank({"a.yaml": choice_items(2)}, exams={"weekly.yaml": SPEC.format(count=2)})
    old = os.getcwd()
    os.chdir(root)
    try:
        result = render("exams/weekly.yaml")
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    assert f"into {Path('out') / 'weekly'}" in result.stdout
    assert (root / "out" / "weekly" / "exam-A.html").is_file()
    # Never through a link that the bank carries.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(root / "out")
    (root / "out").symlink_to(elsewhere, target_is_directory=True)
    refused = render(root / "exams" / "weekly.yaml")
    assert refused.exit_code == 2 and "is a link" in refused.stderr and list(elsewhere.iterdir()) == []


def test_an_item_file_as_spec_says_where_specs_live(bank, tmp_path: Path) -> None:
    root = bank({"a.yaml": choice_items(2)})
    result = render(root / "items" / "a.yaml", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "this is an item file; exam specs live in" in result.stderr and "exams" in result.stderr
    assert "-o, --output OUTDIR" in render("--help").stdout


def test_the_cover_page_takes_no_browser_header(tmp_path: Path) -> None:
    """Printed from a browser with its headers and footers on (the print
    dialog's default), page 1 shows neither the date nor the file's URL."""
    chromium = require_tool("chromium")
    require_tool("pdftotext")
    out = tmp_path / "out"
    assert render(EXAMPLE_SPEC, "-o", out).exit_code == 0
    for document in ("exam", "key"):
        pdf = tmp_path / f"{document}.pdf"
        print_to_pdf(chromium, out / f"{document}-A.html", pdf, browser_headers=True)
        first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
                               capture_output=True, text=True, check=True).stdout
        assert not re.search(r"\d{1,2}/\d{1,2}/\d{2,4}", first), first[:300]
        assert "file://" not in first and "exam-A.html" not in first
        assert first.strip().startswith("AWS Data Engineer practice exam" if document == "exam" else "Answer key")
