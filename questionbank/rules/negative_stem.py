"""The question is worded negatively (not, except, least likely) without emphasis.

## What it does
Looks at the question sentence of the stem (the last sentence ending in a
question mark, with any instruction after it; for a stem without a question,
its last sentence) for a negative: *not*, *except*, *false*, *incorrect*,
*cannot*, *never*, a negative contraction such as *isn't*, or *least* before a
word such as *likely*, *appropriate* or *accurate*. It reports the negative
unless it is emphasised: written in capitals (`NOT`) or in bold (`**not**`).
The subject may stand between the auxiliary and the negative ("may a
volunteer examiner not", "why should you not"), and a completion stem may
end in it ("... all of the following but not"). Words in the scenario
before the question are not looked at: "the company does not want to
manage servers" is a requirement, not a negative stem.
"With the LEAST operational overhead" and "least privilege" are not negatives.

## Why is this bad?
Readers skim past a small "not" and answer the opposite question, so the item
measures reading care instead of knowledge (Haladyna, Downing and Rodriguez
2002, guideline 17; the NBME item-writing guide). Ask positively where you
can; where the negative is the point, make it impossible to miss.

## Example
```yaml
items:
  - id: kinesis-targets
    type: single
    stem: Which of the following is not a destination that Amazon Data Firehose can deliver to?
    options:
      - text: Amazon S3
      - text: Amazon Redshift
      - text: Amazon OpenSearch Service
      - text: Amazon SQS
        correct: true
```

## Use instead
```yaml
items:
  - id: kinesis-targets
    type: single
    stem: >-
      A team does not want to run servers. Which of the following is **NOT** a
      destination that Amazon Data Firehose can deliver to?
    options:
      - text: Amazon S3
      - text: Amazon Redshift
      - text: Amazon OpenSearch Service
      - text: Amazon SQS
        correct: true
```

## Options
- `words` (list of text): more negative words to look for.

## Firing rate
Measured on the shared corpora (items reported / items,
`benchmarks/devset/rates.py`): MMLU 487 / 15,906 (3.1%); US amateur radio
pools 28 / 4,041 (0.7%, at most 1.0% in one pool: they write NOT in
capitals); AWS Cloud Practitioner practice exams 2 / 1,142 (0.2%);
OpenTriviaQA 1,306 / 49,716 (2.6%); the example bank 0 / 53. A hand check
of 40 findings (MMLU, trivia, radio) found each to be a real unemphasised
"not", "except", "false" or "least likely" in the question; the subject
between the auxiliary and "not" added the radio pools' "Why should you not
set ...", "To which examinees may a VE not administer ...": all 12
findings in the three current pools are negative questions. Only the clause
that asks is read, so questions about a negative condition ("What is the
cost, not including tax?", "Which advice fits if the client does not accept
the goods?") and contrasts ("Why do Uranus and Neptune have methane clouds
but Jupiter and Saturn do not?") are not reported: the rule trades that
recall for precision. On the labelled development set it still reports
"which of the following cannot be escaped?" (the property asked).
"""

from __future__ import annotations

import re
from typing import Iterator

from questionbank.item import Item
from questionbank.rules.base import BankContext, Problem
from questionbank.text import bold_as_markdown, emphasised, lead_in

ID = "negative-stem"
LEVEL = "warning"
SCOPE = "item"
OPTIONS: dict = {"words": []}

_AUX = r"(?:is|are|was|were|be|been|do|does|did|can|could|will|would|should|shall|must|may|might|has|have|had)"
# Adjectives that "least" or "not" turn around ("least likely"); qualifier-emphasis
# reads them too, so that "least likely" stays this rule's finding.
NEGATED_ADJECTIVES = (r"likely|appropriate|correct|accurate|true|valid|consistent|useful|helpful|important|effective|suitable|"
        r"probable|plausible|relevant|acceptable|characteristic|common|supported|associated|similar|related|"
        r"needed|necessary|desirable|applicable|preferred|typical|commonly|frequently|often")
# Negatives that turn the whole question around wherever they stand in it.
_ANYWHERE = re.compile(
    r"\b(except|least(?=\s+(?:" + NEGATED_ADJECTIVES + r")\b)|(?<=\bis\s)(?:false|incorrect|untrue|inaccurate)|(?<=\b(?:are|was)\s)(?:false|incorrect|untrue|inaccurate)|(?<=\bwere\s)(?:false|incorrect|untrue|inaccurate)|"
    r"(?:false|incorrect|untrue|inaccurate)(?=\s+(?:statements?|answers?|options?|choices?|claims?|"
    r"descriptions?|assertions?)\b))\b", re.I)
# A negated verb in the clause that asks: "Which ... is not", "Who did not",
# "What cannot"; a clause ends at punctuation or a subordinating word, so
# "What was the cost, not including tax" and "Which ... if the request is
# not filed" are questions about a condition, not negative stems.
_ASKING = re.compile(r"\b(?:which|what|who|whom|why)\b([^,;:?()]*)|^\W*(?=" + _AUX + r"\b)([^,;:?()]*)", re.I)
_CLAUSE_END = re.compile(r"\b(?:if|when|whenever|because|although|though|unless|that|who|whom|whose|which|where|"
                         r"while|since|after|before|until|so|but)\b", re.I)
# The subject may stand between the auxiliary and "not": "may a volunteer
# examiner not", "did the company not", "should you not".
_SUBJECT = r"(?:\s+(?!(?:to|and|or|but|not|never)\b)[\w'\u2019-]+){0,4}?"
_NEGATED_VERB = re.compile(r"\b" + _AUX + _SUBJECT + r"(?:\s+\w+ly)?\s+(not|never)\b|\b(" + _AUX +
                           r"n['\u2019]t|won['\u2019]t|cannot|can\s+not)\b", re.I)
# A completion stem that ends in the negation: "... all of the following but
# not", "A licensee may not".
_ENDS_NEGATED = re.compile(r"\b(not|never)[\s:.\u2026_-]*$", re.I)


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    question = lead_in(bold_as_markdown(item.stem))
    if not question:
        return
    for start, end, word in _negatives(question, tuple(options.get("words") or ())):
        if emphasised(question, start, end):
            continue
        yield Problem(f"the question is worded negatively ('{word}') without emphasis: "
                      f"ask positively, or write it in capitals or bold ({word.upper()})", ("stem",))
        return


def _negatives(question: str, extra: tuple):
    """(start, end, word) of each negative of the question sentence."""
    for match in _ANYWHERE.finditer(question):
        if match.start(1) > 0:  # "Except in Alaska, what is ...?" qualifies; it does not negate
            yield match.start(1), match.end(1), match.group(1)
    asking = _ASKING.search(question)
    if asking:
        group = 1 if asking.group(1) is not None else 2
        clause_start = asking.start(group)
        clause = asking.group(group)
        cut = _CLAUSE_END.search(clause)
        if cut:
            clause = clause[:cut.start()]
        match = _NEGATED_VERB.search(clause)
        if match:
            group = 1 if match.group(1) else 2
            yield clause_start + match.start(group), clause_start + match.end(group), match.group(group)
    if "?" not in question:
        match = _ENDS_NEGATED.search(question)
        if match:
            yield match.start(1), match.end(1), match.group(1)
    if extra:
        for match in _extra_pattern(extra).finditer(question):
            yield match.start(1), match.end(1), match.group(1)


_EXTRA: dict = {}


def _extra_pattern(words: tuple) -> "re.Pattern[str]":
    if words not in _EXTRA:
        _EXTRA[words] = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.I)
    return _EXTRA[words]
