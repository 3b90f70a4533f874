"""The nodes of the cell diagram: value boxes, pointwise operations, and the legend.

Each implements ``paint()``; a value node repaints only when what it shows changed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QLinearGradient,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPen,
    QStaticText,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
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
from .items import BoundedItem, pen
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

__all__ = ["HoverItem", "Legend", "OpNode", "ValueNode"]

_NO_BRUSH = Qt.BrushStyle.NoBrush
_CENTER = Qt.AlignmentFlag.AlignCenter


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
        painter.setPen(pen(pal.ink, 3.0))
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
        if painter.paintEngine().type() == QPaintEngine.Type.SVG:
            # An export: one rectangle per unit (vector), not an embedded image.
            area, n = self._strip_area, self._strip_image.width()
            w = area.width() / n
            for k in range(n):
                cell = QRectF(area.left() + k * w, area.top(), w, area.height())
                painter.fillRect(cell, self._strip_image.pixelColor(k, 0))
        else:
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
