"""An option uses an absolute qualifier such as "always", "never" or "only".

## What it does
Reports options that use a specific determiner: always, never, only, all,
none, every, everything, nothing, entirely, completely, totally,
absolutely, invariably (add your own with `extra-words`). To stay precise on
real banks it leaves alone:

- words inside code or quotation marks (Greek for "never changing") and
  hyphenated compounds ("read-only", "all-in-one", "always-on");
- names: a capitalised term inside a sentence ("the Always Free tier", "All
  Upfront") or an option in title case ("Never Let Me Go");
- idioms that are not absolute claims: "not only", "at all", "after all",
  "every 5 minutes", "every other day", "all that apply";
- counts and precise conditions: "only one direction", "only 5%", "only
  if" and "only when" (but "only during", "only after", "only before" and
  "only until" restrict like any other "only"), "access to only the
  resources needed", "actions that affect only themselves";
- negated absolutes ("not always", "not totally effective") and technical
  terms ("totally disconnected", "absolutely convergent");
- an option that is only the word ("Never" as the answer to "How often
  ...?"), or the word then its reason ("Nothing, because ...");
- a word that the stem uses, or that both a key and a distractor use: then
  it gives no cue; nor does any term when every option, the key included,
  makes an absolute claim;
- options that are "all/none of the above" (their own rules report them).

"All" and "every" count at the start of a sentence ("All AWS services are
global"), and inside one where they take all of something ("radiates all
its energy") or are the subject of a clause ("because all treaties are
..."); elsewhere they mostly count ("delete all snapshots").

A term in a distractor is a warning: it is the cue that test-wise examinees
use to rule the option out. A term in a key is reported as info: the cue
then points away from the right answer, which is still a flaw.

## Why is this bad?
Absolute statements are rarely true, so examinees learn to eliminate options
that contain them without knowing the content (Haladyna, Downing and
Rodriguez 2002, guideline 28a; NBME "absolute terms").

## Example
```yaml
items:
  - id: iam-policy-evaluation
    type: single
    stem: How does IAM evaluate a request that an identity policy allows and a bucket policy denies?
    options:
      - text: The request is always allowed because identity policies win
      - text: The request is denied because an explicit deny overrides the allow
        correct: true
      - text: The request is allowed only for the account root user
      - text: The request is denied after the policy cache expires
```

## Use instead
```yaml
items:
  - id: iam-policy-evaluation
    type: single
    stem: How does IAM evaluate a request that an identity policy allows and a bucket policy denies?
    options:
      - text: The request is allowed because identity policies are evaluated first
      - text: The request is denied because an explicit deny overrides the allow
        correct: true
      - text: The request is allowed for the account root user and denied for others
      - text: The request is denied after the policy cache expires
```

## Options
- `extra-words` (default none): more words or phrases to report.
- `allow` (default none): phrases in which the words are fine, such as a
  product name written in lower case ("all upfront").

## Firing rate
Measured on the converted corpora (`benchmarks/devset/rates.py`, items with
a warning / items; in brackets with the info findings on keys):
- Radio pools: 171 / 4,041 (4.2%) [190], at most 5.9% in one pool (general
  2023-2027). Hand check of 15 warnings: 15 real ("Only repeater
  stations", "This type of tower must never be painted", "Under no
  circumstances, FCC rules take priority"). The pools are written with such
  distractors: the rate is the flaw, not noise.
- MMLU: 756 / 15,906 (4.8%) [882]; a third of them in professional_law
  ("Yes, because evidence of trade usage is always admissible"). Hand
  check of 20: 17 real, 3 doubtful ("Titan is the only outer solar system
  moon with a thick atmosphere" is a precise fact).
- AWS CCP: 26 / 1,142 (2.3%) [33]; hand check of all 26: 23 real
  ("Patching the guest OS is always the responsibility of AWS", "Access
  the root account only from your personal Mobile Phone"); "All checks"
  names a set, "email only during business hours" describes a support plan
  precisely, "Automate everything that can be automated" is a design
  principle.
- OpenTriviaQA: 440 / 49,716 (0.9%) [561]. The example bank: 0.
- Issue 12's patterns moved these little (MMLU 5.0% to 4.8%, radio 4.4% to
  4.2%, AWS 2.1% to 2.3%); on the labelled development set
  (`benchmarks/devset/`) precision went from 0.62 to 0.94 at the same
  recall (0.79): counts, least privilege, reasons after "Nothing,", negated
  absolutes and "None of these choices is correct; ..." were its false
  alarms. Left alone, measured: "the source of all moral actions" ("of
  all" counts far more often than it claims) and "no" ("no parent would
  permit", "By having no operational expenditures"), which would need a
  grammar to tell "no responsibility" from "no later than".
- Tuning: before the exceptions above, the rule flagged 9.6% of MMLU and
  8.6% of the radio pools: "all" inside sentences ("delete all snapshots",
  "equally in all directions"), "I and III only", "only if ...", "only 5%",
  "Full load only", and a term that the key uses too.
"""

from __future__ import annotations

import re
from typing import Iterator, Set

from questionbank.finding import Severity
from questionbank.item import Item
from questionbank.rules._options import configured, content_options, excerpt, name
from questionbank.rules.base import BankContext, Problem
from questionbank.text import plain

ID = "absolute-term"
LEVEL = "warning"
SCOPE = "item"
OPTIONS = {"extra-words": [], "allow": []}

TERMS = ("always", "never", "only", "all", "none", "every", "everything", "nothing", "entirely",
         "completely", "totally", "absolutely", "invariably", "under no circumstances", "in all cases",
         "at all times", "without exception")
# Quantifiers that make an absolute claim where they start a sentence ("All
# AWS services are global") but mostly just count elsewhere ("delete all
# snapshots", "equally in all directions").
INITIAL = ("all", "every")
_LABEL = r"\(?(?:i{1,3}|iv|vi{0,3}|[a-h]|\d)\)?"
_NUMBER_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|a\s+(?:few|couple)|half|once|twice)\b"
# Regular expressions for uses that are not absolute qualifiers.
ALLOW = (
    r"not\s+only", r"if\s+only", r"at\s+all", r"after\s+all", r"above\s+all", r"all\s+in\s+all",
    r"once\s+and\s+for\s+all", r"all\s+right", r"all\s+(?:that|which)\s+apply",
    r"always\s+free", r"all\s+upfront",
    # A count: "only 5%", "only one direction", "only a few".
    rf"only\s+(?:about\s+|around\s+)?(?:\$?\d[\d.,%]*|{_NUMBER_WORD}|a\s+(?:few|single|small|handful))",
    # A condition, stated precisely: "only if the client consents". A time
    # ("only during emergencies", "only after ...") is a restriction like any other.
    r"only\s+(?:if|when|whenever|while|as\s+long\s+as|provided|to\s+the\s+extent)",
    # Least privilege: "access to only the resources needed", "only to users who require it".
    r"only\b[^.;:!?]{0,60}?\b(?:needed|required|necessary|(?:who|that|which)\s+(?:need|require)s?)",
    # A scope: "actions that affect only themselves".
    r"only\s+(?:themselves|itself|himself|herself|oneself|yourself|ourselves)",
    # A negated absolute is no sweeping claim: "not totally effective", "not always".
    r"not\s+(?:always|all|every|entirely|completely|totally|absolutely|invariably|only)",
    # The word as the answer, then its reason: "Nothing, because ...", "Never, the tactical call is sufficient".
    r"^(?:never|nothing|none|always)(?=\s*(?:[,;:]|\s-\s|\s+because\b))",
    # Technical terms: "totally disconnected", "absolutely convergent".
    r"totally\s+(?:disconnected|ordered|bounded|real|positive|geodesic|symmetric)",
    r"completely\s+(?:regular|normal|positive|randomi[sz]ed|connected|metrizable|reducible|integrable|multiplicative)",
    r"absolutely\s+(?:convergent|continuous|integrable|summable|irreducible|monotone)",
    # "I only", "I and III only", "A and B only": combinations, not qualifiers.
    rf"(?:{_LABEL}\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+))*{_LABEL}\s+only",
    # A short option that ends in "only" names a set or a mode: "Full load
    # only", "70 centimeters only".
    r"^(?:\S+\s+){1,3}only[.!]?$",
    r"every\s+(?:\d[\d.,]*|one|two|three|four|five|six|ten|twelve|fifteen|thirty|few|other|"
    r"second|minute|hour|day|night|week|month|quarter|year)s?",
)


# "All" and "every" inside a sentence make a claim when they take all of
# something ("radiates all its energy") or start a clause as its subject
# ("because all treaties are ..."); a condition ("if all inputs are 0") is precise.
_MID_CLAIM = re.compile(
    r"(?<![\w-])(all|every)\s+(?:its|their|his|her|your|our)\b"
    r"|\b(?:that|because|since|so|and|but)\s+(all|every)\s+[a-z]+\s+"
    r"(?:is|are|was|were|have|has|had|must|will|would|can|should|may)\b", re.I)


def terms_of(text: str, matcher) -> Set[str]:
    """The absolute terms an option uses (see the module's documentation)."""
    found = {t for t, _ in matcher.find(text)}
    if "all" not in found and "every" not in found and _MID_CLAIM.search(text):
        found |= {(m.group(1) or m.group(2)).lower() for m in _MID_CLAIM.finditer(plain(text))}
    return found


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    matcher = configured(options, TERMS, ALLOW, INITIAL)
    found = [(o, terms_of(o.text, matcher)) for o in content_options(item)]
    # When every option makes an absolute claim, none stands out.
    if len(found) >= 2 and all(terms for _, terms in found):
        return
    found = [(o, terms) for o, terms in found if terms]
    if not found:
        return
    # A term is a cue only when the keys use it and the distractors do not,
    # or the other way round; one the stem uses is none either.
    in_stem = {t for t, _ in matcher.find(item.stem)}
    in_keys = set().union(*(t for o, t in found if o.correct))
    in_distractors = set().union(*(t for o, t in found if not o.correct))
    for option, terms in found:
        terms = sorted(terms - in_stem - (in_distractors if option.correct else in_keys))
        if not terms:
            continue
        words = ", ".join(repr(t) for t in terms)
        yield Problem(f"{name(option)}.text: absolute term {words} in {excerpt(option.text)}; test-wise "
                      "examinees rule such options out; state the precise condition instead",
                      ("options", option.index, "text"),
                      severity=Severity.INFO if option.correct else None)
