"""Moving the cursor: inline, or with the steps or the gradients computed in a worker.

The session says what is cheap (:mod:`lstm_sim.session.policy`): a seek of up
to ``INLINE_STEPS`` new steps is computed on the GUI thread, a longer one in
the job runner's ``"steps"`` lane; a long BPTT window is left stale by the
session and computed in the ``"gradients"`` lane once the cursor has rested
for :data:`GRADIENT_DELAY_MS` (while the user holds Step or plays, a worker
would compete with the GUI thread for the GIL on every step, and its result
would be stale anyway).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from ..session import INLINE_STEPS, Session, Topic
from .follow import follow
from .i18n import numerus
from .jobs import JobRunner

__all__ = ["GRADIENT_DELAY_MS", "Stepper"]

#: A long BPTT window is computed once the cursor has rested this long (ms).
GRADIENT_DELAY_MS = 150


class Stepper(QObject):
    """Performs the transport's requests on the session, with long work in the job runner."""

    def __init__(self, window: QWidget, session: Session, jobs: JobRunner) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.jobs = jobs
        self._pending_step: int | None = None
        self._grad_timer = QTimer(self)
        self._grad_timer.setSingleShot(True)
        self._grad_timer.setInterval(GRADIENT_DELAY_MS)
        self._grad_timer.timeout.connect(self._gradients_when_idle)
        follow(self, session, self._on_changed, *Topic)
        self._on_changed(frozenset())

    # ------------------------------------------------------------ requests
    def request_step(self, t: int) -> None:
        """Move the cursor to ``t``; far jumps into uncomputed steps run in a worker."""
        s = self.session
        t = min(max(int(t), 0), s.T)
        if self.jobs.running("steps"):
            if t <= s.computed:
                s.set_step(t)
            else:
                self._pending_step = t
            return
        if t - s.computed > INLINE_STEPS:
            self._start_compute_job(t)
        else:
            s.set_step(t)

    def run_to_end(self) -> None:
        """Go to the last step (computing the rest of the sequence off the GUI thread)."""
        self.request_step(self.session.T)

    def cancel(self) -> None:
        """Cancel the computations that run on the session (steps and gradients)."""
        self.jobs.cancel("steps")
        self.jobs.cancel("gradients")

    def wait(self, timeout: float = 30.0) -> None:
        """Block until the computations end and their results are delivered (tests)."""
        self.jobs.wait(timeout, "steps")
        self.jobs.wait(timeout, "gradients")

    @property
    def gradients_due(self) -> bool:
        """A long BPTT window is waiting for the cursor to rest (its timer runs)."""
        return self._grad_timer.isActive()

    # ---------------------------------------------------------------- steps
    def _start_compute_job(self, t: int) -> None:
        s = self.session
        self._pending_step = t

        def work(progress, cancelled):
            s.compute_until(t, progress, cancelled)
            return t

        label = self.tr("Computing steps {a}…{b}").format(a=s.computed + 1, b=t)
        self.jobs.start(
            "steps",
            label,
            work,
            self._on_compute_done,
            on_cancel=self._on_compute_cancelled,
            on_error=self._on_job_failed,
        )

    def _on_compute_done(self, _t: int) -> None:
        target, self._pending_step = self._pending_step, None
        if target is not None:
            self.request_step(target)

    def _on_compute_cancelled(self) -> None:
        self._pending_step = None
        s = self.session
        self.window.statusBar().showMessage(
            numerus(self.tr("Cancelled: {n} of %n step(s) computed", "", s.T), s.T).format(
                n=s.computed
            ),
            5000,
        )
        s.set_step(min(s.computed, s.T))  # show how far it got

    def _on_job_failed(self, message: str) -> None:
        QMessageBox.critical(self.window, self.tr("Computation failed"), message.splitlines()[0])

    # ------------------------------------------------------------ gradients
    def _on_changed(self, _changes: frozenset[Topic]) -> None:
        if self.session.gradients_stale:
            self._grad_timer.start()
            self.jobs.cancel("gradients")

    def _gradients_when_idle(self) -> None:
        if not self.session.gradients_stale or self.jobs.running("gradients"):
            return  # _on_gradients_done starts the next one
        s = self.session
        fn = s.gradient_job()
        rows = s.gradient_rows()
        label = numerus(self.tr("Backpropagating %n step(s)…", "", rows), rows)
        self.jobs.start(
            "gradients",
            label,
            lambda _progress, _cancelled: fn(),
            self._on_gradients_done,
            on_error=self._on_job_failed,
            progress=False,
        )

    def _on_gradients_done(self, result) -> None:
        self.session.set_gradients(result)
        if self.session.gradients_stale and not self._grad_timer.isActive():
            QTimer.singleShot(0, self._gradients_when_idle)
