"""The only threading code in the GUI: long core calls run on a QThread and report through signals."""

from __future__ import annotations

import logging
from typing import Any
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

from auditor.core.errors import InputError
from auditor.core.tasks import CancelToken, Cancelled, Progress

log = logging.getLogger(__name__)


class TaskWorker(QObject):
    """Runs `job(progress=..., cancel=...)` once; emits exactly one of succeeded/failed/cancelled, then finished."""

    progressed = Signal(int, int, str)   # done, total (0 = unknown), note
    succeeded = Signal(object)           # plain data, never a widget
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()                  # always emitted last

    def __init__(self, job: Callable[..., Any], cancel: CancelToken) -> None:
        super().__init__()
        self._job, self._cancel = job, cancel

    def _report(self, p: Progress) -> None:
        note = f"{p.step}: {p.note}" if p.step and p.note else (p.step or p.note)
        self.progressed.emit(p.done, p.total or 0, note)

    @Slot()
    def run(self) -> None:
        try:
            result = self._job(progress=self._report, cancel=self._cancel)
        except Cancelled:
            self.cancelled.emit()
        except InputError as exc:
            self.failed.emit(exc.format())
        except Exception as exc:         # shown in the window; the traceback goes to the log
            log.exception("background task failed")
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()
