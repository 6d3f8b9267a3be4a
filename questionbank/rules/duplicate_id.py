"""Two items of the bank have the same id.

## What it does
Reports every item whose `id` is also used by another item anywhere in the
bank, naming the other places (also in `related` of the JSON output). Each
place is reported, so the finding shows whichever of the files you lint. In
a large group the message names the first three others and counts the rest
("and 3,996 more"), and `related` lists the first twenty.

## Why is this bad?
Ids are how exam specs, answer keys, exports and the learners' flash cards
refer to an item. Two items with one id make every one of those ambiguous.

## Example
```yaml
items:
  - id: kinesis-basics
    type: open
    stem: What does a shard of a Kinesis data stream provide?
    answer: A fixed unit of read and write capacity.
  - id: kinesis-basics
    type: open
    stem: How does Firehose deliver records to Amazon S3?
    answer: In buffered batches, by size or time.
```

## Use instead
```yaml
items:
  - id: kinesis-shard-capacity
    type: open
    stem: What does a shard of a Kinesis data stream provide?
    answer: A fixed unit of read and write capacity.
  - id: firehose-s3-buffering
    type: open
    stem: How does Firehose deliver records to Amazon S3?
    answer: In buffered batches, by size or time.
```
"""

from __future__ import annotations

from collections import defaultdict
from typing import Dict, Iterator, List, Optional, Tuple

from questionbank.item import Item
from questionbank.rules import _related
from questionbank.rules.base import BankContext, ItemRef, Problem

ID = "duplicate-id"
LEVEL = "error"
SCOPE = "bank"
OPTIONS: dict = {}


def summarize(item: Item) -> Optional[str]:
    return item.id


def check_bank(records: List[Tuple[ItemRef, Optional[str]]], ctx: BankContext,
               options: dict) -> Iterator[Problem]:
    by_id: Dict[str, List[ItemRef]] = defaultdict(list)
    for ref, item_id in records:
        if item_id is not None:
            by_id[item_id].append(ref)
    for item_id, refs in by_id.items():
        if len(refs) < 2:
            continue
        for ref in refs:
            # Bounded: a group of n reported in full would print n * n places.
            shown = _related.others(refs, ref)
            where = _related.names(shown, len(refs) - 1, lambda r: str(r.location))
            yield Problem(f"id '{item_id}' is also used at {where}",
                          location=ref.location, related=tuple(r.location for r in shown), item=item_id)
