"""Colours of the cell diagram, per appearance: a :class:`Palette` object per diagram.

Each :class:`~lstm_sim.gui.diagram.view.CellDiagram` owns one palette and
hands it to its items, which read it when they paint; changing the appearance
changes that diagram's palette (:meth:`Palette.set_theme`) and repaints it.
No module-level colour changes, so two diagrams can show two appearances.

The colours of the values themselves (gates on a sequential scale, signed
values on a diverging one) do not depend on the appearance: :mod:`lstm_sim.gui.colors`.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

__all__ = ["THEMES", "Palette", "word_color"]

#: The colours that change with the appearance, by theme.
THEMES: dict[str, dict[str, str]] = {
    "light": {
        "background": "#f3f5f8",
        "body_fill": "#fdfdfe",
        "body_border": "#c9d2dd",
        "ink": "#222a33",
        "muted": "#5a6573",
        "accent": "#1d4f91",
        "neutral_wire": "#8d97a5",
        "empty_wire": "#d3d9e1",
        "x_fill": "#f7f8fa",
        "op_fill": "#ffffff",
    },
    "dark": {
        "background": "#1b1f24",
        "body_fill": "#242a31",
        "body_border": "#46515e",
        "ink": "#e3e7ec",
        "muted": "#a9b4c1",
        "accent": "#8dbbff",
        "neutral_wire": "#8d97a5",
        "empty_wire": "#3b434e",
        "x_fill": "#2b3139",
        "op_fill": "#323a44",
    },
    "high_contrast": {
        "background": "#ffffff",
        "body_fill": "#ffffff",
        "body_border": "#000000",
        "ink": "#000000",
        "muted": "#000000",
        "accent": "#000000",
        "neutral_wire": "#000000",
        "empty_wire": "#6b6b6b",
        "x_fill": "#ffffff",
        "op_fill": "#ffffff",
    },
}


class Palette:
    """The diagram's colours for one appearance.

    Attributes
    ----------
    theme : str
        ``"light"``, ``"dark"`` or ``"high_contrast"``.
    background, body_fill, body_border : QColor
        The scene, and the cell body's fill and border.
    ink : QColor
        Outlines, arrows, main text.
    muted : QColor
        Captions.
    accent : QColor
        The names of the two states, the read-out.
    neutral_wire, empty_wire : QColor
        Wires that carry a concatenation, and wires with no value yet.
    x_fill : QColor
        The x_t node when it shows several inputs (its strip shows them).
    op_fill : QColor
        The pointwise-operation circles and the σ/tanh tabs.
    hover, white, strip_frame : QColor
        The outline of a hovered node, the selected strip cell's inner frame,
        and the frame of the strips (the same in every appearance).
    """

    def __init__(self, theme: str = "light") -> None:
        self.hover = QColor("#e07b00")
        self.white = QColor("#ffffff")
        self.strip_frame = QColor(20, 22, 26, 150)
        self.theme = ""
        self.set_theme(theme)

    def set_theme(self, theme: str) -> None:
        """Take the colours of ``theme`` (the diagram then repaints: ``CellDiagram.restyle``)."""
        if theme not in THEMES:
            raise ValueError(f"theme: expected one of {', '.join(THEMES)}, got {theme!r}")
        self.theme = theme
        for name, value in THEMES[theme].items():
            setattr(self, name, QColor(value))

    # (attributes set by set_theme, declared for readers and type checkers)
    background: QColor
    body_fill: QColor
    body_border: QColor
    ink: QColor
    muted: QColor
    accent: QColor
    neutral_wire: QColor
    empty_wire: QColor
    x_fill: QColor
    op_fill: QColor


def word_color(words: bytes, index: int) -> QColor:
    """The colour of RGB32 word ``index`` in ``words`` (B, G, R, 255 each)."""
    k = 4 * index
    return QColor(words[k + 2], words[k + 1], words[k])
