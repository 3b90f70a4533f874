"""The parts of the backward pass (``engine/explain.py``) and the prediction loss.

References: the golden PyTorch fixtures of ``tests/fixtures`` (autograd's total
∂L/∂h_k, ∂L/∂C_k and parameter gradients, no torch needed), torch autograd
itself when installed (per-step ∂L/∂z and per-step weight contributions), and
``torch.nn.utils.clip_grad_norm_`` frozen in ``clip_grad_norm.npz``
(``tools/make_clip_fixture.py``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from lstm_sim import gallery
from lstm_sim.engine import (
    EngineError,
    LSTMParams,
    bptt,
    carry_product,
    output_loss,
    run,
    squared_error_loss,
)
from lstm_sim.engine.explain import (
    backward_step,
    clip_grad_norm,
    direct_path_gradient,
    split_cell_gradient,
)
from lstm_sim.engine.losses import prediction_loss
from lstm_sim.train import loss_and_gradients

FIXTURES = Path(__file__).parent / "fixtures"
NAMES = ["d1_h1_t8", "d4_h2_t6", "d2_h3_t10"]
PARAM_NAMES = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


def _fixture(name: str):
    with np.load(FIXTURES / f"lstm_parity_{name}.npz", allow_pickle=False) as data:
        fx = {k: data[k] for k in data.files}
    params = LSTMParams.from_state_dict({k: fx[k] for k in PARAM_NAMES})
    trace = run(params, fx["X"], fx["h0"], fx["c0"])
    return fx, params, trace


@pytest.mark.parametrize("name", NAMES)
def test_split_of_the_cell_gradient_matches_autograd(name):
    """carried + through h + the loss's own part = torch's ∂L/∂C_k; each part from torch's."""
    fx, params, trace = _fixture(name)
    grads = bptt(params, trace, fx["loss_wh"], fx["loss_wc"])
    split = split_cell_gradient(trace, grads, fx["loss_wc"])
    h = params.hidden_size
    f_torch = fx["gates"][:, h : 2 * h]
    o_torch = fx["gates"][:, 3 * h :]
    carried = np.zeros_like(fx["grad_c"])
    carried[:-1] = fx["grad_c"][1:] * f_torch[1:]
    through_h = fx["grad_h"] * o_torch * (1.0 - np.tanh(fx["c"]) ** 2)
    assert_allclose(split.carried, carried, atol=1e-12, rtol=0)
    assert_allclose(split.through_h, through_h, atol=1e-12, rtol=0)
    assert_array_equal(split.loss, fx["loss_wc"])
    assert_allclose(split.carried + split.through_h + split.loss, fx["grad_c"], atol=1e-12, rtol=0)
    assert_array_equal(split.total, grads.dc)


@pytest.mark.parametrize("name", NAMES)
def test_backward_step_rows_add_up_to_autograd(name):
    fx, params, trace = _fixture(name)
    grads = bptt(params, trace, fx["loss_wh"], fx["loss_wc"])
    T, h = fx["X"].shape[0], params.hidden_size
    steps = [backward_step(params, trace, grads, k, fx["loss_wc"]) for k in range(T)]
    assert_allclose(sum(s.weight_ih for s in steps), fx["grad_weight_ih"], atol=1e-12, rtol=0)
    assert_allclose(sum(s.weight_hh for s in steps), fx["grad_weight_hh"], atol=1e-12, rtol=0)
    assert_allclose(sum(s.bias for s in steps), fx["grad_bias_ih"], atol=1e-12, rtol=0)
    i, f, g, o = (fx["gates"][:, b * h : (b + 1) * h] for b in range(4))
    tc = np.tanh(fx["c"])
    c_prev = np.vstack([fx["c0"], fx["c"][:-1]])
    for k, s in enumerate(steps):
        assert s.k == k
        assert_allclose(s.dh, fx["grad_h"][k], atol=1e-12, rtol=0)
        # what comes back from step k + 1, plus the loss's own weight on h_k
        assert_allclose(s.dh_later + fx["loss_wh"][k], fx["grad_h"][k], atol=1e-12, rtol=0)
        dc = fx["grad_c"][k]
        assert_allclose(s.dc_carried + s.dc_through_h + s.dc_loss, dc, atol=1e-12, rtol=0)
        # ∂L/∂z per gate, written with torch's numbers
        expected = {
            "i": dc * g[k] * i[k] * (1 - i[k]),
            "f": dc * c_prev[k] * f[k] * (1 - f[k]),
            "g": dc * i[k] * (1 - g[k] ** 2),
            "o": fx["grad_h"][k] * tc[k] * o[k] * (1 - o[k]),
        }
        for gate, value in expected.items():
            assert_allclose(s.dz[gate], value, atol=1e-12, rtol=0, err_msg=f"∂L/∂z_{gate}, row {k}")
    assert_array_equal(steps[-1].dh_later, 0.0)
    assert_array_equal(steps[-1].dc_carried, 0.0)


def test_backward_step_against_live_torch():
    """Per-step ∂L/∂z and per-step weight contributions: torch with one weight copy per step."""
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(4)
    D, H, T = 2, 3, 9
    params = LSTMParams.random(D, H, seed=4, forget_bias=1.0)
    X = rng.standard_normal((T, D))
    trace = run(params, X)
    L, dh = output_loss(trace, k=T - 1)
    grads = bptt(params, trace, dh)
    td = {k: torch.tensor(v) for k, v in params.to_state_dict().items()}
    h = torch.zeros(H, dtype=torch.float64)
    c = torch.zeros(H, dtype=torch.float64)
    copies, zs, hs, cs = [], [], [], []
    for k in range(T):
        w_ih = td["weight_ih"].clone().requires_grad_(True)
        w_hh = td["weight_hh"].clone().requires_grad_(True)
        z = w_ih @ torch.tensor(X[k]) + td["bias_ih"] + w_hh @ h + td["bias_hh"]
        z.retain_grad()
        i, f = torch.sigmoid(z[:H]), torch.sigmoid(z[H : 2 * H])
        g = torch.tanh(z[2 * H : 3 * H])
        o = torch.sigmoid(z[3 * H :])
        c = f * c + i * g
        h = o * torch.tanh(c)
        c.retain_grad()
        h.retain_grad()
        copies.append((w_ih, w_hh))
        zs.append(z)
        hs.append(h)
        cs.append(c)
    h.sum().backward()
    assert abs(float(h.sum().detach()) - L) < 1e-12
    for k in range(T):
        s = backward_step(params, trace, grads, k)
        assert_allclose(s.dh, hs[k].grad.numpy(), atol=1e-12, rtol=0)
        assert_allclose(s.dc, cs[k].grad.numpy(), atol=1e-12, rtol=0)
        dz = np.concatenate([s.dz[n] for n in "ifgo"])
        assert_allclose(dz, zs[k].grad.numpy(), atol=1e-12, rtol=0)
        assert_allclose(s.bias, zs[k].grad.numpy(), atol=1e-12, rtol=0)
        assert_allclose(s.weight_ih, copies[k][0].grad.numpy(), atol=1e-12, rtol=0)
        assert_allclose(s.weight_hh, copies[k][1].grad.numpy(), atol=1e-12, rtol=0)


def test_split_inside_a_window_and_validation():
    params = LSTMParams.random(1, 4, seed=2, forget_bias=2.0)
    trace = run(params, np.random.default_rng(2).standard_normal((40, 1)))
    _, dh = output_loss(trace, k=29, start=20)
    grads = bptt(params, trace, dh, stop=30, window=10)
    split = split_cell_gradient(trace, grads)
    assert (split.start, split.stop) == (20, 30)
    assert split.carried.shape == (10, 4)
    assert_array_equal(split.carried[-1], 0.0)  # nothing flows back from after the window
    assert_allclose(split.carried + split.through_h, grads.dc, rtol=1e-14, atol=1e-15)
    assert_array_equal(split.loss, 0.0)
    with pytest.raises(EngineError, match="dc: expected shape"):
        split_cell_gradient(trace, grads, np.zeros((3, 4)))
    with pytest.raises(EngineError, match="k: expected a row of the window"):
        backward_step(params, trace, grads, 30)
    with pytest.raises(EngineError, match="grads: expected the Gradients"):
        split_cell_gradient(trace, object())  # type: ignore[arg-type]
    other = run(params, np.zeros((5, 1)))
    with pytest.raises(EngineError, match="do not fit this trace"):
        split_cell_gradient(other, grads)


def test_direct_path_gradient_is_the_whole_gradient_when_the_h_paths_are_cut():
    """W_hh = 0 and a loss on C_t only: nothing flows through h, so total = direct path."""
    params = LSTMParams.random(2, 3, seed=7, forget_bias=1.0)
    params = params.with_arrays(weight_hh=np.zeros_like(params.weight_hh))
    trace = run(params, np.random.default_rng(7).standard_normal((25, 2)))
    dc = np.zeros((25, 3))
    dc[-1] = [1.0, -2.0, 0.5]
    grads = bptt(params, trace, np.zeros((25, 3)), dc)
    direct = direct_path_gradient(trace, grads)
    assert_allclose(direct, grads.dc, rtol=1e-13, atol=0)
    assert_allclose(direct, dc[-1] * carry_product(trace), rtol=1e-13, atol=0)
    # With the h paths open (the usual case) the total differs from the direct path.
    params = LSTMParams.random(2, 3, seed=7, forget_bias=1.0)
    trace = run(params, np.random.default_rng(7).standard_normal((25, 2)))
    _, dh = output_loss(trace, k=24)
    grads = bptt(params, trace, dh)
    direct = direct_path_gradient(trace, grads)
    assert_array_equal(direct[-1], grads.dc[-1])
    assert np.abs(direct[:-1] - grads.dc[:-1]).max() > 1e-3


def test_clip_grad_norm_is_torchs():
    with np.load(FIXTURES / "clip_grad_norm.npz", allow_pickle=False) as data:
        fx = {k: data[k] for k in data.files}
    arrays = {k: fx[k] for k in "abc"}
    for m, max_norm in enumerate(fx["max_norm"]):
        clipped, total = clip_grad_norm(arrays, max_norm)
        assert total == pytest.approx(fx["total"][m], rel=1e-14)
        for k in "abc":
            assert_allclose(clipped[k], fx[f"{k}_clipped"][m], rtol=1e-14, atol=0)
    # One scale for all: the direction is kept, and a small gradient is left as it is.
    clipped, total = clip_grad_norm(arrays, 0.5)
    flat = np.concatenate([clipped[k].ravel() for k in "abc"])
    assert np.linalg.norm(flat) == pytest.approx(0.5, rel=1e-5)
    assert_allclose(
        flat / np.linalg.norm(flat),
        np.concatenate([a.ravel() for a in arrays.values()]) / total,
        rtol=1e-12,
    )
    with pytest.raises(EngineError, match="max_norm"):
        clip_grad_norm(arrays, 0.0)


def test_clip_grad_norm_against_live_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(3)
    arrays = {"w": 50 * rng.standard_normal((5, 2)), "b": rng.standard_normal(5)}
    ps = []
    for a in arrays.values():
        p = torch.zeros(a.shape, dtype=torch.float64, requires_grad=True)
        p.grad = torch.tensor(a)
        ps.append(p)
    total = float(torch.nn.utils.clip_grad_norm_(ps, 2.0))
    clipped, ours = clip_grad_norm(arrays, 2.0)
    assert ours == pytest.approx(total, rel=1e-14)
    for p, k in zip(ps, arrays, strict=True):
        assert_allclose(clipped[k], p.grad.numpy(), rtol=1e-14, atol=0)


# ------------------------------------------------------------ the prediction loss


def test_prediction_loss_summed_over_the_sequence_is_the_training_loss():
    """The summed squared error over n targets = n · the training loss, gradients too."""
    for key in ("adding", "sine"):
        seq, params, readout = gallery.load_example(key)
        trace = run(params, seq.inputs)
        T = len(trace)
        mask = seq.meta.get("target_mask")
        n = int(mask.sum()) if mask is not None else seq.targets.size
        L, dh = prediction_loss(
            trace, seq.targets, T - 1, readout=(readout.W_y, readout.b_y), mask=mask, summed=True
        )
        loss, grads = loss_and_gradients(params, readout, seq)
        assert L / n == pytest.approx(loss, rel=1e-12), key
        g = bptt(params, trace, dh / n)
        for p in PARAM_NAMES:
            assert_allclose(getattr(g, p), grads[p], rtol=1e-10, atol=1e-14, err_msg=key)


def test_prediction_loss_at_one_step_and_in_a_window():
    seq, params, readout = gallery.load_example("sine")
    trace = run(params, seq.inputs)
    ro = (readout.W_y, readout.b_y)
    L, dh = prediction_loss(trace, seq.targets, 49, readout=ro, start=40)
    assert dh.shape == (10, params.hidden_size)
    assert_array_equal(dh[:-1], 0.0)
    L_ref, dh_ref = squared_error_loss(trace, seq.targets, readout=ro, start=49, stop=50)
    assert L == pytest.approx(L_ref, rel=1e-15)
    assert_allclose(dh[-1], dh_ref[0], rtol=1e-15)
    Ls, dhs = prediction_loss(trace, seq.targets, 49, readout=ro, summed=True, start=40)
    L_ref, dh_ref = squared_error_loss(trace, seq.targets, readout=ro, start=40, stop=50)
    assert Ls == pytest.approx(L_ref, rel=1e-14)
    assert_allclose(dhs, dh_ref, rtol=1e-14)
    # Masked-out targets do not count, whatever they are; without a read-out ŷ = h[:P].
    mask = np.zeros(len(trace), dtype=bool)
    mask[45] = True
    Lm, dhm = prediction_loss(trace, seq.targets, 49, readout=ro, mask=mask, summed=True)
    Lk, _ = prediction_loss(trace, seq.targets, 45, readout=ro)
    assert Lm == pytest.approx(Lk, rel=1e-15)
    assert np.flatnonzero(dhm.any(axis=1)).tolist() == [45]
    Lh, dhh = prediction_loss(trace, seq.targets, 10)
    assert Lh == pytest.approx(float((trace.h[10, 0] - seq.targets[10, 0]) ** 2), rel=1e-15)
    assert_allclose(dhh[10, 0], 2 * (trace.h[10, 0] - seq.targets[10, 0]), rtol=1e-15)
    for kwargs, match in (
        ({"k": len(trace)}, "k: expected"),
        ({"k": 5, "start": 6}, "start: expected"),
        ({"k": 5, "mask": np.ones(3, dtype=bool)}, "mask: expected"),
        ({"k": 5, "readout": (np.ones((2, 4)), np.ones(2))}, "readout W_y"),
    ):
        with pytest.raises(EngineError, match=match):
            prediction_loss(trace, seq.targets, **kwargs)


@pytest.mark.parametrize("clamp", [None, {"f": 1.0}, {"i": 0.0, "o": 1.0}])
def test_backward_step_is_the_reference_step_fed_by_bptt(clamp):
    """One implementation: backward_step runs reference.lstm_step_backward; bptt agrees."""
    from lstm_sim.engine.reference import lstm_step_backward

    params = LSTMParams.random(3, 4, seed=9, forget_bias=1.0)
    trace = run(params, np.random.default_rng(9).standard_normal((30, 3)), clamp=clamp)
    _, dh = output_loss(trace, k=29, start=10)
    grads = bptt(params, trace, dh, stop=30, window=20)
    for k in range(10, 30):
        s = backward_step(params, trace, grads, k)
        r = k - grads.start
        dz = np.concatenate([s.dz[n] for n in "ifgo"])
        assert_allclose(dz, grads.dz[r], rtol=1e-12, atol=1e-15)
        assert_allclose(s.dc, grads.dc[r], rtol=1e-12, atol=1e-15)
        ref = lstm_step_backward(
            params, trace.step_result(k), grads.dh[r], s.dc_carried + s.dc_loss
        )
        assert_array_equal(dz, ref.dz)
        assert_array_equal(s.weight_hh, ref.weight_hh)
