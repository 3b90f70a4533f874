"""Issue 13, items 2, 3, 6 and 7: what the plots, the step views and the exports show.

Each through the entry points a user uses (the controls bar, the transport's
keys, File ▸ Open and File ▸ Export), each failing before its fix.
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET

import numpy as np
import pyqtgraph as pg
import pytest

from lstm_sim.engine import sigmoid
from lstm_sim.gui.files.dialogs import ExportOptions
from lstm_sim.gui.main_window import MainWindow
from lstm_sim.gui.numbers import format_value


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


# ------------------------------------------------- item 2: the steps ahead, faded
def test_steps_after_the_cursor_are_drawn_under_a_veil(window):
    """Issue 13, item 2: after stepping back, the curves computed ahead were drawn as if
    they were the past. They stay drawn, under a veil from the cursor on (README)."""
    for _ in range(20):
        window.transport.step_action.trigger()
    for _ in range(8):
        window.transport.back_action.trigger()
    s = window.session
    assert s.computed > s.t == 12
    panels = window.rendered()["plots"]["panels"]
    for key, panel in panels.items():
        assert panel["faded_after"] == s.t, key
        veil = window.plots.veils[key]
        vb = window.plots.plots[key].getViewBox()
        edge = vb.mapViewToScene(pg.Point(s.t, 0)).x()
        right = vb.mapViewToScene(pg.Point(s.T, 0)).x()
        rect = veil.mapRectToScene(veil.boundingRect())
        assert veil.isVisible() and rect.right() >= right - 1
        assert abs(veil.mapToScene(pg.Point(veil._x, 0)).x() - edge) <= 1.5
    # what lies under it is painted fainter: the gate curve's pixels right of the cursor
    image = window.plots.layout_widget.grab().toImage()
    vb = window.plots.plots["gates"].getViewBox()
    before = _ink(image, vb, 1, s.t - 1)
    after = _ink(image, vb, s.t + 1, s.computed)
    assert after < 0.6 * before, (before, after)


def _ink(image, vb, t0, t1) -> float:
    """How dark the darkest pixel of each column between steps t0 and t1 is, on average."""
    top = vb.mapToScene(vb.rect().topLeft()).y()
    bottom = vb.mapToScene(vb.rect().bottomLeft()).y()
    x0 = round(vb.mapViewToScene(pg.Point(t0, 0)).x())
    x1 = round(vb.mapViewToScene(pg.Point(t1, 0)).x())
    ratio = image.devicePixelRatio()
    darkest = []
    for x in range(x0 + 2, x1 - 1):
        column = [
            255 - image.pixelColor(round(x * ratio), round(y * ratio)).lightness()
            for y in range(round(top) + 14, round(bottom) - 2)
        ]
        darkest.append(max(column))
    return float(np.mean(darkest))


# ------------------------------------------------------------ item 6: exports
def test_plot_exports_csv_columns_and_vector_clipped_svgs(window, tmp_path):
    """Issue 13, item 6: the CSV had curves of earlier files and names like gates_curve_17_y;
    the SVGs had no clipping and embedded rasters."""
    window.controls.all_units_box.setChecked(True)
    for _ in range(7):
        window.transport.step_action.trigger()
    exporter = window.file_actions.exporter
    csv_path = tmp_path / "plots.csv"
    assert exporter.export_plots(ExportOptions(str(csv_path), "csv", 1, 1))
    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    s = window.session
    H = s.hidden_size
    gates = [f"{g}_{j}" for g in "fio" for j in range(H)]
    expected = ["t", *s.sequence.input_names, *gates]
    expected += [f"c_{j}" for j in range(H)] + [f"h_{j}" for j in range(H)]
    expected += ["‖∂L/∂C_k‖", "‖∂L/∂h_k‖"]
    assert header == expected
    shown = [c["name"] for p in window.rendered()["plots"]["panels"].values() for c in p["curves"]]
    assert len(header) - 1 == len(shown)  # one column per curve shown
    table = {name: [row[k] for row in rows[1:]] for k, name in enumerate(header)}
    assert table["t"] == [str(t) for t in range(1, s.T + 1)]
    f1 = [float(v) for v in table["f_1"] if v]
    np.testing.assert_array_equal(f1, s.trace.f[:7, 1])
    for target, name in ((window.plots.layout_widget, "plots"), (None, "cell")):
        path = tmp_path / f"{name}.svg"
        if target is None:
            assert exporter.export_diagram(ExportOptions(str(path), "svg", 800, 500))
        else:
            assert exporter.export_plots(ExportOptions(str(path), "svg", 900, 600))
        root = ET.parse(path).getroot()
        tags = [el.tag.rsplit("}", 1)[-1] for el in root.iter()]
        assert "image" not in tags, name  # vector
        texts = [el for el in root.iter() if el.tag.endswith("text")]
        assert texts, name  # text as text
        words = " ".join("".join(el.itertext()) for el in texts)
        if name == "plots":
            assert "clipPath" in tags  # each panel's curves clipped to it
            assert "f_0" in words
        else:
            assert "C̃" in words or "tanh" in words


# --------------------------------------------------------- item 7: readability
def test_plot_panels_keep_a_readable_height_and_can_be_hidden(window, qtbot):
    """Issue 13, item 7: at 1280 × 800 each panel was about 35 px high; panels can be
    hidden (View ▸ Plot panels); the log axis names decades."""
    plots = window.plots
    heights = {k: plots.plots[k].getViewBox().height() for k in plots.PANELS}
    assert min(heights.values()) >= 40, heights
    assert plots.panels_menu in [a.menu() for a in window.view_menu.actions() if a.menu()]
    plots.panel_actions["inputs"].trigger()
    plots.panel_actions["h"].trigger()
    window.settle()
    assert plots.shown_panels() == ["gates", "c", "grads"]
    assert not plots.plots["inputs"].isVisible()
    # the panels shown get the hidden ones' room
    for key in plots.shown_panels():
        assert plots.plots[key].getViewBox().height() > heights[key] + 20, key
    # the legends sit beside the panels, not over the curves
    for key in plots.shown_panels():
        legend = plots.legends[key].sceneBoundingRect()
        assert legend.left() >= plots.plots[key].sceneBoundingRect().right() - 1
    from lstm_sim.gui.plots.axes import decade_text

    assert [decade_text(k) for k in (-3, 0, 1, 2)] == ["10⁻³", "1", "10", "10²"]
    axis = plots.plots["grads"].getAxis("left")
    ticks = axis.tickValues(-6.0, 1.0, 50.0)
    assert len(ticks) == 1 and 2 <= len(ticks[0][1]) <= 3  # decades that have room
    # shown again: every panel back at its first height
    plots.panel_actions["inputs"].trigger()
    plots.panel_actions["h"].trigger()
    window.settle()
    again = {k: plots.plots[k].getViewBox().height() for k in plots.PANELS}
    assert again == pytest.approx(heights, abs=2)


def _log_labels(axis) -> list[str]:
    """The numbers a log axis draws (those past its ends are left out)."""
    from PySide6.QtGui import QImage, QPainter

    image = QImage(200, 400, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _axis, _ticks, texts = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for _rect, _flags, text in texts]


@pytest.mark.parametrize("decades", [(0.02, 0.09), (0.3, 0.5), (1e-6, 3.0)])
def test_the_log_axis_names_two_decades_at_1280_by_800(window, decades):
    """Issue 13, item 7: the gradient panel's axis showed a single decade."""
    plots = window.plots
    window.settle()
    plots._set_log_range(np.array(decades))
    window.settle()
    axis = plots.plots["grads"].getAxis("left")
    assert axis.height() >= 40
    labels = _log_labels(axis)
    assert len(labels) >= 2, labels
    assert all(label.startswith("10") or label == "1" for label in labels)


def test_the_gradients_tab_legends_sit_beside_its_plots(window):
    """Issue 13, item 7: the gradients tab's legends lay over its curves."""
    assert window.load_scenario("rnn_vanishes")
    window.run_to_end()
    window.settle()
    panel = window.compare
    for plot in (panel.grad_plot, panel.factor_plot):
        legend = plot.legend.sceneBoundingRect()
        assert plot.legend.items  # the curves are listed
        assert legend.left() >= plot.sceneBoundingRect().right() - 1
        assert legend.height() <= plot.sceneBoundingRect().height() + 1


def test_the_gradient_caption_counts_one_step_in_the_singular(window):
    """Issue 13, item 7: 'all 1 steps back' read as English plural for one step."""
    s = window.session
    s.update_settings(window=None)
    window.transport.step_forward()
    window.settle()
    caption = window.plots.caption.text()
    assert "all 1 step back to t = 1" in caption, caption
    s.update_settings(window=1)
    for _ in range(3):
        window.transport.step_forward()
    window.settle()
    caption = window.plots.caption.text()
    assert "BPTT window: 1 step (k = 4 … 4)" in caption, caption
    s.update_settings(window=2)
    window.settle()
    assert "BPTT window: 2 steps (k = 3 … 4)" in window.plots.caption.text()
