"""The headless command line: exit codes, one-line errors, trace.csv as documented, plots.

The end-to-end runs start ``python -m lstm_sim`` in a subprocess whose
environment has no DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM; message checks
that need no process call :func:`lstm_sim.cli.main` directly.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from lstm_sim import cli
from lstm_sim.engine import LSTMParams, bptt, output_loss, run, squared_error_loss
from lstm_sim.io import save_weights

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def lstm_sim(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    return subprocess.run(
        [sys.executable, "-m", "lstm_sim", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=180,
        check=False,
    )


@pytest.fixture
def data_csv(tmp_path):
    rng = np.random.default_rng(8)
    x = rng.standard_normal((30, 2))
    y = np.sin(np.arange(30))[:, None] * 0.5
    path = tmp_path / "data.csv"
    path.write_text(
        "a,b,y\n"
        + "".join(
            f"{r[0]!r},{r[1]!r},{t!r}\n" for r, t in zip(x.tolist(), y[:, 0].tolist(), strict=True)
        )
    )
    return path, x, y


def read_trace(path: Path) -> dict[str, np.ndarray]:
    lines = path.read_text().splitlines()
    header = lines[0].split(",")
    table = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    return {name: table[:, k] for k, name in enumerate(header)} | {"__header__": header}


def run_main(capsys, *args: str) -> tuple[int, str, str]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


# -------------------------------------------------------------- subprocess
def test_run_writes_trace_with_engine_values(tmp_path, data_csv):
    path, x, y = data_csv
    out = tmp_path / "out"
    proc = lstm_sim(
        "run", str(path), "--hidden", "3", "--seed", "5", "--forget-bias", "2", "--out", str(out)
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    trace_csv = read_trace(out / "trace.csv")
    header = trace_csv["__header__"]
    expected = ["t", "x_0", "x_1", "y_0"]
    for g in "figoch":
        expected += [f"{g}_{j}" for j in range(3)]
    assert header == [*expected, "grad_c_norm", "grad_h_norm"]

    params = LSTMParams.random(2, 3, seed=5, forget_bias=2.0)
    trace = run(params, x)
    _, dh = output_loss(trace, 29)
    grads = bptt(params, trace, dh)
    np.testing.assert_array_equal(trace_csv["t"], np.arange(1, 31))
    np.testing.assert_array_equal(trace_csv["x_1"], x[:, 1])
    np.testing.assert_array_equal(trace_csv["y_0"], y[:, 0])
    for g in "figoch":
        for j in range(3):
            np.testing.assert_array_equal(trace_csv[f"{g}_{j}"], getattr(trace, g)[:, j])
    np.testing.assert_array_equal(trace_csv["grad_c_norm"], grads.dc_norm())
    np.testing.assert_array_equal(trace_csv["grad_h_norm"], grads.dh_norm())


def test_bad_file_one_line_exit_2(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n3,x\n")
    proc = lstm_sim("run", str(bad), "--out", str(tmp_path))
    assert proc.returncode == 2
    assert proc.stderr == f"lstm-sim: error: {bad}: line 3, column 2 ('b'): 'x' is not a number\n"
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "trace.csv").exists()


def test_usage_error_exit_2():
    proc = lstm_sim("run")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("lstm-sim: error:")
    assert "SEQUENCE" in proc.stderr


def test_help_documents_everything():
    top = lstm_sim("--help")
    assert top.returncode == 0 and "run" in top.stdout
    proc = lstm_sim("run", "--help")
    assert proc.returncode == 0
    for option in (
        "--weights",
        "--layer",
        "--reverse",
        "--hidden",
        "--seed",
        "--forget-bias",
        "--inputs",
        "--targets",
        "--loss",
        "--window",
        "--out",
        "--plots",
        "grad_c_norm",
        "Exit status",
    ):
        assert option in proc.stdout, option


def test_plots_png_svg_without_display(tmp_path, data_csv, qapp):
    from PySide6.QtSvg import QSvgRenderer

    path, _, _ = data_csv
    proc = lstm_sim("run", str(path), "--window", "10", "--plots", "png,svg", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # not even a Qt warning
    assert (tmp_path / "trace.csv").exists()  # --out defaults to the current folder
    assert (tmp_path / "trace.png").read_bytes().startswith(PNG_SIGNATURE)
    svg = tmp_path / "trace.svg"
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert QSvgRenderer(str(svg)).isValid()


# -------------------------------------------------------------- in-process
def test_window_zeroes_earlier_norms(tmp_path, data_csv, capsys):
    path, x, _ = data_csv
    status, out, err = run_main(
        capsys, "run", str(path), "--hidden", "4", "--window", "7", "--out", str(tmp_path)
    )
    assert status == 0 and err == ""
    assert "BPTT window 7" in out
    tr = read_trace(tmp_path / "trace.csv")
    params = LSTMParams.random(2, 4, seed=0, forget_bias=cli.DEFAULT_FORGET_BIAS)
    trace = run(params, x)
    _, dh = output_loss(trace, 29, start=23)
    grads = bptt(params, trace, dh, window=7)
    assert not tr["grad_c_norm"][:23].any() and not tr["grad_h_norm"][:23].any()
    np.testing.assert_array_equal(tr["grad_c_norm"][23:], grads.dc_norm())
    np.testing.assert_array_equal(tr["grad_h_norm"][23:], grads.dh_norm())


def test_mse_loss_against_targets(tmp_path, data_csv, capsys):
    path, x, y = data_csv
    status, _, err = run_main(
        capsys, "run", str(path), "--loss", "mse", "--hidden", "2", "--out", str(tmp_path)
    )
    assert status == 0, err
    params = LSTMParams.random(2, 2, seed=0, forget_bias=cli.DEFAULT_FORGET_BIAS)
    trace = run(params, x)
    _, dh = squared_error_loss(trace, y)
    grads = bptt(params, trace, dh)
    tr = read_trace(tmp_path / "trace.csv")
    np.testing.assert_array_equal(tr["grad_h_norm"], grads.dh_norm())


def test_mse_with_weights_and_readout(tmp_path, data_csv, capsys):
    path, x, y = data_csv
    params = LSTMParams.random(2, 5, seed=3)
    readout = (np.full((1, 5), 0.2), np.array([0.1]))
    save_weights(params, tmp_path / "w.safetensors", readout=readout)
    status, _, err = run_main(
        capsys,
        "run",
        str(path),
        "--weights",
        str(tmp_path / "w.safetensors"),
        "--loss",
        "mse",
        "--out",
        str(tmp_path),
    )
    assert status == 0, err
    trace = run(params, x)
    _, dh = squared_error_loss(trace, y, readout=readout)
    grads = bptt(params, trace, dh)
    tr = read_trace(tmp_path / "trace.csv")
    np.testing.assert_array_equal(tr["grad_c_norm"], grads.dc_norm())
    np.testing.assert_array_equal(tr["h_4"], trace.h[:, 4])


def test_columns_by_name_and_index(tmp_path, data_csv, capsys):
    path, x, _ = data_csv
    status, _, err = run_main(
        capsys,
        "run",
        str(path),
        "--inputs",
        "b",
        "--targets",
        "0",
        "--hidden",
        "2",
        "--out",
        str(tmp_path),
    )
    assert status == 0, err
    tr = read_trace(tmp_path / "trace.csv")
    np.testing.assert_array_equal(tr["x_0"], x[:, 1])
    np.testing.assert_array_equal(tr["y_0"], x[:, 0])


@pytest.mark.parametrize(
    ("make_args", "message"),
    [
        (lambda p, t: ["run", str(t / "none.csv")], "{t}/none.csv: no such file"),
        (
            lambda p, t: ["run", str(p), "--inputs", "zz"],
            "{p}: column 'zz': no such column for inputs (columns: a, b, y)",
        ),
        (lambda p, t: ["run", str(p), "--targets", "", "--loss", "mse"], "argument --targets"),
        (
            lambda p, t: [
                "run",
                str(p),
                "--inputs",
                "a",
                "--targets",
                "b,y",
                "--hidden",
                "1",
                "--loss",
                "mse",
            ],
            "{p}: targets: 2 target columns but only 1 units and no read-out",
        ),
        (lambda p, t: ["run", str(p), "--window", "0"], "argument --window: expected at least 1"),
        (lambda p, t: ["run", str(p), "--plots", "pdf"], "argument --plots: expected png, svg"),
        (lambda p, t: ["run", str(p), "--loss", "nope"], "argument --loss: invalid choice"),
        (lambda p, t: ["run", str(p), "--weights", str(t)], "{t}: is a directory, not a file"),
    ],
)
def test_errors_are_one_line_exit_2(tmp_path, data_csv, capsys, make_args, message):
    path, _, _ = data_csv
    status, out, err = run_main(capsys, *make_args(path, tmp_path))
    assert status == 2
    assert err.count("\n") == 1 and err.startswith("lstm-sim: error: ")
    assert message.format(p=path, t=tmp_path) in err
    assert "Traceback" not in err and out == ""


def test_mse_needs_targets(tmp_path, capsys):
    (tmp_path / "x.npy").write_bytes(b"")
    np.save(tmp_path / "x.npy", np.ones(5))
    status, _, err = run_main(capsys, "run", str(tmp_path / "x.npy"), "--loss", "mse")
    assert status == 2
    assert (
        err == f"lstm-sim: error: {tmp_path / 'x.npy'}: --loss mse needs targets, and the "
        "sequence has none (choose them with --targets)\n"
    )


def test_weights_disagree_with_sequence(tmp_path, data_csv, capsys):
    path, _, _ = data_csv
    save_weights(LSTMParams.random(3, 2, seed=0), tmp_path / "w.npz")
    status, _, err = run_main(capsys, "run", str(path), "--weights", str(tmp_path / "w.npz"))
    assert status == 2
    assert "the cell takes 3 input(s) per step, but" in err and "2 input column(s)" in err
    status, _, err = run_main(
        capsys, "run", str(path), "--weights", str(tmp_path / "w.npz"), "--hidden", "7"
    )
    assert status == 2 and "H = 2 units, but --hidden is 7" in err


def _csv(path: Path) -> dict[str, np.ndarray]:
    table = np.genfromtxt(path, delimiter=",", names=True)
    return {name: table[name] for name in table.dtype.names}


def test_torch_fixture_layers(tmp_path, capsys):
    """Regression (issue 16): --reverse shows the backward cell as the model runs it (T → 1)."""
    with np.load(Path(__file__).parent / "fixtures" / "torch_lstm_expected.npz") as f:
        e = dict(f)
    np.save(tmp_path / "x.npy", e["x"])
    fixture = Path(__file__).parent / "fixtures" / "torch_lstm.safetensors"
    status, out, err = run_main(
        capsys,
        "run",
        str(tmp_path / "x.npy"),
        "--weights",
        str(fixture),
        "--layer",
        "1",
        "--reverse",
        "--out",
        str(tmp_path),
    )
    assert status == 0, err
    assert "trace.csv shows layer 1 reverse" in out and "from t = T down to 1" in out
    cols = _csv(tmp_path / "trace.csv")
    h = np.column_stack([cols[f"h_{j}"] for j in range(4)])
    np.testing.assert_allclose(h, e["out64"][:, 4:], atol=1e-10, rtol=0)  # time order
    x = np.column_stack([cols[f"x_{j}"] for j in range(8)])  # its inputs: layer 0's outputs
    assert x.shape == (9, 8) and np.isfinite(x).all()

    # Layer 0's backward cell: its final state (after reading row 1) is torch's h_n[1].
    status, out, err = run_main(
        capsys, "run", str(tmp_path / "x.npy"), "--weights", str(fixture), "--reverse",
        "--out", str(tmp_path),
    )  # fmt: skip
    assert status == 0, err
    cols = _csv(tmp_path / "trace.csv")
    c = np.column_stack([cols[f"c_{j}"] for j in range(4)])
    np.testing.assert_allclose(c[0], e["cn64"][1], atol=1e-10, rtol=0)

    # No cell chosen: the first is shown, and the user is told which.
    status, out, err = run_main(
        capsys, "run", str(tmp_path / "x.npy"), "--weights", str(fixture), "--out", str(tmp_path)
    )
    assert status == 0, err
    assert "the model has 4 cells (layer 0, layer 0 reverse, layer 1, layer 1 reverse); " in out
    assert "shown: layer 0" in out
    status, _, err = run_main(
        capsys, "run", str(tmp_path / "x.npy"), "--weights", str(fixture), "--layer", "3"
    )
    assert status == 2 and "no layer 3 in this model" in err


def test_output_folder_cannot_be_written(tmp_path, data_csv, capsys):
    path, _, _ = data_csv
    (tmp_path / "file").write_text("")
    status, _, err = run_main(capsys, "run", str(path), "--out", str(tmp_path / "file"))
    assert status == 1 and err.count("\n") == 1 and err.startswith("lstm-sim: error: ")


def test_is_headless():
    assert cli.is_headless(["run", "x.csv"])
    assert cli.is_headless(["--help"])
    assert not cli.is_headless([])
    assert not cli.is_headless(["data.csv"])
