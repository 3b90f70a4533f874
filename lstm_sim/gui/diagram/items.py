"""The graphics items of the cell diagram: nodes, wires, labels, legend (``paint()`` only)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QLinearGradient,
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
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from ..colors import (
    DIVERGING_STOPS,
    NO_VALUE_COLOR,
    SEQUENTIAL_STOPS,
    text_color_for,
)
from .layout import OP_R
from .palette import Palette, word_color
from .text import (
    NO_VALUE,
    PX_LEGEND,
    PX_TAB,
    PX_TITLE,
    PX_VALUE_TERM,
    Metrics,
    fill_template,
    make_font,
    static_text,
)

__all__ = [
    "Arrowhead",
    "BoundedItem",
    "Dot",
    "Label",
    "Legend",
    "OpNode",
    "Panel",
    "ValueNode",
    "Wire",
    "WireCores",
]

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


def _pen(color: QColor, width: float) -> QPen:
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
            pen = _pen(self._palette.body_fill, 18.0)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.drawPath(self._path)
        painter.setPen(_pen(self._palette.ink, self._OUTER))
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
        self.setPen(_pen(self._palette.ink, self._PEN))
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


class HoverItem(BoundedItem):
    """Base of the nodes: outlined in the accent colour while the mouse is over it."""

    def __init__(self, palette: Palette) -> None:
        super().__init__()
        self._palette = palette
        self._hovered = False
        self.setAcceptHoverEvents(True)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = False
        self.update()
        super().hoverLeaveEvent(event)

    def set_tooltip(self, text: str) -> None:
        if text != self.toolTip():
            self.setToolTip(text)

    def set_highlighted(self, on: bool) -> None:
        """Outline the node as if hovered (the guided tour points at it)."""
        if on != self._hovered:
            self._hovered = on
            self.update()


class OpNode(HoverItem):
    """A pointwise operation: a circle with × or +, or a pill reading "tanh"."""

    def __init__(self, kind: str, palette: Palette) -> None:
        super().__init__(palette)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._kind = kind  # "mul", "add" or "tanh"
        if kind == "tanh":
            self._rect = QRectF(-34.0, -17.0, 68.0, 34.0)
        else:
            self._rect = QRectF(-OP_R, -OP_R, 2 * OP_R, 2 * OP_R)
        self._font = make_font(PX_TAB + 1, bold=True)
        self.set_bounds(self._rect.adjusted(-3, -3, 3, 3))

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        pal = self._palette
        painter.setPen(QPen(pal.hover if self._hovered else pal.ink, 3.0 if self._hovered else 2.2))
        painter.setBrush(pal.op_fill)
        if self._kind == "tanh":
            r = self._rect.height() / 2
            painter.drawRoundedRect(self._rect, r, r)
            painter.setFont(self._font)
            painter.setPen(pal.ink)
            painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, "tanh")
            return
        painter.drawEllipse(self._rect)
        painter.setPen(_pen(pal.ink, 3.0))
        a = 8.0
        if self._kind == "mul":
            painter.drawLine(QPointF(-a, -a), QPointF(a, a))
            painter.drawLine(QPointF(-a, a), QPointF(a, -a))
        else:
            a *= 1.3
            painter.drawLine(QPointF(-a, 0), QPointF(a, 0))
            painter.drawLine(QPointF(0, -a), QPointF(0, a))


class _Tab(BoundedItem):
    """The activation's name (σ, tanh) on a tab over a layer's top-left corner."""

    def __init__(
        self, rect: QRectF, text: str, font: QFont, parent: QGraphicsItem, palette: Palette
    ) -> None:
        super().__init__(parent)
        self._palette = palette
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._rect, self._text, self._font = QRectF(rect), text, font
        self.set_bounds(self._rect.adjusted(-2, -2, 2, 2))

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(QPen(self._palette.ink, 1.6))
        painter.setBrush(self._palette.op_fill)
        r = self._rect.height() / 2
        painter.drawRoundedRect(self._rect, r, r)
        painter.setFont(self._font)
        painter.drawText(self._rect, _CENTER, self._text)


class _NodeOutline(QGraphicsItem):
    """The outline of a value node, drawn in the background (see ``ValueNode._layout``)."""

    def __init__(self, rect: QRectF, radius: float, width: float, palette: Palette) -> None:
        super().__init__()
        self._palette = palette
        self._rect, self._radius, self._width = QRectF(rect), radius, width

    def set_shape(self, rect: QRectF, radius: float) -> None:
        if rect != self._rect or radius != self._radius:
            self.prepareGeometryChange()
            self._rect, self._radius = QRectF(rect), radius
            self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(QPen(self._palette.ink, self._width))
        painter.setBrush(_NO_BRUSH)
        painter.drawRoundedRect(self._rect, self._radius, self._radius)


class ValueNode(HoverItem):
    """A node that shows a value: a rounded box filled with the value's colour.

    Used for the four layers (with a title and a tab naming the activation),
    for the terminals (x_t, h_{t-1}, C_{t-1}, C_t, h_t) and for the badges that
    show the result of a pointwise operation.

    Parameters
    ----------
    width, height : float
        Size without the unit strip; with the strip the box grows by
        ``strip_room``.
    title : str or None
        Plain notation, drawn with subscripts above the value.
    tab : str or None
        Activation name drawn on a tab over the top-left corner (``"σ"``, ``"tanh"``).
    """

    _STRIP_H = 11.0
    _OUTLINE = 1.8

    def __init__(
        self,
        palette: Palette,
        width: float,
        height: float,
        *,
        radius: float = 12.0,
        title: str | None = None,
        title_px: float = PX_TITLE,
        value_px: float = PX_VALUE_TERM,
        tab: str | None = None,
        strip_room: float = 16.0,
    ) -> None:
        super().__init__(palette)
        self._w, self._h0, self._strip_room = width, height, strip_room
        self._radius = radius
        self._title_font = make_font(title_px)
        self._value_font = make_font(value_px, bold=True)
        self._shown_font = self._value_font
        self._value_px = float(self._value_font.pixelSize())
        self._metrics = Metrics.of(self._value_font)
        self._value_height = self._metrics.height
        self._tab_font = make_font(PX_TAB, bold=True)
        self._title = ""
        self._title_st: QStaticText | None = None
        self._tab = tab
        self._tab_rect = QRectF()
        if tab is not None:
            tab_w = QFontMetricsF(self._tab_font).horizontalAdvance(tab) + 16.0
            self._tab_rect = QRectF(-width / 2 + 12.0, -height / 2 - 12.0, tab_w, 22.0)
            # A child item, cached: it never changes, while the box repaints every step.
            self._tab_item = _Tab(self._tab_rect, tab, self._tab_font, self, palette)
        self._text = NO_VALUE
        self._fill = QColor(NO_VALUE_COLOR)
        self._text_color = text_color_for(self._fill)
        self._strip_bytes: bytes | None = None  # the strip's colours, RGB32 words
        self._strip_image: QImage | None = None  # n × 1 pixels
        self._selected_color = QColor()
        self._selected_rects: tuple[QRectF, QRectF, QRectF] | None = None
        self._text_pos = QPointF()
        self._selected = -1
        self._rect = QRectF()
        self._outline: _NodeOutline | None = None
        self._layout(has_strip=False)
        if title is not None:
            self.set_title(title)

    # -------------------------------------------------------------- state
    def _layout(self, *, has_strip: bool) -> None:
        h = self._h0 + (self._strip_room if has_strip else 0.0)
        self._rect = QRectF(-self._w / 2, -h / 2, self._w, h)
        self._has_strip = has_strip
        full = self._h0 + self._strip_room  # the same with or without the strip
        bounds = QRectF(-self._w / 2, -full / 2, self._w, full).adjusted(-3, -3, 3, 3)
        self.set_bounds(
            bounds.united(self._tab_rect.adjusted(-2, -2, 2, 2)) if self._tab else bounds
        )
        # The fill stops inside the outline, which the background draws (it never
        # changes): a step fills a cached path instead of filling and stroking.
        inset = self._OUTLINE / 2
        self._fill_path = QPainterPath()
        self._fill_path.addRoundedRect(
            self._rect.adjusted(inset, inset, -inset, -inset),
            self._radius - inset,
            self._radius - inset,
        )
        if self._outline is not None:
            self._outline.set_shape(self._rect, self._radius)
        self._place_contents()

    def outline(self) -> _NodeOutline:
        """The outline to draw in the background (created on first use)."""
        if self._outline is None:
            self._outline = _NodeOutline(self._rect, self._radius, self._OUTLINE, self._palette)
        return self._outline

    def _place_contents(self) -> None:
        """Where title, value and strip go: stacked, centred vertically in the box."""
        rect = self._rect
        title_h = self._title_st.size().height() if self._title_st is not None else 0.0
        strip_h = self._STRIP_H + 5.0 if self._has_strip else 0.0
        top_pad = 6.0 if self._tab else 0.0
        total = title_h + self._value_height + strip_h
        y = rect.center().y() - total / 2 + top_pad / 2
        if self._title_st is not None:
            self._title_pos = QPointF(-self._title_st.size().width() / 2, y - 1.0)
            y += title_h
        self._value_rect = QRectF(rect.left(), y, rect.width(), self._value_height)
        y += self._value_height + 3.0
        self._strip_area = QRectF(rect.left() + 10.0, y, rect.width() - 20.0, self._STRIP_H)
        self._strip_frame = self._strip_area.adjusted(-1.0, -1.0, 1.0, 1.0)
        self._place_selected()
        self._place_baseline()
        self._place_text(self._text)

    def set_title(self, title: str) -> None:
        if title != self._title:
            self._title = title
            self._title_st = static_text(title, self._title_font)
            self._place_contents()
            self.update()

    def set_display(
        self, text: str, fill: QColor, strip: bytes | None = None, selected: int = -1
    ) -> None:
        """Show ``text`` on ``fill``; ``strip``: one cell per unit, as RGB32 words.

        ``strip`` holds B, G, R, 255 per unit (see ``CellDiagram._compute_colors``);
        the raster engine draws an RGB32 image as it is (an RGB888 one it would
        convert on every draw).
        """
        old_strip = self._strip_bytes
        strip_changed = strip != old_strip
        if (
            text == self._text
            and fill == self._fill
            and not strip_changed
            and selected == self._selected
        ):
            return
        if (strip is None) != (self._strip_bytes is None):
            self._layout(has_strip=strip is not None)
        if text != self._text:
            self._fit_value_font(text)
            self._place_text(text)
        self._text = text
        if fill != self._fill:
            self._fill = QColor(fill)
            self._text_color = text_color_for(self._fill)
        if strip_changed:
            self._strip_bytes = strip
            self._strip_image = None
            if strip is not None:
                n = len(strip) // 4
                # copy(): own the pixels (the bytes object is only borrowed)
                self._strip_image = QImage(strip, n, 1, 4 * n, QImage.Format.Format_RGB32).copy()
        if selected != self._selected or len(strip or b"") != len(old_strip or b""):
            self._selected = selected
            self._place_selected()
        if strip is not None and self._selected_rects is not None:
            self._selected_color = word_color(strip, selected)
        self.update()

    def title(self) -> str:
        return self._title

    def set_width(self, width: float) -> None:
        """Change the box width (the x_t node widens when it shows several inputs)."""
        if width != self._w:
            self._w = width
            self._layout(has_strip=self._has_strip)
            self._fit_value_font(self._text)
            self._place_text(self._text)
            self.update()

    def _fit_value_font(self, text: str) -> None:
        """Shrink the value font when ``text`` (e.g. several inputs x_t) is wider than the box."""
        room = self._w - 14.0
        font = self._value_font
        # Digits are ≈ 0.64 em wide in common UI fonts: measure only long texts.
        if len(text) * 0.7 * self._value_px > room:
            width = QFontMetricsF(self._value_font).horizontalAdvance(text)
            if width > room:
                font = QFont(self._value_font)
                font.setPixelSize(max(8, int(self._value_px * room / width)))
        if font is not self._shown_font:
            self._shown_font = font
            self._metrics = Metrics.of(font)
            self._place_baseline()

    def _place_selected(self) -> None:
        """The frame (outer, inner) and the cell of the selected unit in the strip, or None."""
        n = 0 if self._strip_bytes is None else len(self._strip_bytes) // 4
        if not 0 <= self._selected < n:
            self._selected_rects = None
            return
        area = self._strip_area
        cell = area.width() / n
        sel = QRectF(area.left() + self._selected * cell, area.top(), cell, area.height())
        if sel.width() < 4.0:
            sel.adjust(-(4.0 - sel.width()) / 2, 0, (4.0 - sel.width()) / 2, 0)
        self._selected_rects = (
            sel.adjusted(-4.5, -4.5, 4.5, 4.5),
            sel.adjusted(-2.5, -2.5, 2.5, 2.5),
            sel,
        )

    def _place_baseline(self) -> None:
        """The value row's centre and baseline, for the shown font."""
        rect, metrics = self._value_rect, self._metrics
        self._text_cx = rect.center().x()
        self._text_y = rect.top() + (rect.height() - metrics.height) / 2 + metrics.ascent

    def _place_text(self, text: str) -> None:
        """Where the value text starts: centred in the value's row (see :class:`Metrics`)."""
        self._text_pos = QPointF(self._text_cx - self._metrics.width(text) / 2, self._text_y)

    def text(self) -> str:
        return self._text

    def fill(self) -> QColor:
        return QColor(self._fill)

    # ------------------------------------------------------------ drawing
    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self._hovered or self._outline is None:
            pal = self._palette
            painter.setPen(QPen(pal.hover, 3.0) if self._hovered else QPen(pal.ink, self._OUTLINE))
            painter.setBrush(self._fill)
            painter.drawRoundedRect(self._rect, self._radius, self._radius)
        else:
            painter.fillPath(self._fill_path, self._fill)
        painter.setPen(self._text_color)
        if self._title_st is not None:
            painter.setFont(self._title_font)
            painter.drawStaticText(self._title_pos, self._title_st)
        painter.setFont(self._shown_font)
        painter.drawText(self._text_pos, self._text)
        if self._strip_image is not None:
            self._paint_strip(painter)

    def _paint_strip(self, painter: QPainter) -> None:
        """The H unit cells as one scaled image, the selected cell framed.

        Frames are filled rectangles under the image rather than stroked
        outlines: on the raster engine a stroke costs ~10× a fill, and this
        runs for every vector node on every step. The image is scaled without
        smoothing (the diagram never sets ``SmoothPixmapTransform``): each unit
        stays one flat cell.
        """
        pal = self._palette
        painter.fillRect(self._strip_frame, pal.strip_frame)
        painter.drawImage(self._strip_area, self._strip_image)
        if self._selected_rects is not None:
            outer, inner, cell = self._selected_rects
            painter.fillRect(outer, pal.ink)
            painter.fillRect(inner, pal.white)
            painter.fillRect(cell, self._selected_color)


class Legend(QGraphicsItem):
    """The two colour scales and where the diverging one saturates."""

    _LABEL_W, _BAR_W, _BAR_H, _ROW = 62.0, 120.0, 13.0, 22.0

    def __init__(self, palette: Palette) -> None:
        super().__init__()
        self._palette = palette
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._font = make_font(PX_LEGEND)
        self._c_range = 2.0
        self._x_range = 1.0
        self.retranslate()

    def retranslate(self) -> None:
        self._gates_label = QCoreApplication.translate("CellDiagram", "gates")
        self._values_label = QCoreApplication.translate("CellDiagram", "values")
        self._note = QCoreApplication.translate(
            "CellDiagram", "saturates at ±1; C at ±{c_range}, x at ±{x_range}"
        )
        self.update()

    def texts(self) -> list[str]:
        return [self._gates_label, self._values_label, self._note]

    def set_ranges(self, c_range: float, x_range: float) -> None:
        if (c_range, x_range) != (self._c_range, self._x_range):
            self._c_range, self._x_range = c_range, x_range
            self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(-2.0, -6.0, 300.0, 3 * self._ROW + 6.0)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setFont(self._font)
        x_bar = self._LABEL_W + 22.0
        for y, label, stops, low, high in (
            (0.0, self._gates_label, SEQUENTIAL_STOPS, "0", "1"),
            (self._ROW, self._values_label, DIVERGING_STOPS, "−", "+"),
        ):
            text_box = QRectF(0.0, y - 4.0, self._LABEL_W, self._BAR_H + 8.0)
            painter.setPen(self._palette.ink)
            painter.drawText(
                text_box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label
            )
            painter.setPen(self._palette.muted)
            painter.drawText(
                text_box.translated(self._LABEL_W + 2.0, 0).adjusted(0, 0, -self._LABEL_W + 16, 0),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                low,
            )
            painter.drawText(
                QRectF(x_bar + self._BAR_W + 5.0, y - 4.0, 30.0, self._BAR_H + 8.0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                high,
            )
            rect = QRectF(x_bar, y, self._BAR_W, self._BAR_H)
            grad = QLinearGradient(rect.topLeft(), rect.topRight())
            for k, stop in enumerate(stops):
                grad.setColorAt(k / (len(stops) - 1), QColor(stop))
            painter.setPen(QPen(self._palette.ink, 1.0))
            painter.setBrush(QBrush(grad))
            painter.drawRect(rect)
        note = fill_template(
            self._note, {"c_range": f"{self._c_range:g}", "x_range": f"{self._x_range:g}"}
        )
        painter.setPen(self._palette.muted)
        painter.drawText(
            QRectF(0.0, 2 * self._ROW - 4.0, 296.0, self._BAR_H + 8.0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            note,
        )
