"""What a file may make us allocate, checked before it is read (see docs/architecture.md).

The rule: nothing a file says decides how much memory is spent without a
check first. :func:`admit` looks at the start of a file (already read, at most
:data:`~lstm_sim.io._files.HEAD_SIZE` bytes) and at its size, and before the
rest is read

* refuses content that cannot be what the caller parses: a JSON or text file
  with zero bytes in it, an ``.npy`` whose header announces more or less
  data than the file holds, a safetensors header longer than the file;
* compares the memory the parsed content will take — the bytes, times what
  the parser makes of them (:data:`JSON_EXPANSION` for JSON), or for ``.npy``
  the announced array and its float64 copy — with
  :func:`~lstm_sim.engine.budget.check_memory`.

A refusal is a :class:`~lstm_sim.io.LoadError` whose ``budget`` attribute is
the :class:`~lstm_sim.engine.budget.BudgetError` (how much is needed, how much
there is, how many rows would fit).

Zip archives (``.npz``, ``.keras``, torch files) are checked member by member
when they are opened (:mod:`lstm_sim.io._zip`); HDF5 files dataset by dataset
in the reader's process (:mod:`lstm_sim.io._h5_checks`).
"""

from __future__ import annotations

import os
from typing import BinaryIO

from ..engine.budget import MAX_HIDDEN, MAX_INPUTS, BudgetError, check_memory, format_bytes
from .errors import QT_TRANSLATE_NOOP, LoadError, Message, Text

__all__ = [
    "JSON_EXPANSION",
    "TEXT_EXPANSION",
    "admit",
    "budget",
    "too_many_inputs",
    "too_many_units",
]

#: Memory a parsed JSON document takes per byte of its text, at most (measured:
#: ≈ 22 for a list of one-number rows, ≈ 26 for a list of small objects, plus
#: the float64 array made from it).
JSON_EXPANSION = 32
#: Memory a text file read as characters takes per byte, at most (the string,
#: its code points, their sorted copy and indices).
TEXT_EXPANSION = 16
#: safetensors' own limit on its JSON header.
SAFETENSORS_MAX_HEADER = 100_000_000

_BY_SUFFIX = {
    ".json": "json",
    ".lstmsim": "json",
    ".txt": "text",
    ".text": "text",
}


_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_HDF5 = b"\x89HDF\r\n\x1a\n"
#: (suffixes, signatures a file of that suffix starts with, the reason when it does not).
_SIGNATURES = (
    (
        (".npz",),
        _ZIP,
        Text(QT_TRANSLATE_NOOP("FileErrors", "not an NPZ file (no zip signature)")),
    ),
    (
        (".h5", ".hdf5", ".keras"),
        (_HDF5, *_ZIP),
        Text(QT_TRANSLATE_NOOP("FileErrors", "not an HDF5 file (no \\x89HDF signature)")),
    ),
)


def budget(
    path: str | os.PathLike[str],
    needed: int,
    what: Message,
    *,
    per_item: int | None = None,
    place: Message = "",
) -> None:
    """:func:`~lstm_sim.engine.budget.check_memory`, refusing with a LoadError that names the file.

    Raises
    ------
    LoadError
        ``needed`` bytes are more than the budget; ``err.budget`` is the BudgetError.
    """
    try:
        check_memory(int(needed), what, per_item=per_item)
    except BudgetError as exc:
        raise LoadError(path, place, exc) from None


def too_many_inputs(path: str | os.PathLike[str], count: int, place: Message = "") -> None:
    """Refuse ``count`` values per step when it is more than :data:`MAX_INPUTS`."""
    limit = MAX_INPUTS
    if count > limit:
        raise LoadError(
            path,
            place,
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "{count} values per step: more than lstm-sim takes ({limit})"
                ),
                count=count,
                limit=limit,
            ),
        )


def too_many_units(path: str | os.PathLike[str], count: int, place: Message = "") -> None:
    """Refuse a cell of ``count`` units (H) when it is more than :data:`MAX_HIDDEN`."""
    limit = MAX_HIDDEN
    if count > limit:
        raise LoadError(
            path,
            place,
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "H = {count} units: more than lstm-sim takes ({limit})"
                ),
                count=count,
                limit=limit,
            ),
        )


def _file_of(size: int) -> Text:
    return Text(QT_TRANSLATE_NOOP("FileErrors", "a file of {size}"), size=format_bytes(size))


def _zero_byte(path: str | os.PathLike[str], at: int, what: Text) -> LoadError:
    return LoadError(
        path,
        Text(QT_TRANSLATE_NOOP("FileErrors", "byte {byte}"), byte=at),
        Text(
            QT_TRANSLATE_NOOP("FileErrors", "binary data (a zero byte), not {what}"),
            what=what,
        ),
    )


def _expected(path: str | os.PathLike[str], head: bytes) -> str | None:
    name = os.path.basename(os.fspath(path)).lower()
    for suffix, kind in _BY_SUFFIX.items():
        if name.endswith(suffix) and len(name) > len(suffix):
            return kind
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        return "json"
    return None


def admit(
    fh: BinaryIO,
    path: str | os.PathLike[str],
    size: int,
    head: bytes,
    *,
    expect: str | None = None,
    max_rows: int | None = None,
) -> int:
    """Check a file before it is read; return how many of its bytes to read.

    Parameters
    ----------
    fh : binary file
        The open file (for a look at more than ``head`` when needed).
    path : path-like
        For the messages.
    size : int
        The file's size.
    head : bytes
        Its first bytes.
    expect : {"json", "text"}, optional
        What the caller parses (else guessed from the suffix and the content).
    max_rows : int, optional
        ``.npy`` only: read only the bytes of the first ``max_rows`` rows.

    Raises
    ------
    LoadError
    """
    from ._npy import NPY_MAGIC, npy_plan
    from ._zip import check_zip_file

    kind = expect or _expected(path, head)
    if kind == "json":
        at = head.find(b"\0")
        if at >= 0:
            raise _zero_byte(path, at, Text(QT_TRANSLATE_NOOP("FileErrors", "JSON text")))
        budget(
            path,
            size * JSON_EXPANSION,
            Text(QT_TRANSLATE_NOOP("FileErrors", "a JSON file of {size}"), size=format_bytes(size)),
        )
        return size
    if kind == "text":
        at = head.find(b"\0")
        if at >= 0:
            raise _zero_byte(path, at, Text(QT_TRANSLATE_NOOP("FileErrors", "text")))
        budget(path, TEXT_EXPANSION * size, _file_of(size))
        return size
    name = os.path.basename(os.fspath(path)).lower()
    if head.startswith(NPY_MAGIC) or (name.endswith(".npy") and size > 0):
        return npy_plan(head, size, path, max_rows=max_rows)
    if head.startswith(_ZIP[0]):  # npz, .keras, torch: the directory, before any member
        check_zip_file(fh, size, path)
    for suffixes, signatures, reason in _SIGNATURES:
        if name.endswith(suffixes) and size > 0 and not head.startswith(signatures):
            # Refused from its first bytes: a 2 GB file of zeros named .npz is not read.
            raise LoadError(
                path, Text(QT_TRANSLATE_NOOP("FileErrors", "byte {byte}"), byte=0), reason
            )
    copies = 1
    if name.endswith(".safetensors") and len(head) >= 8:
        _check_safetensors_header(head, size, path)
        copies = 2  # the reader copies every tensor out of the file's bytes
    budget(path, copies * size, _file_of(size))
    return size


def _check_safetensors_header(head: bytes, size: int, path: str | os.PathLike[str]) -> None:
    """The header length (the first 8 bytes) must fit in the file and in safetensors' limit."""
    length = int.from_bytes(head[:8], "little")
    if length < 2 or head[8:9] != b"{":
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "not a valid safetensors file: its header is not a JSON object"
                )
            ),
        )
    if length > min(size - 8, SAFETENSORS_MAX_HEADER):
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "not a valid safetensors file: its header announces {length} bytes, "
                    "but only {size} follow",
                ),
                length=length,
                size=max(size - 8, 0),
            ),
        )
