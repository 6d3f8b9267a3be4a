"""How often each content rule fires on whole corpora: items reported / items.

    python benchmarks/devset/rates.py [--work /tmp/qb-devset] [--examples N] [RULE ...]

Runs the item rules, with their default options, on every item of MMLU, the
eight US amateur radio pools, the AWS Cloud Practitioner practice exams,
OpenTriviaQA and the example bank, and prints per rule the share of items
with a finding at warning level or above (in brackets: with info findings
too). The last column is the highest share in any one radio pool: the bar
is 10% of any corpus's items at warning level. ``--examples N`` prints N
findings per rule and corpus, drawn at random, for a hand check.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # noqa: E402

from questionbank import rules as registry  # noqa: E402
from questionbank.finding import Severity  # noqa: E402
from questionbank.item import Item  # noqa: E402
from questionbank.rules.base import BankContext  # noqa: E402

# Item rules about a bank's structure rather than item writing.
NOT_CONTENT = {"missing-rationale", "too-few-options", "missing-answer", "missing-image", "multiple-correct-single",
               "no-correct-option", "select-count-mismatch", "unknown-domain"}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def bank_items(bank: Path) -> Iterator[Item]:
    for path in sorted((bank / "items").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
        for n, entry in enumerate(data.get("items") or ()):
            yield Item(entry, f"{bank.name}/{path.name}", ("items", n), {})


Result = Dict[str, Tuple[List[Tuple[Item, List[str]]], int]]  # rule -> (findings per item, items warned)


def run(items: List[Item], rules) -> Dict[str, Tuple[int, int, List[Tuple[Item, List[str]]]]]:
    """rule -> (items at warning or above, items at any level, (item, messages) found)."""
    ctx = BankContext(root=Path("."))
    out = {}
    for rule in rules:
        options = dict(rule.OPTIONS)
        warned = any_level = 0
        found = []
        for item in items:
            problems = list(rule.check(item, ctx, options))
            if problems:
                any_level += 1
                severities = [p.severity or Severity(rule.LEVEL) for p in problems]
                warned += any(s in (Severity.WARNING, Severity.ERROR) for s in severities)
                found.append((item, [f"{s.value}: {p.message}" for s, p in zip(severities, problems)]))
        out[rule.ID] = (warned, any_level, found)
    return out


def cell(result, rule: str, items: int) -> str:
    warned, any_level, _ = result[rule]
    text = f"{warned} ({100 * warned / items:.1f}%)"
    return text + (f" [{any_level}]" if any_level != warned else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/qb-devset"))
    parser.add_argument("--examples", type=int, default=0)
    parser.add_argument("rules", nargs="*")
    args = parser.parse_args()
    rules = [registry.RULES[r] for r in args.rules] if args.rules else [
        m for m in registry.by_scope("item") if m.ID not in NOT_CONTENT]
    folders = corpus.convert(args.work, with_trivia=True)
    pools = sorted(p for p in folders["radio"].iterdir() if (p / "bank.yaml").exists())
    corpora = {"MMLU": list(bank_items(folders["mmlu"])),
               "radio pools": [i for pool in pools for i in bank_items(pool)],
               "AWS CCP": list(bank_items(folders["aws"])),
               "OpenTriviaQA": list(bank_items(folders["trivia"])),
               "example bank": list(bank_items(corpus.REPO / "examples" / "aws-data-engineer"))}
    results = {name: run(items, rules) for name, items in corpora.items()}
    per_pool = {pool.name: (run([i for i in corpora["radio pools"] if i.file.startswith(pool.name + "/")], rules),
                            sum(1 for i in corpora["radio pools"] if i.file.startswith(pool.name + "/")))
                for pool in pools}
    print("Items with a warning (in brackets: with info findings too) / items.\n")
    print("| rule | " + " | ".join(f"{name} ({len(items):,})" for name, items in corpora.items())
          + " | highest radio pool |")
    print("|---|" + "---|" * (len(corpora) + 1))
    for rule in rules:
        worst = max(per_pool, key=lambda p: per_pool[p][0][rule.ID][0] / per_pool[p][1])
        print(f"| `{rule.ID}` | " + " | ".join(cell(results[name], rule.ID, len(items))
                                             for name, items in corpora.items())
              + f" | {worst} {cell(per_pool[worst][0], rule.ID, per_pool[worst][1])} |")
    rng = random.Random(0)
    for rule in rules if args.examples else ():
        for name in corpora:
            found = results[name][rule.ID][2]
            for item, messages in rng.sample(found, min(args.examples, len(found))):
                print(f"\n## {rule.ID} / {name}: {item.id}\n  {item.stem[:300]!r}")
                for option in item.options:
                    print(f"  {'*' if option.correct else ' '} {option.text[:150]}")
                for message in messages:
                    print("  ->", message[:200])


if __name__ == "__main__":
    main()
