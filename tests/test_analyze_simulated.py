"""The loop on the example bank, as the README walks it: render, simulated
answers with planted problems, qb analyze --write, qb lint. At 500
examinees every planted problem is reported with its rule and at most 5%
of the other items are flagged; at 40 examinees fewer are, and analyze says
why."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List, Tuple

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE_BANK, REPO
from questionbank.analysis.simulate import main as simulate
from questionbank.cli import cli

RESPONSE_RULES = {"possible-miskey", "negative-discrimination", "ambiguous-key", "low-discrimination",
                  "nonfunctioning-distractor", "too-easy", "too-hard"}


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    base = tmp_path_factory.mktemp("loop")
    root = base / "bank"
    shutil.copytree(EXAMPLE_BANK, root)
    out = base / "out"
    result = CliRunner().invoke(cli, ["render", str(root / "exams" / "practice.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return root, out


def loop(root: Path, out: Path, examinees: int, seed: int = 1):
    answers = out.parent / f"answers-{examinees}-{seed}.csv"
    planted_file = out.parent / f"planted-{examinees}-{seed}.json"
    simulate([str(out), "-n", str(examinees), "--seed", str(seed), "-o", str(answers), "--planted", str(planted_file)])
    runner = CliRunner()
    analyzed = runner.invoke(cli, ["analyze", str(root / "exams" / "practice.yaml"), str(answers), "--forms", str(out),
                                   "--write"])
    assert analyzed.exit_code == 0, analyzed.output
    old = os.getcwd()
    os.chdir(root)
    try:
        linted = runner.invoke(cli, ["lint", "--format", "json"])
    finally:
        os.chdir(old)
    findings = [f for f in json.loads(linted.output) if f["rule"] in RESPONSE_RULES]
    planted = json.loads(planted_file.read_text())
    return planted, findings, analyzed.output


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_500_examinees_find_every_planted_problem(printed, seed: int) -> None:
    root, out = printed
    planted, findings, _ = loop(root, out, 500, seed)
    by_item = {}
    for f in findings:
        by_item.setdefault(f["item"], set()).add(f["rule"])
    for item_id, rule in planted.items():
        assert rule in by_item.get(item_id, set()), f"{rule} not reported on {item_id}: {by_item.get(item_id)}"
    forms = json.loads((out / "form-A.json").read_text())
    unplanted = {q["item_id"] for q in forms["questions"]} - set(planted)
    false_flags = {i for i in by_item if i in unplanted}
    assert len(false_flags) <= 0.05 * len(unplanted), {i: by_item[i] for i in false_flags}
    # The miskey is an error at the option that ability leads to, with figures in the message.
    miskey = next(f for f in findings if f["rule"] == "possible-miskey" and planted.get(f["item"]) == f["rule"])
    assert miskey["severity"] == "error" and "95% interval" in miskey["message"]
    assert "stats/practice.json, 500 examinees" in miskey["message"]


def test_40_examinees_find_fewer_and_say_why(printed) -> None:
    root, out = printed
    found_500 = found_40 = 0
    said_why = False
    for seed in (1, 2, 3):
        planted, findings, _ = loop(root, out, 500, seed)
        found_500 += sum(1 for f in findings if planted.get(f["item"]) == f["rule"])
        planted, findings, output = loop(root, out, 40, seed)
        found_40 += sum(1 for f in findings if planted.get(f["item"]) == f["rule"])
        said_why = said_why or "Not flagged, although the estimate is past a threshold" in output
        assert "but the interval still reaches" in output or "within chance" in output or "too few examinees" in output
    assert found_40 < found_500
    assert said_why


def readme_loop() -> List[Tuple[List[str], List[str]]]:
    """The README's loop: (commands, the output lines shown after them)."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"<!-- analyze-loop: commands -->\n```sh\n(.*?)```", text, re.S)
    outputs = re.findall(r"<!-- analyze-loop: output -->\n```\n(.*?)```", text, re.S)
    assert len(commands) == len(outputs) == 2
    return [(c.strip().splitlines(), o.strip().splitlines()) for c, o in zip(commands, outputs)]


def test_readme_loop_runs_as_written(tmp_path) -> None:
    """The README's commands, run as a user types them (qb and python of
    this environment first on PATH), in a copy of the repository's examples,
    print what the README shows."""
    shutil.copytree(EXAMPLE_BANK, tmp_path / "examples" / EXAMPLE_BANK.name)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "NO_COLOR": "1"}
    for commands, shown in readme_loop():
        output = ""
        for command in commands:
            done = subprocess.run(shlex.split(command), cwd=tmp_path, env=env, capture_output=True, text=True,
                                  timeout=300)
            assert done.returncode in (0, 1), f"{command}: {done.stderr}"
            output = done.stdout
        # The last command's output holds every line the README shows.
        missing = [line for line in shown if line not in output.splitlines()]
        assert not missing, f"{commands[-1]} did not print:\n" + "\n".join(missing) + f"\n\nit printed:\n{output}"
    assert (tmp_path / "report.html").exists()


def test_report_page_in_chromium_puts_flagged_items_first_with_their_trace_tables(printed, tmp_path) -> None:
    """The report of the 500-examinee loop, in Chromium at 1280 px: flagged
    items first, each item's table holds its options' proportions in the
    five rest-score groups (the figures of its trace chart), and nothing
    overlaps or scrolls sideways."""
    from browser import chromium, layout_problems, screenshot_folder
    from questionbank.analysis.run import run

    root, out = printed
    planted, _, _ = loop(root, out, 500, 1)
    page_file = tmp_path / "report.html"
    answers = out.parent / "answers-500-1.csv"
    result = CliRunner().invoke(cli, ["analyze", str(root / "exams" / "practice.yaml"), str(answers), "--forms",
                                      str(out), "--report", str(page_file)])
    assert result.exit_code == 0, result.output
    outcome = run(root / "exams" / "practice.yaml", [answers], [out])
    traces = outcome.analysis.traces
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(page_file.as_uri())
        cards = page.evaluate("""() => [...document.querySelectorAll('section.card')].map(card => ({
            id: card.dataset.itemId, flagged: card.classList.contains('flagged'),
            rows: [...card.querySelectorAll('table.options tbody tr')].map(
                tr => [...tr.querySelectorAll('td.fifth')].map(td => Number(td.textContent)))}))""")
        assert layout_problems(page, "section.card, figure, table") == []
        page.screenshot(path=str(screenshot_folder(tmp_path) / "analysis-report-1280.png"), full_page=True)
    flags = [card["flagged"] for card in cards]
    assert flags == sorted(flags, reverse=True) and sum(flags) == len(outcome.flagged()) >= len(planted)
    assert {card["id"] for card in cards if card["flagged"]} >= set(planted)
    for card in cards:
        options = [o for o in outcome.analysis.stats["items"][card["id"]]["options"]]
        assert len(card["rows"]) == len(options)
        for option_id, row in zip(options, card["rows"]):
            assert row == pytest.approx(traces[card["id"]][option_id], abs=0.0051), (card["id"], option_id)
