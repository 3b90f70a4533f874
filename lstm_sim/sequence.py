"""The input sequence a session runs on (Qt-free; produced by :mod:`lstm_sim.io` loaders)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .engine import EngineError, check_inputs

__all__ = ["Sequence"]


@dataclass(frozen=True, eq=False)
class Sequence:
    """A sequence of inputs x_t and optional targets y_t.

    Attributes
    ----------
    inputs : numpy.ndarray, shape (T, D), float64, finite
    targets : numpy.ndarray, shape (T, P), float64, or None
    input_names : tuple of str, length D
        Column names (``x_0`` … when the file has none).
    target_names : tuple of str, length P
    name : str
        What to call it in the title bar and in exports (usually the file name).
    vocabulary : tuple of str, optional
        For text sequences: the character of each one-hot input column.
    meta : dict
        Anything else a loader wants to keep (e.g. the path it came from).
    """

    inputs: np.ndarray
    targets: np.ndarray | None = None
    input_names: tuple[str, ...] = ()
    target_names: tuple[str, ...] = ()
    name: str = ""
    vocabulary: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        x = np.asarray(self.inputs, dtype=np.float64)
        if x.ndim == 1:
            x = x[:, None]
        x = check_inputs(x, x.shape[1] if x.ndim == 2 else 1, name="inputs")
        x.flags.writeable = False
        object.__setattr__(self, "inputs", x)
        if self.targets is not None:
            y = np.asarray(self.targets, dtype=np.float64)
            if y.ndim == 1:
                y = y[:, None]
            if y.ndim != 2 or y.shape[0] != x.shape[0]:
                raise EngineError(
                    f"targets: expected {x.shape[0]} rows like the inputs, got shape {y.shape}"
                )
            if not np.isfinite(y).all():
                k, j = (int(v) for v in np.argwhere(~np.isfinite(y))[0])
                raise EngineError(f"targets: non-finite value at step {k + 1}, target {j}")
            y = np.ascontiguousarray(y)
            y.flags.writeable = False
            object.__setattr__(self, "targets", y)
            if not self.target_names:
                names = tuple(f"y_{j}" for j in range(y.shape[1]))
                object.__setattr__(self, "target_names", names)
        if not self.input_names:
            object.__setattr__(self, "input_names", tuple(f"x_{j}" for j in range(x.shape[1])))
        if len(self.input_names) != x.shape[1]:
            raise EngineError(
                f"input_names: expected {x.shape[1]} names, got {len(self.input_names)}"
            )

    @property
    def length(self) -> int:
        """T, the number of steps."""
        return int(self.inputs.shape[0])

    def __len__(self) -> int:
        return self.length

    @property
    def input_size(self) -> int:
        """D, inputs per step."""
        return int(self.inputs.shape[1])

    @property
    def target_size(self) -> int:
        """P, targets per step (0 when there are none)."""
        return 0 if self.targets is None else int(self.targets.shape[1])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        same_targets = (self.targets is None and other.targets is None) or (
            self.targets is not None
            and other.targets is not None
            and np.array_equal(self.targets, other.targets)
        )
        return (
            np.array_equal(self.inputs, other.inputs)
            and same_targets
            and self.input_names == other.input_names
            and self.target_names == other.target_names
            and self.vocabulary == other.vocabulary
        )

    __hash__ = None  # type: ignore[assignment]
