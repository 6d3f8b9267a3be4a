"""A bank file or folder cannot be read.

## What it does
Reports an item file or folder that qb cannot open: missing permissions, a
broken symbolic link, or a symbolic link that loops back into a folder of
the bank.

## Why is this bad?
The items in it would be missing from every check and every exam without
anyone noticing.

## Example
```yaml
# items/loop -> items (a symbolic link to its own parent folder)
```

## Use instead
```yaml
# Link to folders outside the bank's items/, or copy the files.
```
"""

ID = "unreadable-file"
LEVEL = "error"
SCOPE = "file"
OPTIONS: dict = {}
