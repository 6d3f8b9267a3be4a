"""The lint cache: ``.qb_cache/`` in the bank root.

One JSON file per item file, named by a hash of the file's bytes, its place
in the bank, and a run key made of qb's version, a hash of qb's own code and
schemas, and bank.yaml's bytes (which hold the lint settings). A changed rule
or setting therefore never answers from an old entry. Entries are plain JSON,
never pickle, so a planted or damaged cache cannot run code; anything that
does not read back as expected is ignored and rebuilt. Writes go to a temp
file and are renamed into place, so runs that overlap see whole entries or
none. A folder that cannot be written means no cache, not an error.

The cache travels with the bank, so a bank from someone else may bring one:

* Each entry is signed (HMAC-SHA256) with a key that never lies in a bank:
  ``$XDG_CACHE_HOME/qb/cache-key`` (else ``~/.cache/qb/cache-key``), made on
  first use with mode 0600. An entry written or edited by anyone without
  that key (a committed ``findings: []``) is ignored. No key, no cache.
* The cache never follows a symbolic link: not ``.qb_cache`` itself, not
  anything inside it (see safepath.Folder). Pruning removes only names of
  the shapes qb writes, and never what a link points to.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import stat
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Optional

from questionbank import __version__
from questionbank.atomic import TEMP_PREFIX
from questionbank.finding import Finding, Location, Severity
from questionbank.rules.base import ItemRef
from questionbank.safepath import Folder, real_folders, regular_files
from questionbank.suppress import Suppression

if TYPE_CHECKING:
    from questionbank.lint import FileResult

CACHE_DIR = ".qb_cache"
FORMAT = 3
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by qb.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n")
_GITIGNORE = "# Created by qb; the cache is never committed.\n*\n"
# Run-key folders unused for this long are removed.
_STALE_SECONDS = 7 * 24 * 3600
# The names qb writes, and so the only ones pruning removes.
_RUN_FOLDER = re.compile(r"v[0-9]+-[0-9a-f]{24}")
_SHARD = re.compile(r"[0-9a-f]{2}")
_ENTRY = re.compile(r"[0-9a-f]{62}\.json")
KEY_FILE = "cache-key"
# An entry is far smaller than this; a larger file is not ours.
_ENTRY_LIMIT = 256 * 1024 * 1024


def key_folder() -> Optional[Path]:
    """Where the signing key lives: the user's cache folder, never a bank
    (None without a home folder)."""
    base = os.environ.get("XDG_CACHE_HOME")
    if base and os.path.isabs(base):
        return Path(base) / "qb"
    try:
        return Path.home() / ".cache" / "qb"
    except RuntimeError:
        return None


@lru_cache(maxsize=None)
def _signing_key(folder: str) -> Optional[bytes]:
    """The user's key, made on first use; None if it cannot be had safely."""
    path = Path(folder)
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        with Folder.open(path) as keys:
            key = os.urandom(32)
            if keys.create(KEY_FILE, key.hex(), mode=0o600):
                return key
            fd = os.open(KEY_FILE, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0), dir_fd=keys.fd)
            with os.fdopen(fd, "rb") as handle:
                info = os.fstat(handle.fileno())
                # Another user's key (or a world-writable one) could be known to them.
                if (not stat.S_ISREG(info.st_mode) or info.st_mode & 0o022
                        or (hasattr(os, "getuid") and info.st_uid != os.getuid())):
                    return None
                key = bytes.fromhex(handle.read(200).decode("ascii").strip())
        # Shorter: being written by a first run beside this one (or not ours).
        return key if len(key) == 32 else None
    except (OSError, ValueError):
        return None


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
        self.root = root
        self.run = f"v{FORMAT}-{key[:24]}"
        folder = key_folder()
        self.key = _signing_key(str(folder)) if folder is not None else None
        self.writable = self.key is not None

    def _entry(self, relpath: str, content: bytes) -> tuple:
        digest = hashlib.sha256(relpath.encode() + b"\0" + content).hexdigest()
        return digest[:2], f"{digest[2:]}.json"

    def _mac(self, shard: str, name: str, body: bytes) -> str:
        assert self.key is not None
        return hmac.new(self.key, f"{self.run}/{shard}/{name}\0".encode() + body, hashlib.sha256).hexdigest()

    def load(self, relpath: str, content: bytes, display: str) -> Optional[Dict[str, Any]]:
        """The cached result of this file as plain data, with ``display`` as
        its path, or None."""
        if self.key is None:
            return None
        shard, name = self._entry(relpath, content)
        try:
            with Folder.open(self.root, (CACHE_DIR, self.run, shard)) as folder:
                raw = folder.read(name, _ENTRY_LIMIT)
            mac, _, body = raw.partition(b"\n")
            if not hmac.compare_digest(mac, self._mac(shard, name, body).encode()):
                return None  # not written with this user's key: someone else's entry
            data = json.loads(body)
            if not isinstance(data, dict) or data.get("relpath") != relpath:
                return None
            return decode(data, display)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # missing, damaged or from another shape: recompute

    def store(self, relpath: str, content: bytes, result_data: Dict[str, Any]) -> None:
        if not self.writable:
            return
        shard, name = self._entry(relpath, content)
        body = json.dumps(dict(result_data, relpath=relpath), separators=(",", ":")).encode("utf-8")
        try:
            with Folder.open(self.root) as root, root.child(CACHE_DIR, create=True) as base:
                _mark(base)
                with base.child(self.run, create=True) as run, run.child(shard, create=True) as folder:
                    # Not synced to disk: a cache entry lost in a crash is only recomputed.
                    folder.write(name, self._mac(shard, name, body).encode() + b"\n" + body, durable=False)
        except OSError:
            self.writable = False  # read-only checkout, full disk, a link in the way: lint without a cache

    def prune(self) -> None:
        """Remove the folders of other run keys that no run used for a week."""
        try:
            with Folder.open(self.root, (CACHE_DIR,)) as base:
                with base.child(self.run) as run:
                    run.touch()
                now = time.time()
                for name, info in real_folders(base):
                    if name != self.run and _RUN_FOLDER.fullmatch(name) and now - info.st_mtime > _STALE_SECONDS:
                        _remove_run(base, name)
        except OSError:
            pass


def _mark(base: Folder) -> None:
    """The tag and .gitignore of the cache folder, also in one that exists empty."""
    base.create("CACHEDIR.TAG", _TAG)
    base.create(".gitignore", _GITIGNORE)


def _remove_run(base: Folder, name: str) -> None:
    """Remove what qb wrote in a run folder, and the folders it leaves empty.
    Anything else (a link, a file of another name) stays, and so do its folders."""
    with base.child(name) as run:
        for shard, _ in real_folders(run):
            if not _SHARD.fullmatch(shard):
                continue
            with run.child(shard) as folder:
                for entry, _ in regular_files(folder):
                    if _ENTRY.fullmatch(entry) or entry.startswith(TEMP_PREFIX):
                        folder.unlink(entry)
            run.rmdir(shard)
    base.rmdir(name)


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
    """The data of ``encode`` back as objects; ValueError for anything of
    another shape (even if it is valid JSON), so that it is rebuilt."""
    findings = [Finding(display, _int(line), _int(column), Severity(severity), _str(rule), _str(message),
                        _id(item), tuple(Location(_str(p), _int(l), _int(c)) for p, l, c in _list(related)))
                for line, column, severity, rule, message, item, related in _list(raw["findings"])]
    refs = [ItemRef(display, _int(line), _int(column), _id(item_id)) for line, column, item_id in _list(raw["refs"])]
    # Summaries come back with lists where tuples were: bank rules treat both alike.
    summaries = raw["summaries"]
    if not isinstance(summaries, dict) or any(not isinstance(rows, list) or len(rows) != len(refs)
                                              for rows in summaries.values()):
        raise ValueError("summaries do not match the items")
    suppressions = [Suppression(_int(line), _int(column), tuple(_str(r) for r in _list(rules)),
                                _span(span))
                    for line, column, rules, span in _list(raw["suppressions"])]
    return {"findings": findings, "refs": refs, "summaries": summaries, "suppressions": suppressions,
            "items": _int(raw["items"])}


def _list(value: Any) -> list:
    if not isinstance(value, list):
        raise ValueError("not a list")
    return value


def _span(value: Any) -> Optional[tuple]:
    if value is None:
        return None
    first, last = _list(value)
    return _int(first), _int(last)


def _int(value: Any) -> int:
    if type(value) is not int:
        raise ValueError("not an integer")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("not a string")
    return value


def _id(value: Any) -> Any:
    if value is not None and not isinstance(value, (str, int, float)):
        raise ValueError("not an item id")
    return value
