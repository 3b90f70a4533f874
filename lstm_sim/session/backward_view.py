"""What the backward-pass views show: one step of BPTT for the gradient panel's loss (Qt-free).

The gradient panel shows the norms of ∂L/∂C_k and ∂L/∂h_k for the loss at the
cursor t (``Settings.loss``: L = Σ_j h_t[j] or L = h_t[j]). The backward view
opens one of those steps, k = t − lag (``Settings.backward_lag``), and shows
how its numbers are made (see docs/architecture.md, "Gradients")::

    ∂L/∂h_k = (the loss's own ∂L/∂h_k) + W_hhᵀ·∂L/∂z_{k+1}
    ∂L/∂C_k = ∂L/∂C_{k+1} ⊙ f_{k+1} + ∂L/∂h_k ⊙ o_k ⊙ (1 − tanh²C_k)
    ∂L/∂z per gate, and the step's contributions ∂L/∂z·x_kᵀ, ∂L/∂z·h_{k−1}ᵀ, ∂L/∂z

Only the rows k … t−1 are needed (the loss is on h_t alone, so nothing before
k changes them): :func:`backward_view` runs :func:`~lstm_sim.engine.bptt` over
lag + 1 rows and opens row k with :func:`~lstm_sim.engine.explain.backward_step`
(the reference step, ``engine/reference.py``). The numbers are those of the
gradient panel's window, to rounding. Steps are 1-based as in the app (step s
is row s − 1 of the trace).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..engine import bptt
from ..engine.explain import BackwardStep, backward_step
from .gradients import PREDICTION_LOSSES, prediction_direct
from .policy import INLINE_GRADIENT_ROWS

if TYPE_CHECKING:
    from ..engine import StepResult
    from .model import Session

__all__ = [
    "MAX_LAG",
    "BackwardView",
    "backward_view",
    "lag_limit",
    "loss_gradient",
    "model_prediction_loss",
]

#: The farthest step back the view opens (its BPTT runs inline, on the GUI thread).
MAX_LAG = INLINE_GRADIENT_ROWS - 1


@dataclass(frozen=True, eq=False)
class BackwardView:
    """One step k of the backward pass of the loss at t, as the backward views show it.

    Attributes
    ----------
    t : int
        The loss's step (the cursor, ≥ 1).
    k : int
        The step shown, 1 … t (row k − 1 of the trace).
    lag : int
        t − k.
    unit : int
        The selected unit j.
    loss : str
        ``Settings.loss``.
    step : BackwardStep
        The numbers of row k − 1 (all units).
    forward : StepResult
        The forward step k (o_k, tanh C_k, the gates … of the equations).
    f_next : numpy.ndarray or None, shape (H,)
        f_{k+1} (None when k = t: nothing flows back from after the loss).
    dc_next : numpy.ndarray or None, shape (H,)
        ∂L/∂C_{k+1} (None when k = t).
    loss_h : numpy.ndarray, shape (H,)
        The loss's own ∂L/∂h_t.
    """

    t: int
    k: int
    lag: int
    unit: int
    loss: str
    step: BackwardStep
    forward: StepResult
    f_next: np.ndarray | None
    dc_next: np.ndarray | None
    loss_h: np.ndarray


def loss_gradient(loss: str, unit: int, hidden: int) -> np.ndarray:
    """The loss's own ∂L/∂h_t: ones (L = Σ_j h_t[j]) or one 1 at ``unit`` (L = h_t[unit])."""
    loss_h = np.zeros(hidden)
    if loss == "unit":
        loss_h[unit] = 1.0
    else:
        loss_h[:] = 1.0
    return loss_h


def model_prediction_loss(session: Session) -> bool:
    """The loss is a whole model's prediction loss: its gradient on the shown cell also comes
    from the layers above (``model_bptt``), which the one-cell backward step does not show."""
    return session.stack is not None and session.settings.loss in PREDICTION_LOSSES


def lag_limit(session: Session) -> int:
    """The largest lag the view can show at the cursor: inside t, the window and :data:`MAX_LAG`."""
    t = session.t
    if t == 0:
        return 0
    window = session.settings.window
    limit = t - 1 if window is None else min(t, window) - 1
    return max(0, min(limit, MAX_LAG))


def backward_view(session: Session) -> BackwardView | None:
    """The backward view at the session's cursor.

    None at t = 0 (there is no loss yet) and for a whole model's prediction loss
    (:func:`model_prediction_loss`). A prediction loss of one cell and its read-out
    sends ∂L/∂h to every step it has a term at (:func:`prediction_direct`); those
    of steps k … t are what reaches step k.
    """
    t = session.t
    if t == 0 or model_prediction_loss(session):
        return None
    settings = session.settings
    lag = min(settings.backward_lag, lag_limit(session))
    params, trace = session.params, session.trace
    targets = session.sequence.targets
    if settings.loss in PREDICTION_LOSSES and targets is not None:
        _value, direct = prediction_direct(trace, targets, session.readout, t, settings)
        dh = np.array(direct[-(lag + 1) :])
        loss_h = np.array(direct[-1])
    else:
        loss_h = loss_gradient(settings.loss, session.unit, params.hidden_size)
        dh = np.zeros((lag + 1, params.hidden_size))
        dh[-1] = loss_h
    grads = bptt(params, trace, dh, stop=t, window=lag + 1, param_grads=False)
    k_row = t - 1 - lag
    step = backward_step(params, trace, grads, k_row)
    f_next = dc_next = None
    if lag > 0:
        f_next = np.array(trace.f[k_row + 1])
        dc_next = np.array(grads.dc[1])
    return BackwardView(
        t=t,
        k=k_row + 1,
        lag=lag,
        unit=session.unit,
        loss=settings.loss,
        step=step,
        forward=trace.step_result(k_row),
        f_next=f_next,
        dc_next=dc_next,
        loss_h=loss_h,
    )
