"""A language switch retranslates the window in place: the same window, with its state.

Each test is a defect users found (issue 13, item 4) when the switch rebuilt the
whole window: each switches through View ▸ Language, as a user does, and looks
at what the window shows afterwards.
"""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontInfo, QImage, QPainter
from PySide6.QtWidgets import QApplication

from lstm_sim.gui.i18n import current_language
from lstm_sim.gui.main_window import MainWindow
from lstm_sim.scenarios import SCENARIOS
from lstm_sim.session import Entry


@pytest.fixture
def window(qtbot, english):
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    session = win.session
    yield win
    for w in _windows(session):
        w.transport.pause()
        w.cancel_jobs()
        w.wait_for_jobs()


def _windows(session) -> list[MainWindow]:
    """The visible main windows on ``session`` (the first one, if it still lives)."""
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, MainWindow) and shiboken6.isValid(w) and w.isVisible()
        if w.session is session
    ]


def switch(window: MainWindow, qtbot, code: str) -> MainWindow:
    """Choose ``code`` in View ▸ Language; returns the window that shows the session then."""
    window.language_actions[code].trigger()
    session = window.session
    qtbot.wait(1)  # posted language-change events
    (shown,) = _windows(session)
    qtbot.addWidget(shown)
    assert current_language() == code
    return shown


def test_the_same_window_survives_the_switch_with_its_state(window, qtbot):
    session = window.session
    stack = window.undo_stack
    window.weight_editor.show()
    window.values.show()
    session.set_step(7)
    window.weight_editor.spin_box(Entry("f", "bias", 0)).setValue(1.5)
    assert stack.count() == 1
    window.tabs.setCurrentIndex(1)
    geometry = bytes(window.saveGeometry())

    shown = switch(window, qtbot, "zh_CN")
    assert shown is window  # retranslated in place, not rebuilt
    assert window.undo_stack is stack and stack.count() == 1 and window.undo_action.isEnabled()
    assert window.weight_editor.isVisible() and window.values.isVisible()
    assert window.tabs.currentIndex() == 1 and bytes(window.saveGeometry()) == geometry
    assert window.file_menu.title() == "文件(&F)"
    assert window.transport.label.text() == f"t = 7 / {session.T}"
    window.undo_action.trigger()
    assert not window.undo_action.isEnabled() and window.redo_action.isEnabled()
    assert session.params.b_f[0] != 1.5

    back = switch(window, qtbot, "en")
    assert back is window and window.file_menu.title() == "&File"


def test_a_scenarios_explanation_stays_the_scenarios(window, qtbot):
    scn = SCENARIOS[0]
    window.load_scenario(scn.key)
    assert window.compare.explanation.text() == scn.explanation
    shown = switch(window, qtbot, "zh_CN")
    zh = QCoreApplication.translate("Scenarios", scn.explanation)
    assert zh != scn.explanation
    assert shown.compare.explanation.text() == zh


def test_the_window_title_is_wholly_in_the_new_language(window, qtbot):
    scn = SCENARIOS[0]
    window.load_scenario(scn.key)
    shown = switch(window, qtbot, "zh_CN")
    title = QCoreApplication.translate("Scenarios", scn.title)
    app = QCoreApplication.translate("MainWindow", "LSTM Cell Simulator")
    assert shown.windowTitle() == f"{title}[*] — {app}"
    back = switch(shown, qtbot, "en")
    assert back.windowTitle() == f"{scn.title}[*] — LSTM Cell Simulator"


def test_the_equations_keep_their_monospace_font(window, qtbot):
    family = QFontInfo(window.equations.view.font()).family()
    window.transport.step_action.trigger()
    shown = switch(window, qtbot, "zh_CN")
    assert QFontInfo(shown.equations.view.font()).family() == family


def _drawn(text: str, font: QFont) -> QImage:
    image = QImage(60, 60, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(10, 45, text)
    painter.end()
    return image


def test_the_candidate_keeps_its_tilde(window, qtbot):
    """The diagram draws its titles (and exports them) in the application font: in
    Chinese, C̃ must be drawn as in English (a CJK font drawing the Latin letters
    puts no visible tilde on the C)."""

    def title_font() -> QFont:
        font = QFont(QApplication.font())
        font.setPixelSize(17)  # the diagram's title size
        return font

    english = _drawn("C\u0303", title_font())
    shown = switch(window, qtbot, "zh_CN")
    assert shown.diagram.scene_items()["g"].title() == "候选记忆 C\u0303_t"
    assert _drawn("C\u0303", title_font()) == english
    assert _drawn("C\u0303", title_font()) != _drawn("C", title_font())  # the tilde is there


def test_a_bptt_window_of_all_stays_all(window, qtbot):
    window.controls.window_all.setChecked(True)
    assert window.session.settings.window is None
    shown = switch(window, qtbot, "zh_CN")
    assert shown.session.settings.window is None
    assert shown.controls.window_all.isChecked() and not shown.controls.window_box.isEnabled()
    assert "1" not in shown.controls.window_box.text()  # not "1 steps"
