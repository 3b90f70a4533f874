"""Every sentence the app teaches about gradients, gates and clamps, checked against the engine.

The claims → checks table of the scenarios (``Scenarios ▸``), the guided tour,
the tool tips (forget bias, What if, clipping), the compare panel's labels, the
equations panel's candidate line, the ``--forget-bias`` help of the CLI and of
``LSTMParams.random``, and the README's paragraphs on the same. The gallery's
texts have their own table (``test_claims_gallery.py``); the machinery is in
``tests/_claims.py`` (read its docstring first).

(Longer than ~600 lines on purpose: it is one table, a claim and its check side
by side, and cutting it would cut the table.)

Conventions: a scenario is checked as the app shows it — the cursor at t = T,
BPTT over the whole sequence, the gradient panel's loss L = Σ_j h_t[j] (the
session's gradient view is compared with the engine first). "Lag" is t − k.
The What-if clamps are checked on the app's first state (the built-in example).
"""

from __future__ import annotations

import colorsys
import functools
import math
from collections.abc import Callable
from types import SimpleNamespace

import numpy as np
import pytest
from _claims import (
    N,
    Table,
    agrees,
    app,  # noqa: F401  (a fixture)
    assert_chinese_numbers,
    assert_every_number_checked,
    nums,
    readme,
    run_claim,
)
from numpy.testing import assert_allclose, assert_array_equal

from lstm_sim import gallery, scenarios
from lstm_sim.cli import DEFAULT_FORGET_BIAS, build_parser
from lstm_sim.engine import (
    LSTMParams,
    bptt,
    bptt_rnn,
    carry_product,
    largest_singular_value,
    output_loss,
    rnn_jacobian_norms,
    run,
    run_rnn,
    sigmoid,
    transition_jacobians,
)
from lstm_sim.engine.explain import clip_grad_norm, direct_path_gradient, split_cell_gradient
from lstm_sim.engine.losses import prediction_loss
from lstm_sim.examples import spikes_example
from lstm_sim.session import RNNFactorCache, Session, Settings, compute_gradient_view

T = Table()
V = "scenario:rnn_vanishes"
E = "scenario:rnn_explodes"
R = "scenario:lstm_remembers"
F = "scenario:lstm_forgets"


# ------------------------------------------------------------------------------- sources


def _cli_help(dest: str) -> str:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    action = next(a for a in sub.choices["run"]._actions if a.dest == dest)
    return action.help % {"default": action.default}


def _forget_bias_doc() -> str:
    doc = " ".join((LSTMParams.random.__doc__ or "").split())
    return doc[doc.index("forget_bias : float") : doc.index("init : {")]


@pytest.fixture(scope="module")
def sources(app) -> dict[str, tuple[str, str | None]]:  # noqa: F811
    out: dict[str, tuple[str, str | None]] = {
        f"scenario:{s.key}": (s.explanation, "Scenarios") for s in scenarios.SCENARIOS
    }
    out["cli:forget-bias"] = (_cli_help("forget_bias"), None)
    out["doc:forget-bias"] = (_forget_bias_doc(), None)
    for key, start in (
        ("readme:vanishes", "**RNN gradient vanishes.**"),
        ("readme:explodes", "**RNN gradient explodes.**"),
        ("readme:remembers", "**LSTM remembers.**"),
        ("readme:forgets", "**LSTM forgets.**"),
        ("readme:what-if", "- **What if…**"),
        ("readme:plots", "- **The plots**"),
    ):
        out[key] = (readme(start), None)
    out.update(app.texts)
    return {k: (" ".join(text.split()), ctx) for k, (text, ctx) in out.items()}


# ------------------------------------------------------------------ what the app computes


@functools.cache
def scn(key: str) -> SimpleNamespace:
    """A scenario as the app shows it: t = T, the whole sequence, L = Σ_j h_t[j]."""
    setup = scenarios.scenario(key).build()
    assert setup.step == setup.sequence.length and setup.settings["window"] is None
    X, p, r = setup.sequence.inputs, setup.params, setup.rnn
    tr, rt = run(p, X), run_rnn(r, X)
    n = len(tr)
    _, dh = output_loss(tr, n - 1)
    g, gr = bptt(p, tr, dh), bptt_rnn(r, rt, dh)
    view = compute_gradient_view(
        p, tr, n, Settings(**setup.settings), 0, rnn=(r, rt, RNNFactorCache(r, rt, n))
    )
    assert_allclose(view.dc_norm, g.dc_norm(), rtol=1e-10)  # the panel's numbers
    assert_allclose(view.rnn_dh_norm, gr.dh_norm(), rtol=1e-10)
    H = p.hidden_size
    return SimpleNamespace(
        setup=setup,
        tr=tr,
        rt=rt,
        g=g,
        T=n,
        dc=g.dc_norm(),
        rnn=gr.dh_norm(),
        direct=np.linalg.norm(direct_path_gradient(tr, g), axis=1),
        split=split_cell_gradient(tr, g),
        carry=carry_product(tr),
        f_bias=p.bias_ih[H : 2 * H] + p.bias_hh[H : 2 * H],
    )


def at_lag(values: np.ndarray, lag: int) -> float:
    return float(values[len(values) - 1 - lag])


def rate(values: np.ndarray) -> float:
    """The mean factor per step back over the whole window (geometric mean)."""
    return float((values[0] / values[-1]) ** (1.0 / (len(values) - 1)))


def rnn_loss(s: SimpleNamespace) -> np.ndarray:
    dh = np.zeros_like(s.rt.h)
    dh[-1] = 1.0
    return dh


def flat(grads) -> np.ndarray:
    return np.concatenate([np.ravel(v) for v in grads.to_state_dict().values()])


def cosine(u: np.ndarray, v: np.ndarray) -> float:
    return float(u @ v / np.linalg.norm(u) / np.linalg.norm(v))


def clamped(clamp: dict[str, float] | None) -> SimpleNamespace:
    """The app's first state (the built-in example) with a What-if clamp; loss at t = T."""
    seq, params = spikes_example()
    tr = run(params, seq.inputs, clamp=clamp)
    _, dh = output_loss(tr, len(tr) - 1)
    g = bptt(params, tr, dh)
    return SimpleNamespace(params=params, seq=seq, tr=tr, g=g, split=split_cell_gradient(tr, g))


# ---------------------------------------------------------------- shared checks (factories)


def sigma_max(key: str) -> Callable:
    def check(n, a):
        assert largest_singular_value(scn(key).setup.rnn.weight_hh) == pytest.approx(
            n[0], abs=1e-12
        )
        assert (n[0] < 1) == (key == "rnn_vanishes")

    return check


def forget_bias_and_mean(key: str) -> Callable:
    """The forget-gate bias (b_ih + b_hh) is n[0]; the mean f is n[1]."""

    def check(n, a):
        s = scn(key)
        assert_allclose(s.f_bias, n[0], atol=1e-12)
        agrees(float(s.tr.f.mean()), n[1])

    return check


def direct_path_is_f_alone(key: str) -> Callable:
    """∂C_k/∂C_{k−1} (the direct partial) is diag(f_k) exactly; ∂L/∂C_{k+1}⊙f is carried."""

    def check(n, a):
        s = scn(key)
        J = transition_jacobians(s.setup.params, s.tr, 0, s.T)
        H = s.setup.params.hidden_size
        for k in (0, s.T // 2, s.T - 1):
            assert_array_equal(J[k, H:, H:], np.diag(s.tr.f[k]))
        assert_array_equal(s.split.carried[:-1], s.g.dc[1:] * s.tr.f[1:])
        assert_allclose(s.carry[0], np.prod(s.tr.f[1:], axis=0), rtol=1e-12)

    return check


def total_also_through_h(key: str) -> Callable:
    """The total ∂L/∂C_k has a part through h at every step, and differs from the direct path."""

    def check(n, a):
        s = scn(key)
        entering = np.linalg.norm(s.split.through_h[:-1], axis=1)
        assert np.all(entering[-20:] > 0)
        assert np.abs(s.direct - s.dc).max() > 1e-3 * s.dc.max()
        assert_allclose(s.split.carried + s.split.through_h, s.g.dc, rtol=1e-12, atol=1e-300)

    return check


def product_below(key: str, bound: float, lag: int) -> None:
    assert np.all(scn(key).carry[scn(key).T - 1 - lag] < bound)


def product_above(key: str, bound: float, lag: int) -> None:
    assert np.all(scn(key).carry[scn(key).T - 1 - lag] > bound)


# ------------------------------------------------------------------ RNN gradient vanishes

T.add(V, "largest singular value 0.8 < 1", sigma_max("rnn_vanishes"))


@T.claim(V, "W_hhᵀ·diag(1 − h²), whose norm is at most 0.8")
def rnn_factor_at_most(n, a):
    s = scn("rnn_vanishes")
    assert np.all(rnn_jacobian_norms(s.setup.rnn, s.rt) <= n[-1] * (1 + 1e-12))


@T.claim(V, "‖∂L/∂h_k‖ falls at least as fast as 0.8^(t−k)")
def rnn_at_least_as_fast(n, a):
    r = scn("rnn_vanishes").rnn
    lag = np.arange(len(r))[::-1]
    assert np.all(r <= n[0] ** lag * r[-1] * (1 + 1e-9))
    assert np.any(r < 0.5 * n[0] ** lag * r[-1])  # "at least": not a straight line of 0.8


@T.claim(V, "orange RNN curve")
def rnn_curve_is_orange(n, a):
    from lstm_sim.gui.plots.compare import RNN_COLOR

    rgb = [int(RNN_COLOR[k : k + 2], 16) / 255 for k in (1, 3, 5)]
    hue = colorsys.rgb_to_hsv(*rgb)[0] * 360
    assert 15 <= hue <= 40, hue  # orange (vermilion), not red (below 15°)


@T.claim(V, "it falls by about 0.68 per step")
def rnn_rate(n, a):
    agrees(rate(scn("rnn_vanishes").rnn), n[0])


T.add(V, "forget-gate bias 1, so f_t ≈ 0.73", forget_bias_and_mean("rnn_vanishes"))


@T.claim(V, "more slowly (about 0.78 per step)")
def lstm_rate(n, a):
    s = scn("rnn_vanishes")
    agrees(rate(s.dc), n[0])
    assert rate(s.dc) > rate(s.rnn) and s.dc[0] < 1e-20 * s.dc[-1]  # it vanishes too


T.add(
    V,
    "Along the direct path C_t → C_k the gradient is multiplied by the forget gates alone",
    direct_path_is_f_alone("rnn_vanishes"),
)
T.add(
    V,
    "the total ‖∂L/∂C_k‖ also flows back through h and the gates",
    total_also_through_h("rnn_vanishes"),
)


@T.claim(V, "19× at lag 50, 5·10⁵× at lag 200")
@T.claim("readme:vanishes", "(19× at lag 50, 5·10⁵× at lag 200)")
def total_over_direct(n, a):
    s = scn("rnn_vanishes")
    for stated, lag in ((n[0], n[1]), (n[2], n[3])):
        agrees(at_lag(s.dc, int(lag)) / at_lag(s.direct, int(lag)), stated)


# ------------------------------------------------------------------ RNN gradient explodes

T.add(
    E,
    "W_hh = 1.25·Q (Q orthogonal): its largest singular value is 1.25 > 1",
    sigma_max("rnn_explodes"),
)


@T.claim(E, "the RNN stays at h = 0 where tanh' = 1")
def silent_rnn_at_zero(n, a):
    s = scn("rnn_explodes")
    assert_array_equal(s.setup.sequence.inputs, 0.0)
    assert_array_equal(s.rt.h, n[0])
    assert 1 - np.tanh(n[0]) ** 2 == n[1]
    sv = np.linalg.svd(s.setup.rnn.weight_hh, compute_uv=False)
    assert_allclose(sv, sv[0], rtol=1e-12)  # 1.25·Q: every singular value is 1.25


@T.claim(E, "multiplies the gradient norm by exactly 1.25: after 100 steps by 1.25^100 ≈ 5·10⁹")
def explodes_by_exactly(n, a):
    r = scn("rnn_explodes").rnn
    assert_allclose(r[:-1] / r[1:], n[0], rtol=1e-12)
    assert n[1] == 100 and n[2] == n[0] and n[3] == 100
    agrees(at_lag(r, 100) / r[-1], n[4])
    agrees(n[0] ** 100, n[4])


@T.claim(
    E,
    "∂L/∂h_k is rescaled to the threshold at every step where its norm exceeds it, so the "
    "curve stays at the threshold",
)
@T.claim(
    "compare:clip",
    "going back, ∂L/∂h_k is rescaled to the threshold at every step where its norm exceeds it",
)
def per_step_clipping(n, a):
    s = scn("rnn_explodes")
    for clip in (1.0, a.defaults.clip, 100.0):
        g = bptt_rnn(s.setup.rnn, s.rt, rnn_loss(s), clip=clip)
        first = int(np.flatnonzero(s.rnn > clip)[-1])  # walking back: the first clipped row
        assert_array_equal(g.clipped, np.arange(s.T) <= first)
        assert_allclose(g.dh_norm()[: first + 1], clip, rtol=1e-14)


@T.claim(E, "per-step clipping, and it changes the direction of the parameter gradient")
@T.claim(
    E,
    "PyTorch's clip_grad_norm_, rescales the whole parameter gradient once, after BPTT, and "
    "keeps its direction",
)
@T.claim(
    "compare:clip",
    "PyTorch's clip_grad_norm_ instead rescales the whole parameter gradient once, after BPTT",
)
@T.claim(
    "readme:explodes",
    "rescales the whole parameter gradient once, after BPTT, and keeps its direction",
)
def clipping_directions(n, a):
    """Per-step clipping turns the parameter gradient; clip_grad_norm_ (one scale) does not."""
    s = scn("rnn_explodes")
    free = bptt_rnn(s.setup.rnn, s.rt, rnn_loss(s))
    per_step = flat(bptt_rnn(s.setup.rnn, s.rt, rnn_loss(s), clip=a.defaults.clip))
    once, total = clip_grad_norm(free.to_state_dict(), a.defaults.clip)
    once_flat = np.concatenate([np.ravel(v) for v in once.values()])
    assert total == pytest.approx(np.linalg.norm(flat(free)), rel=1e-12)
    assert cosine(once_flat, flat(free)) == pytest.approx(1.0, abs=1e-12)
    assert np.linalg.norm(once_flat) <= a.defaults.clip * (1 + 1e-9)
    assert cosine(per_step, flat(free)) < 0.99


@T.claim(E, "Clipping only ever shrinks a gradient: it does nothing against vanishing")
@T.claim("readme:explodes", "Neither helps against vanishing")
def clipping_only_shrinks(n, a):
    for key in ("rnn_vanishes", "rnn_explodes"):
        s = scn(key)
        clipped = bptt_rnn(s.setup.rnn, s.rt, rnn_loss(s), clip=a.defaults.clip).dh_norm()
        assert np.all(clipped <= s.rnn * (1 + 1e-12))
        if key == "rnn_vanishes":
            assert_array_equal(clipped, s.rnn)
    once, _ = clip_grad_norm({"g": np.array([1e-30, 2e-30])}, a.defaults.clip)
    assert_array_equal(once["g"], [1e-30, 2e-30])


# ------------------------------------------------------------------------ LSTM remembers

T.add(R, "The forget-gate bias is 6, so f_t ≈ 0.998", forget_bias_and_mean("lstm_remembers"))
T.add(
    R,
    "multiplies the gradient by f_{k+1}·…·f_t (the running product ∏f in the mechanism plot) "
    "and nothing else",
    direct_path_is_f_alone("lstm_remembers"),
)


@T.claim(R, "after 200 steps ∏f is still above 0.5")
def product_still_above(n, a):
    product_above("lstm_remembers", n[1], int(n[0]))


@T.claim(R, "stays within a factor of 2 over lags 0–200")
@T.claim("readme:remembers", "stays within a factor of 2 over lags 0–200")
def within_factor(n, a):
    s = scn("lstm_remembers")
    window = s.dc[s.T - 1 - int(n[2]) :]
    assert n[1] == 0 and window.max() / window.min() <= n[0]


@T.claim(R, "(lags above 250) it rises again, to 12× its value at lag 0")
def rises_near_the_start(n, a):
    s = scn("lstm_remembers")
    lag = np.arange(s.T)[::-1]
    assert lag[np.argmax(s.dc)] > n[0] and s.dc[lag <= n[0]].max() / s.dc[-1] < 2
    agrees(s.dc.max() / s.dc[-1], n[1])
    assert n[2] == 0


@T.claim(
    R,
    "there C_k is still small, tanh(C_k) is not saturated, and more gradient enters through h_k "
    "at each step and is carried on",
)
def why_it_rises(n, a):
    s = scn("lstm_remembers")
    lag = np.arange(s.T)[::-1]
    unsaturated = 1 - s.tr.tanh_c**2
    assert unsaturated[lag > 250].mean() > 0.7 and unsaturated[lag <= 200].mean() < 0.35
    assert np.abs(s.tr.c[lag > 250]).mean() < 0.2 * np.abs(s.tr.c[lag <= 200]).mean()
    entering = np.linalg.norm(s.split.through_h, axis=1)
    assert np.median(entering[lag > 250]) > 10 * np.median(entering[(lag <= 200) & (lag > 0)])
    carried = np.linalg.norm(s.split.carried, axis=1)
    assert np.all(carried[lag > 250] > entering[lag > 250])  # and carried on


@T.claim(R, "(‖∂L/∂h_k‖ below 10⁻²⁶ at lag 200)")
def rnn_forgets(n, a):
    assert at_lag(scn("lstm_remembers").rnn, int(n[1])) < n[0]


# -------------------------------------------------------------------------- LSTM forgets

T.add(F, "forget-gate bias −2: f_t ≈ 0.12", forget_bias_and_mean("lstm_forgets"))
T.add("readme:forgets", "forget-gate bias −2 (f_t ≈ 0.12)", forget_bias_and_mean("lstm_forgets"))


@T.claim(F, "below 10⁻⁹ after 10 steps")
@T.claim("readme:forgets", "falls below 10⁻⁹ within 10 steps")
def product_collapses(n, a):
    product_below("lstm_forgets", n[0], int(n[1]))


@T.claim(F, "collapses too: to about 10⁻⁸ of its value at lag 0 after 10 steps")
def total_collapses(n, a):
    s = scn("lstm_forgets")
    assert n[1] == 0
    ratio = at_lag(s.dc, int(n[2])) / s.dc[-1]
    assert round(math.log10(ratio)) == round(math.log10(n[0]))


@T.claim(
    F,
    "with f ≈ 1 (the previous scenario) the direct path keeps the gradient for hundreds of steps",
)
def previous_scenario_keeps(n, a):
    keys = [s.key for s in scenarios.SCENARIOS]
    assert keys[keys.index("lstm_forgets") - 1] == "lstm_remembers"
    assert abs(scn("lstm_remembers").tr.f.mean() - n[0]) < 0.01
    product_above("lstm_remembers", 0.5, 200)


# ------------------------------------------------------------------------------ the README


@T.claim("readme:vanishes", "largest singular value 0.8")
def readme_sigma(n, a):
    sigma_max("rnn_vanishes")(n, a)


@T.claim(
    "readme:vanishes",
    "multiplies the RNN's gradient norm by at most 0.8: ‖∂L/∂h_k‖ falls at least as fast as "
    "0.8^(t−k) (here by about 0.68 per step)",
)
def readme_vanishing_rnn(n, a):
    rnn_factor_at_most(n[:1], a)
    rnn_at_least_as_fast(n[1:2], a)
    rnn_rate(n[2:], a)


@T.claim(
    "readme:vanishes",
    "forget-gate bias 1 (f_t ≈ 0.73) and vanishes too, more slowly (about 0.78 per step)",
)
def readme_vanishing_lstm(n, a):
    forget_bias_and_mean("rnn_vanishes")(n[:2], a)
    lstm_rate(n[2:], a)


@T.claim(
    "readme:vanishes",
    "Its direct path C_t → C_k multiplies the gradient by the product of the forget gates "
    "alone; the total ‖∂L/∂C_k‖ also flows back through h and the gates",
)
def readme_two_paths(n, a):
    direct_path_is_f_alone("rnn_vanishes")(n, a)
    total_also_through_h("rnn_vanishes")(n, a)


@T.claim(
    "readme:explodes",
    "With W_hh = 1.25·Q (Q orthogonal) and a silent input the RNN stays where tanh is linear, "
    "and the gradient grows by exactly 1.25 per step back (≈ 5·10⁹ after 100 steps)",
)
def readme_explodes(n, a):
    sigma_max("rnn_explodes")(n[:1], a)
    silent_rnn_at_zero([N(0), N(1)], a)
    explodes_by_exactly([n[1], N(100), n[1], n[3], n[2]], a)


@T.claim(
    "readme:explodes",
    "rescales ∂L/∂h_k to the threshold at every step back where its norm exceeds it (per-step "
    "clipping, which changes the direction of the parameter gradient)",
)
def readme_clipping(n, a):
    per_step_clipping(n, a)
    clipping_directions(n, a)


T.add(
    "readme:remembers",
    "A forget-gate bias of 6 makes f_t ≈ 0.998",
    forget_bias_and_mean("lstm_remembers"),
)


@T.claim("readme:remembers", "still above 0.5 after 200 steps")
def readme_product(n, a):
    product_above("lstm_remembers", n[0], int(n[1]))


@T.claim(
    "readme:remembers",
    "(lags above 250) it rises to 12× its value at lag 0, where C_k is still small and more "
    "gradient enters through h_k",
)
def readme_rise(n, a):
    rises_near_the_start(n, a)
    why_it_rises(n, a)


@T.claim("readme:forgets", "to about 10⁻⁸ of its value at lag 0")
def readme_total_collapses(n, a):
    total_collapses([n[0], n[1], N(10)], a)


@T.claim("readme:plots", "(200 steps by default, or all)")
def window_default(n, a):
    assert Settings().window == n[0]


@T.claim("readme:plots", "it is not the loss the gallery's examples were trained on")
@T.claim("tooltip:loss", "not the loss an example was trained on")
def panel_loss_is_a_probe(n, a):
    """The panel's loss is Σ_j h_t[j]; an example's training loss sends back other gradients."""
    assert Settings().loss == "output"
    seq, params, readout = gallery.load_example("adding")
    s = Session(seq, params)
    assert s.describe_loss() == "L = Σ_j h_t[j]"
    tr = run(params, seq.inputs)
    _, dh_probe = output_loss(tr, len(tr) - 1)
    _, dh_train = prediction_loss(tr, seq.targets, len(tr) - 1, readout=(readout.W_y, readout.b_y))
    assert cosine(dh_probe[-1], dh_train[-1]) < 0.9  # another direction at h_T
    probe, train = bptt(params, tr, dh_probe).dc_norm(), bptt(params, tr, dh_train).dc_norm()
    assert probe.min() > 5 * train.max()  # and other sizes all the way back


@T.claim("tooltip:loss", "summed up to the last step it is the loss an example was trained on")
def summed_prediction_is_the_training_loss(n, a):
    """The loss box's Σ (ŷ_k − y_k)² at t = T is n × the trainer's mean squared error."""
    from lstm_sim.train import evaluate

    for name in ("adding", "sine"):
        seq, params, readout = gallery.load_example(name)
        tr = run(params, seq.inputs)
        mask = seq.meta.get("target_mask")
        loss, _ = prediction_loss(
            tr, seq.targets, len(tr) - 1, readout=(readout.W_y, readout.b_y), mask=mask, summed=True
        )
        count = (
            seq.targets.size
            if mask is None
            else int(
                np.broadcast_to(np.asarray(mask).reshape(len(tr), -1), seq.targets.shape).sum()
            )
        )
        assert loss == pytest.approx(count * evaluate(params, readout, seq), rel=1e-12)


# ------------------------------------------------------------------------ the guided tour


@T.claim("tour:2", "is a number between 0 and 1 for every unit")
def sigmoid_range(n, a):
    tr = clamped(None).tr
    assert np.all((tr.f > n[0]) & (tr.f < n[1]))
    assert n[0] <= float(sigmoid(np.array(-1000.0))) and float(sigmoid(np.array(1000.0))) <= n[1]


@T.claim("tour:2", "f ≈ 1 keeps C_{t−1}, f ≈ 0 erases it")
def keeps_or_erases(n, a):
    seq, params = spikes_example()
    c0 = np.full(params.hidden_size, 0.5)
    keep = run(params, seq.inputs, c0=c0, clamp={"f": n[0], "i": 0.0})
    assert_array_equal(keep.c, np.broadcast_to(c0, keep.c.shape))
    erase = run(params, seq.inputs, c0=c0, clamp={"f": n[1]})
    assert_allclose(erase.c, erase.i * erase.g, rtol=1e-15)  # nothing of C_{t−1} is left


@T.claim(
    "tour:2",
    "Along this direct path from C_{t−1} to C_t the gradient is multiplied by f and nothing "
    "else, so with f near 1 it reaches far back",
)
def tour_direct_path(n, a):
    direct_path_is_f_alone("lstm_remembers")(n, a)
    assert abs(scn("lstm_remembers").tr.f.mean() - n[0]) < 0.01
    assert np.all(scn("lstm_remembers").carry[0] > 0.4)  # after 299 steps


@T.claim("tour:2", "(The total gradient also flows back through h and the gates.)")
def tour_total(n, a):
    total_also_through_h("lstm_remembers")(n, a)
    c = clamped(None)
    J = transition_jacobians(c.params, c.tr, 0, len(c.tr))
    H = c.params.hidden_size
    assert np.abs(J[:, H:, :H]).max() > 0  # ∂C_k/∂h_{k−1}: the path through h and the gates


@T.claim("tour:3", "proposes new content between −1 and 1")
@T.claim("tour:3", "C_t = f_t·C_{t−1} + i_t·C̃_t")
def candidate_and_update(n, a):
    tr = clamped(None).tr
    assert np.all((tr.g >= -1) & (tr.g <= 1)) and list(n) in ([], [-1, 1])
    assert_allclose(tr.c, tr.f * tr.c_prev + tr.i * tr.g, rtol=1e-14)


@T.claim("tour:4", "h_t = o_t·tanh(C_t)")
def output_equation(n, a):
    tr = clamped(None).tr
    assert_allclose(tr.h, tr.o * np.tanh(tr.c), rtol=1e-14)


# ----------------------------------------------- the forget bias: weight editor, CLI, docstring


@T.claim(
    "tooltip:forget-bias",
    "b = 1 gives f ≈ 0.73 (half-life 2.2 steps), 3 gives 0.95 (14 steps), 5 gives 0.993 "
    "(100 steps)",
)
@T.claim(
    "cli:forget-bias",
    "B = 1 gives f ≈ 0.73 (a cell state left alone halves in 2.2 steps), 3 gives 0.95 "
    "(14 steps), 5 gives 0.993 (100 steps)",
)
@T.claim("doc:forget-bias", "1 gives f ≈ 0.73 (2.2 steps), 3 gives 0.95 (14), 5 gives 0.993 (100)")
def forget_bias_rows(n, a):
    """b ↦ σ(b) and its half-life; a random cell's measured mean f is within 0.04 of σ(b)."""
    X = np.random.default_rng(0).standard_normal((500, 1))
    for b, f, half_life in (n[0:3], n[3:6], n[6:9]):
        fb = float(sigmoid(np.array(float(b))))
        agrees(fb, f)
        hl = math.log(0.5) / math.log(fb)
        if half_life < 50:
            agrees(hl, half_life)
        else:
            assert hl == pytest.approx(half_life, rel=0.05)
        for init in ("uniform", "xavier", "orthogonal"):
            for seed in range(3):
                cell = LSTMParams.random(1, 8, seed=seed, forget_bias=float(b), init=init)
                assert abs(run(cell, X).f.mean() - fb) < 0.04, (b, init, seed)


@T.claim("tooltip:forget-bias", "f_t ≈ σ(b_f) while the rest of its input is small")
def f_is_sigma_of_bias(n, a):
    forget_bias_rows(nums("1 0.73 2.2 3 0.95 14 5 0.993 100"), a)


@T.claim("tooltip:forget-bias", "a cell state left alone halves in ln 0.5 / ln f steps")
@T.claim("doc:forget-bias", "halves in ln 0.5 / ln f steps")
def half_life_formula(n, a):
    """Left alone (nothing written, i = 0), C decays by f per step: half after ln 0.5 / ln f."""
    assert n[0] == 0.5
    for b in (1.0, 3.0, 5.0):
        cell = LSTMParams(np.zeros((4, 1)), np.zeros((4, 1)), np.array([0, b, 0, 0]), np.zeros(4))
        tr = run(cell, np.zeros((200, 1)), c0=np.array([1.0]), clamp={"i": 0.0})
        f = float(sigmoid(np.array(b)))
        assert_allclose(tr.c[:, 0], f ** np.arange(1, 201), rtol=1e-12)
        assert f ** (math.log(n[0]) / math.log(f)) == pytest.approx(n[0])


@T.claim("cli:forget-bias", "(default 1)")
def cli_default(n, a):
    assert DEFAULT_FORGET_BIAS == n[0]


# ------------------------------------------------------------------------- What if: clamps


@T.claim("tooltip:clamp-f", "(its weights then get zero gradient)")
@T.claim("tooltip:what-if", "A clamped gate is a constant: its weights get zero gradient")
@T.claim("readme:what-if", "A clamped gate is a constant, so its weights get zero gradient")
def clamped_gate_gets_no_gradient(n, a):
    free = clamped(None).g
    for gate, value in (("f", 1.0), ("f", 0.0), ("i", 0.0), ("o", 1.0)):
        g = clamped({gate: value}).g
        H = g.dh.shape[1]
        rows = slice("ifgo".index(gate) * H, ("ifgo".index(gate) + 1) * H)
        for name in ("weight_hh", "bias_ih", "bias_hh"):
            assert np.abs(getattr(free, name)[rows]).max() > 1e-3  # learns when computed
            assert_array_equal(getattr(g, name)[rows], 0.0)  # nothing when clamped
        assert_array_equal(g.weight_ih[rows], 0.0)


def state(seed: int, H: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return 0.5 * rng.standard_normal(H), rng.standard_normal(H)


def dc_of(params: LSTMParams, X: np.ndarray, clamp: dict, h0=None, c0=None) -> np.ndarray:
    tr = run(params, X, h0, c0, clamp=clamp)
    _, dh = output_loss(tr, len(tr) - 1)
    return bptt(params, tr, dh).dc


@T.claim(
    "tooltip:clamp-f",
    "f = 1 alone does not make ∂L/∂C_k the same at every step: the gradient also flows back "
    "through h",
)
@T.claim(
    "readme:what-if",
    "f = 1 alone does not make ∂L/∂C_k the same at every step: the gradient also flows back "
    "through h",
)
def f_one_alone_is_not_flat(n, a):
    assert n[0] == 1
    c = clamped({"f": 1.0})  # the app's first state: small recurrent weights, a small effect
    assert c.g.dc_norm().max() / c.g.dc_norm().min() > 1.01
    assert np.linalg.norm(c.split.through_h[:-1], axis=1).max() > 1e-6  # … through h
    s = scn("lstm_remembers").setup  # a cell with ordinary recurrent weights
    dc = np.linalg.norm(dc_of(s.params, s.sequence.inputs, {"f": 1.0}), axis=1)
    assert dc.max() / dc.min() > 10


@T.claim(
    "tooltip:what-if",
    "With f = 1, i = 0 and o = 1 together ∂L/∂C_k is the same at every step, from any state "
    "(from the zero state f = 1 and i = 0 suffice: C_t stays 0)",
)
@T.claim(
    "readme:what-if",
    "With f = 1, i = 0 and o = 1 together it is the same at every step, from any state (from "
    "the zero state f = 1 and i = 0 suffice: C_t stays 0)",
)
def the_triple_is_flat(n, a):
    assert list(n[:3]) == [1, 0, 1] and list(n[3:]) == [1, 0, 0]
    triple = {"f": 1.0, "i": 0.0, "o": 1.0}
    for s in (scn("lstm_remembers").setup, scn("rnn_vanishes").setup):
        p, X = s.params, s.sequence.inputs
        h0, c0 = state(3, p.hidden_size)
        for start in ((None, None), (h0, c0)):
            dc = dc_of(p, X, triple, *start)
            assert_array_equal(dc, np.broadcast_to(dc[-1], dc.shape))
        pair = {"f": 1.0, "i": 0.0}
        dc = dc_of(p, X, pair)  # from the zero state: flat, C_t stays 0
        assert_array_equal(dc, np.broadcast_to(dc[-1], dc.shape))
        assert_array_equal(run(p, X, clamp=pair).c, 0.0)
        for rest in (pair, {"f": 1.0, "o": 1.0}, {"i": 0.0, "o": 1.0}):
            dc = dc_of(p, X, rest, h0, c0)  # any two, from another state: not flat
            assert np.abs(dc - dc[-1]).max() > 1e-3, rest


@T.claim(
    "tooltip:what-if",
    "the cell then keeps C_0 and outputs tanh(C_0) whatever the input",
)
@T.claim(
    "readme:what-if",
    "the cell keeps C_0 and outputs tanh(C_0) whatever the input (0 from the zero state): it "
    "remembers perfectly and learns nothing",
)
def triple_keeps_c0(n, a):
    seq, params = spikes_example()
    triple = {"f": 1.0, "i": 0.0, "o": 1.0}
    h0, c0 = state(4, params.hidden_size)
    for X in (seq.inputs, np.random.default_rng(1).standard_normal(seq.inputs.shape)):
        tr = run(params, X, h0, c0, clamp=triple)
        assert_array_equal(tr.c, np.broadcast_to(c0, tr.c.shape))
        assert_allclose(tr.h, np.broadcast_to(np.tanh(c0), tr.h.shape), rtol=1e-15)
        _, dh = output_loss(tr, len(tr) - 1)
        assert_array_equal(flat(bptt(params, tr, dh)), 0.0)  # learns nothing
    assert_array_equal(run(params, seq.inputs, clamp=triple).h, 0.0)  # 0 from the zero state
    assert all(v == 0 for v in n)


@T.claim("readme:what-if", "(f = 1 or 0, i = 0, o = 1)")
def clamps_offered(n, a):
    f_values, i_text, o_text = a.clamps
    assert f_values == [n[0], n[1]]
    assert i_text == f"i_t = {n[2]:g}" and o_text == f"o_t = {n[3]:g}"


# ------------------------------------------------ the compare panel and the equations panel

T.add(
    "compare:legend-forget",
    "f_k = ∂C_k/∂C_{k−1} (direct partial)",
    direct_path_is_f_alone("lstm_remembers"),
)


@T.claim("compare:legend-total", "‖∂L/∂C_k‖ (total)")
def legend_total(n, a):
    total_also_through_h("rnn_vanishes")(n, a)  # the curve is bptt's total (scn checks it)


@T.claim("compare:sigma-vanishes", "σ_max(W_hh) = 0.800 (< 1: gradients vanish")
def sigma_label_vanishes(n, a):
    sigma_max("rnn_vanishes")(n, a)
    rnn_at_least_as_fast(n[:1], a)
    assert n[1] == 1


@T.claim("compare:sigma-explodes", "σ_max(W_hh) = 1.250 (> 1: gradients can explode")
def sigma_label_explodes(n, a):
    sigma_max("rnn_explodes")(n, a)
    assert scn("rnn_explodes").rnn[0] > 1e20 * scn("rnn_explodes").rnn[-1] and n[1] == 1


@T.claim("equations:candidate", "C̃_t = tanh(W_g·[h_{t−1}, x_t] + b_g)")
def candidate_notation(n, a):
    """W_g, b_g: the candidate's block (rows 2H … 3H−1, PyTorch order); not W_C, b_C."""
    _, params = spikes_example()
    H = params.hidden_size
    assert_array_equal(params.gate("g").input, params.weight_ih[2 * H : 3 * H])
    assert_array_equal(params.gate("g").recurrent, params.weight_hh[2 * H : 3 * H])


@T.claim("equations:candidate-values", "*")
def candidate_values(n, a):
    """Step 1 of the built-in example: z_g = W_g·[h_0, x_1] + b_g and g = tanh(z_g)."""
    seq, params = spikes_example()
    H, j = params.hidden_size, a.eq_unit
    rows = slice(2 * H, 3 * H)
    z = params.weight_ih[rows] @ seq.inputs[0] + params.bias_ih[rows] + params.bias_hh[rows]
    agrees(float(z[j]), n[0])
    agrees(float(np.tanh(z[j])), n[1])
    agrees(float(run(params, seq.inputs[:1]).g[0, j]), n[1])


# ----------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("claim", T.rows, ids=Table.ident)
def test_claim(claim, sources, app):  # noqa: F811
    run_claim(claim, sources, app)


def test_every_number_is_in_a_checked_fragment(sources):
    assert_every_number_checked(T, sources)


def test_the_chinese_text_states_the_same_numbers(sources):
    assert assert_chinese_numbers(sources) >= 15


def test_the_number_reader():
    """What the tables rely on: numbers as the texts write them; subscripts are names."""
    text = "C_{t−1}, h_0, W_hhᵀ: −0.8, 5·10⁹, 10⁻²⁶, 3·10⁻⁵, 0–200, 19×, ±0.95, R² ≥ 0.96, 1.25^100"
    expected = [-0.8, 5e9, 1e-26, 3e-5, 0, 200, 19, 0.95, 0.96, 1.25, 100]
    assert [float(v) for v in nums(text)] == pytest.approx(expected, rel=1e-12)
    assert [v.half for v in nums("0.73 14 5·10⁵")] == pytest.approx([0.005, 0.5, 0.5e5])
    assert nums("第 1 步，单元 4") == [1, 4]
    with pytest.raises(AssertionError):
        agrees(0.736, nums("0.73")[0])
    agrees(0.734, nums("0.73")[0])
