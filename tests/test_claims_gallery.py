"""Every sentence of the example gallery (File ▸ Examples), checked against its weights and data.

The claims → checks table of :data:`lstm_sim.gallery.EXAMPLES` (titles and
descriptions, context ``Gallery``) and of the README's paragraph on the gallery.
The machinery is in ``tests/_claims.py``. Each example is checked as the app
loads it (``MainWindow.load_example``: its sequence, weights and read-out, the
session's default settings), at its last step t = T; the gradient panel's loss
is L = Σ_j h_t[j], the examples' training loss the squared error of the
read-out (``engine.losses.prediction_loss``), and the texts say which they mean.
Held-out sequences come from the seeds ``tools/make_examples.py`` uses.

(A little over ~600 lines: one table, each claim beside its check.)
"""

from __future__ import annotations

import functools
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
    load_tool,
    readme,
    run_claim,
)
from numpy.testing import assert_allclose, assert_array_equal

from lstm_sim import gallery
from lstm_sim.engine import LSTMParams, bptt, output_loss, run
from lstm_sim.engine.losses import prediction_loss
from lstm_sim.session import Session
from lstm_sim.train import Readout, TrainConfig, Trainer

make_examples = load_tool("make_examples")
T = Table()


@pytest.fixture(scope="module")
def sources() -> dict[str, tuple[str, str | None]]:
    out: dict[str, tuple[str, str | None]] = {}
    for e in gallery.EXAMPLES:
        out[f"gallery:{e.key}"] = (e.description, "Gallery")
        out[f"title:{e.key}"] = (e.title, "Gallery")
    out["readme:examples"] = (readme("File ▸ Examples opens"), None)
    return {k: (" ".join(text.split()), ctx) for k, (text, ctx) in out.items()}


# ------------------------------------------------------------------ what the app computes


@functools.cache
def example(key: str) -> SimpleNamespace:
    """A gallery example loaded as the app loads it, the cursor at its last step t = T."""
    seq, params, readout = gallery.load_example(key)
    s = Session(seq, params)
    settings = {"compare": False, "clamp": (), "clip": None}
    s.apply_setup(seq, params, None, settings, 0, readout=readout)
    s.set_step(seq.length)
    tr = run(params, seq.inputs)
    assert_array_equal(s.trace.h[: seq.length], tr.h)
    return SimpleNamespace(seq=seq, p=params, ro=readout, tr=tr, s=s, T=seq.length)


def training_loss_norms(ex: SimpleNamespace) -> np.ndarray:
    """‖∂L/∂C_k‖ for the loss the example was trained on, at its one target (t = T)."""
    ro = (ex.ro.W_y, ex.ro.b_y)
    mask = ex.seq.meta["target_mask"]
    _, dh = prediction_loss(ex.tr, ex.seq.targets, ex.T - 1, readout=ro, mask=mask)
    return bptt(ex.p, ex.tr, dh).dc_norm()


def r_squared(params: LSTMParams, readout: Readout, seqs: list) -> float:
    y = np.array([s.targets[-1, 0] for s in seqs])
    yhat = np.array([readout(run(params, s.inputs).h[-1])[0] for s in seqs])
    return 1.0 - float(np.mean((yhat - y) ** 2) / np.var(y))


def corr(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])


def recall_held_out(delay: int, n: int = 200) -> list:
    return [gallery.delayed_recall(delay, seed=np.random.default_rng(7000 + k)) for k in range(n)]


def adding_held_out(length: int, n: int = 200) -> list:
    rng = np.random.default_rng(make_examples.ADDING_HELD_OUT_SEED)
    return [gallery.adding_problem(length, seed=rng) for _ in range(n)]


def hidden_size(key: str) -> Callable:
    def check(n, a):
        assert example(key).p.hidden_size == n[0]

    return check


def gate_range(key: str, gate: str, unit: int | None = None) -> Callable:
    """The gate's smallest and largest value over the sequence are the fragment's last two."""

    def check(n, a):
        v = getattr(example(key).tr, gate)
        v = v if unit is None else v[:, unit]
        agrees(float(v.min()), n[-2])
        agrees(float(v.max()), n[-1])

    return check


def last_step_only(key: str, T_index: int = -1) -> Callable:
    """The one target is at the last step; T is the fragment's number at ``T_index``."""

    def check(n, a):
        ex = example(key)
        mask = ex.seq.meta["target_mask"]
        assert mask[-1].all() and not mask[:-1].any()
        assert ex.T == n[T_index]

    return check


def curriculum(name: str) -> Callable:
    """tools/make_examples.py trains on one length (n[0]), then random ones n[1] … n[2]."""

    def check(n, a):
        stages = getattr(make_examples, name)
        assert stages[0][0] == stages[0][1] == n[0]
        assert {s[0] for s in stages[1:]} == {n[1]} and max(s[1] for s in stages) == n[2]

    return check


def panel_between(key: str) -> Callable:
    """At t = T the gradient panel's ‖∂L/∂C_k‖ stays in [n[0], n[1]] back to step n[2] = 1."""

    def check(n, a):
        ex = example(key)
        view = ex.s.gradients
        assert view.t == ex.T and view.steps[0] == n[2] == 1
        assert view.dc_norm.min() >= n[0] and view.dc_norm.max() <= n[1]

    return check


def training_loss_factor(key: str) -> Callable:
    def check(n, a):
        ex = example(key)
        norms = training_loss_norms(ex)
        assert norms.max() / norms.min() < n[0] and ex.T == n[1]

    return check


def citation(n, a):
    # Not computable: the year of Hochreiter & Schmidhuber, "Long short-term memory",
    # Neural Computation 9(8), 1997 (its section 5.4 is the adding problem).
    assert n[0] == 1997


# ------------------------------------------------------------------------------------ sine


@T.claim("gallery:sine", "a sine wave with a period of 25 steps")
def sine_period(n, a):
    x = example("sine").seq.inputs[:, 0]
    P = int(n[0])
    assert_allclose(x[P:], x[:-P], atol=1e-12)
    assert all(np.abs(x[p:] - x[:-p]).max() > 0.1 for p in range(1, P))


T.add("gallery:sine", "The cell has 4 units", hidden_size("sine"))


@T.claim("gallery:sine", "(MSE ≈ 3·10⁻⁵)")
def sine_mse(n, a):
    ex = example("sine")
    agrees(float(np.mean((ex.ro(ex.tr.h) - ex.seq.targets) ** 2)), n[0])


@T.claim(
    "gallery:sine",
    "units 0, 1 and 3 follow the wave, unit 2 follows it a quarter period later (like −cos)",
)
def sine_units(n, a):
    ex = example("sine")
    x, t = ex.seq.inputs[25:, 0], np.arange(25, ex.T)
    for j in (int(n[0]), int(n[1]), int(n[2])):
        assert corr(ex.tr.h[25:, j], x) > 0.95, j
    j = int(n[3])
    assert corr(ex.tr.h[25:, j], -np.cos(2 * np.pi * t / 25)) > 0.95
    assert abs(corr(ex.tr.h[25:, j], x)) < 0.2


@T.claim("gallery:sine", "the read-out builds the wave shifted by one step")
def sine_readout(n, a):
    ex = example("sine")
    assert_array_equal(ex.seq.targets[:-1], ex.seq.inputs[1:])
    assert np.abs(ex.ro(ex.tr.h) - ex.seq.targets).max() < 0.05


T.add("gallery:sine", "The forget gates stay between 0.57 and 0.91", gate_range("sine", "f"))


# ----------------------------------------------------------------------------- noisy sine


def _noise(ex) -> np.ndarray:
    return ex.seq.inputs[:, 0] - np.sin(2 * np.pi * np.arange(ex.T) / 25)


@T.claim("gallery:noisy_sine", "(σ = 0.1)")
def noise_sigma(n, a):
    agrees(float(_noise(example("noisy_sine")).std()), n[0])


@T.claim(
    "gallery:noisy_sine",
    "The cell has 16 units, trained for 200 epochs from random weights, which lowered the loss "
    "from 0.65 to 0.002",
)
def noisy_sine_training(n, a):
    """Retrained as tools/make_examples.py does it (0.3 s): the shipped weights, this history."""
    seq, params, readout, _ = make_examples.make_noisy_sine()
    ex = example("noisy_sine")
    assert params.hidden_size == n[0]
    assert_allclose(params.weight_hh, ex.p.weight_hh, atol=1e-9)
    assert_allclose(readout.W_y, ex.ro.W_y, atol=1e-9)
    tr = Trainer(seq, LSTMParams.random(1, int(n[0]), seed=0), None, TrainConfig(seed=0))
    tr.run(int(n[1]))
    assert len(tr.history) == n[1]
    agrees(tr.history[0], n[2])
    agrees(tr.history[-1], n[3])


@T.claim("gallery:noisy_sine", "RMS error (≈ 0.05) is half the noise on the input")
def noisy_sine_rms(n, a):
    ex = example("noisy_sine")
    rms = float(np.sqrt(np.mean((ex.ro(ex.tr.h) - ex.seq.targets) ** 2)))
    agrees(rms, n[0])
    assert 0.4 < rms / float(np.sqrt(np.mean(_noise(ex) ** 2))) < 0.6


@T.claim(
    "gallery:noisy_sine",
    "Press Train from new random weights and watch the loss curve fall by two orders of magnitude",
)
def retrain_in_the_app(n, a):
    """Weights editor ▸ Apply (its default preset), then Train (the dock's defaults)."""
    ex, d = example("noisy_sine"), a.defaults
    for seed in d.seeds:
        cell = LSTMParams.random(1, 16, seed=seed, forget_bias=d.forget_bias, init=d.init)
        trainer = Trainer(ex.seq, cell, ex.ro, TrainConfig(lr=d.lr, seed=d.train_seed))
        trainer.run(d.epochs)
        assert trainer.history[-1] < 1e-2 * trainer.history[0], seed


# -------------------------------------------------------------------------- square pulses

P = "gallery:square_pulses"


def pulses() -> SimpleNamespace:
    ex = example("square_pulses")
    x, y = ex.seq.inputs[:, 0], ex.seq.targets[:, 0]
    return SimpleNamespace(ex=ex, x=x, y=y, tr=ex.tr, inside=(y == 1) & (x == 0))


@T.claim(
    P,
    "a spike of +1 where a pulse begins and −1 where it ends; the target is the square pulse "
    "itself (1 during a pulse, 0 between pulses)",
)
def pulses_setup(n, a):
    p = pulses()
    assert set(np.unique(p.x)) == {n[0], 0.0, n[1]} and set(np.unique(p.y)) == {n[2], n[3]}
    assert_array_equal(np.cumsum(p.x), p.y)  # on at +1, off at −1


@T.claim(P, "C_t of unit 0: it jumps to about −0.8 at a +1 spike")
def pulses_jump(n, a):
    p = pulses()
    assert n[0] == 0 and n[2] == 1
    assert np.abs(p.tr.c[p.x == 1, 0] - n[1]).max() < 0.05


@T.claim(P, "stays between −0.85 and −0.72 while the pulse lasts")
def pulses_hold(n, a):
    p = pulses()
    c = p.tr.c[p.y == 1, 0]
    assert c.min() >= n[0] - 0.005 and c.max() <= n[1] + 0.005


@T.claim(P, "back to about 0 at the −1 spike (the read-out's weight is negative)")
def pulses_back(n, a):
    p = pulses()
    assert n[0] == 0 and n[1] == -1
    assert np.abs(p.tr.c[p.x == -1, 0]).max() < 0.1
    assert p.ex.ro.W_y[0, 0] < 0


@T.claim(
    P,
    "(≈ 0.96) alone would not hold it: over a 25-step pulse it would let C_t fade to 0.4 of its "
    "value",
)
def pulses_fade(n, a):
    p = pulses()
    f = float(np.median(p.tr.f[p.inside, 0]))
    agrees(f, n[0])
    agrees(f ** n[1], n[2])
    starts, ends = np.flatnonzero(p.x == 1), np.flatnonzero(p.x == -1)
    widths = ends[: len(starts)] - starts[: len(ends)]
    assert widths.max() == n[1]  # the longest pulse of the sequence
    s = int(starts[np.argmax(widths)])
    assert p.tr.c[s + int(n[1]) - 1, 0] / p.tr.c[s, 0] > 0.8  # … yet C_t holds


@T.claim(
    P,
    "(g_t ≈ −0.035), so that i_t·g_t writes back most of what f_t takes away; on a spike g_t is "
    "±0.95",
)
def pulses_candidate(n, a):
    p = pulses()
    agrees(float(np.median(p.tr.g[p.inside, 0])), n[0])
    written = (p.tr.i * p.tr.g)[p.inside, 0]
    taken = ((1 - p.tr.f) * p.tr.c_prev)[p.inside, 0]
    assert 0.5 < np.median(written / taken) < 1.0
    assert_allclose(np.abs(p.tr.g[p.x != 0, 0]), n[1], atol=0.006)


T.add(P, "The input gate stays between 0.68 and 0.83", gate_range("square_pulses", "i", 0))


# ------------------------------------------------------------------------- delayed recall

D = "gallery:delayed_recall"
RECALL_UNITS = (1, 2)  # the units the text points at


@T.claim("title:delayed_recall", "remember the first value for 40 steps")
def recall_title(n, a):
    last_step_only("delayed_recall")([N(n[0] + 1)], a)


@T.claim(
    D,
    "Input 0 carries a value at step 1 and random distractors after it; input 1 is a marker "
    "that is 1 only at step 1",
)
def recall_setup(n, a):
    seq = example("delayed_recall").seq
    assert list(n) == [0, 1, 1, 1, 1]
    assert_array_equal(seq.inputs[:, 1], np.eye(1, seq.length)[0])
    assert seq.targets[-1, 0] == seq.inputs[0, 0]


T.add(
    D,
    "only at the last step (t = 41): the loss ignores every other step",
    last_step_only("delayed_recall"),
)
T.add(
    D,
    "with a delay of 10 steps first, then of random delays from 5 to 80",
    curriculum("RECALL_CURRICULUM"),
)


@T.claim(D, "R² ≥ 0.96 at every delay from 5 to 100 (delays above 80 were never trained)")
def recall_generalises(n, a):
    ex = example("delayed_recall")
    assert max(s[1] for s in make_examples.RECALL_CURRICULUM) == n[3]
    for delay in (int(n[1]), 10, 20, 30, 40, 50, 60, 70, 80, 90, int(n[2])):
        assert r_squared(ex.p, ex.ro, recall_held_out(delay)) >= n[0], delay


@T.claim(D, "units 1 and 2: their input gates open at step 1 (0.69, 0.83)")
def recall_open(n, a):
    ex = example("delayed_recall")
    assert tuple(n[:2]) == RECALL_UNITS and n[2] == 1
    for j, stated in zip(RECALL_UNITS, n[3:], strict=True):
        agrees(float(ex.tr.i[0, j]), stated)


@T.claim(D, "(0.05, 0.13 on average)")
def recall_shut(n, a):
    ex = example("delayed_recall")
    for j, stated in zip(RECALL_UNITS, n, strict=True):
        agrees(float(ex.tr.i[1:, j].mean()), stated)


@T.claim(D, "forget gates (≈ 0.95, 0.88) carry the value in C_t")
def recall_carry(n, a):
    ex = example("delayed_recall")
    held = recall_held_out(40, 100)
    c = np.array([run(ex.p, s.inputs).c[-1] for s in held])
    v = np.array([s.targets[-1, 0] for s in held])
    for j, stated in zip(RECALL_UNITS, n, strict=True):
        agrees(float(ex.tr.f[1:, j].mean()), stated)
        assert abs(corr(c[:, j], v)) > 0.95, j  # the value is in C_T


T.add(
    D,
    "‖∂L/∂C_k‖ stays between 1 and 1.9 all the way back to step 1",
    panel_between("delayed_recall"),
)


@T.claim(
    D,
    "That panel's loss is the output L = Σ_j h_t[j], not the squared error the cell was trained on",
)
@T.claim(
    "gallery:adding",
    "That panel's loss is the output L = Σ_j h_t[j], not the squared error the cell was trained on",
)
def panel_loss_is_not_training_loss(n, a):
    for key in ("delayed_recall", "adding"):
        ex = example(key)
        assert ex.s.settings.loss == "output" and ex.s.describe_loss() == "L = Σ_j h_t[j]"
        _, dh = output_loss(ex.tr, ex.T - 1)
        assert_allclose(ex.s.gradients.dc_norm, bptt(ex.p, ex.tr, dh).dc_norm(), rtol=1e-10)
        assert not np.allclose(training_loss_norms(ex), ex.s.gradients.dc_norm, rtol=0.5)


T.add(
    D,
    "the norm changes by less than a factor of 2 over the 41 steps",
    training_loss_factor("delayed_recall"),
)


# --------------------------------------------------------------------- the adding problem

A = "gallery:adding"


@T.claim("title:adding", "(modern form of Hochreiter & Schmidhuber 1997), T = 50")
def adding_title(n, a):
    citation(n, a)
    last_step_only("adding")(n, a)
    assert "common modern form" in (gallery.adding_problem.__doc__ or "")


@T.claim(
    A,
    "a random value in [0, 1] and a marker. Exactly 2 steps are marked, one in each half of the "
    "sequence; the target, given only at the last step, is the sum of the 2 marked values",
)
def adding_setup(n, a):
    ex = example("adding")
    assert list(n) == [0, 1, 2, 2]
    for seq in [ex.seq, *adding_held_out(50, 50)]:
        x = seq.inputs
        assert x[:, 0].min() >= n[0] and x[:, 0].max() <= n[1]
        marks = np.flatnonzero(x[:, 1])
        assert len(marks) == n[2] and marks[0] < seq.length // 2 <= marks[1]
        assert seq.targets[-1, 0] == pytest.approx(x[marks, 0].sum())
    last_step_only("adding")([N(ex.T)], a)


T.add(A, "the 1997 original differs in its details", citation)


@T.claim(A, "Predicting the mean (1.0) gives an MSE of about 0.17")
def adding_trivial(n, a):
    held = make_examples.adding_held_out()
    sums = np.array([s.targets[-1, 0] for s in held])
    agrees(float(sums.mean()), n[0])
    agrees(float(np.mean((sums - n[0]) ** 2)), n[1])


T.add(A, "(8 units)", hidden_size("adding"))
T.add(
    A,
    "(first of length 20, then of random lengths from 10 to 200)",
    curriculum("ADDING_CURRICULUM"),
)


@T.claim(A, "gets about 0.002 on new ones of length 50")
def adding_held_out_mse(n, a):
    ex = example("adding")
    held = make_examples.adding_held_out(length=int(n[1]))
    yhat = np.array([ex.ro(run(ex.p, s.inputs).h[-1])[0] for s in held])
    agrees(float(np.mean((yhat - [s.targets[-1, 0] for s in held]) ** 2)), n[0])


@T.claim(A, "R² ≥ 0.97 at every length from 10 to 200")
def adding_generalises(n, a):
    ex = example("adding")
    for length in (int(n[1]), 20, 50, 100, 150, int(n[2])):
        assert r_squared(ex.p, ex.ro, adding_held_out(length)) >= n[0], length


@T.claim(
    A,
    "unit 4: its input gate opens only at the 2 markers (≈ 0.8, against 0.01 elsewhere) and its "
    "forget gate stays near 0.99",
)
def adding_unit(n, a):
    ex = example("adding")
    j = int(n[0])
    marks = np.flatnonzero(ex.seq.inputs[:, 1])
    assert len(marks) == n[1]
    other = np.ones(ex.T, dtype=bool)
    other[marks] = False
    agrees(float(ex.tr.i[marks, j].mean()), n[2])
    assert np.all(ex.tr.i[marks, j] > 10 * ex.tr.i[other, j].max())  # opens only there
    agrees(float(np.median(ex.tr.i[other, j])), n[3])
    agrees(float(np.median(ex.tr.f[:, j])), n[4])


@T.claim(A, "the sum of the 2 marked values (correlation 0.997 over 300 new sequences)")
def adding_sum_in_c(n, a):
    ex = example("adding")
    held = adding_held_out(50, int(n[2]))
    c = np.array([run(ex.p, s.inputs).c[-1, 4] for s in held])
    agrees(corr(c, np.array([s.targets[-1, 0] for s in held])), n[1])
    assert n[0] == 2


T.add(
    A,
    "‖∂L/∂C_k‖ stays between 0.5 and 1.3 all the way back to step 1",
    panel_between("adding"),
)
T.add(
    A,
    "the norm changes by less than a factor of 2 over the 50 steps",
    training_loss_factor("adding"),
)


# ----------------------------------------------------------------------------------- text

X = "gallery:text"


def _chars(ex) -> str:
    return "".join(ex.seq.vocabulary[k] for k in np.argmax(ex.seq.inputs, axis=1))


def _after_on(ex) -> dict[str, list[int]]:
    """Rows whose input is the space of "cat on " / "dog on "."""
    chars = _chars(ex)
    rows: dict[str, list[int]] = {"cat": [], "dog": []}
    for k in range(6, len(chars)):
        if chars[k - 2 : k + 1] == "on ":
            rows[chars[k - 6 : k - 3]].append(k)
    return rows


@T.claim(
    X,
    '"cat on mat. dog on log. " 3 times, one character per step, one-hot over its 11 characters',
)
def text_setup(n, a):
    ex = example("text")
    chars = _chars(ex) + ex.seq.vocabulary[int(np.argmax(ex.seq.targets[-1]))]
    assert chars == "cat on mat. dog on log. " * int(n[0])
    assert len(ex.seq.vocabulary) == n[1] == ex.seq.input_size
    assert_array_equal(ex.seq.inputs.sum(axis=1), 1.0)


T.add(X, "The cell has 16 units", hidden_size("text"))


@T.claim(X, "every next character is predicted right")
def text_predicts(n, a):
    ex = example("text")
    assert_array_equal(np.argmax(ex.ro(ex.tr.h), 1), np.argmax(ex.seq.targets, 1))


@T.claim(X, '"cat" or "dog", 7 steps back')
def text_steps_back(n, a):
    ex = example("text")
    chars = _chars(ex)
    for k in _after_on(ex)["cat"] + _after_on(ex)["dog"]:
        first = chars.rfind(". ", 0, k) + 2 if ". " in chars[:k] else 0
        assert (k + 1) - first == n[0]  # the letter to predict is 7 after the first one


@T.claim(X, 'unit 8, whose cell state is about −0.9 after "cat on " and about 0 after "dog on "')
def text_unit(n, a):
    ex, rows = example("text"), _after_on(example("text"))
    j = int(n[0])
    assert np.abs(ex.tr.c[rows["cat"], j] - n[1]).max() < 0.1
    assert np.abs(ex.tr.c[rows["dog"], j] - n[2]).max() < 0.05


@T.claim(
    X,
    'after "cat on " ≈ 0.9 for m and 0.2 for l, after "dog on " ≈ 0.85 for l and 0.05 for m',
)
def text_outputs(n, a):
    ex = example("text")
    rows, y, voc = _after_on(ex), ex.ro(ex.tr.h), ex.seq.vocabulary
    m, l = voc.index("m"), voc.index("l")  # noqa: E741
    for k in rows["cat"]:
        assert abs(y[k, m] - n[0]) < 0.05 and abs(y[k, l] - n[1]) < 0.03
    for k in rows["dog"]:
        assert abs(y[k, l] - n[2]) < 0.025 and abs(y[k, m] - n[3]) < 0.01


# ----------------------------------------------------------------------------- the README

T.add("readme:examples", "(the modern form of Hochreiter & Schmidhuber's 1997 task)", citation)


@T.claim(
    "readme:examples",
    "work at lengths they were not shown (R² ≥ 0.96 for delays 5–100, ≥ 0.97 for sums over "
    "10–200 steps)",
)
def readme_generalise(n, a):
    recall_generalises([n[0], n[1], n[2], N(80)], a)
    adding_generalises([n[3], n[4], n[5]], a)


# ------------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("claim", T.rows, ids=Table.ident)
def test_claim(claim, sources, app):  # noqa: F811
    run_claim(claim, sources, app)


def test_every_number_is_in_a_checked_fragment(sources):
    assert_every_number_checked(T, sources)


def test_the_chinese_text_states_the_same_numbers(sources):
    assert assert_chinese_numbers(sources) == 2 * len(gallery.EXAMPLES)
