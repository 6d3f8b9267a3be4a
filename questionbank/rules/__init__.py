"""The registry of qb's rules: every rule module, by id.

Adding a rule: write ``rules/<rule_id>.py`` (see ``base.py`` for what it
declares), list it here, and add its good and bad fixtures under
``tests/fixtures/rules/``; ``docs/rules.md`` is generated from the docstrings.
"""

from __future__ import annotations

from types import ModuleType
from typing import Dict

from questionbank.rules import (
    duplicate_id,
    duplicate_key,
    schema,
    unknown_domain,
    unreadable_file,
    unused_suppression,
    yaml_syntax,
)

_MODULES = (
    yaml_syntax,
    duplicate_key,
    unreadable_file,
    schema,
    duplicate_id,
    unknown_domain,
    unused_suppression,
)

RULES: Dict[str, ModuleType] = {m.ID: m for m in _MODULES}


def by_scope(scope: str):
    """The rule modules of one scope ("file", "item" or "bank"), in registry order."""
    return [m for m in _MODULES if m.SCOPE == scope]
