"""Loss helpers that produce the direct gradient ``dh`` for :func:`~lstm_sim.engine.bptt`.

Each returns ``(L, dh)`` where ``dh`` covers rows ``start … stop-1`` (shape
(stop − start, H)), ready to pass to ``bptt(..., stop=stop, window=stop - start)``.
Rows are 0-based: row k is step t = k + 1.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .errors import EngineError
from .lstm import Trace

__all__ = ["output_loss", "prediction_loss", "squared_error_loss"]


def output_loss(
    trace: Trace, k: int, weights: Any = None, *, start: int = 0
) -> tuple[float, np.ndarray]:
    """The output at one step: L = Σ_j w_j · h_k[j].

    Parameters
    ----------
    trace : Trace
    k : int
        Row of the step whose output is the loss (0 ≤ k < T).
    weights : array_like, shape (H,), optional
        w; all ones by default (L = sum of h_k).
    start : int
        First row of the returned ``dh`` (0 ≤ start ≤ k).

    Returns
    -------
    L : float
    dh : numpy.ndarray, shape (k + 1 − start, H)
        Zero except the last row, which is ``w``.
    """
    hidden = trace.params.hidden_size
    if not 0 <= k < len(trace):
        raise EngineError(f"k: expected 0 ≤ k < {len(trace)}, got {k}")
    if not 0 <= start <= k:
        raise EngineError(f"start: expected 0 ≤ start ≤ {k}, got {start}")
    w = np.ones(hidden) if weights is None else np.asarray(weights, dtype=np.float64)
    if w.shape != (hidden,):
        raise EngineError(f"weights: expected shape ({hidden},), got {w.shape}")
    dh = np.zeros((k + 1 - start, hidden))
    dh[-1] = w
    return float(w @ trace.h[k]), dh


def squared_error_loss(
    trace: Trace,
    targets: Any,
    *,
    readout: tuple[Any, Any] | None = None,
    start: int = 0,
    stop: int | None = None,
) -> tuple[float, np.ndarray]:
    """Squared error against targets, summed over rows ``start … stop-1``.

        ŷ_k = W_y · h_k + b_y        L = Σ_k Σ_j (ŷ_k[j] − y_k[j])²

    Parameters
    ----------
    trace : Trace
    targets : array_like, shape (T, P) (or (T,) when P = 1)
        y_k for every row of the trace.
    readout : (W_y, b_y), optional
        W_y of shape (P, H) and b_y of shape (P,). Without it, ŷ_k is the first
        P units of h_k (P ≤ H).
    start, stop : int
        Rows of the loss (default: all rows).

    Returns
    -------
    L : float
    dh : numpy.ndarray, shape (stop − start, H)
        ∂L/∂h_k = 2 · W_yᵀ (ŷ_k − y_k).
    """
    length, hidden = len(trace), trace.params.hidden_size
    stop = length if stop is None else int(stop)
    if not 0 <= start < stop <= length:
        raise EngineError(f"start, stop: expected 0 ≤ start < stop ≤ {length}, got {start}, {stop}")
    y = np.asarray(targets, dtype=np.float64)
    if y.ndim == 1:
        y = y[:, None]
    if y.ndim != 2 or y.shape[0] != length:
        raise EngineError(f"targets: expected shape ({length}, P), got {np.shape(targets)}")
    if not np.isfinite(y[start:stop]).all():
        k = int(np.argwhere(~np.isfinite(y[start:stop]))[0][0]) + start
        raise EngineError(f"targets: non-finite value at step {k + 1}")
    p = y.shape[1]
    h = trace.h[start:stop]
    if readout is None:
        if p > hidden:
            raise EngineError(
                f"targets: {p} target columns but only {hidden} units and no read-out"
            )
        err = h[:, :p] - y[start:stop]
        dh = np.zeros((stop - start, hidden))
        dh[:, :p] = 2.0 * err
    else:
        w_y = np.asarray(readout[0], dtype=np.float64)
        b_y = np.asarray(readout[1], dtype=np.float64)
        if w_y.shape != (p, hidden):
            raise EngineError(f"readout W_y: expected shape ({p}, {hidden}), got {w_y.shape}")
        if b_y.shape != (p,):
            raise EngineError(f"readout b_y: expected shape ({p},), got {b_y.shape}")
        err = h @ w_y.T + b_y - y[start:stop]
        dh = 2.0 * err @ w_y
    return float(np.sum(err * err)), dh


def prediction_loss(
    trace: Trace,
    targets: Any,
    k: int,
    *,
    readout: tuple[Any, Any] | None = None,
    mask: Any = None,
    summed: bool = False,
    start: int = 0,
) -> tuple[float, np.ndarray]:
    """The squared error of the prediction at row k, or summed over rows start … k.

        ŷ_j = W_y · h_j + b_y        L = Σ_j Σ_p m_j[p] · (ŷ_j[p] − y_j[p])²

    over j = k alone, or j = start … k with ``summed``. These are the terms of
    the loss the gallery's examples were trained on (:mod:`lstm_sim.train`:
    the mean of the same squared errors over every target of the sequence), so
    a gradient panel can show how far back *that* loss reaches, where
    :func:`output_loss` probes the raw output Σ h_k. Over every row
    (``summed``, k = T − 1, start = 0), L divided by the number of targets is
    the training loss of the sequence, and ``dh`` divided by it, passed to
    :func:`~lstm_sim.engine.bptt`, gives its gradient.

    Parameters
    ----------
    trace : Trace
    targets : array_like, shape (T, P) (or (T,) when P = 1)
        y_j for every row of the trace.
    k : int
        The row of the step t = k + 1 (0 ≤ k < T).
    readout : (W_y, b_y), optional
        W_y of shape (P, H) and b_y of shape (P,). Without it, ŷ_j is the first
        P units of h_j (P ≤ H).
    mask : array_like of bool, shape (T, P) or (T,), optional
        Which targets count (e.g. only the last step of the adding problem);
        default all.
    summed : bool
        Sum the squared errors of rows start … k, not only row k.
    start : int
        First row of the returned ``dh`` (0 ≤ start ≤ k).

    Returns
    -------
    L : float
    dh : numpy.ndarray, shape (k + 1 − start, H)
        ∂L/∂h_j = 2 · W_yᵀ (m_j ⊙ (ŷ_j − y_j)); zero on the rows outside the loss,
        ready for ``bptt(params, trace, dh, stop=k + 1, window=k + 1 − start)``.
    """
    length, hidden = len(trace), trace.params.hidden_size
    if not 0 <= k < length:
        raise EngineError(f"k: expected 0 ≤ k < {length}, got {k}")
    if not 0 <= start <= k:
        raise EngineError(f"start: expected 0 ≤ start ≤ {k}, got {start}")
    y = np.asarray(targets, dtype=np.float64)
    if y.ndim == 1:
        y = y[:, None]
    if y.ndim != 2 or y.shape[0] != length:
        raise EngineError(f"targets: expected shape ({length}, P), got {np.shape(targets)}")
    p = y.shape[1]
    lo = start if summed else k
    m = None
    if mask is not None:
        m = np.asarray(mask, dtype=bool)
        if m.ndim == 1:
            m = np.repeat(m[:, None], p, axis=1)
        if m.shape != y.shape:
            raise EngineError(
                f"mask: expected shape {y.shape} or ({length},), got {np.shape(mask)}"
            )
        m = m[lo : k + 1]
    ys = y[lo : k + 1]
    used = ys if m is None else np.where(m, ys, 0.0)
    if not np.isfinite(used).all():
        row = int(np.argwhere(~np.isfinite(used))[0][0]) + lo
        raise EngineError(f"targets: non-finite value at step {row + 1}")
    h = trace.h[lo : k + 1]
    dh = np.zeros((k + 1 - start, hidden))
    if readout is None:
        if p > hidden:
            raise EngineError(
                f"targets: {p} target columns but only {hidden} units and no read-out"
            )
        err = h[:, :p] - ys
        if m is not None:
            err = np.where(m, err, 0.0)
        dh[lo - start :, :p] = 2.0 * err
    else:
        w_y = np.asarray(readout[0], dtype=np.float64)
        b_y = np.asarray(readout[1], dtype=np.float64)
        if w_y.shape != (p, hidden):
            raise EngineError(f"readout W_y: expected shape ({p}, {hidden}), got {w_y.shape}")
        if b_y.shape != (p,):
            raise EngineError(f"readout b_y: expected shape ({p},), got {b_y.shape}")
        err = h @ w_y.T + b_y - ys
        if m is not None:
            err = np.where(m, err, 0.0)
        dh[lo - start :] = 2.0 * err @ w_y
    return float(np.sum(err * err)), dh
