"""Why RNN gradients vanish or explode and how the LSTM keeps them — on computed numbers.

Also the gate clamps ("what if f ≡ 1?") of the LSTM forward and backward passes
and the carry-path helpers.
"""

from __future__ import annotations

from types import MappingProxyType

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from lstm_sim.engine import (
    EngineError,
    LSTMParams,
    RNNParams,
    Trace,
    bptt,
    bptt_rnn,
    carry_factors,
    carry_product,
    check_clamp,
    largest_singular_value,
    rnn_jacobian_norms,
    run,
    run_rnn,
    step,
)

GATE_ROWS = {"i": 0, "f": 1, "g": 2, "o": 3}  # PyTorch block order
PARAM_NAMES = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


def _rnn_loss_on_last_row(T: int, H: int, seed: int = 0) -> np.ndarray:
    dh = np.zeros((T, H))
    dh[-1] = np.random.default_rng(seed).standard_normal(H)
    return dh


def _lstm_case(D: int = 2, H: int = 3, T: int = 30, seed: int = 0):
    rng = np.random.default_rng(seed)
    params = LSTMParams.random(D, H, seed=seed, forget_bias=1.0)
    return params, rng.standard_normal((T, D)), 0.5 * rng.standard_normal(H), rng.standard_normal(H)


# ------------------------------------------------------------ vanishing (RNN)
@pytest.mark.parametrize("a", [0.3, 0.7, 0.9, 0.99])
def test_rnn_gradient_shrinks_at_least_like_a_power(a: float) -> None:
    """W_hh = a·Q (Q orthogonal): ‖∂L/∂h_k‖ ≤ a^(t−k)·‖∂L/∂h_t‖ for a loss on h_t alone."""
    T, H = 120, 6
    params = RNNParams.random(2, H, seed=1, recurrent_scale=a)
    assert largest_singular_value(params.weight_hh) == pytest.approx(a, rel=1e-13)
    X = np.random.default_rng(2).standard_normal((T, 2))  # ordinary inputs: tanh is nonlinear
    trace = run_rnn(params, X)
    grads = bptt_rnn(params, trace, _rnn_loss_on_last_row(T, H))
    norms = grads.dh_norm()
    distance = np.arange(T)[::-1]  # t − k, with t = T − 1
    assert np.all(norms <= a**distance * norms[-1] * (1 + 1e-12))
    # The tighter bound with the actual local factors ‖J_j‖ = ‖W_hhᵀ·diag(1 − h_j²)‖₂.
    jac = rnn_jacobian_norms(params, trace)
    assert np.all(jac <= a * (1 + 1e-13))
    products = np.append(np.cumprod(jac[:0:-1])[::-1], 1.0)  # Π_{j=k+1}^{t} ‖J_j‖
    assert np.all(norms <= products * norms[-1] * (1 + 1e-12))
    # And it does vanish: after 119 steps almost nothing is left.
    assert norms[0] <= a**119 * norms[-1] * (1 + 1e-12)
    if a <= 0.9:
        assert norms[0] < 1e-5 * norms[-1]


# ------------------------------------------------------------- exploding (RNN)
def _exploding_case(T: int = 40, H: int = 8, a: float = 1.5):
    """Near-linear units: zero biases, h0 = 0 and inputs of size 1e-12, so h stays tiny."""
    params = RNNParams.random(1, H, seed=3, init="orthogonal", recurrent_scale=a)
    X = 1e-12 * np.random.default_rng(4).standard_normal((T, 1))
    trace = run_rnn(params, X)
    assert np.abs(trace.h).max() < 1e-3  # 1 − h² ≈ 1: the factor is ≈ W_hhᵀ at every step
    return params, trace


def test_rnn_gradient_grows_geometrically_when_a_exceeds_one() -> None:
    a, T, H = 1.5, 40, 8
    params, trace = _exploding_case(T, H, a)
    norms = bptt_rnn(params, trace, _rnn_loss_on_last_row(T, H)).dh_norm()
    ratios = norms[:-1] / norms[1:]  # ‖∂L/∂h_k‖ / ‖∂L/∂h_{k+1}‖
    assert_allclose(ratios, a, rtol=1e-6)
    assert np.all(ratios <= a * (1 + 1e-13))  # ≤ ‖J‖ ≤ a exactly
    assert norms[0] / norms[-1] > 1e6  # 1.5^39 ≈ 7·10^6
    assert_allclose(rnn_jacobian_norms(params, trace), a, rtol=1e-6)


@pytest.mark.parametrize("clip", [1.0, 5.0, 100.0])
def test_clipping_caps_the_exploding_norm(clip: float) -> None:
    a, T, H = 1.5, 40, 8
    params, trace = _exploding_case(T, H, a)
    dh = _rnn_loss_on_last_row(T, H)
    free = bptt_rnn(params, trace, dh).dh_norm()
    g = bptt_rnn(params, trace, dh, clip=clip)
    norms = g.dh_norm()
    assert np.all(norms <= clip * (1 + 1e-14))
    # Clipping engages at the first row (walking back) where the free norm passes clip,
    # and from there on the norm is held at exactly the threshold.
    first = int(np.flatnonzero(free > clip)[-1])
    assert_array_equal(g.clipped, np.arange(T) <= first)
    assert_allclose(norms[: first + 1], clip, rtol=1e-14)
    assert_array_equal(norms[first + 1 :], free[first + 1 :])


# ------------------------------------------------------------ LSTM: the carousel
def test_cell_state_gradient_is_constant_with_f_one_and_i_zero() -> None:
    """f ≡ 1, i ≡ 0, loss on C_t only: ∂L/∂C_k is the same vector for every k."""
    params, X, h0, c0 = _lstm_case(T=60)
    trace = run(params, X, h0, c0, clamp={"f": 1.0, "i": 0.0})
    T, H = 60, params.hidden_size
    dc = np.zeros((T, H))
    dc[-1] = np.random.default_rng(5).standard_normal(H)
    grads = bptt(params, trace, np.zeros((T, H)), dc)
    assert_array_equal(grads.dc, np.broadcast_to(dc[-1], (T, H)))
    assert_array_equal(grads.dc_in, dc[-1])  # reaches C_0 untouched
    assert_array_equal(grads.dh, 0.0)
    assert_array_equal(carry_product(trace), 1.0)


def test_cell_state_gradient_is_cut_with_f_zero_and_no_recurrence() -> None:
    """f ≡ 0 and W_hh = 0: nothing of ∂L/∂C_t reaches any earlier C_k."""
    params, X, h0, c0 = _lstm_case(T=25, seed=1)
    params = params.with_arrays(weight_hh=np.zeros_like(params.weight_hh))
    trace = run(params, X, h0, c0, clamp={"f": 0.0})
    T, H = 25, params.hidden_size
    dc = np.zeros((T, H))
    dc[-1] = np.random.default_rng(6).standard_normal(H)
    grads = bptt(params, trace, np.zeros((T, H)), dc)
    assert_array_equal(grads.dc[:-1], 0.0)
    assert_array_equal(grads.dc[-1], dc[-1])
    assert_array_equal(grads.dc_in, 0.0)
    assert_array_equal(carry_product(trace)[:-1], 0.0)


def test_carry_product_is_the_direct_path_gradient() -> None:
    """With the h-path cut (W_hh = 0, dh = 0), ∂L/∂C_k = dc_t ⊙ f_{k+1}⋯f_t."""
    params, X, h0, c0 = _lstm_case(T=40, seed=2)
    params = params.with_arrays(weight_hh=np.zeros_like(params.weight_hh))
    trace = run(params, X, h0, c0)
    T, H = 40, params.hidden_size
    stop = 33
    dc = np.zeros((T, H))
    dc[stop - 1] = np.random.default_rng(7).standard_normal(H)
    grads = bptt(params, trace, np.zeros((T, H)), dc, stop=stop)
    P = carry_product(trace, stop)
    assert P.shape == (stop, H)
    assert_allclose(grads.dc, dc[stop - 1] * P, rtol=1e-13, atol=0)
    # The convention, written out: P[k] = Π_{j=k+1}^{stop-1} f_j.
    f = carry_factors(trace)
    assert_array_equal(f, trace.f)
    for k in (0, 10, stop - 2, stop - 1):
        assert_allclose(P[k], np.prod(f[k + 1 : stop], axis=0), rtol=1e-14)
    win = carry_product(trace, stop, window=5)
    assert_allclose(win, P[stop - 5 :], rtol=1e-15)
    assert_array_equal(carry_product(trace, window=1), np.ones((1, H)))
    # One unit's products: that unit's column, exactly.
    for unit in range(H):
        assert_array_equal(carry_product(trace, stop, unit=unit), P[:, unit])
        assert_array_equal(carry_product(trace, stop, window=5, unit=unit), win[:, unit])
    assert_array_equal(carry_product(trace, window=1, unit=0), np.ones(1))


def test_carry_helpers_validate() -> None:
    params, X, *_ = _lstm_case(T=5)
    with pytest.raises(EngineError, match="expected Trace, got RNNTrace"):
        carry_product(run_rnn(RNNParams.random(2, 3), X))  # type: ignore[arg-type]
    with pytest.raises(EngineError, match="empty"):
        carry_factors(Trace(params))
    with pytest.raises(EngineError, match="stop: expected"):
        carry_product(run(params, X), 6)


# -------------------------------------------------------------------- clamps
def test_clamped_forward_keeps_the_cell_state() -> None:
    params, X, h0, c0 = _lstm_case(T=50, seed=3)
    trace = run(params, X, h0, c0, clamp={"f": 1, "i": 0})
    assert_array_equal(trace.c, np.broadcast_to(c0, trace.c.shape))
    assert_array_equal(trace.f, 1.0)
    assert_array_equal(trace.i, 0.0)
    assert_allclose(trace.h, trace.o * np.tanh(c0), rtol=1e-15)
    assert trace.clamp == {"f": 1.0, "i": 0.0}
    assert isinstance(trace.clamp, MappingProxyType)
    # Without clamps the cell state moves: the clamp is what holds it.
    assert np.abs(run(params, X, h0, c0).c - c0).max() > 0.1


@pytest.mark.parametrize("clamp", [{"o": 1.0}, {"g": -0.5, "o": 0.25}, {"f": 0.5, "i": 1.0}])
def test_clamps_agree_between_append_extend_and_step(clamp: dict[str, float]) -> None:
    params, X, h0, c0 = _lstm_case(T=30, seed=4)
    full = run(params, X, h0, c0, clamp=clamp)
    for name, value in clamp.items():
        assert_array_equal(getattr(full, name), value)
    stepped = Trace(params, h0, c0, clamp=clamp)
    for x in X[:10]:
        stepped.append(x)
    stepped.extend(X[10:])
    assert_array_equal(stepped.gates(), full.gates())
    assert_array_equal(stepped.c, full.c)
    assert_array_equal(stepped.h, full.h)
    h, c = h0, c0
    for k in range(30):
        r = step(params, X[k], h, c, clamp=clamp)
        assert_allclose(r.h, full.h[k], rtol=0, atol=1e-14)
        assert_allclose(r.c, full.c[k], rtol=0, atol=1e-14)
        s = full.step_result(k)
        assert_allclose(s.h, full.h[k], rtol=0, atol=1e-14)
        for name, value in clamp.items():
            assert_array_equal(getattr(s, name), value)
        h, c = r.h, r.c


def test_no_clamp_is_the_plain_cell() -> None:
    params, X, h0, c0 = _lstm_case(T=20, seed=5)
    plain = run(params, X, h0, c0)
    assert plain.clamp is None
    for clamp in (None, {}):
        other = run(params, X, h0, c0, clamp=clamp)
        assert other.clamp is None
        assert_array_equal(other.h, plain.h)


@pytest.mark.parametrize(
    ("clamp", "message"),
    [
        ({"x": 1.0}, "clamp: unknown gate 'x'"),
        ({"f": 1.5}, r"clamp\['f'\]: expected a value in \[0, 1\], got 1.5"),
        ({"g": -2.0}, r"clamp\['g'\]: expected a value in \[-1, 1\], got -2.0"),
        ({"o": np.nan}, r"clamp\['o'\]: expected a value in \[0, 1\], got nan"),
        ({"i": "half"}, r"clamp\['i'\]: expected a number, got 'half'"),
        ([("f", 1.0)], "clamp: expected a mapping"),
    ],
)
def test_clamp_validation(clamp: object, message: str) -> None:
    params, X, *_ = _lstm_case(T=3)
    with pytest.raises(EngineError, match=message):
        run(params, X, clamp=clamp)  # type: ignore[arg-type]
    with pytest.raises(EngineError, match=message):
        check_clamp(clamp)  # type: ignore[arg-type]


def _lstm_loss(params, X, h0, c0, W, V, clamp) -> float:
    trace = run(params, X, h0, c0, clamp=clamp)
    return float(np.sum(trace.h * W) + np.sum(trace.c * V))


@pytest.mark.parametrize(
    "clamp",
    [{"f": 0.7, "o": 0.4}, {"i": 0.3, "g": -0.5}, {"f": 1.0, "i": 0.0}, {"o": 0.9}],
)
def test_clamped_bptt_matches_central_differences(clamp: dict[str, float]) -> None:
    params, X, h0, c0 = _lstm_case(D=2, H=3, T=12, seed=6)
    rng = np.random.default_rng(8)
    W, V = rng.standard_normal((12, 3)), rng.standard_normal((12, 3))
    grads = bptt(params, run(params, X, h0, c0, clamp=clamp), W, V)
    H = params.hidden_size
    for name in clamp:  # a clamped gate is a constant: exactly zero gradient
        assert_array_equal(getattr(grads, f"d_{name}"), 0.0)
        rows = slice(GATE_ROWS[name] * H, (GATE_ROWS[name] + 1) * H)
        for p in PARAM_NAMES:
            assert_array_equal(getattr(grads, p)[rows], 0.0)
    eps = 1e-6
    for p in PARAM_NAMES:
        base = getattr(params, p)
        numeric = np.zeros(base.shape)
        for idx in np.ndindex(base.shape):
            plus, minus = base.copy(), base.copy()
            plus[idx] += eps
            minus[idx] -= eps
            numeric[idx] = (
                _lstm_loss(params.with_arrays(**{p: plus}), X, h0, c0, W, V, clamp)
                - _lstm_loss(params.with_arrays(**{p: minus}), X, h0, c0, W, V, clamp)
            ) / (2 * eps)
        assert_allclose(getattr(grads, p), numeric, rtol=1e-6, atol=1e-9, err_msg=p)
    for which, state in (("h0", h0), ("c0", c0)):
        numeric = np.zeros(H)
        for j in range(H):
            e = np.zeros(H)
            e[j] = eps
            args = {"h0": h0, "c0": c0}
            args[which] = state + e
            up = _lstm_loss(params, X, args["h0"], args["c0"], W, V, clamp)
            args[which] = state - e
            down = _lstm_loss(params, X, args["h0"], args["c0"], W, V, clamp)
            numeric[j] = (up - down) / (2 * eps)
        got = grads.dh_in if which == "h0" else grads.dc_in
        assert_allclose(got, numeric, rtol=1e-6, atol=1e-9, err_msg=which)
