"""An option is a combination of other options, or of statements the stem numbers.

## What it does
Reports an item whose options combine others, in any of three ways:

- an option names two or more other options by letter, or all but some:
  "Both A and C", "A and B only", "All except D" (found with the same
  phrases as `option-letter-reference`);
- the options are combinations of statements that the stem numbers, the
  complex multiple-choice or "K-type" format: "I and III only", "II only",
  "1, 2 and 4", "(a) and (c)";
- an option joins two or more other options with "and", a comma, "&" or
  "+": "Amazon SQS and Amazon SNS" beside "Amazon SQS" and "Amazon SNS".

One finding per item, at the first combination. Lists of numbers that are
answers ("0, 1" as the zeros of a polynomial, "(1, 1)" as a pair) and
orderings, where every option lists the same statements in a different
order ("2, 1, 3, 4"), are not combinations. Letters that the stem uses for
points or variables ("Points A, B and C ...") are not labels of statements.

`option-letter-reference` reports letter references too, for another
reason: they break when options are shuffled, which pinning the option
cures. Pinning does not cure this flaw.

## Why is this bad?
A combination option rewards partial knowledge: knowing that one
statement is false strikes out every combination that holds it, so the
item is solved without knowing the others, and the options are no longer
independent (Haladyna, Downing and Rodriguez 2002, guideline 9, "avoid the
complex multiple-choice (type K) format"; Tarrant et al.'s "complex or
K-type" flaw). Letters also break when options are shuffled.

## Example
```yaml
items:
  - id: fan-out
    type: single
    stem: Which services can deliver one message to several consumers?
    options:
      - text: Amazon SQS
      - text: Amazon SNS
      - text: Amazon EventBridge
      - text: Amazon SNS and Amazon EventBridge
        correct: true
```

## Use instead
```yaml
items:
  - id: fan-out
    type: multiple
    stem: Which services can deliver one message to several consumers? (Select TWO.)
    options:
      - text: Amazon SQS
      - text: Amazon SNS
        correct: true
      - text: Amazon EventBridge
        correct: true
      - text: Amazon Kinesis Data Firehose
      - text: Amazon SQS with a dead-letter queue
```

## Firing rate
Items reported / items (`benchmarks/devset/rates.py`): MMLU 253 / 15,906
(1.6%: 125 K-type items, "I and II only", "1,2,4"; 111 letter
combinations, "both A and B"; 17 joined options, "Both SRAM and DRAM"
beside "SRAM" and "DRAM"); radio pools 0 / 4,041; AWS Cloud Practitioner
practice exams 1 / 1,142 ("IaaS & SaaS" beside "IaaS" and "SaaS");
OpenTriviaQA 30 / 49,716 (0.06%, all joined: "Plants and algae" beside
"Plants" and "Algae"); the example bank 0 / 53. On the labelled development
set it finds both labelled items and nothing else (precision and recall
1.00). A hand check of 29 findings (20 MMLU of all three kinds, 1 AWS, 8
trivia) found 29 real combinations.
"""

from __future__ import annotations

import re
from typing import Iterator, List, Optional, Set

from questionbank.item import Item
from questionbank.phrases import letter_reference
from questionbank.rules._options import content_options, excerpt, name
from questionbank.rules.base import BankContext, Problem
from questionbank.rules.option_letter_reference import refers_to_options
from questionbank.text import normalize, plain

ID = "combination-option"
LEVEL = "warning"
SCOPE = "item"
OPTIONS: dict = {}

_ROMAN = r"(?:VIII|VII|VI|IV|IX|V|III|II|I|X)"
_LABEL = rf"(?:{_ROMAN}|[1-9]|[a-hA-H])"
_ROMAN_LABEL = re.compile(_ROMAN)
_ANY_LABEL = re.compile(_LABEL)
_AND_ONLY = re.compile(r"\b(?:and|only)\b", re.I)
_ITEM = rf"\(?({_LABEL})\)?"
_JOIN = r"\s*(?:,\s*(?:and\s+|&\s*)?|\band\b|&|\+)\s*"
# "I and III only", "1, 2 and 4", "II only", "Only I", "(a) and (c)", "I, II, and III".
_LABEL_LIST = re.compile(rf"^(?:(?i:both|only)\s+)?{_ITEM}(?:{_JOIN}{_ITEM})*(?:\s+(?i:only))?\s*\.?$")
# The stem numbers its statements: "I. ...", "(ii) ...", "1) ...", "Statement 1 | ...".
_ENUMERATION = re.compile(rf"(?:^|[\s:;.?])\(?({_LABEL})[.)](?=\s)|(?i:statement|scenario)\s+({_LABEL})\b", re.M)
# A letter's reference names several options when it joins or excepts them.
_SEVERAL = re.compile(r"\b(?i:and|or|nor|except|but\s+not)\b|&|,")
_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\band\b|&|\+|;)\s*", re.I)
_BOTH = re.compile(r"^(?:both|all\s+of)\s+", re.I)
_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    found = _by_letter(item) or _k_type(item) or _joined(item)
    if found:
        option, how = found
        yield Problem(f"{how}: a combination rewards partial knowledge; ask for one answer, or make the item "
                      "multiple-response", ("options", option.index, "text"))


def _by_letter(item: Item):
    for option in item.options:
        reference = letter_reference(option.text)
        if reference and _SEVERAL.search(reference) and refers_to_options(option.text, item.stem):
            return option, f"{name(option)}.text: {excerpt(option.text)} combines other options by letter"
    return None


def _k_type(item: Item):
    """The first option of a K-type item: at least two options are lists of
    statement labels, which the stem numbers, or which are Roman numerals
    or small numbers that are not answers of their own."""
    lists = [(o, _labels(o.text)) for o in item.options]
    labelled = [(o, labels) for o, labels in lists if labels]
    if len(labelled) < 2 or not any(len(labels) > 1 for _, labels in labelled):
        return None
    sets = [frozenset(labels) for _, labels in labelled]
    if len(set(sets)) == 1:
        return None  # one set in different orders: an ordering question
    if any(len(labels) != len(set(labels)) for _, labels in labelled):
        return None  # "(1, 1)": a pair of numbers, not a set of statements
    used = set().union(*sets)
    enumerated = _enumerated(item.stem)
    roman = all(_ROMAN_LABEL.fullmatch(label) for label in used)
    digits = all(label.isdigit() for label in used)
    if not (used <= enumerated or roman
            or (digits and len(labelled) == len(content_options(item)) and max(int(x) for x in used) <= 6)):
        return None
    first = labelled[0][0]
    return first, (f"the options are combinations of numbered statements ({name(first)}.text: "
                   f"{excerpt(first.text)}), the K-type format")


def _labels(text: str) -> Optional[List[str]]:
    prose = plain(text).strip()
    if not _LABEL_LIST.match(prose):
        return None
    return _ANY_LABEL.findall(_AND_ONLY.sub(" ", _BOTH.sub("", prose)))


def _enumerated(stem: str) -> Set[str]:
    """The labels that the stem numbers statements with, when there are two or more."""
    labels = {a or b for a, b in _ENUMERATION.findall(plain(stem))}
    return labels if len(labels) >= 2 else set()


def _joined(item: Item):
    """An option made of two or more other options."""
    options = content_options(item)
    if len(options) < 3:
        return None
    texts = {normalize(plain(o.text)): o for o in options}
    for option in options:
        parts = [normalize(p) for p in _SPLIT.split(_BOTH.sub("", plain(option.text))) if p.strip()]
        if (len(parts) >= 2 and all(p in texts and texts[p] is not option for p in parts)
                and not all(_NUMBER.fullmatch(p) for p in parts)):  # "0, 1": a set of numbers that answers
            return option, f"{name(option)}.text: {excerpt(option.text)} joins other options"
    return None
