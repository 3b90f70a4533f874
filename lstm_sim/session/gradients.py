"""Gradient norms of the loss at the cursor, for the gradient panels."""

from __future__ import annotations

from dataclasses import dataclass
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
    window_bounds,
)
from ..engine.jacobian_cache import JacobianCache, RNNFactorCache
from .settings import Settings

__all__ = ["GradientView", "compute_gradient_view", "trace_gradient_norms"]


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
    """
    hidden = params.hidden_size
    rows = window_bounds(t, t, settings.window)
    n = len(rows)
    loss_h = np.zeros(hidden)  # ∂L/∂h_t, the loss's direct gradient
    if settings.loss == "unit":
        loss_h[unit] = 1.0
    else:
        loss_h[:] = 1.0
    dh_norm, dc_norm = np.empty(n), np.empty(n)
    # The rows the cache holds, at the end of the window, go through the chain of
    # Jacobians (engine/jacobian_cache.py); the rows before them through bptt.
    chain = None if jacobians is None else jacobians.backward(loss_h, rows.start, rows.stop)
    s = rows.stop if chain is None else chain.start
    if chain is not None:
        dh_norm[s - rows.start :] = chain.dh_norm
        dc_norm[s - rows.start :] = chain.dc_norm
    if s > rows.start:
        direct_h, direct_c = np.zeros((s - rows.start, hidden)), None
        if chain is not None and chain.dh_before is not None:  # λ_{s-1} flows on
            direct_c = np.zeros((s - rows.start, hidden))
            direct_h[-1], direct_c[-1] = chain.dh_before, chain.dc_before
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
    if rnn is not None:
        rnn_params, rnn_trace, factors = rnn
        dh = np.zeros((n, hidden))  # the same loss, on the RNN's h_t
        dh[-1] = loss_h
        gr = bptt_rnn(
            rnn_params,
            rnn_trace,
            dh,
            stop=t,
            window=settings.window,
            param_grads=False,
            clip=settings.clip,
        )
        extra["rnn_dh_norm"] = gr.dh_norm()
        extra["rnn_factor"] = factors.get(rows.start, rows.stop)
        extra["rnn_sigma_max"] = largest_singular_value(rnn_params.weight_hh)
        extra["clip"] = settings.clip
    return GradientView(
        t=t,
        steps=np.arange(rows.start + 1, rows.stop + 1),
        dc_norm=dc_norm,
        dh_norm=dh_norm,
        window=settings.window,
        loss=settings.loss,
        unit=unit,
        **extra,
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
