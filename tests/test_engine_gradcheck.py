"""Central finite-difference checks of :func:`lstm_sim.engine.bptt`.

Every gradient the engine returns is compared with (L(θ + ε) − L(θ − ε)) / 2ε,
where L is recomputed from scratch by the forward pass:

- the totals ∂L/∂h_k and ∂L/∂C_k of every row, by perturbing the state at row k
  and re-running the rest of the sequence from it;
- ∂L/∂h_0, ∂L/∂C_0 (``dh_in``, ``dc_in``) and ∂L/∂x_k (``dz @ weight_ih``);
- the four parameter gradients;

for losses built from :func:`output_loss`, :func:`squared_error_loss` (with and
without a read-out) and a direct term on the cell state C_k. The window
semantics of ``bptt(stop=…, window=…)`` are checked against full BPTT of the
truncated graph, and the step Jacobians of :func:`transition_jacobians` (the
gradient panel's fast path) against differences of one step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pytest

from lstm_sim.engine import (
    EngineError,
    Gradients,
    LSTMParams,
    Trace,
    bptt,
    output_loss,
    run,
    sigmoid,
    squared_error_loss,
    step,
    transition_jacobians,
    window_bounds,
)

EPS = 1e-6
RTOL = 1e-6
# Central differences carry round-off of about ulp(L) / ε ≈ 1e-10 for the
# losses here (|L| ≲ 10), and a truncation error of order ε² · L''' that is smaller.
ATOL = 1e-8

# (D, H, T): H = 1, D = 1, D > H, T = 1 and a general case.
SHAPES = [
    (1, 1, 6),
    (3, 1, 5),
    (1, 4, 7),
    (5, 2, 4),
    (2, 3, 1),
    (3, 4, 8),
]
LOSSES = ["output", "output_mid", "squared", "squared_readout", "cell"]


def _ids(shape: tuple[int, int, int]) -> str:
    return "D{}-H{}-T{}".format(*shape)


def random_params(rng: np.random.Generator, d: int, h: int, scale: float = 0.7) -> LSTMParams:
    """Weights large enough that no gate is linear, small enough that none saturates."""
    return LSTMParams(
        weight_ih=rng.normal(0.0, scale, (4 * h, d)),
        weight_hh=rng.normal(0.0, scale, (4 * h, h)),
        bias_ih=rng.normal(0.0, 0.3, 4 * h),
        bias_hh=rng.normal(0.0, 0.3, 4 * h),
    )


@dataclass
class Loss:
    """A loss L(h, C) over the whole sequence, evaluated independently of the engine.

    ``value`` recomputes L from the arrays of h_k and C_k (T × H); ``direct``
    gives L and the direct gradients (dh, dc) (T × H each) via the engine's
    loss helpers, as the app would.
    """

    value: Callable[[np.ndarray, np.ndarray], float]
    direct: Callable[[Trace], tuple[float, np.ndarray, np.ndarray | None]]


def make_loss(kind: str, rng: np.random.Generator, t: int, h: int) -> Loss:
    """One of the losses of :data:`LOSSES`, with random weights and targets."""
    if kind in ("output", "output_mid"):
        k = t - 1 if kind == "output" else t // 2
        w = rng.normal(size=h)

        def value(hs: np.ndarray, cs: np.ndarray) -> float:
            return float(w @ hs[k])

        def direct(tr: Trace) -> tuple[float, np.ndarray, None]:
            loss, dh = output_loss(tr, k, w)
            full = np.zeros((len(tr), h))
            full[: k + 1] = dh  # rows after k: no direct dependence
            return loss, full, None

        return Loss(value, direct)

    if kind == "squared":
        p = max(1, h - 1)  # the first P units are the prediction
        y = rng.normal(size=(t, p))

        def value(hs: np.ndarray, cs: np.ndarray) -> float:
            return float(np.sum((hs[:, :p] - y) ** 2))

        def direct(tr: Trace) -> tuple[float, np.ndarray, None]:
            loss, dh = squared_error_loss(tr, y)
            return loss, dh, None

        return Loss(value, direct)

    if kind == "squared_readout":
        p = 2
        w_y, b_y = rng.normal(size=(p, h)), rng.normal(size=p)
        y = rng.normal(size=(t, p))

        def value(hs: np.ndarray, cs: np.ndarray) -> float:
            return float(np.sum((hs @ w_y.T + b_y - y) ** 2))

        def direct(tr: Trace) -> tuple[float, np.ndarray, None]:
            loss, dh = squared_error_loss(tr, y, readout=(w_y, b_y))
            return loss, dh, None

        return Loss(value, direct)

    if kind == "cell":
        # A direct term on C_k at every row, plus an output term at the last step.
        v = rng.normal(size=(t, h))
        w = rng.normal(size=h)

        def value(hs: np.ndarray, cs: np.ndarray) -> float:
            return float(np.sum(v * cs) + w @ hs[-1])

        def direct(tr: Trace) -> tuple[float, np.ndarray, np.ndarray]:
            loss_h, dh = output_loss(tr, len(tr) - 1, w)
            return loss_h + float(np.sum(v * tr.c)), dh, v.copy()

        return Loss(value, direct)

    raise AssertionError(kind)


def loss_of(loss: Loss, params: LSTMParams, X: np.ndarray, h0: np.ndarray, c0: np.ndarray):
    """L recomputed from scratch: a fresh forward pass, then the independent formula."""
    tr = run(params, X, h0, c0)
    return loss.value(tr.h, tr.c)


def fd_gradient(f: Callable[[np.ndarray], float], x0: np.ndarray) -> np.ndarray:
    """Central differences (f(x + εe) − f(x − εe)) / 2ε for every element of ``x0``."""
    grad = np.empty(x0.shape)
    for idx in np.ndindex(*x0.shape):
        up, down = x0.copy(), x0.copy()
        up[idx] += EPS
        down[idx] -= EPS
        grad[idx] = (f(up) - f(down)) / (2.0 * EPS)
    return grad


def assert_grad_close(actual: np.ndarray, expected: np.ndarray, what: str) -> None:
    np.testing.assert_allclose(actual, expected, rtol=RTOL, atol=ATOL, err_msg=what)


def setup_case(shape: tuple[int, int, int], kind: str, seed: int):
    d, h, t = shape
    rng = np.random.default_rng(seed)
    params = random_params(rng, d, h)
    X = rng.normal(size=(t, d))
    h0 = rng.normal(0.0, 0.5, h)
    c0 = rng.normal(0.0, 0.5, h)
    loss = make_loss(kind, rng, t, h)
    tr = run(params, X, h0, c0)
    L, dh, dc = loss.direct(tr)
    # The engine's loss helpers and the independent formula agree.
    assert L == pytest.approx(loss.value(tr.h, tr.c), rel=1e-12, abs=1e-12)
    grads = bptt(params, tr, dh, dc)
    return params, X, h0, c0, loss, tr, grads


def loss_after_state(
    params: LSTMParams,
    X: np.ndarray,
    tr: Trace,
    loss: Loss,
    k: int,
    h_new: np.ndarray,
    c_new: np.ndarray,
) -> float:
    """L when the state after row k is replaced by (h_new, c_new) and the rest re-run."""
    hs, cs = [tr.h[:k], h_new[None]], [tr.c[:k], c_new[None]]
    if k + 1 < len(X):
        rest = run(params, X[k + 1 :], h_new, c_new)
        hs.append(rest.h)
        cs.append(rest.c)
    return loss.value(np.concatenate(hs), np.concatenate(cs))


SEEDS = {s: 1000 + i for i, s in enumerate(SHAPES)}


@pytest.mark.parametrize("kind", LOSSES)
@pytest.mark.parametrize("shape", SHAPES, ids=_ids)
def test_state_gradients_every_row(shape, kind):
    """Total ∂L/∂h_k and ∂L/∂C_k: perturb the state after row k, re-run the rest."""
    params, X, _h0, _c0, loss, tr, grads = setup_case(shape, kind, SEEDS[shape])
    t, h = tr.T, params.hidden_size
    assert grads.dh.shape == grads.dc.shape == (t, h)
    fd_h = np.empty((t, h))
    fd_c = np.empty((t, h))
    for k in range(t):
        c_k, o_k = tr.c[k].copy(), tr.o[k].copy()

        # h_k as a node of the graph (C_k fixed).
        def via_h(h_new: np.ndarray, k: int = k, c_k: np.ndarray = c_k) -> float:
            return loss_after_state(params, X, tr, loss, k, h_new, c_k)

        # C_k in total: h_k = o_k ⊙ tanh(C_k) moves with it.
        def via_c(c_new: np.ndarray, k: int = k, o_k: np.ndarray = o_k) -> float:
            return loss_after_state(params, X, tr, loss, k, o_k * np.tanh(c_new), c_new)

        fd_h[k] = fd_gradient(via_h, tr.h[k].copy())
        fd_c[k] = fd_gradient(via_c, c_k)
    assert_grad_close(grads.dh, fd_h, f"∂L/∂h_k, {kind}")
    assert_grad_close(grads.dc, fd_c, f"∂L/∂C_k, {kind}")
    # The check is not vacuous: some gradient is clearly non-zero.
    assert np.abs(fd_h).max() > 1e-3
    assert np.abs(fd_c).max() > 1e-3


@pytest.mark.parametrize("kind", LOSSES)
@pytest.mark.parametrize("shape", SHAPES, ids=_ids)
def test_initial_state_and_input_gradients(shape, kind):
    """``dh_in``, ``dc_in`` are ∂L/∂h_0, ∂L/∂C_0; ``dz @ weight_ih`` is ∂L/∂x_k."""
    params, X, h0, c0, loss, _tr, grads = setup_case(shape, kind, SEEDS[shape])
    assert grads.start == 0 and grads.stop == len(X)
    fd_h0 = fd_gradient(lambda v: loss_of(loss, params, X, v, c0), h0)
    fd_c0 = fd_gradient(lambda v: loss_of(loss, params, X, h0, v), c0)
    fd_x = fd_gradient(lambda v: loss_of(loss, params, v, h0, c0), X)
    assert_grad_close(grads.dh_in, fd_h0, f"∂L/∂h_0, {kind}")
    assert_grad_close(grads.dc_in, fd_c0, f"∂L/∂C_0, {kind}")
    assert_grad_close(grads.dz @ params.weight_ih, fd_x, f"∂L/∂x_k, {kind}")
    assert np.abs(fd_c0).max() > 1e-3


@pytest.mark.parametrize("kind", LOSSES)
@pytest.mark.parametrize("shape", SHAPES, ids=_ids)
def test_parameter_gradients(shape, kind):
    params, X, h0, c0, loss, _tr, grads = setup_case(shape, kind, SEEDS[shape])
    for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):

        def with_param(arr: np.ndarray, name: str = name) -> float:
            return loss_of(loss, params.with_arrays(**{name: arr}), X, h0, c0)

        base = getattr(params, name)
        fd = fd_gradient(with_param, np.array(base))
        got = getattr(grads, name)
        assert got.shape == base.shape
        assert_grad_close(got, fd, f"∂L/∂{name}, {kind}")
        assert np.abs(fd).max() > 1e-3
    sd = grads.to_state_dict()
    assert sorted(sd) == ["bias_hh", "bias_ih", "weight_hh", "weight_ih"]
    np.testing.assert_array_equal(sd["weight_hh"], grads.weight_hh)


@pytest.mark.parametrize("shape", SHAPES, ids=_ids)
def test_gate_preactivation_gradients(shape):
    """∂L/∂z of each gate at one row: shift that row's pre-activation, re-run the rest."""
    _d, h, t = shape
    params, X, _h0, _c0, loss, tr, grads = setup_case(shape, "cell", SEEDS[shape] + 7)
    k = t // 2
    h_prev, c_prev = tr.state(k)
    z_k = params.weight_ih @ X[k] + params.bias_ih + params.weight_hh @ h_prev + params.bias_hh
    np.testing.assert_allclose(tr.step_result(k).z, z_k, rtol=1e-13, atol=1e-15)
    d_gates = {"i": grads.d_i, "f": grads.d_f, "g": grads.d_g, "o": grads.d_o}
    for block, name in enumerate("ifgo"):

        def row_loss(shift: np.ndarray, block: int = block) -> float:
            z = z_k.copy()
            z[block * h : (block + 1) * h] += shift
            zi, zf, zg, zo = np.split(z, 4)
            c_new = sigmoid(zf) * c_prev + sigmoid(zi) * np.tanh(zg)
            h_new = sigmoid(zo) * np.tanh(c_new)
            return loss_after_state(params, X, tr, loss, k, h_new, c_new)

        fd = fd_gradient(row_loss, np.zeros(h))
        assert_grad_close(d_gates[name][k], fd, f"∂L/∂z_{name} at row {k}")
        assert_grad_close(grads.dz[k, block * h : (block + 1) * h], fd, f"dz block {name}")


# ------------------------------------------------------------------ windows
def _window_case(seed: int, d: int = 2, h: int = 3, t: int = 12):
    rng = np.random.default_rng(seed)
    params = random_params(rng, d, h)
    X = rng.normal(size=(t, d))
    h0, c0 = rng.normal(0.0, 0.5, h), rng.normal(0.0, 0.5, h)
    tr = run(params, X, h0, c0)
    dh = rng.normal(size=(t, h))
    dc = rng.normal(size=(t, h))
    return params, X, tr, dh, dc


def _assert_same_grads(a: Gradients, b: Gradients, what: str) -> None:
    for name in ("dh", "dc", "dz", "dh_in", "dc_in", "weight_ih", "weight_hh", "bias_ih"):
        np.testing.assert_allclose(
            getattr(a, name), getattr(b, name), rtol=1e-13, atol=1e-14, err_msg=f"{what}: {name}"
        )


@pytest.mark.parametrize(("stop", "window"), [(12, 5), (9, 4), (7, 1), (5, 5), (12, 12), (3, 2)])
def test_window_equals_full_bptt_of_truncated_graph(stop, window):
    """A window is exact BPTT of the graph that starts at row ``start`` from a fixed state."""
    params, X, tr, dh, dc = _window_case(7)
    start = max(0, stop - window)
    win = bptt(params, tr, dh, dc, stop=stop, window=window)
    assert (win.start, win.stop) == (start, stop)
    assert win.dh.shape == win.dc.shape == (stop - start, params.hidden_size)
    assert list(window_bounds(len(tr), stop, window)) == list(range(start, stop))

    h_s, c_s = tr.state(start)
    sub = run(params, X[start:stop], h_s, c_s)
    np.testing.assert_array_equal(sub.h, tr.h[start:stop])
    ref = bptt(params, sub, dh[start:stop], dc[start:stop])
    _assert_same_grads(win, ref, f"window {start}…{stop - 1}")

    # dh_in, dc_in are the gradients of the window's loss w.r.t. the state it starts from.
    def window_loss(h_start: np.ndarray, c_start: np.ndarray) -> float:
        tr2 = run(params, X[start:stop], h_start, c_start)
        return float(np.sum(dh[start:stop] * tr2.h) + np.sum(dc[start:stop] * tr2.c))

    assert_grad_close(win.dh_in, fd_gradient(lambda v: window_loss(v, c_s), h_s), "dh_in")
    assert_grad_close(win.dc_in, fd_gradient(lambda v: window_loss(h_s, v), c_s), "dc_in")


@pytest.mark.parametrize(("stop", "window"), [(12, 5), (9, 4), (6, 1)])
def test_window_rows_match_full_bptt_rows(stop, window):
    """Gradients only flow backwards in time: the window's rows equal full BPTT's rows,
    and full BPTT's row ``start − 1`` is its direct term plus what the window passes back."""
    params, _X, tr, dh, dc = _window_case(11)
    start = stop - window
    full = bptt(params, tr, dh, dc, stop=stop)
    assert (full.start, full.stop) == (0, stop)
    win = bptt(params, tr, dh, dc, stop=stop, window=window)
    np.testing.assert_allclose(win.dh, full.dh[start:], rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(win.dc, full.dc[start:], rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(win.dz, full.dz[start:], rtol=1e-13, atol=1e-14)
    k = start - 1
    np.testing.assert_allclose(full.dh[k], dh[k] + win.dh_in, rtol=1e-13, atol=1e-14)
    a_k = tr.o[k] * (1.0 - tr.tanh_c[k] ** 2)  # ∂h_k/∂C_k
    np.testing.assert_allclose(
        full.dc[k], dc[k] + full.dh[k] * a_k + win.dc_in, rtol=1e-13, atol=1e-14
    )
    # Parameter gradients of the window sum over its rows only.
    np.testing.assert_allclose(
        win.weight_hh, win.dz.T @ tr.h_prev[start:stop], rtol=1e-13, atol=1e-14
    )
    np.testing.assert_allclose(win.weight_ih, win.dz.T @ tr.x[start:stop], rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(win.bias_ih, win.dz.sum(axis=0), rtol=1e-13, atol=1e-14)
    np.testing.assert_array_equal(win.bias_ih, win.bias_hh)
    assert not np.allclose(win.weight_hh, full.weight_hh)


def test_rows_after_stop_are_ignored():
    params, _X, tr, dh, dc = _window_case(13)
    stop = 8
    cut_dh, cut_dc = dh.copy(), dc.copy()
    cut_dh[stop:] = 0.0
    cut_dc[stop:] = 0.0
    a = bptt(params, tr, dh, dc, stop=stop)
    b = bptt(params, tr, cut_dh, cut_dc)
    assert a.dh.shape == (stop, params.hidden_size)
    for name in ("dh", "dc", "dz"):
        np.testing.assert_array_equal(getattr(b, name)[stop:], 0.0)
        np.testing.assert_allclose(getattr(a, name), getattr(b, name)[:stop], rtol=1e-13)
    for name in ("dh_in", "dc_in", "weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        np.testing.assert_allclose(getattr(a, name), getattr(b, name), rtol=1e-13, atol=1e-14)
    # Window-shaped direct gradients (n rows) are the same as full-length ones.
    c = bptt(params, tr, dh[3:stop], dc[3:stop], stop=stop, window=stop - 3)
    d = bptt(params, tr, dh, dc, stop=stop, window=stop - 3)
    _assert_same_grads(c, d, "window-shaped dh")
    # A window longer than the history reaches row 0: it is full BPTT.
    e = bptt(params, tr, dh, dc, stop=stop, window=10 * stop)
    assert e.start == 0
    _assert_same_grads(e, a, "long window")


def test_loss_helpers_with_window():
    """output_loss/squared_error_loss with ``start`` give window-shaped dh for bptt."""
    params, _X, tr, _dh, _dc = _window_case(17, t=15)
    rng = np.random.default_rng(3)
    w = rng.normal(size=params.hidden_size)
    k, start = 10, 4
    L, dh = output_loss(tr, k, w, start=start)
    assert dh.shape == (k + 1 - start, params.hidden_size)
    assert L == pytest.approx(float(w @ tr.h[k]))
    win = bptt(params, tr, dh, stop=k + 1, window=k + 1 - start)
    full_dh = np.zeros((len(tr), params.hidden_size))
    full_dh[k] = w
    full = bptt(params, tr, full_dh, stop=k + 1)
    np.testing.assert_allclose(win.dh, full.dh[start:], rtol=1e-13, atol=1e-14)
    np.testing.assert_allclose(win.dc, full.dc[start:], rtol=1e-13, atol=1e-14)

    y = rng.normal(size=(len(tr), 2))
    L2, dh2 = squared_error_loss(tr, y, start=start, stop=k + 1)
    assert dh2.shape == (k + 1 - start, params.hidden_size)
    assert L2 == pytest.approx(float(np.sum((tr.h[start : k + 1, :2] - y[start : k + 1]) ** 2)))
    win2 = bptt(params, tr, dh2, stop=k + 1, window=k + 1 - start)
    assert win2.dh.shape == (k + 1 - start, params.hidden_size)
    np.testing.assert_allclose(win2.dh[-1], dh2[-1], rtol=1e-14)


def test_window_arguments_are_checked():
    params, _X, tr, dh, _dc = _window_case(19)
    T = len(tr)
    with pytest.raises(EngineError, match=rf"stop: expected 1 ≤ stop ≤ {T}"):
        bptt(params, tr, dh, stop=0)
    with pytest.raises(EngineError, match=rf"stop: expected 1 ≤ stop ≤ {T}.*got {T + 1}"):
        bptt(params, tr, dh, stop=T + 1)
    with pytest.raises(EngineError, match="window: expected at least 1 step, got 0"):
        bptt(params, tr, dh, window=0)
    with pytest.raises(EngineError, match=r"dh: expected shape \(12, 3\) .* or \(4, 3\)"):
        bptt(params, tr, dh[:5], stop=T, window=4)
    bad = dh.copy()
    bad[2, 1] = np.nan
    with pytest.raises(EngineError, match="dh: non-finite value at row 2, unit 1"):
        bptt(params, tr, bad)
    other = random_params(np.random.default_rng(0), 2, 3)
    with pytest.raises(EngineError, match="not the parameters that produced the trace"):
        bptt(other, tr, dh)
    no_params = bptt(params, tr, dh, param_grads=False)
    assert no_params.weight_ih is None
    with pytest.raises(EngineError, match="param_grads=False"):
        no_params.to_state_dict()


@pytest.mark.parametrize("clamp", [None, {"f": 1.0}, {"o": 0.5, "i": 0.3, "g": -0.2}])
@pytest.mark.parametrize("shape", SHAPES, ids=_ids)
def test_transition_jacobians_match_finite_differences(shape, clamp):
    """J_k = ∂(h_k, C_k)/∂(h_{k-1}, C_{k-1}) of every row, by perturbing the step's input state."""
    d, h, t = shape
    rng = np.random.default_rng(SEEDS[shape])
    params = random_params(rng, d, h)
    X = rng.normal(size=(t, d))
    tr = run(params, X, rng.normal(0.0, 0.5, h), rng.normal(0.0, 0.5, h), clamp=clamp)
    J = transition_jacobians(params, tr, 0, t)
    assert J.shape == (t, 2 * h, 2 * h)
    for k in range(t):
        state = np.concatenate([tr.h_prev[k], tr.c_prev[k]])
        fd = np.empty((2 * h, 2 * h))
        for j in range(2 * h):
            up, down = state.copy(), state.copy()
            up[j] += EPS
            down[j] -= EPS
            r_up = step(params, X[k], up[:h], up[h:], clamp=clamp)
            r_down = step(params, X[k], down[:h], down[h:], clamp=clamp)
            fd[:, j] = (np.concatenate([r_up.h, r_up.c]) - np.concatenate([r_down.h, r_down.c])) / (
                2.0 * EPS
            )
        assert_grad_close(J[k], fd, f"J_{k}")
    # Any sub-range is the same rows.
    np.testing.assert_array_equal(transition_jacobians(params, tr, t - 1, t), J[-1:])
    with pytest.raises(EngineError, match="rows"):
        transition_jacobians(params, tr, 0, t + 1)
