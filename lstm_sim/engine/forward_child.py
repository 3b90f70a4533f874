"""A long forward pass in a child process: ``python -m lstm_sim.engine.forward_child``.

The app computes long runs (run to the end of a long sequence) here rather than
in a thread of its own process. A Python thread shares the GIL with the GUI
thread, and every time the GUI thread calls back into Python (a paint, a style
query) it waits for the worker to hand the GIL over; on a busy machine that
added up to stalls of 50–130 ms. A child process shares nothing but a pipe.

Protocol
--------
stdin
    One ``.npz`` (read with ``allow_pickle=False``): ``weight_ih``, ``weight_hh``,
    ``bias_ih``, ``bias_hh``; ``state``, the trace's current storage row (see
    :class:`~lstm_sim.engine.Trace`); ``X``, the inputs of the steps to compute;
    ``chunk``, steps per block; ``clamp_names`` and ``clamp_values``.
stdout
    The storage rows of those steps (float64, C order), one block of ``chunk``
    rows at a time, each flushed as soon as it is computed. The rows are those
    :meth:`Trace.extend` would store: the same code computes them.
"""

from __future__ import annotations

import io
import sys

import numpy as np

from .lstm import Trace
from .params import LSTMParams


def main() -> int:
    data = np.load(io.BytesIO(sys.stdin.buffer.read()), allow_pickle=False)
    params = LSTMParams(
        weight_ih=data["weight_ih"],
        weight_hh=data["weight_hh"],
        bias_ih=data["bias_ih"],
        bias_hh=data["bias_hh"],
    )
    names = [str(n) for n in data["clamp_names"]]
    clamp = dict(zip(names, (float(v) for v in data["clamp_values"]), strict=True)) or None
    chunk = int(data["chunk"])
    X = np.ascontiguousarray(data["X"], dtype=np.float64)
    trace = Trace(params, clamp=clamp, capacity=chunk)
    trace._cur[:] = data["state"]
    out = sys.stdout.buffer
    for a in range(0, X.shape[0], chunk):
        block = X[a : a + chunk]
        trace._len = 0  # rows 1 … n of the storage receive this block
        trace._recur(0, block)
        out.write(memoryview(trace._s[1 : block.shape[0] + 1]).cast("B"))
        out.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
