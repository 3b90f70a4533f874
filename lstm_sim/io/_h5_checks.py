"""Checks on an open HDF5 file before anything in it is read (see docs/architecture.md).

HDF5 lets a file point outside itself, and the HDF5 library follows without
asking: an *external link* opens another file; a dataset with *external raw
storage* takes its bytes from any file named in it (``/etc/passwd`` would
become a weight matrix); a *virtual dataset* maps other files' datasets; a
*filter* that is not built in makes the library load a plugin (code) from
disk. And a dataset's shape is only a declaration: 10¹⁰ elements of fill
value take a few bytes in the file and 80 GB once read.

:func:`check_h5_file` walks every link of the file — by hard links only, as
the library resolves paths, so that a soft link cannot lead past what was
checked — and refuses, naming the object, before any dataset is read:

* external and user-defined links;
* datasets with external storage, virtual datasets, filters other than the
  library's own (deflate, shuffle, Fletcher-32, szip, n-bit, scale-offset)
  and h5py's LZF;
* datasets (and their chunks) larger than the memory budget.
"""

from __future__ import annotations

import math
import os
from typing import Any

from ._budgets import budget
from .errors import QT_TRANSLATE_NOOP, LoadError, Text, excerpt, key_place

__all__ = ["BUILTIN_FILTERS", "check_h5_file"]

#: deflate, shuffle, Fletcher-32, szip, n-bit, scale-offset (HDF5's own), LZF (h5py's).
BUILTIN_FILTERS = frozenset({1, 2, 3, 4, 5, 6, 32000})


def _outside(what: Text) -> Text:
    return Text(
        QT_TRANSLATE_NOOP(
            "FileErrors", "{what}: lstm-sim reads nothing outside the file it is given"
        ),
        what=what,
    )


def _check_dataset(ds: Any, name: str, path: str | os.PathLike[str]) -> None:
    import h5py

    place = key_place(f"'{excerpt(name)}'")
    dcpl = ds.id.get_create_plist()
    if dcpl.get_layout() == h5py.h5d.VIRTUAL:
        raise LoadError(
            path,
            place,
            _outside(
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors", "a virtual dataset (its data are in other files)"
                    )
                )
            ),
        )
    if dcpl.get_external_count() > 0:
        target = dcpl.get_external(0)[0]
        raise LoadError(
            path,
            place,
            _outside(
                Text(
                    QT_TRANSLATE_NOOP("FileErrors", "a dataset stored in another file ({file})"),
                    file=excerpt(os.fsdecode(target), 80),
                )
            ),
        )
    for k in range(dcpl.get_nfilters()):
        code = dcpl.get_filter(k)[0]
        if code not in BUILTIN_FILTERS:
            raise LoadError(
                path,
                place,
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors",
                        "compressed with filter {code}, which would load a plugin "
                        "(lstm-sim only uses the filters built into HDF5)",
                    ),
                    code=code,
                ),
            )
    shape = ds.shape or ()
    itemsize = ds.dtype.itemsize
    nbytes = math.prod(shape) * itemsize
    budget(
        path,
        nbytes,
        Text(
            QT_TRANSLATE_NOOP("FileErrors", "a dataset of shape {shape}"),
            shape=shape,
        ),
        place=place,
    )
    if ds.chunks:
        chunk = math.prod(ds.chunks) * itemsize
        budget(
            path,
            chunk,
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "a chunk of shape {shape}"),
                shape=ds.chunks,
            ),
            place=place,
        )


def check_h5_file(h5: Any, path: str | os.PathLike[str]) -> None:
    """Refuse an open ``h5py.File`` that points outside itself or declares too much (module notes).

    Raises
    ------
    LoadError
        The place names the link or dataset.
    """
    import h5py

    def check(name: str, link: Any) -> None:
        if isinstance(link, h5py.ExternalLink):
            raise LoadError(
                path,
                key_place(f"'{excerpt(name)}'"),
                _outside(
                    Text(
                        QT_TRANSLATE_NOOP("FileErrors", "an external link to {file}"),
                        file=excerpt(os.fsdecode(link.filename), 80),
                    )
                ),
            )
        if not isinstance(link, h5py.HardLink | h5py.SoftLink):  # user-defined link types
            raise LoadError(
                path,
                key_place(f"'{excerpt(name)}'"),
                _outside(Text(QT_TRANSLATE_NOOP("FileErrors", "a link of an unknown kind"))),
            )
        if isinstance(link, h5py.HardLink):
            obj = h5.get(name)
            if isinstance(obj, h5py.Dataset):
                _check_dataset(obj, name, path)

    refused: list[LoadError] = []

    def visit(name: str, link: Any) -> bool | None:
        # An exception must not cross the HDF5 library's iteration: keep it, stop, raise after.
        try:
            check(name, link)
        except LoadError as exc:
            refused.append(exc)
            return True
        return None

    h5.visititems_links(visit)
    if refused:
        raise refused[0]
