"""What `qb lint` says on a first afternoon with qb: one message per missing
key, suggestions only for names that are absent and close, plain hints for
YAML's parser messages, what was not checked, counts per rule, progress on
a terminal, and `qb rules` / `qb -V`."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BANK_YAML, lint, run_in
from questionbank.lint import RunOptions, lint_paths
from questionbank.progress import Progress
from questionbank.suggest import closest


def messages(root: Path, rule: str = "schema"):
    return [f"{f.path}:{f.line}:{f.column}: {f.message}" for f in lint(root) if f.rule == rule]


# --- schema messages -----------------------------------------------------------

def test_each_missing_required_key_is_reported_once(bank) -> None:
    root = bank({"a.yaml": "items: [{type: single}]\n"})
    assert messages(root) == [
        "items/a.yaml:1:9: items[0]: missing required key 'id'",
        "items/a.yaml:1:9: items[0]: missing required key 'options' (a single item needs options)",
        "items/a.yaml:1:9: items[0]: missing required key 'stem'",
    ]


def test_suggestions_only_name_absent_and_close_keys(bank) -> None:
    root = bank({"a.yaml": """\
        title: My items
        items:
          - id: q1
            type: single
            stem: Which service streams records?
            options:
              - option: Amazon Kinesis Data Streams
                correct: true
              - text: Amazon SQS
                corect: true
        """})
    assert messages(root) == [
        "items/a.yaml:1:1: (document): unknown key 'title': an item file holds only `items:` "
        "(and keys of your own that start with 'x-')",
        "items/a.yaml:7:9: items[0].options[0]: missing required key 'text'",
        "items/a.yaml:7:9: items[0].options[0]: unknown key 'option' (did you mean 'text'? it is required here)",
        "items/a.yaml:10:9: items[0].options[1]: unknown key 'corect' (did you mean 'correct'?)",
    ]
    # A misspelt `items` is still named: it is absent.
    assert "unknown key 'itmes' (did you mean 'items'?)" in " ".join(messages(bank({"a.yaml": "itmes: []\n"},
                                                                                   name="b")))


def test_a_bare_list_says_to_put_it_under_items(bank) -> None:
    root = bank({"a.yaml": "- id: q1\n  type: open\n  stem: Why?\n  answer: So.\n"})
    assert messages(root) == ["items/a.yaml:1:1: (document): expected a mapping, got a list; put the list under "
                              "`items:` (an item file is a mapping whose key `items` holds the list)"]


def test_a_level_in_a_mapping_is_explained_at_the_level(bank) -> None:
    root = bank({"a.yaml": "items: []\n"}, bank_yaml=BANK_YAML + "lint:\n  rules:\n    vague-term: {level: warn}\n")
    assert messages(root) == ["bank.yaml:10:25: lint.rules.vague-term.level: the text 'warn' is not one of: "
                              "error, warning, info, off (did you mean 'warning'?)"]


def test_closest_names() -> None:
    assert closest("corect", ["text", "correct", "why", "pin"]) == "correct"
    assert closest("option", ["text", "correct", "why", "pin"]) is None
    assert closest("warn", ["error", "warning", "info", "off"]) == "warning"
    assert closest("all-of-above", ["all-of-the-above", "none-of-the-above"]) == "all-of-the-above"
    assert closest("Ingestion", ["ingestion", "store"]) == "ingestion"
    assert closest("title", ["items"]) is None
    assert closest("x", ["a", "b"]) is None


# --- unused-suppression --------------------------------------------------------

SUPPRESSED = """\
items:
  # qb: disable=longest-option-correct
  - id: glacier
    type: single
    domain: ingestion
    stem: Which storage class costs least for data read once a year?
    options:
      - text: S3 Standard
        why: For data read often.
      - text: S3 Glacier Deep Archive, for long-term retention of data read once or twice a year
        corect: true
        why: The lowest storage price, with retrieval in hours.
      - text: S3 One Zone-IA
        why: For data read now and then that can be recreated.
    explanation: Deep Archive is for data kept for years and rarely read.
  # qb: disable=vague-term
  - id: clean
    type: open
    domain: ingestion
    stem: What does change data capture replicate?
    answer: The ongoing inserts, updates and deletes.
"""


def test_a_suppression_on_an_item_with_a_schema_error_is_not_called_unused(bank) -> None:
    root = bank({"a.yaml": SUPPRESSED})
    unused = messages(root, "unused-suppression")
    assert unused == ["items/a.yaml:16:3: suppression of 'vague-term' suppresses nothing; remove it"]
    # Once the typo is fixed, the suppression is what keeps the warning away.
    (root / "items" / "a.yaml").write_text(SUPPRESSED.replace("corect", "correct"), encoding="utf-8")
    assert [f.rule for f in lint(root) if f.rule in ("longest-option-correct", "schema")] == []
    without = SUPPRESSED.replace("corect", "correct").replace("  # qb: disable=longest-option-correct\n", "")
    (root / "items" / "a.yaml").write_text(without, encoding="utf-8")
    assert [f.rule for f in lint(root) if f.rule == "longest-option-correct"] == ["longest-option-correct"]


def test_suppressions_of_rules_that_did_not_run_are_not_called_unused(bank) -> None:
    text = ("items:\n  - id: q1  # qb: disable=too-easy,absolute-term\n    type: open\n    domain: ingestion\n"
            "    stem: What does CDC replicate?\n    answer: Changes.\n")
    settings = 'lint:\n  per-file-ignores:\n    "items/a.yaml": [absolute-term]\n'
    root = bank({"a.yaml": text}, bank_yaml=BANK_YAML + settings)
    # too-easy needs response statistics, which this bank has none of; absolute-term is off for the file.
    assert messages(root, "unused-suppression") == []
    broken = bank({"a.yaml": "items:\n  - id: q1  # qb: disable=absolute-term\n    type: [open\n"}, name="b")
    assert messages(broken, "unused-suppression") == []  # the file does not parse: no rule ran


# --- YAML syntax hints ---------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("items:\n  - id: q\n    type: open\n     stem: x\n",
     "items/a.yaml:4:10: not valid YAML: mapping values are not allowed in this context; "
     "check the indentation of this line against the line above"),
    ("items:\n  - id: q\n    stem: Note: this\n",
     "items/a.yaml:3:15: not valid YAML: mapping values are not allowed in this context; "
     "a value that holds ': ' needs quotes around it"),
    ("items:\n  - id: q\n    type: open\n   stem: x\n",
     "items/a.yaml:4:4: not valid YAML: did not find expected '-' indicator (while parsing a block collection; "
     "see line 2, column 3); check the indentation of this line against the line above"),
    ("items:\n\t- id: q\n",
     "items/a.yaml:2:1: not valid YAML: found character that cannot start any token (while scanning for the "
     "next token); indent with spaces: YAML does not allow tabs there"),
    ("items:\n  - {id: q, stem: Why?, type: open}\n",
     "items/a.yaml:2:22: not valid YAML: did not find expected ',' or '}' (while parsing a flow mapping; see line 2, "
     "column 5); inside { } or [ ], put quotes around a value that holds ',', ':', '?', brackets or braces"),
])
def test_parser_messages_get_a_plain_hint(bank, text: str, expected: str) -> None:
    assert messages(bank({"a.yaml": text}), "yaml-syntax") == [expected]


# --- what was not checked --------------------------------------------------------

def test_files_outside_items_and_exams_are_named(bank, tmp_path: Path) -> None:
    root = bank({"a.yaml": "items: []\n"})
    (root / "notes").mkdir()
    (root / "notes" / "n.yaml").write_text("just: notes\n")
    (tmp_path / "loose.yaml").write_text("x: 1\n")
    result = run_in(root, "lint", "notes/n.yaml", str(tmp_path / "loose.yaml"), "notes")
    assert result.exit_code == 0
    assert "No problems found (0 files, 0 items checked)." in result.stdout
    notes = result.stderr.splitlines()
    assert notes[0] == ("qb: notes/n.yaml: not checked: not a file of the bank's items/ or exams/ "
                        "(only YAML files there, and bank.yaml, are bank files)")
    assert notes[1].startswith(f"qb: {tmp_path / 'loose.yaml'}: not checked: it belongs to no bank")
    assert notes[2].startswith("qb: notes: not checked: no item or exam files in it")


def test_a_bank_without_items_folder_says_so(tmp_path: Path) -> None:
    root = tmp_path / "bank"
    (root / "questions").mkdir(parents=True)
    (root / "bank.yaml").write_text("title: T\n")
    (root / "questions" / "a.yaml").write_text("items: []\n")
    result = run_in(root, "lint")
    assert result.exit_code == 0
    assert result.stderr == ("qb: .: the bank has no items/ folder, so no item was checked; item files belong "
                             "in items/ (found questions/a.yaml)\n")


# --- counts per rule and progress ------------------------------------------------

def many_flaws(n: int) -> str:
    item = ("  - id: q{i}\n    type: single\n    domain: ingestion\n    stem: Which value is always right {i}?\n"
            "    options:\n      - text: It is always {i}\n        correct: true\n      - text: It is two {i}\n"
            "      - text: None of the above\n")
    return "items:\n" + "".join(item.format(i=i) for i in range(n))


def test_statistics_counts_findings_per_rule_as_ruff_does(bank) -> None:
    root = bank({"a.yaml": many_flaws(3)})
    result = run_in(root, "lint", "--statistics")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert lines[-1].startswith("Found ")
    rows = [line.split() for line in lines[:-1]]
    counts = {row[1]: int(row[0]) for row in rows}
    assert counts["none-of-the-above"] == 3 and len(counts) >= 2
    assert [int(r[0]) for r in rows] == sorted((int(r[0]) for r in rows), reverse=True)
    assert not any(line.startswith("items/") for line in lines)
    data = json.loads(run_in(root, "lint", "--statistics", "--format", "json").stdout)
    assert {d["rule"]: d["count"] for d in data} == counts
    assert data[0].keys() == {"rule", "count", "severity", "summary"}
    assert run_in(root, "lint", "--statistics", "--format", "sarif").exit_code == 2


def test_many_findings_end_with_their_counts(bank) -> None:
    few = run_in(bank({"a.yaml": many_flaws(3)}, name="few"), "lint").stdout
    assert "Findings per rule:" not in few
    many = run_in(bank({"a.yaml": many_flaws(30)}, name="many"), "lint").stdout.splitlines()
    table = many[many.index("Findings per rule:") + 1:-1]
    assert table and table[0].split()[0] == "30"  # the count of its rule, whichever rule sorts first
    assert many[-1].startswith("Found ")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_only_on_a_terminal_and_only_for_long_runs() -> None:
    now = [0.0]
    shown = FakeTerminal()
    progress = Progress(shown, clock=lambda: now[0])
    progress("checking item files", 1, 200)  # too early
    assert shown.getvalue() == ""
    now[0] = 1.5
    progress("checking item files", 100, 200)
    assert shown.getvalue() == "\rqb: checking item files 100/200"
    now[0] = 1.52
    progress("checking item files", 101, 200)  # redrawn at most ten times a second
    assert shown.getvalue().count("\r") == 1
    progress.close()
    assert shown.getvalue().endswith("\r" + " " * len("qb: checking item files 100/200") + "\r")
    piped = io.StringIO()
    quiet = Progress(piped, clock=lambda: now[0] + 10)
    quiet("checking item files", 1, 2)
    quiet.close()
    assert piped.getvalue() == ""


def test_lint_reports_its_progress(bank) -> None:
    root = bank({f"f{i}.yaml": many_flaws(1).replace("q0", f"q{i}") for i in range(3)})
    calls = []
    lint_paths([root], RunOptions(cache=False, progress=lambda *a: calls.append(a)))
    assert ("checking item files", 3, 3) in calls
    assert any(stage.startswith("checking the whole bank") for stage, _, _ in calls)


# --- qb rules, -V, completion ------------------------------------------------------

def test_qb_rules_suggests_and_shows_options(tmp_path: Path) -> None:
    wrong = run_in(tmp_path, "rules", "all-of-above")
    assert wrong.exit_code == 2 and "(did you mean 'all-of-the-above'?)" in wrong.stderr
    shown = run_in(tmp_path, "rules", "answer-position-imbalance").stdout
    assert shown.startswith("answer-position-imbalance (default level: warning)")
    assert ("## Settings and their defaults\n- level: `warning` (error, warning, info or off)\n"
            "- `min-items`: `20`\n- `p-value`: `0.01`\n") in shown
    plain = run_in(tmp_path, "rules", "duplicate-id").stdout
    assert plain.endswith("- level: `error` (error, warning, info or off)\n\n"
                          "In bank.yaml: `lint: {rules: {duplicate-id: {level: LEVEL}}}`.\n")


def test_short_version_option(tmp_path: Path) -> None:
    assert run_in(tmp_path, "-V").stdout == run_in(tmp_path, "--version").stdout
    assert run_in(tmp_path, "-V").stdout.startswith("qb, version ")


def test_documented_shell_completion_works() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert 'eval "$(_QB_COMPLETE=bash_source qb)"' in readme and "QB_CHROMIUM" in readme
    qb = Path(sys.executable).parent / "qb"
    done = subprocess.run([str(qb)], env=dict(os.environ, _QB_COMPLETE="bash_source"), capture_output=True,
                          text=True)
    assert done.returncode == 0 and "complete " in done.stdout and "_qb_completion" in done.stdout
    assert "QB_CHROMIUM" in run_in(Path.cwd(), "render", "--help").stdout


# --- advice of the rules on options that depend on their place --------------------

def test_all_of_the_above_advice_fits_the_item_type_and_names_pin(bank) -> None:
    root = bank({"a.yaml": """\
        items:
          - id: one
            type: single
            stem: Which of these encrypt S3 objects at rest?
            options:
              - text: SSE-S3
              - text: SSE-KMS
              - text: All of the above
                correct: true
          - id: several
            type: multiple
            stem: Which of these encrypt S3 objects at rest? (Select TWO.)
            options:
              - text: SSE-S3
                correct: true
              - text: SSE-KMS
              - text: S3 Versioning
              - text: All of the above
                correct: true
          - id: none
            type: single
            stem: Which of these is a relational database service?
            options:
              - text: Amazon RDS
                correct: true
              - text: Amazon S3
              - text: None of the above
        """})
    single, multiple = messages(root, "all-of-the-above")
    assert "make the item multiple-response" in single
    assert "multiple-response" not in multiple and "mark each right option as a key" in multiple
    assert all("`pin: true`" in m for m in (single, multiple))
    assert "`pin: true`" in messages(root, "none-of-the-above")[0]
