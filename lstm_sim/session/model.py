"""The one model the GUI reads: sequence, parameters, trace, cursor and settings.

Qt-free. Views subscribe to :attr:`Session.events` (one signal per
:class:`~lstm_sim.session.events.Topic`) and write back only through the
setters. Every setter announces what it changed; a ``with session.batch():``
block merges the announcements of several setters into one emission, so one
user action causes one repaint.

Time steps: the cursor ``t`` counts from 0 (the initial state h_0, C_0, before
any input) to T (after the last input). Step t uses row ``t - 1`` of the
engine's arrays.

The forward pass is computed lazily, one step at a time as the cursor moves
(a Step click appends one step: O(1), however long the history), and the trace
storage is reserved for the whole sequence up front, so a worker thread can
extend it (:meth:`Session.compute_until`) while the GUI thread reads the rows
already computed. A long run is computed by a child process
(:mod:`~lstm_sim.engine.forward_child`) whose rows the worker thread receives
through a pipe: a thread computing them would share the GIL with the GUI thread.

Split by what each part keeps (each a mixin the session inherits; the state
is the session's, set in ``__init__``): the whole model and the cell shown
(:mod:`~lstm_sim.session.whole_model`), the gradient view and its caches
(:mod:`~lstm_sim.session.gradient_state`), the name, origin and file
(:mod:`~lstm_sim.session.identity`). This module keeps the state and the
setters that must keep all of its parts consistent (the trace, the RNN's trace,
the caches, the cursor, the events).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Any

import numpy as np

from ..engine import (
    EngineError,
    LSTMParams,
    RNNParams,
    RNNTrace,
    Trace,
    largest_singular_value,
)
from ..engine.forward_child import extend_in_child
from ..engine.jacobian_cache import JacobianCache, RNNFactorCache
from ..sequence import Sequence
from ..train import Readout
from . import policy
from .events import Events, Topic
from .gradient_state import GradientState
from .gradients import PREDICTION_LOSSES, GradientView
from .identity import Identity, Origin
from .policy import CHUNK, INLINE_STEPS, Cancelled
from .settings import Settings, SettingsError
from .stack import CellView, adopt_rows, no_prediction_text
from .view_model import StepView
from .whole_model import WholeModel

__all__ = ["Origin", "Session"]


class Session(WholeModel, GradientState, Identity):
    """The simulation the app shows.

    Parameters
    ----------
    sequence : Sequence
    params : LSTMParams
        Must have ``input_size == sequence.input_size``.
    settings : Settings, optional
    name : str
        Shown in the title bar.

    Attributes
    ----------
    events : Events
        The change events, one signal per topic (see :class:`Events` for what
        each topic means).
    """

    def __init__(
        self,
        sequence: Sequence,
        params: LSTMParams,
        settings: Settings | None = None,
        *,
        name: str = "",
    ) -> None:
        self.events = Events()
        self._check_compatible(sequence, params)
        self._sequence = sequence
        self._params = params
        self._stack: CellView | None = None  # a whole model, and the cell of it shown
        self._inputs = sequence.inputs  # what the shown cell reads, in its step order
        self._settings = settings or Settings()
        self._rnn: RNNParams | None = None
        self._rnn_trace: RNNTrace | None = None
        self._readout: Readout | None = None
        self._factor_cache: RNNFactorCache | None = None
        self._jacobians: JacobianCache | None = None
        self._t = 0
        self._unit = 0
        self._gradients: GradientView | None = None
        self._gradients_stale = False
        self._name = name
        self._path: str | None = None
        self._origin: Origin | None = None
        self._modified = False
        self._trace = self._new_trace()
        self._step_cache: tuple[int, Trace, Any] | None = None
        self._view_cache: StepView | None = None
        self._announced_rows = 0  # rows of the trace the last Topic.TRACE announced
        self._sigma_cache: tuple[RNNParams, float] | None = None
        if self._settings.compare:
            self._rnn = self._default_rnn()
            self._rnn_trace = self._new_rnn_trace()

    # -------------------------------------------------------------- reading
    @property
    def sequence(self) -> Sequence:
        """The input sequence."""
        return self._sequence

    @property
    def params(self) -> LSTMParams:
        """The cell's parameters."""
        return self._params

    @property
    def settings(self) -> Settings:
        """Current :class:`Settings`."""
        return self._settings

    @property
    def trace(self) -> Trace:
        """The forward pass computed so far (``len(trace) = computed``)."""
        return self._trace

    @property
    def readout(self) -> Readout | None:
        """The linear read-out ŷ_t = W_y·h_t + b_y (trained models), or None."""
        return self._readout

    def prediction(self) -> np.ndarray | None:
        """ŷ_t at the cursor (None without a read-out or at t = 0)."""
        if self._t == 0:
            return None
        if self._stack is not None:
            yhat = self._stack.yhat
            if yhat is None:  # a head that reads once (the last row, the final states):
                return self._stack.final_yhat if self._t == self.T else None  # at the end
            return yhat[self._stack.time_row(self._t)]
        if self._readout is None:
            return None
        return self._readout(self._trace.h[self._t - 1])

    def set_readout(self, readout: Readout | None) -> None:
        """Set (or remove) the read-out; its size must match H and the targets."""
        if readout is not None:
            if self._stack is not None:
                raise EngineError(
                    "read-out: this session shows one cell of a whole model, whose head "
                    "gives ŷ; a read-out of the shown cell alone does not apply"
                )
            if readout.hidden_size != self.hidden_size:
                raise EngineError(
                    f"read-out: expects H = {readout.hidden_size} units, the cell has "
                    f"{self.hidden_size}"
                )
            p = self._sequence.target_size
            if p and readout.output_size != p:
                raise EngineError(
                    f"read-out: gives {readout.output_size} output(s), the sequence has "
                    f"{p} target(s)"
                )
        with self.batch():
            self._readout = readout
            self._set_modified()
            self._notify(Topic.READOUT)
            if self._settings.loss in PREDICTION_LOSSES:  # ŷ changed, or went away
                self._refresh_gradients()

    @property
    def rnn(self) -> RNNParams | None:
        """The vanilla RNN of compare mode (None when compare mode is off)."""
        return self._rnn if self._settings.compare else None

    @property
    def rnn_trace(self) -> RNNTrace | None:
        """The RNN's forward pass, computed in step with the LSTM's (compare mode)."""
        return self._rnn_trace if self._settings.compare else None

    def rnn_sigma_max(self) -> float | None:
        """σ_max(W_hh) of the compare-mode RNN (None when compare mode is off).

        From the RNN's parameters alone (one small SVD, kept until they change), so it
        is known at every step, also while the gradients are still being computed.
        """
        rnn = self.rnn
        if rnn is None:
            return None
        cached = self._sigma_cache
        if cached is None or cached[0] is not rnn:
            cached = self._sigma_cache = (rnn, largest_singular_value(rnn.weight_hh))
        return cached[1]

    def rnn_state(self) -> np.ndarray | None:
        """The RNN's h_t at the cursor (compare mode), else None."""
        tr = self.rnn_trace
        return None if tr is None else tr.state(self._t)

    @property
    def T(self) -> int:
        """Number of steps in the sequence."""
        return self._sequence.length

    @property
    def computed(self) -> int:
        """Steps of the forward pass computed so far."""
        return len(self._trace)

    @property
    def t(self) -> int:
        """The cursor: 0 (initial state) … T."""
        return self._t

    @property
    def unit(self) -> int:
        """The selected unit (0 … H-1)."""
        return self._unit

    @property
    def hidden_size(self) -> int:
        """H."""
        return self._params.hidden_size

    @property
    def modified(self) -> bool:
        """Unsaved changes since the last :meth:`mark_saved`."""
        return self._modified

    def state(self) -> tuple[np.ndarray, np.ndarray]:
        """(h_t, C_t) at the cursor."""
        return self._trace.state(self._t)

    def step_result(self):
        """Every intermediate of step t (an engine StepResult), or None at t = 0.

        Computed once per step shown: the diagram, the equations and the values
        table all ask for it after a Step. (A trace's rows never change, and a
        new cell or setting makes a new trace.)
        """
        if self._t == 0:
            return None
        cached = self._step_cache
        if cached is not None and cached[0] == self._t and cached[1] is self._trace:
            return cached[2]
        result = self._trace.step_result(self._t - 1)
        self._step_cache = (self._t, self._trace, result)
        return result

    def step_view(self) -> StepView:
        """What the step views show at the cursor (:class:`StepView`), computed once per change."""
        view = self._view_cache
        if view is None:
            view = self._view_cache = StepView.of(self)
        return view

    # --------------------------------------------------------------- events
    def batch(self) -> AbstractContextManager[None]:
        """Merge the change events of the setters inside into one emission."""
        return self.events.batch()

    def _notify(self, *topics: Topic) -> None:
        self._view_cache = None  # whatever changed, the step view is derived again
        if Topic.TRACE in topics:
            self._announced_rows = len(self._trace)
        self.events.announce(*topics)

    def _set_modified(self) -> None:
        if not self._modified:
            self._modified = True
            self._notify(Topic.MODIFIED)

    # ------------------------------------------------------------- setters
    @staticmethod
    def _check_compatible(sequence: Sequence, params: LSTMParams) -> None:
        if sequence.input_size != params.input_size:
            raise EngineError(
                f"sequence has {sequence.input_size} input(s) per step but the cell "
                f"expects D = {params.input_size}"
            )

    def _new_trace(self) -> Trace:
        return Trace(self._params, capacity=self._sequence.length, clamp=self._settings.clamp_dict)

    def _new_rnn_trace(self) -> RNNTrace | None:
        if self._rnn is None:
            return None
        trace = RNNTrace(self._rnn, capacity=self._sequence.length)
        if len(self._trace):
            trace.extend(self._inputs[: len(self._trace)])
        return trace

    def _default_rnn(self) -> RNNParams:
        """An RNN of the LSTM's size (PyTorch's uniform initialisation, seed 0)."""
        return RNNParams.random(self._params.input_size, self._params.hidden_size, seed=0)

    def set_step(self, t: int) -> None:
        """Move the cursor to step ``t`` (clamped to 0 … T), computing what is missing.

        Up to :data:`INLINE_STEPS` missing steps are computed here; for more,
        call :meth:`compute_until` first (from a worker) — otherwise this
        raises :class:`ValueError`.
        """
        t = int(min(max(t, 0), self.T))
        if t == self._t and self.computed == self._announced_rows:
            return
        missing = t - self.computed
        if missing > INLINE_STEPS:
            raise ValueError(f"{missing} steps to compute: use compute_until() in a worker first")
        with self.batch():
            if missing > 0:
                self._extend_to(t)
            if self.computed != self._announced_rows:  # here, or by a worker meanwhile
                self._notify(Topic.TRACE)
            if t == self._t:
                return
            self._t = t
            self._refresh_gradients()
            self._notify(Topic.STEP)

    def _extend_to(self, t: int) -> None:
        k0 = self.computed
        rnn = self._rnn_trace
        if t - k0 == 1:
            self._trace.append(self._inputs[k0])
            if rnn is not None:
                rnn.append(self._inputs[k0])
        elif t > k0:
            self._trace.extend(self._inputs[k0:t])
            if rnn is not None:
                rnn.extend(self._inputs[k0:t])

    def compute_until(
        self,
        t: int,
        progress: Callable[[float], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> None:
        """Compute the forward pass up to step ``t``, in chunks (safe in a worker thread).

        Emits nothing (call :meth:`set_step` on the GUI thread afterwards).
        Raises :class:`Cancelled` when ``cancel()`` returns True; the steps
        computed so far are kept.
        """
        t = int(min(max(t, 0), self.T))
        start = self.computed
        total = max(t - start, 1)

        def report() -> None:
            if progress is not None:
                progress((self.computed - start) / total)

        # A long run without the compare-mode RNN: in a child process, so this
        # thread only waits on a pipe, without the GIL (see forward_child).
        # (Not in a frozen build: there sys.executable is the app, not Python.)
        if (
            self._rnn_trace is None
            and t - start >= policy.CHILD_STEPS
            and not getattr(sys, "frozen", 0)
        ):
            extend_in_child(
                self._trace,
                self._inputs[start:t],
                block=CHUNK,
                module=policy.CHILD_MODULE,
                report=report,
                stop=cancel,
            )
        while self.computed < t:  # the rest, or all of it (short, or the child failed)
            if cancel is not None and cancel():
                raise Cancelled()
            self._extend_to(min(self.computed + CHUNK, t))
            report()

    def set_unit(self, unit: int) -> None:
        """Select unit ``unit`` (0 … H-1)."""
        unit = int(unit)
        if not 0 <= unit < self.hidden_size:
            raise EngineError(f"unit: expected 0 ≤ unit < {self.hidden_size}, got {unit}")
        if unit == self._unit:
            return
        with self.batch():
            self._unit = unit
            self._notify(Topic.UNIT)
            # The gradient view carries the selected unit's forget gates and their
            # product (the mechanism), whatever the loss: computed again.
            self._refresh_gradients()

    def update_settings(self, **changes: Any) -> None:
        """Change some :class:`Settings` fields (``window=…``, ``loss=…``, …).

        Raises
        ------
        SettingsError
            A value of the wrong type or out of range (nothing changes).
        """
        new = replace(self._settings, **changes)  # Settings checks every field
        if new == self._settings:
            return
        if (
            "loss" in changes
            and new.loss in PREDICTION_LOSSES
            and not self._prediction_possible(new)
        ):  # (another change that rules it out falls back to the probe loss instead)
            raise SettingsError("loss", no_prediction_text())
        old = self._settings
        with self.batch():
            self._settings = new
            self._notify(Topic.SETTINGS)
            if new.clamp != old.clamp:
                # what-if: re-simulate at once up to the cursor
                self._trace = self._new_trace()
                self._rnn_trace = self._new_rnn_trace() if new.compare else None
                self._extend_to_cursor()
                self._notify(Topic.PARAMS, Topic.TRACE)
            if new.compare and not old.compare:
                self._rnn = self._rnn or self._default_rnn()
                self._rnn_trace = self._new_rnn_trace()
                self._notify(Topic.RNN)
            elif old.compare and not new.compare:
                self._rnn_trace = None
                self._notify(Topic.RNN)
            if (new.window, new.loss, new.clamp, new.compare, new.clip, new.clip_mode) != (
                old.window,
                old.loss,
                old.clamp,
                old.compare,
                old.clip,
                old.clip_mode,
            ):
                self._refresh_gradients()
                self._set_modified()

    def _extend_to_cursor(self) -> None:
        self._extend_to(self._t)

    def set_rnn(self, rnn: RNNParams | None) -> None:
        """Set the compare-mode RNN (None: a default one of the LSTM's size)."""
        if rnn is not None and (
            rnn.input_size != self._params.input_size or rnn.hidden_size != self._params.hidden_size
        ):
            raise EngineError(
                f"RNN size (D = {rnn.input_size}, H = {rnn.hidden_size}) differs from the "
                f"LSTM's (D = {self._params.input_size}, H = {self._params.hidden_size})"
            )
        with self.batch():
            self._rnn = rnn or self._default_rnn()
            self._rnn_trace = self._new_rnn_trace() if self._settings.compare else None
            self._refresh_gradients()
            self._set_modified()
            self._notify(Topic.RNN)

    def apply_setup(
        self,
        sequence: Sequence,
        params: LSTMParams,
        rnn: RNNParams | None,
        settings: dict[str, Any],
        step: int,
        name: str | None = None,
        readout: Readout | None = None,
        origin: Origin | None = None,
    ) -> None:
        """Replace everything at once (a scenario, an example, a session file), as one event.

        ``step`` must be within :data:`INLINE_STEPS` of the start; ``origin``
        says what it was set up from (None: a file).
        """
        self._check_compatible(sequence, params)
        new_settings = replace(self._settings, **settings)
        with self.batch():
            if self._stack is not None:
                self._stack = None
                self._notify(Topic.MODEL)
            self._inputs = sequence.inputs
            self._sequence = sequence
            self._params = params
            self._settings = new_settings
            self._rnn = rnn if rnn is not None else None
            if self._rnn is None and new_settings.compare:
                self._rnn = self._default_rnn()
            self._t = 0
            self._unit = min(self._unit, params.hidden_size - 1)
            self._readout = readout
            self._trace = self._new_trace()
            self._rnn_trace = self._new_rnn_trace() if new_settings.compare else None
            if name is not None:
                self.name = name
            self.set_origin(origin)
            step = int(min(max(step, 0), self.T))
            self._extend_to(step)
            self._t = step
            self._refresh_gradients()
            self._set_modified()
            self._notify(
                Topic.SEQUENCE,
                Topic.PARAMS,
                Topic.TRACE,
                Topic.STEP,
                Topic.UNIT,
                Topic.SETTINGS,
                Topic.RNN,
                Topic.READOUT,
            )

    def set_params(self, params: LSTMParams) -> None:
        """Replace the parameters; recomputes the forward pass up to the cursor.

        When the session holds a whole model, these are the shown cell's (same sizes),
        and the model runs again (the layers above and the head read this cell).
        """
        stack = self._stack
        if stack is None:
            self._check_compatible(self._sequence, params)
        else:
            stack = stack.with_params(params)
        with self.batch():
            if stack is not None:
                self._stack = stack
                self._notify(Topic.MODEL)
            resized = params.hidden_size != self._params.hidden_size or (
                params.input_size != self._params.input_size
            )
            if params.hidden_size != self._params.hidden_size and self._readout is not None:
                self._readout = None
                self._notify(Topic.READOUT)
            self._params = params
            self._trace = self._new_trace()
            if stack is not None and not self._settings.clamp:  # the model ran: its rows
                adopt_rows(stack.trace, self._trace, self._t)
            if resized and self._rnn is not None:
                self._rnn = self._default_rnn()
            self._rnn_trace = self._new_rnn_trace() if self._settings.compare else None
            if self._unit >= params.hidden_size:
                self._unit = 0
                self._notify(Topic.UNIT)
            self._extend_to(self._t)
            self._refresh_gradients()
            self._set_modified()
            self._notify(Topic.PARAMS, Topic.TRACE)

    def set_sequence(self, sequence: Sequence, params: LSTMParams | None = None) -> None:
        """Replace the sequence (and optionally the parameters); the cursor returns to 0."""
        params = params or self._params
        stack = self._stack
        if stack is not None:  # the model stays when it can read the new sequence
            same = params is self._params and sequence.input_size == stack.model.input_size
            stack = CellView.of(stack.model, stack.key, sequence.inputs) if same else None
        if stack is None:
            self._check_compatible(sequence, params)
        with self.batch():
            if stack is not None or self._stack is not None:
                self._notify(Topic.MODEL)
            self._stack = stack
            self._inputs = sequence.inputs if stack is None else stack.inputs
            self._sequence = sequence
            self._params = params
            self._t = 0
            self._unit = min(self._unit, params.hidden_size - 1)
            self._trace = self._new_trace()
            if self._readout is not None and (
                self._readout.hidden_size != params.hidden_size
                or self._readout.output_size != (sequence.target_size or -1)
            ):
                self._readout = None
                self._notify(Topic.READOUT)
            if self._rnn is not None and (
                self._rnn.hidden_size != params.hidden_size
                or self._rnn.input_size != params.input_size
            ):
                self._rnn = self._default_rnn()
            self._rnn_trace = self._new_rnn_trace() if self._settings.compare else None
            self._refresh_gradients()
            self._set_modified()
            self._notify(Topic.SEQUENCE, Topic.PARAMS, Topic.TRACE, Topic.STEP, Topic.UNIT)
