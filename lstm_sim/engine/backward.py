"""Backpropagation through time for the LSTM cell.

For a loss L that depends directly on some h_k (and possibly C_k), walking back
from the last row of the window (rows k = stop-1 … start):

    ∂L/∂h_k   = dh_k(direct) + weight_hhᵀ·∂L/∂z_{k+1}
    ∂L/∂C_k   = dc_k(direct) + ∂L/∂h_k ⊙ ∂h_k/∂C_k + ∂L/∂C_{k+1} ⊙ f_{k+1}
    ∂L/∂z_i   = ∂L/∂C_k ⊙ ∂C_k/∂z_i        ∂C_k/∂z_i = g_k ⊙ i_k(1 − i_k)
    ∂L/∂z_f   = ∂L/∂C_k ⊙ ∂C_k/∂z_f        ∂C_k/∂z_f = C_{k-1} ⊙ f_k(1 − f_k)
    ∂L/∂z_g   = ∂L/∂C_k ⊙ ∂C_k/∂z_g        ∂C_k/∂z_g = i_k ⊙ (1 − g_k²)
    ∂L/∂z_o   = ∂L/∂h_k ⊙ ∂h_k/∂z_o        ∂h_k/∂z_o = tanh(C_k) ⊙ o_k(1 − o_k)

with ∂h_k/∂C_k = o_k ⊙ (1 − tanh²C_k). The term ``∂L/∂C_{k+1} ⊙ f_{k+1}`` is the
constant error carousel: with f ≈ 1 the gradient reaches far back unchanged.
The parameter gradients are sums over the window
(:func:`~lstm_sim.engine.gradients.parameter_gradients`). The same equations,
one step at a time with every quantity named, are
:func:`~lstm_sim.engine.reference.lstm_step_backward`, which this is tested against.

A *window* truncates the walk: only rows ``start … stop-1`` are visited, where
``start = max(0, stop - window)``; the gradient that would flow into row
``start - 1`` is returned as ``dh_in``/``dc_in`` and not followed further.

A gate clamped to a constant in the forward pass (``trace.clamp``) does not
depend on its pre-activation: its local derivative factor is zero, so its
∂L/∂z and the gradients of its rows of the weights are exactly zero, while its
constant value still enters the recurrence (e.g. ∂L/∂C_{k+1} ⊙ f with f ≡ 1).
"""

from __future__ import annotations

from typing import Any, NamedTuple, cast

import numpy as np

from .errors import EngineError
from .gradients import Gradients, direct_gradient, parameter_gradients, window_bounds
from .lstm import Trace
from .params import LSTMParams
from .trace import check_trace

__all__ = ["Gradients", "bptt", "local_factors", "transition_jacobians", "window_bounds"]


class LocalFactors(NamedTuple):
    """The local derivatives of rows ``start … stop-1``: everything not on the recurrence.

    Attributes
    ----------
    f : (n, H)        f_k = ∂C_k/∂C_{k-1}
    dh_dc : (n, H)    ∂h_k/∂C_k = o_k ⊙ (1 − tanh²C_k)
    dh_dzo : (n, H)   ∂h_k/∂z_o = tanh(C_k) ⊙ o_k(1 − o_k)
    dc_dz : (n, 3, H) ∂C_k/∂z for the gates i, f, g (those that reach h through C)

    A clamped gate is a constant: its derivative is zero.
    """

    f: np.ndarray
    dh_dc: np.ndarray
    dh_dzo: np.ndarray
    dc_dz: np.ndarray


def local_factors(trace: Trace, start: int, stop: int) -> LocalFactors:
    """The :class:`LocalFactors` of rows ``start … stop-1`` of ``trace``, for all rows at once."""
    i, f, g, o = (gate[start:stop] for gate in (trace.i, trace.f, trace.g, trace.o))
    tanh_c, c_prev = trace.tanh_c[start:stop], trace.c_prev[start:stop]
    dh_dc = o * (1.0 - tanh_c * tanh_c)
    dh_dzo = tanh_c * o * (1.0 - o)
    dc_dz = np.empty((stop - start, 3, trace.params.hidden_size))
    dc_dz[:, 0] = g * i * (1.0 - i)  # ∂C_k/∂z_i
    dc_dz[:, 1] = c_prev * f * (1.0 - f)  # ∂C_k/∂z_f
    dc_dz[:, 2] = i * (1.0 - g * g)  # ∂C_k/∂z_g
    if trace.clamp is not None:
        for b, name in enumerate("ifg"):
            if name in trace.clamp:
                dc_dz[:, b] = 0.0
        if "o" in trace.clamp:
            dh_dzo[:] = 0.0
    return LocalFactors(f, dh_dc, dh_dzo, dc_dz)


def bptt(
    params: LSTMParams,
    trace: Trace,
    dh: Any,
    dc: Any = None,
    *,
    stop: int | None = None,
    window: int | None = None,
    param_grads: bool = True,
) -> Gradients:
    """Backpropagation through time over a stored trace.

    Parameters
    ----------
    params : LSTMParams
        The parameters that produced ``trace``.
    trace : Trace
        The forward pass (T rows).
    dh : array_like, shape (T, H) or (n, H)
        ∂L/∂h_k from the loss's *direct* dependence on each h_k (not through
        later steps), for every row or only for the window's n rows.
    dc : array_like, shape (T, H) or (n, H), optional
        The same for C_k, for losses on the cell state.
    stop : int, optional
        One past the last row the loss depends on (default T). Rows after it
        are ignored.
    window : int, optional
        Backpropagate over at most this many rows, ending at ``stop - 1``
        (default: all the way to row 0). The cost is O(window), whatever T is.
    param_grads : bool
        Also compute the parameter gradients (skip them when only ∂L/∂h, ∂L/∂C
        are needed).

    Returns
    -------
    Gradients
        ``dh``, ``dc`` (n, H), ``dz`` (n, 4H, blocks i, f, g, o), ``dh_in``,
        ``dc_in`` (H,) and the parameter gradients.
    """
    check_trace(trace, Trace, params)
    hidden = params.hidden_size
    rows = window_bounds(len(trace), stop, window)
    start, stop, n = rows.start, rows.stop, len(rows)
    dh_direct = direct_gradient("dh", dh, len(trace), rows, hidden)
    dc_direct = None if dc is None else direct_gradient("dc", dc, len(trace), rows, hidden)
    # A loss on one step (the app's gradient panel) has no direct gradient on
    # the other rows: their additions of zero are skipped.
    has_dh = cast("list[bool]", dh_direct.any(axis=1).tolist())
    has_dc = [False] * n
    if dc_direct is not None:
        has_dc = cast("list[bool]", dc_direct.any(axis=1).tolist())

    # Everything that is not on the recurrence, for the whole window at once.
    lf = local_factors(trace, start, stop)

    # One row more than the window, left at zero: what flows back from after its
    # last row (nothing), so that row k can always read row k + 1.
    d_h = np.zeros((n + 1, hidden))  # ∂L/∂h_k
    d_c = np.zeros((n + 1, hidden))  # ∂L/∂C_k
    d_z = np.zeros((n + 1, 4 * hidden))  # ∂L/∂z_k, blocks i, f, g, o
    f = np.zeros((n + 1, hidden))
    f[:n] = lf.f
    dz_ifg = d_z.reshape(n + 1, 4, hidden)[:, :3]  # blocks i, f, g of each row
    dz_o = d_z[:, 3 * hidden :]
    weight_hh_T = np.ascontiguousarray(params.weight_hh.T)  # (H, 4H)
    carry = np.empty(hidden)

    for k in range(n - 1, -1, -1):
        dh_k, dc_k = d_h[k], d_c[k]
        # ∂L/∂h_k = dh_k(direct) + weight_hhᵀ·∂L/∂z_{k+1}
        weight_hh_T.dot(d_z[k + 1], dh_k)
        if has_dh[k]:
            np.add(dh_k, dh_direct[k], dh_k)
        # ∂L/∂C_k = dc_k(direct) + ∂L/∂h_k ⊙ ∂h_k/∂C_k + ∂L/∂C_{k+1} ⊙ f_{k+1}
        np.multiply(dh_k, lf.dh_dc[k], dc_k)
        np.multiply(d_c[k + 1], f[k + 1], carry)
        np.add(dc_k, carry, dc_k)
        if has_dc[k]:
            np.add(dc_k, dc_direct[k], dc_k)  # type: ignore[index]
        # ∂L/∂z_{i,f,g} = ∂L/∂C_k ⊙ ∂C_k/∂z_{i,f,g};  ∂L/∂z_o = ∂L/∂h_k ⊙ ∂h_k/∂z_o
        np.multiply(lf.dc_dz[k], dc_k, dz_ifg[k])
        np.multiply(dh_k, lf.dh_dzo[k], dz_o[k])

    d_h, d_c, d_z = d_h[:n], d_c[:n], d_z[:n]
    grads: dict[str, Any] = {}
    if param_grads:
        grads = parameter_gradients(d_z, trace.x[start:stop], trace.h_prev[start:stop])
    return Gradients(
        start=start,
        stop=stop,
        dh=d_h,
        dc=d_c,
        dz=d_z,
        dh_in=weight_hh_T.dot(d_z[0]),  # ∂L/∂h_{start-1} = weight_hhᵀ·∂L/∂z_start
        dc_in=d_c[0] * f[0],  # ∂L/∂C_{start-1} = ∂L/∂C_start ⊙ f_start
        **grads,
    )


def transition_jacobians(params: LSTMParams, trace: Trace, start: int, stop: int) -> np.ndarray:
    """The Jacobians of each step's state with respect to the previous state.

    For rows k = start … stop-1, ``J[k - start]`` is the (2H, 2H) matrix
    ∂(h_k, C_k)/∂(h_{k-1}, C_{k-1}), with the state written as [h, C]:

        ∂C_k/∂h_{k-1} = D_k = Σ_{b = i, f, g} diag(∂C_k/∂z_b) · W_hh,b
        ∂C_k/∂C_{k-1} = diag(f_k)
        ∂h_k/∂h_{k-1} = diag(∂h_k/∂z_o) · W_hh,o + diag(∂h_k/∂C_k) · D_k
        ∂h_k/∂C_{k-1} = diag(∂h_k/∂C_k ⊙ f_k)

    where W_hh,b is gate b's (H, H) block of ``weight_hh`` and the local
    factors are those of :func:`local_factors`. A loss on one step t
    backpropagates as a chain of these: with λ_k = [∂L/∂h_k, ∂L/∂C_k] (h and C
    as separate state variables), λ_{k-1} = J_kᵀ λ_k, and the total ∂L/∂C_k of
    :func:`bptt` is λ_k's C part plus its h part ⊙ ∂h_k/∂C_k. A clamped gate
    contributes no derivative, as in :func:`bptt`.

    Parameters
    ----------
    params : LSTMParams
        The parameters that produced ``trace``.
    trace : Trace
    start, stop : int
        Rows ``start … stop-1`` (0 ≤ start ≤ stop ≤ T).

    Returns
    -------
    numpy.ndarray, shape (stop − start, 2H, 2H)
        Each J_k; ``J.transpose(0, 2, 1)`` (the J_kᵀ a backward chain
        multiplies by) is C-contiguous.
    """
    hidden = params.hidden_size
    if not 0 <= start <= stop <= len(trace):
        raise EngineError(f"rows: expected 0 ≤ start ≤ stop ≤ {len(trace)}, got {start} … {stop}")
    n, size = stop - start, 2 * hidden
    lf = local_factors(trace, start, stop)
    w_hh = params.weight_hh.reshape(4, hidden, hidden)  # blocks i, f, g, o
    # Filled through a transposed view, so that J.transpose(0, 2, 1) is
    # contiguous without a copy.
    JT = np.zeros((n, size, size))
    J = JT.transpose(0, 2, 1)
    # D_k = Σ_b diag(∂C_k/∂z_b) · W_hh,b over b = i, f, g: one contraction for all rows.
    D = np.einsum("nbh,bhk->nhk", lf.dc_dz, w_hh[:3])
    J[:, hidden:, :hidden] = D  # ∂C_k/∂h_{k-1}
    D *= lf.dh_dc[:, :, None]
    D += lf.dh_dzo[:, :, None] * w_hh[3]
    J[:, :hidden, :hidden] = D  # ∂h_k/∂h_{k-1}
    # The diagonals, as strided views of the flat rows: J[k, i, H + i] is
    # JT[k, H + i, i], at H·2H + i·(2H + 1); J[k, H + i, H + i] at (H + i)·(2H + 1).
    flat = JT.reshape(n, size * size)
    flat[:, hidden * size :: size + 1] = lf.dh_dc * lf.f  # ∂h_k/∂C_{k-1}
    flat[:, hidden * (size + 1) :: size + 1] = lf.f  # ∂C_k/∂C_{k-1}
    return J
