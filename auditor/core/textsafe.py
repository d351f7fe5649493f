"""Neutralising text from untrusted files before it reaches a terminal (ANSI escapes, controls, bidi overrides).

A config, a waiver file or a rule pack is written by someone else: a store name holding ESC [2J, a carriage
return or a right-to-left override could clear the screen, hide a line or make `OK` read as an error. Every
terminal output of the CLI goes through `SafeStream`, which shows such characters as visible `\\uXXXX` escapes
(also valid inside a JSON string, so a JSON document printed through it still means the same).
"""

from __future__ import annotations

import re
from typing import Any, TextIO

# C0 controls except tab and newline, DEL, C1 controls, the bidi embedding/override/isolate controls, the
# implicit direction marks, the Arabic letter mark, and the Unicode line/paragraph separators.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def neutralise(text: str) -> str:
    """`text` with every control, escape and bidi-override character shown as a visible \\uXXXX escape."""
    return _UNSAFE.sub(_escape, text)


def neutralise_chunk(text: str) -> str:
    """Like neutralise, but keeps a carriage return at the very start or end of a write (progress lines)."""
    head = "\r" if text.startswith("\r") else ""
    tail = "\r" if text.endswith("\r") and len(text) > len(head) else ""
    return head + neutralise(text[len(head):len(text) - len(tail)]) + tail


class SafeStream:
    """A text stream wrapper that neutralises everything written through it; binary `.buffer` stays raw
    (machine outputs such as JSON or SARIF on standard output are data, written there)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(neutralise_chunk(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    @property
    def wrapped(self) -> TextIO:
        return self._stream

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
