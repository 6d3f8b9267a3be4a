"""Helpers shared by the rules that read options: how a message names an
option, findings on whole options, and word-list matching with the
exceptions that keep it precise on real banks. The phrases of options that
depend on the others ("All of the above") are in ``questionbank.phrases``."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Callable, FrozenSet, Hashable, Iterable, Iterator, List, Tuple

from questionbank.item import Item, Option
from questionbank.phrases import is_all_of_the_above, is_none_of_the_above
from questionbank.rules.base import Problem
from questionbank.text import plain

_SPACE = re.compile(r"\s+")


def name(option: Option) -> str:
    """How a message names an option: ``options[2]``."""
    return f"options[{option.index}]"


def excerpt(text: str, limit: int = 60) -> str:
    """A short quotation of an option's text for a message."""
    text = _SPACE.sub(" ", text).strip()
    if len(text) > limit:
        text = text[:limit - 3].rstrip() + "..."
    return "'" + text.replace("'", "\u2019") + "'"


def content_options(item: Item) -> List[Option]:
    """The options that say something of their own: "All of the above",
    "None of the above" and the like set aside."""
    return [o for o in item.options if not (is_all_of_the_above(o.text) or is_none_of_the_above(o.text))]


# Advice for options whose meaning depends on their place: render keeps them
# in place when it shuffles, and `pin: true` states it in the item.
KEEP = "; if you keep it, it stays in place when options are shuffled (`pin: true` says so)"


def whole_option_findings(item: Item, test: Callable[[str], bool], advice: str) -> Iterator[Problem]:
    """A finding on each option whose text passes ``test``."""
    for option in item.options:
        if test(option.text):
            yield Problem(f"{name(option)}.text: {excerpt(option.text)} {advice}", ("options", option.index, "text"))


# Words in quotation marks are mentioned, not used: Greek for "never changing".
_QUOTED = re.compile(r'"[^"\n]{1,80}"|\u201c[^\u201d\n]{1,80}\u201d')
# A term right after one of these starts a sentence (or a clause that a
# capital may start); elsewhere a capitalised term is part of a name.
_OPENERS = frozenset(".!?:;\"'([-\u2018\u201c")
_TITLE_WORD = re.compile(r"[A-Z][\w'’-]*")
_ANY_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SMALL_WORDS = frozenset("a an and as at but by for from in into is it of on or the to with".split())


class TermMatcher:
    """Finds the words of a list in prose, skipping phrases of an allow list
    (regular expressions), hyphenated compounds ("read-only", "all-in-one"),
    words in quotation marks, a text that is only the word, and names: a
    capitalised term inside a sentence ("the Always Free tier") or a whole
    text in title case ("Never Let Me Go"). Terms in ``initial`` count only
    where they start a sentence ("All users ..." but not "delete all users")."""

    def __init__(self, terms: Iterable[str], allow: Iterable[str], initial: Iterable[str] = ()):
        self.initial = frozenset(initial)
        terms = sorted({t.strip().lower() for t in terms if t.strip()}, key=len, reverse=True)
        body = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in terms) or r"(?!x)x"
        self.pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.I)
        allow = [a for a in allow if a.strip()]
        self.allow = re.compile("|".join(rf"(?<![\w-])(?:{a})(?![\w-])" for a in allow), re.I) if allow else None

    def find(self, markdown: str) -> List[Tuple[str, int]]:
        """(term as written in lower case, offset in the prose) for each use."""
        if not self.pattern.search(markdown):
            return []  # plain() only takes text away
        text = plain(markdown)
        match = self.pattern.search(text)
        if not match or match.group(0) == text.rstrip(".!?"):
            return []  # none, or the whole text: "Never" answering "How often ...?"
        masked = _QUOTED.sub(_blank, text)
        if self.allow:
            masked = self.allow.sub(_blank, masked)
        found = []
        title = None
        for match in self.pattern.finditer(masked):
            word = match.group(0)
            capital = word[0].isupper()
            if (capital or word.lower() in self.initial) and not _starts_sentence(masked, match.start()):
                continue
            if capital:
                if title is None:
                    title = _is_title(text)
                if title:
                    continue
            found.append((_SPACE.sub(" ", word.lower()), match.start()))
        return found


def _blank(match: "re.Match[str]") -> str:
    return " " * len(match.group(0))


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in _OPENERS


def _is_title(text: str) -> bool:
    """Whether a text is a name or title in title case: at least two words,
    every word but the small ones capitalised."""
    words = _ANY_WORD.findall(text)
    big = [w for w in words if w.lower() not in _SMALL_WORDS]
    return len(words) >= 2 and len(big) >= 2 and all(_TITLE_WORD.fullmatch(w) for w in big)


@lru_cache(maxsize=64)
def matcher(terms: Tuple[str, ...], allow: Tuple[str, ...], initial: Tuple[str, ...] = ()) -> TermMatcher:
    return TermMatcher(terms, allow, initial)


def literal(phrases: Iterable[str]) -> List[str]:
    """Allow-list entries given by users, as patterns that match them literally."""
    return [re.escape(p.strip()).replace(r"\ ", r"\s+") for p in phrases if p.strip()]


def configured(options: dict, default_terms: Iterable[str], default_allow: Iterable[str],
               initial: Iterable[str] = ()) -> TermMatcher:
    """The matcher for a rule's default lists plus its ``extra-words`` and
    ``allow`` options."""
    terms = tuple(default_terms) + tuple(options.get("extra-words") or ())
    allow = tuple(default_allow) + tuple(literal(options.get("allow") or ()))
    return matcher(terms, allow, tuple(initial))


_ASCII_NOT_ALNUM = frozenset(chr(i) for i in range(128) if not chr(i).isalnum())


@lru_cache(maxsize=65536)
def characters(text: str) -> FrozenSet[str]:
    """The letters and digits of a text, case folded. Texts that
    ``text.normalize`` makes equal have the same characters, so options with
    different characters need no closer comparison."""
    if text.isascii():
        return frozenset(text.casefold()) - _ASCII_NOT_ALNUM
    text = unicodedata.normalize("NFKC", text)
    return frozenset(c for c in set(text.casefold()) if c.isalnum())


def candidates(options: List[Option], key: Callable[[str], Hashable] = characters) -> List[Option]:
    """The options whose ``key`` another option of the list shares, in order."""
    keys = [key(o.text) for o in options]
    if len(set(keys)) == len(keys):
        return []
    counts = Counter(keys)
    return [o for o, k in zip(options, keys) if counts[k] > 1]


def keyed(first: Option, second: Option) -> str:
    """Words for a message about two options when keys are among them."""
    if first.correct and second.correct:
        return " (both are keys)"
    if first.correct or second.correct:
        return " (one of them is the key)"
    return ""
