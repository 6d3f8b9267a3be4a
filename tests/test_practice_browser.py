"""The practice page in headless Chromium: both modes end to end against the
bank, resume after a reload, a keyboard-only attempt, an expiring time
limit, axe-core, the layout at 1280 and 375 px, hostile bank text, and
what the page may and may not load."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from datetime import datetime
from pathlib import Path
from typing import Callable, Dict, List, Optional, Tuple

import pytest

from browser import SCREEN_SIZES, axe_source, axe_violations, chromium, layout_problems, screenshot_folder
from questionbank.assemble import Form
from questionbank.item import Item
from questionbank.prepare import load_exam
from questionbank.resources import schema
from test_practice import HOSTILE_TITLE, hostile_bank
from test_render import EXAMPLE_SPEC, choice_items, render

Strategy = Callable[[int, Item], List[str]]


# --- what the bank says the results must be ------------------------------------

def right(number: int, item: Item) -> List[str]:
    return [o.id for o in item.keys]


def wrong(number: int, item: Item) -> List[str]:
    """A wrong answer: the first distractor, with one key for multiple-response
    items (half right is still wrong)."""
    distractor = next(o.id for o in item.options if not o.correct)
    return sorted([item.keys[0].id, distractor], key=lambda i: int(i[1:])) if item.type == "multiple" else [distractor]


def mixed(number: int, item: Item) -> List[str]:
    """Every third question unanswered, the others right and wrong in turn."""
    return [] if number % 3 == 0 else right(number, item) if number % 3 == 1 else wrong(number, item)


STRATEGIES = {"right": right, "wrong": wrong, "mixed": mixed}


def expected(form: Form, strategy: Strategy, self_score: Optional[float] = None) -> dict:
    """Score, per-domain figures and export records, worked out from the bank."""
    records, domains, correct, total = [], {}, 0, 0
    for q in form.questions:
        item = q.item
        if item.type == "open":
            records.append({"item_id": item.id, "item_hash": item.content_hash, "form": form.name,
                            "number": q.number, "chosen": [], "correct": None, "self_score": self_score})
            domains.setdefault(item.domain, [0, 0])
            continue
        chosen = strategy(q.number, item)
        ok = sorted(chosen) == sorted(o.id for o in item.keys)
        records.append({"item_id": item.id, "item_hash": item.content_hash, "form": form.name,
                        "number": q.number, "chosen": chosen, "correct": ok})
        figures = domains.setdefault(item.domain, [0, 0])
        figures[0] += ok
        figures[1] += 1
        correct += ok
        total += 1
    return {"correct": correct, "total": total, "score": round(1000 * correct / total) / 10,
            "domains": {d: tuple(v) for d, v in domains.items()}, "records": records}


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Tuple[Path, Form]:
    out = tmp_path_factory.mktemp("practice-browser") / "out"
    result = render(EXAMPLE_SPEC, "-o", out, "--practice")
    assert result.exit_code == 0, result.output + result.stderr
    _, _, exam = load_exam(EXAMPLE_SPEC)
    return out / "practice-A.html", exam.forms[0]


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport=SCREEN_SIZES["desktop"], accept_downloads=True)
    yield ctx
    ctx.close()


# --- driving the page -------------------------------------------------------------

class Practice:
    """One practice page in one browser tab, through its DOM contract."""

    def __init__(self, context, url: str):
        self.page = context.new_page()
        self.errors: List[str] = []
        self.requests: List[str] = []  # every request the page made
        self.failed: List[Tuple[str, str]] = []  # (url, error) of those that failed
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", lambda d: (self.errors.append(f"dialog: {d.message}"), d.dismiss()))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.failed.append((r.url, r.failure)))
        self.page.goto(url)

    def action(self, name: str):
        return self.page.locator(f'[data-action="{name}"]:visible')

    def click(self, name: str) -> None:
        self.action(name).click()

    def question(self):
        return self.page.locator("section.question:visible")

    def number(self) -> int:
        return int(self.question().get_attribute("data-number"))

    def choose(self, option_ids: List[str]) -> None:
        for option_id in option_ids:
            self.question().locator(f'label[for="q{self.number()}-{option_id}"]').click()

    def result(self) -> dict:
        box = self.page.locator('[data-part="result"]')
        return {k: box.get_attribute(f"data-{k}") for k in ("score", "correct", "total")}

    def domains(self) -> Dict[str, Tuple[int, int]]:
        rows = self.page.locator("[data-domain-score]:visible")
        return {rows.nth(i).get_attribute("data-domain-score"): (int(rows.nth(i).get_attribute("data-correct")),
                                                                 int(rows.nth(i).get_attribute("data-total")))
                for i in range(rows.count())}

    def export(self) -> dict:
        with self.page.expect_download() as info:
            self.click("export")
        return json.loads(Path(info.value.path()).read_text(encoding="utf-8"))

    def option_order(self) -> List[str]:
        return self.question().locator("input[data-option-id]").evaluate_all("els => els.map(e => e.value)")


def check_export(attempt: dict, want: dict, mode: str) -> None:
    import jsonschema

    jsonschema.Draft7Validator(schema("attempt")).validate(attempt)
    assert attempt["mode"] == mode and attempt["exam"]["form"] == "A"
    assert len(attempt["responses"]) == len(want["records"])
    for got, record in zip(attempt["responses"], want["records"]):
        assert {k: got.get(k) for k in record} == record
        assert ("self_score" in got) == (record["correct"] is None)
    assert all(r["seconds"] >= 0 for r in attempt["responses"])
    assert sum(r["seconds"] for r in attempt["responses"]) <= attempt["seconds"] + 0.5
    assert datetime.fromisoformat(attempt["finished"].replace("Z", "+00:00")) >= \
        datetime.fromisoformat(attempt["started"].replace("Z", "+00:00"))


def check_results(p: Practice, want: dict) -> None:
    assert p.result() == {"score": f"{want['score']:g}", "correct": str(want["correct"]), "total": str(want["total"])}
    assert p.domains() == want["domains"]


# --- both modes, end to end -------------------------------------------------------

@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_study_mode(context, example, strategy: str) -> None:
    path, form = example
    want = expected(form, STRATEGIES[strategy], self_score=0.5)
    p = Practice(context, path.as_uri())
    p.click("start-study")
    for q in form.questions:
        assert p.number() == q.number and p.question().get_attribute("data-item-id") == q.item.id
        assert p.question().locator(".q-head").inner_text().startswith(f"Question {q.number} of 20")
        feedback = p.question().locator('[data-part="feedback"]')
        assert feedback.is_hidden()
        if q.item.type == "open":
            p.click("check")
            assert feedback.is_visible() and "Model answer" in feedback.inner_text()
            p.question().locator('input[data-self-score="0.5"]').check()
        else:
            chosen = STRATEGIES[strategy](q.number, q.item)
            p.choose(chosen)
            p.click("check")
            keys = sorted(o.id for o in q.item.keys)
            verdict = feedback.locator('[data-part="verdict-text"]').inner_text()
            letters = ", ".join(chr(65 + i) for i, o in enumerate(q.options) if o.correct)
            if sorted(chosen) == keys:
                assert verdict == "Correct."
            else:
                assert verdict == ("Incorrect." if chosen else "No answer.") + f" The answer is {letters}."
            marked = p.question().locator(".option.is-key input").evaluate_all("els => els.map(e => e.value)")
            assert sorted(marked) == keys
            assert p.question().locator(".option.is-wrong").count() == len(set(chosen) - set(keys))
            whys = sum(1 for o in q.item.options if o.why)
            assert p.question().locator(".why:visible").count() == whys
            assert p.question().locator("input[data-option-id]:disabled").count() == len(q.options)
        p.click("finish" if q.number == 20 else "next")
    check_results(p, want)
    missed = [r["item_id"] for r in want["records"] if r["correct"] is False]
    shown = p.page.locator('[data-part="missed"] > li').evaluate_all("els => els.map(e => e.dataset.itemId)")
    assert shown == missed
    written = p.page.locator('[data-part="written"] > li')
    assert written.count() == 1 and "You graded it: Partly." in written.inner_text()
    check_export(p.export(), want, "study")
    assert not p.errors


@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_exam_mode(context, example, strategy: str) -> None:
    path, form = example
    want = expected(form, STRATEGIES[strategy])
    p = Practice(context, path.as_uri())
    p.click("start-exam")
    assert p.page.locator('[data-part="clock"]').inner_text() in ("40:00", "39:59")
    flagged = {2, 7}
    for q in form.questions:
        assert p.number() == q.number
        if q.item.type != "open":
            p.choose(STRATEGIES[strategy](q.number, q.item))
        if q.number in flagged:
            p.click("flag")
            assert p.action("flag").get_attribute("aria-pressed") == "true"
        # No feedback before the end.
        assert p.question().locator('[data-part="feedback"]').is_hidden()
        assert p.question().locator(".is-key, .is-wrong").count() == 0
        assert p.action("check").count() == 0
        p.click("next")
    # Next after the last question opens the review screen.
    unanswered = [r["number"] for r in want["records"] if not r["chosen"]]
    summary = p.page.locator('[data-part="review-summary"]').inner_text()
    assert summary == f"{len(unanswered)} unanswered, {len(flagged)} flagged, of 20 questions."
    rows = p.page.locator('[data-part="review-list"] li')
    assert [int(n) for n in rows.evaluate_all("els => els.filter(e => e.querySelector('.is-unanswered'))"
                                              ".map(e => e.dataset.number)")] == unanswered
    assert [int(n) for n in rows.evaluate_all("els => els.filter(e => e.querySelector('.is-flagged'))"
                                              ".map(e => e.dataset.number)")] == sorted(flagged)
    p.click("finish")
    check_results(p, want)
    # The written answer's model answer, first seen now.
    written = p.page.locator('[data-part="written"] > li')
    assert written.count() == 1 and written.locator(".model-answer").is_visible()
    for record in want["records"]:
        record["flagged"] = record["number"] in flagged
    attempt = p.export()
    check_export(attempt, want, "exam")
    assert [r["flagged"] for r in attempt["responses"]] == [r["number"] in flagged for r in want["records"]]
    assert not p.errors


def test_retakes_reshuffle_around_options_that_stay(context, example) -> None:
    path, form = example
    p = Practice(context, path.as_uri())
    p.click("start-study")
    for q in form.questions:
        if q.item.type != "open":
            p.choose(mixed(q.number, q.item))
        p.click("finish" if q.number == 20 else "next")
    want = expected(form, mixed)
    missed = [r["number"] for r in want["records"] if r["correct"] is False]
    p.click("retake-missed")
    orders = {}
    for i, number in enumerate(missed):
        assert p.number() == number
        assert p.question().locator(".q-head").inner_text().startswith(f"Question {i + 1} of {len(missed)}")
        orders[number] = p.option_order()
        p.click("finish" if i == len(missed) - 1 else "next")
    attempt = p.export()
    assert attempt["retake"] == "missed" and [r["number"] for r in attempt["responses"]] == missed
    assert p.result()["total"] == str(len(missed)) and p.result()["correct"] == "0"

    p.click("retake")
    printed = {q.number: [o.id for o in q.options] for q in form.questions}
    stays = {q.number: [o.pin for o in q.options] for q in form.questions}
    changed = 0
    for q in form.questions:
        order = p.option_order()
        assert sorted(order) == sorted(printed[q.number])
        for i, keep in enumerate(stays[q.number]):
            if keep:
                assert order[i] == printed[q.number][i], (q.number, order)
        # The letters follow the new order.
        letters = p.question().locator("input[data-option-id]").evaluate_all("els => els.map(e => e.dataset.letter)")
        assert letters == [chr(65 + i) for i in range(len(order))]
        changed += order != printed[q.number]
        p.click("finish" if q.number == 20 else "next")
    assert changed >= 10  # of 19 shuffled choice items; the odds of fewer are below 1 in 10^8
    assert p.export()["retake"] == "all"
    assert not p.errors


# --- resume -------------------------------------------------------------------------

def test_reload_resumes_and_start_over_clears(context, example) -> None:
    path, form = example
    p = Practice(context, path.as_uri())
    p.click("start-exam")
    first, second = form.questions[0], form.questions[1]
    p.choose(right(1, first.item))
    p.click("next")
    p.choose(wrong(2, second.item))
    p.click("flag")
    p.click("next")
    order = p.option_order()
    p.page.reload()
    assert p.number() == 3 and p.option_order() == order
    assert p.page.locator('[data-part="notice"]').inner_text() == "Your earlier progress was restored."
    assert p.page.locator('[data-part="timer"]').is_visible()
    p.click("prev")
    assert p.number() == 2 and p.question().locator('[data-part="flag-mark"]').is_visible()
    checked = p.question().locator("input:checked").evaluate_all("els => els.map(e => e.value)")
    assert checked == wrong(2, second.item)
    p.click("prev")
    assert p.question().locator("input:checked").evaluate_all("els => els.map(e => e.value)") == right(1, first.item)
    keys = p.page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('qb-practice:'))")
    assert len(keys) == 1 and keys[0].startswith("qb-practice:AWS Data Engineer practice exam:A:")

    p.click("reset")
    assert p.page.locator('[data-screen="start"]').is_visible()
    assert p.page.evaluate("(k) => localStorage.getItem(k)", keys[0]) is None
    p.page.reload()
    assert p.page.locator('[data-screen="start"]').is_visible()
    assert p.page.locator('[data-part="notice"]').is_hidden()
    assert not p.errors


def test_study_feedback_survives_a_reload(context, example) -> None:
    path, form = example
    p = Practice(context, path.as_uri())
    p.click("start-study")
    p.choose(wrong(1, form.questions[0].item))
    p.click("check")
    p.page.reload()
    assert p.number() == 1
    assert p.question().locator('[data-part="feedback"]').is_visible()
    assert p.question().locator(".option.is-wrong").count() == 1
    assert p.action("check").count() == 0
    assert not p.errors


def small_exam(bank, out: Path, extra: str = "") -> Path:
    """A bank of three single-answer items (o1 the key), rendered to out; its root."""
    spec = "exam:\n  title: Small\n  count: 3\n  practice: true\n  blueprint: {ingestion: 1}\n" + extra
    root = bank({"a.yaml": choice_items(3)}, exams={"x.yaml": spec})
    assert render(root / "exams" / "x.yaml", "-o", out).exit_code == 0
    return root


def test_a_new_version_of_the_exam_does_not_inherit_answers(context, bank, tmp_path: Path) -> None:
    out = tmp_path / "out"
    root = small_exam(bank, out)
    p = Practice(context, (out / "practice-A.html").as_uri())
    p.click("start-study")
    p.choose(["o1"])
    p.page.reload()
    assert p.page.locator('[data-screen="quiz"]').is_visible()
    (root / "items" / "a.yaml").write_text(choice_items(3).replace("right 1", "right one"))
    assert render(root / "exams" / "x.yaml", "-o", out).exit_code == 0
    p.page.reload()
    assert p.page.locator('[data-screen="start"]').is_visible()
    assert p.page.locator('[data-part="notice"]').is_hidden()
    assert not p.errors


# --- keyboard -----------------------------------------------------------------------

FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {tag: el.tagName, action: el.dataset.action || null, focusVisible: el.matches(':focus-visible'),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
}"""


def focus(p: Practice) -> dict:
    found = p.page.evaluate(FOCUS_JS)
    assert found is not None, "focus was lost to the page body"
    assert found["outline"] and found["focusVisible"], f"focus is not visible on {found}"
    return found


def test_keyboard_only_attempt(context, example) -> None:
    path, form = example
    p = Practice(context, path.as_uri())
    keyboard = p.page.keyboard
    for _ in range(10):
        keyboard.press("Tab")
        if focus(p)["action"] == "start-study":
            break
    keyboard.press("Enter")
    for q in form.questions:
        assert p.number() == q.number
        focus(p)
        if q.item.type == "open":
            keyboard.press("Enter")  # show the model answer
            assert p.question().locator('[data-part="feedback"]').is_visible()
            focus(p)
            keyboard.press("Enter")
            continue
        chosen = mixed(q.number, q.item)
        order = p.option_order()
        for option_id in chosen:
            # Letters for even questions, digits for odd ones.
            index = order.index(option_id)
            keyboard.press(chr(ord("a") + index) if q.number % 2 == 0 else str(index + 1))
            assert focus(p)["tag"] == "INPUT"
        if not chosen:
            keyboard.press("Enter")  # nothing chosen: Enter does not give the answer away
            assert p.question().locator('[data-part="feedback"]').is_hidden()
            keyboard.press("ArrowRight")
            keyboard.press("p")  # back, and on with N
            assert p.number() == q.number
            keyboard.press("n")
            continue
        keyboard.press("Enter")  # check
        assert p.question().locator('[data-part="feedback"]').is_visible()
        assert focus(p)["action"] == ("finish" if q.number == 20 else "next")
        keyboard.press("Enter")  # next, or finish after the last
    assert p.page.locator('[data-screen="results"]').is_visible()
    check_results(p, expected(form, mixed))
    for _ in range(60):
        keyboard.press("Tab")
        if focus(p)["action"] == "export":
            break
    with p.page.expect_download() as info:
        keyboard.press("Enter")
    attempt = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert [r["correct"] for r in attempt["responses"]] == [r["correct"] for r in expected(form, mixed)["records"]]
    assert not p.errors


def test_shortcuts_can_be_turned_off(context, example) -> None:
    path, form = example
    p = Practice(context, path.as_uri())
    p.page.locator('[data-part="shortcuts"]').uncheck()
    p.click("start-study")
    p.question().locator(".q-head").focus()
    p.page.keyboard.press("b")
    p.page.keyboard.press("ArrowRight")
    assert p.number() == 1 and p.question().locator("input:checked").count() == 0
    assert not p.errors


# --- time limit ---------------------------------------------------------------------

def test_the_time_limit_ends_the_attempt(context, bank, tmp_path: Path) -> None:
    out = tmp_path / "out"
    small_exam(bank, out, "  time_limit: 1\n  pass_mark: 50\n")
    page = context.new_page()
    page.clock.install()
    errors: List[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((out / "practice-A.html").as_uri())
    page.locator('[data-action="start-exam"]').click()
    assert page.locator('[data-part="clock"]').inner_text() in ("1:00", "0:59")
    number = int(page.locator("section.question:visible").get_attribute("data-number"))
    page.locator(f'label[for="q{number}-o1"]').click()  # choice_items: o1 is the key
    page.clock.run_for(30_000)
    assert page.locator('[data-part="clock"]').inner_text() in ("0:30", "0:29")
    assert page.locator('[data-screen="quiz"]').is_visible()
    page.clock.run_for(31_000)
    assert page.locator('[data-screen="results"]').is_visible()
    assert page.locator('[data-part="time-up"]').inner_text() == "Time is up: the attempt was submitted."
    box = page.locator('[data-part="result"]')
    assert (box.get_attribute("data-correct"), box.get_attribute("data-total")) == ("1", "3")
    assert "Not passed" in box.locator('[data-part="verdict"]').inner_text()
    with page.expect_download() as info:
        page.locator('[data-action="export"]').click()
    attempt = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    started, finished = (datetime.fromisoformat(attempt[k].replace("Z", "+00:00")) for k in ("started", "finished"))
    assert (finished - started).total_seconds() == pytest.approx(60, abs=0.3)
    assert [r["correct"] for r in attempt["responses"]].count(True) == 1
    assert not errors


# --- accessibility and layout --------------------------------------------------------

SCREEN_PARTS = (".topbar > *, .facts > div, .modes .mode, .progress, .q-head, .stem, .options .option, .notes, "
                ".feedback, .controls button, .review-list li, .actions button, .result, .domain, .missed-item, "
                ".missed-options .option")


def problems_on_every_screen(p: Practice, form: Form, check: Callable[[str], list]) -> Dict[str, list]:
    """What ``check(screen name)`` finds on: the start screen, a checked study
    question (question 1 and those with code, answered wrongly), the open
    question's feedback, the exam's flagged question and review screen, and
    the results."""
    found: Dict[str, list] = {}

    def visit(name: str) -> None:
        problems = check(name)
        if problems:
            found[name] = problems
    visit("start")
    p.click("start-study")
    for q in form.questions:
        if q.item.type == "open":
            p.click("check")
            visit("study-open")
        elif "```" in q.item.stem or q.number == 1:
            p.choose(wrong(q.number, q.item))
            p.click("check")
            visit(f"study-{q.number}")
        if q.number < 20:
            p.click("next")
    p.click("reset")
    p.click("start-exam")
    p.choose(right(1, form.questions[0].item))
    p.click("flag")
    visit("exam")
    p.click("review")
    visit("review")
    p.click("finish")
    visit("results")
    return found


def test_the_layout_check_sees_overflow_and_overlap(context) -> None:
    page = context.new_page()
    page.set_content('<div class="stem" style="width: 2000px">wide</div>'
                     '<div class="q-head" style="position: absolute; top: 0; left: 0">over</div>'
                     '<pre style="overflow-x: auto"><code style="display: block; width: 3000px">scrolls</code></pre>')
    problems = layout_problems(page, SCREEN_PARTS)
    assert any("sideways" in p for p in problems)
    assert any(p.startswith("div.stem overflows") for p in problems)
    assert any("div.stem and div.q-head overlap" in p for p in problems)
    assert not any("code" in p for p in problems)  # inside a box that scrolls


def test_axe_sees_a_serious_violation(browser, request) -> None:
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_content('<html lang="en"><title>t</title><main><p style="color: #bbb">faint</p>'
                     '<input type="checkbox"></main></html>')
    found = {v["id"] for v in axe_violations(page, axe_source(request))}
    context.close()
    assert {"color-contrast", "label"} <= found


def test_axe_finds_no_serious_violation(browser, example, request) -> None:
    path, form = example
    source = axe_source(request)
    for size in SCREEN_SIZES.values():
        context = browser.new_context(viewport=size, bypass_csp=True)
        p = Practice(context, path.as_uri())
        found = problems_on_every_screen(p, form, lambda name: axe_violations(p.page, source))
        context.close()
        assert not found, json.dumps(found, indent=1)


@pytest.mark.parametrize("size", sorted(SCREEN_SIZES))
def test_layout_and_screenshots(browser, example, size: str, tmp_path: Path) -> None:
    path, form = example
    folder = screenshot_folder(tmp_path)
    context = browser.new_context(viewport=SCREEN_SIZES[size])
    p = Practice(context, path.as_uri())

    def check(name: str) -> List[str]:
        p.page.evaluate("() => window.scrollTo(0, 0)")
        p.page.screenshot(path=str(folder / f"practice-{name}-{SCREEN_SIZES[size]['width']}.png"), full_page=True)
        return layout_problems(p.page, SCREEN_PARTS)
    found = problems_on_every_screen(p, form, check)
    context.close()
    assert not found, json.dumps(found, indent=1)
    assert not p.errors


# --- hostile text and what the page loads ----------------------------------------------

def test_hostile_text_stays_text_in_every_view(context, bank, tmp_path: Path) -> None:
    root = hostile_bank(bank)
    out = tmp_path / "out"
    assert render(root / "exams" / "x.json.yaml", "-o", out).exit_code == 0
    p = Practice(context, (out / "practice-A.html").as_uri())
    p.click("start-study")
    assert "Stem <script>alert(1)</script> and <img src=x onerror=alert(1)>" in p.question().inner_text()
    p.choose(["o2"])
    p.page.locator('[data-action="check"]').click()  # its label is hostile text, so not by name
    assert "Why <img src=x onerror=alert(1)>" in p.question().inner_text()
    p.click("finish")
    missed = p.page.locator(".missed-item")
    assert missed.count() == 1 and "<iframe src=https://example.com></iframe>" in missed.inner_text()
    assert "</script><img src=x onerror=alert(5)>" in p.page.locator("[data-domain-score]").inner_text()
    attempt = p.export()
    assert attempt["exam"]["title"] == HOSTILE_TITLE
    live = p.page.evaluate("""() => ({
        scripts: document.scripts.length,
        markup: document.querySelectorAll('img, iframe, b, object, embed').length,
        handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
        links: [...document.querySelectorAll('a[href]')].filter(a => !/^https?:/.test(a.href)).length})""")
    assert live == {"scripts": 2, "markup": 0, "handlers": 0, "links": 0}
    assert not p.errors


def test_the_policy_blocks_what_the_page_did_not_bring(context, example) -> None:
    path, _ = example
    p = Practice(context, path.as_uri())
    blocked = p.page.evaluate("""() => new Promise(resolve => {
        const seen = [];
        document.addEventListener('securitypolicyviolation', e => {
            seen.push(e.effectiveDirective);
            if (seen.length === 2) resolve({seen, ran: window.injected === true});
        });
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.body.appendChild(script);
        const img = new Image();
        img.src = 'https://example.invalid/pixel.png';
        document.body.appendChild(img);
    })""")
    assert sorted(blocked["seen"]) == ["img-src", "script-src-elem"] and blocked["ran"] is False
    # Chromium reports the image request, which the policy stops before it leaves.
    assert p.requests == [path.as_uri(), "https://example.invalid/pixel.png"]
    assert [(url, "csp" in error.lower()) for url, error in p.failed] == [("https://example.invalid/pixel.png", True)]
    assert len(p.errors) == 2 and all("Content Security Policy" in e for e in p.errors)


def test_works_from_a_web_server_without_other_requests(context, example) -> None:
    path, form = example
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(path.parent))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        origin = f"http://127.0.0.1:{server.server_address[1]}"
        p = Practice(context, f"{origin}/{path.name}")
        p.click("start-study")
        p.choose(right(1, form.questions[0].item))
        p.click("check")
        assert p.question().locator('[data-part="verdict-text"]').inner_text() == "Correct."
        p.page.reload()
        assert p.number() == 1 and p.question().locator('[data-part="feedback"]').is_visible()
        p.click("finish")
        assert p.result()["correct"] == "1"
        assert {u.split("/", 3)[2] for u in p.requests} == {origin.split("/")[2]}
        assert not p.errors
    finally:
        server.shutdown()
        server.server_close()
