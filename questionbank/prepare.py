"""From a spec path to an assembled exam, refusing what cannot be printed.

A bank with lint errors is not printed: a broken item would print as a
broken question. Problems of the spec that only show against the bank (a
blueprint domain or filter id that does not exist, a domain with too few
items) come back as findings at the spec's line and column, like lint's.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import List, Tuple

from questionbank.assemble import AssemblyError, Exam, assemble
from questionbank.bank import EXAMS_DIR, Bank, BankLayout, find_bank_root, load_bank, scan_bank
from questionbank.finding import Finding, Severity
from questionbank.lint import display_path, lint_bank
from questionbank.loader import read_document
from questionbank.outdir import OutdirError
from questionbank.schema import checker
from questionbank.spec import ExamSpec, spec_from_data

# The rule id of findings about a spec that lint's schema check cannot see.
SPEC_RULE = "exam-spec"
# Where `qb render` writes when no -o is given: out/<spec name>/ in the bank.
OUT_DIR = "out"


class NoBank(Exception):
    """The spec lies in no bank (exit status 2)."""


class Refused(Exception):
    """The bank or spec has errors; ``findings`` lists them."""

    def __init__(self, findings: List[Finding]):
        self.findings = findings
        super().__init__(f"{len(findings)} error(s)")


def load_exam(spec_path: Path) -> Tuple[Bank, ExamSpec, Exam]:
    """Lint the bank around ``spec_path``, read the spec and assemble it."""
    root = find_bank_root(spec_path)
    if root is None:
        raise NoBank(f"{spec_path}: not inside a bank (no bank.yaml in its folder or above it)")
    doc = read_document(spec_path, display_path(spec_path), checker("exam").hint)
    data = doc.data if isinstance(doc.data, dict) else {}
    if BankLayout(root).kind_of(Path(os.path.abspath(spec_path))) == "items" or ("items" in data
                                                                              and "exam" not in data):
        raise NoBank(f"{spec_path}: this is an item file; exam specs live in "
                     f"{display_path(root / EXAMS_DIR)}{os.sep} (a file with `exam:`, see the README)")
    errors = [f for f in lint_bank(root).findings if f.severity is Severity.ERROR]
    inside = {os.path.abspath(p) for p in scan_bank(root).exam_files}
    if os.path.abspath(spec_path) not in inside:  # lint did not see it
        errors += [f for f in doc.findings + checker("exam").check(doc) if f.severity is Severity.ERROR]
    if errors:
        raise Refused(sorted(errors, key=Finding.sort_key))
    bank = load_bank(root)
    spec = spec_from_data(doc.data, spec_path)
    try:
        exam = assemble(bank, spec)
    except AssemblyError as exc:
        raise Refused([doc.finding(_position(doc, path), SPEC_RULE, message) for path, message in exc.problems])
    return bank, spec, exam


def default_outdir(root: Path, spec_path: Path) -> Path:
    """out/<spec name>/ in the bank: beside bank.yaml, where the author looks.
    Never through a link, which could lead anywhere."""
    out = root / OUT_DIR
    for folder in (out, out / spec_path.stem):
        if folder.is_symlink():
            raise OutdirError(f"{display_path(folder)} is a link; give the output folder with -o")
    return Path(display_path(out / spec_path.stem))


def _position(doc, path: Tuple) -> Tuple[int, int]:
    """The key of the entry at ``path`` when it has one (a blueprint domain),
    else its value."""
    return doc.keys.get(path) or doc.value_pos(path)
