"""Files dropped on the window: which are accepted, and opening them after the drop."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QTimer,
)
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
)

from .part import FilePart

__all__ = ["Drops"]


class Drops(FilePart):
    """Files dropped on the window: which are accepted, and opening them after the drop."""

    def drag_event(self, event: QDragEnterEvent | QDragMoveEvent) -> bool:
        """Accept a drag of files this app opens (the window's drag enter and move)."""
        if self._dropped_paths(event.mimeData()):
            event.acceptProposedAction()
            return True
        return False

    def drop_event(self, event: QDropEvent) -> bool:
        """Open the files dropped on the window (after the drop has ended)."""
        paths = self._dropped_paths(event.mimeData())
        if not paths:
            return False
        event.acceptProposedAction()
        # Open after the drop has ended (dialogs may follow).
        QTimer.singleShot(0, lambda: self.files.opener.open_paths(paths))
        return True

    @staticmethod
    def _dropped_paths(mime: Any) -> list[str]:
        if mime is None or not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]
