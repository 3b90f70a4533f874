"""The LSTM forward pass: one step (:func:`step`) and a growing history (:class:`Trace`).

One time step, input x_t (D values), previous state h_{t-1}, C_{t-1} (H values):

    i_t  = σ(W_i·[h_{t-1}, x_t] + b_i)      input gate
    f_t  = σ(W_f·[h_{t-1}, x_t] + b_f)      forget gate
    g_t  = tanh(W_g·[h_{t-1}, x_t] + b_g)   candidate C̃_t
    o_t  = σ(W_o·[h_{t-1}, x_t] + b_o)      output gate
    C_t  = f_t ⊙ C_{t-1} + i_t ⊙ g_t        cell state (long-term memory)
    h_t  = o_t ⊙ tanh(C_t)                  hidden state (short-term memory)

:func:`step` computes it plainly (:func:`~lstm_sim.engine.reference.lstm_step_forward`);
:class:`Trace` computes the same numbers with fewer NumPy calls and keeps them.

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
from types import MappingProxyType
from typing import Any

import numpy as np

from .errors import EngineError
from .params import GATES, LSTMParams
from .reference import StepResult, lstm_step_forward
from .trace import CellTrace, check_inputs, check_vector

__all__ = ["CLAMP_RANGES", "StepResult", "Trace", "check_clamp", "check_inputs", "run", "step"]


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


def step(
    params: LSTMParams, x: Any, h: Any, c: Any, *, clamp: Mapping[str, float] | None = None
) -> StepResult:
    """One LSTM time step, with every intermediate (the plain reference computation).

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
    x = check_vector("x", x, inputs, "D inputs")
    h = check_vector("h", h, hidden, "H units")
    c = check_vector("c", c, hidden, "H units")
    return lstm_step_forward(params, x, h, c, check_clamp(clamp))


class _StepViews:
    """Named views of everything one LSTM step reads and writes in the trace's current row.

    The current row is ``[x_t | 1 | h_t | C_t | i_t f_t g_t o_t | tanh C_t]``;
    before a step its h and C slots hold h_{t-1} and C_{t-1}, after it h_t and C_t.
    """

    __slots__ = ("c", "f", "f_c", "g", "gates", "h", "i", "i_g", "o", "row", "tanh_c", "x", "x1h")

    def __init__(self, row: np.ndarray, inputs: int, hidden: int) -> None:
        H = hidden
        col_h = inputs + 1
        col_c = col_h + H
        col_gates = col_c + H
        self.row = row
        self.x = row[:inputs]  # x_t
        self.x1h = row[:col_c]  # [x_t, 1, h_{t-1}]: what [weight_ih | b | weight_hh] multiplies
        self.h = row[col_h:col_c]  # h_{t-1}, then h_t
        self.c = row[col_c:col_gates]  # C_{t-1}, then C_t
        self.gates = row[col_gates : col_gates + 4 * H]  # z, then i, f, g, o
        self.i, self.f, self.g, self.o = (
            row[col_gates + k * H : col_gates + (k + 1) * H] for k in range(4)
        )
        self.tanh_c = row[col_gates + 4 * H :]  # tanh(C_t)
        self.f_c = np.empty(H)  # f_t ⊙ C_{t-1}
        self.i_g = np.empty(H)  # i_t ⊙ g_t


class Trace(CellTrace):
    """The history of an LSTM run: gates, C_t and h_t for every step so far.

    Storage is preallocated and grows by doubling, so :meth:`append` (one
    step, as the app does per click) is amortized O(1) and never recomputes
    history. Each step keeps its inputs, h_t, C_t, the four gates and tanh(C_t)
    (one storage row of D + 1 + 7H floats).

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
    h0, c0 : numpy.ndarray, shape (H,), read-only
    clamp : Mapping[str, float] or None
        The validated clamps (read-only), None when no gate is clamped.

    Raises
    ------
    BudgetError
        The storage for ``capacity`` steps (or for more, later) would not fit
        in memory; checked before allocating.

    Notes
    -----
    The arrays returned by :attr:`f`, :attr:`c`, … are views of length T into
    the storage; take a copy to keep them across later appends.

    A storage row (see :mod:`~lstm_sim.engine.trace`; row 0 is the initial state)::

        [x_t | 1 | h_t | C_t | i_t f_t g_t o_t | tanh(C_t)]

    One step (:meth:`_step`) is eleven NumPy calls on the current row. The
    weights are stacked as ``[weight_ih | bias_ih + bias_hh | weight_hh]`` with
    the rows of the sigmoid gates i, f, o halved, so that one ``tanh`` over all
    four blocks serves every gate: σ(z) = ½·tanh(z/2) + ½, an exact identity
    that cannot overflow.
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
        inputs, hidden = params.input_size, params.hidden_size
        c0 = np.zeros(hidden) if c0 is None else check_vector("c0", c0, hidden, "H units")
        self.c0 = c0.copy()  # own copy: the caller's array stays writable
        self.c0.flags.writeable = False
        self.clamp = check_clamp(clamp)
        # Row 0 after h_0: C_0, then the gates and tanh C of no step (zeros).
        super().__init__(params, h0, np.concatenate([self.c0, np.zeros(5 * hidden)]), capacity)
        self._col_c = self._h_col + hidden
        self._col_gates = self._col_c + hidden
        self._col_tanh_c = self._col_gates + 4 * hidden
        self._views = _StepViews(self._row, inputs, hidden)

        # σ(z) = ½·tanh(z/2) + ½: the rows of i, f, o are halved before the tanh,
        # and scaled and shifted after it; g = tanh(z_g) is left as it is.
        half = np.full(4 * hidden, 0.5)
        half[2 * hidden : 3 * hidden] = 1.0  # block g
        self._scale = half
        self._shift = np.where(half == 0.5, 0.5, 0.0)
        bias = params.bias_ih + params.bias_hh
        w = np.hstack([params.weight_ih, bias[:, None], params.weight_hh])
        self._w = np.ascontiguousarray(w * half[:, None])  # (4H, D + 1 + H)

        # Clamped gates: one masked copy of their constants over the gate block.
        self._clamp_mask: np.ndarray | None = None
        self._clamp_values = np.zeros(4 * hidden)
        if self.clamp is not None:
            self._clamp_mask = np.zeros(4 * hidden, dtype=bool)
            for name, value in self.clamp.items():
                block = slice(GATES.index(name) * hidden, (GATES.index(name) + 1) * hidden)
                self._clamp_mask[block] = True
                self._clamp_values[block] = value

    def _step(self, x: np.ndarray, row: np.ndarray) -> None:
        """One step: x_t and state t-1 (the current row) → state t, stored into ``row``."""
        v = self._views
        np.copyto(v.x, x)
        self._w.dot(v.x1h, v.gates)  # z = weight_ih·x_t + b + weight_hh·h_{t-1} (i, f, o halved)
        np.tanh(v.gates, v.gates)  # tanh(z_i/2), tanh(z_f/2), tanh(z_g), tanh(z_o/2)
        np.multiply(v.gates, self._scale, v.gates)
        np.add(v.gates, self._shift, v.gates)  # i, f, o = ½·tanh(z/2) + ½ = σ(z); g = tanh(z_g)
        if self._clamp_mask is not None:
            np.copyto(v.gates, self._clamp_values, where=self._clamp_mask)
        np.multiply(v.f, v.c, v.f_c)  # f_t ⊙ C_{t-1}
        np.multiply(v.i, v.g, v.i_g)  # i_t ⊙ g_t
        np.add(v.f_c, v.i_g, v.c)  # C_t = f_t ⊙ C_{t-1} + i_t ⊙ g_t
        np.tanh(v.c, v.tanh_c)  # tanh(C_t)
        np.multiply(v.o, v.tanh_c, v.h)  # h_t = o_t ⊙ tanh(C_t)
        np.copyto(row, v.row)

    # ------------------------------------------------------------------ views
    def _gate(self, name: str) -> np.ndarray:
        hidden = self.params.hidden_size
        return self._columns(self._col_gates + GATES.index(name) * hidden, hidden)

    @property
    def i(self) -> np.ndarray:
        """Input gate i_t, shape (T, H)."""
        return self._gate("i")

    @property
    def f(self) -> np.ndarray:
        """Forget gate f_t, shape (T, H)."""
        return self._gate("f")

    @property
    def g(self) -> np.ndarray:
        """Candidate C̃_t = tanh(…), shape (T, H)."""
        return self._gate("g")

    @property
    def o(self) -> np.ndarray:
        """Output gate o_t, shape (T, H)."""
        return self._gate("o")

    @property
    def c(self) -> np.ndarray:
        """Cell state C_t, shape (T, H)."""
        return self._columns(self._col_c, self.params.hidden_size)

    @property
    def tanh_c(self) -> np.ndarray:
        """tanh(C_t), shape (T, H)."""
        return self._columns(self._col_tanh_c, self.params.hidden_size)

    @property
    def c_prev(self) -> np.ndarray:
        """C_{t-1} for every step (C_0 first), shape (T, H)."""
        return self._storage[: self._len, self._col_c : self._col_gates]

    def gates(self) -> np.ndarray:
        """All gates in PyTorch block order (i, f, g, o) as a new (T, 4H) array."""
        return np.array(self._columns(self._col_gates, 4 * self.params.hidden_size))

    def state(self, t: int) -> tuple[np.ndarray, np.ndarray]:
        """(h_t, C_t) after ``t`` steps; ``t = 0`` is the initial state (h0, c0)."""
        row = self._state_row(t)
        if t == 0:
            return self.h0, self.c0
        return row[self._h_col : self._col_c], row[self._col_c : self._col_gates]

    def step_result(self, k: int) -> StepResult:
        """Every intermediate (pre-activations included) of row ``k`` (step t = k + 1).

        Recomputed by :func:`step` from the stored state and input.
        """
        if not 0 <= k < self._len:
            raise EngineError(f"k: expected 0 ≤ k < {self._len}, got {k}")
        h, c = self.state(k)
        x = self._storage[k + 1, : self.params.input_size]
        return step(self.params, x, h, c, clamp=self.clamp)


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
        ``i, f, g, o, c, tanh_c, h`` of shape (T, H), ``x`` (T, D), ``h0, c0`` (H,).
    """
    X = check_inputs(X, params.input_size)
    trace = Trace(params, h0, c0, capacity=X.shape[0], clamp=clamp)
    trace.extend(X)
    return trace
