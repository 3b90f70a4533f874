"""What the stored forward pass of every cell shares: a table of rows that grows by one per step.

A trace keeps one storage row per time step; row 0 is the initial state and
row t (t = 1 … T) holds step t::

    row t = [x_t | 1 | h_t | what else the cell keeps (the LSTM: C_t, its gates, tanh C_t)]

The public arrays (``trace.h``, ``trace.x``, the LSTM's ``trace.f`` …) are
views of length T into this table, indexed by row k = t − 1 (step t = k + 1).

How a step is computed: the cell works in one fixed *current row*, which
between steps equals the last stored row. Its slice ``[x_t, 1, h_{t-1}]`` is
contiguous, so one matrix-vector product with ``[weight_ih | bias | weight_hh]``
gives every pre-activation with the bias folded in; the cell then overwrites
the current row's slots with step t's values in place and the row is copied
into the storage. The views into the current row are made once, so a step
does no slicing — at H ≤ 32 a step costs the number of NumPy calls, not the
arithmetic (see docs/architecture.md, performance budget).

The storage is preallocated and doubles when full, so :meth:`CellTrace.append`
(one step, as the app does per click) is amortized O(1) and never recomputes
history; every allocation is first checked against the memory budget
(:func:`~lstm_sim.engine.budget.check_memory`).
"""

from __future__ import annotations

from math import isfinite
from typing import Any

import numpy as np

from .budget import check_memory, memory_budget
from .errors import QT_TRANSLATE_NOOP, EngineError, Text

__all__ = ["CellTrace", "check_inputs", "check_trace", "check_vector"]


def check_vector(name: str, value: Any, size: int, what: str) -> np.ndarray:
    """``value`` as a finite float64 vector of shape (size,); ``what`` names the size."""
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


class CellTrace:
    """The stored forward pass of a cell: storage, growth, input checks, steps (a base class).

    :class:`~lstm_sim.engine.Trace` (LSTM) and :class:`~lstm_sim.engine.RNNTrace`
    derive from it. A subclass passes the cell-specific part of row 0 to
    ``__init__`` and implements :meth:`_step`; :meth:`append` and :meth:`extend`
    both advance by calling it, one step at a time.

    Parameters
    ----------
    params : LSTMParams or RNNParams
    h0 : array_like, shape (H,), or None
        Initial hidden state (zeros when None).
    state : numpy.ndarray, shape (width − D − 1 − H,)
        The rest of row 0 (e.g. the LSTM's C_0 and room for its gates).
    capacity : int
        Steps to preallocate.

    Attributes
    ----------
    params
    h0 : numpy.ndarray, shape (H,), read-only
    """

    def __init__(self, params: Any, h0: Any, state: np.ndarray, capacity: int) -> None:
        inputs, hidden = params.input_size, params.hidden_size
        self.params = params
        h0 = np.zeros(hidden) if h0 is None else check_vector("h0", h0, hidden, "H units")
        self.h0 = h0.copy()  # own copy: the caller's array stays writable
        self.h0.flags.writeable = False
        # The current row: [x_t | 1 | h_t | state]; equal to storage row T between calls.
        self._row = np.concatenate([np.zeros(inputs), [1.0], self.h0, state])
        self._h_col = inputs + 1  # first column of h
        self._input_shape = (inputs,)
        self._len = 0
        self._capacity = -1
        self._storage = np.empty((0, self._row.shape[0]))
        self._allocate(max(int(capacity), 0))

    # ----------------------------------------------------------------- storage
    def _allocate(self, capacity: int) -> None:
        """Storage for ``capacity`` steps (rows 0 … capacity), keeping the rows computed."""
        row_bytes = self._row.nbytes
        check_memory(
            (capacity + 1) * row_bytes,
            Text(QT_TRANSLATE_NOOP("FileErrors", "a trace of {steps} steps"), steps=capacity),
            per_item=row_bytes,
        )
        storage = np.empty((capacity + 1, self._row.shape[0]))
        if self._capacity < 0:
            storage[0] = self._row
        else:
            storage[: self._len + 1] = self._storage[: self._len + 1]
        self._storage = storage
        self._capacity = capacity

    def reserve(self, capacity: int) -> None:
        """Make room for ``capacity`` steps in total (no-op when there is room).

        The storage at least doubles, so that appending is amortized O(1), but
        takes no more than the memory budget allows beyond ``capacity``.

        Raises
        ------
        BudgetError
            ``capacity`` steps do not fit in the memory budget.
        """
        capacity = int(capacity)
        if capacity <= self._capacity:
            return
        doubled = max(capacity, 2 * self._capacity, 16)
        fits = memory_budget() // self._row.nbytes - 1  # steps the budget has room for
        self._allocate(max(capacity, min(doubled, fits)))

    def __len__(self) -> int:
        return self._len

    @property
    def T(self) -> int:
        """Number of steps computed."""
        return self._len

    @property
    def nbytes(self) -> int:
        """Bytes of array storage held (including unused capacity)."""
        return self._storage.nbytes + self._row.nbytes

    # ------------------------------------------------------------------ views
    def _columns(self, first: int, width: int) -> np.ndarray:
        """Columns ``first … first + width - 1`` of rows 1 … T (steps 1 … T): shape (T, width)."""
        return self._storage[1 : self._len + 1, first : first + width]

    @property
    def x(self) -> np.ndarray:
        """Inputs x_t, shape (T, D)."""
        return self._columns(0, self.params.input_size)

    @property
    def h(self) -> np.ndarray:
        """Hidden state h_t, shape (T, H)."""
        return self._columns(self._h_col, self.params.hidden_size)

    @property
    def h_prev(self) -> np.ndarray:
        """h_{t-1} for every step (h_0 first), shape (T, H)."""
        return self._storage[: self._len, self._h_col : self._h_col + self.params.hidden_size]

    def _state_row(self, t: int) -> np.ndarray:
        """Storage row t (the state after t steps), checked: 0 ≤ t ≤ T."""
        if not 0 <= t <= self._len:
            raise EngineError(f"t: expected 0 ≤ t ≤ {self._len}, got {t}")
        return self._storage[t]

    # ------------------------------------------------------------- computing
    def append(self, x: Any) -> None:
        """Advance one step with input ``x`` (shape (D,), a number when D = 1); amortized O(1)."""
        k = self._len
        x = self._step_input(x)
        if k == self._capacity:
            self.reserve(k + 1)
        self._step(x, self._storage[k + 1])
        self._len = k + 1

    def extend(self, X: Any) -> None:
        """Advance ``len(X)`` steps with inputs ``X`` (shape (T, D), or (T,) when D = 1)."""
        X = check_inputs(X, self.params.input_size)
        k = self._len
        self.reserve(k + X.shape[0])
        self._run(X, k + 1)
        self._len = k + X.shape[0]

    def _run(self, X: np.ndarray, first_row: int) -> None:
        """The steps with inputs ``X`` (checked), stored in rows ``first_row`` on (there is room).

        Does not change the length: :meth:`extend` does, and the child process
        of :mod:`~lstm_sim.engine.forward_child` reuses its rows block by block.
        """
        rows = self._storage[first_row : first_row + X.shape[0]]
        for x, row in zip(X, rows, strict=True):  # row views made in C, not by indexing
            self._step(x, row)

    def _adopt(self, k: int) -> None:
        """Rows up to ``k`` were written into the storage from outside: take them.

        For a forward pass computed in another process
        (:mod:`~lstm_sim.engine.forward_child`): row ``k`` becomes the current
        state, and readers see the rows once the length says so.
        """
        self._row[:] = self._storage[k]
        self._len = k

    def _step(self, x: np.ndarray, row: np.ndarray) -> None:
        """One step: from the current row (state t-1) and x_t to state t, stored into ``row``."""
        raise NotImplementedError

    def _step_input(self, x: Any) -> np.ndarray:
        """One step's input as a finite float64 (D,) array (a number is accepted when D = 1)."""
        x = np.asarray(x, dtype=np.float64)  # no copy when x is already a float64 array
        if x.shape != self._input_shape:
            inputs = self.params.input_size
            if x.size != inputs or x.ndim > 1:
                raise EngineError(
                    f"x: expected {inputs} input(s) per step (D = {inputs}), got shape {x.shape}"
                )
            x = x.reshape(inputs)
        # Not np.isfinite(x).all(): at D ≈ 1 that reduction costs more than this whole check.
        if not all(map(isfinite, x.tolist())):
            raise EngineError(f"x: non-finite input at step {self._len + 1}")
        return x


def check_trace(trace: Any, kind: type[CellTrace], params: Any = None) -> None:
    """Check that ``trace`` is a non-empty ``kind`` (computed with ``params``, when given)."""
    if not isinstance(trace, kind):
        raise EngineError(f"trace: expected {kind.__name__}, got {type(trace).__name__}")
    if params is not None and trace.params is not params and trace.params != params:
        raise EngineError("params: these are not the parameters that produced the trace")
    if len(trace) == 0:
        raise EngineError("trace: empty (0 steps); run the cell first")
