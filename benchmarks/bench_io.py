"""How fast does a large CSV load? lstm-sim's loader beside numpy.loadtxt on the same file.

    python benchmarks/bench_io.py                 # 1e6 × 4, 8 significant digits
    python benchmarks/bench_io.py --digits 17     # full float64 precision (longer lines)
    python benchmarks/bench_io.py --genfromtxt    # also numpy.genfromtxt (slow)
    python benchmarks/bench_io.py --dates         # also a table with an ISO date column,
                                                  # and the same with 1 % missing cells

Target (issue 4): a 1e6 × 4 numeric CSV loads in ≤ 3 s. The file (a header
``a,b,c,y`` and random normal values) is written once to the temporary folder
and reused. Times are the best of ``--repeat`` runs, since other processes on
a shared machine add noise.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from lstm_sim.io import load_sequence


def make_csv(rows: int, digits: int) -> Path:
    path = Path(tempfile.gettempdir()) / f"lstm-sim-bench-{rows}x4-{digits}d.csv"
    if not path.exists():
        data = np.random.default_rng(0).standard_normal((rows, 4))
        tmp = path.with_suffix(".tmp")
        np.savetxt(tmp, data, fmt=f"%.{digits}g", delimiter=",", header="a,b,c,y", comments="")
        os.replace(tmp, path)
    return path


def make_dated_csv(rows: int, missing: bool) -> Path:
    """``date,a,b,c``: daily ISO dates (the step labels) and three columns of numbers."""
    name = f"lstm-sim-bench-{rows}-dates{'-missing' if missing else ''}.csv"
    path = Path(tempfile.gettempdir()) / name
    if not path.exists():
        data = np.random.default_rng(1).standard_normal((rows, 3))
        dates = np.datetime_as_string(np.datetime64("1000-01-01") + np.arange(rows))
        cells = np.char.mod("%.8g", data).astype(object)
        if missing:
            cells[::100, 1] = ""  # 1 % of the rows: an empty cell in column b
        lines = [f"{d},{a},{b},{c}\n" for d, (a, b, c) in zip(dates, cells.tolist(), strict=True)]
        tmp = path.with_suffix(".tmp")
        tmp.write_text("date,a,b,c\n" + "".join(lines))
        os.replace(tmp, path)
    return path


def best(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--digits", type=int, default=8, help="significant digits per value")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--genfromtxt", action="store_true", help="also time numpy.genfromtxt")
    parser.add_argument(
        "--dates", action="store_true", help="also a table with dates, and with missing cells"
    )
    args = parser.parse_args(argv)

    path = make_csv(args.rows, args.digits)
    size = path.stat().st_size / 1e6
    print(f"file: {path} ({args.rows} × 4, {args.digits} digits, {size:.1f} MB)")
    print(f"numpy {np.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")

    steps: list[float] = []
    t_ours, seq = best(lambda: load_sequence(path, progress=steps.append), args.repeat)
    t_np, arr = best(
        lambda: np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64), args.repeat
    )
    assert np.array_equal(seq.inputs, arr[:, :3]) and np.array_equal(seq.targets, arr[:, 3:])
    print(f"lstm_sim.io.load_sequence : {t_ours:6.2f} s  ({len(steps) // args.repeat} progress "
          f"reports per load; inputs {seq.inputs.shape}, targets {seq.targets.shape})")  # fmt: skip
    print(f"numpy.loadtxt             : {t_np:6.2f} s")
    print(f"ratio load_sequence / loadtxt: {t_ours / t_np:.2f}")
    if args.genfromtxt:
        t_gen, _ = best(
            lambda: np.genfromtxt(path, delimiter=",", skip_header=1, dtype=np.float64), 1
        )
        print(f"numpy.genfromtxt          : {t_gen:6.2f} s")
    if args.dates:
        for missing in (False, True):
            dated = make_dated_csv(args.rows, missing)
            policy = "interpolate" if missing else "error"
            t, seq = best(lambda p=dated, m=policy: load_sequence(p, missing=m), args.repeat)
            what = "dates + 1 % missing (interpolate)" if missing else "dates (labels)"
            labels = seq.step_labels
            print(f"load_sequence, {what:34}: {t:6.2f} s  (inputs {seq.inputs.shape}, "
                  f"{len(labels)} labels, regular: {labels.regular})")  # fmt: skip
    verdict = "meets" if t_ours <= 3.0 else "MISSES"
    print(f"target ≤ 3 s for 1e6 × 4: {verdict} ({t_ours:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
