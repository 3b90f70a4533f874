"""Sequence files: CSV/TSV, NPY, NPZ, JSON and plain text, in and out.

=========  ================================================================
Format     Content
=========  ================================================================
.csv .tsv  A table, one step per row (see :mod:`lstm_sim.io.csv_table`).
.npy       One array, shape (T,) or (T, D): the inputs.
.npz       ``x`` or ``inputs`` (T, D) or (T,); optional ``y``/``targets``
           (T, P) or (T,); optional string arrays ``input_names``,
           ``target_names``, ``vocabulary``. A file with a single array of
           another name is read as the inputs.
.json      ``{"inputs": [[...], ...], "targets": [[...], ...]}`` (``x``/``y``
           also accepted; optional ``input_names``, ``target_names``,
           ``vocabulary``, ``name``), or a bare list (the inputs), or an
           lstm-sim session (its sequence).
.txt       Characters: the inputs are the characters one-hot over the sorted
           vocabulary, the targets the *next* character one-hot, so T is the
           number of characters minus one (the last character is only a
           target).
=========  ================================================================

Every loader raises :class:`~lstm_sim.io.LoadError` naming the file, the place
and the reason, and nothing else (except :class:`~lstm_sim.io.LoadCancelled`).

(Longer than 600 lines: the readers and writers of five formats, registered
side by side; what they share lives in ``_json.py``, ``_npy.py``,
``_budgets.py`` and ``_first_steps.py``.)
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from types import EllipsisType
from typing import Any

import numpy as np

from ..engine import EngineError
from ..scaling import ScaleSpec
from ..sequence import Sequence
from . import registry
from ._budgets import budget, too_many_inputs
from ._files import atomic_write, decode_text, read_bytes, read_head
from ._first_steps import first_steps, text_fits, whole_characters
from ._json import JsonDoc, dumps, not_finite, parse_json, to_array
from ._npy import NPY_MAGIC, ZIP_MAGIC, npy_length, read_npy, read_npz
from .csv_table import ColumnSpec, chosen_twice, column_place, parse_table, resolve_columns, role
from .errors import (
    QT_TRANSLATE_NOOP,
    LoadCancelled,
    LoadError,
    Message,
    SaveError,
    Text,
    index_place,
    key_place,
    none,
    some,
)

__all__ = ["load_sequence", "save_sequence", "sequence_suffixes"]

#: Characters × vocabulary above which a text file is refused (two float64 one-hot arrays).
_MAX_ONE_HOT = 16_000_000


def sequence_suffixes() -> list[str]:
    """Every file suffix :func:`load_sequence` reads, e.g. ``[".csv", ".tsv", …]``."""
    return [s for f in registry.formats("sequence") for s in f.suffixes]


def load_sequence(
    path: str | os.PathLike[str],
    *,
    inputs: Iterable[ColumnSpec] | None = None,
    targets: Iterable[ColumnSpec] | None = None,
    progress: Callable[[float], object] | None = None,
    cancel: Callable[[], bool] | None = None,
    delimiter: str | EllipsisType | None = ...,
    header: bool | None = None,
    missing: str = "error",
    scale: str | ScaleSpec | None = None,
    max_steps: int | None = None,
) -> Sequence:
    """Read a sequence file, choosing the format by suffix (or by content).

    Parameters
    ----------
    path : path-like
    inputs, targets : list of str or int, optional
        Columns to use as inputs / targets, by name or 0-based index. For CSV
        the default is numeric columns as inputs and ``y``/``target*`` as
        targets; for other formats the file's own inputs and targets. Giving
        only ``inputs`` keeps the default targets that are not inputs; giving
        only ``targets`` makes every other column an input.
    progress : callable(float), optional
        Called with the fraction done (0–1) while a large file is parsed.
    cancel : callable() -> bool, optional
        Polled while parsing; returning True stops with :class:`LoadCancelled`.
    delimiter : str or None, optional
        CSV only: force the delimiter (None: runs of blanks).
    header : bool, optional
        CSV only: force whether the first line is a header.
    missing : str
        CSV only: what to do with missing cells (``error``, ``drop``,
        ``interpolate``, ``ffill``, ``zero``; see :data:`~lstm_sim.sequence.MISSING_POLICIES`).
    scale : str or ScaleSpec, optional
        Scale the inputs and targets (``none``, ``standard``, ``minmax``,
        ``auto`` or a per-column specification, see :mod:`lstm_sim.scaling`);
        default: the values as in the file.
    max_steps : int, optional
        Keep only the first ``max_steps`` steps. ``.npy`` and ``.npz`` files
        are then read only that far (so a file too long for memory can be
        looked at in part); other formats are cut after reading. ``meta``
        holds ``steps_in_file`` when steps were left out and the format says
        how many there are.

    Returns
    -------
    Sequence
        ``name`` is the file name; ``meta`` holds ``path`` and ``format``.

    Raises
    ------
    LoadError
        Any problem: the message names the file, the place and the reason.
        When the file needs more memory than there is, ``err.budget`` is the
        :class:`~lstm_sim.engine.budget.BudgetError` (its ``fits``: how many
        steps would).
    LoadCancelled
        ``cancel()`` returned True.
    """
    if max_steps is not None and int(max_steps) < 1:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "max_steps must be at least 1, got {value}"),
                value=max_steps,
            ),
        )
    # The format is chosen from the first bytes, before the file is read: a file
    # of no known kind is refused without reading gigabytes of it.
    size, head = read_head(path)
    fmt = registry.find_reader("sequence", path, head)
    options: dict[str, Any] = {"inputs": inputs, "targets": targets}
    data = None  # a table is streamed (issue 15: never read whole)
    if fmt.label == "CSV table":
        options.update(
            progress=progress, cancel=cancel, delimiter=delimiter, header=header, missing=missing
        )
    else:
        if cancel is not None and cancel():
            raise LoadCancelled(os.fspath(path))
        if fmt.function in (_read_npy, _read_npz, _read_text):
            options["max_steps"] = max_steps
        if fmt.function is _read_text:
            text_fits(path, size, max_steps, 4 * _MAX_ONE_HOT)
        data = read_bytes(
            path,
            expect=_EXPECT.get(fmt.function),
            max_rows=max_steps if fmt.function is _read_npy else None,
            limit=4 * (max_steps + 1) if max_steps and fmt.function is _read_text else None,
        )
    try:
        seq = fmt.function(path, data, **options)
        if scale is not None:
            seq = seq.rescaled(scale)
    except (LoadError, LoadCancelled):
        raise
    except EngineError as exc:
        raise LoadError(path, "", exc) from None
    except MemoryError:
        raise LoadError(path, "", too_large()) from None
    except Exception as exc:  # a safety net: never let a file crash the caller
        raise LoadError(path, "", unreadable(exc)) from None
    too_many_inputs(path, seq.input_size)
    too_many_inputs(path, seq.target_size)
    if max_steps is not None and seq.length > max_steps:
        seq = first_steps(seq, int(max_steps))
    if progress is not None:
        progress(1.0)
    return seq


def too_large() -> Text:
    """The reason "too large to load into memory"."""
    return Text(QT_TRANSLATE_NOOP("FileErrors", "too large to load into memory"))


def unreadable(exc: Exception) -> Text:
    """The reason for an unexpected exception while reading a file."""
    return Text(
        QT_TRANSLATE_NOOP("FileErrors", "unreadable ({error}: {detail})"),
        error=type(exc).__name__,
        detail=exc,
    )


def _make(
    path: str | os.PathLike[str],
    fmt: str,
    x: np.ndarray,
    y: np.ndarray | None,
    input_names: tuple[str, ...] = (),
    target_names: tuple[str, ...] = (),
    vocabulary: tuple[str, ...] = (),
    **meta: Any,
) -> Sequence:
    return Sequence(
        inputs=x,
        targets=y,
        input_names=tuple(input_names),
        target_names=tuple(target_names),
        name=Path(path).name,
        vocabulary=tuple(vocabulary),
        meta={"path": os.fspath(path), "format": fmt, **meta},
    )


def _select(
    seq: Sequence,
    inputs: Iterable[ColumnSpec] | None,
    targets: Iterable[ColumnSpec] | None,
    path: str | os.PathLike[str],
) -> Sequence:
    """Re-choose input and target columns among a loaded sequence's columns."""
    if inputs is None and targets is None:
        return seq
    names = seq.input_names + seq.target_names
    table = seq.inputs if seq.targets is None else np.hstack([seq.inputs, seq.targets])
    d = seq.input_size
    if targets is None:
        in_cols = resolve_columns(inputs or [], names, path, "inputs")
        tg_cols = [j for j in range(d, len(names)) if j not in in_cols]
    elif inputs is None:
        tg_cols = resolve_columns(targets, names, path, "targets")
        in_cols = [j for j in range(len(names)) if j not in tg_cols]
    else:
        in_cols = resolve_columns(inputs, names, path, "inputs")
        tg_cols = resolve_columns(targets, names, path, "targets")
    both = sorted(set(in_cols) & set(tg_cols))
    if both:
        raise LoadError(path, column_place(repr(names[both[0]])), chosen_twice())
    if not in_cols:
        raise LoadError(path, "", Text(QT_TRANSLATE_NOOP("FileErrors", "no input column chosen")))
    keep_vocab = in_cols == list(range(d)) and tg_cols == list(range(d, len(names)))
    return Sequence(
        inputs=table[:, in_cols],
        targets=table[:, tg_cols] if tg_cols else None,
        input_names=tuple(names[j] for j in in_cols),
        target_names=tuple(names[j] for j in tg_cols),
        name=seq.name,
        vocabulary=seq.vocabulary if keep_vocab else (),
        meta=dict(seq.meta),
    )


# --------------------------------------------------------------------- readers
@registry.reader(
    "sequence",
    label=QT_TRANSLATE_NOOP("FileFormats", "CSV table"),
    suffixes=(".csv", ".tsv", ".tab", ".dat"),
)
def _read_csv(
    path: str | os.PathLike[str], data: bytes | None, *, inputs: Any, targets: Any, **options: Any
) -> Sequence:
    table = parse_table(path, data, inputs=inputs, targets=targets, **options)
    preview = table.preview
    seq = _make(
        path,
        "csv",
        table.inputs,
        table.targets,
        table.input_names,
        table.target_names,
        delimiter=preview.delimiter,
        header=preview.has_header,
        columns=preview.columns,
        encoding=preview.encoding,
    )
    return dataclasses.replace(seq, missing=table.missing, step_labels=table.step_labels)


def _numeric(arr: np.ndarray, path: str | os.PathLike[str], place: Message) -> np.ndarray:
    """A finite float64 copy of a numeric array (bool, integer or float)."""
    if arr.dtype.kind not in "biuf":
        raise LoadError(
            path,
            place,
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "expected numbers, got an array of dtype {dtype}"),
                dtype=arr.dtype,
            ),
        )
    budget(
        path,
        8 * arr.size,
        Text(QT_TRANSLATE_NOOP("FileErrors", "an array of shape {shape}"), shape=arr.shape),
        per_item=8 * max(1, arr.size // max(1, arr.shape[0] if arr.ndim else 1)),
        place=place,
    )
    out = arr.astype(np.float64)
    bad = ~np.isfinite(out)
    if bad.any():
        idx = ", ".join(str(int(i)) for i in np.argwhere(bad)[0])
        raise LoadError(path, index_place(place, idx), not_finite(out[bad][0]))
    return out


def _steps(arr: np.ndarray, path: str | os.PathLike[str], place: Message, what: str) -> np.ndarray:
    """(T,) or (T, D) → (T, D) float64, T ≥ 1, D ≥ 1."""
    if arr.ndim not in (1, 2):
        raise LoadError(
            path,
            place,
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "{what}: expected shape (T,) or (T, D), got {shape}"
                ),
                what=role(what),
                shape=arr.shape,
            ),
        )
    if arr.shape[0] == 0:
        raise LoadError(
            path,
            place,
            Text(QT_TRANSLATE_NOOP("FileErrors", "{what}: empty (0 steps)"), what=role(what)),
        )
    if arr.ndim == 2 and arr.shape[1] == 0:
        raise LoadError(
            path,
            place,
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "{what}: no columns (shape {shape})"),
                what=role(what),
                shape=arr.shape,
            ),
        )
    out = _numeric(arr, path, place)
    return out[:, None] if out.ndim == 1 else out


def _names(value: Any, count: int, path: str | os.PathLike[str], place: Message) -> tuple[str, ...]:
    if isinstance(value, np.ndarray):
        if value.dtype.kind != "U" or value.ndim != 1:
            raise LoadError(
                path,
                place,
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors", "expected a list of strings, got dtype {dtype}"
                    ),
                    dtype=value.dtype,
                ),
            )
        value = value.tolist()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LoadError(
            path, place, Text(QT_TRANSLATE_NOOP("FileErrors", "expected a list of strings"))
        )
    if count >= 0 and len(value) != count:
        raise LoadError(
            path,
            place,
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "expected {count} names, got {got}"),
                count=count,
                got=len(value),
            ),
        )
    return tuple(value)


def _pick(keys: Iterable[str], *candidates: str) -> str | None:
    keys = list(keys)
    return next((c for c in candidates if c in keys), None)


@registry.reader(
    "sequence",
    label=QT_TRANSLATE_NOOP("FileFormats", "NumPy array"),
    suffixes=(".npy",),
    magic=(NPY_MAGIC,),
)
def _read_npy(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    inputs: Any,
    targets: Any,
    max_steps: int | None = None,
) -> Sequence:
    arr = read_npy(data, path, max_rows=max_steps)
    x = _steps(arr, path, "", "inputs")
    extra: dict[str, Any] = {}
    total = npy_length(data, path)
    if total > x.shape[0]:  # only the first steps were read
        extra["steps_in_file"] = total
    return _select(_make(path, "npy", x, None, **extra), inputs, targets, path)


@registry.reader(
    "sequence",
    label=QT_TRANSLATE_NOOP("FileFormats", "NumPy arrays"),
    suffixes=(".npz",),
    magic=(ZIP_MAGIC,),
)
def _read_npz(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    inputs: Any,
    targets: Any,
    max_steps: int | None = None,
) -> Sequence:
    arrays = read_npz(data, path, max_rows=max_steps)
    x_key = _pick(arrays, "inputs", "x")
    if x_key is None and len(arrays) == 1:
        x_key = next(iter(arrays))
    if x_key is None:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "missing key 'x' or 'inputs' (keys found: {keys})"),
                keys=some(arrays),
            ),
        )
    x = _steps(arrays[x_key], path, key_place(f"'{x_key}'"), "inputs")
    y = None
    y_key = _pick(arrays, "targets", "y")
    if y_key is not None:
        y = _steps(arrays[y_key], path, key_place(f"'{y_key}'"), "targets")
        if y.shape[0] != x.shape[0]:
            raise LoadError(
                path,
                key_place(f"'{y_key}'"),
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors", "{count} steps, but the inputs ({key}) have {steps}"
                    ),
                    count=y.shape[0],
                    key=f"'{x_key}'",
                    steps=x.shape[0],
                ),
            )
    names: dict[str, tuple[str, ...]] = {}
    for key, count in (
        ("input_names", x.shape[1]),
        ("target_names", -1 if y is None else y.shape[1]),
        ("vocabulary", -1),
    ):
        if key in arrays:
            names[key] = _names(arrays[key], count, path, key_place(f"'{key}'"))
    return _select(_make(path, "npz", x, y, **names), inputs, targets, path)


def _json_sequence(doc: JsonDoc, value: Any, prefix: str) -> Sequence:
    path = doc.path
    if isinstance(value, list):
        x = to_array(value, doc, prefix.rstrip(".") or "(top level)")
        return _make(path, "json", x[:, None] if x.ndim == 1 else x, None)
    if not isinstance(value, dict):
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "expected a JSON object with 'inputs' or a list of steps"
                )
            ),
        )
    if value.get("format") == "lstm-sim-session" and isinstance(value.get("sequence"), dict):
        return _json_sequence(doc, value["sequence"], "sequence.")
    x_key = _pick(value, "inputs", "x")
    if x_key is None:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "missing key '{key}' (or 'x'); keys found: {keys}"),
                key=f"{prefix}inputs",
                keys=some(value) if value else none(),
            ),
        )
    x = to_array(value[x_key], doc, prefix + x_key)
    x = x[:, None] if x.ndim == 1 else x
    y = None
    y_key = _pick(value, "targets", "y")
    if y_key is not None and value[y_key] is not None:
        y = to_array(value[y_key], doc, prefix + y_key)
        y = y[:, None] if y.ndim == 1 else y
        if y.shape[0] != x.shape[0]:
            raise LoadError(
                path,
                key_place(f"{prefix}{y_key}"),
                Text(
                    QT_TRANSLATE_NOOP("FileErrors", "{count} steps, but {key} has {steps}"),
                    count=y.shape[0],
                    key=f"{prefix}{x_key}",
                    steps=x.shape[0],
                ),
            )
    extra: dict[str, Any] = {}
    for key, count in (
        ("input_names", x.shape[1]),
        ("target_names", -1 if y is None else y.shape[1]),
        ("vocabulary", -1),
    ):
        if value.get(key) is not None:
            extra[key] = _names(value[key], count, path, key_place(f"{prefix}{key}"))
    seq = _make(path, "json", x, y, **extra)
    name = value.get("name")
    if isinstance(name, str) and name:
        seq = Sequence(
            seq.inputs,
            seq.targets,
            seq.input_names,
            seq.target_names,
            name,
            seq.vocabulary,
            seq.meta,
        )
    return seq


@registry.reader(
    "sequence",
    label=QT_TRANSLATE_NOOP("FileFormats", "JSON"),
    suffixes=(".json",),
    magic=(b"{", b"["),
)
def _read_json(path: str | os.PathLike[str], data: bytes, *, inputs: Any, targets: Any) -> Sequence:
    doc = parse_json(data, path)
    return _select(_json_sequence(doc, doc.value, ""), inputs, targets, path)


def _char_label(ch: str) -> str:
    return {"\n": "\\n", "\t": "\\t", " ": "␣"}.get(ch, ch if ch.isprintable() else repr(ch))


@registry.reader(
    "sequence", label=QT_TRANSLATE_NOOP("FileFormats", "Plain text"), suffixes=(".txt", ".text")
)
def _read_text(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    inputs: Any,
    targets: Any,
    max_steps: int | None = None,
) -> Sequence:
    if not data:
        raise LoadError(path, "", Text(QT_TRANSLATE_NOOP("FileErrors", "empty file")))
    if max_steps is not None:  # only the start was read: it may end inside a character
        data = whole_characters(data)
    text = decode_text(data, path)
    if max_steps is not None:
        text = text[: max_steps + 1]
    if len(text) < 2:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "needs at least 2 characters (each step's target is the next character)",
                )
            ),
        )
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    vocab_codes, idx = np.unique(codes, return_inverse=True)
    vocab = tuple(chr(int(c)) for c in vocab_codes)
    steps = len(text) - 1
    if steps * len(vocab) > _MAX_ONE_HOT:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "too large to one-hot encode: {steps} steps × {count} distinct characters",
                ),
                steps=steps,
                count=len(vocab),
            ),
        )
    eye = np.eye(len(vocab))
    labels = tuple(_char_label(c) for c in vocab)
    seq = Sequence(
        inputs=eye[idx[:-1]],
        targets=eye[idx[1:]],
        input_names=labels,
        target_names=labels,
        name=Path(path).name,
        vocabulary=vocab,
        meta={"path": os.fspath(path), "format": "text"},
    )
    return _select(seq, inputs, targets, path)


#: What each reader parses, for the checks made before the file is read (io/_budgets.py).
_EXPECT = {_read_json: "json", _read_text: "text"}


# --------------------------------------------------------------------- writers
def save_sequence(seq: Sequence, path: str | os.PathLike[str]) -> None:
    """Write a sequence as CSV/TSV, NPY (inputs only), NPZ, JSON or text (by suffix).

    The file is replaced atomically; :func:`load_sequence` reads it back
    identically (CSV: target columns are recognised by their names ``y…`` /
    ``target…``; text: only a one-hot sequence with a vocabulary).

    Raises
    ------
    SaveError
    """
    registry.find_writer("sequence", path).function(seq, path)


def _values(arr: np.ndarray) -> list[list[str]]:
    return [[repr(v) for v in row] for row in arr.tolist()]


@registry.writer(
    "sequence",
    label=QT_TRANSLATE_NOOP("FileFormats", "CSV table"),
    suffixes=(".csv", ".tsv", ".tab"),
)
def _write_csv(seq: Sequence, path: str | os.PathLike[str]) -> None:
    delimiter = "\t" if str(path).lower().endswith((".tsv", ".tab")) else ","
    table = seq.inputs if seq.targets is None else np.hstack([seq.inputs, seq.targets])
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(seq.input_names + seq.target_names)
    writer.writerows(_values(table))
    atomic_write(path, buf.getvalue().encode("utf-8"))


@registry.writer(
    "sequence", label=QT_TRANSLATE_NOOP("FileFormats", "NumPy array"), suffixes=(".npy",)
)
def _write_npy(seq: Sequence, path: str | os.PathLike[str]) -> None:
    if seq.targets is not None:
        raise SaveError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "an .npy file holds one array; the targets would be lost (use .npz)",
                )
            ),
        )
    buf = io.BytesIO()
    np.save(buf, np.asarray(seq.inputs), allow_pickle=False)
    atomic_write(path, buf.getvalue())


@registry.writer(
    "sequence", label=QT_TRANSLATE_NOOP("FileFormats", "NumPy arrays"), suffixes=(".npz",)
)
def _write_npz(seq: Sequence, path: str | os.PathLike[str]) -> None:
    arrays: dict[str, np.ndarray] = {
        "inputs": np.asarray(seq.inputs),
        "input_names": np.array(seq.input_names, dtype=str),
    }
    if seq.targets is not None:
        arrays["targets"] = np.asarray(seq.targets)
        arrays["target_names"] = np.array(seq.target_names, dtype=str)
    if seq.vocabulary:
        arrays["vocabulary"] = np.array(seq.vocabulary, dtype=str)
    buf = io.BytesIO()
    np.savez(buf, allow_pickle=False, **arrays)
    atomic_write(path, buf.getvalue())


def sequence_to_json(seq: Sequence) -> dict[str, Any]:
    """The JSON object of a sequence (also the ``sequence`` of a session file)."""
    return {
        "name": seq.name,
        "input_names": list(seq.input_names),
        "target_names": list(seq.target_names),
        "vocabulary": list(seq.vocabulary),
        "inputs": seq.inputs.tolist(),
        "targets": None if seq.targets is None else seq.targets.tolist(),
    }


@registry.writer("sequence", label=QT_TRANSLATE_NOOP("FileFormats", "JSON"), suffixes=(".json",))
def _write_json(seq: Sequence, path: str | os.PathLike[str]) -> None:
    atomic_write(path, dumps(sequence_to_json(seq)))


@registry.writer(
    "sequence", label=QT_TRANSLATE_NOOP("FileFormats", "Plain text"), suffixes=(".txt", ".text")
)
def _write_text(seq: Sequence, path: str | os.PathLike[str]) -> None:
    v = len(seq.vocabulary)
    targets = seq.targets
    ok = (
        v > 0
        and targets is not None
        and seq.input_size == v
        and seq.target_size == v
        and all(np.array_equal(a, np.eye(v)[a.argmax(axis=1)]) for a in (seq.inputs, targets))
        and np.array_equal(seq.inputs[1:], targets[:-1])
    )
    if not ok:
        raise SaveError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "only a character sequence (one-hot with a vocabulary) can be saved as text",
                )
            ),
        )
    assert seq.targets is not None
    chars = [seq.vocabulary[k] for k in seq.inputs.argmax(axis=1)]
    chars.append(seq.vocabulary[int(seq.targets[-1].argmax())])
    atomic_write(path, "".join(chars).encode("utf-8"))


def json_sequence(doc: JsonDoc, value: Any, prefix: str) -> Sequence:
    """A sequence from an object of a parsed JSON document (used by session files).

    ``prefix`` is the object's JSON path with a trailing dot, e.g. ``"sequence."``.
    """
    return _json_sequence(doc, value, prefix)
