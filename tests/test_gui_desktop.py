"""Desktop conventions and accessibility: values table, tour, appearance, remembered layout,
keyboard reach, and an installed wheel that finds its resources."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QWidget

from lstm_sim.engine import run
from lstm_sim.gui.equations import format_value
from lstm_sim.gui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def window(qtbot, settings):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.set_appearance("light")
    win.cancel_jobs()
    win.wait_for_jobs()


def test_values_table_shows_the_engine_numbers(window):
    window.values.show()
    for _ in range(6):
        window.transport.step_action.trigger()
    ref = run(window.session.params, window.session.sequence.inputs[:6])
    for key, arr in (("f", ref.f), ("i", ref.i), ("c", ref.c), ("h", ref.h)):
        for j in range(window.session.hidden_size):
            assert window.values.cell_text(key, j) == format_value(arr[5, j])
    assert window.values.table.accessibleName()


def test_tour_points_at_the_parts(window):
    tour = window.show_tour()
    assert set(window.diagram.highlighted()) == {"c_prev", "c", "h_prev", "h"}
    tour.next_button.click()
    assert "f" in window.diagram.highlighted()
    while tour.next_button.isEnabled():
        tour.next_button.click()
    assert window.diagram.highlighted() == []
    tour.close()
    assert window.diagram.highlighted() == []


def test_dark_appearance_reaches_plots_and_diagram(window, settings, qtbot):
    window.set_appearance("dark")
    qtbot.wait(1)  # the palette reaches widgets through posted change events
    assert QSettings().value("appearance") == "dark"
    assert window.palette().color(QPalette.ColorRole.Window).lightness() < 80
    bg = window.plots.layout_widget.backgroundBrush().color()
    assert bg.lightness() < 60
    assert window.diagram.palette_colors().theme == "dark"
    assert window.diagram.palette_colors().background.lightness() < 60
    img = window.diagram.render_image(400, 250)
    assert img.pixelColor(3, 3).lightness() < 60  # the diagram's background is dark too
    window.set_appearance("light")
    assert window.plots.layout_widget.backgroundBrush().color().lightness() > 200
    assert window.diagram.render_image(400, 250).pixelColor(3, 3).lightness() > 200
    window.set_appearance("high_contrast")
    qtbot.wait(1)
    assert window.palette().color(QPalette.ColorRole.WindowText).name() == "#000000"
    # each diagram has its own palette: a new one draws as the appearance says, and
    # another diagram's appearance is not changed by it
    from lstm_sim.gui.diagram import CellDiagram

    other = CellDiagram(theme="dark")
    qtbot.addWidget(other)
    assert other.palette_colors().background.lightness() < 60
    assert window.diagram.palette_colors().theme == "high_contrast"


def test_geometry_and_docks_survive_a_restart(qtbot, settings):
    first = MainWindow()
    qtbot.addWidget(first)
    first.resize(760, 560)  # within the offscreen screen (800 × 800), which clamps geometry
    first.show()
    first.values.show()
    qtbot.waitExposed(first)
    qtbot.wait(1)
    expected = first.size()
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.restore_layout()
    second.show()
    assert second.size() == expected
    assert second.values.isVisible()


def test_every_control_is_reachable_by_keyboard(window):
    """Controls accept focus from the keyboard, and menus carry mnemonics."""
    controls = [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QAbstractSpinBox | QComboBox) and w.isVisibleTo(window)
    ]
    assert controls
    unreachable = [
        w.objectName() or type(w).__name__ or w.text()
        for w in controls
        if not (w.focusPolicy() & Qt.FocusPolicy.TabFocus)
    ]
    assert not unreachable, unreachable
    for menu in (window.file_menu, window.edit_menu, window.view_menu, window.help_menu):
        assert "&" in menu.title()
    assert "Ctrl+Q" in [k.toString() for k in window.quit_action.shortcuts()]


def test_installed_wheel_finds_its_resources(tmp_path):
    """`pip install .` gives a package that finds examples, icon and translations
    without the checkout (here: the wheel unpacked, the checkout off the path)."""
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(wheel_dir),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(wheel_dir.glob("lstm_sim-*.whl"))
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "import lstm_sim\n"
        "assert lstm_sim.__file__.startswith(sys.argv[1]), lstm_sim.__file__\n"
        "from lstm_sim.resources import resource_path\n"
        "for parts in (('icons', 'lstm-sim.svg'), ('i18n', 'lstm_sim_zh_CN.qm')):\n"
        "    p = resource_path(*parts)\n"
        "    assert str(p).startswith(sys.argv[1]), p\n"
        "from lstm_sim.gallery import load_example\n"
        "seq, params, readout = load_example('adding')\n"
        "from lstm_sim.gui.app import create_app\n"
        "from lstm_sim.gui.i18n import install_language\n"
        "app = create_app([])\n"
        "assert not app.windowIcon().isNull()\n"
        "assert install_language('zh_CN')\n"
        "from lstm_sim.gui.main_window import MainWindow\n"
        "w = MainWindow(); w.show(); app.processEvents()\n"
        "w.load_example('adding')\n"
        "print('ok', w.windowTitle())\n"
    )
    env = dict(os.environ, PYTHONPATH=str(target))
    out = subprocess.run(
        [sys.executable, "-c", code, str(target)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith("ok")
