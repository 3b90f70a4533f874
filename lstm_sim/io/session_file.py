"""Session files: the sequence, the weights, the current step and the settings, as open JSON.

The format is documented in ``docs/session-format.md``. In short::

    {
      "format": "lstm-sim-session",
      "version": 1,
      "sequence": {"name": ..., "input_names": [...], "target_names": [...],
                   "vocabulary": [...], "inputs": [[...], ...], "targets": [[...], ...] | null,
                   "scaling": {...}, "missing": {...}, "step_labels": {...}},  # optional
      "weights": {"weight_ih": [[...]], "weight_hh": [[...]], "bias_ih": [...], "bias_hh": [...]},
      "readout": {"weight": [[...]], "bias": [...]} | null,
      "step": 12,
      "settings": {...}
    }

Numbers are written exactly (shortest round-trip decimal form), so a saved and
re-opened session is bit-for-bit the same. Files are replaced atomically.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..engine import EngineError, LSTMParams
from ..scaling import Scaling
from ..sequence import MissingValues, Sequence
from ..step_labels import StepLabels
from ._budgets import too_many_inputs, too_many_units
from ._files import atomic_write, read_bytes
from ._json import JsonDoc, dumps, parse_json, to_array
from .errors import (
    QT_TRANSLATE_NOOP,
    LoadError,
    SaveError,
    Text,
    excerpt,
    key_place,
    missing_key,
    some,
)
from .sequences import json_sequence, sequence_to_json
from .trace_notes import sequence_notes

__all__ = [
    "SESSION_FORMAT",
    "SESSION_SUFFIX",
    "SESSION_VERSION",
    "SessionDocument",
    "load_session",
    "save_session",
]

SESSION_FORMAT = "lstm-sim-session"
SESSION_VERSION = 1
#: The suffix the app proposes (the content is JSON; any suffix loads).
SESSION_SUFFIX = ".lstmsim"

_PARAM_NAMES = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


@dataclass
class SessionDocument:
    """Everything a session file holds.

    Attributes
    ----------
    sequence : Sequence
    params : LSTMParams
        Its input size must be the sequence's D.
    step : int
        The cursor t, 0 (initial state) … T.
    settings : dict
        Free-form JSON-compatible settings (e.g. ``Settings.to_dict()``:
        window, loss, unit, …); unknown keys are kept.
    readout : (W_y (P, H), b_y (P,)) or None
    """

    sequence: Sequence
    params: LSTMParams
    step: int = 0
    settings: dict[str, Any] = field(default_factory=dict)
    readout: tuple[np.ndarray, np.ndarray] | None = None


def session_to_json(doc: SessionDocument) -> dict[str, Any]:
    """The JSON object of a session (see docs/session-format.md)."""
    readout = None
    if doc.readout is not None:
        readout = {
            "weight": np.asarray(doc.readout[0], dtype=np.float64).tolist(),
            "bias": np.asarray(doc.readout[1], dtype=np.float64).tolist(),
        }
    sequence = sequence_to_json(doc.sequence)
    sequence.update(
        {k: v for k, v in sequence_notes(doc.sequence).items() if v not in (None, _NO_SCALING)}
    )
    return {
        "format": SESSION_FORMAT,
        "version": SESSION_VERSION,
        "sequence": sequence,
        "weights": {n: getattr(doc.params, n).tolist() for n in _PARAM_NAMES},
        "readout": readout,
        "step": int(doc.step),
        "settings": doc.settings,
    }


def save_session(doc: SessionDocument, path: str | os.PathLike[str]) -> None:
    """Write a session file atomically (a temporary file, then :func:`os.replace`).

    Raises
    ------
    SaveError
        Inconsistent content (step out of range, sizes that disagree),
        settings that are not JSON, or the file cannot be written.
    """
    seq, params = doc.sequence, doc.params
    if params.input_size != seq.input_size:
        raise SaveError(path, "", _sizes_disagree(params.input_size, seq.input_size))
    if not 0 <= int(doc.step) <= seq.length:
        raise SaveError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "step {step} is outside 0 … {length}"),
                step=doc.step,
                length=seq.length,
            ),
        )
    if not isinstance(doc.settings, dict):
        raise SaveError(path, "", Text(QT_TRANSLATE_NOOP("FileErrors", "settings must be a dict")))
    try:
        data = dumps(session_to_json(doc))
    except (TypeError, ValueError) as exc:
        raise SaveError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "settings are not JSON-compatible ({detail})"),
                detail=exc,
            ),
        ) from None
    atomic_write(path, data)


def _sizes_disagree(weights: int, sequence: int) -> Text:
    return Text(
        QT_TRANSLATE_NOOP(
            "FileErrors",
            "the weights take {weights} input(s) per step but the sequence has {sequence}",
        ),
        weights=weights,
        sequence=sequence,
    )


def _params(doc: JsonDoc, weights: Any) -> LSTMParams:
    path = doc.path
    if not isinstance(weights, dict):
        raise LoadError(
            path,
            key_place("weights"),
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "expected an object with weight_ih, weight_hh, …")
            ),
        )
    arrays = {}
    for name in _PARAM_NAMES:
        if name not in weights:
            found = some(weights) if weights else ""
            raise LoadError(path, key_place(f"weights.{name}"), missing_key(found))
        arrays[name] = to_array(weights[name], doc, f"weights.{name}")
    if arrays["weight_hh"].ndim == 2:  # H and D within lstm-sim's caps before anything else
        too_many_units(path, arrays["weight_hh"].shape[1], key_place("weights.weight_hh"))
    if arrays["weight_ih"].ndim == 2:
        too_many_inputs(path, arrays["weight_ih"].shape[1], key_place("weights.weight_ih"))
    try:
        return LSTMParams(**arrays)
    except EngineError as exc:  # "weight_hh: expected shape (12, 3), got (12, 4)"
        if exc.subject in _PARAM_NAMES:
            raise LoadError(path, key_place(f"weights.{exc.subject}"), exc.reason) from None
        name, _, reason = str(exc).partition(": ")
        if exc.subject is None and name in _PARAM_NAMES:
            raise LoadError(path, key_place(f"weights.{name}"), reason) from None
        raise LoadError(path, key_place("weights"), exc) from None


def _readout(doc: JsonDoc, value: Any, hidden: int) -> tuple[np.ndarray, np.ndarray] | None:
    path = doc.path
    if value is None:
        return None
    if not isinstance(value, dict) or "weight" not in value:
        raise LoadError(
            path,
            key_place("readout"),
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "expected null or an object with weight and bias")
            ),
        )
    w = to_array(value["weight"], doc, "readout.weight", ndims=(2,))
    if w.shape[1] != hidden:
        raise LoadError(
            path,
            key_place("readout.weight"),
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "expected shape (P, {hidden}), got {shape}"),
                hidden=hidden,
                shape=w.shape,
            ),
        )
    if value.get("bias") is None:
        return w, np.zeros(w.shape[0])
    b = to_array(value["bias"], doc, "readout.bias", ndims=(1,))
    if b.shape != (w.shape[0],):
        raise LoadError(
            path,
            key_place("readout.bias"),
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "expected shape {expected}, got {shape}"),
                expected=(w.shape[0],),
                shape=b.shape,
            ),
        )
    return w, b


_NO_SCALING = {"inputs": None, "targets": None}


def _sequence_notes(doc: JsonDoc, value: dict[str, Any]) -> dict[str, Any]:
    """``sequence.scaling``, ``.missing``, ``.step_labels`` as Sequence fields (absent: None)."""
    out: dict[str, Any] = {}
    scaling = value.get("scaling")
    if scaling is not None and not isinstance(scaling, dict):
        raise LoadError(
            doc.path,
            key_place("sequence.scaling"),
            Text(QT_TRANSLATE_NOOP("FileErrors", "expected an object with inputs and targets")),
        )
    parts: list[tuple[str, str, Any, Any]] = [
        ("input_scaling", "sequence.scaling.inputs", (scaling or {}).get("inputs"), Scaling),
        ("target_scaling", "sequence.scaling.targets", (scaling or {}).get("targets"), Scaling),
        ("missing", "sequence.missing", value.get("missing"), MissingValues),
        ("step_labels", "sequence.step_labels", value.get("step_labels"), StepLabels),
    ]
    for name, key, item, kind in parts:
        if item is None:
            continue
        try:
            out[name] = kind.from_json(item)
        except EngineError as exc:
            place = f"{key}.{exc.subject}" if exc.subject else key
            raise LoadError(doc.path, key_place(place), exc.reason) from None
    return out


def load_session(path: str | os.PathLike[str]) -> SessionDocument:
    """Read a session file.

    Raises
    ------
    LoadError
        Not a session, a newer version, a missing or malformed part (the place
        is its JSON path, e.g. ``key sequence.inputs[3][1]``), or sizes that
        disagree between the sequence and the weights.
    """
    doc = parse_json(read_bytes(path, expect="json"), path)  # any suffix: JSON
    value = doc.value
    if not isinstance(value, dict) or value.get("format") != SESSION_FORMAT:
        raise LoadError(
            path,
            key_place("format"),
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "not an lstm-sim session (expected {format})"),
                format=repr(SESSION_FORMAT),
            ),
        )
    version = value.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise LoadError(
            path,
            key_place("version"),
            Text(QT_TRANSLATE_NOOP("FileErrors", "missing or not an integer")),
        )
    if version > SESSION_VERSION:
        raise LoadError(
            path,
            key_place("version"),
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "version {version} was written by a newer lstm-sim "
                    "(this one reads up to {supported})",
                ),
                version=version,
                supported=SESSION_VERSION,
            ),
        )
    for key in ("sequence", "weights"):
        if key not in value:
            raise LoadError(path, key_place(key), Text(QT_TRANSLATE_NOOP("FileErrors", "missing")))
    if not isinstance(value["sequence"], dict):
        raise LoadError(
            path,
            key_place("sequence"),
            Text(QT_TRANSLATE_NOOP("FileErrors", "expected an object with inputs, targets, …")),
        )
    try:
        seq = json_sequence(doc, value["sequence"], "sequence.")
    except EngineError as exc:
        raise LoadError(path, key_place("sequence"), exc) from None
    meta = dict(seq.meta, format="session")
    notes = _sequence_notes(doc, value["sequence"])
    try:
        seq = Sequence(
            seq.inputs,
            seq.targets,
            seq.input_names,
            seq.target_names,
            seq.name,
            seq.vocabulary,
            meta,
            **notes,
        )
    except EngineError as exc:  # e.g. scaling of 2 columns for 3 inputs
        raise LoadError(path, key_place("sequence"), exc) from None
    params = _params(doc, value["weights"])
    if params.input_size != seq.input_size:
        raise LoadError(
            path,
            key_place("weights.weight_ih"),
            _sizes_disagree(params.input_size, seq.input_size),
        )
    readout = _readout(doc, value.get("readout"), params.hidden_size)
    step = value.get("step", 0)
    if isinstance(step, bool) or not isinstance(step, int) or not 0 <= step <= seq.length:
        raise LoadError(
            path,
            key_place("step"),
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "expected an integer 0 … {last}, got {value}"),
                last=seq.length,
                value=excerpt(repr(step)),
            ),
        )
    settings = value.get("settings", {})
    if settings is None:
        settings = {}
    if not isinstance(settings, dict):
        raise LoadError(
            path, key_place("settings"), Text(QT_TRANSLATE_NOOP("FileErrors", "expected an object"))
        )
    return SessionDocument(seq, params, step, settings, readout)
