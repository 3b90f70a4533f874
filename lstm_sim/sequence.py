"""The input sequence a session runs on (Qt-free; produced by :mod:`lstm_sim.io` loaders).

Besides its numbers, a sequence read from a table says how it was made, so
that the app and exports can show it and offer remedies: the scaling of its
inputs and targets (:class:`~lstm_sim.scaling.Scaling`; :meth:`Sequence.rescaled`
gives the same data scaled another way), what was done with missing cells
(:class:`MissingValues`) and the label of each step (a year, a date:
:class:`~lstm_sim.step_labels.StepLabels`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .engine import EngineError, check_inputs
from .engine.errors import QT_TRANSLATE_NOOP, Text
from .scaling import ScaleSpec, Scaling, fit_scaling, parse_scale_spec
from .step_labels import StepLabels

__all__ = ["MISSING_POLICIES", "MissingValues", "Sequence"]

#: What a table loader does with a missing cell (empty, NA, NaN, null, …):
#: ``error`` (the default: a message naming the first one), ``drop`` its row,
#: ``interpolate`` linearly within the column (the first and last values are
#: carried to the ends), ``ffill`` (the last value before it; the first value
#: before the first one), or ``zero``.
MISSING_POLICIES = ("error", "drop", "interpolate", "ffill", "zero")


@dataclass(frozen=True)
class MissingValues:
    """What a table loader did with missing cells (in the columns it read).

    Attributes
    ----------
    policy : str
        One of :data:`MISSING_POLICIES`.
    cells : int
        Missing cells found in the input and target columns.
    dropped_rows : int
        Rows left out (``drop`` only).
    rows_read : int
        Data rows of the file, before any was dropped.
    """

    policy: str = "error"
    cells: int = 0
    dropped_rows: int = 0
    rows_read: int = 0

    def __post_init__(self) -> None:
        if self.policy not in MISSING_POLICIES:
            raise EngineError(
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors",
                        "unknown missing-value choice {choice} (expected one of: {known})",
                    ),
                    choice=repr(self.policy),
                    known=", ".join(MISSING_POLICIES),
                )
            )

    def summary(self) -> Text | None:
        """One translatable line for the user, or None when no cell was missing."""
        if not self.cells:
            return None
        if self.policy == "drop":
            return Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "{rows} of {total} rows dropped for {cells} missing values",
                ),
                rows=self.dropped_rows,
                total=self.rows_read,
                cells=self.cells,
            )
        how = {
            "interpolate": QT_TRANSLATE_NOOP("FileErrors", "interpolated"),
            "ffill": QT_TRANSLATE_NOOP("FileErrors", "filled with the previous value"),
            "zero": QT_TRANSLATE_NOOP("FileErrors", "set to 0"),
        }.get(self.policy, QT_TRANSLATE_NOOP("FileErrors", "kept"))
        return Text(
            QT_TRANSLATE_NOOP("FileErrors", "{cells} missing values {how}"),
            cells=self.cells,
            how=Text(how),
        )

    def to_json(self) -> dict[str, Any]:
        """A JSON-compatible object (see docs/session-format.md)."""
        return {
            "policy": self.policy,
            "cells": self.cells,
            "dropped_rows": self.dropped_rows,
            "rows_read": self.rows_read,
        }

    @classmethod
    def from_json(cls, value: Any) -> MissingValues:
        """The inverse of :meth:`to_json`.

        Raises
        ------
        EngineError
        """
        if not isinstance(value, dict) or not isinstance(value.get("policy"), str):
            raise EngineError(
                Text(
                    QT_TRANSLATE_NOOP("FileErrors", "expected an object with {keys}"), keys="policy"
                )
            )
        counts = {}
        for key in ("cells", "dropped_rows", "rows_read"):
            v = value.get(key, 0)
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                raise EngineError(
                    Text(QT_TRANSLATE_NOOP("FileErrors", "expected a whole number ≥ 0")),
                    subject=key,
                )
            counts[key] = v
        return cls(value["policy"], **counts)


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
    input_scaling, target_scaling : Scaling or None
        How the inputs (targets) were scaled from the file's values; None when
        they are as in the file. :meth:`raw_inputs` undoes it.
    missing : MissingValues or None
        What a table loader did with missing cells (None: not from a table).
    step_labels : StepLabels or None
        The label of each step (a year, a date) from the file, length T.

    Equality compares the numbers, the names and the vocabulary only.
    """

    inputs: np.ndarray
    targets: np.ndarray | None = None
    input_names: tuple[str, ...] = ()
    target_names: tuple[str, ...] = ()
    name: str = ""
    vocabulary: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)
    input_scaling: Scaling | None = None
    target_scaling: Scaling | None = None
    missing: MissingValues | None = None
    step_labels: StepLabels | None = None

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
        for name, scaling, width in (
            ("input_scaling", self.input_scaling, x.shape[1]),
            ("target_scaling", self.target_scaling, self.target_size),
        ):
            if scaling is not None and len(scaling.methods) != width:
                raise EngineError(f"{name}: expected {width} columns, got {len(scaling.methods)}")
        if self.step_labels is not None and len(self.step_labels) != x.shape[0]:
            raise EngineError(
                f"step_labels: expected {x.shape[0]} labels, got {len(self.step_labels)}"
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

    def raw_inputs(self) -> np.ndarray:
        """The inputs as in the file, shape (T, D): :attr:`input_scaling` undone."""
        if self.input_scaling is None:
            return np.array(self.inputs)
        return self.input_scaling.invert(self.inputs)

    def raw_targets(self) -> np.ndarray | None:
        """The targets as in the file, shape (T, P), or None."""
        if self.targets is None or self.target_scaling is None:
            return None if self.targets is None else np.array(self.targets)
        return self.target_scaling.invert(self.targets)

    def rescaled(self, scale: str | ScaleSpec) -> Sequence:
        """The same data scaled another way, statistics from the raw values.

        Parameters
        ----------
        scale : str or ScaleSpec
            A method for every column (``"standard"``, ``"minmax"``, ``"none"``,
            ``"auto"``) or a specification such as ``"inputs=standard"``
            (:func:`~lstm_sim.scaling.parse_scale_spec`); columns it does not
            mention keep their current method.

        Returns
        -------
        Sequence
            A new sequence (this one is unchanged) with :attr:`input_scaling`
            and :attr:`target_scaling` set (None for columns as in the file).

        Raises
        ------
        EngineError
            An unknown method or column name.
        """
        spec = parse_scale_spec(scale)
        current_in = self.input_scaling.methods if self.input_scaling else None
        current_tg = self.target_scaling.methods if self.target_scaling else None
        ins, tgs = spec.methods(self.input_names, self.target_names, current_in, current_tg)
        raw_x = self.raw_inputs()
        fitted_x = fit_scaling(raw_x, ins, self.input_names)
        x = fitted_x.apply(raw_x)
        y, y_scaling = None, None
        raw_y = self.raw_targets()
        if raw_y is not None:
            fitted_y = fit_scaling(raw_y, tgs, self.target_names)
            y = fitted_y.apply(raw_y)
            y_scaling = None if fitted_y.is_identity else fitted_y
        x_scaling = None if fitted_x.is_identity else fitted_x
        return self._replace(x, y, input_scaling=x_scaling, target_scaling=y_scaling)

    def describe(self) -> list[Text]:
        """How the sequence was made from its file, one translatable line each.

        The scaling of the inputs and targets, what was done with missing
        values, and what labels the steps; nothing for values as in the file.
        """
        lines = []
        if self.input_scaling is not None:
            lines.append(
                Text(
                    QT_TRANSLATE_NOOP("FileErrors", "inputs: {scaling}"),
                    scaling=self.input_scaling.summary(),
                )
            )
        if self.target_scaling is not None:
            lines.append(
                Text(
                    QT_TRANSLATE_NOOP("FileErrors", "targets: {scaling}"),
                    scaling=self.target_scaling.summary(),
                )
            )
        missing = None if self.missing is None else self.missing.summary()
        if missing is not None:
            lines.append(missing)
        if self.step_labels is not None:
            lines.append(
                Text(
                    QT_TRANSLATE_NOOP("FileErrors", "steps labelled by {labels}"),
                    labels=self.step_labels.describe(),
                )
            )
        return lines

    def first(self, n: int) -> Sequence:
        """The first ``n`` steps (all when ``n`` ≥ T), keeping names, scaling and labels.

        The scaling statistics stay those of the whole file.
        """
        n = max(1, min(int(n), self.length))
        if n == self.length:
            return self
        labels = None if self.step_labels is None else self.step_labels.take(slice(0, n))
        y = None if self.targets is None else self.targets[:n]
        return self._replace(self.inputs[:n], y, step_labels=labels)

    def _replace(self, x: np.ndarray, y: np.ndarray | None, **changes: Any) -> Sequence:
        fields: dict[str, Any] = {
            "input_scaling": self.input_scaling,
            "target_scaling": self.target_scaling,
            "missing": self.missing,
            "step_labels": self.step_labels,
        }
        fields.update(changes)
        return Sequence(
            x,
            y,
            self.input_names,
            self.target_names,
            self.name,
            self.vocabulary,
            dict(self.meta),
            **fields,
        )

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
