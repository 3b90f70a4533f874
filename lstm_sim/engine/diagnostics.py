"""Is the cell saturated? A diagnosis of a trace for the user (Qt-free).

When the inputs are large (values in the hundreds or thousands, unscaled),
every gate's pre-activation z is far from 0 and the gates sit at 0 or 1:
σ(z) and tanh(z) no longer move with the data, C grows by a constant each
step, the gradients through the gates vanish — and nothing a learner came to
see happens. :func:`saturation` measures it so that the command line and the
app can say so, with the remedy (scale the inputs).

Threshold: a gate value counts as saturated when |z| > :data:`SATURATION_Z`
= 5, where σ(5) = 0.99331 (within 0.7 % of 1; σ′ = 0.0066, 1/38 of its value
at 0) and tanh(5) = 0.99991. A step is saturated when at least half of its
gate values are (:data:`STEP_SHARE`; clamped gates are left out: i and g at
±1 with f, o unsaturated already make C grow by a constant every step), and the
trace is reported as saturated when more than half of its steps are
(:data:`TRACE_SHARE`): a trained cell may hold some gates at 0 or 1 on
purpose (a forget gate at 1 is a memory), but not most of them all the time.

The check reads the stored gate values instead of recomputing z:
σ(z) > σ(5) exactly when z > 5 (σ and tanh are increasing), so no extra
matrix products and no (T, 4H) array are needed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .errors import QT_TRANSLATE_NOOP, Text
from .lstm import Trace

__all__ = ["SATURATION_Z", "STEP_SHARE", "TRACE_SHARE", "Saturation", "saturation"]

#: |pre-activation| above which a gate counts as saturated.
SATURATION_Z = 5.0
#: Share of a step's gate values that must be saturated for the step to count.
STEP_SHARE = 0.5
#: Share of the steps that must be saturated for the trace to be reported.
TRACE_SHARE = 0.5

_SIGMOID_GATES = ("i", "f", "o")
_ROWS = 1 << 16  # rows per block: the boolean work arrays stay small for long traces


@dataclass(frozen=True)
class Saturation:
    """How saturated the gates of a trace are.

    Attributes
    ----------
    steps : int
        Steps examined.
    saturated_steps : int
        Steps on which at least :data:`STEP_SHARE` of the gate values have
        |z| > :data:`SATURATION_Z`.
    gate_shares : dict of str to float
        Per gate (``"i"``, ``"f"``, ``"g"``, ``"o"``; clamped gates left out):
        the share of its values (all steps, all units) with |z| > the threshold.
    input_peak : float
        The largest |x_t| of the steps examined (what scaling would shrink).
    """

    steps: int
    saturated_steps: int
    gate_shares: dict[str, float]
    input_peak: float

    @property
    def fraction(self) -> float:
        """Share of the steps that are saturated (0 for no steps)."""
        return self.saturated_steps / self.steps if self.steps else 0.0

    @property
    def saturated(self) -> bool:
        """True when more than :data:`TRACE_SHARE` of the steps are saturated."""
        return self.fraction > TRACE_SHARE

    def message(self, remedy: str | None = None, *, suggest: bool = True) -> Text:
        """What to tell the user, e.g. for a status bar or one line on stderr.

        Parameters
        ----------
        remedy : str, optional
            How to scale the inputs where the message is shown (the command
            line passes ``"--scale standard"``); without it, the message says
            "scale the inputs".
        suggest : bool
            False: no remedy (the inputs are already scaled; a cell with
            large weights saturates anyway).
        """
        percent, z, peak = (
            f"{100 * self.fraction:.0f}%",
            f"{SATURATION_Z:g}",
            f"{self.input_peak:.4g}",
        )
        if not suggest:
            return Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "the gates are saturated (|z| > {z}: σ and tanh at 0 or ±1) on {percent} "
                    "of the steps, with inputs up to {peak}",
                ),
                percent=percent,
                z=z,
                peak=peak,
            )
        if remedy:
            return Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "the gates are saturated (|z| > {z}: σ and tanh at 0 or ±1) on {percent} "
                    "of the steps; the inputs reach {peak}: try {remedy}",
                ),
                remedy=remedy,
                percent=percent,
                z=z,
                peak=peak,
            )
        return Text(
            QT_TRANSLATE_NOOP(
                "FileErrors",
                "The gates are saturated (|z| > {z}: σ and tanh at 0 or ±1) on {percent} of "
                "the steps; the inputs reach {peak}. Scale the inputs to see the cell work.",
            ),
            percent=percent,
            z=z,
            peak=peak,
        )


def _limits() -> dict[str, float]:
    s = 1.0 / (1.0 + math.exp(-SATURATION_Z))  # σ(5); σ(−5) = 1 − σ(5)
    return {"sigmoid": s, "tanh": math.tanh(SATURATION_Z)}


def saturation(trace: Trace, *, start: int = 0, stop: int | None = None) -> Saturation:
    """Measure how many steps of ``trace`` have their gates at 0 or 1.

    Parameters
    ----------
    trace : Trace
        An LSTM trace (its stored gate values f, i, g, o and inputs x), or
        anything with those attributes and ``params`` (one cell of a model,
        :class:`~lstm_sim.engine.model.CellRows`).
    start, stop : int
        Rows to examine (default: all).

    Returns
    -------
    Saturation
    """
    length = len(trace)
    stop = length if stop is None else max(0, min(int(stop), length))
    start = max(0, min(int(start), stop))
    clamped = set(getattr(trace, "clamp", None) or ())
    gates = [g for g in ("i", "f", "g", "o") if g not in clamped]
    hidden = trace.params.hidden_size
    lim = _limits()
    per_gate = dict.fromkeys(gates, 0)
    saturated_steps = 0
    peak = 0.0
    for a in range(start, stop, _ROWS):
        b = min(a + _ROWS, stop)
        count = np.zeros(b - a, dtype=np.int64)
        for g in gates:
            v = getattr(trace, g)[a:b]
            if g in _SIGMOID_GATES:
                hit = (v > lim["sigmoid"]) | (v < 1.0 - lim["sigmoid"])
            else:
                hit = np.abs(v) > lim["tanh"]
            n = hit.sum(axis=1)
            count += n
            per_gate[g] += int(n.sum())
        if gates:
            saturated_steps += int(np.count_nonzero(count >= STEP_SHARE * hidden * len(gates)))
        x = trace.x[a:b]
        if x.size:
            peak = max(peak, float(np.max(np.abs(x))))
    steps = stop - start
    shares = {g: (per_gate[g] / (steps * hidden) if steps else 0.0) for g in gates}
    return Saturation(steps, saturated_steps, shares, peak)
