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
