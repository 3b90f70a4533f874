"""What the backward-pass tabs cost a Step: Step → repaint with each side tab in front.

Usage::

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_backward.py

A session of H = 32 units with 10⁵ steps of history (as ``bench_gui.py``); the
window at 1280 × 800. For each tab beside the diagram — Forward (the baseline,
measured in the same run, alternating with the others), Backward (lag 1 and lag
100), Matrix form, Code — the median and 95th percentile of a Step (the toolbar's
action) to the end of the repaint. The budget is that of a Step (≤ 16 ms,
docs/architecture.md); the tabs behind the one shown cost nothing (they redraw
when shown).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_gui import make_session

HISTORY, HIDDEN, ROUNDS, STEPS = 100_000, 32, 6, 25


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from lstm_sim.gui.main_window import MainWindow

    threadpool_limits(1, "blas")
    app = QApplication.instance() or QApplication([])
    s = make_session(HISTORY + ROUNDS * 5 * STEPS + 10, HIDDEN)
    s.compute_until(HISTORY)
    s.set_step(HISTORY)
    win = MainWindow(s)
    win.resize(1280, 800)
    win.show()
    app.processEvents()
    cases = {
        "Forward (baseline)": (win.equations_box, 1),
        "Backward, lag 1": (win.backward, 1),
        "Backward, lag 100": (win.backward, 100),
        "Matrix form": (win.matrix, 1),
        "Code": (win.code, 1),
    }
    times: dict[str, list[float]] = {k: [] for k in cases}
    for _ in range(ROUNDS):  # alternate, so that load on the machine hits every case alike
        for name, (tab, lag) in cases.items():
            s.update_settings(backward_lag=lag)
            win.side_tabs.setCurrentWidget(tab)
            app.processEvents()
            for _ in range(STEPS):
                t0 = time.perf_counter()
                win.transport.step_action.trigger()
                app.processEvents()
                times[name].append(time.perf_counter() - t0)
    base = statistics.median(times["Forward (baseline)"])
    print(f"Step → repaint, {HISTORY:.0e} steps of history, H = {HIDDEN}, 1280×800:")
    for name, ts in times.items():
        med = statistics.median(ts)
        p95 = float(np.percentile(ts, 95))
        print(
            f"  {name:<20} median {1e3 * med:6.2f} ms  p95 {1e3 * p95:6.2f} ms  ×{med / base:.2f}"
        )
    win.close()


if __name__ == "__main__":
    main()
