"""Keras LSTM weights: Keras 3 ``.weights.h5`` / ``.keras`` and legacy tf.keras ``.h5``.

Keras stores, per LSTM layer (Keras 3: ``layers/<name>/cell/vars/{0,1,2}``;
legacy: ``…/lstm_cell/kernel:0`` …)::

    kernel            (D, 4H)   gate column blocks i, f, c, o
    recurrent_kernel  (H, 4H)
    bias              (4H,)     (absent with use_bias=False)

The gate order is PyTorch's (c is the candidate g), so the conversion is a
transposition: ``weight_ih = kernelᵀ``, ``weight_hh = recurrent_kernelᵀ``,
``bias_ih = bias``, ``bias_hh = 0``.

Layers are numbered in the file's (name) order — ``layers/bidirectional``
before ``layers/lstm`` before ``layers/lstm_1`` — because a ``.weights.h5``
file does not record the model's layer order; :func:`~lstm_sim.io.layer_infos`
gives each number's name. The backward half of a ``Bidirectional`` layer is
``reverse=True``. A ``.keras`` file's ``config.json`` is checked for
activations other than tanh and the logistic sigmoid (old tf.keras used
``hard_sigmoid``), which this cell does not compute.

h5py is an optional dependency (``pip install 'lstm-sim[keras]'``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..engine.errors import message_from_data
from ._h5_checks import check_h5_file
from .errors import QT_TRANSLATE_NOOP, LoadError, Message, Text, key_place

__all__ = ["HDF5_MAGIC", "Entry", "read_keras"]

HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"


@dataclass(frozen=True)
class Entry:
    """One array of a weight file and where it came from (for error messages)."""

    array: np.ndarray
    place: Message


def _h5py(path: str | os.PathLike[str]) -> Any:
    try:
        import h5py
    except ImportError:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "reading Keras files needs h5py, which is not installed "
                    "(pip install 'lstm-sim[keras]' or pip install h5py)",
                )
            ),
        ) from None
    return h5py


def expected_numbers(dtype: Any) -> Text:
    """The reason "expected numbers, got dtype …"."""
    return Text(
        QT_TRANSLATE_NOOP("FileErrors", "expected numbers, got dtype {dtype}"), dtype=str(dtype)
    )


def _natural(text: str) -> list[Any]:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text)]


def _read_dataset(ds: Any, path: str | os.PathLike[str], place: Message) -> np.ndarray:
    try:
        arr = np.asarray(ds[()])
    except Exception as exc:  # h5py raises OSError, TypeError, … on damaged data
        raise LoadError(
            path,
            place,
            Text(QT_TRANSLATE_NOOP("FileErrors", "unreadable dataset ({detail})"), detail=exc),
        ) from None
    if arr.dtype.kind not in "biuf":
        raise LoadError(path, place, expected_numbers(arr.dtype))
    return arr


def _cells(h5: Any) -> list[tuple[str, dict[str, Any]]]:
    """(group path, {"kernel": ds, "recurrent_kernel": ds, "bias": ds?}) of every LSTM cell."""
    found: list[tuple[str, dict[str, Any]]] = []

    def visit(name: str, obj: Any) -> None:
        if not hasattr(obj, "keys") or hasattr(obj, "shape"):
            return
        keys = set(obj.keys())
        if name.endswith("cell/vars") and {"0", "1"} <= keys:  # Keras 3
            # Attributes are not read (a damaged attribute can hang the HDF5 library);
            # a GRU/SimpleRNN cell is told apart by its recurrent kernel's shape instead.
            shape = getattr(obj["1"], "shape", None)
            fits = shape is not None and len(shape) == 2 and shape[1] == 4 * shape[0]
            if not fits and "lstm" not in name.lower():
                return
            parts = {"kernel": obj["0"], "recurrent_kernel": obj["1"]}
            if "2" in keys:
                parts["bias"] = obj["2"]
            found.append((name[: -len("/cell/vars")], parts))
            return
        if name.count("/") == 2 and name.startswith("layers/") and name.endswith("/vars"):
            # Keras 3 Dense: layers/<group>/vars/{0: kernel (D, P), 1: bias (P,)}
            shape = getattr(obj["0"], "shape", None) if "0" in keys else None
            if shape is not None and len(shape) == 2:
                parts = {"dense_kernel": obj["0"]}
                if "1" in keys:
                    parts["dense_bias"] = obj["1"]
                found.append((name[: -len("/vars")], parts))
            return
        base = {k.split(":")[0]: k for k in keys}
        if {"kernel", "recurrent_kernel"} <= set(base) and "gru" not in name:  # legacy
            parts = {k: obj[base[k]] for k in ("kernel", "recurrent_kernel", "bias") if k in base}
            layer = re.sub(r"/lstm_cell(_\d+)?$", "", name)
            found.append((layer, parts))
        elif {"kernel", "bias"} <= set(base) and "recurrent_kernel" not in base:  # legacy Dense
            shape = getattr(obj[base["kernel"]], "shape", None)
            if shape is not None and len(shape) == 2:
                parts = {"dense_kernel": obj[base["kernel"]], "dense_bias": obj[base["bias"]]}
                found.append((name, parts))

    h5.visititems(visit)
    return found


def _layer_of(name: str) -> tuple[str, bool]:
    """(layer path, reverse) for a cell's group path."""
    head, _, last = name.rpartition("/")
    if "backward" in last:
        return head, True
    if "forward" in last:
        return head, False
    return name, False


Cells = list[tuple[str, dict[str, tuple[np.ndarray, str]]]]
#: The cells (and Dense layers), the legacy model config, the top-level layer groups.
H5Contents = tuple[Cells, str | None, list[str]]


def _layer_groups(h5: Any) -> list[str]:
    """The names of the layer groups: children of ``layers`` (Keras 3), else of the root."""
    root = h5["layers"] if "layers" in h5 else h5
    if "layers" not in h5 and "model_weights" in h5:
        root = h5["model_weights"]
    return [str(k) for k in root.keys() if hasattr(root[k], "keys")]


def read_h5_cells(path: str | os.PathLike[str], data: bytes) -> H5Contents:
    """The LSTM cells' (and Dense layers') arrays of an HDF5 file, read in this process.

    Returns ``([(group path, {"kernel": (array, dataset name), …}), …], model_config,
    layer groups)``; a Dense layer's parts are ``dense_kernel`` and ``dense_bias``.
    Use :func:`_read_h5` instead: a damaged HDF5 file can make the HDF5 library
    loop forever or allocate without bound, which only a separate process
    survives.
    """
    h5py = _h5py(path)
    try:
        with h5py.File(io.BytesIO(data), "r") as h5:
            check_h5_file(h5, path)  # nothing outside the file, nothing past the budget
            model_config = None
            if "layers" not in h5:  # legacy tf.keras files keep their config in an attribute
                raw = h5.attrs.get("model_config")
                if isinstance(raw, bytes):
                    raw = raw.decode("utf-8", "replace")
                model_config = raw if isinstance(raw, str) else None
            arrays = [
                (
                    name,
                    {
                        k: (_read_dataset(ds, path, key_place(f"'{ds.name.lstrip('/')}'")), ds.name)
                        for k, ds in parts.items()
                    },
                )
                for name, parts in _cells(h5)
            ]
            groups = _layer_groups(h5)
    except LoadError:
        raise
    except Exception as exc:  # h5py: OSError ("unable to open"), KeyError, RuntimeError…
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "not a readable HDF5 file ({detail})"), detail=exc
            ),
        ) from None
    return arrays, model_config, groups


#: Seconds a separate process may take to read an HDF5 file before it is given up.
H5_TIMEOUT = 60.0
#: Read HDF5 files in a separate process (not possible in a frozen executable).
H5_ISOLATED = not getattr(sys, "frozen", False)
_CACHE: OrderedDict[bytes, H5Contents] = OrderedDict()


def _have_h5py() -> bool:
    if "h5py" in sys.modules:
        return sys.modules["h5py"] is not None
    return importlib.util.find_spec("h5py") is not None


def _read_h5(path: str | os.PathLike[str], data: bytes) -> H5Contents:
    """:func:`read_h5_cells` in a separate, time- and memory-limited process (cached)."""
    key = hashlib.sha256(data).digest()
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    result = _read_h5_worker(path, data) if H5_ISOLATED else read_h5_cells(path, data)
    _CACHE[key] = result
    while len(_CACHE) > 4:
        _CACHE.popitem(last=False)
    return result


def _read_h5_worker(path: str | os.PathLike[str], data: bytes) -> H5Contents:
    from ._npy import read_npz

    root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    env["HDF5_PLUGIN_PRELOAD"] = "::"  # the HDF5 library loads no plugin (no code from disk)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "lstm_sim.io._h5_worker", str(len(data))],
            input=data,
            capture_output=True,
            timeout=H5_TIMEOUT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "the HDF5 library did not finish reading this file within {seconds} s "
                    "(it is probably damaged)",
                ),
                seconds=f"{H5_TIMEOUT:g}",
            ),
        ) from None
    except OSError as exc:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "cannot start the HDF5 reader ({detail})"),
                detail=exc,
            ),
        ) from None
    if proc.returncode == 3:
        try:
            place, reason = (message_from_data(m) for m in json.loads(proc.stdout.decode("utf-8")))
        except (ValueError, TypeError):
            place, reason = "", Text(QT_TRANSLATE_NOOP("FileErrors", "not a readable HDF5 file"))
        raise LoadError(path, place, reason)
    if proc.returncode != 0:
        lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        if lines:
            raise LoadError(
                path,
                "",
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors",
                        "the HDF5 library failed on this file (it is probably damaged) ({detail})",
                    ),
                    detail=lines[-1],
                ),
            )
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "the HDF5 library failed on this file (it is probably damaged)"
                )
            ),
        )
    arrays = read_npz(proc.stdout, path)
    meta = json.loads(str(arrays.pop("meta")))
    cells = [
        (name, {part: (arrays[k], ds) for part, (k, ds) in parts.items()})
        for name, parts in meta["cells"]
    ]
    return cells, meta["model_config"], meta.get("groups", [])


def cell_arrays(
    parts: dict[str, tuple[np.ndarray, str]], path: str | os.PathLike[str]
) -> dict[str, Entry]:
    """One Keras LSTM cell's arrays, checked, under PyTorch ``nn.LSTMCell`` names.

    ``parts`` holds ``kernel`` (D, 4H), ``recurrent_kernel`` (H, 4H) and
    optionally ``bias`` (4H,), each with its dataset name; the result is
    transposed to PyTorch's layout (``bias_hh`` is zero: Keras has one bias).

    Raises
    ------
    LoadError
    """
    (rk, rk_key), (k, k_key) = parts["recurrent_kernel"], parts["kernel"]
    rk_place = key_place(f"'{rk_key.lstrip('/')}'")
    k_place = key_place(f"'{k_key.lstrip('/')}'")
    if rk.ndim != 2 or rk.shape[0] < 1 or rk.shape[1] != 4 * rk.shape[0]:
        raise LoadError(
            path,
            rk_place,
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "recurrent kernel: expected shape (H, 4H), got {shape}"
                ),
                shape=rk.shape,
            ),
        )
    hidden4 = rk.shape[1]
    if k.ndim != 2 or k.shape[0] < 1 or k.shape[1] != hidden4:
        raise LoadError(
            path,
            k_place,
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "kernel: expected shape (D, {columns}) to match the recurrent kernel "
                    "{recurrent}, got {shape}",
                ),
                columns=hidden4,
                recurrent=rk.shape,
                shape=k.shape,
            ),
        )
    if "bias" in parts:
        b, b_key = parts["bias"]
        b_place: Message = key_place(f"'{b_key.lstrip('/')}'")
        if b.shape != (hidden4,):
            raise LoadError(
                path,
                b_place,
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors",
                        "bias: expected shape ({columns},) to match the recurrent kernel "
                        "{recurrent}, got {shape}",
                    ),
                    columns=hidden4,
                    recurrent=rk.shape,
                    shape=b.shape,
                ),
            )
    else:
        b = np.zeros(hidden4)
        b_place = Text(QT_TRANSLATE_NOOP("FileErrors", "{place} (no bias: zero)"), place=rk_place)
    return {
        "weight_ih": Entry(np.ascontiguousarray(k.T), k_place),
        "weight_hh": Entry(np.ascontiguousarray(rk.T), rk_place),
        "bias_ih": Entry(b, b_place),
        "bias_hh": Entry(
            np.zeros(hidden4),
            Text(QT_TRANSLATE_NOOP("FileErrors", "{place} (Keras has one bias)"), place=rk_place),
        ),
    }


def read_keras(
    path: str | os.PathLike[str], data: bytes
) -> tuple[dict[str, Entry], dict[tuple[int, bool], str]]:
    """Every LSTM cell of a Keras weight file, under PyTorch ``nn.LSTM`` names.

    Layers are numbered in model order (see :mod:`lstm_sim.io.keras_model`); a
    ``Bidirectional`` layer's backward cell and a ``go_backwards`` LSTM are
    ``_reverse`` (they read the sequence from its end).

    Returns
    -------
    entries : dict
        ``weight_ih_l{n}[_reverse]`` → Entry (already transposed to PyTorch's
        layout), likewise ``weight_hh``, ``bias_ih``, ``bias_hh``.
    names : dict
        (layer, reverse) → the Keras group path of that cell.

    Raises
    ------
    LoadError
    """
    from .keras_model import keras_structure

    structure = keras_structure(path, data)
    entries: dict[str, Entry] = {}
    names: dict[tuple[int, bool], str] = {}
    recurrent = [x for x in structure.layers if x.kind != "dense"]
    for n, layer in enumerate(recurrent):
        for reverse, parts in layer.cells.items():
            suffix = f"_l{n}" + ("_reverse" if reverse else "")
            for key, entry in cell_arrays(parts, path).items():
                entries[key + suffix] = entry
            names[(n, reverse)] = layer.name + (
                ("/backward" if layer.go_backwards is False else " (go_backwards)")
                if reverse
                else ("/forward" if layer.kind == "bidirectional" else "")
            )
    return entries, names
