"""Round trips through the formats that both export and import (csv, gift,
moodle): the same stems, options, keys and, where the format holds them,
rationales come back, compared after normalising whitespace. Hypothesis
generates banks of hostile text (GIFT specials, XML specials, Markdown,
Unicode, empty rationales) and checks the round trips and the validity of
every export with the independent checkers."""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path
from typing import Dict, List

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BANK_YAML, EXAMPLE_BANK, lint
from interop import comparable, export_example, norm, open_anki_deck, parse_gift, qti_errors, run_cli, source_of
from questionbank.bank import load_bank
from questionbank.exporters import EXPORTERS
from questionbank.importers import IMPORTERS
from questionbank.importers.csvfile import import_csv_files
from questionbank.atomic import write_atomic
from questionbank.yamlwrite import dump_items
from test_export_gift import check_against_bank

ROUND_TRIP = ("csv", "gift", "moodle")
# Hypothesis examples per run: enough to meet every special at least once
# in a few places, few enough that the suite stays fast (QB_HYPOTHESIS_EXAMPLES
# asks for more, for a long run by hand).
EXAMPLES = int(os.environ.get("QB_HYPOTHESIS_EXAMPLES", 40))


def _import(fmt: str, file: Path, out: Path) -> None:
    if fmt == "csv":
        import_csv_files([file], out, {})
    else:
        IMPORTERS[fmt]([file], out)


def _details(items, fmt: str) -> Dict[str, dict]:
    """What else a format keeps: domain, tags, explanation of choice items."""
    return {i.id: {"domain": i.domain, "tags": [t.strip() for t in i.tags],
                   "explanation": norm(i.explanation) if i.is_choice else None} for i in items}


@pytest.mark.parametrize("fmt", ROUND_TRIP)
def test_example_bank_round_trip(fmt: str, tmp_path: Path) -> None:
    original = load_bank(EXAMPLE_BANK).items
    exported = export_example(fmt, tmp_path / f"bank.{fmt}")
    result = run_cli("import", fmt, str(exported), "-o", str(tmp_path / "again"))
    assert result.exit_code == 0, result.stdout + result.stderr
    back = load_bank(tmp_path / "again").items
    assert len(back) == len(original) == 53
    rationales = fmt != "csv"
    assert comparable(back, rationales) == comparable(original, rationales)
    assert _details(back, fmt) == _details(original, fmt)
    if fmt == "moodle":  # the only one of the three that keeps a model answer apart
        assert {i.id: norm(i.answer) for i in back} == {i.id: norm(i.answer) for i in original}
    assert not [f for f in lint(tmp_path / "again") if f.rule in ("schema", "yaml-syntax", "duplicate-id",
                                                                  "unknown-domain")]


# --- hostile banks ----------------------------------------------------------

SPECIALS = ["~", "=", "#", "{", "}", ":", "\\", "\\n", "->", "-\\>", "%50%", "%-100%", "[html]", "[markdown]",
            "//", "::", "####", "$CATEGORY: x", "T", "FALSE", "ANSWER: A", "A. ", "<script>alert(1)</script>",
            "&amp;", "&", "<", ">", "]]>", '"', "'", "**bold**", "_em_", "`a -> b`", "\n", "\n\n", "# heading",
            "- item", "3. three", "| a | b |\n|---|--:|\n| 1 | 2 |", "![pic](pic.png)", "[link](https://example.com)",
            "<b>x</b>", "é", "中文", "🙂", "\u200b", "\u2028", "\t", "  ", "@@PLUGINFILE@@/x.png",
            "+1", "@SUM(A1)", "'=x", "''-", "'"]
# Characters a YAML bank can hold; U+FDD0-U+FDEF are noncharacters the GIFT
# reader uses internally.
CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Co"),
                      blacklist_characters="".join(chr(c) for c in range(0xFDD0, 0xFDF0)) + "\ufeff")
# Stripped: yamlwrite.dump_items writes a multi-line text that starts with a
# tab as a block scalar YAML cannot read back (a foundation bug, reported);
# every format trims a text's ends anyway.
TEXT = st.lists(st.one_of(st.sampled_from(SPECIALS), st.text(CHARS, max_size=6)), min_size=1, max_size=5) \
    .map(lambda parts: "".join(parts).strip()).filter(bool)
TAG = st.text(st.characters(whitelist_categories=("Ll", "Lu", "Nd"), whitelist_characters=":#=~{}-_ é"),
              min_size=1, max_size=8).filter(lambda t: t.strip())
DOMAINS = ("ingestion", "store", "operations", "security")


@st.composite
def items(draw) -> List[dict]:
    ids = draw(st.lists(st.from_regex(r"[a-z0-9][a-z0-9._-]{0,12}", fullmatch=True), min_size=1, max_size=4,
                        unique=True))
    result = []
    for item_id in ids:
        kind = draw(st.sampled_from(["single", "multiple", "open"]))
        item: dict = {"id": item_id, "type": kind}
        domain = draw(st.sampled_from((None,) + DOMAINS))
        if domain:
            item["domain"] = domain
        item["stem"] = draw(TEXT)
        if kind == "open":
            if draw(st.booleans()):
                item["answer"] = draw(TEXT)
        else:
            count = draw(st.integers(2 if kind == "single" else 3, 6))
            keys = {draw(st.integers(0, count - 1))} if kind == "single" else \
                set(draw(st.lists(st.integers(0, count - 1), min_size=2, max_size=count - 1, unique=True)))
            options = []
            for i in range(count):
                option: dict = {"text": draw(TEXT)}
                if i in keys:
                    option["correct"] = True
                why = draw(st.one_of(st.none(), st.just(""), TEXT))  # empty rationales too
                if why is not None:
                    option["why"] = why
                if draw(st.integers(0, 9)) == 0:
                    option["pin"] = True
                options.append(option)
            item["options"] = options
        if draw(st.booleans()):
            item["explanation"] = draw(TEXT)
        tags = draw(st.lists(TAG, max_size=3, unique_by=lambda t: t.strip()))
        if tags:
            item["tags"] = tags
        result.append(item)
    return result


def _check_round_trip(root: Path, work: Path) -> None:
    original = load_bank(root).items
    source = source_of(root)
    for fmt in ROUND_TRIP:
        exported = work / f"export.{fmt}"
        EXPORTERS[fmt](source, exported)
        out = work / f"back-{fmt}"
        _import(fmt, exported, out)
        back = load_bank(out).items
        assert comparable(back, fmt != "csv") == comparable(original, fmt != "csv"), fmt
        details = _details(back, fmt)
        if fmt == "csv":  # a tag may hold a comma, which CSV's tags column splits on (noted)
            for d in details.values():
                d.pop("tags")
        expected = _details(original, fmt)
        for d in expected.values():
            d.pop("tags") if fmt == "csv" else None
        assert details == expected, fmt


def test_hostile_banks(request) -> None:
    """Round trips and the validity of every export, for generated banks.
    The checkers that run a process (gift-pegjs, anki) read every example's
    file in one go after Hypothesis is done."""
    work = Path(tempfile.mkdtemp(prefix="qb-hostile-"))
    gift_files: List[Path] = []
    decks: List[Path] = []
    expected: Dict[Path, list] = {}
    counter = iter(range(10 ** 6))

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(items())
    def check(generated: List[dict]) -> None:
        case = work / f"case-{next(counter)}"
        root = case / "bank"
        (root / "items").mkdir(parents=True)
        (root / "bank.yaml").write_text(BANK_YAML, encoding="utf-8")
        write_atomic(root / "items" / "generated.yaml", dump_items(generated))
        assert not [f for f in lint(root) if f.rule in ("schema", "yaml-syntax")]
        _check_round_trip(root, case)
        source = source_of(root)
        qti = case / "export.zip"
        EXPORTERS["qti"](source, qti)
        with zipfile.ZipFile(qti) as package:
            for name in package.namelist():
                if name != "imsmanifest.xml":
                    assert qti_errors(package.read(name)) == [], name
        deck = case / "export.apkg"
        EXPORTERS["anki"](source, deck)
        decks.append(deck)
        gift_files.append(case / "export.gift")
        expected[case / "export.gift"] = [e.item for e in source.entries]

    check()
    for path, result in zip(gift_files, parse_gift(request, gift_files)):
        assert "error" not in result, (path, result)
        check_against_bank(result["questions"], expected[path])
    for n, deck in enumerate(decks):
        col = open_anki_deck(deck, deck.parent / "collection.anki2")
        try:
            assert col.note_count() == len(expected[deck.parent / "export.gift"]), deck
            for nid in col.find_notes(""):
                fields = col.get_note(nid).fields
                assert "<script" not in "".join(fields)
        finally:
            col.close()
