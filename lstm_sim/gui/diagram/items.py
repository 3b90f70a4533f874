"""The graphics items of the cell diagram: the body, wires, junctions and labels.

Each implements ``paint()`` (and keeps its bounds in C++, see :class:`BoundedItem`);
the nodes that show values are in :mod:`.nodes`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
    QStaticText,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from .palette import Palette
from .text import (
    make_font,
    static_text,
)

__all__ = ["Arrowhead", "BoundedItem", "Dot", "Label", "Panel", "Wire", "WireCores", "pen"]

#: Shorthands of Qt flags the painting uses.
_NO_BRUSH = Qt.BrushStyle.NoBrush
_CENTER = Qt.AlignmentFlag.AlignCenter


def _outline(path: QPainterPath, width: float) -> QPainterPath:
    """The area a round-capped, round-joined pen of ``width`` covers along ``path``."""
    stroker = QPainterPathStroker()
    stroker.setWidth(width)
    stroker.setCapStyle(Qt.PenCapStyle.RoundCap)
    stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return stroker.createStroke(path)


def pen(color: QColor, width: float) -> QPen:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


# ===================================================================== items
class BoundedItem(QGraphicsRectItem):
    """An item painted in Python whose bounding rectangle Qt keeps in C++.

    Qt asks every item in a repainted region for its bounding rectangle several
    times per repaint; a Python ``boundingRect`` makes each ask a call into
    Python (≈ 80 per Step in this diagram). These items set their bounds with
    :meth:`set_bounds` (an invisible rectangle: no pen, no brush) and only
    ``paint`` is Python.
    """

    def __init__(self, parent: QGraphicsItem | None = None) -> None:
        super().__init__(parent)
        self.setPen(Qt.PenStyle.NoPen)

    def set_bounds(self, rect: QRectF) -> None:
        """The bounding rectangle (``setRect`` tells the scene when it changes)."""
        if rect != self.rect():
            self.setRect(rect)


class Label(BoundedItem):
    """A rich-text label (notation with subscripts) anchored at its position.

    Parameters
    ----------
    text : str
        Plain notation (``"cell state C — long-term memory"``), already translated.
    px : float
        Font size in scene units.
    palette : Palette
        The diagram's colours; ``role`` names the one the text takes (``"ink"``,
        ``"muted"``, ``"accent"``).
    anchor : {"center", "left", "right"}
        Which point of the text sits at ``pos()`` horizontally; vertically the
        text is centred on ``pos()``.
    """

    def __init__(
        self,
        text: str,
        px: float,
        palette: Palette,
        *,
        role: str = "ink",
        bold: bool = False,
        italic: bool = False,
        anchor: str = "center",
    ) -> None:
        super().__init__()
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._font = make_font(px, bold=bold, italic=italic)
        # The diagram's palette and the colour taken from it (read when painting, so
        # a change of appearance reaches the label).
        self._palette, self._role = palette, role
        self._anchor = anchor
        self._text = ""
        self._st = QStaticText()
        self._rect = QRectF()
        self.set_text(text)

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        if text == self._text:
            return
        # Even when the size stays: without it, the cached label's new text reaches
        # the scene as an update of its own (test_one_call_one_update_…).
        self.prepareGeometryChange()
        self._text = text
        self._st = static_text(text, self._font)
        size = self._st.size()
        x = {"center": -size.width() / 2, "left": 0.0, "right": -size.width()}[self._anchor]
        self._rect = QRectF(x, -size.height() / 2, size.width(), size.height())
        self.set_bounds(self._rect.adjusted(-1, -1, 1, 1))
        self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setFont(self._font)
        painter.setPen(getattr(self._palette, self._role))
        painter.drawStaticText(self._rect.topLeft(), self._st)


class Panel(QGraphicsItem):
    """The cell body: a rounded rectangle with a soft shadow."""

    def __init__(self, rect: QRectF, palette: Palette, radius: float = 26.0) -> None:
        super().__init__()
        self._palette = palette
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._rect = QRectF(rect)
        self._radius = radius

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-4, -4, 12, 14)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        # A soft shadow from a few translucent offset copies (no QGraphicsEffect:
        # that would re-render the whole body on every value change).
        for k, alpha in ((8, 10), (6, 14), (4, 18), (2, 22)):
            painter.setBrush(QColor(30, 45, 70, alpha))
            painter.drawRoundedRect(
                self._rect.translated(0.4 * k, k), self._radius + k * 0.5, self._radius + k * 0.5
            )
        painter.setBrush(self._palette.body_fill)
        painter.setPen(QPen(self._palette.body_border, 2.0))
        painter.drawRoundedRect(self._rect, self._radius, self._radius)


def _segment_rects(points: Sequence[QPointF], width: float) -> list[QRectF] | None:
    """Rectangles covering a square-capped pen of ``width`` along ``points``.

    None unless every segment is horizontal or vertical. Each segment's
    rectangle reaches ``width / 2`` past its ends, so joins come out square.
    """
    half = width / 2
    rects = []
    for p, q in itertools.pairwise(points):
        x0, x1 = sorted((p.x(), q.x()))
        y0, y1 = sorted((p.y(), q.y()))
        if x0 != x1 and y0 != y1:
            return None
        rects.append(QRectF(x0 - half, y0 - half, x1 - x0 + width, y1 - y0 + width))
    return rects


class WireCores(BoundedItem):
    """The coloured cores of the wires, in one item over their cached cables.

    A Step recolours most wires. Drawn as one item, a recoloured wire costs no
    per-item overhead, and an axis-aligned core is a few rectangle fills (the
    raster engine fills an axis-aligned rectangle several times faster than a
    path, and stroking a wide pen costs about as much again). Other routes
    fill their outline, stroked once here. Only the cores inside the exposed
    rectangle are drawn.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self._shapes: list[list[QRectF] | QPainterPath] = []
        self._colors: list[QColor] = []
        self._rects: list[QRectF] = []

    def add(self, points: Sequence[QPointF], color: QColor) -> int:
        """Add the core along ``points``; returns its index (for :meth:`set_color`)."""
        shape: list[QRectF] | QPainterPath | None = _segment_rects(points, Wire._CORE)
        if shape is None:
            path = QPainterPath(points[0])
            for p in points[1:]:
                path.lineTo(p)
            shape = _outline(path, Wire._CORE)
            rect = shape.boundingRect()
        else:
            rect = QRectF()
            for r in shape:
                rect = rect.united(r)
        rect.adjust(-1, -1, 1, 1)
        self._shapes.append(shape)
        self._colors.append(QColor(color))
        self._rects.append(rect)
        self.set_bounds(self.rect().united(rect))
        return len(self._shapes) - 1

    def set_color(self, index: int, color: QColor) -> None:
        if color != self._colors[index]:
            self._colors[index] = QColor(color)
            self.update(self._rects[index])

    def color(self, index: int) -> QColor:
        return QColor(self._colors[index])

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        exposed = option.exposedRect
        for shape, color, rect in zip(self._shapes, self._colors, self._rects, strict=True):
            if rect.intersects(exposed):
                if isinstance(shape, list):
                    for r in shape:
                        painter.fillRect(r, color)
                else:
                    painter.fillPath(shape, color)


class Wire(QGraphicsItem):
    """A wire along a polyline, drawn as a dark cable with a core coloured by its value.

    Parameters
    ----------
    points : sequence of QPointF
        The route, first to last; the arrow (if any) points at the last point.
    arrow : bool
        Draw an arrowhead at the end.
    cores : WireCores
        Draws the coloured core (in the item's stead: the cable and the halo,
        which never change, are cached as a pixmap).
    halo : bool
        Draw a wide halo of the cell body's colour under the wire, so a wire it crosses
        appears to pass underneath (its cores then go in a layer over the
        others').
    """

    _ARROW_LEN = 15.0
    _ARROW_W = 15.0
    _OUTER = 8.0
    _CORE = 4.6

    def __init__(
        self,
        points: Sequence[QPointF],
        palette: Palette,
        *,
        cores: WireCores,
        arrow: bool = True,
        halo: bool = False,
    ) -> None:
        super().__init__()
        self._palette = palette
        pts = [QPointF(p) for p in points]
        self._arrow = QPolygonF()
        if arrow:
            tip, before = pts[-1], pts[-2]
            line = QLineF(before, tip)
            length = line.length()
            ux, uy = (tip.x() - before.x()) / length, (tip.y() - before.y()) / length
            base = QPointF(tip.x() - ux * self._ARROW_LEN, tip.y() - uy * self._ARROW_LEN)
            nx, ny = -uy * self._ARROW_W / 2, ux * self._ARROW_W / 2
            self._arrow = QPolygonF(
                [tip, QPointF(base.x() + nx, base.y() + ny), QPointF(base.x() - nx, base.y() - ny)]
            )
            # End the cable inside the arrowhead so it never pokes out at the sides.
            pts[-1] = QPointF(
                tip.x() - ux * self._ARROW_LEN * 0.7, tip.y() - uy * self._ARROW_LEN * 0.7
            )
        path = QPainterPath(pts[0])
        for p in pts[1:]:
            path.lineTo(p)
        self._path = path
        self._halo = halo
        self._color = QColor(palette.empty_wire)
        width = 18.0 if halo else self._OUTER
        self._bounds = path.boundingRect().united(self._arrow.boundingRect())
        self._bounds.adjust(-width, -width, width, width)
        self._cores = cores
        self._core = cores.add(pts, self._color)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._head = None if self._arrow.isEmpty() else Arrowhead(self._arrow, palette)

    def arrowhead(self) -> Arrowhead | None:
        """The arrowhead to put over the cores (None when the wire draws its own)."""
        return self._head

    def set_color(self, color: QColor) -> None:
        self._cores.set_color(self._core, color)

    def color(self) -> QColor:
        return self._cores.color(self._core)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setBrush(_NO_BRUSH)
        if self._halo:
            halo = pen(self._palette.body_fill, 18.0)
            halo.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(halo)
            painter.drawPath(self._path)
        painter.setPen(pen(self._palette.ink, self._OUTER))
        painter.drawPath(self._path)


class Arrowhead(QGraphicsPolygonItem):
    """The arrowhead of a wire whose core is drawn by :class:`WireCores`.

    A plain Qt item, cached: a repaint asks nothing of Python for it (a Python
    item is asked for its bounding rectangle about four times per repaint, and
    a Step repaints the twelve arrowheads the cores run into).
    """

    _PEN = 1.5

    def __init__(self, polygon: QPolygonF, palette: Palette) -> None:
        super().__init__(polygon)
        self._palette = palette
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.restyle()

    def restyle(self) -> None:
        """Take the current theme's ink."""
        self.setPen(pen(self._palette.ink, self._PEN))
        self.setBrush(self._palette.ink)


class Dot(QGraphicsEllipseItem):
    """A junction where a wire branches (a plain Qt item, cached, as :class:`Arrowhead`)."""

    def __init__(self, palette: Palette, radius: float = 6.0) -> None:
        super().__init__(-radius, -radius, 2 * radius, 2 * radius)
        self._palette = palette
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setPen(Qt.PenStyle.NoPen)
        self.restyle()

    def restyle(self) -> None:
        """Take the current theme's ink."""
        self.setBrush(self._palette.ink)
