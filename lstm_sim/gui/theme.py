"""Appearance: follow the system's light/dark scheme, or choose light, dark or high contrast.

Widgets get a Fusion palette; the pyqtgraph plots and the cell diagram get
matching colours (they paint themselves, so the palette alone would not reach them).

High contrast is more than colours: plot lines and cursors are drawn
:data:`LINE_SCALE` times wider, and a :data:`FOCUS_RING` pixels wide ring
surrounds the control that has the keyboard focus (Fusion's own focus
indication is a hairline).
"""

from __future__ import annotations

from typing import ClassVar

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPen, QRegion
from PySide6.QtWidgets import QApplication, QFocusFrame, QProxyStyle, QStyle, QWidget

from . import diagram as _diagram
from .icons import palette_icon
from .plots.curves import Cursor, FastCurve, PanelTitle

__all__ = [
    "APPEARANCES",
    "FOCUS_RING",
    "LINE_SCALE",
    "apply_theme",
    "current_theme",
    "focus_ring",
    "resolve_theme",
    "restyle_plots",
    "scale_pen",
]

#: Setting value → menu text source (translated by the menu).
APPEARANCES = ("system", "light", "dark", "high_contrast")

PLOT_COLORS = {
    "light": {"background": "#ffffff", "foreground": "#404040"},
    "dark": {"background": "#1b1f24", "foreground": "#d0d6de"},
    "high_contrast": {"background": "#ffffff", "foreground": "#000000"},
}

#: Width factor of plot lines (curves, cursors, axes) per theme.
LINE_SCALE = {"light": 1.0, "dark": 1.0, "high_contrast": 2.0}

#: Width (px) of the ring around the focused control per theme; 0: the style's own only.
FOCUS_RING = {"light": 0, "dark": 0, "high_contrast": 3}

_theme = "light"


def resolve_theme(choice: str | None) -> str:
    """The theme to use for a setting: "system" follows the OS colour scheme (Qt ≥ 6.5)."""
    if choice in ("light", "dark", "high_contrast"):
        return choice
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def _palette(theme: str, style: QStyle) -> QPalette:
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
        return style.standardPalette()
    for r, c in colors.items():
        pal.setColor(r, QColor(c))
    disabled = QColor("#7a828c") if theme == "dark" else QColor("#555555")
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, r, disabled)
    return pal


def current_theme() -> str:
    """The theme :func:`apply_theme` applied last ("light", "dark" or "high_contrast")."""
    return _theme


def _pen_items(scene) -> list:
    """The lines of a plot scene whose width follows the theme: curves and infinite lines."""
    items = []
    for item in scene.items():
        if isinstance(item, pg.PlotDataItem | pg.InfiniteLine | FastCurve | Cursor) or (
            # a PlotDataItem's own curve takes its pen from the PlotDataItem
            isinstance(item, pg.PlotCurveItem)
            and not isinstance(item.parentItem(), pg.PlotDataItem)
        ):
            items.append(item)
    return items


def scale_pen(item, theme: str | None = None) -> None:
    """Draw a pyqtgraph curve or line at the width of ``theme`` (default: the current one).

    The width the item has the first time it is seen is its base width, kept
    on the item; the pen becomes base × :data:`LINE_SCALE`. Plots call this for
    curves they create after the theme was applied; :func:`restyle_plots` does
    it for all that exist.
    """
    if isinstance(item, pg.InfiniteLine | Cursor):
        current = item.pen
    else:
        current = item.opts.get("pen")
        if current is None:  # no line (symbols only)
            return
    pen = QPen(pg.mkPen(current))
    base = getattr(item, "_lstm_base_width", None)
    if base is None:
        base = pen.widthF()
        item._lstm_base_width = base
    scale = LINE_SCALE[theme or _theme]
    # Width 0 is a cosmetic one-pixel pen: scale it as width 1.
    width = base * scale if base > 0 or scale == 1.0 else scale
    if pen.widthF() != width:
        pen.setWidthF(width)
        item.setPen(pen)


def restyle_plots(root: QWidget, theme: str) -> None:
    """Background, axis and text colours, and line widths, of every pyqtgraph view below
    ``root``."""
    colors = PLOT_COLORS[theme]
    views = root.findChildren(pg.GraphicsView)
    if isinstance(root, pg.GraphicsView):
        views.append(root)
    width = LINE_SCALE[theme]
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
            elif isinstance(item, PanelTitle):
                item.set_colors(QColor(colors["foreground"]), QColor(colors["background"]))
        for item in _pen_items(scene):
            scale_pen(item, theme)


# --------------------------------------------------------------------- style
#: Standard icons drawn from the palette instead (icons.py): a dock's title-bar buttons.
_PALETTE_ICONS = {
    QStyle.StandardPixmap.SP_TitleBarCloseButton: "close",
    QStyle.StandardPixmap.SP_DockWidgetCloseButton: "close",
    QStyle.StandardPixmap.SP_TitleBarNormalButton: "float",
}


class _Style(QProxyStyle):
    """Fusion, with two changes that follow the theme.

    The dock title-bar buttons' icons are drawn in the palette's text colour
    (Fusion's are grey whatever the palette, faint on the dark appearance), and
    the focus-frame margins are as wide as the theme's focus ring
    (:class:`_FocusRing` is a QFocusFrame, which sizes itself by them).
    """

    def __init__(self, theme: str) -> None:
        super().__init__("Fusion")
        self.theme = theme
        self.ring_width = FOCUS_RING[theme]

    def pixelMetric(self, metric, option=None, widget=None) -> int:
        if metric in (
            QStyle.PixelMetric.PM_FocusFrameHMargin,
            QStyle.PixelMetric.PM_FocusFrameVMargin,
        ):
            return self.ring_width
        return super().pixelMetric(metric, option, widget)

    def styleHint(self, hint, option=None, widget=None, data=None) -> int:
        if hint == QStyle.StyleHint.SH_FocusFrame_AboveWidget:
            return 1  # masked to the ring, so nothing of the control is covered
        return super().styleHint(hint, option, widget, data)

    #: Fusion draws the edge of a check box or radio button in the window colour
    #: darkened by 140 %: an unchecked box all but vanishes on the dark appearance
    #: (contrast 1.1:1 with the window) and is faint on the light ones (1.7:1). The
    #: indicator is drawn with this window colour instead, whose darkened edge
    #: stands out ≥ 3:1 (WCAG 1.4.11, non-text contrast; tests/test_gui_polish.py).
    _INDICATOR_WINDOW: ClassVar[dict[str, str]] = {
        "dark": "#d0d6de",
        "light": "#a6a6a6",
        "high_contrast": "#303030",
    }
    _INDICATORS = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
    )

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        if element in self._INDICATORS:
            option = type(option)(option)
            window = QColor(self._INDICATOR_WINDOW[self.theme])
            option.palette.setColor(QPalette.ColorRole.Window, window)
        super().drawPrimitive(element, option, painter, widget)

    def standardIcon(self, icon, option=None, widget=None) -> QIcon:
        glyph = _PALETTE_ICONS.get(icon)
        if glyph is None:
            return super().standardIcon(icon, option, widget)
        if option is not None:
            palette = option.palette
        elif widget is not None:
            palette = widget.palette()
        else:
            palette = QApplication.palette()
        return palette_icon(glyph, palette)


# ---------------------------------------------------------------- focus ring
class _FocusRing(QFocusFrame):
    """A ring of the palette's Highlight colour around the focused control."""

    def paintEvent(self, _event) -> None:
        w = FOCUS_RING[_theme]
        outer = self.rect()
        ring = QRegion(outer) - QRegion(outer.adjusted(w, w, -w, -w))
        painter = QPainter(self)
        painter.setClipRegion(ring)
        painter.fillRect(outer, QApplication.palette().color(QPalette.ColorRole.Highlight))
        painter.end()


_ring: _FocusRing | None = None
_following_focus = False


def focus_ring() -> QFocusFrame | None:
    """The ring around the focused control (high contrast), or None when there is none."""
    if _ring is None or not shiboken6.isValid(_ring) or _ring.widget() is None:
        return None
    return _ring


def _place_ring(widget: QWidget | None = None) -> None:
    """Put the focus ring around ``widget`` (default: the focused one), or take it away."""
    global _ring
    if widget is None:
        widget = QApplication.focusWidget()
    if (
        FOCUS_RING[_theme] <= 0
        or widget is None
        or widget.isWindow()
        or widget.window().windowType() == Qt.WindowType.Popup
    ):
        if _ring is not None and shiboken6.isValid(_ring):
            _ring.setWidget(None)
        return
    if _ring is None or not shiboken6.isValid(_ring):  # gone with the window it was in
        _ring = _FocusRing()
    _ring.setWidget(widget)


def _on_focus_changed(_old: QWidget | None, new: QWidget | None) -> None:
    _place_ring(new)


def _follow_focus(app: QApplication) -> None:
    global _following_focus
    if not _following_focus:
        app.focusChanged.connect(_on_focus_changed)
        _following_focus = True
    if _ring is not None and shiboken6.isValid(_ring):
        _ring.setWidget(None)  # sized anew by the new style's margins
    _place_ring()


def apply_theme(choice: str | None, windows: list[QWidget] | tuple[QWidget, ...] = ()) -> str:
    """Apply the appearance ``choice`` to the application and to ``windows``; returns the theme."""
    global _theme
    theme = resolve_theme(choice)
    _theme = theme
    app = QApplication.instance()
    current = app.style()
    # Already in place (a new window, e.g. after a language switch, applies the
    # theme before building its widgets): setting a style again re-polishes
    # every widget of the application (≈ 0.15 s for a main window).
    if not (isinstance(current, _Style) and current.theme == theme):
        style = _Style(theme)
        # The palette first: setting the style then keeps it, and the widgets that
        # fetch standard icons on the style change (dock title bars) get them in
        # the new colours.
        app.setPalette(_palette(theme, style))
        app.setStyle(style)
    colors = PLOT_COLORS[theme]
    pg.setConfigOption("background", colors["background"])
    pg.setConfigOption("foreground", colors["foreground"])
    for window in windows:
        restyle_plots(window, theme)
        for diagram in window.findChildren(_diagram.CellDiagram):
            diagram.set_theme(theme)
    _follow_focus(app)
    return theme
