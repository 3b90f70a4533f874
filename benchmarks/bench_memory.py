"""How much memory does ``lstm-sim run`` take per step, against the estimate its budget check uses?

    python benchmarks/bench_memory.py                # a few (T, D, H), measured
    python benchmarks/bench_memory.py --steps 200000 # longer sequences

``lstm-sim run`` refuses, before running, a sequence whose whole computation
(trace, BPTT arrays, the trace.csv table) would not fit in the memory budget,
and suggests ``--max-steps N``. That check uses an estimate of the bytes per
step (``cli._bytes_per_step``); the suggested N is only honest if the estimate
is at least the real cost. This script measures the real cost: the peak
resident memory of a child running ``lstm-sim run`` on T steps, minus that of
the same command on a baseline of 1000 steps in the same run, divided by the
extra steps, and prints it beside the estimate (ratio = estimate / measured,
which must stay ≥ 1). Use 50 000 steps or more: below, fixed costs (the CSV
writer's block of 4096 rows, imports) dominate the difference.

It also times the refusal of a few hostile files (issue 15) against the
baseline of ``lstm-sim --version`` (the cost of starting Python and NumPy).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from lstm_sim.cli import _bytes_per_step


def peak_rss(argv: list[str]) -> tuple[int, float, int]:
    """(peak resident bytes, seconds, exit status) of ``python -m lstm_sim ARGV`` in a child."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "lstm_sim", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    scale = 1 if sys.platform == "darwin" else 1024
    return usage.ru_maxrss * scale, time.perf_counter() - start, os.waitstatus_to_exitcode(status)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=100_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lstm-sim-bench-memory-") as name:
        measure(Path(name), args.steps)
    return 0


def measure(folder: Path, steps: int) -> None:
    out = folder / "out"
    print(f"numpy {np.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(f"{'T':>8} {'D':>3} {'H':>3} {'measured B/step':>16} {'estimate':>9} {'ratio':>6}")
    rng = np.random.default_rng(0)
    for d, h in ((1, 8), (8, 8), (1, 32), (8, 32)):
        rss = {}
        for t in (1000, steps):
            path = folder / f"x_{t}_{d}.npy"
            np.save(path, rng.standard_normal((t, d)))
            rss[t], _seconds, status = peak_rss(
                ["run", str(path), "--hidden", str(h), "--out", str(out)]
            )
            assert status == 0, status
        measured = (rss[steps] - rss[1000]) / (steps - 1000)
        estimate = _bytes_per_step(d, h, 0)
        print(
            f"{steps:>8} {d:>3} {h:>3} {measured:>16.0f} {estimate:>9} {estimate / measured:>6.2f}"
        )

    print("\nrefusals (exit 2) against the start-up of `lstm-sim --version`:")
    base_rss, base_s, _ = min(peak_rss(["--version"]) for _ in range(3))
    print(f"{'--version':>24}: {base_rss / 2**20:6.0f} MiB {base_s:6.2f} s (baseline)")
    sparse = folder / "zeros.npy"
    with open(sparse, "wb") as fh:
        fh.truncate(2 << 30)
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    for label, path in (("/dev/zero", "/dev/zero"), ("FIFO", fifo), ("2 GiB of zeros", sparse)):
        rss_b, seconds, status = min(peak_rss(["run", str(path)]) for _ in range(3))
        print(
            f"{label:>24}: {rss_b / 2**20:6.0f} MiB {seconds:6.2f} s "
            f"(×{rss_b / base_rss:.2f} memory, ×{seconds / base_s:.2f} time), exit {status}"
        )


if __name__ == "__main__":
    sys.exit(main())
