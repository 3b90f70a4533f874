"""Run a command in a child process under a memory limit and a timeout (hostile-file tests).

A regression in a budget check must be a failing test, not a dead CI machine:
the child gets an address-space limit (``RLIMIT_AS``) and is killed after a
timeout; the result says how it ended and how much memory it really used.

    result = run_limited([sys.executable, "-m", "lstm_sim", "run", str(path)])
    assert result.returncode == 2 and not result.timed_out
    assert result.max_rss < 1 << 30
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DEFAULT_MEMORY", "LimitedRun", "run_limited"]

#: Address space the child may map. Python + NumPy map ≈ 0.5–0.8 GiB of it at
#: start; PySide6 (offscreen) more, hence the larger limit for the app's tests.
DEFAULT_MEMORY = 2 << 30


@dataclass(frozen=True)
class LimitedRun:
    """How a limited child ended."""

    returncode: int
    stdout: str
    stderr: str
    timed_out: bool
    max_rss: int  # bytes, the child's peak resident memory

    @property
    def killed_by_signal(self) -> bool:
        return self.returncode < 0


def _limit(memory: int) -> None:  # runs in the child, before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    os.setsid()  # its own process group: a timeout kills its children too


def run_limited(
    argv: list[str],
    *,
    memory: int = DEFAULT_MEMORY,
    timeout: float = 60.0,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    cwd: str | Path | None = None,
) -> LimitedRun:
    """Run ``argv`` with at most ``memory`` bytes of address space for ``timeout`` seconds.

    The child's stdin is ``stdin`` (or empty); stdout and stderr are captured.
    ``env`` is added to a copy of this process's environment.
    """
    if sys.platform == "win32":  # pragma: no cover - the project's CI is POSIX
        raise RuntimeError("run_limited needs POSIX (RLIMIT_AS)")
    full_env = dict(os.environ, **(env or {}))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=full_env,
            cwd=cwd,
            preexec_fn=lambda: _limit(memory),
        )
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            if stdin is not None:
                assert proc.stdin is not None
                try:
                    proc.stdin.write(stdin.encode())
                    proc.stdin.close()
                except BrokenPipeError:
                    pass
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        # ru_maxrss is in KiB on Linux, in bytes on macOS.
        scale = 1 if sys.platform == "darwin" else 1024
        return LimitedRun(
            returncode=proc.returncode,
            stdout=out.read().decode(errors="replace"),
            stderr=err.read().decode(errors="replace"),
            timed_out=timed_out.is_set(),
            max_rss=int(usage.ru_maxrss) * scale,
        )
