"""The one model the GUI reads: sequence, parameters, trace, cursor and settings.

Qt-free. Views subscribe to :attr:`Session.changed` and write back only through
the setters. Every setter emits one ``changed`` event naming what changed; a
``with session.batch():`` block merges the events of several setters into one,
so one user action causes one repaint.

Time steps: the cursor ``t`` counts from 0 (the initial state h_0, C_0, before
any input) to T (after the last input). Step t uses row ``t - 1`` of the
engine's arrays.

The forward pass is computed lazily, one step at a time as the cursor moves
(a Step click appends one step: O(1), however long the history), and the trace
storage is reserved for the whole sequence up front, so a worker thread can
extend it (:meth:`Session.compute_until`) while the GUI thread reads the rows
already computed. A long run is computed by a child process
(:mod:`~lstm_sim.engine.forward_child`) whose rows the worker thread receives
through a pipe: a thread computing them would share the GIL with the GUI thread.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from .engine import (
    EngineError,
    LSTMParams,
    RNNParams,
    RNNTrace,
    Trace,
    bptt,
    bptt_rnn,
    carry_product,
    check_clamp,
    largest_singular_value,
    rnn_jacobian_norms,
    transition_jacobians,
    window_bounds,
)
from .engine.forward_child import extend_in_child
from .sequence import Sequence
from .train import Readout

__all__ = [
    "INLINE_GRADIENT_ROWS",
    "INLINE_STEPS",
    "Cancelled",
    "GradientView",
    "Session",
    "Settings",
    "Signal",
]

#: Steps the GUI thread may compute inline on a seek; more go to a worker.
INLINE_STEPS = 4000
#: BPTT rows the GUI thread may compute inline; a longer window goes to a worker.
INLINE_GRADIENT_ROWS = 5000
#: In compare mode a BPTT row costs about this many LSTM rows (RNN backward pass too).
COMPARE_ROW_COST = 6
#: Steps computed between progress reports / cancellation checks in workers.
CHUNK = 8192
#: A run of at least this many steps is computed in a child process (≈ 1 s of work;
#: starting the child costs ≈ 0.2 s).
CHILD_STEPS = 100_000
#: The child's module (``python -m``).
CHILD_MODULE = "lstm_sim.engine.forward_child"

LOSSES = ("output", "unit")


class Cancelled(Exception):
    """Raised inside a long computation when its ``cancel()`` callback says so."""


class Signal:
    """A minimal Qt-free signal: ``connect(callback)``, ``emit(*args)``."""

    def __init__(self) -> None:
        self._slots: list[Callable[..., Any]] = []

    def connect(self, slot: Callable[..., Any]) -> None:
        """Call ``slot`` on every :meth:`emit`."""
        self._slots.append(slot)

    def disconnect(self, slot: Callable[..., Any]) -> None:
        """Stop calling ``slot``."""
        self._slots.remove(slot)

    def emit(self, *args: Any) -> None:
        """Call every connected slot with ``args``."""
        for slot in list(self._slots):
            slot(*args)


@dataclass(frozen=True)
class Settings:
    """User settings of a session (saved with it).

    Attributes
    ----------
    window : int or None
        BPTT window in steps for the gradient panel; None means all steps.
    loss : {"output", "unit"}
        Loss whose gradients are shown: ``"output"`` L = Σ_j h_t[j];
        ``"unit"`` L = h_t[selected unit].
    show_all_units : bool
        Plots show every unit instead of the selected one.
    speed : float
        Playback speed in steps per second.
    loop : bool
        Playback starts again at t = 0 after the end.
    compare : bool
        Run a vanilla RNN of the same size beside the LSTM (gradient comparison).
    clip : float or None
        Gradient-norm clipping threshold for the RNN's backward pass.
    clamp : tuple of (gate, value) pairs
        What-if: hold gates at constants for every step (e.g. ``(("f", 1.0),)``).
    """

    window: int | None = 200
    loss: str = "output"
    show_all_units: bool = False
    speed: float = 20.0
    loop: bool = False
    compare: bool = False
    clip: float | None = None
    clamp: tuple[tuple[str, float], ...] = ()

    def __post_init__(self) -> None:
        clamp = self.clamp.items() if isinstance(self.clamp, dict) else self.clamp
        pairs = tuple(sorted((str(k), float(v)) for k, v in clamp))
        check_clamp(dict(pairs))
        object.__setattr__(self, "clamp", pairs)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible dict."""
        return {
            "window": self.window,
            "loss": self.loss,
            "show_all_units": self.show_all_units,
            "speed": self.speed,
            "loop": self.loop,
            "compare": self.compare,
            "clip": self.clip,
            "clamp": dict(self.clamp),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Inverse of :meth:`to_dict`; unknown keys are ignored, missing ones default."""
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)

    @property
    def clamp_dict(self) -> dict[str, float] | None:
        """The clamps as the engine takes them (None when no gate is clamped)."""
        return dict(self.clamp) or None


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


class RNNFactorCache:
    """‖W_hhᵀ·diag(1 − h_k²)‖₂ per row, each computed once.

    The factor of row k depends on h_k alone, not on the step whose loss is
    shown, so a cursor move only needs the rows not seen before (one small SVD
    each) instead of one SVD per row of the window.
    """

    def __init__(self, rnn: RNNParams, trace: RNNTrace, capacity: int) -> None:
        self.rnn = rnn
        self.trace = trace
        self.values = np.full(capacity, np.nan)

    def get(self, start: int, stop: int) -> np.ndarray:
        """The factors of rows start … stop-1 (a copy)."""
        part = self.values[start:stop]
        missing = np.flatnonzero(np.isnan(part))
        if missing.size:
            a, b = start + int(missing[0]), start + int(missing[-1]) + 1
            self.values[a:b] = rnn_jacobian_norms(self.rnn, self.trace, stop=b, window=b - a)
        return np.array(self.values[start:stop])


class JacobianCache:
    """The transposed step Jacobians J_kᵀ of the rows near the cursor, each computed once.

    The gradient panel's loss sits on one step t, so its backward pass is the
    chain λ_{k-1} = J_kᵀ λ_k over the window (see
    :func:`~lstm_sim.engine.transition_jacobians`). A Jacobian depends on its
    row of the trace alone (which never changes once computed), so a Step needs
    one new one. After a jump the cache starts over at the cursor and grows back
    by :attr:`FILL` rows per call; the rows not cached yet go through
    :func:`bptt`, continued from the chain.

    The rows are also grouped in aligned blocks of :attr:`BLOCK`, and each
    whole block keeps the products P_j = J_jᵀ ⋯ J_{e-1}ᵀ from each of its rows j
    to its end e: stacked, they give the λ of all the block's rows from λ_e in
    one matrix-vector product (:meth:`walk`). A window of 200 rows is then
    about 20 products instead of 200, each of which costs more in call
    overhead than in arithmetic for the H of a cell one looks inside.

    Holds at most 3 windows of rows, and is only made when their Jacobians fit
    in :attr:`BUDGET` bytes (:meth:`fits`); the products are kept too when both
    fit (else every row takes its own product).
    """

    #: Rows added in front of the cached ones per call, after a jump.
    FILL = 16
    #: Rows per block of products.
    BLOCK = 16
    #: Largest size of the buffers together (bytes).
    BUDGET = 64 << 20

    @classmethod
    def _bytes(cls, hidden: int, window: int) -> int:
        """Size of one buffer: 3 windows of (2H × 2H) rows."""
        return 3 * window * (2 * hidden) ** 2 * 8

    @classmethod
    def fits(cls, hidden: int, window: int | None) -> bool:
        """Whether a cache for this window is worth making and small enough."""
        return window is not None and cls._bytes(hidden, window) <= cls.BUDGET

    def __init__(self, params: LSTMParams, trace: Trace, window: int) -> None:
        self.params, self.trace, self.window = params, trace, window
        size = 2 * params.hidden_size
        self.cap = 3 * window
        self.buf = np.empty((self.cap, size, size))
        # prod[r - base]: row r's P_r, when the products fit the budget too.
        fit = 2 * self._bytes(params.hidden_size, window) <= self.BUDGET
        self.prod = np.empty((self.cap, size, size)) if fit else None
        self.base = self.lo = self.hi = 0  # buf[r - base] is row r, for lo ≤ r < hi
        self.blocks: set[int] = set()  # first rows of the blocks whose products are made

    def _room(self, a: int, b: int) -> None:
        """Make rows a … b-1 addressable, keeping the cached rows that stay so."""
        if self.base <= a and b <= self.base + self.cap:
            return
        base = max(0, a - (self.cap - (b - a)) // 2)
        k0, k1 = max(self.lo, base), min(self.hi, base + self.cap)
        if k0 < k1:
            for buf in (self.buf, self.prod):
                if buf is not None:
                    buf[k0 - base : k1 - base] = buf[k0 - self.base : k1 - self.base]
            self.lo, self.hi = k0, k1
            self.blocks = {e for e in self.blocks if k0 <= e and e + self.BLOCK <= k1}
        else:
            self.lo = self.hi = b  # none stay: rows before b are still to fill
            self.blocks.clear()
        self.base = base

    def _fill(self, a: int, b: int) -> None:
        J = transition_jacobians(self.params, self.trace, a, b)
        self.buf[a - self.base : b - self.base] = J.transpose(0, 2, 1)

    def _products(self) -> None:
        """The products of every whole block of cached rows that has none yet."""
        if self.prod is None:
            return  # over budget: the rows go one by one
        B = self.BLOCK
        for e in range(-(-self.lo // B) * B, self.hi - B + 1, B):
            if e not in self.blocks:
                jt = self.buf[e - self.base : e + B - self.base]
                p = self.prod[e - self.base : e + B - self.base]
                p[-1] = jt[-1]
                for j in range(B - 2, -1, -1):
                    np.matmul(jt[j], p[j + 1], out=p[j])
                self.blocks.add(e)

    def rows(self, a: int, b: int) -> int:
        """Cache what the window of rows a … b-1 needs; return s: rows s … b-1 are cached.

        Rows a … s-1 (a ≤ s ≤ b) are not cached yet.
        """
        if not (self.lo < self.hi and self.lo <= b <= self.hi + self.FILL):
            self.lo = self.hi = b  # a jump: start over at the cursor
            self.blocks.clear()
            self._room(a, b)
        elif b > self.hi:  # a few steps on
            self._room(max(a, self.lo), b)
            self._fill(self.hi, b)
            self.hi = b
        if a < self.lo:  # grow back towards the window's start
            m = max(a, self.lo - self.FILL)
            self._room(m, b)
            self._fill(m, self.lo)
            self.lo = m
        self._products()
        return max(a, self.lo)

    def walk(self, s: int, b: int, lam: np.ndarray) -> None:
        """Fill ``lam[k - s]`` = λ_{k-1} = J_kᵀ λ_k for rows k = b-1 … s, from ``lam[b - s]``.

        Rows s … b-1 must be cached (as :meth:`rows` returned them). Whole
        blocks take one product each; the rows around them one Jacobian each.
        """
        B, base = self.BLOCK, self.base
        first = -(-s // B) * B  # the first block starting at or after s
        last = b // B * B  # the end of the last block ending at or before b

        def single(lo: int, hi: int) -> None:
            if hi <= lo:
                return
            J = self.buf[lo - base : hi - base]
            src = lam[lo - s + 1 : hi - s + 1]
            dst = lam[lo - s : hi - s]
            for jt, x, y in zip(J[::-1], src[::-1], dst[::-1], strict=True):
                jt.dot(x, y)  # the array's own dot skips np.dot's dispatch

        if first >= last:
            single(s, b)
            return
        single(last, b)
        n = lam.shape[1]
        for e in range(last - B, first - 1, -B):
            out = lam[e - s : e + B - s].reshape(-1)
            if e in self.blocks:
                self.prod[e - base : e + B - base].reshape(B * n, n).dot(lam[e + B - s], out)
            else:
                single(e, e + B)
        e = first - B  # the block holding rows s … first-1, if its products exist
        if s < first and e in self.blocks:
            out = lam[0 : first - s].reshape(-1)
            self.prod[s - base : first - base].reshape(-1, n).dot(lam[first - s], out)
        else:
            single(s, first)


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
    s = rows.stop if jacobians is None else jacobians.rows(rows.start, rows.stop)
    m = rows.stop - s  # rows of the chain, at the end of the window
    direct_h, direct_c = None, None
    if m:
        # λ_k = [∂L/∂h_k, ∂L/∂C_k through C_{k+1}]; the total ∂L/∂C_k adds λ_k's h
        # part times ∂h_k/∂C_k = o_k ⊙ (1 − tanh²C_k).
        lam = np.empty((m + 1, 2 * hidden))  # row 0: λ_{s-1}, what flows on to bptt
        lam[m, :hidden] = loss_h  # walk() fills every other row
        lam[m, hidden:] = 0.0
        assert jacobians is not None
        jacobians.walk(s, rows.stop, lam)
        lh, lc = lam[1:, :hidden], lam[1:, hidden:]
        o, tc = trace.o[s : rows.stop], trace.tanh_c[s : rows.stop]
        dc = lc + lh * o * (1.0 - tc * tc)
        dh_norm[n - m :] = np.sqrt(np.einsum("ij,ij->i", lh, lh))
        dc_norm[n - m :] = np.sqrt(np.einsum("ij,ij->i", dc, dc))
        if n > m:
            direct_h, direct_c = np.zeros((n - m, hidden)), np.zeros((n - m, hidden))
            direct_h[-1], direct_c[-1] = lam[0, :hidden], lam[0, hidden:]
    if n > m:
        if direct_h is None:  # no chain: the loss itself starts bptt
            direct_h = np.zeros((n, hidden))
            direct_h[-1] = loss_h
        g = bptt(params, trace, direct_h, direct_c, stop=s, window=n - m, param_grads=False)
        dh_norm[: n - m] = g.dh_norm()
        dc_norm[: n - m] = g.dc_norm()
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


@dataclass
class _Batch:
    depth: int = 0
    changes: set[str] = field(default_factory=set)


class Session:
    """The simulation the app shows.

    Parameters
    ----------
    sequence : Sequence
    params : LSTMParams
        Must have ``input_size == sequence.input_size``.
    settings : Settings, optional
    name : str
        Shown in the title bar.

    Events
    ------
    changed(frozenset[str])
        Emitted once per setter or per ``batch()`` with the names of what
        changed: ``"sequence"``, ``"params"``, ``"trace"`` (steps computed),
        ``"step"`` (cursor), ``"unit"``, ``"settings"``, ``"gradients"``,
        ``"rnn"`` (compare-mode RNN), ``"modified"``. ``"params"`` also means
        the forward pass was recomputed from the start (new trace object).
    """

    def __init__(
        self,
        sequence: Sequence,
        params: LSTMParams,
        settings: Settings | None = None,
        *,
        name: str = "",
    ) -> None:
        self.changed = Signal()
        self._batch = _Batch()
        self._check_compatible(sequence, params)
        self._sequence = sequence
        self._params = params
        self._settings = settings or Settings()
        self._rnn: RNNParams | None = None
        self._rnn_trace: RNNTrace | None = None
        self._readout: Readout | None = None
        self._factor_cache: RNNFactorCache | None = None
        self._jacobians: JacobianCache | None = None
        self._t = 0
        self._unit = 0
        self._gradients: GradientView | None = None
        self._gradients_stale = False
        self.name = name
        self._modified = False
        self._trace = self._new_trace()
        self._step_cache: tuple[int, Trace, Any] | None = None
        if self._settings.compare:
            self._rnn = self._default_rnn()
            self._rnn_trace = self._new_rnn_trace()

    # -------------------------------------------------------------- reading
    @property
    def sequence(self) -> Sequence:
        """The input sequence."""
        return self._sequence

    @property
    def params(self) -> LSTMParams:
        """The cell's parameters."""
        return self._params

    @property
    def settings(self) -> Settings:
        """Current :class:`Settings`."""
        return self._settings

    @property
    def trace(self) -> Trace:
        """The forward pass computed so far (``len(trace) = computed``)."""
        return self._trace

    @property
    def readout(self) -> Readout | None:
        """The linear read-out ŷ_t = W_y·h_t + b_y (trained models), or None."""
        return self._readout

    def prediction(self) -> np.ndarray | None:
        """ŷ_t at the cursor (None without a read-out or at t = 0)."""
        if self._readout is None or self._t == 0:
            return None
        return self._readout(self._trace.h[self._t - 1])

    def set_readout(self, readout: Readout | None) -> None:
        """Set (or remove) the read-out; its size must match H and the targets."""
        if readout is not None:
            if readout.hidden_size != self.hidden_size:
                raise EngineError(
                    f"read-out: expects H = {readout.hidden_size} units, the cell has "
                    f"{self.hidden_size}"
                )
            p = self._sequence.target_size
            if p and readout.output_size != p:
                raise EngineError(
                    f"read-out: gives {readout.output_size} output(s), the sequence has "
                    f"{p} target(s)"
                )
        with self.batch():
            self._readout = readout
            self._set_modified()
            self._notify("readout")

    @property
    def rnn(self) -> RNNParams | None:
        """The vanilla RNN of compare mode (None when compare mode is off)."""
        return self._rnn if self._settings.compare else None

    @property
    def rnn_trace(self) -> RNNTrace | None:
        """The RNN's forward pass, computed in step with the LSTM's (compare mode)."""
        return self._rnn_trace if self._settings.compare else None

    def rnn_state(self) -> np.ndarray | None:
        """The RNN's h_t at the cursor (compare mode), else None."""
        tr = self.rnn_trace
        return None if tr is None else tr.state(self._t)

    @property
    def T(self) -> int:
        """Number of steps in the sequence."""
        return self._sequence.length

    @property
    def computed(self) -> int:
        """Steps of the forward pass computed so far."""
        return len(self._trace)

    @property
    def t(self) -> int:
        """The cursor: 0 (initial state) … T."""
        return self._t

    @property
    def unit(self) -> int:
        """The selected unit (0 … H-1)."""
        return self._unit

    @property
    def hidden_size(self) -> int:
        """H."""
        return self._params.hidden_size

    @property
    def gradients(self) -> GradientView | None:
        """Gradient norms at the cursor, or None (t = 0, or being computed)."""
        return self._gradients

    @property
    def gradients_stale(self) -> bool:
        """True when the gradients for the cursor still have to be computed (by a worker)."""
        return self._gradients_stale

    @property
    def modified(self) -> bool:
        """Unsaved changes since the last :meth:`mark_saved`."""
        return self._modified

    def state(self) -> tuple[np.ndarray, np.ndarray]:
        """(h_t, C_t) at the cursor."""
        return self._trace.state(self._t)

    def step_result(self):
        """Every intermediate of step t (an engine StepResult), or None at t = 0.

        Computed once per step shown: the diagram, the equations and the values
        table all ask for it after a Step. (A trace's rows never change, and a
        new cell or setting makes a new trace.)
        """
        if self._t == 0:
            return None
        cached = self._step_cache
        if cached is not None and cached[0] == self._t and cached[1] is self._trace:
            return cached[2]
        result = self._trace.step_result(self._t - 1)
        self._step_cache = (self._t, self._trace, result)
        return result

    def describe_loss(self) -> str:
        """The loss of the gradient panel in words (English; the GUI translates its own)."""
        if self._settings.loss == "unit":
            return f"L = h_t[{self._unit}]"
        return "L = Σ_j h_t[j]"

    # --------------------------------------------------------------- events
    @contextmanager
    def batch(self) -> Iterator[None]:
        """Merge the change events of the setters inside into one."""
        self._batch.depth += 1
        try:
            yield
        finally:
            self._batch.depth -= 1
            if self._batch.depth == 0 and self._batch.changes:
                changes = frozenset(self._batch.changes)
                self._batch.changes.clear()
                self.changed.emit(changes)

    def _notify(self, *names: str) -> None:
        self._batch.changes.update(names)
        if self._batch.depth == 0:
            changes = frozenset(self._batch.changes)
            self._batch.changes.clear()
            self.changed.emit(changes)

    def _set_modified(self) -> None:
        if not self._modified:
            self._modified = True
            self._batch.changes.add("modified")

    def mark_saved(self, name: str | None = None) -> None:
        """Forget unsaved changes (after saving); optionally rename."""
        if name is not None:
            self.name = name
        self._modified = False
        self._notify("modified")

    # ------------------------------------------------------------- setters
    @staticmethod
    def _check_compatible(sequence: Sequence, params: LSTMParams) -> None:
        if sequence.input_size != params.input_size:
            raise EngineError(
                f"sequence has {sequence.input_size} input(s) per step but the cell "
                f"expects D = {params.input_size}"
            )

    def _new_trace(self) -> Trace:
        return Trace(self._params, capacity=self._sequence.length, clamp=self._settings.clamp_dict)

    def _new_rnn_trace(self) -> RNNTrace | None:
        if self._rnn is None:
            return None
        trace = RNNTrace(self._rnn, capacity=self._sequence.length)
        if len(self._trace):
            trace.extend(self._sequence.inputs[: len(self._trace)])
        return trace

    def _default_rnn(self) -> RNNParams:
        """An RNN of the LSTM's size (PyTorch's uniform initialisation, seed 0)."""
        return RNNParams.random(self._params.input_size, self._params.hidden_size, seed=0)

    def set_step(self, t: int) -> None:
        """Move the cursor to step ``t`` (clamped to 0 … T), computing what is missing.

        Up to :data:`INLINE_STEPS` missing steps are computed here; for more,
        call :meth:`compute_until` first (from a worker) — otherwise this
        raises :class:`ValueError`.
        """
        t = int(min(max(t, 0), self.T))
        if t == self._t:
            return
        missing = t - self.computed
        if missing > INLINE_STEPS:
            raise ValueError(f"{missing} steps to compute: use compute_until() in a worker first")
        with self.batch():
            if missing > 0:
                self._extend_to(t)
                self._notify("trace")
            self._t = t
            self._refresh_gradients()
            self._notify("step")

    def _extend_to(self, t: int) -> None:
        k0 = self.computed
        rnn = self._rnn_trace
        if t - k0 == 1:
            self._trace.append(self._sequence.inputs[k0])
            if rnn is not None:
                rnn.append(self._sequence.inputs[k0])
        elif t > k0:
            self._trace.extend(self._sequence.inputs[k0:t])
            if rnn is not None:
                rnn.extend(self._sequence.inputs[k0:t])

    def compute_until(
        self,
        t: int,
        progress: Callable[[float], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> None:
        """Compute the forward pass up to step ``t``, in chunks (safe in a worker thread).

        Emits nothing (call :meth:`set_step` on the GUI thread afterwards).
        Raises :class:`Cancelled` when ``cancel()`` returns True; the steps
        computed so far are kept.
        """
        t = int(min(max(t, 0), self.T))
        start = self.computed
        total = max(t - start, 1)

        def report() -> None:
            if progress is not None:
                progress((self.computed - start) / total)

        # A long run without the compare-mode RNN: in a child process, so this
        # thread only waits on a pipe, without the GIL (see forward_child).
        # (Not in a frozen build: there sys.executable is the app, not Python.)
        if self._rnn_trace is None and t - start >= CHILD_STEPS and not getattr(sys, "frozen", 0):
            extend_in_child(
                self._trace,
                self._sequence.inputs[start:t],
                block=CHUNK,
                module=CHILD_MODULE,
                report=report,
                stop=cancel,
            )
        while self.computed < t:  # the rest, or all of it (short, or the child failed)
            if cancel is not None and cancel():
                raise Cancelled()
            self._extend_to(min(self.computed + CHUNK, t))
            report()

    def set_unit(self, unit: int) -> None:
        """Select unit ``unit`` (0 … H-1)."""
        unit = int(unit)
        if not 0 <= unit < self.hidden_size:
            raise EngineError(f"unit: expected 0 ≤ unit < {self.hidden_size}, got {unit}")
        if unit == self._unit:
            return
        with self.batch():
            self._unit = unit
            self._notify("unit")
            if self._settings.loss == "unit":
                self._refresh_gradients()

    def update_settings(self, **changes: Any) -> None:
        """Change some :class:`Settings` fields (``window=…``, ``loss=…``, …)."""
        new = replace(self._settings, **changes)
        if new.loss not in LOSSES:
            raise EngineError(f"loss: expected one of {', '.join(LOSSES)}, got {new.loss!r}")
        if new.window is not None and int(new.window) < 1:
            raise EngineError(f"window: expected at least 1 step, got {new.window}")
        if new == self._settings:
            return
        old = self._settings
        with self.batch():
            self._settings = new
            self._notify("settings")
            if new.clamp != old.clamp:
                # what-if: re-simulate at once up to the cursor
                self._trace = self._new_trace()
                self._rnn_trace = self._new_rnn_trace() if new.compare else None
                self._extend_to_cursor()
                self._notify("params", "trace")
            if new.compare and not old.compare:
                self._rnn = self._rnn or self._default_rnn()
                self._rnn_trace = self._new_rnn_trace()
                self._notify("rnn")
            elif old.compare and not new.compare:
                self._rnn_trace = None
                self._notify("rnn")
            if (new.window, new.loss, new.clamp, new.compare, new.clip) != (
                old.window,
                old.loss,
                old.clamp,
                old.compare,
                old.clip,
            ):
                self._refresh_gradients()
                self._set_modified()

    def _extend_to_cursor(self) -> None:
        self._extend_to(self._t)

    def set_rnn(self, rnn: RNNParams | None) -> None:
        """Set the compare-mode RNN (None: a default one of the LSTM's size)."""
        if rnn is not None and (
            rnn.input_size != self._params.input_size or rnn.hidden_size != self._params.hidden_size
        ):
            raise EngineError(
                f"RNN size (D = {rnn.input_size}, H = {rnn.hidden_size}) differs from the "
                f"LSTM's (D = {self._params.input_size}, H = {self._params.hidden_size})"
            )
        with self.batch():
            self._rnn = rnn or self._default_rnn()
            self._rnn_trace = self._new_rnn_trace() if self._settings.compare else None
            self._refresh_gradients()
            self._set_modified()
            self._notify("rnn")

    def apply_setup(
        self,
        sequence: Sequence,
        params: LSTMParams,
        rnn: RNNParams | None,
        settings: dict[str, Any],
        step: int,
        name: str | None = None,
        readout: Readout | None = None,
    ) -> None:
        """Replace everything at once (a scenario or an example), as one change event.

        ``step`` must be within :data:`INLINE_STEPS` of the start.
        """
        self._check_compatible(sequence, params)
        new_settings = replace(self._settings, **settings)
        with self.batch():
            self._sequence = sequence
            self._params = params
            self._settings = new_settings
            self._rnn = rnn if rnn is not None else None
            if self._rnn is None and new_settings.compare:
                self._rnn = self._default_rnn()
            self._t = 0
            self._unit = min(self._unit, params.hidden_size - 1)
            self._readout = readout
            self._trace = self._new_trace()
            self._rnn_trace = self._new_rnn_trace() if new_settings.compare else None
            if name is not None:
                self.name = name
            step = int(min(max(step, 0), self.T))
            self._extend_to(step)
            self._t = step
            self._refresh_gradients()
            self._set_modified()
            self._notify(
                "sequence", "params", "trace", "step", "unit", "settings", "rnn", "readout"
            )

    def set_params(self, params: LSTMParams) -> None:
        """Replace the parameters; recomputes the forward pass up to the cursor."""
        self._check_compatible(self._sequence, params)
        with self.batch():
            resized = params.hidden_size != self._params.hidden_size or (
                params.input_size != self._params.input_size
            )
            if params.hidden_size != self._params.hidden_size and self._readout is not None:
                self._readout = None
                self._notify("readout")
            self._params = params
            self._trace = self._new_trace()
            if resized and self._rnn is not None:
                self._rnn = self._default_rnn()
            self._rnn_trace = self._new_rnn_trace() if self._settings.compare else None
            if self._unit >= params.hidden_size:
                self._unit = 0
                self._notify("unit")
            self._extend_to(self._t)
            self._refresh_gradients()
            self._set_modified()
            self._notify("params", "trace")

    def set_sequence(self, sequence: Sequence, params: LSTMParams | None = None) -> None:
        """Replace the sequence (and optionally the parameters); the cursor returns to 0."""
        params = params or self._params
        self._check_compatible(sequence, params)
        with self.batch():
            self._sequence = sequence
            self._params = params
            self._t = 0
            self._unit = min(self._unit, params.hidden_size - 1)
            self._trace = self._new_trace()
            if self._readout is not None and (
                self._readout.hidden_size != params.hidden_size
                or self._readout.output_size != (sequence.target_size or -1)
            ):
                self._readout = None
                self._notify("readout")
            if self._rnn is not None and (
                self._rnn.hidden_size != params.hidden_size
                or self._rnn.input_size != params.input_size
            ):
                self._rnn = self._default_rnn()
            self._rnn_trace = self._new_rnn_trace() if self._settings.compare else None
            self._refresh_gradients()
            self._set_modified()
            self._notify("sequence", "params", "trace", "step", "unit")

    # ------------------------------------------------------------ gradients
    def gradient_rows(self, t: int | None = None) -> int:
        """How many BPTT rows the gradients at step ``t`` (default: cursor) need."""
        t = self._t if t is None else t
        if t == 0:
            return 0
        return len(window_bounds(t, t, self._settings.window))

    def gradient_cost(self) -> int:
        """The work of the gradients at the cursor, in LSTM BPTT rows (decides inline or worker)."""
        rows = self.gradient_rows()
        return rows * COMPARE_ROW_COST if self._settings.compare else rows

    def _rnn_pair(self) -> tuple[RNNParams, RNNTrace, RNNFactorCache] | None:
        if self._settings.compare and self._rnn is not None and self._rnn_trace is not None:
            cache = self._factor_cache
            if cache is None or cache.trace is not self._rnn_trace:
                cache = RNNFactorCache(self._rnn, self._rnn_trace, self._sequence.length)
                self._factor_cache = cache
            return self._rnn, self._rnn_trace, cache
        return None

    def _jacobian_cache(self) -> JacobianCache | None:
        """The step Jacobians of the current trace and window, when they are worth caching."""
        window = self._settings.window
        if not JacobianCache.fits(self._params.hidden_size, window):
            self._jacobians = None
            return None
        cache = self._jacobians
        if cache is None or cache.trace is not self._trace or cache.window != window:
            cache = self._jacobians = JacobianCache(self._params, self._trace, window)
        return cache

    def _refresh_gradients(self) -> None:
        """Recompute the gradient view at the cursor when it is cheap, else mark it stale."""
        self._notify("gradients")
        if self._t == 0:
            self._gradients, self._gradients_stale = None, False
        elif self.gradient_cost() <= INLINE_GRADIENT_ROWS:
            self._gradients = compute_gradient_view(
                self._params,
                self._trace,
                self._t,
                self._settings,
                self._unit,
                self._rnn_pair(),
                self._jacobian_cache(),
            )
            self._gradients_stale = False
        else:
            self._gradients, self._gradients_stale = None, True

    def gradient_job(self) -> Callable[[], tuple[Trace, GradientView | None]]:
        """A function that computes the gradient view at the cursor, for a worker thread.

        It captures the current parameters, trace, cursor and settings, so the
        session may change meanwhile; pass its result to :meth:`set_gradients`,
        which drops it if it no longer applies.
        """
        params, trace, t = self._params, self._trace, self._t
        settings, unit, rnn = self._settings, self._unit, self._rnn_pair()

        def job() -> tuple[Trace, GradientView | None]:
            if t == 0:
                return trace, None
            return trace, compute_gradient_view(params, trace, t, settings, unit, rnn)

        return job

    def set_gradients(self, result: tuple[Trace, GradientView | None]) -> None:
        """Store the result of a :meth:`gradient_job`, if it still matches the session."""
        trace, view = result
        if trace is not self._trace:
            return
        if view is None or (
            view.t == self._t
            and view.window == self._settings.window
            and view.loss == self._settings.loss
            and view.unit == self._unit
            and view.clip == (self._settings.clip if self._settings.compare else None)
            and (view.rnn_dh_norm is not None) == self._settings.compare
        ):
            self._gradients, self._gradients_stale = view, False
            self._notify("gradients")
