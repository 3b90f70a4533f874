"""Zip archives (``.npz``, ``.keras``, ``torch.save``), opened after a look at their directory.

A zip file says how many members it has and how large each becomes when
unpacked; a few kilobytes can announce gigabytes (a "zip bomb"), or a
directory of millions of entries. :func:`open_zip` checks, before anything is
unpacked:

* the number of entries, read from the end-of-directory record (or its zip64
  form) before :mod:`zipfile` builds an object per entry: at most
  :data:`MAX_ENTRIES`;
* the packing method: stored or deflate only (:mod:`zipfile` unpacks bzip2
  and LZMA without a bound on what one read produces);
* every member's announced size against its packed size: a member that
  unpacks to more than :data:`RATIO_FLOOR` at more than :data:`MAX_RATIO`
  times its packed size is refused (honest arrays stay far below: a one-hot
  float64 matrix packs ≈ 250:1, random data ≈ 1:1; constant data reaches
  deflate's limit, ≈ 1030:1);
* the size of each member against the memory budget, when it is read
  (:func:`read_member`).

:func:`check_zip_file` makes the same checks on any zip file before it is
read (:mod:`lstm_sim.io._budgets`), also for the readers that unpack it
themselves (``torch.load``). :mod:`zipfile` never unpacks more than a
member's announced size, so these checks bound what is allocated. Members
are read by name into memory, never extracted to disk, so names with ``..``
or absolute paths reach nothing outside the archive.
"""

from __future__ import annotations

import io
import os
import zipfile
from typing import BinaryIO

from ..engine.budget import format_bytes
from ._budgets import budget
from .errors import QT_TRANSLATE_NOOP, LoadError, Message, Text, excerpt, key_place

__all__ = [
    "MAX_ENTRIES",
    "MAX_RATIO",
    "RATIO_FLOOR",
    "check_zip_file",
    "open_zip",
    "read_member",
    "zip_failure",
]

#: Most entries an archive may have (a state dict of a few hundred tensors has as many).
MAX_ENTRIES = 100_000
#: Largest unpacked / packed size ratio of a member above :data:`RATIO_FLOOR`.
MAX_RATIO = 500
#: Members unpacking to less than this are not checked for their ratio.
RATIO_FLOOR = 64 << 20

_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"


def _entry_count(fh: BinaryIO, size: int) -> int | None:
    """The number of entries the end-of-directory record announces (None: no record found)."""
    start = max(0, size - (22 + 65535))
    fh.seek(start)
    tail = fh.read(size - start)
    at = tail.rfind(_EOCD)
    if at < 0 or at + 22 > len(tail):
        return None
    count = int.from_bytes(tail[at + 10 : at + 12], "little")
    locator = at - 20
    if count == 0xFFFF and locator >= 0 and tail[locator : locator + 4] == _EOCD64_LOCATOR:
        where = int.from_bytes(tail[locator + 8 : locator + 16], "little")
        if where + 56 <= size:
            fh.seek(where)
            record = fh.read(56)
            if record[:4] == _EOCD64:
                count = int.from_bytes(record[32:40], "little")
    return count


def zip_failure(path: str | os.PathLike[str], place: Message, exc: BaseException) -> LoadError:
    """A LoadError for what :mod:`zipfile` or :mod:`zlib` raised on a damaged member."""
    return LoadError(
        path,
        place,
        Text(
            QT_TRANSLATE_NOOP("FileErrors", "damaged zip entry ({detail})"),
            detail=excerpt(exc, 100) or type(exc).__name__,
        ),
    )


def open_zip(data: bytes, path: str | os.PathLike[str], kind: Message) -> zipfile.ZipFile:
    """The archive held in ``data``, once its directory has been checked (see the module notes).

    Parameters
    ----------
    data : bytes
    path : path-like
        For the messages.
    kind : str or Text
        What the archive should be, for "not a valid NPZ (zip) file".

    Raises
    ------
    LoadError
    """
    zf = _checked(io.BytesIO(data), len(data), path, kind)
    assert zf is not None
    return zf


def check_zip_file(fh: BinaryIO, size: int, path: str | os.PathLike[str]) -> None:
    """Check the directory of a zip file on disk before it is read (any reader: npz, .keras, torch).

    A directory :mod:`zipfile` cannot parse is left to the reader, which says
    what it expected.

    Raises
    ------
    LoadError
        Too many entries, a packing method other than stored or deflate, a zip bomb.
    """
    zf = _checked(fh, size, path, "zip", strict=False)
    if zf is not None:
        zf.close()  # does not close fh


def _checked(
    fh: BinaryIO, size: int, path: str | os.PathLike[str], kind: Message, *, strict: bool = True
) -> zipfile.ZipFile | None:
    count = _entry_count(fh, size)
    if count is not None and count > MAX_ENTRIES:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "the archive announces {count} entries (at most {limit})"
                ),
                count=count,
                limit=MAX_ENTRIES,
            ),
        )
    fh.seek(0)
    try:
        zf = zipfile.ZipFile(fh)
    except Exception as exc:  # BadZipFile, EOFError, struct.error, ValueError, …
        if not strict:
            return None
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "not a valid {kind} (zip) file ({detail})"),
                kind=kind,
                detail=excerpt(exc, 100) or type(exc).__name__,
            ),
        ) from None
    for info in zf.infolist():
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            zf.close()
            raise LoadError(
                path,
                key_place(f"'{excerpt(info.filename)}'"),
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors",
                        "packed with method {method}; lstm-sim unpacks only stored or "
                        "deflated members",
                    ),
                    method=info.compress_type,
                ),
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            zf.close()
            raise LoadError(
                path,
                key_place(f"'{excerpt(info.filename)}'"),
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors",
                        "a zip bomb? {packed} would unpack to {size} "
                        "({ratio}:1; honest data stays below {limit}:1)",
                    ),
                    packed=format_bytes(info.compress_size),
                    size=format_bytes(info.file_size),
                    ratio=info.file_size // max(info.compress_size, 1),
                    limit=MAX_RATIO,
                ),
            )
    return zf


def read_member(
    zf: zipfile.ZipFile,
    name: str,
    path: str | os.PathLike[str],
    place: Message = "",
    *,
    expand: int = 1,
) -> bytes:
    """The unpacked bytes of one member, after checking its size against the memory budget.

    ``expand``: memory the caller's parsing takes per byte (e.g.
    :data:`~lstm_sim.io._budgets.JSON_EXPANSION` for a JSON member).

    Raises
    ------
    LoadError
        The member is too large for memory, or damaged.
    """
    info = zf.getinfo(name)
    place = place or key_place(f"'{excerpt(name)}'")
    budget(
        path,
        info.file_size * expand,
        Text(
            QT_TRANSLATE_NOOP("FileErrors", "the archive member {name} ({size})"),
            name=f"'{excerpt(name)}'",
            size=format_bytes(info.file_size),
        ),
        place=place,
    )
    try:
        return zf.read(info)
    except Exception as exc:  # BadZipFile (CRC), zlib.error, EOFError, NotImplementedError, …
        raise zip_failure(path, place, exc) from None
