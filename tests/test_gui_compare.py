"""Compare mode in the real window: scenarios, clipping, clamps — the curves are the engine's."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_sim.engine import bptt, bptt_rnn, carry_product, run, run_rnn
from lstm_sim.scenarios import SCENARIOS, scenario


@pytest.fixture
def window(show_window):
    return show_window()


def _engine_norms(setup, clip=None):
    """What the gradient panel must show, computed here from scratch."""
    T = setup.sequence.length
    X = setup.sequence.inputs
    tr = run(setup.params, X)
    dh = np.zeros((T, setup.params.hidden_size))
    dh[-1] = 1.0
    g = bptt(setup.params, tr, dh)
    rtr = run_rnn(setup.rnn, X)
    gr = bptt_rnn(setup.rnn, rtr, dh, clip=clip)
    carry = carry_product(tr, T)[:, 0]
    return g, gr, carry


def _y(panel, key):
    x, y = panel.curve_data(key)
    return np.asarray(x), np.asarray(y)


@pytest.mark.parametrize("key", [s.key for s in SCENARIOS])
def test_scenario_curves_are_engine_numbers(window, key):
    window.scenario_actions[key].trigger()
    s = window.session
    setup = scenario(key).build()
    assert s.t == s.T == setup.sequence.length
    assert window.tabs.currentWidget() is window.compare
    text = window.compare.explanation.text()
    assert "W_hh" in text or "forget" in text
    g, gr, carry = _engine_norms(setup)
    panel = window.compare
    x, y = _y(panel, "lstm_dc")
    np.testing.assert_array_equal(x, np.arange(s.T - 1, -1, -1))  # lag t − k for k = 1 … t
    np.testing.assert_allclose(y, np.where(g.dc_norm() > 0, g.dc_norm(), np.nan), rtol=1e-12)
    _, y = _y(panel, "lstm_dh")
    np.testing.assert_allclose(y, np.where(g.dh_norm() > 0, g.dh_norm(), np.nan), rtol=1e-12)
    _, y = _y(panel, "rnn_dh")
    np.testing.assert_allclose(y, np.where(gr.dh_norm() > 0, gr.dh_norm(), np.nan), rtol=1e-12)
    _, y = _y(panel, "carry")
    np.testing.assert_allclose(y, np.where(carry > 0, carry, np.nan), rtol=1e-12)
    assert "σ_max(W_hh)" in panel.sigma_label.text()
    # the RNN's h_t is shown next to the cell diagram
    assert window.rnn_box.isVisible()
    assert "h_t = tanh" in window.rnn_box.label.text()


def test_scenario_claims_hold(window):
    """The four texts promise numbers; check them on what the window shows."""
    panel = window.compare
    window.scenario_actions["lstm_remembers"].trigger()
    _, dc = _y(panel, "lstm_dc")
    assert dc[-1] / dc[-201] < 10  # within a factor of 10 over 200 steps
    window.scenario_actions["lstm_forgets"].trigger()
    _, dc = _y(panel, "lstm_dc")
    assert dc[-1] / dc[-21] > 1e6
    window.scenario_actions["rnn_vanishes"].trigger()
    _, r = _y(panel, "rnn_dh")
    lag = np.arange(len(r))[::-1]
    assert np.all(r <= 0.8**lag * r[-1] * (1 + 1e-9))
    window.scenario_actions["rnn_explodes"].trigger()
    _, r = _y(panel, "rnn_dh")
    ratios = r[:-1] / r[1:]
    np.testing.assert_allclose(ratios, 1.25, rtol=1e-9)


def test_clipping_toggle_caps_rnn_gradient(window):
    window.scenario_actions["rnn_explodes"].trigger()
    panel = window.compare
    panel.clip_value.setValue(5.0)
    panel.clip_box.setChecked(True)
    assert window.session.settings.clip == 5.0
    _, r = _y(panel, "rnn_dh")
    assert np.nanmax(r) <= 5.0 * (1 + 1e-12)
    assert np.isclose(np.nanmax(r), 5.0)
    _, gr, _ = _engine_norms(scenario("rnn_explodes").build(), clip=5.0)
    np.testing.assert_allclose(r, gr.dh_norm(), rtol=1e-12)
    panel.clip_box.setChecked(False)
    _, r = _y(panel, "rnn_dh")
    assert np.nanmax(r) > 1e20


def test_what_if_clamps_resimulate_at_once(window):
    for _ in range(30):
        window.transport.step_action.trigger()
    s = window.session
    before = np.array(s.trace.c[:30])
    window.controls.clamp_f.setCurrentIndex(window.controls.clamp_f.findData(1.0))
    window.controls.clamp_i.setChecked(True)
    # f = 1, i = 0: the cell state never changes (C_t = C_0 = 0)
    np.testing.assert_array_equal(s.trace.c[:30], 0.0)
    assert "1.000" in window.diagram.node_text("f")
    assert "0.000" in window.diagram.node_text("i")
    ref = run(s.params, s.sequence.inputs[:30], clamp={"f": 1.0, "i": 0.0})
    np.testing.assert_array_equal(s.trace.h[:30], ref.h)
    window.controls.clamp_f.setCurrentIndex(0)
    window.controls.clamp_i.setChecked(False)
    np.testing.assert_array_equal(s.trace.c[:30], before)


def test_compare_toggle(window):
    window.compare_action.trigger()
    assert window.session.settings.compare
    assert window.tabs.currentWidget() is window.compare
    window.transport.step_action.trigger()
    _, r = _y(window.compare, "rnn_dh")
    assert len(r) == 1
    window.compare_action.trigger()
    assert not window.session.settings.compare
    assert not window.rnn_box.isVisible()


def test_gradients_tab_is_built_when_first_shown(window, qtbot):
    """The tab is there from the start; its panel is made when the tab is chosen, up to date."""
    from lstm_sim.gui.plots.compare import ComparePanel

    assert window.tabs.count() == 2
    assert window.tabs.tabText(1) == "Vanishing && exploding gradients"
    assert not window.findChildren(ComparePanel)  # not built yet
    window.request_step(12)  # the session moves on meanwhile
    window.tabs.setCurrentIndex(1)  # as a click on the tab does
    panel = window.tabs.currentWidget()
    assert isinstance(panel, ComparePanel) and panel is window.compare
    assert window.tabs.count() == 2
    assert window.tabs.tabText(1) == "Vanishing && exploding gradients"
    qtbot.waitUntil(panel.isVisible)
    x, y = _y(panel, "lstm_dc")
    np.testing.assert_allclose(
        y, np.where(window.session.gradients.dc_norm > 0, window.session.gradients.dc_norm, np.nan)
    )
    assert len(x) == 12
    window.tabs.setCurrentIndex(0)
    assert window.compare is panel  # made once
