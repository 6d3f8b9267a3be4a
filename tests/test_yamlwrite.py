"""Item files written by qb read back exactly, whatever the text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from questionbank.loader import Document, parse_text
from questionbank.schema import checker
from questionbank.yamlwrite import dump_items

TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff"), min_size=1)


def read_back(text: str) -> dict:
    doc = Document(path=Path("x.yaml"), display="x.yaml", text=text)
    parse_text(doc, text, checker("items").hint)
    assert not doc.findings, doc.findings
    return doc.data["items"][0]


@settings(max_examples=300, deadline=None)
@given(stem=TEXT, option=TEXT)
def test_any_text_round_trips(stem: str, option: str) -> None:
    item = {"id": "q1", "type": "single", "stem": stem, "options": [{"text": option, "correct": True}]}
    assert read_back(dump_items([item])) == item


def test_known_hard_cases() -> None:
    for stem in ["\tTab first\nsecond", "a\r\nb", "yes", "2.10", "line \nx", "- dash\nnext", "# not a comment\nx"]:
        item = {"id": "q1", "type": "open", "stem": stem}
        assert read_back(dump_items([item])) == item


HARD = ["yes", "No", "ON", "y", "~", "null", "=", "<<", "1:20", "010", "0x1F", "1e3", ".5", ".inf", "-.inf",
        "2026-01-01", "2001-12-14t21:59:43.10-05:00", "+1", "-", "- item", "? key", "a: b", "ends:", "a #b",
        "#c", "&a", "*a", "!tag", "|", ">", "%x", "@x", "`x", "'", '"', "[a]", "{a}", ", a", " lead", "trail ",
        "\u00a0nbsp", "tab\tinside", "back\\slash", "é", "🙂", "\ufeff", "\x85", "\u2028", "a\r\nb", "x\n",
        "x\n\n", "\nx", " x\ny", "x\n y", "x \ny", "a\n\n\nb", "a\n#b", "a\n- b", "a\n---\nb", "ok: fine\nnext"]


def yaml11(text: str):
    """``text`` read as YAML 1.1 would (PyYAML, many editors)."""
    from ruamel.yaml import YAML
    return YAML(typ="safe", pure=True).load("%YAML 1.1\n---\n" + text)


def test_every_string_stays_a_string_in_yaml_1_1_and_1_2() -> None:
    item = {"id": "q1", "type": "open", "stem": "x", "tags": HARD, "x-meta": {t: t for t in HARD if "\n" not in t}}
    text = dump_items([item])
    assert read_back(text) == item
    assert yaml11(text)["items"][0] == item


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.one_of(TEXT, st.sampled_from(HARD), st.booleans(), st.integers(),
                                 st.lists(TEXT, max_size=2), st.dictionaries(st.sampled_from(["a", "b"]), TEXT)),
                       min_size=1, max_size=4))
def test_nested_values_round_trip(values: list) -> None:
    item = {"id": "q1", "type": "open", "stem": "x", "x-data": values}
    text = dump_items([item])
    assert read_back(text) == item
    assert yaml11(text)["items"][0] == item


def test_layout_is_the_one_authors_write() -> None:
    item = {"id": "q1", "type": "single", "stem": "Which one?\nSecond line.",
            "options": [{"text": "yes", "correct": True}, {"text": "B: no", "why": "It's wrong."}],
            "tags": ["a"], "x-empty": []}
    assert dump_items([item], header="# head\n") == (
        "# head\n"
        "items:\n"
        "  - id: q1\n"
        "    type: single\n"
        "    stem: |-\n"
        "      Which one?\n"
        "      Second line.\n"
        "    options:\n"
        "      - text: 'yes'\n"
        "        correct: true\n"
        "      - text: 'B: no'\n"
        "        why: It's wrong.\n"
        "    tags:\n"
        "      - a\n"
        "    x-empty: []\n")
    assert dump_items([]) == "items: []\n"
