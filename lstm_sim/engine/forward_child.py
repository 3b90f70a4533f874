"""A long forward pass in a child process (``python -m lstm_sim.engine.forward_child``).

:func:`extend_in_child` is the parent's side; :func:`main` runs in the child.

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

import contextlib
import io
import os
import subprocess
import sys
import typing
from collections.abc import Callable

import numpy as np

from .lstm import Trace, check_inputs
from .params import LSTMParams

__all__ = ["extend_in_child"]


def extend_in_child(
    trace: Trace,
    X: np.ndarray,
    *,
    block: int,
    module: str = __name__,
    report: Callable[[], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> None:
    """Extend ``trace`` by the steps of ``X``, computed in a child process.

    The rows come back through a pipe straight into the trace's storage, a block
    of ``block`` rows at a time; a block is taken (and ``report()`` called) only
    once complete, and the calling thread waits on the pipe without the GIL.
    Returns when every step is in, when ``stop()`` says so, or when the child
    cannot start or stops early: the trace then holds the blocks received, and
    the caller computes the rest itself.
    """
    k, t = len(trace), len(trace) + len(X)
    X = check_inputs(X, trace.params.input_size)
    trace.reserve(t)
    p, clamp = trace.params, dict(trace.clamp or {})
    payload = io.BytesIO()
    np.savez(
        payload,
        weight_ih=p.weight_ih,
        weight_hh=p.weight_hh,
        bias_ih=p.bias_ih,
        bias_hh=p.bias_hh,
        state=trace._row,
        X=X,
        chunk=np.int64(block),
        clamp_names=np.array(list(clamp), dtype=str),
        clamp_values=np.array(list(clamp.values()), dtype=np.float64),
    )
    # One BLAS thread, as in the app: the same rows as Trace.extend would give.
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", module],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
    except OSError:
        return
    try:
        assert proc.stdin is not None and proc.stdout is not None
        reader = typing.cast(io.BufferedReader, proc.stdout)  # unbuffered pipes are raw files
        proc.stdin.write(payload.getbuffer())
        proc.stdin.close()
        while k < t:
            if stop is not None and stop():
                return
            n = min(block, t - k)
            view = trace._storage[k + 1 : k + 1 + n].data.cast("B")
            got = 0
            while got < len(view):  # the read waits without the GIL
                r = reader.readinto(view[got:])
                if not r:
                    return  # the child stopped: the caller goes on from row k
                got += r
            k += n
            trace._adopt(k)
            if report is not None:
                report()
    except OSError:
        return
    finally:
        if proc.poll() is None:
            proc.kill()
        for pipe in (proc.stdin, proc.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):  # a broken pipe: the child is gone
                    pipe.close()
        proc.wait()


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
    trace._row[:] = data["state"]  # the parent's current row: its state goes on from here
    out = sys.stdout.buffer
    for a in range(0, X.shape[0], chunk):
        block = X[a : a + chunk]
        trace._run(block, 1)  # rows 1 … n of the storage receive this block
        out.write(trace._storage[1 : block.shape[0] + 1].data.cast("B"))
        out.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
