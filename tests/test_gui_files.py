"""File menu of the real main window, offscreen: open, drop, recent, save, export, bad files.

Every dialog is replaced by a stand-in (file dialogs return a path, message
boxes record what they would show), so nothing here ever waits for a person.
QSettings live in ``tmp_path``.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMimeData,
    QPoint,
    QPointF,
    QSettings,
    Qt,
    QUrl,
)
from PySide6.QtGui import QContextMenuEvent, QDragEnterEvent, QDropEvent, QImage, QKeySequence
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from lstm_sim.engine import LSTMParams, bptt, output_loss, run
from lstm_sim.examples import spikes_example
from lstm_sim.gui import files
from lstm_sim.gui.files import FileActions, files_from_arguments
from lstm_sim.gui.files.csv_import import CsvImportDialog
from lstm_sim.gui.files.dialogs import ExportDialog, ExportOptions
from lstm_sim.io import (
    load_session,
    load_weights_with_readout,
    peek_table,
    save_weights,
)
from lstm_sim.scaling import ScaleSpec
from lstm_sim.session import Session, Topic
from lstm_sim.train import Readout

Answer = QMessageBox.StandardButton


# ------------------------------------------------------------------ fixtures
@pytest.fixture(autouse=True)
def _settings_in_tmp(settings):
    """Every test here with QSettings in a temporary folder (conftest.settings)."""
    return settings


class Boxes:
    """Stand-ins for the message boxes and dialogs: record, answer as told."""

    def __init__(self) -> None:
        self.critical: list[str] = []
        self.warning: list[str] = []
        self.questions: list[str] = []
        self.answer = Answer.Cancel
        self.open_path = ""
        self.save_path = ""
        self.csv_accept = True
        self.csv_roles: dict[int, str] = {}
        self.export: dict = {}


@pytest.fixture
def boxes(monkeypatch):
    b = Boxes()

    def critical(_parent, _title, text, *args, **kwargs):
        b.critical.append(text)
        return Answer.Ok

    def warning(_parent, _title, text, *args, **kwargs):
        b.warning.append(text)
        return Answer.Ok

    def question(_parent, _title, text, *args, **kwargs):
        b.questions.append(text)
        return b.answer

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(critical))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warning))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(b.open_path), ""))
    )
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(b.save_path), ""))
    )

    def csv_exec(dialog):
        for column, role in b.csv_roles.items():
            dialog.set_role(column, role)
        return QDialog.DialogCode.Accepted if b.csv_accept else QDialog.DialogCode.Rejected

    def export_exec(dialog):
        if not b.export:
            return QDialog.DialogCode.Rejected
        e = b.export
        if "panel" in e:
            dialog.panel_box.setCurrentIndex(dialog.panel_box.findData(e["panel"]))
        dialog.set_format(e.get("fmt", "png"))
        dialog.keep_aspect.setChecked(False)
        dialog.width_box.setValue(e.get("width", 400))
        dialog.height_box.setValue(e.get("height", 300))
        dialog.ratio_box.setValue(e.get("ratio", 2.0))
        dialog.path_edit.setText(str(e["path"]))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CsvImportDialog, "exec", csv_exec)
    monkeypatch.setattr(ExportDialog, "exec", export_exec)
    return b


@pytest.fixture
def window(show_window, boxes):
    seq, params = spikes_example()
    return show_window(Session(seq, params, name="spikes"))


def snapshot(session: Session):
    """What must not change when a file is refused."""
    return (session.sequence, session.params, session.t, session.readout, session.settings)


def assert_unchanged(session: Session, before) -> None:
    seq, params, t, readout, settings = before
    assert session.sequence is seq
    assert session.params is params
    assert session.t == t
    assert session.readout is readout
    assert session.settings == settings


def write_csv(path: Path, header: list[str], rows: list[list[float]]) -> Path:
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def open_and_wait(window, action) -> None:
    action.trigger()
    window.file_actions.wait()


# ------------------------------------------------------------------- opening
def test_open_csv_through_dialog_and_import_dialog(window, boxes, tmp_path):
    data = np.array([[0.5, 1.0], [-1.25, 0.0], [2.0, 1.0], [3.5, 0.0]])
    path = write_csv(tmp_path / "walk.csv", ["x", "y"], data.tolist())
    boxes.open_path = path
    events = []
    window.session.events.connect(events.append, *Topic)
    open_and_wait(window, window.file_actions.open_action)
    s = window.session
    assert boxes.critical == []
    assert len(events) == 1 and {Topic.SEQUENCE, Topic.PARAMS} <= events[0]  # one change event
    np.testing.assert_array_equal(s.sequence.inputs, data[:, :1])
    np.testing.assert_array_equal(s.sequence.targets, data[:, 1:])
    assert s.t == 0 and s.name == "walk.csv"
    assert "walk.csv[*]" in window.windowTitle()
    assert not window.isWindowModified()
    assert window.file_actions.recent_files() == [str(path)]
    assert QKeySequence("Ctrl+O") in window.file_actions.open_action.shortcuts()
    assert QKeySequence("Ctrl+Shift+S") in window.file_actions.save_as_action.shortcuts()
    # The import dialog's choice goes to the loader: both columns as inputs → D = 2.
    boxes.csv_roles = {1: "input"}
    boxes.answer = Answer.Yes  # re-initialise the input weights for D = 2
    open_and_wait(window, window.file_actions.open_action)
    np.testing.assert_array_equal(s.sequence.inputs, data)
    assert s.sequence.targets is None
    assert s.params.input_size == 2


def test_open_status_counts_read_in_the_singular_for_one(window, boxes, tmp_path):
    """File ▸ Open of a one-row table: the status bar reads "1 step", "1 input", "1 target"
    (Qt's plural through ``numerus``), and the plural for more."""
    boxes.open_path = write_csv(tmp_path / "one.csv", ["x", "y"], [[0.5, 1.0]])
    open_and_wait(window, window.file_actions.open_action)
    assert boxes.critical == [] and window.session.T == 1
    status = window.statusBar().currentMessage()
    assert status.startswith("Opened one.csv: T = 1 step, D = 1 input, P = 1 target")
    boxes.csv_roles = {1: "input"}  # both columns as inputs: D = 2, no targets
    boxes.answer = Answer.Yes  # re-initialise the input weights for D = 2
    open_and_wait(window, window.file_actions.open_action)
    assert window.session.params.input_size == 2
    status = window.statusBar().currentMessage()
    assert status.startswith("Opened one.csv: T = 1 step, D = 2 inputs, P = 0 targets")


def test_import_dialog_preview_and_roles(qtbot, tmp_path):
    path = write_csv(
        tmp_path / "t.csv", ["date", "a", "b", "target"], [["d1", 1, 2, 0], ["d2", 3, 4, 1]]
    )
    dialog = CsvImportDialog(peek_table(path))
    qtbot.addWidget(dialog)
    assert dialog.columns() == ([1, 2], [3])  # the text column is skipped by default
    assert dialog.table.rowCount() == 3  # the roles row + two data rows
    dialog.set_role(2, "target")
    dialog.set_role(3, "skip")
    assert dialog.columns() == ([1], [2])
    for j in range(4):
        dialog.set_role(j, "skip")
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Open).isEnabled()
    # Forcing "no header" re-reads the preview: the names become data.
    dialog.header_box.setChecked(False)
    assert dialog.preview.columns == ("0", "1", "2", "3")
    options = dialog.load_options()
    assert (options["delimiter"], options["header"], options["missing"]) == (",", False, "error")
    assert options["scale"] == ScaleSpec(inputs="auto", targets="auto")  # no weights loaded


def test_open_npy_and_json(window, boxes, tmp_path):
    x = np.linspace(-1.0, 1.0, 17)
    np.save(tmp_path / "x.npy", x)
    boxes.open_path = tmp_path / "x.npy"
    open_and_wait(window, window.file_actions.open_action)
    np.testing.assert_array_equal(window.session.sequence.inputs[:, 0], x)
    doc = {"inputs": [[0.25], [0.5], [-0.75]], "targets": [1.0, 0.0, 1.0]}
    (tmp_path / "s.json").write_text(json.dumps(doc))
    boxes.open_path = tmp_path / "s.json"
    open_and_wait(window, window.file_actions.open_action)
    s = window.session
    np.testing.assert_array_equal(s.sequence.inputs, np.array(doc["inputs"]))
    np.testing.assert_array_equal(s.sequence.targets[:, 0], doc["targets"])
    assert s.name == "s.json"
    assert boxes.critical == []


def test_cancelled_dialogs_and_cancelled_loading_change_nothing(window, boxes, tmp_path):
    window.request_step(3)
    before = snapshot(window.session)
    path = write_csv(tmp_path / "a.csv", ["x"], [[1.0], [2.0]])
    boxes.csv_accept = False
    boxes.open_path = path
    open_and_wait(window, window.file_actions.open_action)
    assert_unchanged(window.session, before)
    boxes.open_path = ""  # the file dialog cancelled
    open_and_wait(window, window.file_actions.open_action)
    assert_unchanged(window.session, before)
    # Cancel while loading: LoadCancelled → nothing changes, no error dialog.
    np.save(tmp_path / "x.npy", np.arange(5.0))
    fa = window.file_actions
    assert fa.open_sequence(tmp_path / "x.npy")
    fa.cancel()
    fa.wait()
    assert_unchanged(window.session, before)
    assert boxes.critical == []
    assert "Cancelled" in window.statusBar().currentMessage()


# --------------------------------------------------------------- bad files
def test_bad_files_show_one_line_and_change_nothing(window, boxes, tmp_path):
    window.request_step(5)
    before = snapshot(window.session)
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("x,y\n1,2\n3\n5,6\n")
    corrupt = tmp_path / "corrupt.npz"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 20)
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    for path in (ragged, corrupt, empty, folder, tmp_path / "missing.npy"):
        boxes.open_path = path
        open_and_wait(window, window.file_actions.open_action)
    assert len(boxes.critical) == 5
    for message, name in zip(
        boxes.critical,
        ("ragged.csv", "corrupt.npz", "empty.json", "folder.csv", "missing.npy"),
        strict=True,
    ):
        assert name in message and "\n" not in message and "Traceback" not in message
    assert "line 3" in boxes.critical[0]
    assert_unchanged(window.session, before)
    # Corrupt weights and a session that is not one: the same.
    boxes.open_path = corrupt
    open_and_wait(window, window.file_actions.open_weights_action)
    (tmp_path / "no.lstmsim").write_text('{"format": "something else"}')
    boxes.open_path = tmp_path / "no.lstmsim"
    open_and_wait(window, window.file_actions.open_session_action)
    assert len(boxes.critical) == 7
    assert "key format" in boxes.critical[-1]
    assert_unchanged(window.session, before)
    assert window.file_actions.recent_files() == []


# ----------------------------------------------------------- width mismatch
def test_width_mismatch_reinitialises_only_weight_ih(window, boxes, tmp_path):
    old = window.session.params
    x = np.random.default_rng(0).normal(size=(9, 3))
    np.save(tmp_path / "wide.npy", x)
    boxes.answer = Answer.Yes
    window.file_actions.open_sequence(tmp_path / "wide.npy")
    window.file_actions.wait()
    new = window.session.params
    assert len(boxes.questions) == 1 and "D = 3" in boxes.questions[0]
    assert new.weight_ih.shape == (4 * old.hidden_size, 3)
    np.testing.assert_array_equal(new.weight_ih, LSTMParams.random(3, 4, seed=0).weight_ih)
    for name in ("weight_hh", "bias_ih", "bias_hh"):
        np.testing.assert_array_equal(getattr(new, name), getattr(old, name))
    np.testing.assert_array_equal(window.session.sequence.inputs, x)


def test_width_mismatch_cancel_changes_nothing(window, boxes, tmp_path):
    window.request_step(2)
    before = snapshot(window.session)
    np.save(tmp_path / "wide.npy", np.ones((4, 2)))
    boxes.answer = Answer.Cancel
    window.file_actions.open_sequence(tmp_path / "wide.npy")
    window.file_actions.wait()
    assert len(boxes.questions) == 1
    assert_unchanged(window.session, before)
    assert boxes.critical == []


# ------------------------------------------------------------------ weights
def test_open_and_save_weights(window, boxes, tmp_path):
    params = LSTMParams.random(1, 3, seed=7)
    readout = (np.array([[0.5, -1.0, 2.0]]), np.array([0.25]))
    save_weights(params, tmp_path / "w.npz", readout=readout)
    boxes.open_path = tmp_path / "w.npz"
    open_and_wait(window, window.file_actions.open_weights_action)
    s = window.session
    assert s.params == params
    assert s.readout == Readout(*readout)
    assert window.isWindowModified()
    # Save Weights (with the read-out) and read them back.
    boxes.save_path = tmp_path / "out.safetensors"
    window.file_actions.save_weights_action.trigger()
    back, back_readout = load_weights_with_readout(tmp_path / "out.safetensors")
    assert back == params
    np.testing.assert_array_equal(back_readout[0], readout[0])
    # Weights for another input size: an error, nothing changes.
    before = snapshot(s)
    save_weights(LSTMParams.random(2, 3, seed=1), tmp_path / "wide.json")
    window.file_actions.open_weights(tmp_path / "wide.json")
    window.file_actions.wait()
    assert len(boxes.critical) == 1 and "wide.json" in boxes.critical[0]
    assert "2 input(s)" in boxes.critical[0]
    assert_unchanged(s, before)


def test_weights_with_two_directions_hold_both(window, boxes, tmp_path):
    fwd, bwd = LSTMParams.random(1, 2, seed=1), LSTMParams.random(1, 2, seed=2)
    arrays = {}
    for suffix, p in (("_l0", fwd), ("_l0_reverse", bwd)):
        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            arrays[f"lstm.{name}{suffix}"] = getattr(p, name)
    np.savez(tmp_path / "bi.npz", **arrays)
    window.file_actions.open_path(tmp_path / "bi.npz")  # told apart from a sequence
    window.file_actions.wait()
    # The whole model is held (tests/test_gui_model.py): its forward cell is shown first,
    # the layer box shows the other, which reads the sequence from t = T down to 1.
    assert window.session.params == fwd
    window.controls.cell_box.setCurrentIndex(1)
    assert window.session.params == bwd
    assert window.session.cell_inputs[0, 0] == window.session.sequence.inputs[-1, 0]


# -------------------------------------------------------------- drag & drop
def _drop(target, paths: list[Path]) -> tuple[bool, bool]:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    actions = Qt.DropAction.CopyAction
    pos = QPoint(target.width() // 2, target.height() // 2)
    enter = QDragEnterEvent(
        pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(target, enter)
    drop = QDropEvent(
        QPointF(pos),
        actions,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QEvent.Type.Drop,
    )
    QApplication.sendEvent(target, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_drop_sequence_then_weights(window, boxes, tmp_path, qtbot):
    assert window.acceptDrops()
    x = np.array([0.0, 1.0, 0.5, -0.5])
    np.save(tmp_path / "seq.npy", x)
    params = LSTMParams.random(1, 2, seed=3)
    save_weights(params, tmp_path / "cell.npz")
    # weights listed first: sequences are opened first anyway
    assert _drop(window, [tmp_path / "cell.npz", tmp_path / "seq.npy"]) == (True, True)
    qtbot.waitUntil(lambda: window.session.params == params, timeout=10_000)
    window.file_actions.wait()
    np.testing.assert_array_equal(window.session.sequence.inputs[:, 0], x)
    assert window.session.name == "seq.npy"
    assert boxes.critical == []
    # A drag without files is refused.
    mime = QMimeData()
    mime.setText("hello")
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_drop_bad_file_shows_error(window, boxes, tmp_path, qtbot):
    before = snapshot(window.session)
    bad = tmp_path / "bad.npy"
    bad.write_bytes(b"\x93NUMPY\x01\x00garbage")
    # dropped on the diagram: the drag goes through to the window
    assert _drop(window.diagram.viewport(), [bad]) == (True, True)
    qtbot.waitUntil(lambda: len(boxes.critical) == 1, timeout=10_000)
    window.file_actions.wait()
    assert "bad.npy" in boxes.critical[0]
    assert_unchanged(window.session, before)


# ----------------------------------------------------------------- recent
def test_recent_files_menu_reopen_and_missing(window, boxes, tmp_path):
    fa = window.file_actions
    paths = []
    for k in range(12):
        p = tmp_path / f"s{k}.npy"
        np.save(p, np.full(3, float(k)))
        paths.append(p)
        fa.open_sequence(p)
        fa.wait()
    recent = fa.recent_files()
    assert recent == [str(p) for p in reversed(paths)][: files.MAX_RECENT]
    fa.recent.fill_menu()  # what aboutToShow does
    entries = [a for a in fa.recent_menu.actions() if a.data()]
    assert [a.data() for a in entries] == recent
    # re-opening an older one works and moves it to the top
    target = next(a for a in entries if a.data() == str(paths[5]))
    target.trigger()
    fa.wait()
    assert window.session.sequence.inputs[0, 0] == 5.0
    assert fa.recent_files()[0] == str(paths[5])
    # a file that is gone: removed with a message, nothing else happens
    before = snapshot(window.session)
    paths[7].unlink()
    assert not fa.open_recent(str(paths[7]))
    assert len(boxes.warning) == 1 and "s7.npy" in boxes.warning[0]
    assert str(paths[7]) not in fa.recent_files()
    assert_unchanged(window.session, before)
    # kept across windows (QSettings)
    assert QSettings().value(files.RECENT_KEY)[0] == str(paths[5])


# ---------------------------------------------------------------- sessions
def test_session_round_trip_and_title(window, boxes, tmp_path):
    fa = window.file_actions
    s = window.session
    rng = np.random.default_rng(1)
    s.set_sequence(
        type(s.sequence)(rng.normal(size=(30, 1)), rng.normal(size=(30, 1)), name="r"),
        LSTMParams.random(1, 3, seed=2),
    )
    s.set_readout(Readout(rng.normal(size=(1, 3)), rng.normal(size=1)))
    s.update_settings(window=7, loss="unit", clamp=(("f", 1.0),), speed=5.0)
    s.set_unit(2)
    window.request_step(11)
    expected = (s.sequence, s.params, s.readout, s.t, s.settings, s.unit)
    boxes.save_path = tmp_path / "mine"  # the suffix is added
    fa.save_action.trigger()  # no file yet: Save As
    fa.wait()
    saved = tmp_path / "mine.lstmsim"
    assert saved.is_file() and fa.session_path == str(saved)
    assert s.name == "mine.lstmsim" and not s.modified
    assert "mine.lstmsim[*]" in window.windowTitle() and not window.isWindowModified()
    assert load_session(saved).settings["unit"] == 2
    # an edit shows the mark; Save (Ctrl+S) writes to the same file without asking
    s.update_settings(window=8)
    assert window.isWindowModified()
    boxes.save_path = ""  # would cancel a dialog
    fa.save_action.trigger()
    fa.wait()
    assert not window.isWindowModified()
    assert load_session(saved).settings["window"] == 8
    s.update_settings(window=7)
    fa.save()
    fa.wait()
    # something else entirely, then open the session again
    window.load_example(next(iter(window.example_actions)))
    boxes.open_path = saved
    open_and_wait(window, fa.open_session_action)
    assert boxes.critical == []
    seq, params, readout, t, settings, unit = expected
    assert s.sequence == seq and s.params == params and s.readout == readout
    assert (s.t, s.settings, s.unit) == (t, settings, unit)
    assert s.name == "mine.lstmsim" and not window.isWindowModified()
    assert fa.recent_files()[0] == str(saved)


def test_close_with_unsaved_changes_asks(window, boxes, tmp_path, monkeypatch):
    monkeypatch.setattr(FileActions, "confirm_unsaved", True)
    window.session.update_settings(window=9)
    assert window.session.modified
    boxes.answer = Answer.Cancel
    assert not window.close()
    assert window.isVisible() and len(boxes.questions) == 1
    boxes.answer = Answer.Save
    boxes.save_path = ""  # the Save As dialog cancelled: stay open
    assert not window.close()
    assert window.isVisible()
    boxes.save_path = tmp_path / "kept.lstmsim"
    assert window.close()
    assert (tmp_path / "kept.lstmsim").is_file()


def test_close_discard_closes(window, boxes, monkeypatch):
    monkeypatch.setattr(FileActions, "confirm_unsaved", True)
    window.session.update_settings(window=9)
    boxes.answer = Answer.Discard
    assert window.close()
    assert not window.isVisible()


def test_unmodified_window_closes_without_asking(window, boxes, monkeypatch):
    monkeypatch.setattr(FileActions, "confirm_unsaved", True)
    assert not window.session.modified
    assert window.close()
    assert boxes.questions == []


# ----------------------------------------------------------------- export
def _svg_ok(path: Path) -> None:
    ET.parse(path)
    assert QSvgRenderer(str(path)).isValid()


def test_export_plots_png_svg_csv(window, boxes, tmp_path):
    for _ in range(6):
        window.transport.step_action.trigger()
    fa = window.file_actions
    boxes.export = {"fmt": "png", "width": 300, "height": 250, "ratio": 2.0}
    boxes.export["path"] = tmp_path / "all.png"
    fa.export_plots_action.trigger()
    image = QImage(str(tmp_path / "all.png"))
    assert not image.isNull() and (image.width(), image.height()) == (600, 500)
    # one panel, at another ratio
    boxes.export = {"fmt": "png", "width": 200, "height": 100, "ratio": 1.5, "panel": "c"}
    boxes.export["path"] = tmp_path / "c.png"
    fa.export_panel_action.trigger()
    image = QImage(str(tmp_path / "c.png"))
    assert (image.width(), image.height()) == (300, 150)
    fa.export_plots(ExportOptions(str(tmp_path / "all.svg"), "svg", 500, 400))
    _svg_ok(tmp_path / "all.svg")
    fa.export_panel("gates", ExportOptions(str(tmp_path / "g.svg"), "svg", 400, 120, panel="gates"))
    _svg_ok(tmp_path / "g.svg")
    # CSV of one panel: the curve's own values, named
    assert fa.export_panel("c", ExportOptions(str(tmp_path / "c.csv"), "csv", 1, 1, panel="c"))
    header, rows = read_csv(tmp_path / "c.csv")
    assert header == ["t", "c_0"]
    trace = run(window.session.params, window.session.sequence.inputs[:6])
    np.testing.assert_array_equal([float(r[1]) for r in rows], trace.c[:, 0])
    # CSV of all panels: every curve
    assert fa.export_plots(ExportOptions(str(tmp_path / "all.csv"), "csv", 1, 1))
    header, rows = read_csv(tmp_path / "all.csv")
    # (one column per curve shown, named as the legends name them: issue 13, item 6)
    assert header == ["t", *window.plots.legend_names()]
    for name in ("spike", "f_0", "i_0", "o_0", "c_0", "h_0", "‖∂L/∂C_k‖", "‖∂L/∂h_k‖"):
        assert name in header
    assert len(rows) == window.session.T
    assert boxes.critical == []
    assert QSettings().value(files.EXPORT_DIR_KEY) == str(tmp_path)


def test_export_dialog_remembers_folder_and_sizes(window, boxes, tmp_path, qtbot):
    fa = window.file_actions
    out = tmp_path / "exports"
    out.mkdir()
    fa.export_diagram(ExportOptions(str(out / "cell.png"), "png", 530, 300, ratio=2.0))
    image = QImage(str(out / "cell.png"))
    assert (image.width(), image.height()) == (1060, 600)
    dialog = ExportDialog("t", ("png", "svg", "csv"), (400, 200), fa.exporter.export_dir(), "plots")
    qtbot.addWidget(dialog)
    assert Path(dialog.options().path) == out / "plots.png"
    dialog.width_box.setValue(800)  # aspect ratio kept
    assert (dialog.options().width, dialog.options().height) == (800, 400)
    dialog.ratio_box.setValue(1.5)
    assert dialog.options().pixel_size == (1200, 600)
    assert dialog.pixels_label.text() == "1200 × 600 pixels"
    dialog.set_format("svg")
    assert dialog.options().path.endswith("plots.svg")
    assert not dialog.ratio_box.isEnabled()


def test_export_diagram_svg(window, boxes, tmp_path):
    window.transport.step_action.trigger()
    boxes.export = {"fmt": "svg", "width": 530, "height": 300, "path": tmp_path / "cell.svg"}
    window.file_actions.export_diagram_action.trigger()
    _svg_ok(tmp_path / "cell.svg")
    assert boxes.critical == []


def test_export_trace_csv_and_npz(window, boxes, tmp_path):
    s = window.session
    s.update_settings(window=None)
    window.request_step(40)  # the loss is at the cursor; the rest of T is computed for the file
    boxes.save_path = tmp_path / "trace.csv"
    window.file_actions.export_trace_action.trigger()
    window.file_actions.wait()
    header, rows = read_csv(tmp_path / "trace.csv")
    H = s.hidden_size
    expected = ["t", "x_0"]
    for g in ("f", "i", "g", "o", "c", "h"):
        expected += [f"{g}_{j}" for j in range(H)]
    assert header == [*expected, "grad_c_norm", "grad_h_norm"]
    assert len(rows) == s.T and rows[0][0] == "1"
    trace = run(s.params, s.sequence.inputs)
    _loss, dh = output_loss(trace, 39)
    g = bptt(s.params, trace, dh, stop=40, param_grads=False)
    table = np.array([[float(v) for v in r] for r in rows])
    np.testing.assert_allclose(table[:40, -2], g.dc_norm(), rtol=1e-12)
    np.testing.assert_allclose(table[:40, -1], g.dh_norm(), rtol=1e-12)
    assert (table[40:, -2:] == 0).all()
    np.testing.assert_array_equal(table[:, 2 + 4 * H : 2 + 5 * H], trace.c)
    window.file_actions.export_trace(tmp_path / "trace.npz")
    window.file_actions.wait()
    with np.load(tmp_path / "trace.npz") as z:
        np.testing.assert_array_equal(z["h"], trace.h)
        np.testing.assert_allclose(z["grad_h_norm"][:40], g.dh_norm(), rtol=1e-12)


def test_plot_context_menu_exports_that_panel(window, boxes, tmp_path, monkeypatch):
    window.transport.step_action.trigger()
    fa = window.file_actions
    view = window.plots.layout_widget
    rect = window.plots.plots["h"].sceneBoundingRect()
    pos = view.mapFromScene(rect.center())
    assert fa.panel_at(pos) == "h"
    seen = []

    def menu_exec(menu, _pos):
        seen.append([a.text() for a in menu.actions()])
        return menu.actions()[0]

    from lstm_sim.gui.files.plot_menu import PlotMenu

    monkeypatch.setattr(PlotMenu, "exec_menu", staticmethod(menu_exec))
    boxes.export = {"fmt": "csv", "path": tmp_path / "h.csv"}
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(view.viewport(), event)
    assert seen == [["Export this plot…", "Export all plots…"]]
    header, _rows = read_csv(tmp_path / "h.csv")
    assert header == ["t", "h_0"]


def test_bad_export_path_shows_error(window, boxes, tmp_path):
    assert not window.file_actions.export_plots(
        ExportOptions(str(tmp_path / "no" / "such" / "dir.png"), "png", 100, 100)
    )
    assert len(boxes.critical) == 1 and "dir.png" in boxes.critical[0]


# ------------------------------------------------------- lstm-sim FILE
def test_command_line_file(window, boxes, tmp_path):
    assert files_from_arguments(["-style", "x.csv", "--flag", "y.npy"]) == ["x.csv", "y.npy"]
    before = snapshot(window.session)
    window.file_actions.open_paths([str(tmp_path / "nope.csv")])
    window.file_actions.wait()
    assert len(boxes.critical) == 1 and "nope.csv" in boxes.critical[0]
    assert_unchanged(window.session, before)
    assert window.session.name == "spikes"
    np.save(tmp_path / "ok.npy", np.arange(4.0))
    window.file_actions.open_paths([str(tmp_path / "ok.npy")])
    window.file_actions.wait()
    assert window.session.name == "ok.npy"


def test_dialogs_render(qtbot, tmp_path, window):
    """Each dialog builds and paints (screenshots for a look: see LSTM_SIM_SHOTS)."""
    import os

    path = write_csv(
        tmp_path / "data.csv",
        ["time", "x", "u", "y"],
        [[f"t{k}", k * 0.5, (-1) ** k, k % 2] for k in range(12)],
    )
    shown = [
        CsvImportDialog(peek_table(path)),
        ExportDialog(
            "Export all plot panels", ("png", "svg", "csv"), (900, 500), str(tmp_path), "x"
        ),
    ]
    out = os.environ.get("LSTM_SIM_SHOTS")
    for k, dialog in enumerate(shown):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        image = dialog.grab().toImage()
        assert not image.isNull() and image.width() > 300
        if out:
            image.save(os.path.join(out, f"dialog_{k}_{dialog.objectName()}.png"))
        dialog.close()
    QCoreApplication.processEvents()
