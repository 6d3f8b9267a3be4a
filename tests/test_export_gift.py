"""`qb export gift`: every exported file is read by an independent GIFT
parser (gift-pegjs, run with node) exactly as the bank says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLE_BANK
from interop import export_example, norm, parse_gift, source_of
from questionbank.bank import load_bank
from questionbank.exporters import gift


def as_written(item, index: int) -> str:
    """An option's text as a GIFT reader sees it: qb writes the "->" of a
    first "=" answer as "-\\>" (see gift.py)."""
    option = item.options[index]
    text = norm(option.text)
    if index == 0 and item.type == "single" and option.correct:
        text = text.replace("->", "-\\>")
    return text


def check_against_bank(parsed: list, items: list) -> None:
    """gift-pegjs's questions say what the items say."""
    questions = [q for q in parsed if q["type"] != "Category"]
    assert [q["title"] for q in questions] == [i.id for i in items]
    assert [q["id"] for q in questions] == [i.id for i in items]  # from // [id:...]
    for q, item in zip(questions, items):
        assert q["stem"]["format"] == "markdown"
        assert norm(q["stem"]["text"]) == norm(item.stem), item.id
        assert (q["tags"] or []) == [t.strip() for t in item.tags], item.id
        general = norm(q["globalFeedback"]["text"]) if q["globalFeedback"] else ""
        if item.type == "open":
            assert q["type"] == "Essay"
            assert general == norm(" ".join(t for t in (item.answer, item.explanation) if t))
            continue
        assert q["type"] == "MC", item.id
        assert general == norm(item.explanation)
        choices = q["choices"]
        assert [norm(c["text"]["text"]) for c in choices] == [as_written(item, i) for i in range(len(choices))]
        assert [norm(c["feedback"]["text"]) if c["feedback"] else "" for c in choices] == \
            [norm(o.why) for o in item.options]
        if item.type == "single":
            assert [c["isCorrect"] for c in choices] == [o.correct for o in item.options]
            assert all(c["weight"] is None for c in choices)
        else:
            weights = [c["weight"] for c in choices]
            assert [w > 0 for w in weights] == [o.correct for o in item.options]
            assert sum(w for w in weights if w > 0) == pytest.approx(100, abs=1e-3)
            assert sum(weights) <= 1e-3


def test_example_bank_parses_with_gift_pegjs(request, tmp_path: Path) -> None:
    out = export_example("gift", tmp_path / "bank.gift")
    [result] = parse_gift(request, [out])
    assert "error" not in result, result
    items = load_bank(EXAMPLE_BANK).items
    check_against_bank(result["questions"], items)
    categories = [q["title"] for q in result["questions"] if q["type"] == "Category"]
    assert [c.rsplit("/", 1)[1] for c in categories] == ["ingestion", "operations", "security", "store"]


def test_specials_are_escaped_in_every_field(request, bank, tmp_path: Path) -> None:
    hostile = r"a ~b =c #d {e} f:g \h \\i \n ->j %50% [html]k // l"
    root = bank({"a.yaml": f"""\
        items:
          - id: q1
            type: single
            stem: {json.dumps(hostile)}
            options:
              - {{text: {json.dumps(hostile)}, correct: true, why: {json.dumps(hostile)}}}
              - {{text: "=x -> y", why: "#### not general feedback"}}
            explanation: {json.dumps(hostile)}
            tags: ["a:b", "c d"]
          - id: q2
            type: open
            stem: "Line one\\n\\nLine two {{}}"
            answer: "Model: {{answer}}"
        """})
    source = source_of(root)
    out = tmp_path / "hostile.gift"
    gift.export(source, out)
    [result] = parse_gift(request, [out])
    assert "error" not in result, result
    check_against_bank(result["questions"], [e.item for e in source.entries])
    # Exactly the text, but for the "->" of a first "=" answer (see gift.py).
    assert result["questions"][1]["choices"][0]["text"]["text"] == hostile.replace("->", "-\\>")


def test_escape() -> None:
    assert gift.escape("a~b=c#d{e}f:g\\h\ni") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"
    assert gift.rich(" x ") == "[markdown]x"
