"""Live models and arrays from a notebook → lstm-sim's :class:`~lstm_sim.engine.Model` and Sequence.

The Qt-free half of ``lstm_sim.inspect(model, inputs, targets=None)``::

    model = model_from(net)                  # torch.nn.LSTM, a module holding one, a Keras model
    model = model_from(lstm, head=fc)        # a torch.nn.LSTM and its nn.Linear head
    seq = sequence_from(x, y)                # NumPy arrays or torch tensors, (T, D) or (1, T, D)

Neither torch nor keras is imported here: objects are recognised by what they
have (``state_dict()``, ``get_config()``), and tensors are converted by
``detach().cpu().numpy()``. The weights are copied once, into float64 (the
engine's arithmetic); the inputs are converted the same way. What the file
loaders refuse (GRU, projections, other activations, …) is refused here too,
with the same messages; the path in them is the object's class name.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .engine import EngineError
from .engine.model import HEAD_ON, Model
from .io.errors import QT_TRANSLATE_NOOP, LoadError, Text
from .io.keras_weights import Entry
from .sequence import Sequence

__all__ = ["model_from", "sequence_from"]

_UNSUPPORTED_TORCH = ("GRU", "RNN", "GRUCell", "RNNCell", "MultiheadAttention", "Transformer")


def _numpy(value: Any) -> np.ndarray:
    """A NumPy copy of an array or a tensor (torch, or anything with ``numpy()``)."""
    if hasattr(value, "detach"):
        value = value.detach()
    if hasattr(value, "cpu"):
        value = value.cpu()
    if hasattr(value, "numpy") and not isinstance(value, np.ndarray):
        value = (
            value.float().numpy()
            if str(getattr(value, "dtype", "")).endswith(("bfloat16", "float16"))
            else value.numpy()
        )
    return np.asarray(value)


def _is_torch(obj: Any) -> bool:
    return type(obj).__module__.startswith("torch") or (
        hasattr(obj, "state_dict") and hasattr(obj, "named_modules")
    )


def _is_keras(obj: Any) -> bool:
    return hasattr(obj, "layers") and hasattr(obj, "get_config") and hasattr(obj, "get_weights")


def model_from(
    obj: Any, head: Any = None, *, head_on: str = "every", lstm: str | None = None
) -> Model:
    """Convert a live model into a :class:`~lstm_sim.engine.Model`.

    Parameters
    ----------
    obj : Model, torch.nn.LSTM, torch.nn.Module, keras.Model, LoadedModel
        A ``torch.nn.Module`` holding an LSTM and a head (``self.lstm``,
        ``self.fc`` …) is read from its ``state_dict()`` like a file; a Keras
        model from its layers.
    head : torch.nn.Linear or (W (P, W), b (P,)), optional
        A head for a bare ``torch.nn.LSTM``.
    head_on : {"every", "last", "final"}
        Where a torch head reads (a Keras model says itself).
    lstm : str, optional
        The LSTM's module name when a torch module holds several.

    Raises
    ------
    LoadError
        Something the model is made of that lstm-sim does not compute, named.
    """
    if head_on not in HEAD_ON:
        raise EngineError(f"head_on: expected one of {', '.join(HEAD_ON)}, got {head_on!r}")
    if isinstance(obj, Model):
        return obj
    if hasattr(obj, "model") and isinstance(obj.model, Model):  # a LoadedModel
        return obj.model
    name = type(obj).__name__
    if _is_keras(obj):  # first: a Keras model on the torch backend is a torch module too
        return _from_keras(obj)
    if _is_torch(obj):
        for sub_name, sub in obj.named_modules():
            kind = type(sub).__name__
            if kind in _UNSUPPORTED_TORCH or kind.startswith("Transformer"):
                raise LoadError(
                    name,
                    Text(QT_TRANSLATE_NOOP("FileErrors", "layer {name}"), name=repr(sub_name)),
                    Text(
                        QT_TRANSLATE_NOOP(
                            "FileErrors",
                            "{what} is not supported: lstm-sim models are made of LSTM "
                            "layers and a linear head",
                        ),
                        what=kind,
                    ),
                )
        entries = {k: Entry(_numpy(v), k) for k, v in obj.state_dict().items()}
        head_name = None
        if head is not None:
            w, b = (head.weight, head.bias) if hasattr(head, "weight") else head
            entries["head.weight"] = Entry(_numpy(w), "head.weight")
            if b is not None:
                entries["head.bias"] = Entry(_numpy(b), "head.bias")
            head_name = "head"
        from .io.model_file import _state_dict_model

        return _state_dict_model(name, entries, lstm, head_name, head_on).model
    raise EngineError(
        f"model: expected an lstm-sim Model, a torch.nn.LSTM (or a module holding one) or a "
        f"Keras model, got {name}"
    )


def _from_keras(obj: Any) -> Model:
    from .io.keras_model import (
        KerasLayer,
        KerasStructure,
        check_lstm_config,
        model_from_structure,
    )

    path = type(obj).__name__

    def weights_of(layer: Any) -> list[Any]:
        # The backend's own tensors (w.value), not get_weights(): with the torch backend
        # that goes through an __array__ that NumPy 2 warns about.
        if hasattr(layer, "weights"):
            return [_numpy(getattr(w, "value", w)) for w in layer.weights]
        return layer.get_weights()

    identity = {"InputLayer", "Dropout", "SpatialDropout1D", "GaussianDropout", "GaussianNoise"}
    layers: list[KerasLayer] = []

    def cell(weights: list[Any], where: str) -> dict[str, tuple[np.ndarray, str]]:
        parts = {"kernel": (_numpy(weights[0]), f"{where}/kernel")}
        parts["recurrent_kernel"] = (_numpy(weights[1]), f"{where}/recurrent_kernel")
        if len(weights) > 2:
            parts["bias"] = (_numpy(weights[2]), f"{where}/bias")
        return parts

    for layer in obj.layers:
        kind, cfg, lname = type(layer).__name__, layer.get_config(), layer.name
        if kind in identity:
            continue
        if layers and layers[-1].kind == "dense":
            raise _keras_refused(path, lname, f"{kind} after the Dense head")
        if kind == "LSTM":
            check_lstm_config(cfg, lname, path)
            back = bool(cfg.get("go_backwards", False))
            kl = KerasLayer(lname, lname, "lstm", {back: cell(weights_of(layer), lname)})
            kl.go_backwards, kl.return_sequences = back, bool(cfg.get("return_sequences"))
        elif kind == "Bidirectional":
            subs = (layer.forward_layer, layer.backward_layer)
            if any(type(s).__name__ != "LSTM" for s in subs) or cfg.get("merge_mode") != "concat":
                raise _keras_refused(path, lname, f"Bidirectional({type(subs[0]).__name__})")
            for s in subs:
                check_lstm_config(s.get_config(), lname, path)
            kl = KerasLayer(lname, lname, "bidirectional")
            kl.cells = {
                False: cell(weights_of(subs[0]), lname),
                True: cell(weights_of(subs[1]), lname),
            }
            kl.return_sequences = bool(subs[0].get_config().get("return_sequences"))
        elif kind == "Dense":
            act = cfg.get("activation", "linear")
            if act not in ("linear", None):
                raise _keras_refused(path, lname, f"Dense(activation={act!r})")
            w = weights_of(layer)
            dense = {"dense_kernel": (_numpy(w[0]), f"{lname}/kernel")}
            if len(w) > 1:
                dense["dense_bias"] = (_numpy(w[1]), f"{lname}/bias")
            kl = KerasLayer(lname, lname, "dense", dense=dense)
        else:
            raise _keras_refused(path, lname, kind)
        layers.append(kl)
    model, _ = model_from_structure(path, KerasStructure(layers, [], True))
    return model


def _keras_refused(path: str, name: str, what: str) -> LoadError:
    from .io.keras_model import _unsupported

    return _unsupported(path, name, what)


def sequence_from(inputs: Any, targets: Any = None, *, name: str = "") -> Sequence:
    """A :class:`~lstm_sim.sequence.Sequence` from arrays or tensors.

    Parameters
    ----------
    inputs : array_like or tensor, shape (T,), (T, D), (1, T, D) or (T, 1, D)
        One sequence; a batch dimension of 1 (first, as with ``batch_first``,
        or second) is dropped.
    targets : array_like or tensor, optional
        (T,), (T, P), or with the same batch dimension.

    Raises
    ------
    EngineError
        A batch of more than one sequence, or values that are not finite numbers.
    """

    def one(value: Any, what: str) -> np.ndarray:
        arr = np.asarray(_numpy(value), dtype=np.float64)
        if arr.ndim == 3:
            if arr.shape[0] == 1:
                arr = arr[0]
            elif arr.shape[1] == 1:
                arr = arr[:, 0]
            else:
                raise EngineError(
                    f"{what}: expected one sequence (T, D) or a batch of 1, got shape {arr.shape}"
                )
        return arr[:, None] if arr.ndim == 1 else arr

    x = one(inputs, "inputs")
    y = None if targets is None else one(targets, "targets")
    if y is not None and y.shape[0] == 1 and y.shape[1] == x.shape[0] != 1:
        y = y.T  # (1, T): a batch of one sequence of single targets
    return Sequence(x, y, name=name)
