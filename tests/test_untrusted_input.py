"""A bank from a stranger is read within bounds: only regular files, of a
bounded size and nesting depth, and whatever would crash qb is a finding
(issue 10, the read side). Each test is a reproduction from the issue; see
docs/security.md for what they prove together."""

from __future__ import annotations

import os
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from conftest import BANK_YAML, lint, write_bank
from questionbank.limits import MAX_DEPTH
from questionbank.loader import Document
from questionbank.suppress import Covering, find_suppressions

ITEM = """\
items:
  - id: q1
    type: open
    domain: ingestion
    stem: What does a Kinesis shard provide?
    answer: A fixed unit of capacity.
"""
SPEC = "exam: {title: T, count: 1, seed: 1}\n"


def qb(*args: str, cwd: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    """qb in a process of its own, so a read that blocks fails the test instead of hanging it."""
    return subprocess.run([sys.executable, "-m", "questionbank", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def rules_at(findings) -> list:
    return [(f.path, f.line, f.rule) for f in findings]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipes_are_reported_not_opened(tmp_path: Path) -> None:
    root = write_bank(tmp_path / "bank", {"a.yaml": ITEM}, exams={"real.yaml": SPEC})
    os.mkfifo(root / "items" / "new.yaml")
    os.mkfifo(root / "exams" / "p.yaml")
    done = qb("lint", "--no-cache", ".", cwd=root)
    assert done.returncode == 1
    assert "exams/p.yaml:1:1: error unreadable-file not read: it is a named pipe (FIFO)" in done.stdout
    assert "items/new.yaml:1:1: error unreadable-file not read: it is a named pipe (FIFO)" in done.stdout
    assert "internal error" not in done.stderr


def test_a_link_to_dev_zero_is_not_read(tmp_path: Path) -> None:
    root = write_bank(tmp_path / "bank", {"a.yaml": ITEM})
    os.symlink("/dev/zero", root / "items" / "zero.yaml")
    done = qb("lint", "--no-cache", ".", cwd=root)
    assert "items/zero.yaml:1:1: error unreadable-file" in done.stdout  # a link out of the bank
    # A device inside the bank (as a copied /dev/zero would be) is refused by its kind.
    from questionbank.limits import Refused, read_bytes

    with pytest.raises(Refused, match="it is a character device"):
        read_bytes(Path("/dev/zero"))


def test_a_file_over_the_size_limit_is_reported_unread(tmp_path: Path) -> None:
    # Sparse: 65 MB on paper, nothing on disk; it must be refused by its size, not read.
    root = write_bank(tmp_path / "bank", {"a.yaml": ITEM})
    with open(root / "items" / "huge.yaml", "wb") as f:
        f.truncate(65 * 1024 * 1024)
    findings = lint(root)
    assert rules_at(findings) == [("items/huge.yaml", 1, "unreadable-file")]
    assert "larger than 64 MB" in findings[0].message and "max-file-mb" in findings[0].message


def test_the_size_limit_is_a_setting(tmp_path: Path) -> None:
    root = write_bank(tmp_path / "bank", {"a.yaml": ITEM + "    x-pad: '" + "x" * (2 * 1024 * 1024) + "'\n"},
                      bank_yaml=BANK_YAML + "lint: {max-file-mb: 1}\n")
    assert rules_at(lint(root)) == [("items/a.yaml", 1, "unreadable-file")]
    (root / "bank.yaml").write_text(BANK_YAML + "lint: {max-file-mb: 3}\n", encoding="utf-8")
    assert lint(root) == []


def test_990_levels_in_2kb_are_a_finding(tmp_path: Path) -> None:
    deep = "[" * 990 + "]" * 990
    root = write_bank(tmp_path / "bank", {"a.yaml": f"items:\n  - id: d\n    type: open\n    stem: {deep}\n"
                                                      "    answer: a\n",
                                          "b.yaml": "items: " + deep + "\n"})
    findings = lint(root)
    assert [(f.path, f.rule) for f in findings] == [("items/a.yaml", "yaml-syntax"), ("items/b.yaml", "yaml-syntax")]
    assert f"nested more than {MAX_DEPTH} levels deep" in findings[0].message


def test_nesting_up_to_the_cap_is_read(tmp_path: Path) -> None:
    depth = MAX_DEPTH - 3  # items, the item and x-deep take three levels
    root = write_bank(tmp_path / "bank", {"a.yaml": ITEM + "    x-deep: " + "[" * depth + "]" * depth + "\n"})
    assert lint(root) == []


def test_forty_thousand_levels_stop_at_the_cap(tmp_path: Path) -> None:
    # Once 6 GB of path tuples; now refused at level MAX_DEPTH, having built nothing deeper.
    root = write_bank(tmp_path / "bank", {"a.yaml": "x: " + "[" * 40_000 + "]" * 40_000 + "\n"})
    findings = lint(root)
    assert rules_at(findings) == [("items/a.yaml", 1, "yaml-syntax")]


def test_an_integer_of_5000_digits_is_a_finding(tmp_path: Path) -> None:
    root = write_bank(tmp_path / "bank", {"a.yaml": ITEM + "    x-n: " + "1" * 5000 + "\n",
                                          "b.yaml": ITEM.replace("q1", "q2")})
    findings = lint(root)
    assert rules_at(findings) == [("items/a.yaml", 7, "yaml-syntax")]
    assert "5,000 digits" in findings[0].message


@pytest.mark.parametrize("weight, words", [
    (".inf", "infinite"), ("1e400", "infinite"), (".nan", "not a number"), ("text", "expected a number"),
    ("[1, 2]", "expected a number"), ("-5", "must be at least 0"),
])
def test_bad_domain_weights_with_an_exam_spec(tmp_path: Path, weight: str, words: str) -> None:
    bank_yaml = BANK_YAML.replace("weight: 34", f"weight: {weight}")
    root = write_bank(tmp_path / "bank", {"a.yaml": ITEM}, bank_yaml=bank_yaml, exams={"p.yaml": SPEC})
    findings = lint(root)
    assert rules_at(findings) == [("bank.yaml", 4, "schema")]
    assert words in findings[0].message
    for args in (["render", "exams/p.yaml", "-o", "out"], ["stats"]):
        done = qb(*args, cwd=root)
        assert done.returncode == 1, done.stderr
        assert "bank.yaml:4:" in done.stderr and "internal error" not in done.stderr


def test_nonfinite_numbers_in_own_keys_are_kept(tmp_path: Path) -> None:
    root = write_bank(tmp_path / "bank", {"a.yaml": ITEM + "    x-score: .nan\n"})
    assert lint(root) == []


def test_an_invalid_level_for_a_rule_that_fires(tmp_path: Path) -> None:
    root = write_bank(tmp_path / "bank", {"a.yaml": ITEM + "    bogus: 1\n"},
                      bank_yaml=BANK_YAML + "lint: {rules: {schema: Error}}\n")
    findings = lint(root)
    assert rules_at(findings) == [("bank.yaml", 8, "schema"), ("items/a.yaml", 7, "schema")]
    assert "'Error' is not one of: error, warning, info, off (did you mean 'error'?)" in findings[0].message


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085"])
def test_lines_are_counted_at_lf_crlf_and_cr_only(tmp_path: Path, separator: str) -> None:
    text = ("items:\n  - id: q1\n    type: open\n    domain: ingestion\n"
            f"    stem: 'One{separator}two{separator}three{separator}four?'\n"
            "    answer: a\n    answr: typo  # qb: disable=missing-rationale\n")
    root = write_bank(tmp_path / "bank", {"a.yaml": text})
    findings = lint(root)
    assert [(f.line, f.column, f.rule) for f in findings] == [(7, 5, "schema")]
    # The suppression comment on line 7 is found at line 7 (not 10) and reported as unused there.
    root2 = write_bank(tmp_path / "bank2", {"a.yaml": text.replace("    answr: typo", "    x-note: typo")})
    assert [(f.line, f.rule) for f in lint(root2)] == [(7, "unused-suppression")]


def test_a_link_from_items_to_the_bank_is_not_walked(tmp_path: Path) -> None:
    root = write_bank(tmp_path / "bank", {"a.yaml": ITEM}, exams={"p.yaml": SPEC})
    os.symlink("..", root / "items" / "loop")
    os.symlink("../exams", root / "items" / "specs")
    findings = lint(root)
    assert rules_at(findings) == [("items/loop", 1, "unreadable-file"), ("items/specs", 1, "unreadable-file")]
    assert "contains the bank" in findings[0].message
    assert "exam specs are not item files" in findings[1].message


def test_a_utf32_byte_order_mark_is_named(tmp_path: Path) -> None:
    root = write_bank(tmp_path / "bank", {})
    (root / "items" / "a.yaml").write_bytes(ITEM.encode("utf-32"))
    findings = lint(root)
    assert rules_at(findings) == [("items/a.yaml", 1, "yaml-syntax")]
    assert "UTF-32 byte order mark" in findings[0].message


def test_one_suppression_per_item_is_linear() -> None:
    # 100,000 items each with a comment: a pass over all comments per
    # comment (as before) would take hours here; linear work takes a second.
    n = 100_000
    lines = ["items:"]
    starts = []
    values = {}
    for i in range(n):
        starts.append(len(lines) + 1)
        values[("items", i, "id")] = (len(lines) + 1, 9)
        lines.append(f"  - id: q{i}  # qb: disable=absolute-term")
        lines.append("    stem: 'a # qb: disable=vague-term'")
        values[("items", i, "stem")] = (len(lines), 11)
    text = "\n".join(lines) + "\n"
    doc = Document(path=Path("a.yaml"), display="a.yaml", text=text, values=values)
    found = find_suppressions(doc, starts)
    assert len(found) == n and all(s.rules == ("absolute-term",) for s in found)
    assert found[-1].span == (starts[-1], len(lines))
    index = Covering(found)
    hits = [index.covering("absolute-term", start + 1) for start in starts]
    assert all(len(h) == 1 and h[0].line == start for h, start in zip(hits, starts))
    assert index.covering("vague-term", starts[5]) == []



def _image_bank(tmp_path: Path, stem_images: str, settings: str = "") -> Path:
    """A bank whose one item shows ``stem_images``, beside a secret outside it."""
    secret = tmp_path / "secret.png"
    secret.write_bytes(SECRET)
    item = ITEM.replace("    stem: What does a Kinesis shard provide?",
                        f"    stem: |-\n      {stem_images}\n\n      What does a Kinesis shard provide?")
    return write_bank(tmp_path / "bank", {"a.yaml": item}, bank_yaml=BANK_YAML + settings,
                      exams={"p.yaml": SPEC})


SECRET = b"\x89PNG\r\n\x1a\nTOKEN=hunter2"
HOSTILE_IMAGES = "![a](/etc/passwd) ![b](../../../../../../proc/self/environ) ![c](../../secret.png) " \
                 "![d](%2e%2e/%2e%2e/secret.png) ![e](img/link.png)"


def test_images_outside_the_bank_are_findings(tmp_path: Path) -> None:
    root = _image_bank(tmp_path, HOSTILE_IMAGES)
    (root / "items" / "img").mkdir()
    os.symlink(tmp_path / "secret.png", root / "items" / "img" / "link.png")
    findings = [f for f in lint(root) if f.rule in ("image-outside-bank", "missing-image")]
    assert [f.rule for f in findings] == ["image-outside-bank"] * 5
    assert all("is outside the bank folder" in f.message for f in findings)


def test_images_outside_the_bank_are_never_embedded(tmp_path: Path) -> None:
    """With the rule turned off, render, the practice page and the QTI and
    Anki exports still read nothing outside the bank."""
    import zipfile

    root = _image_bank(tmp_path, HOSTILE_IMAGES + " ![fine](img/ok.png)",
                       "lint: {rules: {image-outside-bank: off}}\n")
    (root / "items" / "img").mkdir()
    os.symlink(tmp_path / "secret.png", root / "items" / "img" / "link.png")
    (root / "items" / "img" / "ok.png").write_bytes(b"\x89PNG\r\n\x1a\nINSIDE")
    done = qb("render", "exams/p.yaml", "-o", "out", "--practice", cwd=root)
    assert done.returncode == 0, done.stderr
    outputs = [p.read_bytes() for p in (root / "out").iterdir() if p.suffix == ".html"]
    for fmt in ("qti", "anki"):
        assert qb("export", fmt, ".", "-o", f"../x.{fmt}", cwd=root).returncode == 0
        with zipfile.ZipFile(tmp_path / f"x.{fmt}") as package:
            outputs += [package.read(name) for name in package.namelist()]
    import base64

    leaked = (base64.b64encode(SECRET), base64.b64encode(Path("/etc/passwd").read_bytes()[:30]), b"hunter2")
    inside = base64.b64encode(b"\x89PNG\r\n\x1a\nINSIDE")
    assert any(inside in data for data in outputs)  # the check can see an embedded image
    assert not any(secret in data for data in outputs for secret in leaked)
    assert not any(b'src="/etc/passwd"' in data for data in outputs)  # not even the path, for a browser to load


def test_a_sparse_40_gb_image_is_not_read(tmp_path: Path) -> None:
    root = _image_bank(tmp_path, "![big](img/big.png)")
    (root / "items" / "img").mkdir()
    with open(root / "items" / "img" / "big.png", "wb") as f:
        f.truncate(40 * 1024 ** 3)
    findings = lint(root)
    assert [f.rule for f in findings] == ["image-outside-bank"]
    assert "larger than 64 MB" in findings[0].message
    (root / "bank.yaml").write_text(BANK_YAML + "lint: {rules: {image-outside-bank: off}}\n", encoding="utf-8")
    done = qb("render", "exams/p.yaml", "-o", "out", cwd=root)
    assert done.returncode == 0, done.stderr
    assert max(p.stat().st_size for p in (root / "out").iterdir()) < 10 * 1024 * 1024


def test_image_findings_follow_the_image_files_not_the_cache(tmp_path: Path) -> None:
    # The item file does not change; the image beside it does (lint's cache
    # is keyed by the item file's content).
    root = _image_bank(tmp_path, "![fig](img/fig.png)")
    assert [f.rule for f in lint(root)] == ["missing-image"]
    (root / "items" / "img").mkdir()
    os.symlink(tmp_path / "secret.png", root / "items" / "img" / "fig.png")
    assert [f.rule for f in lint(root)] == ["image-outside-bank"]
    (root / "items" / "img" / "fig.png").unlink()
    (root / "items" / "img" / "fig.png").write_bytes(SECRET)
    assert lint(root) == []


@pytest.mark.parametrize("unit", ["*a ", "<a ", "[a](", "__a ", "```a\n", ".,"])
def test_a_megabyte_stem_is_linted_in_linear_time(tmp_path: Path, unit: str) -> None:
    """A stem of 1 MB that makes a backtracking pattern start at every
    delimiter and scan to the end (once 9.5 s at 60 KB and over 180 s at
    300 KB for '*a '): quadratic work would take hours here."""
    import json

    text = unit * (1_000_000 // len(unit)) + "Which one?"
    items = {"items": [{"id": "q1", "type": "single", "domain": "ingestion", "stem": text, "explanation": text,
                        "options": [{"text": text, "correct": True}, {"text": "Beta"}, {"text": "Gamma"}]}]}
    root = write_bank(tmp_path / "bank", {"a.yaml": json.dumps(items)})
    assert all(f.rule not in ("yaml-syntax", "schema") for f in lint(root))


def test_four_thousand_items_sharing_one_id(tmp_path: Path) -> None:
    """Once 16.6 s, 3.5 GB and 391 MB of output (every finding listed every
    other place); now each finding names three others and counts the rest."""
    n = 4000
    text = "items:\n" + "".join(f"  - {{id: same, type: open, domain: ingestion, stem: 'What is step {i}?', "
                                f"answer: 'Step {i}.'}}\n" for i in range(n))
    root = write_bank(tmp_path / "bank", {"a.yaml": text})
    findings = [f for f in lint(root) if f.rule == "duplicate-id"]
    assert len(findings) == n
    first = findings[0]
    assert first.message == ("id 'same' is also used at items/a.yaml:3:5, items/a.yaml:4:5, items/a.yaml:5:5 "
                             "and 3,996 more")
    assert max(len(f.related) for f in findings) == 20
    assert all(len(f.message) < 200 for f in findings)


@pytest.mark.parametrize("char", ["\\x01", "\\x07", "\\x0c", "\\x19"])
def test_control_characters_are_findings_not_dropped_by_exports(tmp_path: Path, char: str) -> None:
    item = ITEM.replace("stem: What does a Kinesis shard provide?", f'stem: "What does a Kinesis{char} shard provide?"')
    root = write_bank(tmp_path / "bank", {"a.yaml": item})
    assert rules_at(lint(root)) == [("items/a.yaml", 5, "control-character")]
    for fmt in ("moodle", "qti"):
        done = qb("export", fmt, ".", "-o", f"../x.{fmt}", cwd=root)
        assert done.returncode == 1 and "control-character" in done.stderr
        assert not (tmp_path / f"x.{fmt}").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipes_block_neither_render_nor_qb_schema(tmp_path: Path) -> None:
    """A pipe planted as the render manifest of out/ in the bank (render's
    default folder), or as an item file, for the commands that read them
    besides lint."""
    root = write_bank(tmp_path / "bank", {"a.yaml": ITEM}, exams={"p.yaml": SPEC})
    (root / "out" / "p").mkdir(parents=True)
    os.mkfifo(root / "out" / "p" / ".qb-render.json")
    done = qb("render", "exams/p.yaml", cwd=root, timeout=60)
    assert "internal error" not in done.stderr and done.returncode in (0, 2), done.stderr
    os.mkfifo(root / "items" / "new.yaml")
    for args in (["schema", "."], ["schema", "--update", "."]):
        done = qb(*args, cwd=root, timeout=60)
        assert "internal error" not in done.stderr, done.stderr


def test_deep_values_share_their_ancestors_position() -> None:
    """Memory per value does not grow with its depth: a value nested deeper
    than the loader records positions for stores no path of its own."""
    from questionbank.loader import parse_text

    depth = MAX_DEPTH - 2
    doc = Document(path=Path("a.yaml"), display="a.yaml")
    parse_text(doc, "x:\n" + "  - " + "[" * depth + "1" + "]" * depth + "\n" * 1 + "y: [{a: 1, a: 2}]\n", None)
    assert doc.findings[0].rule == "duplicate-key" and doc.findings[0].line == 3
    assert max(len(path) for path in doc.values) <= 16
    inner = doc.data["x"][0]
    for _ in range(depth - 1):
        inner = inner[0]
    assert inner == [1]


def test_syntax_errors_after_a_line_separator_name_the_right_lines(tmp_path: Path) -> None:
    text = "items:\n  - id: q1\n    stem: 'One\u2028two\u2028three'\n    x: {a: 1\n    y: 2\n"
    root = write_bank(tmp_path / "bank", {"a.yaml": text})
    [finding] = lint(root)
    assert finding.rule == "yaml-syntax" and finding.line == 5
    assert "see line 4, column 8" in finding.message


def test_images_on_other_hosts_are_findings_and_never_loaded(tmp_path: Path) -> None:
    """A remote image would be a web beacon in every printed page: lint
    reports it, render leaves its address out, and the pages' policy forbids
    any request to another host."""
    root = _image_bank(tmp_path, "![beacon](https://tracker.example/pixel.png?exam=1)")
    findings = [f for f in lint(root) if f.rule == "image-outside-bank"]
    assert len(findings) == 1 and "is on another host" in findings[0].message
    (root / "bank.yaml").write_text(BANK_YAML + "lint: {rules: {image-outside-bank: off}}\n", encoding="utf-8")
    done = qb("render", "exams/p.yaml", "-o", "out", "--practice", cwd=root)
    assert done.returncode == 0, done.stderr
    pages = [p for p in (root / "out").iterdir() if p.suffix == ".html"]
    assert any(p.name.startswith("practice-") for p in pages)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "tracker.example" not in html
        # One policy a page: a second one would apply too, and the print
        # pages' policy allows no script.
        assert html.count("Content-Security-Policy") == 1 and "default-src 'none'" in unescape(html)
