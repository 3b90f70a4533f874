"""CSV/TSV tables of numbers: fast parsing, exact error places, and a preview.

A table file is UTF-8 text (a byte-order mark and CRLF/CR line ends are
fine), one row per line, cells separated by a delimiter: the one given, a tab
for ``.tsv``/``.tab``, otherwise sniffed from the first lines (``,``, tab,
``;``, ``|``, else runs of blanks). Blank lines are skipped. The first
non-blank line is a header when it has a non-numeric cell over a numeric
one in the next line (or only non-numeric cells).

Columns: by default every numeric column is an input, except those named
``y``, ``y_<n>``/``y<n>`` or ``target…`` (any case), which are the targets;
non-numeric columns (dates, labels) are skipped. ``inputs``/``targets``
choose columns by header name or by index (counting from 0).

Speed: rows are parsed in chunks of about 4 MB by :func:`numpy.loadtxt`'s C
parser (progress is reported and cancellation checked between chunks). Only
when a chunk fails is it parsed again line by line in Python, to name the
line, the column and the reason — or to read what the C parser refused but
the ``csv`` module accepts (quoted numbers).
"""

from __future__ import annotations

import csv
import math
import os
import re
from collections.abc import Callable, Iterable
from collections.abc import Sequence as Seq
from dataclasses import dataclass
from types import EllipsisType

import numpy as np

from ._files import decode_text, empty_file, is_a_directory, os_reason, read_bytes, suffix_in
from ._json import not_finite
from .errors import (
    QT_TRANSLATE_NOOP,
    LoadCancelled,
    LoadError,
    Message,
    Text,
    line_column,
    line_place,
)

__all__ = [
    "ColumnSpec",
    "TablePreview",
    "is_target_name",
    "parse_table",
    "peek_table",
    "resolve_columns",
]

#: A column chosen by header name or by 0-based index.
ColumnSpec = str | int

_CHUNK = 4 << 20  # characters per parsing chunk
_SAMPLE = 50  # rows examined to sniff the delimiter, the header and numeric columns
_DELIMITERS = (",", "\t", ";", "|")
_TARGET = re.compile(r"y|y_?\d+|target.*", re.IGNORECASE)


def is_target_name(name: str) -> bool:
    """True for the column names that are targets by default: ``y``, ``y_0``, ``target…``."""
    return _TARGET.fullmatch(name.strip()) is not None


def _split(line: str, delimiter: str | None) -> list[str]:
    """The cells of one line (quotes handled by the csv module), blanks around them kept."""
    if delimiter is None:
        return line.split()
    if '"' not in line:
        return line.split(delimiter)
    return next(csv.reader([line], delimiter=delimiter))


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _first_lines(text: str, n: int) -> tuple[list[tuple[int, str]], list[int]]:
    """The first ``n`` non-blank lines as (line number, text), and each one's end offset."""
    found: list[tuple[int, str]] = []
    ends: list[int] = []
    pos, lineno = 0, 0
    while pos < len(text) and len(found) < n:
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        lineno += 1
        line = text[pos:end]
        if line.strip():
            found.append((lineno, line))
            ends.append(min(end + 1, len(text)))
        pos = end + 1
    return found, ends


def _sniff(lines: list[str], path: str | os.PathLike[str]) -> str | None:
    if suffix_in(path, [".tsv", ".tab"]):
        return "\t"
    for d in _DELIMITERS:  # the same non-zero count on every sampled line
        counts = {line.count(d) for line in lines}
        if len(counts) == 1 and counts != {0}:
            return d
    for d in _DELIMITERS:
        if any(d in line for line in lines):
            return d
    if any(len(line.split()) > 1 for line in lines):
        return None
    return ","


def _has_header(first: list[str], second: list[str] | None) -> bool:
    flags = [_is_number(c) for c in first]
    if not any(not f and c.strip() for f, c in zip(flags, first, strict=True)):
        return False  # only numbers (or empty cells): data
    if second is None or all(not f for f in flags):
        return True
    return any(
        not f and c.strip() and j < len(second) and _is_number(second[j])
        for j, (f, c) in enumerate(zip(flags, first, strict=True))
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
        Header names, or ``"0"``, ``"1"``, … without a header.
    rows : tuple of tuple of str
        The first data rows, cells as text (stripped).
    numeric : tuple of bool
        Per column: some previewed cell is a number (columns without any are
        text, e.g. dates or labels, and are not suggested).
    suggested_inputs, suggested_targets : tuple of int
        The default choice of columns (indices into ``columns``).
    more_rows : bool
        The file has rows after those previewed.
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


def _layout(
    text: str,
    path: str | os.PathLike[str],
    delimiter: str | EllipsisType | None,
    header: bool | None,
    sample: int,
) -> tuple[TablePreview, int, int]:
    """Preview of ``text``; also the offset and line number where the data rows start."""
    lines, ends = _first_lines(text, sample + 2)
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
    try:
        cells = [_split(ln, delim) for _, ln in lines]
    except csv.Error as exc:
        raise LoadError(path, line_place(lines[0][0]), _not_csv(exc)) from None
    if header is None:
        header = _has_header(cells[0], cells[1] if len(cells) > 1 else None)
    if header:
        names = tuple(c.strip() or f"column_{j}" for j, c in enumerate(cells[0]))
        data_rows, data_start, first_data = cells[1:], ends[0], lines[0][0] + 1
    else:
        names = tuple(str(j) for j in range(len(cells[0])))
        data_rows, data_start, first_data = cells, 0, 1
    shown = tuple(tuple(c.strip() for c in row) for row in data_rows[:sample])
    # A column is text (skipped by default) when none of its sampled cells is a
    # number; a numeric column with a bad cell is read, and the cell reported.
    numeric = tuple(any(j < len(r) and _is_number(r[j]) for r in shown) for j in range(len(names)))
    targets = tuple(j for j, n in enumerate(names) if header and numeric[j] and is_target_name(n))
    inputs = tuple(j for j in range(len(names)) if numeric[j] and j not in targets)
    preview = TablePreview(
        path=os.fspath(path),
        delimiter=delim,
        has_header=header,
        columns=names,
        rows=shown,
        numeric=numeric,
        suggested_inputs=inputs,
        suggested_targets=targets,
        more_rows=len(data_rows) > sample,
    )
    return preview, data_start, first_data


def peek_table(
    path: str | os.PathLike[str],
    max_rows: int = 50,
    *,
    delimiter: str | EllipsisType | None = ...,
    header: bool | None = None,
) -> TablePreview:
    """The first rows of a CSV/TSV file, its delimiter, header and suggested columns.

    Parameters
    ----------
    path : path-like
    max_rows : int
        Data rows to return.
    delimiter : str or None, optional
        Force the delimiter (None: runs of blanks); sniffed when omitted.
    header : bool, optional
        Force whether the first line is a header; detected when omitted.

    Raises
    ------
    LoadError
    """
    if os.path.isdir(path):
        raise LoadError(path, "", is_a_directory())
    try:
        with open(path, "rb") as fh:
            data = fh.read(1 << 20)
    except OSError as exc:
        raise LoadError(path, "", os_reason(exc)) from None
    if not data or data.isspace():
        raise LoadError(path, "", empty_file(data))
    if len(data) == 1 << 20:  # cut at a line end so that no character is split
        data = data[: data.rfind(b"\n") + 1] or data
    text = decode_text(data, path)
    return _layout(text, path, delimiter, header, max(1, int(max_rows)))[0]


def column_place(name: str | int) -> Text:
    """The place ``"column 'name'"`` (a name as shown, quoted) or ``"column 2"``."""
    return Text(QT_TRANSLATE_NOOP("FileErrors", "column {column}"), column=name)


def role(option: str) -> Message:
    """ "inputs" or "targets" as a translatable word (anything else as it is)."""
    if option == "inputs":
        return Text(QT_TRANSLATE_NOOP("FileErrors", "inputs"))
    if option == "targets":
        return Text(QT_TRANSLATE_NOOP("FileErrors", "targets"))
    return option


def _not_csv(exc: Exception) -> Text:
    return Text(QT_TRANSLATE_NOOP("FileErrors", "not a CSV line ({detail})"), detail=exc)


def resolve_columns(
    specs: Iterable[ColumnSpec], names: Seq[str], path: str | os.PathLike[str], option: str
) -> list[int]:
    """Column indices for names or 0-based indices (negative ones count from the end).

    Raises
    ------
    LoadError
        An unknown name or an index out of range (the place is the column asked for).
    """
    out = []
    for spec in specs:
        if isinstance(spec, str):
            key = spec.strip()
            if key in names:
                out.append(list(names).index(key))
                continue
            if not re.fullmatch(r"-?\d+", key):
                raise LoadError(
                    path,
                    column_place(f"'{key}'"),
                    Text(
                        QT_TRANSLATE_NOOP(
                            "FileErrors", "no such column for {option} (columns: {columns})"
                        ),
                        option=role(option),
                        columns=", ".join(names),
                    ),
                )
            spec = int(key)
        if isinstance(spec, bool) or not isinstance(spec, int | np.integer):
            raise LoadError(
                path,
                column_place(repr(spec)),
                Text(
                    QT_TRANSLATE_NOOP("FileErrors", "{option}: expected a name or an index"),
                    option=role(option),
                ),
            )
        j = int(spec)
        if not -len(names) <= j < len(names):
            raise LoadError(
                path,
                column_place(j),
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors",
                        "{option}: index out of range (the file has {count} columns, "
                        "numbered from 0)",
                    ),
                    option=role(option),
                    count=len(names),
                ),
            )
        out.append(j % len(names))
    return out


def _cell_place(lineno: int, j: int, names: Seq[str], header: bool) -> Text:
    if not header:
        return line_column(lineno, j + 1)
    return Text(
        QT_TRANSLATE_NOOP("FileErrors", "line {line}, column {column} ({name})"),
        line=lineno,
        column=j + 1,
        name=repr(names[j]),
    )


def _parse_slow(
    text: str,
    first_lineno: int,
    delim: str | None,
    ncols: int,
    use: list[int],
    names: Seq[str],
    header: bool,
    path: str | os.PathLike[str],
    like: Message,
) -> np.ndarray:
    """Line-by-line parsing that names the line, column and reason of the first problem."""
    rows: list[list[float]] = []
    for offset, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        lineno = first_lineno + offset
        try:
            cells = _split(line, delim)
        except csv.Error as exc:
            raise LoadError(path, line_place(lineno), _not_csv(exc)) from None
        if len(cells) != ncols:
            raise LoadError(
                path,
                line_place(lineno),
                Text(
                    QT_TRANSLATE_NOOP("FileErrors", "{count} cells, expected {width} like {like}"),
                    count=len(cells),
                    width=ncols,
                    like=like,
                ),
            )
        row = []
        for j in use:
            cell = cells[j].strip()
            place = _cell_place(lineno, j, names, header)
            if not cell:
                raise LoadError(path, place, Text(QT_TRANSLATE_NOOP("FileErrors", "empty cell")))
            try:
                value = float(cell)
            except ValueError:
                shown = cell if len(cell) <= 30 else cell[:30] + "…"
                raise LoadError(
                    path,
                    place,
                    Text(
                        QT_TRANSLATE_NOOP("FileErrors", "{value} is not a number"),
                        value=repr(shown),
                    ),
                ) from None
            if not math.isfinite(value):
                raise LoadError(path, place, not_finite(cell))
            row.append(value)
        rows.append(row)
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(use))


def _no_data_rows() -> Text:
    return Text(QT_TRANSLATE_NOOP("FileErrors", "no data rows"))


def chosen_twice() -> Text:
    """The reason for a column chosen both as input and as target."""
    return Text(QT_TRANSLATE_NOOP("FileErrors", "chosen both as input and as target"))


def parse_table(
    path: str | os.PathLike[str],
    data: bytes | None = None,
    *,
    inputs: Iterable[ColumnSpec] | None = None,
    targets: Iterable[ColumnSpec] | None = None,
    delimiter: str | EllipsisType | None = ...,
    header: bool | None = None,
    progress: Callable[[float], object] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> tuple[np.ndarray, np.ndarray | None, tuple[str, ...], tuple[str, ...], TablePreview]:
    """Read a table's chosen input and target columns.

    Returns
    -------
    inputs : numpy.ndarray, shape (T, D)
    targets : numpy.ndarray, shape (T, P), or None
    input_names, target_names : tuple of str
        Header names (``x_0``/``y_0``… without a header).
    preview : TablePreview
        Delimiter, header and columns as detected.

    Raises
    ------
    LoadError
        The file, line, column and reason of the first problem.
    LoadCancelled
        ``cancel()`` returned True.
    """
    if data is None:
        data = read_bytes(path)
    if not data or data.isspace():
        raise LoadError(path, "", empty_file(data))
    text = decode_text(data, path)
    preview, start, first_lineno = _layout(text, path, delimiter, header, _SAMPLE)
    names, ncols, delim = preview.columns, len(preview.columns), preview.delimiter
    if not preview.rows:
        if preview.has_header:
            raise LoadError(
                path, "", Text(QT_TRANSLATE_NOOP("FileErrors", "no data rows after the header"))
            )
        raise LoadError(path, "", _no_data_rows())

    if inputs is None and targets is None:
        in_cols, tg_cols = list(preview.suggested_inputs), list(preview.suggested_targets)
    elif targets is None:
        in_cols = resolve_columns(inputs or [], names, path, "inputs")
        tg_cols = [j for j in preview.suggested_targets if j not in in_cols]
    elif inputs is None:
        tg_cols = resolve_columns(targets, names, path, "targets")
        in_cols = [j for j in range(ncols) if preview.numeric[j] and j not in tg_cols]
    else:
        in_cols = resolve_columns(inputs, names, path, "inputs")
        tg_cols = resolve_columns(targets, names, path, "targets")
    both = sorted(set(in_cols) & set(tg_cols))
    if both:
        raise LoadError(path, column_place(repr(names[both[0]])), chosen_twice())
    if not in_cols:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "no numeric input column (choose the input columns, e.g. --inputs 0,1)",
                )
            ),
        )

    use = in_cols + tg_cols
    if preview.has_header:
        like: Message = Text(
            QT_TRANSLATE_NOOP("FileErrors", "the header (line {line})"), line=first_lineno - 1
        )
    else:
        like = Text(QT_TRANSLATE_NOOP("FileErrors", "the first row"))
    fast = all(preview.numeric)  # otherwise skipped text columns: the csv module reads them
    chunks: list[np.ndarray] = []
    pos, lineno, total = start, first_lineno, len(text)
    while pos < total:
        if cancel is not None and cancel():
            raise LoadCancelled(os.fspath(path))
        end = text.find("\n", min(pos + _CHUNK, total))
        end = total if end < 0 else end
        part = text[pos:end]
        arr = None
        if fast and part.strip():
            try:
                arr = np.loadtxt(
                    part.split("\n"),
                    delimiter=delim,
                    dtype=np.float64,
                    ndmin=2,
                    comments=None,
                    quotechar=None,
                )
            except ValueError:
                arr = None
            if arr is not None and (arr.shape[1] != ncols or not np.isfinite(arr).all()):
                arr = None
            if arr is not None and use != list(range(ncols)):
                arr = arr[:, use]
        if arr is None:
            arr = _parse_slow(
                part, lineno, delim, ncols, use, names, preview.has_header, path, like
            )
        chunks.append(arr)
        lineno += part.count("\n") + 1
        pos = end + 1
        if progress is not None:
            progress(min(pos, total) / total)
    table = np.concatenate(chunks) if len(chunks) > 1 else chunks[0]
    if table.shape[0] == 0:
        raise LoadError(path, "", _no_data_rows())
    x = np.ascontiguousarray(table[:, : len(in_cols)])
    y = np.ascontiguousarray(table[:, len(in_cols) :]) if tg_cols else None
    if preview.has_header:
        in_names = tuple(names[j] for j in in_cols)
        tg_names = tuple(names[j] for j in tg_cols)
    else:
        in_names = tuple(f"x_{k}" for k in range(len(in_cols)))
        tg_names = tuple(f"y_{k}" for k in range(len(tg_cols)))
    return x, y, in_names, tg_names, preview
