"""Engine benchmark (not run by CI).

    python benchmarks/bench_engine.py [--quick] [--no-torch] [--no-memory]

Reports:

1. per-step latency: median (and p99, max) of one ``Trace.append`` at
   H = 8, 32, 128 (D = 1) on a trace that already holds a long history, and of
   a windowed BPTT (window 256) at two history lengths, which should not differ;
   baseline in the same run: the same step written the plain way (four gate
   slices, σ = 1/(1 + e^−z)), timed in blocks alternating with append;
   and the gradient panel's work per Step (its view at the next step, window
   200) with the session's Jacobian cache, beside plain BPTT of the same window
   in alternating blocks;
2. forward pass and forward + full BPTT over T = 1e3, 1e4, 1e5 steps at
   H = 8, 32, 128 (D = 1), for a squared-error loss through a read-out on every
   step (so every step has a direct gradient), beside ``torch.nn.LSTM`` in
   float64 and float32 doing the same work (forward; forward + ``backward()`` of
   the same loss, all parameter gradients), with the ratio ours/torch;
3. peak resident memory of a fresh process that runs a 1e6-step trace at
   H = 32, D = 1, beside the theoretical size of the seven T×H float64 arrays
   (measured first, while this process is still small: a child inherits its
   parent's peak as the starting ru_maxrss).

BLAS is limited to one thread for H ≤ 64, as the app does (small products stall
with two OpenBLAS threads); torch runs with ``torch.set_num_threads(1)``.
To keep the full run under about ten minutes, torch float64 forward + backward
at H = 128, T = 1e5 is skipped unless ``--torch-long-h128`` is given, and any torch float64
run whose estimated time exceeds ``--torch-budget`` seconds is skipped too; the
output says which.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lstm_sim.engine import LSTMParams, Trace, bptt, run, squared_error_loss  # noqa: E402

# Imported in main(), after the memory run: a child process starts with its
# parent's peak RSS as its own ru_maxrss, so the parent must still be small then.
torch = None

HIDDEN = (8, 32, 128)
SMALL_H = 64  # BLAS limited to one thread at or below this H


def blas_limit(hidden: int):
    """One BLAS thread for small cells (as the app does); the default above."""
    return threadpool_limits(1, "blas") if hidden <= SMALL_H else nullcontext()


def blas_threads(hidden: int) -> str:
    return "1" if hidden <= SMALL_H else "default"


def best_of(fn: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} µs"
    if seconds < 1.0:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or b is None else f"{a / b:.2f}"


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    print(f"\n{title}")
    print("  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)))


class Problem:
    """One cell, sequence and squared-error read-out loss, shared by both engines."""

    def __init__(self, hidden: int, T: int, seed: int = 0) -> None:
        rng = np.random.default_rng(seed)
        self.hidden, self.T = hidden, T
        self.params = LSTMParams.random(1, hidden, seed=seed, forget_bias=1.0)
        self.X = rng.standard_normal((T, 1))
        self.y = np.sin(np.linspace(0.0, 0.01 * T, T))[:, None]
        self.w_y = rng.standard_normal((1, hidden)) / np.sqrt(hidden)
        self.b_y = np.zeros(1)

    # ------------------------------------------------------------- ours
    def ours_forward(self) -> Trace:
        return run(self.params, self.X)

    def ours_full(self) -> float:
        tr = run(self.params, self.X)
        loss, dh = squared_error_loss(tr, self.y, readout=(self.w_y, self.b_y))
        bptt(self.params, tr, dh)
        return loss

    # ------------------------------------------------------------ torch
    def torch_setup(self, dtype) -> None:
        self.lstm = torch.nn.LSTM(1, self.hidden, dtype=dtype)
        sd = {f"{k}_l0": torch.from_numpy(v) for k, v in self.params.to_state_dict().items()}
        self.lstm.load_state_dict(sd)
        self.tx = torch.from_numpy(self.X[:, None, :]).to(dtype)
        self.ty = torch.from_numpy(self.y).to(dtype)
        self.twy = torch.from_numpy(self.w_y).to(dtype)
        self.tby = torch.from_numpy(self.b_y).to(dtype)

    def torch_forward(self) -> None:
        with torch.no_grad():
            self.lstm(self.tx)

    def torch_full(self) -> float:
        self.lstm.zero_grad(set_to_none=True)
        out, _ = self.lstm(self.tx)
        err = out[:, 0] @ self.twy.T + self.tby - self.ty
        loss = (err * err).sum()
        loss.backward()
        return float(loss.item())


def estimate(seen: list[tuple[int, float]], T: int) -> float:
    """Extrapolated time at length T from earlier (length, seconds) measurements.

    Torch's backward grows faster than linearly in T here, so the exponent seen
    between the last two lengths is used (between 1 and 2).
    """
    if not seen:
        return 0.0
    T1, s1 = seen[-1]
    alpha = 1.0
    if len(seen) >= 2:
        T0, s0 = seen[-2]
        alpha = min(2.0, max(1.0, float(np.log(s1 / s0) / np.log(T1 / T0))))
    return s1 * (T / T1) ** alpha


def median_time(fn: Callable[[], object], n: int) -> float:
    return statistics.median(best_of(fn, 1) for _ in range(n))


def repeats_for(T: int) -> int:
    return 5 if T <= 1_000 else 2 if T <= 10_000 else 1


def _windowed_bptt(p: LSTMParams, tr: Trace, dh: np.ndarray, stop: int, window: int):
    return lambda: bptt(p, tr, dh, stop=stop, window=window)


class _PlainStep:
    """Baseline: one step the plain way (four gate slices, σ = 1/(1 + e^−z)), into storage."""

    def __init__(self, p: LSTMParams, capacity: int) -> None:
        self.w_ih, self.w_hh = p.weight_ih, p.weight_hh
        self.b = p.bias_ih + p.bias_hh
        hidden = p.hidden_size
        self.h = np.zeros(hidden)
        self.c = np.zeros(hidden)
        self.store = np.empty((capacity, 7, hidden))
        self.k = 0

    def append(self, x: np.ndarray) -> None:
        hidden = self.h.shape[0]
        z = self.w_ih @ x + self.w_hh @ self.h + self.b
        i = 1.0 / (1.0 + np.exp(-z[:hidden]))
        f = 1.0 / (1.0 + np.exp(-z[hidden : 2 * hidden]))
        g = np.tanh(z[2 * hidden : 3 * hidden])
        o = 1.0 / (1.0 + np.exp(-z[3 * hidden :]))
        c = f * self.c + i * g
        tc = np.tanh(c)
        h = o * tc
        self.store[self.k] = (i, f, g, o, c, tc, h)
        self.k += 1
        self.h, self.c = h, c


def bench_latency(n_steps: int, history: int) -> None:
    rows = []
    for hidden in HIDDEN:
        with blas_limit(hidden):
            p = LSTMParams.random(1, hidden, seed=1, forget_bias=1.0)
            rng = np.random.default_rng(1)
            tr = Trace(p)
            tr.extend(rng.standard_normal((history, 1)))
            xs = rng.standard_normal((n_steps, 1))
            plain = _PlainStep(p, n_steps + 200)
            for x in xs[:200]:  # warm-up
                tr.append(x)
                plain.append(x)
            times = np.empty(n_steps)
            base = np.empty(n_steps)
            clock = time.perf_counter_ns
            # Blocks of 500 steps alternating with the baseline: both see the same
            # machine (it is shared and noisy), each with its own caches warm.
            for b0 in range(0, n_steps, 500):
                for j in range(b0, min(b0 + 500, n_steps)):
                    x = xs[j]
                    t0 = clock()
                    tr.append(x)
                    times[j] = clock() - t0
                for j in range(b0, min(b0 + 500, n_steps)):
                    x = xs[j]
                    t0 = clock()
                    plain.append(x)
                    base[j] = clock() - t0
            times *= 1e-9
            base *= 1e-9
            # Windowed BPTT (what a Step does while playing) at two history lengths.
            window = 256
            dh = rng.standard_normal((window, hidden))
            win = [median_time(_windowed_bptt(p, tr, dh, T, window), 50) for T in (1_000, len(tr))]
        rows.append(
            [
                str(hidden),
                blas_threads(hidden),
                fmt_s(float(np.median(times))),
                fmt_s(float(np.quantile(times, 0.99))),
                fmt_s(float(times.max())),
                fmt_s(float(np.median(base))),
                f"{np.median(times) / np.median(base):.2f}",
                fmt_s(win[0]),
                fmt_s(win[1]),
            ]
        )
    print_table(
        f"Per-step latency, D = 1: Trace.append over {n_steps} steps after {history} steps of "
        "history (max includes a capacity doubling when one falls in the run); "
        "BPTT window = 256; plain step: the same step written the plain way, measured "
        "in blocks alternating with append (ratio = append / plain)",
        [
            "H",
            "BLAS thr",
            "append median",
            "append p99",
            "append max",
            "plain step median",
            "ratio",
            "BPTT win @T=1e3",
            f"BPTT win @T={len(tr)}",
        ],
        rows,
    )


def bench_gradient_panel(n_steps: int, history: int, window: int = 200) -> None:
    """The gradient panel's work per Step: its view at the new cursor, window 200.

    Ours: :func:`compute_gradient_view` with the session's :class:`JacobianCache`
    (one new Jacobian per Step; the window's whole blocks of 16 rows through
    their stored products, one matrix-vector product a block, the rows around
    them one Jacobian each).
    Baseline in the same run: the same view by plain BPTT over the window (what
    the panel did before), in blocks alternating with ours.
    """
    from lstm_sim.session import JacobianCache, Settings, compute_gradient_view

    rows = []
    for hidden in HIDDEN:
        with blas_limit(hidden):
            p = LSTMParams.random(1, hidden, seed=1, forget_bias=1.0)
            tr = Trace(p)
            tr.extend(np.random.default_rng(2).standard_normal((history + n_steps, 1)))
            settings = Settings(window=window)
            if not JacobianCache.fits(hidden, window):
                rows.append([str(hidden), "—", "—", "—", "over budget"])
                continue
            cache = JacobianCache(p, tr, window)
            ours, base = np.empty(n_steps), np.empty(n_steps)
            clock = time.perf_counter_ns
            for t in range(history - window, history):  # warm: the cache holds the window
                compute_gradient_view(p, tr, t, settings, 0, jacobians=cache)
            for b0 in range(0, n_steps, 100):
                for j in range(b0, min(b0 + 100, n_steps)):
                    t0 = clock()
                    compute_gradient_view(p, tr, history + j, settings, 0, jacobians=cache)
                    ours[j] = clock() - t0
                for j in range(b0, min(b0 + 100, n_steps)):
                    t0 = clock()
                    compute_gradient_view(p, tr, history + j, settings, 0)
                    base[j] = clock() - t0
            ours *= 1e-9
            base *= 1e-9
        rows.append(
            [
                str(hidden),
                fmt_s(float(np.median(ours))),
                fmt_s(float(np.quantile(ours, 0.99))),
                fmt_s(float(np.median(base))),
                f"{np.median(ours) / np.median(base):.2f}",
            ]
        )
    print_table(
        f"Gradient panel per Step (window {window}, {n_steps} Steps after {history} of "
        "history): Jacobian chain with cache vs plain BPTT, alternating blocks",
        ["H", "chain median", "chain p99", "BPTT median", "ratio"],
        rows,
    )


def bench_throughput(
    lengths: list[int], use_torch: bool, torch_budget: float, long_h128: bool = False
) -> None:
    fwd_rows, full_rows, notes = [], [], []
    for hidden in HIDDEN:
        t64_seen: dict[str, list[tuple[int, float]]] = {}
        for T in lengths:
            prob = Problem(hidden, T)
            reps = repeats_for(T)
            with blas_limit(hidden):
                prob.ours_forward()  # warm-up (allocation, BLAS init)
                ours_f = best_of(prob.ours_forward, reps)
                ours_b = best_of(prob.ours_full, reps)
                our_loss = prob.ours_full()
            res: dict[str, float | None] = dict.fromkeys(("t64f", "t64b", "t32f", "t32b"))
            loss_diff = None
            if use_torch:
                for dtype, tag in ((torch.float64, "t64"), (torch.float32, "t32")):
                    prob.torch_setup(dtype)
                    for kind, fn in (("f", prob.torch_forward), ("b", prob.torch_full)):
                        key = tag + kind
                        est = estimate(t64_seen.get(key, []), T)
                        what = "fwd" if kind == "f" else "fwd+bwd"
                        long_run = kind == "b" and hidden > SMALL_H and T >= 100_000
                        if tag == "t64" and long_run and not long_h128:
                            notes.append(
                                f"torch float64 {what} at H={hidden}, T={T:.0e} skipped to keep "
                                f"the run short (estimated {est:.0f} s; --torch-long-h128 runs it)"
                            )
                            continue
                        if tag == "t64" and est > torch_budget:
                            notes.append(
                                f"torch float64 {what} at H={hidden}, T={T:.0e} skipped: "
                                f"estimated {est:.0f} s "
                                f"> --torch-budget {torch_budget:.0f} s"
                            )
                            continue
                        if T <= 1_000:
                            fn()  # warm-up
                        res[key] = best_of(fn, reps)
                        t64_seen.setdefault(key, []).append((T, res[key]))
                    if tag == "t64" and res["t64b"] is not None:
                        loss_diff = abs(prob.torch_full() - our_loss) / max(1.0, abs(our_loss))
                    del prob.lstm
            fwd_rows.append(
                [
                    str(hidden),
                    f"{T:.0e}",
                    blas_threads(hidden),
                    fmt_s(ours_f),
                    f"{ours_f / T * 1e6:.2f}",
                    fmt_s(res["t64f"]),
                    fmt_s(res["t32f"]),
                    fmt_ratio(ours_f, res["t64f"]),
                    fmt_ratio(ours_f, res["t32f"]),
                ]
            )
            full_rows.append(
                [
                    str(hidden),
                    f"{T:.0e}",
                    blas_threads(hidden),
                    fmt_s(ours_b),
                    f"{ours_b / T * 1e6:.2f}",
                    fmt_s(res["t64b"]),
                    fmt_s(res["t32b"]),
                    fmt_ratio(ours_b, res["t64b"]),
                    fmt_ratio(ours_b, res["t32b"]),
                    "—" if loss_diff is None else f"{loss_diff:.0e}",
                ]
            )
            print(
                f"  done H={hidden:>3} T={T:.0e}: ours fwd+bptt {fmt_s(ours_b)}, "
                f"torch64 {fmt_s(res['t64b'])}, torch32 {fmt_s(res['t32b'])}",
                flush=True,
            )
    head = ["H", "T", "BLAS thr", "ours", "µs/step", "torch f64", "torch f32"]
    print_table(
        "Forward pass (ours: run(); torch: nn.LSTM under no_grad)",
        [*head, "ours/t64", "ours/t32"],
        fwd_rows,
    )
    print_table(
        "Forward + full BPTT, L = Σ_k (W_y·h_k + b_y − y_k)² "
        "(ours: run + squared_error_loss + bptt; torch: forward + backward)",
        [*head, "ours/t64", "ours/t32", "|ΔL|/|L| f64"],
        full_rows,
    )
    for note in notes:
        print(f"  note: {note}")


_MEMORY_PROBE = """
import json, resource, sys, time


def vm(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


import numpy as np
from threadpoolctl import threadpool_limits
sys.path.insert(0, {root!r})
from lstm_sim.engine import LSTMParams, run
threadpool_limits(1, "blas")
T, H = {T}, {H}
p = LSTMParams.random(1, H, seed=0, forget_bias=1.0)
X = np.random.default_rng(0).standard_normal((T, 1))
base = vm("VmRSS")
t0 = time.perf_counter()
tr = run(p, X)
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(dict(base_kb=base, peak_kb=peak, hwm_kb=vm("VmHWM"), nbytes=tr.nbytes,
                      seconds=seconds, T=len(tr))))
"""


def bench_memory(T: int, hidden: int = 32) -> None:
    code = _MEMORY_PROBE.format(root=str(ROOT), T=T, H=hidden)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=900
    )
    if proc.returncode != 0:
        print(f"\nMemory: the subprocess failed:\n{textwrap.indent(proc.stderr, '  ')}")
        return
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    gb = 1e9
    seven = 7 * T * hidden * 8
    print(f"\nMemory: a fresh process runs a {T:.0e}-step trace at H = {hidden}, D = 1")
    print(f"  forward pass took                    {r['seconds']:.2f} s")
    print(f"  peak RSS (ru_maxrss)                 {r['peak_kb'] * 1024 / gb:.3f} GB")
    print(f"  peak RSS (VmHWM, cross-check)        {r['hwm_kb'] * 1024 / gb:.3f} GB")
    print(f"  RSS before the run (imports, X)      {r['base_kb'] * 1024 / gb:.3f} GB")
    print(
        f"  peak − before                        {(r['peak_kb'] - r['base_kb']) * 1024 / gb:.3f} GB"
    )
    print(f"  theory: seven T×H float64 arrays     {seven / gb:.3f} GB  (7·T·H·8 bytes)")
    print(
        f"  Trace.nbytes                         {r['nbytes'] / gb:.3f} GB  "
        f"(gates 4H, C, tanh C, and [x, 1, h] rows of D + 1 + H)"
    )


def describe_environment() -> None:
    print(f"python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} CPUs")
    print(f"load average at start: {', '.join(f'{v:.2f}' for v in os.getloadavg())}")


def describe_threads(use_torch: bool) -> None:
    for pool in threadpool_info():
        print(
            f"threadpool: {pool.get('internal_api')} ({pool.get('user_api')}), "
            f"{pool.get('num_threads')} threads by default"
        )
    if use_torch:
        torch.set_num_threads(1)
        print(
            f"torch {torch.__version__}: set_num_threads(1) → intra-op threads "
            f"{torch.get_num_threads()}, inter-op threads {torch.get_num_interop_threads()}"
        )
    else:
        print("torch: not used (not installed or --no-torch)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="lstm-sim engine benchmark")
    parser.add_argument("--quick", action="store_true", help="short lengths, a minute or so")
    parser.add_argument("--no-torch", action="store_true", help="skip the torch comparison")
    parser.add_argument("--no-memory", action="store_true", help="skip the 1e6-step memory run")
    parser.add_argument(
        "--torch-budget",
        type=float,
        default=150.0,
        help="skip a torch float64 run estimated to take longer (seconds, default 150)",
    )
    parser.add_argument(
        "--torch-long-h128",
        action="store_true",
        help="also run torch float64 fwd+bwd at H = 128, T = 1e5 (skipped by default)",
    )
    args = parser.parse_args(argv)
    t_start = time.perf_counter()
    describe_environment()
    if not args.no_memory:
        bench_memory(100_000 if args.quick else 1_000_000)
    global torch
    if not args.no_torch:
        try:
            import torch
        except ImportError:  # the benchmark runs without torch, minus the comparison
            torch = None
    use_torch = torch is not None
    print()
    describe_threads(use_torch)
    if args.quick:
        bench_latency(n_steps=2_000, history=10_000)
        bench_gradient_panel(n_steps=300, history=2_000)
        bench_throughput([1_000, 10_000], use_torch, args.torch_budget)
    else:
        bench_latency(n_steps=20_000, history=100_000)
        bench_gradient_panel(n_steps=2_000, history=10_000)
        bench_throughput(
            [1_000, 10_000, 100_000], use_torch, args.torch_budget, args.torch_long_h128
        )
    print(f"\nload average at end: {', '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(f"total time: {time.perf_counter() - t_start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
