"""The error types of :mod:`lstm_sim.io`.

Loaders let exactly one exception type escape, :class:`LoadError`; savers,
:class:`SaveError`. Both name the file, the place in it and the reason, so the
app can show them in a dialog and the command line as one line on stderr::

    data.csv: line 3, column 2: 'abc' is not a number

:class:`LoadCancelled` is raised when the caller's ``cancel()`` callback asks a
loader to stop; it is deliberately *not* a :class:`LoadError` (nothing is
wrong with the file).
"""

from __future__ import annotations

import os

__all__ = ["FileError", "LoadCancelled", "LoadError", "SaveError"]


class FileError(Exception):
    """A file that could not be read or written.

    Parameters
    ----------
    path : str or os.PathLike
        The file.
    place : str
        Where in the file: ``"line 3, column 2"``, ``"key 'weight_hh'"``,
        ``"byte 0"``; ``""`` when it concerns the whole file.
    reason : str
        What is wrong, in words (one line).

    ``str(err)`` is ``"FILE: PLACE: REASON"`` (``"FILE: REASON"`` without a
    place), FILE being the path as given.
    """

    def __init__(self, path: str | os.PathLike[str], place: str, reason: str) -> None:
        self.path = os.fspath(path)
        self.place = place
        # One line, whatever the wrapped library said.
        self.reason = " ".join(str(reason).split())
        super().__init__(self.path, self.place, self.reason)

    def __str__(self) -> str:
        parts = [self.path, self.place, self.reason] if self.place else [self.path, self.reason]
        return ": ".join(parts)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.path!r}, {self.place!r}, {self.reason!r})"


class LoadError(FileError):
    """A file that cannot be loaded: the only error a loader lets escape."""


class SaveError(FileError):
    """A file that cannot be written (the previous file, if any, is left intact)."""


class LoadCancelled(Exception):
    """The caller's ``cancel()`` callback returned True; loading stopped."""
