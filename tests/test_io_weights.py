"""Weight files: native formats round-trip; PyTorch and Keras files reproduce their outputs."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from lstm_sim.engine import LSTMParams, run
from lstm_sim.io import (
    LoadError,
    SaveError,
    layer_infos,
    list_layers,
    load_weights,
    load_weights_with_readout,
    save_weights,
    weights_suffixes,
)

FIXTURES = Path(__file__).parent / "fixtures"
TORCH_FILE = FIXTURES / "torch_lstm.safetensors"
TORCH_EXPECTED = FIXTURES / "torch_lstm_expected.npz"
KERAS_FILE = FIXTURES / "keras_lstm.weights.h5"
KERAS_EXPECTED = FIXTURES / "keras_lstm_expected.npz"


@pytest.fixture
def params():
    return LSTMParams.random(3, 4, seed=7, forget_bias=1.5)


def _readout(hidden=4, outputs=2):
    rng = np.random.default_rng(3)
    return rng.standard_normal((outputs, hidden)), rng.standard_normal(outputs)


# ------------------------------------------------------------------ round trips
@pytest.mark.parametrize("suffix", [".npz", ".json", ".safetensors"])
def test_round_trip_float64_identical(tmp_path, params, suffix):
    path = tmp_path / f"w{suffix}"
    save_weights(params, path)
    back = load_weights(path)
    for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        np.testing.assert_array_equal(getattr(back, name), getattr(params, name), err_msg=name)
    assert back == params
    p2, readout = load_weights_with_readout(path)
    assert p2 == params and readout is None


@pytest.mark.parametrize("suffix", [".npz", ".json", ".safetensors"])
def test_round_trip_with_readout(tmp_path, params, suffix):
    w_y, b_y = _readout()
    path = tmp_path / f"w{suffix}"
    save_weights(params, path, readout=(w_y, b_y))
    back, readout = load_weights_with_readout(path)
    assert back == params
    np.testing.assert_array_equal(readout[0], w_y)
    np.testing.assert_array_equal(readout[1], b_y)
    assert load_weights(path) == params  # the read-out does not disturb the cell


@pytest.mark.parametrize("suffix", [".npz", ".safetensors"])
def test_float32_storage(tmp_path, params, suffix):
    path = tmp_path / f"w{suffix}"
    save_weights(params, path, dtype="float32")
    back = load_weights(path)
    np.testing.assert_array_equal(back.weight_hh, params.weight_hh.astype(np.float32))
    assert back.weight_hh.dtype == np.float64


def test_save_errors(tmp_path, params):
    with pytest.raises(SaveError, match="float64 or float32"):
        save_weights(params, tmp_path / "w.npz", dtype="int8")
    with pytest.raises(SaveError, match="read-out"):
        save_weights(params, tmp_path / "w.npz", readout=_readout(hidden=5))
    with pytest.raises(SaveError, match=r"\.pt"):
        save_weights(params, tmp_path / "w.pt")
    assert list(tmp_path.iterdir()) == []


def test_suffixes_listed():
    assert {".npz", ".json", ".safetensors", ".pt", ".pth", ".weights.h5", ".keras"} <= set(
        weights_suffixes()
    )


def test_json_is_readable(tmp_path, params):
    save_weights(params, tmp_path / "w.json")
    doc = json.loads((tmp_path / "w.json").read_text())
    assert doc["format"] == "lstm-sim-weights"
    assert np.array(doc["weight_hh"]).shape == (16, 4)


# ------------------------------------------------------------- PyTorch names
def test_state_dict_names_with_prefix_and_layers(tmp_path):
    rng = np.random.default_rng(0)
    h = 2
    arrays = {}
    for layer, d in ((0, 3), (1, 2)):
        arrays[f"enc.lstm.weight_ih_l{layer}"] = rng.standard_normal((4 * h, d))
        arrays[f"enc.lstm.weight_hh_l{layer}"] = rng.standard_normal((4 * h, h))
        arrays[f"enc.lstm.bias_ih_l{layer}"] = rng.standard_normal(4 * h)
        arrays[f"enc.lstm.bias_hh_l{layer}"] = rng.standard_normal(4 * h)
    arrays["enc.fc.weight"] = rng.standard_normal((1, h))
    np.savez(tmp_path / "sd.npz", **arrays)
    assert list_layers(tmp_path / "sd.npz") == [(0, False), (1, False)]
    p1 = load_weights(tmp_path / "sd.npz", layer=1)
    np.testing.assert_array_equal(p1.weight_ih, arrays["enc.lstm.weight_ih_l1"])
    infos = layer_infos(tmp_path / "sd.npz")
    assert [(i.layer, i.input_size, i.hidden_size) for i in infos] == [(0, 3, 2), (1, 2, 2)]
    assert infos[1].name == "enc.lstm.*_l1"


def test_lstm_without_bias(tmp_path):
    rng = np.random.default_rng(1)
    np.savez(
        tmp_path / "nb.npz",
        weight_ih_l0=rng.standard_normal((8, 1)),
        weight_hh_l0=rng.standard_normal((8, 2)),
    )
    p = load_weights(tmp_path / "nb.npz")
    assert not p.bias_ih.any() and not p.bias_hh.any()


def test_bfloat16_safetensors(tmp_path):
    """NumPy has no bfloat16: the loader widens it itself (no torch needed)."""
    h, d = 2, 1
    values = {
        "weight_ih": np.linspace(-1, 1, 4 * h * d, dtype=np.float32).reshape(4 * h, d),
        "weight_hh": np.linspace(-2, 2, 4 * h * h, dtype=np.float32).reshape(4 * h, h),
    }
    header, blobs, offset = {}, [], 0
    for key, v in values.items():
        raw = (v.view(np.uint32) >> 16).astype("<u2").tobytes()  # truncate to bfloat16
        header[key] = {
            "dtype": "BF16",
            "shape": list(v.shape),
            "data_offsets": [offset, offset + len(raw)],
        }
        blobs.append(raw)
        offset += len(raw)
    head = json.dumps(header).encode()
    (tmp_path / "bf.safetensors").write_bytes(
        len(head).to_bytes(8, "little") + head + b"".join(blobs)
    )
    p = load_weights(tmp_path / "bf.safetensors")
    np.testing.assert_allclose(p.weight_hh, values["weight_hh"], atol=2e-2)


# ------------------------------------------------------- PyTorch fixture file
def _run_stack(path, x):
    """Engine outputs of the 2-layer bidirectional nn.LSTM stored in ``path``."""
    f0 = run(load_weights(path, layer=0), x)
    b0 = run(load_weights(path, layer=0, reverse=True), x[::-1])
    l0 = np.hstack([f0.h, b0.h[::-1]])
    f1 = run(load_weights(path, layer=1), l0)
    b1 = run(load_weights(path, layer=1, reverse=True), l0[::-1])
    out = np.hstack([f1.h, b1.h[::-1]])
    hn = np.stack([f0.h[-1], b0.h[-1], f1.h[-1], b1.h[-1]])
    cn = np.stack([f0.c[-1], b0.c[-1], f1.c[-1], b1.c[-1]])
    return out, hn, cn


def test_torch_fixture_reproduces_torch_outputs():
    """A float32 safetensors state dict of nn.LSTM(2 layers, bidirectional), no torch needed."""
    assert list_layers(TORCH_FILE) == [(0, False), (0, True), (1, False), (1, True)]
    e = np.load(TORCH_EXPECTED)
    out, hn, cn = _run_stack(TORCH_FILE, e["x"])
    for name, ours in (("out", out), ("hn", hn), ("cn", cn)):
        np.testing.assert_allclose(ours, e[f"{name}32"], atol=1e-6, rtol=0, err_msg=name)
        np.testing.assert_allclose(ours, e[f"{name}64"], atol=1e-12, rtol=0, err_msg=name)


def test_torch_live_safetensors_and_pt(tmp_path):
    torch = pytest.importorskip("torch")
    from safetensors.torch import save_file

    torch.manual_seed(5)
    lstm = torch.nn.LSTM(2, 3, num_layers=2, bidirectional=True, batch_first=True).float()
    x = torch.randn(1, 11, 2)
    with torch.no_grad():
        out, (hn, cn) = lstm(x)
    save_file(dict(lstm.state_dict()), str(tmp_path / "l.safetensors"))
    torch.save(lstm.state_dict(), tmp_path / "l.pt")
    for path in (tmp_path / "l.safetensors", tmp_path / "l.pt"):
        ours, our_hn, our_cn = _run_stack(path, x[0].double().numpy())
        np.testing.assert_allclose(ours, out[0].double().numpy(), atol=1e-6, rtol=0)
        np.testing.assert_allclose(our_hn, hn[:, 0].double().numpy(), atol=1e-6, rtol=0)
        np.testing.assert_allclose(our_cn, cn[:, 0].double().numpy(), atol=1e-6, rtol=0)


def test_torch_lstmcell_state_dict_as_npz_and_pt_checkpoint(tmp_path):
    torch = pytest.importorskip("torch")
    torch.manual_seed(2)
    cell = torch.nn.LSTMCell(3, 5).double()
    np.savez(tmp_path / "c.npz", **{k: v.numpy() for k, v in cell.state_dict().items()})
    torch.save({"epoch": 3, "model_state_dict": cell.state_dict()}, tmp_path / "ckpt.pth")
    x = torch.randn(4, 3, dtype=torch.float64)
    h = c = torch.zeros(1, 5, dtype=torch.float64)
    hs = []
    with torch.no_grad():
        for k in range(4):
            h, c = cell(x[k : k + 1], (h, c))
            hs.append(h[0].numpy())
    for path in (tmp_path / "c.npz", tmp_path / "ckpt.pth"):
        trace = run(load_weights(path), x.numpy())
        np.testing.assert_allclose(trace.h, np.array(hs), atol=1e-12, rtol=0)


def test_pt_whole_model_is_refused_not_unpickled(tmp_path):
    torch = pytest.importorskip("torch")
    torch.save(torch.nn.LSTM(1, 2), tmp_path / "model.pt")  # a pickled module, not a state dict
    with pytest.raises(LoadError, match=r"refused to unpickle torch\.nn\.modules"):
        load_weights(tmp_path / "model.pt")


def test_pt_without_torch(tmp_path, monkeypatch):
    (tmp_path / "w.pt").write_bytes(b"PK\x03\x04 not really")
    monkeypatch.setitem(sys.modules, "torch", None)  # import torch → ImportError
    with pytest.raises(LoadError) as info:
        load_weights(tmp_path / "w.pt")
    assert "not a readable PyTorch file" in info.value.reason
    # The format before PyTorch 1.6 (not a zip) still needs torch, and says so.
    from lstm_sim.io.torch_zip import TORCH_LEGACY_MAGIC

    (tmp_path / "old.pt").write_bytes(TORCH_LEGACY_MAGIC + b"rest")
    with pytest.raises(LoadError) as info:
        load_weights(tmp_path / "old.pt")
    assert "needs PyTorch" in info.value.reason and "safetensors" in info.value.reason


# ---------------------------------------------------------------------- Keras
def test_keras_fixture_reproduces_keras_outputs():
    pytest.importorskip("h5py")
    # Layers in model order (the only order the sizes allow): lstm, then bidirectional.
    assert list_layers(KERAS_FILE) == [(0, False), (1, False), (1, True)]
    names = [i.name for i in layer_infos(KERAS_FILE)]
    assert names == ["lstm", "bidirectional/forward", "bidirectional/backward"]
    e = np.load(KERAS_EXPECTED)
    first = run(load_weights(KERAS_FILE, layer=0), e["x"]).h
    np.testing.assert_allclose(first, e["lstm"], atol=1e-6, rtol=0)
    fwd = run(load_weights(KERAS_FILE, layer=1), first).h
    bwd = run(load_weights(KERAS_FILE, layer=1, reverse=True), first[::-1]).h[::-1]
    np.testing.assert_allclose(np.hstack([fwd, bwd]), e["bidirectional"], atol=1e-6, rtol=0)


def _keras_zip(path, weights: bytes, config: dict | None) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("metadata.json", "{}")
        if config is not None:
            zf.writestr("config.json", json.dumps(config))
        zf.writestr("model.weights.h5", weights)
    path.write_bytes(buf.getvalue())


def test_dot_keras_file(tmp_path):
    pytest.importorskip("h5py")
    lstm = {"class_name": "LSTM", "config": {"name": "first", "return_sequences": True}}
    bi = {
        "class_name": "Bidirectional",
        "config": {
            "name": "both",
            "layer": {"class_name": "LSTM", "config": {"name": "f", "return_sequences": True}},
        },
    }
    config = {"class_name": "Sequential", "config": {"layers": [lstm, bi]}}
    _keras_zip(tmp_path / "m.keras", KERAS_FILE.read_bytes(), config)
    assert load_weights(tmp_path / "m.keras", layer=1) == load_weights(KERAS_FILE, layer=1)

    lstm["config"]["recurrent_activation"] = "hard_sigmoid"
    _keras_zip(tmp_path / "old.keras", KERAS_FILE.read_bytes(), config)
    with pytest.raises(LoadError) as info:
        load_weights(tmp_path / "old.keras")
    assert info.value.place == "layer 'first'" and "hard_sigmoid" in info.value.reason


def test_keras_without_h5py(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "h5py", None)
    with pytest.raises(LoadError, match=r"needs h5py.*lstm-sim\[keras\]"):
        load_weights(KERAS_FILE)


def test_keras_hand_made_h5_with_use_bias_false(tmp_path):
    h5py = pytest.importorskip("h5py")
    rng = np.random.default_rng(4)
    kernel, recurrent = rng.standard_normal((2, 12)), rng.standard_normal((3, 12))
    with h5py.File(tmp_path / "nb.weights.h5", "w") as f:
        g = f.create_group("layers/lstm/cell/vars")
        g["0"], g["1"] = kernel, recurrent
    p = load_weights(tmp_path / "nb.weights.h5")
    np.testing.assert_array_equal(p.weight_ih, kernel.T)
    np.testing.assert_array_equal(p.weight_hh, recurrent.T)
    assert not p.bias_ih.any()
