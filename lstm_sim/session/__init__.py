"""The one model the GUI reads (Qt-free): sequence, parameters, trace, cursor, settings.

- :mod:`.model` — :class:`Session`, its setters and what each recomputes;
- :mod:`.settings` — :class:`Settings`, the user settings saved with a session;
- :mod:`.gradients` — :class:`GradientView`, the gradient norms at the cursor;
- :mod:`.events` — the change events views subscribe to;
- :mod:`.policy` — what runs inline, in a worker thread or in a child process;
- :mod:`.document` — a session as a session file holds it, checked.

The public names are importable from here (``from lstm_sim.session import
Session, Settings``), as the CLI, the GUI and the tests do.
"""

from ..engine.jacobian_cache import JacobianCache, RNNFactorCache
from .document import DocumentError, DocumentSetup, read_document, session_document
from .events import Signal
from .gradients import GradientView, compute_gradient_view
from .model import Session
from .policy import (
    CHILD_MODULE,
    CHILD_STEPS,
    CHUNK,
    COMPARE_ROW_COST,
    INLINE_GRADIENT_ROWS,
    INLINE_STEPS,
    Cancelled,
)
from .settings import LOSSES, Settings, SettingsError

__all__ = [
    "CHILD_MODULE",
    "CHILD_STEPS",
    "CHUNK",
    "COMPARE_ROW_COST",
    "INLINE_GRADIENT_ROWS",
    "INLINE_STEPS",
    "LOSSES",
    "Cancelled",
    "DocumentError",
    "DocumentSetup",
    "GradientView",
    "JacobianCache",
    "RNNFactorCache",
    "Session",
    "Settings",
    "SettingsError",
    "Signal",
    "compute_gradient_view",
    "read_document",
    "session_document",
]
