"""The gradients tab's direct-path curve and its two kinds of clipping (issue 18, items 2 and 5).

The direct-path curve is ‖∂L/∂C_t ⊙ f_t ⋯ f_{k+1}‖ (engine/explain.py's
``direct_path_gradient``) beside the total ‖∂L/∂C_k‖ of bptt; per-step clipping
caps ∂L/∂h_k during the RNN's backward pass, global clipping leaves it and scales
the whole parameter gradient once (``clip_grad_norm``, torch's ``clip_grad_norm_``
frozen in tests/fixtures/clip_grad_norm.npz and checked in test_explain.py).
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from PySide6.QtCore import Qt

from lstm_sim.engine import bptt, bptt_rnn, run, run_rnn
from lstm_sim.engine.explain import clip_grad_norm, direct_path_gradient
from lstm_sim.gui.rendered import diff_rendered, fresh_window
from lstm_sim.scenarios import scenario


@pytest.fixture
def window(show_window, english):
    return show_window()


def _norm(grads: dict) -> float:
    return float(np.sqrt(sum(float(np.sum(g * g)) for g in grads.values())))


@pytest.mark.parametrize("key", ["lstm_remembers", "lstm_forgets", "rnn_vanishes"])
def test_direct_path_curve_beside_the_total(window, key):
    window.scenario_actions[key].trigger()
    setup = scenario(key).build()
    T, hidden = setup.sequence.length, setup.params.hidden_size
    trace = run(setup.params, setup.sequence.inputs)
    dh = np.zeros((T, hidden))
    dh[-1] = 1.0
    grads = bptt(setup.params, trace, dh)
    direct = np.linalg.norm(direct_path_gradient(trace, grads), axis=1)
    panel = window.compare
    x, y = panel.curve_data("lstm_direct")
    assert_allclose(x, np.arange(T - 1, -1, -1))
    assert_allclose(y, np.where(direct > 0, direct, np.nan), rtol=1e-12)
    _, total = panel.curve_data("lstm_dc")
    assert y[-1] == pytest.approx(total[-1], rel=1e-12)  # at lag 0 they are one number
    names = {k: c["name"] for k, c in panel.rendered()["curves"].items()}
    assert "direct path ∏f" in names["lstm_direct"]
    assert "(total)" in names["lstm_dc"]
    assert "(direct partial)" in names["forget"] and "∂C_k/∂C_{k−1}" in names["forget"]


def test_the_total_differs_from_the_direct_path_where_h_carries_it(window):
    """Vanishing scenario: the total ∂L/∂C_k is far above dc_t·∏f at lag 200 (claim 2)."""
    window.scenario_actions["rnn_vanishes"].trigger()
    _, direct = window.compare.curve_data("lstm_direct")
    _, total = window.compare.curve_data("lstm_dc")
    assert total[-201] / direct[-201] > 1e3


def test_per_step_and_global_clipping(window):
    window.scenario_actions["rnn_explodes"].trigger()
    panel = window.compare
    setup = scenario("rnn_explodes").build()
    T, hidden = setup.sequence.length, setup.params.hidden_size
    rnn_trace = run_rnn(setup.rnn, setup.sequence.inputs)
    dh = np.zeros((T, hidden))
    dh[-1] = 1.0
    unclipped = bptt_rnn(setup.rnn, rnn_trace, dh)
    per_step = bptt_rnn(setup.rnn, rnn_trace, dh, clip=5.0)
    clipped, total = clip_grad_norm(unclipped.to_state_dict(), 5.0)

    panel.clip_value.setValue(5.0)
    panel.clip_box.setChecked(True)  # per step: the default
    assert window.session.settings.clip_mode == "step"
    _, r = panel.curve_data("rnn_dh")
    assert_allclose(r, per_step.dh_norm(), rtol=1e-12)
    view = window.session.gradients
    assert view.rnn_param_norm == pytest.approx(_norm(per_step.to_state_dict()), rel=1e-12)
    note = panel.clip_note.text()
    assert note.startswith("Per step") and f"{view.rnn_param_norm:.4g}" in note
    assert panel.rendered()["clip_line"] == pytest.approx(np.log10(5.0))

    panel.clip_mode.setCurrentIndex(panel.clip_mode.findData("global"))
    assert window.session.settings.clip_mode == "global"
    _, r = panel.curve_data("rnn_dh")
    assert_allclose(r, unclipped.dh_norm(), rtol=1e-12)  # the backward pass is not capped
    view = window.session.gradients
    assert view.rnn_param_norm == pytest.approx(total, rel=1e-12)
    assert view.rnn_param_norm_clipped == pytest.approx(_norm(clipped), rel=1e-12)
    assert view.rnn_param_norm_clipped == pytest.approx(5.0, rel=1e-5)
    note = panel.clip_note.text()
    assert note.startswith("Global") and "keeping its direction" in note
    assert f"{total:.4g}" in note
    assert panel.rendered()["clip_line"] is False  # no cap on the curve to draw
    # Saved with the session's settings, and a fresh window shows the same
    assert window.session.settings.to_dict()["clip_mode"] == "global"
    fresh = fresh_window(window)
    try:
        assert diff_rendered(window.rendered(), fresh.rendered()) == []
    finally:
        fresh.close()


def test_clip_mode_is_checked(window):
    from lstm_sim.session import SettingsError

    with pytest.raises(SettingsError, match="clip_mode"):
        window.session.update_settings(clip_mode="sometimes")


def test_global_clipping_below_the_threshold_leaves_the_gradient(window):
    window.scenario_actions["rnn_vanishes"].trigger()
    panel = window.compare
    panel.clip_value.setValue(1e5)
    panel.clip_box.setChecked(True)
    panel.clip_mode.setCurrentIndex(panel.clip_mode.findData("global"))
    view = window.session.gradients
    assert view.rnn_param_norm_clipped == view.rnn_param_norm < 1e5
    assert "left as it is" in panel.clip_note.text()


def test_clip_mode_and_backward_lag_go_through_a_session_file(tmp_path, window):
    from lstm_sim.io.session_file import load_session, save_session
    from lstm_sim.session import DocumentError, read_document, session_document

    s = window.session
    s.update_settings(clip=3.0, clip_mode="global", backward_lag=7)
    path = tmp_path / "s.lstmsim"
    save_session(session_document(s), path)
    setup = read_document(load_session(path))
    assert (setup.settings.clip_mode, setup.settings.backward_lag) == ("global", 7)
    doc = session_document(s)
    doc.settings["backward_lag"] = -1  # a bad value names the setting
    with pytest.raises(DocumentError, match="backward_lag"):
        read_document(doc)


def test_a_click_on_the_curves_opens_that_lag_in_the_backward_tab(window, qtbot):
    from PySide6.QtCore import QPoint, QPointF

    window.scenario_actions["lstm_remembers"].trigger()
    panel = window.compare
    qtbot.waitExposed(panel.layout_widget)
    # where lag 40 is, halfway up the top plot
    vb = panel.grad_plot.vb
    y_mid = sum(vb.viewRange()[1]) / 2
    scene = vb.mapViewToScene(QPointF(40.0, y_mid))
    at = panel.layout_widget.mapFromScene(scene)
    qtbot.mouseClick(panel.layout_widget.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at))
    s = window.session
    assert s.settings.backward_lag == 40
    assert window.side_tabs.currentWidget() is window.backward
    numbers = window.rendered()["backward"]["numbers"]
    assert numbers["k"] == s.t - 40
    # its ‖∂L/∂C_k‖ is the curve's point at that lag (all units)
    _, total = panel.curve_data("lstm_dc")
    view = window.session.gradients
    assert total[-41] == pytest.approx(view.dc_norm[-41], rel=1e-12)
    panel.open_lag(10**6)  # off the curves: nothing happens
    assert s.settings.backward_lag == 40


def test_no_direct_path_curve_for_a_loss_with_terms_at_every_step(window):
    """Σ_k (ŷ_k − y_k)² has terms at every step: 'the direct path from the loss's step'
    is not its whole story, so the curve is not drawn; at one step it is."""
    window.load_example("sine")
    window.request_step(40)
    window.settle()
    panel = window.compare
    box = window.controls.loss_box
    box.setCurrentIndex(box.findData("prediction_sum"))
    y = panel.rendered()["curves"]["lstm_direct"]["y"]
    assert y is None or len(y) == 0
    box.setCurrentIndex(box.findData("prediction"))
    curves = panel.rendered()["curves"]
    y, total = curves["lstm_direct"]["y"], curves["lstm_dc"]["y"]
    assert len(y) == len(total) and y[-1] == pytest.approx(total[-1], rel=1e-12)
