"""Incremental min/max envelopes give the same points as decimating from scratch."""

from __future__ import annotations

import numpy as np

from lstm_sim.gui.plots.decimate import Envelope, bin_size_for


def _scratch(y: np.ndarray, b: int) -> tuple[np.ndarray, np.ndarray]:
    n = len(y)
    m = n // b
    blocks = y[: m * b].reshape(m, b)
    xs = np.empty(2 * m)
    ys = np.empty(2 * m)
    xs[0::2] = np.arange(m) * b + 1
    xs[1::2] = np.arange(m) * b + b
    ys[0::2] = blocks.min(1)
    ys[1::2] = blocks.max(1)
    return np.concatenate([xs, np.arange(m * b, n) + 1.0]), np.concatenate([ys, y[m * b :]])


def test_incremental_equals_scratch():
    rng = np.random.default_rng(0)
    y = rng.standard_normal(10_000)
    b = bin_size_for(len(y), 300)
    env = Envelope(b, len(y))
    for n in (1, 2, 33, 34, 35, 500, 501, 9_999, 10_000):
        x_inc, y_inc = env.update(y[:n])
        x_ref, y_ref = _scratch(y[:n], b)
        np.testing.assert_array_equal(x_inc, x_ref)
        np.testing.assert_array_equal(y_inc, y_ref)
    assert len(env.update(y)[0]) <= 2 * 300 + b


def test_bin_one_is_identity_and_shrinking_resets():
    y = np.arange(10.0)
    env = Envelope(1, 10)
    x, yy = env.update(y[:4])
    np.testing.assert_array_equal(x, [1, 2, 3, 4])
    np.testing.assert_array_equal(yy, y[:4])
    env2 = Envelope(3, 10)
    env2.update(y)
    x, yy = env2.update(y[:4] * 2)  # a new, shorter series
    np.testing.assert_array_equal(yy, [0, 4, 6])
