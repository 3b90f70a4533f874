"""Keras models as a whole (LSTM, Bidirectional, go_backwards, Dense) against Keras' own outputs.

The fixtures were made once by Keras 3 (``tools/make_keras_model_fixtures.py``);
these tests need h5py but not Keras.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from lstm_sim.engine import run, run_model
from lstm_sim.io import LoadError, list_layers, load_weights
from lstm_sim.io.keras_model import load_keras_model

pytest.importorskip("h5py")

FIXTURES = Path(__file__).parent / "fixtures" / "model"


def _npz(path) -> dict:
    """An .npz file's arrays, the file closed."""
    with np.load(path) as f:
        return dict(f)


EXPECTED = _npz(FIXTURES / "keras_models_expected.npz")


def _load(name: str, **kw):
    path = FIXTURES / name
    return load_keras_model(path, path.read_bytes(), **kw)


@pytest.mark.parametrize("name", ["keras_seq.keras", "keras_seq.weights.h5"])
def test_sequential_two_lstm_layers_and_dense_match_keras(name):
    model, notes = _load(name)
    assert [layer.output_size for layer in model.layers] == [4, 3]
    assert model.head is not None and model.head.on == "every"
    mt = run_model(model, EXPECTED["x"])
    for k in range(2):
        np.testing.assert_allclose(
            mt.layer_outputs[k], EXPECTED[f"seq_l{k}"], atol=1e-6, rtol=0, err_msg=f"layer {k}"
        )
    np.testing.assert_allclose(mt.yhat, EXPECTED["seq_y"], atol=1e-6, rtol=0)
    if name.endswith(".weights.h5"):  # nothing recorded: what was assumed is said
        assert len(notes) == 1 and "assumed tanh and sigmoid" in str(notes[0])
        assert "lstm → lstm_1 → dense" in str(notes[0])
    else:
        assert notes == []


def test_go_backwards_and_bidirectional_final_state_match_keras():
    """LSTM(go_backwards=True) → Bidirectional(LSTM) (final states) → Dropout → Dense."""
    model, notes = _load("keras_func.keras")
    assert notes == []
    first, second = model.layers
    assert first.forward is None and first.backward is not None and first.keep_reversed
    assert second.bidirectional and model.head.on == "final"
    mt = run_model(model, EXPECTED["x"])  # the user reverses nothing
    np.testing.assert_allclose(mt.layer_outputs[0], EXPECTED["func_l0"], atol=1e-6, rtol=0)
    np.testing.assert_allclose(mt.head_input[0], EXPECTED["func_l1"], atol=1e-6, rtol=0)
    np.testing.assert_allclose(mt.yhat[0], EXPECTED["func_y"], atol=1e-6, rtol=0)
    # The bidirectional layer's reverse half on its own.
    back = mt.cell(1, True)
    assert back.reads_backwards
    np.testing.assert_allclose(back.trace.h[-1], EXPECTED["func_l1"][3:], atol=1e-6, rtol=0)


def test_single_cell_api_numbers_keras_layers_in_model_order_with_directions():
    """Regression (issue 16): a go_backwards layer is a reverse cell, never a forward one."""
    path = FIXTURES / "keras_func.keras"
    assert list_layers(path) == [(0, True), (1, False), (1, True)]
    with pytest.raises(LoadError, match=r"no layer 0 in this file \(it has: 0 reverse"):
        load_weights(path, layer=0)
    cell = load_weights(path, layer=0, reverse=True)
    h = run(cell, EXPECTED["x"][::-1]).h  # what the model computes: from T down to 1
    np.testing.assert_allclose(h, EXPECTED["func_l0"], atol=1e-6, rtol=0)


def _edited(tmp_path, name: str, edit) -> Path:
    with zipfile.ZipFile(FIXTURES / name) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    config = json.loads(files["config.json"])
    edit(config["config"]["layers"])
    files["config.json"] = json.dumps(config).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, data in files.items():
            zf.writestr(n, data)
    out = tmp_path / name
    out.write_bytes(buf.getvalue())
    return out


@pytest.mark.parametrize(
    ("edit", "place", "reason"),
    [
        (lambda ls: ls[1]["config"].update(activation="relu"), "layer 'backwards'", "'relu'"),
        (
            lambda ls: ls[2]["config"]["layer"]["config"].update(
                recurrent_activation="hard_sigmoid"
            ),
            "layer 'both'",
            "'hard_sigmoid'",
        ),
        (lambda ls: ls[1].update(class_name="GRU"), "layer 'backwards'", "GRU is not supported"),
        (
            lambda ls: ls[2]["config"].update(merge_mode="sum"),
            "layer 'both'",
            "merge_mode='sum'",
        ),
        (lambda ls: ls[3].update(class_name="MultiHeadAttention"), "layer 'dropout'", "Attention"),
        (lambda ls: ls[4]["config"].update(activation="sigmoid"), "layer 'out'", "Dense"),
    ],
)
def test_unsupported_keras_layers_are_named(tmp_path, edit, place, reason):
    """Regression (issue 16): never run a non-default activation as a tanh cell."""
    path = _edited(tmp_path, "keras_func.keras", edit)
    for load in (
        lambda: load_keras_model(path, path.read_bytes()),
        lambda: load_weights(path, layer=1),
    ):
        with pytest.raises(LoadError) as info:
            load()
        assert info.value.place == place and reason in info.value.reason, str(info.value)


def test_weights_h5_with_a_gru_group_is_refused(tmp_path):
    h5py = pytest.importorskip("h5py")
    src = FIXTURES / "keras_seq.weights.h5"
    (tmp_path / "g.weights.h5").write_bytes(src.read_bytes())
    with h5py.File(tmp_path / "g.weights.h5", "a") as f:
        g = f.create_group("layers/gru/cell/vars")
        g["0"], g["1"] = np.ones((4, 9)), np.ones((3, 9))
    with pytest.raises(LoadError) as info:
        load_keras_model(tmp_path / "g.weights.h5", (tmp_path / "g.weights.h5").read_bytes())
    assert info.value.place == "layer 'gru'" and "not supported" in info.value.reason


def test_bidirectional_reverse_half_every_step_matches_keras():
    """The older fixture: LSTM → Bidirectional(LSTM, return_sequences=True), float32 weights."""
    from lstm_sim.io.model_file import load_model

    old = Path(__file__).parent / "fixtures"
    e = _npz(old / "keras_lstm_expected.npz")
    loaded = load_model(old / "keras_lstm.weights.h5")
    mt = run_model(loaded.model, e["x"])
    np.testing.assert_allclose(mt.layer_outputs[0], e["lstm"], atol=1e-6, rtol=0)
    np.testing.assert_allclose(mt.layer_outputs[1][:, 3:], e["bidirectional"][:, 3:], atol=1e-6)
    back = mt.cell(1, True)
    np.testing.assert_allclose(back.rows().h, e["bidirectional"][:, 3:], atol=1e-6, rtol=0)
