"""Shared helpers for the corpus converters: clean text and write a qb bank.

Not part of the qb package. Every text field is dumped by ruamel.yaml, so the
quoting is always right; on top of that, strings that a YAML 1.1 reader would
take for something else (``yes``, ``No``, ``1:20``, ``010``) are single-quoted,
and multi-line strings are written as literal blocks (``|``) where YAML allows.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import SafeRepresenter
from ruamel.yaml.resolver import VersionedResolver

_STR_TAG = "tag:yaml.org,2002:str"
_YAML11 = VersionedResolver(version=(1, 1))
_YAML11_NOT_STR_START = set("yYnNtTfFoO~+-.0123456789<=")  # first characters of YAML 1.1 bool/int/float/null/...

Item = dict[str, Any]


def clean(text: str) -> str:
    """Strip trailing whitespace from every line and blank lines at both ends."""
    return "\n".join(line.rstrip() for line in text.splitlines()).strip()


def warn(where: str, message: str) -> None:
    """Report a problem with the source on stderr as ``path:line: message``."""
    print(f"{where}: {message}", file=sys.stderr)


def _represent_str(representer: SafeRepresenter, data: str) -> ScalarNode:
    style = None
    if "\n" in data:
        style = "|"  # the emitter falls back to quotes when a block is not allowed
    elif data[:1] in _YAML11_NOT_STR_START and _YAML11.resolve(ScalarNode, data, (True, False)) != _STR_TAG:
        style = "'"
    return representer.represent_scalar(_STR_TAG, data, style=style)


def _yaml() -> YAML:
    yaml = YAML(typ="safe")
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 1_000_000
    yaml.representer.sort_base_mapping_type_on_output = False  # keep id first
    yaml.representer.add_representer(str, _represent_str)
    return yaml


def make_item(
    item_id: str,
    kind: str,
    domain: str | None,
    stem: str,
    options: Iterable[tuple[str, bool]],
    **extra: str | None,
) -> Item:
    """Build an item mapping in the bank format's key order; drops empty extras."""
    item: Item = {"id": item_id, "type": kind}
    if domain is not None:
        item["domain"] = domain
    item["stem"] = stem
    item["options"] = [{"text": text, "correct": True} if correct else {"text": text} for text, correct in options]
    for key, value in extra.items():
        if value:
            item[key.replace("_", "-")] = value
    return item


def write_bank(
    out_dir: Path,
    title: str,
    domains: dict[str, tuple[str, int]],
    files: dict[str, list[Item]],
) -> None:
    """Write ``bank.yaml`` and one ``items/<name>.yaml`` per entry of ``files``."""
    yaml = _yaml()
    (out_dir / "items").mkdir(parents=True, exist_ok=True)
    bank = {
        "title": title,
        "format": 1,
        "domains": {key: {"name": name, "weight": weight} for key, (name, weight) in domains.items()},
    }
    with open(out_dir / "bank.yaml", "w", encoding="utf-8", newline="\n") as fh:
        yaml.dump(bank, fh)
    for name, items in files.items():
        with open(out_dir / "items" / f"{name}.yaml", "w", encoding="utf-8", newline="\n") as fh:
            yaml.dump({"items": items}, fh)
