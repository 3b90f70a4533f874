"""Fixtures shared by the GUI tests."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture
def settings(tmp_path, qapp):
    """QSettings (any format, user scope) in ``tmp_path``, under test names."""
    names = (qapp.organizationName(), qapp.applicationName())
    fmt = QSettings.defaultFormat()
    path = tmp_path / "settings"
    for f in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(f, QSettings.Scope.UserScope, str(path))
        QSettings.setPath(f, QSettings.Scope.SystemScope, str(path / "system"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    qapp.setOrganizationName("lstm-sim-tests")
    qapp.setApplicationName("lstm-sim-tests")
    QSettings().clear()
    yield path
    QSettings().clear()
    QSettings.setDefaultFormat(fmt)
    qapp.setOrganizationName(names[0])
    qapp.setApplicationName(names[1])


@pytest.fixture
def english(settings):
    """The app in English (the language setting too), and English again afterwards."""
    from lstm_sim.gui.i18n import install_language

    install_language("en")
    QSettings().setValue("language", "en")
    yield
    install_language("en")


@pytest.fixture(autouse=True)
def _delete_closed_widgets():
    """Delete the widgets a test leaves closed, after pytest-qt's teardown.

    pytest-qt closes the widgets of ``qtbot.addWidget`` and calls ``deleteLater``,
    which only an event loop carries out: without this, every window a test made
    stayed in memory (≈ 15 MB each) until the end of the run, and the process grew
    past the memory the hostile-file tests allow their children (a forked child
    starts with the parent's resident memory).
    """
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def stop_window(win) -> None:
    """Stop what a window still runs: file jobs, playing, workers (before it closes)."""
    win.file_actions.cancel()
    win.file_actions.wait()
    win.transport.pause()
    win.cancel_jobs()
    win.wait_for_jobs()


@pytest.fixture
def show_window(qtbot):
    """``show_window(session=None, size=None)``: a MainWindow shown and exposed.

    On ``session`` (default: the app's start-up example), resized to ``size``
    when given; closed by qtbot after the test, its jobs stopped first.
    """
    from lstm_sim.gui.main_window import MainWindow

    shown = []

    def show(session=None, size: tuple[int, int] | None = None):
        win = MainWindow() if session is None else MainWindow(session)
        qtbot.addWidget(win)
        if size is not None:
            win.resize(*size)
        win.show()
        qtbot.waitExposed(win)
        shown.append(win)
        return win

    yield show
    for win in shown:
        stop_window(win)
