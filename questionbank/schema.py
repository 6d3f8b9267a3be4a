"""Check a document against a JSON Schema and say what is wrong in words a
person understands, at the line and column of the offending node.

The schema files are the only statement of structure. A compiled validator
(fastjsonschema) answers the common case, a valid file, quickly; jsonschema
runs only on files that fail, to produce the messages.
"""

from __future__ import annotations

import copy
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, Iterator, List, Optional, Tuple

import fastjsonschema

from questionbank import resources
from questionbank.finding import Finding, Severity
from questionbank.hints import Hint, hints_from_schema
from questionbank.loader import Document, JsonPath, format_path
from questionbank.suggest import did_you_mean

if TYPE_CHECKING:
    from jsonschema import Draft7Validator
    from jsonschema.exceptions import ValidationError

_TYPE_WORDS = {
    "string": "text",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "object": "a mapping",
    "array": "a list",
    "null": "nothing",
}


class SchemaChecker:
    """Validates documents against one of qb's schemas."""

    def __init__(self, name: str):
        self.name = name
        self.schema = resources.schema(name)
        self.hint: Hint = hints_from_schema(self.schema)
        # A list property whose entries have a schema of their own (an item
        # file's `items`) is checked entry by entry, so one bad entry in a
        # file of thousands costs one slow validation, not thousands; the
        # rest of the document is compiled without it.
        self._list_key, entry_schema = _entry_list(self.schema)
        self._entry_schema = entry_schema
        # fastjsonschema edits the schema it compiles: give it copies. It
        # would also write the schema's defaults into the data it checks
        # (`correct: false` on every option): use_default=False keeps the
        # item as the author wrote it, so its content hash is the same
        # whether or not it was validated.
        top = copy.deepcopy(self.schema)
        if entry_schema is not None:
            del top["properties"][self._list_key]["items"]
            self._entry_fast = fastjsonschema.compile(copy.deepcopy(entry_schema), use_default=False)
        self._fast = fastjsonschema.compile(top, use_default=False)

    def is_valid(self, data: Any) -> bool:
        try:
            self._fast(data)
            entries = data.get(self._list_key) if self._entry_schema is not None else None
            if isinstance(entries, list):
                for entry in entries:
                    self._entry_fast(entry)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    def check(self, doc: Document) -> List[Finding]:
        """Findings of rule ``schema`` for a parsed document."""
        if not doc.parsed:
            return []
        if doc.data is None:
            required = self.schema.get("required", [])
            want = f" with key '{required[0]}'" if required else ""
            return [doc.finding((1, 1), "schema", f"the file holds no data; expected a mapping{want}")]
        findings = _nonfinite(doc)
        if self.is_valid(doc.data):
            return findings
        seen = set()
        for error in self._errors(doc.data):
            for pos, message in _explain(error, doc):
                # jsonschema reports each missing key of a `required` list
                # as an error that carries the whole list: say each once.
                if (pos, message) not in seen:
                    seen.add((pos, message))
                    findings.append(doc.finding(pos, "schema", message))
        return findings

    @cached_property
    def _validator(self) -> "Draft7Validator":
        # jsonschema is needed only for messages about invalid files: imported on first use.
        from jsonschema import Draft7Validator

        return Draft7Validator(self.schema)

    @cached_property
    def _entry_validator(self) -> "Draft7Validator":
        from jsonschema import Draft7Validator

        return Draft7Validator(self._entry_schema)

    def _errors(self, data: Any) -> Iterator["ValidationError"]:
        entries = data.get(self._list_key) if isinstance(data, dict) and self._list_key else None
        if not isinstance(entries, list):
            yield from self._validator.iter_errors(data)
            return
        yield from self._validator.iter_errors(dict(data, **{self._list_key: []}))
        for i, entry in enumerate(entries):
            try:
                self._entry_fast(entry)
                continue
            except fastjsonschema.JsonSchemaException:
                pass
            for error in self._entry_validator.iter_errors(entry):
                error.path.extendleft((i, self._list_key))  # -> [key, i, ...]
                yield error


def _entry_list(schema: dict) -> Tuple[Optional[str], Optional[dict]]:
    """The top-level list property whose entries are a ``$ref``, and a
    standalone schema for one entry (keeping the definitions it refers to)."""
    for key, sub in schema.get("properties", {}).items():
        entry = sub.get("items") if isinstance(sub, dict) and sub.get("type") == "array" else None
        ref = entry.get("$ref", "") if isinstance(entry, dict) else ""
        if ref.startswith("#/definitions/"):
            definitions = schema.get("definitions", {})
            return key, dict(definitions[ref.rsplit("/", 1)[1]], definitions=definitions)
    return None, None


@lru_cache(maxsize=None)
def checker(name: str) -> SchemaChecker:
    """The shared checker of schema ``name`` (compiling one takes a while)."""
    return SchemaChecker(name)


def _nonfinite(doc: Document) -> List[Finding]:
    """``.inf``, ``.nan`` and numbers too large for a float (``1e400``)
    outside the author's own ``x-`` keys: JSON, and so the schemas, have no
    such numbers, and no count, weight or seed can be one."""
    findings = []
    for path in doc.nonfinite:
        if any(isinstance(key, str) and key.startswith("x-") for key in path):
            continue
        value = _get(doc.data, path)
        if isinstance(value, float):
            what = "not a number (.nan)" if value != value else "infinite (.inf, or too large for a number)"
            findings.append(doc.finding(doc.value_pos(path), "schema",
                                        f"{format_path(path)}: expected a finite number, got one that is {what}"))
    return findings


def _get(data: Any, path: JsonPath) -> Any:
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _explain(error: "ValidationError", doc: Document) -> Iterator[Tuple[Tuple[int, int], str]]:
    path: JsonPath = tuple(error.absolute_path)
    where = format_path(path)
    kind = error.validator
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list(error.schema.get("properties", {}))
        patterns = [p.lstrip("^") for p in error.schema.get("patternProperties", {})]
        # Only a name the mapping lacks can be the one a typo stands for.
        absent = [name for name in allowed if name not in error.instance]
        unknown = [key for key in error.instance
                   if key not in allowed and not any(key.startswith(p) for p in patterns)]
        # One unknown key where one required key is missing: that key was meant.
        missing = [name for name in error.schema.get("required", []) if name not in error.instance]
        meant = missing[0] if len(unknown) == 1 and len(missing) == 1 else None
        for key in unknown:
            hint = _unknown_key_hint(key, path, allowed, absent, patterns, meant)
            yield doc.key_pos(path + (key,)), f"{where}: unknown key '{key}'{hint}"
        return
    if kind == "required" and isinstance(error.instance, dict):
        for key in error.validator_value:
            if key not in error.instance:
                yield doc.value_pos(path), f"{where}: missing required key '{key}'{_required_reason(error, key)}"
        return
    if kind == "not" and isinstance(error.validator_value, dict) and isinstance(error.instance, dict):
        # `not: {required: [...]}` is how the schemas forbid a key in a context.
        for key in error.validator_value.get("required", []):
            child = path + (key,)
            yield doc.key_pos(child), f"{format_path(child)}: not allowed here{_forbidden_reason(child)}"
        return
    if "propertyNames" in error.schema_path and isinstance(error.instance, str):
        # The error is about a key of the mapping at `path`, not the mapping.
        key_path = path + (error.instance,)
        yield doc.key_pos(key_path), f"{where}: key '{error.instance}' does not match {error.validator_value}"
        return
    if kind in ("anyOf", "oneOf") and error.context:
        # Context errors know their parent, so their absolute_path is the document path.
        from jsonschema.exceptions import best_match

        # A mapping or list matched the branch of its type: its inner error
        # is the one to explain, not that it is none of the plain values
        # (`{level: warn}` is about 'warn', not "a mapping is not one of ...").
        inner = [e for e in error.context if e.relative_path] if isinstance(error.instance, (dict, list)) else []
        yield from _explain(best_match(inner or error.context), doc)
        return
    if (kind == "type" and not path and isinstance(error.instance, list)
            and "items" in error.schema.get("properties", {})):
        yield doc.value_pos(path), (f"{where}: {_describe(error)}; put the list under `items:` "
                                    "(an item file is a mapping whose key `items` holds the list)")
        return
    yield doc.value_pos(path), f"{where}: {_describe(error)}"


def _unknown_key_hint(key: str, path: JsonPath, allowed: List[str], absent: List[str], patterns: List[str],
                      meant: Optional[str]) -> str:
    guess = did_you_mean(key, absent)
    if guess:
        return guess
    if meant is not None:
        return f" (did you mean '{meant}'? it is required here)"
    if not path and "items" in allowed and set(allowed) <= {"items", "$schema"}:
        return ": an item file holds only `items:` (and keys of your own that start with 'x-')"
    return " (keys of your own start with 'x-')" if patterns else ""


def _describe(error: "ValidationError") -> str:
    kind = error.validator
    value = error.instance
    if kind == "type":
        wanted = error.validator_value
        names = [wanted] if isinstance(wanted, str) else list(wanted)
        return f"expected {' or '.join(_TYPE_WORDS.get(n, n) for n in names)}, got {_show(value)}"
    if kind == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        hint = did_you_mean(value, [str(c) for c in error.validator_value]) if isinstance(value, str) else ""
        return f"{_show(value)} is not one of: {choices}{hint}"
    if kind == "const":
        return f"expected {error.validator_value!r}, got {_show(value)}"
    if kind == "pattern":
        description = error.schema.get("description", "")
        return f"{_show(value)} does not match {error.validator_value}" + (f" ({description})" if description else "")
    if kind == "minLength":
        return "must not be empty"
    if kind == "minItems":
        return f"needs at least {error.validator_value} entr{'y' if error.validator_value == 1 else 'ies'}"
    if kind == "uniqueItems":
        return "has repeated entries"
    if kind == "minimum":
        return f"must be at least {error.validator_value}, got {_show(value)}"
    return error.message


def _show(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"the text {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _required_reason(error: "ValidationError", key: str) -> str:
    if key == "options" and isinstance(error.instance.get("type"), str):
        return f" (a {error.instance['type']} item needs options)"
    return ""


def _forbidden_reason(path: JsonPath) -> str:
    if path and path[-1] == "options":
        return " (an open item has no options; give the model answer in 'answer')"
    return ""


__all__ = ["SchemaChecker", "checker", "Severity"]
