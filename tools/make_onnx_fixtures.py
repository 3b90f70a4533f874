"""Make the ONNX fixtures of the model tests (run once; the outputs are committed).

    .venv/bin/pip install onnx onnxruntime      # references only, not dependencies
    .venv/bin/python tools/make_onnx_fixtures.py

Writes into ``tests/fixtures/model/``:

- ``onnx_stack.onnx``: X (T, 1, 3) → ``LSTM`` (bidirectional, H = 4) →
  Transpose/Reshape → ``LSTM`` (direction ``reverse``, H = 3) → Squeeze →
  ``MatMul`` + ``Add`` (a head on every step, P = 2);
- ``onnx_final.onnx``: X → ``LSTM`` (forward, H = 5, no bias) → ``Y_h`` →
  Squeeze → ``Gemm`` (transB = 1; the head on the final state, P = 2);
- ``onnx_expected.npz``: the input ``x`` (T, 3) and onnxruntime's outputs
  (``stack_y1`` (T, 2, 1, 4), ``stack_y2`` (T, 1, 1, 3), ``stack_yhat`` (T, 1, 2),
  ``final_yhat`` (1, 2)), float32 stored as float64.

Weights are random (float32), the ONNX gate order i, o, f, c.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "model"
T, D = 9, 3


def _init(name: str, arr: np.ndarray) -> onnx.TensorProto:
    return numpy_helper.from_array(np.asarray(arr), name)


def _save(graph: onnx.GraphProto, path: Path) -> None:
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, path)


def stack(rng: np.random.Generator) -> Path:
    u = lambda *s: rng.uniform(-0.7, 0.7, s).astype(np.float32)  # noqa: E731
    inits = [
        _init("W1", u(2, 16, D)),
        _init("R1", u(2, 16, 4)),
        _init("B1", u(2, 32)),
        _init("perm_shape", np.array([0, 0, -1], dtype=np.int64)),
        _init("W2", u(1, 12, 8)),
        _init("R2", u(1, 12, 3)),
        _init("B2", u(1, 24)),
        _init("axes1", np.array([1], dtype=np.int64)),
        _init("Wy", u(3, 2)),
        _init("by", u(2)),
    ]
    nodes = [
        helper.make_node(
            "LSTM",
            ["X", "W1", "R1", "B1"],
            ["Y1"],
            hidden_size=4,
            direction="bidirectional",
            name="lstm1",
        ),
        helper.make_node("Transpose", ["Y1"], ["Y1t"], perm=[0, 2, 1, 3]),
        helper.make_node("Reshape", ["Y1t", "perm_shape"], ["X2"]),
        helper.make_node(
            "LSTM",
            ["X2", "W2", "R2", "B2"],
            ["Y2", "Y2h"],
            hidden_size=3,
            direction="reverse",
            name="lstm2",
        ),
        helper.make_node("Squeeze", ["Y2", "axes1"], ["Y2s"]),
        helper.make_node("MatMul", ["Y2s", "Wy"], ["Ym"], name="head"),
        helper.make_node("Add", ["Ym", "by"], ["yhat"]),
    ]
    f = TensorProto.FLOAT
    graph = helper.make_graph(
        nodes,
        "stack",
        [helper.make_tensor_value_info("X", f, [T, 1, D])],
        [
            helper.make_tensor_value_info("yhat", f, [T, 1, 2]),
            helper.make_tensor_value_info("Y1", f, [T, 2, 1, 4]),
            helper.make_tensor_value_info("Y2", f, [T, 1, 1, 3]),
        ],
        inits,
    )
    path = OUT / "onnx_stack.onnx"
    _save(graph, path)
    return path


def final(rng: np.random.Generator) -> Path:
    u = lambda *s: rng.uniform(-0.7, 0.7, s).astype(np.float32)  # noqa: E731
    inits = [
        _init("W", u(1, 20, D)),
        _init("R", u(1, 20, 5)),
        _init("axes0", np.array([0], dtype=np.int64)),
        _init("Wy", u(2, 5)),
        _init("by", u(2)),
    ]
    nodes = [
        helper.make_node("LSTM", ["X", "W", "R"], ["Y", "Yh"], hidden_size=5, name="lstm"),
        helper.make_node("Squeeze", ["Yh", "axes0"], ["h"]),
        helper.make_node("Gemm", ["h", "Wy", "by"], ["yhat"], transB=1, name="head"),
    ]
    f = TensorProto.FLOAT
    graph = helper.make_graph(
        nodes,
        "final",
        [helper.make_tensor_value_info("X", f, [T, 1, D])],
        [helper.make_tensor_value_info("yhat", f, [1, 2])],
        inits,
    )
    path = OUT / "onnx_final.onnx"
    _save(graph, path)
    return path


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(5)
    x = rng.standard_normal((T, 1, D)).astype(np.float32)
    s = ort.InferenceSession(str(stack(rng)), providers=["CPUExecutionProvider"])
    yhat, y1, y2 = s.run(None, {"X": x})
    fsess = ort.InferenceSession(str(final(rng)), providers=["CPUExecutionProvider"])
    (fy,) = fsess.run(None, {"X": x})
    np.savez(
        OUT / "onnx_expected.npz",
        x=x[:, 0].astype(np.float64),
        stack_y1=y1.astype(np.float64),
        stack_y2=y2.astype(np.float64),
        stack_yhat=yhat.astype(np.float64),
        final_yhat=fy.astype(np.float64),
    )
    print(
        f"onnx {onnx.__version__}, onnxruntime {ort.__version__}: wrote",
        *sorted(OUT.glob("onnx_*")),
        sep="\n  ",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
