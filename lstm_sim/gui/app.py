"""Create the QApplication and the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def run_app(args: list[str]) -> int:
    """Run the desktop app until its window closes; returns the exit status."""
    app = QApplication.instance() or QApplication([sys.argv[0], *args])
    window = QMainWindow()
    window.setWindowTitle(window.tr("LSTM Cell Simulator"))
    window.setCentralWidget(QLabel(window.tr("LSTM Cell Simulator")))
    window.resize(1280, 800)
    window.show()
    return app.exec()
