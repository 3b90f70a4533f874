"""One-click scenarios for the chapter the study notes left empty (Qt-free).

Why do RNN gradients vanish or explode, and how does the LSTM keep them? Each
scenario builds a sequence, an LSTM and a vanilla RNN of the same size, and the
settings that show the point; the numbers the app then shows are computed, not
staged.

The texts are marked with ``QT_TRANSLATE_NOOP`` (a no-op here, so this module
needs no Qt) for Qt's ``lupdate``; the GUI translates them in the context
``"Scenarios"``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .engine import LSTMParams, RNNParams
from .sequence import Sequence

__all__ = ["SCENARIOS", "Scenario", "ScenarioSetup", "scenario"]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context``; returns it unchanged."""
    return text


#: Steps in every scenario's sequence.
LENGTH = 300
#: Units of the cells in the scenarios.
HIDDEN = 8


@dataclass(frozen=True)
class ScenarioSetup:
    """What a scenario puts into the session."""

    sequence: Sequence
    params: LSTMParams
    rnn: RNNParams
    settings: dict[str, Any] = field(default_factory=dict)
    step: int = LENGTH


@dataclass(frozen=True)
class Scenario:
    """A named, explained set-up (``title`` and ``explanation`` are English source texts)."""

    key: str
    title: str
    explanation: str
    build: Callable[[], ScenarioSetup]


def _noise(seed: int, scale: float) -> Sequence:
    rng = np.random.default_rng(seed)
    return Sequence(scale * rng.standard_normal((LENGTH, 1)), input_names=("noise",))


def _lstm(forget_bias: float, seed: int = 1) -> LSTMParams:
    """A small LSTM with weak weights and the given forget-gate bias."""
    p = LSTMParams.random(1, HIDDEN, seed=seed, init="xavier")
    b = np.zeros(4 * HIDDEN)
    b[HIDDEN : 2 * HIDDEN] = forget_bias
    return p.with_arrays(
        weight_ih=0.5 * p.weight_ih,
        weight_hh=0.3 * p.weight_hh,
        bias_ih=b,
        bias_hh=np.zeros_like(b),
    )


def _vanishing() -> ScenarioSetup:
    return ScenarioSetup(
        sequence=_noise(11, 0.5),
        params=_lstm(1.0),
        rnn=RNNParams.random(1, HIDDEN, seed=2, recurrent_scale=0.8),
        settings={"compare": True, "window": None, "clip": None, "clamp": ()},
    )


def _exploding() -> ScenarioSetup:
    # A silent input keeps the RNN at its fixed point h = 0, where tanh is linear:
    # each step back multiplies the gradient by W_hhᵀ = 1.25·Qᵀ exactly.
    silent = Sequence(np.zeros((LENGTH, 1)), input_names=("silence",))
    rnn = RNNParams.random(1, HIDDEN, seed=3, recurrent_scale=1.25)
    zero = np.zeros(HIDDEN)
    return ScenarioSetup(
        sequence=silent,
        params=_lstm(1.0),
        rnn=rnn.with_arrays(bias_ih=zero, bias_hh=zero),
        settings={"compare": True, "window": None, "clip": None, "clamp": ()},
    )


def _remembers() -> ScenarioSetup:
    return ScenarioSetup(
        sequence=_noise(12, 0.5),
        params=_lstm(6.0),
        rnn=RNNParams.random(1, HIDDEN, seed=2, recurrent_scale=0.9),
        settings={"compare": True, "window": None, "clip": None, "clamp": ()},
    )


def _forgets() -> ScenarioSetup:
    return ScenarioSetup(
        sequence=_noise(12, 0.5),
        params=_lstm(-2.0),
        rnn=RNNParams.random(1, HIDDEN, seed=2, recurrent_scale=0.9),
        settings={"compare": True, "window": None, "clip": None, "clamp": ()},
    )


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "rnn_vanishes",
        QT_TRANSLATE_NOOP("Scenarios", "RNN gradient vanishes"),
        QT_TRANSLATE_NOOP(
            "Scenarios",
            "The RNN's recurrent matrix W_hh has largest singular value 0.8 < 1. Going back "
            "one step multiplies the gradient by W_hhᵀ·diag(1 − h²), whose norm is at most "
            "0.8, so ‖∂L/∂h_k‖ falls at least as fast as 0.8^(t−k): on the log axis the "
            "orange RNN curve stays below that straight line (here it falls by about 0.68 per "
            "step). The LSTM beside it has forget-gate bias 1, so f_t ≈ 0.73, and its gradient "
            "vanishes too, more slowly (about 0.78 per step). Along the direct path C_t → C_k "
            "the gradient is multiplied by the forget gates alone (their product ∏f is in the "
            "mechanism plot); the total ‖∂L/∂C_k‖ also flows back through h and the gates and "
            "is far larger than the direct path alone: 19× at lag 50, 5·10⁵× at lag 200.",
        ),
        _vanishing,
    ),
    Scenario(
        "rnn_explodes",
        QT_TRANSLATE_NOOP("Scenarios", "RNN gradient explodes"),
        QT_TRANSLATE_NOOP(
            "Scenarios",
            "Now W_hh = 1.25·Q (Q orthogonal): its largest singular value is 1.25 > 1. The "
            "input is silent, so the RNN stays at h = 0 where tanh' = 1, and every step back "
            "multiplies the gradient norm by exactly 1.25: after 100 steps by 1.25^100 ≈ 5·10⁹. "
            "Turn on clipping: on the way back, ∂L/∂h_k is rescaled to the threshold at every "
            "step where its norm exceeds it, so the curve stays at the threshold. That is "
            "per-step clipping, and it changes the direction of the parameter gradient; the "
            "usual remedy in training, PyTorch's clip_grad_norm_, rescales the whole parameter "
            "gradient once, after BPTT, and keeps its direction. Clipping only ever shrinks a "
            "gradient: it does nothing against vanishing.",
        ),
        _exploding,
    ),
    Scenario(
        "lstm_remembers",
        QT_TRANSLATE_NOOP("Scenarios", "LSTM remembers"),
        QT_TRANSLATE_NOOP(
            "Scenarios",
            "The forget-gate bias is 6, so f_t ≈ 0.998. The direct path from C_t back to C_k "
            "multiplies the gradient by f_{k+1}·…·f_t (the running product ∏f in the "
            "mechanism plot) and nothing else: after 200 steps ∏f is still above 0.5. The total "
            "‖∂L/∂C_k‖, which also flows back through h, stays within a factor of 2 over lags "
            "0–200. Near the start of the sequence (lags above 250) it rises again, to 12× its "
            "value at lag 0: there C_k is still small, tanh(C_k) is not saturated, and more "
            "gradient enters through h_k at each step and is carried on. This is the constant "
            "error carousel — while the RNN beside it forgets (‖∂L/∂h_k‖ below 10⁻²⁶ at lag "
            "200).",
        ),
        _remembers,
    ),
    Scenario(
        "lstm_forgets",
        QT_TRANSLATE_NOOP("Scenarios", "LSTM forgets"),
        QT_TRANSLATE_NOOP(
            "Scenarios",
            "The same LSTM with forget-gate bias −2: f_t ≈ 0.12, so the product of forget "
            "gates along the direct path collapses — below 10⁻⁹ after 10 steps. The total "
            "‖∂L/∂C_k‖, which also flows back through h, collapses too: to about 10⁻⁸ of its "
            "value at lag 0 after 10 steps. The gate decides how long the cell remembers; "
            "with f ≈ 1 (the previous scenario) the direct path keeps the gradient for "
            "hundreds of steps.",
        ),
        _forgets,
    ),
)


def scenario(key: str) -> Scenario:
    """The scenario with this key."""
    for s in SCENARIOS:
        if s.key == key:
            return s
    raise KeyError(key)
