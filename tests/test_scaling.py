"""Scaling (none, standard, min-max, auto), kept with the sequence, in sessions and exports."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from lstm_sim.engine import EngineError, LSTMParams, run
from lstm_sim.io import (
    LoadError,
    SessionDocument,
    load_sequence,
    load_session,
    save_session,
    write_trace_csv,
    write_trace_npz,
)
from lstm_sim.io.trace_notes import notes_path
from lstm_sim.scaling import (
    AUTO_LIMIT,
    ScaleSpec,
    Scaling,
    auto_method,
    default_scale,
    fit_scaling,
    parse_scale_spec,
)
from lstm_sim.sequence import MissingValues, Sequence

TABLES = Path(__file__).parent / "fixtures" / "tables"


def test_fit_standard_minmax_none_and_constant_columns():
    x = np.array([[1.0, 10.0, 5.0, 7.0], [3.0, 30.0, 5.0, 7.0], [5.0, 20.0, 5.0, 7.0]])
    s = fit_scaling(x, ["standard", "minmax", "standard", "minmax"], ["a", "b", "c", "d"])
    assert s.methods == ("standard", "minmax", "standard", "minmax")
    assert s.offset == (3.0, 10.0, 5.0, 7.0)
    assert s.scale[0] == pytest.approx(np.std([1, 3, 5])) and s.scale[1] == 20.0
    assert s.scale[2:] == (1.0, 1.0)  # constant columns: nothing to divide by
    y = s.apply(x)
    np.testing.assert_allclose(y[:, 0].mean(), 0, atol=1e-15)
    np.testing.assert_allclose(y[:, 0].std(), 1)
    np.testing.assert_array_equal(y[:, 1], [0, 1, 0.5])
    np.testing.assert_array_equal(y[:, 2:], 0)
    np.testing.assert_allclose(s.invert(y), x, rtol=1e-15)
    none = fit_scaling(x, ["none"] * 4, ["a", "b", "c", "d"])
    assert none.is_identity and none == Scaling.identity(["a", "b", "c", "d"])
    np.testing.assert_array_equal(none.apply(x), x)


def test_auto_scales_only_what_leaves_plus_minus_five():
    assert auto_method(np.array([0.0, 1.0, 0.0])) == "none"  # a pulse stays a pulse
    assert auto_method(np.array([-AUTO_LIMIT, AUTO_LIMIT])) == "none"
    assert auto_method(np.array([0.0, 5.01])) == "standard"
    assert auto_method(np.array([1120.0, 963.0])) == "standard"
    s = fit_scaling(np.array([[1120.0, 0.0], [963.0, 1.0]]), ["auto", "auto"], ["flow", "pulse"])
    assert s.methods == ("standard", "none")
    assert default_scale(weights_loaded=False) == "auto"
    assert default_scale(weights_loaded=True) == "none"


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("standard", ScaleSpec("standard")),
        ("MinMax", ScaleSpec("minmax")),
        ("x=minmax,y=none", ScaleSpec(columns=(("x", "minmax"), ("y", "none")))),
        ("standard,targets=none", ScaleSpec("standard", targets="none")),
        ("inputs=auto", ScaleSpec(inputs="auto")),
        ("a=b=standard", ScaleSpec(columns=(("a=b", "standard"),))),
    ],
)
def test_parse_scale_spec(text, spec):
    assert parse_scale_spec(text) == spec


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("zscore", "unknown scaling 'zscore' (expected one of: auto, none, standard, minmax)"),
        ("x=", "expected METHOD / COLUMN=METHOD items separated by commas, got 'x='"),
        ("standard,", "expected METHOD / COLUMN=METHOD items"),
        ("=none", "expected METHOD / COLUMN=METHOD items"),
    ],
)
def test_parse_scale_spec_errors(text, message):
    with pytest.raises(EngineError) as info:
        parse_scale_spec(text)
    assert message in str(info.value)


def test_rescaled_per_column_keeps_the_rest_and_the_raw_values():
    seq = load_sequence(TABLES / "quoted_names.csv", inputs=["popul"], targets=["births"])
    raw_x, raw_y = seq.inputs.copy(), seq.targets.copy()
    scaled = seq.rescaled("standard")
    assert scaled.input_scaling.methods == ("standard",)
    assert scaled.target_scaling.methods == ("standard",)
    assert scaled.step_labels is seq.step_labels and scaled.missing == seq.missing
    np.testing.assert_allclose(scaled.inputs.std(), 1.0)
    np.testing.assert_allclose(scaled.raw_inputs(), raw_x, rtol=1e-15)
    np.testing.assert_allclose(scaled.raw_targets(), raw_y, rtol=1e-15)
    # a column-wise change keeps the other columns' methods
    again = scaled.rescaled("births=minmax")
    assert again.input_scaling.methods == ("standard",)
    assert again.target_scaling.methods == ("minmax",)
    np.testing.assert_allclose(again.targets.min(), 0, atol=1e-15)
    np.testing.assert_allclose(again.targets.max(), 1)
    back = again.rescaled("none")
    assert back.input_scaling is None and back.target_scaling is None
    np.testing.assert_allclose(back.inputs, raw_x, rtol=1e-15)
    assert seq.input_scaling is None  # the original is unchanged
    with pytest.raises(EngineError, match=r"no column 'year' to scale \(columns: popul, births\)"):
        seq.rescaled("year=none")


def test_rescale_from_the_loader_and_first_steps():
    seq = load_sequence(TABLES / "nile.csv", scale="minmax")
    assert seq.input_scaling.offset == (456.0,) and seq.input_scaling.scale == (914.0,)
    assert [str(t) for t in seq.describe()] == [
        "inputs: flow: min-max to [0, 1] (min 456, max 1370)",
        "steps labelled by year: 1871 … 1970 (every 1)",
    ]
    head = seq.first(10)
    assert head.length == 10 and len(head.step_labels) == 10
    assert head.input_scaling == seq.input_scaling  # statistics of the whole file


def _document(seq: Sequence) -> SessionDocument:
    params = LSTMParams.random(seq.input_size, 3, seed=1)
    return SessionDocument(seq, params, min(5, seq.length), {"loss": "mse"})


def test_session_round_trip_keeps_scaling_missing_choice_and_labels(tmp_path):
    seq = load_sequence(TABLES / "nile_gaps.csv", missing="interpolate", scale="standard")
    path = tmp_path / "s.lstmsim"
    save_session(_document(seq), path)
    back = load_session(path).sequence
    assert back == seq
    np.testing.assert_array_equal(back.inputs, seq.inputs)  # bit for bit
    assert back.input_scaling == seq.input_scaling
    assert back.missing == MissingValues("interpolate", 4, 0, 100)
    np.testing.assert_array_equal(back.step_labels.values, seq.step_labels.values)
    np.testing.assert_allclose(back.raw_inputs(), seq.raw_inputs(), rtol=0)
    saved = json.loads(path.read_text())["sequence"]
    assert saved["scaling"]["inputs"]["methods"] == ["standard"]
    assert saved["scaling"]["targets"] is None
    assert saved["missing"]["policy"] == "interpolate"
    assert saved["step_labels"]["name"] == "year"


def test_session_dates_and_plain_sequences(tmp_path):
    seq = load_sequence(TABLES / "co2_monthly.tsv", scale="auto")
    save_session(_document(seq), tmp_path / "c.lstmsim")
    back = load_session(tmp_path / "c.lstmsim").sequence
    assert back.step_labels.kind == "date" and back.step_labels.text(13) == "1960-02-01"
    assert back.input_scaling.methods == ("standard",)
    plain = Sequence(np.ones((4, 1)))
    save_session(_document(plain), tmp_path / "p.lstmsim")
    saved = json.loads((tmp_path / "p.lstmsim").read_text())["sequence"]
    assert "scaling" not in saved and "missing" not in saved  # older readers see what they knew
    back = load_session(tmp_path / "p.lstmsim").sequence
    assert back.input_scaling is None and back.missing is None and back.step_labels is None


def _inputs(**kw):
    return lambda s: s["scaling"]["inputs"].update(**kw)


def _missing(**kw):
    return lambda s: s["missing"].update(**kw)


def _labels(**kw):
    return lambda s: s["step_labels"].update(**kw)


@pytest.mark.parametrize(
    ("change", "place", "reason"),
    [
        (_inputs(scale=[0.0]), "key sequence.scaling.inputs", "non-zero"),
        (_inputs(methods=["log"]), "key sequence.scaling.inputs", "unknown scaling 'log'"),
        (_inputs(offset="x"), "key sequence.scaling.inputs.offset", "expected a list"),
        (lambda s: s.update(scaling=[1]), "key sequence.scaling", "expected an object"),
        (_missing(policy="guess"), "key sequence.missing", "unknown missing-value choice"),
        (_missing(cells=-1), "key sequence.missing.cells", "expected a whole number"),
        (_labels(values=[1]), "key sequence", "step_labels: expected 100 labels, got 1"),
        (_labels(kind="moon"), "key sequence.step_labels.kind", "expected one of number, date"),
        (_labels(values=["x"]), "key sequence.step_labels.values", "do not fit the kind number"),
    ],
)
def test_session_with_bad_notes_names_the_key(tmp_path, change, place, reason):
    seq = load_sequence(TABLES / "nile_gaps.csv", missing="zero", scale="standard")
    path = tmp_path / "s.lstmsim"
    save_session(_document(seq), path)
    doc = json.loads(path.read_text())
    change(doc["sequence"])
    path.write_text(json.dumps(doc))
    with pytest.raises(LoadError) as info:
        load_session(path)
    assert info.value.place == place and reason in info.value.reason, str(info.value)


def test_trace_exports_say_which_scaling(tmp_path):
    seq = load_sequence(TABLES / "nile_gaps.csv", missing="drop", scale="standard")
    trace = run(LSTMParams.random(1, 2, seed=0), seq.inputs)
    write_trace_csv(tmp_path / "trace.csv", seq, trace)
    assert notes_path(tmp_path / "trace.csv") == tmp_path / "trace.notes.json"
    notes = json.loads((tmp_path / "trace.notes.json").read_text())
    assert notes["format"] == "lstm-sim-trace-notes" and notes["trace"] == "trace.csv"
    assert notes["columns"] == {"x_0": "flow"}
    s = seq.input_scaling
    assert notes["scaling"]["inputs"] == {
        "columns": ["flow"],
        "methods": ["standard"],
        "offset": [s.offset[0]],
        "scale": [s.scale[0]],
    }
    assert notes["missing"] == {"policy": "drop", "cells": 4, "dropped_rows": 4, "rows_read": 100}
    assert notes["notes"][1] == "4 of 100 rows dropped for 4 missing values"
    # the trace's x_0 is the scaled value: raw = x · scale + offset
    table = np.loadtxt(tmp_path / "trace.csv", delimiter=",", skiprows=1)
    raw = load_sequence(TABLES / "nile_gaps.csv", missing="drop").inputs[:, 0]
    np.testing.assert_allclose(table[:, 1] * s.scale[0] + s.offset[0], raw, rtol=1e-14)
    write_trace_npz(tmp_path / "trace.npz", seq, trace)
    with np.load(tmp_path / "trace.npz") as z:
        assert z["input_scaling"].tolist() == ["standard"]
        assert z["input_offset"][0] == s.offset[0] and z["input_scale"][0] == s.scale[0]
        assert "target_scaling" not in z
