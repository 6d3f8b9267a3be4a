"""The key is conspicuously longer than every distractor.

## What it does
Reports a choice item whose keys are exactly its longest options, longer
than every distractor by a clear margin: the shortest key at least `ratio`
times the longest distractor, in characters of prose (Markdown, code and
abbreviations in parentheses such as "(CDC)" left out). This holds for `single` items (one key) and `multiple` items (the
N keys are the N longest options) alike. Stock options ("All of these
choices are correct", "None of the above", also with an explanation after
a semicolon) are set aside: they are neither measured nor allowed to hide a
long key. Keys that are not prose are never reported: short ones (fewer than
`min-words` words or `min-length` characters) and names, numbers and terms
(fewer than three lower-case words, or only function words in lower case:
"S3 Glacier Deep Archive" against "S3 Standard", "AWS Total Cost of
Ownership (TCO) Calculator", "1 in 100 to 1 in 200", "I, II and III"), nor
are items with fewer than three options.

## Why is this bad?
Writers qualify the right answer until it is unassailable and leave the wrong
ones short, so "pick the longest" is a strategy that test-wise examinees know
and use (Haladyna, Downing and Rodriguez 2002, guideline 28d; the NBME guide
lists "long correct answer" among the cues). Items with a conspicuous key get
easier and measure less.

## Example
```yaml
items:
  - id: salesforce-to-s3
    type: single
    stem: Which service copies Salesforce records to Amazon S3 on a schedule without custom code?
    options:
      - text: AWS DataSync
      - text: AWS Glue DataBrew
      - text: Amazon AppFlow, with a scheduled flow that writes the records to an S3 bucket encrypted with AWS KMS
        correct: true
      - text: Amazon Kinesis Data Streams
```

## Use instead
```yaml
items:
  - id: salesforce-to-s3
    type: single
    stem: Which service copies Salesforce records to Amazon S3 on a schedule without custom code?
    options:
      - text: AWS DataSync, with a scheduled task that copies the records to the bucket
      - text: AWS Glue DataBrew, with a scheduled job that exports the records to the bucket
      - text: Amazon AppFlow, with a scheduled flow that writes the records to the bucket
        correct: true
      - text: Amazon Kinesis Data Streams, with a producer that sends the records to the bucket
```

## Options
- `ratio` (number): how many times longer than the longest distractor the key
  must be to be reported.
- `min-words` (number): keys with fewer words are not reported.
- `min-length` (number): keys with fewer characters are not reported.

## Firing rate
With the default ratio of 1.5 (items reported / items,
`benchmarks/devset/rates.py`): MMLU 433 / 15,906 (2.7%); radio pools 125 /
4,041 (3.1%, at most 3.8% in one pool, general 2023-2027); AWS practice
exams 6 / 1,142 (0.5%: their long options are mostly product names);
OpenTriviaQA 323 / 49,716 (0.6%); the example bank 0 / 53. A hand check of
12 findings drawn at random found 10 keys that are the complete, qualified
answer among short distractors ("Revocation of the VE's amateur station
license grant and ..." against "A fine of up to $1000 per occurrence") and
2 doubtful ("diffuse enlargement of the rectus muscles" against
"calcification of the orbit").

The ratio: the item-writing literature flags a key 1.25 times the longest
distractor (Moore et al.'s 0.8; SAQUET's 0.75 gives 1.33), and 1.15 for
the keys of a multiple-response item. On real banks a long option is the
key only a little more often than chance, whatever the ratio
(`benchmarks/devset/long_keys.py`: the longest prose option, when that
much longer than all others, is the key in 33% (1.25), 34% (1.5), 34%
(1.75) and 36% (2.0) of MMLU items against 26% by chance; 39%, 35%, 41%
and 44% of radio items against 27%; below chance in the AWS practice
exams; the N longest options of a multiple-response AWS item are its keys
in 15% of items at 1.25 against 10% by chance). A lower ratio thus buys
more findings at the same strength, and reviewers draw the line higher: on
the labelled development set (`benchmarks/devset/`, where a key is
labelled conspicuous at about one and a half times the longest distractor)
a ratio of 1.25 flags 21 items of which 9 are right (precision 0.43), 1.4
flags 14 (0.64), 1.5 flags 8 with 7 right (precision 0.88, recall 0.78),
1.6 flags 5, all right (recall 0.56), and 1.75 (the earlier default)
finds 3 of the 9. 1.5 it is, for one key or several.
"""

from __future__ import annotations

import re
from typing import Dict, Iterator, Optional, Tuple

from questionbank.item import Item, Option
from questionbank.rules._options import content_options
from questionbank.rules.base import BankContext, Problem
from questionbank.text import STOPWORDS, plain, words

ID = "longest-option-correct"
LEVEL = "warning"
SCOPE = "item"
OPTIONS: dict = {"ratio": 1.5, "min-words": 4, "min-length": 20}
# A key with fewer lower-case words, or none but function words, is a name,
# a number or a term ("S3 Glacier Deep Archive", "Amazon EC2 instance store",
# "AWS Total Cost of Ownership (TCO) Calculator", "1 in 100 to 1 in 200"),
# however long: its length says nothing.
MIN_PROSE_WORDS = 3


# An abbreviation in parentheses, "(CDC)" or "(Amazon S3)", glosses a term
# and qualifies nothing: it does not count towards an option's length.
_ABBREVIATION = re.compile(r"\s*\((?:[A-Z][\w&/.-]*\s+)?[A-Z0-9][A-Za-z0-9&/.-]{0,9}\)")


def measure(text: str) -> int:
    """An option's length: characters of prose, abbreviations in parentheses left out."""
    return len(_ABBREVIATION.sub("", plain(text)))


def is_prose(text: str) -> bool:
    """Whether an option is a phrase or sentence rather than a name or number."""
    lower = [w for w in words(text) if w.isalpha() and w.islower()]
    return len(lower) >= MIN_PROSE_WORDS and any(w not in STOPWORDS for w in lower)


def margin(item: Item) -> Optional[Tuple[Option, int, int]]:
    """(shortest key, its length, the longest distractor's length) when the
    keys are exactly the longest content options, else None."""
    options = content_options(item)
    keys = [o for o in options if o.correct]
    distractors = [o for o in options if not o.correct]
    if len(options) < 3 or not keys or len(distractors) < 2:
        return None
    length: Dict[int, int] = {o.index: measure(o.text) for o in options}
    shortest_key = min(keys, key=lambda o: length[o.index])
    longest_distractor = max(length[o.index] for o in distractors)
    if length[shortest_key.index] <= longest_distractor:
        return None
    return shortest_key, length[shortest_key.index], longest_distractor


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    if not item.is_choice:
        return
    found = margin(item)
    if found is None:
        return
    shortest_key, key_length, longest_distractor = found
    if key_length < options["min-length"] or key_length < options["ratio"] * max(1, longest_distractor):
        return
    text = plain(shortest_key.text)
    if len(words(text)) < options["min-words"] or not is_prose(text):
        return
    times = key_length / max(1, longest_distractor)
    what = "the key is" if len(item.keys) == 1 else "every key is"
    yield Problem(f"{what} {times:.1f} times as long as the longest distractor "
                  f"({key_length} against {longest_distractor} characters): "
                  "give the distractors the same detail, or trim the key",
                  ("options", shortest_key.index, "text"))
