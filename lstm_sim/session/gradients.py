"""Gradient norms of the loss at the cursor, for the gradient panels."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..engine import (
    LSTMParams,
    RNNParams,
    RNNTrace,
    Trace,
    bptt,
    bptt_rnn,
    carry_product,
    largest_singular_value,
    model_bptt,
    window_bounds,
)
from ..engine.explain import clip_grad_norm, direct_path_gradient
from ..engine.jacobian_cache import JacobianCache, RNNFactorCache
from ..engine.losses import prediction_loss
from .settings import Settings

__all__ = [
    "PREDICTION_LOSSES",
    "GradientView",
    "compute_gradient_view",
    "model_gradient_view",
    "prediction_direct",
    "trace_gradient_norms",
]

#: The prediction losses (:attr:`Settings.loss`): the squared error of ŷ against the
#: targets at step t, or summed over the steps up to t.
PREDICTION_LOSSES = ("prediction", "prediction_sum")


@dataclass(frozen=True)
class GradientView:
    """Gradient norms of the current loss, for the gradient panel.

    Attributes
    ----------
    t : int
        The step whose loss is shown (1 … T).
    steps : numpy.ndarray, shape (n,)
        The steps k (1-based) inside the BPTT window, ending at t.
    dc_norm, dh_norm : numpy.ndarray, shape (n,)
        ‖∂L/∂C_k‖ and ‖∂L/∂h_k‖.
    window : int or None
        The window that was asked for (None: all steps).
    loss : str
        The loss (see :class:`Settings`); ``unit`` names the unit used.
    unit : int
    direct_path : numpy.ndarray, shape (n,) or None
        ‖∂L/∂C_t ⊙ f_t ⊙ … ⊙ f_{k+1}‖: what the direct path alone (the forget
        gates' product) carries back from the loss's step, all units
        (:func:`~lstm_sim.engine.explain.direct_path_gradient`), beside the total
        ``dc_norm``; None for a loss with terms at several steps and for a
        model's cell.
    clip_mode : {"step", "global"}
        How ``clip`` is applied to the RNN (see :class:`Settings`).
    rnn_param_norm : float or None
        ‖∂L/∂W‖ of the RNN (all four arrays) as its backward pass gave it:
        per-step clipped in mode "step", unclipped in mode "global".
    rnn_param_norm_clipped : float or None
        Mode "global" with a threshold: the norm after
        :func:`~lstm_sim.engine.explain.clip_grad_norm` (else None).
    """

    t: int
    steps: np.ndarray
    dc_norm: np.ndarray
    dh_norm: np.ndarray
    window: int | None
    loss: str
    unit: int = 0
    forget: np.ndarray | None = None
    carry: np.ndarray | None = None
    rnn_dh_norm: np.ndarray | None = None
    rnn_factor: np.ndarray | None = None
    rnn_sigma_max: float | None = None
    clip: float | None = None
    loss_value: float | None = None
    direct_path: np.ndarray | None = None
    clip_mode: str = "step"
    rnn_param_norm: float | None = None
    rnn_param_norm_clipped: float | None = None

    @property
    def lags(self) -> np.ndarray:
        """t − k for every step k of the window (0 at the loss's own step)."""
        return self.t - self.steps


def compute_gradient_view(
    params: LSTMParams,
    trace: Trace,
    t: int,
    settings: Settings,
    unit: int,
    rnn: tuple[RNNParams, RNNTrace, RNNFactorCache] | None = None,
    jacobians: JacobianCache | None = None,
    *,
    direct: np.ndarray | None = None,
    loss_value: float | None = None,
) -> GradientView:
    """Gradient norms at step ``t`` (≥ 1) for the loss and window in ``settings``.

    The loss's direct gradient is on h_t (all units, or the selected one). The
    view also carries the mechanism: the selected unit's forget gates f_k and
    their running product back from t (∂C_t/∂C_k along the carry path), and,
    with ``rnn``, the vanilla RNN's ‖∂L/∂h_k‖ for the same loss, its local
    factors ‖W_hhᵀ·diag(1 − h_k²)‖ and σ_max(W_hh).

    With ``jacobians`` (a cache for this trace and window), the rows it holds
    are walked as a chain of Jacobian products and only the others by
    :func:`bptt`; the norms are the same to rounding.

    ``direct`` (n, H), the loss's own ∂L/∂h on the window's rows, replaces the
    probe loss (a prediction loss: :func:`prediction_direct`); ``loss_value`` is L.
    """
    hidden = params.hidden_size
    rows = window_bounds(t, t, settings.window)
    n = len(rows)
    loss_h = np.zeros(hidden)  # ∂L/∂h_t, the loss's direct gradient
    if direct is not None:
        loss_h = direct[-1]
    elif settings.loss == "unit":
        loss_h[unit] = 1.0
    else:
        loss_h[:] = 1.0
    # A loss with terms before t (a summed prediction loss) starts bptt on every row.
    summed = direct is not None and bool(np.any(direct[:-1]))
    dh_norm, dc_norm = np.empty(n), np.empty(n)
    # The rows the cache holds, at the end of the window, go through the chain of
    # Jacobians (engine/jacobian_cache.py); the rows before them through bptt.
    chain = (
        None if jacobians is None or summed else jacobians.backward(loss_h, rows.start, rows.stop)
    )
    s = rows.stop if chain is None else chain.start
    if chain is not None:
        dh_norm[s - rows.start :] = chain.dh_norm
        dc_norm[s - rows.start :] = chain.dc_norm
    if s > rows.start:
        direct_h, direct_c = np.zeros((s - rows.start, hidden)), None
        if chain is not None and chain.dh_before is not None:  # λ_{s-1} flows on
            direct_c = np.zeros((s - rows.start, hidden))
            direct_h[-1], direct_c[-1] = chain.dh_before, chain.dc_before
        elif summed and direct is not None:  # every row's own term
            direct_h[:] = direct
        else:  # no chain: the loss itself starts bptt
            direct_h[-1] = loss_h
        g = bptt(
            params, trace, direct_h, direct_c, stop=s, window=s - rows.start, param_grads=False
        )
        dh_norm[: s - rows.start] = g.dh_norm()
        dc_norm[: s - rows.start] = g.dc_norm()
    extra: dict[str, Any] = {
        "forget": np.array(trace.f[rows.start : rows.stop, unit]),
        "carry": carry_product(trace, t, window=settings.window, unit=unit),
    }
    if not summed:  # a loss on step t alone: what the direct path carries back from it
        last = bptt(params, trace, loss_h[None, :], stop=t, window=1, param_grads=False)
        carried = direct_path_gradient(trace, last, window=n)
        extra["direct_path"] = np.sqrt(np.einsum("ij,ij->i", carried, carried))
    if rnn is not None:
        rnn_params, rnn_trace, factors = rnn
        dh = np.zeros((n, hidden))  # the same loss, on the RNN's h_t
        if summed and direct is not None:
            dh[:] = direct
        else:
            dh[-1] = loss_h
        per_step = settings.clip if settings.clip_mode == "step" else None
        gr = bptt_rnn(rnn_params, rnn_trace, dh, stop=t, window=settings.window, clip=per_step)
        extra["rnn_dh_norm"] = gr.dh_norm()
        extra["rnn_factor"] = factors.get(rows.start, rows.stop)
        extra["rnn_sigma_max"] = largest_singular_value(rnn_params.weight_hh)
        extra["clip"] = settings.clip
        extra["clip_mode"] = settings.clip_mode
        param_grads = gr.to_state_dict()
        extra["rnn_param_norm"] = float(
            np.sqrt(sum(float(np.sum(g * g)) for g in param_grads.values()))
        )
        if settings.clip is not None and settings.clip_mode == "global":
            clipped, _total = clip_grad_norm(param_grads, settings.clip)
            extra["rnn_param_norm_clipped"] = float(
                np.sqrt(sum(float(np.sum(g * g)) for g in clipped.values()))
            )
    return GradientView(
        t=t,
        steps=np.arange(rows.start + 1, rows.stop + 1),
        dc_norm=dc_norm,
        dh_norm=dh_norm,
        window=settings.window,
        loss=settings.loss,
        unit=unit,
        loss_value=loss_value,
        **extra,
    )


def prediction_direct(
    trace: Trace, targets: np.ndarray, readout: Any, t: int, settings: Settings
) -> tuple[float, np.ndarray]:
    """A single cell's prediction loss at step ``t``: L and its ∂L/∂h on the window's rows.

    L = (ŷ_t − y_t)² (``settings.loss == "prediction"``) or Σ_k (ŷ_k − y_k)² over the
    window's steps up to t (``"prediction_sum"``), ŷ_k = W_y·h_k + b_y
    (:func:`~lstm_sim.engine.prediction_loss`).

    Returns
    -------
    L : float
    direct : numpy.ndarray, shape (n, H)
        For :func:`compute_gradient_view`'s ``direct``.
    """
    rows = window_bounds(t, t, settings.window)
    return prediction_loss(
        trace,
        targets[: len(trace)],
        t - 1,
        readout=(readout.W_y, readout.b_y),
        summed=settings.loss == "prediction_sum",
        start=rows.start,
    )


def model_gradient_view(
    stack: Any,
    targets: np.ndarray,
    trace: Trace,
    t: int,
    settings: Settings,
    unit: int,
    rnn: Any = None,
) -> GradientView:
    """The prediction loss of a whole model, backpropagated to the cell shown.

    L = Σ (ŷ − y)² over the time the shown cell's step t read (``"prediction"``), or
    over every time its steps 1 … t read (``"prediction_sum"``); ŷ is the model's
    head on its top layer. :func:`~lstm_sim.engine.model_bptt` carries ∂L/∂ŷ down
    through every layer and direction (the whole sequence: layers above a cell read
    all of it); the view holds the shown cell's ‖∂L/∂C_k‖, ‖∂L/∂h_k‖ for its steps
    k of the BPTT window up to t (the exact values, as full BPTT gives them).
    """
    mt = stack.run
    y = np.asarray(targets, dtype=np.float64)
    yhat = mt.yhat
    rows_read = [stack.time_row(k) for k in range(1, t + 1)]
    if settings.loss == "prediction":
        rows_read = rows_read[-1:]
    err = np.zeros_like(yhat)
    err[rows_read] = yhat[rows_read] - y[rows_read]
    loss_value = float(np.sum(err * err))
    g = model_bptt(mt, 2.0 * err, param_grads=False).cell(*stack.key)
    rows = window_bounds(t, t, settings.window)
    dh_rows = g.dh[rows.start : rows.stop]
    # The compare-mode RNN gets the same ∂L/∂h_t (total, from the model) at step t.
    probe = np.zeros_like(dh_rows)
    probe[-1] = dh_rows[-1]
    view = compute_gradient_view(
        stack.params, trace, t, settings, unit, rnn, direct=probe, loss_value=loss_value
    )
    return replace(
        view,
        dh_norm=np.linalg.norm(dh_rows, axis=1),
        dc_norm=np.linalg.norm(g.dc[rows.start : rows.stop], axis=1),
        direct_path=None,  # (the cell's ∂L/∂C_t also comes from the layers above it)
    )


def trace_gradient_norms(
    params: LSTMParams, trace: Trace, t: int, settings: Settings, unit: int
) -> tuple[np.ndarray, np.ndarray]:
    """‖∂L/∂C_k‖ and ‖∂L/∂h_k‖ for every row k of ``trace``, for the loss at step ``t``.

    The loss and window are the session's (:class:`Settings`), as in the
    gradient panel; rows outside the window, and after t, hold 0 (what the
    trace export writes).

    Returns
    -------
    grad_c_norm, grad_h_norm : numpy.ndarray, shape (len(trace),)
    """
    length = len(trace)
    gc, gh = np.zeros(length), np.zeros(length)
    if length == 0:
        return gc, gh
    t = int(min(max(t, 1), length))
    view = compute_gradient_view(params, trace, t, settings, unit)
    rows = view.steps - 1
    gc[rows] = view.dc_norm
    gh[rows] = view.dh_norm
    return gc, gh
