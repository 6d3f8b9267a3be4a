"""A `single` item has more than one option marked correct.

## What it does
Reports a `single` item with two or more options marked `correct: true`, on
each key after the first.

## Why is this bad?
A single-answer item tells the examinee to pick one option, so an examinee
who picks either key is scored as wrong by the other. Either one key is
wrong, or the item is really a `multiple` item and its question must say how
many to pick.

## Example
```yaml
items:
  - id: kinesis-ordering
    type: single
    stem: Which service keeps records in order per partition key for several consumers?
    options:
      - text: Amazon Kinesis Data Streams
        correct: true
      - text: Amazon SQS standard queues
      - text: Amazon Managed Streaming for Apache Kafka
        correct: true
      - text: Amazon SNS standard topics
```

## Use instead
```yaml
items:
  - id: kinesis-ordering
    type: multiple
    stem: Which services keep records in order per key for several consumers? (Select TWO.)
    options:
      - text: Amazon Kinesis Data Streams
        correct: true
      - text: Amazon SQS standard queues
      - text: Amazon Managed Streaming for Apache Kafka
        correct: true
      - text: Amazon SNS standard topics
      - text: Amazon EventBridge
```

## Firing rate
Measured on the converted corpora (`qb lint BANK --format json`, items with a finding / items):
0 in MMLU (15,906), the radio pools (4,041), AWS CCP (1,142) and
OpenTriviaQA (49,716): the converters make an item `multiple` when its key
has several letters. The example bank: 0.
"""

from __future__ import annotations

from typing import Iterator

from questionbank.item import Item
from questionbank.rules._options import name
from questionbank.rules.base import BankContext, Problem

ID = "multiple-correct-single"
LEVEL = "error"
SCOPE = "item"
OPTIONS: dict = {}


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    if item.type != "single":
        return
    keys = item.keys
    for key in keys[1:]:
        yield Problem(f"{name(key)}.correct: a single item has one key, but {name(keys[0])} is also "
                      "marked correct; keep one key or make the item `type: multiple`",
                      ("options", key.index, "correct"))
