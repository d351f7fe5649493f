"""The only threading code in the GUI: long core calls run on a QThread and report through signals.

Every signal carries the id of its job, so that the window can ignore what a job it no longer waits for still
reports (a progress note queued just before the outcome, a job replaced by the next one).

Thread rule (PySide6): a signal emitted on the worker thread runs a *plain function, lambda or closure* connected
to it on the worker thread itself, at once; only a slot of a QObject that lives on the GUI thread (a bound method
decorated with @Slot) is queued to the GUI thread. So connect these signals only to such slots; the window keeps the
job's completion callback and calls it from its own slot (MainWindow._on_worker_succeeded). A callback run on the
worker touched widgets, pixmaps and PDFium from two threads at once and crashed the process now and then.

Lifetime rule: the worker is owned by Python (the window's reference), never by `deleteLater` on its thread. When
`run` ends the worker moves itself back to the GUI thread, so the window can drop it there after the thread has
ended. A worker deleted by a deferred delete on its own thread while the window dropped its reference on the GUI
thread was deleted twice, now and then, and the process died (SIGSEGV in CI, tests/gui/test_session_defects.py).
"""

from __future__ import annotations

import logging
from typing import Any
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from auditor.core.errors import InputError
from auditor.core.tasks import CancelToken, Cancelled, Progress

log = logging.getLogger(__name__)


class TaskWorker(QObject):
    """Runs `job(progress=..., cancel=...)` once; emits exactly one of succeeded/failed/cancelled, then finished."""

    progressed = Signal(int, int, int, str)   # job id, done, total (0 = unknown), note
    succeeded = Signal(int, object)           # job id, plain data (never a widget)
    failed = Signal(int, str)                 # job id, message
    cancelled = Signal(int)                   # job id
    finished = Signal()                       # always emitted last

    def __init__(self, job: Callable[..., Any], cancel: CancelToken, job_id: int = 0) -> None:
        super().__init__()
        self._job, self._cancel, self.job_id = job, cancel, job_id

    def _report(self, p: Progress) -> None:
        note = f"{p.step}: {p.note}" if p.step and p.note else (p.step or p.note)
        self.progressed.emit(self.job_id, p.done, p.total or 0, note)

    @Slot()
    def run(self) -> None:
        try:
            result = self._job(progress=self._report, cancel=self._cancel)
        except Cancelled:
            self.cancelled.emit(self.job_id)
        except InputError as exc:
            self.failed.emit(self.job_id, exc.format())
        except Exception as exc:         # shown in the window; the traceback goes to the log
            log.exception("background task failed")
            self.failed.emit(self.job_id, f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(self.job_id, result)
        finally:
            app = QCoreApplication.instance()
            if app is not None:              # back to the GUI thread, where the window releases it (module doc)
                self.moveToThread(app.thread())
            self.finished.emit()
