"""qb render --practice: the file it writes, read as HTML (the browser tests
in test_practice_browser.py drive it in Chromium)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Dict, List

import pytest

from conftest import EXAMPLE_BANK
from questionbank.bank import load_bank
from questionbank.outdir import MANIFEST
from questionbank.practice import content_security_policy, script_json
from test_render import EXAMPLE_SPEC, HOSTILE, SPEC, Page, choice_items, render

ACTIONS = ("start-study", "start-exam", "check", "next", "prev", "flag", "review", "finish", "export", "retake",
           "retake-missed", "reset")


class Inline(HTMLParser):
    """Inline scripts (by type) and styles, and the CSP meta tag."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.scripts: Dict[str, List[str]] = {}
        self.styles: List[str] = []
        self.csp = None
        self._into = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp = a["content"]
        elif tag == "script":
            self._into = self.scripts.setdefault(a.get("type") or "", [])
            self._into.append("")
        elif tag == "style":
            self._into = self.styles
            self._into.append("")

    def handle_endtag(self, tag):
        self._into = None

    def handle_data(self, data):
        if self._into is not None:
            self._into[-1] += data


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@pytest.fixture(scope="module")
def practice_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("practice") / "out"
    result = render(EXAMPLE_SPEC, "-o", out, "--practice")
    assert result.exit_code == 0, result.output + result.stderr
    return out


def test_writes_a_practice_page_per_form(practice_out: Path) -> None:
    names = {p.name for p in practice_out.iterdir()}
    assert {"practice-A.html", "practice-B.html"} <= names
    manifest = json.loads((practice_out / MANIFEST).read_text("utf-8"))
    assert {"practice-A.html", "practice-B.html"} <= set(manifest["files"])


def test_practice_true_in_the_spec_writes_it_too(bank, tmp_path: Path) -> None:
    root = bank({"a.yaml": choice_items(3)}, exams={"x.yaml": SPEC.format(count=2),
                                                     "p.yaml": SPEC.format(count=2) + "  practice: true\n"})
    assert render(root / "exams" / "x.yaml", "-o", tmp_path / "x").exit_code == 0
    assert not list((tmp_path / "x").glob("practice-*"))
    result = render(root / "exams" / "p.yaml", "-o", tmp_path / "p")
    assert result.exit_code == 0
    added = {p.name for p in (tmp_path / "p").iterdir()} - {p.name for p in (tmp_path / "x").iterdir()}
    assert added == {"practice-A.html", "practice-B.html"}
    assert result.stdout.startswith(f"wrote {len(os.listdir(tmp_path / 'x')) - 1 + 2} files")  # less the manifest


def test_same_bytes_every_run(practice_out: Path, tmp_path: Path) -> None:
    assert render(EXAMPLE_SPEC, "-o", tmp_path / "again", "--practice").exit_code == 0
    for name in ("practice-A.html", "practice-B.html"):
        assert (tmp_path / "again" / name).read_bytes() == (practice_out / name).read_bytes()


def test_self_contained_with_a_policy_naming_its_own_script_and_style(practice_out: Path) -> None:
    html = (practice_out / "practice-A.html").read_text("utf-8")
    tags = Page(html).tags
    assert not [t for t, a in tags if t in ("link", "iframe", "object", "embed")]
    assert not [a for t, a in tags if t == "script" and "src" in a]
    assert not [a for t, a in tags if t == "img" and not a.get("src", "").startswith("data:")]
    assert not re.search(r"""url\((?!["']?data:)""", html)
    page = Inline(html)
    (script,) = page.scripts[""]
    (data,) = page.scripts["application/json"]
    policy = dict(part.strip().split(" ", 1) for part in page.csp.split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == sha256_source(script)
    assert policy["style-src"] == " ".join(sorted(sha256_source(s) for s in page.styles))
    assert policy["img-src"] == "data:" and policy["base-uri"] == "'none'"
    assert "connect-src" not in policy  # default-src 'none' forbids every request
    # The policy comes first in <head>, before anything it governs.
    assert html.index("Content-Security-Policy") < html.index("<style>")
    json.loads(data)


def test_dom_contract(practice_out: Path) -> None:
    html = (practice_out / "practice-A.html").read_text("utf-8")
    tags = Page(html).tags
    bank = {item.id: item for item in load_bank(EXAMPLE_BANK).items}
    questions = [a for t, a in tags if t == "section" and "data-item-id" in a]
    assert [int(a["data-number"]) for a in questions] == list(range(1, 21))
    inputs = [a for t, a in tags if t == "input" and "data-option-id" in a]
    by_question: Dict[str, List[dict]] = {}
    for a in inputs:
        by_question.setdefault(a["name"], []).append(a)
    for q in questions:
        item = bank[q["data-item-id"]]
        options = by_question.get(f"q{q['data-number']}", [])
        assert sorted(a["data-option-id"] for a in options) == sorted(o.id for o in item.options)
        assert [a["data-letter"] for a in options] == [chr(65 + i) for i in range(len(options))]
        assert all(a["type"] == ("checkbox" if item.type == "multiple" else "radio") for a in options)
    labelled = {a["for"] for t, a in tags if t == "label"}
    assert all(a["id"] in labelled for t, a in tags if t in ("input", "textarea") and "id" in a)
    present = {a["data-action"] for t, a in tags if "data-action" in a}
    assert set(ACTIONS) <= present
    assert [a["data-domain-score"] for t, a in tags if "data-domain-score" in a] == \
        ["ingestion", "store", "operations", "security"]
    assert [a for t, a in tags if "data-score" in a and "data-correct" in a and "data-total" in a]


def test_pinned_options_stay_in_place(practice_out: Path) -> None:
    html = (practice_out / "practice-A.html").read_text("utf-8")
    page = json.loads(Inline(html).scripts["application/json"][0])
    pinned = {(i.id, o.id) for i in load_bank(EXAMPLE_BANK).items for o in i.options if o.pin}
    assert pinned, "the example bank has pinned options"
    stays = set()
    for block in re.findall(r'<section class="question.*?</section>', html, re.S):
        item_id = re.search(r'data-item-id="([^"]+)"', block).group(1)
        for flag, option_id in re.findall(r'data-stays="(true|false)">\s*<input[^>]*data-option-id="(o\d+)"', block):
            if flag == "true":
                stays.add((item_id, option_id))
    drawn = {q["item_id"] for q in page["questions"]}
    assert stays == {p for p in pinned if p[0] in drawn}


def test_page_data(practice_out: Path) -> None:
    bank = {item.id: item for item in load_bank(EXAMPLE_BANK).items}
    a = json.loads(Inline((practice_out / "practice-A.html").read_text("utf-8")).scripts["application/json"][0])
    b = json.loads(Inline((practice_out / "practice-B.html").read_text("utf-8")).scripts["application/json"][0])
    assert a["exam"]["title"] == "AWS Data Engineer practice exam" and a["exam"]["form"] == "A"
    assert a["exam"]["time_limit"] == 40 and a["exam"]["pass_mark"] is None
    assert a["exam"]["content_hash"] != b["exam"]["content_hash"]
    assert a["storage_key"] == f"qb-practice:{a['exam']['title']}:A:{a['exam']['content_hash']}"
    for q in a["questions"]:
        item = bank[q["item_id"]]
        assert q["item_hash"] == item.content_hash and q["domain"] == item.domain
        assert q["keys"] == [o.id for o in item.options if o.correct]


def test_a_changed_item_changes_the_content_hash(bank, tmp_path: Path) -> None:
    spec = SPEC.format(count=2) + "  practice: true\n"
    root = bank({"a.yaml": choice_items(3)}, exams={"x.yaml": spec})
    assert render(root / "exams" / "x.yaml", "-o", tmp_path / "one").exit_code == 0
    (root / "items" / "a.yaml").write_text(choice_items(3).replace("Question 0?", "Question zero?"))
    assert render(root / "exams" / "x.yaml", "-o", tmp_path / "two").exit_code == 0

    def digest(out: Path) -> str:
        data = Inline((out / "practice-A.html").read_text("utf-8")).scripts["application/json"][0]
        return json.loads(data)["exam"]["content_hash"]
    assert digest(tmp_path / "one") != digest(tmp_path / "two")


# --- bank text is never markup or script ------------------------------------------

HOSTILE_TITLE = "Exam </script><!-- <script>alert(1)</script> \u2028 \u2029 & \"quoted\""


def hostile_bank(bank) -> Path:
    spec = json.dumps({"exam": {"title": HOSTILE_TITLE, "count": 1, "practice": True,
                                "instructions": "<script>alert(2)</script>",
                                "labels": {"check": "</script><script>alert(3)</script>",
                                           "question": "<img src=x onerror=alert(4)>"}}})
    bank_yaml = ("title: t\nformat: 1\ndomains:\n"
                 "  ingestion: {name: '</script><img src=x onerror=alert(5)>', weight: 1}\n")
    return bank({"a.yaml": HOSTILE}, bank_yaml=bank_yaml, exams={"x.json.yaml": spec})


def test_hostile_text_is_escaped(bank, tmp_path: Path) -> None:
    root = hostile_bank(bank)
    out = tmp_path / "out"
    result = render(root / "exams" / "x.json.yaml", "-o", out)
    assert result.exit_code == 0, result.output + result.stderr
    html = (out / "practice-A.html").read_text("utf-8")
    tags = Page(html).tags
    scripts = [a for t, a in tags if t == "script"]
    assert scripts == [{"type": "application/json", "id": "qb-practice-data"}, {}]
    assert not [t for t, _ in tags if t in ("iframe", "b", "img")]
    assert not [a for _, a in tags if any(k.startswith("on") for k in a)]
    assert not [a for _, a in tags if "javascript:" in a.get("href", "")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    page = Inline(html)
    (data,) = page.scripts["application/json"]
    for bad in ("</", "<!--", "\u2028", "\u2029", "<script"):
        assert bad not in data
    parsed = json.loads(data)
    assert parsed["exam"]["title"] == HOSTILE_TITLE  # escaped, not altered
    assert parsed["labels"]["check"] == "</script><script>alert(3)</script>"
    assert html.count("</script>") == 2


def test_script_json_round_trips_and_cannot_end_the_element() -> None:
    value = {"a": "</script><!-- x -->\u2028\u2029&<>", "b": ["</SCRIPT>", 1, None]}
    text = str(script_json(value))
    assert json.loads(text) == value
    assert not re.search(r"</|<!--|[\u2028\u2029<>&]", text)


def test_policy_hashes_every_inline_script_and_style_but_not_data() -> None:
    html = ('<style>a{}</style><script type="application/json">{"x":1}</script>'
            "<script>go()</script><script>more()</script>")
    policy = content_security_policy(html)
    assert f"script-src {' '.join(sorted([sha256_source('go()'), sha256_source('more()')]))};" in policy
    assert f"style-src {sha256_source('a{}')};" in policy
    assert sha256_source('{"x":1}') not in policy


def test_every_word_of_the_page_can_be_overridden(bank, tmp_path: Path) -> None:
    from questionbank.practice import PRACTICE_LABELS
    from questionbank.resources import schema
    from questionbank.spec import DEFAULT_LABELS

    properties = schema("exam")["definitions"]["exam"]["properties"]["labels"]["properties"]
    assert set(properties) == set(DEFAULT_LABELS) | set(PRACTICE_LABELS)
    spec = SPEC.format(count=2) + "  practice: true\n  labels: {check: Prüfen, question_of: 'Frage {n} von {total}'}\n"
    root = bank({"a.yaml": choice_items(3)}, exams={"x.yaml": spec})
    assert render(root / "exams" / "x.yaml", "-o", tmp_path / "out").exit_code == 0
    html = (tmp_path / "out" / "practice-A.html").read_text("utf-8")
    assert ">Prüfen</button>" in html and "Frage 2 von 2" in html
    assert json.loads(Inline(html).scripts["application/json"][0])["labels"]["check"] == "Prüfen"


def test_docs_list_every_word_with_its_default() -> None:
    from conftest import REPO
    from questionbank.practice import PRACTICE_LABELS

    rows = {}
    for line in (REPO / "docs" / "practice.md").read_text("utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0].startswith("`"):
            names = [n.strip(" `") for n in cells[0].split(",")]
            defaults = [cells[1]] if len(names) == 1 else [d.strip() for d in cells[1].split(", ")]
            rows.update(zip(names, defaults))
    assert {k: rows.get(k) for k in PRACTICE_LABELS} == PRACTICE_LABELS


def test_docs_attempt_example_is_valid_and_qb_analyze_reads_it(tmp_path: Path) -> None:
    """The export example of docs/practice.md matches schemas/attempt.schema.json,
    and qb analyze takes it as a response file of the example bank."""
    import jsonschema

    from conftest import REPO
    from questionbank.analysis.run import run
    from questionbank.resources import schema

    blocks = re.findall(r"```json\n(.*?)```", (REPO / "docs" / "practice.md").read_text("utf-8"), re.S)
    attempts = [json.loads(b) for b in blocks if '"qb-practice-attempt"' in b]
    assert len(attempts) == 1
    jsonschema.Draft7Validator(schema("attempt")).validate(attempts[0])
    (tmp_path / "attempt.json").write_text(json.dumps(attempts[0]), encoding="utf-8")
    outcome = run(EXAMPLE_BANK, [tmp_path / "attempt.json"])
    assert outcome.notes == [] and outcome.analysis.stats["examinees"] == 1
    # The example's item hashes are the bank's: answers to the current items, not stale ones.
    assert all("fewer than min-examinees" in why for why in outcome.silent.values())
    assert {i for i, e in outcome.analysis.stats["items"].items() if e["n"]} == \
        {r["item_id"] for r in attempts[0]["responses"]}
