"""Saves are atomic (issue 15, item 5c): a failed save says why and leaves the old file intact.

Three ways of failing half-way through a write: a write call that fails after
half of its bytes (monkeypatched), a file-size limit in a child process
(``RLIMIT_FSIZE``: the kernel refuses the bytes past it, as a full disk
would), and a real full disk (a 64 KiB tmpfs, when this machine lets the
tests mount one).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from lstm_sim.engine import LSTMParams
from lstm_sim.io import SaveError, load_session, load_weights, save_session, save_weights
from lstm_sim.io._files import atomic_write
from lstm_sim.io.session_file import SessionDocument
from lstm_sim.sequence import Sequence


def _session(steps: int, seed: int = 0) -> SessionDocument:
    rng = np.random.default_rng(seed)
    return SessionDocument(
        Sequence(rng.standard_normal((steps, 2)), rng.standard_normal((steps, 1))),
        LSTMParams.random(2, 4, seed=seed),
        step=1,
        settings={"window": 20},
    )


def _old_and_big(tmp_path: Path, kind: str) -> tuple[Path, bytes, object]:
    """A saved file (small) and a new content that takes much more room."""
    if kind == "session":
        path = tmp_path / "work.lstmsim"
        save_session(_session(3), path)
        return path, path.read_bytes(), lambda: save_session(_session(5000, seed=1), path)
    path = tmp_path / "cell.npz"
    save_weights(LSTMParams.random(2, 3, seed=0), path)
    return path, path.read_bytes(), lambda: save_weights(LSTMParams.random(2, 200, seed=1), path)


class _HalfThenFull:
    """A binary file whose writes stop half-way through with "no space left on device"."""

    def __init__(self, fh):
        self._fh = fh
        self.written = 0

    def write(self, data) -> int:
        half = bytes(data)[: max(1, len(data) // 2)]
        self._fh.write(half)
        self._fh.flush()
        self.written += len(half)
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name):
        return getattr(self._fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._fh.close()


@pytest.mark.parametrize("kind", ["session", "weights"])
def test_write_failing_half_way_keeps_the_old_file(tmp_path, monkeypatch, kind):
    path, before, save = _old_and_big(tmp_path, kind)
    opened = []
    real_fdopen = os.fdopen

    def fdopen(fd, *args, **kwargs):
        opened.append(_HalfThenFull(real_fdopen(fd, *args, **kwargs)))
        return opened[-1]

    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(SaveError) as info:
        save()
    monkeypatch.undo()
    assert opened and opened[0].written > 0  # the failure really came half-way
    err = info.value
    assert err.path == os.fspath(path)
    assert str(err) == f"{path}: cannot write: no space left on device"
    assert path.read_bytes() == before  # the old file, intact
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temporary left
    loaded = load_session(path) if kind == "session" else load_weights(path)
    assert loaded is not None


@pytest.mark.parametrize("kind", ["session", "weights"])
def test_file_size_limit_in_a_child_keeps_the_old_file(tmp_path, kind):
    """RLIMIT_FSIZE: the kernel refuses the bytes past 64 KiB (EFBIG), as a full disk would."""
    path, before, _save = _old_and_big(tmp_path, kind)
    assert len(before) < 64 << 10
    code = textwrap.dedent(
        f"""
        import resource, sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_atomic_save import _old_and_big
        from lstm_sim.io import SaveError
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 << 10, 64 << 10))
        from pathlib import Path
        import lstm_sim.io.session_file as sf, lstm_sim.io.weights as w
        from lstm_sim.engine import LSTMParams
        from test_atomic_save import _session
        path = Path({str(path)!r})
        try:
            if {kind!r} == "session":
                sf.save_session(_session(5000, seed=1), path)
            else:
                w.save_weights(LSTMParams.random(2, 200, seed=1), path)
        except SaveError as exc:
            print(exc)
            sys.exit(2)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stdout.strip() == f"{path}: cannot write: file too large"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


@pytest.fixture
def tiny_disk(tmp_path):
    """A 64 KiB tmpfs, if this machine lets the tests mount one (root, no sandbox refusal)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


@pytest.mark.parametrize("kind", ["session", "weights"])
def test_full_disk_keeps_the_old_file(tiny_disk, kind):
    path, before, save = _old_and_big(tiny_disk, kind)
    with pytest.raises(SaveError) as info:
        save()
    assert str(info.value) == f"{path}: cannot write: no space left on device"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tiny_disk.iterdir()) == [path.name]


def test_atomic_write_syncs_the_file_and_the_folder(tmp_path, monkeypatch):
    synced = []
    real_fsync = os.fsync

    def fsync(fd):
        synced.append(os.path.realpath(f"/proc/self/fd/{fd}"))
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    save_session(_session(3), tmp_path / "s.lstmsim")
    assert len(synced) == 2
    assert Path(synced[0]).parent == tmp_path and Path(synced[0]).name.endswith(".tmp")
    assert Path(synced[1]) == tmp_path  # the rename is made durable too


def test_atomic_write_keeps_links_and_permissions_and_refuses_devices(tmp_path):
    real = tmp_path / "real.npz"
    save_weights(LSTMParams.random(2, 3, seed=0), real)
    real.chmod(0o600)
    link = tmp_path / "link.npz"
    link.symlink_to(real)
    save_weights(LSTMParams.random(2, 5, seed=0), link)
    assert link.is_symlink() and load_weights(link).hidden_size == 5
    assert real.stat().st_mode & 0o777 == 0o600
    with pytest.raises(SaveError, match="is a device"):
        atomic_write("/dev/null", b"x")  # as root, replacing /dev/null would break the machine
    assert Path("/dev/null").is_char_device()
    with pytest.raises(SaveError, match="is a directory"):
        atomic_write(tmp_path, b"x")


def test_a_writer_that_raises_leaves_no_temporary(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b"old")

    def write(fh):
        fh.write(b"new and half")
        raise MemoryError

    with pytest.raises(SaveError, match="not enough memory"):
        atomic_write(path, write)
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["t.csv"]
