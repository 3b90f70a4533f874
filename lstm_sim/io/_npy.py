"""Reading NumPy ``.npy`` and ``.npz`` data from bytes, without ``np.load``.

Why not ``np.load(allow_pickle=False)``: it refuses object arrays, but trusts
the header's shape and allocates before checking that the file holds that much
data, so a damaged header can ask for terabytes. Here the header is parsed with
:func:`ast.literal_eval`, object dtypes are refused before any data is read
(nothing is ever unpickled), and the data length is checked against the shape
before the array is made (a view of the bytes, no allocation).
"""

from __future__ import annotations

import ast
import io
import math
import os
import zipfile

import numpy as np

from .errors import QT_TRANSLATE_NOOP, LoadError, Message, Text, key_place

__all__ = ["NPY_MAGIC", "ZIP_MAGIC", "read_npy", "read_npz"]

NPY_MAGIC = b"\x93NUMPY"
ZIP_MAGIC = b"PK\x03\x04"
_MAX_HEADER = 100_000
_MAX_BYTES = 1 << 34  # 16 GiB: a header asking for more is damaged


def read_npy(data: bytes, path: str | os.PathLike[str], place: Message = "") -> np.ndarray:
    """The array stored in the bytes of one ``.npy`` file (a read-only view of ``data``).

    Raises
    ------
    LoadError
        Not an NPY file, an unreadable header, an object (pickled) array, or
        fewer or more data bytes than the header's shape needs.
    """

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
    if len(data) < 10:
        raise fail(Text(QT_TRANSLATE_NOOP("FileErrors", "truncated NPY header")))
    major = data[6]
    if major == 1:
        header_len, start = int.from_bytes(data[8:10], "little"), 10
    elif major in (2, 3):
        if len(data) < 12:
            raise fail(Text(QT_TRANSLATE_NOOP("FileErrors", "truncated NPY header")))
        header_len, start = int.from_bytes(data[8:12], "little"), 12
    else:
        raise fail(
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "unsupported NPY format version {version}"),
                version=f"{major}.{data[7]}",
            )
        )
    if header_len > _MAX_HEADER or start + header_len > len(data):
        raise fail(Text(QT_TRANSLATE_NOOP("FileErrors", "truncated or damaged NPY header")))
    raw = data[start : start + header_len]
    try:
        text = raw.decode("utf-8" if major == 3 else "latin1")
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
                shape=repr(shape),
                fortran=repr(fortran),
            )
        )
    try:
        dtype = np.lib.format.descr_to_dtype(header["descr"])
    except Exception:  # numpy raises TypeError, ValueError, KeyError… for bad descriptors
        raise fail(
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "damaged NPY header (unknown dtype {dtype})"),
                dtype=repr(header["descr"]),
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
    count = math.prod(shape)
    nbytes = count * dtype.itemsize
    offset = start + header_len
    found = len(data) - offset
    if nbytes > _MAX_BYTES or found < nbytes:
        raise fail(
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "truncated: the header announces shape {shape} of {dtype} ({size} bytes), "
                    "the file holds {found} bytes of data",
                ),
                shape=shape,
                dtype=dtype,
                size=nbytes,
                found=found,
            )
        )
    if found > nbytes:
        raise fail(
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "{count} unexpected bytes after the array of shape {shape}"
                ),
                count=found - nbytes,
                shape=shape,
            )
        )
    try:
        arr = np.frombuffer(data, dtype=dtype, count=count, offset=offset)
        return arr.reshape(shape, order="F" if fortran else "C")
    except (ValueError, TypeError) as exc:
        raise fail(
            Text(QT_TRANSLATE_NOOP("FileErrors", "damaged NPY data ({detail})"), detail=exc)
        ) from None


def empty_file_0() -> Text:
    """The reason "empty file (0 bytes)"."""
    return Text(QT_TRANSLATE_NOOP("FileErrors", "empty file (0 bytes)"))


def byte_0() -> Text:
    """The place "byte 0" (a file's signature)."""
    return Text(QT_TRANSLATE_NOOP("FileErrors", "byte {byte}"), byte=0)


def read_npz(data: bytes, path: str | os.PathLike[str]) -> dict[str, np.ndarray]:
    """Every array of an ``.npz`` (zip of ``.npy``) file, by key, in file order.

    Raises
    ------
    LoadError
        Not a zip file, a damaged member (the place names its key), an object
        array, …
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
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                if info.is_dir():
                    continue
                name = info.filename[:-4] if info.filename.endswith(".npy") else info.filename
                place = key_place(repr(name))  # a member name with a newline stays one line
                if info.file_size > _MAX_BYTES:
                    raise LoadError(
                        path,
                        place,
                        Text(QT_TRANSLATE_NOOP("FileErrors", "damaged zip entry (absurd size)")),
                    )
                try:
                    member = zf.read(info)
                except LoadError:
                    raise
                except Exception as exc:
                    raise LoadError(
                        path,
                        place,
                        Text(
                            QT_TRANSLATE_NOOP("FileErrors", "damaged zip entry ({detail})"),
                            detail=exc,
                        ),
                    ) from None
                arrays[name] = read_npy(member, path, place)
    except LoadError:
        raise
    except Exception as exc:  # BadZipFile, zlib.error, EOFError, struct.error, …
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "not a valid NPZ (zip) file ({detail})"), detail=exc
            ),
        ) from None
    if not arrays:
        raise LoadError(
            path, "", Text(QT_TRANSLATE_NOOP("FileErrors", "the NPZ file holds no arrays"))
        )
    return arrays
