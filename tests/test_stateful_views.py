"""Every view tells the truth after any sequence of user actions (issue 13).

A hypothesis :class:`RuleBasedStateMachine` drives one real :class:`MainWindow`
(offscreen, pytest-qt) through the entry points the menus, keys and dialogs use,
and after every action compares what the window shows with a window built
afresh on a copy of its session.

The actions (rules)
-------------------
- *open a sequence*: a real file written to a temporary folder (``.npy``
  without targets, ``.npz`` with or without), 1 … 20 000 steps, D = 1 … 3
  inputs, opened through File ▸ Open with the file dialog answering its path
  (a different input size: "Re-initialise the input weights?" answered Yes);
- *open weights*: an ``.npz`` weight file for the sequence's D, H = 1 … 5,
  through File ▸ Open Weights;
- *step*, *step back*, *Home*, *End* (the transport's actions, i.e. the keys
  Right, Left, Home, End), *seek* (the timeline slider), *play* a few frames
  (the play action, then the timer's ticks on a test clock);
- *unit*, *all units*, *loss*, *BPTT window* (a number of steps or "all"),
  each *clamp* (f = computed / 1 / 0, i = 0, o = 1), *compare mode* (View ▸
  Compare) and *clipping* (the gradients tab's check box and value);
- *an example* (File ▸ Examples) and *a scenario* (Scenarios menu);
- *edit a weight* in the weight editor's spin box and *undo* (Edit ▸ Undo);
- *train* two epochs in the training dock (when the sequence has targets);
- *language* (View ▸ Language) and *appearance* (View ▸ Appearance);
- *hide or show a plot panel* (View ▸ Plot panels);
- the gradients tab's *clip mode* (``Settings.clip_mode``), the Backward tab's
  *lag* box (``Settings.backward_lag``), *switch the side tabs* (Forward,
  Backward, Matrix form, Code);
- *open a model* (a 3-input sequence, then ``tests/fixtures/model/net.pt``
  through File ▸ Open Weights) and *choose a cell* with the Layer box;
- *export* the plots (CSV, SVG, PNG) and the diagram (SVG, PNG) through
  File ▸ Export with the export dialog answering the options.

The invariant
-------------
After every action (once the window has finished computing,
:meth:`MainWindow.settle`): :func:`diff_rendered` of the live window's
:meth:`MainWindow.rendered` and that of :func:`fresh_window` (a new window on
:func:`copy_session` of the session) is empty — curve data and visibility,
texts (equations, banner, dock messages, title, caption), enabled states,
diagram node values, the values table — and :func:`range_violations` finds no
plot whose y range fails to hold its data, in either window. No error dialog
may have been shown. Exports are checked where they are made: the CSV has a
column ``t`` and one per curve the panels show, named as the legend names it;
the SVGs parse, hold ``<text>`` and no ``<image>``.

Running it
----------
``make test`` runs :data:`EXAMPLES` sequences of at most :data:`STEPS`
actions (about half a minute here). For a longer search::

    LSTM_SIM_STATEFUL_EXAMPLES=200 LSTM_SIM_STATEFUL_STEPS=40 \\
        QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/test_stateful_views.py

(Memory grows by about 1 MB per action over a long run: each fresh window is
freed, but not every byte of it.) Shrinking is off unless
``LSTM_SIM_STATEFUL_SHRINK=1`` (it takes many minutes on a GUI this size).
A sequence it finds failing is printed by hypothesis; each one became a plain
regression test (in this file, below the machine, or in
``tests/test_gui_journeys.py``).
"""

from __future__ import annotations

import csv
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from lstm_sim.engine import LSTMParams
from lstm_sim.gallery import EXAMPLES
from lstm_sim.gui.files.actions import FileActions
from lstm_sim.gui.files.dialogs import ExportOptions
from lstm_sim.gui.files.exports import Exporter
from lstm_sim.gui.main_window import MainWindow
from lstm_sim.gui.rendered import diff_rendered, fresh_window, range_violations
from lstm_sim.io import save_sequence, save_weights
from lstm_sim.scenarios import SCENARIOS
from lstm_sim.sequence import Sequence
from lstm_sim.session import Entry

#: Examples (action sequences) run by ``make test``; more with the environment variable.
EXAMPLES_RUN = int(os.environ.get("LSTM_SIM_STATEFUL_EXAMPLES", "8"))
#: The most actions in one example.
STEPS = int(os.environ.get("LSTM_SIM_STATEFUL_STEPS", "8"))
EXAMPLES_KEYS = [ex.key for ex in EXAMPLES]
SCENARIO_KEYS = [scn.key for scn in SCENARIOS]
MODEL_FILE = Path(__file__).parent / "fixtures" / "model" / "net.pt"  # a two-layer torch LSTM


def visible_curve_columns(window: MainWindow, key: str | None = None) -> list[str]:
    """The column names a plot CSV must have: ``t`` and one per curve shown."""
    return ["t", *window.plots.legend_names(key)]


def check_svg(path: str) -> ET.Element:
    """An exported SVG: XML, vector (no ``<image>``), its text as ``<text>``."""
    root = ET.parse(path).getroot()
    tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    assert "image" not in tags, path
    assert "text" in tags, path
    return root


def _dispose(window: MainWindow) -> None:
    """Close a window and free it now (a long run builds a window after every action)."""
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


class ViewsMachine(RuleBasedStateMachine):
    """User actions on one window; after each, the window equals one built afresh."""

    def __init__(self, qtbot, folder, errors: list[str]) -> None:
        super().__init__()
        self.qtbot = qtbot
        self.folder = folder
        self.errors = errors
        self.files = 0
        self.clock = 0
        win = MainWindow()  # (not qtbot.addWidget: hundreds of windows would pile up)
        win.resize(1280, 800)
        win.show()
        qtbot.waitExposed(win)
        win.transport.clock = lambda: self.clock
        self.window = win

    # ------------------------------------------------------------- helpers
    def _path(self, suffix: str) -> str:
        self.files += 1
        return str(self.folder / f"file_{self.files}{suffix}")

    @property
    def s(self):
        return self.window.session

    # --------------------------------------------------------------- rules
    @initialize()
    def start(self) -> None:
        self.next_open = None

    @rule(
        T=st.integers(1, 20_000),
        D=st.integers(1, 3),
        with_targets=st.booleans(),
        npz=st.booleans(),
        seed=st.integers(0, 2**16),
    )
    def open_sequence(self, T: int, D: int, with_targets: bool, npz: bool, seed: int) -> None:
        rng = np.random.default_rng(seed)
        x = np.cumsum(rng.standard_normal((T, D)), axis=0) * 0.1
        y = np.tanh(x[:, :1]) if with_targets else None
        path = self._path(".npz" if (npz or with_targets) else ".npy")
        save_sequence(Sequence(x, y), path)
        self.next_open = path
        self.window.file_actions.open_action.trigger()
        self.window.file_actions.wait()
        assert self.s.T == T and self.s.sequence.input_size == D

    @rule(H=st.integers(1, 5), seed=st.integers(0, 2**16), forget_bias=st.floats(-3, 3))
    def open_weights(self, H: int, seed: int, forget_bias: float) -> None:
        D = self.s.sequence.input_size
        params = LSTMParams.random(D, H, seed=seed, forget_bias=forget_bias)
        path = self._path(".npz")
        save_weights(params, path)
        self.next_open = path
        self.window.file_actions.open_weights_action.trigger()
        self.window.file_actions.wait()
        assert self.s.hidden_size == H

    @rule()
    def step(self) -> None:
        self.window.transport.step_action.trigger()

    @rule()
    def step_back(self) -> None:
        self.window.transport.back_action.trigger()

    @rule()
    def home(self) -> None:
        self.window.transport.reset_action.trigger()

    @rule()
    def end(self) -> None:
        self.window.transport.end_action.trigger()
        self.window.wait_for_jobs()

    @rule(where=st.floats(0.0, 1.0))
    def seek(self, where: float) -> None:
        slider = self.window.transport.slider
        slider.setValue(round(where * slider.maximum()))
        self.window.wait_for_jobs()

    @rule(frames=st.integers(1, 5))
    def play(self, frames: int) -> None:
        transport = self.window.transport
        transport.speed_box.setValue(20)
        transport.play_action.trigger()
        for _ in range(frames):
            self.clock += 50_000_000  # one step at 20 steps/s
            transport.tick()
        if transport.playing:
            transport.play_action.trigger()  # pause
        self.window.wait_for_jobs()

    @rule(unit=st.integers(0, 4))
    def choose_unit(self, unit: int) -> None:
        self.window.controls.unit_box.setValue(unit % self.s.hidden_size)

    @rule()
    def toggle_all_units(self) -> None:
        box = self.window.controls.all_units_box
        box.setChecked(not box.isChecked())

    @rule(index=st.integers(0, 1))
    def choose_loss(self, index: int) -> None:
        self.window.controls.loss_box.setCurrentIndex(index)

    @rule(steps=st.one_of(st.none(), st.integers(1, 400)))
    def choose_window(self, steps: int | None) -> None:
        controls = self.window.controls
        if steps is None:
            controls.window_all.setChecked(True)
        else:
            controls.window_all.setChecked(False)
            controls.window_box.setValue(steps)

    @rule(index=st.integers(0, 2))
    def clamp_forget(self, index: int) -> None:
        self.window.controls.clamp_f.setCurrentIndex(index)

    @rule()
    def toggle_clamp_input(self) -> None:
        box = self.window.controls.clamp_i
        box.setChecked(not box.isChecked())

    @rule()
    def toggle_clamp_output(self) -> None:
        box = self.window.controls.clamp_o
        box.setChecked(not box.isChecked())

    @rule()
    def toggle_compare(self) -> None:
        self.window.compare_action.trigger()

    @rule(on=st.booleans(), value=st.sampled_from([0.5, 1.0, 10.0]))
    def clipping(self, on: bool, value: float) -> None:
        compare = self.window.compare
        compare.clip_value.setValue(value)
        compare.clip_box.setChecked(on)

    @rule(index=st.integers(0, 1))
    def choose_clip_mode(self, index: int) -> None:
        self.window.compare.clip_mode.setCurrentIndex(index)  # Settings.clip_mode

    @rule(where=st.floats(0.0, 1.0))
    def choose_backward_lag(self, where: float) -> None:
        box = self.window.backward.lag_box  # Settings.backward_lag
        box.setValue(round(box.minimum() + where * (box.maximum() - box.minimum())))

    @rule(index=st.integers(0, 3))
    def side_tab(self, index: int) -> None:
        self.window.side_tabs.setCurrentIndex(index)  # Forward, Backward, Matrix, Code

    @rule(T=st.integers(2, 60), seed=st.integers(0, 2**16))
    def open_model(self, T: int, seed: int) -> None:
        self.open_sequence(T, 3, False, True, seed)  # what the model reads: 3 inputs
        self.next_open = str(MODEL_FILE)
        self.window.file_actions.open_weights_action.trigger()
        self.window.file_actions.wait()
        assert self.s.model is not None

    @precondition(lambda self: self.window.session.model is not None)
    @rule(index=st.integers(0, 7))
    def choose_cell(self, index: int) -> None:
        box = self.window.controls.cell_box  # the Layer box
        if box.count():
            box.setCurrentIndex(index % box.count())

    @rule(panel=st.sampled_from(["inputs", "gates", "c", "h", "grads"]))
    def toggle_plot_panel(self, panel: str) -> None:
        self.window.plots.panel_actions[panel].trigger()  # View ▸ Plot panels

    @rule(key=st.sampled_from(EXAMPLES_KEYS))
    def example(self, key: str) -> None:
        self.window.example_actions[key].trigger()

    @rule(key=st.sampled_from(SCENARIO_KEYS))
    def scenario(self, key: str) -> None:
        self.window.scenario_actions[key].trigger()
        self.window.wait_for_jobs()

    @rule(gate=st.sampled_from("ifgo"), value=st.floats(-4, 4))
    def edit_weight(self, gate: str, value: float) -> None:
        editor = self.window.weight_editor
        editor.show()
        if self.s.hidden_size <= 4:  # sliders (the table mode edits through its model)
            editor.spin_box(Entry(gate, "bias", 0)).setValue(value)

    @precondition(lambda self: self.window.undo_stack.canUndo())
    @rule()
    def undo(self) -> None:
        self.window.undo_action.trigger()

    @precondition(lambda self: self.window.session.sequence.targets is not None)
    @rule()
    def train(self) -> None:
        training = self.window.training
        training.show()
        training.epochs_box.setValue(2)
        training.train_button.click()
        training.wait()
        self.qtbot.waitUntil(lambda: not training.running)

    @rule(code=st.sampled_from(["zh_CN", "en"]))
    def language(self, code: str) -> None:
        self.window.language_actions[code].trigger()

    @rule(look=st.sampled_from(["light", "dark", "high_contrast", "system"]))
    def appearance(self, look: str) -> None:
        self.window.appearance_actions[look].trigger()

    @rule(fmt=st.sampled_from(["csv", "svg", "png"]))
    def export_plots(self, fmt: str) -> None:
        path = self._path("." + fmt)
        self.export_options = ExportOptions(path, fmt, 900, 600, 1.0)
        assert self.window.file_actions.exporter.export_plots() is not False
        assert os.path.getsize(path) > 0
        if fmt == "csv":
            with open(path, newline="", encoding="utf-8") as f:
                header = next(csv.reader(f))
            assert header == visible_curve_columns(self.window)
        elif fmt == "svg":
            check_svg(path)

    @rule(fmt=st.sampled_from(["svg", "png"]))
    def export_diagram(self, fmt: str) -> None:
        path = self._path("." + fmt)
        self.export_options = ExportOptions(path, fmt, 800, 500, 1.0)
        assert self.window.file_actions.exporter.export_diagram() is not False
        if fmt == "svg":
            check_svg(path)

    # ----------------------------------------------------------- invariant
    @invariant()
    def shows_what_a_fresh_window_shows(self) -> None:
        assert self.errors == [], self.errors
        fresh = fresh_window(self.window)
        try:
            live, built = self.window.rendered(), fresh.rendered()
            differences = diff_rendered(live, built)
            assert differences == [], differences[:20]
            assert range_violations(live) == [], range_violations(live)
            assert range_violations(built) == []
        finally:
            fresh.jobs.cancel()
            fresh.jobs.wait()
            _dispose(fresh)

    def teardown(self) -> None:
        win = self.window
        win.transport.pause()
        win.training.stop()
        win.training.wait()
        win.jobs.cancel()
        win.jobs.wait()
        win.language_actions["en"].trigger()
        win.appearance_actions["light"].trigger()
        _dispose(win)


def test_views_equal_a_fresh_window_after_any_actions(qtbot, english, tmp_path, monkeypatch):
    """The stateful test (see the module docstring for its actions and invariant)."""
    errors: list[str] = []
    machines: list[ViewsMachine] = []

    def answer_open(*_args, **_kwargs):
        return machines[-1].next_open or "", ""

    def answer_export(_self, _dialog):
        _dialog.deleteLater()
        return machines[-1].export_options

    def record_error(_parent, title, text, *args, **kwargs):
        errors.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    yes = QMessageBox.StandardButton.Yes  # "Re-initialise the input weights?"
    discard = QMessageBox.StandardButton.Discard  # "Save changes?" (when it asks)

    def answer_question(*args, **kwargs):
        buttons = args[3] if len(args) > 3 else kwargs.get("buttons", yes)
        return discard if buttons & discard else yes

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answer_open))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer_question))
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(record_error))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(record_error))
    monkeypatch.setattr(Exporter, "_ask_export", answer_export)
    # Replacing the session must not stop on "Save changes?" (off in tests anyway): if it
    # asks, the answer is Discard.
    monkeypatch.setattr(FileActions, "confirm_unsaved", False)

    def make() -> ViewsMachine:
        errors.clear()
        machine = ViewsMachine(qtbot, tmp_path, errors)
        machines.append(machine)
        return machine

    run_state_machine_as_test(
        make,
        settings=settings(
            max_examples=EXAMPLES_RUN,
            stateful_step_count=STEPS,
            deadline=None,
            derandomize=True,
            # Shrinking a failure of a GUI this size takes many minutes: on request only.
            phases=[Phase.explicit, Phase.reuse, Phase.generate]
            + ([Phase.shrink] if os.environ.get("LSTM_SIM_STATEFUL_SHRINK") else []),
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        ),
    )


# ------------------------------------------------- regressions the machine found
@pytest.fixture
def window(qtbot, english):
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.transport.pause()
    win.jobs.cancel()
    win.jobs.wait()


def test_inputs_range_holds_a_scenario_loaded_behind_another_tab(window):
    """Found by the machine: clamp i, End, a scenario — the scenario shows the gradients
    tab, and the inputs panel (auto-ranged by pyqtgraph, which waits for a paint) kept the
    last sequence's y range."""
    window.controls.clamp_i.setChecked(True)
    window.transport.end_action.trigger()
    window.wait_for_jobs()
    window.scenario_actions["lstm_forgets"].trigger()
    window.settle()
    assert window.tabs.currentWidget() is not window.plots
    assert range_violations(window.rendered()) == []


def test_hiding_the_top_panel_keeps_the_x_range(window):
    """Found by the machine: hiding the inputs panel (the one the others' x axes were linked
    to) gave the other panels a wrong x range (t = 0 … 13 401 for 120 steps)."""
    window.transport.end_action.trigger()
    window.wait_for_jobs()
    window.plots.panel_actions["inputs"].trigger()
    window.settle()
    T = window.session.T
    for key in window.plots.shown_panels():
        lo, hi = window.plots.plots[key].viewRange()[0]
        assert lo < 1 and T <= hi < 1.05 * T, (key, lo, hi)
    window.plots.panel_actions["inputs"].trigger()
    window.settle()
    for key in window.plots.PANELS:
        lo, hi = window.plots.plots[key].viewRange()[0]
        assert lo < 1 and T <= hi < 1.05 * T, (key, lo, hi)


def test_a_hidden_panel_keeps_its_legend_through_a_rebuild(window, tmp_path):
    """Found by the machine: hide the inputs panel, load weights: its legend came back
    empty when shown (the curves of a hidden panel counted as not shown)."""
    window.plots.panel_actions["inputs"].trigger()
    path = tmp_path / "w.npz"
    save_weights(LSTMParams.random(1, 2, seed=3), path)
    assert window.file_actions.open_weights(str(path))
    window.file_actions.wait()
    assert window.rendered()["plots"]["panels"]["inputs"]["legend"] == ["spike"]
    window.plots.panel_actions["inputs"].trigger()
    assert window.plots.legend_names("inputs") == ["spike"]


def test_a_hidden_panel_follows_a_new_sequence(window, tmp_path):
    """Found by the machine: a panel hidden (unlinked) kept the last sequence's x range."""
    window.plots.panel_actions["h"].trigger()
    path = tmp_path / "s.npy"
    save_sequence(Sequence(np.sin(np.arange(294.0))[:, None]), path)
    assert window.file_actions.open_sequence(str(path))
    window.file_actions.wait()
    window.settle()
    lo, hi = window.plots.plots["h"].viewRange()[0]
    assert lo < 0 and 294 < hi < 300
