"""A whole model from a file: every layer and direction, and the head.

:func:`load_model` reads

- PyTorch state dicts (``.pt``/``.pth``/``.bin``/``.ckpt`` by content, ``.safetensors``,
  ``.npz``, ``.json``) of an ``nn.LSTM`` with any ``num_layers``, ``bidirectional``,
  ``proj_size=0`` (or an ``nn.LSTMCell``), and the ``nn.Linear`` after it: a
  head is found under the names ``fc``, ``head``, ``linear``, ``readout``,
  ``out``, ``output``, ``classifier``, ``decoder``, ``dense`` (with any module
  prefix), or as the only 2-D weight that fits the top layer's width; the
  user names it (``head="decoder"``) or turns it off (``head="none"``) when
  that is ambiguous;
- Keras ``.keras`` / ``.weights.h5`` / ``.h5`` (:mod:`lstm_sim.io.keras_model`);
- ONNX ``.onnx`` (:mod:`lstm_sim.io.onnx_model`);
- an lstm-sim session (read by :func:`~lstm_sim.io.load_session`, with its checks).

What had to be assumed or chosen (which head was taken, a bare Keras weights
file's activations) comes back as :attr:`LoadedModel.notes`, for the CLI to
print and the app to show.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..engine import EngineError
from ..engine.model import HEAD_ON, CellKey, Head, Layer, Model, describe_cells
from ._files import read_bytes, read_head, suffix_in
from .errors import QT_TRANSLATE_NOOP, LoadError, Message, Text, key_place, none

__all__ = ["HEAD_NAMES", "LoadedModel", "cell_shown_note", "load_model"]

# Module names taken for the head when they hold a 2-D ``weight`` of the right width.
HEAD_NAMES = (
    "fc",
    "head",
    "linear",
    "readout",
    "out",
    "output",
    "classifier",
    "decoder",
    "dense",
)
_CELL_KEY = re.compile(r".*(weight|bias)_(ih|hh|hr)(_l\d+(_reverse)?)?")
_LSTM_KEY = re.compile(r"(?P<prefix>.*?)weight_hh(?:_l\d+(?:_reverse)?)?")


@dataclass
class LoadedModel:
    """What :func:`load_model` gives.

    Attributes
    ----------
    model : Model
    notes : list of Message
        Things the user should be told (translatable): which head was taken,
        what a file did not record and was assumed.
    """

    model: Model
    notes: list[Message] = field(default_factory=list)


def cell_shown_note(model: Model, key: CellKey, chosen: bool) -> Text | None:
    """ "The file holds … ; shown: layer 0" when the model has several cells and none was chosen."""
    keys = model.cell_keys()
    if chosen or len(keys) < 2:
        return None
    return Text(
        QT_TRANSLATE_NOOP(
            "FileErrors",
            "the model has {count} cells ({cells}); shown: {cell} (choose another with "
            "--layer and --reverse)",
        ),
        count=len(keys),
        cells=describe_cells(keys),
        cell=CellKey(*key).text(),
    )


def load_model(
    path: str | os.PathLike[str],
    *,
    lstm: str | None = None,
    head: str | None = None,
    head_on: str | None = None,
) -> LoadedModel:
    """Read a whole model (see the module notes for the formats).

    Parameters
    ----------
    path : path-like
    lstm : str, optional
        The module prefix of the LSTM in a state dict holding several
        (``"encoder.rnn"``).
    head : str, optional
        The head's module name in a state dict (``"decoder"``, ``"model.fc"``),
        or ``"none"`` for no head.
    head_on : {"every", "last", "final"}, optional
        Where the head reads (default: every step for state dicts; a Keras
        model's own setting).

    Returns
    -------
    LoadedModel

    Raises
    ------
    LoadError
        The file, the place and the reason, for anything the model cannot be
        built from (unsupported layers are named).
    """
    if head_on is not None and head_on not in HEAD_ON:
        raise EngineError(f"head_on: expected one of {', '.join(HEAD_ON)}, got {head_on!r}")
    from .keras_weights import HDF5_MAGIC

    # The kind from the first bytes: a file that is none of these is not read here
    # (the state-dict reader below chooses its format from its first bytes too).
    _size, start = read_head(path, 4096)
    keras_suffix = suffix_in(path, [".keras", ".weights.h5", ".h5", ".hdf5"])
    onnx_suffix = suffix_in(path, [".onnx"])
    data = b""
    if keras_suffix or onnx_suffix or start.startswith((HDF5_MAGIC, b"PK")):
        data = read_bytes(path)
    is_keras = data.startswith(HDF5_MAGIC) or (
        data.startswith(b"PK") and _zip_has(data, "model.weights.h5")
    )
    if keras_suffix or is_keras:
        from .keras_model import load_keras_model

        model, notes = load_keras_model(path, data, head_on=head_on)
        return LoadedModel(model, notes)
    if onnx_suffix:
        from .onnx_model import load_onnx_model

        model, notes = load_onnx_model(path, data, head_on=head_on)
        return LoadedModel(model, notes)
    if start.lstrip()[:1] == b"{" and b"lstm-sim-session" in start:
        from .session_file import load_session

        doc = load_session(path)
        return LoadedModel(Model.single(doc.params, doc.readout, name=os.fspath(path)))
    from .weights import _read

    del data  # _read reads the file again: not two copies at once
    return _state_dict_model(path, _read(path).entries, lstm, head, head_on or "every")


def _zip_has(data: bytes, name: str) -> bool:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return name in zf.namelist()
    except Exception:
        return False


# ------------------------------------------------------------- state dicts
def _state_dict_model(
    path: Any, entries: dict[str, Any], lstm: str | None, head: str | None, head_on: str
) -> LoadedModel:
    from .weights import _cell, _WeightFile

    prefixes = list(
        dict.fromkeys(m.group("prefix") for k in entries if (m := _LSTM_KEY.fullmatch(k)))
    )
    if lstm is not None:
        want = lstm if lstm == "" or lstm.endswith(".") else lstm + "."
        if want not in prefixes:
            raise LoadError(
                path,
                "",
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors", "no LSTM named {name} in this file (LSTMs found: {found})"
                    ),
                    name=repr(lstm),
                    found=", ".join(repr(p.rstrip(".")) for p in prefixes) or none(),
                ),
            )
        prefixes = [want]
    if len(prefixes) > 1:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "several LSTMs in one file ({found}); choose one with --lstm NAME",
                ),
                found=", ".join(repr(p.rstrip(".")) for p in prefixes),
            ),
        )
    prefix = prefixes[0] if prefixes else ""
    own = {k: e for k, e in entries.items() if k.startswith(prefix)}
    wf = _WeightFile(own)
    from .weights import _layers

    cells = _layers(wf, path)  # raises "no LSTM weights" listing the keys
    count = max(n for n, _ in cells) + 1
    layers = []
    for n in range(count):
        if (n, False) not in cells:
            raise LoadError(
                path,
                key_place(f"'{prefix}weight_hh_l{n}'"),
                Text(QT_TRANSLATE_NOOP("FileErrors", "layer {layer} is missing"), layer=n),
            )
        fwd = _cell(wf, path, n, False)
        bwd = _cell(wf, path, n, True) if (n, True) in cells else None
        try:
            layers.append(Layer(fwd, bwd))
        except EngineError as exc:
            raise LoadError(path, key_place(f"'{prefix}weight_ih_l{n}'"), exc) from None
    width = layers[-1].output_size
    lstm_keys = {
        k for k in own if re.fullmatch(r".*(weight|bias)_(ih|hh|hr)(_l\d+(_reverse)?)?", k)
    }
    found, notes = _find_head(path, entries, lstm_keys, width, head, head_on)
    try:
        model = Model(layers, found, name=os.fspath(path))
    except EngineError as exc:
        raise LoadError(path, "", exc) from None
    return LoadedModel(model, notes)


def _find_head(
    path: Any,
    entries: dict[str, Any],
    lstm_keys: set[str],
    width: int,
    head: str | None,
    head_on: str,
) -> tuple[Head | None, list[Message]]:
    if head is not None and head.lower() == "none":
        return None, []
    weights = {
        k[: -len(".weight")]: e
        for k, e in entries.items()
        if k.endswith(".weight") and k not in lstm_keys and np.ndim(e.array) == 2
    }
    if head is not None:
        name = head.rstrip(".")
        if name not in weights:
            raise LoadError(
                path,
                key_place(f"'{name}.weight'"),
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors", "no such head; 2-D weights in this file: {found}"
                    ),
                    found=", ".join(repr(w) for w in weights) or none(),
                ),
            )
        return _head(path, entries, name, width, head_on), []
    known = [n for n in weights if n.rsplit(".", 1)[-1] in HEAD_NAMES]
    fitting = [n for n in weights if np.shape(weights[n].array)[1] == width]
    if len(known) == 1:
        name = known[0]
    elif len(known) > 1:
        raise _ambiguous(path, known)
    elif len(fitting) == 1:
        name = fitting[0]
    elif len(fitting) > 1:
        raise _ambiguous(path, fitting)
    else:
        return None, []
    found = _head(path, entries, name, width, head_on)
    note = Text(
        QT_TRANSLATE_NOOP(
            "FileErrors",
            "head: {name} ({outputs} output(s) from {width} value(s), on {on}); "
            "another with --head NAME, none with --head none",
        ),
        name=f"{name}.weight",
        outputs=found.output_size,
        width=width,
        on=_on_text(head_on),
    )
    return found, [note]


def _on_text(on: str) -> Text:
    if on == "last":
        return Text(QT_TRANSLATE_NOOP("FileErrors", "the last step"))
    if on == "final":
        return Text(QT_TRANSLATE_NOOP("FileErrors", "the final states"))
    return Text(QT_TRANSLATE_NOOP("FileErrors", "every step"))


def _ambiguous(path: Any, names: list[str]) -> LoadError:
    return LoadError(
        path,
        "",
        Text(
            QT_TRANSLATE_NOOP(
                "FileErrors",
                "several possible heads ({names}); choose one with --head NAME, or --head none",
            ),
            names=", ".join(repr(n) for n in names),
        ),
    )


def _head(path: Any, entries: dict[str, Any], name: str, width: int, on: str) -> Head:
    from .weights import _finite, _numeric

    w_e = entries[f"{name}.weight"]
    w = _finite(_numeric(w_e, path), w_e, path)
    if w.shape[1] != width:
        raise LoadError(
            path,
            w_e.place,
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "head weight: expected shape (P, {width}) (the top layer gives {width} "
                    "values per step), got {shape}",
                ),
                width=width,
                shape=w.shape,
            ),
        )
    b_e = entries.get(f"{name}.bias")
    b = np.zeros(w.shape[0]) if b_e is None else _finite(_numeric(b_e, path), b_e, path)
    if b.shape != (w.shape[0],):
        assert b_e is not None  # zeros have the right shape
        raise LoadError(
            path,
            b_e.place,
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "head bias: expected shape ({rows},), got {shape}"),
                rows=w.shape[0],
                shape=b.shape,
            ),
        )
    return Head(w, b, on, name)
