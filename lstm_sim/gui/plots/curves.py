"""Light-weight plot items for panels that change on every step.

pyqtgraph's ``PlotDataItem`` and ``InfiniteLine`` are general: every ``setData``
re-derives bounds and a path over the whole curve and invalidates the whole
curve's rectangle, and the cursor line recomputes its geometry in Python on
every paint. With five panels that was most of a Step's cost (≈ 20 ms). The two
items here do only what a growing curve and a moving cursor need:

:class:`FastCurve`
    A polyline whose announced bounding rectangle spans the panel's whole x
    extent, so a new point never changes the item's geometry; a step repaints
    only the strip of x the new data touch (``update(rect)``), and ``paint``
    draws only the points inside the exposed rectangle.
:class:`Cursor`
    A vertical line in the ViewBox's own pixel coordinates (a C++
    ``QGraphicsLineItem``): moving it repaints two thin strips.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QStaticText, QTextOption
from PySide6.QtWidgets import QGraphicsItem, QGraphicsLineItem

__all__ = ["Cursor", "FastCurve", "PanelTitle", "Veil"]


#: Device pixels added around a repainted strip (the pen, rounding).
_PAD_PX = 3.0


class FastCurve(pg.GraphicsObject):
    """A curve through (x, y) points with x ascending, repainted incrementally.

    Parameters
    ----------
    pen : anything :func:`pyqtgraph.mkPen` accepts
    name : str, optional
        Name in a legend and in exported tables.

    Compatible with the parts of ``PlotDataItem`` that ``PlotItem``, its legend
    and the exporters use (``implements('plotData')``, ``name()``, ``opts``,
    ``getData()``, ``getOriginalDataset()``, ``setLogMode()``, ``dataBounds()``).
    Non-finite y values leave gaps.
    """

    def __init__(self, pen=None, name: str | None = None) -> None:
        super().__init__()
        self._pen = pg.mkPen(pen if pen is not None else "k")
        self._pen.setCosmetic(True)
        self.opts = {
            "pen": self._pen,
            "name": name,
            "antialias": False,
            "fillLevel": None,
            "fillBrush": None,
            "symbol": None,
        }
        self._x = np.empty(0)
        self._y = np.empty(0)  # as given
        self._yd = self._y  # as drawn (log10 in a log panel)
        self._log_y = False
        self._finite = True
        self._ylo = self._yhi = np.nan  # data bounds (as drawn)
        self._ry = (np.inf, -np.inf)  # the y extent announced in the bounding rectangle
        self._xspan: tuple[float, float] | None = None
        self._rect = QRectF()
        self._px: tuple[float, float] | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    # ------------------------------------------------ PlotDataItem-like API
    def implements(self, interface: str | None = None):
        ints = ["plotData"]
        return ints if interface is None else interface in ints

    def name(self) -> str | None:
        return self.opts["name"]

    def setPen(self, pen) -> None:
        self._pen = pg.mkPen(pen)
        self._pen.setCosmetic(True)
        self.opts["pen"] = self._pen
        self.update()

    def getData(self) -> tuple[np.ndarray, np.ndarray]:
        return self._x, self._yd

    def getOriginalDataset(self) -> tuple[np.ndarray, np.ndarray]:
        return self._x, self._y

    def setLogMode(self, x_mode: bool, y_mode: bool) -> None:
        if bool(y_mode) != self._log_y:
            self._log_y = bool(y_mode)
            self._ry = (np.inf, -np.inf)
            self.setData(self._x, self._y)

    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange=None):
        if len(self._x) == 0:
            return (None, None)
        if ax == 0:
            return (float(self._x[0]), float(self._x[-1]))
        if np.isnan(self._ylo):
            return (None, None)
        return (self._ylo, self._yhi)

    @property
    def finite(self) -> bool:
        """Every y value plotted is finite (else the curve is drawn with gaps)."""
        return self._finite

    def pixelPadding(self) -> float:
        return 0.0

    # ---------------------------------------------------------------- data
    def set_x_span(self, lo: float, hi: float) -> None:
        """The x extent the curve may ever cover (the panel's: t = 0 … T)."""
        if self._xspan != (lo, hi):
            self._xspan = (float(lo), float(hi))
            self._set_rect()

    def setData(self, x: np.ndarray, y: np.ndarray, changed_from: int = 0) -> None:
        """Plot ``(x, y)``; points before index ``changed_from`` are the same as before.

        ``x`` and ``y`` are kept by reference (the envelopes pass views of their
        buffers, which only change before the next ``setData``).
        """
        old_n = len(self._x)
        old_first = float(self._x[0]) if old_n else 0.0
        old_last = float(self._x[-1]) if old_n else None
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        n = len(x)
        changed_from = max(0, min(int(changed_from), n, old_n))
        if self._log_y:
            with np.errstate(divide="ignore", invalid="ignore"):
                yd = np.log10(y)
        else:
            yd = y
        self._x, self._y, self._yd = x, y, yd
        if changed_from == 0:
            self._finite = True
            lo = hi = np.nan
        else:
            lo, hi = self._ylo, self._yhi
        new = yd[changed_from:]
        if 0 < new.size <= 16:
            # A Step's few new points: plain floats beat a numpy call apiece.
            values = new.tolist()
            finite = [v for v in values if math.isfinite(v)]
            if len(finite) < len(values):
                self._finite = False
            if finite:
                nlo, nhi = min(finite), max(finite)
                lo = nlo if math.isnan(lo) else min(lo, nlo)
                hi = nhi if math.isnan(hi) else max(hi, nhi)
        elif new.size:
            if not np.isfinite(new).all():
                self._finite = False
                new = new[np.isfinite(new)]
            if new.size:
                nlo, nhi = float(new.min()), float(new.max())
                lo = nlo if np.isnan(lo) else min(lo, nlo)
                hi = nhi if np.isnan(hi) else max(hi, nhi)
        self._ylo, self._yhi = lo, hi
        if not np.isnan(lo) and not (self._ry[0] <= lo and hi <= self._ry[1]):
            # Outside the announced rectangle: announce a larger one (with room to
            # grow, so that this stays rare), which repaints all the curve may cover.
            room = 0.1 * (hi - lo)
            self._ry = (min(lo - room, self._ry[0]), max(hi + room, self._ry[1]))
            self._set_rect()
            self.informViewBoundsChanged()
            return
        if old_last is None or n == 0:
            self.update()
            return
        # Only the strip from the last unchanged point to the furthest new or old point.
        x0 = float(x[changed_from - 1]) if changed_from else min(float(x[0]), old_first)
        x1 = max(float(x[-1]), old_last)
        pw = self._pixel_size()[0]
        r = self._rect
        self.update(QRectF(x0 - _PAD_PX * pw, r.top(), (x1 - x0) + 2 * _PAD_PX * pw, r.height()))

    def _set_rect(self) -> None:
        """Announce the rectangle the curve may cover: the x span, the y bounds, a margin."""
        if self._xspan is not None:
            x0, x1 = self._xspan
        elif len(self._x):
            x0, x1 = float(self._x[0]), float(self._x[-1])
        else:
            x0 = x1 = 0.0
        y0, y1 = (0.0, 0.0) if np.isinf(self._ry[0]) else self._ry
        pw, ph = self._pixel_size()
        mx = _PAD_PX * pw + 1e-9 * (1.0 + abs(x1))
        my = _PAD_PX * ph + 1e-9 * (1.0 + max(abs(y0), abs(y1)))
        rect = QRectF(x0 - mx, y0 - my, (x1 - x0) + 2 * mx, (y1 - y0) + 2 * my)
        if rect != self._rect:
            self.prepareGeometryChange()  # repaints the old and the new rectangle
            self._rect = rect

    def _pixel_size(self) -> tuple[float, float]:
        if self._px is None:
            if self.getViewBox() is None:
                return (0.0, 0.0)
            try:
                pw, ph = self.pixelWidth(), self.pixelHeight()
            except Exception:  # a view not laid out yet has no invertible transform
                return (0.0, 0.0)
            self._px = (abs(pw or 0.0), abs(ph or 0.0))
        return self._px

    def viewTransformChanged(self) -> None:
        super().viewTransformChanged()
        self._px = None
        self._set_rect()  # the margins are in pixels

    # ------------------------------------------------------------- drawing
    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        n = len(self._x)
        if n < 2:
            return
        lo, hi = 0, n
        exposed = option.exposedRect
        if not exposed.isEmpty():
            # The points inside the exposed strip, plus one on each side.
            lo = max(int(np.searchsorted(self._x, exposed.left(), "left")) - 1, 0)
            hi = min(int(np.searchsorted(self._x, exposed.right(), "right")) + 1, n)
        if hi - lo < 2:
            return
        painter.setPen(self._pen)
        x, y = self._x[lo:hi], self._yd[lo:hi]
        if self._finite:
            if hi - lo >= 64 and self._pen.widthF() > 1.0:  # a one-pixel line is cheap
                device = painter.deviceTransform()  # x is not rotated: m11·x + dx
                x, y = _columns(x, y, device.m11(), device.dx())
            painter.drawPolyline(pg.functions.arrayToQPolygonF(x, y))
        else:
            painter.drawPath(pg.arrayToQPath(x, y, connect="finite"))


def _columns(
    x: np.ndarray, y: np.ndarray, scale: float, offset: float
) -> tuple[np.ndarray, np.ndarray]:
    """The points of ``(x, y)`` that draw the same pixels: four per pixel column.

    Many points to a pixel column (the gradient window's 200 steps are two pixels
    wide in a panel showing 1e5 steps) are drawn exactly as the column's first
    point, its lowest and highest (in their order) and its last: the line covers
    the column's whole extent and meets the next column as before, while a wide
    pen strokes 4 points instead of all (≈ 3 k instructions a point). A point's
    pixel column is that of ``scale · x + offset`` (device pixels); points
    already sparse (at most four to a column) come back unchanged.
    """
    n = len(x)
    if scale <= 0 or n < 64:  # a few points: cheaper to stroke them all
        return x, y
    if n <= 4 * ((x[-1] - x[0]) * scale + 1.0):
        return x, y
    col = np.floor(x * scale + offset + 0.5)  # aliased drawing rounds to pixel centres
    starts = np.flatnonzero(np.concatenate(([True], col[1:] != col[:-1])))
    if len(starts) <= 16:
        # Few columns (a window of steps a few pixels wide): a loop makes fewer calls.
        bounds = [*starts.tolist(), n]
        keep_list = []
        for a, b in itertools.pairwise(bounds):
            part = y[a:b]
            lo_i, hi_i = a + int(part.argmin()), a + int(part.argmax())
            keep_list += [a, min(lo_i, hi_i), max(lo_i, hi_i), b - 1]
        return x[keep_list], y[keep_list]
    ends = np.append(starts[1:], n)
    segment = np.repeat(np.arange(len(starts)), ends - starts)

    def first_where(hit: np.ndarray) -> np.ndarray:
        """Per column, the index of its first point where ``hit`` holds (one always does)."""
        where = np.flatnonzero(hit)
        seg = segment[where]
        return where[np.concatenate(([True], seg[1:] != seg[:-1]))]

    lo = first_where(y == np.minimum.reduceat(y, starts)[segment])
    hi = first_where(y == np.maximum.reduceat(y, starts)[segment])
    keep = np.stack([starts, np.minimum(lo, hi), np.maximum(lo, hi), ends - 1], axis=1).ravel()
    return x[keep], y[keep]


class PanelTitle(QGraphicsItem):
    """A panel's name, written across the top-left corner of its plot.

    Stacked panels are a few dozen pixels high at 1280 × 800: a rotated axis
    label longer than that runs into the next panel's. The title lies over the
    curves on a translucent ground, in the ViewBox's own coordinates (it does
    not move with the data), and takes no mouse buttons (a click seeks as
    anywhere else in the panel). Cached: drawn once, then copied.
    """

    _ALPHA = 150  # the curves under the title still show

    def __init__(self, plain: str, html: str, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(1000)  # above the curves, under nothing
        self._font = QFont()
        self._font.setPointSizeF(8.0)
        self._fg, self._bg = QColor(0, 0, 0), QColor(255, 255, 255, self._ALPHA)
        self._plain = ""
        self._rect = QRectF()
        self.set_text(plain, html)
        self.setPos(2.0, 1.0)

    def set_text(self, plain: str, html: str) -> None:
        """Show ``html`` (the rich form of the notation ``plain``), e.g. after a language change."""
        if plain == self._plain:
            return
        self.prepareGeometryChange()
        self._plain = plain
        self._text = QStaticText(html)
        self._text.setTextFormat(Qt.TextFormat.RichText)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.NoWrap)
        self._text.setTextOption(option)
        self._text.prepare(font=self._font)
        size = self._text.size()
        self._rect = QRectF(0.0, 0.0, size.width() + 8.0, size.height() + 2.0)
        self.update()

    def text(self) -> str:
        """The title as plain notation (what translators and tests see)."""
        return self._plain

    def set_colors(self, foreground: QColor, background: QColor) -> None:
        """Text colour, and the ground (drawn translucent) it lies on."""
        bg = QColor(background)
        bg.setAlpha(self._ALPHA)
        if (foreground, bg) != (self._fg, self._bg):
            self._fg, self._bg = QColor(foreground), bg
            self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._bg)
        painter.drawRoundedRect(self._rect, 3.0, 3.0)
        painter.setPen(self._fg)
        painter.setFont(self._font)
        painter.drawStaticText(QPointF(4.0, 1.0), self._text)


class Cursor(QGraphicsLineItem):
    """The vertical line at the current step, drawn in a ViewBox's pixel coordinates."""

    def __init__(self, viewbox: pg.ViewBox, pen) -> None:
        super().__init__(viewbox)
        self._vb = viewbox
        self._t = 0.0
        self.setPen(pg.mkPen(pen))
        self.setZValue(1e6)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        viewbox.sigTransformChanged.connect(self._place)
        viewbox.sigResized.connect(self._place)
        self._place()

    @property
    def pen(self) -> QPen:
        """The line's pen (an attribute, as on pyqtgraph's InfiniteLine)."""
        return QGraphicsLineItem.pen(self)

    def value(self) -> float:
        return self._t

    def setValue(self, t: float) -> None:
        self._t = float(t)
        self._place()

    def _place(self, *_args) -> None:
        x = self._vb.childGroup.mapToParent(QPointF(self._t, 0.0)).x()
        # the centre of the pixel holding x: crisp, within half a pixel of the step, and no
        # repaint for sub-pixel moves (round(x) + 0.5 was up to a whole pixel off)
        x = math.floor(x) + 0.5
        height = self._vb.rect().height()
        line = self.line()
        if line.x1() != x or line.y2() != height:
            self.setLine(x, 0.0, x, height)


class Veil(QGraphicsItem):
    """A translucent veil over a panel right of the cursor: the steps after t look faded.

    After stepping back, the trace still holds the steps computed ahead, and the
    inputs are known to the end: both stay drawn, under this veil (the panel's
    own background at :attr:`ALPHA`), so that the past (t and before) reads
    clearly from what lies ahead. In the ViewBox's pixel coordinates like
    :class:`Cursor`; a move repaints only the strip between the old and the new
    edge.
    """

    ALPHA = 170  # of 255: the curves ahead still show, clearly fainter

    def __init__(self, viewbox: pg.ViewBox) -> None:
        super().__init__(viewbox)
        self._vb = viewbox
        self._t = 0.0
        self._x = 0.0
        self.setZValue(999)  # above the curves, under the panel's title and the cursor
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        viewbox.sigTransformChanged.connect(self._place)
        viewbox.sigResized.connect(self._resized)
        self._rect = QRectF(viewbox.rect())
        self._place()

    def value(self) -> float:
        """The step the veil starts after."""
        return self._t

    def setValue(self, t: float) -> None:
        self._t = float(t)
        self._place()

    def _resized(self, *_args) -> None:
        self.prepareGeometryChange()
        self._rect = QRectF(self._vb.rect())
        self._place()
        self.update()

    def _place(self, *_args) -> None:
        x = round(self._vb.childGroup.mapToParent(QPointF(self._t, 0.0)).x()) + 1.0
        if x != self._x:
            lo, hi = sorted((self._x, x))
            self._x = x
            self.update(QRectF(lo - 1.0, 0.0, hi - lo + 2.0, self._rect.height()))

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option, widget=None) -> None:
        left = max(self._x, 0.0)
        if left >= self._rect.right():
            return
        views = self.scene().views() if self.scene() is not None else []
        color = QColor(views[0].backgroundBrush().color()) if views else QColor("white")
        color.setAlpha(self.ALPHA)
        area = QRectF(left, 0.0, self._rect.right() - left, self._rect.height())
        exposed = option.exposedRect
        if not exposed.isEmpty():
            area = area.intersected(exposed)
        painter.fillRect(area, color)
