"""Accessibility across appearances: toolbar icons legible in light, dark and high
contrast; high contrast thickens lines and the focus indication; the undo history
survives a language switch."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QToolButton

from lstm_sim.gui import app as gui_app
from lstm_sim.gui import theme
from lstm_sim.gui.i18n import current_language, install_language
from lstm_sim.gui.icons import GLYPHS, glyph_path, palette_icon
from lstm_sim.gui.main_window import MainWindow
from lstm_sim.session import Entry

APPEARANCES = ("light", "dark", "high_contrast")


@pytest.fixture
def window(qtbot, settings):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.set_appearance("light")
    win.transport.pause()
    win.cancel_jobs()
    win.wait_for_jobs()


# ------------------------------------------------------------------ contrast
def _luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of sRGB colours (…, 3) in 0 … 255."""
    c = rgb / 255.0
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return lin @ np.array([0.2126, 0.7152, 0.0722])


def _contrast(l1: float, l2: float) -> float:
    hi, lo = max(l1, l2), min(l1, l2)
    return (hi + 0.05) / (lo + 0.05)


def _rgba(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    w, h = image.width(), image.height()
    data = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes())
    return data.reshape(h, image.bytesPerLine())[:, : 4 * w].reshape(h, w, 4).astype(float)


def _glyph_contrast(icon: QIcon, background: QColor, mode=QIcon.Mode.Normal) -> float:
    """WCAG contrast between the glyph (mean luminance) and ``background``.

    The glyph is the icon's opaque pixels at 24 px, less those of about the
    background's colour (the glyph's halo, which melts into the background).
    """
    px = _rgba(icon.pixmap(QSize(24, 24), mode).toImage())
    bg = float(_luminance(np.array([background.red(), background.green(), background.blue()])))
    lum = _luminance(px[..., :3])
    ink = (px[..., 3] >= 250) & ((np.maximum(lum, bg) + 0.05) / (np.minimum(lum, bg) + 0.05) > 1.2)
    assert ink.sum() >= 60, "the glyph is (nearly) empty"
    return _contrast(float(lum[ink].mean()), bg)


def test_glyphs_are_distinct_shapes():
    areas = {kind: glyph_path(kind).boundingRect() for kind in GLYPHS}
    assert all(0.5 < r.width() <= 1.0 and 0.5 < r.height() <= 1.0 for r in areas.values())
    # backward glyphs mirror forward ones
    assert areas["reset"].left() == pytest.approx(1.0 - areas["end"].right())
    assert areas["back"].left() == pytest.approx(1.0 - areas["step"].right())
    with pytest.raises(ValueError):
        glyph_path("rewind")


def test_palette_icon_is_drawn_in_the_palettes_text_colour(qapp):
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#101010"))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor("#f0f0f0"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#909090"))
    icon = palette_icon("play", palette)
    normal = _glyph_contrast(icon, QColor("#101010"))
    assert normal > 10  # #f0f0f0 on #101010 is 17:1; antialiased edges take some off
    disabled = _glyph_contrast(icon, QColor("#101010"), QIcon.Mode.Disabled)
    assert 3 < disabled < normal  # dimmer, still legible


@pytest.mark.parametrize("appearance", APPEARANCES)
def test_toolbar_icons_contrast_with_the_toolbar(window, qtbot, appearance):
    window.set_appearance(appearance)
    qtbot.wait(1)  # palette change events
    transport = window.transport
    background = window.palette().color(QPalette.ColorRole.Window)
    for action in transport.actions():
        ratio = _glyph_contrast(action.icon(), background)
        assert ratio >= 3.0, (appearance, action.text(), ratio)
    transport.play()
    try:
        assert transport.play_action.icon().cacheKey() != transport.play_icon.cacheKey()
        assert _glyph_contrast(transport.play_action.icon(), background) >= 3.0
    finally:
        transport.pause()
    # what is on screen: the toolbar button paints a glyph that stands out of its background
    button = next(
        b for b in window.findChildren(QToolButton) if b.defaultAction() is transport.play_action
    )
    px = _rgba(button.grab().toImage())
    lum = _luminance(px[..., :3])
    bg = float(_luminance(np.array([background.red(), background.green(), background.blue()])))
    ratio = (np.maximum(lum, bg) + 0.05) / (np.minimum(lum, bg) + 0.05)
    assert (ratio >= 3.0).sum() >= 40, appearance
    # the dock title bars' float and close buttons too
    title_buttons = [
        b
        for b in window.weight_editor.findChildren(QAbstractButton)
        if b.metaObject().className() == "QDockWidgetTitleButton"
    ]
    assert len(title_buttons) == 2
    for b in title_buttons:
        assert _glyph_contrast(b.icon(), background) >= 3.0, (appearance, b.toolTip())
    # tool tips and shortcuts are kept
    assert transport.play_action.shortcut().toString() == "Space"
    assert transport.play_action.toolTip().startswith("Play / pause")
    assert transport.reset_action.shortcut().toString() == "Home"


def test_icons_follow_an_appearance_change_while_playing(window, qtbot):
    transport = window.transport
    window.set_appearance("light")
    qtbot.wait(1)
    transport.play()
    try:
        window.set_appearance("dark")
        qtbot.wait(1)
        dark_bg = window.palette().color(QPalette.ColorRole.Window)
        assert dark_bg.lightness() < 80
        icon = transport.play_action.icon()
        assert icon.cacheKey() == transport.pause_icon.cacheKey()  # still the pause glyph
        assert _glyph_contrast(icon, dark_bg) >= 4.5
    finally:
        transport.pause()
    assert transport.play_action.icon().cacheKey() == transport.play_icon.cacheKey()
    assert _glyph_contrast(transport.play_action.icon(), dark_bg) >= 4.5


# ------------------------------------------------------------ high contrast
def _widths(window: MainWindow) -> dict[str, float]:
    """Pen widths of the time plots: cursor, left axis and every curve."""
    plots = window.plots
    widths = {
        "cursor": plots.cursors["h"].pen.widthF(),
        "axis": plots.plots["h"].getAxis("left").pen().widthF(),
    }
    for key, plot in plots.plots.items():
        for k, item in enumerate(plot.listDataItems()):
            widths[f"{key}[{k}]"] = item.opts["pen"].widthF()
    assert len(widths) > 6, "no curves found"
    return widths


def test_high_contrast_thickens_lines_and_the_focus_ring(window, qtbot):
    window.set_appearance("light")
    qtbot.wait(1)
    normal = _widths(window)
    window.activateWindow()
    qtbot.waitActive(window)
    window.controls.unit_box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.controls.unit_box)
    assert theme.focus_ring() is None

    window.set_appearance("high_contrast")
    qtbot.wait(1)
    thick = _widths(window)
    for key, width in normal.items():
        assert thick[key] >= 1.9 * max(width, 1.0), (key, width, thick[key])
    ring = theme.focus_ring()
    assert ring is not None and ring.widget() is window.controls.unit_box and ring.isVisible()
    box = window.controls.unit_box.geometry()
    width = theme.FOCUS_RING["high_contrast"]
    assert width >= 2
    # (the ring may sit in an ancestor of the box's parent: compare on the screen)
    ring_rect = QRect(ring.parentWidget().mapToGlobal(ring.pos()), ring.size())
    box_rect = QRect(window.controls.unit_box.mapToGlobal(QPoint(0, 0)), box.size())
    assert ring_rect == box_rect.adjusted(-width, -width, width, width)
    # the ring is painted: just outside the box, the Highlight colour
    image = window.grab().toImage()
    origin = window.controls.unit_box.mapTo(window, QPoint(0, 0))
    pixel = image.pixelColor(origin.x() + box.width() // 2, origin.y() - width + 1)
    assert pixel == window.palette().color(QPalette.ColorRole.Highlight)

    # the ring follows the focus
    window.controls.loss_box.setFocus()
    qtbot.waitUntil(lambda: theme.focus_ring() is not None)
    assert theme.focus_ring().widget() is window.controls.loss_box

    # back to light: the widths the plots were made with, and no ring
    window.set_appearance("light")
    qtbot.wait(1)
    assert _widths(window) == normal
    assert theme.focus_ring() is None


# ------------------------------------------------------------------- undo
@pytest.fixture
def english(settings):
    install_language("en")
    yield
    install_language("en")


def test_undo_history_survives_a_language_switch(qtbot, english):
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.weight_editor.show()
    session = window.session
    entry = Entry("f", "input", 2, 0)
    old = session.params
    window.weight_editor.spin_box(entry).setValue(-1.5)
    edited = session.params
    assert edited.weight_ih[4 + 2, 0] == -1.5
    stack = window.undo_stack

    zh = gui_app.switch_language(window, "zh_CN")
    try:
        assert current_language() == "zh_CN"
        assert zh is window  # retranslated in place: the same window, the same stack
        assert zh.undo_stack is stack and stack.parent() is zh and stack.count() == 1
        assert zh.undo_action.isEnabled()
        assert zh.undo_action.text().startswith("撤销")  # Edit ▸ Undo speaks Chinese now
        assert zh.weight_editor.undo_button.isEnabled()
        zh.undo_action.trigger()
        assert zh.session is session and session.params == old
        assert zh.weight_editor.spin_box(entry).value() == 0.0
        assert zh.redo_action.isEnabled()
        zh.weight_editor.redo_button.click()
        assert session.params == edited
        assert zh.weight_editor.spin_box(entry).value() == -1.5
        # a new edit in the new language lands on the same stack
        zh.weight_editor.spin_box(entry).setValue(0.5)
        assert stack.count() == 2
        stack.undo()
        assert session.params == edited
    finally:
        zh.transport.pause()
        zh.cancel_jobs()
        zh.wait_for_jobs()
