"""The vanilla RNN engine: parameters, forward pass, BPTT (finite differences, PyTorch)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from lstm_sim.engine import (
    EngineError,
    LSTMParams,
    RNNParams,
    RNNTrace,
    bptt_rnn,
    largest_singular_value,
    rnn_jacobian_norms,
    run,
    run_rnn,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("rnn_parity_*.npz"))
SHAPES = [(1, 1, 5), (1, 3, 12), (3, 4, 20), (2, 6, 15)]  # (D, H, T)
PARAM_NAMES = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


def _make(D: int, H: int, T: int, seed: int = 0) -> tuple[RNNParams, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    params = RNNParams.random(D, H, seed=seed)
    return params, rng.standard_normal((T, D)), 0.5 * rng.uniform(-1, 1, H)


def _reference_forward(params: RNNParams, X: np.ndarray, h0: np.ndarray) -> np.ndarray:
    """h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh), written plainly."""
    h, out = h0, []
    for x in X:
        h = np.tanh(params.weight_ih @ x + params.bias_ih + params.weight_hh @ h + params.bias_hh)
        out.append(h)
    return np.array(out)


def _fixture_script():
    spec = importlib.util.spec_from_file_location(
        "make_rnn_fixtures", ROOT / "tools" / "make_rnn_fixtures.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------ parameters
def test_params_shapes_and_readonly() -> None:
    p = RNNParams.random(2, 3, seed=1)
    assert (p.input_size, p.hidden_size) == (2, 3)
    assert p.weight_ih.shape == (3, 2) and p.weight_hh.shape == (3, 3)
    assert p.bias_ih.shape == p.bias_hh.shape == (3,)
    assert repr(p) == "RNNParams(input_size=2, hidden_size=3)"
    for name in PARAM_NAMES:
        arr = getattr(p, name)
        assert arr.dtype == np.float64 and not arr.flags.writeable
    assert_array_equal(p.bias, p.bias_ih + p.bias_hh)


def test_params_copy_their_inputs() -> None:
    w = np.eye(2)
    p = RNNParams(np.ones((2, 1)), w, np.zeros(2), np.zeros(2))
    w[0, 0] = 5.0
    assert p.weight_hh[0, 0] == 1.0


@pytest.mark.parametrize(
    ("arrays", "message"),
    [
        (
            dict(weight_ih=np.zeros((3, 2)), weight_hh=np.zeros((3, 4))),
            "weight_hh: expected shape (3, 3), got (3, 4)",
        ),
        (
            dict(weight_ih=np.zeros((3, 2)), weight_hh=np.zeros(3)),
            "weight_hh: expected shape (H, H) with H ≥ 1, got (3,)",
        ),
        (
            dict(weight_ih=np.zeros((4, 2)), weight_hh=np.zeros((3, 3))),
            "weight_ih: expected shape (3, 2), got (4, 2)",
        ),
        (
            dict(weight_ih=np.zeros((3, 0)), weight_hh=np.zeros((3, 3))),
            "weight_ih: expected shape (3, D) with D ≥ 1, got (3, 0)",
        ),
        (
            dict(weight_ih=np.zeros((3, 2)), weight_hh=np.zeros((3, 3)), bias_ih=np.zeros(4)),
            "bias_ih: expected shape (3,), got (4,)",
        ),
        (
            dict(weight_ih=np.zeros((12, 2)), weight_hh=np.zeros((12, 3))),
            "4H × H is an LSTM's weight_hh: use LSTMParams",
        ),
        (
            dict(weight_ih=np.zeros((9, 2)), weight_hh=np.zeros((9, 3))),
            "3H × H is a GRU's weight_hh",
        ),
        (
            dict(weight_ih=np.zeros((2, 1)), weight_hh=[[1.0, np.nan], [0.0, 1.0]]),
            "weight_hh: non-finite value nan at index (0, 1)",
        ),
        (
            dict(weight_ih=np.zeros((2, 1)), weight_hh=[[1.0, 2.0], [3.0]]),
            "weight_hh: not a numeric array",
        ),
    ],
)
def test_params_validation_messages(arrays: dict, message: str) -> None:
    # Biases are checked last, so (3,) defaults never mask the error under test.
    full = {"bias_ih": np.zeros(3), "bias_hh": np.zeros(3), **arrays}
    with pytest.raises(EngineError) as info:
        RNNParams(**full)
    assert message in str(info.value)


def test_params_equality_and_with_arrays() -> None:
    p = RNNParams.random(2, 3, seed=4)
    q = RNNParams(**p.to_state_dict())
    assert p == q and p is not q
    r = p.with_arrays(bias_hh=np.ones(3))
    assert r != p
    assert_array_equal(r.bias_hh, np.ones(3))
    assert_array_equal(r.weight_hh, p.weight_hh)
    with pytest.raises(EngineError, match="unknown parameter name"):
        p.with_arrays(weight_xx=np.ones(3))
    with pytest.raises(TypeError):
        hash(p)
    assert p != LSTMParams.random(2, 3)


def test_to_state_dict_returns_writable_copies() -> None:
    p = RNNParams.random(2, 3, seed=0)
    sd = p.to_state_dict()
    assert set(sd) == set(PARAM_NAMES)
    sd["weight_hh"][0, 0] = 99.0
    assert p.weight_hh[0, 0] != 99.0


def test_from_state_dict_cell_and_rnn_names() -> None:
    p = RNNParams.random(2, 3, seed=0)
    q = RNNParams.random(3, 3, seed=1)
    r = RNNParams.random(2, 3, seed=2)
    assert RNNParams.from_state_dict(p.to_state_dict()) == p
    mapping = {}
    for suffix, params in (("_l0", p), ("_l1", q), ("_l0_reverse", r)):
        for name, value in params.to_state_dict().items():
            mapping[f"encoder.rnn.{name}{suffix}"] = value
    assert RNNParams.from_state_dict(mapping) == p
    assert RNNParams.from_state_dict(mapping, layer=1) == q
    assert RNNParams.from_state_dict(mapping, reverse=True) == r
    assert RNNParams.from_state_dict(mapping, prefix="encoder.rnn.") == p
    assert RNNParams.layers_in_state_dict(mapping) == [(0, False), (0, True), (1, False)]
    assert RNNParams.layers_in_state_dict(p.to_state_dict()) == [(0, False)]


def test_from_state_dict_without_bias_and_missing_keys() -> None:
    p = RNNParams.random(2, 3, seed=0)
    loaded = RNNParams.from_state_dict({"weight_ih_l0": p.weight_ih, "weight_hh_l0": p.weight_hh})
    assert_array_equal(loaded.bias_ih, np.zeros(3))
    assert_array_equal(loaded.bias_hh, np.zeros(3))
    with pytest.raises(
        EngineError, match=r"weight_ih_l2: missing key .* layer 2; found weight_hh_l0, weight_ih_l0"
    ):
        RNNParams.from_state_dict(
            {"weight_ih_l0": p.weight_ih, "weight_hh_l0": p.weight_hh}, layer=2
        )


def test_from_state_dict_rejects_an_lstm() -> None:
    lstm = LSTMParams.random(2, 3, seed=0).to_state_dict()
    with pytest.raises(EngineError, match="use LSTMParams"):
        RNNParams.from_state_dict(lstm)


def test_random_is_seeded_and_validates() -> None:
    assert RNNParams.random(2, 3, seed=5) == RNNParams.random(2, 3, seed=5)
    assert RNNParams.random(2, 3, seed=5) != RNNParams.random(2, 3, seed=6)
    for init in ("uniform", "xavier", "orthogonal"):
        assert RNNParams.random(2, 3, seed=0, init=init).hidden_size == 3
    q = RNNParams.random(2, 4, seed=0, init="orthogonal").weight_hh
    assert_allclose(q.T @ q, np.eye(4), atol=1e-14)
    with pytest.raises(EngineError, match="init: expected"):
        RNNParams.random(2, 3, init="normal")
    with pytest.raises(EngineError, match="must be ≥ 1"):
        RNNParams.random(0, 3)
    for bad in (-1.0, np.inf, np.nan):
        with pytest.raises(EngineError, match="recurrent_scale"):
            RNNParams.random(2, 3, recurrent_scale=bad)


@pytest.mark.parametrize("a", [0.0, 0.5, 0.9, 1.0, 1.5, 3.0])
def test_recurrent_scale_fixes_every_singular_value(a: float) -> None:
    p = RNNParams.random(2, 6, seed=3, recurrent_scale=a)
    assert_allclose(np.linalg.svd(p.weight_hh, compute_uv=False), a, rtol=1e-13, atol=1e-15)
    assert largest_singular_value(p.weight_hh) == pytest.approx(a, rel=1e-13, abs=1e-15)
    # For one seed only the scale changes: the rest is identical.
    ref = RNNParams.random(2, 6, seed=3, recurrent_scale=1.0)
    assert_array_equal(p.weight_ih, ref.weight_ih)
    assert_allclose(p.weight_hh, a * ref.weight_hh, rtol=1e-15, atol=0)


def test_largest_singular_value_validates() -> None:
    assert largest_singular_value(np.diag([3.0, -4.0])) == pytest.approx(4.0)
    with pytest.raises(EngineError, match="non-empty matrix"):
        largest_singular_value(np.ones(3))
    with pytest.raises(EngineError, match="non-finite"):
        largest_singular_value([[np.inf]])


# --------------------------------------------------------------------- forward
@pytest.mark.parametrize(("D", "H", "T"), SHAPES)
def test_forward_matches_reference_loop(D: int, H: int, T: int) -> None:
    params, X, h0 = _make(D, H, T)
    trace = run_rnn(params, X, h0)
    assert trace.h.shape == (T, H) and trace.x.shape == (T, D) and len(trace) == trace.T == T
    assert_allclose(trace.h, _reference_forward(params, X, h0), rtol=0, atol=1e-14)
    assert_array_equal(trace.x, X)
    assert_array_equal(trace.h_prev[0], h0)
    assert_array_equal(trace.h_prev[1:], trace.h[:-1])
    assert_array_equal(trace.state(0), h0)
    assert_array_equal(trace.state(T), trace.h[-1])


def test_append_extend_and_run_agree_bitwise() -> None:
    params, X, h0 = _make(2, 4, 50, seed=3)
    full = run_rnn(params, X, h0)
    stepped = RNNTrace(params, h0)  # capacity 0: exercises growth
    for x in X[:7]:
        stepped.append(x)
    stepped.extend(X[7:30])
    for x in X[30:]:
        stepped.append(list(x))
    assert_array_equal(stepped.h, full.h)
    assert stepped.nbytes >= full.nbytes > 0


def test_scalar_inputs_for_one_input() -> None:
    params = RNNParams.random(1, 2, seed=0)
    X = np.linspace(-1, 1, 9)
    trace = run_rnn(params, X)
    one = RNNTrace(params)
    for x in X:
        one.append(x)
    assert_array_equal(one.h, trace.h)


def test_forward_validation() -> None:
    params = RNNParams.random(2, 3, seed=0)
    with pytest.raises(EngineError, match="expected 2 input"):
        run_rnn(params, np.ones((4, 3)))
    with pytest.raises(EngineError, match="non-finite value inf at step 2, input 1"):
        run_rnn(params, [[0.0, 0.0], [0.0, np.inf]])
    with pytest.raises(EngineError, match=r"h0: expected shape \(3,\)"):
        run_rnn(params, np.ones((4, 2)), h0=np.zeros(2))
    with pytest.raises(EngineError, match="params: expected RNNParams, got LSTMParams"):
        RNNTrace(LSTMParams.random(2, 3))
    trace = RNNTrace(params)
    with pytest.raises(EngineError, match="x: expected 2 input"):
        trace.append(np.ones(3))
    with pytest.raises(EngineError, match="non-finite input at step 1"):
        trace.append([np.nan, 0.0])
    with pytest.raises(EngineError, match="t: expected"):
        trace.state(1)


def test_h0_is_not_aliased() -> None:
    params = RNNParams.random(1, 2, seed=0)
    h0 = np.array([0.1, 0.2])
    trace = run_rnn(params, [0.5], h0)
    h0[0] = 7.0  # the caller's array stays writable and the trace keeps its own copy
    assert trace.h0[0] == 0.1 and not trace.h0.flags.writeable


# -------------------------------------------------------------------- backward
def _loss(params: RNNParams, X: np.ndarray, h0: np.ndarray, W: np.ndarray) -> float:
    return float(np.sum(run_rnn(params, X, h0).h * W))


def _assert_fd(analytic: np.ndarray, numeric: np.ndarray, what: str) -> None:
    assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-9, err_msg=what)


@pytest.mark.parametrize(("D", "H", "T"), SHAPES)
def test_bptt_matches_central_differences(D: int, H: int, T: int) -> None:
    params, X, h0 = _make(D, H, T, seed=D + H + T)
    W = np.random.default_rng(7).standard_normal((T, H))  # L = Σ_k W_k · h_k
    grads = bptt_rnn(params, run_rnn(params, X, h0), W)
    eps = 1e-6
    for name in PARAM_NAMES:
        base = getattr(params, name)
        numeric = np.zeros(base.shape)
        for idx in np.ndindex(base.shape):
            plus, minus = base.copy(), base.copy()
            plus[idx] += eps
            minus[idx] -= eps
            numeric[idx] = (
                _loss(params.with_arrays(**{name: plus}), X, h0, W)
                - _loss(params.with_arrays(**{name: minus}), X, h0, W)
            ) / (2 * eps)
        _assert_fd(getattr(grads, name), numeric, name)
    numeric_h0 = np.zeros(H)
    for j in range(H):
        e = np.zeros(H)
        e[j] = eps
        numeric_h0[j] = (_loss(params, X, h0 + e, W) - _loss(params, X, h0 - e, W)) / (2 * eps)
    _assert_fd(grads.dh_in, numeric_h0, "dh_in = ∂L/∂h0")
    # Total ∂L/∂h_k: restart the cell from a perturbed h_k.
    trace = run_rnn(params, X, h0)
    for k in sorted({0, T // 2, T - 2} & set(range(T - 1))):
        numeric_k = np.zeros(H)
        for j in range(H):
            e = np.zeros(H)
            e[j] = eps
            rest = [_loss(params, X[k + 1 :], trace.h[k] + s * e, W[k + 1 :]) for s in (1, -1)]
            numeric_k[j] = W[k, j] + (rest[0] - rest[1]) / (2 * eps)
        _assert_fd(grads.dh[k], numeric_k, f"dh[{k}]")
    assert_allclose(grads.dz, grads.dh * (1 - trace.h**2), rtol=1e-15)
    assert_allclose(grads.bias_ih, grads.bias_hh, rtol=0, atol=0)
    assert_allclose(grads.dh_norm(), np.linalg.norm(grads.dh, axis=1), rtol=1e-14)


def test_window_is_the_tail_of_the_full_walk() -> None:
    params, X, h0 = _make(2, 3, 40, seed=11)
    trace = run_rnn(params, X, h0)
    W = np.random.default_rng(1).standard_normal((40, 3))
    full = bptt_rnn(params, trace, W, stop=30)
    win = bptt_rnn(params, trace, W, stop=30, window=8)
    assert (win.start, win.stop, full.start, full.stop) == (22, 30, 0, 30)
    assert_allclose(win.dh, full.dh[22:30], rtol=1e-13, atol=1e-15)
    assert_allclose(win.dh_in, full.dh[21] - W[21], rtol=1e-12, atol=1e-14)
    dz = full.dz[22:30]
    assert_allclose(win.weight_ih, dz.T @ X[22:30], rtol=1e-12, atol=1e-14)
    assert_allclose(win.weight_hh, dz.T @ trace.h[21:29], rtol=1e-12, atol=1e-14)
    assert_allclose(win.bias_ih, dz.sum(axis=0), rtol=1e-12, atol=1e-14)
    # The direct gradient of the window only is accepted too.
    assert_array_equal(bptt_rnn(params, trace, W[22:30], stop=30, window=8).dh, win.dh)
    # Rows after stop are ignored.
    W2 = W.copy()
    W2[30:] = 100.0
    assert_array_equal(bptt_rnn(params, trace, W2, stop=30).dh, full.dh)


def test_bptt_validation() -> None:
    params, X, h0 = _make(2, 3, 10)
    trace = run_rnn(params, X, h0)
    dh = np.zeros((10, 3))
    with pytest.raises(EngineError, match=r"dh: expected shape \(10, 3\) .* got \(10, 2\)"):
        bptt_rnn(params, trace, np.zeros((10, 2)))
    bad = dh.copy()
    bad[4, 1] = np.nan
    with pytest.raises(EngineError, match="dh: non-finite value at row 4, unit 1"):
        bptt_rnn(params, trace, bad)
    with pytest.raises(EngineError, match="not the parameters"):
        bptt_rnn(RNNParams.random(2, 3, seed=9), trace, dh)
    lstm = LSTMParams.random(2, 3)
    with pytest.raises(EngineError, match="trace: expected RNNTrace, got Trace"):
        bptt_rnn(params, run(lstm, X), dh)  # type: ignore[arg-type]
    with pytest.raises(EngineError, match="empty"):
        bptt_rnn(params, RNNTrace(params), dh)
    with pytest.raises(EngineError, match="stop: expected"):
        bptt_rnn(params, trace, dh, stop=11)
    with pytest.raises(EngineError, match="window: expected at least 1"):
        bptt_rnn(params, trace, dh, window=0)
    for clip in (0.0, -1.0, np.nan, np.inf):
        with pytest.raises(EngineError, match="clip: expected a finite threshold > 0"):
            bptt_rnn(params, trace, dh, clip=clip)
    no_params = bptt_rnn(params, trace, dh, param_grads=False)
    assert no_params.weight_ih is None
    with pytest.raises(EngineError, match="param_grads=False"):
        no_params.to_state_dict()


def test_clip_rescales_the_total_gradient_of_each_step() -> None:
    params, X, h0 = _make(2, 4, 30, seed=2)
    trace = run_rnn(params, X, h0)
    W = np.random.default_rng(0).standard_normal((30, 4))
    free = bptt_rnn(params, trace, W)
    assert free.clip is None and free.clipped is None
    loose = bptt_rnn(params, trace, W, clip=1e6)
    assert_array_equal(loose.dh, free.dh)
    assert not loose.clipped.any()
    clip = 2.5
    g = bptt_rnn(params, trace, W, clip=clip)
    norms = g.dh_norm()
    assert g.clipped.any() and not g.clipped.all()
    assert np.all(norms <= clip * (1 + 1e-14))
    assert_allclose(norms[g.clipped], clip, rtol=1e-14)
    # Reference: the same recurrence written plainly, clipping each total.
    dh_next_contrib = np.zeros(4)
    for k in range(29, -1, -1):
        total = W[k] + dh_next_contrib
        n = np.linalg.norm(total)
        assert g.clipped[k] == (n > clip)
        if n > clip:
            total = total * clip / n
        assert_allclose(g.dh[k], total, rtol=1e-13, atol=1e-15)
        dh_next_contrib = params.weight_hh.T @ (total * (1 - trace.h[k] ** 2))
    assert_allclose(g.dh_in, dh_next_contrib, rtol=1e-13, atol=1e-15)  # not clipped


def test_jacobian_norms() -> None:
    params, X, h0 = _make(2, 5, 30, seed=4)
    trace = run_rnn(params, X, h0)
    norms = rnn_jacobian_norms(params, trace)
    expected = [np.linalg.norm(params.weight_hh.T @ np.diag(1 - h**2), 2) for h in trace.h]
    assert norms.shape == (30,)
    assert_allclose(norms, expected, rtol=1e-13)
    assert np.all(norms <= largest_singular_value(params.weight_hh) * (1 + 1e-13))
    assert_allclose(rnn_jacobian_norms(params, trace, chunk=7), norms, rtol=1e-14)
    assert_allclose(rnn_jacobian_norms(params, trace, stop=20, window=5), norms[15:20])


# ---------------------------------------------------------------- PyTorch parity
def _check_against_reference(data: dict[str, np.ndarray], atol: float = 1e-10) -> None:
    params = RNNParams(*(data[n] for n in PARAM_NAMES))
    trace = run_rnn(params, data["x"], data["h0"])
    clip = float(data["clip"]) if "clip" in data else None
    grads = bptt_rnn(params, trace, data["dh_direct"], clip=clip)
    assert_allclose(trace.h, data["h"], rtol=0, atol=atol, err_msg="h")
    assert_allclose(grads.dh, data["dh"], rtol=0, atol=atol, err_msg="dh")
    assert_allclose(grads.dh_in, data["dh0"], rtol=0, atol=atol, err_msg="dh0")
    for name in PARAM_NAMES:
        assert_allclose(getattr(grads, name), data["grad_" + name], rtol=0, atol=atol, err_msg=name)
    if clip is not None:
        assert grads.clipped.any() and not grads.clipped.all()


def test_fixtures_exist_and_are_small() -> None:
    assert len(FIXTURES) >= 4
    for path in FIXTURES:
        assert path.stat().st_size < 20_000, path.name


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_matches_frozen_pytorch_values(path: Path) -> None:
    with np.load(path, allow_pickle=False) as npz:
        data = {k: npz[k] for k in npz.files}
    assert all(v.dtype == np.float64 for v in data.values())
    _check_against_reference(data)


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_fixture_script_reproduces_the_fixtures(path: Path) -> None:
    pytest.importorskip("torch")
    script = _fixture_script()
    fresh = script.make_case(path.stem.removeprefix("rnn_parity_"))
    with np.load(path, allow_pickle=False) as npz:
        assert sorted(npz.files) == sorted(fresh)
        for key in npz.files:
            assert_allclose(npz[key], fresh[key], rtol=0, atol=1e-12, err_msg=key)


@pytest.mark.parametrize(
    ("D", "H", "T", "scale", "clip"),
    [(1, 1, 6, None, None), (2, 3, 17, None, None), (4, 6, 40, 0.95, None), (3, 5, 35, 1.7, 1.0)],
)
def test_matches_pytorch(D: int, H: int, T: int, scale: float | None, clip: float | None) -> None:
    pytest.importorskip("torch")
    script = _fixture_script()
    data = script.case_inputs(D, H, T, seed=100 + T, recurrent_scale=scale, input_scale=0.3)
    data.update(script.torch_reference(**data, clip=clip))
    if clip is not None:
        data["clip"] = np.array(clip)
    _check_against_reference(data)


def test_loads_a_pytorch_state_dict() -> None:
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    rnn = torch.nn.RNN(3, 4, num_layers=2, bidirectional=True, dtype=torch.float64)
    sd = {k: v.numpy() for k, v in rnn.state_dict().items()}
    assert RNNParams.layers_in_state_dict(sd) == [(0, False), (0, True), (1, False), (1, True)]
    p = RNNParams.from_state_dict(sd, layer=0)
    X = np.random.default_rng(0).standard_normal((9, 3))
    with torch.no_grad():
        single = torch.nn.RNN(3, 4, dtype=torch.float64)
        single.load_state_dict({k: v for k, v in rnn.state_dict().items() if k.endswith("_l0")})
        out, _ = single(torch.from_numpy(X)[:, None])
    assert_allclose(run_rnn(p, X).h, out[:, 0].numpy(), rtol=0, atol=1e-14)
    assert RNNParams.from_state_dict(sd, layer=1, reverse=True).input_size == 8
    cell = torch.nn.RNNCell(3, 4, dtype=torch.float64)
    pc = RNNParams.from_state_dict({f"cell.{k}": v for k, v in cell.state_dict().items()})
    assert_array_equal(pc.weight_hh, cell.weight_hh.detach().numpy())
