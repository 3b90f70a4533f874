"""Issue 13, items 2, 3, 6 and 7: what the plots, the step views and the exports show.

Each through the entry points a user uses (the controls bar, the transport's
keys, File ▸ Open and File ▸ Export), each failing before its fix.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from lstm_sim.engine import sigmoid
from lstm_sim.gui.equations import format_value
from lstm_sim.gui.files.dialogs import ExportOptions
from lstm_sim.gui.main_window import MainWindow
from lstm_sim.io import save_sequence
from lstm_sim.sequence import Sequence


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


# ------------------------------------------------------------ item 3: clamps
CLAMPS = [("f", 1, 1.0), ("f", 2, 0.0), ("i", None, 0.0), ("o", None, 1.0)]


def _clamp(window: MainWindow, gate: str, index: int | None) -> None:
    controls = window.controls
    if gate == "f":
        controls.clamp_f.setCurrentIndex(index)
    else:
        getattr(controls, f"clamp_{gate}").setChecked(True)


@pytest.mark.parametrize(("gate", "index", "value"), CLAMPS)
def test_a_clamped_gate_reads_as_clamped(window, gate, index, value):
    """Issue 13, item 3: with What if: f_t = 1 the equations said f_t = σ(−2.2211) = 1.0000."""
    _clamp(window, gate, index)
    for _ in range(3):
        window.transport.step_action.trigger()
    view = window.session.step_view()
    j = view.unit
    z = float(view.pre[gate][j])
    assert view.value(gate) == value  # the engine holds it
    reading = (
        f"{value:g} (clamped; σ({format_value(z)}) would be {format_value(float(sigmoid(z)))})"
    )
    lines = window.equations.view.lines()
    row = lines.index(next(line for line in lines if line.startswith(f"{gate}_t = σ")))
    assert lines[row + 1] == "    = " + reading
    # the other gates still read as computed
    for other in {"f", "i", "o"} - {gate}:
        k = lines.index(next(line for line in lines if line.startswith(f"{other}_t = σ")))
        assert "clamped" not in lines[k + 1] and lines[k + 1].startswith("    = σ(")
    tip = window.diagram.node_tooltip(gate)
    assert f"= {value:g} (clamped; σ(" in tip and "would be" in tip
    assert "clamped" not in window.diagram.node_tooltip("g")
    window.values.show()
    assert window.values.cell_text(gate, j) == f"{value:g} (clamped)"
    keys = [k for k, _, _ in window.values._rows]
    item = window.values.table.item(keys.index(gate), j)
    assert reading in item.toolTip()
