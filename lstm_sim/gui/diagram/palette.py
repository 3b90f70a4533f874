"""Colours of the cell diagram, per appearance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
)

if TYPE_CHECKING:
    pass

__all__ = ["set_theme"]


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


def _word_color(words: bytes, index: int) -> QColor:
    """The colour of RGB32 word ``index`` in ``words`` (B, G, R, 255 each)."""
    k = 4 * index
    return QColor(words[k + 2], words[k + 1], words[k])
