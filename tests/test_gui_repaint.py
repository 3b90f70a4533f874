"""What a Step repaints: only what changed, and exactly what a full repaint would draw.

The panels repaint incrementally (strips of the plots, the changed lines of the
equations, the diagram's values over a cached background). Two properties keep
that honest, on the real window (offscreen):

* the picture left on screen after many Steps is pixel for pixel what painting
  the whole window from scratch gives (no stale pixels, nothing missing);
* a Step never re-runs the window's layout and never repaints the whole window
  (the cost that made a Step take ≈ 40 ms).
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from lstm_sim.engine import LSTMParams
from lstm_sim.gui.main_window import MainWindow
from lstm_sim.gui.plots.curves import FastCurve
from lstm_sim.sequence import Sequence
from lstm_sim.session import Session


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine() // 4, 4
    )
    return rows[:, : image.width(), :3].astype(int)


def _on_screen(window) -> np.ndarray:
    """What the window shows now: the backing store, after its incremental repaints."""
    return _pixels(QApplication.primaryScreen().grabWindow(window.winId()).toImage())


def _from_scratch(window) -> np.ndarray:
    """The whole window painted anew."""
    return _pixels(window.grab().toImage())


def _session(T: int = 400, hidden: int = 8) -> Session:
    rng = np.random.default_rng(3)
    seq = Sequence(rng.standard_normal((T, 1)), name="repaint")
    return Session(seq, LSTMParams.random(1, hidden, seed=3, forget_bias=1.0), name="repaint")


@pytest.fixture
def window(qtbot):
    win = MainWindow(_session())
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def _step(window, n: int) -> None:
    for _ in range(n):
        window.transport.step_action.trigger()
        QApplication.processEvents()


def test_incremental_repaints_leave_exactly_a_full_repaint(window):
    _step(window, 3)
    for steps in (1, 7, 40):  # curves grow, the cursor moves, the gradient window slides
        _step(window, steps)
        diff = np.abs(_on_screen(window) - _from_scratch(window)).max(axis=2)
        ys, xs = np.nonzero(diff)
        if len(ys):
            pytest.fail(
                f"after {steps} more steps {len(ys)} pixels differ from a full repaint: "
                f"x {xs.min()}…{xs.max()}, y {ys.min()}…{ys.max()}"
            )


def test_incremental_repaints_after_step_back_and_unit_change(window):
    _step(window, 25)
    window.transport.back_action.trigger()
    QApplication.processEvents()
    window.controls.unit_box.setValue(3)
    QApplication.processEvents()
    _step(window, 2)
    assert np.array_equal(_on_screen(window), _from_scratch(window))


class _Spy(QObject):
    """Counts layout requests and records the painted regions of some widgets."""

    def __init__(self, widgets) -> None:
        super().__init__()
        self.layouts = 0
        self.painted: dict[str, list[list[QRect]]] = {name: [] for name in widgets}
        self._names = {id(w): name for name, w in widgets.items()}
        for w in widgets.values():
            w.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        name = self._names.get(id(obj))
        if event.type() == QEvent.Type.LayoutRequest:
            self.layouts += 1
        elif event.type() == QEvent.Type.Paint and name is not None:
            self.painted[name].append([QRect(r) for r in event.region()])
        return False


def _area(rects: list[QRect]) -> int:
    return sum(r.width() * r.height() for r in rects)


def test_a_step_repaints_only_what_changed(window):
    _step(window, 50)
    plots = window.plots.layout_widget.viewport()
    spy = _Spy(
        {
            "window": window,
            "toolbar": window.transport.label.parentWidget(),
            "plots": plots,
            "equations": window.equations,
        }
    )
    _step(window, 10)
    # New texts (t = k / T, the equations, the caption) never re-run a layout.
    assert spy.layouts == 0
    # The plots repaint strips around the new step, not the whole panel.
    assert len(spy.painted["plots"]) == 10
    whole = plots.width() * plots.height()
    assert max(_area(region) for region in spy.painted["plots"]) < whole / 4
    # The main window itself is never repainted as a whole.
    assert all(
        _area(region) < window.width() * window.height() / 2 for region in spy.painted["window"]
    )


def test_fast_curve_repaints_only_the_new_strip(qtbot):
    import pyqtgraph as pg

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    widget.resize(800, 300)
    widget.show()
    qtbot.waitExposed(widget)
    curve = FastCurve(pg.mkPen("k"))
    curve.set_x_span(0.0, 1000.0)
    widget.addItem(curve)
    widget.setXRange(0, 1000, padding=0)
    widget.setYRange(-1.2, 1.2, padding=0)
    y = np.sin(np.arange(1000) / 30.0)
    x = np.arange(1000.0)
    curve.setData(x[:499], y[:499])
    for _ in range(5):  # the view settles its range and transform
        qtbot.wait(10)
    curve.setData(x[:500], y[:500], changed_from=499)
    qtbot.wait(10)
    spy = _Spy({"plot": widget.viewport()})
    curve.setData(x[:501], y[:501], changed_from=500)
    QApplication.processEvents()
    assert len(spy.painted["plot"]) == 1
    rects = spy.painted["plot"][0]
    left = min(r.left() for r in rects)
    right = max(r.right() for r in rects)
    assert right - left < 0.05 * widget.viewport().width()
    # Around x = 499 … 500, in view coordinates.
    vb = widget.getViewBox()
    x499 = widget.mapFromScene(vb.mapViewToScene(pg.Point(499.5, 0))).x()
    assert left <= x499 <= right
    # What is plotted is what was given.
    px, py = curve.getOriginalDataset()
    np.testing.assert_array_equal(px, x[:501])
    np.testing.assert_array_equal(py, y[:501])


def test_cursor_sits_on_the_current_step(window):
    _step(window, 12)
    for key, cursor in window.plots.cursors.items():
        vb = window.plots.plots[key].getViewBox()
        expected = vb.childGroup.mapToParent(pg_point(12.0)).x()
        assert abs(cursor.line().x1() - expected) <= 0.5, key
        assert cursor.value() == 12


def pg_point(x: float):
    from PySide6.QtCore import QPointF

    return QPointF(x, 0.0)


def test_log_axis_keeps_its_decades_while_the_curves_fit(qtbot):
    import pyqtgraph as pg

    from lstm_sim.gui.plots.axes import set_decade_range

    plot = pg.PlotItem()
    plot.setLogMode(y=True)
    r = set_decade_range(plot, None, np.array([0.02, 3.0]))
    assert r == (-2.0, 1.0)
    # Still inside, a decade narrower: the axis stays.
    assert set_decade_range(plot, r, np.array([0.2, 3.0])) == r
    # A value outside: the axis follows.
    assert set_decade_range(plot, r, np.array([0.002, 3.0])) == (-3.0, 1.0)
    # Far too wide now (the curves span one decade of five): it shrinks.
    assert set_decade_range(plot, (-3.0, 2.0), np.array([0.2, 0.9])) == (-1.0, 0.0)


def test_timeline_slider_repaints_only_when_its_handle_moves(qtbot):
    from PySide6.QtCore import Qt

    from lstm_sim.gui.transport import TimelineSlider

    slider = TimelineSlider(Qt.Orientation.Horizontal)
    qtbot.addWidget(slider)
    slider.resize(300, 24)
    slider.setRange(0, 100_000)
    slider.show()
    qtbot.waitExposed(slider)
    slider.setValue(50_000)
    qtbot.wait(10)
    spy = _Spy({"slider": slider})
    seen = []
    slider.valueChanged.connect(seen.append)
    slider.setValue(50_001)  # far less than a pixel: the same picture
    QApplication.processEvents()
    assert slider.value() == 50_001 and seen == [50_001]
    assert spy.painted["slider"] == []
    slider.setValue(90_000)  # the handle moves
    QApplication.processEvents()
    assert len(spy.painted["slider"]) == 1
    assert np.array_equal(_pixels(slider.grab().toImage()), _on_screen_widget(slider))


def _on_screen_widget(widget) -> np.ndarray:
    """What ``widget`` shows now, cut from its window's backing store."""
    window = widget.window()
    full = QApplication.primaryScreen().grabWindow(window.winId()).toImage()
    origin = widget.mapTo(window, widget.rect().topLeft())
    return _pixels(full.copy(origin.x(), origin.y(), widget.width(), widget.height()))


@pytest.mark.parametrize("per_column", [100, 250])  # 21 and 9 columns (two code paths)
def test_dense_curves_are_drawn_as_their_pixel_columns_extent(per_column):
    from lstm_sim.gui.plots.curves import _columns

    rng = np.random.default_rng(3)
    x = np.arange(2000.0)
    y = rng.standard_normal(2000)
    # Sparse (at most four points a pixel column): drawn as given.
    sx, sy = _columns(x[:400], y[:400], 0.5, 0.0)
    np.testing.assert_array_equal(sx, x[:400])
    np.testing.assert_array_equal(sy, y[:400])
    # Dense: the first column holds x < per_column / 2, then per_column a column.
    # Each column: its first point, its lowest and highest in their order, its last.
    dx, dy = _columns(x, y, 1.0 / per_column, 0.0)
    half = per_column // 2
    firsts = [0, *range(half, 2000, per_column)]
    assert len(dx) == len(dy) == 4 * len(firsts)
    for c, first in enumerate(firsts):
        last = min(2000, first + (half if c == 0 else per_column)) - 1
        part = slice(first, last + 1)
        lo, hi = first + int(np.argmin(y[part])), first + int(np.argmax(y[part]))
        kept = [first, min(lo, hi), max(lo, hi), last]
        np.testing.assert_array_equal(dx[4 * c : 4 * c + 4], x[kept])
        np.testing.assert_array_equal(dy[4 * c : 4 * c + 4], y[kept])


@pytest.mark.parametrize("width", [2, 3])
def test_a_dense_curve_draws_what_every_point_drawn_would(qtbot, monkeypatch, width):
    """20 000 points over 400 pixels, with a wide pen: the ink of each pixel column
    is where drawing every point puts it, give or take the pen's spill into the
    neighbouring column."""
    import pyqtgraph as pg

    import lstm_sim.gui.plots.curves as curves

    rng = np.random.default_rng(4)
    x = np.arange(20_000.0)
    y = np.cumsum(rng.standard_normal(20_000))
    pictures = []
    for decimate in (False, True):
        if not decimate:
            monkeypatch.setattr(curves, "_columns", lambda x, y, scale, offset: (x, y))
        else:
            monkeypatch.undo()
        widget = pg.PlotWidget(background="w")
        qtbot.addWidget(widget)
        widget.resize(400, 200)
        widget.hideAxis("left")
        widget.hideAxis("bottom")
        item = FastCurve(pg.mkPen("k", width=width))
        widget.addItem(item)
        item.set_x_span(0.0, x[-1])
        item.setData(x, y)
        widget.setXRange(0, x[-1], padding=0)
        widget.setYRange(y.min(), y.max(), padding=0.05)
        widget.show()
        qtbot.waitExposed(widget)
        qtbot.wait(20)
        image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
        pixels = np.frombuffer(image.constBits(), np.uint8).reshape(-1, image.bytesPerLine())
        pictures.append(pixels[:, : image.width()] < 128)  # ink
    every, drawn = pictures
    assert drawn.sum() < every.sum() * 1.1  # nothing smeared
    for column in range(3, every.shape[1] - 3):
        for a, b in ((every, drawn), (drawn, every)):
            rows = np.flatnonzero(a[:, column])
            assert rows.size, column
            near = np.flatnonzero(b[:, column - 1 : column + 2].any(axis=1))
            assert near.min() - 1 <= rows.min() and rows.max() <= near.max() + 1, column


@pytest.mark.parametrize("step", [1, 40])  # a Step's few points, and a long stretch at once
def test_fast_curve_bounds_and_gaps_as_points_arrive(qtbot, step):
    """The y bounds grow with the new points, ignoring non-finite ones, which leave gaps."""
    import pyqtgraph as pg

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    curve = FastCurve(pg.mkPen("k"))
    widget.addItem(curve)
    y = np.sin(np.arange(200) / 7.0)
    y[[50, 51, 120]] = [np.nan, np.inf, -np.inf]
    x = np.arange(200.0)
    for n in range(step, 201, step):
        curve.setData(x[:n], y[:n], changed_from=n - step)
        finite = y[:n][np.isfinite(y[:n])]
        assert curve.dataBounds(1) == (finite.min(), finite.max())
        assert curve.finite == bool(np.isfinite(y[:n]).all())
