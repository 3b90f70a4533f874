"""What each time step is called in the data: a year, a date, an index (x-axis labels).

A table often has a column that says *when* each row is (``YEAR``, ``date``,
``time``, an index); it is not an input, but it names the steps. A
:class:`StepLabels` keeps that column's values with the sequence, so the plots
can label their x axis (``text(k)`` for row k) and exports can repeat it.

Kinds of values:

- ``number``: plain numbers (years, an index, seconds), kept as float64;
- ``date``: ISO 8601 dates ``YYYY-MM``, ``YYYY-MM-DD`` or date-times
  ``YYYY-MM-DD[T ]hh:mm[:ss]`` (no time zone), kept as ``numpy.datetime64``;
- ``text``: anything else (``Jan 2020``, ``10:15``), kept as strings.

Labels are *regular* when consecutive rows differ by one constant step (in
days, in seconds, or in months for monthly dates on the same day): the plots
can then place ticks by arithmetic.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence as Seq
from dataclasses import dataclass
from typing import Any

import numpy as np

from .engine.errors import QT_TRANSLATE_NOOP, EngineError, Text

__all__ = ["StepLabels", "is_iso_date"]

_ISO_DATE = re.compile(r"\d{4}-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?)?")


def is_iso_date(text: str) -> bool:
    """True for ``YYYY-MM``, ``YYYY-MM-DD`` and ``YYYY-MM-DD[T ]hh:mm[:ss[.f]]`` (no zone)."""
    return _ISO_DATE.fullmatch(text.strip()) is not None


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _date_unit(texts: Seq[str]) -> str | None:
    """The numpy unit that holds every text exactly, or None when they differ in precision."""
    lengths = {len(t) for t in texts}
    if lengths == {7}:
        return "M"
    if lengths == {10}:
        return "D"
    if all(len(t) >= 16 for t in texts):
        return "ms" if any("." in t for t in texts) else "s"
    return None


def _every(count: float, unit: str) -> Text | str:
    """A step in words: ``1``, ``1 month(s)``, ``7 day(s)`` (translatable units)."""
    n = f"{count:g}"
    if unit == "M":
        return Text(QT_TRANSLATE_NOOP("FileErrors", "{count} month(s)"), count=n)
    if unit == "D":
        return Text(QT_TRANSLATE_NOOP("FileErrors", "{count} day(s)"), count=n)
    if unit == "h":
        return Text(QT_TRANSLATE_NOOP("FileErrors", "{count} hour(s)"), count=n)
    if unit == "m":
        return Text(QT_TRANSLATE_NOOP("FileErrors", "{count} minute(s)"), count=n)
    if unit == "s":
        return Text(QT_TRANSLATE_NOOP("FileErrors", "{count} second(s)"), count=n)
    return f"{n} {unit}" if unit else n


@dataclass(frozen=True, eq=False)
class StepLabels:
    """The label of every step, from one column of the file.

    Attributes
    ----------
    name : str
        The column's name (``"YEAR"``).
    kind : {"number", "date", "text"}
    values : numpy.ndarray, shape (T,)
        float64 (``number``), ``datetime64`` (``date``) or ``str`` (``text``);
        read-only.
    """

    name: str
    kind: str
    values: np.ndarray

    def __post_init__(self) -> None:
        if self.kind not in ("number", "date", "text"):
            raise EngineError(f"StepLabels.kind: expected number, date or text, got {self.kind!r}")
        v = np.asarray(self.values)
        if v.ndim != 1:
            raise EngineError(f"StepLabels.values: expected shape (T,), got {v.shape}")
        want = {"number": "f", "date": "M", "text": "U"}[self.kind]
        if v.dtype.kind != want:
            raise EngineError(f"StepLabels.values: dtype {v.dtype} does not fit kind {self.kind}")
        v = np.array(v, copy=True)
        v.flags.writeable = False
        object.__setattr__(self, "values", v)

    @classmethod
    def from_texts(cls, name: str, texts: Seq[str]) -> StepLabels:
        """Labels from the cells of a column: numbers, ISO dates, or else texts."""
        cells = [t.strip() for t in texts]
        if cells and all(_is_number(t) for t in cells):
            return cls(name, "number", np.array([float(t) for t in cells]))
        if cells and all(is_iso_date(t) for t in cells):
            unit = _date_unit(cells)
            if unit is not None:
                iso = [t.replace(" ", "T") for t in cells]
                try:
                    return cls(name, "date", np.array(iso, dtype=f"datetime64[{unit}]"))
                except ValueError:  # e.g. 2020-13-45: a text, not a date
                    pass
        return cls(name, "text", np.array(cells, dtype=str))

    def __len__(self) -> int:
        return int(self.values.shape[0])

    def text(self, k: int) -> str:
        """The label of row ``k`` (0-based; step t = k + 1)."""
        v = self.values[k]
        if self.kind == "number":
            f = float(v)
            return str(int(f)) if f.is_integer() and abs(f) < 1e15 else repr(f)
        if self.kind == "date":
            return str(np.datetime_as_string(v)).replace("T", " ")
        return str(v)

    def take(self, rows: Any) -> StepLabels:
        """The labels of some rows (a slice, indices or a boolean mask)."""
        return StepLabels(self.name, self.kind, self.values[rows])

    def _step(self) -> tuple[float, str] | None:
        n = len(self)
        if n < 2 or self.kind == "text":
            return None
        if self.kind == "number":
            d = np.diff(self.values)
            first = float(d[0])
            ok = first != 0 and np.allclose(d, first, rtol=1e-9, atol=1e-12 * abs(first))
            return (first, "") if ok else None
        unit = np.datetime_data(self.values.dtype)[0]
        d = np.diff(self.values.astype("int64"))
        if d[0] != 0 and np.all(d == d[0]):
            return float(d[0]), unit
        if unit == "D":  # monthly (or yearly) dates on the same day of the month
            months = self.values.astype("datetime64[M]")
            days = (self.values - months.astype("datetime64[D]")).astype("int64")
            dm = np.diff(months.astype("int64"))
            if np.all(days == days[0]) and dm[0] != 0 and np.all(dm == dm[0]):
                return float(dm[0]), "M"
        return None

    @property
    def step(self) -> float | None:
        """The constant difference between rows when regular (in :attr:`unit`), else None."""
        found = self._step()
        return None if found is None else found[0]

    @property
    def unit(self) -> str:
        """The unit of :attr:`step`: ``""`` for numbers; for dates numpy's ``"M"`` (months),
        ``"D"`` (days), ``"h"``, ``"m"``, ``"s"``, ``"ms"``; ``""`` when not regular."""
        found = self._step()
        return "" if found is None else found[1]

    @property
    def regular(self) -> bool:
        """True when every row is one constant :attr:`step` after the previous one."""
        return self._step() is not None

    def describe(self) -> Text:
        """One translatable line: ``year: 1871 … 1970 (every 1)`` or without the step."""
        first, last = self.text(0), self.text(len(self) - 1)
        found = self._step()
        if found is None:
            return Text(
                QT_TRANSLATE_NOOP("FileErrors", "{column}: {first} … {last}"),
                column=self.name,
                first=first,
                last=last,
            )
        count, unit = found
        shown = _every(count, unit)
        return Text(
            QT_TRANSLATE_NOOP("FileErrors", "{column}: {first} … {last} (every {step})"),
            column=self.name,
            first=first,
            last=last,
            step=shown,
        )

    def to_json(self) -> dict[str, Any]:
        """A JSON-compatible object: ``{"name", "kind", "values"}`` (dates as ISO texts)."""
        if self.kind == "number":
            values: list[Any] = self.values.tolist()
        elif self.kind == "date":
            values = [str(s) for s in np.datetime_as_string(self.values)]
        else:
            values = [str(s) for s in self.values]
        return {"name": self.name, "kind": self.kind, "values": values}

    @classmethod
    def from_json(cls, value: Any) -> StepLabels:
        """The inverse of :meth:`to_json`.

        Raises
        ------
        EngineError
        """
        if not isinstance(value, dict) or not isinstance(value.get("name"), str):
            raise EngineError(
                Text(
                    QT_TRANSLATE_NOOP("FileErrors", "expected an object with {keys}"),
                    keys="name, kind, values",
                )
            )
        kind, values = value.get("kind"), value.get("values")
        if kind not in ("number", "date", "text"):
            raise EngineError(
                Text(
                    QT_TRANSLATE_NOOP("FileErrors", "expected one of {kinds}, got {kind}"),
                    kinds="number, date, text",
                    kind=repr(kind),
                ),
                subject="kind",
            )
        if not isinstance(values, list):
            raise EngineError(
                Text(QT_TRANSLATE_NOOP("FileErrors", "expected a list")), subject="values"
            )
        try:
            if kind == "number":
                if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
                    raise ValueError
                arr = np.array(values, dtype=np.float64)
            elif kind == "date":
                if not all(isinstance(v, str) and is_iso_date(v) for v in values):
                    raise ValueError
                unit = _date_unit(values) or "s"
                arr = np.array(values, dtype=f"datetime64[{unit}]")
            else:
                if not all(isinstance(v, str) for v in values):
                    raise ValueError
                arr = np.array(values, dtype=str)
        except ValueError:
            raise EngineError(
                Text(
                    QT_TRANSLATE_NOOP("FileErrors", "values that do not fit the kind {kind}"),
                    kind=kind,
                ),
                subject="values",
            ) from None
        if arr.shape == (0,) and kind == "text":
            arr = np.array([], dtype="U1")
        return cls(value["name"], kind, arr)
