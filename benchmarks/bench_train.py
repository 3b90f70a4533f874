"""Training benchmark (not run by CI): epochs per second on the noisy-sine example.

    python benchmarks/bench_train.py [--epochs N] [--repeats R] [--no-torch]

One epoch on the gallery's noisy-sine sequence (T = 200, D = 1, P = 1) with
H = 16: a forward pass over all steps, the mean squared error of a linear
read-out on every step, full BPTT, one Adam update (lr = 1e-2) of the cell and
the read-out — :class:`lstm_sim.train.Trainer`. Beside it, when torch is
installed, a PyTorch loop doing the same work: ``nn.LSTM(1, 16)`` +
``nn.Linear(16, 1)`` in float64, ``torch.optim.Adam``, the same loss and
``backward()`` over the whole sequence, started from the same weights — the two
loss histories are compared to show it is the same computation. torch float32 is
shown for context only.

BLAS is limited to one thread (``threadpoolctl.threadpool_limits(1, "blas")``,
as the app does for small cells); torch runs with ``torch.set_num_threads(1)``.
Each figure is the best of ``--repeats`` timed runs of ``--epochs`` epochs
after a warm-up.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lstm_sim.engine import LSTMParams  # noqa: E402
from lstm_sim.gallery import load_example  # noqa: E402
from lstm_sim.train import Readout, TrainConfig, Trainer  # noqa: E402

HIDDEN = 16
LR = 1e-2


def bench_numpy(seq, params, readout, epochs: int, repeats: int) -> tuple[float, list[float]]:
    """(best epochs/s, loss history of the first timed run)."""
    Trainer(seq, params, readout, TrainConfig(lr=LR)).run(5)  # warm-up
    best, history = 0.0, []
    for r in range(repeats):
        trainer = Trainer(seq, params, readout, TrainConfig(lr=LR))
        t0 = time.perf_counter()
        trainer.run(epochs)
        dt = time.perf_counter() - t0
        best = max(best, epochs / dt)
        if r == 0:
            history = list(trainer.history)
    return best, history


def bench_torch(torch, seq, params, readout, epochs, repeats, dtype):
    """The same training loop with nn.LSTM + nn.Linear and torch.optim.Adam."""
    x = torch.tensor(seq.inputs, dtype=dtype).unsqueeze(1)  # (T, batch 1, D)
    y = torch.tensor(seq.targets, dtype=dtype).unsqueeze(1)

    def make():
        lstm = torch.nn.LSTM(params.input_size, params.hidden_size).to(dtype)
        head = torch.nn.Linear(params.hidden_size, readout.output_size).to(dtype)
        with torch.no_grad():
            for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                getattr(lstm, name + "_l0").copy_(torch.tensor(getattr(params, name)))
            head.weight.copy_(torch.tensor(readout.W_y))
            head.bias.copy_(torch.tensor(readout.b_y))
        opt = torch.optim.Adam(
            [*lstm.parameters(), *head.parameters()], lr=LR, betas=(0.9, 0.999), eps=1e-8
        )
        return lstm, head, opt

    def epoch(lstm, head, opt):
        opt.zero_grad()
        out, _ = lstm(x)  # zero initial state, full sequence: full BPTT
        loss = torch.mean((head(out) - y) ** 2)
        loss.backward()
        opt.step()
        return loss.item()

    lstm, head, opt = make()
    for _ in range(5):  # warm-up
        epoch(lstm, head, opt)
    best, history = 0.0, []
    for r in range(repeats):
        lstm, head, opt = make()
        t0 = time.perf_counter()
        losses = [epoch(lstm, head, opt) for _ in range(epochs)]
        dt = time.perf_counter() - t0
        best = max(best, epochs / dt)
        if r == 0:
            history = losses
    return best, history


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=100)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-torch", action="store_true")
    args = ap.parse_args()

    seq, _, _ = load_example("noisy_sine")
    params = LSTMParams.random(seq.input_size, HIDDEN, seed=0)
    readout = Readout.random(HIDDEN, seq.target_size, seed=0)
    print(
        f"noisy sine: T = {len(seq)}, D = {seq.input_size}, H = {HIDDEN}, P = {seq.target_size}; "
        f"full BPTT, Adam lr = {LR}; best of {args.repeats} × {args.epochs} epochs"
    )
    print(f"python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}")

    torch = None
    if not args.no_torch:
        try:
            import torch
        except ImportError:
            print("torch not installed: NumPy figures only")

    with threadpool_limits(1, "blas"):
        ours, ours_hist = bench_numpy(seq, params, readout, args.epochs, args.repeats)
        print(
            f"  lstm_sim Trainer (NumPy float64):  {ours:8.1f} epochs/s  "
            f"({1e3 / ours:6.2f} ms/epoch)"
        )
        if torch is not None:
            torch.set_num_threads(1)
            print(f"  torch {torch.__version__}, {torch.get_num_threads()} thread")
            t64, t64_hist = bench_torch(
                torch, seq, params, readout, args.epochs, args.repeats, torch.float64
            )
            print(
                f"  torch nn.LSTM float64 + Adam:      {t64:8.1f} epochs/s  "
                f"({1e3 / t64:6.2f} ms/epoch)"
            )
            t32, _ = bench_torch(
                torch, seq, params, readout, args.epochs, args.repeats, torch.float32
            )
            print(
                f"  torch nn.LSTM float32 + Adam:      {t32:8.1f} epochs/s  "
                f"({1e3 / t32:6.2f} ms/epoch)  [context only]"
            )
            print(
                f"  ratio ours / torch float64: {ours / t64:.2f}×  "
                f"(ours / torch float32: {ours / t32:.2f}×)"
            )
            a, b = np.array(ours_hist), np.array(t64_hist)
            rel = np.max(np.abs(a - b) / np.abs(b))
            print(
                f"  same computation: loss {a[0]:.6g} → {a[-1]:.6g} (ours), "
                f"{b[0]:.6g} → {b[-1]:.6g} (torch float64); "
                f"max relative difference over {len(a)} epochs {rel:.1e}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
