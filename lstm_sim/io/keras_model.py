"""The structure of a Keras model file: its layers in model order, checked, as a :class:`Model`.

Supported: ``Sequential`` and functional models that are a chain of
``InputLayer``, ``LSTM``, ``Bidirectional(LSTM)`` (``merge_mode="concat"``),
dropout and noise layers (identity at inference), and one final ``Dense``
(linear) as the head. ``LSTM(go_backwards=True)`` is run as Keras runs it:
from the last step to the first, its outputs handed on in that order. Anything
else — GRU, SimpleRNN, attention, convolutions, activations other than tanh
and the logistic sigmoid (old tf.keras used ``hard_sigmoid``), a Dense head with
an activation, branches — is refused with a message naming the first such layer.

Where the order comes from:

- ``.keras`` (and legacy tf.keras ``.h5`` saved with the model): the model's
  config. Keras 3 names each layer's weight group after its class, numbered
  per class in model order (``lstm``, ``lstm_1``, ``bidirectional``, ``dense``),
  which maps config layers to groups.
- a bare ``.weights.h5``: it records neither the order of layers of different
  classes nor any activation or ``go_backwards``. The order is the one in
  which the layers' sizes chain (refused when several orders fit); the note
  returned says that tanh/sigmoid, forward in time and a head on every step
  were assumed.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np

from ..engine import EngineError, LSTMParams
from ..engine.model import Head, Layer, Model
from ._budgets import JSON_EXPANSION
from ._zip import open_zip, read_member
from .errors import QT_TRANSLATE_NOOP, LoadError, Message, Text, key_place, some

__all__ = [
    "KerasLayer",
    "KerasStructure",
    "check_lstm_config",
    "keras_structure",
    "load_keras_model",
    "model_from_structure",
    "open_keras",
]

#: Layers that do nothing at inference.
_IDENTITY = {
    "Dropout",
    "SpatialDropout1D",
    "GaussianDropout",
    "GaussianNoise",
    "AlphaDropout",
    "ActivityRegularization",
}
_IDENTITY_GROUPS = re.compile(
    r"(input_layer|dropout|spatial_dropout1d|gaussian_dropout|gaussian_noise|alpha_dropout|"
    r"activity_regularization)(_\d+)?"
)


def _layer_place(name: str) -> Text:
    return Text(QT_TRANSLATE_NOOP("FileErrors", "layer {name}"), name=repr(name))


def _unsupported(path: Any, name: str, what: str) -> LoadError:
    return LoadError(
        path,
        _layer_place(name),
        Text(
            QT_TRANSLATE_NOOP(
                "FileErrors",
                "{what} is not supported: lstm-sim models are made of LSTM, "
                "Bidirectional(LSTM) and a final linear Dense layer",
            ),
            what=what,
        ),
    )


def open_keras(path: str | os.PathLike[str], data: bytes) -> tuple[bytes, Any]:
    """The HDF5 bytes of a Keras file and its parsed ``config.json`` (None when absent).

    Raises
    ------
    LoadError
    """
    if not data:
        raise LoadError(path, "", Text(QT_TRANSLATE_NOOP("FileErrors", "empty file (0 bytes)")))
    if not data.startswith(b"PK"):
        return data, None
    config = None
    try:
        with open_zip(data, path, ".keras") as zf:  # entries, packing, ratio checked
            names = zf.namelist()
            if "model.weights.h5" not in names:
                raise LoadError(
                    path,
                    "",
                    Text(
                        QT_TRANSLATE_NOOP(
                            "FileErrors",
                            "not a .keras file: no model.weights.h5 inside (found: {found})",
                        ),
                        found=some(names)
                        if names
                        else Text(QT_TRANSLATE_NOOP("FileErrors", "nothing")),
                    ),
                )
            h5_bytes = read_member(zf, "model.weights.h5", path)  # within the budget
            if "config.json" in names:
                config = read_member(zf, "config.json", path, expand=JSON_EXPANSION)
    except LoadError:
        raise
    except Exception as exc:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "not a valid .keras (zip) file ({detail})"),
                detail=exc,
            ),
        ) from None
    if config is not None:
        try:
            config = json.loads(config.decode("utf-8"))
        except (ValueError, RecursionError):
            raise LoadError(
                path, "config.json", Text(QT_TRANSLATE_NOOP("FileErrors", "not valid JSON"))
            ) from None
    return h5_bytes, config


def _no_lstm() -> Text:
    return Text(QT_TRANSLATE_NOOP("FileErrors", "no LSTM layer found in this Keras file"))


# ------------------------------------------------------------------ config
@dataclass
class _ConfigLayer:
    class_name: str
    name: str
    config: dict[str, Any]


def _act_name(value: Any) -> str:
    if isinstance(value, dict):  # a serialized function object
        inner = value.get("config")
        return str(inner if isinstance(inner, str) else value.get("class_name", value))
    return str(value)


def _sources(layer: dict[str, Any]) -> set[str]:
    """The names of the layers whose outputs this layer reads (Keras 3 and legacy configs)."""
    found: set[str] = set()
    stack: list[Any] = [layer.get("inbound_nodes", [])]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            history = node.get("keras_history")
            if isinstance(history, list) and history and isinstance(history[0], str):
                found.add(history[0])
            stack.extend(node.values())
        elif isinstance(node, list):
            if len(node) >= 3 and isinstance(node[0], str) and isinstance(node[1], int):
                found.add(node[0])  # legacy: [name, node index, tensor index, kwargs]
            else:
                stack.extend(node)
    return found


def _config_layers(config: Any, path: Any) -> list[_ConfigLayer]:
    """The model's layers in order, checked to form a single chain."""
    if isinstance(config, str):
        try:
            config = json.loads(config)
        except (ValueError, RecursionError):
            return []
    if not isinstance(config, dict):
        return []
    body = config.get("config")
    raw = body.get("layers") if isinstance(body, dict) else body
    if not isinstance(raw, list):
        return []
    functional = config.get("class_name") not in ("Sequential",)
    out: list[_ConfigLayer] = []
    previous = None
    for entry in raw:
        if not isinstance(entry, dict):
            continue
        cls = str(entry.get("class_name", "?"))
        cfg: dict[str, Any] = entry["config"] if isinstance(entry.get("config"), dict) else {}
        name = str(cfg.get("name", entry.get("name", cls)))
        if functional and previous is not None:
            sources = _sources(entry)
            if sources != {previous}:
                raise LoadError(
                    path,
                    _layer_place(name),
                    Text(
                        QT_TRANSLATE_NOOP(
                            "FileErrors",
                            "reads {sources}: only a chain of layers (each reading the one "
                            "before) is supported",
                        ),
                        sources=", ".join(sorted(sources)) or "-",
                    ),
                )
        previous = name
        out.append(_ConfigLayer(cls, name, cfg))
    return out


def check_lstm_config(cfg: dict[str, Any], name: str, path: Any) -> None:
    act = _act_name(cfg.get("activation", "tanh"))
    rec = _act_name(cfg.get("recurrent_activation", "sigmoid"))
    if act != "tanh" or rec != "sigmoid":
        raise LoadError(
            path,
            _layer_place(name),
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "activation {activation}, recurrent_activation {recurrent}: "
                    "lstm-sim's cell computes tanh and the logistic sigmoid, so it "
                    "would not reproduce this model",
                ),
                activation=repr(act),
                recurrent=repr(rec),
            ),
        )
    if cfg.get("time_major"):
        raise _unsupported(path, name, "time_major=True")


def _snake(name: str) -> str:
    """Keras' ``to_snake_case`` of a class name (the name of its weight group)."""
    s = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", s).lower()


# --------------------------------------------------------------- structure
@dataclass
class KerasLayer:
    """One layer of a Keras model that has weights, in model order.

    Attributes
    ----------
    name : str
        The layer's name in the config (else its weight group).
    group : str
        Its weight group in the HDF5 file.
    kind : {"lstm", "bidirectional", "dense"}
    cells : dict
        reverse → {"kernel": (array, dataset), "recurrent_kernel": …, "bias": …}
        for a recurrent layer (reverse: reads the sequence from its end).
    dense : dict
        ``{"dense_kernel": …, "dense_bias": …}`` for a Dense layer.
    go_backwards : bool
        A plain LSTM that reads from the end and hands its outputs on in that order.
    return_sequences : bool or None
        None when the file does not say.
    """

    name: str
    group: str
    kind: str
    cells: dict[bool, dict[str, tuple[np.ndarray, str]]] = field(default_factory=dict)
    dense: dict[str, tuple[np.ndarray, str]] = field(default_factory=dict)
    go_backwards: bool = False
    return_sequences: bool | None = None

    def width(self) -> tuple[int, int]:
        """(inputs, outputs) per step."""
        if self.kind == "dense":
            k = self.dense["dense_kernel"][0]
            return int(k.shape[0]), int(k.shape[1])
        shapes = [c["kernel"][0].shape for c in self.cells.values()]
        return int(shapes[0][0]), sum(int(s[1]) // 4 for s in shapes)


@dataclass
class KerasStructure:
    """A Keras file's layers with weights, in model order, and what had to be assumed."""

    layers: list[KerasLayer]
    notes: list[Message]
    has_config: bool


def _top_group(name: str) -> tuple[str, str]:
    """(layer group, rest) of a dataset group path."""
    for root in ("layers/", "model_weights/"):
        if name.startswith(root):
            name = name[len(root) :]
            break
    group, _, rest = name.partition("/")
    return group, rest


def _direction(rest: str) -> bool:
    return "backward" in rest


def keras_structure(path: str | os.PathLike[str], data: bytes) -> KerasStructure:
    """Read a Keras file's layers in model order (see the module notes).

    Raises
    ------
    LoadError
        Unsupported layers or settings (naming the first), weights that do not
        match the config, orders that cannot be told.
    """
    from .keras_weights import HDF5_MAGIC, _h5py, _have_h5py, _read_h5

    h5_bytes, config = open_keras(path, data)
    if not h5_bytes.startswith(HDF5_MAGIC):
        raise LoadError(
            path,
            Text(QT_TRANSLATE_NOOP("FileErrors", "byte {byte}"), byte=0),
            Text(QT_TRANSLATE_NOOP("FileErrors", "not an HDF5 file (no \\x89HDF signature)")),
        )
    if not _have_h5py():
        _h5py(path)  # raises the "needs h5py" LoadError
    cells, legacy_config, groups = _read_h5(path, h5_bytes)
    if config is None and legacy_config is not None:
        config = legacy_config
    by_group: dict[str, KerasLayer] = {}
    for name, parts in cells:
        group, rest = _top_group(name)
        if "dense_kernel" in parts:
            by_group[group] = KerasLayer(group, group, "dense", dense=parts)
            continue
        layer = by_group.setdefault(group, KerasLayer(group, group, "lstm"))
        reverse = _direction(rest)
        if "forward" in rest or reverse:
            layer.kind = "bidirectional"
        layer.cells[reverse] = parts
    if all(x.kind == "dense" for x in by_group.values()):
        raise LoadError(path, "", _no_lstm())
    try:
        layers = _config_layers(config, path) if config is not None else []
    except RecursionError:
        layers = []
    if layers:
        return KerasStructure(_from_config(layers, by_group, path), [], True)
    return KerasStructure(*_from_sizes(by_group, groups, path), False)


def _from_config(
    layers: list[_ConfigLayer], by_group: dict[str, KerasLayer], path: Any
) -> list[KerasLayer]:
    keras3 = all("/" not in g for g in by_group) and any(
        _snake(c.class_name) in by_group for c in layers
    )
    counters: dict[str, int] = {}
    out: list[KerasLayer] = []
    for c in layers:
        snake = _snake(c.class_name)
        n = counters.get(snake, 0)
        counters[snake] = n + 1
        group = (snake if n == 0 else f"{snake}_{n}") if keras3 else c.name
        if c.class_name == "InputLayer" or c.class_name in _IDENTITY:
            continue
        if out and out[-1].kind == "dense":
            raise _unsupported(path, c.name, f"{c.class_name} after the Dense head")
        if c.class_name == "LSTM":
            check_lstm_config(c.config, c.name, path)
        elif c.class_name == "Bidirectional":
            inner = c.config.get("layer")
            inner_cls = inner.get("class_name") if isinstance(inner, dict) else None
            if inner_cls != "LSTM":
                raise _unsupported(path, c.name, f"Bidirectional({inner_cls})")
            if c.config.get("merge_mode", "concat") != "concat":
                raise _unsupported(
                    path, c.name, f"merge_mode={c.config.get('merge_mode')!r} (only 'concat')"
                )
            for key in ("layer", "backward_layer"):
                sub = c.config.get(key)
                if isinstance(sub, dict):
                    if sub.get("class_name") != "LSTM":
                        raise _unsupported(path, c.name, f"Bidirectional({sub.get('class_name')})")
                    check_lstm_config(sub.get("config") or {}, c.name, path)
        elif c.class_name == "Dense":
            act = _act_name(c.config.get("activation", "linear"))
            if act not in ("linear", "None"):
                raise _unsupported(path, c.name, f"Dense(activation={act!r})")
        else:
            raise _unsupported(path, c.name, c.class_name)
        layer = by_group.get(group)
        if layer is None:
            raise LoadError(
                path,
                _layer_place(c.name),
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors", "the config names it, but the file has no weights for it"
                    )
                ),
            )
        layer.name = c.name
        if c.class_name == "LSTM":
            if layer.kind != "lstm":
                raise _unsupported(path, c.name, "an LSTM whose weights are not an LSTM cell's")
            layer.go_backwards = bool(c.config.get("go_backwards", False))
            if layer.go_backwards:
                layer.cells = {True: layer.cells[False]}
        elif c.class_name == "Dense" and layer.kind != "dense":
            raise _unsupported(path, c.name, "a Dense layer without a 2-D kernel")
        if c.class_name in ("LSTM", "Bidirectional"):
            inner = c.config.get("layer") if c.class_name == "Bidirectional" else None
            cfg = inner.get("config", {}) if isinstance(inner, dict) else c.config
            layer.return_sequences = bool(cfg.get("return_sequences", False))
        out.append(layer)
    used = {id(x) for x in out}
    extra = [g for g, x in by_group.items() if id(x) not in used]
    if extra:
        raise LoadError(
            path,
            key_place(repr(extra[0])),
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "weights of a layer the model's config does not have"
                )
            ),
        )
    return out


def _from_sizes(
    by_group: dict[str, KerasLayer], groups: list[str], path: Any
) -> tuple[list[KerasLayer], list[Message]]:
    """Order the layers of a bare weights file by chaining their sizes."""
    for g in groups:
        if g not in by_group and not _IDENTITY_GROUPS.fullmatch(g):
            raise _unsupported(path, g, repr(g))

    def number(g: str) -> int:
        m = re.search(r"_(\d+)$", g)
        return int(m.group(1)) if m else 0

    dense = sorted(
        (x for x in by_group.values() if x.kind == "dense"), key=lambda x: number(x.group)
    )
    if len(dense) > 1:
        raise _unsupported(path, dense[0].group, "more than one Dense layer")
    lstm = sorted((x for x in by_group.values() if x.kind == "lstm"), key=lambda x: number(x.group))
    bi = sorted(
        (x for x in by_group.values() if x.kind == "bidirectional"), key=lambda x: number(x.group)
    )
    # Within a class, Keras numbers groups in model order; the classes interleave somehow.
    fits: list[list[KerasLayer]] = []
    n = len(lstm) + len(bi)
    for slots in combinations(range(n), len(bi)):
        order: list[KerasLayer] = []
        it_l, it_b = iter(lstm), iter(bi)
        for k in range(n):
            order.append(next(it_b) if k in slots else next(it_l))
        order += dense
        if all(order[k].width()[0] == order[k - 1].width()[1] for k in range(1, len(order))):
            fits.append(order)
        if len(fits) > 1:
            break
    if not fits:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "the layers' sizes do not chain in any order ({layers}); "
                    "load the .keras file, which records the model",
                ),
                layers=", ".join(
                    f"{x.group} {x.width()[0]}→{x.width()[1]}" for x in by_group.values()
                ),
            ),
        )
    if len(fits) > 1:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "a .weights.h5 file does not record the order of its layers, and several "
                    "orders fit their sizes ({first} or {second}); load the .keras file",
                ),
                first=" → ".join(x.group for x in fits[0]),
                second=" → ".join(x.group for x in fits[1]),
            ),
        )
    note = Text(
        QT_TRANSLATE_NOOP(
            "FileErrors",
            "a .weights.h5 file records neither activations nor go_backwards nor the layer "
            "order: assumed tanh and sigmoid, forward in time, the order {order} (the only one "
            "the sizes allow) and a head on every step; load the .keras file to have them checked",
        ),
        order=" → ".join(x.group for x in fits[0]),
    )
    return fits[0], [note]


# ------------------------------------------------------------------- model
def _cell_params(parts: dict[str, tuple[np.ndarray, str]], path: Any) -> LSTMParams:
    from .keras_weights import cell_arrays

    arrays = cell_arrays(parts, path)
    try:
        return LSTMParams(**{k: e.array for k, e in arrays.items()})
    except EngineError as exc:
        raise LoadError(path, arrays["weight_hh"].place, exc) from None


def load_keras_model(
    path: str | os.PathLike[str], data: bytes, *, head_on: str | None = None
) -> tuple[Model, list[Message]]:
    """A Keras file as a :class:`~lstm_sim.engine.Model` (and the notes for the user).

    Parameters
    ----------
    head_on : {"every", "last", "final"}, optional
        Overrides where the Dense head reads (by default: every step after a
        layer with ``return_sequences=True``, else its final states).

    Raises
    ------
    LoadError
    """
    return model_from_structure(path, keras_structure(path, data), head_on)


def model_from_structure(
    path: Any, st: KerasStructure, head_on: str | None = None
) -> tuple[Model, list[Message]]:
    """Build the model of a :class:`KerasStructure` (from a file or a live Keras model)."""
    notes = list(st.notes)
    layers: list[Layer] = []
    head = None
    for k, kl in enumerate(st.layers):
        if kl.kind == "dense":
            w, w_ds = kl.dense["dense_kernel"]
            b = kl.dense.get("dense_bias", (np.zeros(w.shape[1]), w_ds))[0]
            on = head_on
            if on is None:
                top = st.layers[k - 1] if k else None
                on = "final" if top is not None and top.return_sequences is False else "every"
            try:
                head = Head(np.asarray(w, dtype=np.float64).T, b, on, kl.name)
            except EngineError as exc:
                raise LoadError(path, key_place(f"'{w_ds.lstrip('/')}'"), exc) from None
            continue
        if k < len(st.layers) - 1 and kl.return_sequences is False:
            nxt = st.layers[k + 1]
            if nxt.kind != "dense":
                raise _unsupported(path, kl.name, "return_sequences=False below another layer")
        fwd = _cell_params(kl.cells[False], path) if False in kl.cells else None
        bwd = _cell_params(kl.cells[True], path) if True in kl.cells else None
        layers.append(Layer(fwd, bwd, keep_reversed=kl.go_backwards))
    if not layers:
        raise LoadError(path, "", _no_lstm())
    if head is None and st.layers[-1].return_sequences is False:
        notes.append(
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "the top layer returns only its final state; shown: its whole sequence",
                )
            )
        )
    try:
        model = Model(layers, head, name=os.fspath(path))
    except EngineError as exc:
        raise LoadError(path, "", exc) from None
    return model, notes
