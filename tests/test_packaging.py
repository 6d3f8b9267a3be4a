"""A plain, non-editable install from a wheel into a fresh virtual
environment finds its schemas and templates from any working directory."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import EXAMPLE_BANK, REPO


def test_wheel_in_a_fresh_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(dist), str(REPO)], check=True)
    wheel = next(dist.glob("qb-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for schema in ("items", "bank", "exam"):
        assert f"questionbank/schemas/{schema}.schema.json" in names
    assert any(n.startswith("questionbank/templates/") for n in names)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = venv / "bin" / "pip"
    subprocess.run([str(pip), "install", "-q", "--disable-pip-version-check", str(wheel)], check=True)
    qb = venv / "bin" / "qb"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import questionbank, questionbank.resources as r; "
                            "print(questionbank.__file__); print(r.templates_dir())"],
                           capture_output=True, text=True, cwd=elsewhere, check=True).stdout.split()
    assert all(str(venv) in w for w in where), where
    done = subprocess.run([str(qb), "lint", "--format", "json", str(EXAMPLE_BANK)],
                          capture_output=True, text=True, cwd=elsewhere)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout) == []
    done = subprocess.run([str(qb), "render", str(EXAMPLE_BANK / "exams" / "practice.yaml"), "-o", "out",
                           "--practice"], capture_output=True, text=True, cwd=elsewhere)
    assert done.returncode == 0, done.stdout + done.stderr
    assert 'data-item-id="' in (elsewhere / "out" / "exam-A.html").read_text(encoding="utf-8")
    assert 'data-action="start-study"' in (elsewhere / "out" / "practice-A.html").read_text(encoding="utf-8")
    init = subprocess.run([str(qb), "init", "fresh"], capture_output=True, text=True, cwd=elsewhere)
    schema_line = (elsewhere / "fresh" / "bank.yaml").read_text().splitlines()[0]
    assert init.returncode == 0 and schema_line.endswith("$schema=.qb/schemas/bank.schema.json"), schema_line
    installed = next(venv.glob("lib/python*/site-packages/questionbank/schemas/bank.schema.json"))
    assert (elsewhere / "fresh" / ".qb" / "schemas" / "bank.schema.json").read_bytes() == installed.read_bytes()
    broken = elsewhere / "bank"
    (broken / "items").mkdir(parents=True)
    (broken / "bank.yaml").write_text("title: t\n")
    (broken / "items" / "a.yaml").write_text("items:\n  - id: q\n    type: open\n    stem: s\n    answr: a\n")
    done = subprocess.run([str(qb), "lint", str(broken)], capture_output=True, text=True, cwd=elsewhere)
    assert done.returncode == 1 and "unknown key 'answr'" in done.stdout
