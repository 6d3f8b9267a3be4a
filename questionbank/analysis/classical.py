"""Classical item analysis with numpy: difficulty, discrimination,
distractors, reliability.

Definitions (the ones R's psych and the test-development literature use):

- item score: 1 when the chosen options are exactly the keys (multiple-
  response items all-or-nothing by default; with partial credit, the keys
  chosen share 1 and each wrong option chosen takes away 1 / number of wrong
  options, floored at 0, as qb's Moodle export scores them); open items
  take a given score from 0 to 1;
- p: the mean item score, with Wilson's 95% interval for right/wrong items;
- r: the corrected item-total correlation (Pearson's r of the item score
  with the total of the other items: psych's ``r.drop``), with Fisher's
  interval;
- d: the item mean in the upper 27% minus the lower 27% of rest scores
  (the total of the other items, as r is corrected: on the total, the item
  itself would push those who answer it right into the upper group, most
  of all on a short test); examinees tied at a group's boundary count in
  part, so a group is exactly 27% and does not depend on the order of the
  rows;
- alpha if deleted: Cronbach's alpha of the other items;
- per option: how many chose it, overall, in the upper and lower groups
  and in five rest-score groups (the trace lines), their mean total, and
  the option-rest point-biserial (choosing it against
  the total of the other items), with Fisher's interval and, for a
  non-key, Zou's interval of its difference from the key's;
- test: mean, standard deviation (n - 1), alpha (KR-20 for right/wrong
  items) and the standard error of measurement, over the examinees who
  were given every item.

Examinees not given an item (another form's item, a practice attempt that
skipped it) are left out of that item's figures; an omitted answer is wrong.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence

import numpy as np

from questionbank.analysis import intervals
from questionbank.analysis.responses import MAX_OPTIONS, NOT_GIVEN, Collected, Version

GROUP_SHARE = 0.27
TRACE_GROUPS = 5


@dataclass
class Table:
    """Examinees by items: option masks and scores (NaN: not given)."""

    examinees: List[str]
    versions: List[Version]
    masks: np.ndarray  # int64, NOT_GIVEN where not given
    scores: np.ndarray  # float64, NaN where not given or not scored
    excluded: Dict[str, str] = field(default_factory=dict)
    partial_credit: bool = False


def build_table(collected: Collected, versions: Dict[str, Version], partial_credit: bool = False) -> Table:
    """Score every answer. Items without a way to score them (an open item
    without scores, a version whose key is unknown) are left out, saying why."""
    excluded: Dict[str, str] = {}
    kept: List[Version] = []
    for item_id in sorted(versions, key=lambda i: collected.order.get(i, len(collected.order))):
        version = versions[item_id]
        if len(version.options) > MAX_OPTIONS or any(int(o[1:]) > MAX_OPTIONS for o in version.options):
            excluded[item_id] = f"more than {MAX_OPTIONS} options"
        elif version.type != "open" and version.key is None:
            excluded[item_id] = "answers to an earlier version whose key is not known"
        elif version.type != "open" and version.key == 0:
            excluded[item_id] = "the item has no key"
        else:
            kept.append(version)
    n, k = len(collected.examinees), len(kept)
    # Column-major: the work goes an item (a column) at a time.
    masks = np.full((n, k), NOT_GIVEN, dtype=np.int64, order="F")
    scores = np.full((n, k), np.nan, order="F")
    for j, version in enumerate(kept):
        column = collected.columns[(version.item_id, version.content_hash)]
        for rows, chunk, given_scores in zip(column.rows, column.masks, column.scores):
            masks[rows, j] = chunk
            if version.type == "open":  # the others are scored from their options below
                scores[rows, j] = given_scores
    for j, version in enumerate(kept):
        if version.type == "open":
            continue
        given = masks[:, j] != NOT_GIVEN
        m = masks[given, j]
        if version.type == "multiple" and partial_credit:
            keys = _popcount(np.int64(version.key))
            wrong_options = max(len(version.options) - keys, 1)
            hits = _popcount(m & version.key)
            misses = _popcount(m & ~np.int64(version.key))
            scores[given, j] = np.maximum(hits / keys - misses / wrong_options, 0.0)
        else:
            scores[given, j] = (m == version.key).astype(float)
    for j, version in enumerate(kept):
        if version.type == "open" and np.isnan(scores[:, j]).all():
            excluded[version.item_id] = "an open item without scores (add a score column to include it)"
    keep = [j for j, v in enumerate(kept) if v.item_id not in excluded]
    if len(keep) < k:  # a copy only when an open item without scores is left out
        masks, scores = masks[:, keep], scores[:, keep]
    return Table(list(collected.examinees), [kept[j] for j in keep], masks, scores, excluded, partial_credit)


def _popcount(values: np.ndarray) -> np.ndarray:
    values = np.asarray(values, dtype=np.int64)
    count = np.zeros(values.shape, dtype=np.int64)
    while np.any(values):
        count += values & 1
        values = values >> 1
    return count


class Ranking:
    """Examinees ranked by score, for groups by rank. Tied examinees share
    their block of ranks equally, so the groups do not depend on the order
    of the rows."""

    def __init__(self, scores: np.ndarray):
        self.n = len(scores)
        # The block of ranks [start, end) of each examinee's score.
        whole = np.rint(scores)
        if self.n and np.array_equal(whole, scores) and 0 <= whole.min() and whole.max() <= 4 * self.n:
            # Whole-number scores (right/wrong items): counting, not sorting,
            # as every item ranks the examinees anew by its rest score.
            index = whole.astype(np.intp)
            counts = np.bincount(index)
            self.ends = np.cumsum(counts)[index].astype(float)
            self.starts = self.ends - counts[index]
            return
        order = np.argsort(scores, kind="stable")
        ranked = scores[order]
        self.starts = np.empty(self.n)
        self.ends = np.empty(self.n)
        self.starts[order] = np.searchsorted(ranked, ranked, side="left")
        self.ends[order] = np.searchsorted(ranked, ranked, side="right")

    def band(self, low: float, high: float) -> np.ndarray:
        """Each examinee's share of the ranks [low, high) (fractions of n, 0
        the lowest total)."""
        lo, hi = low * self.n, high * self.n
        overlap = np.clip(np.minimum(self.ends, hi) - np.maximum(self.starts, lo), 0, None)
        return overlap / (self.ends - self.starts)


class _Groups:
    """The upper and lower 27% and the five trace groups of a ranking."""

    def __init__(self, scores: np.ndarray):
        ranking = Ranking(scores)
        self.upper = ranking.band(1 - GROUP_SHARE, 1.0)
        self.lower = ranking.band(0.0, GROUP_SHARE)
        self.bands = [ranking.band(q / TRACE_GROUPS, (q + 1) / TRACE_GROUPS) for q in range(TRACE_GROUPS)]
        self.sizes = (float(self.upper.sum()), float(self.lower.sum()))
        self.band_sizes = [float(b.sum()) for b in self.bands]


def _corr(x: np.ndarray, y: np.ndarray) -> Optional[float]:
    x = x - x.mean()
    y = y - y.mean()
    denom = math.sqrt(float(x @ x) * float(y @ y))
    return float(x @ y) / denom if denom > 0 else None


def _round(value: Optional[float], digits: int = 6) -> Optional[float]:
    if value is None or (isinstance(value, float) and (math.isnan(value) or math.isinf(value))):
        return None
    return round(float(value), digits)


def _interval(ci) -> Optional[List[float]]:
    return None if ci is None else [round(ci[0], 6), round(ci[1], 6)]


@dataclass
class Analysis:
    """The figures of one analysis, as stored (``stats``) and for the report."""

    stats: Dict[str, Any]
    totals: np.ndarray
    # item id -> {"score": [...], option id: [...]}: mean score and share
    # choosing each option in five groups by rest score, lowest first
    traces: Dict[str, Dict[str, List[float]]]


def analyse(table: Table) -> Analysis:
    n_all = len(table.examinees)
    scores = table.scores
    given = ~np.isnan(scores)
    totals = np.where(given, scores, 0.0).sum(axis=1)
    items: Dict[str, Any] = {}
    traces: Dict[str, Dict[str, List[float]]] = {}
    complete = given.all(axis=1) if scores.shape[1] else np.zeros(n_all, dtype=bool)
    test, alpha_drop = _test_figures(scores if complete.all() else scores[complete])
    for j, version in enumerate(table.versions):
        rows = given[:, j]
        n = int(rows.sum())
        # Without copies when every examinee was given the item (the usual case).
        rows = slice(None) if n == n_all else rows
        x = scores[rows, j]
        t = totals[rows]
        rest = t - x
        entry: Dict[str, Any] = {"content_hash": version.content_hash, "type": version.type, "n": n}
        if n == 0:
            entry.update(p=None, p_ci=None, r=None, r_ci=None, d=None, alpha_if_deleted=None,
                         groups={"upper": 0, "lower": 0}, options={})
            items[version.item_id] = entry
            continue
        p = float(x.mean())
        binary = version.type != "open" and not (version.type == "multiple" and table.partial_credit)
        if binary:
            p_ci = intervals.wilson(float(x.sum()), n)
        else:
            p_ci = intervals.mean_interval(p, float(x.std(ddof=1)) if n > 1 else 0.0, n)
        r = _corr(x, rest)
        groups = _Groups(rest)
        upper, lower, bands = groups.upper, groups.lower, groups.bands
        g_up, g_low = groups.sizes
        d = (float(upper @ x) / g_up - float(lower @ x) / g_low) if g_up and g_low else None
        entry.update(p=_round(p), p_ci=_interval(p_ci), r=_round(r), r_ci=_interval(intervals.fisher(r, n)),
                     d=_round(d), alpha_if_deleted=_round(alpha_drop[j]) if alpha_drop is not None else None,
                     groups={"upper": _round(g_up), "lower": _round(g_low)})
        trace = {"score": [_round(float(b @ x) / size, 4) if size else None
                           for b, size in zip(bands, groups.band_sizes)]}
        entry["options"] = _options(version, table.masks[rows, j], rest, t, upper, lower, bands, trace)
        traces[version.item_id] = trace
        items[version.item_id] = entry
    stats = {
        "format": "qb-item-stats",
        "version": 1,
        "examinees": n_all,
        "test": test,
        "excluded": dict(table.excluded),
        "items": items,
    }
    return Analysis(stats, totals, traces)


def _options(version: Version, masks: np.ndarray, rest: np.ndarray, totals: np.ndarray, upper: np.ndarray,
             lower: np.ndarray, bands: Sequence[np.ndarray], trace: Dict[str, List[float]]) -> Dict[str, Any]:
    if version.type == "open":
        return {}
    n = len(masks)
    ids = list(version.options)
    bits = np.array([int(o[1:]) - 1 for o in ids], dtype=np.int64)
    # Options x examinees, 1 where chosen. Indicators need no centring: with
    # c the count, the sum of squares about the mean is c - c^2 / n, and a
    # product with a centred vector is the covariance's numerator.
    chosen = ((masks[None, :] >> bits[:, None]) & 1).astype(float)
    counts = chosen.sum(axis=1)
    spread = np.sqrt(np.maximum(counts - counts * counts / n, 0.0))
    rest_c = rest - rest.mean()
    with np.errstate(divide="ignore", invalid="ignore"):
        rs = (chosen @ rest_c) / (spread * math.sqrt(float(rest_c @ rest_c)))
        means = (chosen @ totals) / counts
    ups, lows = chosen @ upper, chosen @ lower
    shares = [(chosen @ b) / b.sum() if b.any() else np.full(len(ids), np.nan) for b in bands]
    figures: Dict[str, Any] = {}
    for k, option_id in enumerate(ids):
        count = int(counts[k])
        r = None if not np.isfinite(rs[k]) else float(rs[k])
        figures[option_id] = {
            "key": bool((version.key >> int(bits[k])) & 1),
            "count": count,
            "p": _round(count / n),
            "p_ci": _interval(intervals.wilson(count, n)),
            "upper": _round(float(ups[k])),
            "lower": _round(float(lows[k])),
            "mean_total": _round(float(means[k])) if count else None,
            "r": _round(r),
            "r_ci": _interval(intervals.fisher(r, n)),
        }
        trace[option_id] = [_round(float(share[k]), 4) for share in shares]
    keys = [k for k, o in enumerate(ids) if figures[o]["key"] and figures[o]["r"] is not None]
    if keys:
        weakest = min(keys, key=lambda k: figures[ids[k]]["r"])
        with np.errstate(divide="ignore", invalid="ignore"):
            r12s = (chosen @ chosen[weakest] - counts * counts[weakest] / n) / (spread * spread[weakest])
        for k, option_id in enumerate(ids):
            entry = figures[option_id]
            if entry["key"] or entry["r"] is None or not np.isfinite(r12s[k]):
                continue
            diff = intervals.overlapping_difference(entry["r"], figures[ids[weakest]]["r"], float(r12s[k]), n)
            entry["r_vs_key_ci"] = _interval(diff)
    return figures


def _test_figures(scores: np.ndarray):
    """Test figures over complete rows, and each item's alpha if deleted."""
    n, k = scores.shape
    test: Dict[str, Any] = {"examinees": int(n), "items": int(k), "mean": None, "sd": None, "alpha": None,
                            "sem": None}
    if n < 2 or k == 0:
        return test, None
    totals = scores.sum(axis=1)
    variances = scores.var(axis=0, ddof=1)
    total_var = float(totals.var(ddof=1))
    test["mean"] = _round(float(totals.mean()))
    test["sd"] = _round(math.sqrt(total_var))
    alpha_drop = None
    if k >= 2 and total_var > 0:
        alpha = k / (k - 1) * (1 - float(variances.sum()) / total_var)
        test["alpha"] = _round(alpha)
        test["sem"] = _round(math.sqrt(total_var) * math.sqrt(max(1 - alpha, 0.0)))
    if k >= 3:
        # Alpha of the other items: var(T - x_j) = var T - 2 cov(T, x_j) + var x_j.
        centred = totals - totals.mean()
        cov = (scores - scores.mean(axis=0)).T @ centred / (n - 1)
        rest_var = total_var - 2 * cov + variances
        with np.errstate(divide="ignore", invalid="ignore"):
            alpha_drop = (k - 1) / (k - 2) * (1 - (variances.sum() - variances) / rest_var)
        alpha_drop = np.where(rest_var > 0, alpha_drop, np.nan)
    return test, alpha_drop
