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

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .backward import _aligned, window_bounds
from .errors import EngineError
from .lstm import _check_vector, check_inputs
from .params import _as_param, _CellArrays, _pick_state_dict

__all__ = [
    "RNNGradients",
    "RNNParams",
    "RNNTrace",
    "bptt_rnn",
    "largest_singular_value",
    "rnn_jacobian_norms",
    "run_rnn",
]

_PARAM_NAMES = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


def _shape(name: str, value: Any) -> tuple[int, ...]:
    try:
        return tuple(np.shape(value))
    except (TypeError, ValueError) as exc:
        raise EngineError(f"{name}: not a numeric array ({exc})") from None


def _orthogonal(rng: np.random.Generator, n: int) -> np.ndarray:
    """A random n×n orthogonal matrix (Haar-distributed: QR with the sign fix)."""
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.where(np.diag(r) < 0, -1.0, 1.0)


# ------------------------------------------------------------------ parameters
@dataclass(frozen=True, eq=False, repr=False)  # repr, eq: from _CellArrays
class RNNParams(_CellArrays):
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
    """

    weight_ih: np.ndarray
    weight_hh: np.ndarray
    bias_ih: np.ndarray
    bias_hh: np.ndarray

    def __post_init__(self) -> None:
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
        shapes = {
            "weight_ih": (hidden, s_ih[1]),
            "weight_hh": (hidden, hidden),
            "bias_ih": (hidden,),
            "bias_hh": (hidden,),
        }
        for name, shape in shapes.items():
            object.__setattr__(self, name, _as_param(name, getattr(self, name), shape))

    @property
    def bias(self) -> np.ndarray:
        """Combined bias ``b = bias_ih + bias_hh``, shape (H,)."""
        return self.bias_ih + self.bias_hh

    # ------------------------------------------------------------ state dicts
    @classmethod
    def from_state_dict(
        cls,
        mapping: Mapping[str, Any],
        *,
        layer: int = 0,
        reverse: bool = False,
        prefix: str | None = None,
    ) -> RNNParams:
        """Build parameters from a PyTorch-style state dict.

        Accepts ``nn.RNNCell`` names (``weight_ih``, ``weight_hh``, ``bias_ih``,
        ``bias_hh``) and ``nn.RNN`` names (``weight_ih_l{layer}`` …, with the
        suffix ``_reverse`` for the backward direction of a bidirectional RNN).
        A common module prefix such as ``"rnn."`` is found automatically when it
        is unambiguous, or can be given. Missing biases (``bias=False``) are zero.

        Parameters
        ----------
        mapping : Mapping[str, array_like]
        layer : int
            Which layer of an ``nn.RNN`` to take (ignored for cell names).
        reverse : bool
            Take the ``_reverse`` direction of a bidirectional ``nn.RNN``.
        prefix : str, optional
            Key prefix to strip, e.g. ``"encoder.rnn."``.

        Raises
        ------
        EngineError
            A key is missing (the message lists the keys found), or shapes or
            values are invalid (an LSTM or GRU state dict fails on the shape of
            ``weight_hh``, with a hint).
        """
        return cls(**_pick_state_dict(mapping, layer, reverse, prefix, "nn.RNNCell", "nn.RNN"))

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
        if int(input_size) < 1 or int(hidden_size) < 1:
            raise EngineError(
                f"random: input_size and hidden_size must be ≥ 1, got {input_size}, {hidden_size}"
            )
        d, h = int(input_size), int(hidden_size)
        rng = np.random.default_rng(seed)
        if init == "uniform":
            k = 1.0 / np.sqrt(h)
            w_ih = rng.uniform(-k, k, (h, d))
            w_hh = rng.uniform(-k, k, (h, h))
            b_ih = rng.uniform(-k, k, h)
            b_hh = rng.uniform(-k, k, h)
        elif init in ("xavier", "orthogonal"):
            a_ih = np.sqrt(6.0 / (d + h))
            w_ih = rng.uniform(-a_ih, a_ih, (h, d))
            if init == "xavier":
                a_hh = np.sqrt(6.0 / (2 * h))
                w_hh = rng.uniform(-a_hh, a_hh, (h, h))
            else:
                w_hh = _orthogonal(rng, h)
            b_ih = np.zeros(h)
            b_hh = np.zeros(h)
        else:
            raise EngineError(f"init: expected 'uniform', 'xavier' or 'orthogonal', got {init!r}")
        if recurrent_scale is not None:
            a = float(recurrent_scale)
            if not (np.isfinite(a) and a >= 0.0):
                raise EngineError(f"recurrent_scale: expected a finite value ≥ 0, got {a}")
            w_hh = a * _orthogonal(rng, h)
        return cls(w_ih, w_hh, b_ih, b_hh)


# --------------------------------------------------------------------- forward
class RNNTrace:
    """The history of a vanilla RNN run: h_t for every step so far.

    Same design as :class:`~lstm_sim.engine.lstm.Trace`: storage is
    preallocated and grows by doubling, so :meth:`append` is amortized O(1).
    One buffer holds row k = ``[x_k, 1, h_{k-1}]`` and h_k is written straight
    into row k + 1, so a step is one matrix-vector product with
    ``[W_ih | b | W_hh]`` and one ``tanh``.

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

    Notes
    -----
    :attr:`h`, :attr:`x`, :attr:`h_prev` are views of length T into the
    storage; take a copy to keep them across later appends.
    """

    def __init__(self, params: RNNParams, h0: Any = None, *, capacity: int = 0) -> None:
        if not isinstance(params, RNNParams):
            raise EngineError(f"params: expected RNNParams, got {type(params).__name__}")
        hidden = params.hidden_size
        self.params = params
        self.h0 = np.zeros(hidden) if h0 is None else _check_vector("h0", h0, hidden, "H units")
        self.h0 = self.h0.copy()  # own copy: the caller's array stays writable
        self.h0.flags.writeable = False
        self._len = 0
        self._cap = -1
        self._w = np.ascontiguousarray(
            np.hstack([params.weight_ih, params.bias[:, None], params.weight_hh])
        )
        self._alloc(max(int(capacity), 0))

    def _alloc(self, cap: int) -> None:
        inputs, hidden = self.params.input_size, self.params.hidden_size
        u = np.empty((cap + 1, inputs + 1 + hidden))
        u[:, inputs] = 1.0
        if self._cap >= 0:
            u[: self._len + 1] = self._u[: self._len + 1]
        else:
            u[0, inputs + 1 :] = self.h0
        self._u = u
        self._cap = cap

    def reserve(self, capacity: int) -> None:
        """Make room for ``capacity`` steps in total (no-op when there is room)."""
        if capacity > self._cap:
            self._alloc(max(int(capacity), 2 * self._cap, 16))

    def __len__(self) -> int:
        return self._len

    @property
    def T(self) -> int:
        """Number of steps computed."""
        return self._len

    @property
    def nbytes(self) -> int:
        """Bytes of array storage held (including unused capacity)."""
        return self._u.nbytes

    @property
    def h(self) -> np.ndarray:
        """Hidden state h_t, shape (T, H)."""
        return self._u[1 : self._len + 1, self.params.input_size + 1 :]

    @property
    def h_prev(self) -> np.ndarray:
        """h_{t-1} for every step (h_0 first), shape (T, H)."""
        return self._u[: self._len, self.params.input_size + 1 :]

    @property
    def x(self) -> np.ndarray:
        """Inputs x_t, shape (T, D)."""
        return self._u[: self._len, : self.params.input_size]

    def state(self, t: int) -> np.ndarray:
        """h_t after ``t`` steps; ``t = 0`` is the initial state h0."""
        if not 0 <= t <= self._len:
            raise EngineError(f"t: expected 0 ≤ t ≤ {self._len}, got {t}")
        return self.h0 if t == 0 else self._u[t, self.params.input_size + 1 :]

    def append(self, x: Any) -> None:
        """Advance one step with input ``x`` (shape (D,)); amortized O(1)."""
        inputs = self.params.input_size
        xv = np.asarray(x, dtype=np.float64)
        if xv.shape != (inputs,):
            if xv.size == inputs and xv.ndim <= 1:
                xv = xv.reshape(inputs)
            else:
                raise EngineError(
                    f"x: expected {inputs} input(s) per step (D = {inputs}), got shape {xv.shape}"
                )
        if not np.isfinite(xv).all():
            raise EngineError(f"x: non-finite input at step {self._len + 1}")
        k = self._len
        if k == self._cap:
            self.reserve(k + 1)
        self._u[k, :inputs] = xv
        self._recur(k, k + 1)

    def extend(self, X: Any) -> None:
        """Advance ``len(X)`` steps with inputs ``X`` (shape (T, D), or (T,) when D = 1)."""
        X = check_inputs(X, self.params.input_size)
        n = X.shape[0]
        k0 = self._len
        self.reserve(k0 + n)
        self._u[k0 : k0 + n, : self.params.input_size] = X
        self._recur(k0, k0 + n)

    def _recur(self, k0: int, k1: int) -> None:
        """Run the recurrence for rows k0 … k1-1 whose inputs are in place (two calls a step)."""
        inputs = self.params.input_size
        U = self._u[k0 : k1 + 1]
        w_dot, tanh = self._w.dot, np.tanh
        for u, h_out in zip(U[:-1], U[1:, inputs + 1 :], strict=True):
            w_dot(u, h_out)  # z_t = W_ih·x_t + b + W_hh·h_{t-1}
            tanh(h_out, h_out)  # h_t, stored as the next row's h_{t-1}
        self._len = k1


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
@dataclass(frozen=True, eq=False)
class RNNGradients:
    """Result of :func:`bptt_rnn` over rows ``start … stop-1`` (n = stop − start).

    Attributes
    ----------
    start, stop : int
        The window, as row indices (row k is step t = k + 1).
    dh : numpy.ndarray, shape (n, H)
        Total ∂L/∂h_k (direct plus through later steps), after clipping when
        ``clip`` was given.
    dz : numpy.ndarray, shape (n, H)
        ∂L/∂z_k = dh_k ⊙ (1 − h_k²), the gradient of the pre-activation.
    dh_in : numpy.ndarray, shape (H,)
        W_hhᵀ·∂L/∂z_start: what the window passes to h_{start-1} (∂L/∂h_0 when
        start = 0). Not clipped: it is one contribution, not a total.
    clip : float or None
        The threshold used.
    clipped : numpy.ndarray of bool, shape (n,), or None
        Rows whose ∂L/∂h_k was rescaled (None without ``clip``).
    weight_ih, weight_hh, bias_ih, bias_hh : numpy.ndarray or None
        Parameter gradients with PyTorch names and shapes (summed over the
        window); None when ``param_grads=False``.
    """

    start: int
    stop: int
    dh: np.ndarray
    dz: np.ndarray
    dh_in: np.ndarray
    clip: float | None = None
    clipped: np.ndarray | None = None
    weight_ih: np.ndarray | None = None
    weight_hh: np.ndarray | None = None
    bias_ih: np.ndarray | None = None
    bias_hh: np.ndarray | None = None

    def dh_norm(self) -> np.ndarray:
        """‖∂L/∂h_k‖₂ per row of the window, shape (n,)."""
        return np.sqrt(np.einsum("ij,ij->i", self.dh, self.dh))

    def to_state_dict(self) -> dict[str, np.ndarray]:
        """Parameter gradients under PyTorch ``nn.RNNCell`` names."""
        if self.weight_ih is None:
            raise EngineError("bptt_rnn was called with param_grads=False: no parameter gradients")
        return {
            "weight_ih": self.weight_ih,
            "weight_hh": self.weight_hh,
            "bias_ih": self.bias_ih,
            "bias_hh": self.bias_hh,
        }


def _check_pair(params: RNNParams, trace: RNNTrace) -> None:
    if not isinstance(trace, RNNTrace):
        raise EngineError(f"trace: expected RNNTrace, got {type(trace).__name__}")
    if trace.params is not params and trace.params != params:
        raise EngineError("params: these are not the parameters that produced the trace")
    if len(trace) == 0:
        raise EngineError("trace: empty (0 steps); run the cell first")


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
    _check_pair(params, trace)
    hidden = params.hidden_size
    length = len(trace)
    rows = window_bounds(length, stop, window)
    start, stop = rows.start, rows.stop
    n = stop - start
    dh_d = _aligned("dh", dh, length, rows, hidden)
    if clip is not None:
        clip = float(clip)
        if not (np.isfinite(clip) and clip > 0.0):
            raise EngineError(f"clip: expected a finite threshold > 0, got {clip}")

    Hw = trace.h[start:stop]
    A = 1.0 - Hw * Hw  # tanh'(z_k), all rows at once
    whhT_dot = np.ascontiguousarray(params.weight_hh.T).dot
    DH = np.empty((n, hidden))
    DZ = np.empty((n, hidden))
    clipped = np.zeros(n, dtype=bool) if clip is not None else None
    tmp = np.empty(hidden)
    add, mul, dot, sqrt = np.add, np.multiply, np.dot, np.sqrt

    for k in range(n - 1, -1, -1):
        dhk = DH[k]
        if k == n - 1:
            dhk[:] = dh_d[k]
        else:
            whhT_dot(DZ[k + 1], tmp)
            add(dh_d[k], tmp, dhk)
        if clip is not None:
            norm = sqrt(dot(dhk, dhk))
            if norm > clip:
                mul(dhk, clip / norm, dhk)
                clipped[k] = True  # type: ignore[index]
        mul(dhk, A[k], DZ[k])

    dh_in = whhT_dot(DZ[0])
    grads: dict[str, np.ndarray | None] = dict.fromkeys(_PARAM_NAMES)
    if param_grads:
        g_b = DZ.sum(axis=0)
        grads = {
            "weight_ih": DZ.T @ trace.x[start:stop],
            "weight_hh": DZ.T @ trace.h_prev[start:stop],
            "bias_ih": g_b,
            "bias_hh": g_b.copy(),
        }
    return RNNGradients(
        start=start,
        stop=stop,
        dh=DH,
        dz=DZ,
        dh_in=dh_in,
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
    _check_pair(params, trace)
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
