"""Run long work off the GUI thread, with progress and cancel."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from ..session import Cancelled

__all__ = ["Job"]


class Job(QObject):
    """One piece of work in the global thread pool.

    ``fn(progress, cancelled)`` runs in a worker thread: ``progress(fraction)``
    reports, ``cancelled()`` is True once :meth:`cancel` was called. Results
    come back on the GUI thread through the signals.

    Signals
    -------
    progressed(float)
    finished(object)   the return value of ``fn``
    failed(str)        an unexpected error (message)
    cancelled()
    """

    progressed = Signal(float)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, fn: Callable[[Callable[[float], None], Callable[[], bool]], Any]) -> None:
        super().__init__()
        self._fn = fn
        self._cancel = threading.Event()
        self._done = threading.Event()
        self.running = False

    def start(self) -> None:
        """Start in the global QThreadPool."""
        self.running = True
        QThreadPool.globalInstance().start(self._run)

    def cancel(self) -> None:
        """Ask the work to stop at its next check."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the work has ended (for tests and shutdown)."""
        return self._done.wait(timeout)

    def _run(self) -> None:
        try:
            result = self._fn(self.progressed.emit, self._cancel.is_set)
        except Cancelled:
            self.running = False
            self._done.set()
            self.cancelled.emit()
            return
        except Exception as exc:  # reported to the user, never a crash of the GUI
            self.running = False
            self._done.set()
            self.failed.emit(f"{exc}\n{traceback.format_exc(limit=3)}")
            return
        self.running = False
        self._done.set()
        self.finished.emit(result)
