"""``lstm-sim run`` on real tables: default scaling, the saturation warning, missing values,
headers, per-column scaling, the notes beside trace.csv, and ŷ with a read-out."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from lstm_sim import cli
from lstm_sim.engine import LSTMParams, bptt, run, squared_error_loss
from lstm_sim.engine.diagnostics import SATURATION_Z
from lstm_sim.io import save_weights

TABLES = Path(__file__).parent / "fixtures" / "tables"
NILE = np.loadtxt(TABLES / "nile.csv", delimiter=",", skiprows=1)
FLOW = NILE[:, 1]


def run_main(capsys, *args: str) -> tuple[int, str, str]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def read_trace(path: Path) -> dict[str, np.ndarray]:
    header = path.read_text().splitlines()[0].split(",")
    table = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    return {name: table[:, k] for k, name in enumerate(header)}


def saturated_share(trace: dict[str, np.ndarray]) -> float:
    """Share of steps with at least half of the gate values at |z| > 5, from trace.csv alone."""
    s = 1 / (1 + np.exp(-SATURATION_Z))
    hits, total = 0, 0
    for name, v in trace.items():
        gate = name.split("_")[0]
        if gate in ("f", "i", "o") and name[2:].isdigit():
            hits = hits + ((v > s) | (v < 1 - s))
            total += 1
        elif gate == "g" and name[2:].isdigit():
            hits = hits + (np.abs(v) > np.tanh(SATURATION_Z))
            total += 1
    return float(np.mean(hits >= 0.5 * total))


def test_default_scaling_makes_a_series_in_the_thousands_readable(tmp_path, capsys):
    status, out, err = run_main(capsys, "run", str(TABLES / "nile.csv"), "--out", str(tmp_path))
    assert status == 0 and err == ""  # no saturation warning
    trace = read_trace(tmp_path / "trace.csv")
    assert saturated_share(trace) < 0.5
    np.testing.assert_allclose(trace["x_0"], (FLOW - FLOW.mean()) / FLOW.std(), rtol=1e-12)
    assert "inputs: flow: standardised (mean 919.35, std. dev. 168.379)" in out
    assert "steps labelled by year: 1871 … 1970 (every 1)" in out
    assert f"wrote {tmp_path / 'trace.notes.json'}" in out
    notes = json.loads((tmp_path / "trace.notes.json").read_text())
    assert notes["scaling"]["inputs"]["methods"] == ["standard"]
    assert notes["scaling"]["inputs"]["offset"] == [FLOW.mean()]
    assert notes["step_labels"]["values"][:2] == [1871.0, 1872.0]


def test_without_scaling_the_warning_names_the_remedy(tmp_path, capsys):
    status, out, err = run_main(
        capsys, "run", str(TABLES / "nile.csv"), "--scale", "none", "--out", str(tmp_path)
    )
    assert status == 0
    assert err == (
        "lstm-sim: warning: the gates are saturated (|z| > 5: σ and tanh at 0 or ±1) on 100% "
        "of the steps; the inputs reach 1370: try --scale standard\n"
    )
    trace = read_trace(tmp_path / "trace.csv")
    np.testing.assert_array_equal(trace["x_0"], FLOW)
    assert saturated_share(trace) == 1.0
    assert "inputs:" not in out


def test_trained_weights_default_to_the_values_as_they_are(tmp_path, capsys):
    save_weights(LSTMParams.random(1, 4, seed=1), tmp_path / "w.npz")
    status, _, err = run_main(
        capsys,
        "run",
        str(TABLES / "nile.csv"),
        "--weights",
        str(tmp_path / "w.npz"),
        "--out",
        str(tmp_path),
    )
    assert status == 0 and "try --scale standard" in err and err.count("\n") == 1
    np.testing.assert_array_equal(read_trace(tmp_path / "trace.csv")["x_0"], FLOW)
    status, _, err = run_main(
        capsys,
        "run",
        str(TABLES / "nile.csv"),
        "--weights",
        str(tmp_path / "w.npz"),
        "--scale",
        "standard",
        "--out",
        str(tmp_path),
    )
    assert status == 0 and err == ""


def test_missing_values_error_by_default_and_chosen(tmp_path, capsys):
    path = TABLES / "nile_gaps.csv"
    status, out, err = run_main(capsys, "run", str(path), "--out", str(tmp_path))
    assert status == 2 and out == ""
    assert err == (
        f"lstm-sim: error: {path}: line 6, column 2 ('flow'): empty cell, a missing value "
        "(choose what to do with it: --missing drop|interpolate|ffill|zero)\n"
    )
    assert not (tmp_path / "trace.csv").exists()
    status, out, err = run_main(
        capsys, "run", str(path), "--missing", "drop", "--out", str(tmp_path)
    )
    assert status == 0 and err == ""
    assert out.startswith("lstm-sim: 96 steps")
    assert "4 of 100 rows dropped for 4 missing values" in out
    notes = json.loads((tmp_path / "trace.notes.json").read_text())
    assert notes["missing"]["dropped_rows"] == 4
    status, out, _ = run_main(
        capsys, "run", str(path), "--missing", "interpolate", "--out", str(tmp_path)
    )
    assert status == 0 and out.startswith("lstm-sim: 100 steps")
    assert "4 missing values interpolated" in out


def test_header_option_and_per_column_scaling(tmp_path, capsys):
    path = TABLES / "gdp_wide.csv"
    status, out, err = run_main(
        capsys,
        "run",
        str(path),
        "--missing",
        "zero",
        "--scale",
        "1960=minmax,1961=none",
        "--out",
        str(tmp_path),
    )
    assert status == 0, err
    trace = read_trace(tmp_path / "trace.csv")
    assert len(trace["t"]) == 6  # the header of years is not a step
    assert trace["x_0"].min() == 0 and trace["x_0"].max() == 1
    np.testing.assert_array_equal(trace["x_1"], [0, 59.8782, 0, 0, 6.2452, 14.4012])
    assert "1960: min-max to [0, 1]" in out and "1961: as in the file" in out
    status, out, err = run_main(
        capsys,
        "run",
        str(path),
        "--header",
        "no",
        "--inputs",
        "2",
        "--missing",
        "zero",
        "--scale",
        "none",
        "--out",
        str(tmp_path),
    )
    assert status == 0 and out.startswith("lstm-sim: 7 steps"), err
    assert read_trace(tmp_path / "trace.csv")["x_0"][0] == 1960.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scale", "zscore"], "argument --scale: unknown scaling 'zscore'"),
        (["--scale", "rain=none"], "{p}: --scale: no column 'rain' to scale (columns: flow)"),
        (["--missing", "guess"], "argument --missing: invalid choice: 'guess'"),
        (["--header", "maybe"], "argument --header: invalid choice: 'maybe'"),
    ],
)
def test_table_option_errors_are_one_line_exit_2(tmp_path, capsys, args, message):
    path = TABLES / "nile.csv"
    status, out, err = run_main(capsys, "run", str(path), *args, "--out", str(tmp_path))
    assert status == 2 and out == "" and err.count("\n") == 1
    assert message.format(p=path) in err


def test_mse_with_a_read_out_writes_yhat(tmp_path, capsys):
    path = tmp_path / "nile_next.csv"  # flow and next year's flow as the target
    path.write_text(
        "year,flow,y\n" + "".join(f"{int(a)},{b},{c}\n" for a, b, c in zip(
            NILE[:-1, 0], FLOW[:-1], FLOW[1:], strict=True
        ))
    )  # fmt: skip
    params = LSTMParams.random(1, 3, seed=4)
    readout = (np.array([[0.5, -0.2, 0.1]]), np.array([0.05]))
    save_weights(params, tmp_path / "w.npz", readout=readout)
    status, out, err = run_main(
        capsys,
        "run",
        str(path),
        "--weights",
        str(tmp_path / "w.npz"),
        "--scale",
        "standard",
        "--loss",
        "mse",
        "--out",
        str(tmp_path),
    )
    assert status == 0, err
    header = (tmp_path / "trace.csv").read_text().splitlines()[0].split(",")
    assert header[:4] == ["t", "x_0", "y_0", "yhat_0"]
    tr = read_trace(tmp_path / "trace.csv")
    x = (FLOW[:-1] - FLOW[:-1].mean()) / FLOW[:-1].std()
    y = (FLOW[1:] - FLOW[1:].mean()) / FLOW[1:].std()
    trace = run(params, x[:, None])
    np.testing.assert_allclose(tr["x_0"], x, rtol=1e-12)
    np.testing.assert_allclose(tr["y_0"], y, rtol=1e-12)
    np.testing.assert_allclose(tr["yhat_0"], trace.h @ readout[0][0] + readout[1][0], rtol=1e-12)
    _, dh = squared_error_loss(trace, y[:, None], readout=readout)
    np.testing.assert_allclose(tr["grad_h_norm"], bptt(params, trace, dh).dh_norm(), rtol=1e-9)
    assert "targets: y: standardised" in out


def test_help_documents_the_table_options(capsys):
    status, out, _ = run_main(capsys, "run", "--help")
    assert status == 0
    for word in ("--scale", "--missing", "--header", "minmax", "auto", "trace.notes.json", "yhat_"):
        assert word in out, word


def test_the_readme_example_is_what_the_command_prints(tmp_path, capsys, monkeypatch):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ lstm-sim run nile.csv --out nile\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nile.csv").write_bytes((TABLES / "nile.csv").read_bytes())
    status, out, err = run_main(capsys, "run", "nile.csv", "--out", "nile")
    assert status == 0 and err == ""
    assert out == block
