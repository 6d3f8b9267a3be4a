"""What type the schema wants at each place, so the loader reads plain scalars
as the author meant them (``source: 2.10`` is the string "2.10").

The hints are derived from the JSON Schema files, never written by hand.
"""

from __future__ import annotations

from typing import Dict, Optional


class Hint:
    """The schema's expectation at one place of a document."""

    __slots__ = ("kind", "props", "patterns", "additional", "items")

    def __init__(self) -> None:
        self.kind: Optional[str] = None  # "string", "boolean" or None
        self.props: Dict[str, Hint] = {}
        self.patterns: Dict[str, Hint] = {}
        self.additional: Optional[Hint] = None
        self.items: Optional[Hint] = None

    def child(self, key: str) -> Optional["Hint"]:
        found = self.props.get(key)
        if found is not None:
            return found
        for prefix, hint in self.patterns.items():
            if key.startswith(prefix):
                return hint
        return self.additional


def hints_from_schema(schema: dict) -> Hint:
    """Build the hint tree of a draft-07 schema with local ``$ref``s."""
    memo: Dict[int, Hint] = {}

    def resolve(node: dict) -> dict:
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                return {}
            target = schema
            for part in ref[2:].split("/"):
                target = target[part]
            node = target
        return node if isinstance(node, dict) else {}

    def build(node: dict) -> Hint:
        node = resolve(node)
        key = id(node)
        if key in memo:
            return memo[key]
        hint = Hint()
        memo[key] = hint
        kind = node.get("type")
        if kind in ("string", "boolean"):
            hint.kind = kind
        elif "enum" in node and all(isinstance(v, str) for v in node["enum"]):
            hint.kind = "string"
        for name, sub in node.get("properties", {}).items():
            if isinstance(sub, dict):
                hint.props[name] = build(sub)
        for pattern, sub in node.get("patternProperties", {}).items():
            # Only prefix patterns such as "^x-" are used in qb's schemas.
            if pattern.startswith("^") and isinstance(sub, dict):
                hint.patterns[pattern[1:]] = build(sub)
        if isinstance(node.get("additionalProperties"), dict):
            hint.additional = build(node["additionalProperties"])
        if isinstance(node.get("items"), dict):
            hint.items = build(node["items"])
        return hint

    return build(schema)
