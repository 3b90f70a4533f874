"""The memory budget (engine/budget.py) and the limited-child harness the hostile-file tests use."""

from __future__ import annotations

import sys

import pytest
from _limits import run_limited

from lstm_sim.engine import budget
from lstm_sim.engine.budget import BudgetError, check_memory, format_bytes


def test_format_bytes():
    assert format_bytes(0) == "0 bytes"
    assert format_bytes(1023) == "1023 bytes"
    assert format_bytes(1536) == "1.5 KiB"
    assert format_bytes(61 << 30) == "61.0 GiB"


def test_check_memory_refuses_more_than_the_budget(monkeypatch):
    monkeypatch.setattr(budget, "available_memory", lambda: 1000)
    check_memory(500, "a small thing")  # half of 1000 fits
    with pytest.raises(BudgetError) as info:
        check_memory(501, "a trace of 7 steps", per_item=100)
    err = info.value
    assert (err.needed, err.available, err.fits) == (501, 500, 5)
    assert (
        str(err) == "a trace of 7 steps would need 501 bytes of memory, but only 500 bytes is free"
    )


def test_budget_follows_the_address_space_limit():
    code = (
        "import resource\n"
        "from lstm_sim.engine.budget import available_memory\n"
        "print(available_memory())\n"
    )
    result = run_limited([sys.executable, "-c", code], memory=3 << 30, timeout=60)
    assert result.returncode == 0, result.stderr
    assert 0 < int(result.stdout) < 3 << 30


def test_harness_reports_memory_timeout_and_exit_status():
    grow = "x = bytearray(300 << 20); x[::4096] = b'1' * len(x[::4096]); print('ok')"
    ok = run_limited([sys.executable, "-c", grow], memory=2 << 30, timeout=60)
    assert ok.returncode == 0 and ok.stdout.strip() == "ok"
    assert ok.max_rss > 250 << 20
    refused = run_limited([sys.executable, "-c", "bytearray(3 << 30)"], memory=2 << 30)
    assert refused.returncode == 1 and "MemoryError" in refused.stderr
    slow = run_limited([sys.executable, "-c", "import time; time.sleep(30)"], timeout=1)
    assert slow.timed_out and slow.killed_by_signal
