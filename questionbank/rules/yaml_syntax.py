"""The file is not valid YAML, or not UTF-8.

## What it does
Reports a file that cannot be read as YAML: bad indentation, a tab where
YAML wants spaces, an unclosed quote, two documents in one file, control
characters, bytes that are not UTF-8, or aliases that expand without end.
The finding points at the line and column where the reader gave up; nothing
else in that file can be checked until it is fixed.

## Why is this bad?
A file that does not parse is a file whose items are silently missing from
every exam and every check.

## Example
```yaml
items:
  - id: q1
    stem: "Which service streams records?
```

## Use instead
```yaml
items:
  - id: q1
    type: open
    stem: "Which service streams records?"
    answer: Kinesis Data Streams.
```
"""

ID = "yaml-syntax"
LEVEL = "error"
SCOPE = "file"
OPTIONS: dict = {}
