"""Crash recovery: a modified session is kept in a recovery file until it is saved or discarded.

Issue 15 item 5(b), docs/architecture.md "Never lose work". While the session
has unsaved changes, :class:`Recovery` writes it — atomically, in the session
file format (:func:`lstm_sim.io.save_session`) — to a recovery file in the
platform's app-data folder (``QStandardPaths.AppDataLocation``/``recovery``,
or ``$LSTM_SIM_RECOVERY_DIR``):

- at once (after a short pause that merges a burst of edits) on every structural
  change: sequence, weights, settings, read-out, unit, RNN;
- every :data:`INTERVAL_MS` when only the cursor moved;
- never while the session is unmodified: saving, discarding (the session then
  replaced by an unmodified one) and a clean exit remove the file.

Each running instance owns its files: their names carry its process id, and it
holds a :class:`QLockFile` beside them, so two instances never write the same
file. At start-up :meth:`Recovery.offer` looks for recovery files whose lock is
stale (the instance that wrote them is gone: it crashed or was killed) and
offers to restore the newest one — Restore (the default), Discard, or Later
(kept for the next start).

A small JSON file beside each recovery file keeps what a session file does not
hold: the session's name and the session file it came from.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QLockFile, QObject, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from ..io import FileError, LoadError, load_session, save_session
from ..io._files import atomic_write
from ..io.errors import key_place
from ..session import (
    INLINE_STEPS,
    DocumentError,
    DocumentSetup,
    Topic,
    read_document,
    session_document,
)
from .files.dialogs import error_text
from .follow import follow

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["INTERVAL_MS", "Recovery", "recovery_dir"]

# How often the session is written when only the cursor moved (milliseconds;
# ``$LSTM_SIM_RECOVERY_INTERVAL_MS`` overrides it, for tests).
INTERVAL_MS = 30_000

# The pause after a structural change before writing (merges a burst of edits).
SETTLE_MS = 300

# Changes that are written at once (the cursor alone waits for the interval).
STRUCTURAL = (
    Topic.SEQUENCE,
    Topic.PARAMS,
    Topic.SETTINGS,
    Topic.READOUT,
    Topic.UNIT,
    Topic.RNN,
)

PREFIX = "session-"
SUFFIX = ".lstmsim"


def recovery_dir() -> Path:
    """The folder of the recovery files: ``$LSTM_SIM_RECOVERY_DIR`` or app data/recovery."""
    override = os.environ.get("LSTM_SIM_RECOVERY_DIR")
    if override:
        return Path(override)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


def _interval() -> int:
    try:
        return max(100, int(os.environ.get("LSTM_SIM_RECOVERY_INTERVAL_MS", INTERVAL_MS)))
    except ValueError:
        return INTERVAL_MS


class Recovery(QObject):
    """Keeps the window's modified session in a recovery file; offers one back after a crash.

    Signals
    -------
    written(str)
        A write ended (from the writer thread): "" or why it failed.

    Parameters
    ----------
    window : MainWindow
    folder : path-like, optional
        Where the recovery files live (default :func:`recovery_dir`).

    Attributes
    ----------
    path : Path
        This instance's recovery file (``session-<pid>.lstmsim``).
    """

    written = Signal(str)

    def __init__(self, window: MainWindow, folder: str | os.PathLike[str] | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.folder = Path(folder) if folder is not None else recovery_dir()
        stem = f"{PREFIX}{os.getpid()}"
        self.path = self.folder / (stem + SUFFIX)
        self._meta = self.folder / (stem + ".json")
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(self.folder / (stem + ".lock")))
        self._lock.setStaleLockTime(0)  # held as long as this instance runs
        self._lock.tryLock(0)
        self._dirty = False
        self.last_error = ""
        self._writer: threading.Thread | None = None
        self._generation = 0  # counts discards: a write of an older generation is void
        self._written_once = False
        self.written.connect(self._on_written)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.write_now)
        self._periodic = QTimer(self)
        self._periodic.setInterval(_interval())
        self._periodic.timeout.connect(self._on_interval)
        self._periodic.start()
        follow(self, window.session, self._on_changed, *Topic)

    # ------------------------------------------------------------- writing
    def _on_changed(self, changes: frozenset[Topic]) -> None:
        if not self.window.session.modified:
            self.discard()
            return
        self._dirty = True
        if changes & set(STRUCTURAL) or Topic.MODIFIED in changes:
            self._settle.start()

    def _on_interval(self) -> None:
        if self._dirty:
            self.write_now()

    def write_now(self, *, wait: bool = False) -> bool:
        """Write the session to the recovery file (when modified); True when a write started.

        The file is written by a worker thread (a session of 10⁶ steps takes
        seconds to write; the window must not wait): the document is taken here,
        immutable, and written there. A change meanwhile is written after it.
        ``wait``: return once it is written (tests, shutdown).
        """
        s = self.window.session
        if not s.modified or s.model is not None:
            # (a whole model is not held by a session file: it is opened again from its file)
            self.discard()
            return False
        if self._writer is not None and self._writer.is_alive():
            self._dirty = True  # written once the current write ends (_on_written)
            return False
        self._dirty = False
        doc = session_document(s)
        meta = json.dumps({"name": s.name, "path": s.path, "title": self.window.session_title()})
        generation = self._generation

        def job() -> None:
            error = ""
            try:
                # The name first: a session file is never there without it.
                atomic_write(self._meta, meta.encode("utf-8"))
                save_session(doc, self.path)
            except FileError as err:  # a full disk: said once in the status bar
                error = error_text(err).splitlines()[0]
            if generation != self._generation:  # discarded while being written
                self._unlink()
            with contextlib.suppress(RuntimeError):  # the window is gone already
                self.written.emit(error)

        self._written_once = True
        self._writer = threading.Thread(target=job, name="recovery-writer", daemon=True)
        self._writer.start()
        if wait:
            self._writer.join()
        return True

    def _on_written(self, error: str) -> None:
        if error and error != self.last_error:
            self.window.statusBar().showMessage(
                self.tr("Could not write the recovery file: {reason}").format(reason=error), 8000
            )
        self.last_error = error
        if self._dirty:
            self._settle.start()

    def discard(self) -> None:
        """Remove this instance's recovery file (the session was saved or discarded)."""
        self._dirty = False
        self._settle.stop()
        self._generation += 1  # a write in flight removes what it wrote
        if self._written_once:
            self._unlink()
            self._written_once = False

    def _unlink(self) -> None:
        for p in (self.path, self._meta):
            try:
                p.unlink()
            except OSError:  # gone already, or a read-only folder: nothing more to do
                pass

    def close(self) -> None:
        """A clean exit: the recovery file goes, and the lock is released."""
        self._periodic.stop()
        self.discard()
        if self._writer is not None:
            self._writer.join(5.0)
        self._unlink()
        self._lock.unlock()

    # ------------------------------------------------------------ restoring
    def orphans(self) -> list[Path]:
        """Recovery files left by instances that are gone, newest first."""
        found = []
        for p in self.folder.glob(f"{PREFIX}*{SUFFIX}"):
            if p == self.path:
                continue
            lock = QLockFile(str(p.with_suffix(".lock")))
            if not lock.tryLock(0):  # its instance still runs
                continue
            lock.unlock()
            found.append(p)
        return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)

    def offer(self) -> bool:
        """Offer to restore the newest recovery file of a crashed instance; True: restored."""
        found = self.orphans()
        if not found:
            return False
        path = found[0]
        meta = _read_meta(path.with_suffix(".json"))
        when = QDateTime.fromSecsSinceEpoch(int(path.stat().st_mtime)).toString("yyyy-MM-dd hh:mm")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Recover unsaved work"),
            self.tr(
                "lstm-sim ended without saving the session “{name}” (last kept {when})."
            ).format(name=meta.get("title") or meta.get("name") or "?", when=when),
            QMessageBox.StandardButton.NoButton,
            self.window,
        )
        box.setObjectName("recovery_box")
        box.setInformativeText(
            self.tr("Restore it? Discard deletes it; Later keeps it for the next start.")
        )
        restore = box.addButton(self.tr("&Restore"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        later = box.addButton(self.tr("&Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.setEscapeButton(later)
        try:
            box.exec()
            chosen = box.clickedButton()
        finally:
            box.deleteLater()
        if chosen is discard:
            _remove_files(path)
            return False
        if chosen is not restore:
            return False
        return self.restore(path, meta)

    def restore(self, path: Path, meta: dict[str, Any] | None = None) -> bool:
        """Replace the session by the recovery file ``path`` (it stays modified: unsaved work).

        The file is read in the file lane of the window's job runner (a long
        session takes seconds to read); True: the reading started. A file that
        cannot be read is shown as any bad file, and kept.
        """
        meta = meta if meta is not None else _read_meta(path.with_suffix(".json"))

        def work(_progress: Any, _cancelled: Any) -> DocumentSetup:
            doc = load_session(path)
            try:
                return read_document(doc)
            except DocumentError as err:
                raise LoadError(path, key_place(err.key), err.reason) from None

        return self.window.file_actions.start(
            self.tr("Restoring the unsaved session…"),
            work,
            lambda setup: self._apply(path, setup, meta),
        )

    def _apply(self, path: Path, setup: DocumentSetup, meta: dict[str, Any]) -> None:
        s = self.window.session
        inline = min(setup.step, INLINE_STEPS)
        name = meta.get("name") if isinstance(meta.get("name"), str) else ""
        source = meta.get("path") if isinstance(meta.get("path"), str) else None
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
            s.set_path(source)
        if setup.step > inline:
            self.window.request_step(setup.step)  # far: computed in a worker
        self.window.file_actions.status(self.tr("Restored the unsaved session"))
        _remove_files(path)
        self.write_now()  # now this instance's to keep
        self.window.file_actions.done(True)


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _remove_files(path: Path) -> None:
    for p in (path, path.with_suffix(".json"), path.with_suffix(".lock")):
        try:
            p.unlink()
        except OSError:
            pass
