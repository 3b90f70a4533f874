"""Toolbar icons painted in the palette's colours, so they stay legible in every appearance.

The style's standard media icons are dark glyphs whatever the palette: on the
dark appearance they vanish into the toolbar. These glyphs are filled shapes
painted with QPainter in the palette's ButtonText colour (its Disabled variant
for disabled actions), edged with a thin halo of the Window colour so that they
also stand out on a menu's highlighted row. Build them again when the palette
changes (:class:`~lstm_sim.gui.transport.Transport` does, on PaletteChange).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QIcon,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPalette,
    QPen,
    QPixmap,
    QTransform,
)

__all__ = ["GLYPHS", "glyph_path", "palette_icon"]

#: The glyphs :func:`palette_icon` draws: the transport's reset |◀◀, back |◀, play ▶,
#: pause ❚❚, step ▶|, end ▶▶|, and a dock's title-bar buttons close × and float ⧉.
GLYPHS = ("reset", "back", "play", "pause", "step", "end", "close", "float")

#: Pixel sizes rendered into every icon (toolbars, menus, high-DPI screens).
ICON_SIZES = (16, 20, 24, 32, 48, 64)


def _triangle(path: QPainterPath, left: float, right: float, top: float, bottom: float) -> None:
    """A right-pointing triangle in the box left … right, top … bottom."""
    path.moveTo(left, top)
    path.lineTo(right, (top + bottom) / 2)
    path.lineTo(left, bottom)
    path.closeSubpath()


def glyph_path(kind: str) -> QPainterPath:
    """The outline of glyph ``kind`` (one of :data:`GLYPHS`) in the unit square 0 … 1."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    forward = {"reset": "end", "back": "step"}.get(kind, kind)
    if forward in ("close", "float"):
        return _outline_glyph(forward)
    if forward == "play":
        _triangle(path, 0.24, 0.86, 0.14, 0.86)
    elif forward == "pause":
        path.addRect(QRectF(0.22, 0.16, 0.2, 0.68))
        path.addRect(QRectF(0.58, 0.16, 0.2, 0.68))
    elif forward == "step":  # ▶|
        _triangle(path, 0.18, 0.66, 0.16, 0.84)
        path.addRect(QRectF(0.68, 0.16, 0.14, 0.68))
    elif forward == "end":  # ▶▶|
        _triangle(path, 0.06, 0.44, 0.2, 0.8)
        _triangle(path, 0.42, 0.8, 0.2, 0.8)
        path.addRect(QRectF(0.8, 0.2, 0.12, 0.6))
    else:
        raise ValueError(f"unknown glyph {kind!r}")
    if forward != kind:  # the backward glyphs mirror the forward ones
        path = QTransform(-1.0, 0.0, 0.0, 1.0, 1.0, 0.0).map(path)
    return path


def _outline_glyph(kind: str) -> QPainterPath:
    """Line glyphs (× and ⧉), as the filled outline of their strokes."""
    lines = QPainterPath()
    if kind == "close":
        lines.moveTo(0.24, 0.24)
        lines.lineTo(0.76, 0.76)
        lines.moveTo(0.76, 0.24)
        lines.lineTo(0.24, 0.76)
    else:  # float: two overlapping windows
        lines.addRect(QRectF(0.16, 0.36, 0.46, 0.46))
        lines.moveTo(0.36, 0.36)
        lines.lineTo(0.36, 0.16)
        lines.lineTo(0.84, 0.16)
        lines.lineTo(0.84, 0.62)
        lines.lineTo(0.62, 0.62)
    stroker = QPainterPathStroker()
    stroker.setWidth(0.12)
    stroker.setCapStyle(Qt.PenCapStyle.SquareCap)
    stroker.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    path = stroker.createStroke(lines).simplified()
    path.setFillRule(Qt.FillRule.WindingFill)
    return path


def _pixmap(kind: str, size: int, color: QColor, halo: QColor) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size, size)
    path = glyph_path(kind)
    # The halo first (a wide stroke of the background colour), then the glyph over it.
    painter.strokePath(path, QPen(halo, max(1.0, size / 16) * 2 / size))
    painter.fillPath(path, color)
    painter.end()
    return pixmap


def palette_icon(kind: str, palette: QPalette) -> QIcon:
    """Glyph ``kind`` in the colours of ``palette``: normal, active, selected and disabled."""
    group, role = QPalette.ColorGroup, QPalette.ColorRole
    normal = palette.color(group.Active, role.ButtonText)
    disabled = palette.color(group.Disabled, role.ButtonText)
    halo = palette.color(group.Active, role.Window)
    icon = QIcon()
    for size in ICON_SIZES:
        pixmap = _pixmap(kind, size, normal, halo)
        for mode in (QIcon.Mode.Normal, QIcon.Mode.Active, QIcon.Mode.Selected):
            icon.addPixmap(pixmap, mode)
        icon.addPixmap(_pixmap(kind, size, disabled, halo), QIcon.Mode.Disabled)
    return icon
