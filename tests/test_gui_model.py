"""A whole model in the app (issue 16 item 4): every cell shows the model's own numbers.

A stacked, bidirectional PyTorch state dict (``tests/fixtures/model``, made by
torch; its expected outputs frozen beside it) is opened through File ▸ Open
Weights; the session holds the whole model, and for every cell — chosen with the
controls bar's layer box or the model strip — the diagram, the values table and
the plots show that cell's trace as the Qt-free model run computes it
(``Model.run(X).cell(layer, reverse).trace``): a reverse cell runs from t = T
down to 1, an upper layer reads the layer below's h_t. A fresh window built on a
copy of the session shows the same.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from lstm_sim.engine import LSTMParams, bptt, model_bptt, run
from lstm_sim.engine.model import CellKey
from lstm_sim.gui.main_window import MainWindow
from lstm_sim.gui.rendered import diff_rendered, fresh_window, range_violations
from lstm_sim.gui.weights.commands import ParamsCommand
from lstm_sim.io.model_file import load_model
from lstm_sim.sequence import Sequence
from lstm_sim.session import Entry, Session, weight_edit

FIXTURES = Path(__file__).parent / "fixtures" / "model"
NET = FIXTURES / "net.pt"  # nn.LSTM(3, 4, num_layers=2, bidirectional=True) + Linear(8, 2)
EXPECTED = np.load(FIXTURES / "net_expected.npz")  # torch's float32 outputs on x
TARGETS = np.random.default_rng(0).standard_normal((EXPECTED["x"].shape[0], 2))


@pytest.fixture
def boxes(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda _p, _t, text, *a, **k: shown.append(text))
    )
    return shown


@pytest.fixture
def window(qtbot, english, boxes, monkeypatch):
    seq = Sequence(EXPECTED["x"], TARGETS, name="net")
    win = MainWindow(Session(seq, LSTMParams.random(3, 2, seed=1), name="net"))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(NET), ""))
    )
    yield win
    win.file_actions.cancel()
    win.file_actions.wait()
    win.transport.pause()
    win.cancel_jobs()
    win.wait_for_jobs()


def _open_model(window) -> None:
    window.file_actions.open_weights_action.trigger()  # File ▸ Open Weights… (dialog: net.pt)
    window.file_actions.wait()


def _end(window, qtbot) -> None:
    qtbot.keyClick(window, Qt.Key.Key_End)
    window.wait_for_jobs()


def _same_as_fresh(window, qtbot) -> None:
    fresh = fresh_window(window)
    qtbot.addWidget(fresh)
    try:
        live, built = window.rendered(), fresh.rendered()
        differences = diff_rendered(live, built)
        assert differences == [], differences[:20]
        assert range_violations(live) == []
    finally:
        fresh.jobs.cancel()
        fresh.jobs.wait()


def _number(text: str) -> float:
    return float(text.replace("−", "-"))


def _curve(plots: dict, panel: str, name: str) -> np.ndarray:
    for curve in plots["panels"][panel]["curves"]:
        if curve["name"] == name:
            return curve["y"]
    raise AssertionError(f"no curve {name} in {panel}")


def test_the_fixture_is_the_model_torch_ran():
    """The Qt-free run of the file equals what torch computed (frozen), so it is the reference."""
    mt = load_model(NET).model.run(EXPECTED["x"])
    np.testing.assert_allclose(mt.yhat, EXPECTED["yhat32"], atol=1e-5)
    np.testing.assert_allclose(mt.layer_outputs[-1], EXPECTED["out32"], atol=1e-5)


def test_every_cell_shows_the_models_numbers(window, qtbot, boxes):
    _open_model(window)
    assert boxes == []
    s = window.session
    model = load_model(NET).model
    mt = model.run(EXPECTED["x"])  # the Qt-free reference
    assert s.model is not None and len(s.model.cell_keys()) == 4
    # Which cell is shown is said: the status bar, the layer box, the strip, the equations.
    assert "shown: layer 0 →" in window.statusBar().currentMessage()
    assert window.controls.cell_box.isVisibleTo(window)
    assert window.model_strip.isVisibleTo(window)
    assert window.model_strip.rendered()["head"] == "head ŷ: P = 2 (every step)"
    keys = model.cell_keys()
    T = len(mt)
    for index, key in enumerate(keys):
        window.controls.cell_box.setCurrentIndex(index)  # the user's choice
        assert s.cell_key == key
        _end(window, qtbot)
        assert s.t == T
        trace = mt.cell(*key).trace
        for name in ("x", "f", "i", "g", "o", "c", "h"):
            np.testing.assert_array_equal(getattr(s.trace, name), getattr(trace, name))
        rendered = window.rendered()
        # Equations name the layer; the x_t node says what this cell reads.
        assert rendered["equations"]["header"].startswith(f"layer {key.layer} ")
        title = rendered["diagram"]["nodes"]["x"]["title"]
        if key.layer:
            assert f"of layer {key.layer - 1}" in title
        if key.reverse:
            assert "T−t+1" in title
        # The values table shows the last step of this cell (as it ran: a reverse
        # cell's step T read time 1).
        values = window.values
        window.values.show()
        for j in range(4):
            assert _number(values.cell_text("h", j)) == pytest.approx(trace.h[-1, j], abs=6e-4)
            assert _number(values.cell_text("c", j)) == pytest.approx(trace.c[-1, j], abs=6e-4)
        window.values.hide()
        # The diagram's h_t node and the plots' curves are the cell's, step by step.
        unit = s.unit
        node = rendered["diagram"]["nodes"]["h"]["text"]
        assert f"{trace.h[-1, unit]:.3f}" in node.replace("−", "-")
        plots = rendered["plots"]
        np.testing.assert_allclose(_curve(plots, "h", "h[0]"), trace.h[:, unit])
        np.testing.assert_allclose(_curve(plots, "c", "c[0]"), trace.c[:, unit])
        np.testing.assert_allclose(_curve(plots, "gates", "f[0]"), trace.f[:, unit])
        inputs = mt.inputs if key.layer == 0 else mt.layer_outputs[key.layer - 1]
        order = slice(None, None, -1) if key.reverse else slice(None)
        np.testing.assert_allclose(_curve(plots, "inputs", "inputs[0]"), inputs[order, 0])
        np.testing.assert_allclose(_curve(plots, "inputs", "pred[0]"), mt.yhat[order, 0])
        np.testing.assert_allclose(_curve(plots, "inputs", "targets[0]"), TARGETS[order, 0])
        # ŷ at the cursor is the head's at the time this step read.
        np.testing.assert_allclose(s.step_view().prediction, mt.yhat[0 if key.reverse else -1])
    _same_as_fresh(window, qtbot)


def test_gradient_panel_follows_the_cell_as_model_bptt_gives(window, qtbot):
    """L = Σ_j h_t[j] of the shown cell at the cursor: its ‖∂L/∂C_k‖, ‖∂L/∂h_k‖ are those
    model_bptt gives for a loss on that cell's h (the layers above do not enter)."""
    _open_model(window)
    s = window.session
    s.update_settings(window=None)
    mt = s.model.run(EXPECTED["x"])
    for key in (CellKey(1, True), CellKey(0, True), CellKey(1, False)):
        s.select_cell(*key)
        s.set_step(6)
        window.wait_for_jobs()
        view = s.gradients
        assert view is not None and view.t == 6
        dh = np.zeros((len(mt), 4))
        dh[5] = 1.0
        g = model_bptt(mt, None, dh={key: dh}, param_grads=False).cell(*key)
        np.testing.assert_allclose(view.dh_norm, g.dh_norm()[:6], rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(view.dc_norm, g.dc_norm()[:6], rtol=1e-12, atol=1e-15)


def test_model_strip_click_and_language(window, qtbot):
    _open_model(window)
    s = window.session
    button = window.model_strip._buttons[CellKey(1, True)]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert s.cell_key == (1, True)
    assert window.controls.cell_box.currentText() == "layer 1 ←"
    assert window.model_strip.rendered()["cells"]["1r"] == ("L1 ← H = 4", True)
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    window.wait_for_jobs()
    _same_as_fresh(window, qtbot)
    window.language_actions["zh_CN"].trigger()
    _same_as_fresh(window, qtbot)
    window.language_actions["en"].trigger()


def test_a_new_sequence_keeps_the_model_other_weights_drop_it(window, qtbot, tmp_path):
    _open_model(window)
    s = window.session
    s.select_cell(1, True)
    rng = np.random.default_rng(3)
    s.set_sequence(Sequence(rng.standard_normal((5, 3))))
    assert s.model is not None and s.cell_key == (1, True)
    s.set_step(5)
    np.testing.assert_array_equal(s.trace.h, s.model.run(s.sequence.inputs).cell(1, True).trace.h)
    # An example replaces everything: a single cell again, the strip and the box hidden.
    window.load_example("sine")
    assert s.model is None
    assert not window.model_strip.isVisibleTo(window)
    assert not window.controls.cell_box.isVisibleTo(window)
    _same_as_fresh(window, qtbot)


def test_saving_one_cell_of_a_model_is_refused_with_a_reason(window, boxes, tmp_path):
    """A session file (or a weights file) holds one cell: the shown cell of a model,
    reopened alone, would run forward on the model's input — refused, nothing written."""
    _open_model(window)
    window.session.select_cell(0, True)
    assert not window.file_actions.saver.save_as(tmp_path / "s.lstmsim", wait=True)
    assert not window.file_actions.saver.save_weights(tmp_path / "w.npz")
    assert len(boxes) == 2
    assert "layer 0 reverse of a model of 4 cells" in boxes[0]
    assert "would run as a forward cell" in boxes[1]
    assert not (tmp_path / "s.lstmsim").exists() and not (tmp_path / "w.npz").exists()


def test_training_is_off_for_a_whole_model(window):
    """The trainer fits one cell and a read-out: with a whole model it says so instead."""
    assert window.training.train_button.isEnabled()
    _open_model(window)
    assert not window.training.train_button.isEnabled()
    assert "whole model" in window.training.rendered()["status"]
    window.training.start()
    assert not window.training.running


def test_trace_export_of_a_models_cell_is_the_models(window, tmp_path):
    """File ▸ Export Trace of a reverse cell of layer 1: its rows in time order, as
    ``lstm-sim run --layer 1 --reverse`` writes them, with the head's ŷ."""
    _open_model(window)
    s = window.session
    window.controls.cell_box.setCurrentIndex(3)
    assert s.cell_key == (1, True)
    window.session.set_step(4)
    window.file_actions.export_trace(tmp_path / "trace.csv")
    window.file_actions.wait()
    rows = np.genfromtxt(tmp_path / "trace.csv", delimiter=",", names=True)
    mt = s.model.run(EXPECTED["x"])
    cell = mt.cell(1, True).rows()
    for j in range(4):
        np.testing.assert_array_equal(rows[f"h_{j}"], cell.h[:, j])
    for j in range(8):
        np.testing.assert_array_equal(rows[f"x_{j}"], mt.layer_outputs[0][:, j])
    np.testing.assert_array_equal(rows["yhat_1"], mt.yhat[:, 1])
    # The loss is at the cursor (step 4 of the reverse cell: time T − 3): zero before it.
    T = len(mt)
    assert rows["grad_h_norm"][T - 4] > 0 and (rows["grad_h_norm"][: T - 4] == 0).all()


# ------------------------------------------------------------- the prediction loss
def test_loss_box_offers_the_prediction_loss_only_with_a_read_out(window, qtbot):
    """Targets but no read-out: the two prediction losses are there, off, and say how to
    get one; an example with a read-out: chosen in the box, its gradients and its
    caption are the squared error's; ŷ is plotted beside y."""
    losses = window.controls.rendered()["losses"]
    assert [enabled for _text, enabled in losses] == [True, True, False, False]
    assert losses[2][0] == "(ŷ_t − y_t)² at step t (no read-out)"
    assert "train, or open weights with a head" in window.controls.rendered()["loss_hint"]
    window.load_example("sine")
    s = window.session
    assert s.readout is not None and s.sequence.targets is not None
    losses = window.controls.rendered()["losses"]
    assert losses[2] == ("(ŷ_t − y_t)² at step t", True)
    window.controls.loss_box.setCurrentIndex(2)
    assert s.settings.loss == "prediction"
    for _ in range(30):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    window.wait_for_jobs()
    assert s.t == 30
    view = s.gradients
    trace = run(s.params, s.sequence.inputs[:30])
    yhat = s.readout(trace.h)
    err = yhat[29] - s.sequence.targets[29]
    dh = np.zeros((30, s.hidden_size))
    dh[29] = 2 * err @ s.readout.W_y
    lo = 30 - len(view.steps)
    g = bptt(s.params, trace, dh[lo:], stop=30, window=30 - lo, param_grads=False)
    np.testing.assert_allclose(view.dh_norm, g.dh_norm(), rtol=1e-9)
    rendered = window.rendered()
    caption = rendered["plots"]["caption"]
    assert "L = (ŷ_t − y_t)² at t = 30" in caption and f"{float(err @ err):.4g}" in caption
    np.testing.assert_allclose(_curve(rendered["plots"], "grads", "grad_h"), view.dh_norm)
    np.testing.assert_allclose(_curve(rendered["plots"], "inputs", "pred[0]"), yhat[:, 0])
    _same_as_fresh(window, qtbot)
    # Summed up to t, then the language: the caption follows.
    window.controls.loss_box.setCurrentIndex(3)
    assert s.settings.loss == "prediction_sum"
    assert "L = Σ_k (ŷ_k − y_k)², k ≤ 30" in window.rendered()["plots"]["caption"]
    window.language_actions["zh_CN"].trigger()
    assert "k ≤ 30" in window.rendered()["plots"]["caption"]
    _same_as_fresh(window, qtbot)
    window.language_actions["en"].trigger()


def test_model_prediction_loss_through_the_box(window, qtbot):
    """A whole model: the head's squared error, backpropagated by model_bptt to the cell."""
    _open_model(window)
    s = window.session
    s.select_cell(0, True)
    window.controls.loss_box.setCurrentIndex(3)
    window.controls.window_all.setChecked(True)
    for _ in range(5):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    window.wait_for_jobs()
    mt = s.model.run(EXPECTED["x"])
    read = [s.time_row(k) for k in range(1, 6)]
    err = np.zeros_like(mt.yhat)
    err[read] = mt.yhat[read] - TARGETS[read]
    g = model_bptt(mt, 2 * err, param_grads=False).cell(0, True)
    np.testing.assert_allclose(s.gradients.dc_norm, g.dc_norm()[:5], rtol=1e-12)
    caption = window.rendered()["plots"]["caption"]
    assert "over the times that steps 1 … 5 read" in caption and "model's head" in caption
    _same_as_fresh(window, qtbot)


def test_undo_of_a_weight_edit_never_writes_into_another_cell(window, qtbot):
    """Edit layer 0's forward cell, show its reverse cell (same sizes), Ctrl+Z: nothing is
    written into the cell on screen (the edit is dropped); the model keeps the edit. An
    upper layer's cell (reading 8 values, the sequence has 3) is edited and undone."""
    _open_model(window)
    s = window.session
    before = s.params
    edit = weight_edit(s, Entry("f", "bias", 0, 0), 3.0)
    window.undo_stack.push(ParamsCommand(s, edit, "edit"))  # as the weight editor does
    edited0 = s.params
    assert edited0 != before and s.model.cell(0, False) is edited0
    s.select_cell(0, True)
    shown = s.params
    window.undo_stack.undo()
    assert s.params is shown and s.model.cell(0, False) is edited0
    s.select_cell(1, True)
    edited = s.params
    edit = weight_edit(s, Entry("o", "bias", 1, 0), -2.0)
    window.undo_stack.push(ParamsCommand(s, edit, "edit"))
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert s.params == edited and s.model.cell(1, True) == edited
    _same_as_fresh(window, qtbot)


def test_what_the_loader_assumed_is_said(window, monkeypatch):
    """A bare Keras .weights.h5 does not record activations or the layer order: the
    status line after opening says what was assumed (the loader's note)."""
    pytest.importorskip("h5py")
    path = FIXTURES / "keras_seq.weights.h5"
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    _open_model(window)
    assert window.session.model is not None
    message = window.statusBar().currentMessage()
    assert "shown: layer 0 →" in message and "records neither activations" in message


def test_a_reverse_cell_labels_its_step_with_the_year_it_reads(qtbot, english, boxes):
    """With a YEAR column, the diagram's time label of a reverse cell names the year its
    step reads (step t reads time T − t + 1), and the plots' axis counts its steps."""
    from lstm_sim.step_labels import StepLabels

    T = EXPECTED["x"].shape[0]
    years = StepLabels("YEAR", "number", np.arange(1900.0, 1900.0 + T))
    seq = Sequence(EXPECTED["x"], TARGETS, name="net", step_labels=years)
    win = MainWindow(Session(seq, LSTMParams.random(3, 2, seed=1), name="net"))
    qtbot.addWidget(win)
    win.show()
    win.file_actions.open_weights(NET)
    win.file_actions.wait()
    s = win.session
    s.set_step(2)
    assert win.diagram.rendered()["time"].endswith("1901")
    assert win.plots.time_axis.labelled == "YEAR"
    s.select_cell(1, True)
    assert win.diagram.rendered()["time"].endswith(f"{1900 + T - 2:g}")  # step 2 reads T − 1
    assert win.plots.time_axis.labelled == "" and win.plots.time_axis.tick_text(3) == "3"
    win.cancel_jobs()
    win.wait_for_jobs()


def test_no_recovery_file_for_a_whole_model(window, tmp_path):
    """A session file cannot hold a model (test above): the crash-recovery writer leaves
    a model session alone instead of failing on it."""
    from lstm_sim.gui.recovery import Recovery

    recovery = Recovery(window, tmp_path / "recovery")
    _open_model(window)
    assert window.session.modified and window.session.model is not None
    assert recovery.write_now(wait=True) is False
    assert not recovery.path.exists()
