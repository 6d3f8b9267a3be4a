"""A key is repeated in one mapping.

## What it does
Reports the second (and every later) occurrence of a key in the same
mapping, naming the line of the first.

## Why is this bad?
YAML readers keep only the last value of a repeated key and drop the first
without a word, so part of what the author wrote is lost: often a whole
option list, or the `correct: true` of the key.

## Example
```yaml
items:
  - id: q1
    type: open
    stem: Which service streams records?
    answer: Kinesis Data Streams.
    answer: Amazon Kinesis.
```

## Use instead
```yaml
items:
  - id: q1
    type: open
    stem: Which service streams records?
    answer: Kinesis Data Streams (Amazon Kinesis).
```
"""

ID = "duplicate-key"
LEVEL = "error"
SCOPE = "file"
OPTIONS: dict = {}
