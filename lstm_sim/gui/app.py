"""Create the QApplication and the main window."""

from __future__ import annotations

import contextlib
import sys
from typing import Any

from PySide6.QtWidgets import QApplication

__all__ = ["GIL_SWITCH_S", "create_app", "run_app", "start_app"]

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
    app, _window = start_app(args)
    return app.exec()


def start_app(args: list[str]) -> tuple[QApplication, Any]:
    """Everything :func:`run_app` does before the event loop: the window, shown.

    Start-up order: the window; the recovery of a session a crashed instance left
    (offered once the window is up, :mod:`lstm_sim.gui.recovery`); then the files
    named on the command line (a bad file: error dialog, the session stays).
    """
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
    from .recovery import Recovery

    FileActions.confirm_unsaved = True  # replacing or closing a modified session asks
    window = MainWindow()
    if not window.restore_layout():  # geometry and dock layout of the last session
        window.fit_to_screen()  # the first start: as large as the screen allows
    window.recovery = Recovery(window)  # unsaved work survives a crash
    app.aboutToQuit.connect(window.recovery.close)  # a clean exit: nothing to recover
    window.show()
    window.raise_()
    window.activateWindow()  # take the keyboard focus (no window manager does it for us)
    paths = files_from_arguments(app.arguments()[1:])

    def after_show() -> None:
        if window.recovery.offer():  # restoring: the files come after it
            with contextlib.suppress(TimeoutError):
                window.file_actions.wait(600.0)  # (processes events meanwhile)
        if paths:  # lstm-sim FILE
            window.file_actions.open_paths(paths)

    QTimer.singleShot(0, after_show)
    return app, window


def switch_language(window, code: str):
    """Install language ``code`` and retranslate ``window`` in place; returns ``window``.

    What View ▸ Language does (:meth:`MainWindow.set_language`): every widget
    handles the language change itself, so the window, its geometry, docks,
    session, cursor and undo history all stay as they are.
    """
    window.set_language(code)
    return window
