"""duplicate-item on real MMLU files, imported with `qb import csv
--no-header` into one bank: by default the sample vendored under
tests/data/mmlu (22 known duplicate groups, some across subjects and splits);
`QB_MMLU=DIR` runs the same checks on a whole corpus (benchmarks/mmlu_duplicates.py
does that; the test suite itself reads only the sample).

- Every group of KNOWN_DUPLICATES.tsv (same stem, same options) is reported,
  each item naming the others. One listed group is not a duplicate and is left
  out: college_chemistry_test 6 and 93 ask about "J << a" and "J >> a", which
  the list's normalisation (punctuation stripped) could not tell apart.
- Items that share a stem ("Which of the following statements is correct?")
  but whose options have nothing in common are never reported together.
"""

from __future__ import annotations

import csv
import os
import re
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Set, Tuple

import pytest
from click.testing import CliRunner
from rapidfuzz import fuzz

from conftest import MMLU_SAMPLE, lint
from questionbank.cli import cli
from questionbank.text import normalize

MMLU = Path(os.environ.get("QB_MMLU") or MMLU_SAMPLE)
# How much each check must find in the data, so that a check that reads
# nothing cannot pass: exact for the vendored sample, lower bounds for the
# whole corpus (177 groups, one of them not a duplicate; ~270 shared-stem pairs).
SAMPLE = MMLU.resolve() == MMLU_SAMPLE.resolve()


@pytest.fixture(scope="module")
def related(tmp_path_factory) -> Dict[str, Set[str]]:
    """Item id -> the ids its duplicate-item finding names."""
    bank = tmp_path_factory.mktemp("mmlu") / "bank"
    files = sorted(str(p) for p in (MMLU / "data").glob("*/*.csv"))
    result = CliRunner().invoke(cli, ["import", "csv", "--no-header", *files, "-o", str(bank)])
    assert result.exit_code == 0, result.output
    findings = [f for f in lint(bank) if f.rule == "duplicate-item"]
    id_at = {(f.path, f.line): f.item for f in findings}
    return {f.item: {id_at[(r.path, r.line)] for r in f.related} for f in findings}


def _questions() -> Dict[str, Tuple[str, List[str]]]:
    """Item id (as qb import csv names it) -> (question, options)."""
    found = {}
    for path in sorted((MMLU / "data").glob("*/*.csv")):
        with path.open(newline="", encoding="utf-8") as f:
            for row_number, row in enumerate(csv.reader(f), start=1):
                found[f"{path.stem}-{row_number}"] = (row[0], row[1:-1])
    return found


def _known_groups() -> Dict[str, List[str]]:
    groups: Dict[str, List[str]] = defaultdict(list)
    with (MMLU / "KNOWN_DUPLICATES.tsv").open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if row and row[0].isdigit():
                groups[row[0]].append(f"{Path(row[1]).stem}-{row[2]}")
    return groups


def test_known_duplicate_groups_are_reported(related) -> None:
    questions = _questions()
    checked = missed = 0
    for group, ids in _known_groups().items():
        if len({normalize(questions[i][0]) for i in ids}) > 1:
            continue  # not the same stem after normalising (J << a / J >> a; '0.6c .')
        checked += 1
        for item in ids:
            if not set(ids) - {item} <= related.get(item, set()):
                missed += 1
    assert checked == 21 if SAMPLE else checked >= 170
    assert missed == 0


def _stem_key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def test_shared_stems_with_different_options_are_not_duplicates(related) -> None:
    by_stem: Dict[str, List[str]] = defaultdict(list)
    questions = _questions()
    for item, (question, _) in questions.items():
        by_stem[_stem_key(question)].append(item)
    pairs = []
    for ids in by_stem.values():
        for a in ids:
            for b in ids:
                options_a, options_b = questions[a][1], questions[b][1]
                if a < b and not any(fuzz.ratio(normalize(x), normalize(y)) >= 90
                                     for x in options_a for y in options_b):
                    pairs.append((a, b))
    assert len(pairs) >= (25 if SAMPLE else 100)  # "Which of the following statements is correct?" and the like
    reported = [(a, b) for a, b in pairs if b in related.get(a, set())]
    assert reported == []
