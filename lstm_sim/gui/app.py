"""Create the QApplication and the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

__all__ = ["create_app", "run_app"]


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), with the names QSettings uses."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0], *(argv or [])])
    app.setApplicationName("lstm-sim")
    app.setOrganizationName("lstm-sim")
    app.setApplicationDisplayName(app.translate("MainWindow", "LSTM Cell Simulator"))
    return app


def run_app(args: list[str]) -> int:
    """Run the desktop app until its window closes; returns the exit status."""
    from threadpoolctl import threadpool_limits

    # Small matrix-vector products: BPTT and stepping are fastest (and free of
    # multi-ms stalls) with one BLAS thread.
    threadpool_limits(1, "blas")
    app = create_app(args)
    from .main_window import MainWindow

    window = MainWindow()
    window.show()
    window.raise_()
    window.activateWindow()  # take the keyboard focus (no window manager does it for us)
    return app.exec()
