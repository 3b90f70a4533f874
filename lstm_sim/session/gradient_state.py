"""The session's gradient view: what it costs, when it is computed, and its caches.

A mixin of :class:`~lstm_sim.session.model.Session`. The gradients at the cursor
are computed inline when cheap (:data:`~lstm_sim.session.policy.INLINE_GRADIENT_ROWS`)
and otherwise marked stale for a worker (:meth:`GradientState.gradient_job`,
:meth:`GradientState.set_gradients`). The computation itself is
:mod:`~lstm_sim.session.gradients`'; the step Jacobians and the RNN's factors
are cached here, one per trace and window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..engine import LSTMParams, RNNParams, RNNTrace, Trace, window_bounds
from ..engine.jacobian_cache import JacobianCache, RNNFactorCache
from ..sequence import Sequence
from ..train import Readout
from .events import Topic
from .gradients import (
    PREDICTION_LOSSES,
    GradientView,
    compute_gradient_view,
    model_gradient_view,
    prediction_direct,
)
from .policy import COMPARE_ROW_COST, INLINE_GRADIENT_ROWS
from .settings import Settings
from .stack import CellView

__all__ = ["GradientState"]


class GradientState:
    """The gradient part of :class:`~lstm_sim.session.model.Session` (a mixin)."""

    # the session's state this part reads and sets (set in Session.__init__)
    _sequence: Sequence
    _params: LSTMParams
    _settings: Settings
    _trace: Trace
    _t: int
    _unit: int
    _stack: CellView | None
    _readout: Readout | None
    _rnn: RNNParams | None
    _rnn_trace: RNNTrace | None
    _factor_cache: RNNFactorCache | None
    _jacobians: JacobianCache | None
    _gradients: GradientView | None
    _gradients_stale: bool

    if TYPE_CHECKING:  # the session's helpers (defined in Session)

        @property
        def T(self) -> int: ...
        def _notify(self, *topics: Topic) -> None: ...

    @property
    def gradients(self) -> GradientView | None:
        """Gradient norms at the cursor, or None (t = 0, or being computed)."""
        return self._gradients

    @property
    def gradients_stale(self) -> bool:
        """True when the gradients for the cursor still have to be computed (by a worker)."""
        return self._gradients_stale

    def describe_loss(self) -> str:
        """The loss of the gradient panel in words (English; the GUI translates its own)."""
        if self._settings.loss == "prediction":
            return "L = Σ_p (ŷ_t − y_t)²"
        if self._settings.loss == "prediction_sum":
            return "L = Σ_{k ≤ t} Σ_p (ŷ_k − y_k)²"
        if self._settings.loss == "unit":
            return f"L = h_t[{self._unit}]"
        return "L = Σ_j h_t[j]"

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
