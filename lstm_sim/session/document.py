"""A session as a session file holds it, and back (Qt-free; the file format is io's).

:func:`session_document` is what File ▸ Save writes; :func:`read_document`
checks what File ▸ Open Session read before anything of the current session
changes, and says which key is wrong (:class:`DocumentError`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..engine import EngineError, LSTMParams
from ..engine.errors import QT_TRANSLATE_NOOP, Message, Text
from ..io import SessionDocument
from ..sequence import Sequence
from ..train import Readout
from .settings import Settings, SettingsError

if TYPE_CHECKING:
    from .model import Session

__all__ = ["DocumentError", "DocumentSetup", "read_document", "session_document"]


class DocumentError(EngineError):
    """A session file whose contents cannot be used.

    Attributes
    ----------
    key : str
        Where in the file (``"settings.window"``, ``"readout.weight"``).
    reason : Message
        Why (translatable).
    """

    def __init__(self, key: str, reason: Message) -> None:
        super().__init__(reason, subject=key)
        self.key = key


@dataclass(frozen=True)
class DocumentSetup:
    """A checked session file, ready for :meth:`Session.apply_setup`.

    Attributes
    ----------
    sequence : Sequence
    params : LSTMParams
    settings : Settings
    unit : int
        The selected unit (0 … H-1).
    step : int
        The cursor (0 … T).
    readout : Readout or None
    """

    sequence: Sequence
    params: LSTMParams
    settings: Settings
    unit: int
    step: int
    readout: Readout | None


def session_document(session: Session) -> SessionDocument:
    """What a session file holds for ``session`` (its settings include the selected unit).

    Raises
    ------
    DocumentError
        The session holds a whole model (``key`` "model"): a session file holds one
        cell, and the shown cell alone, reopened, would run as a forward cell on the
        sequence — numbers the model does not produce.
    """
    if session.model is not None:
        raise DocumentError(
            "model",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "a session file holds one cell, and this session shows {cell} of a "
                    "model of {count} cells; open the model file again to look at it",
                ),
                cell=session.cell_key.text(),
                count=len(session.model.cell_keys()),
            ),
        )
    settings: dict[str, Any] = session.settings.to_dict()
    settings["unit"] = session.unit
    readout = session.readout
    pair = None if readout is None else (readout.W_y, readout.b_y)
    return SessionDocument(session.sequence, session.params, session.t, settings, pair)


def read_document(doc: SessionDocument) -> DocumentSetup:
    """Check the settings, the unit and the read-out of a session file.

    Raises
    ------
    DocumentError
        A setting of the wrong type or out of range, a unit outside 0 … H-1, or
        a read-out that does not fit the cell or the targets (``key`` says where).
    """
    raw = dict(doc.settings)
    unit = raw.pop("unit", 0)
    hidden = doc.params.hidden_size
    if isinstance(unit, bool) or not isinstance(unit, int) or not 0 <= unit < hidden:
        raise DocumentError(
            "settings.unit",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "expected an integer 0 … {last}, got {value}"),
                last=hidden - 1,
                value=repr(unit),
            ),
        )
    try:
        settings = Settings.from_dict(raw)
    except SettingsError as err:
        raise DocumentError(f"settings.{err.key}", err.reason) from None
    readout = None
    if doc.readout is not None:
        try:
            readout = Readout(*doc.readout)
        except EngineError as err:
            raise DocumentError("readout", err.text) from None
        if readout.hidden_size != hidden:
            raise DocumentError(
                "readout.weight",
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors", "the read-out takes {a} units, the cell has {b}"
                    ),
                    a=readout.hidden_size,
                    b=hidden,
                ),
            )
        p = doc.sequence.target_size
        if p and readout.output_size != p:
            raise DocumentError(
                "readout.weight",
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors", "the read-out gives {a} outputs, the sequence has {b} targets"
                    ),
                    a=readout.output_size,
                    b=p,
                ),
            )
    step = min(max(int(doc.step), 0), doc.sequence.length)
    return DocumentSetup(doc.sequence, doc.params, settings, unit, step, readout)
