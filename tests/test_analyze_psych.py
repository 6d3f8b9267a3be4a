"""qb analyze agrees with an independent implementation: R's psych package
(alpha, score.multiple.choice) and R's own cor(), on the same simulated
answers, to 1e-6. psych has no upper-lower groups: the script forms them in
plain R from rank(), on the rest score (the total of the other items) as
qb's definition says, with tied examinees sharing the boundary. Rscript and
psych are Debian packages (r-base-core, r-cran-psych) that .ci/run
installs."""

from __future__ import annotations

import json
import subprocess

import numpy as np
import pytest

from conftest import require_tool
from questionbank.analysis.classical import analyse, build_table
from questionbank.analysis.responses import Reader, settle_versions
from questionbank.bank import load_bank

ITEMS, EXAMINEES, OPTIONS = 12, 300, 4

R_SCRIPT = r"""
suppressPackageStartupMessages(library(psych))
args <- commandArgs(trailingOnly = TRUE)
choices <- as.matrix(read.csv(args[1]))
key <- rep(1, ncol(choices))
mc <- score.multiple.choice(key, choices, score = TRUE, short = TRUE, digits = 12)
scores <- score.multiple.choice(key, choices, score = FALSE)
a <- alpha(scores, cumulative = TRUE, warnings = FALSE, check.keys = FALSE)
total <- rowSums(scores)
out <- function(name, values) cat(name, sprintf("%.12f", values), "\n")
out("alpha", a$total$raw_alpha)
out("mean", a$total$mean)
out("sd", a$total$sd)
out("r.drop", a$item.stats$r.drop)
out("alpha.drop", a$alpha.drop$raw_alpha)
out("mc.alpha", mc$alpha)
out("p", mc$item.stats$mean)
for (k in 1:4) {
  out(paste0("freq", k), mc$item.stats[, as.character(k)])
  out(paste0("optr", k), sapply(1:ncol(choices), function(j) {
    chose <- (choices[, j] == k) * 1
    if (sd(chose) == 0) NA else cor(chose, total - scores[, j])
  }))
}
# Each examinee's share of the ranks [lo, hi) of n (ties share their block).
share <- function(v, lo, hi) {
  n <- length(v)
  first <- rank(v, ties.method = "min") - 1
  last <- rank(v, ties.method = "max")
  pmax(0, pmin(last, hi * n) - pmax(first, lo * n)) / (last - first)
}
upper <- lower <- vector("list", ncol(scores))
d <- numeric(ncol(scores))
trace <- matrix(0, 5, ncol(scores))
for (j in 1:ncol(scores)) {
  rest <- total - scores[, j]
  upper[[j]] <- share(rest, 0.73, 1)
  lower[[j]] <- share(rest, 0, 0.27)
  d[j] <- sum(upper[[j]] * scores[, j]) / sum(upper[[j]]) - sum(lower[[j]] * scores[, j]) / sum(lower[[j]])
  for (q in 1:5) {
    band <- share(rest, (q - 1) / 5, q / 5)
    trace[q, j] <- sum(band * scores[, j]) / sum(band)
  }
}
out("d", d)
for (q in 1:5) out(paste0("trace", q), trace[q, ])
for (k in 1:4) {
  out(paste0("upper", k), sapply(1:ncol(choices), function(j) sum(upper[[j]] * (choices[, j] == k))))
  out(paste0("lower", k), sapply(1:ncol(choices), function(j) sum(lower[[j]] * (choices[, j] == k))))
}
"""


def simulated_choices(seed: int = 7) -> np.ndarray:
    """Choices 1..4 (1 the key) by a 2PL model; wrong answers spread evenly."""
    rng = np.random.default_rng(seed)
    theta = rng.standard_normal(EXAMINEES)
    a, b = rng.uniform(0.6, 2.0, ITEMS), rng.uniform(-1.5, 1.5, ITEMS)
    right = rng.random((EXAMINEES, ITEMS)) < 1 / (1 + np.exp(-a * (theta[:, None] - b)))
    wrong = rng.integers(2, OPTIONS + 1, (EXAMINEES, ITEMS))
    return np.where(right, 1, wrong)


def test_figures_agree_with_r_psych(bank, tmp_path) -> None:
    rscript = require_tool("Rscript")
    choices = simulated_choices()
    items = "items:\n" + "".join(
        f"  - id: q{j:02d}\n    type: single\n    stem: Question {j}?\n    options:\n"
        + "".join(f"      - {{text: option {k} of {j}{', correct: true' if k == 1 else ''}}}\n"
                  for k in range(1, OPTIONS + 1))
        for j in range(ITEMS))
    root = bank({"sim.yaml": items})
    answers = tmp_path / "answers.csv"
    rows = ["examinee,item_id,response"] + [f"e{i},q{j:02d},o{choices[i, j]}"
                                            for i in range(EXAMINEES) for j in range(ITEMS)]
    answers.write_text("\n".join(rows) + "\n")
    wide = tmp_path / "choices.csv"
    wide.write_text("\n".join([",".join(f"q{j:02d}" for j in range(ITEMS))]
                              + [",".join(str(c) for c in row) for row in choices]) + "\n")
    script = tmp_path / "psych.R"
    script.write_text(R_SCRIPT)
    done = subprocess.run([rscript, str(script), str(wide)], capture_output=True, text=True, timeout=300)
    if done.returncode != 0 and "psych" in done.stderr:
        message = "the R package psych is not installed (Debian: r-cran-psych)"
        pytest.fail(message) if __import__("os").environ.get("CI") == "true" else pytest.skip(message)
    assert done.returncode == 0, done.stderr
    r = {}
    for line in done.stdout.splitlines():
        name, *values = line.split()
        r[name] = np.array([np.nan if v == "NA" else float(v) for v in values])

    loaded = {i.id: i for i in load_bank(root).items}
    reader = Reader(loaded, [], {})
    reader.read(answers)
    analysis = analyse(build_table(reader.out, settle_versions(reader.out, loaded)))
    stats = analysis.stats
    ids = [f"q{j:02d}" for j in range(ITEMS)]
    ours = lambda key: np.array([stats["items"][i][key] for i in ids], dtype=float)  # noqa: E731
    assert stats["test"]["alpha"] == pytest.approx(r["alpha"][0], abs=1e-6)
    assert stats["test"]["alpha"] == pytest.approx(r["mc.alpha"][0], abs=1e-6)
    assert stats["test"]["mean"] == pytest.approx(r["mean"][0], abs=1e-6)
    assert stats["test"]["sd"] == pytest.approx(r["sd"][0], abs=1e-6)
    np.testing.assert_allclose(ours("r"), r["r.drop"], atol=1e-6)
    np.testing.assert_allclose(ours("alpha_if_deleted"), r["alpha.drop"], atol=1e-6)
    np.testing.assert_allclose(ours("p"), r["p"], atol=1e-6)
    np.testing.assert_allclose(ours("d"), r["d"], atol=1e-6)
    for q in range(5):
        # The traces are stored to 4 places, for the report's charts.
        np.testing.assert_allclose([analysis.traces[i]["score"][q] for i in ids], r[f"trace{q + 1}"], atol=5e-5,
                                   err_msg=f"score group {q + 1}")
    for k in range(1, OPTIONS + 1):
        option = f"o{k}"
        np.testing.assert_allclose([stats["items"][i]["options"][option]["p"] for i in ids], r[f"freq{k}"],
                                   atol=1e-6, err_msg=f"share choosing {option}")
        mine = np.array([stats["items"][i]["options"][option]["r"] for i in ids], dtype=float)
        np.testing.assert_allclose(mine, r[f"optr{k}"], atol=1e-6, err_msg=f"option-rest r of {option}")
        for group in ("upper", "lower"):
            np.testing.assert_allclose([stats["items"][i]["options"][option][group] for i in ids], r[f"{group}{k}"],
                                       atol=1e-6, err_msg=f"{group} group choosing {option}")
    assert json.dumps(stats, allow_nan=False)  # nothing undefined slipped through as NaN
