"""Options whose meaning depends on the other options: "All of the above",
"None of these", "Both A and C", "All except D".

One place for these phrases, so that lint (the rules all-of-the-above,
none-of-the-above, option-letter-reference and combination-option) and
render (which keeps such options in place when it shuffles) agree on what
they are.
"""

from __future__ import annotations

import re
from typing import Optional, Tuple

from questionbank.text import plain

_ABOVE = r"(?:above|these|those|them|the\s+above|preceding|previous|foregoing)"
_LIST = r"(?:options?|answers?|choices?|statements?|responses?|alternatives?)"
_CORRECT = r"(?:correct|true|right|valid|possible|applicable|acceptable)"

# "All of the above", "All these choices are correct", "Both of these",
# "All of the options given are correct", "All are correct", a bare "Both".
# The whole option must be the phrase: "All of the Regions" and "All of these
# ports must be open" are content.
ALL_OF_THE_ABOVE = re.compile(
    rf"^(?:all|each|both|any)\s+(?:of\s+)?(?:the\s+)?(?:{_ABOVE}|(?:given\s+)?{_LIST}(?:\s+given|\s+above|\s+listed)?)"
    rf"(?:\s+(?:{_LIST}|choices|options))?(?:\s+(?:are|is)(?:\s+all)?\s+{_CORRECT})?$"
    rf"|^(?:all|both)\s+(?:are|of\s+them\s+are|are\s+all)\s+{_CORRECT}$"
    rf"|^(?:all|each|both)\s+(?:of\s+)?(?:the\s+)?above\b|^both$",
    re.I)

# "None of the above", "Neither of these", "None of these choices is
# correct", "No correct answer", a bare "Neither". A bare "None" is content
# (the answer to "How many moons ...?").
NONE_OF_THE_ABOVE = re.compile(
    rf"^(?:none|neither)\s+(?:of\s+)?(?:the\s+)?(?:{_ABOVE}|(?:given\s+)?{_LIST}(?:\s+given|\s+above|\s+listed)?)"
    rf"(?:\s+(?:{_LIST}|choices|options))?(?:\s+(?:are|is)\s+{_CORRECT})?$"
    rf"|^(?:none|neither)\s+(?:is|are|of\s+them\s+(?:is|are))\s+{_CORRECT}$"
    rf"|^(?:there\s+is\s+)?no\s+(?:correct|right|valid)\s+(?:answer|option|choice)(?:\s+(?:is\s+)?(?:given|listed))?$"
    rf"|^(?:none|neither)\s+(?:of\s+)?(?:the\s+)?above\b|^neither$",
    re.I)

# The words these phrases start with, to skip the other options cheaply.
_PHRASE_START = re.compile(r"^\W*(?:all|each|both|any|none|neither|no|there)\b", re.I)


def phrase(text: str) -> str:
    """An option's prose, emphasis and trailing punctuation removed, for
    matching whole-option phrases."""
    # plain() folds white space to single spaces, so rstrip takes all of it (a regex would be quadratic).
    return plain(text).replace("*", "").replace("_", " ").rstrip(" .,;:!").strip()


# "None of these choices is correct; a non-citizen cannot ...": the phrase,
# then an explanation after a semicolon, a colon or a dash.
_EXPLANATION = re.compile(r"\s*(?:[;:]|\s[-\u2013\u2014]\s)\s*\S")


def _heads(text: str) -> Tuple[str, ...]:
    """The option's phrase, and the phrase before an explanation if it has one."""
    whole = phrase(text)
    match = _EXPLANATION.search(whole)
    return (whole, whole[:match.start()]) if match else (whole,)


def is_all_of_the_above(text: str) -> bool:
    return bool(_PHRASE_START.match(text) and any(ALL_OF_THE_ABOVE.match(h) for h in _heads(text)))


def is_none_of_the_above(text: str) -> bool:
    return bool(_PHRASE_START.match(text) and any(NONE_OF_THE_ABOVE.match(h) for h in _heads(text)))


# A letter as options are labelled: "A", "A)", "(A)" or "(a)". A bare
# lower-case letter counts only after "both", "either" or "neither".
_LETTER = r"(?:\(([A-Ha-h])\)|([A-H])(?![\w'’-])\)?)"
_LOWER = r"([a-h])"
_CONJ = r"(?i:and|or|nor|&)"
_LETTER_LIST = rf"{_LETTER}(?:\s*,\s*{_LETTER})*(?:\s*,\s*|\s+){_CONJ}\s+{_LETTER}"
_COMMAS = rf"{_LETTER}(?:\s*,\s*{_LETTER})+"
_LEAD = r"(?i:both|either|neither|only|all\s+of|any\s+of|options?|answers?|choices?)"
_END = r"(?![\w/'’+#-])"

LETTER_REFERENCES = (
    # "A and C", "A, B and D only", "(A) and (B)": a list with a conjunction.
    re.compile(rf"^\s*(?:{_LEAD}\s+)?{_LETTER_LIST}{_END}"),
    # "All of A, B", "Options A, C": a list after a word that makes it one.
    re.compile(rf"^\s*{_LEAD}\s+{_COMMAS}{_END}"),
    # "Both A and B" later in the text; "both a and b".
    re.compile(rf"\b(?i:both|either|neither)\s+(?:{_LETTER_LIST}|{_LOWER}\s+{_CONJ}\s+{_LOWER}){_END}"),
    # "Option B", "answers A and C", "choice (d)".
    re.compile(rf"\b(?i:options?|answers?|choices?|responses?|alternatives?)\s+{_LETTER}{_END}"),
    # "A only", "Only B", "All except C", "All of the above except D".
    re.compile(rf"^\s*(?:{_LETTER}\s+(?i:only)|(?i:only)\s+{_LETTER})\s*[.!]?\s*$"
               rf"|\b(?i:except|but\s+not)\s+{_LETTER}{_END}"),
)
# What every reference has somewhere, to skip the other options cheaply: a
# capital letter standing alone (not the article "A company"), a letter in
# parentheses, or "both", "either", "neither".
_MAYBE_LETTERS = re.compile(r"(?<![\w'’-])(?:[B-H]|A(?!\s+(?!(?:and|or|nor|only)\b)[a-z])|\([A-Ha-h]\))(?![\w'’-])"
                            r"|\b(?i:both|either|neither)\b")


def letter_reference(text: str) -> Optional[str]:
    """The part of an option's prose that names options by letter ("Both A
    and C", "Option B", "All except D"), or None. Whether the letters are
    options or labels the stem defines is for the caller to judge."""
    if not _MAYBE_LETTERS.search(text):
        return None
    prose = plain(text)
    for pattern in LETTER_REFERENCES:
        match = pattern.search(prose)
        if match:
            return match.group(0)
    return None


def position_dependent(text: str) -> bool:
    """Whether an option's meaning depends on the options around it, so
    that it must keep its place when options are shuffled: all or none of
    the above, or a reference to other options by letter."""
    return is_all_of_the_above(text) or is_none_of_the_above(text) or letter_reference(text) is not None
