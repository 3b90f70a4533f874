"""Bad input, everywhere: each failure is one LoadError naming the file, the place, the reason."""

from __future__ import annotations

import builtins
import io
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from lstm_sim.engine import LSTMParams
from lstm_sim.io import (
    LoadError,
    load_sequence,
    load_session,
    load_weights,
    load_weights_with_readout,
)

FIXTURES = Path(__file__).parent / "fixtures"


def _npy_bytes(arr: np.ndarray, allow_pickle: bool = False) -> bytes:
    buf = io.BytesIO()
    np.save(buf, arr, allow_pickle=allow_pickle)
    return buf.getvalue()


def _npz_bytes(**arrays: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def _weights_npz(**overrides) -> bytes:
    arrays = LSTMParams.random(2, 3, seed=0).to_state_dict()
    arrays.update(overrides)
    return _npz_bytes(**{k: v for k, v in arrays.items() if v is not None})


def check(loader: Callable, path: Path, place: str, reason: str, **kw) -> LoadError:
    """``loader(path)`` raises exactly LoadError(path, place, …reason…), on one line."""
    with pytest.raises(LoadError) as info:
        loader(path, **kw)
    err = info.value
    assert type(err) is LoadError
    assert err.path == os.fspath(path)
    assert err.place == place, str(err)
    assert reason in err.reason, str(err)
    expected = f"{path}: {place}: {err.reason}" if place else f"{path}: {err.reason}"
    assert str(err) == expected
    assert "\n" not in str(err) and "Traceback" not in str(err)
    return err


# ----------------------------------------------------------------- sequences
SEQUENCE_CASES = [
    # (file name, content, place, reason)
    ("empty.csv", b"", "", "empty file"),
    ("blank.csv", b"  \n\n \r\n", "", "only blanks"),
    ("header_only.csv", b"a,b\n", "", "no data rows after the header"),
    ("ragged.csv", b"a,b\n1,2\n3\n4,5\n", "line 3", "1 cells, expected 2 like the header (line 1)"),
    ("ragged_long.csv", b"1,2\n3,4,5\n", "line 2", "3 cells, expected 2 like the first row"),
    ("text_cell.csv", b"a,b\n1,2\n3,abc\n", "line 3, column 2 ('b')", "'abc' is not a number"),
    ("empty_cell.csv", b"a,b,c\n1,2,3\n1,,3\n", "line 3, column 2 ('b')", "empty cell"),
    ("nan.csv", b"a,b\n1,2\nnan,3\n", "line 3, column 1 ('a')", "'nan' marks a missing value"),
    ("inf.csv", b"a\n1\n-inf\n", "line 3, column 1 ('a')", "-inf is not allowed"),
    ("no_header_bad.csv", b"1,2\n3,x\n", "line 2, column 2", "'x' is not a number"),
    ("binary.csv", b"a,b\n1,2\n\xff\xfe\x00\x01\n", "line 3 (byte 8)", "not UTF-8 text"),
    ("no_numbers.csv", b"a,b\nx,y\n", "", "no numeric input column"),
    ("empty.npy", b"", "", "empty file"),
    ("garbage.npy", b"hello world", "", "not a NumPy .npy file"),
    ("truncated.npy", _npy_bytes(np.ones((10, 2)))[:-8], "", "truncated"),
    ("header.npy", b"\x93NUMPY\x01\x00\x10\x00{'descr': '<f8',", "", "header"),
    ("object.npy", _npy_bytes(np.array([1, "a"], dtype=object), True), "", "object array"),
    (
        "strings.npy",
        _npy_bytes(np.array(["a", "b"])),
        "",
        "expected numbers, got an array of dtype <U1",
    ),
    (
        "cube.npy",
        _npy_bytes(np.ones((2, 2, 2))),
        "",
        "expected shape (T,) or (T, D), got (2, 2, 2)",
    ),
    ("zero.npy", _npy_bytes(np.ones((0, 3))), "", "empty (0 steps)"),
    ("nonfinite.npy", _npy_bytes(np.array([[1.0, np.nan]])), "index [0, 1]", "nan is not allowed"),
    ("empty.npz", b"", "", "empty file"),
    (
        "keys.npz",
        _npz_bytes(a=np.ones(3), b=np.ones(3)),
        "",
        "missing key 'x' or 'inputs' (keys found: a, b)",
    ),
    (
        "rows.npz",
        _npz_bytes(x=np.ones(3), y=np.ones(4)),
        "key 'y'",
        "4 steps, but the inputs ('x') have 3",
    ),
    ("corrupt.npz", _npz_bytes(x=np.ones(3))[:40], "", "not a valid NPZ (zip) file"),
    ("object.npz", _npz_bytes(x=np.array([None, 1], dtype=object)), "key 'x'", "object array"),
    ("notzip.npz", b"x,y\n1,2\n", "byte 0", "not an NPZ file"),
    ("empty.json", b"", "", "empty file"),
    ("syntax.json", b'{"inputs": [[1, 2],\n [3 4]]}', "line 2, column 5", "not JSON"),
    ("ragged.json", b'{"inputs": [[1, 2], [3]]}', "key inputs[1]", "row has 1 values, expected 2"),
    (
        "string.json",
        b'{"inputs": [[1, 2], [3, "4"]]}',
        "key inputs[1][1]",
        "expected a number, got '4'",
    ),
    ("bool.json", b'{"inputs": [1, true]}', "key inputs[1]", "expected a number, got true"),
    ("null.json", b'{"inputs": [[1], [null]]}', "key inputs[1][0]", "expected a number, got null"),
    ("nan.json", b'{"inputs": [[1], [NaN]]}', "key inputs[1][0]", "nan is not allowed"),
    ("missing.json", b'{"data": [1, 2]}', "", "missing key 'inputs' (or 'x'); keys found: data"),
    (
        "targets.json",
        b'{"inputs": [1, 2], "targets": [1]}',
        "key targets",
        "1 steps, but inputs has 2",
    ),
    ("deep.json", b"[" * 100000 + b"]" * 100000, "", "nested too deeply"),
    (
        "names.json",
        b'{"inputs": [[1, 2]], "input_names": ["a"]}',
        "key input_names",
        "expected 2 names, got 1",
    ),
    ("empty.txt", b"", "", "empty file"),
    ("short.txt", b"a", "", "needs at least 2 characters"),
    ("latin1.txt", "naïve".encode("latin-1"), "line 1 (byte 2)", "not UTF-8"),
    ("unknown.xyz", b"hello", "", "unknown sequence file type .xyz"),
]


@pytest.mark.parametrize(
    ("name", "content", "place", "reason"), SEQUENCE_CASES, ids=[c[0] for c in SEQUENCE_CASES]
)
def test_bad_sequence_file(tmp_path, name, content, place, reason):
    path = tmp_path / name
    path.write_bytes(content)
    check(load_sequence, path, place, reason)


def test_bad_column_choices(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("a,b,y\n1,2,3\n")
    check(
        load_sequence,
        path,
        "column 'zz'",
        "no such column for inputs (columns: a, b, y)",
        inputs=["zz"],
    )
    check(
        load_sequence, path, "column 7", "index out of range (the file has 3 columns", targets=[7]
    )
    check(
        load_sequence,
        path,
        "column 'a'",
        "chosen both as input and as target",
        inputs=["a"],
        targets=["a"],
    )
    check(load_sequence, path, "", "no numeric input column", inputs=[])


@pytest.mark.parametrize("loader", [load_sequence, load_weights, load_session])
def test_directory_missing_and_unreadable(tmp_path, monkeypatch, loader):
    check(loader, tmp_path, "", "is a directory")
    check(loader, tmp_path / "nope.json", "", "no such file")

    # Tests run as root, where chmod 000 does not stop reading: simulate the OS refusal.
    locked = tmp_path / "locked.json"
    locked.write_text("[1, 2]")
    real_open = builtins.open

    def fake_open(file, *args, **kwargs):
        if os.fspath(file) == os.fspath(locked):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    check(loader, locked, "", "permission denied")


def test_bom_and_crlf_load_fine(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfx,y\r\n1,2\r\n")
    seq = load_sequence(path)
    assert seq.input_names == ("x",)
    path = tmp_path / "bom.json"
    path.write_bytes(b'\xef\xbb\xbf{"inputs":\r\n [1, 2]}')
    assert load_sequence(path).length == 2


# -------------------------------------------------------------------- weights
H4 = 12  # 4H for H = 3

WEIGHT_CASES = [
    ("empty.npz", b"", "", "empty file"),
    (
        "keys.npz",
        _npz_bytes(a=np.ones(2)),
        "",
        "no LSTM weights: expected weight_ih, weight_hh, bias_ih, bias_hh "
        "(or nn.LSTM names such as weight_hh_l0); keys found: a",
    ),
    (
        "no_ih.npz",
        _weights_npz(weight_ih=None),
        "key 'weight_ih_l0'",
        "missing (keys found: weight_hh, bias_ih, bias_hh)",
    ),
    (
        "ih_rows.npz",
        _weights_npz(weight_ih=np.ones((8, 2))),
        "key 'weight_ih'",
        "expected shape (12, D) to match weight_hh (12, 3), got (8, 2)",
    ),
    (
        "hh_shape.npz",
        _weights_npz(weight_hh=np.ones((12, 4))),
        "key 'weight_hh'",
        "expected shape (4H, H), got (12, 4)",
    ),
    (
        "bias.npz",
        _weights_npz(bias_hh=np.ones(11)),
        "key 'bias_hh'",
        "expected shape (12,) to match weight_hh (12, 3), got (11,)",
    ),
    (
        "nan.npz",
        _weights_npz(bias_ih=np.r_[np.ones(5), np.inf, np.ones(6)]),
        "key 'bias_ih'",
        "non-finite value inf at index [5]",
    ),
    (
        "object.npz",
        _weights_npz(weight_hh=np.array([None], dtype=object)),
        "key 'weight_hh'",
        "object array",
    ),
    (
        "strings.npz",
        _weights_npz(weight_hh=np.array(["a"])),
        "key 'weight_hh'",
        "expected numbers, got dtype <U1",
    ),
    (
        "prefixes.npz",
        _npz_bytes(**{"a.weight_hh": np.ones((4, 1)), "b.weight_hh": np.ones((4, 1))}),
        "",
        "several LSTMs in one file (key prefixes 'a.', 'b.')",
    ),
    (
        "proj.npz",
        _npz_bytes(
            weight_ih_l0=np.ones((8, 1)), weight_hh_l0=np.ones((8, 1)), weight_hr_l0=np.ones((1, 2))
        ),
        "key 'weight_hr_l0'",
        "projections",
    ),
    (
        "truncated.safetensors",
        b'\x10\x00\x00\x00\x00\x00\x00\x00{"a"',
        "",
        "not a valid safetensors file",
    ),
    ("tiny.safetensors", b"\x01\x02", "", "empty or truncated safetensors file"),
    ("huge.safetensors", b"\xff" * 8 + b"{}", "", "not a valid safetensors file"),
    (
        "string.json",
        b'{"weight_ih": [["a"]], "weight_hh": [[1]]}',
        "key weight_ih[0][0]",
        "expected a number, got 'a'",
    ),
    ("list.json", b"[1, 2]", "", "expected a JSON object of named arrays"),
    ("empty.weights.h5", b"", "", "empty file"),
    ("garbage.weights.h5", b"not hdf5 at all", "byte 0", "not an HDF5 file"),
    ("corrupt.weights.h5", b"\x89HDF\r\n\x1a\n" + b"\x00" * 64, "", "not a readable HDF5 file"),
    ("nomodel.keras", b"PK\x05\x06" + b"\x00" * 18, "", "no model.weights.h5 inside"),
    ("badzip.keras", b"PK\x03\x04garbage", "", "not a valid .keras (zip) file"),
    ("unknown.xyz", b"\x00\x01\x02", "", "unknown weights file type .xyz"),
    ("garbage.bin", b"\x00\x01\x02", "byte 0", "not a PyTorch file"),
]


@pytest.mark.parametrize(
    ("name", "content", "place", "reason"), WEIGHT_CASES, ids=[c[0] for c in WEIGHT_CASES]
)
def test_bad_weight_file(tmp_path, name, content, place, reason):
    if name.endswith((".h5", ".keras")) and "garbage" not in name and "empty" not in name:
        pytest.importorskip("h5py")
    path = tmp_path / name
    path.write_bytes(content)
    check(load_weights, path, place, reason)


def test_missing_layer_lists_the_layers():
    path = FIXTURES / "torch_lstm.safetensors"
    check(
        load_weights,
        path,
        "",
        "no layer 2 in this file (it has: 0, 0 reverse, 1, 1 reverse)",
        layer=2,
    )


def test_readout_shape_disagrees(tmp_path):
    arrays = LSTMParams.random(2, 3, seed=0).to_state_dict()
    np.savez(tmp_path / "r.npz", **arrays, **{"readout.weight": np.ones((1, 4))})
    err = check(
        load_weights_with_readout,
        tmp_path / "r.npz",
        "key 'readout.weight'",
        "expected shape (P, 3)",
    )
    assert "got (1, 4)" in err.reason


def test_keras_shapes_disagree_name_the_keras_key(tmp_path):
    h5py = pytest.importorskip("h5py")
    with h5py.File(tmp_path / "bad.weights.h5", "w") as f:
        g = f.create_group("layers/lstm/cell/vars")
        g["0"], g["1"], g["2"] = np.ones((2, 12)), np.ones((3, 12)), np.ones(8)
    check(
        load_weights,
        tmp_path / "bad.weights.h5",
        "key 'layers/lstm/cell/vars/2'",
        "bias: expected shape (12,) to match the recurrent kernel (3, 12), got (8,)",
    )
    with h5py.File(tmp_path / "gru.weights.h5", "w") as f:
        f.create_group("layers/dense/vars")["0"] = np.ones((2, 2))
    check(load_weights, tmp_path / "gru.weights.h5", "", "no LSTM layer found")


def test_pt_garbage(tmp_path):
    (tmp_path / "w.pt").write_bytes(b"PK\x03\x04 this is no checkpoint")
    check(load_weights, tmp_path / "w.pt", "", "not a readable PyTorch file")
    (tmp_path / "e.pt").write_bytes(b"")
    check(load_weights, tmp_path / "e.pt", "", "empty file")


# -------------------------------------------------------------------- sessions
def _session(tmp_path, **changes) -> Path:
    from lstm_sim.io import SessionDocument, save_session
    from lstm_sim.sequence import Sequence

    doc = SessionDocument(Sequence(np.ones((4, 2))), LSTMParams.random(2, 3, seed=0), step=2)
    path = tmp_path / "s.lstmsim"
    save_session(doc, path)
    data = json.loads(path.read_text())
    for key, value in changes.items():
        target = data
        *parents, last = key.split(".")
        for p in parents:
            target = target[p]
        if value is ...:
            del target[last]
        else:
            target[last] = value
    path.write_text(json.dumps(data))
    return path


SESSION_CASES = [
    ({"format": "something"}, "key format", "not an lstm-sim session"),
    ({"version": 99}, "key version", "version 99 was written by a newer lstm-sim"),
    ({"version": ...}, "key version", "missing"),
    ({"weights": ...}, "key weights", "missing"),
    (
        {"weights.bias_hh": ...},
        "key weights.bias_hh",
        "missing (keys found: weight_ih, weight_hh, bias_ih)",
    ),
    (
        {"weights.weight_hh": [[1.0] * 4] * 12},
        "key weights.weight_hh",
        "expected shape (4H, H) with H ≥ 1, got (12, 4)",
    ),
    (
        {"weights.weight_ih": [[1.0] * 3] * 12},
        "key weights.weight_ih",
        "take 3 input(s) per step but the sequence has 2",
    ),
    (
        {"sequence.inputs": [[1, 2], [3, "x"]]},
        "key sequence.inputs[1][1]",
        "expected a number, got 'x'",
    ),
    ({"step": 9}, "key step", "expected an integer 0 … 4, got 9"),
    ({"settings": [1]}, "key settings", "expected an object"),
    ({"readout": {"weight": [[1, 2]]}}, "key readout.weight", "expected shape (P, 3), got (1, 2)"),
]


@pytest.mark.parametrize(
    ("changes", "place", "reason"), SESSION_CASES, ids=[c[1] + c[2][:12] for c in SESSION_CASES]
)
def test_bad_session(tmp_path, changes, place, reason):
    check(load_session, _session(tmp_path, **changes), place, reason)


def test_truncated_session(tmp_path):
    path = _session(tmp_path)
    path.write_bytes(path.read_bytes()[:-30])
    with pytest.raises(LoadError) as info:
        load_session(path)
    assert info.value.place.startswith("line 1, column ")
    assert info.value.reason.startswith("not JSON")


def test_zip_member_is_damaged(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("x.npy", _npy_bytes(np.ones(100)))
    data = bytearray(buf.getvalue())
    data[60] ^= 0xFF  # inside the compressed member
    (tmp_path / "d.npz").write_bytes(bytes(data))
    with pytest.raises(LoadError) as info:
        load_sequence(tmp_path / "d.npz")
    assert info.value.place in ("", "key 'x'")


# ------------------------------------------------- HDF5 files that break the library
@pytest.mark.parametrize("name", ["keras_hang.weights.h5", "keras_oom.weights.h5"])
def test_damaged_hdf5_found_by_fuzzing(monkeypatch, name):
    """Mutated copies of the Keras fixture on which, read in-process, the HDF5 library
    looped forever (reading an attribute) or allocated > 20 GB. Read in a separate,
    memory-limited process with a timeout, they end in a LoadError."""
    pytest.importorskip("h5py")
    from lstm_sim.io import keras_weights

    monkeypatch.setattr(keras_weights, "H5_TIMEOUT", 30.0)
    with pytest.raises(LoadError) as info:
        load_weights(FIXTURES / "damaged" / name)
    assert info.value.path.endswith(name)


def test_hdf5_reader_timeout(monkeypatch):
    pytest.importorskip("h5py")
    from collections import OrderedDict

    from lstm_sim.io import keras_weights

    monkeypatch.setattr(keras_weights, "_CACHE", OrderedDict())
    monkeypatch.setattr(keras_weights, "H5_TIMEOUT", 0.001)
    check(load_weights, FIXTURES / "keras_lstm.weights.h5", "", "did not finish reading")


def test_hdf5_in_process_reads_the_same(monkeypatch):
    pytest.importorskip("h5py")
    from collections import OrderedDict

    from lstm_sim.io import keras_weights

    path = FIXTURES / "keras_lstm.weights.h5"
    isolated = load_weights(path, layer=1)
    monkeypatch.setattr(keras_weights, "_CACHE", OrderedDict())
    monkeypatch.setattr(keras_weights, "H5_ISOLATED", False)
    assert load_weights(path, layer=1) == isolated
