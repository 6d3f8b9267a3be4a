"""An item shows an image whose file does not exist.

## What it does
Reports an image in the Markdown of a stem, option, `why`, explanation or
model answer (`![alt](path)`) whose file does not exist. Paths are relative
to the item file's folder, as when the exam is printed. Images given by URL
(`https://...`, `data:`) are not checked; an image outside the bank folder
is `image-outside-bank`'s, whether it exists or not.

## Why is this bad?
`qb render` embeds each image in the printed exam. A missing file would
print as a broken picture, and a question that depends on its diagram
cannot be answered. Paths are often right on the author's machine and wrong
in the repository: a file not committed, a folder renamed, a path written
relative to the bank instead of the item file.

## Example
```yaml
items:
  - id: pipeline-bottleneck
    type: open
    stem: |-
      ![Pipeline](diagrams/pipeline.png)

      Which stage of the pipeline above limits its throughput?
    answer: The single-shard Kinesis stream.
```

## Use instead
```yaml
# Commit diagrams/pipeline.png next to this item file, or give the
# figure's content as text, for example as a table:
items:
  - id: pipeline-bottleneck
    type: open
    stem: |-
      | Stage            | Throughput |
      |------------------|------------|
      | Kinesis, 1 shard | 1 MB/s     |
      | Lambda           | 5 MB/s     |
      | Firehose to S3   | 5 MB/s     |

      Which stage of the pipeline above limits its throughput?
    answer: The single-shard Kinesis stream.
```
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from questionbank.images import MISSING
from questionbank.item import Item
from questionbank.loader import format_path
from questionbank.rules._images import item_images
from questionbank.rules.base import BankContext, Problem

ID = "missing-image"
LEVEL = "error"
SCOPE = "item"
OPTIONS: dict = {}


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    # Images outside the bank are image-outside-bank's, found or not.
    for path, src, image in item_images(item, ctx):
        if image.problem == MISSING:
            shown = Path(os.path.relpath(image.path, ctx.root)).as_posix()
            yield Problem(f"{format_path(path)}: image '{src}' not found (looked for {shown})", path)
