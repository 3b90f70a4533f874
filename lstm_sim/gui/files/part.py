"""The base of the File menu's parts: each does one job for :class:`~.actions.FileActions`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from ...session import Session
    from .actions import FileActions

__all__ = ["FilePart"]


class FilePart(QObject):
    """One job of the File menu; ``files`` gives the window, the session and the shared services."""

    def __init__(self, files: FileActions) -> None:
        super().__init__(files)
        self.files = files

    @property
    def window(self) -> Any:
        return self.files.window

    @property
    def session(self) -> Session:
        return self.files.session
