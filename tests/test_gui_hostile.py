"""Hostile and oversized files in the app (issue 15 items 1–4, the app side).

The app opens every file through the same checked loaders as the CLI
(tests/test_hostile_files.py): here, through File ▸ Open and File ▸ Save of the
real window, offscreen. A FIFO or ``/dev/zero`` never blocks the GUI thread (a
watchdog ends the test run if it did), a refusal is one dialog naming the file
and the session stays exactly as it was; a sequence too long for memory offers
"Load the first N steps"; a save that fails half-way keeps the old file and the
session's unsaved-changes flag.
"""

from __future__ import annotations

import errno
import faulthandler
import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from lstm_sim.engine import LSTMParams
from lstm_sim.examples import spikes_example
from lstm_sim.gui.rendered import diff_rendered
from lstm_sim.io import _files
from lstm_sim.session import Session

WATCHDOG_S = 60  # a blocked GUI thread ends the run with a traceback, not a hung CI machine


@pytest.fixture(autouse=True)
def _watchdog(settings, english):
    faulthandler.dump_traceback_later(WATCHDOG_S, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture
def window(show_window):
    seq, params = spikes_example()
    return show_window(Session(seq, params, name="spikes"))


@pytest.fixture
def critical(monkeypatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def box(_parent, title, text, *_a, **_k):
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(box))
    return shown


def choose(monkeypatch, path: Path | str) -> None:
    """The file dialog of File ▸ Open returns ``path``."""
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def state(session: Session) -> tuple:
    return (
        id(session.sequence),
        id(session.params),
        session.settings,
        session.t,
        session.name,
        session.origin,
        session.modified,
    )


def open_refused(window, critical, monkeypatch, path: Path | str, action: str) -> str:
    s = window.session
    before, shown = state(s), window.rendered()
    choose(monkeypatch, path)
    getattr(window.file_actions, action).trigger()
    window.file_actions.wait()
    window.settle()
    assert len(critical) == 1, critical
    title, text = critical[0]
    assert title == "Cannot open the file" and os.path.basename(str(path)) in text
    assert "Traceback" not in text and len(text) < 400
    assert state(s) == before
    assert diff_rendered(shown, window.rendered()) == []
    return text


@pytest.mark.parametrize("name", ["pipe.csv", "pipe.npy"])
def test_a_fifo_chosen_in_file_open_is_refused_without_blocking(
    window, critical, monkeypatch, tmp_path, name
):
    """Opening a FIFO waits for a writer: the app must look at it before (CSV peek too)."""
    fifo = tmp_path / name
    os.mkfifo(fifo)
    text = open_refused(window, critical, monkeypatch, fifo, "open_action")
    assert "FIFO" in text or "pipe" in text.lower()


@pytest.mark.parametrize("action", ["open_action", "open_weights_action", "open_session_action"])
def test_dev_zero_is_refused_by_every_open(window, critical, monkeypatch, action):
    text = open_refused(window, critical, monkeypatch, "/dev/zero", action)
    assert "device" in text


def test_a_directory_is_refused(window, critical, monkeypatch, tmp_path):
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    open_refused(window, critical, monkeypatch, folder, "open_action")


class Offers:
    """Answers every "Load the first N steps" box (``"load"`` or ``"cancel"``) until the
    test ends, and keeps the texts of their Load buttons."""

    def __init__(self) -> None:
        self.answer = "load"
        self.seen: list[str] = []
        self.active = True
        QTimer.singleShot(0, self._poll)

    def _poll(self) -> None:
        if not self.active:
            return
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "first_steps_box":
            load = box.defaultButton()
            self.seen.append(load.text())
            if self.answer == "load":
                load.click()
            else:
                box.button(QMessageBox.StandardButton.Cancel).click()
        QTimer.singleShot(10, self._poll)


@pytest.fixture
def offers():
    answering = Offers()
    yield answering
    answering.active = False


def _too_long(tmp_path: Path, monkeypatch, rows: int = 50_000) -> Path:
    from lstm_sim.engine import budget

    path = tmp_path / "long.npy"
    np.save(path, np.linspace(-1.0, 1.0, rows).reshape(rows, 1))
    # the file's 0.4 MB fits the budget, its trace (240 bytes a step) does not
    monkeypatch.setattr(budget, "available_memory", lambda: 4 << 20)
    return path


def test_too_long_for_memory_offers_the_first_steps(
    window, critical, monkeypatch, tmp_path, offers
):
    path = _too_long(tmp_path, monkeypatch)
    seen = offers.seen
    choose(monkeypatch, path)
    window.file_actions.open_action.trigger()
    window.file_actions.wait()
    window.settle()
    assert critical == []
    assert len(seen) == 1 and seen[0].startswith("Load the first ")
    n = int(seen[0].split()[3])
    s = window.session
    assert 1000 < n < 50_000 and s.T == n
    expected = np.linspace(-1.0, 1.0, 50_000)[:n]
    np.testing.assert_array_equal(s.sequence.inputs[:, 0], expected)
    assert s.name == "long.npy"


def test_too_long_for_memory_cancelled_keeps_the_session(
    window, critical, monkeypatch, tmp_path, offers
):
    path = _too_long(tmp_path, monkeypatch)
    before, shown = state(window.session), window.rendered()
    offers.answer = "cancel"
    seen = offers.seen
    choose(monkeypatch, path)
    window.file_actions.open_action.trigger()
    window.file_actions.wait()
    window.settle()
    assert len(seen) == 1 and critical == []
    assert state(window.session) == before
    assert diff_rendered(shown, window.rendered()) == []


def test_a_file_whose_own_size_is_refused_offers_the_first_steps(
    window, critical, monkeypatch, tmp_path, offers
):
    """The .npy's rows alone exceed the budget: its header's refusal carries the N that fits,
    and loading that many then meets the trace's budget (a second, smaller offer)."""
    from lstm_sim.engine import budget

    rows = 400_000
    path = tmp_path / "longer.npy"
    np.save(path, np.zeros((rows, 1)))
    monkeypatch.setattr(budget, "available_memory", lambda: 4 << 20)  # 3.2 MB > 2 MiB
    seen = offers.seen
    choose(monkeypatch, path)
    window.file_actions.open_action.trigger()
    window.file_actions.wait()
    window.settle()
    assert critical == []
    counts = [int(text.split()[3]) for text in seen]
    assert len(counts) == 2 and rows > counts[0] > counts[1]
    assert window.session.T == counts[1]


def test_a_save_that_fails_half_way_keeps_the_old_file(window, critical, monkeypatch, tmp_path):
    fa = window.file_actions
    target = tmp_path / "mine.lstmsim"
    assert fa.save_as(target, wait=True)
    old = target.read_bytes()
    s = window.session
    s.set_params(LSTMParams.random(1, 4, seed=9))
    assert s.modified

    def full_disk(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(_files.os, "fsync", full_disk)  # the data written, not yet synced
    fa.save_action.trigger()  # File ▸ Save (Ctrl+S), in a worker
    fa.wait()
    assert len(critical) == 1
    title, text = critical[0]
    assert title == "Cannot save the file" and "mine.lstmsim" in text
    assert "No space left" in text or "space" in text
    assert target.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert s.modified and window.isWindowModified()
