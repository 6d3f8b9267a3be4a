"""Convert the US amateur radio question pools (JSON) into qb banks.

Usage: python benchmarks/corpora/radio_pools.py SRC_DIR -o OUT_DIR

SRC_DIR is a copy of russolsen/ham_radio_question_pool (see its SOURCE.txt).
Every pool revision (each ``*.json`` file) becomes its own bank
``OUT_DIR/<revision>/``, named after its folder (``technician-2026-2030``,
``outdated-extra-2016-2020``), because revisions repeat questions on purpose.
Ids are the upstream ids lowercased (T1A01 -> t1a01); the domain is the
subelement (t1), one item file per subelement; ``refs`` goes to ``source`` and
``figure`` to ``x-figure``. Problems are reported on stderr as file:line.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from _bank import Item, clean, make_item, warn, write_bank

ID_RE = re.compile(r"[A-Z][0-9][A-Z][0-9]{2}")


def convert_pool(path: Path, out_dir: Path, revision: str) -> tuple[int, int]:
    """Convert one pool file into the bank ``out_dir``; return (converted, skipped)."""
    raw = path.read_text(encoding="utf-8")
    lines = [raw.count("\n", 0, m.start()) + 1 for m in re.finditer(r'"id"\s*:', raw)]
    files: dict[str, list[Item]] = {}
    seen: set[str] = set()
    skipped = 0
    for n, entry in enumerate(json.loads(raw)):
        where = f"{path}:{lines[n] if n < len(lines) else 1}"
        upstream = str(entry.get("id", ""))
        stem = clean(str(entry.get("question", "")))
        answers = [clean(str(a)) for a in entry.get("answers", [])]
        correct = entry.get("correct")
        problem = None
        if not ID_RE.fullmatch(upstream):
            problem = f"unexpected id {upstream!r}"
        elif upstream.lower() in seen:
            problem = f"duplicate id {upstream}"
        elif not stem:
            problem = f"{upstream}: empty stem"
        elif not answers or not all(answers):
            problem = f"{upstream}: missing or empty option text"
        elif not isinstance(correct, int) or not 0 <= correct < len(answers):
            problem = f"{upstream}: 'correct' {correct!r} is not an index of 'answers'"
        if problem:
            warn(where, f"skipped: {problem}")
            skipped += 1
            continue
        item_id = upstream.lower()
        seen.add(item_id)
        refs = entry.get("refs")
        item = make_item(
            item_id,
            "single",
            item_id[:2],
            stem,
            [(text, i == correct) for i, text in enumerate(answers)],
            source=clean(str(refs)) if refs else None,
            x_figure=clean(str(entry.get("figure") or "")),
        )
        files.setdefault(item_id[:2], []).append(item)
    domains = {sub: (f"Subelement {sub.upper()}", len(items)) for sub, items in sorted(files.items())}
    write_bank(out_dir, f"US amateur radio question pool {revision}", domains, dict(sorted(files.items())))
    return sum(len(items) for items in files.values()), skipped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path, help="the us-ham-radio-pools folder")
    parser.add_argument("-o", "--out", type=Path, required=True, help="output folder (one bank per revision)")
    args = parser.parse_args(argv)
    pools = sorted(args.src.rglob("*.json"))
    if not pools:
        parser.error(f"no *.json pool files under {args.src}")
    total = total_skipped = 0
    for path in pools:
        revision = "-".join(path.parent.relative_to(args.src).parts) or path.stem
        converted, skipped = convert_pool(path, args.out / revision, revision)
        print(f"{revision}: {converted} items, {skipped} skipped", file=sys.stderr)
        total += converted
        total_skipped += skipped
    print(f"total: {total} items in {len(pools)} banks, {total_skipped} skipped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
