"""A bank file or folder cannot be read.

## What it does
Reports an item file or folder that qb cannot open: missing permissions, a
broken symbolic link, or a symbolic link that loops back into a folder of
the bank. A symbolic link to a file or folder outside the bank is reported
too and never read: a bank from someone else could link to `/etc/passwd`
or your keys, and their text would reach findings and printed exams
(docs/security.md).

## Why is this bad?
The items in it would be missing from every check and every exam without
anyone noticing.

## Example
```yaml
# items/loop -> items (a symbolic link to its own parent folder)
```

## Use instead
```yaml
# Link only to folders inside the bank (shared/ beside items/), or copy the files in.
```
"""

ID = "unreadable-file"
LEVEL = "error"
SCOPE = "file"
OPTIONS: dict = {}
