"""Train the gallery's examples and write them to ``resources/examples/``.

Usage::

    .venv/bin/python tools/make_examples.py              # every example
    .venv/bin/python tools/make_examples.py adding text  # only these

Every example is trained by :class:`lstm_sim.train.Trainer` from fixed seeds,
with BLAS limited to one thread, so a run on the same machine reproduces the
files byte for byte (the .npz writer fixes the zip timestamps). The whole run
takes about 20 s on 2 vCPUs (measured: 21 s).

What each example is and what to look at is in :data:`lstm_sim.gallery.EXAMPLES`.
At the end the script prints each example's training loss and, for the
adding problem, the MSE on held-out sequences beside the trivial predictor's
(always 1.0, the mean of the sum).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from lstm_sim import gallery
from lstm_sim.engine import LSTMParams, run
from lstm_sim.sequence import Sequence
from lstm_sim.train import Readout, TrainConfig, Trainer, evaluate

OUT = Path(__file__).resolve().parents[1] / "resources" / "examples"

TEXT = "cat on mat. dog on log. " * 3
#: Seed of the held-out adding-problem sequences (tests/test_train.py uses the same).
ADDING_HELD_OUT_SEED = 2024

Made = tuple[Sequence, LSTMParams, Readout, str]


def _train(
    seqs: Sequence | list[Sequence],
    params: LSTMParams,
    config: TrainConfig,
    epochs: int,
    label: str,
    readout: Readout | None = None,
) -> Trainer:
    t0 = time.perf_counter()
    trainer = Trainer(seqs, params, readout, config)
    trainer.run(epochs)
    h = trainer.history
    print(
        f"  {label}: {epochs} epochs, {trainer.updates} updates, loss {h[0]:.4g} → {h[-1]:.4g} "
        f"({time.perf_counter() - t0:.1f} s)",
        flush=True,
    )
    return trainer


def make_sine() -> Made:
    seq = gallery.sine_wave(200, period=25.0)
    tr = _train(
        seq, LSTMParams.random(1, 4, seed=1, forget_bias=1.0), TrainConfig(seed=1), 600, "sine"
    )
    return seq, tr.params, tr.readout, f"MSE {tr.evaluate():.3g}"


def make_noisy_sine() -> Made:
    seq = gallery.noisy_sine(200, period=25.0, noise=0.1, seed=0)
    tr = _train(seq, LSTMParams.random(1, 16, seed=0), TrainConfig(seed=0), 200, "noisy sine")
    return seq, tr.params, tr.readout, f"MSE {tr.evaluate():.3g} (from {tr.history[0]:.3g})"


def make_square_pulses() -> Made:
    train = [gallery.square_pulses(200, seed=s) for s in range(8)]
    params = LSTMParams.random(1, 2, seed=3, forget_bias=3.0, init="xavier")
    tr = _train(train, params, TrainConfig(seed=3, batch_size=4), 150, "pulses")
    seq = gallery.square_pulses(200, seed=100)
    mse = evaluate(tr.params, tr.readout, seq)
    return seq, tr.params, tr.readout, f"MSE on a new sequence {mse:.3g}"


def recall_r2(params: LSTMParams, readout: Readout, delay: int, n: int = 200) -> float:
    """R² of the recalled value on held-out sequences with this delay (1: perfect, 0: the mean)."""
    held = [gallery.delayed_recall(delay, seed=np.random.default_rng(7000 + k)) for k in range(n)]
    y = np.array([s.targets[-1, 0] for s in held])
    return 1.0 - evaluate(params, readout, held) / float(np.var(y))


#: Delayed recall's training stages: (shortest delay, longest delay, epochs), 400
#: random sequences each (delays drawn uniformly). A delay of 10 first (solved in a
#: few hundred updates), then random delays: trained on one delay only (10, then
#: 40) the cell answered well at that delay and not at others (R² < 0 at 80).
RECALL_CURRICULUM: tuple[tuple[int, int, int], ...] = (
    (10, 10, 20),
    (5, 40, 5),
    (5, 80, 5),
    (5, 80, 5),
)


def make_delayed_recall() -> Made:
    rng = np.random.default_rng(5)
    tr: Trainer | None = None
    for lo, hi, epochs in RECALL_CURRICULUM:
        delays = [lo] * 400 if lo == hi else rng.integers(lo, hi + 1, size=400)
        seqs = [gallery.delayed_recall(int(d), seed=rng) for d in delays]
        if tr is None:
            params = LSTMParams.random(2, 4, seed=5, forget_bias=1.0)
            tr = _train(seqs, params, TrainConfig(seed=5, batch_size=10), epochs, "recall delay=10")
        else:
            cfg = TrainConfig(lr=3e-3, seed=5, batch_size=10)
            label = f"recall delay={lo}…{hi}"
            tr = _train(seqs, tr.params, cfg, epochs, label, readout=tr.readout)
    assert tr is not None
    r2 = ", ".join(f"{d}: {recall_r2(tr.params, tr.readout, d):.3f}" for d in (5, 20, 40, 80, 100))
    seq = gallery.delayed_recall(40, seed=np.random.default_rng(11))
    return seq, tr.params, tr.readout, f"held-out R² by delay {r2}"


def adding_held_out(n: int = 500, length: int = 50) -> list[Sequence]:
    """The held-out adding-problem sequences (not used in training)."""
    rng = np.random.default_rng(ADDING_HELD_OUT_SEED)
    return [gallery.adding_problem(length, seed=rng) for _ in range(n)]


def adding_r2(params: LSTMParams, readout: Readout, length: int, n: int = 200) -> float:
    """R² of the predicted sum on held-out sequences of this length."""
    rng = np.random.default_rng(ADDING_HELD_OUT_SEED)
    held = [gallery.adding_problem(length, seed=rng) for _ in range(n)]
    y = np.array([s.targets[-1, 0] for s in held])
    return 1.0 - evaluate(params, readout, held) / float(np.var(y))


#: The adding problem's training stages: (shortest T, longest T, epochs), 1000 random
#: sequences each. T = 20 first (where the plateau at the trivial MSE is left after
#: ~1100 updates), then random lengths, so that the cell adds over any length: trained
#: on T = 20 and 50 only, it scored R² 0.29 at T = 200.
ADDING_CURRICULUM: tuple[tuple[int, int, int], ...] = (
    (20, 20, 15),
    (10, 100, 4),
    (10, 100, 4),
    (10, 200, 2),
)


def make_adding() -> Made:
    rng = np.random.default_rng(0)
    tr: Trainer | None = None
    for lo, hi, epochs in ADDING_CURRICULUM:
        lengths = [lo] * 1000 if lo == hi else rng.integers(lo, hi + 1, size=1000)
        seqs = [gallery.adding_problem(int(n), seed=rng) for n in lengths]
        if tr is None:
            params = LSTMParams.random(2, 8, seed=0, forget_bias=1.0)
            tr = _train(seqs, params, TrainConfig(seed=0, batch_size=10), epochs, "adding T=20")
        else:
            cfg = TrainConfig(lr=3e-3, seed=0, batch_size=10)
            tr = _train(seqs, tr.params, cfg, epochs, f"adding T={lo}…{hi}", readout=tr.readout)
    assert tr is not None
    held = adding_held_out()
    mse = evaluate(tr.params, tr.readout, held)
    trivial = float(np.mean([(s.targets[-1, 0] - 1.0) ** 2 for s in held]))
    r2 = ", ".join(f"{n}: {adding_r2(tr.params, tr.readout, n):.3f}" for n in (10, 50, 200))
    seq = gallery.adding_problem(50, seed=np.random.default_rng(1997))
    return (
        seq,
        tr.params,
        tr.readout,
        f"held-out MSE {mse:.4g} vs trivial (predict 1.0) {trivial:.4g} "
        f"(ratio {mse / trivial:.3g}, {len(held)} sequences, T = 50); R² by length {r2}",
    )


def make_text() -> Made:
    seq = gallery.text_sequence(TEXT)
    params = LSTMParams.random(seq.input_size, 16, seed=2, forget_bias=1.0)
    tr = _train(seq, params, TrainConfig(seed=2), 300, "text")
    y = tr.readout(run(tr.params, seq.inputs).h)
    acc = float(np.mean(np.argmax(y, axis=1) == np.argmax(seq.targets, axis=1)))
    return seq, tr.params, tr.readout, f"MSE {tr.evaluate():.3g}, next-char accuracy {acc:.0%}"


MAKERS: dict[str, Callable[[], Made]] = {
    "sine": make_sine,
    "noisy_sine": make_noisy_sine,
    "square_pulses": make_square_pulses,
    "delayed_recall": make_delayed_recall,
    "adding": make_adding,
    "text": make_text,
}


def main(argv: list[str]) -> int:
    keys = argv or [e.key for e in gallery.EXAMPLES]
    unknown = [k for k in keys if k not in MAKERS]
    if unknown:
        print(f"unknown example(s): {', '.join(unknown)}; known: {', '.join(MAKERS)}")
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    summary = []
    with threadpool_limits(1, "blas"):
        for key in keys:
            print(f"{key}:", flush=True)
            seq, params, readout, note = MAKERS[key]()
            ex = gallery.example(key)
            root = OUT.parent
            gallery.write_sequence_npz(root / ex.sequence_file, seq)
            gallery.write_weights_npz(root / ex.weights_file, params, readout)
            summary.append(f"{key:15s} H={params.hidden_size:<3d} T={len(seq):<4d} {note}")
    print(f"\nwrote {OUT} in {time.perf_counter() - t0:.0f} s")
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
