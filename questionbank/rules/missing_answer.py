"""An open item has no model answer.

## What it does
Reports an `open` item without an `answer`, or whose `answer` is blank.

## Why is this bad?
The model answer is what a grader scores an open answer against and what a
learner compares their own answer with. Without it the item is a prompt, not
an exam item.

## Example
```yaml
items:
  - id: glue-bookmarks-open
    type: open
    stem: Why can AWS Glue job bookmarks miss updated rows read over JDBC?
```

## Use instead
```yaml
items:
  - id: glue-bookmarks-open
    type: open
    stem: Why can AWS Glue job bookmarks miss updated rows read over JDBC?
    answer: >-
      JDBC bookmarks remember the highest value of an increasing key column, so
      a row that changes without getting a new key value is not read again.
```

## Firing rate
No converted corpus has open items (MMLU, the radio pools, AWS CCP and
OpenTriviaQA are all `single` or `multiple`), so there is nothing to measure
there; the example bank has none without an answer.
"""

from __future__ import annotations

from typing import Iterator

from questionbank.item import Item
from questionbank.rules.base import BankContext, Problem

ID = "missing-answer"
LEVEL = "error"
SCOPE = "item"
OPTIONS: dict = {}


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    if item.type != "open":
        return
    answer = item.answer
    if answer is None:
        yield Problem("answer: an open item needs a model answer; add `answer:` with what a full answer says")
    elif not answer.strip():
        yield Problem("answer: the model answer is blank; write what a full answer says", ("answer",))
