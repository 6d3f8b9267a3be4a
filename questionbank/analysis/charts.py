"""Small inline SVG charts for the analysis report: a histogram, a scatter
plot and trace lines. Every text that reaches the SVG is escaped; the
charts draw with plain shapes and need no script or external file."""

from __future__ import annotations

import math
from typing import Iterable, List, Optional, Sequence, Tuple

from markupsafe import Markup, escape

# Colour-blind-safe (Okabe and Ito), in the order options get them.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
FONT = 'font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif"'


def _svg(width: int, height: int, label: str, body: Iterable[str]) -> Markup:
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
                  f'height="{height}" role="img" aria-label="{escape(label)}" {FONT} font-size="11">'
                  + "".join(body) + "</svg>")


def _text(x: float, y: float, text: str, anchor: str = "middle", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" {extra}>{escape(text)}</text>'


def _ticks(low: float, high: float, count: int = 5) -> List[float]:
    if high <= low:
        return [low]
    step = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(step))
    step = min((m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= step), default=step)
    start = math.ceil(low / step) * step
    out = []
    value = start
    while value <= high + 1e-9:
        out.append(round(value, 10))
        value += step
    return out


def histogram(totals: Sequence[float], max_score: float, label: str = "Total scores") -> Markup:
    """Counts of examinees per total score (one bar per whole point)."""
    width, height, left, bottom, top, right = 560, 220, 44, 34, 12, 12
    top_score = max(int(math.ceil(max_score)), int(math.ceil(max(totals, default=0))), 1)
    bins = [0] * (top_score + 1)
    for t in totals:
        bins[min(max(int(round(t)), 0), top_score)] += 1
    peak = max(bins) or 1
    plot_w, plot_h = width - left - right, height - top - bottom
    bar = plot_w / len(bins)
    body = [f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#444"/>']
    for value in _ticks(0, peak, 4):
        y = height - bottom - plot_h * value / peak
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>')
        body.append(_text(left - 6, y + 4, f"{value:g}", "end"))
    for score, count in enumerate(bins):
        h = plot_h * count / peak
        x = left + score * bar
        body.append(f'<rect x="{x + 1:.1f}" y="{height - bottom - h:.1f}" width="{max(bar - 2, 1):.1f}" '
                    f'height="{h:.1f}" fill="#0072B2"><title>{score}: {count}</title></rect>')
    for score in _ticks(0, top_score, min(top_score, 10)):
        body.append(_text(left + (score + 0.5) * bar, height - bottom + 14, f"{score:g}"))
    body.append(_text(left + plot_w / 2, height - 4, "total score"))
    body.append(_text(12, top + plot_h / 2, "examinees", extra=f'transform="rotate(-90 12 {top + plot_h / 2:.1f})"'))
    return _svg(width, height, label, body)


def scatter(points: Sequence[Tuple[str, Optional[float], Optional[float], bool]],
            guides: Sequence[Tuple[str, float, str]] = (), label: str = "Difficulty and discrimination") -> Markup:
    """Items by difficulty p (x, 0 to 1) and corrected item-total
    correlation r (y, -0.5 to 1); flagged points are red and labelled.
    ``guides``: ("x" or "y", value, caption) dashed lines at thresholds."""
    width, height, left, bottom, top, right = 560, 360, 48, 38, 14, 16
    plot_w, plot_h = width - left - right, height - top - bottom
    ys = [r for _, _, r, _ in points if r is not None]
    y_low = min([-0.2] + [math.floor(r * 10) / 10 for r in ys])
    y_high = 1.0

    def px(p: float) -> float:
        return left + plot_w * p

    def py(r: float) -> float:
        return top + plot_h * (y_high - r) / (y_high - y_low)

    body = [f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#444"/>']
    for p in _ticks(0, 1, 5):
        body.append(f'<line x1="{px(p):.1f}" y1="{top}" x2="{px(p):.1f}" y2="{top + plot_h}" stroke="#eee"/>')
        body.append(_text(px(p), top + plot_h + 14, f"{p:g}"))
    for r in _ticks(y_low, y_high, 6):
        body.append(f'<line x1="{left}" y1="{py(r):.1f}" x2="{left + plot_w}" y2="{py(r):.1f}" stroke="#eee"/>')
        body.append(_text(left - 6, py(r) + 4, f"{r:g}", "end"))
    for axis, value, caption in guides:
        if axis == "x":
            body.append(f'<line x1="{px(value):.1f}" y1="{top}" x2="{px(value):.1f}" y2="{top + plot_h}" '
                        'stroke="#999" stroke-dasharray="4 3"/>')
            body.append(_text(px(value) + 3, top + 10, caption, "start", 'fill="#666" font-size="9"'))
        elif y_low <= value <= y_high:
            body.append(f'<line x1="{left}" y1="{py(value):.1f}" x2="{left + plot_w}" y2="{py(value):.1f}" '
                        'stroke="#999" stroke-dasharray="4 3"/>')
            body.append(_text(left + plot_w - 3, py(value) - 3, caption, "end", 'fill="#666" font-size="9"'))
    shown = [(name, p, r, flagged) for name, p, r, flagged in points if p is not None and r is not None]
    for name, p, r, flagged in shown:
        colour = "#D55E00" if flagged else "#0072B2"
        body.append(f'<circle cx="{px(p):.1f}" cy="{py(r):.1f}" r="{4.5 if flagged else 3.5}" fill="{colour}" '
                    f'fill-opacity="0.85"><title>{escape(name)}: p {p:.2f}, r {r:.2f}</title></circle>')
    # Labels last, on a white halo, so no point hides one.
    for name, p, r, flagged in shown:
        if flagged:
            anchor = "end" if p > 0.7 else "start"
            dx = -7 if anchor == "end" else 7
            body.append(_text(px(p) + dx, py(r) + 4, name, anchor,
                              'fill="#A03C00" stroke="#fff" stroke-width="3" paint-order="stroke"'))
    body.append(_text(left + plot_w / 2, height - 6, "difficulty p (proportion correct)"))
    body.append(_text(13, top + plot_h / 2, "discrimination r (item-rest)",
                      extra=f'transform="rotate(-90 13 {top + plot_h / 2:.1f})"'))
    return _svg(width, height, label, body)


def trace_lines(series: Sequence[Tuple[str, Sequence[Optional[float]], bool]],
                label: str = "Trace lines") -> Markup:
    """The share choosing each option in five groups by rest score (the
    total of the other items), lowest first: (name, shares, is key). Keys
    are drawn thick and solid."""
    width, height, left, bottom, top, right = 350, 190, 40, 34, 10, 86
    plot_w, plot_h = width - left - right, height - top - bottom
    groups = max((len(s) for _, s, _ in series), default=5)

    def px(g: int) -> float:
        return left + plot_w * (g + 0.5) / groups

    def py(v: float) -> float:
        return top + plot_h * (1 - v)

    body = [f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#444"/>']
    for v in (0, 0.25, 0.5, 0.75, 1):
        body.append(f'<line x1="{left}" y1="{py(v):.1f}" x2="{left + plot_w}" y2="{py(v):.1f}" stroke="#eee"/>')
        body.append(_text(left - 5, py(v) + 4, f"{v:g}", "end"))
    for g in range(groups):
        body.append(_text(px(g), top + plot_h + 14, str(g + 1)))
    body.append(_text(left + plot_w / 2, height - 4, "rest-score group (1 = lowest fifth)"))
    legend_y = top + 6
    for n, (name, shares, key) in enumerate(series):
        colour = PALETTE[n % len(PALETTE)]
        points = [(px(g), py(v)) for g, v in enumerate(shares) if v is not None]
        style = f'stroke="{colour}" stroke-width="{3 if key else 1.6}" fill="none"' + \
            ("" if key else ' stroke-dasharray="5 3"')
        if points:
            body.append(f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in points)}" {style}/>')
            body += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"/>' for x, y in points]
        y = legend_y + 15 * n
        body.append(f'<line x1="{left + plot_w + 8}" y1="{y:.1f}" x2="{left + plot_w + 24}" y2="{y:.1f}" {style}/>')
        body.append(_text(left + plot_w + 28, y + 4, name + (" (key)" if key else ""), "start"))
    return _svg(width, height, label, body)
