"""Write item files that read back exactly: multi-line text as block
scalars, and quotes wherever a plain scalar would be read as something else."""

from __future__ import annotations

import io
import re
from typing import Any, Dict, List

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, SingleQuotedScalarString


# Words that YAML 1.1 readers (PyYAML, many editors) take for booleans or null.
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


# Characters YAML cannot hold literally (only double quotes escape them), and CR.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]")


def _fits_block(text: str) -> bool:
    """Whether a literal block scalar reads back exactly: it cannot keep
    trailing blanks, carriage returns or a tab at the start of a line; such
    texts stay quoted with escapes."""
    return (not _UNPRINTABLE.search(text)
            and not any(line != line.rstrip() or line.startswith("\t") for line in text.split("\n")))


def _literal(value: Any) -> Any:
    if isinstance(value, str):
        if _UNPRINTABLE.search(value) or "\x85" in value:
            # Double quotes are the one style that escapes these (ruamel would
            # write NEL literally inside single quotes, where it reads as a break).
            return DoubleQuotedScalarString(value)
        if "\n" in value.strip("\n") and _fits_block(value):
            return LiteralScalarString(value)
        if value.lower() in _YAML11_WORDS:
            return SingleQuotedScalarString(value)
        return value
    if isinstance(value, dict):
        return {k: _literal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_literal(v) for v in value]
    return value


def dump_items(items: List[Dict[str, Any]], header: str = "") -> str:
    """The text of an item file holding ``items``."""
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump({"items": [_literal(item) for item in items]}, out)
    return header + out.getvalue()
