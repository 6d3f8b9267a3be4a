"""The word that decides the question (BEST, MOST, LEAST, FIRST) is not emphasised, or two criteria compete.

## What it does
Looks at the question sentence of the stem (as `negative-stem` does: the
scenario before it holds requirements, not the question) for a qualifier
that decides which of several defensible options is the key: *best*
("best describes", "the best defense"), *most* and *least* ("most likely",
"most cost-effective", "the least effort"), *primary* or *main* before a
purpose, reason, use or service ("the primary storage service"), and
*first* as the step to take ("What should the engineer do first?"). It
reports, at `info`, a qualifier that is not emphasised: written in
capitals (`MOST`) or bold (`**most**`).

It reports, at `warning`, a question that decides by two criteria at once:
"the MOST cost-effective solution with the LEAST operational overhead",
"the most suitable and cost-effective option", "the LOWEST latency and the
LEAST operational overhead", whether emphasised or not.

Not qualifiers: "at least", "at most", "least privilege", "best
practice", "most" as in "most of the ...", "why do most stations ...",
"one of the most important numbers", names in title case ("an Oscar for
Best Actor"), and superlatives that name a measured property of the thing
asked ("the highest frequency", "the most abundant gas", "the least
reliable bands"): they pick one fact and decide nothing between defensible
options. "The most X Y" is a qualifier when X judges ("the most likely
diagnosis", "the most appropriate ...") or Y names the options ("the most
secure solution"). Negatives ("NOT", "EXCEPT", "least likely") are
`negative-stem`'s. A probability or a frequency is not a criterion ("MOST
likely", "used most often"), and "best", "most closely", "most accurately"
and "most appropriate" are one criterion, fit.

## Why is this bad?
When several options are partly right, the qualifier is the question: a
reader who skims past a small "best" or "first" answers another question
than the one asked. Certification exams write these words in capitals or
bold for that reason (Pearson VUE's item-writing guide: "Bold and use all
caps when using 'Emphasizers' (e.g., MOST, BEST, LEAST)"). Two criteria in
one question leave the key undefined when one option wins on each
(Haladyna, Downing and Rodriguez 2002, guidelines 14 and 19): state one
as a requirement in the scenario and ask by the other. The unemphasised
qualifier is a matter of style, hence `info`; the competing criteria make
the key disputable, hence `warning`.

## Example
```yaml
items:
  - id: firehose-parquet
    type: single
    stem: >-
      A company streams JSON events and must store them in Amazon S3 as Apache
      Parquet. Which solution is the most cost-effective and requires the least
      operational overhead?
    options:
      - text: Amazon Data Firehose with record format conversion
        correct: true
      - text: An AWS Glue streaming job that writes Parquet
      - text: AWS Lambda functions that convert each batch
```

## Use instead
```yaml
items:
  - id: firehose-parquet
    type: single
    stem: >-
      A company streams JSON events and must store them in Amazon S3 as Apache
      Parquet at the lowest cost. Which solution meets these requirements with
      the LEAST operational overhead?
    options:
      - text: Amazon Data Firehose with record format conversion
        correct: true
      - text: An AWS Glue streaming job that writes Parquet
      - text: AWS Lambda functions that convert each batch
```

## Firing rate
Items reported / items (`benchmarks/devset/rates.py`), at `warning` (two
criteria) and in all: MMLU 3 and 2,383 / 15,906 (15.0%: "most likely" in
medicine and law, "best describes"); radio pools 0 and 163 / 4,041 (4.0%);
AWS Cloud Practitioner practice exams 1 and 42 / 1,142 (3.7%); OpenTriviaQA
1 and 670 / 49,716 (1.3%); the example bank 0 / 53 (it writes every
qualifier in capitals, one per question). The unemphasised qualifier stays
at `info` because it is that common in banks whose authors accept it (MMLU
is over the 10% bar); the two-criteria warning is rare.

On the labelled development set: 27 of 27 labelled items found (recall
1.00), 2 false alarms (precision 0.93): "the least skilled or knowledgeable member"
in a completion stem, "Find the best approximation for the surface
temperature of the Sun". A hand check of 20 `info` findings (8 MMLU, 4
radio, 4 AWS, 4 trivia) found 18 deciding qualifiers; the 2 others ("Peter's
best friend", "Most Australians live ...") are now left out. Of the 5
two-criteria warnings on all corpora, 4 are real ("the most suitable and
cost-effective option", "most costly and carries the greatest risk", "the
best known and perhaps most important organization", "the best documented
and the most clearly understood"); the fifth is three descriptive
superlatives in a completion stem.
"""

from __future__ import annotations

import re
from typing import Iterator, List, Tuple

from questionbank.finding import Severity
from questionbank.item import Item
from questionbank.rules.base import BankContext, Problem
from questionbank.rules.negative_stem import NEGATED_ADJECTIVES
from questionbank.text import STOPWORDS, bold_as_markdown, emphasised, lead_in

ID = "qualifier-emphasis"
LEVEL = "info"
SCOPE = "item"
OPTIONS: dict = {}

# Adjectives after "most" that name a measured property: "the most abundant
# gas" picks one fact and decides nothing between defensible options.
_MEASURED = (r"abundant|massive|distant|dense|populous|populated|visited|spoken|widely|recent|recently|famous|"
             r"expensive|valuable|numerous|frequent|frequently|watched|played|sold|successful|decorated|"
             r"powerful|common|commonly|prevalent|popular|intense|energetic|luminous|reactive|stable|"
             r"electronegative|northern|southern|eastern|western|remote|prolific|wins|goals|titles|"
             r"medals|points|runs|times|votes|copies|money|people")
_PURPOSE = (r"purpose|reason|use|uses|aim|goal|function|cause|role|advantage|benefit|objective|concern|focus|"
            r"responsibility|factor|job|task|method|source|effect|difference|idea|point|theme|argument|intent|"
            r"drawback|disadvantage|impact|characteristic|service")
_CASE = r"argument|basis|defen[cs]e|case|claim|grounds?|reason|evidence|support|objection|challenge|rationale"
_QUALIFIER = re.compile(
    rf"(?<![\w-])(?:"
    rf"(best)(?![\w-])(?!\s+(?:practices?|friends?|sellers?|man|men|seller)\b)"
    rf"|(most|least)(?=\s+(?!(?:of|{_MEASURED}|privilege|privileged)\b)[\w-]|\s*[?.:]|$)"
    rf"|(primary|main|principal|chief)(?=\s+(?:[\w-]+\s+)?(?:{_PURPOSE})\b)"
    rf"|(first)(?=\s*[?.:]|\s*$|\s+(?:step|action|thing|task|priority|course\s+of\s+action)\b)"
    rf"|(strongest|weakest)(?=\s+(?:[\w-]+\s+)?(?:{_CASE})\b)"
    rf")", re.I)
# The words this rule starts from, to skip other stems cheaply.
_QUICK = re.compile(r"\b(?:best|most|least|primary|main|principal|chief|first|strongest|weakest)\b", re.I)
_AT = re.compile(r"\bat\s+$", re.I)
_THE = re.compile(r"\bthe\s+$", re.I)
_TWO_WORDS = re.compile(r"\s+([\w-]+)\s+([\w-]+)")
_NEGATIVE = re.compile(r"\s+(?:" + NEGATED_ADJECTIVES + r")\b", re.I)
# Words after "the most" that judge the options ...
_EVALUATIVE = re.compile(
    r"likely|probable|probably|appropriate(?:ly)?|accurate(?:ly)?|correct(?:ly)?|effective(?:ly)?|cost-effective|"
    r"suitable|suited|useful|helpful|important|significant|relevant|reasonable|persuasive|convincing|plausible|"
    r"efficient|valid|consistent|direct(?:ly)?|closely|clearly|strongly|similar|characteristic|representative|"
    r"typical(?:ly)?|beneficial|favou?rable|critical|applicable|notable|influential|secure|desirable|advisable|"
    r"practical|feasible|logical|sensible|justifiable|defensible|economical|cost-efficient|ethical", re.I)
# ... and nouns that name the options themselves.
_CHOICE = re.compile(
    r"options?|solutions?|approach(?:es)?|ways?|steps?|choices?|methods?|actions?|explanations?|answers?|"
    r"statements?|descriptions?|course|strategy|strategies|conclusions?|responses?|reasons?|defen[cs]es?|"
    r"arguments?|interpretations?|diagnos[ie]s|treatments?|tests?|inferences?|examples?|definitions?|"
    r"services?|designs?|architectures?|configurations?|plans?|tools?|measures?|intervention|management|"
    r"choice|decision|recommendation|advice|option|ruling|outcome|result|basis|grounds?|claims?|remedy|"
    r"charge|verdict", re.I)
# "most" as a determiner: "Why do most stations ...", "In most cases".
_DETERMINER = re.compile(r"\b(?:do|does|did|in|for|that|and|why|where|when|while|of)\s+(?=$)", re.I)
_PLURAL = re.compile(r"\s+[A-Za-z]+s\b(?<!ss)")  # "Most Australians live ...": most of them
_ONE_OF = re.compile(r"\bone\s+of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?$", re.I)
# A criterion of a solution: "LOWEST latency", "the fewest changes".
_COST = (r"cost|costs|price|latency|overhead|effort|downtime|risk|maintenance|complexity|changes|availability|"
         r"durability|throughput|performance|security|expense|work")
_COST_WORD = re.compile(_COST, re.I)
_COST_KIND = r"(?:operational\s+|administrative\s+|management\s+)?"  # "operational overhead" is one criterion
_MEASURE = re.compile(
    r"(?<![\w-])(?:lowest|fewest|cheapest|fastest|shortest|minimum|minimal|highest|greatest|maximum)\s+"
    rf"({_COST_KIND}(?:{_COST}))\b", re.I)
# "best known", "best documented": one criterion each.
_PARTICIPLE = re.compile(r"\s+([\w-]+(?:ed|wn))\b")
# "the most suitable and cost-effective option": two criteria under one "most".
_AND = re.compile(r"\s+([\w-]+)\s+and\s+(?:(?:the\s+)?(?:most|least)\s+)?([\w-]+)\b", re.I)
_WORD = re.compile(rf"\s+({_COST_KIND}[\w-]+)")
# Not criteria: a probability ("MOST likely" asks for the one right answer)
# and a frequency ("used most often").
_NOT_CRITERIA = frozenset({"likely", "probably", "possibly", "probable", "often", "frequently"})
# Words that all ask which option fits best: one criterion, however written.
_FIT = frozenset({"best", "closely", "accurately", "accurate", "directly", "clearly", "plainly", "appropriate",
                  "appropriately", "correct", "correctly", "nearly", "suitable", "suited"})


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    stem = item.stem
    if not _QUICK.search(stem):
        return
    question = lead_in(bold_as_markdown(stem))
    if not question:
        return
    qualifiers = _qualifiers(question)
    criteria = _criteria(question, qualifiers)
    if len(criteria) >= 2:
        listed = " and ".join(f"'{c}'" for c in criteria[:3])
        yield Problem(f"the question decides by {len(criteria)} criteria at once ({listed}): when one option wins "
                      "on each, the key is disputable; state one as a requirement and ask by the other",
                      ("stem",), severity=Severity.WARNING)
        return
    for start, end, word in qualifiers:
        if not emphasised(question, start, end):
            yield Problem(f"the question turns on '{word}' without emphasis: write it in capitals or bold "
                          f"({word.upper()}) so that no reader skims past it", ("stem",))
            return




def _qualifiers(question: str) -> List[Tuple[int, int, str]]:
    found = []
    for match in _QUALIFIER.finditer(question):
        group = next(g for g in range(1, 6) if match.group(g))
        before, after = question[:match.start(group)], question[match.end(group):]
        if (_AT.search(before) or _ONE_OF.search(before)
                or (match.group(group).lower() == "most"
                    and (_DETERMINER.search(before) or (_starts_sentence(before) and _PLURAL.match(after))))):
            continue  # "at least"; "one of the most important numbers" describes; "why do most stations ..."
        word = match.group(group)
        if word[0].isupper() and not word.isupper() and not _starts_sentence(before):
            continue  # "an Oscar for Best Actor", "Need for Speed: Most Wanted": a name
        if word.lower() in ("most", "least") and _names_a_property(before, after):
            continue
        if word.lower() == "least" and _NEGATIVE.match(after):
            continue  # "least likely": negative-stem's
        found.append((match.start(group), match.end(group), match.group(group)))
    return found


def _names_a_property(before: str, after: str) -> bool:
    """Whether "the most X Y" names a property of the thing asked ("the most
    severe sentence", "the least reliable bands") rather than a way to judge
    the options ("the most cost-effective solution", "the most likely
    diagnosis")."""
    if not _THE.search(before):
        return False
    match = _TWO_WORDS.match(after)
    if not match:
        return False
    first, second = match.group(1).lower(), match.group(2).lower()
    return not (_EVALUATIVE.fullmatch(first) or _CHOICE.fullmatch(second) or second in STOPWORDS
                or _COST_WORD.fullmatch(second))  # "the LEAST operational overhead"


def _starts_sentence(before: str) -> bool:
    before = before.rstrip()
    return not before or before[-1] in ".?!:;\"'(“"


def _criteria(question: str, qualifiers: List[Tuple[int, int, str]]) -> List[str]:
    """The distinct criteria the question optimises, as written ("MOST
    cost-effective", "LEAST operational overhead", "LOWEST latency")."""
    found: List[Tuple[int, str, str]] = []
    for start, end, word in qualifiers:
        if word.lower() == "best":
            known = _PARTICIPLE.match(question[end:])
            found.append((start, known.group(1).lower(), f"{word} {known.group(1)}") if known else (start, "best", word))
        elif word.lower() in ("most", "least"):
            after = question[end:]
            both = _AND.match(after)
            if both and _CHOICE.match(after[both.end():].lstrip()):
                found.append((start, both.group(1).lower(), f"{word} {both.group(1)}"))
                found.append((start + 1, both.group(2).lower(), both.group(2)))
                continue
            next_word = _WORD.match(after)
            if next_word:
                found.append((start, next_word.group(1).lower(), f"{word} {next_word.group(1)}"))
    for match in _MEASURE.finditer(question):
        found.append((match.start(), match.group(1).lower(), match.group(0)))
    criteria: List[str] = []
    seen = set()
    for _, key, text in sorted(found):
        key = "best" if key in _FIT else key
        if key.split()[-1] in _NOT_CRITERIA or key in seen:
            continue
        seen.add(key)
        criteria.append(text)
    return criteria
