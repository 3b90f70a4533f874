"""The backward-pass tab (gui/backward): its numbers are bptt's and torch autograd's.

The tab opens step k = t − lag of the gradient panel's loss at the cursor t. Its
numbers (``rendered()["backward"]["numbers"]``, unrounded) are compared with
:func:`~lstm_sim.engine.bptt` over the panel's whole window opened at row k by
:func:`~lstm_sim.engine.explain.backward_step`, with the panel's own norms, and
with torch autograd (live when torch is installed; frozen in
``tests/fixtures/backward_view.npz`` by ``tools/make_backward_fixture.py``, so
the check runs without it). Journeys go through the controls a user uses (Step,
the unit box, the loss box, the lag box, what-if clamps, the language) and end
with a window built afresh on a copy of the session.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose

from lstm_sim.engine import LSTMParams, bptt
from lstm_sim.engine.explain import backward_step
from lstm_sim.gui.main_window import MainWindow
from lstm_sim.gui.rendered import diff_rendered, fresh_window
from lstm_sim.sequence import Sequence
from lstm_sim.session import Session

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "backward_view.npz"
GATES = "ifgo"


def _tool():
    spec = importlib.util.spec_from_file_location(
        "make_backward_fixture", ROOT / "tools" / "make_backward_fixture.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def window(show_window, english):
    return show_window()


def _show_backward(win: MainWindow) -> None:
    win.side_tabs.setCurrentWidget(win.backward)


def _go(win: MainWindow, t: int, *, unit: int = 0, loss: str = "output", lag: int = 1) -> None:
    """Step to t, choose the unit, the loss and the lag with the controls a user uses."""
    win.request_step(t)
    win.settle()
    win.controls.unit_box.setValue(unit)
    win.controls.loss_box.setCurrentIndex(win.controls.loss_box.findData(loss))
    _show_backward(win)  # (the lag box is on the tab)
    win.backward.lag_box.setValue(lag)


def _expected(session: Session, lag: int):
    """bptt over the gradient panel's whole window, opened at row k = t − 1 − lag."""
    p, tr, t, st = session.params, session.trace, session.t, session.settings
    hidden = p.hidden_size
    dh = np.zeros((t, hidden))
    if st.loss == "unit":
        dh[t - 1, session.unit] = 1.0
    else:
        dh[t - 1] = 1.0
    grads = bptt(p, tr, dh, stop=t, window=st.window)
    return grads, backward_step(p, tr, grads, t - 1 - lag)


def _assert_numbers(numbers, step, hidden, unit, rtol=1e-12):
    j = unit
    rows = [b * hidden + j for b in range(4)]
    assert_allclose(numbers["dh"], step.dh[j], rtol=rtol, atol=1e-15)
    assert_allclose(numbers["dc"], step.dc[j], rtol=rtol, atol=1e-15)
    for gate in GATES:
        assert_allclose(numbers["dz"][gate], step.dz[gate][j], rtol=rtol, atol=1e-15)
    assert_allclose(numbers["weight_ih"], step.weight_ih[rows], rtol=rtol, atol=1e-15)
    assert_allclose(numbers["weight_hh"], step.weight_hh[rows], rtol=rtol, atol=1e-15)
    assert_allclose(numbers["bias"], step.bias[rows], rtol=rtol, atol=1e-15)


@pytest.mark.parametrize(
    ("t", "unit", "loss", "lag"),
    [(40, 0, "output", 1), (40, 2, "unit", 0), (75, 1, "output", 45), (75, 3, "unit", 9)],
)
def test_backward_numbers_are_bptts(window, t, unit, loss, lag):
    _go(window, t, unit=unit, loss=loss, lag=lag)
    _show_backward(window)
    s = window.session
    numbers = window.rendered()["backward"]["numbers"]
    assert (numbers["t"], numbers["k"], numbers["lag"], numbers["unit"]) == (t, t - lag, lag, unit)
    grads, step = _expected(s, lag)
    _assert_numbers(numbers, step, s.hidden_size, unit)
    # The direct path and the h path add up to the total (no loss on C here).
    assert numbers["dc_carried"] + numbers["dc_through_h"] == pytest.approx(numbers["dc"], 1e-12)
    r = t - 1 - lag - grads.start
    expected_carried = grads.dc[r + 1, unit] * s.trace.f[t - lag, unit] if lag else 0.0
    assert numbers["dc_carried"] == pytest.approx(expected_carried, rel=1e-12, abs=1e-15)
    # The gradient panel's norm at this lag is the norm of the tab's ∂L/∂C_k (all units).
    view = s.gradients
    assert np.linalg.norm(step.dc) == pytest.approx(view.dc_norm[-1 - lag], rel=1e-10)
    # The lines show the same numbers, rounded.
    text = "\n".join(window.backward.lines())
    assert f"= {numbers['dc']:.4f}".replace("-", "−") in text


def test_lag_is_kept_inside_the_window_and_the_steps(window):
    _go(window, 12, lag=30)  # only 12 steps so far: the box stops at 11
    _show_backward(window)
    assert window.backward.lag_box.maximum() == 11
    assert window.rendered()["backward"]["numbers"]["k"] == 1
    window.controls.window_box.setValue(5)  # a BPTT window of 5 steps: lags 0 … 4
    assert window.backward.lag_box.maximum() == 4
    assert window.rendered()["backward"]["numbers"]["lag"] == 4
    window.request_step(0)
    window.settle()
    rendered = window.rendered()["backward"]
    assert rendered["numbers"] is None
    assert rendered["lag"][2] is False  # nothing to choose at t = 0


def test_a_clamped_gate_has_no_gradient(window):
    _go(window, 35, lag=3)
    window.controls.clamp_f.setCurrentIndex(window.controls.clamp_f.findData(1.0))
    _show_backward(window)
    numbers = window.rendered()["backward"]["numbers"]
    assert numbers["dz"]["f"] == 0.0
    assert "f is clamped" in "\n".join(window.backward.lines())
    _grads, step = _expected(window.session, 3)
    _assert_numbers(numbers, step, window.session.hidden_size, 0)


def _session_of_fixture(fx) -> Session:
    params = LSTMParams.from_state_dict(
        {k: fx[k] for k in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")}
    )
    return Session(Sequence(fx["X"]), params)


def _view_numbers(qtbot, session: Session, t: int, lag: int, loss: str, unit: int):
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    _go(win, t, unit=unit, loss=loss, lag=lag)
    _show_backward(win)
    return win.rendered()["backward"]["numbers"], win


def _assert_torch(numbers, torch_values, hidden, unit):
    j = unit
    rows = [b * hidden + j for b in range(4)]
    assert_allclose(numbers["dh"], torch_values["dh"][j], rtol=1e-12, atol=1e-14)
    assert_allclose(numbers["dc"], torch_values["dc"][j], rtol=1e-12, atol=1e-14)
    dz = [numbers["dz"][g] for g in GATES]
    assert_allclose(dz, torch_values["dz"][rows], rtol=1e-12, atol=1e-14)
    assert_allclose(numbers["bias"], torch_values["dz"][rows], rtol=1e-12, atol=1e-14)
    assert_allclose(numbers["weight_ih"], torch_values["weight_ih"][rows], rtol=1e-12, atol=1e-14)
    assert_allclose(numbers["weight_hh"], torch_values["weight_hh"][rows], rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("case", range(3))
def test_backward_numbers_are_torch_autograds_frozen(qtbot, english, case):
    name, t, lag, loss, unit = _tool().CASES[case]
    with np.load(FIXTURE, allow_pickle=False) as data:
        fx = {k: data[k] for k in data.files}
    numbers, win = _view_numbers(qtbot, _session_of_fixture(fx), t, lag, loss, unit)
    frozen = {k: fx[f"{name}_{k}"] for k in ("dh", "dc", "dz", "weight_ih", "weight_hh")}
    _assert_torch(numbers, frozen, 3, unit)
    win.close()


@pytest.mark.parametrize("case", range(3))
def test_backward_numbers_are_torch_autograds_live(qtbot, english, case):
    pytest.importorskip("torch")
    tool = _tool()
    name, t, lag, loss, unit = tool.CASES[case]
    state, X = tool.setup()
    live = tool.autograd_step(state, X, t, lag, loss, unit)
    with np.load(FIXTURE, allow_pickle=False) as data:  # the frozen file is still torch's
        for key, value in live.items():
            assert_allclose(data[f"{name}_{key}"], value, rtol=1e-13, atol=1e-15)
    numbers, win = _view_numbers(qtbot, _session_of_fixture({**state, "X": X}), t, lag, loss, unit)
    _assert_torch(numbers, live, 3, unit)
    win.close()


def test_journey_ends_equal_to_a_fresh_window(window, qtbot):
    """Step, change unit, loss, lag, language, step on: the tab equals one built afresh."""
    _go(window, 30, unit=1, lag=4)
    _show_backward(window)
    before = window.backward.lines()
    window.set_language("zh_CN")
    assert window.side_tabs.tabText(1) != "Backward"
    assert window.backward.lines() != before  # the words are translated …
    window.set_language("en")
    assert window.backward.lines() == before  # … and back
    window.request_step(31)  # a Step while the tab is shown: the incremental path
    window.settle()
    window.controls.unit_box.setValue(3)
    window.side_tabs.setCurrentIndex(0)  # hidden: it goes stale …
    window.request_step(33)
    window.settle()
    fresh = fresh_window(window)
    qtbot.addWidget(fresh)
    assert diff_rendered(window.rendered(), fresh.rendered()) == []
    assert window.rendered()["backward"]["numbers"]["k"] == 29  # … and is right when asked
    fresh.close()


# ------------------------------------------------------------------ matrix form
def test_matrix_form_is_the_sessions_params_and_z(window):
    """Shapes, the unit's highlighted rows and every number: the session's parameters and z."""
    _go(window, 33, unit=2)
    window.side_tabs.setCurrentWidget(window.matrix)
    s = window.session
    p, step, hidden = s.params, s.step_result(), s.hidden_size
    m = window.rendered()["matrix"]
    assert m["shapes"] == {"weight_ih": [4 * hidden, 1], "weight_hh": [4 * hidden, hidden], "z": 16}
    assert m["unit_rows"] == [2, 6, 10, 14]  # rows j, H + j, 2H + j, 3H + j: gates i, f, g, o
    assert m["highlight"] == [m["rows_at"] + r for r in m["unit_rows"]]
    assert_allclose(m["z"], step.z, rtol=0, atol=0)
    for (ih, hh, b_ih, b_hh, z), r in zip(m["parts"], m["unit_rows"], strict=True):
        assert ih == pytest.approx(float(p.weight_ih[r] @ step.x), rel=1e-15)
        assert hh == pytest.approx(float(p.weight_hh[r] @ step.h_prev), rel=1e-15)
        assert (b_ih, b_hh, z) == (p.bias_ih[r], p.bias_hh[r], step.z[r])
        assert ih + hh + b_ih + b_hh == pytest.approx(z, rel=1e-12, abs=1e-15)
    # z of each highlighted row is the gate's pre-activation the forward equations use
    pre = s.step_view().pre
    for gate, r in zip("ifgo", m["unit_rows"], strict=True):
        assert step.z[r] == pre[gate][2]
    lines = m["lines"]
    for r in range(4 * hidden):  # each matrix row shows its weights and z, rounded
        line = lines[m["rows_at"] + r]
        assert f"{p.weight_ih[r, 0]:7.3f}".replace("-", "−") in line
        assert line.rstrip().endswith(f"{step.z[r]:7.3f}".replace("-", "−"))
    # Another unit: the highlight moves (the controls bar's unit box)
    window.controls.unit_box.setValue(0)
    assert window.rendered()["matrix"]["unit_rows"] == [0, 4, 8, 12]
    assert window.matrix.view.highlighted() == [m["rows_at"] + r for r in (0, 4, 8, 12)]


def test_matrix_form_follows_a_weight_edit_and_t0(window):
    _go(window, 10)
    window.side_tabs.setCurrentWidget(window.matrix)
    s = window.session
    new = s.params.with_arrays(bias_hh=s.params.bias_hh + 0.5)
    s.set_params(new)
    m = window.rendered()["matrix"]
    assert_allclose(m["z"], s.step_result().z, rtol=0, atol=0)
    assert m["parts"][0][3] == 0.5
    window.request_step(0)
    window.settle()
    m = window.rendered()["matrix"]
    assert m["z"] is None and m["parts"] is None


# ------------------------------------------------------------------------- code
def test_code_tab_shows_the_real_source_and_the_engines_values(window):
    import inspect

    from lstm_sim.engine.reference import lstm_step_backward, lstm_step_forward

    _go(window, 44, unit=1, lag=6)
    window.side_tabs.setCurrentWidget(window.code)
    s = window.session
    code = window.rendered()["code"]
    # The shown code is the functions' source, line for line.
    for func in (lstm_step_forward, lstm_step_backward):
        assert "\n".join(window.code.code(func.__name__)) + "\n" == inspect.getsource(func)
    # Forward: each line's value is the engine's step at the cursor, for unit 1.
    step = s.step_result()
    shown = {name: v for name, v in code["values"]["lstm_step_forward"].values()}
    for name in ("i", "f", "g", "o", "c", "tanh_c", "h"):
        assert shown[name] == getattr(step, name)[1], name
    assert shown["z_i"] == step.z_gate("i")[1]
    # Backward: the backward tab's step k = 38, for the same loss.
    numbers = window.rendered()["backward"]["numbers"]
    shown = {name: v for name, v in code["values"]["lstm_step_backward"].values()}
    assert shown["dc"] == pytest.approx(numbers["dc"], rel=1e-14, abs=1e-16)
    for gate in GATES:
        assert shown[f"dz_{gate}"] == pytest.approx(numbers["dz"][gate], rel=1e-14, abs=1e-16)
    k_step = s.trace.step_result(numbers["k"] - 1)
    assert shown["dc_prev"] == pytest.approx(numbers["dc"] * k_step.f[1], rel=1e-14, abs=1e-16)
    # The line each value stands on is the line that computes it.
    lines = window.code.code("lstm_step_backward")
    for offset, (name, _v) in code["values"]["lstm_step_backward"].items():
        text = lines[int(offset)].lstrip()
        assert text.startswith((f"{name} = ", f"{name}=")), (name, text)


def test_run_traced_gives_each_lines_locals_and_restores_the_tracer():
    import sys

    from lstm_sim.engine import LSTMParams
    from lstm_sim.engine.reference import lstm_step_forward
    from lstm_sim.gui.backward.code import run_traced, source_of

    params = LSTMParams.random(2, 3, seed=1)
    x, h, c = np.array([0.5, -1.0]), np.full(3, 0.1), np.full(3, -0.2)
    before = sys.gettrace()
    result, after = run_traced(lstm_step_forward, params, x, h, c, {"f": 1.0})
    assert sys.gettrace() is before
    lines, first = source_of(lstm_step_forward)
    number: dict[str, int] = {}
    for k, line in enumerate(lines):
        number.setdefault(line.strip().split(" =")[0], first + k)  # the first line of each name
    # After "f = sigmoid(z_f)" f is the sigmoid; the clamp line after it makes f ≡ 1.
    assert not np.all(after[number["f"]]["f"] == 1.0)
    clamp_line = next(
        first + k for k, ln in enumerate(lines) if ln.strip().startswith("f = np.full")
    )
    assert np.all(after[clamp_line]["f"] == 1.0)
    assert_allclose(after[number["c"]]["c"], result.c, rtol=0, atol=0)


def test_the_lag_is_capped_for_a_window_of_all():
    """BPTT window 'all' far into a sequence: the tab opens at most MAX_LAG steps back."""
    from lstm_sim.session.backward_view import MAX_LAG, backward_view, lag_limit

    rng = np.random.default_rng(3)
    s = Session(Sequence(rng.standard_normal((6000, 1))), LSTMParams.random(1, 2, seed=3))
    s.update_settings(window=None, backward_lag=10**6)
    s.compute_until(5500)
    s.set_step(5500)
    assert lag_limit(s) == MAX_LAG
    view = backward_view(s)
    assert (view.lag, view.k) == (MAX_LAG, 5500 - MAX_LAG)
    _grads, step = _expected(s, MAX_LAG)
    assert_allclose(view.step.dc, step.dc, rtol=1e-9, atol=1e-300)


def test_random_journeys_end_equal_to_a_fresh_window(window, qtbot):
    """Seeded random user actions on and around the three tabs; then live == fresh."""
    rng = np.random.default_rng(18)
    c = window.controls
    tabs = [window.equations_box, window.backward, window.matrix, window.code]
    for _ in range(3):
        for _ in range(12):
            action = int(rng.integers(8))
            if action == 0:
                window.request_step(int(rng.integers(0, 90)))
                window.settle()
            elif action == 1:
                window.transport.step_action.trigger()
                window.settle()
            elif action == 2:
                c.unit_box.setValue(int(rng.integers(0, 4)))
            elif action == 3:
                c.loss_box.setCurrentIndex(int(rng.integers(0, 2)))
            elif action == 4:
                c.window_box.setValue(int(rng.choice([5, 30, 200])))
            elif action == 5:
                c.clamp_f.setCurrentIndex(int(rng.integers(0, 3)))
            elif action == 6:
                window.side_tabs.setCurrentWidget(window.backward)
                window.backward.lag_box.setValue(int(rng.integers(0, 40)))
            else:
                window.side_tabs.setCurrentWidget(tabs[int(rng.integers(0, 4))])
        fresh = fresh_window(window)
        qtbot.addWidget(fresh)
        live = window.rendered()
        assert diff_rendered(live, fresh.rendered()) == []
        numbers = live["backward"]["numbers"]
        if numbers is not None:  # and the numbers are still bptt's
            _grads, step = _expected(window.session, numbers["lag"])
            _assert_numbers(numbers, step, window.session.hidden_size, window.session.unit)
        fresh.close()


@pytest.mark.parametrize("loss", ["prediction", "prediction_sum"])
def test_prediction_losses_of_a_cell_and_its_read_out(window, loss):
    """An example's own loss (ŷ − y)² at t, or summed to t: the tab's numbers are bptt's."""
    from lstm_sim.engine.losses import prediction_loss

    window.load_example("sine")
    _go(window, 60, unit=1, loss=loss, lag=7)
    s = window.session
    assert s.settings.loss == loss
    numbers = window.rendered()["backward"]["numbers"]
    t, hidden = s.t, s.hidden_size
    ro = s.readout
    _, dh = prediction_loss(
        s.trace,
        s.sequence.targets[:t],
        t - 1,
        readout=(ro.W_y, ro.b_y),
        summed=loss == "prediction_sum",
    )
    grads = bptt(s.params, s.trace, dh, stop=t)  # the whole history, nothing cut
    step = backward_step(s.params, s.trace, grads, t - 1 - 7)
    _assert_numbers(numbers, step, hidden, 1, rtol=1e-10)
    own = numbers["dh"] - numbers["dh_later"]  # the loss's own term at k
    assert own == pytest.approx(dh[t - 8, 1], rel=1e-12, abs=1e-15)
    assert ("L = Σ_{k ≤ t}" in window.backward.header.text()) == (loss == "prediction_sum")


def test_a_models_prediction_loss_is_not_opened_as_one_cell(qtbot, english):
    """A whole model: the probe losses open the shown cell's step; its prediction loss
    (which also comes back from the layers above) is not shown as a one-cell step."""
    from lstm_sim.io.model_file import load_model

    model = load_model(ROOT / "tests" / "fixtures" / "model" / "torch_l2_bi_every.npz").model
    rng = np.random.default_rng(0)
    s = Session(Sequence(rng.standard_normal((9, 3)), rng.standard_normal((9, 2))), model_params(3))
    s.set_model(model)
    win = MainWindow(s)
    qtbot.addWidget(win)
    win.show()
    _go(win, 8, loss="output", lag=2)
    numbers = win.rendered()["backward"]["numbers"]
    _grads, step = _expected(s, 2)  # the shown cell's own bptt, as the gradient panel's
    _assert_numbers(numbers, step, s.hidden_size, 0)
    win.controls.loss_box.setCurrentIndex(win.controls.loss_box.findData("prediction"))
    assert s.settings.loss == "prediction"
    rendered = win.rendered()
    assert rendered["backward"]["numbers"] is None
    assert "layers above" in "\n".join(rendered["backward"]["lines"])
    assert rendered["code"]["values"]["lstm_step_backward"] == {}  # the forward step only
    assert rendered["code"]["values"]["lstm_step_forward"]
    win.close()


def model_params(d: int) -> LSTMParams:
    return LSTMParams.random(d, 2, seed=1)
