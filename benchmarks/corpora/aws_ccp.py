"""Convert the AWS Cloud Practitioner practice exams (Markdown) into one qb bank.

Usage: python benchmarks/corpora/aws_ccp.py SRC_DIR -o OUT_DIR

SRC_DIR is the aws-ccp-kananinirav corpus (or its practice-exam/ folder; see
SOURCE.txt). Each ``practice-exam-<n>.md`` becomes ``items/practice-exam-<n>.yaml``
with ids ``practice-exam-<n>-<q>``, q being the question's position in the file
(exam 13 numbers every question "1."). A question is ``multiple`` when its key
has several letters ("B, E", "BE") or its stem says "Choose TWO"/"Select three";
the text after the key inside ``<details>`` ("Explanation: ...", "Reference: ...")
becomes ``explanation``. A question that cannot be parsed is reported on stderr
as file:line and skipped, never dropped silently.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from pathlib import Path

from _bank import Item, clean, make_item, warn, write_bank

QUESTION_RE = re.compile(r"^(\d+)\.\s+(.*)$")
GLUED_RE = re.compile(r"\s+-\s+A\.\s+(.*)$")
OPTION_RE = re.compile(r"^\s*-\s+([A-Z])\.\s*(.*)$")
KEY_RE = re.compile(r"^\s*correct answer\s*:\s*(.*?)\s*$", re.IGNORECASE)
KEY_LETTERS_RE = re.compile(r"[A-Z](?:\s*,?\s*[A-Z])*", re.IGNORECASE)
COUNT_RE = re.compile(r"\b(?:choose|select)\s+(two|three|four|2|3|4)\b", re.IGNORECASE)
COUNTS = {"two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}
DOMAIN = "ccp"


class ParseError(Exception):
    """A question block that does not have the expected shape; args = (line, message)."""


def split_blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Split a file into question blocks: (1-based line of the question, its lines)."""
    blocks: list[tuple[int, list[str]]] = []
    in_details = False
    for number, line in enumerate(lines, 1):
        if not in_details and QUESTION_RE.match(line):
            blocks.append((number, []))
        if blocks:
            blocks[-1][1].append(line)
        if "<details" in line:
            in_details = True
        if "</details>" in line:
            in_details = False
    return blocks


def parse_block(path: Path, start: int, lines: list[str]) -> tuple[str, list[tuple[str, str]], list[str], str]:
    """Return (stem, [(letter, text)], key letters, explanation) of one question block."""
    match = QUESTION_RE.match(lines[0])
    assert match
    stem_lines = [match.group(2)]
    options: list[tuple[str, str]] = []
    glued = GLUED_RE.search(match.group(2))
    if glued:  # "31. Which ...?    - A. Amazon RDS": option A was left on the question line
        warn(f"{path}:{start}", "option A is on the question line; split it off")
        stem_lines = [match.group(2)[: glued.start()]]
        options.append(("A", glued.group(1)))
    i = 1
    while i < len(lines) and "<details" not in lines[i]:
        option = OPTION_RE.match(lines[i])
        if option:
            options.append((option.group(1), option.group(2)))
        elif lines[i].strip() and options:
            raise ParseError(start + i, f"unexpected line among the options: {lines[i].strip()[:60]!r}")
        elif not options:
            stem_lines.append(lines[i].strip())
        i += 1
    if i == len(lines):
        raise ParseError(start, "no <details> answer block")
    if not options:
        raise ParseError(start, "no options ('    - A. text')")
    letters = [letter for letter, _ in options]
    if letters != [chr(ord("A") + k) for k in range(len(letters))]:
        raise ParseError(start, f"option letters are {''.join(letters)}, not A, B, C, ...")
    body: list[str] = []
    for line in lines[i + 1 :]:
        if "</details>" in line:
            break
        body.append(line)
    key_at = next((k for k, line in enumerate(body) if KEY_RE.match(line)), None)
    if key_at is None:
        raise ParseError(start + i, "no 'Correct answer: X' line in the <details> block")
    value = KEY_RE.match(body[key_at]).group(1)  # type: ignore[union-attr]
    if not KEY_LETTERS_RE.fullmatch(value):
        raise ParseError(start + i + 1 + key_at, f"cannot read the key {value!r}")
    key = [c.upper() for c in value if c.isalpha()]
    if len(set(key)) != len(key) or not set(key) <= set(letters):
        raise ParseError(start + i + 1 + key_at, f"key {value!r} does not name distinct options {''.join(letters)}")
    explanation = clean(textwrap.dedent("\n".join(body[key_at + 1 :])))
    explanation = re.sub(r"^Explanation:\s*", "", explanation)
    return clean("\n".join(stem_lines)), options, key, explanation


def convert_exam(path: Path, exam: str) -> tuple[list[Item], int]:
    """Convert one practice exam; return its items and the number of skipped questions."""
    lines = path.read_text(encoding="utf-8").splitlines()
    items: list[Item] = []
    skipped = 0
    for position, (start, block) in enumerate(split_blocks(lines), 1):
        try:
            stem, options, key, explanation = parse_block(path, start, block)
            if not stem:
                raise ParseError(start, "empty stem")
        except ParseError as error:
            line, message = error.args
            warn(f"{path}:{line}", f"skipped question {position}: {message}")
            skipped += 1
            continue
        count = COUNT_RE.search(stem)
        if count and COUNTS[count.group(1).lower()] != len(key):
            warn(f"{path}:{start}", f"question {position} says {count.group(0)!r} but its key is {','.join(key)}")
        options_out = [(clean(text), letter in key) for letter, text in options]
        if not all(text for text, _ in options_out):
            warn(f"{path}:{start}", f"question {position} has an empty option text")
        items.append(
            make_item(
                f"{exam}-{position}",
                "multiple" if len(key) > 1 or count else "single",
                DOMAIN,
                stem,
                options_out,
                explanation=explanation or None,
                x_line=str(start),
            )
        )
    return items, skipped


def exam_number(path: Path) -> int:
    """Sort key: the n of practice-exam-<n>.md."""
    digits = re.findall(r"\d+", path.stem)
    return int(digits[-1]) if digits else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path, help="the aws-ccp-kananinirav folder or its practice-exam/ folder")
    parser.add_argument("-o", "--out", type=Path, required=True, help="output bank folder")
    args = parser.parse_args(argv)
    src = args.src / "practice-exam" if (args.src / "practice-exam").is_dir() else args.src
    exams = sorted(src.glob("practice-exam-*.md"), key=exam_number)
    if not exams:
        parser.error(f"no practice-exam-*.md files in {src}")
    files: dict[str, list[Item]] = {}
    skipped = 0
    for path in exams:
        files[path.stem], lost = convert_exam(path, path.stem.lower())
        skipped += lost
    total = sum(len(items) for items in files.values())
    multiple = sum(item["type"] == "multiple" for items in files.values() for item in items)
    domains = {DOMAIN: ("AWS Certified Cloud Practitioner", total)}
    write_bank(args.out, "AWS Certified Cloud Practitioner practice exams (kananinirav)", domains, files)
    print(f"total: {total} items ({multiple} multiple) from {len(exams)} files, {skipped} skipped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
