"""Where work runs: inline on the GUI thread, in a worker thread, or in a child process.

The one place that decides it (see docs/architecture.md, "Performance budget"):
a Step or a short seek computes inline; a long seek or a long BPTT window goes
to a worker thread; a very long forward run goes to a child process, because a
thread computing it would share the GIL with the GUI thread.
"""

from __future__ import annotations

__all__ = [
    "CHILD_MODULE",
    "CHILD_STEPS",
    "CHUNK",
    "COMPARE_ROW_COST",
    "INLINE_GRADIENT_ROWS",
    "INLINE_STEPS",
    "Cancelled",
]

#: Steps the GUI thread may compute inline on a seek; more go to a worker.
INLINE_STEPS = 4000
#: BPTT rows the GUI thread may compute inline; a longer window goes to a worker.
INLINE_GRADIENT_ROWS = 5000
#: In compare mode a BPTT row costs about this many LSTM rows (RNN backward pass too).
COMPARE_ROW_COST = 6
#: Steps computed between progress reports / cancellation checks in workers.
CHUNK = 8192
#: A run of at least this many steps is computed in a child process (≈ 1 s of work;
#: starting the child costs ≈ 0.2 s).
CHILD_STEPS = 100_000
#: The child's module (``python -m``).
CHILD_MODULE = "lstm_sim.engine.forward_child"


class Cancelled(Exception):
    """Raised inside a long computation when its ``cancel()`` callback says so."""
