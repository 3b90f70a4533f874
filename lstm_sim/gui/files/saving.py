"""Saving: the session (Save, Save As, the unsaved-changes question) and the weights."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ...engine import EngineError
from ...io import (
    SESSION_SUFFIX,
    SaveError,
    SessionDocument,
    save_session,
    save_weights,
)
from ...session import (
    session_document,
)
from ...session.stack import weights_of_model_text
from .part import FilePart

__all__ = ["Saver"]


class Saver(FilePart):
    """Saving: the session (Save, Save As, the unsaved-changes question) and the weights."""

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
            stem = Path(self.window.session_title()).stem or "session"
            proposal = current or os.path.join(self.files.last_dir(), stem + SESSION_SUFFIX)
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
        try:
            doc = self.document()
        except EngineError as exc:  # a whole model: a session file cannot hold it
            self.files.error(SaveError(path, "", exc), self.tr("Cannot save the file"))
            return False
        token = self.files.edits

        def done(_result: Any) -> None:
            s = self.session
            name = os.path.basename(path)
            s.set_path(path)
            if self.files.edits == token:
                s.mark_saved(name)
            else:  # edited while it was being written: the session is still modified
                s.name = name
            self.files.recent.add_recent(path)
            self.files.remember_dir(path)
            self.files.status(self.tr("Saved {name}").format(name=name))
            self.files.saved.emit(path)

        if wait:
            try:
                save_session(doc, path)
            except SaveError as err:
                self.files.error(err, self.tr("Cannot save the file"))
                return False
            done(None)
            return True

        def work(_progress, _cancelled):
            save_session(doc, path)
            return path

        label = self.tr("Saving {name}…").format(name=os.path.basename(path))
        return self.files.start(label, work, done)

    def fresh_document(self) -> None:
        """The session was just set up from an example or a scenario: nothing is unsaved.

        It can be had again from its menu at any time, so it is no work to lose, and
        it belongs to no session file (Save asks for a new one, never overwrites the
        file opened before).
        """
        s = self.session
        with s.batch():
            s.set_path(None)
            s.mark_saved()

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True: go on.

        The one rule before anything replaces the session (a scenario, an example,
        opening a file, closing the window): Save is the default button (Enter never
        loses work), Escape is Cancel, and Cancel — or a save that fails or whose
        file dialog is cancelled — leaves the session exactly as it was.
        """
        if not self.files.confirm_unsaved or not self.session.modified:
            return True
        name = self.window.session_title()
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

    def save_weights(self, path: str | os.PathLike[str] | None = None) -> bool:
        """File ▸ Save Weights…: the cell's parameters and read-out (.npz, .json, .safetensors)."""
        if path is None:
            stem = Path(self.window.session_title()).stem or "weights"
            path, _ = QFileDialog.getSaveFileName(
                self.window,
                self.tr("Save weights"),
                os.path.join(self.files.last_dir(), stem + "_weights.npz"),
                self.files.filters("weights", writable=True),
            )
            if not path:
                return False
        path = os.fspath(path)
        if not os.path.splitext(path)[1]:
            path += ".npz"
        s = self.session
        readout = None if s.readout is None else (s.readout.W_y, s.readout.b_y)
        try:
            if s.model is not None:  # one cell of a whole model, reopened alone, would mislead
                raise SaveError(path, "", weights_of_model_text(s.cell_key.text()))
            save_weights(s.params, path, readout=readout)
        except SaveError as err:
            self.files.error(err, self.tr("Cannot save the file"))
            return False
        self.files.remember_dir(path)
        self.files.status(
            self.tr("Saved the weights to {name}").format(name=os.path.basename(path))
        )
        return True
