"""The training loop: data checks, the loss and its exact gradients, :class:`Trainer`.

Part of :mod:`lstm_sim.train` (see its docstring for truncated BPTT, several
sequences, target masks and reproducibility).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, NoReturn

import numpy as np

from ..engine import LSTMParams, bptt, run, squared_error_loss
from ..sequence import Sequence
from .config import Adam, TrainConfig
from .readout import Readout, TrainError

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
