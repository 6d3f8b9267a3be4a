"""Text helpers shared by the content rules: plain text out of Markdown,
normalisation for comparisons, and the question sentence of a stem."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from typing import List, Tuple

# Every pattern here runs in linear time on any text (a stem may be 1 MB of
# '*a ' or '<a '): a run that fails stops at the next delimiter instead of
# scanning on to the end of the text from every start.
_FENCE_LINE = re.compile(r"[ \t]*(```|~~~)")
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()\[\]]*\)")
_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\[\]]*\)")
# Emphasis: the text between two equal markers, holding no marker character
# of its kind; the one group that matched is the text (``m.lastindex``).
_BOLD_RUN = r"\*\*([^*\s](?:[^*]*[^*\s])?)\*\*|__([^_\s](?:[^_]*[^_\s])?)__"
_BOLD = re.compile(_BOLD_RUN)
_EMPHASIS = re.compile(_BOLD_RUN + r"|\*([^*\s](?:[^*]*[^*\s])?)\*|_([^_\s](?:[^_]*[^_\s])?)_")
_HTML_TAG = re.compile(r"<[^<>\n]+>")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})


@lru_cache(maxsize=65536)
def plain(markdown: str) -> str:
    """The prose of a Markdown text: code blocks and inline code removed (words
    inside code are not the author's prose), links and emphasis reduced to
    their text, white space folded."""
    text = markdown
    if "`" in text or "~~~" in text:
        text = _without_fences(text)
        text = _INLINE_CODE.sub(" ", text)
    if "](" in text:
        text = _IMAGE.sub(r"\1", text)
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _HTML_TAG.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def _without_fences(text: str) -> str:
    """The text with each fenced code block (a line starting with ``` or
    ~~~, up to a later line holding only the same fence) replaced by a
    space; an opening fence never closed is text. Two passes over the lines."""
    lines = text.split("\n")
    last_closer = {}
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped in ("```", "~~~"):
            last_closer[stripped] = number
    out: List[str] = []
    fence = None
    for number, line in enumerate(lines):
        if fence is not None:
            if line.strip() == fence:
                fence = None
            continue
        match = _FENCE_LINE.match(line)
        if match is not None and number < last_closer.get(match.group(1), -1):
            fence = match.group(1)
            out.append(" ")
        else:
            out.append(line)
    return "\n".join(out)


def without_emphasis(text: str) -> str:
    """``text`` with ``*a*``, ``**a**``, ``_a_`` and ``__a__`` reduced to ``a``."""
    return _EMPHASIS.sub(lambda m: m.group(m.lastindex or 0), text)


def unemphasized(markdown: str) -> str:
    """``plain`` without the emphasis markers."""
    return without_emphasis(plain(markdown))


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """A comparison key: Unicode-normalised, typographic quotes and dashes
    made plain, case folded, white space folded, trailing punctuation dropped."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    if "*" in text or "_" in text:
        text = without_emphasis(text)
    # White space is folded to single spaces first, so rstrip takes all of it.
    return _SPACE.sub(" ", text).strip().casefold().rstrip(" .,;:!?")


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
    return list(_sentences(text))


@lru_cache(maxsize=65536)
def _sentences(text: str) -> Tuple[str, ...]:
    parts: List[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        # The sentence runs to its end mark and any closing quote or bracket.
        parts.append(text[start:match.start() + len(match.group(0).rstrip())].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        parts.append(tail)
    return tuple(p for p in parts if p)


@lru_cache(maxsize=65536)
def split_stem(stem: str) -> Tuple[str, str]:
    """(scenario, question sentence) of a stem's prose.

    The question sentence is the last sentence that ends in a question mark,
    together with the instructions right after it such as "(Select TWO.)";
    text after it that is not an instruction (a quoted passage, statements
    to judge) belongs to the scenario. Without a question mark, the last
    sentence is taken when it is an instruction ("Select the ...", "Choose
    ...", "Identify ..."), else the question is empty.
    """
    prose = plain(stem)
    parts = sentences(prose)
    for i in range(len(parts) - 1, -1, -1):
        if parts[i].rstrip("\"')]").endswith("?"):
            end = i + 1
            while end < len(parts) and _follows_as_instruction(parts[end]):
                end += 1
            return " ".join(parts[:i] + parts[end:]), " ".join(parts[i:end])
    if parts and _is_instruction(parts[-1]):
        return " ".join(parts[:-1]), parts[-1]
    return prose, ""


_IMPERATIVE = re.compile(
    r"^\s*(?:\(?\s*)(select|choose|pick|identify|name|list|describe|explain|determine|calculate|compute|"
    r"complete|match|order|rank|indicate|mark|give|state|find|estimate|classify|evaluate|compare|"
    r"recommend|propose|design|justify|outline|define|which|what|how|why|when|where|who)\b", re.I)


def _follows_as_instruction(sentence: str) -> bool:
    return bool(_INSTRUCTION.match(sentence.strip()) or _AFTER_QUESTION.match(sentence))


_AFTER_QUESTION = re.compile(
    r"^\s*\(?\s*(?:select|choose|pick|mark|give|explain|justify|show|answer|circle|tick|check|list|name|"
    r"state|describe|identify|indicate|write|fill|complete|enter|round|assume|ignore|use)\b", re.I)


def _is_instruction(sentence: str) -> bool:
    return bool(_IMPERATIVE.match(sentence)) or sentence.rstrip().endswith((":", "_____", "..."))


def question_sentence(stem: str) -> str:
    """The question sentence of a stem (see :func:`split_stem`)."""
    return split_stem(stem)[1]


def instruction_of(question: str) -> str:
    """The "(Select TWO.)"-style instruction inside a question sentence, if any."""
    match = _INSTRUCTION.search(question)
    return match.group(0) if match else ""


@lru_cache(maxsize=65536)
def lead_in(stem: str) -> str:
    """The sentence that asks: the question sentence, or failing that the
    last sentence of the stem ("All of the following are true EXCEPT:")."""
    question = question_sentence(stem)
    if question:
        return question
    parts = _sentences(plain(stem))
    return parts[-1] if parts else ""


# Function words: never salient, never a cue.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are aren't as at be because been before being
below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
during each either few for from further had hadn't has hasn't have haven't having he her here hers herself
him himself his how i if in into is isn't it it's its itself just least less let's may me might more most
must my myself neither no nor not of off on once one only or other ought our ours ourselves out over own
same shall she should shouldn't so some such than that that's the their theirs them themselves then there
there's these they this those through to too under until up upon us very via was wasn't we were weren't
what when where which while who whom whose why will with within without won't would wouldn't yet you your
yours yourself yourselves
""".split())

# A blank drawn as a blank: "____" (also glued to a word, as banks often
# write it: "is__________"), "[blank]", "( )"; not "__init__" nor "f()".
_DRAWN_BLANK = re.compile(r"_{3,}|(?<!\w)__(?!\w)|\[\s*blank\s*\]|(?<!\w)\(\s*\)", re.I)
# An ellipsis may stand for a blank too ("The main cause of inflation is ..."),
# but inside a sentence it as often marks words left out of a quotation.
_BLANK = re.compile(_DRAWN_BLANK.pattern + r"|\.{3}|\u2026", re.I)


def has_blank(text: str) -> bool:
    """Whether the text holds a blank to fill in: "____", "...", "( )"."""
    return bool(_BLANK.search(text))


def drawn_blanks(text: str) -> List[Tuple[int, int]]:
    """(start, end) of each blank drawn as one in ``text`` ("____", "[blank]",
    "( )"), ellipses left out."""
    return [m.span() for m in _DRAWN_BLANK.finditer(text)]


@lru_cache(maxsize=65536)
def stem_word(word: str) -> str:
    """A light stem for matching word forms: lower case, a possessive, the
    endings -s, -es, -ed, -ing and a final e dropped ("cache", "caches",
    "cached" and "caching" all give "cach")."""
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 4:
        return w
    if w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith(("sses", "xes", "ches", "shes", "zes")):
        w = w[:-2]
    elif w.endswith("ing") and len(w) >= 6:
        w = w[:-3]
    elif w.endswith("ed") and len(w) >= 5:
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


_HTML_BOLD = re.compile(r"</?(?:b|strong)>", re.I)


def bold_as_markdown(markdown: str) -> str:
    """``<b>`` and ``<strong>`` written as ``**``, so that one test finds bold."""
    return _HTML_BOLD.sub("**", markdown) if "<" in markdown else markdown


def emphasised(text: str, start: int, end: int) -> bool:
    """Whether the word at ``text[start:end]`` is emphasised as exam writers
    emphasise a word that decides the question: in capitals (``NOT``,
    ``MOST``) or inside Markdown bold (``**not**``)."""
    word = text[start:end]
    if len(word) > 1 and word.isupper():
        return True
    spans = _bold_spans(text)
    i = bisect_right(spans, (start, len(text) + 1)) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


@lru_cache(maxsize=1024)
def _bold_spans(text: str) -> Tuple[Tuple[int, int], ...]:
    """The (start, end) of the text inside each bold run, in order: found
    once per text, not once per word asked about."""
    return tuple(m.span(m.lastindex or 0) for m in _BOLD.finditer(text))
