"""GUI responsiveness benchmark (offscreen; not run by CI).

    python benchmarks/bench_gui.py [--quick]
    python benchmarks/bench_gui.py --against OTHER_TREE [--rounds N] [--quick]

Reports:
1. median and worst time from a Step to the end of the repaint, with 1e5 steps
   of history at H = 32 (target ≤ 16 ms);
2. repaints per second while playing at 60 steps/s for 10 s (target ≥ 55);
3. the longest event-loop stall during a run to the end of 1e6 steps at H = 8
   (target ≤ 100 ms), and how long the run took;
4. time from launch to the first painted window (target ≤ 2 s), in a fresh
   process, with the package's bytecode cached as after a first launch (the
   first of the runs, which may compile it, is reported on its own).

Playing and the run to the end are measured in a running Qt event loop, as in
the app (not a loop of processEvents and sleeps, whose sleeps would eat into
each frame's 16.7 ms).

``--against OTHER_TREE`` (a checkout of another commit, e.g. ``git archive main``
unpacked somewhere) measures only the single-cell Step → repaint, in fresh
processes alternating between this tree and the other one (``PYTHONPATH``), and
prints both medians and their ratio: a change's cost on the Step path, measured
in the same run. It also times a Step of a whole model's cell (2 layers,
bidirectional, H = 32; the reverse cell of layer 1), which only this tree has.

Baseline in the same run: the cost of the same Step when every plotted curve
is re-sent whole (the naive approach of docs/architecture.md, "Pitfalls": no
incremental envelope, the whole curve repainted), so the figure can be read as a
ratio. The machine is shared and noisy: run it a few times and compare medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import textwrap
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from threadpoolctl import threadpool_limits


def make_session(T: int, hidden: int, seed: int = 0):
    from lstm_sim.engine import LSTMParams
    from lstm_sim.sequence import Sequence
    from lstm_sim.session import Session

    rng = np.random.default_rng(seed)
    seq = Sequence(rng.standard_normal((T, 1)), name="bench")
    return Session(seq, LSTMParams.random(1, hidden, seed=seed, forget_bias=1.0), name="bench")


class PaintCounter:
    """Counts paint events of some widgets."""

    def __init__(self, widgets) -> None:
        from PySide6.QtCore import QEvent, QObject

        counter = self

        class Filter(QObject):
            def eventFilter(self, obj, ev):
                if ev.type() == QEvent.Type.Paint:
                    counter.count += 1
                return False

        self.count = 0
        self.filter = Filter()
        for w in widgets:
            w.installEventFilter(self.filter)


def run_event_loop(seconds: float, until=None) -> None:
    """Run a Qt event loop, as the app does, for ``seconds`` or until ``until()`` is true."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    loop = QEventLoop()
    # Precise: a coarse (default) timer this long may end the loop 5 % early.
    end = QTimer()
    end.setTimerType(Qt.TimerType.PreciseTimer)
    end.setSingleShot(True)
    end.timeout.connect(loop.quit)
    end.start(int(seconds * 1000))
    check = QTimer()
    if until is not None:
        check.setInterval(10)
        check.timeout.connect(lambda: until() and loop.quit())
        check.start()
    loop.exec()
    end.stop()
    check.stop()


def bench_step(app, history: int, hidden: int, n: int) -> dict:
    from lstm_sim.gui.main_window import MainWindow

    s = make_session(history + n + 10, hidden)
    s.compute_until(history)
    s.set_step(history)
    win = MainWindow(s)
    win.resize(1280, 800)
    win.show()
    app.processEvents()
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        win.transport.step_action.trigger()
        # The repaints a Step causes are posted update requests: processing the
        # events paints exactly what the Step invalidated.
        app.processEvents()
        times.append(time.perf_counter() - t0)
    # Baseline: re-upload the whole history of every visible curve on each step.
    plots = win.plots
    base = []
    for _ in range(max(10, n // 5)):
        t0 = time.perf_counter()
        win.transport.step_action.trigger()
        tr = s.trace
        for key in ("f", "i", "o", "c", "h"):
            arr = getattr(tr, key)
            for series, j in zip(plots._series[key], plots._units, strict=True):
                series.item.setData(np.arange(1, len(arr) + 1), arr[:, j])
        app.processEvents()
        base.append(time.perf_counter() - t0)
    win.close()
    return {
        "median_ms": 1e3 * statistics.median(times),
        "p95_ms": 1e3 * float(np.percentile(times, 95)),
        "worst_ms": 1e3 * max(times),
        "baseline_median_ms": 1e3 * statistics.median(base),
    }


def bench_play(app, seconds: float, speed: int) -> dict:
    from lstm_sim.gui.main_window import MainWindow

    s = make_session(int(seconds * speed * 2) + 100, 8)
    win = MainWindow(s)
    win.resize(1280, 800)
    win.show()
    app.processEvents()
    counter = PaintCounter([win.diagram.viewport(), win.plots.layout_widget.viewport()])
    win.transport.speed_box.setValue(speed)
    start_count = counter.count
    t_start = s.t
    t0 = time.perf_counter()
    win.transport.play()
    run_event_loop(seconds)
    win.transport.pause()
    elapsed = time.perf_counter() - t0  # the rates per second actually elapsed
    frames = counter.count - start_count
    steps = s.t - t_start
    win.close()
    # two viewports each paint once per frame
    return {"repaints_per_s": frames / 2 / elapsed, "steps_per_s": steps / elapsed}


def bench_run_to_end(app, T: int, hidden: int) -> dict:
    from PySide6.QtCore import QTimer

    from lstm_sim.gui.main_window import MainWindow

    s = make_session(T, hidden)
    win = MainWindow(s)
    win.resize(1280, 800)
    win.show()
    app.processEvents()
    gaps = []
    last = [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    t0 = time.perf_counter()
    last[0] = t0
    win.transport.end_action.trigger()
    run_event_loop(600.0, until=lambda: s.t == T)
    elapsed = time.perf_counter() - t0
    # let the final repaint and the gradient job finish, still measuring stalls
    run_event_loop(1.0)
    timer.stop()
    win.close()
    return {"seconds": elapsed, "worst_stall_ms": 1e3 * max(gaps), "ticks": len(gaps)}


def bench_launch() -> dict:
    code = textwrap.dedent(
        """
        import os, sys, time
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import QEvent, QObject, QTimer
        from lstm_sim.gui.app import create_app
        app = create_app([])
        from lstm_sim.gui.main_window import MainWindow
        w = MainWindow()
        class F(QObject):
            def eventFilter(self, obj, ev):
                if ev.type() == QEvent.Type.Paint:
                    print(time.time(), flush=True)
                    os._exit(0)
                return False
        f = F()
        w.installEventFilter(f)
        w.show()
        app.exec()
        """
    )
    # As after a first launch: the modules' bytecode is cached (__pycache__, as
    # Python writes it unless PYTHONDONTWRITEBYTECODE is set, which would compile
    # the package at every launch). The first launch, which may compile it, is
    # reported on its own.
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    runs = []
    for _ in range(4):
        t0 = time.time()
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
            env=env,
        )
        runs.append(float(out.stdout.strip().splitlines()[-1]) - t0)
    first, runs = runs[0], runs[1:]
    return {
        "launch_s_median": statistics.median(runs),
        "launch_s_worst": max(runs),
        "launch_s_first": first,
    }


def bench_model_step(app, history: int, hidden: int, n: int) -> dict:
    """Step → repaint on the reverse cell of layer 1 of a 2-layer bidirectional model."""
    from lstm_sim.engine import LSTMParams
    from lstm_sim.engine.model import Head, Layer, Model
    from lstm_sim.gui.main_window import MainWindow

    s = make_session(history + n + 10, hidden)
    cells = [LSTMParams.random(d, hidden, seed=k) for k, d in enumerate((1, 1))]
    upper = [LSTMParams.random(2 * hidden, hidden, seed=k + 2) for k in range(2)]
    head = Head(np.zeros((1, 2 * hidden)), np.zeros(1), "every")
    s.set_model(Model([Layer(*cells), Layer(*upper)], head), (1, True))
    s.compute_until(history)
    s.set_step(history)
    win = MainWindow(s)
    win.resize(1280, 800)
    win.show()
    app.processEvents()
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        win.transport.step_action.trigger()
        app.processEvents()
        times.append(time.perf_counter() - t0)
    win.close()
    return {"median_ms": 1e3 * statistics.median(times)}


_STEP_CHILD = """
import json, os, sys
sys.path.insert(0, {bench!r})
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
import bench_gui
from threadpoolctl import threadpool_limits
threadpool_limits(1, "blas")
from lstm_sim.gui.app import GIL_SWITCH_S, create_app
sys.setswitchinterval(GIL_SWITCH_S)
app = create_app([])
import lstm_sim
out = bench_gui.bench_step(app, {history}, 32, {n})
out["tree"] = os.path.dirname(os.path.dirname(os.path.abspath(lstm_sim.__file__)))
if {model}:
    out["model_median_ms"] = bench_gui.bench_model_step(app, {history}, 32, {n})["median_ms"]
print(json.dumps(out))
"""


def compare_trees(other: str, rounds: int, history: int, n: int) -> None:
    """Single-cell Step → repaint here and in ``other``, alternating fresh processes."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    bench = os.path.dirname(os.path.abspath(__file__))
    results: dict[str, list[float]] = {here: [], other: []}
    model: list[float] = []
    for _ in range(rounds):
        for tree in (other, here):
            env = dict(os.environ, PYTHONPATH=tree, QT_QPA_PLATFORM="offscreen")
            code = _STEP_CHILD.format(bench=bench, history=history, n=n, model=tree == here)
            out = subprocess.run(
                [sys.executable, "-c", code],
                capture_output=True,
                text=True,
                check=True,
                env=env,
                cwd=tree,
                timeout=900,
            )
            r = __import__("json").loads(out.stdout.strip().splitlines()[-1])
            if os.path.realpath(r["tree"]) != os.path.realpath(tree):
                raise SystemExit(f"{tree}: imported lstm_sim from {r['tree']}")
            results[tree].append(r["median_ms"])
            if "model_median_ms" in r:
                model.append(r["model_median_ms"])
            print(f"  {tree}: median {r['median_ms']:.2f} ms", flush=True)
    a, b = statistics.median(results[here]), statistics.median(results[other])
    print(
        f"Step → repaint, {history:.0e} steps of history, H = 32, medians of {rounds} runs: "
        f"this tree {a:.2f} ms, {other} {b:.2f} ms → ratio {a / b:.3f}"
    )
    print(
        f"A whole model's cell (2 layers, bidirectional, layer 1 reverse), this tree: "
        f"median {statistics.median(model):.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    parser.add_argument("--against", metavar="TREE", help="compare the Step with another tree")
    parser.add_argument("--rounds", type=int, default=3, help="runs per tree with --against")
    args = parser.parse_args()
    if args.against:
        history = 10_000 if args.quick else 100_000
        compare_trees(
            os.path.abspath(args.against), args.rounds, history, 60 if args.quick else 200
        )
        return
    threadpool_limits(1, "blas")
    import sys as _sys

    from lstm_sim.gui.app import GIL_SWITCH_S

    _sys.setswitchinterval(GIL_SWITCH_S)  # as run_app does
    from lstm_sim.gui.app import create_app

    app = create_app([])
    history = 10_000 if args.quick else 100_000
    long_T = 100_000 if args.quick else 1_000_000
    play_s = 3.0 if args.quick else 10.0

    r = bench_step(app, history, 32, 60 if args.quick else 200)
    print(f"Step → repaint, {history:.0e} steps of history, H = 32:")
    print(
        f"  median {r['median_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, worst {r['worst_ms']:.1f} ms"
        f"  (target ≤ 16 ms median)"
    )
    print(
        f"  baseline (re-upload the whole history each step): median "
        f"{r['baseline_median_ms']:.1f} ms → ratio {r['median_ms'] / r['baseline_median_ms']:.2f}"
    )
    r = bench_play(app, play_s, 60)
    print(
        f"Playing at 60 steps/s for {play_s:.0f} s: {r['repaints_per_s']:.1f} repaints/s, "
        f"{r['steps_per_s']:.1f} steps/s (target ≥ 55 repaints/s)"
    )
    r = bench_run_to_end(app, long_T, 8)
    print(
        f"Run to end of {long_T:.0e} steps, H = 8: {r['seconds']:.1f} s, worst event-loop stall "
        f"{r['worst_stall_ms']:.1f} ms over {r['ticks']} ticks (target ≤ 100 ms)"
    )
    r = bench_launch()
    print(
        f"Launch to first painted window: median {r['launch_s_median']:.2f} s, "
        f"worst {r['launch_s_worst']:.2f} s (target ≤ 2 s); the first of the runs "
        f"(which may compile the package's bytecode): {r['launch_s_first']:.2f} s"
    )


if __name__ == "__main__":
    main()
