"""The weight editor's undo command: a session ParamsEdit on a QUndoStack."""

from __future__ import annotations

from PySide6.QtGui import (
    QUndoCommand,
)

from ...session import Session
from ...session.commands import (
    ParamsEdit,
)

__all__ = ["ParamsCommand"]


# ----------------------------------------------------------------- undo command
class ParamsCommand(QUndoCommand):
    """A :class:`~lstm_sim.session.ParamsEdit` on the undo stack: redo applies it, undo reverts it.

    Parameters
    ----------
    session : Session
    edit : ParamsEdit
    text : str
        Shown in Edit ▸ Undo / Redo.
    applied : bool
        The session already holds the edit's parameters (a slider drag applied
        them live), so the first :meth:`redo` — the one
        :meth:`QUndoStack.push` makes — does nothing.

    An edit that no longer fits the session (its sequence changed to another
    input size since) marks itself obsolete, and the stack drops it.
    """

    def __init__(
        self, session: Session, edit: ParamsEdit, text: str, *, applied: bool = False
    ) -> None:
        super().__init__(text)
        self.session = session
        self.edit = edit
        self._skip_redo = applied

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self.setObsolete(not self.edit.apply(self.session))

    def undo(self) -> None:
        self.setObsolete(not self.edit.revert(self.session))
