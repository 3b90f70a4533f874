"""Built-in examples (Qt-free): what the app opens on."""

from __future__ import annotations

import numpy as np

from .engine import LSTMParams
from .sequence import Sequence

__all__ = ["spikes_example"]


def spikes_example(length: int = 120, hidden: int = 4) -> tuple[Sequence, LSTMParams]:
    """A few input spikes and a small cell whose forget gates carry them.

    x_t is 0 except for spikes at t = 5, 30 and 70 (1.0) and a smaller one at
    t = 50 (0.6). The input gate opens only on a spike
    (i ≈ 0.05 at rest, ≈ 0.95 on a spike), the candidate follows the sign of
    the spike, and each unit has a different forget bias (f ≈ 0.98, 0.95,
    0.88, 0.73 at rest): unit 0 remembers a spike for a hundred steps, the
    last unit forgets it in a few. Press Step and watch C — the long-term
    memory — jump at each spike and then decay at the rate its forget gate sets.
    """
    x = np.zeros(length)
    for t, v in ((5, 1.0), (30, 1.0), (50, 0.6), (70, 1.0)):
        if t <= length:
            x[t - 1] = v
    h = hidden
    rng = np.random.default_rng(7)
    w_ih = np.zeros((4 * h, 1))
    w_hh = rng.uniform(-0.05, 0.05, (4 * h, h))
    b = np.zeros(4 * h)
    i_rows, f_rows, g_rows, o_rows = (slice(k * h, (k + 1) * h) for k in range(4))
    # Input gate closed at rest (σ(−3) ≈ 0.05), open on a spike (σ(3) ≈ 0.95); the
    # candidate tanh(2x) writes the spike's size; the output gate is mostly open.
    w_ih[i_rows, 0] = 6.0
    b[i_rows] = -3.0
    w_ih[g_rows, 0] = 2.0
    forget = np.array([4.0, 3.0, 2.0, 1.0] * ((h + 3) // 4))[:h]
    b[f_rows] = forget
    w_ih[f_rows, 0] = 0.0
    b[o_rows] = 1.0
    params = LSTMParams(w_ih, w_hh, b, np.zeros(4 * h))
    seq = Sequence(x[:, None], input_names=("spike",), name="Built-in: spikes")
    return seq, params
