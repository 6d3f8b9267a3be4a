"""Simulated answers to printed forms, with planted problems: the test bed
of ``qb analyze`` and the response-aware rules.

    python -m questionbank.analysis.simulate out/practice -n 500 -o answers.csv --planted planted.json

reads the form-F.json files ``qb render`` wrote into a folder and writes a
wide CSV as a scanner would (examinee, form, one column per question with
the printed letters), for examinees of normally distributed ability
answering by a two-parameter (or, with ``--model 3pl``, three-parameter)
logistic model. Item parameters are drawn from the seed: discrimination
a in [1, 2], difficulty b in [-1, 0.4] (proportions correct of about 0.35
to 0.8, as on a practice exam), guessing c = 0.2 under 3PL; wrong answers
spread over the distractors by weights in [0.9, 1.1]. Four single items with
three or more options get a planted problem each, and a = 1.8, b = -1, so
that the problem, not a chance difficulty, shapes their answers:

- ``possible-miskey``: the printed key is wrong; a distractor is the answer
  that ability leads to;
- ``ambiguous-key``: those who know split evenly between the key and one
  distractor;
- ``nonfunctioning-distractor``: one distractor is never chosen;
- ``negative-discrimination``: a = -1.2, the weak do better than the strong.

The planted items and rules go to ``--planted`` (JSON). Open items get a
score of 0 or 1 by the same model. The same arguments give the same file.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import numpy as np

from questionbank.analysis.forms import PrintedForm, PrintedQuestion
from questionbank.analysis.run import load_forms

PLANTS = ("possible-miskey", "ambiguous-key", "nonfunctioning-distractor", "negative-discrimination")


def _rng(seed: int, *purpose: str) -> np.random.Generator:
    digest = hashlib.sha256(json.dumps([seed, *purpose]).encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "big"))


def plant(questions: Sequence[PrintedQuestion], seed: int) -> Dict[str, str]:
    """item id -> planted problem, for four single items with 3+ options."""
    candidates = sorted({q.item_id for q in questions if q.type == "single" and len(q.options) >= 3},
                        key=lambda i: hashlib.sha256(f"{seed}:{i}".encode()).hexdigest())
    if len(candidates) < len(PLANTS):
        raise SystemExit(f"need {len(PLANTS)} single items with three or more options to plant problems")
    return dict(zip(candidates, PLANTS))


def simulate(forms: Sequence[PrintedForm], examinees: int, seed: int = 1, model: str = "2pl",
             planted: Optional[Dict[str, str]] = None) -> str:
    """The wide CSV of simulated answers."""
    first = {q.item_id: q for form in forms for q in form.questions}
    planted = plan = plant(list(first.values()), seed) if planted is None else planted
    rng = _rng(seed, "ability")
    theta = rng.standard_normal(examinees)
    # Per item: chosen option ids of every examinee (or a score for open items).
    answers: Dict[str, List] = {}
    for item_id, question in first.items():
        answers[item_id] = _answer(question, theta, _rng(seed, "item", item_id), model, plan.get(item_id))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    numbers = sorted({q.number for form in forms for q in form.questions})
    writer.writerow(["examinee", "form", *numbers])
    for e in range(examinees):
        form = forms[e % len(forms)]
        row = [f"e{e + 1:05d}", form.name]
        by_number = {q.number: q for q in form.questions}
        for number in numbers:
            q = by_number.get(number)
            if q is None:
                row.append("")
                continue
            given = answers[q.item_id][e]
            if q.type == "open":
                row.append(str(given))
                continue
            letters = {option_id: letter for letter, option_id in q.options}
            row.append(",".join(sorted(letters[o] for o in given)))
        writer.writerow(row)
    return out.getvalue()


def _answer(q: PrintedQuestion, theta: np.ndarray, rng: np.random.Generator, model: str,
            problem: Optional[str]) -> List:
    a = rng.uniform(1.0, 2.0)
    b = rng.uniform(-1.0, 0.4)
    if problem is not None:
        a, b = 1.8, -1.0
    c = 0.2 if model == "3pl" and q.type == "single" else 0.0
    if problem == "negative-discrimination":
        a = -1.2
    know = c + (1 - c) / (1 + np.exp(-a * (theta - b)))
    right = rng.random(len(theta)) < know
    omit = rng.random(len(theta)) < 0.01
    if q.type == "open":
        return [int(r) for r in right]
    options = [o for _, o in q.options]
    keys = list(q.key)
    wrong = [o for o in options if o not in keys]
    weights = rng.uniform(0.9, 1.1, len(wrong))
    answer_to = keys
    if problem == "possible-miskey":
        answer_to = [wrong[0]]  # the option ability leads to; the printed key is among the wrong
        wrong = [o for o in options if o != wrong[0]]
        weights = rng.uniform(0.9, 1.1, len(wrong))
    elif problem == "nonfunctioning-distractor":
        weights[-1] = 0.0
    weights = weights / weights.sum()
    n = len(theta)
    split = rng.random(n) < 0.5
    pick = rng.choice(len(wrong), size=n, p=weights)
    slot = rng.integers(len(keys), size=n) if keys else np.zeros(n, dtype=int)
    out: List = []
    for e in range(n):
        if omit[e]:
            out.append([])
        elif right[e]:
            if problem == "ambiguous-key" and split[e]:
                out.append([wrong[0]])  # the second defensible option
            else:
                out.append(list(answer_to))
        elif q.type == "multiple":
            chosen = list(keys)
            chosen[slot[e]] = wrong[pick[e]]
            out.append(chosen)
        else:
            out.append([wrong[pick[e]]])
    return out


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m questionbank.analysis.simulate",
                                     description="Simulated answers to printed forms, with planted problems.")
    parser.add_argument("forms", nargs="+", type=Path, help="form-F.json files, or the folder qb render wrote")
    parser.add_argument("-n", "--examinees", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--model", choices=["2pl", "3pl"], default="2pl")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the CSV to write")
    parser.add_argument("--planted", type=Path, help="write the planted problems here (JSON)")
    args = parser.parse_args(argv)
    forms = load_forms(args.forms)
    questions = [q for form in forms for q in form.questions]
    planted = plant(questions, args.seed)
    args.output.write_text(simulate(forms, args.examinees, args.seed, args.model, planted), encoding="utf-8")
    if args.planted:
        args.planted.write_text(json.dumps(planted, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.examinees} examinees to {args.output}; planted: "
          + ", ".join(f"{rule} in {item}" for item, rule in planted.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
