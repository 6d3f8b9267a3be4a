"""The key is conspicuously longer than every distractor.

## What it does
Reports a `single` item whose key is longer than every distractor by a clear
margin: at least `ratio` times the longest distractor, in characters of prose
(Markdown and code removed). For a `multiple` item, the keys must all be
longer than every distractor by that margin. Short keys (fewer than
`min-words` words or `min-length` characters: numbers, names, single terms,
"I, II and III") are never reported, nor are
items with fewer than three options.

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
With the default ratio of 1.75 (items reported / items): MMLU 215 / 15,906
(1.4%); radio pools 1.2 to 3.2% per pool (general 2023-2027: 10 / 423);
AWS practice exams 16 / 1,142 (1.4%); OpenTriviaQA 393 / 49,716 (0.8%);
the example bank 0 / 53. The cue is real in these banks: a key is this
conspicuous in 1.4% of MMLU items and 2.2 to 3.2% of radio items, against
0.9 to 1.0% for any one distractor, so well over half of the findings are
above chance. A hand check of 12 findings found 11 keys that are the
complete, qualified answer among short distractors. At a ratio of 1.5 the
rule fires on 3 to 4.4% of the radio pools, many at chance level.
"""

from __future__ import annotations

from typing import Iterator

from questionbank.item import Item
from questionbank.rules.base import BankContext, Problem
from questionbank.text import plain, words

ID = "longest-option-correct"
LEVEL = "warning"
SCOPE = "item"
OPTIONS: dict = {"ratio": 1.75, "min-words": 4, "min-length": 20}


def check(item: Item, ctx: BankContext, options: dict) -> Iterator[Problem]:
    if not item.is_choice:
        return
    keys = item.keys
    distractors = [o for o in item.options if not o.correct]
    if len(item.options) < 3 or not keys or len(distractors) < 2:
        return
    length = {o.index: len(plain(o.text)) for o in item.options}
    longest_distractor = max(length[o.index] for o in distractors)
    shortest_key = min(keys, key=lambda o: length[o.index])
    key_length = length[shortest_key.index]
    if key_length < options["min-length"] or key_length < options["ratio"] * max(1, longest_distractor):
        return
    if len(words(plain(shortest_key.text))) < options["min-words"]:
        return
    times = length[shortest_key.index] / longest_distractor
    what = "the key is" if len(keys) == 1 else "every key is"
    yield Problem(f"{what} {times:.1f} times as long as the longest distractor "
                  f"({length[shortest_key.index]} against {longest_distractor} characters): "
                  "give the distractors the same detail, or trim the key",
                  ("options", shortest_key.index, "text"))
