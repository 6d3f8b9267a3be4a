"""An item shows an image that qb will not read: outside the bank, not an image, or too large.

## What it does
Reports an image in the Markdown of a stem, option, `why`, explanation or
model answer (`![alt](path)`) whose file lies outside the bank folder (an
absolute path, `../` or `%2e%2e/` climbing out, or a symbolic link leading
out), is not an image file (.png, .jpg, .jpeg, .gif, .svg, .webp), is not a
regular file (a named pipe, a device), or is larger than the bank's file size
limit (`lint: {max-file-mb: N}` in bank.yaml, 64 by default). Such a file is
never read: `qb render`, the practice page and the exports leave the image
out. An image on another host (`https://…`) is reported too: the printed
exams and the practice page forbid every request to another host, so it
would be missing from them. Images written inline as `data:` URIs are fine.

## Why is this bad?
`qb render` and the QTI and Anki exports embed each image in their output.
A bank may come from someone else, as a pull request that CI renders: a
stem with `![a](/etc/passwd)` or `![b](../../../../proc/self/environ)` would
copy that file (the environment of the CI job, its secrets included) into
`exam-A.html` for anyone who can download it. Images a bank shows belong in
the bank.

A remote image is a web beacon: whoever serves it learns when and where
the exam was opened or printed.

## Example
```yaml
items:
  - id: shared-logo
    type: open
    stem: |-
      ![Logo](../../../shared/logo.png)

      What does the logo above stand for?
    answer: The data platform team.
```

## Use instead
```yaml
# Copy the image into the bank, next to the item file:
items:
  - id: shared-logo
    type: open
    stem: |-
      ![Logo](images/logo.png)

      What does the logo above stand for?
    answer: The data platform team.
```
"""

from __future__ import annotations

from typing import Iterator

from questionbank.images import REFUSED
from questionbank.item import Item
from questionbank.loader import format_path
from questionbank.rules._images import item_images
from questionbank.rules.base import BankContext, Problem

ID = "image-outside-bank"
LEVEL = "error"
SCOPE = "item"
OPTIONS: dict = {}


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    for path, src, image in item_images(item, ctx):
        if image.problem == REFUSED:
            yield Problem(f"{format_path(path)}: image '{src}' {image.reason}; qb does not read it, and exams "
                          "and exports leave it out", path)

