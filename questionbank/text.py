"""Text helpers shared by the content rules: plain text out of Markdown,
normalisation for comparisons, and the question sentence of a stem."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import List, Tuple

_FENCE = re.compile(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", re.M | re.S)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_HTML_TAG = re.compile(r"<[^>\n]+>")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})
_TRAILING_PUNCT = re.compile(r"[\s.,;:!?]+$")


@lru_cache(maxsize=65536)
def plain(markdown: str) -> str:
    """The prose of a Markdown text: code blocks and inline code removed (words
    inside code are not the author's prose), links and emphasis reduced to
    their text, white space folded."""
    text = _FENCE.sub(" ", markdown)
    text = _INLINE_CODE.sub(" ", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def unemphasized(markdown: str) -> str:
    """``plain`` without the emphasis markers."""
    return _EMPHASIS.sub(r"\2", plain(markdown))


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """A comparison key: Unicode-normalised, typographic quotes and dashes
    made plain, case folded, white space folded, trailing punctuation dropped."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _EMPHASIS.sub(r"\2", text)
    text = _SPACE.sub(" ", text).strip().casefold()
    return _TRAILING_PUNCT.sub("", text)


_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


def words(text: str) -> List[str]:
    """The words of a text, as written."""
    return _WORD.findall(text)


# A sentence ends at . ? or ! followed by white space and an upper-case
# letter, a digit, a quote or an opening parenthesis; "e.g." and "i.e." do not end one.
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bvs)([.?!])[\"')\]]*\s+(?=[\"'(\[A-Z0-9])")
_INSTRUCTION = re.compile(
    r"\((?:select|choose|pick|mark)\b[^)]*\)\.?|\b(?:select|choose|pick)\s+(?:the\s+)?"
    r"(?:one|two|three|four|five|\d+|all)\b[^.?!]*[.?!]?", re.I)


def sentences(text: str) -> List[str]:
    """Split prose into sentences (a heuristic good enough for stems)."""
    parts: List[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end(1)
        closing = match.group(0).rstrip()
        parts.append(text[start:start + (match.start() - start) + len(closing)].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return [p for p in parts if p]


@lru_cache(maxsize=65536)
def split_stem(stem: str) -> Tuple[str, str]:
    """(scenario, question sentence) of a stem's prose.

    The question sentence is the last sentence that ends in a question mark,
    together with any instruction after it such as "(Select TWO.)". Without a
    question mark, the last sentence is taken when it is an instruction
    ("Select the ...", "Choose ...", "Identify ..."), else the question is empty.
    """
    prose = plain(stem)
    parts = sentences(prose)
    for i in range(len(parts) - 1, -1, -1):
        if parts[i].rstrip("\"')]").endswith("?"):
            question = " ".join(parts[i:])
            return " ".join(parts[:i]), question
    if parts and _is_instruction(parts[-1]):
        return " ".join(parts[:-1]), parts[-1]
    return prose, ""


_IMPERATIVE = re.compile(
    r"^\s*(?:\(?\s*)(select|choose|pick|identify|name|list|describe|explain|determine|calculate|compute|"
    r"complete|match|order|rank|indicate|mark|give|state|find|estimate|classify|evaluate|compare|"
    r"recommend|propose|design|justify|outline|define|which|what|how|why|when|where|who)\b", re.I)


def _is_instruction(sentence: str) -> bool:
    return bool(_IMPERATIVE.match(sentence)) or sentence.rstrip().endswith((":", "_____", "..."))


def question_sentence(stem: str) -> str:
    """The question sentence of a stem (see :func:`split_stem`)."""
    return split_stem(stem)[1]


def instruction_of(question: str) -> str:
    """The "(Select TWO.)"-style instruction inside a question sentence, if any."""
    match = _INSTRUCTION.search(question)
    return match.group(0) if match else ""
