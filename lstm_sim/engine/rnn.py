"""A vanilla (Elman) RNN cell beside the LSTM: why its gradients vanish or explode.

One time step, input x_t (D values), previous state h_{t-1} (H values):

    z_t = W_ih·x_t + b_ih + W_hh·h_{t-1} + b_hh
    h_t = tanh(z_t)

Parameters are stored like PyTorch ``nn.RNNCell`` / ``nn.RNN(nonlinearity="tanh")``:

    weight_ih : (H, D)    bias_ih : (H,)
    weight_hh : (H, H)    bias_hh : (H,)

Backpropagation through time, walking back from the last row of the window
(rows k = stop-1 … start; row k is step t = k + 1, as for the LSTM):

    ∂L/∂z_k     = ∂L/∂h_k ⊙ (1 − h_k²)
    ∂L/∂h_{k-1} = dh_{k-1}(direct) + W_hhᵀ·∂L/∂z_k
                = dh_{k-1}(direct) + J_k·∂L/∂h_k,      J_k = W_hhᵀ·diag(1 − h_k²)

So the gradient reaching row k from a loss on row t alone is
J_{k+1}·J_{k+2}⋯J_t·∂L/∂h_t, and since 0 < 1 − h² ≤ 1,

    ‖∂L/∂h_k‖ ≤ ‖J_{k+1}‖⋯‖J_t‖·‖∂L/∂h_t‖ ≤ σ_max(W_hh)^(t−k)·‖∂L/∂h_t‖

— it vanishes geometrically when σ_max(W_hh) < 1, and can grow geometrically
(explode) when the factors exceed 1. :func:`rnn_jacobian_norms` gives ‖J_k‖₂
for every row; :func:`largest_singular_value` gives σ_max(W_hh). The LSTM's
counterpart is the diagonal carry factor f_k (:mod:`lstm_sim.engine.carry`).

Gradient clipping (the standard remedy for explosion) is available in
:func:`bptt_rnn` as per-step norm clipping of ∂L/∂h_k; see its ``clip``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from .errors import EngineError
from .gradients import CellGradients, direct_gradient, parameter_gradients, window_bounds
from .params import CellParams, orthogonal
from .trace import CellTrace, check_inputs, check_trace

__all__ = [
    "RNNGradients",
    "RNNParams",
    "RNNTrace",
    "bptt_rnn",
    "largest_singular_value",
    "rnn_jacobian_norms",
    "run_rnn",
]


def _shape(name: str, value: Any) -> tuple[int, ...]:
    try:
        return tuple(np.shape(value))
    except (TypeError, ValueError) as exc:
        raise EngineError(f"{name}: not a numeric array ({exc})") from None


# ------------------------------------------------------------------ parameters
@dataclass(frozen=True, eq=False, repr=False)  # repr, eq: from CellParams
class RNNParams(CellParams):
    """Parameters of one vanilla RNN cell (PyTorch ``nn.RNNCell`` layout, float64).

    Parameters
    ----------
    weight_ih : array_like, shape (H, D)
    weight_hh : array_like, shape (H, H)
    bias_ih : array_like, shape (H,)
    bias_hh : array_like, shape (H,)

    H is taken from ``weight_hh``. The arrays are copied, converted to float64
    and made read-only; wrong shapes or non-finite values raise
    :class:`~lstm_sim.engine.EngineError` naming the array, e.g.
    ``"weight_hh: expected shape (3, 3), got (3, 4)"``. The nonlinearity is
    tanh (PyTorch's default; ``nonlinearity="relu"`` is not modelled).
    :meth:`from_state_dict` reads ``nn.RNNCell`` and ``nn.RNN`` names; an LSTM
    or GRU state dict fails on the shape of ``weight_hh``, with a hint.
    """

    BLOCKS: ClassVar[int] = 1
    TORCH_NAMES: ClassVar[tuple[str, str]] = ("nn.RNNCell", "nn.RNN")

    def _expected_shapes(self) -> dict[str, tuple[int, ...]]:
        s_hh = _shape("weight_hh", self.weight_hh)
        if len(s_hh) != 2 or s_hh[0] < 1:
            raise EngineError(f"weight_hh: expected shape (H, H) with H ≥ 1, got {s_hh}")
        hidden = s_hh[0]
        if s_hh[1] != hidden:
            hint = ""
            if s_hh[0] == 4 * s_hh[1]:
                hint = " (4H × H is an LSTM's weight_hh: use LSTMParams)"
            elif s_hh[0] == 3 * s_hh[1]:
                hint = " (3H × H is a GRU's weight_hh, which is not supported)"
            raise EngineError(f"weight_hh: expected shape ({hidden}, {hidden}), got {s_hh}{hint}")
        s_ih = _shape("weight_ih", self.weight_ih)
        if len(s_ih) != 2 or s_ih[1] < 1:
            raise EngineError(f"weight_ih: expected shape ({hidden}, D) with D ≥ 1, got {s_ih}")
        return {
            "weight_ih": (hidden, s_ih[1]),
            "weight_hh": (hidden, hidden),
            "bias_ih": (hidden,),
            "bias_hh": (hidden,),
        }

    # ---------------------------------------------------------- construction
    @classmethod
    def random(
        cls,
        input_size: int,
        hidden_size: int,
        *,
        seed: int | None = 0,
        init: str = "uniform",
        recurrent_scale: float | None = None,
    ) -> RNNParams:
        """Random parameters.

        Parameters
        ----------
        input_size : int
            D ≥ 1.
        hidden_size : int
            H ≥ 1.
        seed : int or None
            Seed for :func:`numpy.random.default_rng` (same seed, same weights).
        init : {"uniform", "xavier", "orthogonal"}
            ``"uniform"``: every entry U(−1/√H, 1/√H), like PyTorch.
            ``"xavier"``: Glorot-uniform weights, zero biases.
            ``"orthogonal"``: Xavier input weights, orthogonal ``weight_hh``,
            zero biases.
        recurrent_scale : float, optional
            a ≥ 0: replace ``weight_hh`` by a·Q with Q a random orthogonal matrix,
            so every singular value of ``weight_hh`` (hence the largest, and the
            spectral radius) is a, to float precision. With a < 1 gradients
            provably vanish at least as fast as a^(t−k); with a > 1 and
            near-linear units they explode like a^(t−k). For one seed, Q and the
            other arrays do not depend on a, so curves for several a compare
            like with like.
        """
        rng = np.random.default_rng(seed)
        arrays = cls._random_arrays(rng, input_size, hidden_size, init)
        if recurrent_scale is not None:
            a = float(recurrent_scale)
            if not (np.isfinite(a) and a >= 0.0):
                raise EngineError(f"recurrent_scale: expected a finite value ≥ 0, got {a}")
            arrays["weight_hh"] = a * orthogonal(rng, int(hidden_size))
        return cls(**arrays)


# --------------------------------------------------------------------- forward
class RNNTrace(CellTrace):
    """The history of a vanilla RNN run: h_t for every step so far.

    Same storage as :class:`~lstm_sim.engine.Trace` (see
    :mod:`~lstm_sim.engine.trace`): preallocated, growing by doubling, so
    :meth:`append` is amortized O(1). A storage row is ``[x_t | 1 | h_t]``, and
    a step is one matrix-vector product with ``[weight_ih | b | weight_hh]``
    and one ``tanh``.

    Parameters
    ----------
    params : RNNParams
    h0 : array_like, shape (H,), optional
        Initial state (zeros by default).
    capacity : int
        Steps to preallocate.

    Attributes
    ----------
    params : RNNParams
    h0 : numpy.ndarray, shape (H,), read-only

    Raises
    ------
    BudgetError
        The storage would not fit in memory; checked before allocating.

    Notes
    -----
    :attr:`h`, :attr:`x`, :attr:`h_prev` are views of length T into the
    storage; take a copy to keep them across later appends.
    """

    def __init__(self, params: RNNParams, h0: Any = None, *, capacity: int = 0) -> None:
        if not isinstance(params, RNNParams):
            raise EngineError(f"params: expected RNNParams, got {type(params).__name__}")
        super().__init__(params, h0, np.zeros(0), capacity)
        inputs = params.input_size
        self._w = np.ascontiguousarray(
            np.hstack([params.weight_ih, params.bias[:, None], params.weight_hh])
        )
        self._x = self._row[:inputs]  # x_t
        self._h = self._row[inputs + 1 :]  # h_{t-1}, then h_t
        self._z = np.empty(params.hidden_size)

    def _step(self, x: np.ndarray, row: np.ndarray) -> None:
        """One step: x_t and h_{t-1} (the current row) → h_t, stored into ``row``."""
        np.copyto(self._x, x)
        self._w.dot(self._row, self._z)  # z_t = weight_ih·x_t + b + weight_hh·h_{t-1}
        np.tanh(self._z, self._h)  # h_t = tanh(z_t)
        np.copyto(row, self._row)

    def state(self, t: int) -> np.ndarray:
        """h_t after ``t`` steps; ``t = 0`` is the initial state h0."""
        row = self._state_row(t)
        return self.h0 if t == 0 else row[self._h_col :]


def run_rnn(params: RNNParams, X: Any, h0: Any = None) -> RNNTrace:
    """Run the vanilla RNN over a whole sequence.

    Parameters
    ----------
    params : RNNParams
    X : array_like, shape (T, D) (or (T,) when D = 1), T ≥ 1, finite
    h0 : array_like, shape (H,), optional
        Initial state; zeros by default.

    Returns
    -------
    RNNTrace
        ``h`` (T, H), ``x`` (T, D), ``h0`` (H,).
    """
    X = check_inputs(X, params.input_size)
    trace = RNNTrace(params, h0, capacity=X.shape[0])
    trace.extend(X)
    return trace


# -------------------------------------------------------------------- backward
@dataclass(frozen=True, eq=False, kw_only=True)
class RNNGradients(CellGradients):
    """Result of :func:`bptt_rnn` over rows ``start … stop-1`` (n = stop − start).

    Attributes
    ----------
    start, stop, dh_in, weight_ih, weight_hh, bias_ih, bias_hh
        As in :class:`~lstm_sim.engine.gradients.CellGradients`.
    dh : numpy.ndarray, shape (n, H)
        Total ∂L/∂h_k (direct plus through later steps), after clipping when
        ``clip`` was given.
    dz : numpy.ndarray, shape (n, H)
        ∂L/∂z_k = dh_k ⊙ (1 − h_k²), the gradient of the pre-activation.
    dh_in : numpy.ndarray, shape (H,)
        Not clipped: it is one contribution, not a total.
    clip : float or None
        The threshold used.
    clipped : numpy.ndarray of bool, shape (n,), or None
        Rows whose ∂L/∂h_k was rescaled (None without ``clip``).
    """

    made_by: ClassVar[str] = "bptt_rnn"

    clip: float | None = None
    clipped: np.ndarray | None = None


def bptt_rnn(
    params: RNNParams,
    trace: RNNTrace,
    dh: Any,
    *,
    stop: int | None = None,
    window: int | None = None,
    param_grads: bool = True,
    clip: float | None = None,
) -> RNNGradients:
    """Backpropagation through time for the vanilla RNN over a stored trace.

    Walking back over rows k = stop-1 … start:

        ∂L/∂h_k = dh_k(direct) + W_hhᵀ·∂L/∂z_{k+1}     (only the direct term at k = stop-1)
        (clip)  if ‖∂L/∂h_k‖₂ > clip:  ∂L/∂h_k ← ∂L/∂h_k · clip / ‖∂L/∂h_k‖₂
        ∂L/∂z_k = ∂L/∂h_k ⊙ (1 − h_k²)

    and ``∂L/∂weight_ih = Σ_k ∂L/∂z_k x_kᵀ``, ``∂L/∂weight_hh = Σ_k ∂L/∂z_k
    h_{k-1}ᵀ``, ``∂L/∂bias_ih = ∂L/∂bias_hh = Σ_k ∂L/∂z_k``.

    Parameters
    ----------
    params : RNNParams
        The parameters that produced ``trace``.
    trace : RNNTrace
        The forward pass (T rows).
    dh : array_like, shape (T, H) or (n, H)
        ∂L/∂h_k from the loss's *direct* dependence on each h_k (not through
        later steps), for every row or only for the window's n rows.
    stop : int, optional
        One past the last row the loss depends on (default T).
    window : int, optional
        Backpropagate over at most this many rows, ending at ``stop - 1``
        (default: all the way to row 0); see
        :func:`~lstm_sim.engine.window_bounds`.
    param_grads : bool
        Also compute the parameter gradients.
    clip : float, optional
        Per-step gradient-norm clipping, the standard remedy for exploding
        gradients: at every row, the *total* ∂L/∂h_k (direct plus what came
        back from row k+1) is rescaled to norm ``clip`` when its 2-norm
        exceeds ``clip``, *before* it is propagated further back; the
        rescaled value is what :attr:`RNNGradients.dh` holds and what the
        parameter gradients are built from. So ``dh_norm()`` never exceeds
        ``clip`` (up to rounding) and, in an exploding regime, equals it at
        every row from the first clipped one back. This is not
        ``torch.nn.utils.clip_grad_norm_`` (which rescales the final parameter
        gradient once); it equals a PyTorch tensor hook on every h_k that
        rescales its gradient. ``dh_in`` is not clipped. Must be > 0.

    Returns
    -------
    RNNGradients
    """
    check_trace(trace, RNNTrace, params)
    hidden = params.hidden_size
    length = len(trace)
    rows = window_bounds(length, stop, window)
    start, stop = rows.start, rows.stop
    n = stop - start
    dh_direct = direct_gradient("dh", dh, length, rows, hidden)
    if clip is not None:
        clip = float(clip)
        if not (np.isfinite(clip) and clip > 0.0):
            raise EngineError(f"clip: expected a finite threshold > 0, got {clip}")

    h = trace.h[start:stop]
    dh_dz = 1.0 - h * h  # ∂h_k/∂z_k = 1 − h_k² (tanh'), all rows at once
    # One row more than the window, left at zero: nothing flows back from after
    # its last row, so that row k can always read row k + 1.
    d_h = np.zeros((n + 1, hidden))  # ∂L/∂h_k
    d_z = np.zeros((n + 1, hidden))  # ∂L/∂z_k
    clipped = None if clip is None else np.zeros(n, dtype=bool)
    weight_hh_T = np.ascontiguousarray(params.weight_hh.T)

    for k in range(n - 1, -1, -1):
        dh_k = d_h[k]
        # ∂L/∂h_k = dh_k(direct) + weight_hhᵀ·∂L/∂z_{k+1}
        weight_hh_T.dot(d_z[k + 1], dh_k)
        np.add(dh_k, dh_direct[k], dh_k)
        if clip is not None:  # ∂L/∂h_k ← ∂L/∂h_k · clip / ‖∂L/∂h_k‖ when the norm exceeds clip
            norm = np.sqrt(dh_k.dot(dh_k))
            if norm > clip:
                np.multiply(dh_k, clip / norm, dh_k)
                clipped[k] = True  # type: ignore[index]
        np.multiply(dh_k, dh_dz[k], d_z[k])  # ∂L/∂z_k = ∂L/∂h_k ⊙ (1 − h_k²)

    d_h, d_z = d_h[:n], d_z[:n]
    grads: dict[str, Any] = {}
    if param_grads:
        grads = parameter_gradients(d_z, trace.x[start:stop], trace.h_prev[start:stop])
    return RNNGradients(
        start=start,
        stop=stop,
        dh=d_h,
        dz=d_z,
        dh_in=weight_hh_T.dot(d_z[0]),  # ∂L/∂h_{start-1} = weight_hhᵀ·∂L/∂z_start
        clip=clip,
        clipped=clipped,
        **grads,
    )


# ------------------------------------------------------- local factor helpers
def largest_singular_value(W: Any) -> float:
    """σ_max(W) = ‖W‖₂, the largest factor by which W can stretch a vector.

    Parameters
    ----------
    W : array_like, shape (m, n), finite, non-empty

    Returns
    -------
    float
    """
    arr = np.asarray(W, dtype=np.float64)
    if arr.ndim != 2 or arr.size == 0:
        raise EngineError(f"W: expected a non-empty matrix (m, n), got shape {arr.shape}")
    if not np.isfinite(arr).all():
        raise EngineError("W: non-finite values")
    return float(np.linalg.norm(arr, 2))


def rnn_jacobian_norms(
    params: RNNParams,
    trace: RNNTrace,
    *,
    stop: int | None = None,
    window: int | None = None,
    chunk: int = 2048,
) -> np.ndarray:
    """Spectral norm of the backward factor of every row: ‖W_hhᵀ·diag(1 − h_k²)‖₂.

    Row k's factor J_k = W_hhᵀ·diag(1 − h_k²) maps ∂L/∂h_k to its contribution
    to ∂L/∂h_{k-1} (the transpose of ∂h_k/∂h_{k-1}, same norm). Products of
    these norms bound how much of the gradient survives:
    ‖∂L/∂h_k‖ ≤ ‖J_{k+1}‖⋯‖J_t‖·‖∂L/∂h_t‖ for a loss on row t, and every
    ‖J_k‖ ≤ σ_max(W_hh).

    Parameters
    ----------
    params : RNNParams
    trace : RNNTrace
    stop, window : int, optional
        Restrict to rows ``start … stop-1`` as in :func:`bptt_rnn` (default: all T rows).
    chunk : int
        Rows per batched SVD (bounds the temporary memory to chunk·H² floats).

    Returns
    -------
    numpy.ndarray, shape (stop − start,)

    Notes
    -----
    One batched SVD per chunk: O(n·H³) work, about 90 µs a row at H = 32 on the
    development machine (≈ 9 s for 10^5 rows). Pass a window while stepping,
    and compute the full length off the GUI thread.
    """
    check_trace(trace, RNNTrace, params)
    rows = window_bounds(len(trace), stop, window)
    h = trace.h[rows.start : rows.stop]
    w_hh = params.weight_hh
    out = np.empty(len(rows))
    step = max(int(chunk), 1)
    for a in range(0, len(rows), step):
        d = 1.0 - h[a : a + step] ** 2
        # ‖W_hhᵀ·diag(d)‖₂ = ‖diag(d)·W_hh‖₂: scale the rows of W_hh.
        m = d[:, :, None] * w_hh[None, :, :]
        out[a : a + step] = np.linalg.svd(m, compute_uv=False)[:, 0]
    return out
