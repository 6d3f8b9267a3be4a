"""The lint cache: ``.qb_cache/`` in the bank root.

One JSON file per item file, named by a hash of the file's bytes, its place
in the bank, and a run key made of qb's version, a hash of qb's own code and
schemas, and bank.yaml's bytes (which hold the lint settings). A changed rule
or setting therefore never answers from an old entry. Entries are plain JSON,
never pickle, so a planted or damaged cache cannot run code; anything that
does not read back as expected is ignored and rebuilt. Writes go to a temp
file and are renamed into place, so runs that overlap see whole entries or
none. A folder that cannot be written means no cache, not an error.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Optional

from questionbank import __version__
from questionbank.atomic import write_atomic
from questionbank.finding import Finding, Location, Severity
from questionbank.rules.base import ItemRef
from questionbank.suppress import Suppression

if TYPE_CHECKING:
    from questionbank.lint import FileResult

CACHE_DIR = ".qb_cache"
FORMAT = 2
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by qb.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")
# Run-key folders unused for this long are removed.
_STALE_SECONDS = 7 * 24 * 3600


@lru_cache(maxsize=None)
def code_hash() -> str:
    """A hash of qb's Python code and schemas, so a changed rule invalidates the cache."""
    package = Path(__file__).resolve().parent
    from questionbank import resources

    digest = hashlib.sha256(__version__.encode())
    # duplicate-item's cached MinHash bands hash tuples of ints, which is
    # stable within one Python version and hash width only.
    digest.update(f"{sys.implementation.name}{sys.version_info[:2]}{sys.hash_info.width}".encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    for name in sorted(resources.SCHEMA_FILES):
        digest.update(json.dumps(resources.schema(name), sort_keys=True).encode())
    return digest.hexdigest()


class LintCache:
    """Per-file lint results of one bank under one run key."""

    def __init__(self, root: Path, bank_bytes: bytes, settings: str):
        key = hashlib.sha256(b"\0".join([code_hash().encode(), bank_bytes, settings.encode(),
                                          str(FORMAT).encode()])).hexdigest()
        self.base = root / CACHE_DIR
        self.folder = self.base / f"v{FORMAT}-{key[:24]}"
        self.writable = True

    def _entry(self, relpath: str, content: bytes) -> Path:
        digest = hashlib.sha256(relpath.encode() + b"\0" + content).hexdigest()
        return self.folder / digest[:2] / f"{digest[2:]}.json"

    def load(self, relpath: str, content: bytes, display: str) -> Optional[Dict[str, Any]]:
        """The cached result of this file as plain data, with ``display`` as
        its path, or None."""
        try:
            raw = json.loads(self._entry(relpath, content).read_text(encoding="utf-8"))
            if raw.get("relpath") != relpath:
                return None
            return decode(raw, display)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing, damaged or from another shape: recompute

    def store(self, relpath: str, content: bytes, result_data: Dict[str, Any]) -> None:
        if not self.writable:
            return
        path = self._entry(relpath, content)
        try:
            if not self.base.exists():
                self._create_base()
            # Not synced to disk: a cache entry lost in a crash is only recomputed.
            write_atomic(path, json.dumps(dict(result_data, relpath=relpath), separators=(",", ":")),
                         durable=False)
        except OSError:
            self.writable = False  # read-only checkout, full disk: lint without a cache

    def _create_base(self) -> None:
        self.base.mkdir(parents=True, exist_ok=True)
        (self.base / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")
        (self.base / ".gitignore").write_text("# Created by qb; the cache is never committed.\n*\n",
                                              encoding="utf-8")

    def prune(self) -> None:
        """Remove the folders of other run keys that no run used for a week."""
        try:
            now = time.time()
            os.utime(self.folder)
            for other in self.base.iterdir():
                if other.is_dir() and other != self.folder and now - other.stat().st_mtime > _STALE_SECONDS:
                    _remove_tree(other)
        except OSError:
            pass


def _remove_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_dir():
            path.rmdir()
        else:
            path.unlink()
    folder.rmdir()


def encode(result: "FileResult") -> Dict[str, Any]:
    """A file's result as JSON data, without its display path (it depends on
    the working directory and is stamped back on load)."""
    return {
        "items": result.items,
        "findings": [[f.line, f.column, f.severity.value, f.rule, f.message, f.item,
                      [[r.path, r.line, r.column] for r in f.related]] for f in result.findings],
        "refs": [[ref.line, ref.column, ref.id] for ref in result.refs],
        "summaries": result.summaries,
        "suppressions": [[s.line, s.column, list(s.rules), list(s.span) if s.span else None]
                         for s in result.suppressions],
    }


def decode(raw: Dict[str, Any], display: str) -> Dict[str, Any]:
    findings = [Finding(display, line, column, Severity(severity), rule, message, item,
                        tuple(Location(*r) for r in related))
                for line, column, severity, rule, message, item, related in raw["findings"]]
    refs = [ItemRef(display, line, column, item_id) for line, column, item_id in raw["refs"]]
    # Summaries come back with lists where tuples were: bank rules treat both alike.
    summaries = raw["summaries"]
    if any(len(rows) != len(refs) for rows in summaries.values()):
        raise ValueError("summaries do not match the items")
    suppressions = [Suppression(line, column, tuple(rules), tuple(span) if span else None)
                    for line, column, rules, span in raw["suppressions"]]
    return {"findings": findings, "refs": refs, "summaries": summaries, "suppressions": suppressions,
            "items": int(raw["items"])}
