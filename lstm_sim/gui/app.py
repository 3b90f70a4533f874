"""Create the QApplication and the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

__all__ = ["GIL_SWITCH_S", "create_app", "run_app"]

#: sys.setswitchinterval while the app runs (seconds).
GIL_SWITCH_S = 0.0005


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), with the names QSettings uses."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0], *(argv or [])])
    app.setApplicationName("lstm-sim")
    app.setOrganizationName("lstm-sim")
    app.setDesktopFileName("lstm-sim")  # matches resources/lstm-sim.desktop
    from PySide6.QtGui import QIcon

    from ..resources import resource_path

    try:
        app.setWindowIcon(QIcon(str(resource_path("icons", "lstm-sim.svg"))))
    except FileNotFoundError:  # an incomplete install: run without an icon
        pass
    app.setApplicationDisplayName(app.translate("MainWindow", "LSTM Cell Simulator"))
    return app


def run_app(args: list[str]) -> int:
    """Run the desktop app until its window closes; returns the exit status."""
    from threadpoolctl import threadpool_limits

    # Small matrix-vector products: BPTT and stepping are fastest (and free of
    # multi-ms stalls) with one BLAS thread.
    threadpool_limits(1, "blas")
    # Workers (long runs, BPTT windows, training) are Python threads: hand the GIL to
    # the GUI thread within 0.5 ms instead of 5 ms, so the event loop never waits long.
    sys.setswitchinterval(GIL_SWITCH_S)
    app = create_app(args)
    from PySide6.QtCore import QSettings, QTimer

    from .i18n import install_language, resolve_language
    from .main_window import MainWindow

    install_language(resolve_language(QSettings().value("language", "system")))
    from .files import FileActions, files_from_arguments

    FileActions.confirm_unsaved = True  # closing with unsaved changes asks (gui/files)
    window = MainWindow()
    if not window.restore_layout():  # geometry and dock layout of the last session
        window.fit_to_screen()  # the first start: as large as the screen allows
    window.show()
    window.raise_()
    window.activateWindow()  # take the keyboard focus (no window manager does it for us)
    # lstm-sim FILE: open it once the window is up (a bad file: error dialog, example stays)
    paths = files_from_arguments(app.arguments()[1:])
    if paths:
        QTimer.singleShot(0, lambda: window.file_actions.open_paths(paths))
    return app.exec()


def switch_language(window, code: str):
    """Install language ``code`` and retranslate ``window`` in place; returns ``window``.

    What View ▸ Language does (:meth:`MainWindow.set_language`): every widget
    handles the language change itself, so the window, its geometry, docks,
    session, cursor and undo history all stay as they are.
    """
    window.set_language(code)
    return window
