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
- an option that is only the word ("Never" as the answer to "How often ...?");
- a word that the stem uses, or that both a key and a distractor use: then
  it gives no cue;
- options that are "all/none of the above" (their own rules report them).

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
Measured on the converted corpora (`qb lint BANK --format json`, items with a finding / items):
- Radio pools: 176 / 4,041 items (4.4%) with a warning, 203 (5.0%) with the
  info findings on keys. Hand check of 15 warnings: 15 real ("Only repeater
  stations", "This type of tower must never be painted", "Under no
  circumstances, FCC rules take priority"). The pools are written with such
  distractors: the rate is the flaw, not noise.
- MMLU: 792 / 15,906 (5.0%) warnings, 931 (5.9%) with info; a third of them in
  professional_law ("Yes, because evidence of trade usage is always
  admissible"). Hand check of 20: 17 real, 3 doubtful ("Titan is the only
  outer solar system moon with a thick atmosphere" is a precise fact).
- AWS CCP: 24 / 1,142 (2.1%) warnings; hand check of all 24: 22 real
  ("Patching the guest OS is always the responsibility of AWS"), "All
  checks" names a set.
- OpenTriviaQA: 465 / 49,716 (0.9%). The example bank: 0.
- Tuning: before the exceptions above, the rule flagged 9.6% of MMLU and
  8.6% of the radio pools: "all" inside sentences ("delete all snapshots",
  "equally in all directions"), "I and III only", "only if ...", "only 5%",
  "Full load only", and a term that the key uses too.
"""

from __future__ import annotations

from typing import Iterator

from questionbank.finding import Severity
from questionbank.item import Item
from questionbank.phrases import is_all_of_the_above, is_none_of_the_above
from questionbank.rules._options import configured, excerpt, name
from questionbank.rules.base import BankContext, Problem

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
# Regular expressions for uses that are not absolute qualifiers.
ALLOW = (
    r"not\s+only", r"if\s+only", r"at\s+all", r"after\s+all", r"above\s+all", r"all\s+in\s+all",
    r"once\s+and\s+for\s+all", r"all\s+right", r"all\s+(?:that|which)\s+apply",
    r"always\s+free", r"all\s+upfront", r"only\s+(?:about\s+|around\s+)?\$?\d[\d.,%]*",
    # A condition, stated precisely: "only if the client consents".
    r"only\s+(?:if|when|whenever|after|before|during|until|while|once|as\s+long\s+as|provided|to\s+the\s+extent)",
    # "I only", "I and III only", "A and B only": combinations, not qualifiers.
    rf"(?:{_LABEL}\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+))*{_LABEL}\s+only",
    # A short option that ends in "only" names a set or a mode: "Full load
    # only", "70 centimeters only".
    r"^(?:\S+\s+){1,3}only[.!]?$",
    r"every\s+(?:\d[\d.,]*|one|two|three|four|five|six|ten|twelve|fifteen|thirty|few|other|"
    r"second|minute|hour|day|night|week|month|quarter|year)s?",
)


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    matcher = configured(options, TERMS, ALLOW, INITIAL)
    found = [(o, {t for t, _ in matcher.find(o.text)}) for o in item.options
             if not (is_all_of_the_above(o.text) or is_none_of_the_above(o.text))]
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
