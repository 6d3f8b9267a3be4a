"""An item has no domain, although bank.yaml declares domains.

## What it does
Reports an item without `domain` in a bank whose `bank.yaml` declares
`domains`, naming the item and the domains it could belong to.

## Why is this bad?
The domains and their weights are the exam blueprint: an exam draws each
domain's share from the items of that domain. An item without a domain
belongs to none of them, so it is never drawn, and nothing else says so.

## Example
```yaml
# bank.yaml declares domains (the example bank's: ingestion, store, operations, security).
items:
  - id: firehose-targets
    type: open
    stem: Name two destinations Amazon Data Firehose delivers records to.
    answer: Amazon S3 and Amazon Redshift (also OpenSearch Service, Splunk, HTTP endpoints).
```

## Use instead
```yaml
items:
  - id: firehose-targets
    type: open
    domain: ingestion
    stem: Name two destinations Amazon Data Firehose delivers records to.
    answer: Amazon S3 and Amazon Redshift (also OpenSearch Service, Splunk, HTTP endpoints).
```
"""

from __future__ import annotations

from typing import Iterator

from questionbank.item import Item
from questionbank.rules.base import BankContext, Problem

ID = "missing-domain"
LEVEL = "warning"
SCOPE = "item"
OPTIONS: dict = {}


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    if not ctx.domains or "domain" in item.data:
        return  # a domain of the wrong type or an undeclared one is schema's or unknown-domain's
    name = f"item '{item.id}'" if item.id else "this item"
    yield Problem(f"{name} has no domain, so exams that draw by the blueprint never include it; "
                  f"add `domain:` (one of: {', '.join(ctx.domains)})")
