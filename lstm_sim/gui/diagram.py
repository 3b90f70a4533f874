"""The LSTM memory-cell diagram: the classic cell figure with the numbers flowing through it.

Layout (after C. Olah, "Understanding LSTM Networks"); [·] are value nodes,
(·) pointwise operations, ● junctions::

   t = 5           cell state C — long-term memory                  ▲ h_t (output)
            ╭───────────────────────────────────────────────────────┼──╮
   [C_{t-1}]─┼─▶(×)────[f⊙C]────▶(+)──────────────────────●─────────┼──┼─▶[C_t]
            │   ▲                 ▲                       ▼         │  │
            │   │              [i⊙g]                   (tanh)       │  │
            │   │      ╭─────────▶(×)                 [tanh C]      │  │
            │   │      │          ▲                       ▼         │  │
            │ [σ f_t] [σ i_t] [tanh C̃_t] [σ o_t] ───────▶(×)        │  │
            │   ▲      ▲          ▲          ▲            │         │  │
   [h_{t-1}]─┼─●─●──────●──────────●──────────╯      [o⊙tanh C]      │  │
            │ ▲          [h_{t-1}, x_t]                   ╰─────────●──┼─▶[h_t]
            ╰─┼─────────────────────────────────────────────────────────╯
            [x_t]        hidden state h — short-term memory        [legend]

Every node shows its current value as text and is filled with the colour of
that value (gates on a sequential scale, signed values on a diverging one, see
:mod:`lstm_sim.gui.colors`); every wire is coloured by the value it carries,
which is the value shown on the node it leaves. For H > 1 each vector node also
shows a strip of H cells, one per unit, with the selected unit outlined; the
text is the selected unit's value. Hovering a node shows its equation with the
selected unit's numbers substituted.

The items are plain :class:`QGraphicsItem` subclasses that implement
``paint()`` and ``boundingRect()`` (pyqtgraph's ``customGraphicsItem`` style).
They are created once; :meth:`CellDiagram.set_state` only hands them new values,
and an item schedules a repaint only when what it draws has changed, so one call
causes at most one repaint of the changed region.

Every user-visible string goes through Qt's translation: ``self.tr`` in
:class:`CellDiagram`, ``QCoreApplication.translate("CellDiagram", …)`` in the
items. Labels are written in the notation of DESIGN.md (``f_t``, ``C_{t-1}``)
and drawn with real subscripts (:func:`rich_notation`).
"""

from __future__ import annotations

import html
import itertools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QLineF, QPointF, QRectF, QSize, Qt
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
    QResizeEvent,
    QShowEvent,
    QStaticText,
    QTextOption,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneHelpEvent,
    QGraphicsSceneHoverEvent,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from ..session.view_model import GATE_KEYS, NODE_KEYS, StepView, node_values
from .colors import (
    DIVERGING_STOPS,
    NO_VALUE_COLOR,
    SEQUENTIAL_STOPS,
    diverging_rgb,
    gate_rgb,
    text_color_for,
)

if TYPE_CHECKING:
    from lstm_sim.engine.lstm import StepResult

__all__ = ["NODE_KEYS", "CellDiagram", "format_value", "rich_notation"]

#: Text shown where there is no value (the gates at t = 0).
NO_VALUE = "—"

# ------------------------------------------------------------------- palette
_BACKGROUND = QColor("#f3f5f8")
_BODY_FILL = QColor("#fdfdfe")
_BODY_BORDER = QColor("#c9d2dd")
_INK = QColor("#222a33")  # outlines, arrows, main text
_MUTED = QColor("#5a6573")  # captions
_ACCENT = QColor("#1d4f91")  # names of the two states
_NEUTRAL_WIRE = QColor("#8d97a5")  # wires that carry a concatenation
_EMPTY_WIRE = QColor("#d3d9e1")  # wires with no value yet
_NO_BRUSH = Qt.BrushStyle.NoBrush
_CENTER = Qt.AlignmentFlag.AlignCenter
_HOVER = QColor("#e07b00")
_WHITE = QColor("#ffffff")
_OP_FILL = QColor("#ffffff")  # pointwise-operation circles and the σ/tanh tabs
_STRIP_FRAME = QColor(20, 22, 26, 150)

# ---------------------------------------------------------------- geometry
# Scene units; the view scales the whole scene to fit (see CellDiagram.resizeEvent).
_SCENE = QRectF(0.0, 0.0, 1060.0, 600.0)
_BODY = QRectF(138.0, 60.0, 792.0, 455.0)
_CY = 112.0  # the cell-state line
_BUS_Y = 455.0  # the [h_{t-1}, x_t] bus
_HOUT_Y = 486.0  # h_t leaving to the right
_BOX_Y = 352.0  # centre line of the four layers
_BOX_W, _BOX_H = 136.0, 96.0
_COL_F, _COL_I, _COL_G, _COL_O = 235.0, 385.0, 535.0, 685.0
_COL_T = 842.0  # tanh(C_t) and o_t ⊗
_COL_UP = 912.0  # h_t going up and out
_X_L, _X_R = 72.0, 994.0  # terminals left and right
_IMUL_Y = 236.0
_TANH_Y = 196.0
_X_IN = QPointF(172.0, 560.0)
_X_W, _X_W_WIDE = 124.0, 196.0  # x_t node for D = 1 and for D > 1
_X_FILL = QColor("#f7f8fa")  # x_t node for D > 1 (its strip shows the inputs)

# The colours above, per theme. set_theme() changes the QColor objects in place, so
# every item paints with the new colours on its next repaint.
_THEMES: dict[str, dict[str, str]] = {
    "light": {
        "_BACKGROUND": "#f3f5f8",
        "_BODY_FILL": "#fdfdfe",
        "_BODY_BORDER": "#c9d2dd",
        "_INK": "#222a33",
        "_MUTED": "#5a6573",
        "_ACCENT": "#1d4f91",
        "_NEUTRAL_WIRE": "#8d97a5",
        "_EMPTY_WIRE": "#d3d9e1",
        "_X_FILL": "#f7f8fa",
        "_OP_FILL": "#ffffff",
    },
    "dark": {
        "_BACKGROUND": "#1b1f24",
        "_BODY_FILL": "#242a31",
        "_BODY_BORDER": "#46515e",
        "_INK": "#e3e7ec",
        "_MUTED": "#a9b4c1",
        "_ACCENT": "#8dbbff",
        "_NEUTRAL_WIRE": "#8d97a5",
        "_EMPTY_WIRE": "#3b434e",
        "_X_FILL": "#2b3139",
        "_OP_FILL": "#323a44",
    },
    "high_contrast": {
        "_BACKGROUND": "#ffffff",
        "_BODY_FILL": "#ffffff",
        "_BODY_BORDER": "#000000",
        "_INK": "#000000",
        "_MUTED": "#000000",
        "_ACCENT": "#000000",
        "_NEUTRAL_WIRE": "#000000",
        "_EMPTY_WIRE": "#6b6b6b",
        "_X_FILL": "#ffffff",
        "_OP_FILL": "#ffffff",
    },
}


def set_theme(name: str) -> None:
    """Use the diagram colours of theme ``name`` ("light", "dark", "high_contrast").

    Call :meth:`CellDiagram.restyle` on existing diagrams afterwards.
    """
    for const, value in _THEMES[name].items():
        globals()[const].setRgb(QColor(value).rgb())


_OP_R = 21.0  # radius of the pointwise-operation circles

# Font sizes in scene units (the scene is drawn at ≈ 0.72 px per unit at 1280×800).
_PX_VALUE_BOX = 22
_PX_VALUE_TERM = 19
_PX_VALUE_BADGE = 18
_PX_TITLE = 17
_PX_CAPTION = 16
_PX_HEADER = 19
_PX_PART = 17
_PX_TAB = 15
_PX_LEGEND = 15

_SUB_BRACED = re.compile(r"_\{([^}]*)\}")
_SUB_SINGLE = re.compile(r"_([A-Za-z0-9])")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def rich_notation(text: str) -> str:
    """Turn DESIGN.md notation into Qt rich text with subscripts.

    ``"f_t"`` → ``f<sub>t</sub>``, ``"C_{t-1}"`` → ``C<sub>t−1</sub>``; the rest is
    HTML-escaped. Translations keep the plain notation, so translators never see
    markup.
    """
    out = html.escape(text, quote=False)
    out = _SUB_BRACED.sub(lambda m: f"<sub>{m.group(1).replace('-', '−')}</sub>", out)
    out = _SUB_SINGLE.sub(r"<sub>\1</sub>", out)
    return out.replace("\n", "<br>")


def format_value(value: float, decimals: int) -> str:
    """The text of one value on the diagram: fixed point with ``decimals`` decimals.

    Exactly ``f"{value:.{decimals}f}"`` (so tests and other views can compare
    with the engine's numbers); NaN/inf as Python prints them.
    """
    return f"{value:.{decimals}f}"


def _fill(template: str, values: Mapping[str, str]) -> str:
    """Substitute ``{name}`` placeholders that are in ``values``; leave ``C_{t-1}`` alone."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _font(px: float, *, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont(QApplication.font())
    font.setPixelSize(round(px))
    font.setBold(bold)
    font.setItalic(italic)
    return font


def _word_color(words: bytes, index: int) -> QColor:
    """The colour of RGB32 word ``index`` in ``words`` (B, G, R, 255 each)."""
    k = 4 * index
    return QColor(words[k + 2], words[k + 1], words[k])


class _Metrics:
    """Advances and vertical metrics of one font, for placing short texts without a layout.

    ``QPainter.drawText`` into a rectangle with an alignment lays the text out
    (≈ 5 µs more than drawing it at a point); the value texts are a few
    characters of a small set (digits, signs, separators), so their widths are
    sums of cached advances.
    """

    _cache: ClassVar[dict[str, _Metrics]] = {}

    def __init__(self, font: QFont) -> None:
        self._metrics = QFontMetricsF(font)
        self._advance: dict[str, float] = {}
        self.ascent = self._metrics.ascent()
        self.height = self._metrics.height()

    @classmethod
    def of(cls, font: QFont) -> _Metrics:
        key = font.key()
        found = cls._cache.get(key)
        if found is None:
            found = cls._cache[key] = cls(font)
        return found

    def width(self, text: str) -> float:
        advance = self._advance
        total = 0.0
        for ch in text:
            w = advance.get(ch)
            if w is None:
                w = advance[ch] = self._metrics.horizontalAdvance(ch)
            total += w
        return total


def _static_text(text: str, font: QFont) -> QStaticText:
    """A prepared text; rich (with subscripts) only when the notation needs it."""
    # Only subscripts and line breaks need rich text ("t = 12", the time, does not).
    rich = rich_notation(text) if "_" in text or "\n" in text else None
    if rich is None or rich == html.escape(text, quote=False):
        st = QStaticText(text)
        st.setTextFormat(Qt.TextFormat.PlainText)
    else:
        st = QStaticText(rich)
        st.setTextFormat(Qt.TextFormat.RichText)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    st.setTextOption(option)
    st.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
    st.prepare(font=font)
    return st


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


#: Nodes coloured on the sequential scale (gates, 0 … 1); the others are diverging.
_SEQUENTIAL_KEYS = ("f", "i", "o")
_DIVERGING_KEYS = ("c", "c_prev", "f_mul", "x", "g", "h", "h_prev", "tanh_c", "i_mul", "o_mul")


# ===================================================================== items
class _BoundedItem(QGraphicsRectItem):
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


class _Label(_BoundedItem):
    """A rich-text label (notation with subscripts) anchored at its position.

    Parameters
    ----------
    text : str
        Plain notation (``"cell state C — long-term memory"``), already translated.
    px : float
        Font size in scene units.
    anchor : {"center", "left", "right"}
        Which point of the text sits at ``pos()`` horizontally; vertically the
        text is centred on ``pos()``.
    """

    def __init__(
        self,
        text: str,
        px: float,
        *,
        color: QColor = _INK,
        bold: bool = False,
        italic: bool = False,
        anchor: str = "center",
    ) -> None:
        super().__init__()
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._font = _font(px, bold=bold, italic=italic)
        # A reference, not a copy: set_theme() changes the module's colours in place.
        self._color = color
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
        self._st = _static_text(text, self._font)
        size = self._st.size()
        x = {"center": -size.width() / 2, "left": 0.0, "right": -size.width()}[self._anchor]
        self._rect = QRectF(x, -size.height() / 2, size.width(), size.height())
        self.set_bounds(self._rect.adjusted(-1, -1, 1, 1))
        self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setFont(self._font)
        painter.setPen(self._color)
        painter.drawStaticText(self._rect.topLeft(), self._st)


class _Panel(QGraphicsItem):
    """The cell body: a rounded rectangle with a soft shadow."""

    def __init__(self, rect: QRectF, radius: float = 26.0) -> None:
        super().__init__()
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
        painter.setBrush(_BODY_FILL)
        painter.setPen(QPen(_BODY_BORDER, 2.0))
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


class _WireCores(_BoundedItem):
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
        shape: list[QRectF] | QPainterPath | None = _segment_rects(points, _Wire._CORE)
        if shape is None:
            path = QPainterPath(points[0])
            for p in points[1:]:
                path.lineTo(p)
            shape = _outline(path, _Wire._CORE)
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


class _Wire(QGraphicsItem):
    """A wire along a polyline, drawn as a dark cable with a core coloured by its value.

    Parameters
    ----------
    points : sequence of QPointF
        The route, first to last; the arrow (if any) points at the last point.
    arrow : bool
        Draw an arrowhead at the end.
    cores : _WireCores
        Draws the coloured core (in the item's stead: the cable and the halo,
        which never change, are cached as a pixmap).
    halo : QColor or None
        Draw a wide halo of this colour under the wire, so a wire it crosses
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
        *,
        cores: _WireCores,
        arrow: bool = True,
        halo: QColor | None = None,
    ) -> None:
        super().__init__()
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
        self._color = QColor(_EMPTY_WIRE)
        width = 18.0 if halo is not None else self._OUTER
        self._bounds = path.boundingRect().united(self._arrow.boundingRect())
        self._bounds.adjust(-width, -width, width, width)
        self._cores = cores
        self._core = cores.add(pts, self._color)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._head = None if self._arrow.isEmpty() else _Arrowhead(self._arrow)

    def arrowhead(self) -> _Arrowhead | None:
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
        if self._halo is not None:
            pen = _pen(self._halo, 18.0)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.drawPath(self._path)
        painter.setPen(_pen(_INK, self._OUTER))
        painter.drawPath(self._path)


class _Arrowhead(QGraphicsPolygonItem):
    """The arrowhead of a wire whose core is drawn by :class:`_WireCores`.

    A plain Qt item, cached: a repaint asks nothing of Python for it (a Python
    item is asked for its bounding rectangle about four times per repaint, and
    a Step repaints the twelve arrowheads the cores run into).
    """

    _PEN = 1.5

    def __init__(self, polygon: QPolygonF) -> None:
        super().__init__(polygon)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.restyle()

    def restyle(self) -> None:
        """Take the current theme's ink."""
        self.setPen(_pen(_INK, self._PEN))
        self.setBrush(_INK)


class _Dot(QGraphicsEllipseItem):
    """A junction where a wire branches (a plain Qt item, cached, as :class:`_Arrowhead`)."""

    def __init__(self, radius: float = 6.0) -> None:
        super().__init__(-radius, -radius, 2 * radius, 2 * radius)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setPen(Qt.PenStyle.NoPen)
        self.restyle()

    def restyle(self) -> None:
        """Take the current theme's ink."""
        self.setBrush(_INK)


class _HoverItem(_BoundedItem):
    """Base of the nodes: outlined in the accent colour while the mouse is over it."""

    def __init__(self) -> None:
        super().__init__()
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


class _OpNode(_HoverItem):
    """A pointwise operation: a circle with × or +, or a pill reading "tanh"."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._kind = kind  # "mul", "add" or "tanh"
        if kind == "tanh":
            self._rect = QRectF(-34.0, -17.0, 68.0, 34.0)
        else:
            self._rect = QRectF(-_OP_R, -_OP_R, 2 * _OP_R, 2 * _OP_R)
        self._font = _font(_PX_TAB + 1, bold=True)
        self.set_bounds(self._rect.adjusted(-3, -3, 3, 3))

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(QPen(_HOVER if self._hovered else _INK, 3.0 if self._hovered else 2.2))
        painter.setBrush(_OP_FILL)
        if self._kind == "tanh":
            r = self._rect.height() / 2
            painter.drawRoundedRect(self._rect, r, r)
            painter.setFont(self._font)
            painter.setPen(_INK)
            painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, "tanh")
            return
        painter.drawEllipse(self._rect)
        painter.setPen(_pen(_INK, 3.0))
        a = 8.0
        if self._kind == "mul":
            painter.drawLine(QPointF(-a, -a), QPointF(a, a))
            painter.drawLine(QPointF(-a, a), QPointF(a, -a))
        else:
            a *= 1.3
            painter.drawLine(QPointF(-a, 0), QPointF(a, 0))
            painter.drawLine(QPointF(0, -a), QPointF(0, a))


class _Tab(_BoundedItem):
    """The activation's name (σ, tanh) on a tab over a layer's top-left corner."""

    def __init__(self, rect: QRectF, text: str, font: QFont, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._rect, self._text, self._font = QRectF(rect), text, font
        self.set_bounds(self._rect.adjusted(-2, -2, 2, 2))

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setPen(QPen(_INK, 1.6))
        painter.setBrush(_OP_FILL)
        r = self._rect.height() / 2
        painter.drawRoundedRect(self._rect, r, r)
        painter.setFont(self._font)
        painter.drawText(self._rect, _CENTER, self._text)


class _NodeOutline(QGraphicsItem):
    """The outline of a value node, drawn in the background (see ``_ValueNode._layout``)."""

    def __init__(self, rect: QRectF, radius: float, width: float) -> None:
        super().__init__()
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
        painter.setPen(QPen(_INK, self._width))
        painter.setBrush(_NO_BRUSH)
        painter.drawRoundedRect(self._rect, self._radius, self._radius)


class _ValueNode(_HoverItem):
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
        width: float,
        height: float,
        *,
        radius: float = 12.0,
        title: str | None = None,
        title_px: float = _PX_TITLE,
        value_px: float = _PX_VALUE_TERM,
        tab: str | None = None,
        strip_room: float = 16.0,
    ) -> None:
        super().__init__()
        self._w, self._h0, self._strip_room = width, height, strip_room
        self._radius = radius
        self._title_font = _font(title_px)
        self._value_font = _font(value_px, bold=True)
        self._shown_font = self._value_font
        self._value_px = float(self._value_font.pixelSize())
        self._metrics = _Metrics.of(self._value_font)
        self._value_height = self._metrics.height
        self._tab_font = _font(_PX_TAB, bold=True)
        self._title = ""
        self._title_st: QStaticText | None = None
        self._tab = tab
        self._tab_rect = QRectF()
        if tab is not None:
            tab_w = QFontMetricsF(self._tab_font).horizontalAdvance(tab) + 16.0
            self._tab_rect = QRectF(-width / 2 + 12.0, -height / 2 - 12.0, tab_w, 22.0)
            # A child item, cached: it never changes, while the box repaints every step.
            self._tab_item = _Tab(self._tab_rect, tab, self._tab_font, self)
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
            self._outline = _NodeOutline(self._rect, self._radius, self._OUTLINE)
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
            self._title_st = _static_text(title, self._title_font)
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
            self._selected_color = _word_color(strip, selected)
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
            self._metrics = _Metrics.of(font)
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
        """Where the value text starts: centred in the value's row (see :class:`_Metrics`)."""
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
            painter.setPen(QPen(_HOVER, 3.0) if self._hovered else QPen(_INK, self._OUTLINE))
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
        painter.fillRect(self._strip_frame, _STRIP_FRAME)
        painter.drawImage(self._strip_area, self._strip_image)
        if self._selected_rects is not None:
            outer, inner, cell = self._selected_rects
            painter.fillRect(outer, _INK)
            painter.fillRect(inner, _WHITE)
            painter.fillRect(cell, self._selected_color)


class _Legend(QGraphicsItem):
    """The two colour scales and where the diverging one saturates."""

    _LABEL_W, _BAR_W, _BAR_H, _ROW = 62.0, 120.0, 13.0, 22.0

    def __init__(self) -> None:
        super().__init__()
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._font = _font(_PX_LEGEND)
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
            painter.setPen(_INK)
            painter.drawText(
                text_box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label
            )
            painter.setPen(_MUTED)
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
            painter.setPen(QPen(_INK, 1.0))
            painter.setBrush(QBrush(grad))
            painter.drawRect(rect)
        note = _fill(self._note, {"c_range": f"{self._c_range:g}", "x_range": f"{self._x_range:g}"})
        painter.setPen(_MUTED)
        painter.drawText(
            QRectF(0.0, 2 * self._ROW - 4.0, 296.0, self._BAR_H + 8.0),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            note,
        )


# ================================================================= the view
class _DiagramScene(QGraphicsScene):
    """The scene of the items that change (values, colours, hover).

    It brings the tooltips up to date just before one is shown, and draws the
    items that never change with a step (the cell body, the cables, the
    captions, the legend) as its background, from a second scene: the view
    caches its background, so a Step repaints the values over one opaque copy
    instead of blending every fixed item again.
    """

    def __init__(self, parent: QWidget, before_help: Callable[[], None]) -> None:
        super().__init__(parent)
        self._before_help = before_help
        self.fixed = QGraphicsScene(self)
        self.fixed.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        self._before_help()
        super().helpEvent(event)

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, self.backgroundBrush())
        self.fixed.render(painter, rect, rect, Qt.AspectRatioMode.IgnoreAspectRatio)


class CellDiagram(QGraphicsView):
    """The LSTM memory cell drawn with the numbers of one time step flowing through it.

    Parameters
    ----------
    parent : QWidget, optional

    Notes
    -----
    The view holds the last state it was given only to redraw it (for
    :meth:`set_unit`, :meth:`set_value_format`); it never changes it. Node keys
    are those of :data:`NODE_KEYS`: the inputs ``x``, ``h_prev``, ``c_prev``; the
    layers ``f``, ``i``, ``g``, ``o``; the outputs ``c`` (C_t), ``h`` (h_t); and
    the pointwise results ``tanh_c`` = tanh(C_t), ``f_mul`` = f_t·C_{t-1},
    ``i_mul`` = i_t·g_t, ``o_mul`` = o_t·tanh(C_t).

    Examples
    --------
    Show step t = 5 (row 4 of a trace) for unit 0, then read the forget gate::

        view = CellDiagram()
        view.set_state(trace.step_result(4), t=5, h=trace.h[4], c=trace.c[4], unit=0)
        view.node_text("f")  # f"{trace.f[4, 0]:.3f}", e.g. '0.675'
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        scene = _DiagramScene(self, self._ensure_tooltips)
        scene.setSceneRect(_SCENE)
        scene.fixed.setSceneRect(_SCENE)
        scene.setBackgroundBrush(_BACKGROUND)
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setScene(scene)
        self._scene = scene
        # The fixed items are drawn once into the cached background; a change to
        # one of them (language, theme, legend ranges) redraws that cache.
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        scene.fixed.changed.connect(self._fixed_changed)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(_BACKGROUND)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setMinimumSize(240, 140)

        self._decimals = 3
        self._c_range = 2.0
        self._x_range = 1.0
        self._view: StepView | None = None  # what is shown (see show())
        self._t = 0
        self._hidden = 0
        self._unit = 0
        self._values: Mapping[str, np.ndarray | None] = dict.fromkeys(NODE_KEYS)
        self._pre: Mapping[str, np.ndarray] = {}
        self._rgb: dict[str, bytes] = {}
        self._limits_cache: tuple[tuple, np.ndarray] | None = None
        self._tips: dict[str, str] = {}
        self._tips_dirty = True

        # Python references to every item: PySide6 must not drop the wrappers
        # whose paint()/boundingRect() Qt calls.
        self._items: list[QGraphicsItem] = []
        self._nodes: dict[str, _ValueNode] = {}
        self._ops: dict[str, _OpNode] = {}
        self._wires: list[tuple[_Wire, str | None]] = []
        self._labels: dict[str, _Label] = {}
        self._build()
        self._retranslate()
        self._refresh()

    # ============================================================ public API
    def set_state(
        self,
        step: StepResult | None,
        *,
        t: int,
        h: np.ndarray,
        c: np.ndarray,
        unit: int = 0,
    ) -> None:
        """Show the state after step ``t``.

        Parameters
        ----------
        step : StepResult or None
            Every intermediate of step ``t`` (from ``Trace.step_result(t - 1)``),
            or None at t = 0, when only the initial state is shown and the
            gates read "—".
        t : int
            The step shown (0 = initial state).
        h, c : array_like, shape (H,)
            h_t and C_t.
        unit : int
            The selected unit, 0 ≤ unit < H.
        """
        h_arr = np.array(h, dtype=np.float64, copy=True).reshape(-1)
        c_arr = np.array(c, dtype=np.float64, copy=True).reshape(-1)
        hidden = h_arr.shape[0]
        if c_arr.shape != (hidden,):
            raise ValueError(f"c: expected shape ({hidden},) like h, got {c_arr.shape}")
        if step is not None and step.h.shape != (hidden,):
            raise ValueError(f"step: expected H = {hidden} units like h, got {step.h.shape[0]}")
        if not 0 <= unit < hidden:
            raise ValueError(f"unit: expected 0 ≤ unit < {hidden}, got {unit}")
        pre = {} if step is None else {k: step.z_gate(k) for k in GATE_KEYS}
        values = node_values(step, h_arr, c_arr)
        self.show_step(StepView(int(t), 0, int(unit), hidden, values, pre))

    def show_step(self, view: StepView) -> None:
        """Show the numbers of one step (what :meth:`Session.step_view` gives)."""
        self._view = view
        self._t = view.t
        self._hidden = view.hidden
        self._unit = view.unit
        self._values = view.values
        self._pre = view.pre
        self._refresh()

    def set_unit(self, j: int) -> None:
        """Select unit ``j`` (0 ≤ j < H): its numbers are shown and its strip cell outlined."""
        hidden = max(self._hidden, 1)
        if not 0 <= j < hidden:
            raise ValueError(f"unit: expected 0 ≤ unit < {hidden}, got {j}")
        if j != self._unit:
            self._unit = int(j)
            self._refresh(colors=False)

    def unit(self) -> int:
        """The selected unit."""
        return self._unit

    def set_value_format(self, decimals: int) -> None:
        """Show values with ``decimals`` decimals (0 … 10; default 3)."""
        if not 0 <= int(decimals) <= 10:
            raise ValueError(f"decimals: expected 0 … 10, got {decimals}")
        if int(decimals) != self._decimals:
            self._decimals = int(decimals)
            self._refresh(colors=False)

    @property
    def decimals(self) -> int:
        """Decimals of the values shown (see :meth:`set_value_format`)."""
        return self._decimals

    def set_value_ranges(self, *, c: float | None = None, x: float | None = None) -> None:
        """Set where the diverging colour scale saturates for C (default ±2) and x (default ±1)."""
        for name, value in (("c", c), ("x", x)):
            if value is not None and not (math.isfinite(value) and value > 0):
                raise ValueError(f"{name}: expected a positive range, got {value}")
        self._c_range = self._c_range if c is None else float(c)
        self._x_range = self._x_range if x is None else float(x)
        self._legend.set_ranges(self._c_range, self._x_range)
        self._refresh()

    def set_readout_text(self, text: str) -> None:
        """Show the read-out ŷ_t = W_y·h_t + b_y next to the output (empty: none)."""
        self._labels["readout"].set_text(text)

    def readout_text(self) -> str:
        """The read-out text currently shown ("" when there is no read-out)."""
        return self._labels["readout"].text()

    def node_text(self, key: str) -> str:
        """The value text shown on node ``key`` (one of :data:`NODE_KEYS`)."""
        return self._node(key).text()

    def node_tooltip(self, key: str) -> str:
        """The tooltip of node ``key``: its equation with the selected unit's numbers."""
        self._node(key)
        self._ensure_tooltips()
        return self._tips[key]

    def node_color(self, key: str) -> QColor:
        """The fill colour of node ``key`` (the colour of its selected value)."""
        return self._node(key).fill()

    def label_texts(self) -> list[str]:
        """Every label and title on the diagram, as translated (plain notation, no values)."""
        texts = [node.title() for node in self._nodes.values() if node.title()]
        texts += [label.text() for label in self._labels.values() if label.text()]
        return texts + self._legend.texts()

    def scene_items(self) -> dict[str, QGraphicsItem]:
        """The value nodes by key (for tests and for positioning overlays)."""
        return dict(self._nodes)

    def render_image(self, width: int, height: int) -> QImage:
        """Render the whole diagram into a ``width`` × ``height`` image (aspect kept, centred)."""
        image = QImage(int(width), int(height), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(_BACKGROUND)
        painter = QPainter(image)
        try:
            # No SmoothPixmapTransform: the unit strips are images scaled up cell by cell.
            painter.setRenderHints(
                QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
            )
            self._scene.render(
                painter,
                QRectF(0.0, 0.0, float(width), float(height)),
                self._scene.sceneRect(),
                Qt.AspectRatioMode.KeepAspectRatio,
            )
        finally:
            painter.end()
        return image

    def sizeHint(self) -> QSize:
        return QSize(800, 453)

    # ========================================================= Qt overrides
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self._refresh(colors=False)
        super().changeEvent(event)

    def _fit(self) -> None:
        self.fitInView(self._scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    # ============================================================ building
    def _add(
        self, item: QGraphicsItem, z: float, pos: QPointF | None = None, *, fixed: bool = False
    ) -> QGraphicsItem:
        """Put ``item`` in the scene (``fixed``: in the background, under every other item)."""
        item.setZValue(z)
        if pos is not None:
            item.setPos(pos)
        (self._scene.fixed if fixed else self._scene).addItem(item)
        self._items.append(item)
        return item

    def _fixed_changed(self, _rects: object = None) -> None:
        self.resetCachedContent()
        self.viewport().update()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        self._scene.drawBackground(painter, rect)

    def _build(self) -> None:
        """Create every item once, at its place."""
        self._add(_Panel(_BODY), 0, fixed=True)

        # --- value nodes -------------------------------------------------
        def node(key: str, pos: QPointF, **kwargs: object) -> _ValueNode:
            item = _ValueNode(**kwargs)  # type: ignore[arg-type]
            self._nodes[key] = item
            self._add(item, 5, pos)
            self._add(item.outline(), 5, pos, fixed=True)
            return item

        term = {
            "width": 104.0,
            "height": 64.0,
            "radius": 16.0,
            "value_px": _PX_VALUE_TERM,
            "title_px": _PX_TITLE + 1,
        }
        node("c_prev", QPointF(_X_L, _CY), **term)
        node("h_prev", QPointF(_X_L, _BUS_Y), **term)
        node("x", _X_IN, **{**term, "width": _X_W})
        node("c", QPointF(_X_R, _CY), **term)
        node("h", QPointF(_X_R, _HOUT_Y), **term)
        # The layers keep one size (room for the strip included) so the wires
        # always meet their edges.
        box = {
            "width": _BOX_W,
            "height": _BOX_H,
            "radius": 14.0,
            "value_px": _PX_VALUE_BOX,
            "strip_room": 0.0,
        }
        node("f", QPointF(_COL_F, _BOX_Y), tab="σ", **box)
        node("i", QPointF(_COL_I, _BOX_Y), tab="σ", **box)
        node("g", QPointF(_COL_G, _BOX_Y), tab="tanh", **box)
        node("o", QPointF(_COL_O, _BOX_Y), tab="σ", **box)
        badge = {"width": 88.0, "height": 30.0, "radius": 10.0, "value_px": _PX_VALUE_BADGE}
        badge_strip = 14.0
        node("f_mul", QPointF(_COL_I, _CY), strip_room=badge_strip, **badge)
        node("i_mul", QPointF(_COL_G, (_CY + _IMUL_Y) / 2), strip_room=badge_strip, **badge)
        node("tanh_c", QPointF(_COL_T, 272.0), strip_room=badge_strip, **badge)
        node("o_mul", QPointF(_COL_T, 428.0), strip_room=badge_strip, **badge)

        # --- pointwise operations ----------------------------------------
        def op(key: str, kind: str, pos: QPointF) -> _OpNode:
            item = _OpNode(kind)
            self._ops[key] = item
            self._add(item, 4, pos)
            return item

        op("f_mul", "mul", QPointF(_COL_F, _CY))
        op("c", "add", QPointF(_COL_G, _CY))
        op("i_mul", "mul", QPointF(_COL_G, _IMUL_Y))
        op("tanh_c", "tanh", QPointF(_COL_T, _TANH_Y))
        op("o_mul", "mul", QPointF(_COL_T, _BOX_Y))

        # --- wires -------------------------------------------------------
        # Cables (cached, in the background) under one item drawing every coloured
        # core, under the arrowheads. A wire with a halo goes over all of them: its
        # halo and cable (cached), then its core and arrowhead, over the wires it
        # crosses.
        cores, upper_cores = _WireCores(), _WireCores()
        self._add(cores, 2.5)
        self._add(upper_cores, 3.5)

        def wire(value_key: str | None, *points: tuple[float, float], **kwargs: object) -> None:
            pts = [QPointF(x, y) for x, y in points]
            halo = kwargs.get("halo") is not None
            item = _Wire(pts, cores=upper_cores if halo else cores, **kwargs)  # type: ignore[arg-type]
            self._wires.append((item, value_key))
            self._add(item, 3 if halo else 2, fixed=not halo)
            head = item.arrowhead()
            if head is not None:
                self._add(head, 3.7 if halo else 2.7)

        r, half_w = _OP_R, _BOX_W / 2
        box_top, box_bottom = _BOX_Y - _BOX_H / 2, _BOX_Y + _BOX_H / 2
        # The cell-state line.
        wire("c_prev", (_X_L + 52, _CY), (_COL_F - r, _CY))
        wire("f_mul", (_COL_F + r, _CY), (_COL_G - r, _CY))
        wire("c", (_COL_G + r, _CY), (_X_R - 52, _CY), halo=_BODY_FILL)
        wire("c", (_COL_T, _CY), (_COL_T, _TANH_Y - 17))
        wire("tanh_c", (_COL_T, _TANH_Y + 17), (_COL_T, _BOX_Y - r))
        # The gates into the pointwise operations.
        wire("f", (_COL_F, box_top), (_COL_F, _CY + r))
        wire("i", (_COL_I, box_top), (_COL_I, _IMUL_Y), (_COL_G - r, _IMUL_Y))
        wire("g", (_COL_G, box_top), (_COL_G, _IMUL_Y + r))
        wire("i_mul", (_COL_G, _IMUL_Y - r), (_COL_G, _CY + r))
        wire("o", (_COL_O + half_w, _BOX_Y), (_COL_T - r, _BOX_Y))
        # h_t: down, out to the right, and up out of the top.
        wire("h", (_COL_T, _BOX_Y + r), (_COL_T, _HOUT_Y), (_X_R - 52, _HOUT_Y))
        wire("h", (_COL_UP, _HOUT_Y), (_COL_UP, 8.0))
        # The inputs: h_{t-1} and x_t join into the bus that feeds the four layers.
        x_join = _X_IN.x()
        wire("h_prev", (_X_L + 52, _BUS_Y), (x_join, _BUS_Y), arrow=False)
        wire("x", (x_join, _X_IN.y() - 31), (x_join, _BUS_Y))
        wire(None, (x_join, _BUS_Y), (_COL_O, _BUS_Y), arrow=False)
        for col in (_COL_F, _COL_I, _COL_G, _COL_O):
            wire(None, (col, _BUS_Y), (col, box_bottom))
        for x, y in (
            (x_join, _BUS_Y),
            (_COL_F, _BUS_Y),
            (_COL_I, _BUS_Y),
            (_COL_G, _BUS_Y),
            (_COL_T, _CY),
            (_COL_UP, _HOUT_Y),
        ):
            self._add(_Dot(), 6, QPointF(x, y))

        # --- labels ------------------------------------------------------
        def label(key: str, pos: QPointF, px: float, **kwargs: object) -> None:
            item = _Label("", px, **kwargs)  # type: ignore[arg-type]
            self._labels[key] = item
            self._add(item, 7, pos, fixed=key not in ("time", "unit", "readout"))

        label("h_up", QPointF(_COL_UP + 16, 20.0), _PX_TITLE + 1, anchor="left")
        # The linear read-out of a trained model, under the output arrow's label.
        label("readout", QPointF(_COL_UP + 16, 44.0), _PX_CAPTION, color=_ACCENT, anchor="left")
        label("cap_f_mul", QPointF(_COL_I, _CY - 34), _PX_CAPTION, color=_MUTED, italic=True)
        label(
            "cap_i_mul",
            QPointF(_COL_G + 52, (_CY + _IMUL_Y) / 2),
            _PX_CAPTION,
            color=_MUTED,
            italic=True,
            anchor="left",
        )
        label(
            "cap_tanh_c",
            QPointF(_COL_T - 50, 272.0),
            _PX_CAPTION,
            color=_MUTED,
            italic=True,
            anchor="right",
        )
        label(
            "cap_o_mul",
            QPointF(_COL_T - 50, 428.0),
            _PX_CAPTION,
            color=_MUTED,
            italic=True,
            anchor="right",
        )
        label(
            "cap_bus",
            QPointF((_COL_I + _COL_G) / 2, _BUS_Y + 20),
            _PX_CAPTION,
            color=_MUTED,
            italic=True,
        )
        label("part_c", QPointF(_BODY.center().x(), 40.0), _PX_PART, color=_ACCENT, bold=True)
        label("part_h", QPointF(_BODY.center().x(), 562.0), _PX_PART, color=_ACCENT, bold=True)
        label("time", QPointF(16.0, 24.0), _PX_HEADER, bold=True, anchor="left")
        label("unit", QPointF(16.0, 50.0), _PX_CAPTION, color=_MUTED, anchor="left")

        self._legend = _Legend()
        self._add(self._legend, 7, QPointF(772.0, 536.0), fixed=True)

    def _retranslate(self) -> None:
        """(Re)set every fixed text, and the text templates, from the current translation."""
        titles = {
            "c_prev": self.tr("C_{t-1}"),
            "h_prev": self.tr("h_{t-1}"),
            "x": self.tr("x_t"),
            "c": self.tr("C_t"),
            "h": self.tr("h_t"),
            "f": self.tr("forget gate f_t"),
            "i": self.tr("input gate i_t"),
            "g": self.tr("candidate C̃_t"),
            "o": self.tr("output gate o_t"),
        }
        for key, text in titles.items():
            self._nodes[key].set_title(text)
        labels = {
            "h_up": self.tr("h_t (output)"),
            "cap_f_mul": self.tr("f_t ⊙ C_{t-1}"),
            "cap_i_mul": self.tr("i_t ⊙ g_t"),
            "cap_tanh_c": self.tr("tanh(C_t)"),
            "cap_o_mul": self.tr("o_t ⊙ tanh(C_t)"),
            "cap_bus": self.tr("[h_{t-1}, x_t]"),
            "part_c": self.tr("cell state C — long-term memory"),
            "part_h": self.tr("hidden state h — short-term memory"),
        }
        for key, text in labels.items():
            self._labels[key].set_text(text)
        self._legend.retranslate()
        # Templates used on every refresh, translated once here (tr() is not free).
        self._texts = {
            "time0": self.tr("t = 0 (initial state)"),
            "time": self.tr("t = {t}"),
            "unit": self.tr("unit {j} of H = {hidden}"),
            "x_norm": self.tr("‖x‖ = {norm}"),
            "no_step": self.tr("no step computed yet (t = 0)"),
            "c0": self.tr("C_0 = {v} (initial cell state)"),
            "h0": self.tr("h_0 = {v} (initial hidden state)"),
            "prev_step": self.tr("(the state after step {k})"),
            "step": self.tr("step t = {t}"),
        }
        self._what = {
            "f": self.tr("forget gate f_t — how much of C_{t-1} is kept"),
            "i": self.tr("input gate i_t — how much of the candidate is written into C_t"),
            "g": self.tr("candidate C̃_t — new content proposed for the cell state"),
            "o": self.tr("output gate o_t — how much of tanh(C_t) is exposed as h_t"),
            "c": self.tr("cell state C_t — long-term memory"),
            "h": self.tr("hidden state h_t — short-term memory and the output"),
            "c_prev": self.tr("cell state C_{t-1} from the previous step"),
            "h_prev": self.tr("hidden state h_{t-1} from the previous step"),
            "x": self.tr("input x_t"),
            "f_mul": self.tr("the part of the old cell state that is kept"),
            "i_mul": self.tr("the new content written into the cell state"),
            "tanh_c": self.tr("the cell state squashed into −1 … 1"),
            "o_mul": self.tr("the exposed part of the cell state: h_t"),
        }
        self._equations = {
            "f": self.tr("f_t = σ(W_f·[h_{t-1}, x_t] + b_f)"),
            "i": self.tr("i_t = σ(W_i·[h_{t-1}, x_t] + b_i)"),
            "g": self.tr("C̃_t = g_t = tanh(W_g·[h_{t-1}, x_t] + b_g)"),
            "o": self.tr("o_t = σ(W_o·[h_{t-1}, x_t] + b_o)"),
            "c": self.tr("C_t = f_t·C_{t-1} + i_t·g_t"),
            "h": self.tr("h_t = o_t·tanh(C_t)"),
            "c_prev": "C_{t-1}",
            "h_prev": "h_{t-1}",
            "x": "x_t",
            "f_mul": "f_t·C_{t-1}",
            "i_mul": "i_t·g_t",
            "tanh_c": "tanh(C_t)",
            "o_mul": "o_t·tanh(C_t)",
        }
        self._tips_dirty = True

    # ============================================================ updating
    def restyle(self) -> None:
        """Repaint everything with the current theme's colours (after :func:`set_theme`)."""
        self._scene.setBackgroundBrush(_BACKGROUND)
        self.setBackgroundBrush(_BACKGROUND)
        for item in [*self._scene.items(), *self._scene.fixed.items()]:
            if isinstance(item, _Arrowhead | _Dot):
                item.restyle()
            item.update()
        self._fixed_changed()
        self._refresh()  # wires and nodes take their colours again
        self._scene.update()

    def highlight(self, keys: list[str] | tuple[str, ...]) -> None:
        """Outline the nodes ``keys`` (and only them); an empty list clears it."""
        for key, node in self._nodes.items():
            node.set_highlighted(key in keys)

    def highlighted(self) -> list[str]:
        """The nodes currently outlined."""
        return [key for key, node in self._nodes.items() if node._hovered]

    def _node(self, key: str) -> _ValueNode:
        try:
            return self._nodes[key]
        except KeyError:
            keys = ", ".join(NODE_KEYS)
            raise KeyError(f"node key: expected one of {keys}, got {key!r}") from None

    def _compute_colors(self) -> dict[str, bytes]:
        """Every valued node's colours as RGB32 words, one colour-scale call per scale.

        A node's bytes hold B, G, R, 255 per unit (0xffRRGGBB in memory order): the
        strips draw them as an image as they are, and the fills read them as ints.
        The gates take the sequential scale; the rest the diverging one, each
        group saturating at its own limit (C at ±c_range, x at ±x_range, the
        others at ±1).
        """
        values = self._values
        sequential = [k for k in _SEQUENTIAL_KEYS if values[k] is not None]
        diverging = [k for k in _DIVERGING_KEYS if values[k] is not None]
        keys = sequential + diverging
        if not keys:
            return {}
        arrays = [values[k] for k in keys]
        sizes = [a.shape[0] for a in arrays]  # type: ignore[union-attr]
        flat = np.concatenate(arrays)  # type: ignore[arg-type]
        m = sum(sizes[: len(sequential)])
        words = np.full((len(flat), 4), 255, np.uint8)
        if m:
            words[:m, :3] = gate_rgb(flat[:m])[:, ::-1]
        if m < len(flat):
            limits = self._limits(diverging, sizes[len(sequential) :])
            words[m:, :3] = diverging_rgb(flat[m:] / limits, 1.0)[:, ::-1]
        blob = words.tobytes()
        colors: dict[str, bytes] = {}
        start = 0
        for key, n in zip(keys, sizes, strict=True):
            colors[key] = blob[4 * start : 4 * (start + n)]
            start += n
        return colors

    def _limits(self, keys: list[str], sizes: list[int]) -> np.ndarray:
        """Where the diverging scale saturates, per unit of the nodes ``keys`` (kept)."""
        signature = (tuple(keys), tuple(sizes), self._c_range, self._x_range)
        if self._limits_cache is None or self._limits_cache[0] != signature:
            per_key = {"c": self._c_range, "c_prev": self._c_range, "f_mul": self._c_range}
            per_key["x"] = self._x_range
            limits = np.repeat([per_key.get(k, 1.0) for k in keys], sizes)
            self._limits_cache = (signature, limits)
        return self._limits_cache[1]

    def _x_text(self, x: np.ndarray) -> str:
        if x.shape[0] <= 3:
            return ", ".join(format_value(float(v), self._decimals) for v in x)
        norm = format_value(float(np.linalg.norm(x)), self._decimals)
        return _fill(self._texts["x_norm"], {"norm": norm})

    def _refresh(self, *, colors: bool = True) -> None:
        """Push texts, colours and strips of the stored state into the items.

        Items repaint only what changed; tooltips are rebuilt lazily (on hover or
        :meth:`node_tooltip`), since most steps are never hovered.
        """
        if colors:
            self._rgb = self._compute_colors()
        j = self._unit
        empty = QColor(NO_VALUE_COLOR)
        wire_colors: dict[str, QColor] = {}
        for key in NODE_KEYS:
            v = self._values[key]
            item = self._nodes[key]
            if v is None:
                if key == "x":
                    item.set_width(_X_W)
                item.set_display(NO_VALUE, empty)
                wire_colors[key] = _EMPTY_WIRE
                continue
            words = self._rgb[key]
            if key == "x":
                single = v.shape[0] == 1
                item.set_width(_X_W if single else _X_W_WIDE)
                fill = _word_color(words, 0) if single else _X_FILL
                item.set_display(self._x_text(v), fill, None if single else words, -1)
                wire_colors[key] = fill if single else _NEUTRAL_WIRE
                continue
            fill = _word_color(words, j)
            strip = words if v.shape[0] > 1 else None
            item.set_display(format_value(float(v[j]), self._decimals), fill, strip, j)
            wire_colors[key] = fill
        for wire, key in self._wires:
            wire.set_color(_NEUTRAL_WIRE if key is None else wire_colors[key])
        hidden = self._hidden
        if not self._pre and self._t == 0:
            self._labels["time"].set_text(self._texts["time0"])
        else:
            self._labels["time"].set_text(_fill(self._texts["time"], {"t": str(self._t)}))
        unit_text = _fill(self._texts["unit"], {"j": str(j), "hidden": str(hidden)})
        self._labels["unit"].set_text(unit_text if hidden > 1 else "")
        self._tips_dirty = True

    # ============================================================ tooltips
    def _ensure_tooltips(self) -> None:
        """Rebuild the tooltips if the state changed since they were last built.

        :meth:`node_tooltip` returns the plain notation (``f_t = σ(…)``); the
        items show the same text as rich text, with real subscripts and the
        name in bold.
        """
        if self._tips_dirty:
            self._tips_dirty = False
            self._tips = self._tooltips()
            for key, tip in self._tips.items():
                name, *rest = tip.split("\n")
                lines = [f"<b>{rich_notation(name)}</b>", *map(rich_notation, rest)]
                rich = "<br>".join(f"<nobr>{line}</nobr>" for line in lines)
                self._nodes[key].set_tooltip(rich)
                if key in self._ops:
                    self._ops[key].set_tooltip(rich)

    def _tooltips(self) -> dict[str, str]:
        """Tooltip text of every node: what it is, and its equation with numbers."""
        d = self._decimals
        j = self._unit
        t = self._t
        vals = self._values
        texts = self._texts

        def num(key: str) -> str:
            v = vals[key]
            return NO_VALUE if v is None else format_value(float(v[j]), d)

        def operand(key: str) -> str:
            text = num(key)
            return f"({text})" if text.startswith("-") else text

        has_step = bool(self._pre)
        subst: dict[str, str] = {}
        if has_step:
            z = {k: format_value(float(self._pre[k][j]), d) for k in GATE_KEYS}
            subst = {
                "f": f"σ({z['f']})",
                "i": f"σ({z['i']})",
                "g": f"tanh({z['g']})",
                "o": f"σ({z['o']})",
                "c": f"{operand('f')}·{operand('c_prev')} + {operand('i')}·{operand('g')}",
                "h": f"{operand('o')}·{operand('tanh_c')}",
                "f_mul": f"{operand('f')}·{operand('c_prev')}",
                "i_mul": f"{operand('i')}·{operand('g')}",
                "tanh_c": f"tanh({num('c')})",
                "o_mul": f"{operand('o')}·{operand('tanh_c')}",
            }
        tips: dict[str, str] = {}
        for key in NODE_KEYS:
            eq = self._equations[key]
            lines = [self._what[key]]
            v = vals[key]
            if v is None:
                lines += [eq, texts["no_step"]]
            elif key == "x":
                shown = ", ".join(format_value(float(a), d) for a in v)
                lines.append(f"{eq} = {shown}" if v.shape[0] == 1 else f"{eq} = [{shown}]")
            elif key in subst:
                lines.append(f"{eq} = {subst[key]} = {num(key)}")
            elif key in ("c", "h"):  # the initial state (t = 0)
                lines.append(_fill(texts["c0" if key == "c" else "h0"], {"v": num(key)}))
            else:
                lines.append(f"{eq} = {num(key)}")
            if v is not None and key != "x" and v.shape[0] > 1:
                lines.append(_fill(texts["unit"], {"j": str(j), "hidden": str(v.shape[0])}))
            if has_step:
                if key in ("c_prev", "h_prev"):
                    lines.append(_fill(texts["prev_step"], {"k": str(t - 1)}))
                else:
                    lines.append(_fill(texts["step"], {"t": str(t)}))
            tips[key] = "\n".join(lines)
        return tips
