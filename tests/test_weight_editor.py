"""The weight editor dock (lstm_sim.gui.weights) on small sessions, and in the main window."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTranslator
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QMainWindow

from lstm_sim.engine import GATES, LSTMParams, run
from lstm_sim.examples import spikes_example
from lstm_sim.gui.colors import diverging_color
from lstm_sim.gui.weights import (
    GATE_ORDER,
    SLIDER_STEPS,
    WeightEditor,
    format_cell,
    slider_limit,
)
from lstm_sim.sequence import Sequence
from lstm_sim.session import Entry, Session, entry_value, with_entry

T_CURSOR = 5


def _make(qtbot, session: Session) -> tuple[WeightEditor, QUndoStack]:
    stack = QUndoStack()
    editor = WeightEditor(session, stack)
    qtbot.addWidget(editor)
    return editor, stack


@pytest.fixture
def small(qtbot):
    """H = 4, D = 1: one slider per number."""
    seq, params = spikes_example()
    session = Session(seq, params)
    session.set_step(T_CURSOR)
    editor, stack = _make(qtbot, session)
    return session, editor, stack


@pytest.fixture
def large(qtbot):
    """H = 8, D = 2: heat-map tables; both PyTorch biases non-zero."""
    rng = np.random.default_rng(3)
    seq = Sequence(rng.normal(size=(30, 2)))
    params = LSTMParams.random(2, 8, seed=4, forget_bias=1.0)
    session = Session(seq, params)
    session.set_step(T_CURSOR)
    editor, stack = _make(qtbot, session)
    return session, editor, stack


def _differences(a: LSTMParams, b: LSTMParams) -> list[tuple[str, tuple[int, ...]]]:
    """Every (array name, index) where two parameter sets differ."""
    out = []
    for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        for idx in np.argwhere(getattr(a, name) != getattr(b, name)):
            out.append((name, tuple(int(i) for i in idx)))
    return out


def _assert_trace_matches(session: Session, params: LSTMParams) -> None:
    """The session's trace up to the cursor is the engine's forward pass on ``params``."""
    ref = run(params, session.sequence.inputs[: session.t])
    assert session.computed == session.t
    for gate in ("f", "i", "g", "o", "c", "h"):
        assert_allclose(
            getattr(session.trace, gate)[: session.t],
            getattr(ref, gate),
            rtol=0,
            atol=1e-12,
            err_msg=gate,
        )


# ------------------------------------------------------------------ helpers
def test_with_entry_changes_exactly_one_number():
    params = LSTMParams.random(2, 3, seed=1)
    hidden = params.hidden_size
    cases = [
        (Entry("f", "input", 2, 1), "weight_ih", (1 * hidden + 2, 1)),
        (Entry("o", "recurrent", 0, 2), "weight_hh", (3 * hidden + 0, 2)),
        (Entry("g", "bias", 1), "bias_ih", (2 * hidden + 1,)),
    ]
    for entry, name, index in cases:
        new = with_entry(params, entry, 0.75)
        assert _differences(params, new) == [(name, index)], entry
        assert entry_value(new, entry) == pytest.approx(0.75, abs=1e-15)
    # The bias shown is the notes' b = bias_ih + bias_hh; bias_hh is kept.
    entry = Entry("g", "bias", 1)
    assert entry_value(params, entry) == params.b_g[1]
    new = with_entry(params, entry, -2.0)
    assert_array_equal(new.bias_hh, params.bias_hh)
    assert new.b_g[1] == pytest.approx(-2.0, abs=1e-15)


def test_slider_limit_and_cell_format():
    assert slider_limit(0.0) == 4.0
    assert slider_limit(3.0) == 4.0
    assert slider_limit(-3.5) == 8.0  # headroom: |value| ≤ ¾ of the range
    assert slider_limit(20.0) == 32.0
    assert [format_cell(v) for v in (0.0, -0.153, 0.33, -0.001, 2.46, -37.2, 1234.0)] == [
        "0",
        "−.15",
        ".33",
        ".00",
        "2.5",
        "−37",
        "1e3",
    ]


# --------------------------------------------------------------- slider mode
def test_small_cell_has_one_slider_per_number(small):
    session, editor, _stack = small
    p = session.params
    assert editor.slider_mode
    assert [editor.tabs.tabText(k).split()[0] for k in range(editor.tabs.count())] == list(
        GATE_ORDER
    )
    count = 0
    for gate in GATES:
        for part, rows, cols in (("input", 4, 1), ("recurrent", 4, 4), ("bias", 4, 1)):
            for j in range(rows):
                for c in range(cols):
                    entry = Entry(gate, part, j, c)
                    spin = editor.spin_box(entry)
                    slider = editor.slider(entry)
                    assert spin.value() == pytest.approx(entry_value(p, entry), abs=5e-4)
                    assert slider.accessibleName()
                    assert spin.accessibleName()
                    assert slider.focusPolicy() & Qt.FocusPolicy.TabFocus
                    count += 1
    assert count == 4 * (4 * 1 + 4 * 4 + 4)
    # the forget biases 4, 3, 2, 1 of the example, on one scale
    biases = [editor.slider(Entry("f", "bias", j)).value() for j in range(4)]
    assert biases == sorted(biases, reverse=True)
    with pytest.raises(LookupError):
        editor.table("f")


def test_spin_edit_changes_one_entry_and_resimulates(small):
    session, editor, stack = small
    old = session.params
    old_f = np.array(session.trace.f[:T_CURSOR])
    entry = Entry("f", "input", 2, 0)
    editor.spin_box(entry).setValue(-1.5)

    new = session.params
    assert _differences(old, new) == [("weight_ih", (4 + 2, 0))]
    assert new.weight_ih[4 + 2, 0] == -1.5
    assert session.t == T_CURSOR
    _assert_trace_matches(session, new)
    # a spike arrives at t = 5: unit 2's forget gate sees it now
    assert not np.allclose(session.trace.f[:T_CURSOR, 2], old_f[:, 2])
    assert stack.count() == 1

    stack.undo()
    assert session.params == old
    _assert_trace_matches(session, old)
    assert_array_equal(session.trace.f[:T_CURSOR], old_f)
    assert editor.spin_box(entry).value() == 0.0  # the widget follows the undo

    stack.redo()
    assert session.params == new
    _assert_trace_matches(session, new)
    assert editor.spin_box(entry).value() == -1.5
    assert stack.count() == 1


def test_slider_keys_and_values_are_undoable_edits(small, qtbot):
    session, editor, stack = small
    old = session.params
    entry = Entry("o", "recurrent", 1, 3)
    slider = editor.slider(entry)
    limit = slider_limit(np.max(np.abs(old.gate("o").recurrent)))
    slider.setValue(100)  # a click on the groove, or a key: not a drag
    assert session.params.weight_hh[3 * 4 + 1, 3] == pytest.approx(100 * limit / SLIDER_STEPS)
    assert _differences(old, session.params) == [("weight_hh", (13, 3))]
    assert editor.spin_box(entry).value() == pytest.approx(100 * limit / SLIDER_STEPS)
    assert stack.count() == 1

    qtbot.keyClick(slider, Qt.Key.Key_Right)
    assert stack.count() == 2
    assert session.params.weight_hh[13, 3] == pytest.approx(105 * limit / SLIDER_STEPS)
    _assert_trace_matches(session, session.params)
    stack.undo()
    stack.undo()
    assert session.params == old
    _assert_trace_matches(session, old)


@pytest.mark.parametrize("how", ["set_slider_down", "signals"])
def test_slider_drag_is_one_undo_step(small, how):
    session, editor, stack = small
    old = session.params
    entry = Entry("i", "bias", 0)
    slider = editor.slider(entry)
    scale = slider_limit(-3.0)  # the section's scale: the input biases are all −3
    assert scale == 4.0
    assert editor.page("i").limits["bias"] == scale

    def press():
        slider.setSliderDown(True) if how == "set_slider_down" else slider.sliderPressed.emit()

    def release():
        slider.setSliderDown(False) if how == "set_slider_down" else slider.sliderReleased.emit()

    press()
    for position in (-50, -150, -300, -390):
        slider.setValue(position)
        # live: the session re-simulates at every move, but no command yet
        assert session.params.b_i[0] == pytest.approx(position * scale / SLIDER_STEPS)
        _assert_trace_matches(session, session.params)
        assert stack.count() == 0
    # the range does not change under the mouse, however far the value goes
    assert editor.page("i").limits["bias"] == scale
    release()
    assert stack.count() == 1
    dragged = session.params
    assert _differences(old, dragged) == [("bias_ih", (0,))]
    assert dragged.b_i[0] == pytest.approx(-390 * scale / SLIDER_STEPS)
    _assert_trace_matches(session, dragged)

    stack.undo()
    assert session.params == old
    _assert_trace_matches(session, old)
    stack.redo()
    assert session.params == dragged
    assert stack.count() == 1


def test_drag_that_ends_where_it_started_pushes_nothing(small):
    session, editor, stack = small
    old = session.params
    slider = editor.slider(Entry("g", "input", 3, 0))
    start = slider.value()
    slider.setSliderDown(True)
    slider.setValue(start + 40)
    slider.setValue(start)
    slider.setSliderDown(False)
    assert stack.count() == 0
    assert session.params == old


def test_preset_is_one_undo_step(small, qtbot):
    session, editor, stack = small
    old = session.params
    editor.init_combo.setCurrentIndex(editor.init_combo.findData("orthogonal"))
    editor.seed_box.setValue(11)
    editor.forget_bias_box.setValue(2.5)
    assert stack.count() == 0
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    assert stack.count() == 1
    expected = LSTMParams.random(1, 4, seed=11, forget_bias=2.5, init="orthogonal")
    assert session.params == expected
    _assert_trace_matches(session, expected)
    assert editor.spin_box(Entry("f", "bias", 3)).value() == pytest.approx(2.5)
    stack.undo()
    assert session.params == old
    stack.redo()
    assert session.params == expected
    # the same preset again changes nothing and pushes nothing
    editor.apply_preset()
    assert stack.count() == 1


def test_editor_follows_the_session_without_undo_commands(small):
    session, editor, stack = small
    other = LSTMParams.random(1, 4, seed=5, forget_bias=1.0)
    session.set_params(other)
    assert stack.count() == 0
    assert session.params == other  # no feedback loop rounded anything
    for entry in (Entry("f", "bias", 2), Entry("g", "recurrent", 3, 1)):
        assert editor.spin_box(entry).value() == pytest.approx(entry_value(other, entry), abs=5e-4)

    # H changes: tables; and back to sliders
    bigger = LSTMParams.random(1, 6, seed=2)
    session.set_params(bigger)
    assert not editor.slider_mode
    model = editor.table_model("f")
    assert (model.rowCount(), model.columnCount()) == (6, 6 + 1 + 1)
    session.set_params(LSTMParams.random(1, 3, seed=2))
    assert editor.slider_mode
    assert editor.spin_box(Entry("o", "recurrent", 2, 2)) is not None
    assert stack.count() == 0


def test_undo_after_the_input_size_changed_is_dropped(small):
    session, editor, stack = small
    editor.set_value(Entry("f", "bias", 0), 0.5)
    assert stack.count() == 1
    seq2 = Sequence(np.zeros((10, 2)))
    params2 = LSTMParams.random(2, 4, seed=0)
    session.set_sequence(seq2, params2)
    stack.undo()  # the old parameters no longer fit: the command drops out
    assert session.params == params2
    assert stack.count() == 0


# ---------------------------------------------------------------- table mode
def test_large_cell_shows_heat_map_tables(large):
    session, editor, _stack = large
    p = session.params
    assert not editor.slider_mode
    with pytest.raises(LookupError):
        editor.slider(Entry("f", "bias", 0))
    for gate in GATE_ORDER:
        view = editor.table(gate)
        assert view.accessibleName()
        model = editor.table_model(gate)
        assert (model.rowCount(), model.columnCount()) == (8, 8 + 2 + 1)
        g = p.gate(gate)
        limit = max(np.abs(g.W).max(), np.abs(g.bias).max())
        assert model.limit == pytest.approx(limit)
        for entry, expected in (
            (Entry(gate, "recurrent", 3, 5), g.recurrent[3, 5]),
            (Entry(gate, "input", 7, 1), g.input[7, 1]),
            (Entry(gate, "bias", 2), g.bias[2]),
        ):
            index = model.index_of(entry)
            assert model.entry_at(index.row(), index.column()) == entry
            assert index.data(Qt.ItemDataRole.EditRole) == expected
            assert index.data(Qt.ItemDataRole.DisplayRole) == format_cell(expected)
            assert index.data(Qt.ItemDataRole.BackgroundRole) == diverging_color(expected, limit)
            assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    headers = [
        editor.table_model("f").headerData(
            c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
        )
        for c in range(11)
    ]
    assert headers == ["h₀", "h₁", "h₂", "h₃", "h₄", "h₅", "h₆", "h₇", "x₀", "x₁", "b"]


def test_table_set_data_edits_and_undoes(large):
    session, editor, stack = large
    old = session.params
    model = editor.table_model("g")
    entry = Entry("g", "recurrent", 6, 1)
    assert model.setData(model.index_of(entry), 0.875, Qt.ItemDataRole.EditRole)
    new = session.params
    assert _differences(old, new) == [("weight_hh", (2 * 8 + 6, 1))]
    assert new.weight_hh[22, 1] == 0.875
    _assert_trace_matches(session, new)
    assert model.index_of(entry).data(Qt.ItemDataRole.EditRole) == 0.875
    assert stack.count() == 1

    # the bias column edits b_g = bias_ih + bias_hh through bias_ih
    bias = Entry("g", "bias", 0)
    assert model.setData(model.index_of(bias), -1.25, Qt.ItemDataRole.EditRole)
    assert session.params.b_g[0] == pytest.approx(-1.25, abs=1e-15)
    assert_array_equal(session.params.bias_hh, old.bias_hh)
    assert stack.count() == 2
    # nonsense is refused
    assert not model.setData(model.index_of(bias), "abc", Qt.ItemDataRole.EditRole)
    assert not model.setData(model.index_of(bias), float("nan"), Qt.ItemDataRole.EditRole)
    assert stack.count() == 2

    stack.undo()
    stack.undo()
    assert session.params == old
    _assert_trace_matches(session, old)
    stack.redo()
    assert session.params == new


def test_table_double_click_edit(large, qtbot):
    session, editor, stack = large
    editor.show()
    qtbot.waitExposed(editor)
    editor.show_gate("o")
    view = editor.table("o")
    model = editor.table_model("o")
    entry = Entry("o", "input", 1, 0)
    index = model.index_of(entry)
    view.scrollTo(index)
    where = view.visualRect(index).center()
    # a real double click: press, release, then the second press as a double click
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    spin = view.viewport().findChild(QDoubleSpinBox)
    assert spin is not None and spin.isVisible()
    assert spin.value() == pytest.approx(entry_value(session.params, entry), abs=1e-4)
    spin.setValue(-0.4321)
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    # the delegate commits through a queued call
    qtbot.waitUntil(lambda: stack.count() == 1)
    assert session.params.weight_ih[3 * 8 + 1, 0] == pytest.approx(-0.4321)
    assert stack.count() == 1


# -------------------------------------------------------- translation, dock
class _Shouting(QTranslator):
    """Marks every WeightEditor string, to prove they all go through Qt's translation."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return f"«{source}»" if context == "WeightEditor" else None

    def isEmpty(self) -> bool:
        return False


def test_strings_go_through_translation(small):
    _session, editor, _stack = small
    translator = _Shouting()
    QCoreApplication.installTranslator(translator)
    try:
        QCoreApplication.sendPostedEvents(editor, QEvent.Type.LanguageChange)
        assert editor.windowTitle() == "«Weights»"
        assert editor.tabs.tabText(0) == "«f forget»"
        assert editor.apply_button.text().startswith("«")
        assert editor.init_combo.itemText(0).startswith("«")
        entry = Entry("f", "recurrent", 0, 1)
        assert editor.slider(entry).accessibleName().startswith("«")
        assert editor.spin_box(entry).toolTip().startswith("«")
    finally:
        QCoreApplication.removeTranslator(translator)
        QCoreApplication.sendPostedEvents(editor, QEvent.Type.LanguageChange)
    assert editor.windowTitle() == "Weights"


def test_dock_in_a_main_window_and_keyboard_focus(qtbot, small):
    session, _editor, _stack = small
    win = QMainWindow()
    qtbot.addWidget(win)
    dock = WeightEditor(session, QUndoStack(win), win)
    win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    win.resize(420, 700)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    slider = dock.slider(Entry("f", "input", 0, 0))
    slider.setFocus()
    qtbot.waitUntil(slider.hasFocus)
    # Tab goes on to the number's spin box, then to the next slider
    qtbot.keyClick(slider, Qt.Key.Key_Tab)
    assert dock.spin_box(Entry("f", "input", 0, 0)).hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert dock.slider(Entry("f", "input", 1, 0)).hasFocus()
    grabbed = dock.grab()
    assert grabbed.width() > 100 and grabbed.height() > 300


def test_edit_changes_the_main_windows_diagram(qtbot):
    from lstm_sim.gui.main_window import MainWindow

    seq, params = spikes_example()
    win = MainWindow(Session(seq, params, name="test"))
    qtbot.addWidget(win)
    stack = QUndoStack(win)
    dock = WeightEditor(win.session, stack, win)
    win.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    win.show()
    qtbot.waitExposed(win)
    try:
        session = win.session
        session.set_step(T_CURSOR)
        decimals = getattr(win.diagram, "decimals", 3)

        def shown_f() -> str:
            return win.diagram.node_text("f").replace("−", "-")

        def expected_f(p: LSTMParams) -> str:
            return f"{run(p, seq.inputs[:T_CURSOR]).f[T_CURSOR - 1, session.unit]:.{decimals}f}"

        before = shown_f()
        assert expected_f(params) in before
        # a forget bias of −3 for the selected unit: f drops from σ(4) ≈ 0.98 to ≈ 0.05
        dock.spin_box(Entry("f", "bias", session.unit)).setValue(-3.0)
        assert session.params.b_f[session.unit] == -3.0
        after = shown_f()
        assert after != before
        assert expected_f(session.params) in after
        for t in (1, 3):  # every step t ≥ 1 shows the new numbers
            session.set_step(t)
            k = run(session.params, seq.inputs[:t]).f[t - 1, session.unit]
            assert f"{k:.{decimals}f}" in shown_f()
        session.set_step(T_CURSOR)
        stack.undo()
        assert session.params == params
        assert shown_f() == before
        stack.redo()
        assert shown_f() == after
    finally:
        win.transport.pause()
        win.cancel_jobs()
        win.wait_for_jobs()


def test_main_windows_editor_builds_its_pages_when_first_shown(qtbot):
    """The hidden dock puts off its pages; shown, it has every control with the current numbers."""
    from lstm_sim.gui.main_window import MainWindow

    seq, params = spikes_example()
    win = MainWindow(Session(seq, params, name="test"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    editor = win.weight_editor
    assert not editor.isVisible() and editor.tabs.count() == 0  # nothing built yet
    entry = Entry("f", "bias", 0)
    new = with_entry(params, entry, -2.5)
    win.session.set_params(new)  # changed while hidden
    assert editor.tabs.count() == 0
    editor.show()
    assert editor.tabs.count() == len(GATE_ORDER)
    assert editor.spin_box(entry).value() == -2.5
    assert "H = 4" in editor.info_label.text()
    # hidden again: a change reaches the controls when shown, not before
    editor.hide()
    win.session.set_params(params)
    assert editor.spin_box(entry).value() == params.b_f[0]  # asking for a control syncs


def test_numbers_are_not_cut_off_at_the_docks_default_width(qtbot):
    """In the 1280 × 800 main window every spin box of the open dock lies inside its page."""
    from PySide6.QtCore import QPoint

    from lstm_sim.gui.main_window import MainWindow

    seq, params = spikes_example()
    win = MainWindow(Session(seq, params, name="test"))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.weight_editor.show()
    for gate in GATE_ORDER:
        win.weight_editor.show_gate(gate)
        page = win.weight_editor.page(gate)
        qtbot.waitUntil(page.isVisible)
        right = page.viewport().width()
        for entry in page.controls:
            spin = win.weight_editor.spin_box(entry)
            assert spin.mapTo(page.viewport(), QPoint(spin.width(), 0)).x() <= right, entry
