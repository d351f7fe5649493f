"""Progress reports and cooperative cancellation for long work (no Qt, no threads of its own)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from collections.abc import Callable


class Cancelled(Exception):
    """The user asked to stop: not an error."""


class CancelToken:
    """A flag that any thread may set and the worker checks at natural checkpoints."""

    def __init__(self) -> None:
        self._flag = threading.Event()

    def cancel(self) -> None:
        self._flag.set()

    @property
    def is_cancelled(self) -> bool:
        return self._flag.is_set()

    def check(self) -> None:
        if self._flag.is_set():
            raise Cancelled


@dataclass(frozen=True)
class Progress:
    """One progress report: `done` of `total` units (total None = unknown) and a short note."""

    done: int
    total: int | None = None
    note: str = ""
    step: str = ""


ProgressFn = Callable[[Progress], None]


def no_progress(_: Progress) -> None:
    """The default progress callback: ignore reports."""
