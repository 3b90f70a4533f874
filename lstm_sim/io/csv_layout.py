"""How a table is laid out: delimiter, header, the role of each column, and a preview.

Decided from the first lines (:data:`SAMPLE` data rows) of the file:

- **Delimiter**: the one given, a tab for ``.tsv``/``.tab``, otherwise the
  first of ``,`` tab ``;`` ``|`` found the same number of times on every
  sampled line (else the first found; else runs of blanks).
- **Header**: decided from the types of whole columns, not from the first
  cell. The first line is a header when, in some column, it holds a text
  above a column of numbers (``YEAR`` above ``1700, 1701, …``); when it has
  only texts; or when its numbers are whole numbers in a regular run
  (``country,1960,1961,1962``) that no data row repeats and that are not like
  the values below them (not all whole numbers, or at least three of them).
  Names lose their spaces and the quotes around them (``"'popul'"`` is
  ``popul``).
- **Roles**: ``target`` for numeric columns named ``y``, ``y_<n>``,
  ``y<n>``, ``target…``; ``time`` for the columns that say *when* a row is —
  named ``year``, ``date``, ``time``, ``index``, … (see :data:`TIME_NAMES`),
  or holding ISO dates or times of day, or whole numbers rising by 1 without
  a gap (an index or years: at least 3 rows in the first column, 10 in
  another); ``input`` for the other numeric columns; ``skip`` for text.
  Time columns are not inputs (unless no other numeric column is left); the
  first one labels the steps.
- **Missing values**: a cell is missing when it is empty or one of
  :data:`MISSING` (any case): pandas' markers (``NA``, ``N/A``, ``#N/A``,
  ``NaN``, ``null``, ``None``) and those of statistics offices and data
  archives (``?`` UCI, ``-``, ``.`` SAS/Stata, ``..`` World Bank). None of them
  can be a number, so nothing is read differently; what happens to them is
  the user's choice (:data:`~lstm_sim.sequence.MISSING_POLICIES`).
"""

from __future__ import annotations

import csv
import itertools
import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import EllipsisType

from ..engine.budget import MAX_INPUTS
from ..step_labels import is_iso_date
from ._files import suffix_in
from ._json import not_finite
from .csv_text import MAX_CELL, excerpt, too_many_cells
from .errors import QT_TRANSLATE_NOOP, LoadError, Message, Text, line_column, line_place

__all__ = [
    "MISSING",
    "ROLES",
    "SAMPLE",
    "TIME_NAMES",
    "CellIssue",
    "TablePreview",
    "clean_name",
    "is_missing",
    "is_target_name",
    "layout",
]

SAMPLE = 50  # data rows examined to decide the delimiter, the header and the roles
DELIMITERS = (",", "\t", ";", "|")
#: Cells (lower case, stripped) that mark a missing value; the empty cell too.
MISSING = frozenset({"", "na", "n/a", "#n/a", "nan", "-nan", "null", "none", "?", "-", ".", ".."})
#: Column names (lower case, without blanks and punctuation) of time and index columns.
TIME_NAMES = frozenset(
    {
        "year",
        "years",
        "yr",
        "date",
        "dates",
        "time",
        "datetime",
        "timestamp",
        "index",
        "idx",
        "period",
        "month",
        "yearmonth",
        "quarter",
        "week",
        "day",
        "unnamed0",
    }
)
#: The roles a column can have.
ROLES = ("input", "target", "time", "skip")
_TARGET = re.compile(r"y|y_?\d+|target.*", re.IGNORECASE)
_TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?")


def is_target_name(name: str) -> bool:
    """True for the column names that are targets by default: ``y``, ``y_0``, ``target…``."""
    return _TARGET.fullmatch(clean_name(name)) is not None


def is_missing(cell: str) -> bool:
    """True when a (stripped) cell marks a missing value (see :data:`MISSING`)."""
    return cell.lower() in MISSING


def clean_name(name: str) -> str:
    """A column name without surrounding blanks and quotes: ``"'popul'"`` → ``popul``."""
    name = name.strip()
    while len(name) >= 2 and name[0] == name[-1] and name[0] in "'\"`":
        name = name[1:-1].strip()
    return name


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _kind(cell: str) -> str:
    """``number``, ``missing``, ``text``, ``not_finite`` (inf) or ``too_long`` for a cell."""
    c = cell.strip()
    if len(c) > MAX_CELL:
        return "too_long"
    if c.lower() in MISSING:
        return "missing"
    try:
        v = float(c)
    except ValueError:
        return "text"
    if math.isnan(v):
        return "missing"
    return "number" if math.isfinite(v) else "not_finite"


def split_line(line: str, delimiter: str | None) -> list[str]:
    """The cells of one line (quotes handled by the csv module), blanks around them kept."""
    if delimiter is None:
        return line.split()
    if '"' not in line:
        return line.split(delimiter)
    return next(csv.reader([line], delimiter=delimiter))


def not_csv(exc: Exception) -> Text:
    """The reason for a line the csv module cannot read."""
    return Text(QT_TRANSLATE_NOOP("FileErrors", "not a CSV line ({detail})"), detail=exc)


def _first_lines(
    text: str, n: int, path: str | os.PathLike[str], first_line: int
) -> tuple[list[tuple[int, str]], list[int]]:
    """The first ``n`` non-blank lines as (line number, text), and each one's end offset.

    A line with more than MAX_INPUTS cells is refused before it is split.
    """
    found: list[tuple[int, str]] = []
    ends: list[int] = []
    pos, lineno = 0, first_line - 1
    while pos < len(text) and len(found) < n:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        lineno += 1
        line = text[pos:end]
        if len(line) > 2 * MAX_INPUTS:  # could hold more cells than any step may have
            cells = max(line.count(d) for d in DELIMITERS) + 1
            if cells <= 1:
                cells = len(line.split(None, MAX_INPUTS + 1))
            if cells > MAX_INPUTS:
                raise LoadError(path, line_place(lineno), too_many_cells(f"≥ {cells}"))
        if line.strip():
            found.append((lineno, line))
            ends.append(min(end + 1, len(text)))
        pos = end + 1
    return found, ends


def _sniff(lines: list[str], path: str | os.PathLike[str]) -> str | None:
    if suffix_in(path, [".tsv", ".tab"]):
        return "\t"
    for d in DELIMITERS:  # the same non-zero count on every sampled line
        counts = {line.count(d) for line in lines}
        if len(counts) == 1 and counts != {0}:
            return d
    for d in DELIMITERS:
        if any(d in line for line in lines):
            return d
    if any(len(line.split()) > 1 for line in lines):
        return None
    return ","


def _regular_whole_numbers(cells: list[str]) -> bool:
    """At least two whole numbers rising or falling by one constant step (1960, 1961, …)."""
    if len(cells) < 2 or not all(_kind(c) == "number" for c in cells):
        return False
    values = [float(c) for c in cells]
    if not all(v.is_integer() for v in values):
        return False
    steps = {b - a for a, b in itertools.pairwise(values)}
    return len(steps) == 1 and 0 not in steps


def _has_header(rows: list[list[str]]) -> bool:
    first, rest = rows[0], rows[1:]
    kinds = [_kind(c) for c in first]
    if "number" not in kinds and "not_finite" not in kinds:
        return "text" in kinds or "too_long" in kinds  # only texts (or only empty cells)
    for j, k in enumerate(kinds):  # a text above a column of numbers
        if k != "text":
            continue
        below = [_kind(r[j]) for r in rest if j < len(r)]
        if below.count("number") > below.count("text"):
            return True
    # a header of years: a regular run of whole numbers that no data row repeats
    cols = [j for j, k in enumerate(kinds) if k == "number"]
    if not rest or not _regular_whole_numbers([first[j] for j in cols]):
        return False
    if any(_regular_whole_numbers([r[j] for j in cols if j < len(r)]) for r in rest):
        return False
    below = [r[j] for r in rest for j in cols if j < len(r) and _kind(r[j]) == "number"]
    fractional = any(not float(c).is_integer() for c in below)
    return fractional or len(cols) >= 3


def _time_by_content(cells: list[str], first_column: bool) -> bool:
    """ISO dates, times of day, or an index: whole numbers rising by 1 (0, 1, 2 or 1871, 1872).

    An index needs no gap and at least 3 rows in the first column (where
    indices are), 10 elsewhere (a feature rising so regularly is rare).
    """
    present = [c for c in cells if not is_missing(c)]
    if not present:
        return False
    if all(is_iso_date(c) for c in present) or all(_TIME_OF_DAY.fullmatch(c) for c in present):
        return True
    return (
        len(present) == len(cells)
        and len(cells) >= (3 if first_column else 10)
        and _regular_whole_numbers(cells)
        and float(cells[1]) - float(cells[0]) == 1
    )


def _roles(
    names: tuple[str, ...], rows: list[tuple[str, ...]], numeric: tuple[bool, ...], header: bool
) -> tuple[str, ...]:
    roles = []
    for j, name in enumerate(names):
        column = [r[j] for r in rows if j < len(r)]
        by_name = header and re.sub(r"[^a-z0-9]", "", name.lower()) in TIME_NAMES
        if header and numeric[j] and is_target_name(name):
            roles.append("target")
        elif by_name or _time_by_content(column, j == 0):
            roles.append("time")
        elif numeric[j]:
            roles.append("input")
        else:
            roles.append("skip")
    if "input" not in roles:  # nothing else to feed the cell: numeric time columns are inputs
        roles = ["input" if r == "time" and numeric[j] else r for j, r in enumerate(roles)]
    return tuple(roles)


@dataclass(frozen=True)
class CellIssue:
    """A cell (or a row) of a preview that will fail to load, and why.

    Attributes
    ----------
    row : int
        Index into :attr:`TablePreview.rows`.
    column : int or None
        The column; None for the whole row (a ragged row).
    line : int
        The line of the file (from 1).
    kind : str
        ``"ragged"``, ``"text"``, ``"missing"``, ``"not_finite"`` or ``"too_long"``.
    reason : Text
        What the loader would say (translatable).
    """

    row: int
    column: int | None
    line: int
    kind: str
    reason: Message


def ragged_reason(count: int, width: int, like: Message) -> Text:
    """The reason for a row with another number of cells than the header (or first row)."""
    return Text(
        QT_TRANSLATE_NOOP("FileErrors", "{count} cells, expected {width} like {like}"),
        count=count,
        width=width,
        like=like,
    )


def not_a_number(cell: str) -> Text:
    """The reason ``'abc' is not a number`` (a long cell cut to a short excerpt)."""
    return Text(QT_TRANSLATE_NOOP("FileErrors", "{value} is not a number"), value=excerpt(cell))


#: How the missing-value error tells the user what to choose (the command line's option).
MISSING_CHOICES = "--missing drop|interpolate|ffill|zero"


def missing_reason(cell: str) -> Text:
    """The reason for a missing value when the choice is ``error``."""
    if not cell:
        return Text(
            QT_TRANSLATE_NOOP(
                "FileErrors", "empty cell, a missing value (choose what to do with it: {choices})"
            ),
            choices=MISSING_CHOICES,
        )
    return Text(
        QT_TRANSLATE_NOOP(
            "FileErrors", "{value} marks a missing value (choose what to do with it: {choices})"
        ),
        value=repr(cell),
        choices=MISSING_CHOICES,
    )


def cell_place(lineno: int, j: int, names: tuple[str, ...], header: bool) -> Text:
    """``line 3, column 2 ('b')`` (the name only with a header)."""
    if not header:
        return line_column(lineno, j + 1)
    return Text(
        QT_TRANSLATE_NOOP("FileErrors", "line {line}, column {column} ({name})"),
        line=lineno,
        column=j + 1,
        name=repr(names[j]),
    )


def long_cell(cell: str) -> Text:
    """The reason for a cell longer than :data:`MAX_CELL` characters."""
    return Text(
        QT_TRANSLATE_NOOP(
            "FileErrors", "a cell of more than {limit} characters ({start}): not a table of numbers"
        ),
        limit=MAX_CELL,
        start=excerpt(cell),
    )


@dataclass(frozen=True)
class TablePreview:
    """The start of a table file, for an import dialog.

    Attributes
    ----------
    path : str
    delimiter : str or None
        The detected (or given) delimiter; None means runs of blanks.
    has_header : bool
    columns : tuple of str
        Header names (without quotes), or ``"0"``, ``"1"``, … without a header.
    rows : tuple of tuple of str
        The first data rows, cells as text (stripped); a ragged row has
        another number of cells than ``columns``.
    numeric : tuple of bool
        Per column: some previewed cell is a number (columns without any are
        text, e.g. dates or labels, and are not suggested).
    suggested_inputs, suggested_targets : tuple of int
        The default choice of columns (indices into ``columns``).
    more_rows : bool
        The file has rows after those previewed.
    roles : tuple of str
        Per column, the detected role: ``input``, ``target``, ``time`` or ``skip``.
    label_column : int or None
        The time column whose values label the steps by default.
    kinds : tuple of tuple of str
        Per previewed row and column (as in ``rows``): ``number``,
        ``missing``, ``text``, ``not_finite`` or ``too_long``.
    lines : tuple of int
        The file line of each previewed row.
    total_rows : int or None
        Data rows in the file, when the preview read the whole file (else
        see :func:`~lstm_sim.io.csv_table.count_rows`).
    estimated_rows : int
        Data rows estimated from the file size (exact when ``total_rows`` is).
    encoding : str
        ``utf-8``, ``utf-16-le``, ``utf-16-be`` or ``latin-1``.
    header_line : int
        The line of the header (0 without one).
    """

    path: str
    delimiter: str | None
    has_header: bool
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    suggested_inputs: tuple[int, ...]
    suggested_targets: tuple[int, ...]
    more_rows: bool
    roles: tuple[str, ...] = ()
    label_column: int | None = None
    kinds: tuple[tuple[str, ...], ...] = ()
    lines: tuple[int, ...] = ()
    total_rows: int | None = None
    estimated_rows: int = 0
    encoding: str = "utf-8"
    header_line: int = 0
    _like: Message = field(default="", repr=False)

    def problems(self, columns: Iterable[int], missing: str = "error") -> tuple[CellIssue, ...]:
        """The previewed cells that will fail to load when ``columns`` are read.

        Parameters
        ----------
        columns : iterable of int
            The columns to be read (inputs and targets).
        missing : str
            The missing-value choice; missing cells fail only with ``"error"``.

        Returns
        -------
        tuple of CellIssue
            In row order; a ragged row is one issue (``column`` None).
        """
        use = sorted(set(columns))
        out = []
        width = len(self.columns)
        for r, (row, kinds) in enumerate(zip(self.rows, self.kinds, strict=True)):
            line = self.lines[r]
            if len(row) != width:
                out.append(
                    CellIssue(r, None, line, "ragged", ragged_reason(len(row), width, self._like))
                )
                continue
            for j in use:
                kind = kinds[j]
                if kind == "text":
                    out.append(CellIssue(r, j, line, kind, not_a_number(row[j])))
                elif kind == "too_long":
                    out.append(CellIssue(r, j, line, kind, long_cell(row[j])))
                elif kind == "not_finite":
                    out.append(CellIssue(r, j, line, kind, not_finite(row[j])))
                elif kind == "missing" and missing == "error":
                    out.append(CellIssue(r, j, line, kind, missing_reason(row[j])))
        return tuple(out)


def layout(
    text: str,
    path: str | os.PathLike[str],
    delimiter: str | EllipsisType | None,
    header: bool | None,
    sample: int,
    *,
    first_line: int = 1,
) -> tuple[TablePreview, int, int]:
    """Preview of ``text``; also the offset and line number where the data rows start.

    Raises
    ------
    LoadError
        Only blank lines, a bad delimiter, an unreadable first line, a line
        with more than MAX_INPUTS cells or a cell over MAX_CELL characters.
    """
    lines, ends = _first_lines(text, sample + 2, path, first_line)
    if not lines:
        raise LoadError(
            path, "", Text(QT_TRANSLATE_NOOP("FileErrors", "the file holds only blank lines"))
        )
    delim = _sniff([ln for _, ln in lines], path) if delimiter is ... else delimiter
    if isinstance(delim, str) and len(delim) != 1:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "delimiter must be one character, got {delimiter}"),
                delimiter=repr(delim),
            ),
        )
    cells = []
    for lineno, ln in lines:
        try:
            row = split_line(ln, delim)
        except csv.Error as exc:
            raise LoadError(path, line_place(lineno), not_csv(exc)) from None
        if len(row) > MAX_INPUTS:
            raise LoadError(path, line_place(lineno), too_many_cells(len(row)))
        cells.append(row)
    if header is None:
        header = _has_header(cells)
    if header:
        for c in cells[0]:
            if len(c) > MAX_CELL:
                raise LoadError(path, line_place(lines[0][0]), long_cell(c))
        names = tuple(clean_name(c) or f"column_{j}" for j, c in enumerate(cells[0]))
        data_rows, data_lines = cells[1:], [ln for ln, _ in lines[1:]]
        data_start, first_data = ends[0], lines[0][0] + 1
        like: Message = Text(
            QT_TRANSLATE_NOOP("FileErrors", "the header (line {line})"), line=lines[0][0]
        )
    else:
        names = tuple(str(j) for j in range(len(cells[0])))
        data_rows, data_lines = cells, [ln for ln, _ in lines]
        data_start, first_data = 0, first_line
        like = Text(QT_TRANSLATE_NOOP("FileErrors", "the first row"))
    shown = tuple(tuple(c.strip() for c in row) for row in data_rows[:sample])
    # A column is text (skipped by default) when none of its sampled cells is a
    # number; a numeric column with a bad cell is read, and the cell reported.
    numeric = tuple(
        any(j < len(r) and _is_number(r[j]) and not is_missing(r[j]) for r in shown)
        for j in range(len(names))
    )
    roles = _roles(names, list(shown), numeric, header)
    time_cols = [j for j, r in enumerate(roles) if r == "time"]
    preview = TablePreview(
        path=os.fspath(path),
        delimiter=delim,
        has_header=header,
        columns=names,
        rows=shown,
        numeric=numeric,
        suggested_inputs=tuple(j for j, r in enumerate(roles) if r == "input"),
        suggested_targets=tuple(j for j, r in enumerate(roles) if r == "target"),
        more_rows=len(data_rows) > sample,
        roles=roles,
        label_column=time_cols[0] if time_cols else None,
        kinds=tuple(tuple(_kind(c) for c in row) for row in shown),
        lines=tuple(data_lines[: len(shown)]),
        estimated_rows=len(data_rows),
        header_line=lines[0][0] if header else 0,
        _like=like,
    )
    return preview, data_start, first_data
