"""The one model the GUI reads (Qt-free): sequence, parameters, trace, cursor, settings.

- :mod:`.model` — :class:`Session`, its setters and what each recomputes;
- :mod:`.settings` — :class:`Settings`, the user settings saved with a session;
- :mod:`.gradients` — :class:`GradientView`, the gradient norms at the cursor;
- :mod:`.events` — the change events views subscribe to (one signal per topic);
- :mod:`.policy` — what runs inline, in a worker thread or in a child process;
- :mod:`.document` — a session as a session file holds it, checked;
- :mod:`.commands` — edits of the parameters, as undoable commands;
- :mod:`.view_model` — the numbers of step t that the step views show;
- :mod:`.copy` — a copy of a session, to build views afresh on the same state.

The public names are importable from here (``from lstm_sim.session import
Session, Settings``), as the CLI, the GUI and the tests do.
"""

from ..engine.jacobian_cache import JacobianCache, RNNFactorCache
from .commands import (
    Entry,
    ParamsEdit,
    entry_value,
    preset_edit,
    reinit_input_weights,
    weight_edit,
    with_entry,
)
from .copy import copy_session
from .document import DocumentError, DocumentSetup, read_document, session_document
from .events import Events, Subscription, Topic, TopicSignal
from .gradients import GradientView, compute_gradient_view, trace_gradient_norms
from .model import Origin, Session
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
from .view_model import GATE_KEYS, NODE_KEYS, StepView, node_values

__all__ = [
    "CHILD_MODULE",
    "CHILD_STEPS",
    "CHUNK",
    "COMPARE_ROW_COST",
    "GATE_KEYS",
    "INLINE_GRADIENT_ROWS",
    "INLINE_STEPS",
    "LOSSES",
    "NODE_KEYS",
    "Cancelled",
    "DocumentError",
    "DocumentSetup",
    "Entry",
    "Events",
    "GradientView",
    "JacobianCache",
    "Origin",
    "ParamsEdit",
    "RNNFactorCache",
    "Session",
    "Settings",
    "SettingsError",
    "StepView",
    "Subscription",
    "Topic",
    "TopicSignal",
    "compute_gradient_view",
    "copy_session",
    "entry_value",
    "node_values",
    "preset_edit",
    "read_document",
    "reinit_input_weights",
    "session_document",
    "trace_gradient_norms",
    "weight_edit",
    "with_entry",
]
