"""The fast engine against the plain reference (engine/reference.py), and the reference itself.

The reference computes one step forward and one step backward with every
quantity named (what the app shows as code); :class:`Trace` and :func:`bptt`
must give the same numbers to 1e-12 in float64, for random cells of several
sizes, random initial states, clamped gates, losses on h and on C, and windows.
The reference's own step backward is checked against central differences here,
and against stored PyTorch results in ``test_engine_fixtures.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

from lstm_sim.engine import GATES, LSTMParams, Trace, bptt, run, step
from lstm_sim.engine.reference import (
    lstm_bptt,
    lstm_forward,
    lstm_step_backward,
    lstm_step_forward,
)

TOL = 1e-12
# (D, H, T): H = 1, D > H, D = 1 with larger H, a wide cell and a long run.
SHAPES = [(1, 1, 9), (5, 2, 12), (1, 8, 30), (3, 32, 25), (2, 5, 200)]
CLAMPS = [None, {"f": 1.0}, {"i": 0.0, "f": 1.0, "o": 1.0}, {"g": -0.3, "o": 0.7}]


def _ids(shape: tuple[int, int, int]) -> str:
    return "D{}-H{}-T{}".format(*shape)


def _clamp_id(clamp: dict[str, float] | None) -> str:
    return "none" if clamp is None else ",".join(f"{k}={v:g}" for k, v in clamp.items())


def make_case(d: int, h: int, t: int, seed: int):
    """A random cell (weights large enough to reach every regime), sequence and state."""
    rng = np.random.default_rng(seed)
    params = LSTMParams(
        rng.normal(0.0, 0.8, (4 * h, d)),
        rng.normal(0.0, 0.8, (4 * h, h)),
        rng.normal(0.0, 0.5, 4 * h),
        rng.normal(0.0, 0.5, 4 * h),
    )
    X = rng.normal(0.0, 1.5, (t, d))
    h0, c0 = rng.normal(0.0, 0.5, h), rng.normal(0.0, 1.0, h)
    return params, X, h0, c0, rng


def assert_close(actual, expected, what: str, tol: float = TOL) -> None:
    actual, expected = np.asarray(actual), np.asarray(expected)
    assert actual.shape == expected.shape, f"{what}: shape {actual.shape} != {expected.shape}"
    scale = max(1.0, float(np.max(np.abs(expected)))) if expected.size else 1.0
    diff = float(np.max(np.abs(actual - expected))) if actual.size else 0.0
    assert diff <= tol * scale, f"{what}: max abs difference {diff:.3e} > {tol:.0e}·{scale:.3g}"


@pytest.mark.parametrize("clamp", CLAMPS, ids=_clamp_id)
@pytest.mark.parametrize("shape", SHAPES, ids=_ids)
def test_trace_equals_the_reference_forward(shape, clamp):
    params, X, h0, c0, _ = make_case(*shape, seed=sum(shape))
    steps = lstm_forward(params, X, h0, c0, clamp)
    tr = run(params, X, h0, c0, clamp=clamp)
    stepped = Trace(params, h0, c0, clamp=clamp)  # grows from capacity 0, one append at a time
    for x in X:
        stepped.append(x)
    for name in ("i", "f", "g", "o", "c", "tanh_c", "h"):
        expected = np.array([getattr(s, name) for s in steps])
        assert_close(getattr(tr, name), expected, f"run: {name}")
        np.testing.assert_array_equal(getattr(stepped, name), getattr(tr, name), err_msg=name)
    np.testing.assert_array_equal(tr.x, X)
    assert_close(tr.h_prev, np.array([s.h_prev for s in steps]), "h_prev")
    assert_close(tr.c_prev, np.array([s.c_prev for s in steps]), "c_prev")
    gates = np.array([np.concatenate([s.i, s.f, s.g, s.o]) for s in steps])
    assert_close(tr.gates(), gates, "gates (i, f, g, o)")
    if clamp:
        for name, value in clamp.items():
            assert np.all(getattr(tr, name) == value), name


@pytest.mark.parametrize("clamp", CLAMPS, ids=_clamp_id)
@pytest.mark.parametrize("shape", SHAPES, ids=_ids)
def test_bptt_equals_the_reference_backward(shape, clamp):
    params, X, h0, c0, rng = make_case(*shape, seed=2 * sum(shape))
    t = shape[2]
    dh = rng.normal(size=(t, shape[1]))
    dh[rng.random(t) < 0.3] = 0.0  # rows without a direct gradient (skipped additions)
    dc = rng.normal(size=(t, shape[1])) * (rng.random((t, 1)) < 0.5)
    tr = run(params, X, h0, c0, clamp=clamp)
    steps = lstm_forward(params, X, h0, c0, clamp)
    for with_dc in (False, True):
        got = bptt(params, tr, dh, dc if with_dc else None)
        ref = lstm_bptt(params, steps, dh, dc if with_dc else None)
        for name in ("dh", "dc", "dz", "dh_in", "dc_in", *params.to_state_dict()):
            assert_close(getattr(got, name), getattr(ref, name), f"{name} (dc: {with_dc})")
        assert (got.start, got.stop) == (0, t)


@pytest.mark.parametrize("shape", SHAPES[1:], ids=_ids)
def test_a_window_is_the_reference_backward_of_its_rows(shape):
    """bptt(stop, window) walks rows start … stop-1 as if nothing came after stop-1."""
    params, X, h0, c0, rng = make_case(*shape, seed=3 * sum(shape))
    t, hidden = shape[2], shape[1]
    tr = run(params, X, h0, c0, clamp={"o": 0.5})
    steps = lstm_forward(params, X, h0, c0, {"o": 0.5})
    dh, dc = rng.normal(size=(t, hidden)), rng.normal(size=(t, hidden))
    for stop, window in ((t, 1), (t - 1, 4), (t // 2 + 1, t)):
        got = bptt(params, tr, dh, dc, stop=stop, window=window)
        start = max(0, stop - window)
        ref = lstm_bptt(params, steps[start:stop], dh[start:stop], dc[start:stop])
        assert (got.start, got.stop) == (start, stop)
        for name in ("dh", "dc", "dz", "dh_in", "dc_in", *params.to_state_dict()):
            assert_close(getattr(got, name), getattr(ref, name), f"{name}, window {start}…{stop}")


def test_gate_blocks_of_dz_are_named_in_torch_order():
    params, X, h0, c0, rng = make_case(2, 3, 6, seed=4)
    tr = run(params, X, h0, c0)
    g = bptt(params, tr, rng.normal(size=(6, 3)))
    for b, name in enumerate(GATES):
        np.testing.assert_array_equal(getattr(g, f"d_{name}"), g.dz[:, 3 * b : 3 * (b + 1)])
    # The earlier internal order (g, i, f, o), still available under its old name.
    np.testing.assert_array_equal(g.dz_internal, np.hstack([g.d_g, g.d_i, g.d_f, g.d_o]))


@pytest.mark.parametrize("clamp", CLAMPS, ids=_clamp_id)
def test_step_is_the_reference_step_and_step_result_matches_the_trace(clamp):
    params, X, h0, c0, _ = make_case(3, 4, 5, seed=5)
    tr = run(params, X, h0, c0, clamp=clamp)
    s = step(params, X[0], h0, c0, clamp=clamp)
    ref = lstm_step_forward(params, X[0], h0, c0, clamp)
    for name in ("z", "i", "f", "g", "o", "c", "tanh_c", "h"):
        np.testing.assert_array_equal(getattr(s, name), getattr(ref, name), err_msg=name)
    assert s.clamp == (dict(clamp) if clamp else None)
    for k in range(len(tr)):
        r = tr.step_result(k)
        for name in ("i", "f", "g", "o", "c", "tanh_c", "h"):
            assert_close(getattr(r, name), getattr(tr, name)[k], f"row {k}: {name}")


@pytest.mark.parametrize("clamp", CLAMPS, ids=_clamp_id)
@pytest.mark.parametrize(("d", "h"), [(1, 1), (3, 2), (2, 5)])
def test_reference_step_backward_matches_central_differences(d, h, clamp):
    """L = w_h·h_t + w_c·C_t of one step: every gradient the backward step returns."""
    params, X, h0, c0, rng = make_case(d, h, 1, seed=10 * d + h)
    x = X[0]
    w_h, w_c = rng.normal(size=h), rng.normal(size=h)

    def loss(p=params, x=x, h_prev=h0, c_prev=c0) -> float:
        s = lstm_step_forward(p, x, h_prev, c_prev, clamp)
        return float(w_h @ s.h + w_c @ s.c)

    def fd(f, v: np.ndarray, eps: float = 1e-6) -> np.ndarray:
        out = np.empty(v.size)
        for j in range(v.size):
            e = np.zeros(v.size)
            e[j] = eps
            out[j] = (f(v + e.reshape(v.shape)) - f(v - e.reshape(v.shape))) / (2 * eps)
        return out.reshape(v.shape)

    back = lstm_step_backward(params, lstm_step_forward(params, x, h0, c0, clamp), w_h, w_c)
    tol = dict(rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(back.dx, fd(lambda v: loss(x=v), x), **tol, err_msg="dx")
    np.testing.assert_allclose(back.dh_prev, fd(lambda v: loss(h_prev=v), h0), **tol)
    np.testing.assert_allclose(back.dc_prev, fd(lambda v: loss(c_prev=v), c0), **tol)
    for name, grad in (("weight_ih", back.weight_ih), ("weight_hh", back.weight_hh)):
        expected = fd(lambda v, n=name: loss(p=params.with_arrays(**{n: v})), getattr(params, name))
        np.testing.assert_allclose(grad, expected, **tol, err_msg=name)
    expected = fd(lambda v: loss(p=params.with_arrays(bias_hh=v)), params.bias_hh)
    np.testing.assert_allclose(back.bias, expected, **tol, err_msg="bias")
    if clamp:
        for name in clamp:
            b = GATES.index(name)
            assert not back.dz[b * h : (b + 1) * h].any(), f"clamped {name}: ∂L/∂z is zero"
