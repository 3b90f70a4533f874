"""Sequence files: every format round-trips, CSV options work, progress and cancel work."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_sim.io import (
    LoadCancelled,
    LoadError,
    csv_table,
    is_target_name,
    load_sequence,
    peek_table,
    save_sequence,
    sequence_suffixes,
)
from lstm_sim.sequence import Sequence


def _seq(rng, steps=17, d=3, p=2, targets=True, **kw) -> Sequence:
    return Sequence(
        inputs=rng.standard_normal((steps, d)) * 10.0 ** rng.integers(-5, 5, (steps, d)),
        targets=rng.standard_normal((steps, p)) if targets else None,
        **kw,
    )


@pytest.fixture
def rng():
    return np.random.default_rng(20261126)


# ------------------------------------------------------------------ round trips
@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".npz", ".json"])
@pytest.mark.parametrize("targets", [True, False])
def test_round_trip_identical_arrays(tmp_path, rng, suffix, targets):
    seq = _seq(rng, targets=targets)
    path = tmp_path / f"seq{suffix}"
    save_sequence(seq, path)
    back = load_sequence(path)
    np.testing.assert_array_equal(back.inputs, seq.inputs)
    if targets:
        np.testing.assert_array_equal(back.targets, seq.targets)
    else:
        assert back.targets is None
    assert back == seq  # names too
    assert back.name == path.name
    assert back.meta["path"] == str(path)


def test_round_trip_named_columns_and_vocabulary(tmp_path, rng):
    seq = Sequence(
        rng.standard_normal((5, 2)),
        rng.standard_normal((5, 1)),
        input_names=("speed", "angle, deg"),
        target_names=("target_torque",),
        vocabulary=(),
    )
    for suffix in (".csv", ".npz", ".json"):
        save_sequence(seq, tmp_path / f"named{suffix}")
        back = load_sequence(tmp_path / f"named{suffix}")
        assert back == seq, suffix


def test_round_trip_npy_inputs_only(tmp_path, rng):
    seq = _seq(rng, targets=False)
    save_sequence(seq, tmp_path / "x.npy")
    back = load_sequence(tmp_path / "x.npy")
    np.testing.assert_array_equal(back.inputs, seq.inputs)
    assert back.targets is None


def test_round_trip_text(tmp_path):
    text = "hello, 世界!\nhello again\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    seq = load_sequence(tmp_path / "a.txt")
    save_sequence(seq, tmp_path / "b.txt")
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == text
    assert load_sequence(tmp_path / "b.txt") == seq
    # and through the other formats, the vocabulary survives
    for suffix in (".npz", ".json"):
        save_sequence(seq, tmp_path / f"c{suffix}")
        assert load_sequence(tmp_path / f"c{suffix}") == seq


def test_npy_refuses_targets_it_cannot_hold(tmp_path, rng):
    from lstm_sim.io import SaveError

    with pytest.raises(SaveError, match="targets would be lost"):
        save_sequence(_seq(rng), tmp_path / "x.npy")
    assert not (tmp_path / "x.npy").exists()


def test_save_unknown_suffix(tmp_path, rng):
    from lstm_sim.io import SaveError

    with pytest.raises(SaveError, match=r"\.xlsx"):
        save_sequence(_seq(rng), tmp_path / "x.xlsx")


def test_suffixes_listed():
    assert {".csv", ".tsv", ".npy", ".npz", ".json", ".txt"} <= set(sequence_suffixes())


# ------------------------------------------------------------------------- text
def test_text_one_hot_next_character(tmp_path):
    (tmp_path / "t.txt").write_text("abca", encoding="utf-8")
    seq = load_sequence(tmp_path / "t.txt")
    assert seq.vocabulary == ("a", "b", "c")
    assert seq.length == 3  # the last character is only a target
    np.testing.assert_array_equal(seq.inputs, np.eye(3)[[0, 1, 2]])
    np.testing.assert_array_equal(seq.targets, np.eye(3)[[1, 2, 0]])
    assert seq.input_names == ("a", "b", "c")


def test_text_crlf_is_one_newline(tmp_path):
    (tmp_path / "t.txt").write_bytes(b"ab\r\nab\r\n")
    seq = load_sequence(tmp_path / "t.txt")
    assert seq.vocabulary == ("\n", "a", "b")
    assert seq.input_names[0] == "\\n"


# -------------------------------------------------------------------------- CSV
def test_csv_header_and_default_targets(tmp_path):
    (tmp_path / "d.csv").write_text("a,b,y\n1,2,3\n4,5,6\n")
    seq = load_sequence(tmp_path / "d.csv")
    assert seq.input_names == ("a", "b")
    assert seq.target_names == ("y",)
    np.testing.assert_array_equal(seq.inputs, [[1, 2], [4, 5]])
    np.testing.assert_array_equal(seq.targets, [[3], [6]])
    assert seq.meta["header"] is True and seq.meta["delimiter"] == ","


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("y", True),
        ("Y", True),
        ("y_0", True),
        ("y2", True),
        ("target", True),
        ("target_speed", True),
        ("TargetX", True),
        ("x", False),
        ("yaw", False),
        ("my_y", False),
    ],
)
def test_target_names(name, target):
    assert is_target_name(name) is target


def test_csv_without_header(tmp_path):
    (tmp_path / "d.csv").write_text("1,2\n3,4\n5,6\n")
    seq = load_sequence(tmp_path / "d.csv")
    assert seq.input_names == ("x_0", "x_1") and seq.targets is None
    assert seq.meta["header"] is False
    np.testing.assert_array_equal(seq.inputs, [[1, 2], [3, 4], [5, 6]])


def test_csv_utf8_bom_and_crlf(tmp_path):
    (tmp_path / "d.csv").write_bytes("\ufeffx,y\r\n1,2\r\n3,4\r\n".encode())
    seq = load_sequence(tmp_path / "d.csv")
    assert seq.input_names == ("x",) and seq.target_names == ("y",)
    np.testing.assert_array_equal(seq.inputs, [[1], [3]])


def test_csv_old_mac_line_ends(tmp_path):
    (tmp_path / "d.csv").write_bytes(b"x\r1\r2\r")
    np.testing.assert_array_equal(load_sequence(tmp_path / "d.csv").inputs, [[1], [2]])


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a;b\n1;2\n3;4\n", ";"),
        ("a\tb\n1\t2\n3\t4\n", "\t"),
        ("a b\n1  2\n3 4\n", None),
        ("a|b\n1|2\n3|4\n", "|"),
    ],
)
def test_csv_delimiter_sniffed(tmp_path, text, delimiter):
    (tmp_path / "d.csv").write_text(text)
    seq = load_sequence(tmp_path / "d.csv")
    assert seq.meta["delimiter"] == delimiter
    np.testing.assert_array_equal(seq.inputs, [[1, 2], [3, 4]])


def test_tsv_by_suffix(tmp_path):
    (tmp_path / "d.tsv").write_text("a,b\tc\n1\t2\n")
    seq = load_sequence(tmp_path / "d.tsv")
    assert seq.input_names == ("a,b", "c")


def test_csv_columns_by_name_and_index(tmp_path):
    (tmp_path / "d.csv").write_text("t,u,v,w\n1,2,3,4\n5,6,7,8\n")
    seq = load_sequence(tmp_path / "d.csv", inputs=["w", 0], targets=["2"])
    assert seq.input_names == ("w", "t") and seq.target_names == ("v",)
    np.testing.assert_array_equal(seq.inputs, [[4, 1], [8, 5]])
    np.testing.assert_array_equal(seq.targets, [[3], [7]])
    seq = load_sequence(tmp_path / "d.csv", targets=[-1])  # every other column is an input
    assert seq.input_names == ("t", "u", "v") and seq.target_names == ("w",)


def test_csv_inputs_only_keeps_default_targets(tmp_path):
    (tmp_path / "d.csv").write_text("a,b,y\n1,2,3\n")
    seq = load_sequence(tmp_path / "d.csv", inputs=["a"])
    assert seq.input_names == ("a",) and seq.target_names == ("y",)
    seq = load_sequence(tmp_path / "d.csv", inputs=["a", "y"])
    assert seq.targets is None
    seq = load_sequence(tmp_path / "d.csv", inputs=["a"], targets=[])
    assert seq.targets is None


def test_csv_text_columns_are_skipped(tmp_path):
    (tmp_path / "d.csv").write_text("date,v,label,target\n2026-01-01,1,up,2\n2026-01-02,3,down,4\n")
    seq = load_sequence(tmp_path / "d.csv")
    assert seq.input_names == ("v",) and seq.target_names == ("target",)
    np.testing.assert_array_equal(seq.inputs, [[1], [3]])


def test_csv_quoted_numbers_and_blank_lines(tmp_path):
    (tmp_path / "d.csv").write_text('"a","b"\n\n"1.5",2\n   \n3,"4"\n\n')
    seq = load_sequence(tmp_path / "d.csv")
    assert seq.input_names == ("a", "b")
    np.testing.assert_array_equal(seq.inputs, [[1.5, 2], [3, 4]])


def test_csv_forced_header_and_delimiter(tmp_path):
    (tmp_path / "d.csv").write_text("1;2\n3;4\n")
    seq = load_sequence(tmp_path / "d.csv", header=True, delimiter=";")
    assert seq.input_names == ("1", "2")
    np.testing.assert_array_equal(seq.inputs, [[3, 4]])


def test_csv_many_chunks_progress_and_exact_values(tmp_path, rng, monkeypatch):
    monkeypatch.setattr(csv_table, "_CHUNK", 2000)  # many chunks from a small file
    x = rng.standard_normal((3000, 4))
    (tmp_path / "big.csv").write_text(
        "a,b,c,y\n" + "".join(",".join(map(repr, row)) + "\n" for row in x.tolist())
    )
    seen: list[float] = []
    seq = load_sequence(tmp_path / "big.csv", progress=seen.append)
    np.testing.assert_array_equal(seq.inputs, x[:, :3])
    np.testing.assert_array_equal(seq.targets, x[:, 3:])
    assert len(seen) > 10
    assert seen == sorted(seen) and seen[-1] == 1.0 and all(0 < s <= 1 for s in seen)


def test_csv_error_line_number_in_a_later_chunk(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_table, "_CHUNK", 100)
    lines = ["a,b"] + [f"{k},{k + 1}" for k in range(500)]
    lines[400] = "399,oops"
    (tmp_path / "d.csv").write_text("\n".join(lines) + "\n")
    with pytest.raises(LoadError) as info:
        load_sequence(tmp_path / "d.csv")
    assert info.value.place == "line 401, column 2 ('b')"
    assert "'oops' is not a number" in info.value.reason


def test_cancel_stops_with_load_cancelled(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_table, "_CHUNK", 50)
    (tmp_path / "d.csv").write_text("a\n" + "1\n" * 1000)
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(LoadCancelled):
        load_sequence(tmp_path / "d.csv", cancel=cancel)
    assert not issubclass(LoadCancelled, LoadError)
    with pytest.raises(LoadCancelled):  # other formats check once
        (tmp_path / "d.json").write_text("[1, 2]")
        load_sequence(tmp_path / "d.json", cancel=lambda: True)


def test_peek_table(tmp_path):
    (tmp_path / "d.csv").write_text(
        "date;x;y\n" + "".join(f"2026-01-{k:02d};{k};{k * 2}\n" for k in range(1, 31))
    )
    preview = peek_table(tmp_path / "d.csv", max_rows=5)
    assert preview.delimiter == ";" and preview.has_header
    assert preview.columns == ("date", "x", "y")
    assert preview.rows[0] == ("2026-01-01", "1", "2") and len(preview.rows) == 5
    assert preview.numeric == (False, True, True)
    assert preview.suggested_inputs == (1,) and preview.suggested_targets == (2,)
    assert preview.more_rows


def test_peek_table_bad_file(tmp_path):
    (tmp_path / "e.csv").write_bytes(b"")
    with pytest.raises(LoadError, match="empty file"):
        peek_table(tmp_path / "e.csv")
    with pytest.raises(LoadError, match="is a directory"):
        peek_table(tmp_path)


# ------------------------------------------------------------------ NPY / NPZ / JSON
def test_npy_shapes_and_dtypes(tmp_path):
    np.save(tmp_path / "a.npy", np.arange(5, dtype=np.int32))
    seq = load_sequence(tmp_path / "a.npy")
    assert seq.inputs.shape == (5, 1) and seq.inputs.dtype == np.float64
    big_endian = np.asfortranarray(np.arange(6, dtype=">f4").reshape(3, 2))
    np.save(tmp_path / "b.npy", big_endian)
    np.testing.assert_array_equal(load_sequence(tmp_path / "b.npy").inputs, big_endian)


def test_npz_keys(tmp_path):
    np.savez(tmp_path / "a.npz", x=np.ones(4), y=np.zeros(4))
    seq = load_sequence(tmp_path / "a.npz")
    assert seq.inputs.shape == (4, 1) and seq.targets.shape == (4, 1)
    np.savez(tmp_path / "b.npz", np.arange(6.0).reshape(3, 2))  # one unnamed array
    assert load_sequence(tmp_path / "b.npz").inputs.shape == (3, 2)


def test_npz_column_selection(tmp_path):
    np.savez(tmp_path / "a.npz", inputs=np.arange(6.0).reshape(3, 2), targets=np.ones(3))
    seq = load_sequence(tmp_path / "a.npz", inputs=["x_1"], targets=["y_0"])
    np.testing.assert_array_equal(seq.inputs, [[1], [3], [5]])


def test_json_variants(tmp_path):
    (tmp_path / "a.json").write_text("[1, 2.5, 3]")
    np.testing.assert_array_equal(load_sequence(tmp_path / "a.json").inputs, [[1], [2.5], [3]])
    (tmp_path / "b.json").write_text('{"x": [[1, 2], [3, 4]], "y": [5, 6]}')
    seq = load_sequence(tmp_path / "b.json")
    np.testing.assert_array_equal(seq.targets, [[5], [6]])
    (tmp_path / "c.json").write_text('{"inputs": [[1]], "targets": null, "name": "mine"}')
    assert load_sequence(tmp_path / "c.json").name == "mine"


def test_unknown_suffix_detected_by_content(tmp_path):
    np.save(tmp_path / "a.npy", np.ones((2, 2)))
    (tmp_path / "a.npy").rename(tmp_path / "a.data")
    assert load_sequence(tmp_path / "a.data").inputs.shape == (2, 2)
    (tmp_path / "b.whatever").write_text("hello")
    with pytest.raises(LoadError, match=r"unknown sequence file type \.whatever"):
        load_sequence(tmp_path / "b.whatever")
