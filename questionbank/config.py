"""The ``lint`` settings of bank.yaml: rule levels and options, excluded
files and per-file ignores.

The schema checks their shape; this module checks what the schema cannot
know: that rule ids and rule options exist. Mistakes are findings at their
line in bank.yaml, never a crash and never silently ignored.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any, Dict, FrozenSet, List, Optional, Tuple

from questionbank.finding import Finding, Severity
from questionbank.loader import Document
from questionbank.rules import RULES
from questionbank.suggest import did_you_mean

OFF = "off"
LEVELS = frozenset([OFF, *(s.value for s in Severity)])


@dataclass
class LintConfig:
    # Rule id -> configured level; rules not named keep their default level.
    levels: Dict[str, str] = field(default_factory=dict)
    options: Dict[str, Dict[str, Any]] = field(default_factory=dict)
    exclude: List[str] = field(default_factory=list)
    per_file_ignores: List[Tuple[str, FrozenSet[str]]] = field(default_factory=list)

    def enabled(self, rule: str) -> bool:
        return self.levels.get(rule) != OFF

    def severity(self, rule: str) -> Optional[Severity]:
        """The configured severity of ``rule``, or None for its default."""
        level = self.levels.get(rule)
        return Severity(level) if level not in (None, OFF) else None

    def rule_options(self, rule: str) -> Dict[str, Any]:
        merged = dict(getattr(RULES[rule], "OPTIONS", {}))
        merged.update(self.options.get(rule, {}))
        return merged

    def excluded(self, relpath: str) -> bool:
        return any(glob_match(p, relpath) for p in self.exclude)

    def ignored(self, rule: str, relpath: str) -> bool:
        return any(rule in rules and glob_match(p, relpath) for p, rules in self.per_file_ignores)

    def fingerprint(self) -> str:
        """A hash of every setting, for cache keys."""
        blob = json.dumps([self.levels, self.options, self.exclude,
                           [(p, sorted(r)) for p, r in self.per_file_ignores]], sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()


def load_config(doc: Document) -> Tuple[LintConfig, List[Finding]]:
    """The lint settings of a parsed, schema-checked bank.yaml document."""
    config = LintConfig()
    findings: List[Finding] = []
    data = doc.data
    lint = data.get("lint") if isinstance(data, dict) else None
    if not isinstance(lint, dict):
        return config, findings
    rules = lint.get("rules")
    if isinstance(rules, dict):
        for rule_id, setting in rules.items():
            path = ("lint", "rules", rule_id)
            if rule_id not in RULES:
                findings.append(doc.finding(doc.key_pos(path), "schema",
                                            f"lint.rules: unknown rule '{rule_id}'{_closest(rule_id)}"))
                continue
            # A level that is not one of LEVELS is the schema's finding; the rule keeps its default.
            if isinstance(setting, str) and setting in LEVELS:
                config.levels[rule_id] = setting
            elif isinstance(setting, dict):
                if isinstance(setting.get("level"), str) and setting["level"] in LEVELS:
                    config.levels[rule_id] = setting["level"]
                config.options[rule_id] = _rule_options(doc, rule_id, setting, path, findings)
    exclude = lint.get("exclude")
    if isinstance(exclude, list):
        config.exclude = [p for p in exclude if isinstance(p, str)]
    ignores = lint.get("per-file-ignores")
    if isinstance(ignores, dict):
        for pattern, ids in ignores.items():
            if not isinstance(ids, list):
                continue
            for i, rule_id in enumerate(ids):
                if isinstance(rule_id, str) and rule_id not in RULES:
                    findings.append(doc.finding(doc.value_pos(("lint", "per-file-ignores", pattern, i)), "schema",
                                                f"lint.per-file-ignores: unknown rule '{rule_id}'{_closest(rule_id)}"))
            config.per_file_ignores.append((pattern, frozenset(r for r in ids if isinstance(r, str))))
    return config, findings


def _rule_options(doc: Document, rule_id: str, setting: dict, path: tuple,
                  findings: List[Finding]) -> Dict[str, Any]:
    known = getattr(RULES[rule_id], "OPTIONS", {})
    chosen: Dict[str, Any] = {}
    for name, value in setting.items():
        if name == "level":
            continue
        where = path + (name,)
        if name not in known:
            choices = did_you_mean(name, known, f" (options: {', '.join(known)})" if known
                                   else " (this rule has no options)")
            findings.append(doc.finding(doc.key_pos(where), "schema",
                                        f"lint.rules.{rule_id}: unknown option '{name}'{choices}"))
            continue
        default = known[name]
        if not _same_type(value, default):
            findings.append(doc.finding(doc.value_pos(where), "schema",
                                        f"lint.rules.{rule_id}.{name}: expected {_type_word(default)}, got {value!r}"))
            continue
        chosen[name] = value
    return chosen


def _same_type(value: Any, default: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, type(default))


def _type_word(default: Any) -> str:
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, (int, float)):
        return "a number"
    if isinstance(default, list):
        return "a list of text"
    return "text"


def _closest(rule_id: str) -> str:
    return did_you_mean(rule_id, RULES, " (see `qb rules`)")


_GLOB_CACHE: Dict[str, "re.Pattern[str]"] = {}


def glob_match(pattern: str, relpath: str) -> bool:
    """Match a bank-relative path against a glob where ``*`` stays inside one
    folder and ``**`` spans any number of them."""
    regex = _GLOB_CACHE.get(pattern)
    if regex is None:
        out = ""
        i = 0
        while i < len(pattern):
            if pattern.startswith("**/", i):
                out += "(?:.*/)?"
                i += 3
            elif pattern.startswith("**", i):
                out += ".*"
                i += 2
            elif pattern[i] == "*":
                out += "[^/]*"
                i += 1
            elif pattern[i] == "?":
                out += "[^/]"
                i += 1
            else:
                out += re.escape(pattern[i])
                i += 1
        regex = _GLOB_CACHE[pattern] = re.compile(out + r"\Z")
    return regex.match(relpath) is not None
