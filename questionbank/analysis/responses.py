"""Response files in, one examinee-by-item table out.

Three inputs, any mix of them:

- a wide CSV, one row per examinee: ``examinee``, ``form``, then one column
  per question number (``1``, ``Q1``, ``Question 1``) holding the printed
  letters (``B``; ``A,C`` or ``AC`` for multiple-response; empty when
  omitted; a score from 0 to 1 for an open question). Letters are turned
  into option ids through the printed forms (form-F.json);
- a long CSV: ``examinee,item_id,response`` with option ids (``o2``,
  ``o1,o3``) or an option's text (one row per chosen option), and an
  optional ``score`` column for open items;
- practice-mode attempt exports (JSON, schemas/attempt.schema.json).

Every row or answer that cannot be used is a note with its file and line,
never dropped silently. Options are held as bit masks over the option ids
(bit 0 is ``o1``): -1 is "not given to this examinee", 0 "omitted".
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np

from questionbank.analysis.forms import PrintedForm
from questionbank.item import Item

NOT_GIVEN = -1
OMITTED = 0
# Longest response file qb reads (a scanner export of 100,000 examinees by
# 200 questions is about 60 MB).
MAX_BYTES = 512 * 1024 * 1024
WIDE_FIELDS = ("examinee", "form")
LONG_FIELDS = ("examinee", "item_id", "response", "score")
_QUESTION_COLUMN = re.compile(r"^(?:q(?:uestion)?|item|frage)?[\s#._-]*0*([1-9][0-9]*)$", re.I)
_LETTER_SPLIT = re.compile(r"[\s,;/|]+")
_OPTION_ID = re.compile(r"^o[1-9][0-9]*$")


class ResponseError(Exception):
    """The responses cannot be read at all (exit status 2)."""


@dataclass(frozen=True)
class Note:
    """Something in a response file that could not be used as it is."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Version:
    """One version of an item as examinees saw it: its content hash, its
    option ids and keys as a bit mask (None: not known)."""

    item_id: str
    content_hash: str
    type: str
    options: Tuple[str, ...]
    key: Optional[int]


class Column:
    """The answers to one item version: examinee rows, option masks and
    given scores (open items; NaN elsewhere), gathered in chunks."""

    def __init__(self) -> None:
        self.rows: List[np.ndarray] = []
        self.masks: List[np.ndarray] = []
        self.scores: List[np.ndarray] = []
        self.count = 0

    def add(self, rows, masks, scores=None) -> None:
        rows = np.asarray(rows, dtype=np.int64)
        self.rows.append(rows)
        self.masks.append(np.asarray(masks, dtype=np.int64))
        self.scores.append(np.full(len(rows), np.nan) if scores is None else np.asarray(scores, dtype=float))
        self.count += len(rows)


@dataclass
class Collected:
    """Everything read: the examinees, and per item version its answers."""

    examinees: List[str] = field(default_factory=list)
    columns: Dict[Tuple[str, str], Column] = field(default_factory=dict)
    versions: Dict[Tuple[str, str], Version] = field(default_factory=dict)
    notes: List[Note] = field(default_factory=list)
    sources: List[str] = field(default_factory=list)
    # item id -> its place in the bank or the first form, to order the table
    order: Dict[str, int] = field(default_factory=dict)
    # (item id, hash) -> where its first answer was read, for notes
    first_seen: Dict[Tuple[str, str], Tuple[str, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._index: Dict[str, int] = {}
        self._where: List[Tuple[str, int]] = []

    def examinee(self, key: str, where: Tuple[str, int]) -> Optional[int]:
        """The row of a new examinee, or None (noted) when the id was seen before."""
        if key in self._index:
            first = self._where[self._index[key]]
            self.notes.append(Note(*where, f"examinee '{key}' appears again (first at {first[0]}:{first[1]}); "
                                           "row left out"))
            return None
        self._index[key] = len(self.examinees)
        self.examinees.append(key)
        self._where.append(where)
        return self._index[key]

    def add(self, vkey: Tuple[str, str], where: Tuple[str, int], rows, masks, scores=None) -> None:
        if len(rows) == 0:
            return
        self.first_seen.setdefault(vkey, where)
        self.columns.setdefault(vkey, Column()).add(rows, masks, scores)


# Option masks are 64-bit integers: options o1 to o62 (the sign bit and one
# more stay clear of NOT_GIVEN).
MAX_OPTIONS = 62


class TooManyOptions(ValueError):
    """An option id beyond MAX_OPTIONS."""


def mask_of(option_ids: Iterable[str]) -> int:
    mask = 0
    for option_id in option_ids:
        place = int(option_id[1:])
        if place > MAX_OPTIONS:
            raise TooManyOptions(f"option {option_id}: qb analyze reads items of up to {MAX_OPTIONS} options")
        mask |= 1 << (place - 1)
    return mask


def bank_version(item: Item) -> Version:
    options = tuple(o.id for o in item.options)
    try:
        key = mask_of(o.id for o in item.keys) if item.type in ("single", "multiple") else None
    except TooManyOptions:
        key = None  # left out of the analysis, saying why
    return Version(item.id or "", item.content_hash, item.type or "", options, key)


class Reader:
    """Reads response files into a :class:`Collected`."""

    def __init__(self, items: Dict[str, Item], forms: Sequence[PrintedForm], mapping: Dict[str, str]):
        self.items = items
        self.forms: Dict[str, PrintedForm] = {}
        self.mapping = mapping
        self.out = Collected()
        for position, item_id in enumerate(items):
            self.out.order[item_id] = position
        for form in forms:
            self.forms[form.name] = form
            for q in form.questions:
                self.out.order.setdefault(q.item_id, len(self.out.order))
                key = (q.item_id, q.content_hash)
                if key not in self.out.versions:
                    options = tuple(o for _, o in q.options)
                    current = items.get(q.item_id)
                    if current is not None and current.content_hash == q.content_hash:
                        options = bank_version(current).options
                    try:
                        printed_key = mask_of(q.key) if q.type != "open" else None
                    except TooManyOptions:
                        printed_key = None
                    self.out.versions[key] = Version(q.item_id, q.content_hash, q.type, options, printed_key)

    def read(self, path: Path) -> None:
        self.out.sources.append(path.name)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise ResponseError(f"{path}: larger than {MAX_BYTES // 2 ** 20} MiB; not a response file")
            raw = path.read_bytes()
        except OSError as exc:
            raise ResponseError(f"{path}: cannot read: {exc.strerror or exc}")
        if path.suffix.lower() == ".json":
            self._attempt(path, raw)
            return
        try:
            self._csv(path, raw)
        except csv.Error as exc:  # a field over csv's size limit, a NUL byte
            raise ResponseError(f"{path}: not a CSV file qb can read: {exc}")

    # --- CSV -------------------------------------------------------------

    def _csv(self, path: Path, raw: bytes) -> None:
        shown = str(path)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            self.out.notes.append(Note(shown, line, "not UTF-8; read the file as Windows-1252"))
            text = raw.decode("cp1252", errors="replace")
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
        if header is None:
            self.out.notes.append(Note(shown, 1, "empty file"))
            return
        columns = [self.mapping.get(c.strip(), c.strip()) for c in header]
        lowered = [c.lower() for c in columns]
        if "item_id" in lowered and "response" in lowered:
            self._long(shown, reader, lowered)
        else:
            self._wide(shown, reader, columns)

    def _rows(self, reader) -> Iterable[Tuple[int, List[str]]]:
        line = 2
        for row in reader:
            start = line
            line = reader.line_num + 1
            if "".join(row).strip():
                yield start, row

    def _wide(self, shown: str, reader, columns: List[str]) -> None:
        lowered = [c.lower() for c in columns]
        if "examinee" not in lowered:
            raise ResponseError(f"{shown}:1: no 'examinee' column; a wide file has examinee, form and one column "
                                f"per question number, a long file examinee, item_id, response "
                                f"(use --map COLUMN=examinee)")
        examinee_col = lowered.index("examinee")
        form_col = lowered.index("form") if "form" in lowered else None
        questions: Dict[int, int] = {}
        ignored = []
        for i, name in enumerate(columns):
            if i in (examinee_col, form_col):
                continue
            match = _QUESTION_COLUMN.match(name)
            if match:
                questions[i] = int(match.group(1))
            elif name:
                ignored.append(name)
        if ignored:
            self.out.notes.append(Note(shown, 1, f"columns not read: {', '.join(ignored)} "
                                                 "(use --map COLUMN=NUMBER for a question column)"))
        if not self.forms:
            raise ResponseError(f"{shown}: answers given as printed letters need the printed forms: "
                                "pass --forms with the folder qb render wrote (its form-F.json files)")
        if form_col is None and len(self.forms) > 1:
            raise ResponseError(f"{shown}:1: no 'form' column, and there are {len(self.forms)} forms "
                                f"({', '.join(self.forms)}); use --map COLUMN=form")
        only = next(iter(self.forms.values())) if form_col is None else None
        width = len(columns)
        # Rows by form: (line, examinee row, cells).
        by_form: Dict[str, List[Tuple[int, int, List[str]]]] = {}
        for line, row in self._rows(reader):
            where = (shown, line)
            key = row[examinee_col].strip() if examinee_col < len(row) else ""
            if not key:
                self.out.notes.append(Note(*where, "no examinee id; row left out"))
                continue
            form = only
            if form is None:
                name = row[form_col].strip() if form_col < len(row) else ""
                form = self.forms.get(name) or self.forms.get(name.upper())
                if form is None:
                    self.out.notes.append(Note(*where, f"unknown form '{name}' (the forms given: "
                                                       f"{', '.join(self.forms)}); row left out"))
                    continue
            index = self.out.examinee(key, where)
            if index is None:
                continue
            if len(row) < width:
                row = row + [""] * (width - len(row))
            by_form.setdefault(form.name, []).append((line, index, row))
        for name, rows in by_form.items():
            self._wide_form(shown, columns, questions, self.forms[name], rows)

    def _wide_form(self, shown: str, columns: List[str], questions: Dict[int, int], form: PrintedForm,
                   rows: List[Tuple[int, int, List[str]]]) -> None:
        """One form's rows, a question column at a time: each distinct cell
        is read once (a scanner's columns hold a handful of values)."""
        by_number = {q.number: q for q in form.questions}
        lines = [line for line, _, _ in rows]
        indexes = np.array([index for _, index, _ in rows], dtype=np.int64)
        by_column = list(zip(*(row for _, _, row in rows)))
        problems: Dict[int, List[str]] = {}
        for i, number in questions.items():
            cells = by_column[i]
            question = by_number.get(number)
            reading = {cell: self._cell(cell.strip(), question) for cell in set(cells)}
            codes = {cell: k for k, cell in enumerate(reading)}
            table = list(reading.values())
            index = np.fromiter(map(codes.__getitem__, cells), dtype=np.int64, count=len(cells))
            usable = np.array([bad is None for _, _, bad in table])
            if question is not None and question.type == "open":
                usable &= np.array([score is not None for _, score, _ in table])  # empty: not scored
            for k in np.flatnonzero([bad is not None for _, _, bad in table]):
                for n in np.flatnonzero(index == k):
                    problems.setdefault(int(n), []).append(f"{columns[i]}: {table[k][2]}")
            if question is None:
                continue
            good = np.flatnonzero(usable[index])
            masks = np.array([mask for mask, _, _ in table], dtype=np.int64)
            scores = np.array([np.nan if score is None else score for _, score, _ in table], dtype=float)
            self.out.add((question.item_id, question.content_hash),
                         (shown, lines[good[0]]) if len(good) else (shown, 1),
                         indexes[good], masks[index[good]], scores[index[good]])
        for n, found in sorted(problems.items()):
            self.out.notes.append(Note(shown, lines[n], "; ".join(found) + " (left out for those questions)"))

    @staticmethod
    def _cell(cell: str, question) -> Tuple[int, Optional[float], Optional[str]]:
        """(mask, score, problem) of one cell of a wide file; ``question`` is
        None when the form has no question of the column's number."""
        if question is None:
            return OMITTED, None, (None if not cell else "the form has no question of this number")
        if question.type == "open":
            if not cell:
                return OMITTED, None, None
            score = _score(cell)
            if score is None:
                return OMITTED, None, f"'{cell}' is not a score from 0 to 1"
            return OMITTED, score, None
        mask, bad = _letters_mask(cell, question)
        return mask, float("nan"), bad

    def _long(self, shown: str, reader, columns: List[str]) -> None:
        index = {name: columns.index(name) for name in LONG_FIELDS if name in columns}
        if "examinee" not in index:
            raise ResponseError(f"{shown}:1: no 'examinee' column (use --map COLUMN=examinee)")
        first: Dict[Tuple[int, str], int] = {}
        rows_of: Dict[str, int] = {}
        answers: Dict[Tuple[str, str], Dict[int, List]] = {}
        for line, row in self._rows(reader):
            where = (shown, line)
            cell = {name: (row[i].strip() if i < len(row) else "") for name, i in index.items()}
            key, item_id = cell["examinee"], cell["item_id"]
            if not key or not item_id:
                self.out.notes.append(Note(*where, "no examinee or item_id; row left out"))
                continue
            item = self.items.get(item_id)
            if item is None:
                self.out.notes.append(Note(*where, f"no item '{item_id}' in the bank; row left out"))
                continue
            version = bank_version(item)
            vkey = (item_id, version.content_hash)
            self.out.versions.setdefault(vkey, version)
            examinee = rows_of.get(key)
            if examinee is None:
                examinee = self.out.examinee(key, where)
                if examinee is None:  # the same examinee in an earlier file
                    continue
                rows_of[key] = examinee
            if item.type == "open":
                score = _score(cell.get("score", "") or cell.get("response", ""))
                if score is None:
                    self.out.notes.append(Note(*where, f"item '{item_id}' is open: the score column needs a "
                                                       "number from 0 to 1; row left out"))
                    continue
                mask = OMITTED
            else:
                score = float("nan")
                mask, bad = _response_mask(cell.get("response", ""), item)
                if bad:
                    self.out.notes.append(Note(*where, f"item '{item_id}': {bad}; row left out"))
                    continue
            given = answers.setdefault(vkey, {})
            previous = given.get(examinee)
            if previous is not None:
                if item.type == "multiple" and mask and not previous[0] & mask:
                    previous[0] |= mask  # one row per chosen option
                    continue
                self.out.notes.append(Note(*where, f"a second answer of '{key}' to '{item_id}' (first at "
                                                   f"line {first[(examinee, item_id)]}); row left out"))
                continue
            given[examinee] = [mask, score]
            first[(examinee, item_id)] = line
            self.out.first_seen.setdefault(vkey, where)
        for vkey, given in answers.items():
            self.out.add(vkey, self.out.first_seen[vkey], list(given), [m for m, _ in given.values()],
                         [s for _, s in given.values()])

    # --- practice attempts -------------------------------------------------

    def _attempt(self, path: Path, raw: bytes) -> None:
        from questionbank.loader import read_document
        from questionbank.schema import checker

        shown = str(path)
        attempt_checker = checker("attempt")
        data = None
        try:
            data = json.loads(raw)
        except ValueError:
            pass
        if isinstance(data, dict) and data.get("format") == "qb-form":
            self.out.notes.append(Note(shown, 1, "a printed form, not responses: pass it with --forms"))
            return
        if data is None or not attempt_checker.is_valid(data):
            doc = read_document(path, shown, attempt_checker.hint, raw)
            problems = doc.findings + attempt_checker.check(doc)
            for finding in problems:
                self.out.notes.append(Note(shown, finding.line, f"{finding.message} (column {finding.column})"))
            if problems:
                self.out.notes.append(Note(shown, 1, "not a valid practice attempt; file left out"))
                return
            data = doc.data
        positions = _response_lines(raw)
        if data.get("retake"):
            self.out.notes.append(Note(shown, 1, f"a retake ({data['retake']}) of an earlier attempt: left out, "
                                                 "so each learner counts once, on a first attempt"))
            return
        if data.get("finished") is None:
            self.out.notes.append(Note(shown, 1, "an attempt that was not finished; left out"))
            return
        examinee = self.out.examinee(f"attempt:{data['attempt_id']}", (shown, 1))
        if examinee is None:
            return
        seen = set()
        for n, response in enumerate(data["responses"]):
            where = (shown, positions[n] if n < len(positions) else 1)
            item = self.items.get(response["item_id"])
            if item is None:
                self.out.notes.append(Note(*where, f"no item '{response['item_id']}' in the bank; answer left out"))
                continue
            current = bank_version(item)
            item_hash = response.get("item_hash") or current.content_hash
            vkey = (current.item_id, item_hash)
            version = self.out.versions.get(vkey)
            if version is None:
                if item_hash == current.content_hash:
                    version = current
                else:  # an earlier version: its key is known only from the answers marked correct
                    version = Version(current.item_id, item_hash, current.type, current.options, None)
                self.out.versions[vkey] = version
            if vkey in seen:
                self.out.notes.append(Note(*where, f"'{current.item_id}' answered twice in one attempt; "
                                                   "the second answer left out"))
                continue
            seen.add(vkey)
            if version.type == "open":
                score = response.get("self_score")
                if score is not None:
                    self.out.add(vkey, where, [examinee], [OMITTED], [float(score)])
                continue
            chosen = response["chosen"]
            unknown = [c for c in chosen if c not in version.options]
            if unknown:
                self.out.notes.append(Note(*where, f"'{current.item_id}' has no option {', '.join(unknown)}; "
                                                   "answer left out"))
                continue
            try:
                mask = mask_of(chosen)
            except TooManyOptions as exc:
                self.out.notes.append(Note(*where, f"'{current.item_id}': {exc}; answer left out"))
                continue
            self.out.add(vkey, where, [examinee], [mask])
            if version.key is None and response.get("correct") is True:
                version.key = mask  # "correct" means: exactly the keys were chosen


def _score(cell: str) -> Optional[float]:
    try:
        value = float(cell)
    except ValueError:
        return None
    return value if 0 <= value <= 1 else None


def _letters_mask(cell: str, question) -> Tuple[int, Optional[str]]:
    """The option mask of printed letters ("B", "A,C", "AC"), or a reason."""
    if not cell:
        return OMITTED, None
    cell = cell.upper()
    parts = [p for p in _LETTER_SPLIT.split(cell) if p]
    if len(parts) == 1 and len(parts[0]) > 1 and parts[0].isalpha() and all(question.option_of(c) for c in parts[0]):
        parts = list(parts[0])  # "AC" from a scanner
    mask = 0
    for part in parts:
        option_id = question.option_of(part)
        if option_id is None:
            letters = ", ".join(letter_ for letter_, _ in question.options)
            return 0, f"'{part}' is not a letter of question {question.number} ({letters})"
        if int(option_id[1:]) > MAX_OPTIONS:
            return 0, f"option {option_id}: qb analyze reads items of up to {MAX_OPTIONS} options"
        mask |= 1 << (int(option_id[1:]) - 1)
    return mask, None


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _response_mask(cell: str, item: Item) -> Tuple[int, Optional[str]]:
    """The option mask of a long file's response: option ids or one option's text."""
    if not cell:
        return OMITTED, None
    ids = {o.id for o in item.options}
    parts = [p.strip() for p in cell.split(",")]
    if all(_OPTION_ID.match(p) for p in parts):
        unknown = [p for p in parts if p not in ids]
        if unknown:
            return 0, f"no option {', '.join(unknown)} (the options are {', '.join(sorted(ids))})"
        try:
            return mask_of(parts), None
        except TooManyOptions as exc:
            return 0, str(exc)
    wanted = _normal(cell)
    matches = [o for o in item.options if _normal(o.text) == wanted]
    if len(matches) != 1:
        return 0, f"'{cell}' is neither an option id nor the text of one option"
    try:
        return mask_of([matches[0].id]), None
    except TooManyOptions as exc:
        return 0, str(exc)


_RESPONSE_START = re.compile(rb'"item_id"\s*:')


def _response_lines(raw: bytes) -> List[int]:
    """The line of each response record of an attempt file (the line of its
    ``item_id``), for notes; attempts are flat enough for this to hold."""
    return [raw.count(b"\n", 0, m.start()) + 1 for m in _RESPONSE_START.finditer(raw)]


def settle_versions(collected: Collected, items: Dict[str, Item]) -> Dict[str, Version]:
    """For each item, the version whose answers are analysed: the bank's
    current one when answers to it exist, else the one answered most.
    Answers to other versions are left out, with a note."""
    counts: Dict[str, Dict[str, int]] = {}
    for (item_id, item_hash), column in collected.columns.items():
        counts.setdefault(item_id, {})[item_hash] = column.count
    chosen: Dict[str, Version] = {}
    for item_id, by_hash in counts.items():
        current = items.get(item_id)
        if current is not None and current.content_hash in by_hash:
            best, which = current.content_hash, "the current version"
        else:
            best = sorted(by_hash.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            which = "an earlier version" if current is not None else "a version no longer in the bank"
        chosen[item_id] = collected.versions[(item_id, best)]
        for other, count in sorted(by_hash.items()):
            if other != best:
                collected.notes.append(Note(*collected.first_seen[(item_id, other)],
                                            f"'{item_id}': {count} answers to another version of the item left out "
                                            f"(analysed: {which}, {by_hash[best]} answers)"))
    return chosen
