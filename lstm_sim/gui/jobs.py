"""Long work off the GUI thread: :class:`Job`, and the window's one :class:`JobRunner`.

What runs where is the session's decision (:mod:`lstm_sim.session.policy`);
this module runs what must not run on the GUI thread — a long seek, a long
BPTT window, reading and writing files — and shows it in the status bar: a
text, a progress bar, and the Cancel button, which cancels every running job.
The status bar is derived from the jobs that run, so it never shows a job that
has ended.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton

from ..session import Cancelled

__all__ = ["Job", "JobRunner", "Work"]

#: ``work(progress, cancelled)``: runs in a worker thread; ``progress(fraction)``
#: reports, ``cancelled()`` says when to stop (raise :class:`Cancelled`).
Work = Callable[[Callable[[float], None], Callable[[], bool]], Any]


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

    def __init__(self, fn: Work) -> None:
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


@dataclass
class _Lane:
    job: Job
    label: str
    progress: bool
    fraction: float = 0.0


class JobRunner(QObject):
    """The window's jobs, one per lane (``"steps"``, ``"gradients"``, ``"file"``, …).

    Parameters
    ----------
    label, progress, cancel : QLabel, QProgressBar, QPushButton
        The status bar's text, progress bar and Cancel button (which cancels
        every running job).

    A lane's result handlers run on the GUI thread after the lane is free
    again, so a handler may start the next job of its lane.
    """

    def __init__(
        self,
        parent: QObject,
        label: QLabel,
        progress: QProgressBar,
        cancel: QPushButton,
    ) -> None:
        super().__init__(parent)
        self._label, self._progress, self._cancel = label, progress, cancel
        self._lanes: dict[str, _Lane] = {}
        self._note = ""  # a text shown while no job runs (cleared by the next job)
        cancel.clicked.connect(lambda _checked=False: self.cancel())
        self._show()

    # ------------------------------------------------------------ reading
    def running(self, lane: str | None = None) -> bool:
        """A job runs in ``lane`` (None: in any lane)."""
        if lane is None:
            return bool(self._lanes)
        return lane in self._lanes

    def lanes(self) -> list[str]:
        """The lanes with a running job, oldest first."""
        return list(self._lanes)

    def rendered(self) -> dict[str, Any]:
        """What the status bar shows of the jobs (plain data)."""
        return {
            "text": self._label.text(),
            "progress_visible": not self._progress.isHidden(),
            "cancel_visible": not self._cancel.isHidden(),
            "lanes": self.lanes(),
        }

    # ------------------------------------------------------------ running
    def start(
        self,
        lane: str,
        label: str,
        work: Work,
        on_result: Callable[[Any], None],
        *,
        on_cancel: Callable[[], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        progress: bool = True,
    ) -> Job:
        """Run ``work(progress, cancelled)`` in a worker; ``on_result(value)`` on the GUI thread.

        ``on_cancel()`` follows a :class:`Cancelled`, ``on_error(message)`` any
        other exception. The lane must be free (see :meth:`running`).
        """
        if lane in self._lanes:
            raise RuntimeError(f"lane {lane!r} is busy")
        job = Job(work)
        self._lanes[lane] = _Lane(job, label, progress)

        def ended() -> bool:
            current = self._lanes.get(lane)
            if current is None or current.job is not job:
                return False
            del self._lanes[lane]
            self._show()
            return True

        def finished(value: Any) -> None:
            if ended():
                on_result(value)

        def cancelled() -> None:
            if ended() and on_cancel is not None:
                on_cancel()

        def failed(message: str) -> None:
            if ended() and on_error is not None:
                on_error(message)

        def progressed(fraction: float) -> None:
            current = self._lanes.get(lane)
            if current is not None and current.job is job:
                current.fraction = fraction
                self._show()

        job.finished.connect(finished)
        job.cancelled.connect(cancelled)
        job.failed.connect(failed)
        job.progressed.connect(progressed)
        self._note = ""
        self._show()
        job.start()
        return job

    def cancel(self, lane: str | None = None) -> None:
        """Ask the job of ``lane`` (None: every job) to stop."""
        for name, entry in list(self._lanes.items()):
            if lane is None or name == lane:
                entry.job.cancel()

    def set_note(self, text: str) -> None:
        """A text for the status bar while no job runs (e.g. what the last one did)."""
        self._note = text
        self._show()

    def wait(self, timeout: float = 30.0, lane: str | None = None) -> None:
        """Process events until the jobs (of ``lane``) ended and their results were handled.

        Raises
        ------
        TimeoutError
        """
        deadline = time.monotonic() + timeout
        while self.running(lane):
            entries = [e for n, e in self._lanes.items() if lane is None or n == lane]
            for entry in entries:
                entry.job.wait(max(0.0, min(0.05, deadline - time.monotonic())))
            QCoreApplication.processEvents()
            if time.monotonic() > deadline and self.running(lane):
                raise TimeoutError(f"job still running in {', '.join(self.lanes())}")
        QCoreApplication.processEvents()

    # ------------------------------------------------------------ showing
    def _show(self) -> None:
        """The status bar as the running jobs say: the newest one's text, progress, Cancel."""
        if not self._lanes:
            self._label.setText(self._note)
            self._progress.hide()
            self._cancel.hide()
            return
        newest = list(self._lanes.values())[-1]
        self._label.setText(newest.label)
        with_progress = [e for e in self._lanes.values() if e.progress]
        if with_progress:
            self._progress.setValue(round(100 * with_progress[-1].fraction))
            self._progress.show()
        else:
            self._progress.hide()
        self._cancel.show()
