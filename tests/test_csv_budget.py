"""Hostile tables (issue 15): refused quickly, in little memory, with one short message.

Each case runs ``python -m lstm_sim run FILE.csv`` in a child process under an
address-space limit and a timeout (``tests/_limits.py``): exit status 2, one
line on stderr naming the file, no traceback, peak memory far below the
machine's. The budget checks themselves (a table too large for the memory
there is) are tested in-process with a small budget.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pytest
from _limits import run_limited

from lstm_sim.engine import budget
from lstm_sim.engine.budget import MAX_INPUTS, BudgetError
from lstm_sim.io import LoadError, load_sequence, peek_table
from lstm_sim.io.csv_table import parse_table
from lstm_sim.io.csv_text import EXCERPT

TIMEOUT = 60  # seconds; each case takes about a second when the checks work


def _refused(path: Path) -> str:
    result = run_limited(
        [sys.executable, "-m", "lstm_sim", "run", str(path), "--out", str(path.parent)],
        timeout=TIMEOUT,
    )
    assert not result.timed_out, "the child hung"
    assert result.returncode == 2, result.stderr[-2000:]
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("lstm-sim: error: ")
    assert str(path) in result.stderr and "Traceback" not in result.stderr
    assert result.max_rss < 1 << 30, f"{result.max_rss / 2**20:.0f} MiB"
    assert not (path.parent / "trace.csv").exists()
    return result.stderr


def test_a_single_line_of_millions_of_cells(tmp_path):
    path = tmp_path / "wide.csv"
    with open(path, "wb") as fh:  # 12 million cells on one 48 MB line
        fh.write(b"123," * 12_000_000)
        fh.write(b"1\n")
    err = _refused(path)
    assert f"more than {MAX_INPUTS} cells on one line" in err and "line 1" in err
    assert len(err) < 300


def test_a_large_sparse_file_of_zero_bytes(tmp_path):
    path = tmp_path / "zeros.csv"
    with open(path, "wb") as fh:
        fh.truncate(2 << 30)  # 2 GiB, sparse: no disk space used
    err = _refused(path)
    assert "binary data (a zero byte), not a text table" in err and "line 1 (byte 0)" in err


def test_a_cell_of_fifty_megabytes(tmp_path):
    path = tmp_path / "cell.csv"
    with open(path, "wb") as fh:
        fh.write(b"a,b\n1,2\n3,4\n")
        fh.write(b"x" * (50 << 20))
        fh.write(b",5\n6,7\n")
    err = _refused(path)
    assert "a cell of more than 65536 characters" in err and "line 4" in err
    assert f"'{'x' * EXCERPT}…'" in err and len(err) < 300  # a short excerpt, not 50 MB


def test_a_fifo_is_refused_without_waiting(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    err = _refused(path)
    assert "is a named pipe (FIFO), not a data file" in err


def test_peek_of_a_huge_line_is_refused(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_bytes(b"a,b\n" + b"1," * (2 * MAX_INPUTS) + b"1\n")
    with pytest.raises(LoadError) as info:
        peek_table(path)
    assert info.value.place == "line 2" and "more than 65536 cells" in info.value.reason
    with pytest.raises(LoadError) as info:
        load_sequence(path)
    assert info.value.place == "line 2" and "more than 65536 cells" in info.value.reason


def test_a_table_too_large_for_memory_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "long.csv"
    path.write_text("a,b\n" + "".join(f"{k},{k}\n" for k in range(50_000)))
    monkeypatch.setattr(budget, "available_memory", lambda: 200_000)  # budget 100 kB
    read: list[float] = []
    with pytest.raises(BudgetError) as info:
        parse_table(path, progress=read.append)
    err = info.value
    assert read == []  # refused from the file size, before the first chunk was parsed
    assert err.fits is not None and 0 < err.fits < 50_000
    assert str(err).startswith("a table of ")
    # as it reads: a file whose first row is long says less up front, and is stopped later
    long_zero = "0." + "0" * 1000 + "1"
    path.write_text(f"a,b\n{long_zero},2\n" + "".join(f"{k},{k}\n" for k in range(50_000)))
    with pytest.raises(BudgetError):
        parse_table(path, progress=read.append)
    # through load_sequence: one LoadError naming the file
    with pytest.raises(LoadError) as info:
        load_sequence(path)
    assert info.value.path == str(path) and "would need" in info.value.reason


def test_the_budget_leaves_ordinary_tables_alone(tmp_path):
    path = tmp_path / "ok.csv"
    x = np.random.default_rng(0).standard_normal((20_000, 3))
    path.write_text("a,b,c\n" + "".join(",".join(map(repr, r)) + "\n" for r in x.tolist()))
    np.testing.assert_array_equal(load_sequence(path).inputs, x)
