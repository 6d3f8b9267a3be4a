"""qb analyze: reading responses (every unusable row reported at its line),
the statistics against hand-computed values, --write and lint, the text and
JSON outputs."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from questionbank.analysis.classical import Ranking, build_table
from questionbank.analysis.responses import Reader, settle_versions
from questionbank.analysis.run import run
from questionbank.bank import load_bank
from questionbank.cli import cli

THREE_ITEMS = """\
items:
  - id: i1
    type: single
    stem: First question?
    options:
      - {text: right one, correct: true}
      - {text: wrong one}
      - {text: wrong two}
  - id: i2
    type: single
    stem: Second question?
    options:
      - {text: right two, correct: true}
      - {text: wrong three}
  - id: i3
    type: single
    stem: Third question?
    options:
      - {text: right three, correct: true}
      - {text: wrong four}
"""

# Item scores of five examinees (rows) on three items:
#   E1 1 1 1 (3)   E2 1 1 0 (2)   E3 1 0 0 (1)   E4 0 1 0 (1)   E5 0 0 0 (0)
# E4 chose o2 on i1, E5 chose o3; wrong answers to i2 and i3 are o2.
TINY = """\
examinee,item_id,response
E1,i1,o1
E1,i2,o1
E1,i3,o1
E2,i1,o1
E2,i2,o1
E2,i3,o2
E3,i1,right one
E3,i2,o2
E3,i3,o2
E4,i1,o2
E4,i2,o1
E4,i3,o2
E5,i1,o3
E5,i2,o2
E5,i3,wrong four
"""


@pytest.fixture
def tiny(bank, tmp_path):
    root = bank({"tiny.yaml": THREE_ITEMS})
    answers = tmp_path / "answers.csv"
    answers.write_text(TINY)
    return root, answers


def test_tiny_matrix_matches_hand_computed_values(tiny) -> None:
    root, answers = tiny
    outcome = run(root, [answers])
    assert outcome.notes == []
    stats = outcome.analysis.stats
    i1, i3 = stats["items"]["i1"], stats["items"]["i3"]
    # Totals 3, 2, 1, 1, 0: mean 1.4, variance 5.2 / 4 = 1.3.
    test = stats["test"]
    assert test["mean"] == pytest.approx(1.4) and test["sd"] == pytest.approx(math.sqrt(1.3))
    # Item variances 0.3, 0.3, 0.2: alpha = 3/2 * (1 - 0.8 / 1.3) = 0.75 / 1.3.
    assert test["alpha"] == pytest.approx(0.75 / 1.3)
    assert test["sem"] == pytest.approx(math.sqrt(1.3) * math.sqrt(1 - 0.75 / 1.3))
    assert i1["p"] == pytest.approx(0.6) and i3["p"] == pytest.approx(0.2)
    # i1 against the rest 2, 1, 0, 1, 0: cross products 0.6, sums of squares 1.2 and 2.8.
    assert i1["r"] == pytest.approx(0.6 / math.sqrt(1.2 * 2.8), abs=1e-6)
    # i3 against the rest 2, 2, 1, 1, 0: 0.8 / sqrt(0.8 * 2.8).
    assert i3["r"] == pytest.approx(0.8 / math.sqrt(0.8 * 2.8), abs=1e-6)
    # Without i3 the totals are 2, 2, 1, 1, 0 (variance 0.7): alpha = 2 * (1 - 0.6 / 0.7).
    assert i3["alpha_if_deleted"] == pytest.approx(2 * (1 - 0.6 / 0.7), abs=1e-6)
    # The groups are ranked by the rest score, as r is corrected: for i1 the
    # rest is 2, 1, 0, 1, 0. Upper 27% of five is 1.35 examinees: E1 and
    # 0.175 of each of E2 and E4 (tied at 1); lower: 0.675 of each of E3 and
    # E5 (tied at 0). By the total (3, 2, 1, 1, 0) it would be E1 and 0.35 of
    # E2 against E5 and 0.175 of E3 and E4: d = 0.87, i1 itself lifting it.
    assert i1["groups"] == {"upper": pytest.approx(1.35), "lower": pytest.approx(1.35)}
    assert i1["d"] == pytest.approx(1.175 / 1.35 - 0.675 / 1.35, abs=1e-6)
    o1, o2, o3 = (i1["options"][k] for k in ("o1", "o2", "o3"))
    assert (o1["key"], o1["count"], o1["upper"], o1["lower"]) == (True, 3, pytest.approx(1.175),
                                                                    pytest.approx(0.675))
    assert o1["r"] == pytest.approx(i1["r"]) and o1["mean_total"] == pytest.approx(2.0)
    # o2 (chosen by E4 alone) against the rest 2, 1, 0, 1, 0: 0.2 / sqrt(0.8 * 2.8).
    assert (o2["count"], o2["p"], o2["mean_total"]) == (1, pytest.approx(0.2), pytest.approx(1.0))
    assert (o2["upper"], o2["lower"]) == (pytest.approx(0.175), 0)
    assert o2["r"] == pytest.approx(0.2 / math.sqrt(0.8 * 2.8), abs=1e-6)
    assert (o3["count"], o3["upper"], o3["lower"], o3["mean_total"]) == (1, 0, pytest.approx(0.675),
                                                                       pytest.approx(0.0))
    # i3 (right only for E1) against its rest 2, 2, 1, 1, 0: the upper group
    # is E1 and E2 (tied at 2, 0.675 each), the lower E5 and 0.175 of E3, E4.
    assert i3["d"] == pytest.approx(0.675 / 1.35, abs=1e-6)
    # The trace lines' five groups (one examinee each) by the same rest
    # score: E3 and E5 share the lowest two, E2 and E4 the next two, then E1
    # (by the total: 0, 0.5, 0.5, 1, 1).
    trace = outcome.analysis.traces["i1"]
    assert trace["score"] == pytest.approx([0.5, 0.5, 0.5, 0.5, 1.0])
    assert trace["o3"] == pytest.approx([0.5, 0.5, 0, 0, 0]) and trace["o2"] == pytest.approx([0, 0, 0.5, 0.5, 0])
    # Wilson's interval of 3 of 5 (z = 1.959964, z^2 = 3.841459): centre
    # (0.6 + 0.384146) / 1.768292 = 0.556552, half-width
    # 1.959964 * sqrt(0.048 + 0.038415) / 1.768292 = 0.325827.
    low, high = i1["p_ci"]
    assert (low, high) == (pytest.approx(0.230725, abs=2e-6), pytest.approx(0.882379, abs=2e-6))


def test_rank_bands_share_ties_and_ignore_row_order() -> None:
    import numpy as np

    totals = np.array([1.0, 3.0, 1.0, 0.0, 2.0])
    upper = Ranking(totals).band(0.73, 1.0)
    assert list(upper) == pytest.approx([0, 1, 0, 0, 0.35])
    lower = Ranking(totals).band(0.0, 0.27)
    assert list(lower) == pytest.approx([0.175, 0, 0.175, 1, 0])
    shuffled = Ranking(totals[::-1].copy()).band(0.0, 0.27)
    assert list(shuffled) == pytest.approx(list(lower)[::-1])
    # Scores that are not whole numbers (partial credit) are ranked by sorting, not counting: the same groups.
    assert list(Ranking(totals / 2).band(0.0, 0.27)) == pytest.approx(list(lower))


def test_partial_credit_scores_as_the_moodle_export_does(bank, tmp_path) -> None:
    root = bank({"m.yaml": """\
        items:
          - id: m
            type: multiple
            stem: Which two?
            options:
              - {text: a, correct: true}
              - {text: b, correct: true}
              - {text: c}
              - {text: d}
          - id: s
            type: single
            stem: Which one?
            options:
              - {text: e, correct: true}
              - {text: f}
        """})
    answers = tmp_path / "a.csv"
    answers.write_text("examinee,item_id,response\nA,m,\"o1,o2\"\nB,m,o1\nC,m,\"o1,o3\"\nD,m,o3\nD,m,o4\n"
                       "A,s,o1\nB,s,o1\nC,s,o2\nD,s,o2\n")
    table = lambda credit: build_table(*_collect(root, answers), credit)  # noqa: E731
    assert list(table(False).scores[:, 0]) == [1, 0, 0, 0]
    # keys chosen share 1; each wrong option takes away 1/2; floored at 0.
    assert list(table(True).scores[:, 0]) == [1, 0.5, 0, 0]


def _collect(root, *files):
    items = {i.id: i for i in load_bank(root).items}
    reader = Reader(items, [], {})
    for f in files:
        reader.read(f)
    return reader.out, settle_versions(reader.out, items)


def test_unusable_long_rows_are_reported_at_their_lines(tiny, tmp_path) -> None:
    root, _ = tiny
    answers = tmp_path / "bad.csv"
    answers.write_text("examinee,item_id,response\n"
                       "E1,i1,o1\n"
                       "E1,nope,o1\n"     # 3: no such item
                       "E1,i2,o7\n"       # 4: no such option
                       "E1,i1,o2\n"       # 5: a second answer
                       "E2,i1,maybe\n"    # 6: neither id nor text
                       ",i1,o1\n")        # 7: no examinee
    collected, _ = _collect(root, answers)
    lines = {n.line: n.message for n in collected.notes}
    assert sorted(lines) == [3, 4, 5, 6, 7]
    assert "no item 'nope'" in lines[3] and "no option o7" in lines[4] and "second answer" in lines[5]
    assert all(n.path == str(answers) for n in collected.notes)


WIDE_FORM = {"format": "qb-form", "version": 1, "exam": "Tiny", "spec": "tiny", "form": "A", "questions": []}


def _forms(root: Path, out: Path) -> Path:
    items = {i.id: i for i in load_bank(root).items}
    for name, order in (("A", ["i1", "i2", "i3"]), ("B", ["i3", "i1", "i2"])):
        questions = []
        for number, item_id in enumerate(order, 1):
            item = items[item_id]
            ids = [o.id for o in item.options][::-1 if name == "B" else 1]
            questions.append({"number": number, "item_id": item_id, "content_hash": item.content_hash,
                              "type": "single", "options": {chr(65 + i): o for i, o in enumerate(ids)},
                              "key": [o.id for o in item.keys]})
        out.mkdir(exist_ok=True)
        (out / f"form-{name}.json").write_text(json.dumps(dict(WIDE_FORM, form=name, questions=questions)))
    return out


def test_wide_rows_pool_forms_and_report_what_they_cannot_use(tiny, tmp_path) -> None:
    root, long_answers = tiny
    forms = _forms(root, tmp_path / "printed")
    wide = tmp_path / "scanner.csv"
    # Form B asks i3, i1, i2 and prints options in reverse: i1's key o1 is C
    # there, i2's and i3's is B.
    wide.write_text("Student,Version,Q1,Q2,Q3\n"
                    "E1,A,A,A,A\n"
                    "E2,A,A,A,B\n"
                    "E3,B,A,C,A\n"
                    "E4,B,A,B,B\n"
                    "E5,B,A,a,A\n"
                    "E6,C,A,A,A\n"      # 7: no form C
                    "E2,A,A,A,A\n"      # 8: E2 again
                    "E7,A,Z,A,\n")      # 9: i1 has no Z; Q3 omitted
    outcome = run(root, [wide], [forms], {"Student": "examinee", "Version": "form"})
    notes = {n.line: n.message for n in outcome.notes}
    assert sorted(notes) == [7, 8, 9]
    assert "unknown form 'C'" in notes[7] and "appears again" in notes[8] and "'Z' is not a letter" in notes[9]
    # The same answers as the long file, plus E7 (i1 left out, i3 omitted: wrong).
    long_stats = run(root, [long_answers]).analysis.stats["items"]
    wide_stats = outcome.analysis.stats["items"]
    assert wide_stats["i1"]["n"] == 5 and wide_stats["i2"]["n"] == 6 and wide_stats["i3"]["n"] == 6
    assert wide_stats["i1"]["options"]["o3"]["count"] == long_stats["i1"]["options"]["o3"]["count"] == 1
    assert wide_stats["i3"]["p"] == pytest.approx(1 / 6, abs=1e-6)


def test_practice_attempts_are_validated_and_first_attempts_counted(tiny, tmp_path) -> None:
    root, _ = tiny
    items = {i.id: i for i in load_bank(root).items}
    folder = tmp_path / "attempts"
    folder.mkdir()

    def attempt(n, chosen, **extra):
        responses = [{"item_id": item_id, "item_hash": items[item_id].content_hash, "form": "A", "number": k + 1,
                      "chosen": [c] if c else [], "correct": c == "o1", "seconds": 3.5}
                     for k, (item_id, c) in enumerate(zip(["i1", "i2", "i3"], chosen))]
        data = {"format": "qb-practice-attempt", "version": 1, "attempt_id": f"a{n}",
                "exam": {"title": "Tiny", "form": "A", "content_hash": "x"}, "mode": "exam",
                "started": "2026-12-02T10:00:00Z", "finished": "2026-12-02T10:20:00Z", "responses": responses}
        data.update(extra)
        return json.dumps(data, indent=2)

    for n, chosen in enumerate([("o1", "o1", "o1"), ("o1", "o1", "o2"), ("o1", "o2", "o2"), ("o2", "o1", "o2"),
                                ("o3", "o2", "o2")]):
        (folder / f"{n}.json").write_text(attempt(n, chosen))
    (folder / "retake.json").write_text(attempt(9, ("o1", "o1", "o1"), retake="all"))
    (folder / "open.json").write_text(attempt(10, ("o1", "o1", "o1"), finished=None))
    broken = attempt(11, ("o1", "o1", "o1")).replace('"chosen": [\n        "o1"\n      ]', '"chosen": "o1"', 1)
    (folder / "broken.json").write_text(broken)
    outcome = run(root, [folder])
    by_file = {}
    for note in outcome.notes:
        by_file.setdefault(Path(note.path).name, []).append(note)
    assert set(by_file) == {"retake.json", "open.json", "broken.json"}
    line = next(i for i, text in enumerate(broken.splitlines(), 1) if '"chosen": "o1"' in text)
    assert any(n.line == line and "chosen" in n.message for n in by_file["broken.json"])
    assert outcome.analysis.stats["examinees"] == 5
    assert outcome.analysis.stats["test"]["alpha"] == pytest.approx(0.75 / 1.3)


def test_answers_to_an_edited_item_give_stale_stats(tiny, tmp_path) -> None:
    root, answers = tiny
    forms = _forms(root, tmp_path / "printed")
    path = root / "items" / "tiny.yaml"
    path.write_text(path.read_text().replace("Third question?", "Third question, reworded?"))
    wide = tmp_path / "w.csv"
    wide.write_text("examinee,form,1,2,3\nE1,A,A,A,A\nE2,A,A,A,B\nE3,A,A,B,B\nE4,A,B,A,B\nE5,A,C,B,B\n")
    outcome = run(root, [wide], [forms])
    assert "stale" in outcome.silent["i3"]
    runner = CliRunner()
    old = os.getcwd()
    os.chdir(root)
    try:
        result = runner.invoke(cli, ["analyze", ".", str(wide), "--forms", str(forms), "--write", "--name", "tiny"])
        assert result.exit_code == 0, result.output
        assert (root / "stats" / "tiny.json").is_file()
        lint = runner.invoke(cli, ["lint", "--format", "json"])
        found = [(f["item"], f["rule"]) for f in json.loads(lint.output)]
        assert ("i3", "stale-stats") in found and ("i1", "stale-stats") not in found
    finally:
        os.chdir(old)


def test_cli_text_json_and_errors(tiny, tmp_path) -> None:
    root, answers = tiny
    runner = CliRunner()
    text = runner.invoke(cli, ["analyze", str(root), str(answers)])
    assert text.exit_code == 0, text.output
    assert "5 examinees, 3 items" in text.output and "KR-20/alpha 0.577" in text.output
    assert "fewer than min-examinees (30): no flags" in text.output
    data = json.loads(runner.invoke(cli, ["analyze", str(root), str(answers), "--format", "json"]).output)
    assert data["stats"]["items"]["i1"]["p"] == pytest.approx(0.6)
    assert set(data["silent"]) == {"i1", "i2", "i3"}
    # Letters without printed forms, an unknown --map field: usage errors (exit 2), not tracebacks.
    wide = tmp_path / "w.csv"
    wide.write_text("examinee,form,1\nE1,A,B\n")
    result = runner.invoke(cli, ["analyze", str(root), str(wide)])
    assert result.exit_code == 2 and "--forms" in result.output
    result = runner.invoke(cli, ["analyze", str(root), str(answers), "--map", "x=colour"])
    assert result.exit_code == 2 and "--map" in result.output


HOSTILE = THREE_ITEMS.replace("First question?", "'First <script>alert(1)</script> <img src=https://evil.example/x.png>?'")


class Tags(__import__("html.parser").parser.HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.seen = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.seen.append((tag, attrs))


def test_report_page_is_self_contained_and_escapes_bank_text(bank, tmp_path) -> None:
    import re
    import subprocess

    from conftest import require_tool
    from questionbank.pdf import print_to_pdf

    root = bank({"tiny.yaml": HOSTILE})
    answers = tmp_path / "answers.csv"
    answers.write_text(TINY)
    page = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["analyze", str(root), str(answers), "--report", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text("utf-8")
    assert "<script" not in html.lower() and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    tags = Tags(html)
    assert not {"script", "img", "link", "iframe", "object", "embed"} & {tag for tag, _ in tags.seen}
    assert not [value for _, attrs in tags.seen for name, value in attrs
                if name != "xmlns" and value and re.match(r"(https?:)?//", value)]
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert html.count("<svg") == 2 + 3  # histogram, scatter, a trace chart per item
    # In a real browser: the DOM holds the charts, the hostile text stays text.
    chromium = require_tool("chromium")
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=180).stdout
    assert dom.count("<svg") == 5 and "<polyline" in dom and "alert(1)" in dom and "<script" not in dom
    require_tool("pdftotext")
    pdf = tmp_path / "report.pdf"
    print_to_pdf(chromium, page, pdf)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert "Item analysis" in text and "KR-20 / alpha 0.577" in text
    assert "First <script>alert(1)</script>" in text
    for item_id in ("i1", "i2", "i3"):
        assert item_id in text


def test_unreadable_inputs_are_usage_errors_not_tracebacks(tiny, tmp_path) -> None:
    root, _ = tiny
    runner = CliRunner()
    huge = tmp_path / "huge.csv"
    huge.write_text("examinee,item_id,response\nE1,i1," + "x" * 200_000 + "\n")
    result = runner.invoke(cli, ["analyze", str(root), str(huge)])
    # Over csv's field limit (unless something in the process raised it): a
    # usage error; under it, a response that is no option, reported at its line.
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "huge.csv:" in result.output and ("not a CSV file" in result.output or "no usable" in result.output)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    result = runner.invoke(cli, ["analyze", str(root), str(empty)])
    assert result.exit_code == 2 and "no usable responses" in result.output and "empty file" in result.output
    broken_forms = tmp_path / "forms"
    broken_forms.mkdir()
    (broken_forms / "form-A.json").write_text('{"format": "qb-form", "version": 1, "exam": "x", "form": "A",\n'
                                              ' "questions": [{"number": 0}]}')
    wide = tmp_path / "w.csv"
    wide.write_text("examinee,form,1\nE1,A,B\n")
    result = runner.invoke(cli, ["analyze", str(root), str(wide), "--forms", str(broken_forms)])
    assert result.exit_code == 2 and "form-A.json:2:" in result.output


def test_an_item_with_too_many_options_is_left_out_saying_why(bank, tmp_path) -> None:
    options = "".join(f"      - {{text: choice {k}{', correct: true' if k == 70 else ''}}}\n" for k in range(1, 71))
    root = bank({"wide.yaml": THREE_ITEMS + "  - id: many\n    type: single\n    stem: Which?\n    options:\n" + options})
    answers = tmp_path / "a.csv"
    answers.write_text(TINY + "E1,many,o70\nE2,many,o3\n")
    outcome = run(root, [answers])
    assert "62 options" in outcome.analysis.stats["excluded"]["many"] or \
        any("62 options" in n.message for n in outcome.notes)
    assert "many" not in outcome.analysis.stats["items"]
