"""An exam spec names what the bank lacks, or cannot be filled from it.

## What it does
Checks every exam spec in `exams/` against the bank, as `qb render` would
assemble it: a blueprint domain that `bank.yaml` does not declare, an id in
`filter.ids` or `filter.exclude_ids` that no item has, and a domain with
fewer eligible items than its quota (the message names the domain, the number
needed and the number available). The finding stands at the spec's line and
column. Specs with `schema` findings are left to those.

## Why is this bad?
A typo in a blueprint or filter would otherwise shrink the exam silently, and
a domain that runs short would surface only when someone prints the exam, not
in the commit that removed the items.

## Example
```yaml
# exams/practice.yaml: {"exam": {"title": "Practice", "count": 5, "blueprint": {"ingestion": 1}}}
items:
  - id: q1
    type: open
    domain: ingestion
    stem: Which AWS DMS task type copies existing data and then ongoing changes?
    answer: Full load plus CDC.
```

## Use instead
```yaml
# exams/practice.yaml: {"exam": {"title": "Practice", "count": 1, "blueprint": {"ingestion": 1}}}
items:
  - id: q1
    type: open
    domain: ingestion
    stem: Which AWS DMS task type copies existing data and then ongoing changes?
    answer: Full load plus CDC.
```
"""

from __future__ import annotations

from typing import Any, Iterator, List, Optional, Tuple

from questionbank.finding import Location
from questionbank.item import Item
from questionbank.rules.base import BankContext, ItemRef, Problem

ID = "exam-spec"
LEVEL = "error"
SCOPE = "bank"
OPTIONS: dict = {}
# Runs only in a bank with exam specs (and summarises items only there).
NEEDS_EXAMS = True


def summarize(item: Item) -> Tuple[Optional[str], Optional[str], Optional[str], Optional[str], Tuple[str, ...]]:
    return (item.id, item.type, item.domain, item.difficulty, tuple(item.tags))


def check_bank(records: List[Tuple[ItemRef, Any]], ctx: BankContext, options: dict) -> Iterator[Problem]:
    from questionbank.assemble import AssemblyError, select
    from questionbank.bank import Bank
    from questionbank.spec import spec_from_data

    if not ctx.exams or ctx.domains is None or not ctx.bank_valid:
        return  # bank.yaml's own errors are reported; assembling on them would only crash
    items = [Item({"id": i, "type": t, "domain": d, "difficulty": level, "tags": list(tags)}, ref.file, (), {})
             for ref, (i, t, d, level, tags) in records]
    bank = Bank(root=ctx.root, title="", domains=ctx.domains, items=items, exams={})
    for exam in ctx.exams:
        try:
            select(bank, spec_from_data(exam.data))
        except AssemblyError as exc:
            for path, message in exc.problems:
                line, column = exam.keys.get(path) or exam.value_pos(path)
                yield Problem(message, location=Location(exam.display, line, column))
