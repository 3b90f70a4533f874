"""The File menu of the main window: open, save, recent files, export, drag-and-drop.

:class:`FileActions` owns the actions and the logic behind them; the file
formats themselves are :mod:`lstm_sim.io`'s (plain functions, no Qt), the
dialogs :mod:`lstm_sim.gui.dialogs`'.

- Loading runs in a worker :class:`~lstm_sim.gui.worker.Job`, with progress in
  the status bar and the status bar's Cancel button; the session changes only
  once the file has been read completely and accepted (one change event).
- Any :class:`~lstm_sim.io.LoadError` / :class:`~lstm_sim.io.SaveError` is shown
  in one critical message box (file, place, reason) and leaves the session —
  sequence, weights, step — exactly as it was. Never a traceback.
- Recent files are kept in ``QSettings`` under ``"recent_files"`` (at most
  :data:`MAX_RECENT`, newest first); exports remember their folder under
  ``"last_export_dir"``, the open/save dialogs theirs under ``"last_dir"``.
- Dropped files and ``lstm-sim FILE`` go through :meth:`FileActions.open_paths`,
  which tells sequences, weight files and sessions apart (:func:`lstm_sim.io.registry.identify`).

The trace export writes every step of the sequence (the forward pass is
completed in the worker when the session has not computed it all) and the
gradient norms ‖∂L/∂C_k‖, ‖∂L/∂h_k‖ of the loss the gradient panel shows — the
session's loss setting at the cursor step t (at t = T when the cursor is at
0), over its BPTT window; steps outside the window and after t hold 0, as
∂L/∂C_k is zero there.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QPainter,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox, QWidget

from ..engine import EngineError, LSTMParams, Trace
from ..io import (
    SESSION_SUFFIX,
    FileError,
    LoadCancelled,
    LoadError,
    SaveError,
    SessionDocument,
    formats,
    layer_infos,
    load_sequence,
    load_session,
    load_weights_with_readout,
    peek_table,
    save_session,
    save_weights,
    write_trace_csv,
    write_trace_npz,
)
from ..io.errors import QT_TRANSLATE_NOOP, Text, key_place
from ..io.registry import identify
from ..sequence import Sequence
from ..session import (
    CHUNK,
    INLINE_STEPS,
    Cancelled,
    DocumentError,
    DocumentSetup,
    Session,
    Topic,
    read_document,
    reinit_input_weights,
    session_document,
    trace_gradient_norms,
)
from ..train import Readout, TrainError
from .dialogs import CsvImportDialog, ExportDialog, ExportOptions, LayerDialog, error_text
from .follow import follow
from .jobs import JobRunner
from .plots.export import (
    image_too_large,
    save_png,
    save_svg,
    svg_failed,
    write_plot_csv,
    write_png,
    write_svg,
)

__all__ = [
    "MAX_RECENT",
    "FileActions",
    "files_from_arguments",
]

#: Entries kept in File ▸ Open Recent.
MAX_RECENT = 10
RECENT_KEY = "recent_files"
EXPORT_DIR_KEY = "last_export_dir"
OPEN_DIR_KEY = "last_dir"

#: Suffixes read as tables (the CSV import dialog asks for the columns).
TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".dat")


# ----------------------------------------------------------------- pure helpers
def files_from_arguments(args: list[str]) -> list[str]:
    """The file names among command-line arguments (``lstm-sim FILE``), options left out."""
    return [a for a in args if a and not a.startswith("-")]


def _settings_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value if v]


def _shortcuts(standard: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's shortcut, plus ``fallback`` where the platform has none (Linux)."""
    keys = [k for k in QKeySequence.keyBindings(standard) if not k.isEmpty()]
    if all(k.toString() != fallback for k in keys):
        keys.append(QKeySequence(fallback))
    return keys


class _NamedCurve:
    """A plot curve under a column name (what :func:`write_plot_csv` reads)."""

    def __init__(self, item: Any, name: str) -> None:
        self._item = item
        self._name = name

    def name(self) -> str:
        return self._name

    def getOriginalDataset(self):
        return self._item.getOriginalDataset()


class _CurveSet:
    """Curves of one or several panels, as a plot item for :func:`write_plot_csv`."""

    def __init__(self, curves: list[_NamedCurve]) -> None:
        self._curves = curves

    def listDataItems(self) -> list[_NamedCurve]:
        return list(self._curves)


# =============================================================== FileActions
class FileActions(QObject):
    """The File menu's actions and what they do, for one :class:`MainWindow`.

    Parameters
    ----------
    window : MainWindow
        Gives the session, the File menu, the plots, the diagram and the status bar.

    Signals
    -------
    opened(str, str)
        A file of kind ``"sequence"``, ``"weights"`` or ``"session"`` was applied.
    saved(str)
        A session file was written.
    exported(str)
        An export was written.
    failed(str)
        An error message was shown.

    Attributes
    ----------
    confirm_unsaved : bool
        Ask Save / Discard / Cancel before unsaved changes are lost (closing the
        window, opening a session). A class attribute, switched on by
        :func:`lstm_sim.gui.app.run_app`; off elsewhere (scripts and tests that
        build windows must never block on a question nobody answers).
    """

    opened = Signal(str, str)
    saved = Signal(str)
    exported = Signal(str)
    failed = Signal(str)

    confirm_unsaved = False

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.jobs: JobRunner = window.jobs
        self._queue: list[tuple[str, str]] = []
        self._edits = 0
        self._detached = False
        self._last_panel: str | None = None
        self._build_actions()
        self._install_menu(window.file_menu)
        window.setAcceptDrops(True)
        # The graphics views take drops by default (and then refuse files): let the
        # drag through to the window wherever it is dropped.
        for view in (window.diagram, window.plots.layout_widget):
            view.setAcceptDrops(False)
        # Drops and closing come through MainWindow's event handlers (drag_event,
        # drop_event, close_requested), and the plots' context menu as a signal:
        # an event filter would run Python for every event these widgets get
        # (paint requests included, on every step).
        view = window.plots.layout_widget
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._plot_context_menu)
        self._plot_viewport = view.viewport()
        follow(
            self,
            window.session,
            self._on_changed,
            Topic.PARAMS,
            Topic.READOUT,
            Topic.RNN,
            Topic.SEQUENCE,
            Topic.SETTINGS,
            Topic.UNIT,
        )

    @property
    def session(self) -> Session:
        return self.window.session

    # ============================================================ building
    def _action(self, text: str, slot: Callable[[], Any], tip: str = "") -> QAction:
        a = QAction(text, self.window)
        if tip:
            a.setStatusTip(tip)
            a.setToolTip(tip)
        a.triggered.connect(lambda _checked=False: slot())
        return a

    def _build_actions(self) -> None:
        self.open_action = self._action(
            self.tr("&Open…"),
            self.open_sequence,
            self.tr("Open a sequence: CSV/TSV, NPY, NPZ, JSON or plain text"),
        )
        self.open_action.setShortcuts(_shortcuts(QKeySequence.StandardKey.Open, "Ctrl+O"))
        self.open_weights_action = self._action(
            self.tr("Open &Weights…"),
            self.open_weights,
            self.tr("Load trained weights: PyTorch, Keras or lstm-sim files"),
        )
        self.open_session_action = self._action(
            self.tr("Open &Session…"), self.open_session, self.tr("Open a saved lstm-sim session")
        )
        self.recent_menu = QMenu(self.tr("Open &Recent"), self.window)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.save_action = self._action(
            self.tr("&Save"),
            self.save,
            self.tr("Save the session: sequence, weights, step and settings"),
        )
        self.save_action.setShortcuts(_shortcuts(QKeySequence.StandardKey.Save, "Ctrl+S"))
        self.save_as_action = self._action(
            self.tr("Save &As…"), self.save_as, self.tr("Save the session under a new name")
        )
        self.save_as_action.setShortcuts(
            _shortcuts(QKeySequence.StandardKey.SaveAs, "Ctrl+Shift+S")
        )
        self.save_weights_action = self._action(
            self.tr("Save W&eights…"),
            self.save_weights,
            self.tr("Save the cell's weights (and read-out) as .npz, .json or .safetensors"),
        )
        self.export_menu = QMenu(self.tr("&Export"), self.window)
        self.export_plots_action = self._action(
            self.tr("&Plots (all panels)…"),
            self.export_plots,
            self.tr("All plot panels as PNG, SVG or CSV"),
        )
        self.export_panel_action = self._action(
            self.tr("Current plot &panel…"),
            self.export_panel,
            self.tr("One plot panel as PNG, SVG or CSV"),
        )
        self.export_diagram_action = self._action(
            self.tr("Cell &diagram…"),
            self.export_diagram,
            self.tr("The memory-cell diagram as PNG or SVG"),
        )
        self.export_trace_action = self._action(
            self.tr("&Trace (CSV / NPZ)…"),
            self.export_trace,
            self.tr("Every step: inputs, targets, gates, C, h and gradient norms"),
        )
        for a in (
            self.export_plots_action,
            self.export_panel_action,
            self.export_diagram_action,
            self.export_trace_action,
        ):
            self.export_menu.addAction(a)
        for a in (self.open_action, self.save_action, self.save_as_action):
            self.window.addAction(a)  # shortcuts work wherever the focus is

    def _install_menu(self, menu: QMenu) -> None:
        """Open… at the top of the File menu, Save and Export before Quit."""
        existing = menu.actions()
        first = existing[0] if existing else None
        for a in (self.open_action, self.open_weights_action, self.open_session_action):
            menu.insertAction(first, a)
        menu.insertMenu(first, self.recent_menu)
        quit_action = getattr(self.window, "quit_action", None)
        before = quit_action if quit_action in existing else None
        if before is not None:
            k = existing.index(before)
            if k > 0 and existing[k - 1].isSeparator():
                before = existing[k - 1]
        menu.insertSeparator(before)
        for a in (self.save_action, self.save_as_action, self.save_weights_action):
            menu.insertAction(before, a)
        menu.insertSeparator(before)
        menu.insertMenu(before, self.export_menu)

    def detach(self) -> None:
        """Stop following the session and asking questions (the window is being replaced)."""
        self._detached = True
        self._queue.clear()
        self.cancel()
        self.session.events.disconnect(self._on_changed)

    # =========================================================== messages
    def _error(self, err: Exception | str, title: str | None = None) -> None:
        """One critical message box with the one-line message; the session stays as it was.

        A :class:`~lstm_sim.io.FileError` (or an engine error) is shown in the
        language of the UI (:func:`~lstm_sim.gui.dialogs.error_text`).
        """
        text = error_text(err)
        message = text.splitlines()[0] if text else type(err).__name__
        self.window.statusBar().showMessage(message, 8000)
        QMessageBox.critical(self.window, title or self.tr("Cannot open the file"), message)
        self.failed.emit(message)

    def _status(self, text: str, msec: int = 5000) -> None:
        self.window.statusBar().showMessage(text, msec)

    # ============================================================ workers
    @property
    def busy(self) -> bool:
        """A file is being read or written in a worker."""
        return self.jobs.running("file")

    def _start(
        self,
        label: str,
        work: Callable[[Callable[[float], None], Callable[[], bool]], Any],
        on_result: Callable[[Any], None],
    ) -> bool:
        """Run ``work(progress, cancelled)`` in a worker; ``on_result(value)`` on the GUI thread.

        ``work`` may raise :class:`LoadCancelled` (→ nothing happens) or a
        :class:`~lstm_sim.io.FileError` (→ the error dialog); ``on_result`` gets
        its return value otherwise.
        """
        if self.busy:
            self._status(self.tr("Busy with another file: wait for it or cancel it"))
            return False

        def guarded(progress, cancelled):
            try:
                result = work(progress, cancelled)
            except LoadCancelled:
                raise Cancelled() from None
            except FileError as exc:
                return exc
            if cancelled():
                raise Cancelled()
            return result

        def finished(result: Any) -> None:
            if isinstance(result, FileError):
                self._error(result, self._error_title(result))
                self._done(False)
            else:
                on_result(result)

        self.jobs.start(
            "file",
            label,
            guarded,
            finished,
            on_cancel=self._on_job_cancelled,
            on_error=self._on_job_failed,
        )
        return True

    def cancel(self) -> None:
        """Cancel the file job that is running (the session stays as it was)."""
        self.jobs.cancel("file")

    def _on_job_cancelled(self) -> None:
        self._status(self.tr("Cancelled: nothing was changed"))
        self._done(False)

    def _on_job_failed(self, message: str) -> None:
        self._error(message.splitlines()[0], self.tr("Unexpected error"))
        self._done(False)

    def _error_title(self, err: FileError) -> str | None:
        return self.tr("Cannot save the file") if isinstance(err, SaveError) else None

    def wait(self, timeout: float = 30.0) -> None:
        """Process events until every file job (and queued file) is done (tests, shutdown).

        Raises
        ------
        TimeoutError
        """
        deadline = time.monotonic() + timeout
        while self.busy or self._queue:
            self.jobs.wait(max(0.0, deadline - time.monotonic()), "file")
            if self._queue and not self.busy:
                self._done(True)
            if time.monotonic() > deadline:
                raise TimeoutError("file job still running")
        QCoreApplication.processEvents()

    def _quiesce(self) -> None:
        """Stop what runs on the current session before replacing its contents."""
        w = self.window
        w.transport.pause()
        if w.training.running:
            w.training.stop()
            w.training.wait(30.0)
        w.cancel_jobs()
        w.wait_for_jobs(30.0)
        w.show_info("")

    # ============================================================ opening
    def _last_dir(self) -> str:
        value = QSettings().value(OPEN_DIR_KEY, "")
        return value if isinstance(value, str) and os.path.isdir(value) else str(Path.home())

    def _remember_dir(self, path: str) -> None:
        QSettings().setValue(OPEN_DIR_KEY, os.path.dirname(os.path.abspath(path)))

    def _filters(self, kind: str, *, writable: bool = False) -> str:
        entries = []
        every: list[str] = []
        for f in formats(kind, writable=writable):
            patterns = " ".join(f"*{s}" for s in f.suffixes)
            every += [f"*{s}" for s in f.suffixes]
            entries.append(f"{self._format_label(f.label)} ({patterns})")
        if not writable:
            entries.insert(
                0,
                self.tr("All supported files ({patterns})").format(
                    patterns=" ".join(dict.fromkeys(every))
                ),
            )
            entries.append(self.tr("All files (*)"))
        return ";;".join(entries)

    def _format_label(self, label: str) -> str:
        """A registered format's name, translated."""
        names = {
            "CSV table": self.tr("CSV table"),
            "NumPy array": self.tr("NumPy array"),
            "NumPy arrays": self.tr("NumPy arrays"),
            "JSON": self.tr("JSON"),
            "Plain text": self.tr("Plain text"),
            "safetensors": self.tr("safetensors"),
            "PyTorch state dict": self.tr("PyTorch state dict"),
            "Keras weights": self.tr("Keras weights"),
        }
        return names.get(label, label)

    def _ask_open(self, caption: str, filters: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.window, caption, self._last_dir(), filters)
        return path or None

    def open_sequence(self, path: str | os.PathLike[str] | None = None) -> bool:
        """File ▸ Open…: read a sequence (a dialog when ``path`` is None).

        CSV/TSV files first show the import dialog (columns as inputs/targets).
        Returns False when nothing was started (cancelled, or an error shown).
        """
        if path is None:
            path = self._ask_open(self.tr("Open sequence"), self._filters("sequence"))
            if path is None:
                return self._done(False)
        path = os.fspath(path)
        options: dict[str, Any] = {}
        if path.lower().endswith(TABLE_SUFFIXES):
            try:
                preview = peek_table(path)
            except LoadError as err:
                self._error(err)
                return self._done(False)
            dialog = CsvImportDialog(preview, self.window)
            try:
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return self._done(False)
                inputs, targets = dialog.columns()
                options = dict(dialog.load_options(), inputs=inputs, targets=targets)
            finally:
                dialog.deleteLater()

        def work(progress, cancelled):
            return load_sequence(path, progress=progress, cancel=cancelled, **options)

        label = self.tr("Reading {name}…").format(name=os.path.basename(path))
        return self._start(label, work, lambda seq: self._apply_sequence(path, seq))

    def _apply_sequence(self, path: str, seq: Sequence) -> None:
        s = self.session
        params = s.params
        if seq.input_size != params.input_size:
            answer = QMessageBox.question(
                self.window,
                self.tr("Different input size"),
                self.tr(
                    "{name} has D = {d} inputs per step, but the cell takes D = {D}.\n\n"
                    "Re-initialise the input weights W_ih for {d} inputs? The number of "
                    "units H = {H}, the recurrent weights W_hh and the biases are kept."
                ).format(
                    name=os.path.basename(path),
                    d=seq.input_size,
                    D=params.input_size,
                    H=params.hidden_size,
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                self._status(self.tr("Not opened: the session is unchanged"))
                self._done(False)
                return
            params = reinit_input_weights(params, seq.input_size)
        self._quiesce()
        name = os.path.basename(path)
        was_modified = s.modified
        old_name = s.name
        try:
            with s.batch():
                s.name = name
                s.set_sequence(seq, params)
                if not was_modified:
                    s.mark_saved(name)  # a fresh document: nothing unsaved yet
        except (EngineError, TrainError) as exc:
            s.name = old_name
            self._error(LoadError(path, "", exc))
            self._done(False)
            return
        s.set_path(None)  # not a session file
        self._after_open("sequence", path)
        self._status(
            self.tr("Opened {name}: T = {T} steps, D = {d} inputs, P = {p} targets").format(
                name=name, T=seq.length, d=seq.input_size, p=seq.target_size
            )
        )
        self._done(True)

    def _after_open(self, kind: str, path: str) -> None:
        self.add_recent(path)
        self._remember_dir(path)
        self.opened.emit(kind, path)

    # --------------------------------------------------------------- weights
    def open_weights(self, path: str | os.PathLike[str] | None = None) -> bool:
        """File ▸ Open Weights…: PyTorch, Keras or native weights (a dialog when ``path`` is None).

        A file with several layers or directions asks which cell to take.
        """
        if path is None:
            path = self._ask_open(self.tr("Open weights"), self._filters("weights"))
            if path is None:
                return self._done(False)
        path = os.fspath(path)

        def work(_progress, _cancelled):
            infos = layer_infos(path)
            loaded = load_weights_with_readout(path) if len(infos) == 1 else None
            return infos, loaded

        label = self.tr("Reading {name}…").format(name=os.path.basename(path))
        return self._start(label, work, lambda r: self._choose_layer(path, *r))

    def _choose_layer(self, path: str, infos: list, loaded: Any) -> None:
        if loaded is not None:
            self._apply_weights(path, *loaded)
            return
        dialog = LayerDialog(infos, self.session.sequence.input_size, self.window)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self._done(False)
                return
            info = dialog.chosen()
        finally:
            dialog.deleteLater()

        def work(_progress, _cancelled):
            return load_weights_with_readout(path, layer=info.layer, reverse=info.reverse)

        label = self.tr("Reading {name}…").format(name=os.path.basename(path))
        if not self._start(label, work, lambda r: self._apply_weights(path, *r)):
            self._done(False)

    def _apply_weights(self, path: str, params: LSTMParams, readout: Any) -> None:
        s = self.session
        d = s.sequence.input_size
        if params.input_size != d:
            self._error(
                LoadError(
                    path,
                    "weight_ih",
                    self.tr(
                        "the weights take {a} input(s) per step, but the sequence has {b}"
                    ).format(a=params.input_size, b=d),
                )
            )
            self._done(False)
            return
        new_readout = None
        note = ""
        if readout is not None:
            try:
                candidate = Readout(*readout)
            except TrainError as exc:
                self._error(LoadError(path, Text(QT_TRANSLATE_NOOP("FileErrors", "readout")), exc))
                self._done(False)
                return
            p = s.sequence.target_size
            if p and candidate.output_size != p:
                note = self.tr(
                    "; its read-out gives {a} outputs but the sequence has {b} targets: not used"
                ).format(a=candidate.output_size, b=p)
            else:
                new_readout = candidate
        self._quiesce()
        try:
            with s.batch():
                s.set_params(params)
                # The old read-out was fitted to the old weights: replace it by the file's.
                s.set_readout(new_readout)
        except (EngineError, TrainError) as exc:
            self._error(LoadError(path, "", exc))
            self._done(False)
            return
        self._after_open("weights", path)
        self._status(
            self.tr("Loaded weights from {name}: D = {d}, H = {h}").format(
                name=os.path.basename(path), d=params.input_size, h=params.hidden_size
            )
            + note,
            8000,
        )
        self._done(True)

    def save_weights(self, path: str | os.PathLike[str] | None = None) -> bool:
        """File ▸ Save Weights…: the cell's parameters and read-out (.npz, .json, .safetensors)."""
        if path is None:
            stem = Path(self.session.name or "weights").stem or "weights"
            path, _ = QFileDialog.getSaveFileName(
                self.window,
                self.tr("Save weights"),
                os.path.join(self._last_dir(), stem + "_weights.npz"),
                self._filters("weights", writable=True),
            )
            if not path:
                return False
        path = os.fspath(path)
        if not os.path.splitext(path)[1]:
            path += ".npz"
        s = self.session
        readout = None if s.readout is None else (s.readout.W_y, s.readout.b_y)
        try:
            save_weights(s.params, path, readout=readout)
        except SaveError as err:
            self._error(err, self.tr("Cannot save the file"))
            return False
        self._remember_dir(path)
        self._status(self.tr("Saved the weights to {name}").format(name=os.path.basename(path)))
        return True

    # -------------------------------------------------------------- sessions
    def open_session(self, path: str | os.PathLike[str] | None = None) -> bool:
        """File ▸ Open Session…: replace everything by a saved session."""
        if not self.maybe_save():
            return self._done(False)
        if path is None:
            filters = ";;".join(
                [
                    self.tr("lstm-sim sessions (*{suffix} *.json)").format(suffix=SESSION_SUFFIX),
                    self.tr("All files (*)"),
                ]
            )
            path = self._ask_open(self.tr("Open session"), filters)
            if path is None:
                return self._done(False)
        path = os.fspath(path)

        def work(_progress, _cancelled):
            doc = load_session(path)
            try:
                return read_document(doc)
            except DocumentError as err:
                raise LoadError(path, key_place(err.key), err.reason) from None

        label = self.tr("Reading {name}…").format(name=os.path.basename(path))
        return self._start(label, work, lambda setup: self._apply_session(path, setup))

    def _apply_session(self, path: str, setup: DocumentSetup) -> None:
        s = self.session
        self._quiesce()
        name = os.path.basename(path)
        inline = min(setup.step, INLINE_STEPS)
        try:
            with s.batch():
                s.apply_setup(
                    setup.sequence,
                    setup.params,
                    None,
                    setup.settings.to_dict(),
                    inline,
                    name=name,
                    readout=setup.readout,
                )
                s.set_unit(setup.unit)
                s.mark_saved(name, os.path.abspath(path))
        except EngineError as exc:
            self._error(LoadError(path, "", exc))
            self._done(False)
            return
        if setup.step > inline:
            self.window.request_step(setup.step)  # far: computed in a worker
        self._after_open("session", path)
        self._status(self.tr("Opened the session {name}").format(name=name))
        self._done(True)

    @property
    def session_path(self) -> str | None:
        """The session file the session was last opened from or saved to."""
        return self.session.path

    def document(self) -> SessionDocument:
        """The session as a :class:`SessionDocument` (settings include the selected unit)."""
        return session_document(self.session)

    def save(self, *, wait: bool = False) -> bool:
        """File ▸ Save: to the session's file, or Save As when it has none."""
        path = self.session_path
        if path is None:
            return self.save_as(wait=wait)
        return self.save_session_to(path, wait=wait)

    def save_as(self, path: str | os.PathLike[str] | None = None, *, wait: bool = False) -> bool:
        """File ▸ Save As…: choose a file (``.lstmsim``) and save the session there."""
        if path is None:
            current = self.session_path
            stem = Path(self.session.name or "session").stem or "session"
            proposal = current or os.path.join(self._last_dir(), stem + SESSION_SUFFIX)
            path, _ = QFileDialog.getSaveFileName(
                self.window,
                self.tr("Save session"),
                proposal,
                self.tr("lstm-sim sessions (*{suffix})").format(suffix=SESSION_SUFFIX),
            )
            if not path:
                return False
        path = os.fspath(path)
        if not os.path.splitext(path)[1]:
            path += SESSION_SUFFIX
        return self.save_session_to(path, wait=wait)

    def save_session_to(self, path: str | os.PathLike[str], *, wait: bool = False) -> bool:
        """Write the session to ``path`` (in a worker; ``wait=True``: here, and return success)."""
        path = os.path.abspath(os.fspath(path))
        doc = self.document()
        token = self._edits

        def done(_result: Any) -> None:
            s = self.session
            name = os.path.basename(path)
            s.set_path(path)
            if self._edits == token:
                s.mark_saved(name)
            else:  # edited while it was being written: the session is still modified
                s.name = name
                self.window._update_title()
            self.add_recent(path)
            self._remember_dir(path)
            self._status(self.tr("Saved {name}").format(name=name))
            self.saved.emit(path)

        if wait:
            try:
                save_session(doc, path)
            except SaveError as err:
                self._error(err, self.tr("Cannot save the file"))
                return False
            done(None)
            return True

        def work(_progress, _cancelled):
            save_session(doc, path)
            return path

        label = self.tr("Saving {name}…").format(name=os.path.basename(path))
        return self._start(label, work, done)

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True: go on."""
        if self._detached or not self.confirm_unsaved or not self.session.modified:
            return True
        name = self.session.name or self.tr("untitled")
        answer = QMessageBox.question(
            self.window,
            self.tr("Unsaved changes"),
            self.tr("The session “{name}” has unsaved changes. Save them?").format(name=name),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save(wait=True)
        return answer == QMessageBox.StandardButton.Discard

    # ----------------------------------------------------------- any file
    def open_path(self, path: str | os.PathLike[str], kind: str | None = None) -> bool:
        """Open one file of any kind (``None``: told by :func:`lstm_sim.io.registry.identify`)."""
        path = os.fspath(path)
        kind = kind or identify(path)
        if kind == "session":
            return self.open_session(path)
        if kind == "weights":
            return self.open_weights(path)
        return self.open_sequence(path)

    def open_paths(self, paths: list[str]) -> None:
        """Open several files one after the other: sessions and sequences first, then weights.

        A failure (or a cancelled dialog) drops the files still waiting.
        """
        order = {"session": 0, "sequence": 1, "weights": 2}
        items = [(identify(p), os.fspath(p)) for p in paths]
        items.sort(key=lambda kp: order[kp[0]])
        self._queue = items
        self._done(True)

    def _done(self, ok: bool) -> bool:
        """End of one open (or start of a queue): go on with the next queued file."""
        if not ok:
            self._queue.clear()
            return False
        if self._queue and not self.busy:
            kind, path = self._queue.pop(0)
            self.open_path(path, kind)
        return ok

    # -------------------------------------------------------------- recent
    def recent_files(self) -> list[str]:
        """File ▸ Open Recent, newest first."""
        return _settings_list(QSettings().value(RECENT_KEY, []))[:MAX_RECENT]

    def add_recent(self, path: str) -> None:
        """Put ``path`` first in the recent files (at most :data:`MAX_RECENT`)."""
        path = os.path.abspath(path)
        items = [p for p in self.recent_files() if p != path]
        QSettings().setValue(RECENT_KEY, [path, *items][:MAX_RECENT])

    def remove_recent(self, path: str) -> None:
        """Drop ``path`` from the recent files."""
        QSettings().setValue(RECENT_KEY, [p for p in self.recent_files() if p != path])

    def clear_recent(self) -> None:
        QSettings().setValue(RECENT_KEY, [])

    def open_recent(self, path: str) -> bool:
        """Open a recent file; a file that is gone is removed from the list (with a message)."""
        if not os.path.exists(path):
            self.remove_recent(path)
            QMessageBox.warning(
                self.window,
                self.tr("File not found"),
                self.tr("{path} no longer exists; it was removed from the recent files.").format(
                    path=path
                ),
            )
            return False
        return self.open_path(path)

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = self.recent_files()
        for k, path in enumerate(recent, start=1):
            text = f"&{k % 10} {os.path.basename(path)}"
            a = QAction(text, menu)
            a.setToolTip(path)
            a.setStatusTip(path)
            a.setData(path)
            a.triggered.connect(lambda _checked=False, p=path: self.open_recent(p))
            menu.addAction(a)
        if not recent:
            empty = QAction(self.tr("(no recent files)"), menu)
            empty.setEnabled(False)
            menu.addAction(empty)
        menu.addSeparator()
        clear = QAction(self.tr("&Clear the list"), menu)
        clear.setEnabled(bool(recent))
        clear.triggered.connect(lambda _checked=False: self.clear_recent())
        menu.addAction(clear)

    # =============================================================== export
    def _export_dir(self) -> str:
        value = QSettings().value(EXPORT_DIR_KEY, "")
        return value if isinstance(value, str) and os.path.isdir(value) else self._last_dir()

    def _stem(self) -> str:
        return Path(self.session.name or "lstm-sim").stem.replace(" ", "_") or "lstm-sim"

    def panel_names(self) -> list[tuple[str, str]]:
        """(key, label) of every plot panel, top to bottom."""
        labels = {
            "inputs": self.tr("Inputs x_t and targets y_t"),
            "gates": self.tr("Gates f_t, i_t, o_t"),
            "c": self.tr("Cell state C_t"),
            "h": self.tr("Hidden state h_t"),
            "grads": self.tr("Gradient norms ‖∂L/∂C_k‖, ‖∂L/∂h_k‖"),
        }
        return [(key, labels.get(key, key)) for key in self.window.plots.plots]

    def _ask_export(self, dialog: ExportDialog) -> ExportOptions | None:
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.options()
        finally:
            dialog.deleteLater()

    def export_plots(self, options: ExportOptions | None = None) -> bool:
        """File ▸ Export ▸ Plots (all panels)…: PNG, SVG or a CSV of every curve."""
        widget = self.window.plots.layout_widget
        if options is None:
            size = widget.size()
            options = self._ask_export(
                ExportDialog(
                    self.tr("Export all plot panels"),
                    ("png", "svg", "csv"),
                    (size.width(), size.height()),
                    self._export_dir(),
                    self._stem() + "_plots",
                    parent=self.window,
                )
            )
            if options is None:
                return False
        return self._write_plot(widget, None, options)

    def export_panel(self, panel: str | None = None, options: ExportOptions | None = None) -> bool:
        """File ▸ Export ▸ Current plot panel… (and a plot's context menu): one panel."""
        plots = self.window.plots.plots
        if options is None:
            last = self._last_panel
            key = panel if panel in plots else last if last in plots else next(iter(plots))
            rect = plots[key].sceneBoundingRect()
            options = self._ask_export(
                ExportDialog(
                    self.tr("Export a plot panel"),
                    ("png", "svg", "csv"),
                    (round(rect.width()), round(rect.height())),
                    self._export_dir(),
                    f"{self._stem()}_{key}",
                    panels=self.panel_names(),
                    panel=key,
                    parent=self.window,
                )
            )
            if options is None:
                return False
        key = options.panel or panel
        self._last_panel = key
        if key not in plots:
            reason = Text(QT_TRANSLATE_NOOP("FileErrors", "no plot panel {panel}"), panel=repr(key))
            self._error(SaveError(options.path, "", reason), self._save_title())
            return False
        return self._write_plot(plots[key], key, options)

    def _save_title(self) -> str:
        return self.tr("Cannot export")

    def _write_plot(self, target: Any, key: str | None, options: ExportOptions) -> bool:
        try:
            if options.fmt == "png":
                pw, ph = options.pixel_size
                write_png(
                    target, options.path, width=pw, height=ph, device_pixel_ratio=options.ratio
                )
            elif options.fmt == "svg":
                write_svg(
                    target,
                    options.path,
                    width=options.width,
                    height=options.height,
                    title=self.tr("lstm-sim plots"),
                )
            elif options.fmt == "csv":
                write_plot_csv(self._curve_set(key), options.path)
            else:
                raise SaveError(options.path, "", _unknown_format(options.fmt))
        except SaveError as err:
            self._error(err, self._save_title())
            return False
        return self._exported(options.path)

    def _exported(self, path: str) -> bool:
        QSettings().setValue(EXPORT_DIR_KEY, os.path.dirname(os.path.abspath(path)))
        self._status(self.tr("Exported {name}").format(name=os.path.basename(path)))
        self.exported.emit(path)
        return True

    def _curve_set(self, key: str | None) -> _CurveSet:
        """The curves of panel ``key`` (all panels for None), named after what they show."""
        keys = [key] if key is not None else list(self.window.plots.plots)
        curves: list[_NamedCurve] = []
        seen: set[str] = set()
        for k in keys:
            for name, item in self._panel_curves(k):
                x, _y = item.getOriginalDataset()
                if x is None or len(x) == 0:
                    continue
                if name in seen:
                    name = f"{k}.{name}"
                seen.add(name)
                curves.append(_NamedCurve(item, name))
        return _CurveSet(curves)

    def _panel_curves(self, key: str) -> list[tuple[str, Any]]:
        plots = self.window.plots
        s = self.session
        series = getattr(plots, "_series", {})
        units = getattr(plots, "_units", [s.unit])
        out: list[tuple[str, Any]] = []
        if key == "inputs":
            for ser, name in zip(series.get("inputs", []), s.sequence.input_names, strict=False):
                out.append((name, ser.item))
            for ser, name in zip(series.get("targets", []), s.sequence.target_names, strict=False):
                out.append((name, ser.item))
            for p, ser in enumerate(series.get("pred", [])):
                out.append((f"yhat_{p}", ser.item))
        elif key == "gates":
            for gate in ("f", "i", "o"):
                for ser, j in zip(series.get(gate, []), units, strict=False):
                    out.append((f"{gate}_{j}", ser.item))
        elif key in ("c", "h"):
            for ser, j in zip(series.get(key, []), units, strict=False):
                out.append((f"{key}_{j}", ser.item))
        elif key == "grads":
            out += [("grad_c_norm", plots.grad_c), ("grad_h_norm", plots.grad_h)]
        known = {id(item) for _, item in out}
        plot = plots.plots[key]
        for k, item in enumerate(plot.listDataItems()):  # anything else drawn there
            if id(item) not in known:
                out.append((item.name() or f"{key}_curve_{k}", item))
        return out

    # ------------------------------------------------------------- diagram
    def export_diagram(self, options: ExportOptions | None = None) -> bool:
        """File ▸ Export ▸ Cell diagram…: PNG (rendered at the pixel ratio) or SVG."""
        rect = self.window.diagram.scene().sceneRect()
        if options is None:
            options = self._ask_export(
                ExportDialog(
                    self.tr("Export the cell diagram"),
                    ("png", "svg"),
                    (round(rect.width()), round(rect.height())),
                    self._export_dir(),
                    self._stem() + "_cell",
                    parent=self.window,
                )
            )
            if options is None:
                return False
        try:
            if options.fmt == "png":
                write_diagram_png(self.window.diagram, options)
            elif options.fmt == "svg":
                write_diagram_svg(self.window.diagram, options, self.tr("LSTM memory cell"))
            else:
                raise SaveError(options.path, "", _unknown_format(options.fmt))
        except SaveError as err:
            self._error(err, self._save_title())
            return False
        return self._exported(options.path)

    # --------------------------------------------------------------- trace
    def export_trace(self, path: str | os.PathLike[str] | None = None) -> bool:
        """File ▸ Export ▸ Trace…: every step with the gradient norms, as CSV or NPZ.

        Runs in a worker (the rest of the forward pass, one BPTT, writing).
        """
        if path is None:
            csv_filter = self.tr("CSV table (*.csv)")
            npz_filter = self.tr("NumPy arrays (*.npz)")
            path, chosen = QFileDialog.getSaveFileName(
                self.window,
                self.tr("Export the trace"),
                os.path.join(self._export_dir(), self._stem() + "_trace.csv"),
                ";;".join([csv_filter, npz_filter]),
            )
            if not path:
                return False
            if not os.path.splitext(path)[1]:
                path += ".npz" if chosen == npz_filter else ".csv"
        path = os.fspath(path)
        writer = write_trace_npz if path.lower().endswith(".npz") else write_trace_csv
        s = self.session
        seq, params, settings, unit = s.sequence, s.params, s.settings, s.unit
        t = s.t if s.t >= 1 else s.T
        # A complete trace is immutable (rows are only ever appended): safe to read here.
        done = s.trace if s.computed == s.T else None

        def work(progress, cancelled):
            trace = done
            if trace is None:
                trace = Trace(params, capacity=seq.length, clamp=settings.clamp_dict)
                while len(trace) < seq.length:
                    if cancelled():
                        raise Cancelled()
                    k = len(trace)
                    trace.extend(seq.inputs[k : min(k + CHUNK, seq.length)])
                    progress(0.8 * len(trace) / seq.length)
            gc, gh = trace_gradient_norms(params, trace, t, settings, unit)
            progress(0.9)
            writer(path, seq, trace, gc, gh)
            return path

        def finished(_path: str) -> None:
            self._exported(path)

        label = self.tr("Exporting the trace to {name}…").format(name=os.path.basename(path))
        return self._start(label, work, finished)

    # =============================================================== events
    def _on_changed(self, changes: frozenset[Topic]) -> None:
        if changes & {
            Topic.SEQUENCE,
            Topic.PARAMS,
            Topic.SETTINGS,
            Topic.READOUT,
            Topic.RNN,
            Topic.UNIT,
        }:
            self._edits += 1

    def drag_event(self, event: QDragEnterEvent | QDragMoveEvent) -> bool:
        """Accept a drag of files this app opens (the window's drag enter and move)."""
        if self._dropped_paths(event.mimeData()):
            event.acceptProposedAction()
            return True
        return False

    def drop_event(self, event: QDropEvent) -> bool:
        """Open the files dropped on the window (after the drop has ended)."""
        paths = self._dropped_paths(event.mimeData())
        if not paths:
            return False
        event.acceptProposedAction()
        # Open after the drop has ended (dialogs may follow).
        QTimer.singleShot(0, lambda: self.open_paths(paths))
        return True

    def close_requested(self) -> bool:
        """Whether the window may close (asks about unsaved changes); stops file work if so."""
        if not self.maybe_save():
            return False
        self.cancel()  # a file still being read is of no use any more
        return True

    def _plot_context_menu(self, pos: QPoint) -> None:
        key = self.panel_at(pos)
        if key is not None:
            self._plot_menu(key, self._plot_viewport.mapToGlobal(pos))

    @staticmethod
    def _dropped_paths(mime: Any) -> list[str]:
        if mime is None or not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]

    def panel_at(self, pos: Any) -> str | None:
        """The plot panel under a point of the plots' viewport, or None."""
        view = self.window.plots.layout_widget
        scene_pos = view.mapToScene(pos)
        for key, plot in self.window.plots.plots.items():
            if plot.sceneBoundingRect().contains(QPointF(scene_pos)):
                return key
        return None

    @staticmethod
    def exec_menu(menu: QMenu, global_pos: Any) -> QAction | None:
        """Show a context menu and return the chosen action (tests replace this)."""
        return menu.exec(global_pos)

    def _plot_menu(self, key: str, global_pos: Any) -> None:
        menu = QMenu(self.window)
        one = menu.addAction(self.tr("Export this plot…"))
        every = menu.addAction(self.tr("Export all plots…"))
        chosen = self.exec_menu(menu, global_pos)
        menu.deleteLater()
        if chosen is one:
            self.export_panel(key)
        elif chosen is every:
            self.export_plots()


# ------------------------------------------------------------- module helpers
def _unknown_format(fmt: str) -> Text:
    return Text(QT_TRANSLATE_NOOP("FileErrors", "unknown format {format}"), format=repr(fmt))


def write_diagram_png(diagram: QWidget, options: ExportOptions) -> tuple[int, int]:
    """Render the cell diagram into a PNG of ``options.pixel_size`` pixels (crisp: vector scene).

    Raises
    ------
    SaveError
    """
    pw, ph = options.pixel_size
    image = diagram.render_image(pw, ph)
    if image.isNull():
        raise SaveError(options.path, "", image_too_large(pw, ph))
    image.setDevicePixelRatio(options.ratio)
    save_png(image, options.path)
    return pw, ph


def write_diagram_svg(diagram: QWidget, options: ExportOptions, title: str) -> None:
    """Paint the diagram's scene through :class:`QSvgGenerator` (checked: XML, renderable).

    Raises
    ------
    SaveError
    """
    w, h = options.width, options.height
    scene = diagram.scene()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(w, h))
    generator.setViewBox(QRect(0, 0, w, h))
    generator.setTitle(title)
    generator.setDescription("Exported by lstm-sim")
    painter = QPainter()
    if not painter.begin(generator):
        raise SaveError(options.path, "", svg_failed())
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        scene.render(
            painter, QRectF(0, 0, w, h), scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio
        )
    finally:
        painter.end()
    buffer.close()
    save_svg(bytes(data.data()), options.path, must_render=True)
