"""The session's whole model: the model it holds, and the one cell of it shown.

A mixin of :class:`~lstm_sim.session.model.Session` (it holds the state; this
module reads and sets the model's part of it). Showing another cell replaces the
parameters, the inputs and the trace together, through the session's own
helpers (``_new_trace``, ``_extend_to``, ``_refresh_gradients``, ``_notify``),
so the session's invariants stay those of :mod:`~lstm_sim.session.model`. The
model's run and its cells are :mod:`~lstm_sim.session.stack`'s.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

import numpy as np

from ..engine import EngineError, LSTMParams, RNNParams, RNNTrace, Trace
from ..engine.model import CellKey, Model, ModelTrace
from ..sequence import Sequence
from ..train import Readout
from .events import Topic
from .settings import Settings
from .stack import CellView, adopt_rows

__all__ = ["WholeModel"]


class WholeModel:
    """The whole-model part of :class:`~lstm_sim.session.model.Session` (a mixin)."""

    # the session's state this part reads and sets (set in Session.__init__)
    _stack: CellView | None
    _sequence: Sequence
    _params: LSTMParams
    _inputs: np.ndarray
    _settings: Settings
    _readout: Readout | None
    _rnn: RNNParams | None
    _rnn_trace: RNNTrace | None
    _trace: Trace
    _t: int
    _unit: int

    if TYPE_CHECKING:  # the session's helpers (defined in Session)

        def batch(self) -> AbstractContextManager[None]: ...
        def _notify(self, *topics: Topic) -> None: ...
        def _set_modified(self) -> None: ...
        def _new_trace(self) -> Trace: ...
        def _new_rnn_trace(self) -> RNNTrace | None: ...
        def _default_rnn(self) -> RNNParams: ...
        def _extend_to(self, t: int) -> None: ...
        def _refresh_gradients(self) -> None: ...

    @property
    def model(self) -> Model | None:
        """The whole model the session holds (None: a single cell, the classic case)."""
        return None if self._stack is None else self._stack.model

    @property
    def stack(self) -> CellView | None:
        """The whole model, its run over the sequence and the cell shown (None: one cell)."""
        return self._stack

    @property
    def cell_key(self) -> CellKey:
        """The cell shown: (layer, reverse); ``(0, False)`` for a single cell."""
        return CellKey(0, False) if self._stack is None else self._stack.key

    @property
    def cell_inputs(self) -> np.ndarray:
        """What the shown cell reads, (T, D), row t − 1 at step t: the sequence's inputs,
        or (a model's upper layer) the layer below's h, reversed for a reverse cell."""
        return self._inputs

    def cell_input_names(self) -> tuple[str, ...]:
        """The names of the shown cell's inputs: the sequence's columns, or for an upper
        layer the layer below's units (``h0→[2]``, ``h0←[1]``: layer 0's forward unit 2,
        its reverse unit 1)."""
        stack = self._stack
        if stack is None or stack.key.layer == 0:
            return tuple(self._sequence.input_names)
        below = stack.key.layer - 1
        return tuple(
            f"h{below}{'←' if reverse else '→'}[{j}]"
            for reverse, p in stack.model.layers[below].cells()
            for j in range(p.hidden_size)
        )

    def time_row(self, t: int) -> int:
        """The sequence row (0-based) the shown cell reads at step ``t`` (1 … T): t − 1,
        or T − t for a reverse cell (it runs from t = T down to 1, as the model does)."""
        return t - 1 if self._stack is None else self._stack.time_row(t)

    def cell_targets(self) -> np.ndarray | None:
        """The targets in the shown cell's step order (T, P), or None."""
        y = self._sequence.targets
        if y is None or self._stack is None:
            return y
        return self._stack.in_step_order(y)

    def cell_yhat(self) -> np.ndarray | None:
        """The model head's ŷ in the shown cell's step order (T, P), or None (a single cell,
        no head on every step, or a what-if clamp: the model's ŷ is not the clamped cell's)."""
        stack = self._stack
        if stack is None or stack.yhat is None or self._settings.clamp:
            return None
        return stack.in_step_order(stack.yhat)

    def set_model(self, model: Model, key: Any = (0, False), run: ModelTrace | None = None) -> None:
        """Hold a whole model and show its cell ``key`` = (layer, reverse).

        The model runs over the whole sequence (or ``run``, computed in a worker, is
        used); the shown cell steps over what it reads, as the model runs it. Its
        head's ŷ replaces any read-out.

        Raises
        ------
        EngineError
            The model reads another number of inputs than the sequence has, or has
            no such cell (the message lists its cells).
        """
        if model.input_size != self._sequence.input_size:
            raise EngineError(
                f"the model reads {model.input_size} input(s) per step, but the sequence "
                f"has {self._sequence.input_size}"
            )
        stack = CellView.of(model, CellKey(*key), self._sequence.inputs, run)
        with self.batch():
            self._stack = stack
            if self._readout is not None:
                self._readout = None
                self._notify(Topic.READOUT)
            self._show_cell(stack)
            self._set_modified()

    def select_cell(self, layer: int, reverse: bool = False) -> None:
        """Show another cell of the model (the cursor stays; nothing is run again)."""
        key = CellKey(int(layer), bool(reverse))
        stack = self._stack
        if stack is None:
            if key != (0, False):
                raise EngineError(f"{key.text()}: this session is a single cell")
            return
        if key == stack.key:
            return
        with self.batch():
            self._show_cell(stack.select(key))

    def _show_cell(self, stack: CellView) -> None:
        params = stack.params
        resized = (params.input_size, params.hidden_size) != (
            self._params.input_size,
            self._params.hidden_size,
        )
        self._stack = stack
        self._params = params
        self._inputs = stack.inputs
        self._trace = self._new_trace()
        if not self._settings.clamp:  # the model computed these rows: take them (a copy)
            adopt_rows(stack.trace, self._trace, self._t)
        if resized and self._rnn is not None:
            self._rnn = self._default_rnn()
        self._rnn_trace = self._new_rnn_trace() if self._settings.compare else None
        if self._unit >= params.hidden_size:
            self._unit = 0
            self._notify(Topic.UNIT)
        self._extend_to(self._t)
        self._refresh_gradients()
        self._notify(Topic.MODEL, Topic.PARAMS, Topic.TRACE, Topic.RNN)
