"""The LSTM forward pass: one step (:func:`step`) and a growing history (:class:`Trace`).

One time step, input x_t (D values), previous state h_{t-1}, C_{t-1} (H values):

    f_t  = σ(W_f·[h_{t-1}, x_t] + b_f)      forget gate
    i_t  = σ(W_i·[h_{t-1}, x_t] + b_i)      input gate
    g_t  = tanh(W_g·[h_{t-1}, x_t] + b_g)   candidate C̃_t
    o_t  = σ(W_o·[h_{t-1}, x_t] + b_o)      output gate
    C_t  = f_t ⊙ C_{t-1} + i_t ⊙ g_t        cell state (long-term memory)
    h_t  = o_t ⊙ tanh(C_t)                  hidden state (short-term memory)

Indexing: arrays are indexed by *row* ``k = 0 … T-1``; row ``k`` holds step
``t = k + 1`` (the app and the CLI count steps from 1, and t = 0 is the
initial state h_0, C_0).

Clamps ("what if"): ``clamp={"f": 1.0, "i": 0.0}`` replaces the named gates by
those constants at every step, after the activation (e.g. f_t ≡ 1, i_t ≡ 0 keeps
C_t = C_0 forever). The pre-activations are still computed; the clamped gate's
value is what is stored and used. See :func:`check_clamp`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from math import isfinite
from types import MappingProxyType
from typing import Any

import numpy as np

from .activations import sigmoid
from .errors import EngineError
from .params import LSTMParams

__all__ = ["CLAMP_RANGES", "StepResult", "Trace", "check_clamp", "check_inputs", "run", "step"]


# Internal column order of the gate buffer: g, i, f, o. With it the three
# sigmoid gates are contiguous (one ufunc call in the forward pass) and the
# three gates driven by ∂L/∂C (g, i, f) are contiguous in the backward pass.
_INTERNAL = (2, 0, 1, 3)  # PyTorch block index of internal blocks g, i, f, o


#: Gates that can be clamped, with the values they can take (the activation's range).
CLAMP_RANGES: dict[str, tuple[float, float]] = {
    "i": (0.0, 1.0),
    "f": (0.0, 1.0),
    "g": (-1.0, 1.0),
    "o": (0.0, 1.0),
}


def check_clamp(clamp: Mapping[str, float] | None) -> Mapping[str, float] | None:
    """Validate gate clamps and return them as a read-only mapping (None when empty).

    Parameters
    ----------
    clamp : Mapping[str, float] or None
        Gate name (``"i"``, ``"f"``, ``"g"``, ``"o"``) → the constant it is held
        at for every step and unit, e.g. ``{"f": 1.0, "i": 0.0}``. Values must lie
        in the gate's range: [0, 1] for the sigmoid gates, [−1, 1] for g.

    Raises
    ------
    EngineError
        Unknown gate name, non-numeric or non-finite value, value out of range.
    """
    if clamp is None:
        return None
    if not isinstance(clamp, Mapping):
        raise EngineError(f"clamp: expected a mapping of gate name to value, got {clamp!r}")
    checked: dict[str, float] = {}
    for name, value in clamp.items():
        if name not in CLAMP_RANGES:
            raise EngineError(f"clamp: unknown gate {name!r} (expected one of i, f, g, o)")
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise EngineError(f"clamp[{name!r}]: expected a number, got {value!r}") from None
        lo, hi = CLAMP_RANGES[name]
        if not lo <= v <= hi:  # also rejects nan
            raise EngineError(f"clamp[{name!r}]: expected a value in [{lo:g}, {hi:g}], got {v}")
        checked[name] = v
    return MappingProxyType(checked) if checked else None


def _internal_rows(hidden: int) -> np.ndarray:
    """Row indices that reorder PyTorch blocks (i, f, g, o) to internal (g, i, f, o)."""
    return np.concatenate([np.arange(b * hidden, (b + 1) * hidden) for b in _INTERNAL])


def _torch_rows(hidden: int) -> np.ndarray:
    """Row indices that reorder internal blocks (g, i, f, o) back to PyTorch (i, f, g, o)."""
    return np.argsort(_internal_rows(hidden))


# Block order of the gates in a forward storage row: g, f, i, o. The sigmoid
# gates are contiguous (one ufunc call) and [C_{t-1}, g] · [f, i] is one
# multiplication when C_{t-1} is stored just before g.
_FORWARD_NAMES = "gfio"


def _forward_rows(hidden: int) -> np.ndarray:
    """Row indices that reorder PyTorch blocks (i, f, g, o) to forward order (g, f, i, o)."""
    return np.concatenate([np.arange(b * hidden, (b + 1) * hidden) for b in (2, 1, 0, 3)])


@dataclass(frozen=True)
class StepResult:
    """Every intermediate of one LSTM step (all float64).

    Attributes
    ----------
    x : (D,)      input x_t
    h_prev : (H,) h_{t-1}
    c_prev : (H,) C_{t-1}
    z : (4H,)     pre-activations W·[h_{t-1}, x_t] + b, blocks i, f, g, o
    i, f, g, o : (H,) gate values (g is the candidate C̃_t)
    c : (H,)      C_t = f ⊙ C_{t-1} + i ⊙ g
    tanh_c : (H,) tanh(C_t)
    h : (H,)      h_t = o ⊙ tanh(C_t)
    """

    x: np.ndarray
    h_prev: np.ndarray
    c_prev: np.ndarray
    z: np.ndarray
    i: np.ndarray
    f: np.ndarray
    g: np.ndarray
    o: np.ndarray
    c: np.ndarray
    tanh_c: np.ndarray
    h: np.ndarray

    def z_gate(self, name: str) -> np.ndarray:
        """Pre-activation of one gate (``"i"``, ``"f"``, ``"g"`` or ``"o"``), shape (H,)."""
        k = "ifgo".index(name)
        hidden = self.h.shape[0]
        return self.z[k * hidden : (k + 1) * hidden]


def _check_vector(name: str, value: Any, size: int, what: str) -> np.ndarray:
    arr = np.asarray(value, dtype=np.float64)
    if arr.shape != (size,):
        raise EngineError(f"{name}: expected shape ({size},) ({what}), got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        j = int(np.flatnonzero(~np.isfinite(arr))[0])
        raise EngineError(f"{name}: non-finite value {arr[j]} at index {j}")
    return arr


def check_inputs(X: Any, input_size: int, name: str = "X") -> np.ndarray:
    """Validate a sequence of inputs and return it as a C-contiguous float64 (T, D) array.

    A 1-D array is accepted as (T, 1) when ``input_size`` is 1.

    Raises
    ------
    EngineError
        Empty sequence, wrong number of inputs per step, non-numeric or
        non-finite values (the message names the step, counted from 1, and input).
    """
    try:
        arr = np.asarray(X, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise EngineError(f"{name}: not a numeric array ({exc})") from None
    if arr.ndim == 1 and input_size == 1:
        arr = arr[:, None]
    if arr.ndim != 2:
        raise EngineError(f"{name}: expected shape (T, {input_size}), got {arr.shape}")
    if arr.shape[0] == 0:
        raise EngineError(f"{name}: empty sequence (0 steps)")
    if arr.shape[1] != input_size:
        raise EngineError(
            f"{name}: expected {input_size} input(s) per step (D = {input_size}), "
            f"got {arr.shape[1]}"
        )
    finite = np.isfinite(arr)
    if not finite.all():
        k, j = (int(v) for v in np.argwhere(~finite)[0])
        raise EngineError(f"{name}: non-finite value {arr[k, j]} at step {k + 1}, input {j}")
    return np.ascontiguousarray(arr)


def step(
    params: LSTMParams, x: Any, h: Any, c: Any, *, clamp: Mapping[str, float] | None = None
) -> StepResult:
    """One LSTM time step, with every intermediate (reference implementation).

    Parameters
    ----------
    params : LSTMParams
    x : array_like, shape (D,)
        Input x_t.
    h, c : array_like, shape (H,)
        Previous state h_{t-1}, C_{t-1}.
    clamp : Mapping[str, float], optional
        Gates held at constants (see :func:`check_clamp`); z is still the
        computed pre-activation.

    Returns
    -------
    StepResult
        Pre-activations z (4H, blocks i, f, g, o), gates i, f, g, o, C_t,
        tanh(C_t) and h_t, each (H,).
    """
    hidden, inputs = params.hidden_size, params.input_size
    x = _check_vector("x", x, inputs, "D inputs")
    h = _check_vector("h", h, hidden, "H units")
    c = _check_vector("c", c, hidden, "H units")
    z = params.weight_ih @ x + params.bias_ih + params.weight_hh @ h + params.bias_hh
    zi, zf, zg, zo = (z[k * hidden : (k + 1) * hidden] for k in range(4))
    i, f, g, o = sigmoid(zi), sigmoid(zf), np.tanh(zg), sigmoid(zo)
    clamp = check_clamp(clamp)
    if clamp is not None:
        gates = {"i": i, "f": f, "g": g, "o": o}
        for name, value in clamp.items():
            gates[name] = np.full(hidden, value)
        i, f, g, o = gates["i"], gates["f"], gates["g"], gates["o"]
    c_new = f * c + i * g
    tanh_c = np.tanh(c_new)
    return StepResult(x, h, c, z, i, f, g, o, c_new, tanh_c, o * tanh_c)


class Trace:
    """The history of an LSTM run: gates, C_t and h_t for every step so far.

    Storage is preallocated and grows by doubling, so :meth:`append` (one
    step, as the app does per click) is amortized O(1) and never recomputes
    history. Exactly seven T×H float64 arrays are kept — the four gates, C,
    tanh(C) and h — plus the inputs (T×(D+1), a column of ones for the bias).

    Parameters
    ----------
    params : LSTMParams
        The cell. A trace belongs to one set of parameters.
    h0, c0 : array_like, shape (H,), optional
        Initial state (zeros by default).
    capacity : int
        Steps to preallocate.
    clamp : Mapping[str, float], optional
        Gates held at constants for every step, e.g. ``{"f": 1.0, "i": 0.0}``
        (see :func:`check_clamp`); applied right after the activation.

    Attributes
    ----------
    params : LSTMParams
    h0, c0 : numpy.ndarray, shape (H,)
    clamp : Mapping[str, float] or None
        The validated clamps (read-only), None when no gate is clamped.

    Notes
    -----
    The arrays returned by :attr:`f`, :attr:`c`, … are views of length T into
    the storage; take a copy to keep them across later appends.

    Layout (why it is fast): at H ≤ 32 a step costs the number of NumPy calls,
    not FLOPs. Everything of step t lives in one storage row t (row 0 is the
    initial state)::

        [x_t | 1 | h_t | C_t | g_t f_t i_t o_t | tanh(C_t)]

    A step works on one fixed "current" row that starts as a copy of row
    t-1, whose ``[x_t, 1, h_{t-1}]`` is contiguous: one matrix-vector product
    with ``[W_ih | b | W_hh]`` writes all four pre-activations into the gate
    block, whose sigmoid rows are pre-scaled by ½ so that one ``tanh`` serves
    all four gates (σ(z) = ½·tanh(z/2) + ½). ``[C_{t-1}, g] ⊙ [f, i]`` is one
    multiplication, C_t, tanh(C_t) and h_t overwrite their slots in place,
    and one copy stores the row: nine NumPy calls per step, no Python-level
    slicing. The arrays :attr:`f`, :attr:`c`, … are strided column views of
    the storage.
    """

    def __init__(
        self,
        params: LSTMParams,
        h0: Any = None,
        c0: Any = None,
        *,
        capacity: int = 0,
        clamp: Mapping[str, float] | None = None,
    ) -> None:
        if not isinstance(params, LSTMParams):
            raise EngineError(f"params: expected LSTMParams, got {type(params).__name__}")
        hidden, inputs = params.hidden_size, params.input_size
        self.params = params
        self.h0 = np.zeros(hidden) if h0 is None else _check_vector("h0", h0, hidden, "H units")
        self.c0 = np.zeros(hidden) if c0 is None else _check_vector("c0", c0, hidden, "H units")
        # Own copies: without them the caller's array would be aliased and made read-only.
        self.h0, self.c0 = self.h0.copy(), self.c0.copy()
        self.h0.flags.writeable = False
        self.c0.flags.writeable = False
        self._len = 0
        self._cap = -1
        rows = _forward_rows(hidden)
        scale = np.ones(4 * hidden)
        scale[hidden:] = 0.5
        w = np.hstack(
            [
                params.weight_ih[rows],
                (params.bias_ih + params.bias_hh)[rows, None],
                params.weight_hh[rows],
            ]
        )
        self._w = np.ascontiguousarray(w * scale[:, None])
        self._half = np.full(3 * hidden, 0.5)
        self.clamp = check_clamp(clamp)
        # Clamps as one masked copy per step over the gate block (forward order g, f, i, o).
        self._clamp_mask: np.ndarray | None = None
        self._clamp_row: np.ndarray | None = None
        if self.clamp is not None:
            self._clamp_mask = np.zeros(4 * hidden, dtype=bool)
            self._clamp_row = np.zeros(4 * hidden)
            for name, value in self.clamp.items():
                b = _FORWARD_NAMES.index(name)
                self._clamp_mask[b * hidden : (b + 1) * hidden] = True
                self._clamp_row[b * hidden : (b + 1) * hidden] = value
        # Column layout of a storage row (see the class notes).
        self._col_h = inputs + 1
        self._col_c = inputs + 1 + hidden
        self._col_z = inputs + 1 + 2 * hidden
        self._col_tc = inputs + 1 + 6 * hidden
        width = inputs + 1 + 7 * hidden
        # The current state: always equal to storage row T between calls.
        cur = np.zeros(width)
        cur[inputs] = 1.0
        cur[self._col_h : self._col_c] = self.h0
        cur[self._col_c : self._col_z] = self.c0
        self._cur = cur
        self._pair = np.empty(2 * hidden)  # [f ⊙ C_{t-1}, i ⊙ g]
        zc, H = self._col_z, hidden
        self._views = (
            cur[:inputs],  # x_t
            cur[: self._col_c],  # [x_t, 1, h_{t-1}]
            cur[zc : zc + 4 * H],  # pre-activations, then gates g, f, i, o
            cur[zc + H : zc + 4 * H],  # the sigmoid gates f, i, o
            cur[self._col_c : zc + H],  # [C_{t-1}, g]
            cur[zc + H : zc + 3 * H],  # [f, i]
            self._pair[:H],
            self._pair[H:],
            cur[self._col_c : zc],  # C_t
            cur[self._col_tc :],  # tanh(C_t)
            cur[zc + 3 * H : zc + 4 * H],  # o
            cur[self._col_h : self._col_c],  # h_t
        )
        self._alloc(max(int(capacity), 0))

    # ----------------------------------------------------------------- storage
    def _alloc(self, cap: int) -> None:
        s = np.empty((cap + 1, self._cur.shape[0]))
        n = self._len
        if self._cap >= 0:
            s[: n + 1] = self._s[: n + 1]
        else:
            s[0] = self._cur
        self._s = s
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
        return self._s.nbytes + self._cur.nbytes + self._pair.nbytes

    # ------------------------------------------------------------------ views
    def _cols(self, col: int, width: int) -> np.ndarray:
        return self._s[1 : self._len + 1, col : col + width]

    def _gate(self, name: str) -> np.ndarray:
        hidden = self.params.hidden_size
        return self._cols(self._col_z + _FORWARD_NAMES.index(name) * hidden, hidden)

    @property
    def g(self) -> np.ndarray:
        """Candidate C̃_t = tanh(…), shape (T, H)."""
        return self._gate("g")

    @property
    def i(self) -> np.ndarray:
        """Input gate i_t, shape (T, H)."""
        return self._gate("i")

    @property
    def f(self) -> np.ndarray:
        """Forget gate f_t, shape (T, H)."""
        return self._gate("f")

    @property
    def o(self) -> np.ndarray:
        """Output gate o_t, shape (T, H)."""
        return self._gate("o")

    @property
    def c(self) -> np.ndarray:
        """Cell state C_t, shape (T, H)."""
        return self._cols(self._col_c, self.params.hidden_size)

    @property
    def tanh_c(self) -> np.ndarray:
        """tanh(C_t), shape (T, H)."""
        return self._cols(self._col_tc, self.params.hidden_size)

    @property
    def h(self) -> np.ndarray:
        """Hidden state h_t, shape (T, H)."""
        return self._cols(self._col_h, self.params.hidden_size)

    @property
    def h_prev(self) -> np.ndarray:
        """h_{t-1} for every step (h_0 first), shape (T, H)."""
        return self._s[: self._len, self._col_h : self._col_c]

    @property
    def c_prev(self) -> np.ndarray:
        """C_{t-1} for every step (C_0 first), shape (T, H)."""
        return self._s[: self._len, self._col_c : self._col_z]

    @property
    def x(self) -> np.ndarray:
        """Inputs x_t, shape (T, D)."""
        return self._cols(0, self.params.input_size)

    def gates(self) -> np.ndarray:
        """All gates in PyTorch block order (i, f, g, o) as a new (T, 4H) array."""
        return np.hstack([self._gate(name) for name in "ifgo"])

    def state(self, t: int) -> tuple[np.ndarray, np.ndarray]:
        """(h_t, C_t) after ``t`` steps; ``t = 0`` is the initial state (h0, c0)."""
        if not 0 <= t <= self._len:
            raise EngineError(f"t: expected 0 ≤ t ≤ {self._len}, got {t}")
        if t == 0:
            return self.h0, self.c0
        row = self._s[t]
        return row[self._col_h : self._col_c], row[self._col_c : self._col_z]

    def step_result(self, k: int) -> StepResult:
        """Every intermediate (pre-activations included) of row ``k`` (step t = k + 1)."""
        if not 0 <= k < self._len:
            raise EngineError(f"k: expected 0 ≤ k < {self._len}, got {k}")
        h, c = self.state(k)
        return step(self.params, self._s[k + 1, : self.params.input_size], h, c, clamp=self.clamp)

    # ------------------------------------------------------------- computing
    def append(self, x: Any) -> None:
        """Advance one step with input ``x`` (shape (D,)); amortized O(1).

        The same arithmetic as :meth:`extend`, written out for one step so a
        single step pays for no loop set-up.
        """
        k = self._len
        if k == self._cap:
            self.reserve(k + 1)
        xs, u, z, s, pa, pb, lo, hi, c, tc, o, h = self._views
        if type(x) is np.ndarray and x.shape == xs.shape:
            xs[:] = x
        else:
            xs[:] = self._check_x(x)
        # Not via np.isfinite(x).all(): that reduction costs more than this whole check.
        if not all(map(isfinite, xs.tolist())):
            self._cur[:] = self._s[k]
            raise EngineError(f"x: non-finite input at step {k + 1}")
        self._w.dot(u, z)  # z = W·[x_t, 1, h_{t-1}]  (bias folded in)
        np.tanh(z, z)  # g = tanh(z_g); sigmoid rows hold tanh(z/2)
        np.multiply(s, self._half, s)
        np.add(s, self._half, s)  # σ(z) = ½·tanh(z/2) + ½
        if self._clamp_mask is not None:
            np.copyto(z, self._clamp_row, where=self._clamp_mask)
        np.multiply(pa, pb, self._pair)  # [C_{t-1} ⊙ f, g ⊙ i]
        np.add(lo, hi, c)  # C_t = f ⊙ C_{t-1} + i ⊙ g
        np.tanh(c, tc)
        np.multiply(o, tc, h)  # h_t = o ⊙ tanh(C_t)
        self._s[k + 1] = self._cur
        self._len = k + 1

    def _adopt(self, k1: int) -> None:
        """Rows up to ``k1`` were written into the storage from outside: take them.

        For a forward pass computed in another process
        (:mod:`~lstm_sim.engine.forward_child`): row ``k1`` becomes the current
        state, and readers see the rows once the length says so.
        """
        self._cur[:] = self._s[k1]
        self._len = k1

    def _check_x(self, x: Any) -> np.ndarray:
        inputs = self.params.input_size
        xv = np.asarray(x, dtype=np.float64)
        if xv.shape != (inputs,):
            if xv.size == inputs and xv.ndim <= 1:
                xv = xv.reshape(inputs)
            else:
                raise EngineError(
                    f"x: expected {inputs} input(s) per step (D = {inputs}), got shape {xv.shape}"
                )
        return xv

    def extend(self, X: Any) -> None:
        """Advance ``len(X)`` steps with inputs ``X`` (shape (T, D), or (T,) when D = 1)."""
        X = check_inputs(X, self.params.input_size)
        k0 = self._len
        self.reserve(k0 + X.shape[0])
        self._recur(k0, X)

    def _recur(self, k0: int, X: np.ndarray) -> None:
        """Run the recurrence for rows k0 … k0 + len(X) - 1 with inputs ``X`` (checked).

        Eight NumPy calls per step on the fixed current-state row, then one
        copy of that row into the storage; storage rows come from iterating a
        2-D slice in C (``zip``) rather than from indexing in Python, and
        constants are arrays rather than Python scalars (which NumPy converts
        on every call).
        """
        xs, u, z, s, pa, pb, lo, hi, c, tc, o, h = self._views
        cur, pair, half = self._cur, self._pair, self._half
        w_dot, add, mul, tanh, copyto = self._w.dot, np.add, np.multiply, np.tanh, np.copyto
        mask, clamp_row = self._clamp_mask, self._clamp_row
        k1 = k0 + X.shape[0]
        for x, row in zip(X, self._s[k0 + 1 : k1 + 1], strict=True):
            copyto(xs, x)
            w_dot(u, z)  # z = W·[x_t, 1, h_{t-1}]  (bias folded in)
            tanh(z, z)  # g = tanh(z_g); sigmoid rows hold tanh(z/2)
            mul(s, half, s)
            add(s, half, s)  # σ(z) = ½·tanh(z/2) + ½
            if mask is not None:
                copyto(z, clamp_row, where=mask)  # the clamped gates become constants
            mul(pa, pb, pair)  # [C_{t-1} ⊙ f, g ⊙ i]
            add(lo, hi, c)  # C_t = f ⊙ C_{t-1} + i ⊙ g
            tanh(c, tc)
            mul(o, tc, h)  # h_t = o ⊙ tanh(C_t)
            copyto(row, cur)
        self._len = k1


def run(
    params: LSTMParams,
    X: Any,
    h0: Any = None,
    c0: Any = None,
    *,
    clamp: Mapping[str, float] | None = None,
) -> Trace:
    """Run the cell over a whole sequence.

    Parameters
    ----------
    params : LSTMParams
    X : array_like, shape (T, D) (or (T,) when D = 1), T ≥ 1, finite
    h0, c0 : array_like, shape (H,), optional
        Initial state; zeros by default.
    clamp : Mapping[str, float], optional
        Gates held at constants for every step, e.g. ``{"f": 1.0, "i": 0.0}``
        (see :func:`check_clamp`).

    Returns
    -------
    Trace
        ``f, i, g, o, c, tanh_c, h`` of shape (T, H), ``x`` (T, D), ``h0, c0`` (H,).
    """
    X = check_inputs(X, params.input_size)
    trace = Trace(params, h0, c0, capacity=X.shape[0], clamp=clamp)
    trace.extend(X)
    return trace
