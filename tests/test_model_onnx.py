"""ONNX LSTM graphs against onnxruntime (frozen in fixtures; live when onnxruntime is installed).

The fixtures come from ``tools/make_onnx_fixtures.py``. The reader needs
neither onnx nor onnxruntime; the refusal tests write their ONNX files with a
few lines of protobuf encoding below.
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from lstm_sim.engine import run_model
from lstm_sim.io import LoadError
from lstm_sim.io.model_file import load_model

FIXTURES = Path(__file__).parent / "fixtures" / "model"


def _npz(path) -> dict:
    """An .npz file's arrays, the file closed."""
    with np.load(path) as f:
        return dict(f)


E = _npz(FIXTURES / "onnx_expected.npz")


def test_bidirectional_then_reverse_with_matmul_head_matches_onnxruntime():
    loaded = load_model(FIXTURES / "onnx_stack.onnx")
    first, second = loaded.model.layers
    assert first.bidirectional and second.forward is None and not second.keep_reversed
    assert loaded.model.head.on == "every"
    mt = run_model(loaded.model, E["x"])
    y1 = E["stack_y1"][:, :, 0].reshape(len(E["x"]), 8)  # (T, directions, H) → forward half first
    np.testing.assert_allclose(mt.layer_outputs[0], y1, atol=1e-6, rtol=0)
    np.testing.assert_allclose(mt.layer_outputs[1], E["stack_y2"][:, 0, 0], atol=1e-6, rtol=0)
    np.testing.assert_allclose(mt.yhat, E["stack_yhat"][:, 0], atol=1e-6, rtol=0)


def test_final_state_gemm_head_matches_onnxruntime():
    loaded = load_model(FIXTURES / "onnx_final.onnx")
    assert loaded.model.head.on == "final"
    mt = run_model(loaded.model, E["x"])
    np.testing.assert_allclose(mt.yhat, E["final_yhat"], atol=1e-6, rtol=0)


def test_live_onnxruntime():
    ort = pytest.importorskip("onnxruntime")
    x = np.random.default_rng(3).standard_normal((6, 1, 3)).astype(np.float32)
    sess = ort.InferenceSession(
        str(FIXTURES / "onnx_stack.onnx"), providers=["CPUExecutionProvider"]
    )
    yhat = sess.run(["yhat"], {"X": np.concatenate([x, x[:3]])[:9]})[0]
    mt = run_model(
        load_model(FIXTURES / "onnx_stack.onnx").model, np.concatenate([x, x[:3]])[:9, 0]
    )
    np.testing.assert_allclose(mt.yhat, yhat[:, 0], atol=1e-6, rtol=0)


# ------------------------------------------------------------ hand-made files
def _key(num: int, wire: int) -> bytes:
    return _varint(num << 3 | wire)


def _varint(n: int) -> bytes:
    out = b""
    while True:
        b, n = n & 0x7F, n >> 7
        out += bytes([b | (0x80 if n else 0)])
        if not n:
            return out


def _bytes(num: int, raw: bytes) -> bytes:
    return _key(num, 2) + _varint(len(raw)) + raw


def _int(num: int, n: int) -> bytes:
    return _key(num, 0) + _varint(n)


def _tensor(name: str, arr: np.ndarray) -> bytes:
    arr = np.asarray(arr, dtype="<f4")
    dims = b"".join(_int(1, d) for d in arr.shape)
    return dims + _int(2, 1) + _bytes(8, name.encode()) + _bytes(9, arr.tobytes())


def _attr(
    name: str, *, i: int | None = None, s: str | None = None, f: float | None = None, strings=()
):
    out = _bytes(1, name.encode())
    if i is not None:
        out += _int(3, i)
    if s is not None:
        out += _bytes(4, s.encode())
    if f is not None:
        out += _key(2, 5) + struct.pack("<f", f)
    for x in strings:
        out += _bytes(9, x.encode())
    return out


def _node(op: str, inputs, outputs, name: str, attrs=()) -> bytes:
    out = b"".join(_bytes(1, x.encode()) for x in inputs)
    out += b"".join(_bytes(2, x.encode()) for x in outputs)
    out += _bytes(3, name.encode()) + _bytes(4, op.encode())
    return out + b"".join(_bytes(5, a) for a in attrs)


def _model(nodes, inits) -> bytes:
    graph = b"".join(_bytes(1, n) for n in nodes) + b"".join(_bytes(5, t) for t in inits)
    graph += _bytes(11, _bytes(1, b"X"))
    return _int(1, 8) + _bytes(7, graph)


def _lstm_file(tmp_path, attrs=(), extra_inputs=(), extra_inits=(), op="LSTM") -> Path:
    rng = np.random.default_rng(0)
    inits = [
        _tensor("W", rng.standard_normal((1, 8, 1))),
        _tensor("R", rng.standard_normal((1, 8, 2))),
    ]
    node = _node(
        op, ["X", "W", "R", *extra_inputs], ["Y"], "cell", [_attr("hidden_size", i=2), *attrs]
    )
    path = tmp_path / "m.onnx"
    path.write_bytes(_model([node], inits + list(extra_inits)))
    return path


def test_hand_made_file_loads(tmp_path):
    model = load_model(_lstm_file(tmp_path)).model
    assert model.layers[0].forward.hidden_size == 2 and model.head is None


@pytest.mark.parametrize(
    ("kw", "reason"),
    [
        ({"op": "GRU"}, "GRU is not supported"),
        ({"attrs": [_attr("activations", strings=["Relu", "Tanh", "Tanh"])]}, "activations"),
        ({"attrs": [_attr("clip", f=3.0)]}, "clip=3.0"),
        ({"attrs": [_attr("input_forget", i=1)]}, "input_forget=1"),
        (
            {"extra_inputs": ["", "", "", "", "P"], "extra_inits": [_tensor("P", np.ones((1, 6)))]},
            "peepholes",
        ),
    ],
)
def test_unsupported_onnx_is_named(tmp_path, kw, reason):
    with pytest.raises(LoadError) as info:
        load_model(_lstm_file(tmp_path, **kw))
    op = kw.get("op", "LSTM")
    assert info.value.place == f"node 'cell' ({op})", str(info.value)
    assert reason in info.value.reason, str(info.value)


def test_damaged_onnx(tmp_path):
    data = (FIXTURES / "onnx_stack.onnx").read_bytes()
    (tmp_path / "cut.onnx").write_bytes(data[: len(data) // 2])
    with pytest.raises(LoadError, match="not a readable ONNX file"):
        load_model(tmp_path / "cut.onnx")
    external = _tensor("W", np.ones((1, 8, 1))) + _int(14, 1)
    (tmp_path / "ext.onnx").write_bytes(
        _model([_node("LSTM", ["X", "W", "W"], ["Y"], "c")], [external])
    )
    with pytest.raises(LoadError, match="stored in another file"):
        load_model(tmp_path / "ext.onnx")
