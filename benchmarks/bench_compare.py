"""Compare mode responsiveness (offscreen; not run by CI).

    python benchmarks/bench_compare.py [--quick]

Steps through a 1e4-step sequence in compare mode (LSTM beside a vanilla RNN,
H = 8) with a 1e3-step BPTT window, as a user holding the Step key would, and
reports the Step-to-repaint time and the longest event-loop stall. The
gradients of that window are computed in a worker thread; the baseline in the
same run computes them on the GUI thread (what the worker saves the user).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from threadpoolctl import threadpool_limits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--switch", type=float, default=None, help="sys.setswitchinterval (default: the app's)"
    )
    parser.add_argument("--start", type=int, default=0, help="first step (computed beforehand)")
    args = parser.parse_args()
    threadpool_limits(1, "blas")
    import sys

    from lstm_sim.gui.app import GIL_SWITCH_S

    sys.setswitchinterval(args.switch or GIL_SWITCH_S)  # as run_app does
    from PySide6.QtCore import QTimer

    from lstm_sim.engine import LSTMParams, RNNParams
    from lstm_sim.gui.app import create_app
    from lstm_sim.gui.main_window import MainWindow
    from lstm_sim.sequence import Sequence
    from lstm_sim.session import Session, compute_gradient_view

    app = create_app([])
    T, H = 10_000, 8
    steps = 1_000 if args.quick else T
    rng = np.random.default_rng(0)
    seq = Sequence(0.5 * rng.standard_normal((T, 1)))
    s = Session(seq, LSTMParams.random(1, H, seed=1, forget_bias=2.0))
    s.update_settings(window=1000, compare=True)
    s.set_rnn(RNNParams.random(1, H, seed=2, recurrent_scale=0.95))
    if args.start:
        s.compute_until(args.start)
        s.set_step(args.start)
    win = MainWindow(s)
    win.resize(1280, 800)
    win.tabs.setCurrentWidget(win.compare)
    win.show()
    app.processEvents()

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    times = []
    delivered = 0
    t_start = time.perf_counter()
    for _ in range(steps):
        t0 = time.perf_counter()
        win.transport.step_action.trigger()
        app.processEvents()
        times.append(time.perf_counter() - t0)
        if s.gradients is not None:
            delivered += 1
    total = time.perf_counter() - t_start
    # The window's gradients are computed once the cursor rests: how long until shown?
    t0 = time.perf_counter()
    while s.gradients is None and time.perf_counter() - t0 < 30:
        app.processEvents()
        time.sleep(0.001)
    settle = time.perf_counter() - t0
    timer.stop()
    # Baseline: the same gradient view computed on the GUI thread, per step.
    base = []
    for t in range(s.t - 50, s.t):
        t0 = time.perf_counter()
        compute_gradient_view(s.params, s.trace, t, s.settings, 0, s._rnn_pair())
        base.append(time.perf_counter() - t0)
    print(f"compare mode, T = {T}, H = {H}, BPTT window 1000, {steps} Steps in {total:.1f} s")
    print(
        f"  Step → repaint: median {1e3 * statistics.median(times):.1f} ms, "
        f"p95 {1e3 * float(np.percentile(times, 95)):.1f} ms, worst {1e3 * max(times):.1f} ms"
    )
    print(f"  longest event-loop stall: {1e3 * max(gaps):.1f} ms over {len(gaps)} ticks")
    print(
        f"  gradients shown {1e3 * settle:.0f} ms after the last Step "
        f"(computed in a worker once the cursor rests; {delivered}/{steps} Steps saw them "
        "while stepping without pause)"
    )
    print(
        f"  baseline, the window's gradients on the GUI thread: median "
        f"{1e3 * statistics.median(base):.1f} ms per step "
        f"(ratio Step-to-repaint / baseline "
        f"{statistics.median(times) / statistics.median(base):.2f})"
    )


if __name__ == "__main__":
    main()
