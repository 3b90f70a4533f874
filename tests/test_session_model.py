"""The session on a whole model, and the prediction loss (Qt-free; issues 16.4 and 14.7).

References: the model's own run (``Model.run(X).cell(layer, reverse)``), its
backpropagation (:func:`~lstm_sim.engine.model_bptt`), the engine's prediction
loss on a single cell, and central finite differences of the loss with respect to
the shown cell's states.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lstm_sim.engine import LSTMParams, bptt, model_bptt, run
from lstm_sim.engine.model import CellKey, Head, Layer, Model
from lstm_sim.io.model_file import load_model
from lstm_sim.sequence import Sequence
from lstm_sim.session import Session, SettingsError, copy_session, session_document
from lstm_sim.session.document import DocumentError
from lstm_sim.train import Readout

FIXTURES = Path(__file__).parent / "fixtures" / "model"


def _model_session(seed: int = 0, T: int = 9) -> tuple[Session, Model, np.ndarray, np.ndarray]:
    model = load_model(FIXTURES / "torch_l2_bi_every.npz").model
    rng = np.random.default_rng(seed)
    x, y = rng.standard_normal((T, 3)), rng.standard_normal((T, 2))
    s = Session(Sequence(x, y), LSTMParams.random(3, 2, seed=1))
    s.set_model(model)
    return s, model, x, y


def test_every_cell_steps_as_the_model_runs_it():
    s, model, x, _y = _model_session()
    mt = model.run(x)
    for key in model.cell_keys():
        s.select_cell(*key)
        for t in range(1, s.T + 1):
            s.set_step(t)
            trace = mt.cell(*key).trace
            h, c = s.state()
            np.testing.assert_array_equal(h, trace.h[t - 1])
            np.testing.assert_array_equal(c, trace.c[t - 1])
            view = s.step_view()
            np.testing.assert_array_equal(view.values["x"], trace.x[t - 1])
            assert view.time == (s.T - t + 1 if key.reverse else t)
            np.testing.assert_array_equal(view.prediction, mt.yhat[view.time - 1])


def test_the_single_cell_path_holds_no_model():
    seq = Sequence(np.linspace(-1, 1, 12)[:, None])
    s = Session(seq, LSTMParams.random(1, 3, seed=2))
    assert s.model is None and s.stack is None and s.cell_key == (0, False)
    assert s.cell_inputs is seq.inputs  # the very array: nothing copied, nothing added
    s.set_step(12)
    np.testing.assert_array_equal(s.trace.h, run(s.params, seq.inputs).h)
    with pytest.raises(Exception, match="single cell"):
        s.select_cell(0, True)


def test_weight_edits_run_the_model_again():
    s, model, x, _y = _model_session()
    s.select_cell(0, False)
    s.set_step(5)
    p = s.params
    edited = LSTMParams(p.weight_ih * 0.5, p.weight_hh, p.bias_ih, p.bias_hh)
    s.set_params(edited)
    assert s.model is not model and s.model.cell(0, False) is edited
    s.select_cell(1, True)  # reads layer 0's new output
    s.set_step(9)
    new = Model([Layer(edited, model.layers[0].backward), model.layers[1]], model.head)
    np.testing.assert_array_equal(s.trace.h, new.run(x).cell(1, True).trace.h)
    with pytest.raises(Exception, match="H = 4"):
        s.set_params(LSTMParams.random(8, 3, seed=0))


def test_the_sequence_or_a_setup_decides_whether_the_model_stays():
    s, model, _x, _y = _model_session()
    s.select_cell(1, True)
    s.set_sequence(Sequence(np.ones((4, 3))))
    assert s.model is model and s.cell_key == (1, True)
    s.set_sequence(Sequence(np.ones((4, 1))), LSTMParams.random(1, 2, seed=0))
    assert s.model is None and s.cell_inputs.shape == (4, 1)


def test_a_model_session_is_not_written_as_one_cell():
    s, _model, _x, _y = _model_session()
    with pytest.raises(DocumentError) as err:
        session_document(s)
    assert err.value.key == "model"


def test_copy_holds_the_same_model_and_cell():
    s, model, _x, _y = _model_session()
    s.select_cell(1, False)
    s.set_step(6)
    c = copy_session(s)
    assert c.model is model and c.cell_key == (1, False) and c.t == 6
    np.testing.assert_array_equal(c.trace.h, s.trace.h)


# ------------------------------------------------------------ prediction loss
def test_prediction_loss_needs_targets_and_a_read_out():
    seq = Sequence(np.linspace(-1, 1, 10)[:, None], np.linspace(0, 1, 10)[:, None])
    s = Session(seq, LSTMParams.random(1, 3, seed=4))
    assert not s.prediction_possible()
    with pytest.raises(SettingsError, match="train the cell"):
        s.update_settings(loss="prediction")
    s.set_readout(Readout(np.array([[0.5, -1.0, 2.0]]), np.array([0.1])))
    s.update_settings(loss="prediction")
    s.set_readout(None)  # the read-out went away: back to the probe loss
    assert s.settings.loss == "output"


@pytest.mark.parametrize("loss", ["prediction", "prediction_sum"])
@pytest.mark.parametrize("window", [None, 3])
def test_single_cell_prediction_loss_is_bptt_of_the_squared_error(loss, window):
    rng = np.random.default_rng(5)
    T = 8
    seq = Sequence(rng.standard_normal((T, 2)), rng.standard_normal((T, 1)))
    params = LSTMParams.random(2, 3, seed=6)
    readout = Readout(rng.standard_normal((1, 3)), rng.standard_normal(1))
    s = Session(seq, params)
    s.set_readout(readout)
    s.update_settings(loss=loss, window=window)
    s.set_step(6)
    view = s.gradients
    trace = run(params, seq.inputs)
    lo = 0 if window is None else 6 - window
    yhat = trace.h @ readout.W_y.T + readout.b_y
    terms = range(lo if loss == "prediction_sum" else 5, 6)
    err = np.zeros((T, 1))
    err[list(terms)] = yhat[list(terms)] - seq.targets[list(terms)]
    assert view.loss_value == pytest.approx(float(np.sum(err**2)), rel=1e-12)
    dh = 2 * err @ readout.W_y
    g = bptt(params, trace, dh[lo:6], stop=6, window=6 - lo, param_grads=False)
    np.testing.assert_allclose(view.dh_norm, g.dh_norm(), rtol=1e-10)
    np.testing.assert_allclose(view.dc_norm, g.dc_norm(), rtol=1e-10)
    # and the job a worker would run gives the same
    _trace, again = s.gradient_job()()
    np.testing.assert_allclose(again.dh_norm, view.dh_norm, rtol=1e-10)


@pytest.mark.parametrize("key", [CellKey(0, False), CellKey(0, True), CellKey(1, True)])
@pytest.mark.parametrize("loss", ["prediction", "prediction_sum"])
def test_model_prediction_loss_is_model_bptt(key, loss):
    s, model, x, y = _model_session(seed=7)
    s.select_cell(*key)
    s.update_settings(loss=loss, window=None)
    s.set_step(4)
    view = s.gradients
    mt = model.run(x)
    read = [s.time_row(k) for k in range(1, 5)]
    if loss == "prediction":
        read = read[-1:]
    err = np.zeros_like(mt.yhat)
    err[read] = mt.yhat[read] - y[read]
    assert view.loss_value == pytest.approx(float(np.sum(err**2)), rel=1e-12)
    g = model_bptt(mt, 2 * err, param_grads=False).cell(*key)
    np.testing.assert_allclose(view.dh_norm, g.dh_norm()[:4], rtol=1e-12)
    np.testing.assert_allclose(view.dc_norm, g.dc_norm()[:4], rtol=1e-12)
    # Central differences: nudge the shown cell's C at its step 2 and run the model on.
    k, j, eps = 1, 2, 1e-6

    def loss_with(delta: float) -> float:
        m = _nudged_loss(model, x, y, key, k, j, delta, read)
        return m

    numeric = (loss_with(eps) - loss_with(-eps)) / (2 * eps)
    assert numeric == pytest.approx(g.dc[k, j], rel=1e-5, abs=1e-9)


def _nudged_loss(model, x, y, key, k, j, delta, read) -> float:
    """L with C of cell ``key`` at its step k + 1 nudged by ``delta`` (the rest run on)."""
    mt = model.run(x)
    run_ = mt.cell(*key)
    tr = run_.trace
    c = tr.c[k].copy()
    c[j] += delta
    p = run_.params
    inputs = tr.x
    rest = run(p, inputs[k + 1 :], h0=tr.h[k] * 0 + _h_from(p, tr, k, c), c0=c)
    h = np.vstack([tr.h[: k + 1 - 1], _h_from(p, tr, k, c)[None, :], rest.h])
    layers_out = list(mt.layer_outputs)
    h_time = h[::-1] if key.reverse else h
    hidden = p.hidden_size
    col = hidden if key.reverse else 0
    out = layers_out[key.layer].copy()
    out[:, col : col + hidden] = h_time
    x_next = out
    for upper in model.layers[key.layer + 1 :]:
        parts = []
        for reverse, q in upper.cells():
            tr_u = run(q, x_next[::-1] if reverse else x_next)
            parts.append(tr_u.h[::-1] if reverse else tr_u.h)
        x_next = np.hstack(parts)
    head: Head = model.head
    yhat = x_next @ head.weight.T + head.bias
    err = yhat[read] - y[read]
    return float(np.sum(err**2))


def _h_from(p, tr, k, c):
    """h at step k + 1 for a nudged C: o ⊙ tanh(C)."""
    return tr.o[k] * np.tanh(c)


def test_prediction_loss_of_a_model_off_under_a_clamp():
    s, _model, _x, _y = _model_session()
    s.update_settings(loss="prediction")
    s.update_settings(clamp={"f": 1.0})
    assert s.settings.loss == "output"
    assert s.cell_yhat() is None


@pytest.mark.parametrize(
    ("name", "on"), [("torch_l3_bi_last", "last"), ("torch_l2_uni_final", "final")]
)
def test_a_head_that_reads_once_gives_its_y_hat_at_the_end(name, on):
    model = load_model(FIXTURES / f"{name}.npz", head_on=on).model
    expected = np.load(FIXTURES / f"{name}_expected.npz")
    x = expected["x"]
    s = Session(Sequence(x), LSTMParams.random(x.shape[1], 2, seed=0))
    s.set_model(model)
    s.set_step(s.T - 1)
    assert s.prediction() is None and s.cell_yhat() is None
    s.set_step(s.T)
    np.testing.assert_allclose(s.prediction(), model.run(x).yhat[0])
    np.testing.assert_allclose(s.prediction(), expected["yhat"].reshape(-1), atol=1e-10)


def test_the_inputs_of_an_upper_layer_are_named_after_the_units_below():
    s, _model, _x, _y = _model_session()
    assert s.cell_input_names() == tuple(s.sequence.input_names)
    s.select_cell(1, True)
    names = s.cell_input_names()
    assert names[:2] == ("h0→[0]", "h0→[1]") and names[4:6] == ("h0←[0]", "h0←[1]")
    assert len(names) == s.params.input_size == 8


@pytest.mark.parametrize("settings", [{}, {"compare": True}, {"clamp": {"i": 0.0}}])
def test_showing_another_cell_takes_the_models_rows(settings):
    """select_cell at t = 4 copies the model's rows up to the cursor; stepping on computes
    the rest: all equal to the model's run (and, with a clamp, to the clamped cell's)."""
    s, model, x, _y = _model_session()
    s.update_settings(**settings)
    s.set_step(4)
    s.select_cell(1, True)
    assert s.computed == 4
    s.set_step(9)
    trace = model.run(x).cell(1, True).trace
    if "clamp" in settings:
        expected = run(s.params, trace.x, clamp={"i": 0.0})
        np.testing.assert_array_equal(s.trace.h, expected.h)
    else:
        np.testing.assert_array_equal(s.trace.h, trace.h)
        np.testing.assert_array_equal(s.trace.c, trace.c)
    if settings.get("compare"):
        assert len(s.rnn_trace) == 9
