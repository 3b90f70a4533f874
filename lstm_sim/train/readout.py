"""The read-out ŷ_t = W_y · h_t + b_y that training fits, and the training errors.

Part of :mod:`lstm_sim.train` (see its docstring for the model and the loss).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..engine import EngineError

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
