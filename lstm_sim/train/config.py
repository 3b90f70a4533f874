"""Training settings (:class:`TrainConfig`) and the optimiser (:class:`Adam`).

Part of :mod:`lstm_sim.train`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .readout import READOUT_INITS, TrainError


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
