"""File formats by suffix (and by signature when the suffix is unknown), and file kinds.

Readers and writers are plain functions registered with a decorator, the way
glue registers its data factories::

    @reader("sequence", label="NumPy array", suffixes=(".npy",), magic=(NPY_MAGIC,))
    def read_npy_sequence(path, data, **options) -> Sequence: ...

The app builds its file-dialog filters from :func:`formats`.

What a file holds — a sequence, weights or a whole session — is told by
identifier functions with priorities (glue's ``identifier=`` of a data
factory): :func:`identify` asks them, highest priority first, and the first
that recognises the file decides; a file none recognises is a sequence (its
loader then says what is wrong with it). A dropped file and ``lstm-sim FILE``
are opened this way.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ._files import suffix_in
from .errors import QT_TRANSLATE_NOOP, LoadError, SaveError, Text

__all__ = [
    "KINDS",
    "FileFormat",
    "Identifier",
    "find_reader",
    "find_writer",
    "formats",
    "identifier",
    "identifiers",
    "identify",
    "reader",
    "writer",
]

#: What a file can hold: the kinds readers are registered for.
KINDS = ("sequence", "weights", "session")
#: Bytes of a file's start that the identifiers look at.
HEAD_BYTES = 4096


@dataclass(frozen=True)
class FileFormat:
    """One registered format.

    Attributes
    ----------
    kind : {"sequence", "weights", "session"}
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


# ----------------------------------------------------------------- file kinds
@dataclass(frozen=True)
class Identifier:
    """A test that tells a file of one kind (see :func:`identify`).

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`.
    priority : int
        Higher priorities are asked first.
    function : callable(path, name, head) -> bool
        ``path`` as given, ``name`` the file name in lower case, ``head`` the
        first :data:`HEAD_BYTES` bytes (``b""`` when the file cannot be read).
    """

    kind: str
    priority: int
    function: Callable[[str, str, bytes], bool]


_IDENTIFIERS: list[Identifier] = []


def identifier(
    kind: str, *, priority: int = 0
) -> Callable[[Callable[[str, str, bytes], bool]], Callable[[str, str, bytes], bool]]:
    """Register ``function(path, name, head) -> bool`` as telling files of ``kind``."""
    if kind not in KINDS:
        raise ValueError(f"kind: expected one of {', '.join(KINDS)}, got {kind!r}")

    def register(function: Callable[[str, str, bytes], bool]) -> Callable[[str, str, bytes], bool]:
        _IDENTIFIERS.append(Identifier(kind, priority, function))
        _IDENTIFIERS.sort(key=lambda i: -i.priority)  # stable: equal priorities keep their order
        return function

    return register


def identifiers() -> list[Identifier]:
    """The registered identifiers, in the order :func:`identify` asks them."""
    return list(_IDENTIFIERS)


def _head(path: str) -> bytes:
    if not os.path.isfile(path):
        return b""
    try:
        with open(path, "rb") as fh:
            return fh.read(HEAD_BYTES)
    except OSError:
        return b""


def identify(path: str | os.PathLike[str]) -> str:
    """What the file ``path`` holds: ``"session"``, ``"weights"`` or ``"sequence"``.

    Cheap: the name and the first :data:`HEAD_BYTES` bytes (a zip archive's
    member names for ``.npz``). Anything no identifier recognises — also a
    missing or unreadable file — is a ``"sequence"``: its loader then says
    what is wrong.
    """
    p = os.fspath(path)
    name = os.path.basename(p).lower()
    head: bytes | None = None
    for ident in _IDENTIFIERS:
        if head is None:
            head = _head(p)
        if ident.function(p, name, head):
            return ident.kind
    return "sequence"


#: The session files' suffix (the content is JSON; see io/session_file.py).
_SESSION_SUFFIX = ".lstmsim"
_WEIGHT_KEY = re.compile(r"(^|[./])weight_ih(_l\d+(_reverse)?)?(\.npy)?$")


@identifier("session", priority=100)
def _session_by_suffix(path: str, name: str, head: bytes) -> bool:
    return name.endswith(_SESSION_SUFFIX)


@identifier("weights", priority=90)
def _weights_by_suffix(path: str, name: str, head: bytes) -> bool:
    """Suffixes only weights have (.safetensors, .pt, .pth, .weights.h5, .keras, …)."""
    sequence = {s for f in _READERS["sequence"] for s in f.suffixes}
    only = tuple({s for f in _READERS["weights"] for s in f.suffixes} - sequence)
    return bool(only) and name.endswith(only)


@identifier("session", priority=50)
def _session_json(path: str, name: str, head: bytes) -> bool:
    return name.endswith(".json") and b"lstm-sim-session" in head


@identifier("weights", priority=40)
def _weights_json(path: str, name: str, head: bytes) -> bool:
    return name.endswith(".json") and (b"lstm-sim-weights" in head or b'"weight_ih' in head)


@identifier("weights", priority=40)
def _weights_npz(path: str, name: str, head: bytes) -> bool:
    """An archive with a ``weight_ih`` member (plain, PyTorch-style ``_l0``, or ``cell.``)."""
    if not name.endswith(".npz") or not head.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (OSError, zipfile.BadZipFile, ValueError):
        return False
    return any(_WEIGHT_KEY.search(n) for n in names)


def _load_session(path: str | os.PathLike[str], data: bytes | None = None, **options: Any) -> Any:
    from .session_file import load_session  # the module registers nothing itself

    return load_session(path, **options)


_READERS["session"].append(
    FileFormat(
        "session",
        QT_TRANSLATE_NOOP("FileFormats", "lstm-sim session"),
        (_SESSION_SUFFIX, ".json"),
        _load_session,
    )
)
