"""Errors about bad input that every shell shows as a clear message (never a traceback)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def describe_value(value: Any) -> str:
    """A short description of a wrong value for an error message: its kind, or its repr cut to 60 characters."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    file: str
    message: str
    line: int | None = None      # 1-based
    column: int | None = None    # 1-based
    path: str = ""               # key path inside the document, e.g. cameras[2].retention_days
    expected: str = ""
    found: str = ""

    def format(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: "
        if self.path:
            text += f"{self.path}: "
        text += self.message
        if self.expected:
            text += f"; expected {self.expected}"
        if self.found:
            text += f", found {self.found}"
        return text


@dataclass
class InputError(Exception):
    """Raised for bad user input; carries every problem found, not only the first."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.format())

    def format(self) -> str:
        return "\n".join(p.format() for p in self.problems)
