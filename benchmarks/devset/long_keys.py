"""How often a conspicuously long option is the key: the evidence for
longest-option-correct's ratio.

    python benchmarks/devset/long_keys.py [--work /tmp/qb-devset]

For every single-answer item of MMLU, the US amateur radio pools and the AWS
Cloud Practitioner practice exams, stock options ("All of the above") set
aside, takes the longest option when it is prose as the rule reads it (at
least four words and 20 characters, three lower-case words, not all of them
function words) and compares it with the next longest. Per ratio, prints how many items have an option that
much longer than all others and how often that option is the key, beside
chance (one over the number of options). For multiple-response items, the
same with the N longest options against the rest, N being the number of keys.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402
from rates import bank_items  # noqa: E402

from questionbank.item import Item  # noqa: E402
from questionbank.rules._options import content_options  # noqa: E402
from questionbank.rules.longest_option_correct import OPTIONS, is_prose, measure  # noqa: E402
from questionbank.text import plain, words  # noqa: E402

RATIOS = (1.25, 1.5, 1.75, 2.0)


def judged(item: Item) -> Optional[Tuple[float, bool, float, bool]]:
    """(ratio of the N longest to the next, whether they are the keys, chance, multiple) or None."""
    options = content_options(item)
    n = len(item.keys)
    if not item.is_choice or n == 0 or len(options) < 3 or len(options) - n < 2:
        return None
    ranked = sorted(options, key=lambda o: measure(o.text), reverse=True)
    top, rest = ranked[:n], ranked[n:]
    shortest_top = min(measure(o.text) for o in top)
    texts = [plain(o.text) for o in top]
    if any(len(words(t)) < OPTIONS["min-words"] or len(t) < OPTIONS["min-length"] or not is_prose(t) for t in texts):
        return None
    ratio = shortest_top / max(1, measure(rest[0].text))
    chance = 1.0
    for i in range(n):  # the chance that the N longest are exactly the N keys
        chance *= (n - i) / (len(options) - i)
    return ratio, all(o.correct for o in top), chance, n > 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/qb-devset"))
    args = parser.parse_args()
    folders = corpus.convert(args.work)
    pools = sorted(p for p in folders["radio"].iterdir() if (p / "bank.yaml").exists())
    corpora: Dict[str, List[Item]] = {
        "MMLU": list(bank_items(folders["mmlu"])),
        "radio pools": [i for pool in pools for i in bank_items(pool)],
        "AWS CCP": list(bank_items(folders["aws"]))}
    print("| corpus | items | kind | " + " | ".join(f"ratio {r}: items, key, chance" for r in RATIOS) + " |")
    print("|---|---|---|" + "---|" * len(RATIOS))
    for name, items in corpora.items():
        found = [j for j in map(judged, items) if j]
        for multiple in (False, True):
            part = [j for j in found if j[3] == multiple]
            if not part:
                continue
            cells = []
            for r in RATIOS:
                over = [j for j in part if j[0] >= r]
                keyed = sum(j[1] for j in over)
                chance = sum(j[2] for j in over) / len(over) if over else 0
                cells.append(f"{len(over)}, {keyed / len(over):.0%}, {chance:.0%}" if over else "0")
            print(f"| {name} | {len(items):,} | {'multiple' if multiple else 'single'} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
