"""Backpropagation through time for the LSTM cell.

For a loss L that depends directly on some h_k (and possibly C_k), walking back
from the last step of the window (rows k = stop-1 … start):

    ∂L/∂h_k  = dh_k(direct) + W_hhᵀ · ∂L/∂z_{k+1}
    ∂L/∂C_k  = dc_k(direct) + ∂L/∂h_k ⊙ o_k ⊙ (1 − tanh²C_k) + ∂L/∂C_{k+1} ⊙ f_{k+1}
    ∂L/∂z_o  = ∂L/∂h_k ⊙ tanh(C_k) ⊙ o_k(1 − o_k)
    ∂L/∂z_i  = ∂L/∂C_k ⊙ g_k ⊙ i_k(1 − i_k)
    ∂L/∂z_f  = ∂L/∂C_k ⊙ C_{k-1} ⊙ f_k(1 − f_k)
    ∂L/∂z_g  = ∂L/∂C_k ⊙ i_k ⊙ (1 − g_k²)

The term ``∂L/∂C_{k+1} ⊙ f_{k+1}`` is the constant error carousel: with f ≈ 1 the
gradient reaches far back unchanged. Parameter gradients sum over the window:
``∂L/∂weight_ih = Σ_k ∂L/∂z_k x_kᵀ``, ``∂L/∂weight_hh = Σ_k ∂L/∂z_k h_{k-1}ᵀ``,
``∂L/∂bias_ih = ∂L/∂bias_hh = Σ_k ∂L/∂z_k``.

A *window* truncates the walk: only rows ``start … stop-1`` are visited, where
``start = max(0, stop - window)``; the gradient that would flow into row
``start - 1`` is returned as ``dh_in``/``dc_in`` and not followed further.

A gate clamped to a constant in the forward pass (``trace.clamp``) does not
depend on its pre-activation: its local derivative factor is zero, so its
∂L/∂z and the gradients of its rows of the weights are exactly zero, while its
constant value still enters the recurrence (e.g. ∂L/∂C_{k+1} ⊙ f with f ≡ 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .errors import EngineError
from .lstm import Trace, _internal_rows, _torch_rows
from .params import LSTMParams

__all__ = ["Gradients", "bptt", "transition_jacobians", "window_bounds"]


@dataclass(frozen=True, eq=False)
class Gradients:
    """Result of :func:`bptt` over rows ``start … stop-1`` (n = stop − start).

    Attributes
    ----------
    start, stop : int
        The window, as row indices (row k is step t = k + 1).
    dh : numpy.ndarray, shape (n, H)
        Total ∂L/∂h_k (direct plus through later steps).
    dc : numpy.ndarray, shape (n, H)
        Total ∂L/∂C_k.
    dz_internal : numpy.ndarray, shape (n, 4H)
        ∂L/∂(pre-activation) of the gates in the engine's internal block order
        (g, i, f, o); use :attr:`dz` (blocks i, f, g, o) or :attr:`d_i` … instead.
    dh_in, dc_in : numpy.ndarray, shape (H,)
        ∂L/∂h_{start-1} and ∂L/∂C_{start-1}: what the window passes further back
        (∂L/∂h_0, ∂L/∂C_0 when start = 0).
    weight_ih, weight_hh, bias_ih, bias_hh : numpy.ndarray or None
        Parameter gradients with PyTorch names and shapes; None when
        ``param_grads=False``.
    """

    start: int
    stop: int
    dh: np.ndarray
    dc: np.ndarray
    dz_internal: np.ndarray
    dh_in: np.ndarray
    dc_in: np.ndarray
    weight_ih: np.ndarray | None = None
    weight_hh: np.ndarray | None = None
    bias_ih: np.ndarray | None = None
    bias_hh: np.ndarray | None = None

    def _dz_block(self, b: int) -> np.ndarray:
        hidden = self.dh.shape[1]
        return self.dz_internal[:, b * hidden : (b + 1) * hidden]

    @property
    def dz(self) -> np.ndarray:
        """∂L/∂(pre-activation) of the gates, blocks i, f, g, o: a new (n, 4H) array."""
        return self.dz_internal[:, _torch_rows(self.dh.shape[1])]

    @property
    def d_i(self) -> np.ndarray:
        """∂L/∂z_i (input gate pre-activation), shape (n, H)."""
        return self._dz_block(1)

    @property
    def d_f(self) -> np.ndarray:
        """∂L/∂z_f (forget gate pre-activation), shape (n, H)."""
        return self._dz_block(2)

    @property
    def d_g(self) -> np.ndarray:
        """∂L/∂z_g (candidate pre-activation), shape (n, H)."""
        return self._dz_block(0)

    @property
    def d_o(self) -> np.ndarray:
        """∂L/∂z_o (output gate pre-activation), shape (n, H)."""
        return self._dz_block(3)

    def dc_norm(self) -> np.ndarray:
        """‖∂L/∂C_k‖₂ per row of the window, shape (n,)."""
        return np.sqrt(np.einsum("ij,ij->i", self.dc, self.dc))

    def dh_norm(self) -> np.ndarray:
        """‖∂L/∂h_k‖₂ per row of the window, shape (n,)."""
        return np.sqrt(np.einsum("ij,ij->i", self.dh, self.dh))

    def to_state_dict(self) -> dict[str, np.ndarray]:
        """Parameter gradients under PyTorch ``nn.LSTMCell`` names."""
        if self.weight_ih is None:
            raise EngineError("bptt was called with param_grads=False: no parameter gradients")
        return {
            "weight_ih": self.weight_ih,
            "weight_hh": self.weight_hh,
            "bias_ih": self.bias_ih,
            "bias_hh": self.bias_hh,
        }


def window_bounds(length: int, stop: int | None = None, window: int | None = None) -> range:
    """The rows ``start … stop-1`` a BPTT call with these arguments visits.

    Parameters
    ----------
    length : int
        Rows in the trace (T).
    stop : int, optional
        One past the last row the loss depends on (default T).
    window : int, optional
        At most this many rows (default: all, back to row 0).
    """
    stop = length if stop is None else int(stop)
    if not 1 <= stop <= length:
        raise EngineError(f"stop: expected 1 ≤ stop ≤ {length} (rows in the trace), got {stop}")
    if window is None:
        return range(0, stop)
    if int(window) < 1:
        raise EngineError(f"window: expected at least 1 step, got {window}")
    return range(max(0, stop - int(window)), stop)


def _aligned(name: str, arr: Any, length: int, rows: range, hidden: int) -> np.ndarray:
    """``arr`` restricted to the window: accepts (T, H) or (stop − start, H)."""
    a = np.asarray(arr, dtype=np.float64)
    n = len(rows)
    if a.ndim == 2 and a.shape[1] == hidden and a.shape[0] == length:
        a = a[rows.start : rows.stop]
    elif not (a.ndim == 2 and a.shape == (n, hidden)):
        raise EngineError(
            f"{name}: expected shape ({length}, {hidden}) (every step) or ({n}, {hidden}) "
            f"(the window), got {a.shape}"
        )
    if not np.isfinite(a).all():
        k, j = (int(v) for v in np.argwhere(~np.isfinite(a))[0])
        raise EngineError(f"{name}: non-finite value at row {rows.start + k}, unit {j}")
    return a


def _local_factors(
    trace: Trace, start: int, stop: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The local derivatives of rows start … stop-1 that are not on the recurrence.

    Returns ``F, A, B, Fc``: the forget gates f_k; A = ∂h_k/∂C_k = o_k ⊙ (1 − tanh²C_k);
    B = ∂h_k/∂z_o; Fc, shape (n, 3, H), = ∂C_k/∂z for blocks g, i, f. A clamped
    gate is a constant: its local derivative is zero (so ∂L/∂z = 0).
    """
    n, hidden = stop - start, trace.params.hidden_size
    G, I, F, O = (gate[start:stop] for gate in (trace.g, trace.i, trace.f, trace.o))  # noqa: E741
    TC = trace.tanh_c[start:stop]
    A = O * (1.0 - TC * TC)
    B = TC * O * (1.0 - O)
    Fc = np.empty((n, 3, hidden))
    np.multiply(I, 1.0 - G * G, out=Fc[:, 0])
    np.multiply(G * I, 1.0 - I, out=Fc[:, 1])
    np.multiply(F, 1.0 - F, out=Fc[:, 2])
    Fc[:, 2] *= trace.c_prev[start:stop]
    if trace.clamp is not None:
        if "o" in trace.clamp:
            B[:] = 0.0
        for b, name in enumerate("gif"):
            if name in trace.clamp:
                Fc[:, b] = 0.0
    return F, A, B, Fc


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
    """
    if trace.params is not params and trace.params != params:
        raise EngineError("params: these are not the parameters that produced the trace")
    hidden = params.hidden_size
    length = len(trace)
    if length == 0:
        raise EngineError("trace: empty (0 steps); run the cell first")
    rows = window_bounds(length, stop, window)
    start, stop = rows.start, rows.stop
    n = stop - start
    dh_d = _aligned("dh", dh, length, rows, hidden)
    dc_d = None if dc is None else _aligned("dc", dc, length, rows, hidden)

    # Every factor that is not on the recurrence, for the whole window at once.
    F, A, B, Fc = _local_factors(trace, start, stop)

    whh_int = np.ascontiguousarray(params.weight_hh[_internal_rows(hidden)])
    whhT_dot = np.ascontiguousarray(whh_int.T).dot
    dZ = np.empty((n, 4 * hidden))
    dZ3 = dZ.reshape(n, 4, hidden)
    dZo = dZ[:, 3 * hidden :]
    # Row r of W is [∂L/∂h_{r-1}, ∂L/∂C_r] (r = 0 … n): for row k, the pair
    # [∂L/∂h_k, ∂L/∂C_{k+1}] is W[k+1], contiguous, and with the factors
    # Q[k] = [∂h_k/∂C_k, f_{k+1}] one multiplication and one addition give
    # ∂L/∂C_k = ∂L/∂h_k ⊙ ∂h_k/∂C_k + ∂L/∂C_{k+1} ⊙ f_{k+1}.
    W = np.empty((n + 1, 2 * hidden))
    W[n, hidden:] = 0.0  # nothing flows back from after the window's last row
    DH = W[1:, :hidden]
    DC = W[:n, hidden:]
    Q = np.empty((n, 2 * hidden))
    Q[:, :hidden] = A
    Q[: n - 1, hidden:] = F[1:]
    Q[n - 1, hidden:] = 0.0
    tmp = np.empty(hidden)
    pair = np.empty(2 * hidden)
    lo, hi = pair[:hidden], pair[hidden:]
    add, mul = np.add, np.multiply

    # Rows k = n-1 … 0 as views made in C by zip, not by indexing in Python; a
    # loss on one step (the app's gradient panel) has no direct ∂L/∂h_k, ∂L/∂C_k
    # on the other rows, so their additions of zero are skipped.
    direct_h = dh_d.any(axis=1).tolist()
    direct_c = dc_d.any(axis=1).tolist() if dc_d is not None else [False] * n
    back = slice(n - 1, None, -1)  # rows k = n-1 … 0
    dz_next = None
    for k, w_k1, dhk, dck, q, fc, dz3, b, dzo, dz in zip(
        range(n - 1, -1, -1),
        W[n:0:-1],  # W[k + 1]
        DH[back],
        DC[back],
        Q[back],
        Fc[back],
        dZ3[back, :3],
        B[back],
        dZo[back],
        dZ[back],
        strict=True,
    ):
        if dz_next is None:
            dhk[:] = dh_d[k]
        elif direct_h[k]:
            whhT_dot(dz_next, tmp)
            add(dh_d[k], tmp, dhk)
        else:
            whhT_dot(dz_next, dhk)
        mul(w_k1, q, pair)
        add(lo, hi, dck)
        if direct_c[k]:
            add(dck, dc_d[k], dck)  # type: ignore[index]
        mul(fc, dck, dz3)
        mul(dhk, b, dzo)
        dz_next = dz
    DH = np.ascontiguousarray(DH)
    DC = np.ascontiguousarray(DC)

    dh_in = whhT_dot(dZ[0])
    dc_in = DC[0] * F[0]
    to_torch = _torch_rows(hidden)
    grads: dict[str, np.ndarray | None] = dict.fromkeys(
        ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
    )
    if param_grads:
        # Three large products instead of n outer products.
        g_ih = dZ.T @ trace.x[start:stop]
        g_hh = dZ.T @ trace.h_prev[start:stop]
        g_b = dZ.sum(axis=0)
        grads = {
            "weight_ih": g_ih[to_torch],
            "weight_hh": g_hh[to_torch],
            "bias_ih": g_b[to_torch],
            "bias_hh": g_b[to_torch].copy(),
        }
    return Gradients(
        start=start,
        stop=stop,
        dh=DH,
        dc=DC,
        dz_internal=dZ,
        dh_in=dh_in,
        dc_in=dc_in,
        **grads,
    )


def transition_jacobians(params: LSTMParams, trace: Trace, start: int, stop: int) -> np.ndarray:
    """The Jacobians of each step's state with respect to the previous state.

    For rows k = start … stop-1, ``J[k - start]`` is the (2H, 2H) matrix
    ∂(h_k, C_k)/∂(h_{k-1}, C_{k-1}), with the state written as [h, C]:

        ∂C_k/∂h_{k-1} = D_k = Σ_{b = g, i, f} diag(∂C_k/∂z_b) · W_hh,b
        ∂C_k/∂C_{k-1} = diag(f_k)
        ∂h_k/∂h_{k-1} = diag(tanh C_k ⊙ o_k(1 − o_k)) · W_hh,o + diag(∂h_k/∂C_k) · D_k
        ∂h_k/∂C_{k-1} = diag(∂h_k/∂C_k ⊙ f_k)

    where ∂h_k/∂C_k = o_k ⊙ (1 − tanh²C_k). A loss on one step t backpropagates
    as a chain of these: with λ_k = [∂L/∂h_k, ∂L/∂C_k] (h and C as separate
    state variables), λ_{k-1} = J_kᵀ λ_k, and the total ∂L/∂C_k of :func:`bptt`
    is λ_k's C part plus its h part ⊙ ∂h_k/∂C_k. A clamped gate contributes
    no derivative, as in :func:`bptt`.

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
    """
    hidden = params.hidden_size
    if not 0 <= start <= stop <= len(trace):
        raise EngineError(f"rows: expected 0 ≤ start ≤ stop ≤ {len(trace)}, got {start} … {stop}")
    n = stop - start
    F, A, B, Fc = _local_factors(trace, start, stop)
    whh = params.weight_hh.reshape(4, hidden, hidden)  # PyTorch blocks i, f, g, o
    # Filled through a transposed view, so that J.transpose(0, 2, 1) — what a
    # backward chain multiplies by — is contiguous without a copy.
    size = 2 * hidden
    JT = np.zeros((n, size, size))
    J = JT.transpose(0, 2, 1)
    # D_k = Σ_b diag(Fc_k,b) · W_hh,b over b = g, i, f: one contraction for all rows.
    D = np.einsum("nbh,bhk->nhk", Fc, whh[[2, 0, 1]])
    J[:, hidden:, :hidden] = D
    D *= A[:, :, None]
    D += B[:, :, None] * whh[3]
    J[:, :hidden, :hidden] = D
    # The diagonals, as strided views of the flat rows: J[k, i, H + i] is
    # JT[k, H + i, i], at H·2H + i·(2H + 1); J[k, H + i, H + i] at (H + i)·(2H + 1).
    flat = JT.reshape(n, size * size)
    flat[:, hidden * size :: size + 1] = A * F
    flat[:, hidden * (size + 1) :: size + 1] = F
    return J
