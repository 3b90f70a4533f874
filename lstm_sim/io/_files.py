"""Reading and writing whole files, with every OS-level failure turned into our errors.

Every reader opens a user's file through :func:`open_data` (or
:func:`read_bytes`, :func:`read_head`, which use it): what cannot be a data
file — a directory, a device such as ``/dev/zero``, a named pipe, a socket — is
refused by :func:`check_data_file` from its ``stat`` *before* it is opened
(opening a FIFO would wait for a writer forever), and the file is opened with
``O_NONBLOCK`` and checked again on the open descriptor, so that a file
swapped for a FIFO in between cannot block either. :func:`read_bytes` then
looks at the first bytes and the size and checks the memory the content will
take (:mod:`lstm_sim.io._budgets`) before reading the rest. Savers write
through :func:`atomic_write`: a new file, or the old one untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, BinaryIO

from .errors import QT_TRANSLATE_NOOP, LoadError, Message, SaveError, Text

__all__ = [
    "HEAD_SIZE",
    "atomic_write",
    "check_data_file",
    "decode_text",
    "empty_file",
    "is_a_directory",
    "open_data",
    "os_reason",
    "read_bytes",
    "read_head",
    "suffix_in",
]

#: Bytes of a file's start that :func:`read_bytes` looks at before reading the rest
#: (enough for any NPY header, which is at most 100 000 bytes).
HEAD_SIZE = 128 * 1024


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


def _not_a_data_file(mode: int) -> Text | None:
    """Why a file of this ``st_mode`` cannot be a data file (None: a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return is_a_directory()
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Text(QT_TRANSLATE_NOOP("FileErrors", "is a device, not a data file"))
    if stat.S_ISFIFO(mode):
        return Text(QT_TRANSLATE_NOOP("FileErrors", "is a named pipe (FIFO), not a data file"))
    if stat.S_ISSOCK(mode):
        return Text(QT_TRANSLATE_NOOP("FileErrors", "is a socket, not a data file"))
    return Text(QT_TRANSLATE_NOOP("FileErrors", "is not a regular file"))


def check_data_file(path: str | os.PathLike[str]) -> int:
    """The size in bytes of ``path``, after checking from its ``stat`` that it is a regular file.

    Called before anything opens a user's file: a directory, a device
    (``/dev/zero``, ``/dev/urandom``), a named pipe (opening one waits for a
    writer) or a socket is refused without being opened.

    Raises
    ------
    LoadError
        Not a regular file (the reason says what it is), no such file, no
        permission to look at it, …
    """
    try:
        mode_size = os.stat(path)
    except OSError as exc:
        raise LoadError(path, "", os_reason(exc)) from None
    except ValueError:  # an embedded NUL character in the name
        invalid = Text(QT_TRANSLATE_NOOP("FileErrors", "invalid file name"))
        raise LoadError(path, "", invalid) from None
    reason = _not_a_data_file(mode_size.st_mode)
    if reason is not None:
        raise LoadError(path, "", reason)
    return mode_size.st_size


def _nonblocking(file: str, flags: int) -> int:
    # Opening a FIFO for reading waits for a writer unless O_NONBLOCK is given.
    return os.open(file, flags | getattr(os, "O_NONBLOCK", 0))


def open_data(path: str | os.PathLike[str]) -> BinaryIO:
    """``path`` opened for binary reading, if it is a regular file (see :func:`check_data_file`).

    The file is opened with ``O_NONBLOCK`` and checked again on the open
    descriptor, so that a file replaced by a FIFO or a device between the check
    and the opening is refused too, without blocking.

    Raises
    ------
    LoadError
    """
    check_data_file(path)
    try:
        fh = open(path, "rb", opener=_nonblocking)  # returned: the caller closes it
    except OSError as exc:
        raise LoadError(path, "", os_reason(exc)) from None
    reason: Message | None
    try:
        reason = _not_a_data_file(os.fstat(fh.fileno()).st_mode)
    except OSError as exc:
        reason = os_reason(exc)
    if reason is not None:
        fh.close()
        raise LoadError(path, "", reason)
    return fh


def read_head(path: str | os.PathLike[str], size: int = 64) -> tuple[int, bytes]:
    """``(file size, first size bytes)`` of a data file (to choose a format before reading it).

    Raises
    ------
    LoadError
    """
    with open_data(path) as fh:
        try:
            return os.fstat(fh.fileno()).st_size, fh.read(size)
        except OSError as exc:
            raise LoadError(path, "", os_reason(exc)) from None


def read_bytes(
    path: str | os.PathLike[str],
    *,
    expect: str | None = None,
    max_rows: int | None = None,
    limit: int | None = None,
) -> bytes:
    """The content of a data file, once its start and size say that it fits in memory.

    Parameters
    ----------
    path : path-like
    expect : {"json", "text"}, optional
        What the caller will parse, for the checks of :func:`~lstm_sim.io._budgets.admit`
        (by default guessed from the suffix: ``.json``, ``.lstmsim``, ``.txt``,
        ``.text``, or from a first ``{`` or ``[``). Tables are not read whole:
        the CSV reader streams them (``csv_table.py``).
    max_rows : int, optional
        For an ``.npy`` file: only the first ``max_rows`` rows will be used, so
        only the bytes up to them are read (and budgeted).
    limit : int, optional
        Read at most this many bytes from the start.

    Raises
    ------
    LoadError
        Not a regular file, no such file, no permission, the content is not
        what it should be (a binary file given as JSON or text), or more
        memory than there is (the error's ``budget`` is the
        :class:`~lstm_sim.engine.budget.BudgetError`).
    """
    from ._budgets import admit

    with open_data(path) as fh:
        try:
            size = os.fstat(fh.fileno()).st_size
            head = fh.read(HEAD_SIZE)
            want = admit(fh, path, size, head, expect=expect, max_rows=max_rows)
            if limit is not None:
                want = min(want, max(int(limit), 0))
            if want <= len(head):
                return head[:want]
            fh.seek(0)
            return fh.read(want)
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


def _fsync_directory(directory: str) -> None:
    """Make a rename in ``directory`` durable (POSIX; nothing where a folder cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a directory; the file itself is synced
    finally:
        os.close(fd)


def atomic_write(path: str | os.PathLike[str], write: Callable[[IO[bytes]], None] | bytes) -> None:
    """Write a file so that it is either entirely new or untouched.

    The content goes to a temporary file in the same directory, which is
    flushed and synced to disk (``fsync``) and then replaces ``path`` with
    :func:`os.replace` (atomic on POSIX and Windows); the directory is synced
    too, so that the new name survives a crash. If anything fails — the disk
    is full, the writer raises, the process runs out of memory — the
    temporary file is removed and the previous file stays as it was. A
    symbolic link is followed (the file it points to is replaced, the link
    stays), and the file keeps its permissions.

    Parameters
    ----------
    path : path-like
    write : bytes or callable(binary file) -> None

    Raises
    ------
    SaveError
        The directory does not exist or is not writable, the disk is full,
        ``path`` is a directory or a device, …
    """
    path = os.fspath(path)
    target = os.path.realpath(path) if os.path.islink(path) else path
    directory = os.path.dirname(os.path.abspath(target))
    try:
        st = os.stat(target)
    except OSError:
        mode = 0o666 & ~_umask()
    else:
        refused: Message | None = _not_a_data_file(st.st_mode)
        if refused is not None:  # never replace a directory, a device or a FIFO by a file
            if stat.S_ISDIR(st.st_mode):
                refused = Text(QT_TRANSLATE_NOOP("FileErrors", "is a directory"))
            raise SaveError(path, "", refused)
        mode = st.st_mode & 0o777
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(
            dir=directory, prefix=f".{os.path.basename(target)}.", suffix=".tmp"
        )
        with os.fdopen(fd, "wb") as fh:
            if isinstance(write, bytes | bytearray | memoryview):
                fh.write(write)
            else:
                write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
        _fsync_directory(directory)
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
    except MemoryError:
        raise SaveError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "cannot write: {reason}"),
                reason=Text(QT_TRANSLATE_NOOP("FileErrors", "not enough memory")),
            ),
        ) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
