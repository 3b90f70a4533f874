"""File ▸ Open Recent: the list in QSettings and its menu."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import (
    QSettings,
)
from PySide6.QtGui import (
    QAction,
)
from PySide6.QtWidgets import QMessageBox

from .part import FilePart
from .settings_keys import MAX_RECENT, RECENT_KEY

__all__ = ["RecentFiles"]


def _settings_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value if v]


class RecentFiles(FilePart):
    """File ▸ Open Recent: the list in QSettings and its menu."""

    def recent_files(self) -> list[str]:
        """File ▸ Open Recent, newest first."""
        return _settings_list(QSettings().value(RECENT_KEY, []))[:MAX_RECENT]

    def add_recent(self, path: str) -> None:
        """Put ``path`` first in the recent files (at most :data:`MAX_RECENT`)."""
        path = os.path.abspath(path)
        items = [p for p in self.recent_files() if p != path]
        QSettings().setValue(RECENT_KEY, [path, *items][:MAX_RECENT])

    def remove_recent(self, path: str) -> None:
        """Drop ``path`` from the recent files."""
        QSettings().setValue(RECENT_KEY, [p for p in self.recent_files() if p != path])

    def clear_recent(self) -> None:
        QSettings().setValue(RECENT_KEY, [])

    def open_recent(self, path: str) -> bool:
        """Open a recent file; a file that is gone is removed from the list (with a message)."""
        if not os.path.exists(path):
            self.remove_recent(path)
            QMessageBox.warning(
                self.window,
                self.tr("File not found"),
                self.tr("{path} no longer exists; it was removed from the recent files.").format(
                    path=path
                ),
            )
            return False
        return self.files.opener.open_path(path)

    def fill_menu(self) -> None:
        menu = self.files.recent_menu
        menu.clear()
        recent = self.recent_files()
        for k, path in enumerate(recent, start=1):
            text = f"&{k % 10} {os.path.basename(path)}"
            a = QAction(text, menu)
            a.setToolTip(path)
            a.setStatusTip(path)
            a.setData(path)
            a.triggered.connect(lambda _checked=False, p=path: self.open_recent(p))
            menu.addAction(a)
        if not recent:
            empty = QAction(self.tr("(no recent files)"), menu)
            empty.setEnabled(False)
            menu.addAction(empty)
        menu.addSeparator()
        clear = QAction(self.tr("&Clear the list"), menu)
        clear.setEnabled(bool(recent))
        clear.triggered.connect(lambda _checked=False: self.clear_recent())
        menu.addAction(clear)
