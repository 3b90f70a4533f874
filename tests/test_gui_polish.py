"""Issue 13, items 7 and 8 (outside the plots): what a new user trips over, through what
the user uses.

Menus with one mnemonic per entry (English and 简体中文), the redo key the README
names, "1 step" not "1 steps", no "−0.000", x_t in the values table per input,
and Enter in "Different input size" loading the file (item 8); the first window's
size, the tour beside what it shows, check boxes visible in dark mode, and nothing
hidden with the weights editor open at 1280 × 800 (item 7).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QStyle, QStyleOptionButton

from lstm_sim.gui.main_window import MainWindow, first_size
from lstm_sim.gui.menus import REDO_KEYS
from lstm_sim.gui.mnemonics import mnemonic, with_mnemonics
from lstm_sim.gui.numbers import format_value
from lstm_sim.gui.tour import place_beside
from lstm_sim.gui.weights.commands import ParamsCommand
from lstm_sim.session import Entry
from lstm_sim.session.commands import weight_edit

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture
def window(show_window, english):
    return show_window(size=(1280, 800))


def _menus(window: MainWindow) -> list[tuple[str, QMenu]]:
    """Every menu of the menu bar (submenus included), filled as a user opening it sees it."""
    found: list[tuple[str, QMenu]] = [("menu bar", window.menuBar())]
    todo = [a.menu() for a in window.menuBar().actions() if a.menu()]
    while todo:
        menu = todo.pop(0)
        menu.aboutToShow.emit()  # e.g. Open Recent fills itself when opened
        found.append((menu.title(), menu))
        todo.extend(a.menu() for a in menu.actions() if a.menu())
    return found


def _check_mnemonics(window: MainWindow, language: str) -> int:
    checked = 0
    for title, menu in _menus(window):
        seen: dict[str, str] = {}
        for action in menu.actions():
            if action.isSeparator() or (not action.isEnabled() and not action.menu()):
                continue  # "(no recent files)"
            text = action.text()
            key = mnemonic(text)
            assert key is not None, f"{language}: {text!r} in {title!r} has no mnemonic"
            assert key not in seen, f"{language}: {text!r} and {seen[key]!r} share &{key}"
            seen[key] = text
            if language == "zh_CN" and re.search("[\u4e00-\u9fff]", text):
                # Chinese style: the Latin letter in brackets, "文件(&F)", "打开(&O)…"
                assert re.search(r"\(&[A-Z0-9]\)(…)?$", text), text
            checked += 1
    return checked


def test_every_menu_has_unique_mnemonics_in_english_and_chinese(window, qtbot):
    window.file_actions.recent.add_recent(str(Path(__file__)))  # Open Recent has an entry
    n = _check_mnemonics(window, "en")
    assert n > 40
    window.language_actions["zh_CN"].trigger()
    qtbot.wait(1)
    assert _check_mnemonics(window, "zh_CN") == n
    # the dock toggles keep the menu's text (a dock sets its title there on a switch)
    assert window.weight_editor.toggleViewAction().text() == "权重编辑器(&W)"
    window.language_actions["en"].trigger()
    qtbot.wait(1)
    assert window.weight_editor.toggleViewAction().text() == "&Weights editor"
    # playing renames Play to Pause: still a mnemonic
    window.transport.play_action.trigger()
    assert mnemonic(window.transport.play_action.text()) == "P"
    window.transport.pause()


def test_with_mnemonics_gives_free_letters():
    assert with_mnemonics(["LSTM remembers", "LSTM forgets"]) == [
        "&LSTM remembers",
        "LSTM &forgets",
    ]
    assert with_mnemonics(["a && b", "Save &As"], taken="A") == ["a && &b", "Save &As"]
    assert with_mnemonics(["打开…", "保存"], taken="A") == ["打开(&B)…", "保存(&C)"]
    assert mnemonic("Hochreiter && Schmidhuber") is None


def test_redo_keys_are_the_ones_the_readme_names(window, qtbot):
    shown = window.redo_action.shortcut().toString()
    assert shown == "Ctrl+Shift+Z"  # what the menu shows
    keys = [k.toString() for k in window.redo_action.shortcuts()]
    assert keys == [k.toString() for k in REDO_KEYS] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    (row,) = [line for line in README.read_text().splitlines() if "redo" in line.lower()][:1]
    assert "Ctrl+Shift+Z" in row and "Ctrl+Y" in row, row
    # both keys redo an edit, wherever the focus is
    session = window.session
    before = session.params.weight_hh[0, 0]
    edit = weight_edit(session, Entry("i", "recurrent", 0, 0), before + 1.0)
    window.undo_stack.push(ParamsCommand(session, edit, "edit"))
    assert session.params.weight_hh[0, 0] == before + 1.0
    for key in ("Ctrl+Shift+Z", "Ctrl+Y"):
        window.undo_action.trigger()
        assert session.params.weight_hh[0, 0] == before
        window.activateWindow()
        qtbot.keyClick(window, QKeySequence(key)[0].key(), QKeySequence(key)[0].keyboardModifiers())
        assert session.params.weight_hh[0, 0] == before + 1.0, key


def test_bptt_window_reads_one_step_not_one_steps(window, qtbot):
    box = window.controls.window_box
    window.controls.window_all.setChecked(False)
    box.setValue(1)
    assert box.text() == "1 step"
    box.setValue(2)
    assert box.text() == "2 steps"
    assert window.session.settings.window == 2
    window.language_actions["zh_CN"].trigger()
    qtbot.wait(1)
    assert box.text() == "2 步"
    # typing a number still works
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "7")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert window.session.settings.window == 7
    window.language_actions["en"].trigger()


def test_one_number_format_without_negative_zero(window):
    assert format_value(-0.25) == "−0.2500"
    assert format_value(-1e-9, 3) == format_value(-0.0004, 3) == "0.000"
    assert format_value(0.0004, 3) == "0.000"
    assert format_value(-0.0006, 3) == "−0.001"
    assert format_value(float("-inf"), 3) == "−inf"
    # the diagram, the equations and the values table use it: no "−0.000" anywhere
    # every pre-activation −1e-9: C̃, C and h are tiny negative numbers at every step
    s = window.session
    p = s.params
    zero = np.zeros_like
    s.set_params(
        replace(
            p,
            weight_ih=zero(p.weight_ih),
            weight_hh=zero(p.weight_hh),
            bias_ih=np.full_like(p.bias_ih, -1e-9),
            bias_hh=zero(p.bias_hh),
        )
    )
    window.values.show()
    for t in range(1, 30):
        window.request_step(t)
        texts = [window.diagram.node_text(k) for k in ("x", "f", "i", "g", "o", "c", "h")]
        texts += window.equations.lines()
        texts += [c for row in window.values.rendered()["cells"] for c in row]
        for text in texts:
            assert not re.search(r"[-−]0\.0+(?![0-9])", text), text


def test_values_table_lists_x_t_per_input(window, qtbot, tmp_path):
    window.values.show()
    window.load_example("adding")
    window.request_step(3)
    s = window.session
    D, H = s.sequence.input_size, s.hidden_size
    shown = window.values.rendered()
    assert "x_t" not in shown["rows"]  # not a row of the per-unit table
    assert shown["columns"] == [f"unit {j}" for j in range(H)]
    assert shown["inputs"]["columns"] == list(s.sequence.input_names)
    assert len(shown["inputs"]["cells"]) == D
    x = s.sequence.inputs[2]
    assert shown["inputs"]["cells"] == [format_value(v) for v in x]


def test_enter_in_different_input_size_loads_the_file(window, qtbot, tmp_path):
    path = tmp_path / "three.npy"
    np.save(path, np.random.default_rng(3).normal(size=(20, 3)))
    assert window.session.sequence.input_size != 3
    pressed = []
    tries = [0]

    def press_enter():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            tries[0] += 1
            if tries[0] < 200:  # (else the test fails below rather than hanging)
                QTimer.singleShot(20, press_enter)
            return
        pressed.append(box.defaultButton() is box.button(QMessageBox.StandardButton.Yes))
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(20, press_enter)
    window.file_actions.opener.open_path(str(path))
    qtbot.waitUntil(lambda: window.session.sequence.input_size == 3, timeout=10_000)
    assert pressed == [True]


# ------------------------------------------------------------------ item 7
def test_first_window_fits_the_screen():
    frame = QSize(8, 38)
    big = first_size(QSize(1920, 1080), frame)
    assert big.width() > 1280 and big.height() > 800
    assert big.width() <= 1920 - 8 and big.height() <= 1080 - 38
    small = first_size(QSize(1280, 800), frame)
    assert small == QSize(1280 - 8, 800 - 38)  # fits, and uses the room there is
    assert first_size(QSize(1024, 700)) == QSize(1024, 700)


def test_fit_to_screen_uses_the_available_geometry(window, qtbot):
    window.fit_to_screen()
    qtbot.wait(1)
    area = window.screen().availableGeometry()
    assert area.contains(window.frameGeometry()), (area, window.frameGeometry())
    frame = window.frameGeometry().size() - window.size()
    assert window.size() == first_size(area.size(), frame)


def test_place_beside_never_covers_the_rect():
    area = QRect(0, 0, 1280, 800)
    size = QSize(450, 200)
    for avoid in (
        QRect(60, 100, 650, 300),  # page 1: most of the diagram
        QRect(430, 210, 280, 190),  # page 4: the output gate
        QRect(0, 0, 1000, 500),  # only the bottom is left
    ):
        p = place_beside(size, avoid, area)
        assert area.contains(QRect(p, size))
        assert not QRect(p, size).intersects(avoid), avoid
    # no room anywhere: the corner that covers least
    assert place_beside(size, QRect(0, 0, 1000, 700), area) == QPoint(830, 600)


def test_tour_dialog_does_not_cover_the_nodes_it_highlights(window, qtbot):
    tour = window.show_tour()
    qtbot.waitExposed(tour)
    for page in range(len(tour.pages)):
        tour.show_page(page)
        qtbot.wait(1)
        nodes = tour.highlighted_rect()
        if tour.pages[page][2]:
            assert not nodes.isEmpty()
            assert not tour.frameGeometry().intersects(nodes), (page, nodes)
    tour.close()


def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("look", ["dark", "light", "high_contrast"])
def test_unchecked_check_boxes_are_visible(window, qtbot, look):
    """The box of an unchecked check box stands out ≥ 3:1 from the window (WCAG 1.4.11)."""
    window.set_appearance(look)
    qtbot.wait(1)  # the palette change reaches the widgets
    box = window.controls.clamp_i
    assert not box.isChecked()
    image = box.grab().toImage()
    opt = QStyleOptionButton()
    opt.initFrom(box)
    r = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, opt, box)
    ratio = image.devicePixelRatio()
    background = box.palette().window().color()
    best = max(
        _contrast(QColor(image.pixel(round(x * ratio), round(y * ratio))), background)
        for x in range(r.left(), r.right() + 1)
        for y in range(r.top(), r.bottom() + 1)
    )
    assert best >= 3.0, (look, best, r)
    window.set_appearance("light")


def test_weights_editor_open_at_1280x800_hides_nothing(window, qtbot):
    window.resize(1280, 800)
    window.load_example("sine")
    window.request_step(3)
    window.weight_editor.show()
    qtbot.wait(20)
    # the what-if controls: wholly on screen, not behind a scroll bar
    bar = window.controls
    for w in (bar.what_if, bar.clamp_f, bar.clamp_i, bar.clamp_o, bar.window_all):
        assert w.isVisible()
        assert w.visibleRegion().boundingRect() == w.rect(), w
        top_left = w.mapTo(window, w.rect().topLeft())
        assert window.rect().contains(QRect(top_left, w.size()))
    assert bar.layout().rows() >= 2  # it wrapped instead
    # the read-out label ŷ_t is inside the diagram's view, not clipped
    d = window.diagram
    label = d._labels["readout"]
    assert "ŷ_t" in d.readout_text() and "0." in d.readout_text()
    shown = d.mapFromScene(label.sceneBoundingRect()).boundingRect()
    assert d.viewport().rect().contains(shown), (shown, d.viewport().rect())
