"""Nothing outside the file is read because the file says so (issue 15, item 2).

HDF5 can point elsewhere: external links, datasets with external raw storage,
virtual datasets, filters that load a plugin. Each is refused, naming the
object, before any dataset is read. Two kinds of proof that the other file is
never opened:

* it is a FIFO: opening it would block the HDF5 library for ever, so the
  child running ``lstm-sim`` would hit its timeout (the test fails);
* it holds recognizable numbers: had they been read, they would be the
  weights (the load would succeed) — the load fails and they appear nowhere.
"""

from __future__ import annotations

import io
import os
import sys
from collections import OrderedDict
from pathlib import Path

import numpy as np
import pytest
from _limits import run_limited

from lstm_sim.io import LoadError, load_sequence, load_weights

h5py = pytest.importorskip("h5py")

SINE = Path(__file__).parents[1] / "resources" / "examples" / "sine.npz"
#: A value that would show up in the weights (or the messages) if the other file were read.
MARKER = 1234.5


def keras_file(path: Path, kind: str, target: str) -> Path:
    """A Keras 3 ``.weights.h5`` whose kernel (``layers/lstm/cell/vars/0``) lives in ``target``.

    ``kind``: ``external`` (raw storage in ``target``), ``link`` (an external
    link to ``target:/kernel``), ``soft`` (a soft link to an external link),
    ``virtual`` (a virtual dataset mapping ``target:/kernel``), ``plugin``
    (a filter HDF5 does not have built in).
    """
    with h5py.File(path, "w") as h5:
        cell = h5.create_group("layers/lstm/cell/vars")
        if kind == "external":
            cell.create_dataset("0", shape=(1, 8), dtype="<f4", external=[(target, 0, 32)])
        elif kind == "link":
            cell["0"] = h5py.ExternalLink(target, "/kernel")
        elif kind == "soft":
            h5["elsewhere"] = h5py.ExternalLink(target, "/kernel")
            cell["0"] = h5py.SoftLink("/elsewhere")
        elif kind == "virtual":
            layout = h5py.VirtualLayout(shape=(1, 8), dtype="<f4")
            layout[:] = h5py.VirtualSource(target, "kernel", shape=(1, 8))
            cell.create_virtual_dataset("0", layout)
        elif kind == "plugin":
            cell.create_dataset(
                "0", data=np.zeros((1, 8)), chunks=(1, 8), compression=32001,
                allow_unknown_filter=True,
            )  # fmt: skip
        cell["1"] = np.zeros((2, 8), dtype="<f4")
        cell["2"] = np.zeros(8, dtype="<f4")
    return path


def marker_file(path: Path, kind: str) -> str:
    """The file ``kind`` points at, full of MARKER (raw float32, or an HDF5 dataset)."""
    if kind == "external":
        np.full(8, MARKER, dtype="<f4").tofile(path)
    else:
        with h5py.File(path, "w") as h5:
            h5["kernel"] = np.full((1, 8), MARKER, dtype="<f4")
    return str(path)


REASONS = {
    "external": "a dataset stored in another file",
    "link": "an external link to",
    "soft": "an external link to",
    "virtual": "a virtual dataset",
}


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    from lstm_sim.io import keras_weights

    monkeypatch.setattr(keras_weights, "_CACHE", OrderedDict())


@pytest.mark.parametrize("isolated", [True, False], ids=["worker", "in-process"])
@pytest.mark.parametrize("kind", list(REASONS))
def test_refused_and_the_other_file_is_not_read(tmp_path, monkeypatch, kind, isolated):
    from lstm_sim.io import keras_weights

    monkeypatch.setattr(keras_weights, "H5_ISOLATED", isolated)
    target = marker_file(tmp_path / "secret.bin", kind)
    path = keras_file(tmp_path / f"{kind}.weights.h5", kind, target)
    with pytest.raises(LoadError) as info:
        load_weights(path)
    err = info.value
    assert REASONS[kind] in err.reason and "reads nothing outside the file" in err.reason
    assert err.place.startswith("key '")
    assert str(MARKER) not in str(err) and "1234" not in str(err)


@pytest.mark.parametrize("kind", list(REASONS))
def test_a_fifo_as_the_other_file_is_never_opened(tmp_path, kind):
    """Opening the FIFO would block: the command would time out instead of exiting 2."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    path = keras_file(tmp_path / f"{kind}.weights.h5", kind, str(fifo))
    result = run_limited(
        [sys.executable, "-m", "lstm_sim", "run", str(SINE), "--weights", str(path)],
        timeout=30,
        cwd=tmp_path,
    )
    assert not result.timed_out, "the HDF5 library opened the FIFO"
    assert result.returncode == 2, result.stderr[-2000:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert lines[0].startswith(f"lstm-sim: error: {path}: key '") and REASONS[kind] in lines[0]
    assert result.max_rss < 1 << 30
    print(f"\n[hostile] {kind} → FIFO: {result.max_rss / 2**20:.0f} MiB")


def test_a_filter_that_needs_a_plugin_is_refused(tmp_path):
    path = keras_file(tmp_path / "plugin.weights.h5", "plugin", "")
    with pytest.raises(LoadError, match="filter 32001, which would load a plugin"):
        load_weights(path)


def test_the_hdf5_reader_process_loads_no_plugin():
    """Belt and braces: the worker's environment disables HDF5's plugin loading."""
    import inspect

    from lstm_sim.io import keras_weights

    assert 'env["HDF5_PLUGIN_PRELOAD"] = "::"' in inspect.getsource(keras_weights._read_h5_worker)


def test_an_honest_file_still_loads(tmp_path):
    path = tmp_path / "ok.weights.h5"
    with h5py.File(path, "w") as h5:
        cell = h5.create_group("layers/lstm/cell/vars")
        cell["0"] = np.full((1, 8), 0.5)
        cell.create_dataset("1", data=np.zeros((2, 8)), chunks=(1, 8), compression="gzip")
        cell["2"] = np.zeros(8)
        h5["alias"] = h5py.SoftLink("/layers/lstm/cell/vars/2")  # in the file: harmless
    params = load_weights(path)
    assert params.hidden_size == 2 and np.all(params.weight_ih == 0.5)


def test_zip_member_names_never_reach_the_file_system(tmp_path):
    """Members are read into memory by name, never extracted: '..' and absolute names are keys."""
    import zipfile

    outside = tmp_path / "outside"
    buf = io.BytesIO()
    np.save(buf, np.arange(3.0))
    for k, name in enumerate((f"../../{outside.name}.npy", f"{outside}.npy")):
        with zipfile.ZipFile(tmp_path / f"evil{k}.npz", "w") as zf:
            zf.writestr(name, buf.getvalue())
        seq = load_sequence(tmp_path / f"evil{k}.npz")
        np.testing.assert_array_equal(seq.inputs[:, 0], np.arange(3.0))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["evil0.npz", "evil1.npz"]
