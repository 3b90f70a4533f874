"""Open the app on a model and a sequence from Python (``lstm_sim.inspect``).

From a script the call blocks until the window closes; under an IPython Qt event
loop (``%gui qt``) the window is returned at once and the notebook stays usable.
"""

from __future__ import annotations

import sys
from typing import Any

from ..engine import Model
from ..sequence import Sequence
from ..session import Session
from ..session.stack import is_one_cell
from ..train import Readout

__all__ = ["ipython_qt_loop", "open_window", "session_for"]

# Windows opened from a notebook: kept alive here (nothing else holds them).
_OPEN: list[Any] = []


def session_for(model: Model, sequence: Sequence, name: str = "") -> Session:
    """A session showing ``model`` on ``sequence``: one cell (the classic session, with
    its read-out), or the whole model with its first cell shown.

    Raises
    ------
    EngineError
        The model reads another number of inputs than the sequence has; its head
        gives another number of outputs than the sequence has targets.
    """
    first = next(model.layers[0].cells())[1]
    if is_one_cell(model):
        session = Session(sequence, first, name=name)
        head = model.head
        if head is not None:
            session.set_readout(Readout(head.weight, head.bias))
    else:  # (the first cell reads the sequence: a wrong width raises here, naming both)
        session = Session(sequence, first, name=name)
        session.set_model(model)
    session.mark_saved(name)  # nothing to save yet: closing does not ask
    return session


def ipython_qt_loop() -> bool:
    """True under IPython with its Qt event loop running (``%gui qt``)."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    shell = ipython.get_ipython()
    loop = getattr(shell, "active_eventloop", None) if shell is not None else None
    return bool(loop) and str(loop).startswith("qt")


def open_window(model: Model, sequence: Sequence, *, name: str = "", block: bool | None = None):
    """Show a main window on ``model`` and ``sequence``.

    Parameters
    ----------
    block : bool, optional
        Run the event loop until the window closes (default: unless an IPython
        Qt event loop already runs).

    Returns
    -------
    MainWindow
    """
    from .app import create_app
    from .main_window import MainWindow

    create_app([])  # the QApplication, made once
    session = session_for(model, sequence, name)
    if not _OPEN:
        from PySide6.QtCore import QSettings

        from .i18n import install_language, resolve_language

        install_language(resolve_language(QSettings().value("language", "system")))
    window = MainWindow(session)
    window.show()
    window.raise_()
    _OPEN.append(window)
    window.destroyed.connect(lambda *_: _OPEN.remove(window) if window in _OPEN else None)
    if block is None:
        block = not ipython_qt_loop()
    if block:
        _run_until_closed(window)
    return window


def _run_until_closed(window: Any) -> None:
    """Run the event loop until ``window`` is closed (hidden, not minimised).

    A loop of its own rather than ``app.exec()``: that returns only when the last
    window closes, so any other top-level window (one the script opened, a
    dialog left open) would keep the call from returning.
    """
    from PySide6.QtCore import QEvent, QEventLoop, QObject

    loop = QEventLoop()

    class _Closed(QObject):
        def eventFilter(self, obj: Any, event: Any) -> bool:
            if event.type() == QEvent.Type.Hide and not window.isVisible():
                loop.quit()
            return False

    watcher = _Closed()
    window.installEventFilter(watcher)
    window.destroyed.connect(loop.quit)
    if window.isVisible():
        loop.exec()
    window.removeEventFilter(watcher)
