"""A suppression comment names an unknown rule or suppresses nothing.

## What it does
qb reads two comments in item files:

- `# qb: disable=RULE[,RULE...]` turns the rules off for one item: the item
  whose lines the comment stands on, or, on a line of its own, the item that
  follows it directly (blank lines and other comments may stand between);
- `# qb: disable-file=RULE[,RULE...]` turns them off for the whole file.

This rule reports each rule id in such a comment that is not a rule of qb
(with the closest id), or that suppressed no finding, like ruff's `RUF100`.
A comment that names a rule the bank's settings turn off is not reported.

## Why is this bad?
A suppression outlives the problem it hid: after the item is fixed, it
silently hides the next real problem. A misspelt rule id suppresses nothing
while looking like it does.

## Example
```yaml
items:
  - id: q1  # qb: disable=absolute-terms
    type: open
    stem: Which AWS DMS task type copies existing data and then ongoing changes?
    answer: Full load plus CDC.
```

## Use instead
```yaml
items:
  - id: q1
    type: open
    stem: Which AWS DMS task type copies existing data and then ongoing changes?
    answer: Full load plus CDC.
```
"""

ID = "unused-suppression"
LEVEL = "warning"
SCOPE = "file"
OPTIONS: dict = {}
