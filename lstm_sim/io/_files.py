"""Reading and writing whole files, with every OS-level failure turned into our errors."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

from .errors import QT_TRANSLATE_NOOP, LoadError, Message, SaveError, Text

__all__ = [
    "atomic_write",
    "decode_text",
    "empty_file",
    "is_a_directory",
    "os_reason",
    "read_bytes",
    "suffix_in",
]


def is_a_directory() -> Text:
    """The reason "is a directory, not a file"."""
    return Text(QT_TRANSLATE_NOOP("FileErrors", "is a directory, not a file"))


def empty_file(data: bytes) -> Text:
    """The reason for a file without content: empty, or only blanks."""
    if not data:
        return Text(QT_TRANSLATE_NOOP("FileErrors", "empty file"))
    return Text(QT_TRANSLATE_NOOP("FileErrors", "the file holds only blanks"))


#: Reasons for the common OS errors, by errno (translatable; others keep the OS's words).
_ERRNO_REASONS = {
    errno.ENOSPC: QT_TRANSLATE_NOOP("FileErrors", "no space left on device"),
    errno.EROFS: QT_TRANSLATE_NOOP("FileErrors", "read-only file system"),
    errno.ENOTDIR: QT_TRANSLATE_NOOP("FileErrors", "not a directory"),
    errno.ENAMETOOLONG: QT_TRANSLATE_NOOP("FileErrors", "file name too long"),
    errno.EMFILE: QT_TRANSLATE_NOOP("FileErrors", "too many open files"),
    errno.EIO: QT_TRANSLATE_NOOP("FileErrors", "input/output error"),
    errno.EEXIST: QT_TRANSLATE_NOOP("FileErrors", "file exists"),
    errno.EBUSY: QT_TRANSLATE_NOOP("FileErrors", "device or resource busy"),
    errno.EFBIG: QT_TRANSLATE_NOOP("FileErrors", "file too large"),
}
if hasattr(errno, "EDQUOT"):
    _ERRNO_REASONS[errno.EDQUOT] = QT_TRANSLATE_NOOP("FileErrors", "disk quota exceeded")


def os_reason(exc: OSError, *, writing: bool = False) -> Message:
    """A short reason for an OSError, without the path (the message adds it).

    The common cases (no such file, permission denied, a directory, disk full,
    …) are translatable :class:`Text`; any other error keeps the OS's words.
    """
    if isinstance(exc, IsADirectoryError):
        return is_a_directory()
    if isinstance(exc, FileNotFoundError):
        return Text(QT_TRANSLATE_NOOP("FileErrors", "no such file"))
    if isinstance(exc, PermissionError):
        if writing:
            return Text(QT_TRANSLATE_NOOP("FileErrors", "permission denied"))
        return Text(QT_TRANSLATE_NOOP("FileErrors", "permission denied (the file cannot be read)"))
    if exc.errno in _ERRNO_REASONS:
        return Text(_ERRNO_REASONS[exc.errno])
    if exc.errno is not None and exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    return str(exc) or type(exc).__name__


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The whole content of ``path``.

    Raises
    ------
    LoadError
        No such file, a directory, no permission, or any other OS error.
    """
    if os.path.isdir(path):
        raise LoadError(path, "", is_a_directory())
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise LoadError(path, "", os_reason(exc)) from None
    except MemoryError:
        raise LoadError(
            path, "", Text(QT_TRANSLATE_NOOP("FileErrors", "too large to read into memory"))
        ) from None


def decode_text(data: bytes, path: str | os.PathLike[str]) -> str:
    """UTF-8 text without a byte-order mark, with every line end turned into ``"\\n"``.

    Raises
    ------
    LoadError
        The bytes are not UTF-8 (the place gives the line and byte offset).
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LoadError(
            path,
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "line {line} (byte {byte})"),
                line=line,
                byte=exc.start,
            ),
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "not UTF-8 text (is this a binary file, or text in another encoding?)",
                )
            ),
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def suffix_in(path: str | os.PathLike[str], suffixes: list[str]) -> str | None:
    """The longest of ``suffixes`` (lower case, with dot) that the file name ends with."""
    name = Path(path).name.lower()
    best = None
    for s in suffixes:
        if name.endswith(s) and len(name) > len(s) and (best is None or len(s) > len(best)):
            best = s
    return best


def _umask() -> int:
    """The process umask, read without changing it (Linux); 0o022 elsewhere."""
    with contextlib.suppress(OSError, ValueError):
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    return 0o022


def atomic_write(path: str | os.PathLike[str], write: Callable[[IO[bytes]], None] | bytes) -> None:
    """Write a file so that it is either entirely new or untouched.

    The content goes to a temporary file in the same directory, which then
    replaces ``path`` with :func:`os.replace` (atomic on POSIX and Windows).

    Parameters
    ----------
    path : path-like
    write : bytes or callable(binary file) -> None

    Raises
    ------
    SaveError
        The directory does not exist or is not writable, the disk is full, …
    """
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise SaveError(path, "", Text(QT_TRANSLATE_NOOP("FileErrors", "is a directory")))
    try:
        mode = os.stat(path).st_mode & 0o777
    except OSError:
        mode = 0o666 & ~_umask()
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(
            dir=directory, prefix=f".{os.path.basename(path)}.", suffix=".tmp"
        )
        with os.fdopen(fd, "wb") as fh:
            if isinstance(write, bytes | bytearray | memoryview):
                fh.write(write)
            else:
                write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        reason = os_reason(exc, writing=True)
        if exc.errno == errno.ENOENT:
            reason = Text(
                QT_TRANSLATE_NOOP("FileErrors", "the folder {folder} does not exist"),
                folder=directory,
            )
        raise SaveError(
            path, "", Text(QT_TRANSLATE_NOOP("FileErrors", "cannot write: {reason}"), reason=reason)
        ) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
