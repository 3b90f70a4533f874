"""Parity with PyTorch (float64, autograd): forward values and BPTT gradients.

``nn.LSTMCell`` is stepped by hand with ``retain_grad()`` on every h_k and C_k,
which gives the total ∂L/∂h_k and ∂L/∂C_k of every step; ``nn.LSTM`` checks the
same forward pass, the parameter gradients and ∂L/∂h_0, ∂L/∂C_0, ∂L/∂x_k. The
engine must agree to 1e-10 (absolute).

Skipped when torch is not installed; ``tests/test_engine_fixtures.py`` checks
the same things against stored torch results.
"""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from lstm_sim.engine import LSTMParams, bptt, run  # noqa: E402

TOL = 1e-10

# (D, H, T): H = 1, D > H, D = 1 with larger H, and a longer sequence.
SHAPES = [(1, 1, 9), (5, 2, 7), (1, 4, 12), (3, 6, 40)]


def _ids(shape: tuple[int, int, int]) -> str:
    return "D{}-H{}-T{}".format(*shape)


def assert_close(actual, expected, what: str, tol: float = TOL) -> None:
    actual = np.asarray(actual, dtype=np.float64)
    if isinstance(expected, torch.Tensor):
        expected = expected.detach().numpy()
    expected = np.asarray(expected, dtype=np.float64)
    assert actual.shape == expected.shape, f"{what}: shape {actual.shape} != {expected.shape}"
    diff = float(np.max(np.abs(actual - expected))) if actual.size else 0.0
    assert diff <= tol, f"{what}: max abs difference {diff:.3e} > {tol:.0e}"


def grad_or_zeros(t: torch.Tensor) -> np.ndarray:
    """A retained gradient; None means the loss does not depend on the tensor at all."""
    return np.zeros(tuple(t.shape)) if t.grad is None else t.grad.numpy()


def _randomize(module: torch.nn.Module, rng: np.random.Generator, scale: float = 0.8) -> None:
    """Weights larger than PyTorch's default init, so every gate is well away from linear."""
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.from_numpy(rng.normal(0.0, scale, tuple(p.shape))))


def make_cell(d: int, h: int, seed: int):
    rng = np.random.default_rng(seed)
    cell = torch.nn.LSTMCell(d, h, dtype=torch.float64)
    _randomize(cell, rng)
    return cell, rng


def torch_cell_run(cell, X: np.ndarray, h0: np.ndarray, c0: np.ndarray):
    """Step ``nn.LSTMCell`` over X, keeping every h_k and C_k (gradients retained
    unless called under ``torch.no_grad()``)."""
    h = torch.tensor(h0[None], requires_grad=True)
    c = torch.tensor(c0[None], requires_grad=True)
    x = torch.tensor(X, requires_grad=True)
    h_init, c_init = h, c
    hs, cs = [], []
    for k in range(len(X)):
        h, c = cell(x[k : k + 1], (h, c))
        if torch.is_grad_enabled():
            h.retain_grad()
            c.retain_grad()
        hs.append(h)
        cs.append(c)
    return x, h_init, c_init, hs, cs


def torch_gates(cell, X: np.ndarray, hs_prev: np.ndarray) -> np.ndarray:
    """Gate activations (T, 4H), blocks i, f, g, o, computed from the state dict."""
    sd = {k: v.detach() for k, v in cell.state_dict().items()}
    z = (
        torch.from_numpy(X) @ sd["weight_ih"].T
        + sd["bias_ih"]
        + torch.from_numpy(hs_prev) @ sd["weight_hh"].T
        + sd["bias_hh"]
    )
    zi, zf, zg, zo = z.chunk(4, dim=1)
    return torch.cat([zi.sigmoid(), zf.sigmoid(), zg.tanh(), zo.sigmoid()], dim=1).numpy()


@pytest.mark.parametrize("shape", SHAPES, ids=_ids)
def test_forward_matches_lstm_cell(shape):
    d, h, t = shape
    cell, rng = make_cell(d, h, seed=10 * d + h)
    params = LSTMParams.from_state_dict(cell.state_dict())
    X = rng.normal(size=(t, d))
    h0, c0 = rng.normal(0.0, 0.5, h), rng.normal(0.0, 0.5, h)
    with torch.no_grad():
        _x, _h, _c, hs, cs = torch_cell_run(cell, X, h0, c0)
    th = torch.cat(hs).numpy()
    tc = torch.cat(cs).numpy()
    tr = run(params, X, h0, c0)
    assert_close(tr.h, th, "h")
    assert_close(tr.c, tc, "C")
    assert_close(tr.tanh_c, np.tanh(tc), "tanh(C)")
    gates = torch_gates(cell, X, np.vstack([h0[None], th[:-1]]))
    assert_close(tr.gates(), gates, "gates (i, f, g, o)")
    for b, name in enumerate("ifgo"):
        assert_close(getattr(tr, name), gates[:, b * h : (b + 1) * h], f"gate {name}")
    # The reference step() agrees with the trace, pre-activations included.
    k = t // 2
    sr = tr.step_result(k)
    assert_close(sr.h, th[k], "step().h")
    assert_close(sr.c, tc[k], "step().c")
    assert_close(sr.f, gates[k, h : 2 * h], "step().f")


@pytest.mark.parametrize("shape", SHAPES, ids=_ids)
def test_bptt_matches_autograd_every_step(shape):
    """L = Σ_k wh_k·h_k + Σ_k wc_k·C_k: dh, dc per step and all parameter gradients."""
    d, h, t = shape
    cell, rng = make_cell(d, h, seed=100 + 10 * d + h)
    params = LSTMParams.from_state_dict(cell.state_dict())
    X = rng.normal(size=(t, d))
    h0, c0 = rng.normal(0.0, 0.5, h), rng.normal(0.0, 0.5, h)
    wh = rng.normal(size=(t, h))
    wc = rng.normal(size=(t, h))  # a direct term on every C_k, the last one included

    x, h_init, c_init, hs, cs = torch_cell_run(cell, X, h0, c0)
    loss = (torch.cat(hs) * torch.from_numpy(wh)).sum() + (
        torch.cat(cs) * torch.from_numpy(wc)
    ).sum()
    loss.backward()

    tr = run(params, X, h0, c0)
    g = bptt(params, tr, wh, wc)
    assert loss.item() == pytest.approx(float(np.sum(wh * tr.h) + np.sum(wc * tr.c)), abs=1e-10)
    assert_close(g.dh, np.vstack([grad_or_zeros(v) for v in hs]), "∂L/∂h_k")
    assert_close(g.dc, np.vstack([grad_or_zeros(v) for v in cs]), "∂L/∂C_k")
    assert_close(g.dh_in, h_init.grad[0], "∂L/∂h_0 (dh_in)")
    assert_close(g.dc_in, c_init.grad[0], "∂L/∂C_0 (dc_in)")
    assert_close(g.dz @ params.weight_ih, x.grad, "∂L/∂x_k")
    for name, p in cell.named_parameters():
        assert_close(getattr(g, name), p.grad, f"∂L/∂{name}")
    assert float(np.abs(g.dc).max()) > 1e-2


@pytest.mark.parametrize("shape", SHAPES, ids=_ids)
def test_bptt_loss_before_the_end(shape):
    """Loss on h at a middle step and on C one step earlier: later steps get no gradient.

    Torch leaves ``.grad`` None on the h and C of steps the loss does not reach
    (the last step's C among them); those are zero, and the engine, called with
    ``stop``, covers exactly the rows up to the loss.
    """
    d, h, t = shape
    cell, rng = make_cell(d, h, seed=200 + 10 * d + h)
    params = LSTMParams.from_state_dict(cell.state_dict())
    X = rng.normal(size=(t, d))
    h0, c0 = rng.normal(0.0, 0.5, h), rng.normal(0.0, 0.5, h)
    k = t // 2
    w, v = rng.normal(size=h), rng.normal(size=h)

    x, h_init, c_init, hs, cs = torch_cell_run(cell, X, h0, c0)
    loss = (hs[k][0] * torch.from_numpy(w)).sum()
    if k >= 1:
        loss = loss + (cs[k - 1][0] * torch.from_numpy(v)).sum()
    loss.backward()
    assert cs[-1].grad is None or k == t - 1
    tdh = np.vstack([grad_or_zeros(u) for u in hs])
    tdc = np.vstack([grad_or_zeros(u) for u in cs])
    np.testing.assert_array_equal(tdh[k + 1 :], 0.0)

    tr = run(params, X, h0, c0)
    dh = np.zeros((t, h))
    dc = np.zeros((t, h))
    dh[k] = w
    if k >= 1:
        dc[k - 1] = v
    g = bptt(params, tr, dh, dc, stop=k + 1)
    assert_close(g.dh, tdh[: k + 1], "∂L/∂h_k")
    assert_close(g.dc, tdc[: k + 1], "∂L/∂C_k")
    # Full length: rows after the loss are exactly zero, like torch's None.
    full = bptt(params, tr, dh, dc)
    assert_close(full.dh, tdh, "∂L/∂h_k (all rows)")
    assert_close(full.dc, tdc, "∂L/∂C_k (all rows)")
    assert_close(g.dh_in, h_init.grad[0], "dh_in")
    assert_close(g.dc_in, c_init.grad[0], "dc_in")
    assert_close(np.vstack([g.dz @ params.weight_ih, np.zeros((t - k - 1, d))]), x.grad, "∂L/∂x")
    for name, p in cell.named_parameters():
        assert_close(getattr(g, name), p.grad, f"∂L/∂{name}")


@pytest.mark.parametrize("shape", SHAPES, ids=_ids)
def test_window_matches_autograd_of_detached_state(shape):
    """A BPTT window equals autograd through a graph cut (detached) at the window start."""
    d, h, t = shape
    cell, rng = make_cell(d, h, seed=300 + 10 * d + h)
    params = LSTMParams.from_state_dict(cell.state_dict())
    X = rng.normal(size=(t, d))
    wh = rng.normal(size=(t, h))
    wc = rng.normal(size=(t, h))
    window = max(1, t // 3)
    start = t - window
    tr = run(params, X)
    with torch.no_grad():
        _x, _h, _c, hs, cs = torch_cell_run(cell, X, np.zeros(h), np.zeros(h))
    h_s = hs[start - 1][0].numpy() if start else np.zeros(h)
    c_s = cs[start - 1][0].numpy() if start else np.zeros(h)
    _x, h_in, c_in, hs2, cs2 = torch_cell_run(cell, X[start:], h_s, c_s)
    loss = (torch.cat(hs2) * torch.from_numpy(wh[start:])).sum() + (
        torch.cat(cs2) * torch.from_numpy(wc[start:])
    ).sum()
    loss.backward()
    g = bptt(params, tr, wh, wc, window=window)
    assert (g.start, g.stop) == (start, t)
    assert_close(g.dh, np.vstack([grad_or_zeros(u) for u in hs2]), "window ∂L/∂h_k")
    assert_close(g.dc, np.vstack([grad_or_zeros(u) for u in cs2]), "window ∂L/∂C_k")
    assert_close(g.dh_in, h_in.grad[0], "dh_in")
    assert_close(g.dc_in, c_in.grad[0], "dc_in")
    for name, p in cell.named_parameters():
        assert_close(getattr(g, name), p.grad, f"window ∂L/∂{name}")


@pytest.mark.parametrize("shape", SHAPES, ids=_ids)
def test_matches_nn_lstm(shape):
    """nn.LSTM (one layer): outputs, final state, ∂L/∂params, ∂L/∂h_0, ∂L/∂C_0, ∂L/∂x."""
    d, h, t = shape
    rng = np.random.default_rng(400 + 10 * d + h)
    lstm = torch.nn.LSTM(d, h, dtype=torch.float64)
    _randomize(lstm, rng)
    params = LSTMParams.from_state_dict(lstm.state_dict())
    X = rng.normal(size=(t, d))
    h0, c0 = rng.normal(0.0, 0.5, h), rng.normal(0.0, 0.5, h)
    wh, wc = rng.normal(size=(t, h)), rng.normal(size=h)

    x = torch.tensor(X[:, None, :], requires_grad=True)  # (T, batch 1, D)
    th0 = torch.tensor(h0[None, None], requires_grad=True)
    tc0 = torch.tensor(c0[None, None], requires_grad=True)
    out, (hn, cn) = lstm(x, (th0, tc0))
    # Every output, plus a direct term on the final cell state C_T.
    loss = (out[:, 0] * torch.from_numpy(wh)).sum() + (cn[0, 0] * torch.from_numpy(wc)).sum()
    loss.backward()

    tr = run(params, X, h0, c0)
    assert_close(tr.h, out[:, 0], "h (output)")
    assert_close(tr.h[-1], hn[0, 0], "h_n")
    assert_close(tr.c[-1], cn[0, 0], "c_n")
    dc = np.zeros((t, h))
    dc[-1] = wc
    g = bptt(params, tr, wh, dc)
    assert_close(g.dh_in, th0.grad[0, 0], "∂L/∂h_0")
    assert_close(g.dc_in, tc0.grad[0, 0], "∂L/∂C_0")
    assert_close(g.dz @ params.weight_ih, x.grad[:, 0], "∂L/∂x")
    for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        assert_close(getattr(g, name), getattr(lstm, f"{name}_l0").grad, f"∂L/∂{name}")


def test_from_state_dict_multilayer_bidirectional():
    """Every (layer, direction) of a 2-layer bidirectional nn.LSTM, and the whole
    network's output rebuilt from engine runs of each direction."""
    d, h, t = 3, 4, 11
    rng = np.random.default_rng(500)
    lstm = torch.nn.LSTM(d, h, num_layers=2, bidirectional=True, dtype=torch.float64)
    _randomize(lstm, rng, scale=0.6)
    sd = lstm.state_dict()
    assert LSTMParams.layers_in_state_dict(sd) == [(0, False), (0, True), (1, False), (1, True)]
    for layer in (0, 1):
        for reverse in (False, True):
            p = LSTMParams.from_state_dict(sd, layer=layer, reverse=reverse)
            sfx = f"_l{layer}" + ("_reverse" if reverse else "")
            for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                np.testing.assert_array_equal(
                    getattr(p, name), sd[name + sfx].numpy(), err_msg=name + sfx
                )
            assert p.input_size == (d if layer == 0 else 2 * h)
    p1r = LSTMParams.from_state_dict(sd, layer=1, reverse=True)
    assert not np.array_equal(p1r.weight_hh, sd["weight_hh_l1"].numpy())

    X = rng.normal(size=(t, d))
    with torch.no_grad():
        out, _ = lstm(torch.from_numpy(X[:, None, :]))
    layer_in = X
    for layer in (0, 1):
        fwd = run(LSTMParams.from_state_dict(sd, layer=layer), layer_in).h
        bwd = run(LSTMParams.from_state_dict(sd, layer=layer, reverse=True), layer_in[::-1]).h
        layer_in = np.hstack([fwd, bwd[::-1]])
    assert_close(layer_in, out[:, 0], "2-layer bidirectional output")


def test_from_state_dict_prefixed_module_and_no_bias():
    class Model(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.lstm = torch.nn.LSTM(2, 3, bias=False, dtype=torch.float64)
            self.head = torch.nn.Linear(3, 1, dtype=torch.float64)

    model = Model()
    _randomize(model, np.random.default_rng(600))
    sd = model.state_dict()
    assert "lstm.weight_ih_l0" in sd and "lstm.bias_ih_l0" not in sd
    p = LSTMParams.from_state_dict(sd)
    np.testing.assert_array_equal(p.weight_hh, sd["lstm.weight_hh_l0"].numpy())
    np.testing.assert_array_equal(p.bias_ih, np.zeros(12))
    np.testing.assert_array_equal(p.bias_hh, np.zeros(12))
    X = np.random.default_rng(1).normal(size=(6, 2))
    with torch.no_grad():
        out, _ = model.lstm(torch.from_numpy(X[:, None, :]))
    assert_close(run(p, X).h, out[:, 0], "h (bias=False)")


def test_state_dict_round_trip_into_torch():
    """Engine parameters loaded into nn.LSTMCell give the same cell."""
    p = LSTMParams.random(3, 5, seed=7, forget_bias=1.0)
    cell = torch.nn.LSTMCell(3, 5, dtype=torch.float64)
    cell.load_state_dict({k: torch.from_numpy(v) for k, v in p.to_state_dict().items()})
    X = np.random.default_rng(2).normal(size=(8, 3))
    with torch.no_grad():
        _x, _h, _c, hs, _cs = torch_cell_run(cell, X, np.zeros(5), np.zeros(5))
    assert_close(run(p, X).h, torch.cat(hs), "h")
