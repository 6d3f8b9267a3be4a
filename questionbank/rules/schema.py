"""The file does not have the structure of a bank file.

## What it does
Checks `bank.yaml`, every item file and every exam spec against qb's JSON
Schemas (`items.schema.json`, `bank.schema.json`, `exam.schema.json`) and
reports every violation, each at its own line and column: an unknown key
(with the key it was probably meant to be), a missing required key, a value
of the wrong type, a value outside its choices. Keys that start with `x-` are
the author's own and always allowed.

Plain scalars are read as the author wrote them where the schema wants text:
`source: 2.10` is the text "2.10". `yes` and `no` are booleans only in
boolean fields such as `correct` and `pin`.

## Why is this bad?
A typo such as `corect: true` would otherwise pass, and the item would have
no key in the printed exam.

## Example
```yaml
items:
  - id: q1
    type: single
    stem: Which service streams records?
    options:
      - text: Amazon Kinesis Data Streams
        corect: true
      - text: Amazon S3
      - text: AWS Glue
```

## Use instead
```yaml
items:
  - id: q1
    type: single
    stem: Which service streams records?
    options:
      - text: Amazon Kinesis Data Streams
        correct: true
      - text: Amazon S3
      - text: AWS Glue
```
"""

ID = "schema"
LEVEL = "error"
SCOPE = "file"
OPTIONS: dict = {}
