"""The saturation diagnosis (engine/diagnostics.py): threshold, shares, clamps, messages."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from lstm_sim.engine import LSTMParams, run
from lstm_sim.engine.diagnostics import SATURATION_Z, Saturation, saturation
from lstm_sim.io import load_sequence

TABLES = Path(__file__).parent / "fixtures" / "tables"


def _unit_cell(scale: float) -> LSTMParams:
    """H = 1, D = 1: every pre-activation is ``scale · x`` (no recurrence, no bias)."""
    return LSTMParams(
        weight_ih=np.full((4, 1), scale),
        weight_hh=np.zeros((4, 1)),
        bias_ih=np.zeros(4),
        bias_hh=np.zeros(4),
    )


def _z(params: LSTMParams, x: np.ndarray) -> np.ndarray:
    """Pre-activations recomputed the long way, (T, 4H), for the reference."""
    trace = run(params, x)
    h_prev = np.vstack([np.zeros(params.hidden_size), trace.h[:-1]])
    return x @ params.weight_ih.T + h_prev @ params.weight_hh.T + params.bias_ih + params.bias_hh


def test_threshold_is_five_on_the_pre_activation():
    x = np.array([[4.99], [5.01], [-5.01], [-4.99], [0.0], [100.0]])
    found = saturation(run(_unit_cell(1.0), x))
    assert found.steps == 6 and found.saturated_steps == 3
    assert found.fraction == 0.5 and not found.saturated  # not *more* than half
    assert found.gate_shares == {"i": 0.5, "f": 0.5, "g": 0.5, "o": 0.5}
    assert found.input_peak == 100.0
    assert 1 / (1 + math.exp(-SATURATION_Z)) == pytest.approx(0.99331, abs=1e-5)


def test_counts_match_pre_activations_recomputed():
    rng = np.random.default_rng(3)
    params = LSTMParams.random(3, 5, seed=2)
    x = rng.standard_normal((400, 3)) * np.array([1.0, 20.0, 300.0])
    found = saturation(run(params, x))
    z = _z(params, x)
    hit = np.abs(z) > SATURATION_Z
    expected_steps = int(np.count_nonzero(hit.sum(axis=1) >= 0.5 * z.shape[1]))
    assert found.saturated_steps == expected_steps
    shares = hit.reshape(400, 4, 5).mean(axis=(0, 2))  # gate blocks i, f, g, o
    for g, share in zip("ifgo", shares, strict=True):
        assert found.gate_shares[g] == pytest.approx(share, abs=1e-12)


def test_window_and_long_traces_in_blocks(monkeypatch):
    from lstm_sim.engine import diagnostics

    x = np.r_[np.zeros(30), np.full(70, 50.0)][:, None]
    trace = run(_unit_cell(1.0), x)
    full = saturation(trace)
    monkeypatch.setattr(diagnostics, "_ROWS", 7)  # many blocks: the same answer
    assert saturation(trace) == full and full.saturated_steps == 70 and full.saturated
    assert saturation(trace, start=0, stop=30).saturated_steps == 0
    assert saturation(trace, start=90).steps == 10


def test_clamped_gates_are_left_out():
    x = np.full((10, 1), 100.0)  # every free gate saturated
    trace = run(_unit_cell(1.0), x, clamp={"f": 1.0, "i": 0.0})
    found = saturation(trace)
    assert set(found.gate_shares) == {"g", "o"} and found.saturated_steps == 10
    calm = saturation(run(_unit_cell(1.0), np.full((10, 1), 0.1), clamp={"f": 1.0}))
    assert calm.saturated_steps == 0  # f held at 1 is a choice, not a saturation


def test_a_table_in_the_thousands_saturates_unless_scaled():
    params = LSTMParams.random(1, 8, seed=0, forget_bias=1.0)  # the CLI's random cell
    raw = load_sequence(TABLES / "nile.csv")
    assert saturation(run(params, raw.inputs)).fraction == 1.0
    scaled = load_sequence(TABLES / "nile.csv", scale="auto")
    found = saturation(run(params, scaled.inputs))
    assert found.saturated_steps == 0 and not found.saturated  # as the README says


def test_input_gate_and_candidate_at_their_limits_count_as_saturated():
    """The start-up example on values in the hundreds: i and g sit at 1, f and o do not.

    Half of the gate values is enough for a step to count: C then grows by the
    same amount at every step, nothing a learner came to see (it had gone unreported
    with "more than half").
    """
    from lstm_sim.examples import spikes_example

    seq, params = spikes_example()
    assert not saturation(run(params, seq.inputs)).saturated  # its own spikes: fine
    x = 500 + 300 * np.sin(np.arange(2000) / 9)
    found = saturation(run(params, x[:, None]))
    assert found.gate_shares["i"] == 1.0 and found.gate_shares["g"] == 1.0
    assert found.gate_shares["f"] == 0.0 and found.gate_shares["o"] == 0.0
    assert found.saturated and found.saturated_steps == found.steps


def test_messages():
    found = Saturation(steps=100, saturated_steps=97, gate_shares={}, input_peak=1370.0)
    assert str(found.message("--scale standard")) == (
        "the gates are saturated (|z| > 5: σ and tanh at 0 or ±1) on 97% of the steps; "
        "the inputs reach 1370: try --scale standard"
    )
    assert str(found.message()).endswith("Scale the inputs to see the cell work.")
    assert "try" not in str(found.message(suggest=False))


def test_one_cell_of_a_model():
    from lstm_sim.engine.model import CellRows

    x = np.r_[np.zeros(30), np.full(70, 50.0)][:, None]
    rows = CellRows(run(_unit_cell(1.0), x), flip=True)  # a backward cell's rows in time order
    found = saturation(rows)
    assert found.saturated_steps == 70 and found.saturated and found.input_peak == 50.0
