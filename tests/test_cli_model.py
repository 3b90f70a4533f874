"""``lstm-sim run --weights MODEL``: the whole model runs; --layer/--reverse pick the cell shown."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from lstm_sim import cli

FIXTURES = Path(__file__).parent / "fixtures" / "model"


def _npz(path) -> dict:
    """An .npz file's arrays, the file closed."""
    with np.load(path) as f:
        return dict(f)


def run_main(capsys, *args: str) -> tuple[int, str, str]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def read_trace(path: Path) -> dict[str, np.ndarray]:
    header = path.read_text().splitlines()[0].split(",")
    table = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    return {name: table[:, k] for k, name in enumerate(header)} | {"__header__": header}


def _cols(cols: dict, prefix: str, n: int) -> np.ndarray:
    return np.column_stack([cols[f"{prefix}_{j}"] for j in range(n)])


def _sequence(tmp_path, x: np.ndarray, y: np.ndarray | None = None) -> Path:
    doc = {"inputs": x.tolist()}
    if y is not None:
        doc["targets"] = y.tolist()
    path = tmp_path / "seq.json"
    path.write_text(json.dumps(doc))
    return path


def test_whole_torch_model_with_head_mse_and_yhat(tmp_path, capsys):
    e = _npz(FIXTURES / "torch_l2_bi_every_expected.npz")
    seq = _sequence(tmp_path, e["x"], e["targets"])
    weights = FIXTURES / "torch_l2_bi_every.npz"
    status, out, err = run_main(
        capsys, "run", str(seq), "--weights", str(weights), "--loss", "mse", "--out", str(tmp_path)
    )
    assert status == 0, err
    assert f"L = {float(e['loss']):.6g}" in out
    assert "note: " in out and "head: fc.weight (2 output(s) from 8 value(s), on every step)" in out
    cols = read_trace(tmp_path / "trace.csv")
    header = cols["__header__"]
    assert header.index("yhat_0") == header.index("y_1") + 1 and "yhat_1" in header
    np.testing.assert_allclose(_cols(cols, "yhat", 2), e["yhat"], atol=1e-10, rtol=0)
    np.testing.assert_allclose(_cols(cols, "h", 4), e["h.0.0"], atol=1e-10, rtol=0)
    assert (cols["grad_c_norm"] > 0).all()


def test_last_step_head_writes_one_yhat_row(tmp_path, capsys):
    e = _npz(FIXTURES / "torch_l3_bi_last_expected.npz")
    seq = _sequence(tmp_path, e["x"], e["targets"])
    args = ["run", str(seq), "--weights", str(FIXTURES / "torch_l3_bi_last.npz")]
    status, out, err = run_main(
        capsys, *args, "--head-on", "last", "--loss", "mse", "--layer", "2", "--reverse",
        "--out", str(tmp_path),
    )  # fmt: skip
    assert status == 0, err
    assert f"L = {float(e['loss']):.6g}" in out
    cols = read_trace(tmp_path / "trace.csv")
    assert np.isnan(cols["yhat_0"][:-1]).all()
    np.testing.assert_allclose(cols["yhat_0"][-1], e["yhat"][0, 0], atol=1e-10, rtol=0)
    h = _cols(cols, "h", 4)
    np.testing.assert_allclose(h, e["h.2.1"][::-1], atol=1e-10, rtol=0)  # in time order
    # A BPTT window needs a single cell.
    status, _, err = run_main(capsys, *args, "--window", "3", "--out", str(tmp_path))
    assert status == 2 and "--window: a BPTT window works on a single cell" in err


def test_keras_go_backwards_model_via_cli(tmp_path, capsys):
    pytest.importorskip("h5py")
    e = _npz(FIXTURES / "keras_models_expected.npz")
    seq = _sequence(tmp_path, e["x"])
    status, out, err = run_main(
        capsys, "run", str(seq), "--weights", str(FIXTURES / "keras_func.keras"), "--out",
        str(tmp_path),
    )  # fmt: skip
    assert status == 0, err
    assert "shown: layer 0 reverse" in out  # the go_backwards layer's one cell
    cols = read_trace(tmp_path / "trace.csv")
    h = _cols(cols, "h", 4)
    # Keras hands this layer's outputs on in the order computed: row t = the step reading T-1-t.
    np.testing.assert_allclose(h[::-1], e["func_l0"], atol=1e-6, rtol=0)
    np.testing.assert_allclose(cols["yhat_0"][-1], e["func_y"][0], atol=1e-6, rtol=0)
    status, out, err = run_main(
        capsys, "run", str(seq), "--weights", str(FIXTURES / "keras_seq.weights.h5"),
        "--out", str(tmp_path),
    )  # fmt: skip
    assert status == 0, err
    assert "assumed tanh and sigmoid" in out


def test_onnx_and_pt_via_cli(tmp_path, capsys):
    e = _npz(FIXTURES / "onnx_expected.npz")
    seq = _sequence(tmp_path, e["x"])
    status, _, err = run_main(
        capsys, "run", str(seq), "--weights", str(FIXTURES / "onnx_stack.onnx"), "--layer", "1",
        "--reverse", "--out", str(tmp_path),
    )  # fmt: skip
    assert status == 0, err
    cols = read_trace(tmp_path / "trace.csv")
    np.testing.assert_allclose(_cols(cols, "h", 3), e["stack_y2"][:, 0, 0], atol=1e-6, rtol=0)
    np.testing.assert_allclose(_cols(cols, "yhat", 2), e["stack_yhat"][:, 0], atol=1e-6, rtol=0)

    n = _npz(FIXTURES / "net_expected.npz")
    seq = _sequence(tmp_path, n["x"])
    for name in ("net.pt", "net.bin", "net.ckpt"):
        status, _, err = run_main(
            capsys, "run", str(seq), "--weights", str(FIXTURES / name), "--out", str(tmp_path)
        )
        assert status == 0, (name, err)
        cols = read_trace(tmp_path / "trace.csv")
        np.testing.assert_allclose(_cols(cols, "yhat", 2), n["yhat32"], atol=1e-6, rtol=0)


def test_head_mapping_and_session_weights(tmp_path, capsys):
    sd = dict(_npz(FIXTURES / "torch_l2_bi_every.npz"))
    sd["decoder.weight"], sd["decoder.bias"] = sd.pop("fc.weight"), sd.pop("fc.bias")
    sd["aux.weight"] = np.ones((3, 8))
    np.savez(tmp_path / "m.npz", **sd)
    e = _npz(FIXTURES / "torch_l2_bi_every_expected.npz")
    seq = _sequence(tmp_path, e["x"], e["targets"])
    args = ["run", str(seq), "--weights", str(tmp_path / "m.npz"), "--loss", "mse"]
    status, _, err = run_main(capsys, *args, "--out", str(tmp_path))
    assert status == 0, err  # "decoder" is a known head name: taken, and said
    status, _, err = run_main(capsys, *args, "--head", "aux", "--out", str(tmp_path))
    assert status == 2 and "3 target" not in err and "2 target column(s)" in err
    status, _, err = run_main(capsys, *args, "--head", "nope", "--out", str(tmp_path))
    assert status == 2 and "key 'nope.weight': no such head" in err

    # A session file given as weights is read by the session loader, with its checks.
    from lstm_sim.engine import LSTMParams
    from lstm_sim.io import SessionDocument, save_session
    from lstm_sim.sequence import Sequence

    params = LSTMParams.random(3, 2, seed=1)
    doc = SessionDocument(Sequence(e["x"]), params, readout=(np.ones((1, 2)), np.zeros(1)))
    save_session(doc, tmp_path / "s.lstmsim")
    status, _, err = run_main(
        capsys, "run", str(seq), "--weights", str(tmp_path / "s.lstmsim"), "--out", str(tmp_path)
    )
    assert status == 0, err
    cols = read_trace(tmp_path / "trace.csv")
    np.testing.assert_allclose(cols["yhat_0"], cols["h_0"] + cols["h_1"], atol=1e-12)
    text = (tmp_path / "s.lstmsim").read_text().replace('"version": 1', '"version": 99')
    (tmp_path / "s.lstmsim").write_text(text)
    status, _, err = run_main(
        capsys, "run", str(seq), "--weights", str(tmp_path / "s.lstmsim"), "--out", str(tmp_path)
    )
    assert status == 2 and err.count("\n") == 1 and "version" in err
    assert os.path.exists(tmp_path / "trace.csv")
