"""A progress line for long runs, on standard error.

Shown only on a terminal (never in a pipe, a file or CI logs, so output
that tools read stays clean) and only once a run has taken DELAY seconds:
short runs print nothing extra. It is redrawn a few times a second and
erased when the run ends, leaving the report as it would be without it.
"""

from __future__ import annotations

import os
import time
from typing import Callable, Optional, TextIO

DELAY = 1.0  # seconds before the line appears
INTERVAL = 0.1  # seconds between redraws


class Progress:
    """Call with (stage, done, total) as work advances; close() at the end."""

    def __init__(self, stream: TextIO, enabled: Optional[bool] = None,
                 clock: Callable[[], float] = time.monotonic):
        if enabled is None:
            enabled = _is_terminal(stream) and os.environ.get("TERM") != "dumb"
        self.stream = stream
        self.enabled = enabled
        self.clock = clock
        self.start = clock()
        self.drawn = 0.0  # when the line was last drawn; 0: never
        self.width = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = self.clock()
        if now - self.start < DELAY or (self.drawn and now - self.drawn < INTERVAL and done < total):
            return
        line = f"qb: {stage} {done}/{total}" if total else f"qb: {stage}"
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.width = len(line)
        self.drawn = now

    def close(self) -> None:
        if self.enabled and self.drawn:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
