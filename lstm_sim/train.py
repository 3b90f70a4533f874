"""Training the cell with a linear read-out: Adam over full or truncated BPTT (no Qt).

The model fitted to a sequence's targets y_t is the LSTM cell followed by a
linear read-out (:class:`Readout`):

    ŷ_t = W_y · h_t + b_y                 W_y (P, H), b_y (P,)

and the loss is the mean squared error over every step and target column
that has a target:

    L = (1/n) · Σ_t Σ_j m_t[j] · (ŷ_t[j] − y_t[j])²        n = Σ_t Σ_j m_t[j]

where the *target mask* m (bool, (T, P)) is all ones unless given (see
"Target masks" below). The gradient ∂L/∂h_t = (2/n) · W_yᵀ (m_t ⊙ (ŷ_t − y_t))
goes into :func:`~lstm_sim.engine.bptt` for the cell's parameters; the
read-out's gradients are computed here directly:

    ∂L/∂W_y = (2/n) · Σ_t e_t h_tᵀ        ∂L/∂b_y = (2/n) · Σ_t e_t        e_t = m_t ⊙ (ŷ_t − y_t)

Optimiser: Adam (Kingma & Ba 2015) with bias correction, written out in
:class:`Adam`. Optional gradient-norm clipping rescales the gradient of *all*
parameters together (cell and read-out) to a total L2 norm of at most ``clip``.

Truncated BPTT: with ``TrainConfig(window=K)`` a sequence is cut into
consecutive chunks of K steps; each chunk is run from the state the previous
chunk ended in (carried forward but *detached*: no gradient flows back into the
previous chunk), and each chunk makes one Adam update. With ``window=None``
(the default) one update uses the whole sequence (full BPTT).

Several sequences: :class:`Trainer` also accepts a list of sequences (e.g. many
random instances of the adding problem). An epoch then visits them all in a
seeded random order, ``batch_size`` sequences per update (their gradients are
pooled, the loss is the mean over all their targets).

Target masks: a mask marks which (step, column) entries have a target —
e.g. the adding problem has a target only at its last step. It is a bool array
of shape (T, P) or (T,) (the same for every column), passed as ``mask=`` or
found in ``sequence.meta["target_mask"]`` (where :func:`lstm_sim.gallery.load_example`
puts it). Entries where the mask is False are ignored by the loss, whatever
the target value there (:class:`~lstm_sim.sequence.Sequence` requires finite
targets, so store e.g. 0 there).

Reproducibility: everything random (the read-out's initial values when none is
given, the order of several sequences) comes from
``numpy.random.default_rng(config.seed)``; the same seed, data and parameters
give a bit-identical :attr:`Trainer.history`, whether run in one call or in
several (pause / resume).

No Qt and no threads here: the GUI runs :meth:`Trainer.run` in a worker and
passes ``callback`` (progress) and ``cancel`` (stop request).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

import numpy as np

from .engine import EngineError, LSTMParams, bptt, run, squared_error_loss
from .sequence import Sequence

__all__ = [
    "LSTM_KEYS",
    "PARAM_KEYS",
    "READOUT_KEYS",
    "Adam",
    "Readout",
    "TrainConfig",
    "TrainError",
    "Trainer",
    "evaluate",
    "loss_and_gradients",
]

#: PyTorch ``nn.LSTMCell`` names of the cell's parameters.
LSTM_KEYS: tuple[str, ...] = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
#: PyTorch names of the read-out (an ``nn.Linear`` called ``readout``).
READOUT_KEYS: tuple[str, ...] = ("readout.weight", "readout.bias")
#: Every trained parameter, in the order used for gradient dicts and clipping.
PARAM_KEYS: tuple[str, ...] = LSTM_KEYS + READOUT_KEYS

READOUT_INITS = ("uniform", "zeros")


class TrainError(EngineError):
    """Training data, settings or state that cannot be used (or a diverged run).

    A subclass of :class:`~lstm_sim.engine.EngineError` (hence of ``ValueError``);
    the message names the argument and what was expected.
    """


def _as_array(name: str, value: Any, ndim: int) -> np.ndarray:
    try:
        arr = np.array(value, dtype=np.float64, copy=True)
    except (TypeError, ValueError) as exc:
        raise TrainError(f"{name}: not a numeric array ({exc})") from None
    if arr.ndim != ndim:
        raise TrainError(f"{name}: expected {ndim} dimension(s), got shape {arr.shape}")
    if not np.isfinite(arr).all():
        bad = tuple(int(b) for b in np.argwhere(~np.isfinite(arr))[0])
        raise TrainError(f"{name}: non-finite value {arr[bad]} at index {bad}")
    arr = np.ascontiguousarray(arr)
    arr.flags.writeable = False
    return arr


@dataclass(frozen=True, eq=False)
class Readout:
    """A linear read-out ŷ_t = W_y · h_t + b_y (an ``nn.Linear(H, P)``).

    Parameters
    ----------
    W_y : array_like, shape (P, H)
    b_y : array_like, shape (P,)

    The arrays are copied to read-only float64; shapes must agree and every
    value must be finite, otherwise :class:`TrainError` says which and why.
    It also behaves as the pair ``(W_y, b_y)`` (``W_y, b_y = readout``), the
    form :func:`~lstm_sim.engine.squared_error_loss` and :mod:`lstm_sim.io` take.
    """

    W_y: np.ndarray
    b_y: np.ndarray

    def __post_init__(self) -> None:
        w = _as_array("W_y", self.W_y, 2)
        b = _as_array("b_y", self.b_y, 1)
        if w.shape[0] < 1 or w.shape[1] < 1:
            raise TrainError(f"W_y: expected shape (P, H) with P, H ≥ 1, got {w.shape}")
        if b.shape != (w.shape[0],):
            raise TrainError(f"b_y: expected shape ({w.shape[0]},) like W_y's rows, got {b.shape}")
        object.__setattr__(self, "W_y", w)
        object.__setattr__(self, "b_y", b)

    @property
    def output_size(self) -> int:
        """P, the number of outputs (target columns)."""
        return int(self.W_y.shape[0])

    @property
    def hidden_size(self) -> int:
        """H, the number of units it reads."""
        return int(self.W_y.shape[1])

    def __repr__(self) -> str:
        return f"Readout(hidden_size={self.hidden_size}, output_size={self.output_size})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Readout):
            return NotImplemented
        return np.array_equal(self.W_y, other.W_y) and np.array_equal(self.b_y, other.b_y)

    __hash__ = None  # type: ignore[assignment]

    # The pair (W_y, b_y), as squared_error_loss(readout=...) and lstm_sim.io take it.
    def __len__(self) -> int:
        return 2

    def __iter__(self) -> Iterator[np.ndarray]:
        return iter((self.W_y, self.b_y))

    def __getitem__(self, index: int) -> np.ndarray:
        return (self.W_y, self.b_y)[index]

    def __call__(self, h: Any) -> np.ndarray:
        """ŷ = h · W_yᵀ + b_y for h of shape (H,) or (T, H); returns (P,) or (T, P)."""
        return np.asarray(h, dtype=np.float64) @ self.W_y.T + self.b_y

    @classmethod
    def random(
        cls,
        hidden_size: int,
        output_size: int,
        *,
        seed: int | np.random.Generator | None = 0,
        init: str = "uniform",
    ) -> Readout:
        """Initial read-out weights.

        Parameters
        ----------
        hidden_size, output_size : int
            H and P (≥ 1).
        seed : int, numpy.random.Generator or None
            Seed (or generator) for the values.
        init : {"uniform", "zeros"}
            ``"uniform"``: every entry U(−1/√H, 1/√H), like ``nn.Linear``;
            ``"zeros"``: all zero (ŷ ≡ 0 until trained).
        """
        h, p = int(hidden_size), int(output_size)
        if h < 1 or p < 1:
            raise TrainError(f"random: hidden_size and output_size must be ≥ 1, got {h}, {p}")
        if init == "zeros":
            return cls(np.zeros((p, h)), np.zeros(p))
        if init != "uniform":
            raise TrainError(f"init: expected one of {', '.join(READOUT_INITS)}, got {init!r}")
        rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
        k = 1.0 / math.sqrt(h)
        return cls(rng.uniform(-k, k, (p, h)), rng.uniform(-k, k, p))

    def to_state_dict(self, prefix: str = "readout.") -> dict[str, np.ndarray]:
        """``{prefix + "weight": W_y, prefix + "bias": b_y}`` as writable copies."""
        return {prefix + "weight": np.array(self.W_y), prefix + "bias": np.array(self.b_y)}

    @classmethod
    def from_state_dict(cls, mapping: Mapping[str, Any], prefix: str = "readout.") -> Readout:
        """Inverse of :meth:`to_state_dict`; raises :class:`TrainError` on a missing key."""
        for key in (prefix + "weight", prefix + "bias"):
            if key not in mapping:
                found = ", ".join(sorted(mapping)) or "no keys"
                raise TrainError(f"{key}: missing key (found {found})")
        return cls(mapping[prefix + "weight"], mapping[prefix + "bias"])


@dataclass(frozen=True)
class TrainConfig:
    """Training settings (immutable; validated on construction).

    Attributes
    ----------
    lr : float
        Adam learning rate (> 0).
    epochs : int
        Epochs :meth:`Trainer.run` does when not told otherwise (≥ 0).
    window : int or None
        Truncated BPTT: chunks of this many steps, one Adam update each, the
        state carried (detached) from chunk to chunk. None: full BPTT, one
        update per sequence (or batch of sequences).
    seed : int or None
        Seed for everything random (read-out initialisation, order of several
        sequences). None draws fresh entropy (not reproducible).
    clip : float or None
        Rescale the gradient of all parameters together when its L2 norm
        exceeds this (> 0). None: no clipping.
    readout_init : {"uniform", "zeros"}
        How the read-out is initialised when the trainer is given none
        (see :meth:`Readout.random`).
    batch_size : int
        With several sequences: how many make one update (≥ 1).
    betas : (float, float)
        Adam's β1, β2 (decay of the first and second moment estimates).
    eps : float
        Adam's ε (added to √v̂).
    """

    lr: float = 1e-2
    epochs: int = 200
    window: int | None = None
    seed: int | None = 0
    clip: float | None = None
    readout_init: str = "uniform"
    batch_size: int = 1
    betas: tuple[float, float] = (0.9, 0.999)
    eps: float = 1e-8

    def __post_init__(self) -> None:
        if not (math.isfinite(self.lr) and self.lr > 0):
            raise TrainError(f"lr: expected a finite number > 0, got {self.lr}")
        if int(self.epochs) != self.epochs or self.epochs < 0:
            raise TrainError(f"epochs: expected an integer ≥ 0, got {self.epochs}")
        if self.window is not None and (int(self.window) != self.window or self.window < 1):
            raise TrainError(f"window: expected None or an integer ≥ 1, got {self.window}")
        if self.seed is not None and (int(self.seed) != self.seed or self.seed < 0):
            raise TrainError(f"seed: expected None or an integer ≥ 0, got {self.seed}")
        if self.clip is not None and not (math.isfinite(self.clip) and self.clip > 0):
            raise TrainError(f"clip: expected None or a finite number > 0, got {self.clip}")
        if self.readout_init not in READOUT_INITS:
            raise TrainError(
                f"readout_init: expected one of {', '.join(READOUT_INITS)}, "
                f"got {self.readout_init!r}"
            )
        if int(self.batch_size) != self.batch_size or self.batch_size < 1:
            raise TrainError(f"batch_size: expected an integer ≥ 1, got {self.batch_size}")
        b1, b2 = self.betas
        if not (0.0 <= b1 < 1.0 and 0.0 <= b2 < 1.0):
            raise TrainError(f"betas: expected two numbers in [0, 1), got {self.betas}")
        if not (math.isfinite(self.eps) and self.eps > 0):
            raise TrainError(f"eps: expected a finite number > 0, got {self.eps}")


class Adam:
    """The Adam optimiser over a dict of NumPy arrays, updated in place.

    For each parameter θ with gradient g, at update number t = 1, 2, …:

        m ← β1·m + (1 − β1)·g            v ← β2·v + (1 − β2)·g²
        m̂ = m / (1 − β1ᵗ)                v̂ = v / (1 − β2ᵗ)
        θ ← θ − lr · m̂ / (√v̂ + ε)

    Parameters
    ----------
    lr : float
    betas : (float, float)
    eps : float

    Attributes
    ----------
    t : int
        Updates made so far.
    m, v : dict[str, numpy.ndarray]
        First and second moment estimates, by parameter name.
    """

    def __init__(
        self, lr: float = 1e-2, betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8
    ) -> None:
        self.lr = float(lr)
        self.beta1, self.beta2 = (float(b) for b in betas)
        self.eps = float(eps)
        self.t = 0
        self.m: dict[str, np.ndarray] = {}
        self.v: dict[str, np.ndarray] = {}

    def update(self, params: dict[str, np.ndarray], grads: Mapping[str, np.ndarray]) -> None:
        """One Adam step: change every array of ``params`` in place by its gradient."""
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        corr1 = 1.0 - b1**self.t
        corr2 = 1.0 - b2**self.t
        for name, theta in params.items():
            g = grads[name]
            if name not in self.m:
                self.m[name] = np.zeros_like(theta)
                self.v[name] = np.zeros_like(theta)
            m, v = self.m[name], self.v[name]
            m *= b1
            m += (1.0 - b1) * g
            v *= b2
            v += (1.0 - b2) * (g * g)
            theta -= self.lr * (m / corr1) / (np.sqrt(v / corr2) + self.eps)


# ----------------------------------------------------------------------------- data


@dataclass(frozen=True, eq=False)
class _Item:
    """One training sequence: inputs X (T, D), targets Y (T, P), mask M (T, P) or None."""

    X: np.ndarray
    Y: np.ndarray
    M: np.ndarray | None
    name: str


def _check_mask(mask: Any, shape: tuple[int, int], where: str) -> np.ndarray | None:
    """A bool (T, P) mask, or None when every entry has a target."""
    if mask is None:
        return None
    m = np.asarray(mask)
    if m.dtype != np.bool_:
        if not np.issubdtype(m.dtype, np.number) or not np.isin(m, (0, 1)).all():
            raise TrainError(f"{where}: mask must hold booleans (or 0/1), got dtype {m.dtype}")
        m = m.astype(bool)
    if m.ndim == 1 and m.shape[0] == shape[0]:
        m = np.repeat(m[:, None], shape[1], axis=1)
    if m.shape != shape:
        raise TrainError(f"{where}: mask must have shape {shape} or ({shape[0]},), got {m.shape}")
    if not m.any():
        raise TrainError(f"{where}: mask is all False (no step has a target)")
    if m.all():
        return None
    return np.ascontiguousarray(m)


def _items(sequence: Any, mask: Any) -> list[_Item]:
    """Validate one sequence or a list of them (and their masks)."""
    if isinstance(sequence, Sequence):
        seqs, masks = [sequence], [mask]
    else:
        seqs = list(sequence)
        if mask is None:
            masks = [None] * len(seqs)
        else:
            masks = list(mask)
            if len(masks) != len(seqs):
                raise TrainError(
                    f"mask: expected {len(seqs)} masks (one per sequence), got {len(masks)}"
                )
    if not seqs:
        raise TrainError("sequence: expected a Sequence or a non-empty list of them")
    items = []
    for k, (seq, m) in enumerate(zip(seqs, masks, strict=True)):
        where = (
            f"sequence {seq.name!r}" if isinstance(seq, Sequence) and seq.name else f"sequence {k}"
        )
        if not isinstance(seq, Sequence):
            raise TrainError(f"{where}: expected a Sequence, got {type(seq).__name__}")
        if seq.targets is None:
            raise TrainError(f"{where}: has no targets, nothing to fit")
        if m is None:
            m = seq.meta.get("target_mask")
        items.append(
            _Item(seq.inputs, seq.targets, _check_mask(m, seq.targets.shape, where), where)
        )
    d, p = items[0].X.shape[1], items[0].Y.shape[1]
    for it in items[1:]:
        if it.X.shape[1] != d or it.Y.shape[1] != p:
            raise TrainError(
                f"{it.name}: {it.X.shape[1]} inputs and {it.Y.shape[1]} targets per step, "
                f"but the first sequence has {d} and {p}"
            )
    return items


def _check_model(params: LSTMParams, readout: Readout | None, items: list[_Item]) -> None:
    if not isinstance(params, LSTMParams):
        raise TrainError(f"params: expected LSTMParams, got {type(params).__name__}")
    d, p = items[0].X.shape[1], items[0].Y.shape[1]
    if params.input_size != d:
        raise TrainError(
            f"params: the cell takes {params.input_size} input(s) per step, the sequence has {d}"
        )
    if readout is None:
        return
    if not isinstance(readout, Readout):
        raise TrainError(f"readout: expected Readout or None, got {type(readout).__name__}")
    if readout.hidden_size != params.hidden_size:
        raise TrainError(
            f"readout: W_y reads {readout.hidden_size} units, the cell has {params.hidden_size}"
        )
    if readout.output_size != p:
        raise TrainError(
            f"readout: W_y gives {readout.output_size} output(s), the sequence has {p} target(s)"
        )


# ------------------------------------------------------------------ loss and gradients


class _NonFinite(Exception):
    """The loss of a chunk is not finite (the run diverged)."""


def _chunk(
    params: LSTMParams,
    w_y: np.ndarray,
    b_y: np.ndarray,
    X: np.ndarray,
    Y: np.ndarray,
    M: np.ndarray | None,
    h0: np.ndarray | None,
    c0: np.ndarray | None,
    grads: dict[str, np.ndarray] | None,
) -> tuple[float, int, np.ndarray, np.ndarray]:
    """Run one chunk; add the gradients of its *sum* of squared errors into ``grads``.

    Returns (sum of squared errors, number of targets, h at the end, C at the end).
    With ``grads=None`` only the forward pass and the error are computed (and a
    non-finite loss is returned as it is); with ``grads`` a non-finite loss
    raises :class:`_NonFinite` before any gradient is touched.
    """
    # Diverged parameters may overflow: let it give inf/nan quietly, and check the loss.
    with np.errstate(over="ignore", invalid="ignore"):
        trace = run(params, X, h0, c0)
        h = trace.h
        if M is None:
            n = Y.size
            err = h @ w_y.T + b_y - Y
        else:
            n = int(np.count_nonzero(M))
            err = np.where(M, h @ w_y.T + b_y - Y, 0.0)
        sse = float(np.sum(err * err))
    h_end, c_end = trace.state(len(trace))
    if grads is not None and n:
        if not math.isfinite(sse):
            raise _NonFinite
        if M is None:
            # The engine's ∂L/∂h_k = 2·W_yᵀ(ŷ_k − y_k) for L = Σ (ŷ − y)².
            _, dh = squared_error_loss(trace, Y, readout=(w_y, b_y))
        else:
            dh = 2.0 * err @ w_y
        g = bptt(params, trace, dh)
        grads["weight_ih"] += g.weight_ih
        grads["weight_hh"] += g.weight_hh
        grads["bias_ih"] += g.bias_ih
        grads["bias_hh"] += g.bias_hh
        grads["readout.weight"] += 2.0 * err.T @ h
        grads["readout.bias"] += 2.0 * err.sum(axis=0)
    return sse, n, h_end.copy(), c_end.copy()


def _zero_grads(params: LSTMParams, p: int) -> dict[str, np.ndarray]:
    hidden = params.hidden_size
    return {
        "weight_ih": np.zeros_like(params.weight_ih),
        "weight_hh": np.zeros_like(params.weight_hh),
        "bias_ih": np.zeros(4 * hidden),
        "bias_hh": np.zeros(4 * hidden),
        "readout.weight": np.zeros((p, hidden)),
        "readout.bias": np.zeros(p),
    }


def loss_and_gradients(
    params: LSTMParams,
    readout: Readout,
    sequence: Sequence | Iterable[Sequence],
    mask: Any = None,
) -> tuple[float, dict[str, np.ndarray]]:
    """The training loss (MSE over all targets) and its exact gradient (full BPTT).

    Parameters
    ----------
    params : LSTMParams
    readout : Readout
        W_y (P, H), b_y (P,).
    sequence : Sequence or list of Sequence
        With targets (T, P). Several sequences pool their targets (one mean).
    mask : array_like of bool, shape (T, P) or (T,), or a list of them, optional
        Entries with a target; default ``sequence.meta["target_mask"]`` or all.

    Returns
    -------
    loss : float
        L = (1/n) Σ m ⊙ (ŷ − y)², n = number of targets.
    grads : dict[str, numpy.ndarray]
        ∂L/∂θ for every name in :data:`PARAM_KEYS` (PyTorch names and shapes).
    """
    items = _items(sequence, mask)
    _check_model(params, readout, items)
    grads = _zero_grads(params, readout.output_size)
    sse, n = 0.0, 0
    for it in items:
        try:
            s, k, _, _ = _chunk(
                params, readout.W_y, readout.b_y, it.X, it.Y, it.M, None, None, grads
            )
        except _NonFinite:
            raise TrainError(f"{it.name}: the loss is not finite") from None
        sse += s
        n += k
    for g in grads.values():
        g /= n
    return sse / n, grads


def evaluate(
    params: LSTMParams,
    readout: Readout | None,
    sequence: Sequence | Iterable[Sequence],
    mask: Any = None,
) -> float:
    """Mean squared error of the model's outputs against the targets (forward pass only).

    Parameters
    ----------
    params : LSTMParams
    readout : Readout or None
        None reads the first P units of h_t as the outputs (as
        :func:`~lstm_sim.engine.squared_error_loss` does without a read-out).
    sequence : Sequence or list of Sequence
        With targets; several sequences give the mean over all their targets.
    mask : array_like of bool, optional
        As for :func:`loss_and_gradients`.

    Returns
    -------
    float
        (1/n) Σ m ⊙ (ŷ − y)², each sequence run from a zero state.
    """
    items = _items(sequence, mask)
    _check_model(params, readout, items)
    p, hidden = items[0].Y.shape[1], params.hidden_size
    if readout is None:
        if p > hidden:
            raise TrainError(f"readout: none given and {p} targets > {hidden} units")
        w_y, b_y = np.eye(p, hidden), np.zeros(p)
    else:
        w_y, b_y = readout.W_y, readout.b_y
    return _mse(params, w_y, b_y, items)


def _mse(params: LSTMParams, w_y: np.ndarray, b_y: np.ndarray, items: list[_Item]) -> float:
    sse, n = 0.0, 0
    for it in items:
        s, k, _, _ = _chunk(params, w_y, b_y, it.X, it.Y, it.M, None, None, None)
        sse += s
        n += k
    return sse / n


# --------------------------------------------------------------------------- trainer


class Trainer:
    """Fits an LSTM cell and a linear read-out to a sequence's targets with Adam.

    Parameters
    ----------
    sequence : Sequence or list of Sequence
        Inputs (T, D) and targets (T, P). A list trains on all of them (same D
        and P), ``config.batch_size`` per update, in a seeded random order.
    params : LSTMParams
        The starting cell (D inputs; not modified — :attr:`params` is new).
    readout : Readout, optional
        The starting read-out (P × H); default: :meth:`Readout.random` from
        ``config.seed`` with ``config.readout_init``.
    config : TrainConfig
    mask : array_like of bool, or a list of them, optional
        Which targets count (see the module docstring); default
        ``sequence.meta["target_mask"]`` when present, else all.

    Attributes
    ----------
    history : list of float
        The loss of every epoch so far (see :meth:`step_epoch`).
    epoch : int
        Epochs done.
    optimizer : Adam
        The optimiser and its state (update count, moment estimates).

    Examples
    --------
    >>> from lstm_sim.gallery import noisy_sine
    >>> trainer = Trainer(noisy_sine(100), LSTMParams.random(1, 8, seed=0), config=TrainConfig())
    >>> losses = trainer.run(50)
    >>> bool(trainer.evaluate() < losses[0] / 5)
    True
    >>> trainer.params, trainer.readout
    (LSTMParams(input_size=1, hidden_size=8), Readout(hidden_size=8, output_size=1))
    """

    def __init__(
        self,
        sequence: Sequence | Iterable[Sequence],
        params: LSTMParams,
        readout: Readout | None = None,
        config: TrainConfig | None = None,
        *,
        mask: Any = None,
    ) -> None:
        self.config = TrainConfig() if config is None else config
        if not isinstance(self.config, TrainConfig):
            raise TrainError(f"config: expected TrainConfig, got {type(self.config).__name__}")
        self._items = _items(sequence, mask)
        _check_model(params, readout, self._items)
        cfg = self.config
        self._rng = np.random.default_rng(cfg.seed)
        if readout is None:
            readout = Readout.random(
                params.hidden_size, self._items[0].Y.shape[1], seed=self._rng, init=cfg.readout_init
            )
        self._params = params
        self._readout = readout
        # The optimiser's working copies (writable); _params/_readout are rebuilt from them.
        self._theta: dict[str, np.ndarray] = {
            **params.to_state_dict(),
            **readout.to_state_dict(),
        }
        self.optimizer = Adam(cfg.lr, cfg.betas, cfg.eps)
        self.history: list[float] = []
        self.epoch = 0
        self._failed: str | None = None

    # ------------------------------------------------------------------ state
    @property
    def params(self) -> LSTMParams:
        """The cell's current parameters (immutable; a new object after each update)."""
        return self._params

    @property
    def readout(self) -> Readout:
        """The current read-out (immutable; a new object after each update)."""
        return self._readout

    @property
    def updates(self) -> int:
        """Adam updates made so far."""
        return self.optimizer.t

    def evaluate(self) -> float:
        """MSE of the current model on the training data (full forward pass, zero state)."""
        return _mse(self._params, self._readout.W_y, self._readout.b_y, self._items)

    # --------------------------------------------------------------- training
    def step_epoch(self) -> float:
        """One epoch: one pass over every sequence, with one Adam update per chunk.

        Returns
        -------
        float
            The loss of the epoch's forward pass: the MSE over all targets of
            the outputs computed during this epoch. With one sequence and full
            BPTT (``window=None``) that is exactly the loss of the parameters
            *before* this epoch's single update. With a window, or several
            sequences, each chunk's error is measured with the parameters of the
            moment (earlier chunks of the epoch have already updated them).

        Raises
        ------
        TrainError
            The loss, the gradient or the parameters became non-finite (lower
            the learning rate or set ``clip``). :attr:`params` and
            :attr:`readout` stay those of the last good update; this trainer
            refuses to go on (start a new one from them).
        """
        if self._failed is not None:
            raise TrainError(self._failed)
        cfg = self.config
        items = self._items
        order = self._rng.permutation(len(items)) if len(items) > 1 else np.zeros(1, dtype=int)
        sse_epoch, n_epoch = 0.0, 0
        for b0 in range(0, len(order), cfg.batch_size):
            batch = [items[j] for j in order[b0 : b0 + cfg.batch_size]]
            longest = max(it.X.shape[0] for it in batch)
            window = longest if cfg.window is None else int(cfg.window)
            states: list[tuple[np.ndarray | None, np.ndarray | None]] = [(None, None)] * len(batch)
            for s in range(0, longest, window):
                grads = _zero_grads(self._params, self._readout.output_size)
                sse, n = 0.0, 0
                for j, it in enumerate(batch):
                    if s >= it.X.shape[0]:
                        continue
                    rows = slice(s, s + window)
                    # A chunk whose mask is all False runs forward only (it carries the state).
                    m = None if it.M is None else it.M[rows]
                    h0, c0 = states[j]
                    try:
                        k_sse, k_n, h_end, c_end = _chunk(
                            self._params,
                            self._readout.W_y,
                            self._readout.b_y,
                            it.X[rows],
                            it.Y[rows],
                            m,
                            h0,
                            c0,
                            grads,
                        )
                    except _NonFinite:
                        self._fail("the loss became non-finite")
                    states[j] = (h_end, c_end)  # carried to the next chunk, detached
                    sse += k_sse
                    n += k_n
                sse_epoch += sse
                n_epoch += n
                if n:  # a chunk without targets makes no update
                    self._apply(grads, n)
        self.epoch += 1
        loss = sse_epoch / n_epoch
        self.history.append(loss)
        return loss

    def _fail(self, what: str) -> NoReturn:
        """Stop for good: a diverged run cannot go on (the optimiser state is spoilt)."""
        self._failed = (
            f"{what} in epoch {self.epoch + 1} (lower the learning rate or set clip); "
            "params and readout hold the last good values: start a new Trainer from them"
        )
        raise TrainError(self._failed)

    def _apply(self, grads: dict[str, np.ndarray], n: int) -> None:
        """Scale the summed gradient to the mean, clip, check, and make one Adam update."""
        sq = 0.0
        for g in grads.values():
            g /= n
            sq += float(np.vdot(g, g))
        norm = math.sqrt(sq)
        if not math.isfinite(norm):
            self._fail("the gradient became non-finite")
        clip = self.config.clip
        if clip is not None and norm > clip:
            scale = clip / norm
            for g in grads.values():
                g *= scale
        theta = self._theta
        with np.errstate(over="ignore", invalid="ignore"):
            self.optimizer.update(theta, grads)
        if not all(np.isfinite(a).all() for a in theta.values()):
            self._fail("the parameters became non-finite")
        self._params = LSTMParams(
            theta["weight_ih"], theta["weight_hh"], theta["bias_ih"], theta["bias_hh"]
        )
        self._readout = Readout(theta["readout.weight"], theta["readout.bias"])

    def run(
        self,
        epochs: int | None = None,
        callback: Callable[[int, float, LSTMParams, Readout], Any] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> list[float]:
        """Train for several epochs (continuing from where the last call stopped).

        Parameters
        ----------
        epochs : int, optional
            How many epochs (default ``config.epochs``).
        callback : callable, optional
            ``callback(epoch, loss, params, readout)`` after every epoch, with
            the number of epochs done so far (counting from 1 over the
            trainer's life), that epoch's loss and the updated (immutable)
            parameters. Its return value is ignored.
        cancel : callable, optional
            Asked before every epoch; when it returns True the run stops there,
            so a request made during an epoch takes effect after that epoch
            completes. Training can go on later with another :meth:`run`.

        Returns
        -------
        list of float
            The losses of the epochs done in this call.
        """
        n = self.config.epochs if epochs is None else epochs
        if int(n) != n or n < 0:
            raise TrainError(f"epochs: expected an integer ≥ 0, got {epochs}")
        losses: list[float] = []
        for _ in range(int(n)):
            if cancel is not None and cancel():
                break
            loss = self.step_epoch()
            losses.append(loss)
            if callback is not None:
                callback(self.epoch, loss, self._params, self._readout)
        return losses
