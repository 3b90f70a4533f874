"""Session files and trace exports; and the io package imports no Qt."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from lstm_sim.engine import LSTMParams, bptt, output_loss, run
from lstm_sim.io import (
    SESSION_FORMAT,
    LoadError,
    SaveError,
    SessionDocument,
    load_sequence,
    load_session,
    load_weights,
    load_weights_with_readout,
    save_session,
    trace_table,
    write_trace_csv,
    write_trace_npz,
)
from lstm_sim.sequence import Sequence


@pytest.fixture
def doc():
    rng = np.random.default_rng(11)
    seq = Sequence(
        rng.standard_normal((9, 2)),
        rng.standard_normal((9, 1)),
        input_names=("u", "v"),
        target_names=("y",),
        name="demo.csv",
    )
    params = LSTMParams.random(2, 3, seed=4, forget_bias=2.0)
    readout = (rng.standard_normal((1, 3)), rng.standard_normal(1))
    settings = {"window": 50, "loss": "output", "clamp": {"f": 1.0}, "note": "日本語 ok"}
    return SessionDocument(seq, params, step=5, settings=settings, readout=readout)


def test_session_round_trip(tmp_path, doc):
    path = tmp_path / "s.lstmsim"
    save_session(doc, path)
    back = load_session(path)
    assert back.sequence == doc.sequence
    np.testing.assert_array_equal(back.sequence.inputs, doc.sequence.inputs)
    np.testing.assert_array_equal(back.sequence.targets, doc.sequence.targets)
    assert back.sequence.name == "demo.csv"
    assert back.params == doc.params
    assert back.step == 5 and back.settings == doc.settings
    np.testing.assert_array_equal(back.readout[0], doc.readout[0])
    np.testing.assert_array_equal(back.readout[1], doc.readout[1])


def test_session_text_sequence_and_no_readout(tmp_path):
    (tmp_path / "t.txt").write_text("abcab")
    seq = load_sequence(tmp_path / "t.txt")
    doc = SessionDocument(seq, LSTMParams.random(3, 2, seed=0))
    save_session(doc, tmp_path / "t.lstmsim")
    back = load_session(tmp_path / "t.lstmsim")
    assert back.sequence.vocabulary == ("a", "b", "c") and back.readout is None
    assert back.step == 0 and back.settings == {}


def test_session_is_open_json(tmp_path, doc):
    save_session(doc, tmp_path / "s.lstmsim")
    data = json.loads((tmp_path / "s.lstmsim").read_text(encoding="utf-8"))
    assert data["format"] == SESSION_FORMAT and data["version"] == 1
    assert set(data) == {"format", "version", "sequence", "weights", "readout", "step", "settings"}
    assert set(data["weights"]) == {"weight_ih", "weight_hh", "bias_ih", "bias_hh"}
    assert data["sequence"]["inputs"][0] == doc.sequence.inputs[0].tolist()


def test_session_parts_load_as_weights_and_sequence(tmp_path, doc):
    save_session(doc, tmp_path / "s.json")
    params, readout = load_weights_with_readout(tmp_path / "s.json")
    assert params == doc.params
    np.testing.assert_array_equal(readout[0], doc.readout[0])
    assert load_sequence(tmp_path / "s.json") == doc.sequence


def test_failed_save_leaves_the_old_file(tmp_path, doc):
    path = tmp_path / "s.lstmsim"
    save_session(doc, path)
    before = path.read_bytes()
    doc.settings = {"bad": object()}
    with pytest.raises(SaveError, match="not JSON-compatible"):
        save_session(doc, path)
    doc.settings = {"nan": float("nan")}
    with pytest.raises(SaveError):
        save_session(doc, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["s.lstmsim"]  # no temporary files left


def test_save_checks_consistency(tmp_path, doc):
    doc.step = 99
    with pytest.raises(SaveError, match="step 99"):
        save_session(doc, tmp_path / "s.lstmsim")
    doc.step = 0
    doc.params = LSTMParams.random(5, 3, seed=0)
    with pytest.raises(SaveError, match="5 input"):
        save_session(doc, tmp_path / "s.lstmsim")


def test_save_into_missing_folder(tmp_path, doc):
    with pytest.raises(SaveError) as info:
        save_session(doc, tmp_path / "nope" / "s.lstmsim")
    assert "does not exist" in str(info.value)


def test_session_not_a_session(tmp_path):
    (tmp_path / "x.lstmsim").write_text('{"inputs": [1, 2]}')
    with pytest.raises(LoadError, match="not an lstm-sim session"):
        load_session(tmp_path / "x.lstmsim")


# --------------------------------------------------------------- trace export
@pytest.fixture
def traced():
    rng = np.random.default_rng(2)
    seq = Sequence(rng.standard_normal((12, 2)), rng.standard_normal((12, 1)))
    params = LSTMParams.random(2, 3, seed=1)
    trace = run(params, seq.inputs)
    _, dh = output_loss(trace, 11)
    grads = bptt(params, trace, dh)
    return seq, trace, grads.dc_norm(), grads.dh_norm()


def test_trace_table_columns(traced):
    seq, trace, gc, gh = traced
    header, table = trace_table(seq, trace, gc, gh)
    expected = ["t", "x_0", "x_1", "y_0"]
    for name in "figoch":
        expected += [f"{name}_{j}" for j in range(3)]
    assert header == [*expected, "grad_c_norm", "grad_h_norm"]
    assert table.shape == (12, len(header))
    col = {n: table[:, k] for k, n in enumerate(header)}
    np.testing.assert_array_equal(col["t"], np.arange(1, 13))
    np.testing.assert_array_equal(col["f_2"], trace.f[:, 2])
    np.testing.assert_array_equal(col["g_0"], trace.g[:, 0])
    np.testing.assert_array_equal(col["h_1"], trace.h[:, 1])
    np.testing.assert_array_equal(col["y_0"], seq.targets[:, 0])
    np.testing.assert_array_equal(col["grad_c_norm"], gc)


def test_write_trace_csv_exact(tmp_path, traced):
    seq, trace, gc, gh = traced
    write_trace_csv(tmp_path / "trace.csv", seq, trace, gc, gh)
    header, table = trace_table(seq, trace, gc, gh)
    lines = (tmp_path / "trace.csv").read_text().splitlines()
    assert lines[0] == ",".join(header)
    assert lines[1].startswith("1,")
    back = np.loadtxt(tmp_path / "trace.csv", delimiter=",", skiprows=1)
    np.testing.assert_array_equal(back, table)


def test_write_trace_npz(tmp_path, traced):
    seq, trace, gc, gh = traced
    write_trace_npz(tmp_path / "trace.npz", seq, trace, gc, gh)
    with np.load(tmp_path / "trace.npz", allow_pickle=False) as z:
        np.testing.assert_array_equal(z["c"], trace.c)
        np.testing.assert_array_equal(z["grad_h_norm"], gh)
        np.testing.assert_array_equal(z["t"], np.arange(1, 13))
        assert list(z["input_names"]) == ["x_0", "x_1"]


def test_trace_export_checks_norm_length(tmp_path, traced):
    seq, trace, gc, _ = traced
    with pytest.raises(SaveError, match="expected 12 values"):
        write_trace_csv(tmp_path / "t.csv", seq, trace, gc[:5], gc)


def test_weights_json_loads_session_layout(tmp_path, doc):
    save_session(doc, tmp_path / "s.json")
    assert load_weights(tmp_path / "s.json") == doc.params


# ------------------------------------------------------------- layer boundary
@pytest.mark.parametrize("module", ["lstm_sim.io", "lstm_sim.cli"])
def test_imports_no_qt(module):
    code = (
        f"import sys, {module}, lstm_sim.io.weights, lstm_sim.io.keras_weights; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'pyqtgraph', 'shiboken6', 'torch', 'h5py')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
