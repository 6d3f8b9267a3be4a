"""`duplicate-item` on the real corpora: what it reports beyond exact copies,
and a sample of those findings to check by hand.

    python benchmarks/duplicate_corpora.py [--sample 10] [--work /tmp/qb-corpora]

Converts the corpora of ../shared/corpora (benchmarks/corpora/*.py; MMLU with
`qb import csv --no-header`) into banks under --work, lints them with `qb
lint --no-cache --format json`, and prints per corpus: items, items reported
(errors among them), and items reported outside the groups of the corpus's
KNOWN_DUPLICATES.tsv way of grouping (the same stem after lowercasing and
dropping punctuation and spaces): those are the findings the stem alone
cannot see. The radio pools are linted each against its previous revision
(`--against`), since their repeats are across revisions.

With --sample N, N of those findings per corpus (AWS, radio, OpenTriviaQA;
a fixed seed) are printed with both items, for the hand check recorded in
benchmarks/duplicate-item-precision.md. The corpora's texts are not
committed: that file names the items by id only.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parent.parent / "shared" / "corpora"
RADIO_PAIRS = [("technician-2026-2030", "outdated-technician-2022-2026"),
               ("outdated-technician-2022-2026", "outdated-technician-2018-2022"),
               ("general-2023-2027", "outdated-general-2019-2023"),
               ("extra-2024-2028", "outdated-extra-2020-2024"),
               ("outdated-extra-2020-2024", "outdated-extra-2016-2020")]


def qb(*args: str, cwd: Path) -> str:
    done = subprocess.run([sys.executable, "-m", "questionbank", *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(done.stderr[-2000:])
    return done.stdout


def convert(work: Path) -> None:
    scripts = {"radio": "radio_pools.py", "aws": "aws_ccp.py", "trivia": "opentriviaqa.py"}
    sources = {"radio": "us-ham-radio-pools", "aws": "aws-ccp-kananinirav", "trivia": "opentriviaqa"}
    for name, script in scripts.items():
        if not (work / name).exists():
            subprocess.run([sys.executable, str(HERE / "corpora" / script), str(CORPORA / sources[name]),
                            "-o", str(work / name)], check=True, capture_output=True)
    if not (work / "mmlu").exists():
        files = sorted(str(p) for p in (CORPORA / "mmlu" / "data").glob("*/*.csv"))
        qb("import", "csv", "--no-header", *files, "-o", str(work / "mmlu"), cwd=work)


def stem_key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def load_items(bank: Path) -> Dict[str, dict]:
    yaml = YAML(typ="safe")
    items = {}
    for path in sorted((bank / "items").rglob("*.yaml")):
        for item in yaml.load(path.read_text(encoding="utf-8"))["items"]:
            items[item["id"]] = item
    return items


def run(work: Path, name: str, bank: str, against: Optional[str] = None) -> Tuple[List[dict], Dict[str, dict]]:
    args = ["lint", "--no-cache", "--format", "json", bank] + (["--against", against] if against else [])
    found = [f for f in json.loads(qb(*args, cwd=work)) if f["rule"] == "duplicate-item"]
    items = load_items(work / bank)
    if against:
        items.update({f"{against}:{k}": v for k, v in load_items(work / against).items()})
    return found, items


def partner(finding: dict, work: Path, items_by_place: Dict[Tuple[str, int], str]) -> str:
    first = finding["related"][0]
    return items_by_place.get((first["path"], first["line"]), "?")


def places(work: Path, bank: str, prefix: str = "") -> Dict[Tuple[str, int], str]:
    """(display path, line) -> item id, from the item files' `- id:` lines."""
    found = {}
    for path in sorted((work / bank / "items").rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = re.match(r"^(\s*)- id: (.*)$", line)
            if match:
                found[(str(path.relative_to(work)), number)] = prefix + match.group(2).strip().strip("'\"")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/qb-corpora"))
    parser.add_argument("--sample", type=int, default=0)
    args = parser.parse_args()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    convert(work)
    runs: Dict[str, List[Tuple[List[dict], Dict[str, dict], Dict[Tuple[str, int], str]]]] = defaultdict(list)
    for name in ("mmlu", "aws", "trivia"):
        found, items = run(work, name, name)
        runs[name].append((found, items, places(work, name)))
    for new, old in RADIO_PAIRS:
        found, items = run(work, "radio", f"radio/{new}", f"radio/{old}")
        where = places(work, f"radio/{new}")
        where.update(places(work, f"radio/{old}", prefix=f"radio/{old}:"))
        runs["radio"].append((found, {k if ":" in k else k: v for k, v in items.items()}, where))
    print("| corpus | items | items reported | errors | reported outside the same-stem groups |")
    print("|---|---|---|---|---|")
    samples = {}
    for name, parts in runs.items():
        total = reported = errors = 0
        outside = []
        for found, items, where in parts:
            by_key = defaultdict(set)
            for item_id, item in items.items():
                by_key[stem_key(str(item.get("stem", "")))].add(item_id)
            own = [i for i in items if ":" not in i]
            total += len(own)
            reported += len(found)
            errors += sum(1 for f in found if f["severity"] == "error")
            for f in found:
                item_id = f["item"]
                other = partner(f, work, where)
                same_stem = len(by_key[stem_key(str(items[item_id].get("stem", "")))]) > 1
                if not same_stem:
                    outside.append((item_id, other, f["message"], items))
        print(f"| {name} | {total:,} | {reported:,} ({100 * reported / max(total, 1):.1f} %) | {errors} "
              f"| {len(outside)} |")
        samples[name] = outside
    if args.sample:
        rng = random.Random(11)
        for name in ("aws", "radio", "trivia"):
            # One finding per pair: the pair's first item.
            pairs = {}
            for item_id, other, message, items in samples[name]:
                pairs.setdefault(tuple(sorted((item_id, other))), (item_id, other, message, items))
            chosen = rng.sample(sorted(pairs), min(args.sample, len(pairs)))
            for key in chosen:
                item_id, other, message, items = pairs[key]
                print(f"\n### {name}: {item_id} / {other}\n{message}")
                for which in (item_id, other):
                    item = items.get(which, {})
                    print(f"- {which}: {str(item.get('stem', '')).strip()}")
                    for option in item.get("options", []):
                        print(f"    {'*' if option.get('correct') else ' '} {option['text']}")


if __name__ == "__main__":
    main()
