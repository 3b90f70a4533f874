"""Hostile and oversized files (issue 15): refused quickly, in a few lines, within a memory limit.

Each case runs ``python -m lstm_sim run …`` in a child process under an
address-space limit and a timeout (``_limits.run_limited``), so that a
regression is a failing test rather than a dead machine: exit status 2, one
line on stderr naming the file, no traceback, a peak resident memory far
below the machine's. The same loaders are also called in this process where
that is cheap. Large files are sparse (``truncate``): they take no disk space
and no time to make.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest
from _limits import run_limited

from lstm_sim.engine import LSTMParams
from lstm_sim.io import LoadError, load_sequence, load_session, load_weights, peek_table
from lstm_sim.io._zip import MAX_RATIO

GiB = 1 << 30
#: What a refused hostile file may cost the child at most (Python + NumPy ≈ 45 MiB).
MAX_RSS = 1 * GiB
SINE = Path(__file__).parents[1] / "resources" / "examples" / "sine.npz"


def sparse(path: Path, size: int, start: bytes = b"") -> Path:
    """A file of ``size`` bytes: ``start``, then zeros that take no disk space."""
    with open(path, "wb") as fh:
        fh.write(start)
        fh.truncate(size)
    return path


def npy_header(shape: tuple[int, ...], descr: str = "<f8") -> bytes:
    """The first bytes of an ``.npy`` file announcing ``shape`` (version 1.0, 64-byte aligned)."""
    text = repr({"descr": descr, "fortran_order": False, "shape": shape})
    pad = 64 - (10 + len(text) + 1) % 64
    header = (text + " " * pad + "\n").encode("latin1")
    return b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header


def cli(*args: str, memory: int = 2 * GiB, timeout: float = 60.0):
    """``python -m lstm_sim ARGS`` under the limits; returns the result and the seconds taken.

    One BLAS thread: OpenBLAS maps buffers per thread at start-up, which on a
    many-core machine would eat a small address-space limit by itself.
    """
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lstm-sim-hostile-") as cwd:
        result = run_limited(
            [sys.executable, "-m", "lstm_sim", *args],
            memory=memory,
            timeout=timeout,
            env={"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"},
            cwd=cwd,  # where a regression's trace.csv would go
        )
    return result, time.perf_counter() - start


def assert_refused(result, seconds: float, path: Path | str, *fragments: str) -> str:
    """Exit 2, one line on stderr naming ``path`` and saying ``fragments``; little memory."""
    assert not result.timed_out, f"timed out: {path}"
    err = result.stderr
    assert result.returncode == 2, (result.returncode, err[-2000:])
    assert "Traceback" not in err, err[-2000:]
    lines = err.strip().splitlines()
    assert len(lines) == 1, err[-2000:]
    assert lines[0].startswith(f"lstm-sim: error: {path}"), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    assert len(lines[0]) < 600, lines[0]
    assert result.max_rss < MAX_RSS, result.max_rss
    # Printed with -s: the figures of the closing note (memory, time of each case).
    print(f"\n[hostile] {Path(path).name}: {result.max_rss / 2**20:.0f} MiB, {seconds:.2f} s")
    return lines[0]


@pytest.fixture(scope="module")
def fifo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fifo") / "pipe"
    os.mkfifo(path)
    return path


# ------------------------------------------------------------- not data files
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("/dev/zero", "is a device, not a data file"),
        ("/dev/urandom", "is a device, not a data file"),
        ("fifo", "is a named pipe (FIFO), not a data file"),
        ("dir", "is a directory"),
    ],
)
@pytest.mark.parametrize("role", ["sequence", "weights"])
def test_devices_fifos_and_directories_are_refused_before_opening(
    role, name, reason, fifo, tmp_path
):
    path = {"fifo": str(fifo), "dir": str(tmp_path)}.get(name, name)
    args = ["run", path] if role == "sequence" else ["run", str(SINE), "--weights", path]
    assert_refused(*cli(*args, timeout=30), path, reason)


@pytest.mark.parametrize(
    "loader", [load_sequence, load_weights, load_session, peek_table], ids=lambda f: f.__name__
)
def test_every_reader_refuses_devices_and_fifos_in_process(loader, fifo):
    """In this process a FIFO would block the test forever: refusing it must not open it."""
    for path, reason in (("/dev/zero", "device"), (str(fifo), "named pipe")):
        with pytest.raises(LoadError) as info:
            loader(path)
        assert info.value.path == path and reason in info.value.reason


# ---------------------------------------------------------- large sparse files
ZERO_FILES = [
    # (suffix, fragment of the reason), 2 GiB of zero bytes each
    (".npy", "not a NumPy .npy file"),
    (".npz", "not an NPZ file"),
    (".json", "binary data (a zero byte), not JSON text"),
    (".txt", "too large for a character sequence"),
    ("", "unknown sequence file type"),
]


@pytest.mark.parametrize(("suffix", "reason"), ZERO_FILES, ids=[s or "none" for s, _ in ZERO_FILES])
def test_sparse_file_of_zeros_as_sequence(tmp_path, suffix, reason):
    path = sparse(tmp_path / f"zeros{suffix}", 2 * GiB)
    assert_refused(*cli("run", str(path)), path, reason)
    with pytest.raises(LoadError) as info:
        load_sequence(path)
    assert reason in str(info.value)


WEIGHT_ZERO_FILES = [
    (".npz", "not an NPZ file"),
    (".json", "not JSON text"),
    (".safetensors", "its header is not a JSON object"),
    (".weights.h5", "not an HDF5 file"),
    (".keras", "not an HDF5 file"),
    ("", "unknown weights file type"),
]


@pytest.mark.parametrize(
    ("suffix", "reason"), WEIGHT_ZERO_FILES, ids=[s or "none" for s, _ in WEIGHT_ZERO_FILES]
)
def test_sparse_file_of_zeros_as_weights(tmp_path, suffix, reason):
    path = sparse(tmp_path / f"zeros{suffix}", 2 * GiB)
    assert_refused(*cli("run", str(SINE), "--weights", str(path)), path, reason)
    with pytest.raises(LoadError) as info:
        load_weights(path)
    assert reason in str(info.value)


def test_sparse_session_of_zeros(tmp_path):
    path = sparse(tmp_path / "zeros.lstmsim", 2 * GiB)
    with pytest.raises(LoadError, match="not JSON text"):
        load_session(path)


# ------------------------------------------------------------- announced sizes
def test_npy_header_announcing_a_trillion_rows(tmp_path):
    path = sparse(tmp_path / "huge.npy", GiB, npy_header((10**12, 4)))
    line = assert_refused(*cli("run", str(path)), path, "truncated", "(1000000000000, 4)")
    assert "32000000000000 bytes" in line


def test_npy_whose_rows_do_not_fit_suggests_max_steps(tmp_path):
    """An honest 16 GiB .npy (sparse): refused from its header, with an N that fits."""
    rows = 2 * GiB
    path = sparse(
        tmp_path / "long.npy", len(npy_header((rows, 1))) + 8 * rows, npy_header((rows, 1))
    )
    line = assert_refused(*cli("run", str(path)), path, "would need", "add --max-steps")
    steps = int(line.split("--max-steps ")[1].split()[0])
    assert 0 < steps < rows


def test_npy_too_many_inputs_per_step(tmp_path):
    head = npy_header((1, 10**7), "|u1")
    path = sparse(tmp_path / "wide.npy", len(head) + 10**7, head)
    assert_refused(*cli("run", str(path)), path, "10000000 values per step")


def zip_bomb(path: Path, name: str, head: bytes, size: int, **others: bytes) -> Path:
    """A zip whose member ``name`` is ``head`` then zeros up to ``size`` bytes, deflated at
    level 9 by :mod:`zipfile` itself (≈ 1000:1), beside small ``others``."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for key, value in others.items():
            zf.writestr(key, value)
        with zf.open(name, "w", force_zip64=True) as fh:
            fh.write(head)
            block, left = bytes(16 << 20), size - len(head)
            while left > 0:
                fh.write(block[: min(left, len(block))])
                left -= len(block)
    return path


@pytest.fixture(scope="module")
def npz_bomb(tmp_path_factory) -> Path:
    """An .npz of ≈ 250 KB whose one array (float64 zeros, honest header) unpacks to 256 MiB."""
    rows = (256 << 20) // 8
    path = tmp_path_factory.mktemp("bomb") / "bomb.npz"
    head = npy_header((rows,))
    return zip_bomb(path, "x.npy", head, len(head) + 8 * rows)


def test_npz_bomb(npz_bomb):
    assert npz_bomb.stat().st_size < 1 << 20
    assert_refused(*cli("run", str(npz_bomb)), npz_bomb, "zip bomb", f"{MAX_RATIO}:1")
    with pytest.raises(LoadError, match="zip bomb"):
        load_sequence(npz_bomb)
    assert_refused(*cli("run", str(SINE), "--weights", str(npz_bomb)), npz_bomb, "zip bomb")


def test_any_zip_is_checked_before_its_reader_sees_it(npz_bomb, tmp_path):
    """A torch.save file is a zip that torch unpacks itself: the bomb is refused before."""
    path = tmp_path / "bomb.pt"
    path.write_bytes(npz_bomb.read_bytes())
    assert_refused(*cli("run", str(SINE), "--weights", str(path)), path, "zip bomb")
    with pytest.raises(LoadError, match="zip bomb"):
        load_weights(path)


def test_keras_zip_bomb(tmp_path):
    pytest.importorskip("h5py")
    head = b"\x89HDF\r\n\x1a\n"
    path = zip_bomb(
        tmp_path / "bomb.keras",
        "model.weights.h5",
        head,
        256 << 20,
        **{"config.json": b"{}", "metadata.json": b"{}"},
    )
    assert path.stat().st_size < 1 << 20
    assert_refused(*cli("run", str(SINE), "--weights", str(path)), path, "zip bomb")
    with pytest.raises(LoadError, match="zip bomb"):
        load_weights(path)


def test_zip_packed_with_bzip2_is_refused(tmp_path):
    """zipfile unpacks bzip2/LZMA without a bound per read: only stored and deflate are read."""
    path = tmp_path / "bz.npz"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_BZIP2) as zf:
        zf.writestr("x.npy", npy_header((2,)) + bytes(16))
    assert_refused(*cli("run", str(path)), path, "method 12", "stored or deflated")


def test_zip_announcing_too_many_entries(tmp_path, monkeypatch):
    """The count is read from the end record before zipfile makes an object per entry."""
    from lstm_sim.io import _zip

    path = tmp_path / "many.npz"
    with zipfile.ZipFile(path, "w") as zf:
        for k in range(5):
            zf.writestr(f"x{k}.npy", npy_header((2,)) + bytes(16))
    monkeypatch.setattr(_zip, "MAX_ENTRIES", 4)
    with pytest.raises(LoadError, match="the archive announces 5 entries"):
        load_sequence(path)
    monkeypatch.setattr(zipfile, "ZipFile", None)  # never reached: refused before
    with pytest.raises(LoadError, match="5 entries"):
        load_weights(path)


def test_safetensors_header_length_of_a_petabyte(tmp_path):
    path = tmp_path / "w.safetensors"
    path.write_bytes((10**15).to_bytes(8, "little") + b'{"a": 1}')
    line = assert_refused(
        *cli("run", str(SINE), "--weights", str(path)), path, "1000000000000000 bytes"
    )
    assert "not a valid safetensors file" in line


def test_hdf5_dataset_declaring_ten_billion_elements(tmp_path):
    h5py = pytest.importorskip("h5py")
    path = tmp_path / "huge.weights.h5"
    with h5py.File(path, "w") as h5:
        vars_ = h5.create_group("layers/lstm/cell/vars")
        vars_.create_dataset("0", shape=(100_000, 100_000), dtype="<f8", chunks=(1000, 1000))
        vars_["1"] = np.zeros((2, 8))
    assert path.stat().st_size < 1 << 20
    line = assert_refused(
        *cli("run", str(SINE), "--weights", str(path)), path, "(100000, 100000)", "would need"
    )
    assert "layers/lstm/cell/vars/0" in line
    with pytest.raises(LoadError, match="would need"):
        load_weights(path)


# ------------------------------------------------------------------------ JSON
def test_json_nested_too_deeply(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 1_000_000 + "]" * 1_000_000)
    assert_refused(*cli("run", str(path)), path, "nested too deeply")
    assert_refused(*cli("run", str(SINE), "--weights", str(path)), path, "nested too deeply")


def test_json_too_large_for_memory_is_refused_before_parsing(tmp_path):
    """A valid 96 MB JSON list: parsed it would take ≈ 3 GB; refused from its size."""
    path = tmp_path / "big.json"
    with open(path, "w") as fh:
        fh.write("[0")
        fh.write(",0" * (48 << 20))
        fh.write("]")
    line = assert_refused(*cli("run", str(path)), path, "a JSON file of", "would need")
    assert "--max-steps" not in line  # the whole document is parsed: no first steps to take


def test_json_session_and_weights_budget_in_process(tmp_path, monkeypatch):
    from lstm_sim.engine import budget

    monkeypatch.setattr(budget, "available_memory", lambda: 64 << 20)
    for name, loader in (("s.lstmsim", load_session), ("w.json", load_weights)):
        path = tmp_path / name
        path.write_text('{"weight_ih": [' + "0," * (1 << 20) + "0]}")
        with pytest.raises(LoadError) as info:
            loader(path)
        assert "a JSON file of 2.0 MiB would need 64.0 MiB of memory" in str(info.value)
        assert (
            info.value.budget is not None and info.value.budget.needed == 32 * path.stat().st_size
        )


# ------------------------------------------------------------- honest but long
def test_honest_file_too_long_suggests_max_steps_that_fits(tmp_path):
    """3 000 000 steps of zeros: loading fits, running does not; the suggested N then runs."""
    rows = 3_000_000
    head = npy_header((rows, 1))
    path = sparse(tmp_path / "long.npy", len(head) + 8 * rows, head)
    memory = 576 << 20  # small, so that the N that fits runs in a few seconds
    line = assert_refused(
        *cli("run", str(path), "--out", str(tmp_path), memory=memory),
        path,
        "3000000 steps at H = 8",
        "would need",
        "add --max-steps",
    )
    steps = int(line.split("--max-steps ")[1].split()[0])
    assert 1000 < steps < rows
    ok, seconds = cli(
        "run", str(path), "--out", str(tmp_path), "--max-steps", str(steps), memory=memory
    )
    assert ok.returncode == 0 and not ok.timed_out, ok.stderr[-2000:]
    assert f"lstm-sim: {steps} steps" in ok.stdout
    print(f"\n[hostile] --max-steps {steps}: {ok.max_rss / 2**20:.0f} MiB, {seconds:.2f} s")
    with open(tmp_path / "trace.csv") as fh:
        assert sum(1 for _ in fh) == steps + 1


def test_max_steps_reads_only_the_first_rows(tmp_path):
    x = np.arange(20.0).reshape(10, 2)
    np.save(tmp_path / "x.npy", x)
    np.savez(tmp_path / "x.npz", inputs=x, targets=x[:, :1], input_names=np.array(["a", "b"]))
    (tmp_path / "x.json").write_text(json.dumps({"inputs": x.tolist()}))
    (tmp_path / "x.txt").write_text("héllo wörld")
    for name in ("x.npy", "x.npz", "x.json"):
        seq = load_sequence(tmp_path / name, max_steps=3)
        np.testing.assert_array_equal(seq.inputs, x[:3])
        assert seq.meta.get("steps_in_file") in (None, 10), name
    assert load_sequence(tmp_path / "x.npy", max_steps=3).meta["steps_in_file"] == 10
    assert load_sequence(tmp_path / "x.npz", max_steps=4).input_names == ("a", "b")
    text = load_sequence(tmp_path / "x.txt", max_steps=4)
    assert text.length == 4 and "".join(text.vocabulary) <= "hélo wrd"
    assert load_sequence(tmp_path / "x.npy", max_steps=99).length == 10
    # Only the first rows are read: a file whose later bytes are missing still loads them.
    head = npy_header((1000, 2))
    sparse(tmp_path / "cut.npy", len(head) + 16 * 1000, head + x.tobytes()[:48])
    np.testing.assert_array_equal(load_sequence(tmp_path / "cut.npy", max_steps=3).inputs, x[:3])


def test_weights_and_sessions_with_too_many_units_or_inputs(tmp_path, monkeypatch):
    """The caps on H and D (engine/budget.py), lowered here so that the files stay small."""
    from lstm_sim.io import _budgets
    from lstm_sim.io.session_file import SessionDocument, save_session
    from lstm_sim.sequence import Sequence

    monkeypatch.setattr(_budgets, "MAX_HIDDEN", 4)
    monkeypatch.setattr(_budgets, "MAX_INPUTS", 2)
    params = LSTMParams.random(2, 5, seed=0)
    np.savez(tmp_path / "w.npz", **params.to_state_dict())
    with pytest.raises(LoadError, match="H = 5 units: more than lstm-sim takes"):
        load_weights(tmp_path / "w.npz")
    save_session(SessionDocument(Sequence(np.zeros((4, 2))), params), tmp_path / "s.lstmsim")
    with pytest.raises(LoadError, match="H = 5 units"):
        load_session(tmp_path / "s.lstmsim")
    np.savez(tmp_path / "w3.npz", **LSTMParams.random(3, 2, seed=0).to_state_dict())
    with pytest.raises(LoadError, match="3 values per step"):
        load_weights(tmp_path / "w3.npz")
    np.save(tmp_path / "x.npy", np.zeros((4, 3)))
    with pytest.raises(LoadError, match="3 values per step: more than lstm-sim takes"):
        load_sequence(tmp_path / "x.npy")
    result, _ = cli("run", str(SINE), "--hidden", "100000")
    assert result.returncode == 2 and "at most 4096 units" in result.stderr


# ------------------------------------------------------- messages and the engine
def test_messages_quote_only_an_excerpt_of_what_a_file_holds(tmp_path):
    from lstm_sim.io.errors import MAX_FIELD, Text, excerpt

    assert excerpt("x" * 50_000_000, 5) == "xxxxx…" and excerpt("a\nb") == "a b"
    cell = "y" * 50_000_000
    err = LoadError("f.csv", "", Text("{value} is not a number", value=repr(cell)))
    assert len(str(err)) < MAX_FIELD + 40 and str(err).endswith("… is not a number")
    assert len(err.translated(lambda _ctx, text: text)) < MAX_FIELD + 40
    # From files: a JSON string, a zip member's name, a step that is text.
    (tmp_path / "s.json").write_text(json.dumps({"inputs": [cell[:1_000_000]]}))
    (tmp_path / "k.npz").write_bytes(b"")
    with zipfile.ZipFile(tmp_path / "k.npz", "w") as zf:
        zf.writestr("z" * 60_000 + ".npy", b"not an npy")
    for name in ("s.json", "k.npz"):
        with pytest.raises(LoadError) as info:
            load_sequence(tmp_path / name)
        assert len(str(info.value)) < 400, str(info.value)[:500]


def test_the_engine_checks_each_trace_it_allocates(monkeypatch):
    from lstm_sim.engine import budget, run
    from lstm_sim.engine.budget import BudgetError
    from lstm_sim.engine.rnn import RNNParams, run_rnn

    monkeypatch.setattr(budget, "available_memory", lambda: 2 << 20)  # a budget of 1 MiB
    params = LSTMParams.random(1, 8, seed=0)
    run(params, np.zeros((1000, 1)))  # 1001 rows × 58 values = 0.44 MiB: fits
    with pytest.raises(BudgetError) as info:
        run(params, np.zeros((10_000, 1)))
    err = info.value
    assert str(err).startswith("a trace of 10000 steps would need 4.4 MiB")  # 10001 rows × 58
    assert err.fits == (1 << 20) // (8 * 58)
    with pytest.raises(BudgetError, match=r"a trace of 100000 steps would need 7\.6 MiB"):
        run_rnn(RNNParams.random(1, 8, seed=0), np.zeros((100_000, 1)))
