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

Why this module is over 600 lines: it is one class, the session, whose every
setter must keep all of its parts consistent (the trace, the RNN's trace, the
caches, the cursor, the events) — split, the invariants would be spread over
modules. Showing one cell of a whole model (``set_model``, ``select_cell``) is
here for the same reason: it replaces the parameters, the inputs and the trace
together. What stands alone is elsewhere: settings, events, gradients, the view
model, the session file, the commands, the policy, the copy, and the whole
model's run and cell (``stack.py``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..engine import (
    EngineError,
    LSTMParams,
    RNNParams,
    RNNTrace,
    Trace,
    largest_singular_value,
    window_bounds,
)
from ..engine.forward_child import extend_in_child
from ..engine.jacobian_cache import JacobianCache, RNNFactorCache
from ..engine.model import CellKey, Model, ModelTrace
from ..sequence import Sequence
from ..train import Readout
from . import policy
from .events import Events, Topic
from .gradients import (
    PREDICTION_LOSSES,
    GradientView,
    compute_gradient_view,
    model_gradient_view,
    prediction_direct,
)
from .policy import (
    CHUNK,
    COMPARE_ROW_COST,
    INLINE_GRADIENT_ROWS,
    INLINE_STEPS,
    Cancelled,
)
from .settings import Settings, SettingsError
from .stack import CellView, adopt_rows, no_prediction_text
from .view_model import StepView

__all__ = ["Origin", "Session"]


@dataclass(frozen=True)
class Origin:
    """What a session was set up from, for the views that explain it.

    Attributes
    ----------
    kind : {"builtin", "example", "scenario"}
        The built-in example the app opens on, an example of the gallery
        (:mod:`lstm_sim.gallery`) or a gradient scenario (:mod:`lstm_sim.scenarios`).
    key : str
        The example's or scenario's key (``""`` for the built-in one).
    explain : bool
        Its explanation still holds (False once other weights were loaded onto it:
        the title still names it, the explanation is no longer shown).
    """

    kind: str
    key: str = ""
    explain: bool = True


class Session:
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
    def gradients(self) -> GradientView | None:
        """Gradient norms at the cursor, or None (t = 0, or being computed)."""
        return self._gradients

    @property
    def gradients_stale(self) -> bool:
        """True when the gradients for the cursor still have to be computed (by a worker)."""
        return self._gradients_stale

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

    def describe_loss(self) -> str:
        """The loss of the gradient panel in words (English; the GUI translates its own)."""
        if self._settings.loss == "prediction":
            return "L = Σ_p (ŷ_t − y_t)²"
        if self._settings.loss == "prediction_sum":
            return "L = Σ_{k ≤ t} Σ_p (ŷ_k − y_k)²"
        if self._settings.loss == "unit":
            return f"L = h_t[{self._unit}]"
        return "L = Σ_j h_t[j]"

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

    @property
    def name(self) -> str:
        """The session's name, shown in the title bar (a file name; "" for none)."""
        return self._name

    @name.setter
    def name(self, name: str) -> None:
        if name != self._name:
            self._name = name
            self._notify(Topic.NAME)

    @property
    def origin(self) -> Origin | None:
        """What the session was set up from: an example or a scenario (None: a file, or made)."""
        return self._origin

    def set_origin(self, origin: Origin | None) -> None:
        """Say what the session was set up from (the views explain it)."""
        if origin != self._origin:
            self._origin = origin
            self._notify(Topic.ORIGIN)

    @property
    def path(self) -> str | None:
        """The session file this session was last opened from or saved to (None: none)."""
        return self._path

    def set_path(self, path: str | None) -> None:
        """Remember the session file (after opening or saving one; None: not a session file)."""
        if path != self._path:
            self._path = path
            self._notify(Topic.NAME)

    def mark_saved(self, name: str | None = None, path: str | None = None) -> None:
        """Forget unsaved changes (after saving); optionally rename and remember the file."""
        with self.batch():
            if name is not None:
                self.name = name
            if path is not None:
                self.set_path(path)
            self._modified = False
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

    # ---------------------------------------------------------- whole model
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

    # ------------------------------------------------------------ gradients
    def gradient_rows(self, t: int | None = None) -> int:
        """How many BPTT rows the gradients at step ``t`` (default: cursor) need."""
        t = self._t if t is None else t
        if t == 0:
            return 0
        return len(window_bounds(t, t, self._settings.window))

    def gradient_cost(self) -> int:
        """The work of the gradients at the cursor, in LSTM BPTT rows (decides inline or worker)."""
        rows = self.gradient_rows()
        if self._stack is not None and self._settings.loss in PREDICTION_LOSSES:
            # model_bptt: every cell of the model over the whole sequence
            rows = self.T * len(self._stack.model.cell_keys()) if self._t else 0
        return rows * COMPARE_ROW_COST if self._settings.compare else rows

    def _rnn_pair(self) -> tuple[RNNParams, RNNTrace, RNNFactorCache] | None:
        if self._settings.compare and self._rnn is not None and self._rnn_trace is not None:
            cache = self._factor_cache
            if cache is None or cache.trace is not self._rnn_trace:
                cache = RNNFactorCache(self._rnn, self._rnn_trace, self._sequence.length)
                self._factor_cache = cache
            return self._rnn, self._rnn_trace, cache
        return None

    @property
    def jacobian_cache(self) -> JacobianCache | None:
        """The step Jacobians kept for the gradient view at the cursor (one per trace and
        window; None for a window of "all", or one too large for the budget)."""
        return self._jacobians

    def _jacobian_cache(self) -> JacobianCache | None:
        """The step Jacobians of the current trace and window, when they are worth caching."""
        window = self._settings.window
        if window is None or not JacobianCache.fits(self._params.hidden_size, window):
            self._jacobians = None  # ("all": the chain would be rebuilt at every Step)
            return None
        cache = self._jacobians
        if cache is None or cache.trace is not self._trace or cache.window != window:
            cache = self._jacobians = JacobianCache(self._params, self._trace, window)
        return cache

    def _refresh_gradients(self) -> None:
        """Recompute the gradient view at the cursor when it is cheap, else mark it stale."""
        self._notify(Topic.GRADIENTS)
        if self._settings.loss in PREDICTION_LOSSES and not self.prediction_possible():
            # the read-out or the targets went away: back to the probe loss
            self._settings = replace(self._settings, loss="output")
            self._notify(Topic.SETTINGS)
        if self._t == 0:
            self._gradients, self._gradients_stale = None, False
        elif self.gradient_cost() <= INLINE_GRADIENT_ROWS:
            if self._settings.loss in PREDICTION_LOSSES:
                self._gradients = self._gradient_work(self._jacobian_cache())()[1]
            else:  # the probe loss, as before: no closure on the Step path
                self._gradients = compute_gradient_view(
                    self._params,
                    self._trace,
                    self._t,
                    self._settings,
                    self._unit,
                    self._rnn_pair(),
                    self._jacobian_cache(),
                )
            self._gradients_stale = False
        else:
            self._gradients, self._gradients_stale = None, True

    def prediction_possible(self) -> bool:
        """A prediction loss can be shown: the sequence has targets, and a read-out (or a
        model's head on every step) gives as many outputs."""
        return self._prediction_possible(self._settings)

    def _prediction_possible(self, settings: Settings) -> bool:
        p = self._sequence.target_size
        if not p:
            return False
        stack = self._stack
        if stack is None:
            return self._readout is not None and self._readout.output_size == p
        # a what-if clamp changes the shown cell, not the model whose ŷ it would be
        return stack.yhat is not None and stack.yhat.shape[1] == p and not settings.clamp

    def _gradient_work(
        self, jacobians: JacobianCache | None = None
    ) -> Callable[[], tuple[Trace, GradientView | None]]:
        """The gradient view at the cursor, as a function of what it captures now."""
        params, trace, t = self._params, self._trace, self._t
        settings, unit, rnn = self._settings, self._unit, self._rnn_pair()
        readout, targets, stack = self._readout, self._sequence.targets, self._stack

        def job() -> tuple[Trace, GradientView | None]:
            if t == 0:
                return trace, None
            if settings.loss not in PREDICTION_LOSSES or targets is None:
                view = compute_gradient_view(params, trace, t, settings, unit, rnn, jacobians)
            elif stack is not None:
                view = model_gradient_view(stack, targets, trace, t, settings, unit, rnn)
            else:
                value, direct = prediction_direct(trace, targets, readout, t, settings)
                view = compute_gradient_view(
                    params,
                    trace,
                    t,
                    settings,
                    unit,
                    rnn,
                    jacobians,
                    direct=direct,
                    loss_value=value,
                )
            return trace, view

        return job

    def gradient_job(self) -> Callable[[], tuple[Trace, GradientView | None]]:
        """A function that computes the gradient view at the cursor, for a worker thread.

        It captures the current parameters, trace, cursor and settings, so the
        session may change meanwhile; pass its result to :meth:`set_gradients`,
        which drops it if it no longer applies.
        """
        return self._gradient_work()

    def set_gradients(self, result: tuple[Trace, GradientView | None]) -> None:
        """Store the result of a :meth:`gradient_job`, if it still matches the session."""
        trace, view = result
        if trace is not self._trace:
            return
        if view is None or (
            view.t == self._t
            and view.window == self._settings.window
            and view.loss == self._settings.loss
            and view.unit == self._unit
            and view.clip == (self._settings.clip if self._settings.compare else None)
            and (view.rnn_dh_norm is None or view.clip_mode == self._settings.clip_mode)
            and (view.rnn_dh_norm is not None) == self._settings.compare
        ):
            self._gradients, self._gradients_stale = view, False
            self._notify(Topic.GRADIENTS)
