"""Precision and recall of the content rules on the labelled development set.

    python benchmarks/devset/evaluate.py [--work /tmp/qb-devset] [--show RULE] [--write BLOCK]

Writes the labelled items into a temporary bank, runs ``qb lint`` on it (no
cache, default settings) and compares, per rule, the items it reports with
the items labelled with its id (see README.md). ``--show RULE`` lists the
rule's false alarms and misses with their text; ``--write BLOCK`` records
the table in README.md between ``<!-- devset:BLOCK:start -->`` and
``<!-- devset:BLOCK:end -->``.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, NamedTuple, Set

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

from questionbank.item import content_hash  # noqa: E402
from questionbank.lint import RunOptions, lint_paths  # noqa: E402
from questionbank.rules import RULES  # noqa: E402

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels.tsv"
README = HERE / "README.md"
# The flaws the set is labelled with, in the order of the table.
FLAWS = (
    "all-of-the-above", "none-of-the-above", "option-letter-reference", "combination-option",
    "absolute-term", "vague-term", "negative-stem", "longest-option-correct", "word-repeat-cue",
    "grammatical-cue", "stem-not-question", "overlapping-ranges", "near-duplicate-option", "duplicate-option",
    "qualifier-emphasis", "convergence-cue", "repeated-option-lead-in", "true-false-series",
    "fill-in-blank-midstem", "numeric-options-unordered", "numeric-format-inconsistent",
)


class Entry(NamedTuple):
    ref: str
    sample: str
    hash: str
    flaws: Set[str]
    note: str


def read_labels() -> List[Entry]:
    with open(LABELS, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    entries = []
    for row in rows:
        flaws = set() if row["flaws"] == "-" else set(row["flaws"].split(","))
        unknown = flaws - set(FLAWS)
        if unknown:
            raise SystemExit(f"{row['ref']}: unknown labels {sorted(unknown)}")
        entries.append(Entry(row["ref"], row["sample"], row["hash"], flaws, row["note"]))
    return entries


def findings_by_item(entries: List[Entry], items: Dict[str, dict]) -> Dict[str, Dict[str, List[str]]]:
    """ref -> rule -> messages of qb lint's findings on the item."""
    with tempfile.TemporaryDirectory(prefix="qb-devset-") as tmp:
        bank = Path(tmp)
        (bank / "bank.yaml").write_text("title: development set\nformat: 1\n", encoding="utf-8")
        (bank / "items").mkdir()
        written = []
        ids = {}
        for n, entry in enumerate(entries):
            data = {k: v for k, v in items[entry.ref].items() if k != "domain"}
            data["id"] = ids.setdefault(f"i{n:03d}", entry.ref) and f"i{n:03d}"
            written.append(data)
        (bank / "items" / "devset.yaml").write_text(
            yaml.safe_dump({"items": written}, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
        result = lint_paths([bank], RunOptions(cache=False, jobs=1))
    found: Dict[str, Dict[str, List[str]]] = defaultdict(lambda: defaultdict(list))
    for finding in result.findings:
        if finding.item in ids:
            found[ids[finding.item]][finding.rule].append(f"{finding.severity.value}: {finding.message}")
    return found


class Score(NamedTuple):
    labelled: int
    flagged: int
    hits: int

    @property
    def precision(self) -> str:
        return f"{self.hits / self.flagged:.2f}" if self.flagged else "-"

    @property
    def recall(self) -> str:
        return f"{self.hits / self.labelled:.2f}" if self.labelled else "-"


def score(entries: List[Entry], found, rules) -> Score:
    labelled = flagged = hits = 0
    for entry in entries:
        for rule in rules:
            said = rule in found.get(entry.ref, {})
            labelled += rule in entry.flaws
            flagged += said
            hits += said and rule in entry.flaws
    return Score(labelled, flagged, hits)


def table(entries: List[Entry], found) -> str:
    random_part = [e for e in entries if e.sample == "random"]
    lines = [f"{len(entries)} items ({len(random_part)} random), {sum(len(e.flaws) for e in entries)} labels; "
             "findings of every severity.", "",
             "| rule | labelled | flagged | right | precision | recall |", "|---|---|---|---|---|---|"]
    for rule in FLAWS:
        s = score(entries, found, [rule])
        built = "" if rule in RULES else " (not built)"
        lines.append(f"| `{rule}`{built} | {s.labelled} | {s.flagged} | {s.hits} | {s.precision} | {s.recall} |")
    built = [rule for rule in FLAWS if rule in RULES]
    for name, part, rules in (("all items", entries, FLAWS), ("random items only", random_part, FLAWS),
                              ("built rules only", entries, built)):
        s = score(part, found, rules)
        lines.append(f"| **overall, {name}** | {s.labelled} | {s.flagged} | {s.hits} | "
                     f"**{s.precision}** | **{s.recall}** |")
    return "\n".join(lines)


def show(rule: str, entries: List[Entry], found, items: Dict[str, dict]) -> None:
    for entry in entries:
        said = found.get(entry.ref, {}).get(rule)
        labelled = rule in entry.flaws
        if bool(said) == labelled:
            continue
        item = items[entry.ref]
        print(f"{'FALSE ALARM' if said else 'MISS'} {entry.ref} [{entry.note}]")
        print("   ", item["stem"].replace("\n", " / ")[:400])
        for option in item["options"]:
            print(f"    {'*' if option.get('correct') else ' '} {option['text']}")
        for message in said or ():
            print("    ->", message)


def write(block: str, text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    start, end = f"<!-- devset:{block}:start -->", f"<!-- devset:{block}:end -->"
    if start not in readme:
        raise SystemExit(f"README.md has no {start} block")
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    README.write_text(pattern.sub(lambda _: f"{start}\n{text}\n{end}", readme), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/qb-devset"), help="where converted corpora go")
    parser.add_argument("--show", metavar="RULE", help="list the rule's false alarms and misses")
    parser.add_argument("--write", metavar="BLOCK", help="record the table in README.md's BLOCK")
    args = parser.parse_args()
    entries = read_labels()
    items = corpus.items(args.work)
    changed = [e.ref for e in entries if e.ref not in items or content_hash(items[e.ref]) != e.hash]
    if changed:
        raise SystemExit(f"items missing or changed since they were labelled: {', '.join(changed[:10])}")
    found = findings_by_item(entries, items)
    if args.show:
        show(args.show, entries, found, items)
        return
    text = table(entries, found)
    print(text)
    if args.write:
        write(args.write, text)


if __name__ == "__main__":
    main()
