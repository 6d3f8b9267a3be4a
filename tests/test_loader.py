"""The loader keeps what the author wrote and where."""

from __future__ import annotations

from pathlib import Path

from questionbank.loader import Document, format_path, parse_text
from questionbank.schema import checker


def parse(text: str, schema: str = "items") -> Document:
    doc = Document(path=Path("x.yaml"), display="x.yaml", text=text)
    parse_text(doc, text, checker(schema).hint)
    return doc


def test_columns_count_unicode_characters():
    doc = parse("items:\n  - {id: q1, type: open, stem: \"é😀 ✓\", answer: ok}\n")
    # The value of `answer` starts after 3 non-ASCII characters on that line.
    line = doc.text.splitlines()[1]
    assert doc.values[("items", 0, "answer")] == (2, line.index("ok") + 1)


def test_scalars_are_taken_as_written_where_text_is_wanted():
    doc = parse("items:\n  - id: 0123\n    type: open\n    source: 2.10\n    stem: 2024-05-01\n"
                "    answer: yes\n    tags: [1.0, no]\n    x-n: 2.10\n    x-d: 2024-05-01\n")
    item = doc.data["items"][0]
    assert item["id"] == "0123" and item["source"] == "2.10" and item["stem"] == "2024-05-01"
    assert item["answer"] == "yes" and item["tags"] == ["1.0", "no"]
    # Where the schema says nothing, YAML 1.2 core types apply (no dates, no yes/no booleans).
    assert item["x-n"] == 2.1 and item["x-d"] == "2024-05-01"


def test_booleans_only_in_boolean_fields():
    doc = parse("items:\n  - id: q\n    type: single\n    stem: s\n    options:\n"
                "      - {text: yes, correct: yes, pin: no}\n      - {text: 'true', correct: True}\n")
    first, second = doc.data["items"][0]["options"]
    assert first == {"text": "yes", "correct": True, "pin": False}
    assert second == {"text": "true", "correct": True}


def test_duplicate_key_is_a_finding_at_the_second_key():
    doc = parse("items:\n  - id: q\n    stem: one\n    stem: two\n")
    assert [(f.rule, f.line, f.column) for f in doc.findings] == [("duplicate-key", 4, 5)]
    assert "first at line 3, column 5" in doc.findings[0].message


def test_merge_keys_and_aliases():
    doc = parse("x-base: &b {type: open, answer: A}\nitems:\n  - <<: *b\n    id: q\n    stem: s\n")
    assert doc.data["items"][0] == {"id": "q", "stem": "s", "type": "open", "answer": "A"}


def test_recursive_alias_is_refused():
    doc = parse("items: &a [*a]\n")
    assert [f.rule for f in doc.findings] == ["yaml-syntax"]
    assert doc.data is None


def test_key_that_is_not_text():
    doc = parse("? [a, b]\n: 1\n")
    assert [(f.rule, f.line) for f in doc.findings] == [("yaml-syntax", 1)]


def test_format_path():
    assert format_path(("items", 3, "options", 1, "correct")) == "items[3].options[1].correct"
    assert format_path(()) == "(document)"


def test_option_ids_follow_the_file_and_content_hash_ignores_x_keys():
    from questionbank.item import Item

    data = {"id": "q", "type": "single", "stem": "S?",
            "options": [{"text": "a"}, "not an option", {"text": "b", "correct": True}]}
    item = Item(data, "f.yaml", ("items", 0), {})
    assert [o.id for o in item.options] == ["o1", "o3"]
    with_meta = dict(data, **{"x-note": "mine"})
    assert Item(with_meta, "f.yaml", ("items", 0), {}).content_hash == item.content_hash
    edited = dict(data, stem="S2?")
    assert Item(edited, "f.yaml", ("items", 0), {}).content_hash != item.content_hash
