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
import zipfile
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

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


def _check_activations(config: Any, path: str | os.PathLike[str]) -> None:
    """Refuse LSTM layers whose activations are not tanh / sigmoid."""
    stack = [config]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("class_name") == "LSTM" and isinstance(node.get("config"), dict):
                cfg = node["config"]
                act = cfg.get("activation", "tanh")
                rec = cfg.get("recurrent_activation", "sigmoid")
                if act != "tanh" or rec != "sigmoid":
                    raise LoadError(
                        path,
                        Text(
                            QT_TRANSLATE_NOOP("FileErrors", "layer {name}"),
                            name=f"'{cfg.get('name', '?')}'",
                        ),
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
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


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
        base = {k.split(":")[0]: k for k in keys}
        if {"kernel", "recurrent_kernel"} <= set(base) and "gru" not in name:  # legacy
            parts = {k: obj[base[k]] for k in ("kernel", "recurrent_kernel", "bias") if k in base}
            layer = re.sub(r"/lstm_cell(_\d+)?$", "", name)
            found.append((layer, parts))

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


def read_h5_cells(path: str | os.PathLike[str], data: bytes) -> tuple[Cells, str | None]:
    """The LSTM cells' arrays of an HDF5 file, read in this process.

    Returns ``([(group path, {"kernel": (array, dataset name), …}), …], model_config)``.
    Use :func:`_read_h5` instead: a damaged HDF5 file can make the HDF5 library
    loop forever or allocate without bound, which only a separate process
    survives.
    """
    h5py = _h5py(path)
    try:
        with h5py.File(io.BytesIO(data), "r") as h5:
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
    return arrays, model_config


#: Seconds a separate process may take to read an HDF5 file before it is given up.
H5_TIMEOUT = 60.0
#: Read HDF5 files in a separate process (not possible in a frozen executable).
H5_ISOLATED = not getattr(sys, "frozen", False)
_CACHE: OrderedDict[bytes, tuple[Cells, str | None]] = OrderedDict()


def _have_h5py() -> bool:
    if "h5py" in sys.modules:
        return sys.modules["h5py"] is not None
    return importlib.util.find_spec("h5py") is not None


def _read_h5(path: str | os.PathLike[str], data: bytes) -> tuple[Cells, str | None]:
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


def _read_h5_worker(path: str | os.PathLike[str], data: bytes) -> tuple[Cells, str | None]:
    from ._npy import read_npz

    root = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
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
            place, reason = (Text.from_data(m) for m in json.loads(proc.stdout.decode("utf-8")))
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
    return cells, meta["model_config"]


def read_keras(
    path: str | os.PathLike[str], data: bytes
) -> tuple[dict[str, Entry], dict[tuple[int, bool], str]]:
    """Every LSTM cell of a Keras weight file, under PyTorch ``nn.LSTM`` names.

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
    if not data:
        raise LoadError(path, "", Text(QT_TRANSLATE_NOOP("FileErrors", "empty file (0 bytes)")))
    config = None
    if data.startswith(b"PK"):  # a .keras zip: model.weights.h5 (+ config.json)
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
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
                            found=", ".join(names)
                            or Text(QT_TRANSLATE_NOOP("FileErrors", "nothing")),
                        ),
                    )
                h5_bytes = zf.read("model.weights.h5")
                if "config.json" in names:
                    config = zf.read("config.json")
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
                parsed = json.loads(config.decode("utf-8"))
            except (ValueError, RecursionError):
                raise LoadError(
                    path, "config.json", Text(QT_TRANSLATE_NOOP("FileErrors", "not valid JSON"))
                ) from None
            _check_activations(parsed, path)
        data = h5_bytes
    if not data.startswith(HDF5_MAGIC):
        raise LoadError(
            path,
            Text(QT_TRANSLATE_NOOP("FileErrors", "byte {byte}"), byte=0),
            Text(QT_TRANSLATE_NOOP("FileErrors", "not an HDF5 file (no \\x89HDF signature)")),
        )
    if not _have_h5py():
        _h5py(path)  # raises the "needs h5py" LoadError
    arrays, model_config = _read_h5(path, data)
    if model_config is not None:
        try:
            parsed = json.loads(model_config)
        except (ValueError, RecursionError):
            parsed = None  # an unreadable legacy config does not stop the weights
        _check_activations(parsed, path)
    if not arrays:
        raise LoadError(
            path,
            "",
            Text(QT_TRANSLATE_NOOP("FileErrors", "no LSTM layer found in this Keras file")),
        )

    layers = sorted({_layer_of(n)[0] for n, _ in arrays}, key=_natural)
    entries: dict[str, Entry] = {}
    names: dict[tuple[int, bool], str] = {}
    for name, parts in arrays:
        base, reverse = _layer_of(name)
        n = layers.index(base)
        suffix = f"_l{n}" + ("_reverse" if reverse else "")
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
            b_place = Text(
                QT_TRANSLATE_NOOP("FileErrors", "{place} (no bias: zero)"), place=rk_place
            )
        entries["weight_ih" + suffix] = Entry(np.ascontiguousarray(k.T), k_place)
        entries["weight_hh" + suffix] = Entry(np.ascontiguousarray(rk.T), rk_place)
        entries["bias_ih" + suffix] = Entry(b, b_place)
        entries["bias_hh" + suffix] = Entry(
            np.zeros(hidden4),
            Text(QT_TRANSLATE_NOOP("FileErrors", "{place} (Keras has one bias)"), place=rk_place),
        )
        names[(n, reverse)] = name
    return entries, names
