"""The rows of one chunk of a table, and what is done with missing cells.

:func:`parse_fast` hands a chunk to numpy's C parser (text columns that are
not read go through a trivial converter, so the C parser still checks that
every row has as many cells as the header); when it cannot (a missing cell, a
bad number, a ragged row, quotes it refuses), :class:`RowReader` parses the
chunk line by line and names the line, the column and the reason of the
first problem. Missing cells become NaN there; :func:`fill_missing` then
applies the user's choice to the whole table.
"""

from __future__ import annotations

import csv
import math
import os
import re
from collections.abc import Sequence as Seq
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._json import not_finite
from .csv_layout import (
    MISSING,
    cell_place,
    is_missing,
    long_cell,
    missing_reason,
    not_a_number,
    not_csv,
    ragged_reason,
    split_line,
)
from .csv_text import MAX_CELL
from .errors import LoadError, Message, Text, line_place

__all__ = ["EmptyColumn", "RowReader", "fill_missing", "parse_fast"]


@dataclass
class RowReader:
    """What the line-by-line parser needs to know about the table, and what it counts."""

    path: str | os.PathLike[str]
    delimiter: str | None
    names: tuple[str, ...]
    header: bool
    use: list[int]
    label: int | None
    missing: str
    like: Message
    missing_cells: int = 0

    def parse(self, text: str, first_lineno: int, labels: list[str]) -> np.ndarray:
        """Rows of ``text`` (used columns; NaN where missing), naming the first problem."""
        rows: list[list[float]] = []
        ncols, use, path = len(self.names), self.use, self.path
        for offset, line in enumerate(text.split("\n")):
            if not line.strip():
                continue
            lineno = first_lineno + offset
            try:
                cells = split_line(line, self.delimiter)
            except csv.Error as exc:
                raise LoadError(path, line_place(lineno), not_csv(exc)) from None
            if len(cells) != ncols:
                raise LoadError(
                    path, line_place(lineno), ragged_reason(len(cells), ncols, self.like)
                )
            row = []
            for j in use:
                cell = cells[j].strip()
                if len(cell) > MAX_CELL:
                    raise LoadError(path, self._place(lineno, j), long_cell(cell))
                if is_missing(cell):
                    row.append(self._missing(cell, lineno, j))
                    continue
                try:
                    value = float(cell)
                except ValueError:
                    raise LoadError(path, self._place(lineno, j), not_a_number(cell)) from None
                if math.isnan(value):
                    value = self._missing(cell, lineno, j)
                elif math.isinf(value):
                    raise LoadError(path, self._place(lineno, j), not_finite(cell))
                row.append(value)
            if self.label is not None:
                labels.append(cells[self.label].strip())
            rows.append(row)
        return np.array(rows, dtype=np.float64).reshape(len(rows), len(use))

    def _place(self, lineno: int, j: int) -> Text:
        return cell_place(lineno, j, self.names, self.header)

    def _missing(self, cell: str, lineno: int, j: int) -> float:
        if self.missing == "error":
            raise LoadError(self.path, self._place(lineno, j), missing_reason(cell))
        self.missing_cells += 1
        return math.nan


def _marker_pattern(delimiter: str) -> re.Pattern[str]:
    """A whole cell (between delimiters or line ends) that is empty or a missing-value marker."""
    d = re.escape(delimiter)
    markers = "|".join(re.escape(m) for m in sorted(MISSING, key=len, reverse=True) if m)
    return re.compile(
        rf"(?<![^{d}\n])[ \t]*(?:{markers})?[ \t]*(?![^{d}\n])", re.IGNORECASE | re.MULTILINE
    )


def parse_fast(
    part: str, r: RowReader, ncols: int, text_cols: list[int], labels: list[str]
) -> np.ndarray | None:
    """``part`` parsed by numpy's C parser, or None when it needs the line-by-line parser.

    When missing values are handled (not ``error``), missing cells are written
    as ``nan`` first, so that a table with gaps still takes the fast path.
    """
    found: list[str] = []
    converters: dict[int | str, Any] = dict.fromkeys(text_cols, _zero)

    def label(cell: str) -> float:  # the label column: kept as text, 0 in the array
        found.append(cell)
        return 0.0

    if r.label is not None:
        converters[r.label] = label
    if r.missing != "error" and r.delimiter is not None and '"' not in part:
        # blank lines (also at the ends) would become rows of "nan"
        part = re.sub(r"\n\n+", "\n", part).strip("\n")
        part = _marker_pattern(r.delimiter).sub("nan", part)
    try:
        arr = np.loadtxt(
            part.split("\n"),
            delimiter=r.delimiter,
            dtype=np.float64,
            ndmin=2,
            comments=None,
            quotechar='"',
            converters=converters or None,
        )
    except ValueError:
        return None
    if arr.shape[1] != ncols:
        return None
    if r.use != list(range(ncols)):
        arr = arr[:, r.use]
    missing = np.isnan(arr)
    if np.isinf(arr).any() or (missing.any() and r.missing == "error"):
        return None  # the line-by-line parser says where and what to do
    r.missing_cells += int(np.count_nonzero(missing))
    labels.extend(s.strip() for s in found)
    return arr


def _zero(_cell: str) -> float:
    return 0.0


def fill_missing(
    table: np.ndarray, policy: str, names: Seq[str]
) -> tuple[np.ndarray, np.ndarray | None]:
    """Apply a missing-value policy to a table with NaN where cells were missing.

    Parameters
    ----------
    table : numpy.ndarray, shape (T, n)
    policy : str
        ``drop``, ``interpolate``, ``ffill`` or ``zero`` (see
        :data:`~lstm_sim.sequence.MISSING_POLICIES`).
    names : sequence of str, length n
        For the message about a column with no value at all.

    Returns
    -------
    table : numpy.ndarray, shape (T', n)
        Without NaN (T' < T only for ``drop``).
    kept : numpy.ndarray of bool, shape (T,), or None
        The rows kept (``drop``), None when every row is kept.

    Raises
    ------
    EngineError
        ``interpolate``/``ffill`` on a column with no value.
    """
    mask = np.isnan(table)
    if not mask.any():
        return table, None
    if policy == "drop":
        kept = ~mask.any(axis=1)
        return table[kept], kept
    out = table.copy()
    if policy == "zero":
        out[mask] = 0.0
        return out, None
    steps = np.arange(table.shape[0])
    for j in np.flatnonzero(mask.any(axis=0)):
        col, bad = out[:, j], mask[:, j]
        if bad.all():
            raise EmptyColumn(names[int(j)])
        if policy == "interpolate":  # ends: the first / last value carried out (np.interp)
            col[bad] = np.interp(steps[bad], steps[~bad], col[~bad])
        else:  # ffill; before the first value: the first value
            idx = np.where(bad, 0, steps)
            np.maximum.accumulate(idx, out=idx)
            first = int(np.argmax(~bad))
            idx[:first] = first
            col[:] = col[idx]
    return out, None


class EmptyColumn(Exception):
    """A column with no value at all, which nothing can fill (``name`` says which)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name
