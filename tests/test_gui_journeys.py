"""Journeys through the app: what every view shows after a sequence of user actions.

Two kinds of check:

- regression tests of defects users found (issue 13), each through the entry
  points a user uses, each failing before its fix;
- journeys that compare the live window's :meth:`MainWindow.rendered` with a
  window built afresh on a copy of its session (:func:`fresh_window`): a view's
  incremental updates must give what building it from the session gives.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from lstm_sim.engine import LSTMParams
from lstm_sim.gallery import EXAMPLES
from lstm_sim.gui.main_window import MainWindow
from lstm_sim.gui.rendered import diff_rendered, fresh_window, range_violations
from lstm_sim.io import save_sequence
from lstm_sim.scenarios import SCENARIOS
from lstm_sim.sequence import Sequence
from lstm_sim.session import Session


def _show(qtbot, win: MainWindow) -> MainWindow:
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, english):
    win = _show(qtbot, MainWindow())
    yield win
    win.transport.pause()
    win.training.stop()
    win.training.wait()
    win.jobs.cancel()
    win.jobs.wait()


def _open(window: MainWindow, path) -> None:
    """File ▸ Open… of ``path`` (the dialog's answer), as the menu does it."""
    assert window.file_actions.open_sequence(path)
    window.file_actions.wait()


def _long_file(tmp_path, T: int, D: int = 1, seed: int = 0):
    rng = np.random.default_rng(seed)
    path = tmp_path / f"walk_{T}_{D}_{seed}.npy"
    save_sequence(Sequence(np.cumsum(rng.standard_normal((T, D)), axis=0) * 0.05), path)
    return path


def _same_as_fresh(window: MainWindow, qtbot) -> None:
    fresh = fresh_window(window)
    qtbot.addWidget(fresh)
    try:
        live, built = window.rendered(), fresh.rendered()
        differences = diff_rendered(live, built)
        assert differences == [], differences[:20]
        assert range_violations(live) == [] and range_violations(built) == []
    finally:
        fresh.jobs.cancel()
        fresh.jobs.wait()


# ----------------------------------------------------------- regressions
def test_end_on_a_long_sequence_draws_every_panel(window, tmp_path):
    """Issue 13, item 1: after End on ≥ 5000 steps the gates, C_t and h_t panels were blank."""
    _open(window, _long_file(tmp_path, 6000))
    window.transport.end_action.trigger()
    window.wait_for_jobs()
    s = window.session
    assert s.t == s.T == 6000
    for key in ("f", "i", "o", "c", "h"):
        x, y = window.plots.curve_data(key)
        assert len(x) > 0 and x[-1] == 6000, key
        assert np.isfinite(y).all()
    window.transport.back_action.trigger()  # and stepping back keeps them
    assert window.plots.curve_data("c")[0][-1] == 6000


def test_y_ranges_hold_the_data_after_end(window, tmp_path):
    """Issue 13, item 2: after End on a 300-step file C_t and h_t ran off their panels."""
    path = tmp_path / "big.npy"
    t = np.arange(300.0)
    save_sequence(Sequence((3.0 * np.sin(t / 7.0) + t / 40.0)[:, None]), path)
    _open(window, path)
    s = window.session
    s.set_params(LSTMParams.random(1, s.hidden_size, seed=3, forget_bias=3.0))
    for _ in range(3):  # the ranges are set by the first steps…
        window.transport.step_action.trigger()
    window.transport.end_action.trigger()  # …and must widen to all the rows End computes
    window.wait_for_jobs()
    for key in ("c", "h"):
        column = getattr(s.trace, key)[:, s.unit]
        lo, hi = window.plots.plots[key].viewRange()[1]
        assert lo <= column.min() and column.max() <= hi, (
            key,
            (lo, hi),
            column.min(),
            column.max(),
        )


def test_sigma_max_is_known_after_end_and_after_a_resizing_load(window, tmp_path, monkeypatch):
    """Issue 13, item 5: σ_max(W_hh) read nan after End on long files (the gradients were
    still being computed) and after a load that changed the input size."""
    from PySide6.QtWidgets import QMessageBox

    yes = QMessageBox.StandardButton.Yes  # "Re-initialise the input weights?"
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: yes))
    window.session.update_settings(compare=True, window=None)
    _open(window, _long_file(tmp_path, 6000, D=2))  # D = 2: the input size changes
    window.transport.end_action.trigger()
    window.wait_for_jobs()
    assert window.session.gradients_stale  # the window "all" waits for a worker
    text = window.rnn_box.label.text()
    sigma = float(re.search(r"σ_max\(W_hh\) = ([-\d.naif]+)", text).group(1))
    assert math.isfinite(sigma) and sigma > 0, text


def test_a_scenario_replaces_an_examples_explanation(window):
    """Issue 13, item 4: the example's explanation stayed above the diagram after a scenario."""
    example = next(ex for ex in EXAMPLES if ex.description)
    window.example_actions[example.key].trigger()
    assert window.banner.isVisible()
    assert window.banner.label.text() == example.description
    window.scenario_actions[SCENARIOS[0].key].trigger()
    assert not window.banner.isVisible()
    assert window.compare.explanation.text() == SCENARIOS[0].explanation


def test_the_training_dock_says_no_targets_only_when_there_are_none(window):
    """Issue 13, item 4: the dock said "This sequence has no targets" for an example that
    has targets."""
    window.training.show()
    assert window.session.sequence.targets is None  # the built-in spikes
    assert "no targets" in window.training.status.text()
    example = next(ex for ex in EXAMPLES if ex.key == "sine")
    window.example_actions[example.key].trigger()
    assert window.session.sequence.targets is not None
    assert "no targets" not in window.training.status.text()
    assert window.training.train_button.isEnabled()


# ----------------------------------------------------------- against a fresh window
def test_journey_open_end_step_back_switch_language(window, qtbot, tmp_path):
    """Open a file, End, step back, switch language: every view as a fresh window shows it."""
    _open(window, _long_file(tmp_path, 5200))
    _same_as_fresh(window, qtbot)
    window.transport.end_action.trigger()
    window.wait_for_jobs()
    _same_as_fresh(window, qtbot)
    for _ in range(3):
        window.transport.back_action.trigger()
    window.controls.unit_box.setValue(1)
    _same_as_fresh(window, qtbot)
    window.language_actions["zh_CN"].trigger()
    _same_as_fresh(window, qtbot)
    window.language_actions["en"].trigger()


def test_journey_example_scenario_compare_and_clamps(window, qtbot):
    """An example, steps, a scenario, compare mode, clamps and the window "all"."""
    window.example_actions["sine"].trigger()
    for _ in range(5):
        window.transport.step_action.trigger()
    _same_as_fresh(window, qtbot)
    window.scenario_actions[SCENARIOS[1].key].trigger()
    window.transport.step_action.trigger()
    _same_as_fresh(window, qtbot)
    window.controls.clamp_f.setCurrentIndex(window.controls.clamp_f.findData(1.0))
    window.controls.window_all.setChecked(True)
    window.controls.all_units_box.setChecked(True)
    _same_as_fresh(window, qtbot)
    window.compare_action.setChecked(False)
    window.transport.reset_action.trigger()
    _same_as_fresh(window, qtbot)


def test_journey_weights_edit_undo_and_training(window, qtbot):
    """Edit a weight in the editor, undo it, train a few epochs: the views follow."""
    from lstm_sim.session import Entry

    window.example_actions["sine"].trigger()
    for _ in range(4):
        window.transport.step_action.trigger()
    window.weight_editor.show()
    window.weight_editor.spin_box(Entry("f", "bias", 0)).setValue(2.0)
    _same_as_fresh(window, qtbot)
    window.undo_action.trigger()
    _same_as_fresh(window, qtbot)
    window.training.show()
    window.training.epochs_box.setValue(3)
    window.training.start()
    window.training.wait()
    qtbot.waitUntil(lambda: not window.training.running)
    _same_as_fresh(window, qtbot)


def test_a_fresh_window_is_compared_view_by_view(qtbot, english):
    """The comparison itself finds a difference: a view that missed a change."""
    seq = Sequence(np.sin(np.arange(40) / 3.0)[:, None])
    session = Session(seq, LSTMParams.random(1, 3, seed=1))
    live = _show(qtbot, MainWindow(session))
    live.request_step(10)
    fresh = fresh_window(live)
    qtbot.addWidget(fresh)
    assert diff_rendered(live.rendered(), fresh.rendered()) == []
    live.equations.view.set_lines(["a stale line"])  # as a view that missed an update
    found = diff_rendered(live.rendered(), fresh.rendered())
    assert found and all(p.startswith("equations.lines") for p in found), found


def test_a_new_sequence_leaves_no_curves_of_the_last_one(window, tmp_path, monkeypatch):
    """Issue 13, item 6: Export ▸ Plots ▸ CSV wrote the curves of earlier files too (the
    panels kept them in their list of data items)."""
    from PySide6.QtWidgets import QMessageBox

    yes = QMessageBox.StandardButton.Yes  # "Re-initialise the input weights?"
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: yes))
    _open(window, _long_file(tmp_path, 300, D=3))
    window.transport.step_action.trigger()
    first = {key: len(plot.listDataItems()) for key, plot in window.plots.plots.items()}
    _open(window, _long_file(tmp_path, 200, D=3, seed=1))
    window.transport.step_action.trigger()
    again = {key: len(plot.listDataItems()) for key, plot in window.plots.plots.items()}
    assert again == first
    assert len(window.plots.plots["inputs"].listDataItems()) == 3  # x_0, x_1, x_2
