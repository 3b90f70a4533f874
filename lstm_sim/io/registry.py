"""File formats by suffix (and by signature when the suffix is unknown).

Readers and writers are plain functions registered with a decorator, the way
glue registers its data factories::

    @reader("sequence", label="NumPy array", suffixes=(".npy",), magic=(NPY_MAGIC,))
    def read_npy_sequence(path, data, **options) -> Sequence: ...

The app builds its file-dialog filters from :func:`formats`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ._files import suffix_in
from .errors import QT_TRANSLATE_NOOP, LoadError, SaveError, Text

__all__ = ["FileFormat", "find_reader", "find_writer", "formats", "reader", "writer"]

KINDS = ("sequence", "weights")


@dataclass(frozen=True)
class FileFormat:
    """One registered format.

    Attributes
    ----------
    kind : {"sequence", "weights"}
    label : str
        Name for a file dialog, e.g. ``"CSV table"``.
    suffixes : tuple of str
        Lower-case, with the dot; may be compound (``".weights.h5"``).
    function : callable
        The reader or the writer.
    magic : tuple of bytes
        Leading bytes that identify the format when the suffix is unknown.
    """

    kind: str
    label: str
    suffixes: tuple[str, ...]
    function: Callable[..., Any]
    magic: tuple[bytes, ...] = ()


_READERS: dict[str, list[FileFormat]] = {k: [] for k in KINDS}
_WRITERS: dict[str, list[FileFormat]] = {k: [] for k in KINDS}


def reader(
    kind: str, *, label: str, suffixes: tuple[str, ...], magic: tuple[bytes, ...] = ()
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a reader ``function(path, data: bytes, **options)`` for ``kind``."""

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        _READERS[kind].append(FileFormat(kind, label, suffixes, function, magic))
        return function

    return register


def writer(
    kind: str, *, label: str, suffixes: tuple[str, ...]
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a writer ``function(obj, path, **options)`` for ``kind``."""

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        _WRITERS[kind].append(FileFormat(kind, label, suffixes, function))
        return function

    return register


def formats(kind: str, *, writable: bool = False) -> list[FileFormat]:
    """The registered readers (or writers) of ``kind``, in registration order."""
    return list((_WRITERS if writable else _READERS)[kind])


def _by_suffix(table: list[FileFormat], path: str | os.PathLike[str]) -> FileFormat | None:
    suffix = suffix_in(path, [s for f in table for s in f.suffixes])
    return next((f for f in table if suffix in f.suffixes), None) if suffix else None


def _known(table: list[FileFormat]) -> str:
    return ", ".join(dict.fromkeys(s for f in table for s in f.suffixes))


def find_reader(kind: str, path: str | os.PathLike[str], head: bytes) -> FileFormat:
    """The reader for ``path``: by suffix, else by the file's leading bytes ``head``.

    Raises
    ------
    LoadError
        No registered format matches.
    """
    table = _READERS[kind]
    found = _by_suffix(table, path)
    if found is not None:
        return found
    for f in table:
        if any(m and head.startswith(m) for m in f.magic):
            return f
    suffix, known = _suffix(path), _known(table)
    if kind == "weights":
        reason = Text(
            QT_TRANSLATE_NOOP(
                "FileErrors", "unknown weights file type {suffix} (expected one of: {known})"
            ),
            suffix=suffix,
            known=known,
        )
    else:
        reason = Text(
            QT_TRANSLATE_NOOP(
                "FileErrors", "unknown sequence file type {suffix} (expected one of: {known})"
            ),
            suffix=suffix,
            known=known,
        )
    raise LoadError(path, "", reason)


def find_writer(kind: str, path: str | os.PathLike[str]) -> FileFormat:
    """The writer for ``path`` by suffix.

    Raises
    ------
    SaveError
        No registered format matches.
    """
    table = _WRITERS[kind]
    found = _by_suffix(table, path)
    if found is None:
        suffix, known = _suffix(path), _known(table)
        if kind == "weights":
            reason = Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "cannot save weights as {suffix} (choose one of: {known})"
                ),
                suffix=suffix,
                known=known,
            )
        else:
            reason = Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "cannot save sequences as {suffix} (choose one of: {known})"
                ),
                suffix=suffix,
                known=known,
            )
        raise SaveError(path, "", reason)
    return found


def _suffix(path: str | os.PathLike[str]) -> Text | str:
    suffix = os.path.splitext(os.fspath(path))[1]
    return suffix or Text(QT_TRANSLATE_NOOP("FileErrors", "(none)"))
