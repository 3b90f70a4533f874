"""The engine against golden PyTorch results stored in ``tests/fixtures`` (no torch needed).

The files are written by ``tools/make_torch_fixtures.py`` (``nn.LSTMCell``,
float64, autograd); its docstring lists every array. Max abs difference ≤ 1e-10.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lstm_sim.engine import LSTMParams, bptt, run
from lstm_sim.engine.reference import lstm_bptt, lstm_forward

FIXTURES = Path(__file__).parent / "fixtures"
NAMES = ["d1_h1_t8", "d4_h2_t6", "d2_h3_t10"]
PARAM_NAMES = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
TOL = 1e-10


def load(name: str) -> dict[str, np.ndarray]:
    with np.load(FIXTURES / f"lstm_parity_{name}.npz", allow_pickle=False) as data:
        return {k: data[k] for k in data.files}


def assert_close(actual: np.ndarray, expected: np.ndarray, what: str) -> None:
    assert np.shape(actual) == np.shape(expected), f"{what}: shape {np.shape(actual)}"
    diff = float(np.max(np.abs(np.asarray(actual) - expected)))
    assert diff <= TOL, f"{what}: max abs difference {diff:.3e} > {TOL:.0e}"


def test_every_fixture_is_listed_and_small():
    found = sorted(p.name for p in FIXTURES.glob("lstm_parity_*.npz"))
    assert found == sorted(f"lstm_parity_{n}.npz" for n in NAMES)
    for name in found:
        assert (FIXTURES / name).stat().st_size < 32_000, name


@pytest.mark.parametrize("name", NAMES)
def test_fixture_is_plain_float64(name):
    fx = load(name)
    for key, arr in fx.items():
        assert arr.dtype == np.float64, key
    d, h, t = fx["X"].shape[1], fx["h0"].shape[0], fx["X"].shape[0]
    assert fx["weight_ih"].shape == (4 * h, d)
    assert fx["grad_h"].shape == fx["grad_c"].shape == (t, h)


@pytest.mark.parametrize("name", NAMES)
def test_forward_matches_torch(name):
    fx = load(name)
    params = LSTMParams.from_state_dict({k: fx[k] for k in PARAM_NAMES})
    tr = run(params, fx["X"], fx["h0"], fx["c0"])
    assert_close(tr.h, fx["h"], "h")
    assert_close(tr.c, fx["c"], "C")
    assert_close(tr.gates(), fx["gates"], "gates (i, f, g, o)")
    loss = float(np.sum(fx["loss_wh"] * tr.h) + np.sum(fx["loss_wc"] * tr.c))
    assert abs(loss - float(fx["loss"])) <= TOL


@pytest.mark.parametrize("name", NAMES)
def test_bptt_matches_torch(name):
    fx = load(name)
    params = LSTMParams.from_state_dict({k: fx[k] for k in PARAM_NAMES})
    tr = run(params, fx["X"], fx["h0"], fx["c0"])
    g = bptt(params, tr, fx["loss_wh"], fx["loss_wc"])
    assert_close(g.dh, fx["grad_h"], "∂L/∂h_k")
    assert_close(g.dc, fx["grad_c"], "∂L/∂C_k")
    assert_close(g.dh_in, fx["grad_h0"], "∂L/∂h_0")
    assert_close(g.dc_in, fx["grad_c0"], "∂L/∂C_0")
    assert_close(g.dz @ params.weight_ih, fx["grad_X"], "∂L/∂x_k")
    for p in PARAM_NAMES:
        assert_close(getattr(g, p), fx[f"grad_{p}"], f"∂L/∂{p}")


@pytest.mark.parametrize("name", NAMES)
def test_window_matches_torch(name):
    fx = load(name)
    params = LSTMParams.from_state_dict({k: fx[k] for k in PARAM_NAMES})
    tr = run(params, fx["X"], fx["h0"], fx["c0"])
    start = int(fx["window_start"])
    assert 0 < start < len(tr)
    g = bptt(params, tr, fx["loss_wh"], fx["loss_wc"], window=len(tr) - start)
    assert g.start == start
    assert_close(g.dh, fx["win_grad_h"], "window ∂L/∂h_k")
    assert_close(g.dc, fx["win_grad_c"], "window ∂L/∂C_k")
    assert_close(g.dh_in, fx["win_grad_h_in"], "window dh_in")
    assert_close(g.dc_in, fx["win_grad_c_in"], "window dc_in")
    for p in PARAM_NAMES:
        assert_close(getattr(g, p), fx[f"win_grad_{p}"], f"window ∂L/∂{p}")


@pytest.mark.parametrize("name", NAMES)
def test_reference_step_functions_match_torch(name):
    """The plain reference (engine/reference.py), step by step, against the same results."""
    fx = load(name)
    params = LSTMParams.from_state_dict({k: fx[k] for k in PARAM_NAMES})
    steps = lstm_forward(params, fx["X"], fx["h0"], fx["c0"])
    assert_close(np.array([s.h for s in steps]), fx["h"], "reference h")
    assert_close(np.array([s.c for s in steps]), fx["c"], "reference C")
    g = lstm_bptt(params, steps, fx["loss_wh"], fx["loss_wc"])
    assert_close(g.dh, fx["grad_h"], "reference ∂L/∂h_k")
    assert_close(g.dc, fx["grad_c"], "reference ∂L/∂C_k")
    assert_close(g.dh_in, fx["grad_h0"], "reference ∂L/∂h_0")
    assert_close(g.dc_in, fx["grad_c0"], "reference ∂L/∂C_0")
    for p in PARAM_NAMES:
        assert_close(getattr(g, p), fx[f"grad_{p}"], f"reference ∂L/∂{p}")
