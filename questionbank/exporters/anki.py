"""``qb export anki``: an Anki deck (``.apkg``) built with genanki.

One note per item. The front holds the stem and the lettered options; the
back holds the key, the explanation (or an open item's model answer) and
every option's rationale. Tags come from the domain and the item's tags.
The note's guid is derived from the item id, and the model and deck ids are
fixed, so importing a newer export updates the learner's notes (and keeps
their review history) instead of adding duplicates.
"""

from __future__ import annotations

import hashlib
from html import escape
from pathlib import Path
from typing import List

import genanki

from questionbank.exporters.html import Html
from questionbank.exporters.source import Entry, ExportSource
from questionbank.item import letter

# Fixed ids: Anki matches a re-imported note type and deck by id.
MODEL_ID = 1_709_251_031
FIELDS = ("Id", "Front", "Back")

MODEL = genanki.Model(
    MODEL_ID,
    "qb question",
    fields=[{"name": name} for name in FIELDS],
    templates=[{
        "name": "Question",
        "qfmt": "{{Front}}",
        "afmt": "{{FrontSide}}<hr id=answer>{{Back}}",
    }],
    css=(".card { font-family: sans-serif; font-size: 18px; text-align: left; }\n"
         ".options { list-style: none; padding-left: 0; }\n"
         ".options li { margin: .3em 0; }\n"
         ".why { margin: .2em 0 .6em 1.5em; color: #444; }\n"),
    sort_field_index=0,
)


def note_guid(item_id: str) -> str:
    """The guid of an item's note: the same id gives the same note."""
    return genanki.guid_for("qb", item_id)


def deck_id(title: str) -> int:
    """A stable deck id from the deck's name (Anki wants it below 2**63)."""
    return int.from_bytes(hashlib.sha256(title.encode("utf-8")).digest()[:7], "big") | (1 << 32)


def export(source: ExportSource, out: Path) -> List[str]:
    """Write the deck to ``out``; returns notes about what was not kept."""
    html = Html(source.root, source.max_bytes)
    name = source.title or "qb export"
    deck = genanki.Deck(deck_id(name), name)
    for entry in source.entries:
        deck.add_note(genanki.Note(model=MODEL, fields=fields(entry, html), tags=tags(entry),
                                   guid=note_guid(entry.item.id or "")))
    genanki.Package(deck).write_to_file(str(out))
    return []


def fields(entry: Entry, html: Html) -> List[str]:
    """The Id, Front and Back fields of an item's note, as HTML."""
    item, base = entry.item, entry.base
    front = [f'<div class="stem">{html.block(item.stem, base)}</div>']
    if item.is_choice:
        rows = "".join(f"<li><b>{letter(i)}.</b> {html.inline(o.text, base)}</li>"
                       for i, o in enumerate(entry.options))
        front.append(f'<ul class="options">{rows}</ul>')
    back = []
    if item.is_choice:
        keys = ", ".join(letter(i) for i, o in enumerate(entry.options) if o.correct)
        back.append(f'<p class="key"><b>Answer: {keys or "none"}</b></p>')
    elif item.answer:
        back.append(f'<div class="answer"><b>Model answer</b>{html.block(item.answer, base)}</div>')
    if item.explanation:
        back.append(f'<div class="explanation">{html.block(item.explanation, base)}</div>')
    whys = [(i, o) for i, o in enumerate(entry.options) if o.why and o.why.strip()]
    if whys:
        rows = "".join(f"<li><b>{letter(i)}</b> ({'correct' if o.correct else 'incorrect'}): "
                       f"{html.inline(o.why, base)}</li>" for i, o in whys)
        back.append(f'<ul class="options rationales">{rows}</ul>')
    return [escape(item.id or ""), "".join(front), "".join(back)]


def tags(entry: Entry) -> List[str]:
    """Anki tags: the domain and the item's tags, spaces replaced (a space
    separates Anki tags)."""
    found = ([f"domain::{entry.item.domain}"] if entry.item.domain else []) + entry.item.tags
    return list(dict.fromkeys("_".join(tag.split()) for tag in found if tag.strip()))
