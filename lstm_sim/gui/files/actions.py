"""The File menu of the main window: its actions, and the services its parts share.

:class:`FileActions` builds the menu and owns what every part needs — the
error dialog, the status bar, the file lane of the window's job runner, the
folders remembered, the queue of files to open — and hands each job to one
part: :class:`~.opening.Opener`, :class:`~.saving.Saver`,
:class:`~.recent.RecentFiles`, :class:`~.exports.Exporter`,
:class:`~.drops.Drops`, :class:`~.plot_menu.PlotMenu`.

- Loading runs in the job runner's ``"file"`` lane, with progress in the status
  bar and its Cancel button; the session changes only once the file has been
  read completely and accepted (one change event).
- Any :class:`~lstm_sim.io.LoadError` / :class:`~lstm_sim.io.SaveError` is shown
  in one critical message box (file, place, reason) and leaves the session —
  sequence, weights, step — exactly as it was. Never a traceback.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from ...io import FileError, LoadCancelled, SaveError, formats
from ...session import Cancelled, Session, Topic
from ..follow import follow
from ..jobs import JobRunner
from .dialogs import error_text
from .drops import Drops
from .exports import Exporter
from .opening import Opener
from .plot_menu import PlotMenu
from .recent import RecentFiles
from .saving import Saver
from .settings_keys import OPEN_DIR_KEY

__all__ = ["FileActions", "files_from_arguments"]


def files_from_arguments(args: list[str]) -> list[str]:
    """The file names among command-line arguments (``lstm-sim FILE``), options left out."""
    return [a for a in args if a and not a.startswith("-")]


def _shortcuts(standard: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    """The platform's shortcut, plus ``fallback`` where the platform has none (Linux)."""
    keys = [k for k in QKeySequence.keyBindings(standard) if not k.isEmpty()]
    if all(k.toString() != fallback for k in keys):
        keys.append(QKeySequence(fallback))
    return keys


class FileActions(QObject):
    """The File menu's actions and what they do, for one :class:`MainWindow`.

    Parameters
    ----------
    window : MainWindow
        Gives the session, the File menu, the plots, the diagram, the status
        bar and the job runner.

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
    opener, saver, recent, exporter, drops, plot_menu
        The parts, one per job.
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
        self.queue: list[tuple[str, str]] = []  # files still to open (kind, path)
        self.replace_agreed = False  # the queue's files may replace the session (asked once)
        self.edits = 0  # counts the session's edits (a save notices those made meanwhile)
        self.opener = Opener(self)
        self.saver = Saver(self)
        self.recent = RecentFiles(self)
        self.exporter = Exporter(self)
        self.drops = Drops(self)
        self.plot_menu = PlotMenu(self, window.plots.layout_widget)
        self._build_actions()
        self._install_menu(window.file_menu)
        self.retranslate()
        window.setAcceptDrops(True)
        # The graphics views take drops by default (and then refuse files): let the
        # drag through to the window wherever it is dropped. Drops and closing come
        # through MainWindow's event handlers (an event filter would run Python for
        # every event these widgets get, paint requests included).
        for view in (window.diagram, window.plots.layout_widget):
            view.setAcceptDrops(False)
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
    def _action(self, slot: Callable[[], Any]) -> QAction:
        a = QAction(self.window)
        a.triggered.connect(lambda _checked=False: slot())
        return a

    def _build_actions(self) -> None:
        self.open_action = self._action(self.opener.open_sequence)
        self.open_action.setShortcuts(_shortcuts(QKeySequence.StandardKey.Open, "Ctrl+O"))
        self.open_weights_action = self._action(self.opener.open_weights)
        self.open_session_action = self._action(self.opener.open_session)
        self.recent_menu = QMenu(self.window)
        self.recent_menu.aboutToShow.connect(self.recent.fill_menu)
        self.save_action = self._action(self.saver.save)
        self.save_action.setShortcuts(_shortcuts(QKeySequence.StandardKey.Save, "Ctrl+S"))
        self.save_as_action = self._action(self.saver.save_as)
        self.save_as_action.setShortcuts(
            _shortcuts(QKeySequence.StandardKey.SaveAs, "Ctrl+Shift+S")
        )
        self.save_weights_action = self._action(self.saver.save_weights)
        self.export_menu = QMenu(self.window)
        self.export_plots_action = self._action(self.exporter.export_plots)
        self.export_panel_action = self._action(self.exporter.export_panel)
        self.export_diagram_action = self._action(self.exporter.export_diagram)
        self.export_trace_action = self._action(self.exporter.export_trace)
        for a in (
            self.export_plots_action,
            self.export_panel_action,
            self.export_diagram_action,
            self.export_trace_action,
        ):
            self.export_menu.addAction(a)
        for a in (self.open_action, self.save_action, self.save_as_action):
            self.window.addAction(a)  # shortcuts work wherever the focus is

    def retranslate(self) -> None:
        """Every text of the File menu's actions, in the current language."""

        def texts(action: QAction, text: str, tip: str = "") -> None:
            action.setText(text)
            action.setStatusTip(tip)
            action.setToolTip(tip or text.replace("&", ""))

        texts(
            self.open_action,
            self.tr("&Open…"),
            self.tr("Open a sequence: CSV/TSV, NPY, NPZ, JSON or plain text"),
        )
        texts(
            self.open_weights_action,
            self.tr("Open &Weights…"),
            self.tr("Load trained weights: PyTorch, Keras or lstm-sim files"),
        )
        texts(
            self.open_session_action,
            self.tr("Open Sess&ion…"),
            self.tr("Open a saved lstm-sim session"),
        )
        self.recent_menu.setTitle(self.tr("Open &Recent"))
        texts(
            self.save_action,
            self.tr("&Save"),
            self.tr("Save the session: sequence, weights, step and settings"),
        )
        texts(
            self.save_as_action, self.tr("Save &As…"), self.tr("Save the session under a new name")
        )
        texts(
            self.save_weights_action,
            self.tr("Save Wei&ghts…"),
            self.tr("Save the cell's weights (and read-out) as .npz, .json or .safetensors"),
        )
        self.export_menu.setTitle(self.tr("E&xport"))
        texts(
            self.export_plots_action,
            self.tr("&Plots (all panels)…"),
            self.tr("All plot panels as PNG, SVG or CSV"),
        )
        texts(
            self.export_panel_action,
            self.tr("&Current plot panel…"),
            self.tr("One plot panel as PNG, SVG or CSV"),
        )
        texts(
            self.export_diagram_action,
            self.tr("Cell &diagram…"),
            self.tr("The memory-cell diagram as PNG or SVG"),
        )
        texts(
            self.export_trace_action,
            self.tr("&Trace (CSV / NPZ)…"),
            self.tr("Every step: inputs, targets, gates, C, h and gradient norms"),
        )

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

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:  # sent on by the window
            self.retranslate()
        return super().event(event)

    # ========================================================== the parts' services
    def error(self, err: Exception | str, title: str | None = None) -> None:
        """One critical message box with the one-line message; the session stays as it was.

        A :class:`~lstm_sim.io.FileError` (or an engine error) is shown in the
        language of the UI (:func:`~lstm_sim.gui.files.dialogs.error_text`).
        """
        text = error_text(err)
        message = text.splitlines()[0] if text else type(err).__name__
        self.window.statusBar().showMessage(message, 8000)
        QMessageBox.critical(self.window, title or self.tr("Cannot open the file"), message)
        self.failed.emit(message)

    def status(self, text: str, msec: int = 5000) -> None:
        """A message in the status bar for ``msec`` milliseconds."""
        self.window.statusBar().showMessage(text, msec)

    @property
    def busy(self) -> bool:
        """A file is being read or written in a worker."""
        return self.jobs.running("file")

    def start(
        self,
        label: str,
        work: Callable[[Callable[[float], None], Callable[[], bool]], Any],
        on_result: Callable[[Any], None],
        on_error: Callable[[FileError], bool] | None = None,
    ) -> bool:
        """Run ``work(progress, cancelled)`` in the file lane; ``on_result(value)`` afterwards.

        ``work`` may raise :class:`LoadCancelled` (→ nothing happens) or a
        :class:`~lstm_sim.io.FileError` (→ ``on_error(err)`` when given and it
        returns True, which then handled it; else the error dialog); ``on_result``
        gets its return value otherwise.
        """
        if self.busy:
            self.status(self.tr("Busy with another file: wait for it or cancel it"))
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
                if on_error is not None and on_error(result):
                    return
                title = self.tr("Cannot save the file") if isinstance(result, SaveError) else None
                self.error(result, title)
                self.done(False)
            else:
                on_result(result)

        def cancelled() -> None:
            self.status(self.tr("Cancelled: nothing was changed"))
            self.done(False)

        def failed(message: str) -> None:
            self.error(message.splitlines()[0], self.tr("Unexpected error"))
            self.done(False)

        self.jobs.start("file", label, guarded, finished, on_cancel=cancelled, on_error=failed)
        return True

    def cancel(self) -> None:
        """Cancel the file job that is running (the session stays as it was)."""
        self.jobs.cancel("file")

    def wait(self, timeout: float = 30.0) -> None:
        """Process events until every file job (and queued file) is done (tests, shutdown).

        Raises
        ------
        TimeoutError
        """
        deadline = time.monotonic() + timeout
        while self.busy or self.queue:
            self.jobs.wait(max(0.0, deadline - time.monotonic()), "file")
            if self.queue and not self.busy:
                self.done(True)
            if time.monotonic() > deadline:
                raise TimeoutError("file job still running")
        QCoreApplication.processEvents()

    def quiesce(self) -> None:
        """Stop what runs on the current session before replacing its contents."""
        w = self.window
        w.transport.pause()
        if w.training.running:
            w.training.stop()
            w.training.wait(30.0)
        w.cancel_jobs()
        w.wait_for_jobs(30.0)

    def done(self, ok: bool) -> bool:
        """End of one open (or start of a queue): go on with the next queued file."""
        if not ok:
            self.queue.clear()
            self.replace_agreed = False
            return False
        if self.queue and not self.busy:
            kind, path = self.queue.pop(0)
            self.opener.open_path(path, kind)  # asks nothing: agreed for the whole queue
        if not self.queue:
            self.replace_agreed = False
        return ok

    def after_open(self, kind: str, path: str) -> None:
        """A file was applied: remember it (recent files, its folder) and say so."""
        self.recent.add_recent(path)
        self.remember_dir(path)
        self.opened.emit(kind, path)

    # -------------------------------------------------------- file dialogs
    def last_dir(self) -> str:
        """The folder the open and save dialogs start in."""
        value = QSettings().value(OPEN_DIR_KEY, "")
        return value if isinstance(value, str) and os.path.isdir(value) else str(Path.home())

    def remember_dir(self, path: str) -> None:
        QSettings().setValue(OPEN_DIR_KEY, os.path.dirname(os.path.abspath(path)))

    def filters(self, kind: str, *, writable: bool = False) -> str:
        """A file dialog's filters for the registered formats of ``kind``."""
        entries = []
        every: list[str] = []
        for f in formats(kind, writable=writable):
            patterns = " ".join(f"*{s}" for s in f.suffixes)
            every += [f"*{s}" for s in f.suffixes]
            entries.append(f"{self.format_label(f.label)} ({patterns})")
        if not writable:
            entries.insert(
                0,
                self.tr("All supported files ({patterns})").format(
                    patterns=" ".join(dict.fromkeys(every))
                ),
            )
            entries.append(self.tr("All files (*)"))
        return ";;".join(entries)

    def format_label(self, label: str) -> str:
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

    def ask_open(self, caption: str, filters: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.window, caption, self.last_dir(), filters)
        return path or None

    # ================================================================ events
    def _on_changed(self, changes: frozenset[Topic]) -> None:
        self.edits += 1

    def close_requested(self) -> bool:
        """Whether the window may close (asks about unsaved changes); stops file work if so."""
        if not self.saver.maybe_save():
            return False
        self.cancel()  # a file still being read is of no use any more
        return True

    # ======================================== the entry points (menus, drops, tests)
    def open_sequence(self, path: str | os.PathLike[str] | None = None) -> bool:
        return self.opener.open_sequence(path)

    def open_weights(self, path: str | os.PathLike[str] | None = None) -> bool:
        return self.opener.open_weights(path)

    def open_session(self, path: str | os.PathLike[str] | None = None) -> bool:
        return self.opener.open_session(path)

    def open_path(self, path: str | os.PathLike[str], kind: str | None = None) -> bool:
        return self.opener.open_path(path, kind)

    def open_paths(self, paths: list[str]) -> None:
        self.opener.open_paths(paths)

    def save(self, *, wait: bool = False) -> bool:
        return self.saver.save(wait=wait)

    def save_as(self, path: str | os.PathLike[str] | None = None, *, wait: bool = False) -> bool:
        return self.saver.save_as(path, wait=wait)

    def save_weights(self, path: str | os.PathLike[str] | None = None) -> bool:
        return self.saver.save_weights(path)

    def maybe_save(self) -> bool:
        return self.saver.maybe_save()

    @property
    def session_path(self) -> str | None:
        """The session file the session was last opened from or saved to."""
        return self.session.path

    def recent_files(self) -> list[str]:
        return self.recent.recent_files()

    def open_recent(self, path: str) -> bool:
        return self.recent.open_recent(path)

    def export_plots(self, options: Any = None) -> bool:
        return self.exporter.export_plots(options)

    def export_panel(self, panel: str | None = None, options: Any = None) -> bool:
        return self.exporter.export_panel(panel, options)

    def export_diagram(self, options: Any = None) -> bool:
        return self.exporter.export_diagram(options)

    def export_trace(self, path: str | os.PathLike[str] | None = None) -> bool:
        return self.exporter.export_trace(path)

    def panel_at(self, pos: Any) -> str | None:
        return self.plot_menu.panel_at(pos)

    def drag_event(self, event: QDragEnterEvent | QDragMoveEvent) -> bool:
        return self.drops.drag_event(event)

    def drop_event(self, event: QDropEvent) -> bool:
        return self.drops.drop_event(event)
