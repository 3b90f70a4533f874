"""The allow-list unpickler of .pt files: hostile pickles run nothing; budgets come first.

Every pickle here is built by hand (``pickle``/``pickletools`` opcodes) and
zipped the way ``torch.save`` does, so these tests need no torch. Each hostile
payload would create a marker file if anything ran; the tests check the
marker is absent and the message names the refused global.
"""

from __future__ import annotations

import functools
import io
import os
import pickle
import struct
import subprocess
import sys
import zipfile
from collections import OrderedDict
from pathlib import Path

import numpy as np
import pytest

from lstm_sim.io import LoadError, load_weights
from lstm_sim.io.model_file import load_model
from lstm_sim.io.torch_zip import read_torch_zip

FIXTURES = Path(__file__).parent / "fixtures" / "model"


def _zip(path: Path, pkl: bytes, records: dict[str, bytes] | None = None, order=b"little") -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("archive/data.pkl", pkl)
        if order is not None:
            zf.writestr("archive/byteorder", order)
        for key, raw in (records or {}).items():
            zf.writestr(f"archive/data/{key}", raw)
        zf.writestr("archive/version", b"3\n")
    path.write_bytes(buf.getvalue())
    return path


def _global(module: str, name: str) -> bytes:
    return b"c" + module.encode() + b"\n" + name.encode() + b"\n"


def _str(s: str) -> bytes:
    raw = s.encode()
    return b"X" + struct.pack("<I", len(raw)) + raw


def _int(n: int) -> bytes:
    return b"J" + struct.pack("<i", n)


def _tensor(key: str, numel: int, size: tuple, stride: tuple, storage="FloatStorage", offset=0):
    """The opcodes torch writes for one tensor (``_rebuild_tensor_v2`` over a storage)."""
    tup = lambda xs: b"(" + b"".join(_int(v) for v in xs) + b"t"  # noqa: E731
    return (
        _global("torch._utils", "_rebuild_tensor_v2")
        + b"(("
        + _str("storage")
        + _global("torch", storage)
        + _str(key)
        + _str("cpu")
        + _int(numel)
        + b"tQ"  # TUPLE, BINPERSID
        + _int(offset)
        + tup(size)
        + tup(stride)
        + b"\x89"  # NEWFALSE (requires_grad)
        + _global("collections", "OrderedDict")
        + b")R"  # backward hooks: OrderedDict()
        + b"tR"
    )


def _state_dict(items: dict[str, bytes]) -> bytes:
    body = b"".join(_str(k) + v for k, v in items.items())
    return b"\x80\x02" + _global("collections", "OrderedDict") + b")R(" + body + b"u."


def _lstm_sd(h=2, d=1):
    """A valid nn.LSTMCell state dict pickle and its storages (float32)."""
    rng = np.random.default_rng(0)
    arrays = {
        "weight_ih": rng.standard_normal((4 * h, d)).astype("<f4"),
        "weight_hh": rng.standard_normal((4 * h, h)).astype("<f4"),
        "bias_ih": rng.standard_normal(4 * h).astype("<f4"),
        "bias_hh": rng.standard_normal(4 * h).astype("<f4"),
    }
    items, records = {}, {}
    for k, (name, a) in enumerate(arrays.items()):
        stride = (a.shape[1], 1) if a.ndim == 2 else (1,)
        items[name] = _tensor(str(k), a.size, a.shape, stride)
        records[str(k)] = a.tobytes()
    return arrays, items, records


def test_hand_made_state_dict_loads(tmp_path):
    arrays, items, records = _lstm_sd()
    p = load_weights(_zip(tmp_path / "ok.pt", _state_dict(items), records))
    np.testing.assert_array_equal(p.weight_hh, arrays["weight_hh"].astype(np.float64))


def test_views_big_endian_and_bfloat16(tmp_path):
    base = np.arange(12, dtype=">f8")
    items = {
        "t": _tensor("0", 12, (3, 2), (1, 3), storage="DoubleStorage", offset=2),  # transposed view
    }
    obj = read_torch_zip(
        "v.pt",
        _zip(tmp_path / "v.pt", _state_dict(items), {"0": base.tobytes()}, b"big").read_bytes(),
    )
    np.testing.assert_array_equal(obj["t"], np.arange(2, 8, dtype=float).reshape(2, 3).T)
    bf = (np.array([1.5, -2.25], dtype=np.float32).view(np.uint32) >> 16).astype("<u2")
    items = {"b": _tensor("0", 2, (2,), (1,), storage="BFloat16Storage")}
    obj = read_torch_zip(
        "b.pt", _zip(tmp_path / "b.pt", _state_dict(items), {"0": bf.tobytes()}).read_bytes()
    )
    np.testing.assert_array_equal(obj["b"], [1.5, -2.25])


class _System:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


class _Eval:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (eval, (f"open({str(self.marker)!r}, 'w').close()",))


class _Partial:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (functools.partial(os.system, f"touch {self.marker}"), ())


def _hostile(kind: str, marker: Path) -> tuple[bytes, str]:
    """A pickle that would create ``marker`` if anything in it ran, and the global refused."""
    cmd = f"touch {marker}"
    if kind == "os.system":
        return pickle.dumps({"weight_hh": _System(marker)}, protocol=2), "posix.system"
    if kind == "eval":
        return pickle.dumps(_Eval(marker), protocol=2), "builtins.eval"
    if kind == "posix.system":
        return b"\x80\x02" + _global("posix", "system") + b"(" + _str(cmd) + b"tR.", "posix.system"
    if kind == "getattr":  # getattr(__import__('os'), 'system')('touch …')
        inner = _global("builtins", "__import__") + b"(" + _str("os") + b"tR"
        call = _global("builtins", "getattr") + b"(" + inner + _str("system") + b"tR"
        return b"\x80\x02" + call + b"(" + _str(cmd) + b"tR.", "builtins.getattr"
    if kind == "partial":
        return pickle.dumps(_Partial(marker), protocol=2), "functools.partial"
    if kind == "copyreg":
        body = _global("copyreg", "_reconstructor") + b"(" + _global("os", "_wrap_close")
        return b"\x80\x02" + body + b"N" + b"NtR.", "copyreg._reconstructor"
    if kind == "stack_global":  # protocol 4: STACK_GLOBAL, inside a valid-looking state dict
        payload = b"\x8c\x02os\x8c\x06system\x93" + b"(" + _str(cmd) + b"tR"
        return b"\x80\x04" + _global("collections", "OrderedDict") + b")R(" + _str(
            "w"
        ) + payload + b"u.", "os.system"
    if kind == "rebuild_from_type":  # a legal wrapper around an illegal function
        body = (
            _global("torch._tensor", "_rebuild_from_type_v2")
            + b"("
            + _global("os", "system")
            + _global("torch", "Tensor")
            + b"("
            + _str(cmd)
            + b"tNtR."
        )
        return b"\x80\x02" + body, "os.system"
    if kind == "nested_in_tensor":  # the hooks argument of a real tensor rebuild
        t = _tensor("0", 1, (1,), (1,)).replace(
            _global("collections", "OrderedDict") + b")R",
            _global("nt", "system") + b"(" + _str(cmd) + b"tR",
        )
        return _state_dict({"w": t}), "nt.system"
    if kind == "codecs":
        return b"\x80\x02" + _global("_codecs", "decode") + b"(" + _str(
            "x"
        ) + b"tR.", "_codecs.decode"
    raise AssertionError(kind)


KINDS = [
    "os.system",
    "eval",
    "posix.system",
    "getattr",
    "partial",
    "copyreg",
    "stack_global",
    "rebuild_from_type",
    "nested_in_tensor",
    "codecs",
]


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_pickles_run_nothing(tmp_path, kind):
    marker = tmp_path / "marker"
    pkl, refused = _hostile(kind, marker)
    path = _zip(tmp_path / f"{kind}.pt", pkl, {"0": b"\0\0\0\0"})
    for load in (load_weights, load_model):
        with pytest.raises(LoadError) as info:
            load(path)
        err = info.value
        assert err.place == "archive/data.pkl", str(err)
        assert f"refused to unpickle {refused}" in err.reason, str(err)
        assert "weights_only=True" in err.reason
    assert not marker.exists()


def test_hostile_pickles_run_nothing_without_torch(tmp_path):
    """In a fresh process where torch cannot be imported, and the library is never imported."""
    marker = tmp_path / "marker"
    files = []
    for kind in KINDS:
        pkl, _ = _hostile(kind, marker)
        files.append(str(_zip(tmp_path / f"{kind}.pt", pkl, {"0": b"\0\0\0\0"})))
    code = (
        "import sys; sys.modules['torch'] = None\n"
        "from lstm_sim.io import LoadError, load_weights\n"
        "for f in sys.argv[1:]:\n"
        "    try:\n"
        "        load_weights(f)\n"
        "    except LoadError as e:\n"
        "        assert 'refused to unpickle' in str(e), e\n"
        "    else:\n"
        "        raise SystemExit('loaded ' + f)\n"
        "assert sys.modules['torch'] is None\n"
        "print('ok')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *files], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr
    assert not marker.exists()


@pytest.mark.parametrize(
    ("items", "records", "reason"),
    [
        ({"w": _tensor("0", 4, (5,), (1,))}, {"0": b"\0" * 16}, "reaches element 4"),
        ({"w": _tensor("0", 4, (2,), (1,))}, {"0": b"\0" * 8}, "shorter than the 4 element"),
        ({"w": _tensor("../x", 1, (1,), (1,))}, {}, "missing"),
        ({"w": _tensor("0", 1, (2**30, 2**20), (0, 0))}, {"0": b"\0" * 4}, "would need"),
    ],
)
def test_damaged_or_oversized_tensors(tmp_path, items, records, reason):
    path = _zip(tmp_path / "d.pt", _state_dict(items), records)
    with pytest.raises(LoadError) as info:
        read_torch_zip(path, path.read_bytes())
    assert info.value.place == "archive/data.pkl" and reason in info.value.reason, str(info.value)


def test_announced_storage_size_is_budgeted_before_reading(tmp_path, monkeypatch):
    from lstm_sim.engine import budget

    _, items, records = _lstm_sd()
    path = _zip(tmp_path / "b.pt", _state_dict(items), records)
    data = path.read_bytes()  # (load_weights would refuse the file itself first: 1.5 KiB > 64)
    monkeypatch.setattr(budget, "memory_budget", lambda: 64)
    with pytest.raises(LoadError) as info:
        read_torch_zip(path, data)
    assert "the tensors of this file would need" in info.value.reason
    with pytest.raises(LoadError, match=r"a file of 1\.5 KiB would need"):
        load_weights(path)


def test_not_a_torch_archive(tmp_path):
    path = tmp_path / "x.pt"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    path.write_bytes(buf.getvalue())
    with pytest.raises(LoadError, match=r"expected one …/data.pkl"):
        load_weights(path)
    # Our own OrderedDict, numbers, strings and bytes (protocol 2 via _codecs.encode) are fine.
    obj = {"epoch": 3, "name": "net", "blob": b"\x00\xff", "lr": 0.5, "seen": {1, 2}}
    pkl = pickle.dumps(OrderedDict(obj), protocol=2)
    assert read_torch_zip("o.pt", _zip(tmp_path / "o.pt", pkl).read_bytes()) == obj
