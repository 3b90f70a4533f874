"""Appearance: follow the system's light/dark scheme, or choose light, dark or high contrast.

Widgets get a Fusion palette; the pyqtgraph plots and the cell diagram get
matching colours (they paint themselves, so the palette alone would not reach them).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from . import diagram as _diagram

__all__ = ["APPEARANCES", "apply_theme", "resolve_theme", "restyle_plots"]

#: Setting value → menu text source (translated by the menu).
APPEARANCES = ("system", "light", "dark", "high_contrast")

PLOT_COLORS = {
    "light": {"background": "#ffffff", "foreground": "#404040"},
    "dark": {"background": "#1b1f24", "foreground": "#d0d6de"},
    "high_contrast": {"background": "#ffffff", "foreground": "#000000"},
}


def resolve_theme(choice: str | None) -> str:
    """The theme to use for a setting: "system" follows the OS colour scheme (Qt ≥ 6.5)."""
    if choice in ("light", "dark", "high_contrast"):
        return choice
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def _palette(theme: str) -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    if theme == "dark":
        colors = {
            role.Window: "#23272e",
            role.WindowText: "#e3e7ec",
            role.Base: "#1b1f24",
            role.AlternateBase: "#262b32",
            role.ToolTipBase: "#2d333b",
            role.ToolTipText: "#e3e7ec",
            role.Text: "#e3e7ec",
            role.Button: "#2d333b",
            role.ButtonText: "#e3e7ec",
            role.BrightText: "#ff6b6b",
            role.Highlight: "#3d7bd9",
            role.HighlightedText: "#ffffff",
            role.Link: "#8dbbff",
            role.PlaceholderText: "#8b95a1",
        }
    elif theme == "high_contrast":
        colors = {
            role.Window: "#ffffff",
            role.WindowText: "#000000",
            role.Base: "#ffffff",
            role.AlternateBase: "#f0f0f0",
            role.ToolTipBase: "#ffffe0",
            role.ToolTipText: "#000000",
            role.Text: "#000000",
            role.Button: "#ffffff",
            role.ButtonText: "#000000",
            role.BrightText: "#c00000",
            role.Highlight: "#000080",
            role.HighlightedText: "#ffffff",
            role.Link: "#0000c0",
            role.PlaceholderText: "#404040",
        }
    else:
        return QApplication.style().standardPalette()
    for r, c in colors.items():
        pal.setColor(r, QColor(c))
    disabled = QColor("#7a828c") if theme == "dark" else QColor("#555555")
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, r, disabled)
    return pal


def restyle_plots(root: QWidget, theme: str) -> None:
    """Background, axis and text colours of every pyqtgraph view below ``root``."""
    colors = PLOT_COLORS[theme]
    views = root.findChildren(pg.GraphicsView)
    if isinstance(root, pg.GraphicsView):
        views.append(root)
    width = 2 if theme == "high_contrast" else 1
    for view in views:
        view.setBackground(colors["background"])
        scene = view.scene()
        if scene is None:
            continue
        for item in scene.items():
            if isinstance(item, pg.AxisItem):
                item.setPen(pg.mkPen(colors["foreground"], width=width))
                item.setTextPen(pg.mkPen(colors["foreground"]))
            elif isinstance(item, pg.LegendItem):
                item.setLabelTextColor(colors["foreground"])
            elif isinstance(item, pg.LabelItem):
                item.setAttr("color", colors["foreground"])
                item.setText(item.text)


def apply_theme(choice: str | None, windows: list[QWidget] | tuple[QWidget, ...] = ()) -> str:
    """Apply the appearance ``choice`` to the application and to ``windows``; returns the theme."""
    theme = resolve_theme(choice)
    app = QApplication.instance()
    app.setStyle("Fusion")
    app.setPalette(_palette(theme))
    colors = PLOT_COLORS[theme]
    pg.setConfigOption("background", colors["background"])
    pg.setConfigOption("foreground", colors["foreground"])
    _diagram.set_theme(theme)
    for window in windows:
        restyle_plots(window, theme)
        for diagram in window.findChildren(_diagram.CellDiagram):
            diagram.restyle()
    return theme
