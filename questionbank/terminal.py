"""Text for a terminal: control characters are shown, never obeyed.

A file name, an item id or a message quoting a bank's text may hold ESC
sequences (which can retitle the window or clear the screen), a newline or
carriage return (which can print a forged finding line), or bidirectional
overrides (which reorder what is shown). ``visible`` writes each as a
Python-style escape (``\\x1b``, ``\\n``, ``\\u202e``), so the line shows what
the bank holds.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: "re.Match[str]") -> str:
    ch = match.group()
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def visible(text: object) -> str:
    """``text`` with every control character written as an escape."""
    return _CONTROL.sub(_escape, str(text))


def visible_lines(text: str) -> str:
    """A report of several lines with each line made ``visible``: its own
    line breaks stay, the bank's control characters are escaped."""
    return "\n".join(visible(line) for line in text.split("\n"))
