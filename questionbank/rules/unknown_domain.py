"""An item names a domain that bank.yaml does not declare.

## What it does
Reports an item whose `domain` is not a key of `domains` in `bank.yaml`, and
suggests the declared domain it was probably meant to be.

## Why is this bad?
The domains and their weights are the exam blueprint. An item in an
undeclared domain is never drawn into an exam, and a misspelt domain
silently shrinks the pool of the real one.

## Example
```yaml
# bank.yaml declares the domains ingestion, store, operations and security.
items:
  - id: q1
    type: open
    domain: ingest
    stem: Which AWS DMS task type copies existing data and then ongoing changes?
    answer: Full load plus CDC.
```

## Use instead
```yaml
items:
  - id: q1
    type: open
    domain: ingestion
    stem: Which AWS DMS task type copies existing data and then ongoing changes?
    answer: Full load plus CDC.
```
"""

from __future__ import annotations

from typing import Iterator

from questionbank.item import Item
from questionbank.rules.base import BankContext, Problem
from questionbank.suggest import did_you_mean

ID = "unknown-domain"
LEVEL = "error"
SCOPE = "item"
OPTIONS: dict = {}


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    domain = item.domain
    if domain is None or ctx.domains is None:
        return
    declared = list(ctx.domains)
    if domain in ctx.domains:
        return
    if not declared:
        yield Problem(f"domain: '{domain}' is not declared: bank.yaml has no domains", ("domain",))
        return
    hint = did_you_mean(domain, declared, f" (declared: {', '.join(declared)})")
    yield Problem(f"domain: '{domain}' is not a domain of bank.yaml{hint}", ("domain",))
