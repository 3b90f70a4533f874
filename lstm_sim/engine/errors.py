"""The one error type the engine raises, and translatable messages (Qt-free).

:class:`Text` is an English message template with named fields, e.g.
``Text("line {line}, column {column}", line=3, column=2)``: ``str()`` is the
English text, :meth:`Text.translated` formats a translated template with the
same fields (numbers, keys, file names and values are inserted untranslated; a
field that is itself a :class:`Text` is translated too). Templates are marked
with :func:`QT_TRANSLATE_NOOP` in the context :data:`CONTEXT`, so that
``pyside6-lupdate`` extracts them; nothing here imports Qt — the GUI passes its
``QCoreApplication.translate``.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable
from typing import Any

__all__ = [
    "CONTEXT",
    "QT_TRANSLATE_NOOP",
    "EngineError",
    "Joined",
    "Message",
    "Text",
    "Translate",
    "message_from_data",
]

#: The translation context of every file (and wrapped engine) error template.
CONTEXT = "FileErrors"

#: ``translate(context, source) -> translation`` (e.g. ``QCoreApplication.translate``).
Translate = Callable[[str, str], str]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # lupdate's marker; no Qt here
    """Mark a message template for translation (translated later, in ``context``)."""
    return text


class Text:
    """A translatable message: an English template and its named fields.

    Parameters
    ----------
    template : str
        English, with ``{name}`` fields (:meth:`str.format` syntax), marked
        ``QT_TRANSLATE_NOOP("FileErrors", …)``.
    **fields
        The values: inserted as they are (``str()``), except a :class:`Text`,
        which is itself translated.
    """

    __slots__ = ("fields", "template")

    def __init__(self, template: str, /, **fields: Any) -> None:
        self.template = template
        self.fields = fields

    def __str__(self) -> str:
        return self.template.format(
            **{k: str(v) if isinstance(v, Text | Joined) else v for k, v in self.fields.items()}
        )

    def translated(self, translate: Translate) -> str:
        """The message with the template translated in :data:`CONTEXT`.

        A translation that is empty or does not format with the fields falls
        back to the English template (the fields are still translated).
        """
        fields = {
            k: v.translated(translate) if isinstance(v, Text | Joined) else v
            for k, v in self.fields.items()
        }
        template = translate(CONTEXT, self.template) or self.template
        try:
            return template.format(**fields)
        except (KeyError, IndexError, ValueError):
            return self.template.format(**fields)

    def placeholders(self) -> set[str]:
        """The field names of the template."""
        return template_fields(self.template)

    def to_data(self) -> dict[str, Any]:
        """A JSON-compatible form (fields other than numbers and Texts become strings)."""
        return {
            "template": self.template,
            "fields": {k: _field_data(v) for k, v in self.fields.items()},
        }

    @classmethod
    def from_data(cls, data: Any) -> Message | int | float:
        """The inverse of :meth:`to_data` (a plain string stays a string, a number a number)."""
        if isinstance(data, dict) and isinstance(data.get("template"), str):
            fields: dict[Any, Any] = data["fields"] if isinstance(data.get("fields"), dict) else {}
            return cls(data["template"], **{str(k): cls.from_data(v) for k, v in fields.items()})
        return data if isinstance(data, int | float) and not isinstance(data, bool) else str(data)

    def __repr__(self) -> str:
        fields = "".join(f", {k}={v!r}" for k, v in self.fields.items())
        return f"Text({self.template!r}{fields})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Text):
            return NotImplemented
        return self.template == other.template and self.fields == other.fields

    __hash__ = None  # type: ignore[assignment]


class Joined:
    """Messages joined by a separator, e.g. a list of layers: each part translated on its own."""

    __slots__ = ("parts", "separator")

    def __init__(self, parts: Iterable[Any], separator: str = ", ") -> None:
        self.parts = tuple(parts)
        self.separator = separator

    def __str__(self) -> str:
        return self.separator.join(str(p) for p in self.parts)

    def translated(self, translate: Translate) -> str:
        """Each part translated (plain values as they are), joined."""
        return self.separator.join(translate_message(p, translate) for p in self.parts)

    def __repr__(self) -> str:
        return f"Joined({list(self.parts)!r}, {self.separator!r})"


#: A message: plain text (kept as it is, e.g. what a library said) or a :class:`Text`.
Message = str | Text | Joined


def message_from_data(data: Any) -> Message:
    """:meth:`Text.from_data` for a whole message (a number becomes its text)."""
    message = Text.from_data(data)
    return message if isinstance(message, str | Text | Joined) else str(message)


def _field_data(value: Any) -> Any:
    if isinstance(value, Text):
        return value.to_data()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return str(value)


def translate_message(message: Any, translate: Translate) -> str:
    """``message.translated(translate)`` for a :class:`Text` or an error, else ``str()``."""
    method = getattr(message, "translated", None)
    return method(translate) if callable(method) else str(message)


def template_fields(template: str) -> set[str]:
    """The names of the ``{fields}`` of a :meth:`str.format` template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


class EngineError(ValueError):
    """Parameters, inputs or states that the engine cannot use.

    The message says which argument, what was expected and what was given,
    e.g. ``"weight_hh: expected shape (12, 3), got (12, 4)"``.

    Parameters
    ----------
    message : str or Text
        The whole message, or — with ``subject`` — what is wrong with it.
    subject : str, optional
        The argument concerned (``"weight_hh"``); ``str(err)`` is then
        ``"SUBJECT: MESSAGE"``.
    """

    def __init__(self, message: Message = "", /, *, subject: str | None = None) -> None:
        self.subject = subject
        self.reason = message
        super().__init__(str(self.text))

    @property
    def text(self) -> Message:
        """The message as a :class:`Text` (translatable) or a plain string."""
        if self.subject is None:
            return self.reason
        return Text(
            QT_TRANSLATE_NOOP("FileErrors", "{subject}: {reason}"),
            subject=self.subject,
            reason=self.reason,
        )

    def translated(self, translate: Translate) -> str:
        """The message with its templates translated (plain messages stay as they are)."""
        return translate_message(self.text, translate)
