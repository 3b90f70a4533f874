"""Real tables load out of the box (issue 14): encodings, missing values, time columns, headers.

The files in ``tests/fixtures/tables/`` (made by ``tools/make_table_fixtures.py``)
are shaped like the public data sets people download first: the Nile's annual
flow with a ``year`` column (values in the hundreds and thousands), the same
with gaps, monthly CO₂ with ISO dates, a World-Bank-style table whose header is
years, names with quotes inside, and the Nile in UTF-16 (both byte orders),
Latin-1 and UTF-8 with a byte-order mark.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lstm_sim.io import LoadError, load_sequence, peek_table
from lstm_sim.io.csv_table import count_rows, fill_missing, parse_table
from lstm_sim.io.csv_text import EXCERPT, MAX_CELL

TABLES = Path(__file__).parent / "fixtures" / "tables"
NILE = np.loadtxt(TABLES / "nile.csv", delimiter=",", skiprows=1)  # year, flow
YEARS, FLOW = NILE[:, 0], NILE[:, 1]


# -------------------------------------------------------------- a real series
def test_nile_year_is_a_label_not_an_input():
    seq = load_sequence(TABLES / "nile.csv")
    assert seq.input_names == ("flow",) and seq.targets is None
    np.testing.assert_array_equal(seq.inputs[:, 0], FLOW)
    assert FLOW.min() > 400 and FLOW.max() > 1000  # the case of the issue: large values
    labels = seq.step_labels
    assert labels is not None and labels.name == "year" and labels.kind == "number"
    np.testing.assert_array_equal(labels.values, YEARS)
    assert labels.regular and labels.step == 1 and labels.text(0) == "1871"
    assert str(labels.describe()) == "year: 1871 … 1970 (every 1)"
    assert seq.input_scaling is None  # the loader keeps the values as in the file
    assert seq.missing.policy == "error" and seq.missing.cells == 0 and seq.missing.rows_read == 100


def test_preview_roles_rows_and_label_column():
    preview = peek_table(TABLES / "nile.csv", max_rows=5)
    assert preview.roles == ("time", "input") and preview.label_column == 0
    assert preview.suggested_inputs == (1,) and preview.suggested_targets == ()
    assert preview.total_rows == 100 and preview.estimated_rows == 100
    assert preview.lines == (2, 3, 4, 5, 6)
    assert preview.kinds[0] == ("number", "number")
    assert preview.problems([1]) == ()


def test_year_chosen_as_input_on_purpose():
    seq = load_sequence(TABLES / "nile.csv", inputs=["year", "flow"])
    np.testing.assert_array_equal(seq.inputs, NILE)
    assert seq.step_labels is None  # the only time column is an input now


@pytest.mark.parametrize(
    ("name", "encoding", "names"),
    [
        ("nile_utf16le.csv", "utf-16-le", ("débit (10⁸ m³)",)),
        ("nile_utf16be.tsv", "utf-16-be", ("débit (10⁸ m³)",)),
        ("nile_latin1.csv", "latin-1", ("débit",)),
        ("nile_utf8_bom.csv", "utf-8", ("flow",)),
    ],
)
def test_encodings_give_the_same_numbers(name, encoding, names):
    seq = load_sequence(TABLES / name)
    assert seq.input_names == names
    np.testing.assert_array_equal(seq.inputs[:, 0], FLOW)
    np.testing.assert_array_equal(seq.step_labels.values, YEARS)
    assert seq.meta["encoding"] == encoding
    assert peek_table(TABLES / name).encoding == encoding


def test_latin1_windows_characters_and_late_switch(tmp_path):
    # ASCII for a whole block, then a Latin-1 byte: the rest is read as Latin-1.
    path = tmp_path / "late.csv"
    rows = "".join(f"{k},{k * 2}\n" for k in range(3000))
    path.write_bytes(b"a,b\n" + rows.encode() + b"1,2\n" + b"\xe9t\xe9,3\n")
    with pytest.raises(LoadError, match=r"'été' is not a number"):
        parse_table(path, inputs=["a"], targets=["b"], max_rows=None)
    # 0x80 is "€" in Windows-1252 (a control code in strict Latin-1)
    (tmp_path / "euro.csv").write_bytes("prix €,n\n1,2\n".encode("cp1252"))
    assert load_sequence(tmp_path / "euro.csv").input_names == ("prix €", "n")


@pytest.mark.parametrize(
    ("content", "place", "reason"),
    [
        # UTF-16 without a byte-order mark: zero bytes → binary
        ("a,b\n1,2\n".encode("utf-16-le"), "line 1 (byte 1)", "binary data"),
        # UTF-8 first, then an invalid byte: a mixture
        ("é,b\n1,2\n".encode() + b"\xff,3\n", "line 3 (byte 9)", "not UTF-8 text"),
        # not UTF-8 and control characters: not Latin-1 either
        (b"a,b\n1,2\n\xff\xfe\x05\x01\n", "line 3 (byte 8)", "not UTF-8 text"),
        # UTF-32 with its mark: refused (a UTF-16 mark followed by zero bytes)
        ("a,b\n1,2\n".encode("utf-32"), "line 1 (byte 2)", "binary data"),
    ],
)
def test_other_encodings_get_a_clear_message(tmp_path, content, place, reason):
    path = tmp_path / "t.csv"
    path.write_bytes(content)
    with pytest.raises(LoadError) as info:
        load_sequence(path)
    assert info.value.place == place and reason in info.value.reason


# --------------------------------------------------------------- missing values
def test_missing_default_error_names_the_first_cell_and_the_options():
    with pytest.raises(LoadError) as info:
        load_sequence(TABLES / "nile_gaps.csv")
    err = info.value
    assert err.place == "line 6, column 2 ('flow')"
    assert err.reason.startswith("empty cell, a missing value")
    assert "--missing drop|interpolate|ffill|zero" in err.reason


def test_preview_marks_missing_cells_unless_a_choice_handles_them():
    preview = peek_table(TABLES / "nile_gaps.csv")  # a preview never fails on a missing cell
    issues = preview.problems([1])
    assert [(i.row, i.column, i.line, i.kind) for i in issues] == [
        (4, 1, 6, "missing"),
        (19, 1, 21, "missing"),
        (42, 1, 44, "missing"),
    ]  # the first 50 rows are previewed; row 77 is later
    assert str(issues[1].reason).startswith("'NA' marks a missing value")
    assert preview.problems([1], missing="drop") == ()


@pytest.mark.parametrize("policy", ["drop", "interpolate", "ffill", "zero"])
def test_missing_policies(policy):
    seq = load_sequence(TABLES / "nile_gaps.csv", missing=policy)
    gaps = [4, 19, 42, 77]
    x, keep = seq.inputs[:, 0], np.ones(100, bool)
    keep[gaps] = False
    assert seq.missing.policy == policy and seq.missing.cells == 4
    assert seq.missing.rows_read == 100
    if policy == "drop":
        assert seq.length == 96 and seq.missing.dropped_rows == 4
        np.testing.assert_array_equal(x, FLOW[keep])
        np.testing.assert_array_equal(seq.step_labels.values, YEARS[keep])
        assert not seq.step_labels.regular
        assert str(seq.missing.summary()) == "4 of 100 rows dropped for 4 missing values"
        return
    assert seq.length == 100 and seq.missing.dropped_rows == 0
    np.testing.assert_array_equal(x[keep], FLOW[keep])
    expected = {
        "interpolate": [(FLOW[g - 1] + FLOW[g + 1]) / 2 for g in gaps],
        "ffill": [FLOW[g - 1] for g in gaps],
        "zero": [0.0] * 4,
    }[policy]
    np.testing.assert_allclose(x[gaps], expected, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(seq.step_labels.values, YEARS)


@pytest.mark.parametrize("policy", ["drop", "interpolate", "ffill", "zero"])
def test_missing_cells_fast_and_line_by_line_agree(tmp_path, monkeypatch, policy):
    from lstm_sim.io import csv_rows, csv_table

    rng = np.random.default_rng(5)
    x = rng.standard_normal((3000, 3))
    cells = np.char.mod("%.17g", x).astype(object)
    markers = ["", "NA", " nan ", "N/A", "-", "?", "..", "null"]
    for k in range(0, 3000, 37):
        cells[k, k % 3] = markers[k % len(markers)]
    lines = [",".join(row) for row in cells.tolist()]
    lines[100:100] = ["", "   "]  # blank lines are skipped either way
    (tmp_path / "g.csv").write_text("a,b,c\n" + "\n".join(lines) + "\n")
    monkeypatch.setattr(csv_table, "_CHUNK", 5000)  # many chunks
    taken = []

    def spy(*args):
        out = csv_rows.parse_fast(*args)
        taken.append(out is not None)
        return out

    monkeypatch.setattr(csv_table, "parse_fast", spy)
    fast = load_sequence(tmp_path / "g.csv", missing=policy)
    assert len(taken) > 10 and taken.count(False) == 1  # only the chunk with "   " went slow
    monkeypatch.setattr(csv_table, "parse_fast", lambda *a: None)
    slow = load_sequence(tmp_path / "g.csv", missing=policy)
    np.testing.assert_array_equal(fast.inputs, slow.inputs)
    assert fast.missing == slow.missing and fast.missing.cells == len(range(0, 3000, 37))


def test_missing_at_the_ends_and_in_a_whole_column():
    table = np.array([[np.nan, 1.0], [2.0, np.nan], [4.0, 3.0], [np.nan, np.nan]])
    out, kept = fill_missing(table, "interpolate", ["a", "b"])
    np.testing.assert_array_equal(out, [[2, 1], [2, 2], [4, 3], [4, 3]])
    assert kept is None
    out, _ = fill_missing(table, "ffill", ["a", "b"])
    np.testing.assert_array_equal(out, [[2, 1], [2, 1], [4, 3], [4, 3]])
    out, kept = fill_missing(table, "drop", ["a", "b"])
    np.testing.assert_array_equal(out, [[4, 3]])
    np.testing.assert_array_equal(kept, [False, False, True, False])


def test_missing_whole_column_and_every_row(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("a,b\n1,\n2,NA\n")
    with pytest.raises(LoadError) as info:
        load_sequence(path, inputs=["a", "b"], missing="interpolate")
    assert info.value.place == "column 'b'" and "no value" in info.value.reason
    with pytest.raises(LoadError, match="no row is left"):
        load_sequence(path, inputs=["a", "b"], missing="drop")


@pytest.mark.parametrize(
    "marker",
    ["", "NA", "na", "N/A", "#N/A", "NaN", "nan", "null", "NULL", "None", "?", "-", ".", ".."],
)
def test_missing_markers(tmp_path, marker):
    path = tmp_path / "m.csv"
    path.write_text(f"a,b\n1,2\n{marker},4\n5,6\n")
    with pytest.raises(LoadError) as info:
        load_sequence(path)
    assert info.value.place == "line 3, column 1 ('a')" and "missing value" in info.value.reason
    seq = load_sequence(path, missing="interpolate")
    np.testing.assert_array_equal(seq.inputs, [[1, 2], [3, 4], [5, 6]])


def test_infinity_is_not_a_missing_value(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("a\n1\ninf\n")
    with pytest.raises(LoadError, match="inf is not allowed"):
        load_sequence(path, missing="zero")


def test_missing_cells_in_skipped_columns_do_not_matter(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("a,b,note\n1,2,\n3,4,NA\n5,,x\n")
    seq = load_sequence(path, inputs=["a"])
    np.testing.assert_array_equal(seq.inputs[:, 0], [1, 3, 5])
    assert seq.targets is None and seq.missing.cells == 0


# ------------------------------------------------------------- time columns
def test_iso_dates_label_monthly_steps():
    seq = load_sequence(TABLES / "co2_monthly.tsv")
    assert seq.input_names == ("co2",) and seq.length == 24
    labels = seq.step_labels
    assert labels.kind == "date" and labels.text(0) == "1959-01-01"
    assert labels.text(23) == "1960-12-01"
    assert labels.regular and labels.step == 1 and labels.unit == "M"
    assert str(labels.describe()) == "date: 1959-01-01 … 1960-12-01 (every 1 month(s))"


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("idx,a\n0,0.5\n1,0.1\n2,0.7\n", ("time", "input")),  # an index by content
        ("a,k\n0.5,0\n0.1,1\n0.7,2\n", ("input", "input")),  # not first: needs 10 rows
        ("Date,v\n2020-01-01 10:00,1\n2020-01-01 11:00,2\n", ("time", "input")),
        ("time,v\n10:00,1\n10:05,2\n", ("time", "input")),
        ("YEAR,SUNACTIVITY\n1700,5\n1701,11\n1702,16\n", ("time", "input")),
        ('"",x\n1,0.5\n2,0.1\n3,0.7\n', ("time", "input")),  # pandas' unnamed index
        ("year\n1700\n1701\n1702\n", ("input",)),  # nothing else to feed the cell
        ("a,b\n1,5\n2,3\n3,8\n", ("time", "input")),  # a rising first column
        ("a,b\n1,5\n2,3\n4,8\n", ("input", "input")),  # not regular
    ],
)
def test_time_columns_recognised(tmp_path, text, roles):
    path = tmp_path / "t.csv"
    path.write_text(text)
    assert peek_table(path).roles == roles


def test_datetime_labels_hourly(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Date,v\n2020-01-01 10:00,1\n2020-01-01 11:00,2\n2020-01-01 12:00,4\n")
    seq = load_sequence(path)
    assert seq.input_names == ("v",)
    assert seq.step_labels.kind == "date" and seq.step_labels.text(1) == "2020-01-01 11:00:00"
    assert seq.step_labels.step == 3600 and seq.step_labels.unit == "s"


# ------------------------------------------------------------------- headers
def test_header_of_years_is_a_header():
    preview = peek_table(TABLES / "gdp_wide.csv")
    assert preview.has_header
    assert preview.columns[:3] == ("Country Name", "Country Code", "1960")
    assert preview.roles == ("skip", "skip", "input", "input", "input", "input", "input")
    seq = load_sequence(TABLES / "gdp_wide.csv", missing="drop")
    assert seq.input_names == ("1960", "1961", "1962", "1963", "1964")
    np.testing.assert_array_equal(seq.inputs[0], [59.7776, 59.8782, 58.4921, 78.7061, 82.0951])
    assert seq.missing.dropped_rows == 3


def test_header_forced_either_way(tmp_path):
    seq = load_sequence(TABLES / "gdp_wide.csv", header=False, inputs=[2], missing="zero")
    assert seq.input_names == ("x_0",) and seq.inputs[0, 0] == 1960.0
    path = tmp_path / "h.csv"
    path.write_text("1,2\n3,4\n")
    assert load_sequence(path, header=True).input_names == ("1", "2")


@pytest.mark.parametrize(
    ("text", "header"),
    [
        ("1960,1961,1962\n1.5,2.5,3.5\n2.5,3.5,4.5\n", True),  # only years, fractions below
        ("1960,1961\n1.5,2.5\n", True),
        (",1960,1961,1962\n0,1.5,2.5,3.5\n", True),  # pandas' empty index header
        ("1,2,3\n4,5,6\n7,8,9\n", False),  # every row rises regularly: data
        ("1,2\n5,3\n", False),  # two whole numbers over whole numbers: data
        ("YEAR,SUNACTIVITY\n1700,5\n", True),
        ("a,b\n,2\n3,4\n", True),  # an empty cell below the header
        ("x,y\nNA,2\n3,4\n", True),
        ("2020-01-01,5\n2020-01-02,6\n", False),
    ],
)
def test_header_from_whole_column_types(tmp_path, text, header):
    path = tmp_path / "h.csv"
    path.write_text(text)
    assert peek_table(path).has_header is header


def test_quoted_names_are_matched_without_their_quotes():
    preview = peek_table(TABLES / "quoted_names.csv")
    assert preview.columns == ("date", "popul", "births")
    assert preview.roles == ("time", "input", "input")
    for spec in ("popul", "'popul'", '"popul"', " popul "):
        seq = load_sequence(TABLES / "quoted_names.csv", inputs=[spec], targets=["births"])
        assert seq.input_names == ("popul",) and seq.inputs[0, 0] == 58113
    assert seq.step_labels.text(0) == "2001-01-01"


# --------------------------------------------------------- preview problems
def test_preview_marks_every_cell_that_will_fail(tmp_path):
    path = tmp_path / "messy.csv"
    path.write_text("t,a,b,note\n1,0.5,2,ok\n2,abc,3,ok\n3,0.7\n4,,5,x\n5,inf,6,y\n")
    preview = peek_table(path)
    assert preview.total_rows == 5
    issues = preview.problems([1, 2])
    got = [(i.row, i.column, i.line, i.kind, str(i.reason)) for i in issues]
    assert got == [
        (1, 1, 3, "text", "'abc' is not a number"),
        (2, None, 4, "ragged", "2 cells, expected 4 like the header (line 1)"),
        (3, 1, 5, "missing", got[2][4]),
        (4, 1, 6, "not_finite", "inf is not allowed (values must be finite)"),
    ]
    assert got[2][4].startswith("empty cell")
    # the loader stops at the first of them, with the same words
    with pytest.raises(LoadError) as info:
        load_sequence(path, inputs=[1, 2])
    assert info.value.place == "line 3, column 2 ('a')" and info.value.reason == got[0][4]
    # a text column that is not read is no problem
    assert [i.kind for i in preview.problems([2])] == ["ragged"]


def test_row_count_and_estimate_of_a_large_file(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("a,b\n" + "".join(f"{k},{k % 7}\n" for k in range(200_000)))
    preview = peek_table(path)
    assert preview.total_rows is None and preview.more_rows
    assert 150_000 < preview.estimated_rows < 250_000
    assert count_rows(path, preview) == 200_000
    seen: list[float] = []
    assert count_rows(path, preview, progress=seen.append) == 200_000
    assert seen and seen[-1] == 1.0


def test_max_rows_reads_the_first_rows(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("year,a\n" + "".join(f"{1000 + k},{k % 10}\n" for k in range(5000)))
    table = parse_table(path, max_rows=1234)
    assert table.inputs.shape == (1234, 1) and table.inputs[-1, 0] == 3
    assert len(table.step_labels) == 1234


def test_a_long_cell_is_quoted_short(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("a,b\n1,2\n" + "x" * (MAX_CELL + 10) + ",3\n")
    with pytest.raises(LoadError) as info:
        load_sequence(path)
    reason = info.value.reason
    assert info.value.place == "line 3, column 1 ('a')"
    assert f"more than {MAX_CELL} characters" in reason and len(reason) < 100 + EXCERPT
    path.write_text("a,b\n1,2\n" + "y" * 500 + ",3\n")
    with pytest.raises(LoadError) as info:
        load_sequence(path)
    assert info.value.reason == f"'{'y' * EXCERPT}…' is not a number"
