"""PNG, SVG and CSV export of real pyqtgraph widgets (offscreen), and the CLI's trace figure."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage
from PySide6.QtSvg import QSvgRenderer

from lstm_sim.engine import LSTMParams, bptt, output_loss, run
from lstm_sim.gui.plots.export import write_plot_csv, write_png, write_svg
from lstm_sim.gui.plots.trace_figure import render_trace_figure
from lstm_sim.io import SaveError, trace_columns
from lstm_sim.sequence import Sequence

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def plot(qtbot):
    """A never-shown PlotWidget, white, with a thick red diagonal across the whole view."""
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.setBackground("w")
    widget.resize(300, 200)
    widget.plot([0.0, 1.0], [0.0, 1.0], pen=pg.mkPen("r", width=6), name="diagonal")
    widget.plot([0.0, 1.0], [0.5, 0.5], pen=pg.mkPen("b", width=2), name="flat")
    widget.setXRange(0, 1, padding=0)
    widget.setYRange(0, 1, padding=0)
    return widget


def _red_fraction(image: QImage, x0: float, x1: float, y0: float, y1: float) -> float:
    """Share of strongly red pixels in a region given as fractions of the image."""
    w, h = image.width(), image.height()
    red = total = 0
    for x in range(int(x0 * w), int(x1 * w), 3):
        for y in range(int(y0 * h), int(y1 * h), 3):
            c = image.pixelColor(x, y)
            total += 1
            red += c.red() > 200 and c.green() < 80 and c.blue() < 80
    return red / total


def test_png_default_size_is_crisp(tmp_path, plot):
    size = write_png(plot, tmp_path / "p.png")
    assert size == (600, 400)  # 300 × 200 at device pixel ratio 2
    data = (tmp_path / "p.png").read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    image = QImage(str(tmp_path / "p.png"))
    assert (image.width(), image.height()) == (600, 400)


def test_png_fills_the_image(tmp_path, plot):
    """The diagonal reaches both far corners: the widget was laid out at the asked size and
    drawn once, not scaled twice (pyqtgraph #1997/#2555 and QGraphicsView.render's pixel
    target)."""
    write_png(plot, tmp_path / "p.png", width=1000, height=800)
    image = QImage(str(tmp_path / "p.png"))
    assert (image.width(), image.height()) == (1000, 800)
    # the view box starts right of the y axis and ends above the x axis
    assert _red_fraction(image, 0.80, 0.98, 0.02, 0.20) > 0.005  # top right
    assert _red_fraction(image, 0.15, 0.30, 0.70, 0.85) > 0.005  # bottom left
    assert _red_fraction(image, 0.15, 0.35, 0.02, 0.20) == 0  # nothing top left


def test_png_one_side_keeps_aspect_and_item_export(tmp_path, plot):
    assert write_png(plot, tmp_path / "w.png", width=900) == (900, 600)
    assert write_png(plot, tmp_path / "h.png", height=100, device_pixel_ratio=1.0) == (150, 100)
    # a single graphics item of the scene
    w, h = write_png(plot.getPlotItem(), tmp_path / "item.png")
    assert (tmp_path / "item.png").read_bytes().startswith(PNG_SIGNATURE) and w > 0 and h > 0


def test_png_of_a_visible_widget_keeps_its_layout(tmp_path, qtbot, plot):
    plot.show()
    qtbot.waitExposed(plot)
    before = plot.size()
    assert write_png(plot, tmp_path / "v.png", width=1200, height=800) == (1200, 800)
    assert plot.size() == before
    image = QImage(str(tmp_path / "v.png"))
    assert _red_fraction(image, 0.80, 0.98, 0.02, 0.20) > 0.005


def test_svg_parses_and_renders(tmp_path, plot):
    write_svg(plot, tmp_path / "p.svg")
    root = ET.parse(tmp_path / "p.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 300 200"
    # both curves are vector strokes of their colour and width, with their points
    ns = "{http://www.w3.org/2000/svg}"
    strokes = {
        (g.get("stroke"), g.get("stroke-width")): [e.get("points") or e.get("d") for e in g]
        for g in root.iter(f"{ns}g")
        if any(e.tag in (f"{ns}polyline", f"{ns}path") for e in g)
    }
    assert strokes.get(("#ff0000", "6")) == ["0,0 1,1 "], strokes  # the diagonal
    assert strokes.get(("#0000ff", "2")) == ["0,0.5 1,0.5 "], strokes  # the flat line
    renderer = QSvgRenderer(str(tmp_path / "p.svg"))
    assert renderer.isValid()
    write_svg(plot, tmp_path / "big.svg", width=640, height=480, title="My plot")
    root = ET.parse(tmp_path / "big.svg").getroot()
    assert root.get("viewBox") == "0 0 640 480"
    assert root.find("{http://www.w3.org/2000/svg}title").text == "My plot"
    assert QSvgRenderer(str(tmp_path / "big.svg")).isValid()


def test_svg_is_vector(tmp_path, plot):
    write_svg(plot, tmp_path / "p.svg")
    text = (tmp_path / "p.svg").read_text()
    assert "<path" in text or "<polyline" in text
    assert text.count("<image") <= 1  # at most the window background


def test_plot_csv_shared_x(tmp_path, plot):
    header = write_plot_csv(plot, tmp_path / "p.csv")
    assert header == ["x", "diagonal", "flat"]
    rows = list(csv.reader((tmp_path / "p.csv").read_text().splitlines()))
    assert rows[0] == header
    assert [[float(v) for v in r] for r in rows[1:]] == [[0.0, 0.0, 0.5], [1.0, 1.0, 0.5]]


def test_plot_csv_original_data_not_downsampled(tmp_path, qtbot):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    x = np.arange(20000.0)
    curve = widget.plot(x, np.sin(x / 100))
    curve.setDownsampling(auto=True, method="peak")
    curve.setClipToView(True)
    widget.plot(x[:10], x[:10] * 2, name="short")
    header = write_plot_csv(widget.getPlotItem(), tmp_path / "p.csv")
    assert header == ["curve_0_x", "curve_0_y", "short_x", "short_y"]
    back = list(csv.reader((tmp_path / "p.csv").read_text().splitlines()))
    assert len(back) == 20001
    assert back[11][2:] == ["", ""] and float(back[20000][1]) == np.sin(19999 / 100)


def test_export_errors(tmp_path, qtbot, plot):
    empty = pg.PlotWidget()
    qtbot.addWidget(empty)
    with pytest.raises(SaveError, match="no curves"):
        write_plot_csv(empty, tmp_path / "e.csv")
    with pytest.raises(SaveError, match="does not exist"):
        write_png(plot, tmp_path / "missing" / "p.png")
    with pytest.raises(SaveError):
        write_svg(plot, tmp_path / "missing" / "p.svg")


def _columns(steps=60, window=20):
    x = np.sin(np.linspace(0, 6, steps))[:, None]
    seq = Sequence(x, 0.5 * x)
    params = LSTMParams.random(1, 3, seed=0, forget_bias=1.0)
    trace = run(params, x)
    _, dh = output_loss(trace, steps - 1, start=steps - window)
    grads = bptt(params, trace, dh, window=window)
    gc, gh = np.zeros(steps), np.zeros(steps)
    gc[grads.start :], gh[grads.start :] = grads.dc_norm(), grads.dh_norm()
    return trace_columns(seq, trace, gc, gh)


def test_render_trace_figure(tmp_path, qapp):
    written = render_trace_figure(_columns(), tmp_path, ["png", "svg"], size=(600, 500))
    assert [p.name for p in written] == ["trace.png", "trace.svg"]
    image = QImage(str(tmp_path / "trace.png"))
    assert (image.width(), image.height()) == (1200, 1000)
    assert ET.parse(tmp_path / "trace.svg").getroot().get("viewBox") == "0 0 600 500"
    assert QSvgRenderer(str(tmp_path / "trace.svg")).isValid()
    assert render_trace_figure(_columns(), tmp_path, ["svg"], stem="only") == [
        tmp_path / "only.svg"
    ]
    with pytest.raises(ValueError, match="pdf"):
        render_trace_figure(_columns(), tmp_path, ["pdf"])
