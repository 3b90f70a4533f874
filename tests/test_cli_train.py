"""``lstm-sim train``: headless training from the command line."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np

from lstm_sim.gallery import noisy_sine
from lstm_sim.io import load_weights_with_readout, save_sequence
from lstm_sim.train import Readout, evaluate


def _cli(*args: str, cwd) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run(
        [sys.executable, "-m", "lstm_sim", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )


def test_train_writes_weights_that_reload_to_the_reported_loss(tmp_path):
    seq = noisy_sine(120)
    save_sequence(seq, tmp_path / "ns.npz")
    out = tmp_path / "trained.npz"
    r = _cli("train", "ns.npz", "--hidden", "6", "--epochs", "40", "--out", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    params, pair = load_weights_with_readout(out)
    assert params.hidden_size == 6 and pair is not None
    final = float(r.stdout.strip().splitlines()[-1].split("→")[1].split(";")[0])
    loss = evaluate(params, Readout(*pair), seq)
    np.testing.assert_allclose(loss, final, rtol=1e-5)
    first = [line for line in r.stdout.splitlines() if line.startswith("epoch")]
    assert first, r.stdout
    # the same seed gives the same weights
    out2 = tmp_path / "again.npz"
    r2 = _cli(
        "train", "ns.npz", "--hidden", "6", "--epochs", "40", "--out", str(out2), cwd=tmp_path
    )
    assert r2.returncode == 0
    assert load_weights_with_readout(out2)[0] == params


def test_train_bad_input_is_one_line_and_status_2(tmp_path):
    (tmp_path / "x.csv").write_text("x\n1\n2\n")
    r = _cli("train", "x.csv", "--out", "w.npz", cwd=tmp_path)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "x.csv" in lines[0] and "no targets" in lines[0]
    r = _cli("train", "missing.csv", "--out", "w.npz", cwd=tmp_path)
    assert r.returncode == 2 and "missing.csv" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "w.npz").exists()
