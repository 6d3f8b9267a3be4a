"""Draw the development set's items: a seeded random sample of each corpus,
then a few items per surface feature that random items rarely show.

    python benchmarks/devset/sample.py [--work /tmp/qb-devset] > skeleton.tsv

Prints a labels.tsv skeleton (reference, sample, content hash, flaws to fill
in, note); labels.tsv in this folder is that skeleton with the labels
written in by hand. Re-running gives the same items.

The targeted items are chosen by plain surface features (a blank in the
stem, options that are numbers, a negative word anywhere in the stem,
options joined with "and" or numbered statements), not by any rule's
logic, so that rare flaws have enough examples to measure precision on;
recall over them is flattered by the choice, which is why evaluate.py also
reports the random part alone.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

from questionbank.item import content_hash  # noqa: E402

SEED = 12
SIZES = {"mmlu": 130, "radio": 115, "aws": 115}
_NUMBER = re.compile(r"^\W{0,2}[-+]?\$?\d[\d,.]*\s*\S{0,12}$")
TARGETS = {
    "blank": lambda item: "__" in item["stem"],
    "numeric": lambda item: all(_NUMBER.match(str(o["text"]).strip()) for o in item["options"]),
    "negative": lambda item: re.search(r"\b(?:not|except|least|false|incorrect|cannot|never)\b", item["stem"], re.I),
    "joined": lambda item: sum(1 for o in item["options"] if re.search(r"\band\b|,", str(o["text"]))) >= 3
    or re.search(r"\bI{1,3}\b.*\bII\b", " ".join(str(o["text"]) for o in item["options"])),
}
PER_TARGET = 15


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/qb-devset"))
    args = parser.parse_args()
    found = corpus.items(args.work)
    rng = random.Random(SEED)
    print("ref\tsample\thash\tflaws\tnote")
    chosen = set()
    for name, size in SIZES.items():
        refs = [r for r in found if corpus.corpus_of(r) == name]
        for ref in sorted(rng.sample(refs, size), key=refs.index):
            chosen.add(ref)
            print(f"{ref}\trandom\t{content_hash(found[ref])}\t?\t")
    for target, test in TARGETS.items():
        refs = [r for r, item in found.items() if r not in chosen and test(item)]
        for ref in rng.sample(refs, PER_TARGET):
            chosen.add(ref)
            print(f"{ref}\t{target}\t{content_hash(found[ref])}\t?\t")


if __name__ == "__main__":
    main()
