"""Convert OpenTriviaQA (CC BY-SA 4.0) into one qb bank; never commit the output.

Usage: python benchmarks/corpora/opentriviaqa.py SRC_DIR -o OUT_DIR

SRC_DIR is the opentriviaqa corpus (or its categories/ folder; see SOURCE.txt).
Each category file becomes ``items/<category>.yaml``, domain ``<category>``,
ids ``<category>-<n>`` (n = position of the ``#Q`` block in the file). A block is
``#Q stem`` (the stem runs until the ``^`` line), ``^ key text``, then option lines
``A text``, ``B text``, ...; the correct option is the one whose text equals the
key text. Lines end in LF, CRLF or CR; each line is decoded on its own as UTF-8,
and bytes that are not valid UTF-8 are read as cp1252 (the files mix both).
Blocks that cannot be converted are reported on stderr as file:line and skipped;
blocks with an empty option or a key that equals two options are kept (the
first match is marked correct) and reported, as defects for the linter to find.
"""

from __future__ import annotations

import argparse
import codecs
import itertools
import re
import sys
from pathlib import Path

from _bank import Item, clean, make_item, warn, write_bank

OPTION_RE = re.compile(r"^([A-Z])(?:\s+(.*))?$")
LINE_END_RE = re.compile(rb"\r\n|\r|\n")


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: decode the offending bytes as cp1252 (latin-1 where cp1252 has no character)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    text = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad)
    return text, error.end


codecs.register_error("qb-cp1252", _cp1252_fallback)


def decode_lines(data: bytes) -> tuple[list[str], int]:
    """Split on any line ending and decode each line; return (lines, lines that were not UTF-8)."""
    lines: list[str] = []
    fallback = 0
    for raw in LINE_END_RE.split(data):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(raw.decode("utf-8", errors="qb-cp1252"))
            fallback += 1
    return lines, fallback


def parse_block(block: list[str], start: int) -> tuple[str, list[str], str]:
    """Return (stem, option texts, key text) of one ``#Q`` block starting at 0-based line ``start``."""
    key_at = next((k for k, line in enumerate(block) if line.startswith("^")), None)
    if key_at is None:
        raise ValueError("no '^' answer line")
    options: list[str] = []
    for k, line in enumerate(block[key_at + 1 :], start + key_at + 2):
        if not line.strip():
            continue
        match = OPTION_RE.match(line.strip())
        letter = chr(ord("A") + len(options))
        if not match or match.group(1) != letter:
            raise ValueError(f"line {k}: expected option {letter}, got {line.strip()[:60]!r}")
        options.append(clean(match.group(2) or ""))
    if len(options) < 2:
        raise ValueError(f"{len(options)} options")
    stem = clean("\n".join([block[0][2:], *block[1:key_at]]))
    return stem, options, clean(block[key_at][1:])


def convert_category(path: Path, category: str) -> tuple[list[Item], int, int]:
    """Convert one category file; return (items, skipped blocks, lines decoded with cp1252)."""
    lines, fallback = decode_lines(path.read_bytes())
    starts = [i for i, line in enumerate(lines) if line.startswith("#Q")] + [len(lines)]
    for i in range(starts[0]):
        if lines[i].strip():
            warn(f"{path}:{i + 1}", f"ignored text before the first #Q: {lines[i].strip()[:60]!r}")
    items: list[Item] = []
    skipped = 0
    for n, (start, end) in enumerate(itertools.pairwise(starts), 1):
        where, item_id = f"{path}:{start + 1}", f"{category}-{n}"
        try:
            stem, options, key = parse_block(lines[start:end], start)
        except ValueError as error:
            warn(where, f"skipped {item_id}: {error}")
            skipped += 1
            continue
        if not stem:
            warn(where, f"skipped {item_id}: empty stem")
            skipped += 1
            continue
        matches = [i for i, text in enumerate(options) if text == key]
        if not matches:
            warn(where, f"skipped {item_id}: no option equals the key {key!r}")
            skipped += 1
            continue
        if len(matches) > 1:  # kept: a duplicate option is a defect the linter should see
            letters = ", ".join(chr(ord("A") + i) for i in matches)
            warn(where, f"kept {item_id}: the key {key!r} equals options {letters}; only the first is marked correct")
        if not all(options):
            warn(where, f"kept {item_id}: an option text is empty")
        items.append(
            make_item(item_id, "single", category, stem, [(t, i == matches[0]) for i, t in enumerate(options)],
                      x_line=str(start + 1))
        )
    return items, skipped, fallback


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path, help="the opentriviaqa folder or its categories/ folder")
    parser.add_argument("-o", "--out", type=Path, required=True, help="output bank folder (keep it out of git)")
    args = parser.parse_args(argv)
    src = args.src / "categories" if (args.src / "categories").is_dir() else args.src
    paths = sorted(p for p in src.iterdir() if p.is_file() and not p.name.startswith("."))
    if not paths:
        parser.error(f"no category files in {src}")
    files: dict[str, list[Item]] = {}
    skipped = fallback = 0
    for path in paths:
        category = re.sub(r"[^a-z0-9._-]+", "-", path.name.lower()).strip("-._")
        files[category], lost, cp1252_lines = convert_category(path, category)
        skipped += lost
        fallback += cp1252_lines
    domains = {name: (name.replace("-", " ").capitalize(), len(items)) for name, items in files.items()}
    write_bank(args.out, "OpenTriviaQA (CC BY-SA 4.0, uberspot and contributors)", domains, files)
    total = sum(len(items) for items in files.values())
    print(
        f"total: {total} items from {len(paths)} files, {skipped} skipped, {fallback} lines decoded as cp1252",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
