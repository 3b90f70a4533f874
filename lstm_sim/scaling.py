"""Scaling of a sequence's columns: none, standard (z-score) or min-max, and the "auto" choice.

Each column is scaled on its own::

    scaled = (raw − offset) / scale

=============  =======================  ==========================================
Method         offset                   scale
=============  =======================  ==========================================
``none``       0                        1
``standard``   the column's mean        its standard deviation (population, ddof 0)
``minmax``     the column's minimum     its range (maximum − minimum): values in [0, 1]
=============  =======================  ==========================================

A constant column keeps scale 1 (standard gives 0 everywhere, min-max 0).
The statistics come from the values themselves (for a table: the whole
file, after missing values were handled), so the same file gives the same
numbers; a :class:`Scaling` record keeps them with the sequence (and in a
session file), and :meth:`Scaling.invert` gives the raw values back.

``auto`` is a *choice*, never stored: a column is standardised when its
values reach beyond ±\\ :data:`AUTO_LIMIT` and left as it is otherwise (see
:func:`auto_method` for why). It is the default for a new sequence from a
file when no trained weights are loaded; with trained weights the default is
``none`` (:func:`default_scale`), since the weights expect the values as they
were trained on.

A scaling *specification* says which method each column gets, e.g. the
command line's ``--scale standard`` or ``--scale inputs=standard,flow=minmax``
(:func:`parse_scale_spec`, :meth:`ScaleSpec.methods`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence as Seq
from dataclasses import dataclass
from typing import Any

import numpy as np

from .engine.errors import QT_TRANSLATE_NOOP, EngineError, Joined, Text

__all__ = [
    "AUTO_LIMIT",
    "CHOICES",
    "METHODS",
    "ScaleSpec",
    "Scaling",
    "auto_method",
    "default_scale",
    "fit_scaling",
    "parse_scale_spec",
]

#: The stored methods (what a column was scaled with).
METHODS = ("none", "standard", "minmax")
#: What a user may choose: a method, or ``auto`` (standard or none per column).
CHOICES = ("auto", *METHODS)
#: ``auto`` standardises a column with a value beyond ±AUTO_LIMIT. A gate saturates
#: at |z| > 5 (σ(5) = 0.9933: within 0.7 % of 1); one input of 5 with weight 1
#: reaches that by itself, while values within ±5 (z-scores, [−1, 1] signals,
#: 0/1 pulses, one-hot codes, small counts) stay readable as they are.
AUTO_LIMIT = 5.0
#: Words of a specification that stand for every input / every target column.
ROLE_WORDS = ("inputs", "targets")


def default_scale(weights_loaded: bool) -> str:
    """The scaling a new sequence gets by default: ``none`` with trained weights, else ``auto``."""
    return "none" if weights_loaded else "auto"


def auto_method(values: np.ndarray) -> str:
    """What ``auto`` means for one column: ``standard`` beyond ±:data:`AUTO_LIMIT`, else ``none``.

    Standardising data that is already small would change numbers a learner
    can read (a 0/1 pulse would become ≈ 10 where it is rare, saturating
    the gates it should gently open); data in the tens, hundreds or thousands
    (counts, prices, years, sunspot numbers, river flows) saturates every gate
    of a cell with weights of size ~1 and must be scaled to show anything.
    """
    values = np.asarray(values, dtype=np.float64)
    return "standard" if values.size and float(np.max(np.abs(values))) > AUTO_LIMIT else "none"


def _unknown_method(method: str) -> EngineError:
    return EngineError(
        Text(
            QT_TRANSLATE_NOOP("FileErrors", "unknown scaling {method} (expected one of: {known})"),
            method=repr(method),
            known=", ".join(CHOICES),
        )
    )


@dataclass(frozen=True)
class Scaling:
    """How each column of a sequence's inputs (or targets) was scaled.

    ``scaled = (raw − offset) / scale``, column by column.

    Attributes
    ----------
    methods : tuple of str, length D
        Per column: ``"none"``, ``"standard"`` or ``"minmax"``.
    offset, scale : tuple of float, length D
        The statistics (0 and 1 for ``none``); ``scale`` is finite and non-zero.
    columns : tuple of str, length D
        The column names, as the sequence names them.
    """

    methods: tuple[str, ...]
    offset: tuple[float, ...]
    scale: tuple[float, ...]
    columns: tuple[str, ...]

    def __post_init__(self) -> None:
        n = len(self.methods)
        for name in ("offset", "scale", "columns"):
            if len(getattr(self, name)) != n:
                raise EngineError(
                    f"Scaling.{name}: expected {n} values, got {len(getattr(self, name))}"
                )
        for m in self.methods:
            if m not in METHODS:
                raise _unknown_method(m)
        object.__setattr__(self, "offset", tuple(float(v) for v in self.offset))
        object.__setattr__(self, "scale", tuple(float(v) for v in self.scale))
        object.__setattr__(self, "columns", tuple(str(c) for c in self.columns))
        if not all(math.isfinite(v) for v in self.offset):
            raise EngineError("Scaling.offset: expected finite numbers")
        if not all(math.isfinite(v) and v != 0 for v in self.scale):
            raise EngineError("Scaling.scale: expected finite non-zero numbers")

    @classmethod
    def identity(cls, columns: Seq[str]) -> Scaling:
        """No scaling of the given columns."""
        n = len(columns)
        return cls(("none",) * n, (0.0,) * n, (1.0,) * n, tuple(columns))

    @property
    def is_identity(self) -> bool:
        """True when every column is as in the file (method ``none``)."""
        return all(m == "none" for m in self.methods)

    def apply(self, raw: Any) -> np.ndarray:
        """Scaled values of raw ones, shape (T, D) → (T, D)."""
        raw = np.asarray(raw, dtype=np.float64)
        if self.is_identity:
            return raw.copy()
        return (raw - np.asarray(self.offset)) / np.asarray(self.scale)

    def invert(self, scaled: Any) -> np.ndarray:
        """Raw values of scaled ones, shape (T, D) → (T, D) (exact up to one rounding)."""
        scaled = np.asarray(scaled, dtype=np.float64)
        if self.is_identity:
            return scaled.copy()
        return scaled * np.asarray(self.scale) + np.asarray(self.offset)

    def describe(self) -> list[Text]:
        """One translatable line per column, e.g. ``flow: standard (mean 919.4, std 168.9)``."""
        out = []
        for name, m, a, s in zip(self.columns, self.methods, self.offset, self.scale, strict=True):
            if m == "standard":
                out.append(
                    Text(
                        QT_TRANSLATE_NOOP(
                            "FileErrors", "{column}: standardised (mean {mean}, std. dev. {std})"
                        ),
                        column=name,
                        mean=f"{a:.6g}",
                        std=f"{s:.6g}",
                    )
                )
            elif m == "minmax":
                out.append(
                    Text(
                        QT_TRANSLATE_NOOP(
                            "FileErrors", "{column}: min-max to [0, 1] (min {low}, max {high})"
                        ),
                        column=name,
                        low=f"{a:.6g}",
                        high=f"{a + s:.6g}",
                    )
                )
            else:
                out.append(
                    Text(QT_TRANSLATE_NOOP("FileErrors", "{column}: as in the file"), column=name)
                )
        return out

    def summary(self) -> Joined:
        """All columns' :meth:`describe` lines joined by ``"; "`` (one line for a status bar)."""
        return Joined(self.describe(), "; ")

    def to_json(self) -> dict[str, Any]:
        """A JSON-compatible object (floats exact; see docs/session-format.md)."""
        return {
            "columns": list(self.columns),
            "methods": list(self.methods),
            "offset": list(self.offset),
            "scale": list(self.scale),
        }

    @classmethod
    def from_json(cls, value: Any) -> Scaling:
        """The inverse of :meth:`to_json`.

        Raises
        ------
        EngineError
            A missing key, lengths that disagree, an unknown method, a zero scale.
        """
        if not isinstance(value, dict):
            raise EngineError(Text(QT_TRANSLATE_NOOP("FileErrors", "expected an object")))
        parts = []
        for key in ("methods", "offset", "scale", "columns"):
            item = value.get(key)
            if not isinstance(item, list):
                raise EngineError(
                    Text(QT_TRANSLATE_NOOP("FileErrors", "expected a list")), subject=key
                )
            if key in ("offset", "scale") and not all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in item
            ):
                raise EngineError(
                    Text(QT_TRANSLATE_NOOP("FileErrors", "expected a list of numbers")), subject=key
                )
            if key in ("methods", "columns") and not all(isinstance(v, str) for v in item):
                raise EngineError(
                    Text(QT_TRANSLATE_NOOP("FileErrors", "expected a list of strings")), subject=key
                )
            parts.append(tuple(item))
        return cls(*parts)


def fit_scaling(values: Any, methods: Seq[str], columns: Seq[str]) -> Scaling:
    """The statistics of each column of ``values`` for its method.

    Parameters
    ----------
    values : array_like, shape (T, D)
        Raw values (finite), T ≥ 1.
    methods : sequence of str, length D
        Per column: ``none``, ``standard``, ``minmax`` or ``auto``
        (:func:`auto_method` decides).
    columns : sequence of str, length D

    Returns
    -------
    Scaling
        With ``auto`` resolved.
    """
    x = np.asarray(values, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != len(methods) or len(columns) != len(methods):
        raise EngineError(
            f"fit_scaling: expected values of shape (T, {len(methods)}), got {x.shape}"
        )
    chosen, offset, scale = [], [], []
    for j, m in enumerate(methods):
        if m not in CHOICES:
            raise _unknown_method(m)
        col = x[:, j]
        if m == "auto":
            m = auto_method(col)
        a, s = 0.0, 1.0
        if m == "standard" and col.size:
            a, s = float(col.mean()), float(col.std())
        elif m == "minmax" and col.size:
            a, s = float(col.min()), float(col.max() - col.min())
        if not (math.isfinite(s) and s > 0):
            s = 1.0  # a constant column (or one whose spread overflows)
        chosen.append(m)
        offset.append(a)
        scale.append(s)
    return Scaling(tuple(chosen), tuple(offset), tuple(scale), tuple(columns))


@dataclass(frozen=True)
class ScaleSpec:
    """Which method each column gets: a default, one per role, and per column.

    Later, more specific entries win: ``columns`` over ``inputs``/``targets``
    over ``default``. ``default`` None means "whatever the caller's default
    is" (:func:`default_scale`), see :meth:`with_default`.

    Attributes
    ----------
    default : str or None
        For every column (one of :data:`CHOICES`).
    inputs, targets : str or None
        For every input / target column.
    columns : tuple of (name, method)
        For single columns, by the sequence's column name.
    """

    default: str | None = None
    inputs: str | None = None
    targets: str | None = None
    columns: tuple[tuple[str, str], ...] = ()

    def with_default(self, default: str) -> ScaleSpec:
        """This specification, with ``default`` where it gives none."""
        if self.default is not None:
            return self
        return ScaleSpec(default, self.inputs, self.targets, self.columns)

    def methods(
        self,
        input_names: Seq[str],
        target_names: Seq[str],
        current_inputs: Seq[str] | None = None,
        current_targets: Seq[str] | None = None,
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The method of each input and each target column (``auto`` still unresolved).

        Parameters
        ----------
        input_names, target_names : sequence of str
        current_inputs, current_targets : sequence of str, optional
            The columns' current methods, kept where the specification says
            nothing (default ``none``).

        Raises
        ------
        EngineError
            A column name that the sequence does not have.
        """
        now_in = list(current_inputs or ["none"] * len(input_names))
        now_tg = list(current_targets or ["none"] * len(target_names))
        ins = [self.inputs or self.default or now_in[j] for j in range(len(input_names))]
        tgs = [self.targets or self.default or now_tg[j] for j in range(len(target_names))]
        for name, method in self.columns:
            key = _clean(name)
            if key in input_names:
                ins[list(input_names).index(key)] = method
            elif key in target_names:
                tgs[list(target_names).index(key)] = method
            else:
                raise EngineError(
                    Text(
                        QT_TRANSLATE_NOOP(
                            "FileErrors", "no column {column} to scale (columns: {columns})"
                        ),
                        column=repr(key),
                        columns=", ".join([*input_names, *target_names]),
                    )
                )
        return tuple(ins), tuple(tgs)


def _clean(name: str) -> str:
    name = name.strip()
    while len(name) >= 2 and name[0] == name[-1] and name[0] in "'\"`":
        name = name[1:-1].strip()
    return name


def parse_scale_spec(text: str | ScaleSpec | None) -> ScaleSpec:
    """A :class:`ScaleSpec` from ``METHOD`` or comma-separated ``[COLUMN=]METHOD`` items.

    ``COLUMN`` is a column name of the sequence, or ``inputs`` / ``targets``
    for all columns of that role; an item without ``COLUMN=`` is the default
    for every column. Examples: ``"standard"``, ``"minmax,targets=none"``,
    ``"flow=standard,year=none"``.

    Raises
    ------
    EngineError
        An empty item or an unknown method.
    """
    if text is None or isinstance(text, ScaleSpec):
        return text or ScaleSpec()
    default = inputs = targets = None
    columns: list[tuple[str, str]] = []
    for item in str(text).split(","):
        key, sep, method = item.rpartition("=")
        method = method.strip().lower()
        if method not in CHOICES or (sep and not key.strip()):
            if not method or (sep and not key.strip()):
                raise EngineError(
                    Text(
                        QT_TRANSLATE_NOOP(
                            "FileErrors",
                            "expected {syntax} items separated by commas, got {text}",
                        ),
                        syntax="METHOD / COLUMN=METHOD",
                        text=repr(text),
                    )
                )
            raise _unknown_method(method)
        if not sep:
            default = method
        elif key.strip() == "inputs":
            inputs = method
        elif key.strip() == "targets":
            targets = method
        else:
            columns.append((key, method))
    return ScaleSpec(default, inputs, targets, tuple(columns))
