"""The error types of :mod:`lstm_sim.io`, and their translatable messages.

Loaders let exactly one exception type escape, :class:`LoadError`; savers,
:class:`SaveError`. Both name the file, the place in it and the reason, so the
app can show them in a dialog and the command line as one line on stderr::

    data.csv: line 3, column 2: 'abc' is not a number

The place and the reason are :class:`Text` messages — an English template
with named fields, marked ``QT_TRANSLATE_NOOP("FileErrors", …)`` — or plain
strings (what a library or the OS said, kept as it is). ``str(err)`` is always
English (the command line prints it); :meth:`FileError.translated` gives the
same message in the language of the caller's ``translate(context, text)``
(the GUI passes ``QCoreApplication.translate``)::

    >>> reason = Text("{value} is not a number", value="'abc'")
    >>> err = LoadError("data.csv", line_column(3, 2), reason)
    >>> str(err)
    "data.csv: line 3, column 2: 'abc' is not a number"

:class:`LoadCancelled` is raised when the caller's ``cancel()`` callback asks a
loader to stop; it is deliberately *not* a :class:`LoadError` (nothing is
wrong with the file).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ..engine.budget import BudgetError
from ..engine.errors import (
    CONTEXT,
    QT_TRANSLATE_NOOP,
    EngineError,
    Joined,
    Message,
    Text,
    Translate,
    translate_message,
)

__all__ = [
    "CONTEXT",
    "MAX_FIELD",
    "QT_TRANSLATE_NOOP",
    "FileError",
    "Joined",
    "LoadCancelled",
    "LoadError",
    "Message",
    "SaveError",
    "Text",
    "Translate",
    "excerpt",
    "index_place",
    "key_place",
    "line_column",
    "line_place",
    "missing_key",
    "none",
    "some",
]

#: Longest field (a value, a name, a library's words) a message shows; longer ones are cut.
MAX_FIELD = 200


def _one_line(text: str) -> str:
    return " ".join(text.split())


def excerpt(value: object, limit: int = 40) -> str:
    """``value`` as text on one line, cut to ``limit`` characters (``"…"`` marks the cut).

    For quoting what a file holds (a cell, a key, a header): a message must
    never echo a whole 50 MB cell. Only the first characters are looked at.

    >>> excerpt("x" * 10_000_000, 5)
    'xxxxx…'
    """
    text = value if isinstance(value, str) else str(value)
    head = text[:limit]
    if not head.isprintable():  # line ends, tabs, control characters: one line, same length
        head = "".join(c if c.isprintable() else " " for c in head)
    return head + "…" if len(text) > limit else head


def some(names: Iterable[object], count: int = 12) -> Joined:
    """The first ``count`` of ``names``, each cut by :func:`excerpt`; ``"…"`` if there are more."""
    shown = []
    for k, name in enumerate(names):
        if k == count:
            shown.append("…")
            break
        shown.append(excerpt(name))
    return Joined(shown)


def _bounded(message: Message) -> Message:
    """``message`` with every field (and a plain message) cut to :data:`MAX_FIELD` characters.

    The same object when nothing needed cutting.
    """
    if isinstance(message, Text):
        fields = {k: _bounded_field(v) for k, v in message.fields.items()}
        if all(fields[k] is v for k, v in message.fields.items()):
            return message
        return Text(message.template, **fields)
    if isinstance(message, Joined):
        parts = [_bounded_field(p) for p in message.parts]
        if all(a is b for a, b in zip(parts, message.parts, strict=True)):
            return message
        return Joined(parts, message.separator)
    if isinstance(message, str) and len(message) <= 4 * MAX_FIELD:
        return message
    return excerpt(message, 4 * MAX_FIELD)


def _bounded_field(value: object) -> object:
    if isinstance(value, Text | Joined):
        return _bounded(value)
    if isinstance(value, int | float) or (isinstance(value, str) and len(value) <= MAX_FIELD):
        return value
    text = str(value)
    return value if len(text) <= MAX_FIELD else excerpt(text, MAX_FIELD)


class FileError(Exception):
    """A file that could not be read or written.

    Parameters
    ----------
    path : str or os.PathLike
        The file.
    place : str or Text
        Where in the file: ``"line 3, column 2"``, ``"key 'weight_hh'"``,
        ``"byte 0"``; ``""`` when it concerns the whole file.
    reason : str, Text or EngineError
        What is wrong, in words (one line). An :class:`EngineError` gives its
        (translatable) message. Every field of the place and the reason is cut
        to :data:`MAX_FIELD` characters (a file's content is quoted, never
        echoed whole).

    Attributes
    ----------
    path : str
    place, reason : str
        In English (``reason`` on one line).
    place_text, reason_text : str or Text
        The messages as given (translatable when a :class:`Text`).
    budget : BudgetError or None
        When the reason is that the file needs more memory than there is: the
        error, whose ``fits`` says how many steps (rows) would fit.

    ``str(err)`` is ``"FILE: PLACE: REASON"`` (``"FILE: REASON"`` without a
    place), FILE being the path as given.
    """

    def __init__(
        self, path: str | os.PathLike[str], place: Message, reason: Message | EngineError
    ) -> None:
        self.budget = reason if isinstance(reason, BudgetError) else None
        if isinstance(reason, EngineError):
            reason = reason.text
        self.path = os.fspath(path)
        self.place_text: Message = _bounded(place)
        self.reason_text: Message = _bounded(reason)
        self.place = str(self.place_text)
        # One line, whatever the wrapped library said.
        self.reason = _one_line(str(self.reason_text))
        super().__init__(self.path, self.place, self.reason)

    def __str__(self) -> str:
        parts = [self.path, self.place, self.reason] if self.place else [self.path, self.reason]
        return ": ".join(parts)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.path!r}, {self.place!r}, {self.reason!r})"

    def __reduce__(self):
        return (type(self), (self.path, self.place_text, self.reason_text))

    def translated(self, translate: Translate) -> str:
        """``"FILE: PLACE: REASON"`` with the place and the reason translated.

        Parameters
        ----------
        translate : callable(context, text) -> str
            E.g. ``lambda ctx, s: QCoreApplication.translate(ctx, s)``; the
            templates are looked up in the context :data:`CONTEXT`
            (``"FileErrors"``). Plain-string places and reasons, and the
            fields of the templates (numbers, keys, file names, values), are
            inserted as they are.
        """
        reason = _one_line(translate_message(self.reason_text, translate))
        if self.place:
            return Text(
                QT_TRANSLATE_NOOP("FileErrors", "{file}: {place}: {reason}"),
                file=self.path,
                place=translate_message(self.place_text, translate),
                reason=reason,
            ).translated(translate)
        return Text(
            QT_TRANSLATE_NOOP("FileErrors", "{file}: {reason}"), file=self.path, reason=reason
        ).translated(translate)


class LoadError(FileError):
    """A file that cannot be loaded: the only error a loader lets escape."""


class SaveError(FileError):
    """A file that cannot be written (the previous file, if any, is left intact)."""


class LoadCancelled(Exception):
    """The caller's ``cancel()`` callback returned True; loading stopped."""


# ------------------------------------------------------- common phrases
def missing_key(found: Message) -> Text:
    """The reason "missing (keys found: a, b)" ("none" when there are none)."""
    return Text(
        QT_TRANSLATE_NOOP("FileErrors", "missing (keys found: {keys})"), keys=found or none()
    )


def none() -> Text:
    """The word "none" (e.g. "keys found: none")."""
    return Text(QT_TRANSLATE_NOOP("FileErrors", "none"))


def line_place(number: int) -> Text:
    """The place ``"line 3"``."""
    return Text(QT_TRANSLATE_NOOP("FileErrors", "line {line}"), line=number)


def line_column(number: int, column: int) -> Text:
    """The place ``"line 3, column 2"`` (both counted from 1)."""
    return Text(
        QT_TRANSLATE_NOOP("FileErrors", "line {line}, column {column}"),
        line=number,
        column=column,
    )


def key_place(name: str) -> Text:
    """The place ``"key NAME"``: NAME as shown (``"'weight_hh'"``, ``"inputs[3][1]"``)."""
    return Text(QT_TRANSLATE_NOOP("FileErrors", "key {key}"), key=name)


def index_place(place: Message, index: str) -> Text:
    """``"PLACE, index [0, 1]"``, or ``"index [0, 1]"`` when ``place`` is empty."""
    if place:
        return Text(
            QT_TRANSLATE_NOOP("FileErrors", "{place}, index [{index}]"), place=place, index=index
        )
    return Text(QT_TRANSLATE_NOOP("FileErrors", "index [{index}]"), index=index)
