"""ONNX files with ``LSTM`` nodes, read without onnx or onnxruntime.

An ONNX file is a protocol-buffers ``ModelProto``. Only the few messages
needed are decoded here, by a small wire-format reader (varints and
length-delimited fields): ``graph`` → ``node`` (op type, inputs, outputs,
attributes), ``initializer`` (tensors), ``input``. Why not the ``onnx``
package: it would add a dependency (protobuf) for a handful of fields, it
parses the whole file into objects before anything can be checked, and it
follows *external data* references to other files; this reader needs nothing,
checks every length against the bytes that are really there and every array
against the memory budget before copying it, and refuses external data
(nothing a file says makes lstm-sim read another file).

Supported graph: a chain of ``LSTM`` nodes (``direction`` forward, reverse or
bidirectional; default activations Sigmoid/Tanh/Tanh; no peepholes, no clip,
``input_forget=0``, ``layout=0``), joined by shape-only nodes (Transpose,
Reshape, Squeeze, Unsqueeze, Identity and the Shape/Gather/Concat/Slice that
compute shapes), and optionally a head after the last LSTM: ``Gemm`` or
``MatMul`` (+ ``Add``) with a 2-D weight initializer, reading every step, the
last step (through a ``Gather``/``Slice``) or the final state ``Y_h``. Any
other operator is refused, naming the first. ONNX gate order is i, o, f, c;
the weights are reordered to PyTorch's i, f, g, o.
"""

from __future__ import annotations

import itertools
import os
import struct
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..engine import EngineError, LSTMParams
from ..engine.budget import BudgetError, check_memory
from ..engine.model import Head, Layer, Model
from .errors import QT_TRANSLATE_NOOP, LoadError, Message, Text

__all__ = ["load_onnx_model"]

_SHAPE_OPS = {"Transpose", "Reshape", "Squeeze", "Unsqueeze", "Identity", "Flatten", "Cast"}
_SIDE_OPS = {"Shape", "Constant", "ConstantOfShape", "Concat", "Gather", "Slice", "Expand", "Range"}
_DTYPES = {1: "<f4", 11: "<f8", 10: "<f2", 6: "<i4", 7: "<i8", 16: "bf16"}


class _Bad(Exception):
    """A malformed protobuf (the message says where)."""


# ---------------------------------------------------------------- wire format
def _varint(buf: memoryview, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if pos >= len(buf):
            raise _Bad("truncated varint")
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise _Bad("varint too long")


def _fields(buf: memoryview) -> list[tuple[int, int, Any]]:
    """(field number, wire type, value) of one message: ints, or memoryviews of bytes."""
    out = []
    pos = 0
    value: int | memoryview
    while pos < len(buf):
        key, pos = _varint(buf, pos)
        num, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(buf, pos)
        elif wire == 1:
            if pos + 8 > len(buf):
                raise _Bad("truncated fixed64")
            value, pos = buf[pos : pos + 8], pos + 8
        elif wire == 2:
            n, pos = _varint(buf, pos)
            if pos + n > len(buf):
                raise _Bad(f"field {num} announces {n} bytes, {len(buf) - pos} remain")
            value, pos = buf[pos : pos + n], pos + n
        elif wire == 5:
            if pos + 4 > len(buf):
                raise _Bad("truncated fixed32")
            value, pos = buf[pos : pos + 4], pos + 4
        else:
            raise _Bad(f"unknown wire type {wire}")
        out.append((num, wire, value))
    return out


def _text(v: Any) -> str:
    return bytes(v).decode("utf-8", "replace")


def _packed_ints(items: list[tuple[int, Any]]) -> list[int]:
    out: list[int] = []
    for wire, v in items:
        if wire == 0:
            out.append(v - (1 << 64) if v >= 1 << 63 else v)
        else:
            pos = 0
            while pos < len(v):
                n, pos = _varint(v, pos)
                out.append(n - (1 << 64) if n >= 1 << 63 else n)
    return out


@dataclass
class _Node:
    op: str
    name: str
    inputs: list[str]
    outputs: list[str]
    attrs: dict[str, Any] = field(default_factory=dict)


def _tensor(buf: memoryview, where: str) -> tuple[str, np.ndarray]:
    dims: list[tuple[int, Any]] = []
    dtype = 0
    name = ""
    raw = None
    floats: list[memoryview] = []
    doubles: list[memoryview] = []
    ints: list[tuple[int, Any]] = []
    for num, wire, v in _fields(buf):
        if num == 1:
            dims.append((wire, v))
        elif num == 2:
            dtype = v
        elif num == 8:
            name = _text(v)
        elif num == 9:
            raw = v
        elif num == 4:
            floats.append(v)
        elif num == 10:
            doubles.append(v)
        elif num in (5, 7):
            ints.append((wire, v))
        elif num == 14 and v == 1:
            raise _Bad(f"{where} {name!r}: its data is stored in another file (external data)")
    shape = tuple(_packed_ints(dims))
    if any(d < 0 for d in shape) or len(shape) > 8:
        raise _Bad(f"{where} {name!r}: invalid dimensions {shape}")
    if dtype not in _DTYPES:
        raise _Bad(f"{where} {name!r}: unsupported data type {dtype}")
    count = int(np.prod(shape, dtype=np.int64)) if shape else 1
    check_memory(count * 8, f"tensor {name!r}")
    code = _DTYPES[dtype]
    if raw is not None:
        itemsize = 2 if code == "bf16" else np.dtype(code).itemsize
        if len(raw) != count * itemsize:
            raise _Bad(f"{where} {name!r}: {len(raw)} bytes of data for shape {shape}")
        if code == "bf16":
            arr = (np.frombuffer(raw, "<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            arr = np.frombuffer(raw, code)
    elif floats:
        arr = np.frombuffer(b"".join(bytes(f) for f in floats), "<f4")
    elif doubles:
        arr = np.frombuffer(b"".join(bytes(d) for d in doubles), "<f8")
    else:
        arr = np.array(_packed_ints(ints), dtype=np.int64)
    if arr.size != count:
        raise _Bad(f"{where} {name!r}: {arr.size} values for shape {shape}")
    return name, np.array(
        arr.reshape(shape), dtype=np.float64 if arr.dtype.kind == "f" else arr.dtype
    )


def _attribute(buf: memoryview) -> tuple[str, Any]:
    name, value = "", None
    floats: list[float] = []
    ints: list[tuple[int, Any]] = []
    strings: list[str] = []
    for num, wire, v in _fields(buf):
        if num == 1:
            name = _text(v)
        elif num == 2:
            value = struct.unpack("<f", bytes(v))[0]
        elif num == 3:
            value = _packed_ints([(wire, v)])[0]
        elif num == 4:
            value = _text(v)
        elif num == 5:
            value = _tensor(v, "attribute")[1]
        elif num == 7:
            raw = bytes(v)
            floats += list(struct.unpack(f"<{len(raw) // 4}f", raw))
        elif num == 8:
            ints.append((wire, v))
        elif num == 9:
            strings.append(_text(v))
    if value is None:
        value = strings or floats or (_packed_ints(ints) if ints else None)
    return name, value


def _graph(data: bytes) -> tuple[list[_Node], dict[str, np.ndarray], list[str]]:
    top = memoryview(data)
    graph = next((v for num, wire, v in _fields(top) if num == 7 and wire == 2), None)
    if graph is None:
        raise _Bad("no graph (not an ONNX model)")
    nodes: list[_Node] = []
    inits: dict[str, np.ndarray] = {}
    inputs: list[str] = []
    for num, wire, v in _fields(graph):
        if wire != 2:
            continue
        if num == 1:
            node = _Node("", "", [], [])
            for n2, w2, v2 in _fields(v):
                if n2 == 1:
                    node.inputs.append(_text(v2))
                elif n2 == 2:
                    node.outputs.append(_text(v2))
                elif n2 == 3:
                    node.name = _text(v2)
                elif n2 == 4:
                    node.op = _text(v2)
                elif n2 == 5 and w2 == 2:
                    key, val = _attribute(v2)
                    node.attrs[key] = val
            nodes.append(node)
        elif num == 5:
            name, arr = _tensor(v, "initializer")
            inits[name] = arr
        elif num == 11:
            inputs.append(next((_text(v2) for n2, _, v2 in _fields(v) if n2 == 1), ""))
    for node in nodes:
        if (
            node.op == "Constant"
            and node.outputs
            and isinstance(node.attrs.get("value"), np.ndarray)
        ):
            inits[node.outputs[0]] = node.attrs["value"]
    return nodes, inits, [i for i in inputs if i not in inits]


# --------------------------------------------------------------------- model
def _node_place(node: _Node) -> Text:
    return Text(
        QT_TRANSLATE_NOOP("FileErrors", "node {name} ({op})"),
        name=repr(node.name or (node.outputs[0] if node.outputs else "?")),
        op=node.op,
    )


def _refuse(path: Any, node: _Node, what: str) -> LoadError:
    return LoadError(
        path,
        _node_place(node),
        Text(
            QT_TRANSLATE_NOOP(
                "FileErrors",
                "{what} is not supported: lstm-sim reads ONNX graphs of LSTM nodes (default "
                "activations, no peepholes, no clip) and an optional Gemm/MatMul head",
            ),
            what=what,
        ),
    )


_IOFC_TO_IFGO = (0, 2, 3, 1)  # ONNX blocks i, o, f, c → PyTorch i, f, g(=c), o


def _reorder(a: np.ndarray, hidden: int) -> np.ndarray:
    return np.concatenate([a[b * hidden : (b + 1) * hidden] for b in _IOFC_TO_IFGO])


def _lstm_layer(path: Any, node: _Node, inits: dict[str, np.ndarray]) -> Layer:
    a = node.attrs
    acts = a.get("activations")
    if acts and any(
        x.lower() != y for x, y in zip(acts, ["sigmoid", "tanh", "tanh"] * 2, strict=False)
    ):
        raise _refuse(path, node, f"activations {acts}")
    if a.get("clip") is not None:
        raise _refuse(path, node, f"clip={a['clip']}")
    if a.get("input_forget", 0):
        raise _refuse(path, node, "input_forget=1")
    if a.get("layout", 0):
        raise _refuse(path, node, "layout=1")
    direction = a.get("direction", "forward")
    if direction not in ("forward", "reverse", "bidirectional"):
        raise _refuse(path, node, f"direction={direction!r}")
    names = node.inputs + [""] * (8 - len(node.inputs))
    w, r = inits.get(names[1]), inits.get(names[2])
    if w is None or r is None:
        raise _refuse(path, node, "weights that are not constants of the file")
    if names[7] and (names[7] not in inits or inits[names[7]].any()):
        raise _refuse(path, node, "peepholes (input P)")
    for k in (5, 6):
        if names[k] and (names[k] not in inits or inits[names[k]].any()):
            raise _refuse(path, node, "a non-zero initial state")
    dirs = 2 if direction == "bidirectional" else 1
    if w.ndim != 3 or r.ndim != 3 or w.shape[0] != dirs or r.shape[0] != dirs:
        raise _refuse(path, node, f"W {w.shape} and R {r.shape} for {dirs} direction(s)")
    hidden = r.shape[2]
    b = inits.get(names[3]) if names[3] else None
    if b is None:
        b = np.zeros((dirs, 8 * hidden))
    cells = []
    for d in range(dirs):
        try:
            cells.append(
                LSTMParams(
                    _reorder(w[d], hidden),
                    _reorder(r[d], hidden),
                    _reorder(b[d, : 4 * hidden], hidden),
                    _reorder(b[d, 4 * hidden :], hidden),
                )
            )
        except (EngineError, IndexError, ValueError) as exc:
            raise LoadError(path, _node_place(node), str(exc)) from None
    if direction == "forward":
        return Layer(cells[0])
    if direction == "reverse":
        return Layer(None, cells[0])
    return Layer(cells[0], cells[1])


def load_onnx_model(
    path: str | os.PathLike[str], data: bytes, *, head_on: str | None = None
) -> tuple[Model, list[Message]]:
    """An ONNX file's LSTM chain (and head) as a :class:`~lstm_sim.engine.Model`.

    Raises
    ------
    LoadError
    """
    try:
        nodes, inits, _inputs = _graph(data)
    except BudgetError as exc:
        raise LoadError(path, "", exc) from None
    except _Bad as exc:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "not a readable ONNX file ({detail})"),
                detail=exc,
            ),
        ) from None
    producer = {o: n for n in nodes for o in n.outputs}

    def origin(name: str) -> tuple[str, bool]:
        """The tensor a value is a reshaped copy of, and whether a step was picked on the way."""
        picked = False
        seen = 0
        while name in producer and seen < 1000:
            node = producer[name]
            if node.op in _SHAPE_OPS or node.op in ("Gather", "Slice"):
                picked |= node.op in ("Gather", "Slice")
                name = node.inputs[0]
                seen += 1
            else:
                break
        return name, picked

    head_ops = ("Gemm", "MatMul", "Add")
    for node in nodes:  # the first operator outside what is supported is named
        if node.op not in ("LSTM", *head_ops) and node.op not in _SHAPE_OPS | _SIDE_OPS:
            raise _refuse(path, node, node.op)
    lstms = [n for n in nodes if n.op == "LSTM"]
    if not lstms:
        raise LoadError(
            path, "", Text(QT_TRANSLATE_NOOP("FileErrors", "no LSTM node in this file"))
        )
    layers = [_lstm_layer(path, lstms[0], inits)]
    for prev, node in itertools.pairwise(lstms):
        src, picked = origin(node.inputs[0])
        if src != (prev.outputs[0] if prev.outputs else None) or picked:
            raise _refuse(
                path, node, "an LSTM that does not read the whole output of the one before"
            )
        layers.append(_lstm_layer(path, node, inits))
    last = lstms[-1]
    y, y_h = [*last.outputs, "", ""][:2]
    head = None
    after = nodes[nodes.index(last) + 1 :]
    for node in nodes[: nodes.index(last)]:
        if node.op in head_ops:
            raise _refuse(path, node, f"{node.op} between LSTM layers")
    mats = [n for n in after if n.op in ("Gemm", "MatMul")]
    if len(mats) > 1:
        raise _refuse(path, mats[1], f"a second {mats[1].op}")
    if mats:
        mat = mats[0]
        data_in, weight_in = mat.inputs[0], mat.inputs[1] if len(mat.inputs) > 1 else ""
        if weight_in not in inits or inits[weight_in].ndim != 2:
            raise _refuse(path, mat, "a head without a constant 2-D weight")
        w = inits[weight_in]
        if mat.op == "Gemm":
            if mat.attrs.get("alpha", 1.0) != 1.0 or mat.attrs.get("beta", 1.0) != 1.0:
                raise _refuse(path, mat, "Gemm with alpha or beta ≠ 1")
            if mat.attrs.get("transA", 0):
                raise _refuse(path, mat, "Gemm with transA")
            w = w if mat.attrs.get("transB", 0) else w.T
            bias = inits.get(mat.inputs[2]) if len(mat.inputs) > 2 else None
        else:
            w = w.T
            adds = [n for n in after if n.op == "Add" and mat.outputs[0] in n.inputs]
            bias = None
            for add in adds:
                other = [i for i in add.inputs if i != mat.outputs[0]]
                bias = inits.get(other[0]) if other else None
        b = np.zeros(w.shape[0]) if bias is None else np.asarray(bias, dtype=np.float64).reshape(-1)
        src, picked = origin(data_in)
        if src == y:
            on = "last" if picked else "every"
        elif src == y_h:
            on = "final"
        else:
            raise _refuse(path, mat, "a head that does not read the last LSTM")
        try:
            head = Head(w, b, head_on or on, mat.name or "head")
        except EngineError as exc:
            raise LoadError(path, _node_place(mat), exc) from None
    try:
        model = Model(layers, head, name=os.fspath(path))
    except EngineError as exc:
        raise LoadError(path, "", exc) from None
    return model, []
