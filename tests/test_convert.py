"""lstm_sim.convert: live torch / Keras models and arrays → Model and Sequence (no torch needed)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from lstm_sim.convert import model_from, sequence_from
from lstm_sim.engine import LSTMParams, Model, run_model
from lstm_sim.io import LoadError

FIXTURES = Path(__file__).parent / "fixtures" / "model"


def _npz(path) -> dict:
    """An .npz file's arrays, the file closed."""
    with np.load(path) as f:
        return dict(f)


class _Module:
    """Duck-typed like a torch.nn.Module: state_dict() and named_modules()."""

    def __init__(self, state: dict[str, np.ndarray], kinds=()) -> None:
        self._state = state
        self._kinds = kinds

    def state_dict(self):
        return dict(self._state)

    def named_modules(self):
        yield "", self
        for name, kind in self._kinds:
            yield name, type(kind, (), {})()


def test_module_with_lstm_and_fc_without_torch():
    e = _npz(FIXTURES / "torch_l2_bi_every_expected.npz")
    model = model_from(_Module(dict(_npz(FIXTURES / "torch_l2_bi_every.npz"))))
    np.testing.assert_allclose(run_model(model, e["x"]).yhat, e["yhat"], atol=1e-10, rtol=0)
    with pytest.raises(LoadError) as info:
        model_from(_Module({}, kinds=[("enc", "GRU")]))
    assert info.value.place == "layer 'enc'" and "GRU is not supported" in info.value.reason


def test_own_model_and_sequences():
    m = Model.single(LSTMParams.random(2, 3))
    assert model_from(m) is m
    seq = sequence_from(np.ones((1, 5, 2)), np.zeros((1, 5)))
    assert seq.inputs.shape == (5, 2) and seq.targets.shape == (5, 1)
    assert sequence_from(np.ones((5, 1, 2))).inputs.shape == (5, 2)
    assert sequence_from(np.arange(4.0)).inputs.shape == (4, 1)
    with pytest.raises(ValueError, match="one sequence"):
        sequence_from(np.ones((2, 5, 2)))


def test_live_torch_lstm_with_head_and_tensors():
    torch = pytest.importorskip("torch")
    torch.manual_seed(3)
    lstm = torch.nn.LSTM(2, 3, num_layers=2, bidirectional=True, batch_first=True).double()
    fc = torch.nn.Linear(6, 1).double()
    x = torch.randn(1, 8, 2, dtype=torch.float64)
    with torch.no_grad():
        out, _ = lstm(x)
        y = fc(out[:, -1])
    model = model_from(lstm, head=fc, head_on="last")
    mt = run_model(model, sequence_from(x).inputs)
    np.testing.assert_allclose(mt.yhat, y.numpy(), atol=1e-10, rtol=0)
    with pytest.raises(LoadError, match="GRU is not supported"):
        model_from(torch.nn.GRU(2, 3))
    with pytest.raises(LoadError, match="projections"):
        model_from(torch.nn.LSTM(2, 4, proj_size=2))


def test_live_keras_model():
    os.environ.setdefault("KERAS_BACKEND", "torch")
    keras = pytest.importorskip("keras")
    e = _npz(FIXTURES / "keras_models_expected.npz")
    for name, key in (("keras_seq.keras", "seq_y"), ("keras_func.keras", "func_y")):
        live = keras.saving.load_model(FIXTURES / name)
        mt = run_model(model_from(live), e["x"])
        np.testing.assert_allclose(mt.yhat.reshape(e[key].shape), e[key], atol=1e-6, rtol=0)
