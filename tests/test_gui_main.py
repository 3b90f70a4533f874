"""The real main window, offscreen: what the widgets show after each user action."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from lstm_sim.engine import LSTMParams, bptt, output_loss, run
from lstm_sim.examples import spikes_example
from lstm_sim.gui.equations import format_value
from lstm_sim.gui.main_window import MainWindow
from lstm_sim.gui.transport import next_frame
from lstm_sim.sequence import Sequence
from lstm_sim.session import INLINE_GRADIENT_ROWS, INLINE_STEPS, Session


@pytest.fixture
def window(qtbot):
    seq, params = spikes_example()
    win = MainWindow(Session(seq, params, name="test"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.transport.pause()
    win.cancel_jobs()
    win.wait_for_jobs()


def _reference(window):
    s = window.session
    return run(s.params, s.sequence.inputs)


def _diagram_shows_step(window, trace, t: int) -> None:
    """The diagram and the equations show exactly the engine's values of step t."""
    j = window.session.unit
    k = t - 1
    decimals = getattr(window.diagram, "decimals", 3)
    for key, arr in (
        ("f", trace.f),
        ("i", trace.i),
        ("g", trace.g),
        ("o", trace.o),
        ("c", trace.c),
        ("h", trace.h),
    ):
        expected = f"{arr[k, j]:.{decimals}f}".replace("-", "−")
        assert expected in window.diagram.node_text(key).replace("-", "−"), (key, t)
    eq = window.equations.text()
    assert f"Step t = {t} of" in eq
    for arr in (trace.f, trace.i, trace.g, trace.o, trace.c, trace.h):
        assert format_value(arr[k, j]) in eq


def test_opens_on_builtin_example(window):
    assert "LSTM Cell Simulator" in window.windowTitle()
    assert window.session.t == 0
    assert window.transport.label.text() == f"t = 0 / {window.session.T}"
    assert "—" in window.diagram.node_text("f")  # no gate values before the first step
    assert "t = 0" in window.equations.text()


def test_step_shows_engine_values(window, qtbot):
    trace = _reference(window)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.session.t == 1
    _diagram_shows_step(window, trace, 1)
    for _ in range(6):
        window.transport.step_action.trigger()
    assert window.session.t == 7
    _diagram_shows_step(window, trace, 7)
    assert window.transport.label.text() == f"t = 7 / {window.session.T}"
    assert window.transport.slider.value() == 7
    # the plots grew to exactly the computed history
    x, y = window.plots.curve_data("c")
    np.testing.assert_array_equal(x, np.arange(1, 8))
    np.testing.assert_array_equal(y, trace.c[:7, 0])


def test_step_back_shows_previous_values(window):
    trace = _reference(window)
    for _ in range(5):
        window.transport.step_action.trigger()
    window.transport.back_action.trigger()
    assert window.session.t == 4
    _diagram_shows_step(window, trace, 4)


def test_play_advances_and_stops_at_end(window, qtbot):
    window.transport.speed_box.setValue(2000)
    window.transport.play_action.trigger()
    assert window.transport.playing
    qtbot.waitUntil(lambda: not window.transport.playing, timeout=10_000)
    T = window.session.T
    assert window.session.t == T
    assert window.transport.slider.value() == T
    assert window.transport.label.text() == f"t = {T} / {T}"
    _diagram_shows_step(window, _reference(window), T)


def test_play_with_loop_wraps_around(window, qtbot):
    window.transport.loop_box.setChecked(True)
    window.transport.speed_box.setValue(2000)
    window.transport.play_action.trigger()
    seen_wrap = []
    last = [0]

    def wrapped():
        t = window.session.t
        if t < last[0]:
            seen_wrap.append(t)
        last[0] = t
        return bool(seen_wrap)

    qtbot.waitUntil(wrapped, timeout=10_000)
    assert window.transport.playing
    window.transport.play_action.trigger()
    assert not window.transport.playing


def test_slider_scrub_shows_step(window):
    trace = _reference(window)
    window.transport.slider.setValue(37)
    assert window.session.t == 37
    _diagram_shows_step(window, trace, 37)
    window.transport.slider.setValue(12)
    _diagram_shows_step(window, trace, 12)


def test_click_in_plot_seeks(window, qtbot):
    trace = _reference(window)
    plots = window.plots
    vb = plots.plots["c"].getViewBox()
    scene_pt = vb.mapViewToScene(vb.mapToView(vb.boundingRect().center()))
    target_x = 50
    scene_pt.setX(plots.view_x_for_scene("c", target_x))
    view_pt = plots.layout_widget.mapFromScene(scene_pt)
    qtbot.mouseClick(plots.layout_widget.viewport(), Qt.MouseButton.LeftButton, pos=view_pt)
    assert abs(window.session.t - target_x) <= 1
    _diagram_shows_step(window, trace, window.session.t)
    # dragging seeks too
    start = plots.layout_widget.mapFromScene(scene_pt)
    end = QPoint(
        int(plots.layout_widget.mapFromScene(scene_pt).x() - 60), int(start.y())
    )  # to the left
    qtbot.mousePress(plots.layout_widget.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 7):
        qtbot.mouseMove(plots.layout_widget.viewport(), QPoint(start.x() - 10 * step, start.y()))
    qtbot.mouseRelease(plots.layout_widget.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert window.session.t < target_x - 1


def test_unit_selector_changes_unit_shown(window):
    trace = _reference(window)
    for _ in range(10):
        window.transport.step_action.trigger()
    window.controls.unit_box.setValue(2)
    assert window.session.unit == 2
    _diagram_shows_step(window, trace, 10)
    assert "unit 2" in window.equations.text()
    _, y = window.plots.curve_data("c")
    np.testing.assert_array_equal(y, trace.c[:10, 2])


def test_all_units_toggle(window):
    for _ in range(10):
        window.transport.step_action.trigger()
    window.controls.all_units_box.setChecked(True)
    trace = _reference(window)
    for j in range(window.session.hidden_size):
        _, y = window.plots.curve_data("h", j)
        np.testing.assert_array_equal(y, trace.h[:10, j])


def test_reset_returns_to_zero(window, qtbot):
    for _ in range(9):
        window.transport.step_action.trigger()
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert window.session.t == 0
    assert window.transport.slider.value() == 0
    assert "t = 0" in window.equations.text()


def test_gradient_panel_shows_engine_norms(window):
    for _ in range(40):
        window.transport.step_action.trigger()
    s = window.session
    trace = _reference(window)
    _, dh = output_loss(trace, 39)
    g = bptt(s.params, trace, dh, stop=40, window=200)
    x, y = window.plots.curve_data("grad_c")
    np.testing.assert_array_equal(x, np.arange(1, 41))
    np.testing.assert_allclose(y, g.dc_norm(), rtol=1e-12)
    _, yh = window.plots.curve_data("grad_h")
    np.testing.assert_allclose(yh, g.dh_norm(), rtol=1e-12)
    assert "t = 40" in window.plots.caption.text()
    assert "200 steps" in window.plots.caption.text()
    # a shorter window: only the last 10 steps
    window.controls.window_box.setValue(10)
    x, _ = window.plots.curve_data("grad_c")
    np.testing.assert_array_equal(x, np.arange(31, 41))
    assert "10 steps" in window.plots.caption.text()


def _long_session(T: int, hidden: int = 3) -> Session:
    rng = np.random.default_rng(0)
    seq = Sequence(rng.standard_normal((T, 1)), name="long")
    return Session(seq, LSTMParams.random(1, hidden, seed=1, forget_bias=1.0), name="long")


def test_run_to_end_in_worker(qtbot):
    T = INLINE_STEPS * 5
    win = MainWindow(_long_session(T))
    qtbot.addWidget(win)
    win.show()
    win.transport.end_action.trigger()
    assert win.session.t == 0  # nothing blocked: the work is in a worker
    qtbot.waitUntil(lambda: win.session.t == T, timeout=30_000)
    win.wait_for_jobs()
    assert win.progress.isHidden()
    ref = run(win.session.params, win.session.sequence.inputs)
    np.testing.assert_array_equal(win.session.trace.h, ref.h)


def test_cancel_long_run_keeps_what_was_computed(qtbot):
    T = 400_000
    win = MainWindow(_long_session(T, hidden=8))
    qtbot.addWidget(win)
    win.show()
    win.transport.end_action.trigger()
    assert win.cancel_button.isVisibleTo(win)
    win.cancel_jobs()
    qtbot.waitUntil(lambda: win.progress.isHidden(), timeout=30_000)
    s = win.session
    assert s.computed < T
    assert s.t == s.computed
    assert "Cancelled" in win.statusBar().currentMessage()


def test_long_gradient_window_in_worker(qtbot):
    T = INLINE_GRADIENT_ROWS * 2
    win = MainWindow(_long_session(T))
    qtbot.addWidget(win)
    win.show()
    win.controls.window_all.setChecked(True)
    win.transport.end_action.trigger()
    qtbot.waitUntil(lambda: win.session.t == T, timeout=30_000)
    qtbot.waitUntil(lambda: win.session.gradients is not None, timeout=30_000)
    s = win.session
    _, dh = output_loss(s.trace, T - 1)
    g = bptt(s.params, s.trace, dh)
    _, y = win.plots.curve_data("grad_c")
    assert len(y) == T
    np.testing.assert_allclose(y, np.where(g.dc_norm() > 0, g.dc_norm(), np.nan), rtol=1e-12)
    assert "all" in win.plots.caption.text()


def test_next_frame_rule():
    # 10 steps/s for 0.25 s: 2 steps and half a step carried
    f = next_frame(3, 100, speed=10, elapsed=0.25)
    assert (f.t, f.playing) == (5, True)
    assert f.carry == pytest.approx(0.5)
    f = next_frame(f.t, 100, speed=10, elapsed=0.05, carry=f.carry)
    assert f.t == 6
    # stops at the end
    f = next_frame(98, 100, speed=1000, elapsed=1.0)
    assert (f.t, f.playing) == (100, False)
    # loops around 0 … T
    f = next_frame(99, 100, speed=3, elapsed=1.0, loop=True)
    assert (f.t, f.playing) == (1, True)
    assert next_frame(0, 0, speed=10, elapsed=1).playing is False


def test_playback_keeps_the_speed_between_whole_milliseconds(window):
    """Ticks 16.9 ms apart at 60 steps/s: the steps follow the clock to the nanosecond."""
    now = [0]
    transport = window.transport
    transport.clock = lambda: now[0]
    transport.speed_box.setValue(60)
    transport.play()
    transport.timer.stop()  # the test drives the ticks
    for _ in range(100):
        now[0] += 16_900_000
        transport.tick()
    # 100 × 16.9 ms = 1.69 s at 60 steps/s; counting whole ms (16) would give 96
    assert window.session.t == int(100 * 0.0169 * 60) == 101
    transport.pause()


@pytest.mark.slow
def test_soak_step_and_repaint(window, qtbot):
    """Step and repaint the whole window many times (PySide6 6.12 aborted here)."""
    T = window.session.T
    expected = 0
    for n in range(520):
        if expected == T:
            window.transport.reset_action.trigger()
            expected = 0
        window.transport.step_action.trigger()
        expected += 1
        window.repaint()
        if n % 50 == 0:
            qtbot.wait(1)
    assert window.session.t == expected
    assert window.transport.label.text() == f"t = {expected} / {T}"


def test_equations_fit_a_narrow_panel(window, qtbot):
    """Lines wider than the panel shrink to fit instead of being cut; the size does not jump."""
    from PySide6.QtGui import QFontMetricsF

    from lstm_sim.gui.equations import EquationsView

    def widest(view) -> float:  # with the margins
        metrics = QFontMetricsF(view.font())
        return max(metrics.horizontalAdvance(line) for line in view.lines()) + 4

    view = EquationsView()
    qtbot.addWidget(view)
    view.resize(900, 200)
    view.show()
    long = "    = 0.9831·1.3748 + 0.0490·(−0.0462) = 1.3493"
    view.set_lines(["C_t = f_t·C_{t−1} + i_t·C̃_t", long])
    base = view.font().pointSizeF()
    needed = widest(view)
    assert needed <= view.width()
    view.resize(int(needed * 0.9), 200)  # a tenth too narrow
    assert view.font().pointSizeF() < base  # shrunk …
    assert widest(view) <= view.width()  # … so that every line fits
    shrunk = view.font().pointSizeF()
    view.set_lines(["C_t = f_t·C_{t−1} + i_t·C̃_t", long.replace("(−0.0462)", "0.0462")])
    assert view.font().pointSizeF() == shrunk  # a shorter line: no jump back up while stepping
    view.resize(900, 200)
    assert view.font().pointSizeF() == base  # room again: the usual size
    # In the main window with the weight editor open, stepping on: every line fits.
    window.weight_editor.show()
    qtbot.waitUntil(window.weight_editor.isVisible)
    eq = window.equations.view
    sizes = set()
    for t in range(35, 80):
        window.session.set_step(t)
        assert widest(eq) <= eq.width(), t
        sizes.add(eq.font().pointSizeF())
    assert len(sizes) <= 2


def test_equation_numbers_have_a_true_minus_and_no_negative_zero():
    assert format_value(-0.25) == "−0.2500"
    assert format_value(0.25) == "0.2500"
    assert format_value(-1e-17) == format_value(-0.00004) == "0.0000"
    assert format_value(-12.0, 2) == "−12.00"
    assert format_value(-0.0001) == "−0.0001"


def test_panel_names_fit_their_panels(window):
    """Each plot panel's name lies inside its own panel, clear of the others, at 1280 × 800."""
    window.resize(1280, 800)
    QApplication.processEvents()
    plots = window.plots
    titles = [plots.titles[key] for key in plots.PANELS]
    assert [t.text() for t in titles] == [
        "input x_t",
        "gates",
        "C_t, long-term memory",
        "h_t, short-term memory",
        "‖∂L/∂·‖, log scale",
    ]
    rects = [t.sceneBoundingRect() for t in titles]
    for key, title, rect in zip(plots.PANELS, titles, rects, strict=True):
        panel = plots.plots[key].getViewBox().sceneBoundingRect()
        assert panel.contains(rect), key
        assert title.isVisible() and rect.height() < panel.height()
        assert not plots.plots[key].getAxis("left").labelText  # no rotated label to overflow
    for a, b in itertools.pairwise(rects):
        assert not a.intersects(b)


def test_short_value_axes_number_few_ticks(window):
    """A panel a few dozen pixels high numbers two or three ticks (0, 0.5, 1), not six."""
    for key in ("inputs", "c", "h"):
        axis = window.plots.plots[key].getAxis("left")
        assert axis.style["maxTextLevel"] == 0  # numbers on the major ticks only
        (spacing, major), *_ = axis.tickValues(-0.04, 1.04, 35)
        assert spacing == 0.5 and len(major) == 3, key
        # a tall panel (a large window) gets the usual density back
        (spacing, major), *_ = axis.tickValues(-0.04, 1.04, 300)
        assert len(major) >= 5


def test_one_job_runner_and_the_status_bar_it_derives(window):
    """Steps, gradients and files run through the window's one JobRunner; the status
    bar shows what runs and nothing once it ended; Cancel stops every lane."""
    import threading

    from lstm_sim.session import Cancelled

    jobs = window.jobs
    assert window.file_actions.jobs is jobs
    assert jobs.rendered() == {
        "text": "",
        "progress_visible": False,
        "cancel_visible": False,
        "lanes": [],
    }
    release = threading.Event()
    results, cancelled = [], []

    def slow(progress, is_cancelled):
        progress(0.5)
        while not release.wait(0.01):
            if is_cancelled():
                raise Cancelled()
        return 42

    jobs.start("file", "reading", slow, results.append, on_cancel=lambda: cancelled.append(1))
    jobs.start("steps", "stepping", slow, results.append, progress=False)
    with pytest.raises(RuntimeError, match="busy"):
        jobs.start("file", "again", slow, results.append)
    shown = jobs.rendered()
    assert shown["text"] == "stepping" and shown["cancel_visible"] and shown["progress_visible"]
    assert shown["lanes"] == ["file", "steps"]
    window.cancel_button.click()  # cancels every lane
    jobs.wait(10.0)
    assert cancelled == [1] and results == []
    assert jobs.rendered()["lanes"] == [] and not jobs.rendered()["cancel_visible"]
    release.set()
    jobs.start("file", "reading", slow, results.append)
    jobs.wait(10.0)
    assert results == [42] and jobs.rendered()["text"] == ""
