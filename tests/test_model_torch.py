"""A whole nn.LSTM (stacked, bidirectional) + Linear head against PyTorch.

Outputs, every cell's h and C, and gradients through the stack.

The references are frozen in ``tests/fixtures/model/`` (made by
``tools/make_model_fixtures.py``), so these checks run without torch; the
``live`` tests redo them against torch itself when it is installed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from lstm_sim.engine import model_bptt, model_squared_error, run_model
from lstm_sim.io import LoadError
from lstm_sim.io.model_file import load_model

FIXTURES = Path(__file__).parent / "fixtures" / "model"


def _npz(path) -> dict:
    """An .npz file's arrays, the file closed."""
    with np.load(path) as f:
        return dict(f)


CASES = {"l2_bi_every": "every", "l3_bi_last": "last", "l2_uni_final": "final"}


def _check_model(model, e, atol: float) -> None:
    mt = run_model(model, e["x"])
    np.testing.assert_allclose(mt.layer_outputs[-1], e["out"], atol=atol, rtol=0, err_msg="out")
    np.testing.assert_allclose(mt.yhat, e["yhat"], atol=atol, rtol=0, err_msg="yhat")
    np.testing.assert_allclose(mt.h_n(), e["hn"], atol=atol, rtol=0, err_msg="h_n")
    np.testing.assert_allclose(mt.c_n(), e["cn"], atol=atol, rtol=0, err_msg="c_n")
    for key, cell in mt.cells.items():
        name = f"{key.layer}.{int(key.reverse)}"
        np.testing.assert_allclose(cell.trace.h, e[f"h.{name}"], atol=atol, rtol=0, err_msg=name)
        np.testing.assert_allclose(cell.trace.c, e[f"c.{name}"], atol=atol, rtol=0, err_msg=name)
    return mt


@pytest.mark.parametrize("name", CASES)
def test_stack_outputs_cells_and_gradients_match_torch_float64(name):
    e = _npz(FIXTURES / f"torch_{name}_expected.npz")
    loaded = load_model(FIXTURES / f"torch_{name}.npz", head_on=CASES[name])
    assert loaded.model.head.name == "fc"
    mt = _check_model(loaded.model, e, 1e-10)
    loss, dy = model_squared_error(mt, e["targets"])
    assert loss == pytest.approx(float(e["loss"]), abs=1e-10)
    grads = model_bptt(mt, dy)
    np.testing.assert_allclose(grads.inputs, e["grad.x"], atol=1e-10, rtol=0, err_msg="dL/dx")
    ours = grads.to_state_dict(prefix="lstm.", head="fc.")
    names = [k[5:] for k in e if k.startswith("grad.") and k != "grad.x"]
    assert sorted(ours) == sorted(names)
    for k in names:
        np.testing.assert_allclose(ours[k], e[f"grad.{k}"], atol=1e-10, rtol=0, err_msg=k)


def test_per_cell_dh_dc_are_the_cells_own_bptt():
    """A GUI picks one cell: its ∂L/∂h, ∂L/∂C per step, in its own step order."""
    e = _npz(FIXTURES / "torch_l2_bi_every_expected.npz")
    mt = run_model(load_model(FIXTURES / "torch_l2_bi_every.npz").model, e["x"])
    _, dy = model_squared_error(mt, e["targets"])
    grads = model_bptt(mt, dy, param_grads=False)
    back = grads.cell(0, True)
    assert back.dh.shape == (9, 4) and back.dc.shape == (9, 4)
    # The loss reaches layer 0's reverse cell through layer 1: its first steps (times T…)
    # get gradient from every later layer-1 step, and its dC chain obeys the carousel.
    run0 = mt.cell(0, True)
    f = run0.trace.f
    direct_free = back.dc[:-1] - back.dh[:-1] * run0.trace.o[:-1] * (
        1 - run0.trace.tanh_c[:-1] ** 2
    )
    np.testing.assert_allclose(direct_free, back.dc[1:] * f[1:], atol=1e-12)
    assert grads.head_weight is None


@pytest.mark.parametrize("suffix", [".pt", ".bin", ".ckpt"])
def test_pt_saved_by_torch_loads_without_torch(suffix, monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)  # import torch → ImportError
    e = _npz(FIXTURES / "net_expected.npz")
    from lstm_sim.io.weights import _read

    entries = _read(FIXTURES / f"net{suffix}").entries
    prefix = "model." if suffix == ".ckpt" else ""
    for key in (k[3:] for k in e if k.startswith("sd.")):
        arr = entries[prefix + key].array
        assert arr.dtype == e[f"sd.{key}"].dtype == np.float32
        np.testing.assert_array_equal(arr, e[f"sd.{key}"], err_msg=key)
    loaded = load_model(FIXTURES / f"net{suffix}")
    mt = run_model(loaded.model, e["x"])
    np.testing.assert_allclose(mt.layer_outputs[-1], e["out32"], atol=1e-6, rtol=0)
    np.testing.assert_allclose(mt.yhat, e["yhat32"], atol=1e-6, rtol=0)
    np.testing.assert_allclose(mt.h_n(), e["hn32"], atol=1e-6, rtol=0)
    np.testing.assert_allclose(mt.c_n(), e["cn32"], atol=1e-6, rtol=0)
    assert "torch" not in sys.modules or sys.modules["torch"] is None


def test_head_is_found_or_named_never_ignored(tmp_path):
    sd = dict(_npz(FIXTURES / "torch_l2_bi_every.npz"))
    head = {k: sd.pop(k) for k in ("fc.weight", "fc.bias")}
    lstm = {f"encoder.rnn.{k[5:]}": v for k, v in sd.items()}
    # An unusual name that fits the width: taken, and said.
    np.savez(tmp_path / "a.npz", **lstm, **{"to_y.weight": head["fc.weight"]})
    loaded = load_model(tmp_path / "a.npz")
    assert loaded.model.head.name == "to_y" and "to_y.weight" in str(loaded.notes[0])
    # Two candidates: the user must choose, and can.
    np.savez(
        tmp_path / "b.npz", **lstm, **{"a.weight": head["fc.weight"], "b.weight": head["fc.weight"]}
    )
    with pytest.raises(LoadError, match=r"several possible heads \('a', 'b'\)"):
        load_model(tmp_path / "b.npz")
    assert load_model(tmp_path / "b.npz", head="b").model.head.name == "b"
    assert load_model(tmp_path / "b.npz", head="none").model.head is None
    # A known head name with the wrong width is an error, not silence.
    np.savez(tmp_path / "c.npz", **lstm, **{"head.weight": np.ones((1, 3))})
    with pytest.raises(LoadError) as info:
        load_model(tmp_path / "c.npz")
    assert info.value.place == "key 'head.weight'" and "(P, 8)" in info.value.reason


def test_state_dict_refusals(tmp_path):
    sd = dict(_npz(FIXTURES / "torch_l2_bi_every.npz"))
    np.savez(tmp_path / "proj.npz", **sd, **{"lstm.weight_hr_l0": np.ones((2, 4))})
    with pytest.raises(LoadError, match=r"projections \(proj_size > 0\)"):
        load_model(tmp_path / "proj.npz")
    two = dict(sd, **{f"other.{k[5:]}": v for k, v in sd.items() if k.startswith("lstm.")})
    np.savez(tmp_path / "two.npz", **two)
    with pytest.raises(LoadError, match=r"several LSTMs in one file \('lstm', 'other'\)"):
        load_model(tmp_path / "two.npz")
    assert len(load_model(tmp_path / "two.npz", lstm="other").model.layers) == 2


# ----------------------------------------------------------------------------- live
def test_live_torch_float64_and_float32_files(tmp_path):
    torch = pytest.importorskip("torch")
    from safetensors.torch import save_file

    torch.manual_seed(21)
    lstm = torch.nn.LSTM(2, 5, num_layers=3, bidirectional=True, batch_first=True)
    fc = torch.nn.Linear(10, 3)
    x = torch.randn(1, 13, 2)
    sd = {
        **{f"lstm.{k}": v for k, v in lstm.state_dict().items()},
        **{f"fc.{k}": v for k, v in fc.state_dict().items()},
    }
    torch.save(sd, tmp_path / "m.pt")
    save_file(sd, str(tmp_path / "m.safetensors"))
    assert all(
        np.array_equal(a.array, torch.load(tmp_path / "m.pt")[k].numpy())
        for k, a in __import__("lstm_sim.io.weights", fromlist=["_read"])
        ._read(tmp_path / "m.pt")
        .entries.items()
    )
    with torch.no_grad():
        out32, _ = lstm(x)
        y32 = fc(out32[0])
        lstm64, fc64 = lstm.double(), fc.double()
    xx = x.double().requires_grad_(True)
    out64, _ = lstm64(xx)
    y64 = fc64(out64[0])
    y64.sum().backward()
    for path in (tmp_path / "m.pt", tmp_path / "m.safetensors"):
        mt = run_model(load_model(path).model, x[0].double().numpy())
        np.testing.assert_allclose(mt.yhat, y32.numpy(), atol=1e-6, rtol=0)
        np.testing.assert_allclose(mt.yhat, y64.detach().numpy(), atol=1e-10, rtol=0)
        g = model_bptt(mt, np.ones_like(mt.yhat))
        np.testing.assert_allclose(g.inputs, xx.grad[0].numpy(), atol=1e-10, rtol=0)
        got = g.to_state_dict()
        for k, p in lstm64.named_parameters():
            np.testing.assert_allclose(got[f"lstm.{k}"], p.grad.numpy(), atol=1e-10, rtol=0)
