"""Weight files: native NPZ/JSON, PyTorch state dicts, Keras — in, and NPZ/JSON/safetensors out.

==================  ==========================================================
Suffix              Content
==================  ==========================================================
.npz                Arrays under PyTorch names: ``weight_ih`` (4H, D),
                    ``weight_hh`` (4H, H), ``bias_ih``, ``bias_hh`` (4H,) —
                    lstm-sim's native format — or a whole PyTorch state dict
                    (``nn.LSTMCell`` names, or ``nn.LSTM`` names
                    ``weight_ih_l0``, ``…_l1_reverse``, with any module prefix
                    such as ``lstm.``).
.json               ``{"weight_ih": [[...]], "weight_hh": ..., "bias_ih": ...,
                    "bias_hh": ...}`` (same names), or an lstm-sim session.
.safetensors        A PyTorch state dict (read with the safetensors NumPy API;
                    torch is not needed). float16/bfloat16/float32/float64.
.pt .pth .bin       A PyTorch state dict or checkpoint (``torch.save``), read
.ckpt               without torch by an allow-list unpickler that runs nothing
                    (:mod:`lstm_sim.io.torch_zip`); recognised by content (a
                    zip with ``…/data.pkl``) under any name. The format before
                    PyTorch 1.6 needs torch (``weights_only=True``).
.weights.h5 .h5     Keras (see :mod:`lstm_sim.io.keras_weights`); needs h5py.
.keras
==================  ==========================================================

An optional read-out ŷ = W_y·h + b_y may be stored beside the cell as
``readout.weight`` (P, H) and ``readout.bias`` (P,) (PyTorch ``nn.Linear``
names); :func:`load_weights_with_readout` returns it.

Nothing is unpickled except through that allow-list. Every problem raises
:class:`~lstm_sim.io.LoadError` naming the file, the key and the reason.

(Longer than 600 lines: the readers and writers of six weight formats share the
one key index (:func:`_index`) and the checks of a cell (:func:`_cell`); the
zip-level PyTorch and Keras details already live in ``torch_zip.py`` and
``keras_weights.py``.)
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from ..engine import EngineError, LSTMParams
from ..engine.params import layer_text
from . import registry
from ._budgets import too_many_inputs, too_many_units
from ._files import atomic_write, read_bytes, read_head
from ._json import dumps, parse_json, to_array
from ._npy import ZIP_MAGIC, empty_file_0, read_npz
from .errors import (
    QT_TRANSLATE_NOOP,
    Joined,
    LoadError,
    SaveError,
    Text,
    key_place,
    missing_key,
    none,
)
from .keras_weights import HDF5_MAGIC, Entry, expected_numbers, read_keras
from .sequences import too_large, unreadable
from .torch_zip import (
    TORCH_LEGACY_MAGIC,
    is_torch_zip,
    read_torch_legacy,
    read_torch_zip,
    state_dict_entries,
)

__all__ = [
    "LayerInfo",
    "Readout",
    "layer_infos",
    "list_layers",
    "load_weights",
    "load_weights_with_readout",
    "save_weights",
    "weights_suffixes",
]

#: A read-out (W_y of shape (P, H), b_y of shape (P,)).
Readout = tuple[np.ndarray, np.ndarray]


class WeightAndBias(Protocol):
    """A read-out to save: ``r[0]`` its weight (P × H), ``r[1]`` its bias (P) — a tuple or a
    :class:`lstm_sim.train.Readout`."""

    def __getitem__(self, index: int, /) -> np.ndarray: ...


_NAMES = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
_KEY = re.compile(
    r"(?P<prefix>.*?)(?P<name>weight_ih|weight_hh|bias_ih|bias_hh|weight_hr)"
    r"(?:_l(?P<layer>\d+)(?P<rev>_reverse)?)?"
)


@dataclass(frozen=True)
class LayerInfo:
    """One LSTM cell stored in a weight file.

    Attributes
    ----------
    layer : int
        Layer number (0 for a single cell).
    reverse : bool
        The backward direction of a bidirectional layer.
    name : str
        Where it is in the file (key prefix and suffix, or the Keras group).
    input_size, hidden_size : int
        D and H.
    """

    layer: int
    reverse: bool
    name: str
    input_size: int
    hidden_size: int


@dataclass
class _WeightFile:
    entries: dict[str, Entry]
    names: dict[tuple[int, bool], str] | None = None  # Keras: (layer, reverse) → group


def weights_suffixes() -> list[str]:
    """Every file suffix :func:`load_weights` reads."""
    return [s for f in registry.formats("weights") for s in f.suffixes]


# ------------------------------------------------------------------ readers
@registry.reader(
    "weights",
    label=QT_TRANSLATE_NOOP("FileFormats", "NumPy arrays"),
    suffixes=(".npz",),
    magic=(ZIP_MAGIC,),
)
def _read_npz(path: str | os.PathLike[str], data: bytes) -> _WeightFile:
    if is_torch_zip(data):  # a torch.save archive under another name: recognised by content
        return _read_torch(path, data)
    return _WeightFile({k: Entry(a, key_place(f"'{k}'")) for k, a in read_npz(data, path).items()})


@registry.reader(
    "weights", label=QT_TRANSLATE_NOOP("FileFormats", "JSON"), suffixes=(".json",), magic=(b"{",)
)
def _read_json(path: str | os.PathLike[str], data: bytes) -> _WeightFile:
    doc = parse_json(data, path)
    value = doc.value
    if not isinstance(value, dict):
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "expected a JSON object of named arrays (weight_ih, …)"
                )
            ),
        )
    prefix = ""
    items: dict[str, Any] = value
    if value.get("format") == "lstm-sim-session":
        items = value["weights"] if isinstance(value.get("weights"), dict) else {}
        prefix = "weights."
        readout = value.get("readout")
        if isinstance(readout, dict):
            items = dict(items)
            items.update({f"readout.{k}": v for k, v in readout.items() if k in ("weight", "bias")})
    entries = {}
    for key, v in items.items():
        if not isinstance(v, list):
            continue  # metadata such as "format" or "version"
        json_key = f"readout.{key[8:]}" if key.startswith("readout.") and prefix else prefix + key
        entries[key] = Entry(to_array(v, doc, json_key), key_place(json_key))
    return _WeightFile(entries)


def _safetensors_bf16(path: str | os.PathLike[str], data: bytes) -> dict[str, np.ndarray]:
    """Fallback for what NumPy has no dtype for (bfloat16): parse the simple format directly."""
    n = int.from_bytes(data[:8], "little")
    header = json.loads(data[8 : 8 + n].decode("utf-8"))
    base = 8 + n
    kinds = {"F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4", "I16": "<i2",
             "I8": "i1", "U8": "u1", "BOOL": "?"}  # fmt: skip
    out = {}
    for key, info in header.items():
        if key == "__metadata__":
            continue
        start, end = (int(v) for v in info["data_offsets"])
        shape = tuple(int(s) for s in info["shape"])
        raw = data[base + start : base + end]
        if info["dtype"] == "BF16":
            bits = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
            arr = bits.view(np.float32)
        elif info["dtype"] in kinds:
            arr = np.frombuffer(raw, dtype=kinds[info["dtype"]])
        else:
            raise LoadError(
                path,
                key_place(f"'{key}'"),
                Text(
                    QT_TRANSLATE_NOOP("FileErrors", "unsupported dtype {dtype}"),
                    dtype=info["dtype"],
                ),
            )
        out[key] = arr.reshape(shape)
    return out


@registry.reader(
    "weights", label=QT_TRANSLATE_NOOP("FileFormats", "safetensors"), suffixes=(".safetensors",)
)
def _read_safetensors(path: str | os.PathLike[str], data: bytes) -> _WeightFile:
    if len(data) < 8:
        raise LoadError(
            path, "", Text(QT_TRANSLATE_NOOP("FileErrors", "empty or truncated safetensors file"))
        )
    from safetensors.numpy import load

    try:
        arrays = load(data)
    except KeyError:  # a dtype NumPy lacks (bfloat16)
        try:
            arrays = _safetensors_bf16(path, data)
        except LoadError:
            raise
        except Exception as exc:
            raise LoadError(path, "", _bad_safetensors(exc)) from None
    except Exception as exc:  # SafetensorError and whatever a damaged header causes
        raise LoadError(path, "", _bad_safetensors(exc)) from None
    return _WeightFile({k: Entry(a, key_place(f"'{k}'")) for k, a in arrays.items()})


def _bad_safetensors(exc: Exception) -> Text:
    return Text(
        QT_TRANSLATE_NOOP("FileErrors", "not a valid safetensors file ({detail})"), detail=exc
    )


@registry.reader(
    "weights",
    label=QT_TRANSLATE_NOOP("FileFormats", "PyTorch state dict"),
    suffixes=(".pt", ".pth", ".bin", ".ckpt"),
    magic=(TORCH_LEGACY_MAGIC,),
)
def _read_torch(path: str | os.PathLike[str], data: bytes) -> _WeightFile:
    """``torch.save`` archives by content: read by the allow-list unpickler, torch not needed."""
    if not data:
        raise LoadError(path, "", empty_file_0())
    if is_torch_zip(data):
        return _WeightFile(state_dict_entries(path, read_torch_zip(path, data)))
    if data.startswith(ZIP_MAGIC) and _has_npy(data):  # a .bin / .ckpt that is really .npz
        return _read_npz(path, data)
    if data.startswith(b"PK"):
        read_torch_zip(path, data)  # raises, naming what is wrong with the archive
    if data.startswith(HDF5_MAGIC):
        return _read_keras(path, data)
    if not data.startswith(TORCH_LEGACY_MAGIC):
        raise LoadError(
            path,
            Text(QT_TRANSLATE_NOOP("FileErrors", "byte {byte}"), byte=0),
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "not a PyTorch file (neither a torch.save zip archive nor the format "
                    "before PyTorch 1.6)",
                )
            ),
        )
    return _WeightFile(state_dict_entries(path, read_torch_legacy(path, data)))


def _has_npy(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return any(n.endswith(".npy") for n in zf.namelist())
    except Exception:
        return False


@registry.reader(
    "weights",
    label=QT_TRANSLATE_NOOP("FileFormats", "Keras weights"),
    suffixes=(".weights.h5", ".h5", ".hdf5", ".keras"),
    magic=(HDF5_MAGIC,),
)
def _read_keras(path: str | os.PathLike[str], data: bytes) -> _WeightFile:
    entries, names = read_keras(path, data)
    return _WeightFile(entries, names)


def _read(path: str | os.PathLike[str]) -> _WeightFile:
    fmt = registry.find_reader("weights", path, read_head(path)[1])  # the kind, before reading
    data = read_bytes(path)
    try:
        return fmt.function(path, data)
    except LoadError:
        raise
    except MemoryError:
        raise LoadError(path, "", too_large()) from None
    except Exception as exc:  # a safety net: never let a file crash the caller
        raise LoadError(path, "", unreadable(exc)) from None


# ----------------------------------------------------------- state dict keys
def _index(wf: _WeightFile, path: str | os.PathLike[str]) -> tuple[str, dict[Any, str]]:
    """The module prefix and {(name, layer, reverse): key} of the LSTM entries."""
    found: dict[tuple[str, int, bool], str] = {}
    prefixes: dict[str, None] = {}
    for key in wf.entries:
        m = _KEY.fullmatch(key)
        if m is None:
            continue
        if m.group("name") == "weight_hh":
            prefixes[m.group("prefix")] = None
    if not prefixes:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "no LSTM weights: expected weight_ih, weight_hh, bias_ih, bias_hh "
                    "(or nn.LSTM names such as weight_hh_l0); keys found: {keys}",
                ),
                keys=", ".join(list(wf.entries)[:12]) or none(),
            ),
        )
    if len(prefixes) > 1:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "several LSTMs in one file (key prefixes {prefixes}); keep only one",
                ),
                prefixes=", ".join(repr(p) for p in prefixes),
            ),
        )
    prefix = next(iter(prefixes))
    for key in wf.entries:
        m = _KEY.fullmatch(key)
        if m is None or m.group("prefix") != prefix:
            continue
        layer = int(m.group("layer")) if m.group("layer") is not None else 0
        found.setdefault((m.group("name"), layer, m.group("rev") is not None), key)
    return prefix, found


def _layers(wf: _WeightFile, path: str | os.PathLike[str]) -> list[tuple[int, bool]]:
    _, found = _index(wf, path)
    return sorted({(layer, rev) for (name, layer, rev) in found if name == "weight_hh"})


def _describe_layers(layers: list[tuple[int, bool]]) -> Joined:
    """ "0, 0 reverse, 1" (translatable: each reverse direction is a Text)."""
    return Joined(
        Text(QT_TRANSLATE_NOOP("FileErrors", "{layer} reverse"), layer=n) if r else str(n)
        for n, r in layers
    )


def _numeric(entry: Entry, path: str | os.PathLike[str]) -> np.ndarray:
    arr = np.asarray(entry.array)
    if arr.dtype.kind not in "biuf":
        raise LoadError(path, entry.place, expected_numbers(arr.dtype))
    return arr


def _finite(arr: np.ndarray, entry: Entry, path: str | os.PathLike[str]) -> np.ndarray:
    out = arr.astype(np.float64)
    bad = ~np.isfinite(out)
    if bad.any():
        idx = ", ".join(str(int(i)) for i in np.argwhere(bad)[0])
        raise LoadError(
            path,
            entry.place,
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "non-finite value {value} at index [{index}]"),
                value=out[bad][0],
                index=idx,
            ),
        )
    return out


def _cell(wf: _WeightFile, path: str | os.PathLike[str], layer: int, reverse: bool) -> LSTMParams:
    prefix, found = _index(wf, path)
    layers = sorted({(n, r) for (name, n, r) in found if name == "weight_hh"})
    if (layer, reverse) not in layers:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "no {layer} in this file (it has: {layers})"),
                layer=layer_text(layer, reverse),
                layers=_describe_layers(layers),
            ),
        )
    suffix = f"_l{layer}{'_reverse' if reverse else ''}"
    if ("weight_hr", layer, reverse) in found:
        raise LoadError(
            path,
            key_place(f"'{found[('weight_hr', layer, reverse)]}'"),
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "LSTMs with projections (proj_size > 0) are not supported"
                )
            ),
        )
    if ("weight_ih", layer, reverse) not in found:
        raise LoadError(
            path,
            key_place(f"'{prefix}weight_ih{suffix}'"),
            missing_key(", ".join(list(wf.entries)[:12])),
        )
    e_hh = wf.entries[found[("weight_hh", layer, reverse)]]
    e_ih = wf.entries[found[("weight_ih", layer, reverse)]]
    hh, ih = _numeric(e_hh, path), _numeric(e_ih, path)
    if hh.ndim != 2 or hh.shape[1] < 1 or hh.shape[0] != 4 * hh.shape[1]:
        raise LoadError(
            path,
            e_hh.place,
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "expected shape (4H, H), got {shape}"),
                shape=hh.shape,
            ),
        )
    hidden4 = hh.shape[0]
    too_many_units(path, hh.shape[1], e_hh.place)
    if ih.ndim != 2 or ih.shape[1] < 1 or ih.shape[0] != hidden4:
        raise LoadError(
            path,
            e_ih.place,
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "expected shape ({rows}, D) to match weight_hh {hh}, got {shape}"
                ),
                rows=hidden4,
                hh=hh.shape,
                shape=ih.shape,
            ),
        )
    too_many_inputs(path, ih.shape[1], e_ih.place)
    arrays = {"weight_ih": _finite(ih, e_ih, path), "weight_hh": _finite(hh, e_hh, path)}
    for name in ("bias_ih", "bias_hh"):
        if (name, layer, reverse) not in found:
            arrays[name] = np.zeros(hidden4)  # nn.LSTM(bias=False)
            continue
        e = wf.entries[found[(name, layer, reverse)]]
        b = _numeric(e, path)
        if b.shape != (hidden4,):
            raise LoadError(
                path,
                e.place,
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors",
                        "expected shape ({rows},) to match weight_hh {hh}, got {shape}",
                    ),
                    rows=hidden4,
                    hh=hh.shape,
                    shape=b.shape,
                ),
            )
        arrays[name] = _finite(b, e, path)
    try:
        return LSTMParams(**arrays)
    except EngineError as exc:  # already checked; kept as a safety net
        raise LoadError(path, "", exc) from None


def _readout(wf: _WeightFile, path: str | os.PathLike[str], hidden: int) -> Readout | None:
    w_e, b_e = wf.entries.get("readout.weight"), wf.entries.get("readout.bias")
    if w_e is None:
        if b_e is not None:
            raise LoadError(
                path,
                b_e.place,
                Text(QT_TRANSLATE_NOOP("FileErrors", "readout.bias without readout.weight")),
            )
        return None
    w = _numeric(w_e, path)
    if w.ndim != 2 or w.shape[0] < 1 or w.shape[1] != hidden:
        raise LoadError(
            path,
            w_e.place,
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "read-out weight: expected shape (P, {hidden}) (H = {hidden} units), "
                    "got {shape}",
                ),
                hidden=hidden,
                shape=w.shape,
            ),
        )
    w = _finite(w, w_e, path)
    if b_e is None:
        return w, np.zeros(w.shape[0])
    b = _numeric(b_e, path)
    if b.shape != (w.shape[0],):
        raise LoadError(
            path,
            b_e.place,
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "read-out bias: expected shape ({rows},), got {shape}"
                ),
                rows=w.shape[0],
                shape=b.shape,
            ),
        )
    return w, _finite(b, b_e, path)


# --------------------------------------------------------------- public API
def load_weights(
    path: str | os.PathLike[str], *, layer: int = 0, reverse: bool = False
) -> LSTMParams:
    """Read one LSTM cell's parameters from a weight file (format by suffix or content).

    Parameters
    ----------
    path : path-like
    layer : int
        Which layer of a multi-layer ``nn.LSTM`` (or Keras model) to take.
    reverse : bool
        The backward direction of a bidirectional layer.

    Returns
    -------
    LSTMParams
        float64, PyTorch layout.

    Raises
    ------
    LoadError
        The file, the key (e.g. ``key 'lstm.weight_hh_l1'``) and the reason:
        missing keys (the message lists those found), shapes that disagree,
        non-finite values, damaged or foreign files, a missing optional
        library (torch for .pt, h5py for Keras).
    """
    return _cell(_read(path), path, int(layer), bool(reverse))


def load_weights_with_readout(
    path: str | os.PathLike[str], *, layer: int = 0, reverse: bool = False
) -> tuple[LSTMParams, Readout | None]:
    """Like :func:`load_weights`, plus the read-out ``(W_y (P, H), b_y (P,))`` or None.

    The read-out is stored as ``readout.weight`` / ``readout.bias``; a missing
    bias is zero. Its width must be the chosen cell's H.
    """
    wf = _read(path)
    params = _cell(wf, path, int(layer), bool(reverse))
    return params, _readout(wf, path, params.hidden_size)


def list_layers(path: str | os.PathLike[str]) -> list[tuple[int, bool]]:
    """The (layer, reverse) pairs stored in a weight file, sorted; ``[(0, False)]`` for one cell.

    Raises
    ------
    LoadError
    """
    return _layers(_read(path), path)


def layer_infos(path: str | os.PathLike[str]) -> list[LayerInfo]:
    """Each LSTM cell of a weight file with its name and sizes (for a "choose a layer" list).

    Raises
    ------
    LoadError
        Also when a cell's arrays are damaged (as :func:`load_weights` would).
    """
    wf = _read(path)
    _, found = _index(wf, path)
    out = []
    for n, r in _layers(wf, path):
        p = _cell(wf, path, n, r)
        if wf.names is not None:
            name = wf.names[(n, r)]
        else:
            name = found[("weight_hh", n, r)].replace("weight_hh", "*")
        out.append(LayerInfo(n, r, name, p.input_size, p.hidden_size))
    return out


# ------------------------------------------------------------------- writers
def _arrays(
    params: LSTMParams, readout: Any, dtype: Any, path: str | os.PathLike[str]
) -> dict[str, np.ndarray]:
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise SaveError(
            path,
            "",
            Text(QT_TRANSLATE_NOOP("FileErrors", "unknown dtype {dtype}"), dtype=repr(dtype)),
        ) from None
    if dt not in (np.float64, np.float32):
        raise SaveError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "dtype must be float64 or float32, got {dtype}"),
                dtype=dt,
            ),
        )
    out = {n: np.ascontiguousarray(getattr(params, n), dtype=dt) for n in _NAMES}
    if readout is not None:
        w = np.asarray(readout[0], dtype=np.float64)
        b = np.asarray(readout[1], dtype=np.float64)
        if w.ndim != 2 or w.shape[1] != params.hidden_size or b.shape != (w.shape[0],):
            raise SaveError(
                path,
                "",
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors",
                        "read-out: expected W_y (P, {hidden}) and b_y (P,), got {w} and {b}",
                    ),
                    hidden=params.hidden_size,
                    w=w.shape,
                    b=b.shape,
                ),
            )
        out["readout.weight"] = np.ascontiguousarray(w, dtype=dt)
        out["readout.bias"] = np.ascontiguousarray(b, dtype=dt)
    return out


def save_weights(
    params: LSTMParams,
    path: str | os.PathLike[str],
    *,
    readout: WeightAndBias | None = None,
    dtype: Any = np.float64,
) -> None:
    """Write parameters (and an optional read-out) as .npz, .json or .safetensors.

    Names are PyTorch ``nn.LSTMCell``'s (``weight_ih`` …) plus ``readout.weight``
    and ``readout.bias``, so the file also loads into PyTorch
    (``cell.load_state_dict(safetensors.torch.load_file(path), strict=False)``).

    Parameters
    ----------
    params : LSTMParams
    path : path-like
        The suffix chooses the format. The file is replaced atomically.
    readout : (W_y, b_y), optional
    dtype : float64 (default) or float32
        Storage type for .npz and .safetensors (JSON always writes float64
        exactly).

    Raises
    ------
    SaveError
    """
    registry.find_writer("weights", path).function(params, path, readout=readout, dtype=dtype)


@registry.writer(
    "weights", label=QT_TRANSLATE_NOOP("FileFormats", "NumPy arrays"), suffixes=(".npz",)
)
def _write_npz(params: LSTMParams, path: str | os.PathLike[str], *, readout: Any, dtype: Any):
    buf = io.BytesIO()
    np.savez(buf, allow_pickle=False, **_arrays(params, readout, dtype, path))
    atomic_write(path, buf.getvalue())


@registry.writer("weights", label=QT_TRANSLATE_NOOP("FileFormats", "JSON"), suffixes=(".json",))
def _write_json(params: LSTMParams, path: str | os.PathLike[str], *, readout: Any, dtype: Any):
    arrays = _arrays(params, readout, np.float64, path)
    doc: dict[str, Any] = {"format": "lstm-sim-weights", "version": 1}
    doc.update({k: v.tolist() for k, v in arrays.items()})
    atomic_write(path, dumps(doc))


@registry.writer(
    "weights", label=QT_TRANSLATE_NOOP("FileFormats", "safetensors"), suffixes=(".safetensors",)
)
def _write_safetensors(
    params: LSTMParams, path: str | os.PathLike[str], *, readout: Any, dtype: Any
):
    from safetensors.numpy import save

    arrays = _arrays(params, readout, dtype, path)
    atomic_write(path, save(arrays, metadata={"format": "pt", "writer": "lstm-sim"}))
