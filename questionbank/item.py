"""Items as the rules and the renderer see them.

An :class:`Item` wraps the data of one entry of an item file. Its accessors
never fail on malformed data (the schema check reports that): a field of the
wrong type reads as missing, so every rule can run on every item.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Dict, List, Optional, Tuple

from questionbank.loader import JsonPath, Pos


@dataclass(frozen=True)
class Option:
    index: int
    text: str
    correct: bool
    why: Optional[str]
    pin: bool

    @property
    def id(self) -> str:
        """The option's stable id: ``o`` and its 1-based place in the file
        (``o1``, ``o2``, ...). It does not change when forms shuffle the
        options, so printed forms (form-F.json), practice pages
        (``data-option-id``), attempt exports and item statistics all name
        an option the same way."""
        return f"o{self.index + 1}"


MARKDOWN_FIELDS = ("stem", "answer", "explanation")
OPTION_MARKDOWN_FIELDS = ("text", "why")


class Item:
    """One item of an item file.

    ``path`` is the item's place in its document (``("items", 3)``) and
    ``positions`` maps a path relative to the item to a 1-based (line, column).
    """

    def __init__(self, data: Dict[str, Any], file: str, path: JsonPath,
                 positions: Dict[JsonPath, Pos], source_file: Optional[str] = None):
        self.data = data
        self.file = file
        self.path = path
        self.positions = positions
        # The file's path on disk, to find images next to it.
        self.source_file = source_file

    def _str(self, key: str) -> Optional[str]:
        value = self.data.get(key)
        return value if isinstance(value, str) else None

    @property
    def id(self) -> Optional[str]:
        return self._str("id")

    @property
    def type(self) -> Optional[str]:
        return self._str("type")

    @property
    def domain(self) -> Optional[str]:
        return self._str("domain")

    @property
    def stem(self) -> str:
        return self._str("stem") or ""

    @property
    def answer(self) -> Optional[str]:
        return self._str("answer")

    @property
    def explanation(self) -> Optional[str]:
        return self._str("explanation")

    @property
    def difficulty(self) -> Optional[str]:
        return self._str("difficulty")

    @property
    def source(self) -> Optional[str]:
        return self._str("source")

    @property
    def tags(self) -> List[str]:
        tags = self.data.get("tags")
        return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []

    @property
    def references(self) -> List[str]:
        refs = self.data.get("references")
        return [r for r in refs if isinstance(r, str)] if isinstance(refs, list) else []

    @cached_property
    def options(self) -> List[Option]:
        """The options that have text, in authored order. ``index`` is the
        option's place in the file, so positions stay right when one is malformed."""
        raw = self.data.get("options")
        if not isinstance(raw, list):
            return []
        result = []
        for i, entry in enumerate(raw):
            if isinstance(entry, dict) and isinstance(entry.get("text"), str):
                why = entry.get("why")
                result.append(Option(i, entry["text"], entry.get("correct") is True,
                                     why if isinstance(why, str) else None, entry.get("pin") is True))
        return result

    @property
    def keys(self) -> List[Option]:
        return [o for o in self.options if o.correct]

    @property
    def is_choice(self) -> bool:
        return self.type in ("single", "multiple")

    def markdown_texts(self) -> List[Tuple[JsonPath, str]]:
        """(path inside the item, text) of every Markdown field."""
        data = self.data
        found = [((key,), data[key]) for key in MARKDOWN_FIELDS if isinstance(data.get(key), str)]
        options = data.get("options")
        if isinstance(options, list):
            for i, option in enumerate(options):
                if isinstance(option, dict):
                    found += [(("options", i, key), option[key]) for key in OPTION_MARKDOWN_FIELDS
                              if isinstance(option.get(key), str)]
        return found

    @cached_property
    def content_hash(self) -> str:
        """A hash of what the item says (every field but the author's ``x-``
        metadata), so that data gathered on one version of an item (saved
        practice progress, response statistics) is known to be stale once
        the item is edited."""
        return content_hash(self.data)

    def pos(self, rel: JsonPath = ()) -> Pos:
        """The position of the value at ``rel`` inside the item, or of the
        nearest enclosing value that exists."""
        path = self.path + tuple(rel)
        while len(path) >= len(self.path):
            found = self.positions.get(path)
            if found is not None:
                return found
            if not path:
                break
            path = path[:-1]
        return (1, 1)

    def option_pos(self, option: Option) -> Pos:
        return self.pos(("options", option.index, "text"))

    def __repr__(self) -> str:
        return f"Item({self.id!r} at {self.file}:{self.pos()[0]})"


def items_of(data: Any, file: str, positions: Dict[JsonPath, Pos],
             source_file: Optional[str] = None) -> List[Item]:
    """The items of an item-file document that are mappings."""
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        return []
    return [Item(entry, file, ("items", i), positions, source_file)
            for i, entry in enumerate(data["items"]) if isinstance(entry, dict)]


def content_hash(data: Any) -> str:
    """16 hex digits of the SHA-256 of ``data`` as canonical JSON, without
    ``x-`` keys at any level."""
    canonical = json.dumps(_without_extensions(data), sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _without_extensions(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_extensions(v) for k, v in value.items()
                if not (isinstance(k, str) and k.startswith("x-"))}
    if isinstance(value, list):
        return [_without_extensions(v) for v in value]
    return value


def key_letters(options: List[Option]) -> Tuple[str, ...]:
    """The letters (A, B, ...) of the keys among ``options`` as printed."""
    return tuple(letter(i) for i, o in enumerate(options) if o.correct)


def letter(index: int) -> str:
    """A, B, ..., Z, AA, AB, ... for 0, 1, ..."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out
