"""Incremental min/max decimation of growing series (no Qt; used by the plot panels).

A Step appends one value to every plotted series. Re-sending the whole
history to the plot on every step costs O(T) (≈ 70 ms at T = 1e5, see
docs/architecture.md), so each curve keeps a min/max envelope at a fixed bin size: the
bins completed so far never change, a new step only updates the open bin, and
the points sent to the plot are at most ``2 · max_points`` whatever T is.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["Envelope", "bin_size_for"]


def bin_size_for(length: int, max_points: int = 2000) -> int:
    """Steps per bin so that ``length`` steps make at most ``max_points`` bins."""
    return max(1, math.ceil(length / max_points))


class Envelope:
    """Min/max envelope of a growing series, updated incrementally.

    Parameters
    ----------
    bin_size : int
        Steps per bin (1: no decimation).
    capacity : int
        The longest the series will get (the sequence length).
    x0 : float
        x of the first value (the app plots step t = row + 1, so 1).

    Notes
    -----
    :meth:`update` takes the *whole* series so far (a view into the trace) and
    reads only the values it has not seen. The returned arrays are views into
    preallocated buffers: pass them to ``setData`` right away. After an update,
    :attr:`changed_from` is the index of the first returned point that differs
    from what the previous update returned (the plot repaints from there).
    """

    def __init__(self, bin_size: int, capacity: int, x0: float = 1.0) -> None:
        self.bin = max(1, int(bin_size))
        self.x0 = float(x0)
        n_bins = capacity // self.bin + 1
        size = 2 * n_bins + self.bin
        self._x = np.empty(size)
        self._y = np.empty(size)
        self._done = 0  # complete bins written into the buffers
        self._n = 0
        #: Index of the first returned point that differs from the previous update's.
        self.changed_from = 0

    def reset(self) -> None:
        """Forget everything seen (the series was replaced)."""
        self._done = 0
        self._n = 0
        self.changed_from = 0

    def update(self, series: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Points to plot for ``series`` (1-D, the whole history so far).

        Returns
        -------
        x, y : numpy.ndarray
            For bin size 1 the series itself; otherwise two points (min, max)
            per complete bin followed by the raw values of the open bin.
        """
        n = len(series)
        if n < self._n:  # the series shrank: it is a new one
            self.reset()
        b = self.bin
        # Unchanged: the complete bins seen before and the open bin's raw values.
        self.changed_from = self._n if b == 1 else 2 * self._done + self._n - self._done * b
        self._n = n
        if b == 1:
            if len(self._x) < n:  # capacity was a lower bound: grow
                self._x = np.arange(n) + self.x0
            elif self._done < n:
                self._x[self._done : n] = np.arange(self._done, n) + self.x0
                self._done = n
            return self._x[:n], np.asarray(series)
        complete = n // b
        if complete > self._done:
            self.changed_from = 2 * self._done
            blocks = np.asarray(series[self._done * b : complete * b]).reshape(-1, b)
            lo = 2 * self._done
            hi = 2 * complete
            self._y[lo:hi:2] = blocks.min(axis=1)
            self._y[lo + 1 : hi : 2] = blocks.max(axis=1)
            starts = np.arange(self._done, complete) * b + self.x0
            self._x[lo:hi:2] = starts
            self._x[lo + 1 : hi : 2] = starts + (b - 1)
            self._done = complete
        m = 2 * complete
        tail = n - complete * b
        self._y[m : m + tail] = series[complete * b : n]
        self._x[m : m + tail] = np.arange(complete * b, n) + self.x0
        return self._x[: m + tail], self._y[: m + tail]
