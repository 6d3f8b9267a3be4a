r"""A text of an item holds a control character, invisible in print.

## What it does
Reports a text of an item (stem, option, `why`, explanation, answer, or any
other field but your own `x-` keys) that holds a control character: one of
U+0000 to U+001F other than tab, line feed and carriage return, DEL
(U+007F), U+0080 to U+009F, or the non-characters U+FFFE and U+FFFF. YAML
lets them in only as escapes in double quotes (`"\x07"`, `"\f"`), which is
how they survive a copy from a PDF or a word processor.

## Why is this bad?
They show as nothing, or as a box, in the printed exam, in the practice page
and in an LMS; and an XML document cannot hold most of them, so the Moodle
and QTI exports would have to drop them: the exported question would then
differ from the one you wrote, without a word.

## Example
```yaml
items:
  - id: bell
    type: open
    stem: "Which AWS service sends\x07 notifications?"
    answer: Amazon SNS.
```

## Use instead
```yaml
items:
  - id: bell
    type: open
    stem: Which AWS service sends notifications?
    answer: Amazon SNS.
```
"""

from __future__ import annotations

import re
from typing import Any, Iterator, List, Tuple

from questionbank.item import Item
from questionbank.loader import JsonPath, format_path
from questionbank.rules.base import BankContext, Problem

ID = "control-character"
LEVEL = "error"
SCOPE = "item"
OPTIONS: dict = {}

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    for path, text in _texts(item.data):
        match = CONTROL.search(text)
        if match is not None:
            count = len(CONTROL.findall(text))
            more = f" and {count - 1:,} more" if count > 1 else ""
            yield Problem(f"{format_path(path)}: holds the control character U+{ord(match.group()):04X} at "
                          f"character {match.start() + 1:,}{more}, invisible in print and dropped by XML exports "
                          "(Moodle, QTI); remove it", path)


def _texts(data: Any) -> Iterator[Tuple[JsonPath, str]]:
    """Every string of an item with its path, outside ``x-`` keys (iteratively)."""
    stack: List[Tuple[JsonPath, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            stack.extend((path + (k,), v) for k, v in reversed(list(value.items()))
                         if not (isinstance(k, str) and k.startswith("x-")))
        elif isinstance(value, list):
            stack.extend((path + (i,), v) for i, v in reversed(list(enumerate(value))))
