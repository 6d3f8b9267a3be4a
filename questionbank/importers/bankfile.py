"""The bank.yaml of an import: written for a new bank, extended for an
existing one.

bank.yaml is the author's file. New domains are added with ruamel.yaml's
round-trip mode, which keeps comments, order, quoting and flow style, and
only when reading and writing the file unchanged gives back every byte of
it; when it does not (or the file cannot be read as a bank), bank.yaml is
left alone and the import says exactly which lines to add.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from questionbank.bank import BANK_FILE


@dataclass
class BankChange:
    """What an import does to bank.yaml."""

    text: Optional[str] = None  # the new content; None: leave the file as it is
    summary: List[str] = field(default_factory=list)  # lines for the import's summary


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _entry(domain: str, name: str, weight: int) -> str:
    return f"{domain}: {{name: {_quoted(name)}, weight: {weight}}}"


def new_bank(out: Path, counts: Dict[str, int], names: Dict[str, str]) -> BankChange:
    """bank.yaml for a folder that has none: the folder's name as title and
    the imported domains weighted by their item counts."""
    title = out.resolve().name or "Imported bank"
    lines = [f"title: {_quoted(title)}", "format: 1"]
    if counts:
        lines.append("domains:")
        lines += [f"  {_entry(d, names.get(d, d), n)}" for d, n in sorted(counts.items())]
    summary = [f"wrote {out / BANK_FILE}: the title is the folder's name ({title!r})"
               + (f" and {_named(counts, names)}; edit them to suit" if counts else "; edit it to suit")]
    return BankChange("\n".join(lines) + "\n", summary)


def _named(domains, names: Dict[str, str]) -> str:
    taken = [d for d in sorted(domains) if names.get(d, d) != d]
    if not taken:
        return "each domain's name is its id"
    if len(taken) == len(domains):
        return "each domain's name is the input's name for it"
    return "each domain's name is the input's name for it, or else its id"


def extend_bank(bank_file: Path, counts: Dict[str, int], names: Dict[str, str]) -> BankChange:
    """Add the domains of ``counts`` that ``bank_file`` does not declare.
    In a bank that declares domains the new ones get weight 0, so the
    author's blueprint is unchanged until they give them a share."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.util import load_yaml_guess_indent

    try:
        original = bank_file.read_text(encoding="utf-8")
        _, indent, offset = load_yaml_guess_indent(original)
        yaml = YAML()
        yaml.preserve_quotes = True
        yaml.width = 4096
        # A sequence's dash stands ``offset`` in from its key, its entries two further.
        yaml.indent(mapping=indent or 2, sequence=(offset or 0) + 2, offset=offset or 0)
        data = yaml.load(original)
    except (OSError, UnicodeDecodeError, YAMLError, ValueError):
        data, yaml, original = None, None, ""
    declared = data.get("domains") if isinstance(data, dict) else None
    if isinstance(data, dict) and declared is None:
        declared = {}
    missing = sorted(d for d in counts if not isinstance(declared, dict) or d not in declared)
    if not missing:
        return BankChange()
    weights = {d: (0 if declared else counts[d]) for d in missing}
    lines = [_entry(d, names.get(d, d), weights[d]) for d in missing]
    why = "weight 0 keeps your blueprint: give them a share" if declared else "weighted by their item counts"
    if isinstance(declared, dict) and _round_trips(yaml, data, original):
        if not isinstance(data.get("domains"), dict):
            data["domains"] = CommentedMap()
        for d in missing:
            entry = CommentedMap(name=names.get(d, d), weight=weights[d])
            entry.fa.set_flow_style()
            data["domains"][d] = entry
        out = io.StringIO()
        yaml.dump(data, out)
        if _keeps(original, out.getvalue()):
            return BankChange(out.getvalue(), [f"added {len(missing)} domain{'s' * (len(missing) != 1)} to "
                                               f"{bank_file} ({', '.join(missing)}; {why}); "
                                               f"{_named(missing, names)}: edit them to suit"])
    return BankChange(None, [f"{bank_file} not changed; declare the new domains under its `domains:` key:",
                             *(f"  {line}" for line in lines)])


def _round_trips(yaml, data, original: str) -> bool:
    out = io.StringIO()
    try:
        yaml.dump(data, out)
    except Exception:  # noqa: BLE001 - any failure means: do not rewrite the author's file
        return False
    return out.getvalue() == original


def _keeps(original: str, new: str) -> bool:
    """Whether every line of ``original`` is still in ``new``, in order."""
    lines = iter(new.splitlines())
    return all(any(line == candidate for candidate in lines) for line in original.splitlines())
