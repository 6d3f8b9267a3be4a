"""The corpus items that the development set names, read from converted banks.

A reference names a corpus and an item: ``mmlu:<id>`` (MMLU through ``qb
import csv --no-header``), ``radio:<pool>/<id>`` (one of the three current US
amateur radio pools through ``benchmarks/corpora/radio_pools.py``) and
``aws:<id>`` (the AWS Cloud Practitioner practice exams through
``benchmarks/corpora/aws_ccp.py``). The corpora are read from ``../shared``
and converted into a work folder; nothing of them is stored here.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator, Tuple

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CORPORA = REPO.parent / "shared" / "corpora"
RADIO_POOLS = ("technician-2026-2030", "general-2023-2027", "extra-2024-2028")


def convert(work: Path, with_trivia: bool = False) -> Dict[str, Path]:
    """Convert the corpora into ``work`` (once) and return corpus -> folder
    (the radio folder holds one bank per pool). OpenTriviaQA, which the
    development set does not use, only when asked."""
    work.mkdir(parents=True, exist_ok=True)
    converters = REPO / "benchmarks" / "corpora"
    radio, aws, mmlu, trivia = work / "radio", work / "aws", work / "mmlu", work / "trivia"
    if not (radio / RADIO_POOLS[0] / "bank.yaml").exists():
        _run([sys.executable, str(converters / "radio_pools.py"), str(CORPORA / "us-ham-radio-pools"),
              "-o", str(radio)])
    if not (aws / "bank.yaml").exists():
        _run([sys.executable, str(converters / "aws_ccp.py"), str(CORPORA / "aws-ccp-kananinirav"), "-o", str(aws)])
    if not (mmlu / "bank.yaml").exists():
        files = sorted(str(p) for p in (CORPORA / "mmlu" / "data").glob("*/*.csv"))
        _run([sys.executable, "-m", "questionbank", "import", "csv", "--no-header", *files, "-o", str(mmlu)])
    if with_trivia and not (trivia / "bank.yaml").exists():
        _run([sys.executable, str(converters / "opentriviaqa.py"), str(CORPORA / "opentriviaqa"), "-o", str(trivia)])
    return {"radio": radio, "aws": aws, "mmlu": mmlu, "trivia": trivia}


def _run(command) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _items(bank: Path) -> Iterator[dict]:
    for path in sorted((bank / "items").glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        yield from data.get("items") or ()


def items(work: Path) -> Dict[str, dict]:
    """Every item of the three corpora by reference, in a stable order."""
    folders = convert(work)
    found: Dict[str, dict] = {}
    for item in _items(folders["mmlu"]):
        found[f"mmlu:{item['id']}"] = item
    for pool in RADIO_POOLS:
        for item in _items(folders["radio"] / pool):
            found[f"radio:{pool}/{item['id']}"] = item
    for item in _items(folders["aws"]):
        found[f"aws:{item['id']}"] = item
    return found


def corpus_of(ref: str) -> str:
    return ref.split(":", 1)[0]


def split(ref: str) -> Tuple[str, str]:
    corpus, _, rest = ref.partition(":")
    return corpus, rest
