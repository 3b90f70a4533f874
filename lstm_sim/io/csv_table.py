"""CSV/TSV tables of numbers: streamed parsing within budgets, exact error places, a preview.

A table file is text (UTF-8, UTF-16 with a byte-order mark, or Latin-1; see
:mod:`~lstm_sim.io.csv_text`), one row per line, cells separated by a
delimiter; blank lines are skipped. How the delimiter, the header and the
role of each column are decided: :mod:`~lstm_sim.io.csv_layout`.

Columns: by default the numeric columns are inputs, except those named
``y``, ``y_<n>``/``y<n>`` or ``target…`` (the targets) and the time columns
(``YEAR``, ``date``, an index: the first labels the steps); text columns are
skipped. ``inputs``/``targets`` choose columns by header name (quotes around
it do not matter) or by index (counting from 0).

Missing cells (empty, ``NA``, ``NaN``, …) in the chosen columns are an error
naming the first one, unless ``missing`` says to ``drop`` their rows,
``interpolate``, ``ffill`` or set them to ``zero``
(:data:`~lstm_sim.sequence.MISSING_POLICIES`).

Speed and memory: the file is read in blocks and parsed in chunks of about
4 MB by :func:`numpy.loadtxt`'s C parser (progress is reported and
cancellation checked between chunks). Only a chunk that fails is parsed again
line by line in Python, to name the line, the column and the reason — or to
read what the C parser refused but the ``csv`` module accepts. Before a
chunk is kept, the rows so far are checked against the memory budget; a
lower bound from the file size is checked before the first.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable
from collections.abc import Sequence as Seq
from dataclasses import dataclass, replace
from types import EllipsisType

import numpy as np

from ..engine.budget import MAX_INPUTS, check_memory
from ..sequence import MISSING_POLICIES, MissingValues
from ..step_labels import StepLabels
from ._files import empty_file
from .csv_layout import (
    SAMPLE,
    CellIssue,
    TablePreview,
    clean_name,
    is_target_name,
    layout,
)
from .csv_rows import EmptyColumn, RowReader, fill_missing, parse_fast
from .csv_text import TableText, check_open_line, open_table
from .errors import QT_TRANSLATE_NOOP, LoadCancelled, LoadError, Message, Text

__all__ = [
    "CellIssue",
    "ColumnSpec",
    "Table",
    "TablePreview",
    "count_rows",
    "fill_missing",
    "is_target_name",
    "parse_table",
    "peek_table",
    "resolve_columns",
]

#: A column chosen by header name or by 0-based index.
ColumnSpec = str | int

_CHUNK = 4 << 20  # characters per parsing chunk
_PEEK = 1 << 20  # bytes a preview reads


def _file_size(path: str | os.PathLike[str]) -> int:
    with contextlib.suppress(OSError):
        return os.stat(path).st_size
    return 0


def peek_table(
    path: str | os.PathLike[str],
    max_rows: int = 50,
    *,
    delimiter: str | EllipsisType | None = ...,
    header: bool | None = None,
) -> TablePreview:
    """The first rows of a CSV/TSV file, its layout, the roles of its columns, and its problems.

    Reads at most 1 MB. ``total_rows`` is exact when that was the whole file;
    otherwise ``estimated_rows`` extrapolates from the file size (and
    :func:`count_rows` counts, e.g. in a worker thread).

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
    with open_table(path) as fh:
        size = _file_size(path)
        source = TableText(path, fh, size=size)
        text = source.head(_PEEK)
    if not text.strip():
        raise LoadError(path, "", empty_file(text.encode()))
    if not source.complete:  # cut at a line end: no half row
        cut = text.rfind("\n") + 1
        if len(text) - cut > 2 * MAX_INPUTS:  # a line still open: over a budget?
            check_open_line(path, text[cut:], text.count("\n", 0, cut) + 1)
        text = text[:cut] or text
    preview, start, _ = layout(text, path, delimiter, header, max(1, int(max_rows)))
    rows_here = sum(1 for line in text[start:].split("\n") if line.strip())
    if source.complete:
        total: int | None = rows_here
        estimate = rows_here
    else:  # the rows read, in proportion of the bytes read
        total = None
        estimate = int(rows_here * size / max(1, source.bytes_read))
    return replace(preview, total_rows=total, estimated_rows=estimate, encoding=source.encoding)


def count_rows(
    path: str | os.PathLike[str],
    preview: TablePreview | None = None,
    *,
    cancel: Callable[[], bool] | None = None,
    progress: Callable[[float], object] | None = None,
) -> int:
    """The number of data rows (non-blank lines after the header) of a table file.

    Reads the whole file in blocks (about a second per GB): run it off the
    GUI thread. ``preview`` says whether there is a header (detected when omitted).

    Raises
    ------
    LoadError
    LoadCancelled
    """
    if preview is None:
        preview = peek_table(path)
    if preview.total_rows is not None:
        return preview.total_rows
    count = 0
    with open_table(path) as fh:
        source = TableText(path, fh, size=_file_size(path))
        for piece in source.chunks(_CHUNK):
            if cancel is not None and cancel():
                raise LoadCancelled(os.fspath(path))
            count += sum(1 for line in piece.split("\n") if line.strip())
            if progress is not None and source.size:
                progress(source.fraction)
    return max(0, count - (1 if preview.has_header else 0))


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


def resolve_columns(
    specs: Iterable[ColumnSpec], names: Seq[str], path: str | os.PathLike[str], option: str
) -> list[int]:
    """Column indices for names or 0-based indices (negative ones count from the end).

    Names match without surrounding blanks and quotes (``"'popul'"`` is ``popul``).

    Raises
    ------
    LoadError
        An unknown name or an index out of range (the place is the column asked for).
    """
    out = []
    for spec in specs:
        if isinstance(spec, str):
            key = clean_name(spec)
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


def _no_data_rows() -> Text:
    return Text(QT_TRANSLATE_NOOP("FileErrors", "no data rows"))


def chosen_twice() -> Text:
    """The reason for a column chosen both as input and as target."""
    return Text(QT_TRANSLATE_NOOP("FileErrors", "chosen both as input and as target"))


def _table_size(rows: int, columns: int) -> Text:
    return Text(
        QT_TRANSLATE_NOOP("FileErrors", "a table of {rows} rows and {columns} columns"),
        rows=rows,
        columns=columns,
    )


@dataclass(frozen=True, eq=False)
class Table:
    """What :func:`parse_table` read.

    Attributes
    ----------
    inputs : numpy.ndarray, shape (T, D)
    targets : numpy.ndarray, shape (T, P), or None
    input_names, target_names : tuple of str
        Header names (``x_0``/``y_0``… without a header).
    preview : TablePreview
        Delimiter, header and columns as detected.
    step_labels : StepLabels or None
        The label column's values (rows dropped for missing values left out).
    missing : MissingValues
    """

    inputs: np.ndarray
    targets: np.ndarray | None
    input_names: tuple[str, ...]
    target_names: tuple[str, ...]
    preview: TablePreview
    step_labels: StepLabels | None
    missing: MissingValues


def parse_table(
    path: str | os.PathLike[str],
    data: bytes | None = None,
    *,
    inputs: Iterable[ColumnSpec] | None = None,
    targets: Iterable[ColumnSpec] | None = None,
    delimiter: str | EllipsisType | None = ...,
    header: bool | None = None,
    missing: str = "error",
    labels: ColumnSpec | EllipsisType | None = ...,
    max_rows: int | None = None,
    progress: Callable[[float], object] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Table:
    """Read a table's chosen input and target columns, streaming the file.

    Parameters
    ----------
    path : path-like
    data : bytes, optional
        The content (else the file is read in blocks, never whole).
    inputs, targets : iterable of str or int, optional
        Columns by name or index (default: see the module).
    delimiter, header : optional
        Force the delimiter / whether there is a header (detected when omitted).
    missing : str
        What to do with missing cells (:data:`~lstm_sim.sequence.MISSING_POLICIES`).
    labels : str, int or None, optional
        The column that labels the steps (default: the first time column not
        chosen as input or target; None: no labels).
    max_rows : int, optional
        Read at most this many data rows.

    Returns
    -------
    Table

    Raises
    ------
    LoadError
        The file, line, column and reason of the first problem.
    BudgetError
        The table would not fit in memory (raised before it is read).
    LoadCancelled
        ``cancel()`` returned True.
    """
    if missing not in MISSING_POLICIES:
        MissingValues(missing)  # raises the EngineError that names the choices
    with contextlib.ExitStack() as stack:
        if data is None:
            source = TableText(path, stack.enter_context(open_table(path)), size=_file_size(path))
        else:
            source = TableText(path, data)
        return _parse(
            source, path, inputs, targets, delimiter, header, missing, labels, max_rows,
            progress, cancel,
        )  # fmt: skip
    raise AssertionError("unreachable")  # pragma: no cover


def _parse(
    source: TableText,
    path: str | os.PathLike[str],
    inputs: Iterable[ColumnSpec] | None,
    targets: Iterable[ColumnSpec] | None,
    delimiter: str | EllipsisType | None,
    header: bool | None,
    missing: str,
    labels: ColumnSpec | EllipsisType | None,
    max_rows: int | None,
    progress: Callable[[float], object] | None,
    cancel: Callable[[], bool] | None,
) -> Table:
    chunks = source.chunks(_CHUNK)
    first, start_line, blanks = "", 1, b""
    for piece in chunks:  # skip leading blank pieces (a file of blank lines, then data)
        if piece.strip():
            first, start_line = piece, source.line
            break
        blanks = b" "
    if not first:
        raise LoadError(path, "", empty_file(blanks))
    while first.count("\n") < SAMPLE + 2:  # enough lines to decide the layout
        more = next(chunks, None)
        if more is None:
            break
        first += more
    preview, start, first_lineno = layout(
        first, path, delimiter, header, SAMPLE, first_line=start_line
    )
    names, ncols = preview.columns, len(preview.columns)
    if not preview.rows:
        if preview.has_header:
            raise LoadError(
                path, "", Text(QT_TRANSLATE_NOOP("FileErrors", "no data rows after the header"))
            )
        raise LoadError(path, "", _no_data_rows())
    in_cols, tg_cols = _choose(preview, inputs, targets, path)
    label = _label_column(preview, labels, in_cols + tg_cols, path)
    use = in_cols + tg_cols
    r = RowReader(
        path, preview.delimiter, names, preview.has_header, use, label, missing, preview._like
    )
    text_cols = [j for j in range(ncols) if not preview.numeric[j] and j not in use and j != label]

    # Budget, before reading on: a lower bound of the rows from the file size
    # (every row as long, in bytes, as the longest sampled one).
    sampled = first[start:].split("\n", SAMPLE + 1)[:SAMPLE]
    longest = max(len(row.encode(source.encoding, "replace")) for row in sampled) + 1
    per_row = 8 * len(use)
    if source.size:
        least = source.size // max(longest, 1)
        check_memory(least * per_row, _table_size(least, len(use)), per_item=per_row)

    found: list[np.ndarray] = []
    texts: list[str] = []
    rows = 0
    part, lineno = first[start:], first_lineno
    pieces = chunks
    while True:
        if cancel is not None and cancel():
            raise LoadCancelled(os.fspath(path))
        if part.strip():
            arr = parse_fast(part, r, ncols, text_cols, texts)
            if arr is None:
                arr = r.parse(part, lineno, texts)
            if max_rows is not None and rows + arr.shape[0] > max_rows:
                arr = arr[: max(0, max_rows - rows)]
                del texts[max_rows:]
            rows += arr.shape[0]
            # the chunks and their concatenation: twice the final table
            check_memory(2 * rows * per_row, _table_size(rows, len(use)), per_item=2 * per_row)
            found.append(arr)
        if progress is not None:
            progress(source.fraction)
        if max_rows is not None and rows >= max_rows:
            break
        nxt = next(pieces, None)
        if nxt is None:
            break
        part, lineno = nxt, source.line  # the line where this piece starts
    table = (
        np.concatenate(found) if len(found) > 1 else found[0] if found else np.empty((0, len(use)))
    )
    total = table.shape[0]
    if total == 0:
        raise LoadError(path, "", _no_data_rows())
    kept = None
    if r.missing_cells:
        try:
            table, kept = fill_missing(table, missing, [names[j] for j in use])
        except EmptyColumn as exc:
            raise LoadError(
                path,
                column_place(repr(exc.name)),
                Text(QT_TRANSLATE_NOOP("FileErrors", "no value in this column to fill from")),
            ) from None
        if table.shape[0] == 0:
            raise LoadError(
                path,
                "",
                Text(
                    QT_TRANSLATE_NOOP("FileErrors", "every row has a missing value: no row is left")
                ),
            )
    step_labels = None
    if label is not None:
        step_labels = StepLabels.from_texts(names[label], texts)
        if kept is not None:
            step_labels = step_labels.take(kept)
    report = MissingValues(missing, r.missing_cells, total - table.shape[0], total)
    x = np.ascontiguousarray(table[:, : len(in_cols)])
    y = np.ascontiguousarray(table[:, len(in_cols) :]) if tg_cols else None
    if preview.has_header:
        in_names = tuple(names[j] for j in in_cols)
        tg_names = tuple(names[j] for j in tg_cols)
    else:
        in_names = tuple(f"x_{k}" for k in range(len(in_cols)))
        tg_names = tuple(f"y_{k}" for k in range(len(tg_cols)))
    preview = replace(preview, encoding=source.encoding)
    return Table(x, y, in_names, tg_names, preview, step_labels, report)


def _choose(
    preview: TablePreview,
    inputs: Iterable[ColumnSpec] | None,
    targets: Iterable[ColumnSpec] | None,
    path: str | os.PathLike[str],
) -> tuple[list[int], list[int]]:
    names = preview.columns
    if inputs is None and targets is None:
        in_cols, tg_cols = list(preview.suggested_inputs), list(preview.suggested_targets)
    elif targets is None:
        in_cols = resolve_columns(inputs or [], names, path, "inputs")
        tg_cols = [j for j in preview.suggested_targets if j not in in_cols]
    elif inputs is None:
        tg_cols = resolve_columns(targets, names, path, "targets")
        in_cols = [j for j in preview.suggested_inputs if j not in tg_cols]
        if not in_cols:  # the suggested inputs were all chosen as targets: any other number
            in_cols = [j for j in range(len(names)) if preview.numeric[j] and j not in tg_cols]
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
    return in_cols, tg_cols


def _label_column(
    preview: TablePreview,
    labels: ColumnSpec | EllipsisType | None,
    used: list[int],
    path: str | os.PathLike[str],
) -> int | None:
    if labels is None:
        return None
    if labels is ...:
        times = [j for j, r in enumerate(preview.roles) if r == "time" and j not in used]
        return times[0] if times else None
    return resolve_columns([labels], preview.columns, path, "labels")[0]
