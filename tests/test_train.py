"""Training (lstm_sim.train): exact gradients, Adam, reproducibility, TBPTT, masks, cancel."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from lstm_sim import gallery
from lstm_sim.engine import EngineError, LSTMParams, bptt, squared_error_loss
from lstm_sim.engine import run as run_cell
from lstm_sim.sequence import Sequence
from lstm_sim.train import (
    PARAM_KEYS,
    Adam,
    Readout,
    TrainConfig,
    Trainer,
    TrainError,
    evaluate,
    loss_and_gradients,
)

#: Seed of the held-out adding-problem sequences (the same as tools/make_examples.py
#: reports with; training used other streams).
ADDING_HELD_OUT_SEED = 2024


def _model(theta: dict[str, np.ndarray]) -> tuple[LSTMParams, Readout]:
    params = LSTMParams(*(theta[k] for k in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")))
    return params, Readout(theta["readout.weight"], theta["readout.bias"])


def _small_problem(seed: int = 0, length: int = 12) -> tuple[Sequence, LSTMParams, Readout]:
    rng = np.random.default_rng(seed)
    seq = Sequence(rng.normal(size=(length, 2)), rng.normal(size=(length, 2)))
    params = LSTMParams.random(2, 3, seed=seed + 1, forget_bias=0.5)
    readout = Readout(rng.normal(size=(2, 3)), rng.normal(size=2))
    return seq, params, readout


def _central_differences(f, theta: dict[str, np.ndarray], eps: float = 1e-6):
    out = {}
    for name, arr in theta.items():
        num = np.zeros_like(arr)
        for idx in np.ndindex(arr.shape):
            plus = {k: v.copy() for k, v in theta.items()}
            minus = {k: v.copy() for k, v in theta.items()}
            plus[name][idx] += eps
            minus[name][idx] -= eps
            num[idx] = (f(plus) - f(minus)) / (2 * eps)
        out[name] = num
    return out


# ----------------------------------------------------------------------------- gradients


@pytest.mark.parametrize("masked", [False, True], ids=["all-targets", "masked"])
def test_gradients_match_central_differences(masked):
    seq, params, readout = _small_problem()
    mask = None
    if masked:
        mask = np.zeros((len(seq), 2), dtype=bool)
        mask[::3, 0] = True
        mask[-1] = True
    theta = {**params.to_state_dict(), **readout.to_state_dict()}
    loss, grads = loss_and_gradients(params, readout, seq, mask=mask)
    assert set(grads) == set(PARAM_KEYS)

    def f(th):
        return loss_and_gradients(*_model(th), seq, mask=mask)[0]

    assert loss == pytest.approx(f(theta), rel=1e-15)
    numeric = _central_differences(f, theta)
    for name in PARAM_KEYS:
        assert grads[name].shape == theta[name].shape
        np.testing.assert_allclose(
            grads[name], numeric[name], rtol=1e-6, atol=1e-9, err_msg=f"∂L/∂{name}"
        )


def test_loss_is_the_engines_squared_error_over_the_number_of_targets():
    seq, params, readout = _small_problem()
    sse, _ = squared_error_loss(run_cell(params, seq.inputs), seq.targets, readout=readout)
    loss, _ = loss_and_gradients(params, readout, seq)
    assert loss == pytest.approx(sse / seq.targets.size, rel=1e-14)
    assert evaluate(params, readout, seq) == pytest.approx(loss, rel=1e-14)


def test_masked_targets_are_ignored_and_the_mask_may_come_from_meta():
    seq, params, readout = _small_problem()
    mask = np.zeros((len(seq), 2), dtype=bool)
    mask[5:, 1] = True
    other = np.array(seq.targets)
    other[~mask] = 123.0  # values where there is no target do not matter
    seq2 = Sequence(seq.inputs, other, meta={"target_mask": mask})
    l1, g1 = loss_and_gradients(params, readout, seq, mask=mask)
    l2, g2 = loss_and_gradients(params, readout, seq2)  # mask from meta
    assert l1 == l2
    for k in PARAM_KEYS:
        np.testing.assert_array_equal(g1[k], g2[k])
    # A (T,) mask applies to every column.
    row_mask = np.arange(len(seq)) >= 4
    l3, _ = loss_and_gradients(params, readout, seq, mask=row_mask)
    err = readout(run_cell(params, seq.inputs).h) - seq.targets
    assert l3 == pytest.approx(np.mean(err[4:] ** 2), rel=1e-14)
    with pytest.raises(TrainError, match="all False"):
        loss_and_gradients(params, readout, seq, mask=np.zeros(len(seq), dtype=bool))
    with pytest.raises(TrainError, match="shape"):
        loss_and_gradients(params, readout, seq, mask=np.ones((3, 2), dtype=bool))


def test_several_sequences_pool_their_targets():
    a, params, readout = _small_problem(0)
    b = _small_problem(5, length=20)[0]
    la, ga = loss_and_gradients(params, readout, a)
    lb, gb = loss_and_gradients(params, readout, b)
    lab, gab = loss_and_gradients(params, readout, [a, b])
    na, nb = a.targets.size, b.targets.size
    assert lab == pytest.approx((na * la + nb * lb) / (na + nb), rel=1e-14)
    for k in PARAM_KEYS:
        np.testing.assert_allclose(gab[k], (na * ga[k] + nb * gb[k]) / (na + nb), rtol=1e-12)


# ---------------------------------------------------------------------------------- Adam


def test_adam_matches_a_hand_computation():
    opt = Adam(lr=0.1, betas=(0.9, 0.999), eps=1e-8)
    theta = {"w": np.array([1.0, -2.0])}
    # t = 1: m = 0.1 g, v = 0.001 g², m̂ = g, v̂ = g², step = lr · g / (|g| + ε).
    opt.update(theta, {"w": np.array([0.5, -1.0])})
    w1 = np.array([1.0 - 0.1 * 0.5 / (0.5 + 1e-8), -2.0 + 0.1 * 1.0 / (1.0 + 1e-8)])
    np.testing.assert_allclose(theta["w"], w1, rtol=1e-15)
    # t = 2 with g = (0.1, 0.2), first component written out:
    # m = 0.9·0.05 + 0.1·0.1 = 0.055, v = 0.999·0.00025 + 0.001·0.01 = 0.00025975
    # m̂ = 0.055 / 0.19, v̂ = 0.00025975 / 0.001999
    opt.update(theta, {"w": np.array([0.1, 0.2])})
    m_hat = 0.055 / 0.19
    v_hat = 0.00025975 / 0.001999
    w2_0 = w1[0] - 0.1 * m_hat / (np.sqrt(v_hat) + 1e-8)
    # second component: m = 0.9·(−0.1) + 0.1·0.2 = −0.07, v = 0.999·0.001 + 0.001·0.04
    m_hat1 = -0.07 / 0.19
    v_hat1 = (0.999 * 0.001 + 0.001 * 0.04) / 0.001999
    w2_1 = w1[1] - 0.1 * m_hat1 / (np.sqrt(v_hat1) + 1e-8)
    np.testing.assert_allclose(theta["w"], [w2_0, w2_1], rtol=1e-13)
    assert opt.t == 2
    np.testing.assert_allclose(opt.m["w"], [0.055, -0.07], rtol=1e-13)


def test_first_update_is_adam_on_the_exact_gradient():
    seq, params, readout = _small_problem()
    trainer = Trainer(seq, params, readout, TrainConfig(lr=0.01))
    loss0 = trainer.step_epoch()
    loss, grads = loss_and_gradients(params, readout, seq)
    assert loss0 == loss  # the loss of the epoch's forward pass: before the update
    theta = {**params.to_state_dict(), **readout.to_state_dict()}
    Adam(lr=0.01).update(theta, grads)
    p1, r1 = _model(theta)
    assert trainer.params == p1
    assert trainer.readout == r1
    assert trainer.updates == 1


def test_clip_rescales_the_total_gradient():
    seq, params, readout = _small_problem()
    _, grads = loss_and_gradients(params, readout, seq)
    norm = np.sqrt(sum(np.sum(g * g) for g in grads.values()))
    clip = norm / 4
    trainer = Trainer(seq, params, readout, TrainConfig(clip=clip))
    trainer.step_epoch()
    # After one update Adam's first moment is (1 − β1) times the (clipped) gradient.
    m = trainer.optimizer.m
    m_norm = np.sqrt(sum(np.sum(v * v) for v in m.values()))
    assert m_norm == pytest.approx(0.1 * clip, rel=1e-12)
    for k in PARAM_KEYS:
        np.testing.assert_allclose(m[k], 0.1 * grads[k] / 4, rtol=1e-12)


# ---------------------------------------------------------------------- reproducibility


def test_seeded_training_is_reproducible_and_resumable():
    seq = gallery.noisy_sine(60, seed=1)
    params = LSTMParams.random(1, 4, seed=0)
    cfg = TrainConfig(lr=0.02, seed=7)
    a = Trainer(seq, params, config=cfg)
    a.run(8)
    b = Trainer(seq, params, config=cfg)
    b.run(3)
    b.run(5)  # pause, resume
    assert a.history == b.history  # bit-identical
    assert a.params == b.params and a.readout == b.readout
    c = Trainer(seq, params, config=TrainConfig(lr=0.02, seed=8))
    assert c.readout != a.readout  # the seed draws the read-out
    # Several sequences: the seed also fixes their order.
    seqs = [gallery.noisy_sine(30, seed=s) for s in range(5)]
    cfg2 = TrainConfig(seed=3, batch_size=2)
    h1 = Trainer(seqs, params, config=cfg2).run(3)
    h2 = Trainer(seqs, params, config=cfg2).run(3)
    assert h1 == h2


def test_readout_init_options():
    r = Readout.random(16, 2, seed=0)
    assert r.W_y.shape == (2, 16) and np.all(np.abs(r.W_y) <= 0.25)
    z = Readout.random(16, 2, init="zeros")
    assert not z.W_y.any() and not z.b_y.any()
    seq = gallery.noisy_sine(20)
    t = Trainer(seq, LSTMParams.random(1, 3), config=TrainConfig(readout_init="zeros"))
    assert not t.readout.W_y.any()


# ------------------------------------------------------------------------ examples


def test_noisy_sine_loss_drops_tenfold_in_200_epochs_and_saved_weights_reload(tmp_path):
    seq, _, _ = gallery.load_example("noisy_sine")
    assert (len(seq), seq.input_size) == (200, 1)
    trainer = Trainer(seq, LSTMParams.random(1, 16, seed=0), config=TrainConfig(seed=0))
    losses = trainer.run(200)
    assert len(losses) == 200 == trainer.epoch
    final = trainer.evaluate()
    print(f"noisy sine: loss {losses[0]:.4g} → {final:.4g} ({losses[0] / final:.0f}×)")
    assert final <= losses[0] / 10
    path = tmp_path / "trained.npz"
    gallery.write_weights_npz(path, trainer.params, trainer.readout)
    with np.load(path, allow_pickle=False) as npz:  # plain NumPy reads it
        assert set(npz.files) == set(PARAM_KEYS)
    params, readout = gallery.read_weights_npz(path)
    assert params == trainer.params and readout == trainer.readout
    assert evaluate(params, readout, seq) == final


def test_adding_problem_shipped_model_beats_the_trivial_predictor():
    seq, params, readout = gallery.load_example("adding")
    assert len(seq) == 50
    rng = np.random.default_rng(ADDING_HELD_OUT_SEED)
    held_out = [gallery.adding_problem(50, seed=rng) for _ in range(300)]
    mse = evaluate(params, readout, held_out)
    trivial = float(np.mean([(s.targets[-1, 0] - 1.0) ** 2 for s in held_out]))
    print(f"adding problem T=50: MSE {mse:.4g}, trivial (predict 1.0) {trivial:.4g}")
    assert trivial == pytest.approx(1 / 6, rel=0.2)
    assert mse < 0.25 * trivial


def test_truncated_bptt_runs_and_lowers_the_loss():
    seq = gallery.noisy_sine(100, seed=2)
    params = LSTMParams.random(1, 8, seed=1)
    trainer = Trainer(seq, params, config=TrainConfig(window=20, seed=0))
    losses = trainer.run(40)
    assert trainer.updates == 40 * 5  # one update per chunk of 20 steps
    print(f"TBPTT window 20: loss {losses[0]:.4g} → {losses[-1]:.4g}")
    assert losses[-1] < losses[0] / 3
    # A window as long as the sequence is full BPTT, bit for bit.
    full = Trainer(seq, params, config=TrainConfig(seed=0)).run(3)
    long = Trainer(seq, params, config=TrainConfig(window=100, seed=0)).run(3)
    assert full == long


def test_truncated_bptt_is_chunks_with_the_state_carried_and_detached():
    seq = gallery.noisy_sine(40, seed=4)
    p0 = LSTMParams.random(1, 3, seed=2)
    r0 = Readout.random(3, 1, seed=5)
    trainer = Trainer(seq, p0, r0, TrainConfig(window=25, lr=0.05))
    epoch_loss = trainer.step_epoch()
    # By hand: chunk 1 = rows 0…24 from the zero state, one Adam update; chunk 2 =
    # rows 25…39 from the state chunk 1 ended in (computed with p0), the new
    # parameters, gradients only inside the chunk.
    x, y = seq.inputs, seq.targets
    adam = Adam(lr=0.05)
    theta = {**p0.to_state_dict(), **r0.to_state_dict()}
    l1, g1 = loss_and_gradients(p0, r0, Sequence(x[:25], y[:25]))
    adam.update(theta, g1)
    p1, r1 = _model(theta)
    h0, c0 = run_cell(p0, x[:25]).state(25)
    tr2 = run_cell(p1, x[25:], h0, c0)
    sse2, dh = squared_error_loss(tr2, y[25:], readout=r1)
    g = bptt(p1, tr2, dh / 15)
    err = r1(tr2.h) - y[25:]
    g2 = {**g.to_state_dict(), "readout.weight": 2 * err.T @ tr2.h / 15}
    g2["readout.bias"] = 2 * err.sum(axis=0) / 15
    adam.update(theta, g2)
    p2, r2 = _model(theta)
    np.testing.assert_allclose(trainer.params.weight_hh, p2.weight_hh, rtol=1e-12)
    np.testing.assert_allclose(trainer.params.bias_ih, p2.bias_ih, rtol=1e-12)
    np.testing.assert_allclose(trainer.readout.W_y, r2.W_y, rtol=1e-12)
    assert epoch_loss == pytest.approx((25 * l1 + sse2) / 40, rel=1e-12)


def test_window_chunks_without_targets_make_no_update():
    seq = gallery.adding_problem(30, seed=0)  # a target only at the last step
    trainer = Trainer(seq, LSTMParams.random(2, 3), config=TrainConfig(window=10))
    trainer.step_epoch()
    assert trainer.updates == 1


def test_cancel_stops_after_the_current_epoch_and_training_can_resume():
    seq = gallery.noisy_sine(40)
    trainer = Trainer(seq, LSTMParams.random(1, 3), config=TrainConfig(epochs=10))
    seen = []
    stop = False

    def callback(epoch, loss, params, readout):
        nonlocal stop
        seen.append(epoch)
        assert isinstance(params, LSTMParams) and isinstance(readout, Readout)
        assert loss == trainer.history[-1]
        if epoch == 3:
            stop = True  # requested "during" epoch 3's reporting

    losses = trainer.run(callback=callback, cancel=lambda: stop)
    assert seen == [1, 2, 3] and len(losses) == 3 and trainer.epoch == 3
    stop = False
    trainer.run(2, callback=callback)
    assert seen[-2:] == [4, 5] and len(trainer.history) == 5
    assert trainer.run(5, cancel=lambda: True) == []


# --------------------------------------------------------------------------- validation


def test_divergence_raises_and_keeps_the_last_good_parameters():
    seq = gallery.noisy_sine(50)
    trainer = Trainer(seq, LSTMParams.random(1, 3), config=TrainConfig(lr=1e308))
    with pytest.raises(TrainError, match="non-finite"):
        trainer.run(5)
    good = trainer.params
    assert np.isfinite(good.weight_ih).all()
    with pytest.raises(TrainError, match="new Trainer"):
        trainer.step_epoch()
    assert trainer.params is good


def test_bad_arguments_are_named():
    seq, params, _ = _small_problem()
    with pytest.raises(TrainError, match="b_y"):
        Readout(np.zeros((2, 3)), np.zeros(3))
    with pytest.raises(TrainError, match="W_y: non-finite"):
        Readout(np.full((1, 2), np.nan), np.zeros(1))
    with pytest.raises(TrainError, match="no targets"):
        Trainer(Sequence(np.zeros((5, 2))), params)
    with pytest.raises(TrainError, match="input"):
        Trainer(seq, LSTMParams.random(3, 3))
    with pytest.raises(TrainError, match="units"):
        Trainer(seq, params, Readout(np.zeros((2, 4)), np.zeros(2)))
    with pytest.raises(TrainError, match="output"):
        Trainer(seq, params, Readout(np.zeros((1, 3)), np.zeros(1)))
    for bad in (
        {"lr": 0.0},
        {"lr": float("nan")},
        {"epochs": -1},
        {"window": 0},
        {"clip": 0.0},
        {"seed": -1},
        {"readout_init": "normal"},
        {"batch_size": 0},
        {"betas": (0.9, 1.0)},
    ):
        with pytest.raises(TrainError, match=next(iter(bad))):
            TrainConfig(**bad)
    assert issubclass(TrainError, EngineError)


def test_readout_is_the_pair_the_engine_takes():
    r = Readout([[1.0, 2.0]], [0.5])
    w, b = r
    assert r[0] is w and r[1] is b and len(r) == 2
    np.testing.assert_allclose(r(np.array([1.0, 1.0])), [3.5])
    assert Readout.from_state_dict(r.to_state_dict()) == r
    with pytest.raises(TrainError, match=r"readout\.bias: missing"):
        Readout.from_state_dict({"readout.weight": w})


def test_train_and_gallery_import_no_qt():
    code = (
        "import sys, lstm_sim.train, lstm_sim.gallery, lstm_sim.resources; "
        "bad = [m for m in ('PySide6', 'pyqtgraph', 'shiboken6') if m in sys.modules]; "
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
