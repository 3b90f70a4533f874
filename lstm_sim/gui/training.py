"""The training dock: fit the cell and a linear read-out to the sequence's targets.

Training runs in a worker thread (:class:`~lstm_sim.gui.jobs.Job`) with
:class:`~lstm_sim.train.Trainer`; the GUI thread shows the loss curve and,
a few times a second, puts the newest parameters into the session, so the
diagram and plots update as the cell learns. Pause, resume and stop work
between epochs. The same seed gives the same training.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QSize, QTimer, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..session import Session, Topic
from ..train import Readout, TrainConfig, Trainer
from .follow import follow
from .jobs import Job

__all__ = ["TrainingDock"]

#: How often (ms) the newest trained parameters are shown while training.
APPLY_MS = 150


class TrainingDock(QDockWidget):
    """Train / pause / resume / stop, settings, a live loss curve.

    Signals
    -------
    finished(str)
        Training ended; the argument says how ("done", "stopped", "failed: …").
    """

    finished = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("training_dock")
        self.session = session
        self._job: Job | None = None
        self._trainer: Trainer | None = None
        self._paused = threading.Event()
        self._stop = threading.Event()
        self._latest = None  # (epoch, loss, params, readout) from the worker
        self._losses: list[float] = []
        self._lock = threading.Lock()
        # What the last run says (a function, so that it speaks the current language);
        # None: no run on this sequence yet.
        self._report: Callable[[], str] | None = None

        body = QWidget()
        form = QFormLayout()
        self.lr_box = QDoubleSpinBox()
        self.lr_box.setDecimals(5)
        self.lr_box.setRange(1e-5, 1.0)
        self.lr_box.setSingleStep(0.001)
        self.lr_box.setValue(0.01)
        self.epochs_box = QSpinBox()
        self.epochs_box.setRange(1, 1_000_000)
        self.epochs_box.setValue(200)
        self.window_box = QSpinBox()
        self.window_box.setRange(0, 10_000_000)
        self.seed_box = QSpinBox()
        self.seed_box.setRange(0, 2**31 - 1)
        self.form_labels = [QLabel() for _ in range(4)]
        for label, box in zip(
            self.form_labels,
            (self.lr_box, self.epochs_box, self.window_box, self.seed_box),
            strict=True,
        ):
            form.addRow(label, box)
        self.train_button = QPushButton()
        self.pause_button = QPushButton()
        self.stop_button = QPushButton()
        self.train_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        buttons = QHBoxLayout()
        for b in (self.train_button, self.pause_button, self.stop_button):
            buttons.addWidget(b)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.curve_widget = pg.PlotWidget(background="w")
        self.curve_widget.setLogMode(y=True)
        self.curve_widget.setMenuEnabled(False)  # pyqtgraph's own menu is not translated
        self.curve_widget.setMinimumHeight(160)
        # A narrow default: the dock sits beside the cell, it must not take half the window.
        self.curve_widget.sizeHint = lambda: QSize(340, 260)
        self.curve_widget.getAxis("left").enableAutoSIPrefix(False)
        self.curve = self.curve_widget.plot(pen=pg.mkPen("#0072B2", width=1))
        lay = QVBoxLayout(body)
        lay.addLayout(form)
        lay.addLayout(buttons)
        lay.addWidget(self.status)
        lay.addWidget(self.curve_widget, 1)
        self.setWidget(body)

        self._timer = QTimer(self)
        self._timer.setInterval(APPLY_MS)
        self._timer.timeout.connect(self._apply_latest)
        follow(self, session, self._on_changed, Topic.SEQUENCE, Topic.MODEL)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language (the last run's report included)."""
        self.setWindowTitle(self.tr("Training"))
        self.lr_box.setToolTip(self.tr("Adam's learning rate"))
        self.window_box.setSpecialValueText(self.tr("full BPTT"))
        self.window_box.setToolTip(
            self.tr("Truncated BPTT: steps per chunk (the state is carried between chunks)")
        )
        self.seed_box.setToolTip(self.tr("Same seed, same training"))
        names = (
            self.tr("Learning rate:"),
            self.tr("Epochs:"),
            self.tr("Window:"),
            self.tr("Seed:"),
        )
        for label, text in zip(self.form_labels, names, strict=True):
            label.setText(text)
        self.train_button.setText(self.tr("&Train"))
        self.train_button.setToolTip(
            self.tr("Fit the cell and a read-out y_t = W_y·h_t + b_y to the targets")
        )
        self.stop_button.setText(self.tr("Stop"))
        self.status.setAccessibleName(self.tr("Training status"))
        self.curve_widget.setLabel("left", self.tr("loss (MSE)"))
        self.curve_widget.setLabel("bottom", self.tr("epoch"))
        self._update_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def rendered(self) -> dict[str, Any]:
        """What the dock shows: the status and the buttons' states (plain data).

        ``status`` is what the session says (no targets) or the report of the run
        made in this window on the current sequence (a fresh window has none).
        """
        return {
            "status": self.status.text(),
            "train": self.train_button.isEnabled(),
            "pause": (self.pause_button.text(), self.pause_button.isEnabled()),
            "stop": self.stop_button.isEnabled(),
        }

    # ---------------------------------------------------------------- state
    @property
    def running(self) -> bool:
        """True while a training job runs (paused or not)."""
        return self._job is not None and self._job.running

    @property
    def losses(self) -> list[float]:
        """The loss of every epoch of the current/last training."""
        return list(self._losses)

    def _on_changed(self, changes: frozenset[Topic]) -> None:
        if not self.running:
            self._report = None  # a new sequence: the last run's report is not about it
        self._update_buttons()

    def sync(self) -> None:
        """The buttons and the status from the session (and the run of this dock)."""
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_targets = self.session.sequence.targets is not None
        whole_model = self.session.model is not None  # training fits one cell and a read-out
        running = self.running
        self.train_button.setEnabled(has_targets and not whole_model and not running)
        self.pause_button.setEnabled(running)
        self.stop_button.setEnabled(running)
        self.pause_button.setText(self.tr("Resume") if self._paused.is_set() else self.tr("Pause"))
        if not has_targets:
            self.status.setText(self.tr("This sequence has no targets: nothing to train on."))
        elif whole_model and not running:
            self.status.setText(
                self.tr(
                    "Training fits one cell and its read-out; this session holds a whole model."
                )
            )
        else:
            self.status.setText("" if self._report is None else self._report())

    # -------------------------------------------------------------- actions
    def config(self) -> TrainConfig:
        """The training settings from the panel."""
        return TrainConfig(
            lr=self.lr_box.value(),
            epochs=self.epochs_box.value(),
            window=self.window_box.value() or None,
            seed=self.seed_box.value(),
        )

    def start(self) -> None:
        """Start training from the session's current parameters (and read-out, if any)."""
        s = self.session
        if self.running or s.sequence.targets is None or s.model is not None:
            return
        readout = s.readout
        if readout is not None and readout.output_size != s.sequence.target_size:
            readout = None
        cfg = self.config()
        self._trainer = Trainer(s.sequence, s.params, readout, cfg)
        self._losses = []
        self._latest = None
        self._paused.clear()
        self._stop.clear()
        trainer = self._trainer
        epochs = cfg.epochs

        def cancel() -> bool:
            while self._paused.is_set() and not self._stop.is_set():
                time.sleep(0.02)
            return self._stop.is_set()

        def callback(epoch, loss, params, readout) -> None:
            with self._lock:
                self._losses.append(loss)
                self._latest = (epoch, loss, params, readout)

        def work(_progress, _cancelled):
            trainer.run(epochs, callback=callback, cancel=cancel)
            return trainer

        job = Job(work)
        job.finished.connect(self._on_done)
        job.failed.connect(self._on_failed)
        self._job = job
        self._report = lambda: self.tr("Training…")
        self._timer.start()
        job.start()
        self._update_buttons()

    def toggle_pause(self) -> None:
        """Pause or resume (between epochs)."""
        if not self.running:
            return
        if self._paused.is_set():
            self._paused.clear()
        else:
            self._paused.set()
        self._update_buttons()
        self._apply_latest()

    def stop(self) -> None:
        """Stop after the current epoch; the parameters reached so far stay."""
        self._stop.set()
        self._paused.clear()

    def wait(self, timeout: float = 60.0) -> None:
        """Block until the training job has ended and its result is applied (tests)."""
        if self._job is not None:
            self._job.wait(timeout)
        from PySide6.QtCore import QCoreApplication

        QCoreApplication.processEvents()

    # ------------------------------------------------------------- results
    def _apply_latest(self) -> None:
        with self._lock:
            latest, self._latest = self._latest, None
            losses = list(self._losses)
        if losses:
            self.curve.setData(np.arange(1, len(losses) + 1), np.asarray(losses))
        if latest is None:
            return
        epoch, loss, params, readout = latest
        self._show(params, readout)
        n = self.epochs_box.value()

        def report() -> str:
            state = self.tr("paused") if self._paused.is_set() else self.tr("training")
            return self.tr("{state}: epoch {e} of {n}, loss {loss:.6g}").format(
                state=state, e=epoch, n=n, loss=loss
            )

        self._report = report
        self._update_buttons()

    def _show(self, params, readout: Readout) -> None:
        s = self.session
        with s.batch():
            s.set_params(params)
            s.set_readout(readout)

    def _on_done(self, trainer: Trainer) -> None:
        self._timer.stop()
        self._apply_latest()
        self._show(trainer.params, trainer.readout)
        stopped = self._stop.is_set()
        first = self._losses[0] if self._losses else float("nan")
        last = self._losses[-1] if self._losses else float("nan")
        n = len(self._losses)

        def report() -> str:
            done = self.tr("Stopped after {n} epochs") if stopped else self.tr("Done: {n} epochs")
            return done.format(n=n) + self.tr("; loss {a:.4g} → {b:.4g}").format(a=first, b=last)

        self._report = report
        self._update_buttons()
        self.finished.emit("stopped" if stopped else "done")

    def _on_failed(self, message: str) -> None:
        self._timer.stop()
        reason = message.splitlines()[0]
        self._report = lambda: self.tr("Training failed: {m}").format(m=reason)
        self._update_buttons()
        self.finished.emit("failed: " + message.splitlines()[0])

    def closeEvent(self, event) -> None:
        self.stop()
        super().closeEvent(event)
