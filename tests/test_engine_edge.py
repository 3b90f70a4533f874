"""Edge cases of the engine: tiny shapes, bad inputs and parameters, state dicts,
gate views, the stable sigmoid, and the incremental :class:`Trace`."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lstm_sim.engine import (
    GATES,
    EngineError,
    LSTMParams,
    RNNParams,
    RNNTrace,
    Trace,
    bptt,
    budget,
    check_inputs,
    dsigmoid,
    dtanh,
    output_loss,
    run,
    run_rnn,
    sigmoid,
    step,
)
from lstm_sim.engine.budget import BudgetError


def params_for(d: int, h: int, seed: int = 0) -> LSTMParams:
    return LSTMParams.random(d, h, seed=seed, forget_bias=1.0)


def assert_trace_equal(a: Trace, b: Trace) -> None:
    """Bit-for-bit equality of every stored array."""
    assert len(a) == len(b)
    for name in ("i", "f", "g", "o", "c", "tanh_c", "h", "h_prev", "x"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)


# --------------------------------------------------------------- tiny shapes
@pytest.mark.parametrize(("d", "h", "t"), [(1, 1, 1), (1, 1, 5), (1, 3, 1), (4, 1, 1), (2, 2, 1)])
def test_tiny_shapes_run_and_backpropagate(d, h, t):
    p = params_for(d, h)
    X = np.linspace(-1.0, 1.0, t * d).reshape(t, d)
    tr = run(p, X)
    assert tr.T == len(tr) == t
    for name in ("i", "f", "g", "o", "c", "tanh_c", "h"):
        assert getattr(tr, name).shape == (t, h), name
    assert tr.x.shape == (t, d)
    assert tr.gates().shape == (t, 4 * h)
    # One step by hand, from the equations.
    z = p.weight_ih @ X[0] + p.bias_ih + p.bias_hh
    i, f, g, o = (
        sigmoid(z[:h]),
        sigmoid(z[h : 2 * h]),
        np.tanh(z[2 * h : 3 * h]),
        sigmoid(z[3 * h :]),
    )
    c1 = i * g  # C_0 = 0
    np.testing.assert_allclose(tr.c[0], c1, rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(tr.h[0], o * np.tanh(c1), rtol=1e-14, atol=1e-16)
    np.testing.assert_allclose(tr.f[0], f, rtol=1e-14)
    L, dh = output_loss(tr, t - 1)
    g_ = bptt(p, tr, dh)
    assert g_.dh.shape == g_.dc.shape == (t, h)
    assert g_.weight_ih.shape == (4 * h, d)
    assert g_.dh_in.shape == g_.dc_in.shape == (h,)
    np.testing.assert_array_equal(g_.dh[-1], np.ones(h))  # ∂L/∂h_T = w = 1
    assert L == pytest.approx(float(tr.h[-1].sum()))


def test_one_dimensional_sequence_is_accepted_when_d_is_1():
    p = params_for(1, 2)
    a = run(p, np.array([0.1, -0.2, 0.3]))
    b = run(p, np.array([[0.1], [-0.2], [0.3]]))
    assert_trace_equal(a, b)
    assert check_inputs([1.0, 2.0], 1).shape == (2, 1)


# -------------------------------------------------------------- bad inputs
@pytest.mark.parametrize(
    ("X", "message"),
    [
        (np.zeros((0, 3)), "X: empty sequence (0 steps)"),
        ([], "X: expected shape (T, 3), got (0,)"),
        (np.array([[1.0, np.nan, 2.0]]), "X: non-finite value nan at step 1, input 1"),
        (np.array([[0.0] * 3, [1.0, 2.0, np.inf]]), "X: non-finite value inf at step 2, input 2"),
        (np.array([[0.0] * 3, [-np.inf, 2.0, 0]]), "X: non-finite value -inf at step 2, input 0"),
        (np.ones((4, 2)), "X: expected 3 input(s) per step (D = 3), got 2"),
        (np.ones((4, 5)), "X: expected 3 input(s) per step (D = 3), got 5"),
        (np.ones(5), "X: expected shape (T, 3), got (5,)"),
        (np.ones((2, 3, 1)), "X: expected shape (T, 3), got (2, 3, 1)"),
        ([["a", "b", "c"]], "X: not a numeric array"),
    ],
)
def test_bad_sequences_raise_engine_error(X, message):
    p = params_for(3, 2)
    with pytest.raises(EngineError) as info:
        run(p, X)
    assert message in str(info.value)
    tr = Trace(p)
    with pytest.raises(EngineError) as info:
        tr.extend(X)
    assert message in str(info.value)
    assert len(tr) == 0  # nothing was half-appended


def test_engine_error_is_a_value_error():
    assert issubclass(EngineError, ValueError)


@pytest.mark.parametrize(
    ("x", "message"),
    [
        (np.ones(2), "x: expected 3 input(s) per step (D = 3), got shape (2,)"),
        (np.ones((1, 3)), "x: expected 3 input(s) per step (D = 3), got shape (1, 3)"),
        (np.array([0.0, np.nan, 0.0]), "x: non-finite input at step 4"),
        (np.array([np.inf, 0.0, 0.0]), "x: non-finite input at step 4"),
        # ±inf together must not sum to a RuntimeWarning before the EngineError.
        (np.array([np.inf, -np.inf, 0.0]), "x: non-finite input at step 4"),
    ],
)
def test_bad_single_steps_raise_engine_error(x, message):
    p = params_for(3, 2)
    tr = run(p, np.zeros((3, 3)))
    before = tr.h.copy()
    with pytest.raises(EngineError) as info:
        tr.append(x)
    assert message in str(info.value)
    assert len(tr) == 3
    np.testing.assert_array_equal(tr.h, before)


def test_huge_finite_single_step_gives_no_warning():
    """Values whose sum overflows are finite: accepted without a RuntimeWarning."""
    tr = Trace(params_for(2, 2))
    tr.append(np.array([1e308, 1e308]))
    assert len(tr) == 1


def test_bad_initial_state_and_step_arguments():
    p = params_for(3, 2)
    with pytest.raises(EngineError, match=r"h0: expected shape \(2,\) \(H units\), got \(3,\)"):
        run(p, np.zeros((2, 3)), h0=np.ones(3))
    with pytest.raises(EngineError, match="c0: non-finite value nan at index 1"):
        run(p, np.zeros((2, 3)), c0=[0.0, np.nan])
    with pytest.raises(EngineError, match=r"x: expected shape \(3,\) \(D inputs\), got \(2,\)"):
        step(p, np.ones(2), np.zeros(2), np.zeros(2))
    with pytest.raises(EngineError, match=r"h: expected shape \(2,\) \(H units\)"):
        step(p, np.ones(3), np.zeros(1), np.zeros(2))
    with pytest.raises(EngineError, match="params: expected LSTMParams, got dict"):
        Trace(p.to_state_dict())


def test_initial_state_is_copied_not_aliased():
    """run() neither makes the caller's h0/c0 read-only nor follows later changes to them."""
    p = params_for(1, 3)
    h0, c0 = np.full(3, 0.5), np.full(3, -0.5)
    tr = run(p, np.ones((4, 1)), h0, c0)
    assert h0.flags.writeable and c0.flags.writeable
    h0[:] = 9.0
    c0[:] = 9.0
    np.testing.assert_array_equal(tr.h0, np.full(3, 0.5))
    np.testing.assert_array_equal(tr.state(0)[1], np.full(3, -0.5))
    ref = run(p, np.ones((4, 1)), np.full(3, 0.5), np.full(3, -0.5))
    assert_trace_equal(tr, ref)
    assert not tr.h0.flags.writeable


# -------------------------------------------------------------- parameters
@pytest.mark.parametrize(
    ("arrays", "message"),
    [
        (
            {"weight_hh": np.zeros((8, 3))},
            "weight_hh: expected shape (4H, H) with H ≥ 1, got (8, 3)",
        ),
        ({"weight_hh": np.zeros(8)}, "weight_hh: expected shape (4H, H) with H ≥ 1, got (8,)"),
        ({"weight_ih": np.zeros((7, 3))}, "weight_ih: expected shape (8, 3), got (7, 3)"),
        ({"weight_ih": np.zeros((8, 0))}, "weight_ih: expected shape (8, D) with D ≥ 1"),
        ({"bias_ih": np.zeros(7)}, "bias_ih: expected shape (8,), got (7,)"),
        ({"bias_hh": np.zeros((8, 1))}, "bias_hh: expected shape (8,), got (8, 1)"),
        ({"bias_hh": ["x"] * 8}, "bias_hh: not a numeric array"),
    ],
)
def test_wrong_parameter_shapes(arrays, message):
    p = params_for(3, 2)
    with pytest.raises(EngineError) as info:
        p.with_arrays(**arrays)
    assert message in str(info.value)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("name", ["weight_ih", "weight_hh", "bias_ih", "bias_hh"])
def test_non_finite_parameters(name, bad):
    p = params_for(3, 2)
    arr = p.to_state_dict()[name]
    idx = (5, 1) if arr.ndim == 2 else (5,)
    arr[idx] = bad
    with pytest.raises(EngineError) as info:
        p.with_arrays(**{name: arr})
    where = ", ".join(str(i) for i in idx)
    assert f"{name}: non-finite value {bad} at index ({where})" in str(info.value)


def test_unknown_parameter_name():
    with pytest.raises(EngineError, match="unknown parameter name"):
        params_for(1, 1).with_arrays(weight_hr=np.zeros((1, 1)))


def test_parameters_are_read_only_float64_copies():
    src = {k: v.astype(np.float32) for k, v in params_for(2, 3).to_state_dict().items()}
    p = LSTMParams(**src)
    for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        arr = getattr(p, name)
        assert arr.dtype == np.float64 and not arr.flags.writeable
        assert not np.shares_memory(arr, src[name])
    src["weight_hh"][0, 0] = 123.0
    assert p.weight_hh[0, 0] != 123.0
    with pytest.raises(ValueError, match="read-only"):
        p.weight_hh[0, 0] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.weight_hh = np.zeros((12, 3))  # type: ignore[misc]
    assert (p.input_size, p.hidden_size) == (2, 3)
    assert repr(p) == "LSTMParams(input_size=2, hidden_size=3)"


def test_random_is_reproducible_and_forget_bias_lands_in_f_block():
    h = 4
    a = LSTMParams.random(3, h, seed=42)
    assert a == LSTMParams.random(3, h, seed=42)
    assert a != LSTMParams.random(3, h, seed=43)
    b = LSTMParams.random(3, h, seed=42, forget_bias=2.5)
    np.testing.assert_array_equal(b.weight_ih, a.weight_ih)
    np.testing.assert_array_equal(b.weight_hh, a.weight_hh)
    np.testing.assert_array_equal(b.bias_hh, a.bias_hh)
    delta = b.bias_ih - a.bias_ih
    f_rows = slice(GATES.index("f") * h, (GATES.index("f") + 1) * h)
    np.testing.assert_allclose(delta[f_rows], 2.5, rtol=1e-15)
    delta[f_rows] = 0.0
    np.testing.assert_array_equal(delta, 0.0)
    np.testing.assert_allclose(b.b_f - a.b_f, 2.5, rtol=1e-15)
    # The uniform init stays inside ±1/√H, like PyTorch.
    assert np.abs(a.weight_hh).max() <= 1.0 / np.sqrt(h)


@pytest.mark.parametrize("init", ["xavier", "orthogonal"])
def test_random_other_inits(init):
    h = 5
    p = LSTMParams.random(2, h, seed=1, init=init, forget_bias=1.0)
    assert p == LSTMParams.random(2, h, seed=1, init=init, forget_bias=1.0)
    np.testing.assert_array_equal(p.bias_hh, 0.0)
    np.testing.assert_array_equal(p.b_f, 1.0)
    np.testing.assert_array_equal(p.b_i, 0.0)
    if init == "orthogonal":
        for gate in GATES:
            q = p.gate(gate).recurrent
            np.testing.assert_allclose(q @ q.T, np.eye(h), atol=1e-12)


def test_random_rejects_bad_arguments():
    with pytest.raises(EngineError, match="input_size and hidden_size must be ≥ 1, got 0, 2"):
        LSTMParams.random(0, 2)
    with pytest.raises(EngineError, match="init: expected 'uniform', 'xavier' or 'orthogonal'"):
        LSTMParams.random(1, 2, init="he")


def test_gate_views_follow_the_notes():
    d, h = 3, 2
    p = params_for(d, h, seed=5)
    for k, name in enumerate(GATES):
        rows = slice(k * h, (k + 1) * h)
        gv = p.gate(name)
        assert gv.name == name
        np.testing.assert_array_equal(gv.input, p.weight_ih[rows])
        np.testing.assert_array_equal(gv.recurrent, p.weight_hh[rows])
        assert np.shares_memory(gv.input, p.weight_ih) and not gv.input.flags.writeable
        W = getattr(p, f"W_{name}")
        b = getattr(p, f"b_{name}")
        assert W.shape == (h, h + d)
        # W_gate = [weight_hh_gate | weight_ih_gate], over [h_{t-1}, x_t].
        np.testing.assert_array_equal(W[:, :h], p.weight_hh[rows])
        np.testing.assert_array_equal(W[:, h:], p.weight_ih[rows])
        np.testing.assert_array_equal(b, p.bias_ih[rows] + p.bias_hh[rows])
    # f_t = σ(W_f·[h_{t-1}, x_t] + b_f), as the notes write it.
    rng = np.random.default_rng(0)
    x, hp, cp = rng.normal(size=d), rng.normal(size=h), rng.normal(size=h)
    sr = step(p, x, hp, cp)
    hx = np.concatenate([hp, x])
    np.testing.assert_allclose(sr.f, sigmoid(p.W_f @ hx + p.b_f), rtol=1e-14)
    np.testing.assert_allclose(sr.i, sigmoid(p.W_i @ hx + p.b_i), rtol=1e-14)
    np.testing.assert_allclose(sr.g, np.tanh(p.W_g @ hx + p.b_g), rtol=1e-14)
    np.testing.assert_allclose(sr.o, sigmoid(p.W_o @ hx + p.b_o), rtol=1e-14)
    np.testing.assert_allclose(sr.z_gate("f"), p.W_f @ hx + p.b_f, rtol=1e-14)
    with pytest.raises(EngineError, match="gate: expected one of i, f, g, o, got 'x'"):
        p.gate("x")


# ------------------------------------------------------------ state dicts
def _lstm_dict(d: int, h: int, layers: int = 1, bidirectional: bool = False, prefix: str = ""):
    rng = np.random.default_rng(9)
    sd = {}
    for layer in range(layers):
        d_in = d if layer == 0 else h * (2 if bidirectional else 1)
        for sfx in ("", "_reverse") if bidirectional else ("",):
            sd[f"{prefix}weight_ih_l{layer}{sfx}"] = rng.normal(size=(4 * h, d_in))
            sd[f"{prefix}weight_hh_l{layer}{sfx}"] = rng.normal(size=(4 * h, h))
            sd[f"{prefix}bias_ih_l{layer}{sfx}"] = rng.normal(size=4 * h)
            sd[f"{prefix}bias_hh_l{layer}{sfx}"] = rng.normal(size=4 * h)
    return sd


def test_to_state_dict_round_trip():
    p = params_for(3, 4, seed=3)
    sd = p.to_state_dict()
    assert sorted(sd) == ["bias_hh", "bias_ih", "weight_hh", "weight_ih"]
    assert LSTMParams.from_state_dict(sd) == p
    sd["weight_hh"][0, 0] += 1.0  # writable copies, not views
    assert LSTMParams.from_state_dict(sd) != p
    assert LSTMParams.from_state_dict({k: v.tolist() for k, v in p.to_state_dict().items()}) == p


def test_from_state_dict_nn_lstm_names_prefix_layers_and_reverse():
    sd = _lstm_dict(2, 3, layers=2, bidirectional=True, prefix="lstm.")
    assert LSTMParams.layers_in_state_dict(sd) == [(0, False), (0, True), (1, False), (1, True)]
    p = LSTMParams.from_state_dict(sd)
    np.testing.assert_array_equal(p.weight_ih, sd["lstm.weight_ih_l0"])
    p = LSTMParams.from_state_dict(sd, layer=1, reverse=True)
    for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        np.testing.assert_array_equal(getattr(p, name), sd[f"lstm.{name}_l1_reverse"])
    assert p.input_size == 6
    # An explicit prefix, and an ambiguous one that has to be given.
    sd2 = {**sd, **_lstm_dict(1, 2, prefix="decoder.lstm.")}
    with pytest.raises(EngineError, match="missing key"):
        LSTMParams.from_state_dict(sd2)
    q = LSTMParams.from_state_dict(sd2, prefix="decoder.lstm.")
    assert (q.input_size, q.hidden_size) == (1, 2)


def test_from_state_dict_missing_keys_name_what_was_found():
    sd = _lstm_dict(2, 3, prefix="lstm.")
    with pytest.raises(EngineError) as info:
        LSTMParams.from_state_dict(sd, layer=1)
    msg = str(info.value)
    assert msg.startswith("lstm.weight_ih_l1: missing key")
    assert "layer 1" in msg and "found lstm.bias_hh_l0" in msg
    with pytest.raises(EngineError, match=r"weight_hh.*missing key.*found weight_ih"):
        LSTMParams.from_state_dict({"weight_ih": np.zeros((4, 1))})
    with pytest.raises(EngineError, match="reverse"):
        LSTMParams.from_state_dict(_lstm_dict(2, 3), reverse=True)
    with pytest.raises(EngineError, match="no keys"):
        LSTMParams.from_state_dict({})


def test_from_state_dict_without_bias_and_with_projections():
    sd = {k: v for k, v in _lstm_dict(2, 3).items() if "bias" not in k}
    p = LSTMParams.from_state_dict(sd)
    np.testing.assert_array_equal(p.bias_ih, np.zeros(12))
    np.testing.assert_array_equal(p.bias_hh, np.zeros(12))
    proj = {**_lstm_dict(2, 3), "weight_hr_l0": np.zeros((2, 3))}
    with pytest.raises(EngineError, match="projections"):
        LSTMParams.from_state_dict(proj)


def test_from_state_dict_bad_shapes_are_reported():
    sd = _lstm_dict(2, 3)
    sd["bias_ih_l0"] = np.zeros(5)
    with pytest.raises(EngineError, match=r"bias_ih: expected shape \(12,\), got \(5,\)"):
        LSTMParams.from_state_dict(sd)


# ------------------------------------------------------------------ sigmoid
def test_sigmoid_is_stable_for_huge_arguments():
    z = np.array([-1e4, -1e3, -800.0, -50.0, 0.0, 50.0, 800.0, 1e3, 1e4, -np.inf, np.inf])
    s = sigmoid(z)  # warnings are errors in the tests: no overflow warning allowed
    assert s.dtype == np.float64
    assert np.all((s >= 0.0) & (s <= 1.0))
    assert s[0] == 0.0 and s[1] == 0.0 and s[-2] == 0.0
    assert s[7] == 1.0 and s[8] == 1.0 and s[-1] == 1.0
    assert s[4] == 0.5
    assert float(sigmoid(1e4)) == 1.0
    np.testing.assert_allclose(sigmoid(-z[:-2]), 1.0 - s[:-2], atol=1e-16)


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-1e4, max_value=1e4, allow_nan=False))
def test_sigmoid_matches_reference(z):
    ref = 1.0 / (1.0 + np.exp(-z)) if z >= 0 else np.exp(z) / (1.0 + np.exp(z))
    s = float(sigmoid(z))
    assert 0.0 <= s <= 1.0
    # Two float64 formulas may differ by an ulp near 1 (2.22e-16): allow two ulps of 1.0.
    assert abs(s - ref) <= 2 * np.finfo(np.float64).eps


def test_activation_derivatives():
    z = np.linspace(-6, 6, 25)
    eps = 1e-6
    fd_sig = (sigmoid(z + eps) - sigmoid(z - eps)) / (2 * eps)
    fd_tanh = (np.tanh(z + eps) - np.tanh(z - eps)) / (2 * eps)
    np.testing.assert_allclose(dsigmoid(sigmoid(z)), fd_sig, atol=1e-9)
    np.testing.assert_allclose(dtanh(np.tanh(z)), fd_tanh, atol=1e-9)


def test_saturated_cell_runs_without_warnings():
    """Weights of size 1e4 saturate every gate: no overflow, values stay in range."""
    rng = np.random.default_rng(4)
    p = LSTMParams(
        rng.normal(0, 1e4, (8, 3)),
        rng.normal(0, 1e4, (8, 2)),
        rng.normal(0, 1e4, 8),
        np.zeros(8),
    )
    tr = run(p, rng.normal(size=(50, 3)))
    for name in ("i", "f", "o"):
        assert np.all((getattr(tr, name) >= 0) & (getattr(tr, name) <= 1)), name
    assert np.all(np.abs(tr.h) <= 1.0)
    assert np.isfinite(tr.c).all()
    g = bptt(p, tr, *output_loss(tr, 49)[1:])
    assert np.isfinite(g.dh).all() and np.isfinite(g.weight_hh).all()


# ------------------------------------------------------------------- Trace
@pytest.mark.parametrize("capacity", [0, 1, 5, 16, 200])
def test_append_one_step_at_a_time_equals_run(capacity):
    p = params_for(2, 3, seed=8)
    rng = np.random.default_rng(8)
    X = rng.normal(size=(150, 2))  # grows 16 → 32 → 64 → 128 → 256 from capacity 0
    h0, c0 = rng.normal(size=3), rng.normal(size=3)
    ref = run(p, X, h0, c0)
    tr = Trace(p, h0, c0, capacity=capacity)
    caps = set()
    for x in X:
        tr.append(x)
        caps.add(tr.nbytes)
    assert_trace_equal(tr, ref)
    if capacity < 150:
        assert len(caps) > 1  # the storage did grow while appending
    # Mixed: extend, then append, then extend again.
    mixed = Trace(p, h0, c0)
    mixed.extend(X[:7])
    for x in X[7:40]:
        mixed.append(x)
    mixed.extend(X[40:])
    assert_trace_equal(mixed, ref)


@settings(max_examples=25, deadline=None)
@given(
    d=st.integers(1, 4),
    h=st.integers(1, 5),
    t=st.integers(1, 40),
    seed=st.integers(0, 2**32 - 1),
)
def test_append_equals_run_property(d, h, t, seed):
    rng = np.random.default_rng(seed)
    p = LSTMParams.random(d, h, seed=seed, forget_bias=float(rng.uniform(-2, 2)))
    X = rng.normal(0, 2, size=(t, d))
    ref = run(p, X)
    tr = Trace(p)
    for x in X:
        tr.append(x)
    assert_trace_equal(tr, ref)
    assert tr.T == t


def test_scalar_step_when_d_is_1():
    p = params_for(1, 2)
    a, b = Trace(p), Trace(p)
    a.append(0.25)
    b.append(np.array([0.25]))
    assert_trace_equal(a, b)


def test_state_and_step_result_agree_with_step():
    p = params_for(3, 4, seed=2)
    rng = np.random.default_rng(2)
    X = rng.normal(size=(20, 3))
    h0, c0 = rng.normal(size=4), rng.normal(size=4)
    tr = run(p, X, h0, c0)
    h, c = tr.state(0)
    np.testing.assert_array_equal(h, h0)
    np.testing.assert_array_equal(c, c0)
    for k in range(len(tr)):
        sr = step(p, X[k], *tr.state(k))
        h_next, c_next = tr.state(k + 1)
        np.testing.assert_allclose(sr.h, h_next, rtol=1e-13, atol=1e-15)
        np.testing.assert_allclose(sr.c, c_next, rtol=1e-13, atol=1e-15)
        np.testing.assert_array_equal(h_next, tr.h[k])
        np.testing.assert_array_equal(c_next, tr.c[k])
        np.testing.assert_array_equal(tr.h_prev[k], tr.state(k)[0])
        res = tr.step_result(k)
        np.testing.assert_array_equal(res.x, X[k])
        np.testing.assert_array_equal(res.h_prev, tr.state(k)[0])
        for name in ("i", "f", "g", "o", "c", "tanh_c", "h"):
            np.testing.assert_allclose(
                getattr(res, name), getattr(tr, name)[k], rtol=1e-13, atol=1e-15, err_msg=name
            )
        np.testing.assert_allclose(
            res.z, p.weight_ih @ X[k] + p.bias_ih + p.weight_hh @ res.h_prev + p.bias_hh
        )
    with pytest.raises(EngineError, match="t: expected 0 ≤ t ≤ 20, got 21"):
        tr.state(21)
    with pytest.raises(EngineError, match="t: expected 0 ≤ t ≤ 20, got -1"):
        tr.state(-1)
    with pytest.raises(EngineError, match="k: expected 0 ≤ k < 20, got 20"):
        tr.step_result(20)


def test_gates_in_torch_block_order():
    p = params_for(2, 3, seed=6)
    tr = run(p, np.random.default_rng(6).normal(size=(5, 2)))
    G = tr.gates()
    for b, name in enumerate(GATES):
        np.testing.assert_array_equal(G[:, b * 3 : (b + 1) * 3], getattr(tr, name))


def test_empty_trace_cannot_be_backpropagated():
    p = params_for(2, 2)
    tr = Trace(p)
    assert len(tr) == 0 and tr.h.shape == (0, 2)
    with pytest.raises(EngineError, match=r"trace: empty \(0 steps\)"):
        bptt(p, tr, np.zeros((0, 2)))
    with pytest.raises(EngineError, match="t: expected 0 ≤ t ≤ 0"):
        tr.state(1)


# ------------------------------------------------------------ memory budget
@pytest.mark.parametrize("cell", ["lstm", "rnn"])
def test_trace_storage_is_checked_against_the_budget_before_allocating(monkeypatch, cell):
    """T × row width × 8 bytes is compared with the budget first: a BudgetError, not a crash."""
    d, h = 2, 3
    if cell == "lstm":
        p, make, width = params_for(d, h), Trace, d + 1 + 7 * h  # [x, 1, h, C, i f g o, tanh C]
    else:
        p, make, width = RNNParams.random(d, h, seed=0), RNNTrace, d + 1 + h  # [x, 1, h]
    row = 8 * width
    monkeypatch.setattr(budget, "available_memory", lambda: 2 * 100 * row)  # budget: 100 rows
    with pytest.raises(BudgetError) as info:
        make(p, capacity=1_000)
    err = info.value
    assert err.needed == 1_001 * row and err.fits == 100
    assert str(err).startswith("a trace of 1000 steps would need")
    with pytest.raises(BudgetError):  # run() asks for its whole length at once
        (run if cell == "lstm" else run_rnn)(p, np.zeros((500, d)))
    # Growing one step at a time doubles the storage, but only up to what fits …
    tr = make(p)
    X = np.random.default_rng(0).normal(size=(99, d))
    for x in X:
        tr.append(x)
    assert tr.nbytes <= 100 * row + row  # storage of at most 100 rows, plus the current row
    np.testing.assert_array_equal(tr.h, (run if cell == "lstm" else run_rnn)(p, X).h)
    # … and the step that does not fit is refused, leaving the trace as it was.
    with pytest.raises(BudgetError):
        tr.append(X[0])
    with pytest.raises(BudgetError):
        tr.extend(X[:5])
    assert len(tr) == 99
    tr2 = make(p)
    tr2.extend(X)
    np.testing.assert_array_equal(tr.h, tr2.h)
