"""Helpers for the export, import and round-trip tests: the independent
checkers (QTI XSD, gift-pegjs under node, the anki package) and the
comparison of items after normalising whitespace."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Dict, Iterable, List, Optional

import pytest

from conftest import EXAMPLE_BANK, REPO, cli_runner, require_tool
from questionbank.bank import load_bank
from questionbank.cli import cli
from questionbank.exporters import ExportSource
from questionbank.exporters.source import Entry

QTI_XSD = REPO / "tests" / "data" / "qti-2.1-xsd" / "imsqti_v2p1p2.xsd"  # vendored, see NOTICE.txt there
GIFT_PEGJS = "gift-pegjs@1.0.2"

# Parses each GIFT file named on the command line; prints a JSON array with,
# per file, the parsed questions or the parse error (with its location).
PARSE_GIFT_JS = """
const gift = require('gift-pegjs');
const fs = require('fs');
const out = process.argv.slice(2).map(file => {
  try { return {questions: gift.parse(fs.readFileSync(file, 'utf8'))}; }
  catch (e) { return {error: e.message, location: e.location || null}; }
});
process.stdout.write(JSON.stringify(out));
"""


def norm(text: Optional[str]) -> str:
    """Text compared after normalising whitespace."""
    return " ".join((text or "").split())


def run_cli(*args: str):
    """The real CLI; ``result.stderr`` holds the notes (click 8.1 and later)."""
    return cli_runner().invoke(cli, list(args))


def import_file(fmt: str, name: str, text: str, tmp_path: Path):
    """Write ``text`` to ``tmp_path/name`` and import it into
    ``tmp_path/bank`` with the real CLI; (source path, notes on stderr)."""
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    result = run_cli("import", fmt, str(source), "-o", str(tmp_path / "bank"))
    assert result.exit_code == 0, result.stdout + result.stderr
    return source, result.stdout, result.stderr


def assert_notes(notes: str, source: Path, expected: List[str]) -> None:
    """Each of ``expected`` ("LINE: text") is a note about ``source``."""
    missing = [e for e in expected if f"{source}:{e}" not in notes]
    assert not missing, f"missing notes {missing} in:\n{notes}"


def export_example(fmt: str, out: Path, *extra: str) -> Path:
    """Export the example bank with the real CLI; the output path."""
    result = run_cli("export", fmt, str(EXAMPLE_BANK), "-o", str(out), *extra)
    assert result.exit_code == 0, result.stdout + result.stderr
    return out


def source_of(root: Path, title: str = "Test bank") -> ExportSource:
    """Every item of a bank, unlinted (for generated banks a content rule
    may dislike; the format writers are what is under test)."""
    bank = load_bank(root)
    return ExportSource(title, [Entry(i, tuple(i.options)) for i in bank.items], dict(bank.domains))


def comparable(items: Iterable, rationales: bool = True) -> Dict[str, dict]:
    """Items by id as what every round trip must keep: type, stem, option
    texts, keys and (when the format holds them) rationales."""
    result = {}
    for item in items:
        entry = {"type": item.type, "stem": norm(item.stem),
                 "options": [norm(o.text) for o in item.options],
                 "keys": [i for i, o in enumerate(item.options) if o.correct]}
        if rationales:
            entry["why"] = [norm(o.why) for o in item.options]
        result[item.id] = entry
    return result


@functools.lru_cache(maxsize=None)
def qti_schema():
    """The official QTI 2.1 XSD, loaded once (it takes a second or two)."""
    import xmlschema  # a test extra: missing is a broken install, not a skip
    return xmlschema.XMLSchema(str(QTI_XSD))


def qti_errors(data: bytes) -> List[str]:
    """Every XSD error of one QTI document (empty when it validates)."""
    import io
    return [str(e).splitlines()[0] for e in qti_schema().iter_errors(io.BytesIO(data))]


def npm_folder(request, name: str) -> Path:
    """A folder for npm packages in pytest's cache folder (which git ignores)."""
    cache = getattr(request.config, "cache", None)  # None under -p no:cacheprovider
    return cache.mkdir(name) if cache else Path(tempfile.gettempdir()) / f"qb-{name}"


@functools.lru_cache(maxsize=None)
def npm_package(cache_dir: str, spec: str) -> Path:
    """The folder of the npm package ``spec`` (``name@version``), installed
    once into ``cache_dir``. No npm or no registry: skip locally, fail in CI."""
    npm = require_tool("npm")
    folder = Path(cache_dir)
    package = folder / "node_modules" / spec.rsplit("@", 1)[0]
    if not (package / "package.json").is_file():
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(folder),
                               spec], capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            message = f"npm install {spec} failed: {done.stderr[-2000:]}"
            if os.environ.get("CI") == "true":
                pytest.fail(message)
            pytest.skip(message)
    return package


def gift_parser(cache_dir: str) -> Path:
    """A folder holding gift-pegjs and the parse script."""
    require_tool("node")
    npm_package(cache_dir, GIFT_PEGJS)
    folder = Path(cache_dir)
    (folder / "parse-gift.js").write_text(PARSE_GIFT_JS, encoding="utf-8")
    return folder


def parse_gift(request, files: List[Path]) -> List[dict]:
    """gift-pegjs's reading of each file (one node process for all)."""
    folder = gift_parser(str(npm_folder(request, "gift-pegjs")))
    done = subprocess.run([require_tool("node"), str(folder / "parse-gift.js"), *map(str, files)],
                          capture_output=True, text=True, timeout=300, cwd=folder)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def open_anki_deck(apkg: Path, collection: Path):
    """Import ``apkg`` into a new (or the given) Anki collection with the
    official anki package; returns the open collection."""
    anki_collection = pytest.importorskip("anki.collection")
    from anki.import_export_pb2 import ImportAnkiPackageRequest

    col = anki_collection.Collection(str(collection))
    col.import_anki_package(ImportAnkiPackageRequest(package_path=str(apkg)))
    return col
