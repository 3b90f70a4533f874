"""Opening files: sequences (with the CSV import dialog), weights, sessions, any file."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QDialog, QMessageBox

from ...engine import EngineError, LSTMParams
from ...engine.budget import BudgetError, check_memory
from ...engine.errors import translate_message
from ...engine.model import Model, ModelTrace
from ...io import (
    SESSION_SUFFIX,
    FileError,
    LoadError,
    load_sequence,
    load_session,
    peek_table,
)
from ...io.errors import QT_TRANSLATE_NOOP, Text, key_place
from ...io.model_file import load_model
from ...io.registry import identify
from ...sequence import Sequence
from ...session import (
    INLINE_STEPS,
    DocumentError,
    DocumentSetup,
    read_document,
    reinit_input_weights,
)
from ...session.stack import is_one_cell
from ...train import Readout, TrainError
from ..i18n import numerus
from ..model_strip import model_opened_text
from .csv_import import CsvImportDialog, in_app_error
from .dialogs import error_text, qt_translate
from .part import FilePart
from .settings_keys import TABLE_SUFFIXES

__all__ = ["Opener"]


def _check_trace_fits(seq: Sequence, params: LSTMParams) -> None:
    """Raise :class:`BudgetError` when the session's trace of ``seq`` would not fit.

    The session reserves its trace for the whole sequence (a row
    ``[x_t | 1 | h_t | C_t | i f g o | tanh C_t]`` per step, see
    ``engine/trace.py``); checked here, before any setter runs, so that a
    refusal leaves the session exactly as it was.
    """
    row_bytes = 8 * (params.input_size + 1 + 7 * params.hidden_size)
    check_memory(
        (seq.length + 1) * row_bytes,
        Text(QT_TRANSLATE_NOOP("FileErrors", "a trace of {steps} steps"), steps=seq.length),
        per_item=row_bytes,
    )


class Opener(FilePart):
    """Opening files: sequences (with the CSV import dialog), weights, sessions, any file.

    Every open replaces part of the session (its sequence, its weights, or all of
    it), so each first asks about unsaved changes (:meth:`may_replace`, the one
    rule of docs/architecture.md "Never lose work"); files opened together (a
    drop, the command line) ask once.
    """

    def may_replace(self) -> bool:
        """Whether the session may be replaced: asks Save / Discard / Cancel when modified.

        Not asked again for the files of a queue already agreed to (:meth:`open_paths`).
        """
        return self.files.replace_agreed or self.files.saver.maybe_save()

    #: The parameters last loaded from a weights file (tables opened onto them keep their values).
    _loaded_weights: LSTMParams | None = None

    def open_sequence(
        self, path: str | os.PathLike[str] | None = None, *, max_steps: int | None = None
    ) -> bool:
        """File ▸ Open…: read a sequence (a dialog when ``path`` is None).

        CSV/TSV files first show the import dialog (columns as inputs/targets).
        ``max_steps``: only the first steps (what "Load the first N steps" of a
        sequence too long for memory does). Returns False when nothing was
        started (cancelled, or an error shown).
        """
        if not self.may_replace():
            return self.files.done(False)
        if path is None:
            path = self.files.ask_open(self.tr("Open sequence"), self.files.filters("sequence"))
            if path is None:
                return self.files.done(False)
        path = os.fspath(path)
        options: dict[str, Any] = {} if max_steps is None else {"max_steps": max_steps}
        if path.lower().endswith(TABLE_SUFFIXES):
            try:
                preview = peek_table(path)
            except LoadError as err:
                self.files.error(err)
                return self.files.done(False)
            dialog = CsvImportDialog(preview, self.window, weights_loaded=self.weights_loaded())
            try:
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return self.files.done(False)
                inputs, targets = dialog.columns()
                options.update(dialog.load_options(), inputs=inputs, targets=targets)
            finally:
                dialog.deleteLater()
        return self._read_sequence(path, options)

    def _read_sequence(self, path: str, options: dict[str, Any]) -> bool:
        def work(progress, cancelled):
            try:
                return load_sequence(path, progress=progress, cancel=cancelled, **options)
            except LoadError as err:  # the options as the import dialog offers them
                if err.budget is not None:  # kept whole: its .fits makes the offer
                    raise
                raise in_app_error(err) from None

        label = self.tr("Reading {name}…").format(name=os.path.basename(path))
        return self.files.start(
            label,
            work,
            lambda seq: self._apply_sequence(path, seq, options),
            lambda err: self._offer_first_steps(path, err, options),
        )

    def weights_loaded(self) -> bool:
        """The cell holds weights from a file (not edited since): tables then keep their values."""
        loaded = self._loaded_weights
        return loaded is not None and self.session.params is loaded

    def _offer_first_steps(self, path: str, err: FileError, options: dict[str, Any]) -> bool:
        """A sequence too long for memory: offer to load its first N steps (N fits).

        Returns False when ``err`` is no such refusal (the caller shows it).
        Loading them reads the file again with ``load_sequence(max_steps=N)``;
        Cancel leaves the session as it was.
        """
        budget = getattr(err, "budget", None)
        # One less than what fits: a trace holds its initial state as a row of its own.
        fits = None if budget is None or not budget.fits else budget.fits - 1
        if not fits or fits >= options.get("max_steps", fits + 1):
            return False
        text = error_text(err).splitlines()[0]
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Too long for memory"),
            text,
            QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setObjectName("first_steps_box")
        box.setInformativeText(
            numerus(self.tr("Memory holds the first %n step(s). Load only those?", "", fits), fits)
        )
        load = box.addButton(
            numerus(self.tr("Load the first %n step(s)", "", fits), fits),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.setDefaultButton(load)
        self.files.status(text, 8000)
        try:
            box.exec()
            chosen = box.clickedButton() is load
        finally:
            box.deleteLater()
        if not chosen:
            self.files.status(self.tr("Not opened: the session is unchanged"))
            self.files.done(False)
            return True
        if not self._read_sequence(path, dict(options, max_steps=fits)):
            self.files.done(False)
        return True

    def _apply_sequence(self, path: str, seq: Sequence, options: dict[str, Any]) -> None:
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
                QMessageBox.StandardButton.Yes,  # Enter loads; Esc cancels
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.files.status(self.tr("Not opened: the session is unchanged"))
                self.files.done(False)
                return
            params = reinit_input_weights(params, seq.input_size)
        try:
            _check_trace_fits(seq, params)
        except BudgetError as exc:  # before the session is touched: it stays as it was
            err = LoadError(path, "", exc)
            if not self._offer_first_steps(path, err, options):
                self.files.error(err)
                self.files.done(False)
            return
        self.files.quiesce()
        name = os.path.basename(path)
        was_modified = s.modified
        old_name = s.name
        try:
            with s.batch():
                s.name = name
                s.set_origin(None)  # a file: no example or scenario to explain any more
                s.set_sequence(seq, params)
                if not was_modified:
                    s.mark_saved(name)  # a fresh document: nothing unsaved yet
        except (EngineError, TrainError) as exc:
            s.name = old_name
            err = LoadError(path, "", exc)
            if not self._offer_first_steps(path, err, options):  # the trace too long?
                self.files.error(err)
                self.files.done(False)
            return
        s.set_path(None)  # not a session file
        self.files.after_open("sequence", path)
        # How the table became the sequence: scaling, missing values (rows dropped), labels.
        made = "; ".join(translate_message(line, qt_translate) for line in seq.describe())
        self.files.status(
            self.tr("Opened {name}: T = {steps}, D = {inputs}, P = {targets}").format(
                name=name,
                steps=numerus(self.tr("%n step(s)", "", seq.length), seq.length),
                inputs=numerus(self.tr("%n input(s)", "", seq.input_size), seq.input_size),
                targets=numerus(self.tr("%n target(s)", "", seq.target_size), seq.target_size),
            )
            + (f" — {made}" if made else ""),
            12000 if made else 5000,
        )
        self.files.done(True)

    def open_weights(self, path: str | os.PathLike[str] | None = None) -> bool:
        """File ▸ Open Weights…: PyTorch, Keras or native weights (a dialog when ``path`` is None).

        A file with several layers or directions (or a head that reads once) is held
        whole (:meth:`Session.set_model`): the controls bar chooses the cell shown.
        """
        if not self.may_replace():
            return self.files.done(False)
        if path is None:
            path = self.files.ask_open(self.tr("Open weights"), self.files.filters("weights"))
            if path is None:
                return self.files.done(False)
        path = os.fspath(path)

        inputs = self.session.sequence.inputs

        def work(_progress, _cancelled):
            loaded = load_model(path)
            model = loaded.model
            if is_one_cell(model):  # the classic case: one cell, its read-out on every step
                head = model.head
                readout = None if head is None else (head.weight, head.bias)
                return model.cell(0), readout, loaded.notes
            # The whole model runs here, off the GUI thread; the session shows one cell of it.
            run = model.run(inputs) if model.input_size == inputs.shape[1] else None
            return model, run, loaded.notes

        label = self.tr("Reading {name}…").format(name=os.path.basename(path))
        return self.files.start(label, work, lambda r: self._apply_loaded(path, *r))

    def _apply_loaded(self, path: str, what: Any, extra: Any, notes: list) -> None:
        # What the loader assumed or chose (a bare Keras file's activations, …), said with
        # the status; notes that name command-line options have no place in the app.
        said = "".join(
            f"; {translate_message(n, qt_translate)}" for n in notes if "--" not in str(n)
        )
        if isinstance(what, LSTMParams):
            self._apply_weights(path, what, extra, said)
        else:
            self._apply_model(path, what, extra, said)

    def _apply_model(
        self, path: str, model: Model, run: ModelTrace | None, notes: str = ""
    ) -> None:
        s = self.session
        d = s.sequence.input_size
        if model.input_size != d or run is None or len(run) != s.T:
            self.files.error(
                LoadError(
                    path,
                    "weight_ih",
                    self.tr(
                        "the weights take {a} input(s) per step, but the sequence has {b}"
                    ).format(a=model.input_size, b=d),
                )
            )
            self.files.done(False)
            return
        self.files.quiesce()
        try:
            with s.batch():
                if s.origin is not None:  # other weights: the explanation no longer holds
                    s.set_origin(replace(s.origin, explain=False))
                s.set_model(model, (0, False), run)
        except EngineError as exc:
            self.files.error(LoadError(path, "", exc))
            self.files.done(False)
            return
        self.files.after_open("weights", path)
        self.files.status(
            model_opened_text(os.path.basename(path), model, s.cell_key) + notes, 12000
        )
        self.files.done(True)

    def _apply_weights(self, path: str, params: LSTMParams, readout: Any, notes: str = "") -> None:
        s = self.session
        d = s.sequence.input_size
        if params.input_size != d:
            self.files.error(
                LoadError(
                    path,
                    "weight_ih",
                    self.tr(
                        "the weights take {a} input(s) per step, but the sequence has {b}"
                    ).format(a=params.input_size, b=d),
                )
            )
            self.files.done(False)
            return
        new_readout = None
        note = ""
        if readout is not None:
            try:
                candidate = Readout(*readout)
            except TrainError as exc:
                self.files.error(
                    LoadError(path, Text(QT_TRANSLATE_NOOP("FileErrors", "readout")), exc)
                )
                self.files.done(False)
                return
            p = s.sequence.target_size
            if p and candidate.output_size != p:
                note = self.tr(
                    "; its read-out gives {a} outputs but the sequence has {b} targets: not used"
                ).format(a=candidate.output_size, b=p)
            else:
                new_readout = candidate
        self.files.quiesce()
        try:
            with s.batch():
                if s.origin is not None:  # other weights: the explanation no longer holds
                    s.set_origin(replace(s.origin, explain=False))
                s.set_params(params)
                self._loaded_weights = params  # a table opened next keeps its values
                # The old read-out was fitted to the old weights: replace it by the file's.
                s.set_readout(new_readout)
        except (EngineError, TrainError) as exc:
            self.files.error(LoadError(path, "", exc))
            self.files.done(False)
            return
        self.files.after_open("weights", path)
        self.files.status(
            self.tr("Loaded weights from {name}: D = {d}, H = {h}").format(
                name=os.path.basename(path), d=params.input_size, h=params.hidden_size
            )
            + note
            + notes,
            8000,
        )
        self.files.done(True)

    def open_session(self, path: str | os.PathLike[str] | None = None) -> bool:
        """File ▸ Open Session…: replace everything by a saved session."""
        if not self.may_replace():
            return self.files.done(False)
        if path is None:
            filters = ";;".join(
                [
                    self.tr("lstm-sim sessions (*{suffix} *.json)").format(suffix=SESSION_SUFFIX),
                    self.tr("All files (*)"),
                ]
            )
            path = self.files.ask_open(self.tr("Open session"), filters)
            if path is None:
                return self.files.done(False)
        path = os.fspath(path)

        def work(_progress, _cancelled):
            doc = load_session(path)
            try:
                return read_document(doc)
            except DocumentError as err:
                raise LoadError(path, key_place(err.key), err.reason) from None

        label = self.tr("Reading {name}…").format(name=os.path.basename(path))
        return self.files.start(label, work, lambda setup: self._apply_session(path, setup))

    def _apply_session(self, path: str, setup: DocumentSetup) -> None:
        s = self.session
        self.files.quiesce()
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
            self.files.error(LoadError(path, "", exc))
            self.files.done(False)
            return
        if setup.step > inline:
            self.window.request_step(setup.step)  # far: computed in a worker
        self.files.after_open("session", path)
        self.files.status(self.tr("Opened the session {name}").format(name=name))
        self.files.done(True)

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

        A failure (or a cancelled dialog) drops the files still waiting. Unsaved
        changes are asked about once, for all of them.
        """
        if not paths or not self.files.saver.maybe_save():
            return
        order = {"session": 0, "sequence": 1, "weights": 2}
        items = [(identify(p), os.fspath(p)) for p in paths]
        items.sort(key=lambda kp: order[kp[0]])
        self.files.queue = items
        self.files.replace_agreed = True
        self.files.done(True)
