"""Reading NumPy ``.npy`` and ``.npz`` data, without ``np.load``.

Why not ``np.load(allow_pickle=False)``: it refuses object arrays, but trusts
the header's shape and allocates before checking that the file holds that much
data, so a damaged header can ask for terabytes. Here the header is parsed with
:func:`ast.literal_eval`, object dtypes are refused before any data is read
(nothing is ever unpickled), the data length is checked against the shape, and
the memory the array will take (with its float64 copy) against the budget
(:mod:`lstm_sim.io._budgets`), all before the data is read. With ``max_rows``
only the first rows are read (a C-order array's rows are contiguous), so an
honest file too long for memory can still be looked at in part.
"""

from __future__ import annotations

import ast
import io
import math
import os
from dataclasses import dataclass
from typing import IO, cast

import numpy as np

from ._budgets import budget, too_many_inputs
from ._zip import open_zip, zip_failure
from .errors import QT_TRANSLATE_NOOP, LoadError, Message, Text, excerpt, key_place

__all__ = ["NPY_MAGIC", "ZIP_MAGIC", "npy_length", "npy_plan", "read_npy", "read_npz"]

NPY_MAGIC = b"\x93NUMPY"
ZIP_MAGIC = b"PK\x03\x04"
_MAX_HEADER = 100_000


@dataclass(frozen=True)
class _Header:
    dtype: np.dtype
    shape: tuple[int, ...]
    fortran: bool
    offset: int  # where the data starts

    @property
    def row_bytes(self) -> int:
        """Bytes of one row (one step): everything when there are no rows."""
        return math.prod(self.shape[1:]) * self.dtype.itemsize

    @property
    def nbytes(self) -> int:
        return math.prod(self.shape) * self.dtype.itemsize

    def rows(self, max_rows: int | None) -> int:
        """Rows that will be read: all, or at most ``max_rows`` of a C-order array."""
        if not self.shape:
            return 1
        if max_rows is None:
            return self.shape[0]
        return min(self.shape[0], max(int(max_rows), 0))


def _header_length(prefix: bytes, fail) -> tuple[int, int]:
    """(header length, where the header starts) from the first 12 bytes."""
    if len(prefix) < 10:
        raise fail(Text(QT_TRANSLATE_NOOP("FileErrors", "truncated NPY header")))
    major = prefix[6]
    if major == 1:
        return int.from_bytes(prefix[8:10], "little"), 10
    if major in (2, 3):
        if len(prefix) < 12:
            raise fail(Text(QT_TRANSLATE_NOOP("FileErrors", "truncated NPY header")))
        return int.from_bytes(prefix[8:12], "little"), 12
    raise fail(
        Text(
            QT_TRANSLATE_NOOP("FileErrors", "unsupported NPY format version {version}"),
            version=f"{major}.{prefix[7]}",
        )
    )


def _parse_header(data: bytes, path: str | os.PathLike[str], place: Message) -> _Header:
    """The header of an NPY file from its first bytes (at least the whole header)."""

    def fail(reason: Text) -> LoadError:
        return LoadError(path, place, reason)

    if len(data) == 0:
        raise fail(empty_file_0())
    if not data.startswith(NPY_MAGIC):
        raise fail(
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "not a NumPy .npy file (no \\x93NUMPY signature at byte 0)"
                )
            )
        )
    header_len, start = _header_length(data[:12], fail)
    if header_len > _MAX_HEADER or start + header_len > len(data):
        raise fail(Text(QT_TRANSLATE_NOOP("FileErrors", "truncated or damaged NPY header")))
    raw = data[start : start + header_len]
    try:
        text = raw.decode("utf-8" if data[6] == 3 else "latin1")
        header = ast.literal_eval(text.strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError, UnicodeDecodeError):
        raise fail(
            Text(QT_TRANSLATE_NOOP("FileErrors", "damaged NPY header (not a Python literal)"))
        ) from None
    if not isinstance(header, dict) or set(header) != {"descr", "fortran_order", "shape"}:
        raise fail(
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "damaged NPY header (expected keys descr, fortran_order, shape)"
                )
            )
        )
    shape, fortran = header["shape"], header["fortran_order"]
    if not (
        isinstance(shape, tuple)
        and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in shape)
        and isinstance(fortran, bool)
    ):
        raise fail(
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "damaged NPY header (shape {shape}, fortran_order {fortran})"
                ),
                shape=excerpt(repr(shape)),
                fortran=excerpt(repr(fortran)),
            )
        )
    try:
        dtype = np.lib.format.descr_to_dtype(header["descr"])
    except Exception:  # numpy raises TypeError, ValueError, KeyError… for bad descriptors
        raise fail(
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "damaged NPY header (unknown dtype {dtype})"),
                dtype=excerpt(repr(header["descr"])),
            )
        ) from None
    if dtype.hasobject:
        raise fail(
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "object array: lstm-sim never unpickles data "
                    "(save numbers, e.g. float64, instead)",
                )
            )
        )
    if len(shape) > 32:  # NumPy's own limit is 64 dimensions; no sequence has more than 2
        raise fail(
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "damaged NPY header ({count} dimensions)"),
                count=len(shape),
            )
        )
    return _Header(dtype, shape, fortran, start + header_len)


def _check_length(hdr: _Header, found: int, path: str | os.PathLike[str], place: Message) -> None:
    """The data after the header must be exactly what the shape announces."""
    if found < hdr.nbytes:
        raise LoadError(
            path,
            place,
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "truncated: the header announces shape {shape} of {dtype} ({size} bytes), "
                    "the file holds {found} bytes of data",
                ),
                shape=hdr.shape,
                dtype=hdr.dtype,
                size=hdr.nbytes,
                found=found,
            ),
        )
    if found > hdr.nbytes:
        raise LoadError(
            path,
            place,
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "{count} unexpected bytes after the array of shape {shape}"
                ),
                count=found - hdr.nbytes,
                shape=hdr.shape,
            ),
        )


def _budget(hdr: _Header, rows: int, path: str | os.PathLike[str], place: Message) -> None:
    """The rows to read, and their float64 copy, must fit in memory."""
    per_row = hdr.row_bytes + 8 * math.prod(hdr.shape[1:])
    budget(
        path,
        rows * per_row,
        Text(
            QT_TRANSLATE_NOOP("FileErrors", "{rows} rows of an array of shape {shape}"),
            rows=rows,
            shape=hdr.shape,
        ),
        per_item=per_row,
        place=place,
    )


def npy_plan(
    head: bytes, size: int, path: str | os.PathLike[str], *, max_rows: int | None = None
) -> int:
    """Check an ``.npy`` file from its first bytes and its size; return how many bytes to read.

    The header must announce exactly the data the file holds, at most
    :data:`~lstm_sim.engine.budget.MAX_INPUTS` values per row, and the rows to
    read (all, or the first ``max_rows`` of a C-order array) with their
    float64 copy must fit in the memory budget.

    Raises
    ------
    LoadError
    """
    hdr = _parse_header(head, path, "")
    _check_length(hdr, size - hdr.offset, path, "")
    if len(hdr.shape) == 2:  # an .npy file is a sequence: (T, D)
        too_many_inputs(path, hdr.shape[1])
    rows = hdr.rows(None if hdr.fortran else max_rows)
    _budget(hdr, rows, path, "")
    return hdr.offset + (rows * hdr.row_bytes if hdr.shape else hdr.nbytes)


def _array(
    buffer: bytes | bytearray, hdr: _Header, rows: int, path: str | os.PathLike[str], place: Message
) -> np.ndarray:
    shape = (rows, *hdr.shape[1:]) if hdr.shape else ()
    try:
        arr = np.frombuffer(buffer, dtype=hdr.dtype, count=math.prod(shape), offset=hdr.offset)
        return arr.reshape(shape, order="F" if hdr.fortran else "C")
    except (ValueError, TypeError) as exc:
        raise LoadError(
            path,
            place,
            Text(QT_TRANSLATE_NOOP("FileErrors", "damaged NPY data ({detail})"), detail=exc),
        ) from None


def read_npy(
    data: bytes,
    path: str | os.PathLike[str],
    place: Message = "",
    *,
    max_rows: int | None = None,
) -> np.ndarray:
    """The array stored in the bytes of one ``.npy`` file (a read-only view of ``data``).

    Parameters
    ----------
    data : bytes
        The file, or — with ``max_rows`` — at least its start up to those rows
        (what :func:`npy_plan` said to read; the whole file's length was
        checked there).
    max_rows : int, optional
        Only the first rows of a C-order array (a Fortran-order one is read whole).

    Raises
    ------
    LoadError
        Not an NPY file, an unreadable header, an object (pickled) array, or
        fewer or more data bytes than the header's shape needs.
    """
    hdr = _parse_header(data, path, place)
    found = len(data) - hdr.offset
    if max_rows is None or hdr.fortran or not hdr.shape:
        _check_length(hdr, found, path, place)
        return _array(data, hdr, hdr.shape[0] if hdr.shape else 0, path, place)
    rows = hdr.rows(max_rows)
    if found > hdr.nbytes or found < rows * hdr.row_bytes:
        _check_length(hdr, found, path, place)
    return _array(data, hdr, rows, path, place)


def npy_length(data: bytes, path: str | os.PathLike[str]) -> int:
    """The number of rows an NPY file's header announces (1 for a 0-d array)."""
    shape = _parse_header(data, path, "").shape
    return shape[0] if shape else 1


def _read_exactly(fh: IO[bytes], count: int) -> bytes:
    data = fh.read(count)
    if len(data) != count:
        raise EOFError(f"{count} bytes expected, {len(data)} read")
    return data


def _read_npy_member(
    fh: IO[bytes], size: int, path: str | os.PathLike[str], place: Message, max_rows: int | None
) -> np.ndarray:
    """One ``.npy`` member of a zip archive, streamed: the header, a budget check, the rows."""
    prefix = fh.read(12)
    if len(prefix) < 10 or not prefix.startswith(NPY_MAGIC):
        return read_npy(prefix, path, place)  # raises the right message
    header_len, start = _header_length(prefix, lambda r: LoadError(path, place, r))
    if header_len > _MAX_HEADER or start + header_len > size:
        raise LoadError(
            path, place, Text(QT_TRANSLATE_NOOP("FileErrors", "truncated or damaged NPY header"))
        )
    head = prefix + _read_exactly(fh, start + header_len - len(prefix))
    hdr = _parse_header(head, path, place)
    _check_length(hdr, size - hdr.offset, path, place)
    numeric = hdr.dtype.kind in "biuf"
    rows = hdr.rows(max_rows if numeric and not hdr.fortran else None)
    _budget(hdr, rows, path, place)
    count = rows * hdr.row_bytes if hdr.shape else hdr.nbytes
    buffer = bytearray(hdr.offset + count)  # one allocation, filled in place
    buffer[: hdr.offset] = head
    view, pos = memoryview(buffer), hdr.offset
    reader = cast(io.BufferedIOBase, fh)  # a zip member: it has readinto
    while pos < len(buffer):
        got = reader.readinto(view[pos : pos + (1 << 20)])  # a chunk: read(n) would copy n bytes
        if not got:
            raise EOFError(f"{count} bytes of data expected, {pos - hdr.offset} read")
        pos += got
    return _array(buffer, hdr, rows, path, place)


def empty_file_0() -> Text:
    """The reason "empty file (0 bytes)"."""
    return Text(QT_TRANSLATE_NOOP("FileErrors", "empty file (0 bytes)"))


def byte_0() -> Text:
    """The place "byte 0" (a file's signature)."""
    return Text(QT_TRANSLATE_NOOP("FileErrors", "byte {byte}"), byte=0)


def read_npz(
    data: bytes, path: str | os.PathLike[str], *, max_rows: int | None = None
) -> dict[str, np.ndarray]:
    """Every array of an ``.npz`` (zip of ``.npy``) file, by key, in file order.

    Each member is streamed: its header is read and checked (shape against
    the member's size, memory against the budget) before its data, and the
    archive's directory before any member (:func:`~lstm_sim.io._zip.open_zip`).

    Parameters
    ----------
    max_rows : int, optional
        Read only the first rows of each numeric C-order array (string arrays,
        e.g. names, are read whole).

    Raises
    ------
    LoadError
        Not a zip file, a damaged member (the place names its key), an object
        array, a zip bomb, more memory than there is, …
    """
    if len(data) == 0:
        raise LoadError(path, "", empty_file_0())
    if not data.startswith(ZIP_MAGIC) and not data.startswith(b"PK\x05\x06"):
        raise LoadError(
            path,
            byte_0(),
            Text(QT_TRANSLATE_NOOP("FileErrors", "not an NPZ file (no zip signature)")),
        )
    arrays: dict[str, np.ndarray] = {}
    zf = open_zip(data, path, "NPZ")
    with zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            name = info.filename[:-4] if info.filename.endswith(".npy") else info.filename
            place = key_place(repr(excerpt(name)))  # one line, however the name is made
            try:
                with zf.open(info) as fh:
                    arrays[name] = _read_npy_member(fh, info.file_size, path, place, max_rows)
            except LoadError:
                raise
            except Exception as exc:  # BadZipFile, zlib.error, EOFError, NotImplementedError, …
                raise zip_failure(path, place, exc) from None
    if not arrays:
        raise LoadError(
            path, "", Text(QT_TRANSLATE_NOOP("FileErrors", "the NPZ file holds no arrays"))
        )
    return arrays
