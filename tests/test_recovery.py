"""Crash recovery (issue 15 item 5b): the app killed with SIGKILL gives its unsaved session back.

The app runs in a subprocess (offscreen) as it starts for a user
(:func:`lstm_sim.gui.app.start_app`), with its recovery folder and settings in
``tmp_path``. A small driver modifies the session — other weights, settings,
the unit, the cursor — and the test kills the process with SIGKILL once the
recovery file holds that state. A second start offers the session back; the
driver answers the offer with Enter (Restore is the default button) and writes
what its window then shows; it must be the session as it was (sequence,
weights, step, settings, unit, read-out). A clean exit removes the file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from lstm_sim.engine import LSTMParams
from lstm_sim.examples import spikes_example
from lstm_sim.gui.main_window import MainWindow
from lstm_sim.gui.recovery import Recovery
from lstm_sim.io import LoadError, load_session
from lstm_sim.session import Session

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

STEP = 37

MODIFY = """
def act():
    s = window.session
    s.set_params(LSTMParams.random(1, 4, seed=11))
    s.update_settings(window=12, loss="unit", speed=7.0)
    s.set_unit(2)
    window.request_step({step})
    print("MODIFIED", flush=True)
"""

RESTORE = """
from PySide6.QtWidgets import QApplication, QMessageBox
from PySide6.QtTest import QTest
from lstm_sim.io import save_session
from lstm_sim.session import session_document

def answer():
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox) and box.objectName() == "recovery_box":
        print("OFFERED", box.text(), flush=True)
        QTest.keyClick(box, Qt.Key.Key_Return)  # the default button: Restore
        QTimer.singleShot(500, report)
    else:
        QTimer.singleShot(20, answer)

def report():
    window.settle()
    s = window.session
    save_session(session_document(s), {out!r})
    print("RESTORED", s.name, s.modified, flush=True)
    window.file_actions.confirm_unsaved = False
    app.quit()

def act():
    answer()
"""

DRIVER = """
import sys
from PySide6.QtCore import QTimer, Qt
from lstm_sim.engine import LSTMParams
from lstm_sim.gui.app import start_app

app, window = start_app([])
{body}
QTimer.singleShot(0, act)
sys.exit(app.exec())
"""


def _start(tmp_path: Path, body: str) -> subprocess.Popen:
    script = tmp_path / f"driver_{time.monotonic_ns()}.py"
    script.write_text(DRIVER.format(body=textwrap.dedent(body)), encoding="utf-8")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        LSTM_SIM_RECOVERY_DIR=str(tmp_path / "recovery"),
        LSTM_SIM_RECOVERY_INTERVAL_MS="200",
        HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "home" / "config"),
        XDG_DATA_HOME=str(tmp_path / "home" / "data"),
    )
    with open(script.with_suffix(".err"), "w") as err:  # a file: a full pipe would block it
        return subprocess.Popen(
            [sys.executable, str(script)], env=env, stdout=subprocess.PIPE, stderr=err, text=True
        )


def _stderr(proc: subprocess.Popen) -> str:
    return Path(proc.args[1]).with_suffix(".err").read_text()[-3000:]


def _finish(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.communicate(timeout=30)  # and close the pipe


def _wait_for_line(proc: subprocess.Popen, prefix: str, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith(prefix):
            return line
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise AssertionError(f"no {prefix!r} from the app: {_stderr(proc)}")


def _recovery_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("session-*.lstmsim"))


def _wait_for_recovery(folder: Path, timeout: float = 30.0):
    """The recovery file, once it holds the modified session at the cursor STEP."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in _recovery_files(folder):
            try:
                doc = load_session(path)
            except LoadError:  # never half-written (atomic), but it may not exist yet
                continue
            if doc.step == STEP:
                return path, doc
        time.sleep(0.05)
    raise AssertionError(f"no recovery file at step {STEP} in {folder}")


@pytest.fixture
def window(qtbot, settings):
    seq, params = spikes_example()
    win = MainWindow(Session(seq, params))
    qtbot.addWidget(win)
    return win


def test_killed_app_gives_its_session_back(tmp_path, window):
    folder = tmp_path / "recovery"
    first = _start(tmp_path, MODIFY.format(step=STEP))
    try:
        _wait_for_line(first, "MODIFIED")
        path, kept = _wait_for_recovery(folder)
        assert path.name == f"session-{first.pid}.lstmsim"  # its own file: pid in the name
        # Another instance running beside it does not take it: its lock is held.
        other = Recovery(window, folder)
        assert other.orphans() == []
        first.send_signal(signal.SIGKILL)
        first.wait(30)
    finally:
        _finish(first)
    assert first.returncode == -signal.SIGKILL
    assert path.exists()  # the crash left it
    assert other.orphans() == [path]  # its instance is gone: now it is offered
    other.close()

    out = tmp_path / "restored.lstmsim"
    second = _start(tmp_path, RESTORE.format(out=str(out)))
    try:
        offered = _wait_for_line(second, "OFFERED")
        assert "spikes" in offered.lower() or "built-in" in offered.lower()
        restored_line = _wait_for_line(second, "RESTORED")
        assert second.wait(60) == 0, _stderr(second)
    finally:
        _finish(second)
    assert restored_line.split()[-1] == "True"  # restored work is still unsaved work
    doc = load_session(out)
    seq, _ = spikes_example()
    np.testing.assert_array_equal(doc.sequence.inputs, seq.inputs)
    np.testing.assert_array_equal(doc.sequence.inputs, kept.sequence.inputs)
    assert doc.params == LSTMParams.random(1, 4, seed=11) == kept.params
    assert doc.step == STEP
    assert doc.settings == kept.settings
    assert (doc.settings["window"], doc.settings["loss"], doc.settings["unit"]) == (12, "unit", 2)
    assert doc.settings["speed"] == 7.0
    # Restored, then a clean exit: nothing is left to recover.
    assert _recovery_files(folder) == []
    assert list(folder.glob("*.json")) == []


def test_saving_or_discarding_removes_the_recovery_file(tmp_path, window, qtbot):
    folder = tmp_path / "recovery"
    recovery = Recovery(window, folder)
    s = window.session
    s.update_settings(window=5)
    qtbot.waitUntil(lambda: recovery.path.exists(), timeout=5000)
    assert load_session(recovery.path).settings["window"] == 5
    assert window.file_actions.save_as(tmp_path / "saved.lstmsim", wait=True)
    assert not s.modified and not recovery.path.exists()
    s.set_params(LSTMParams.random(1, 4, seed=3))
    qtbot.waitUntil(lambda: recovery.path.exists(), timeout=5000)
    window.load_scenario("rnn_vanishes")  # unmodified afterwards (asking is off in tests)
    assert not recovery.path.exists()
    recovery.close()


def test_the_offer_can_discard_or_wait(tmp_path, window, qtbot, monkeypatch):
    """Later keeps the file for the next start; Discard deletes it."""
    folder = tmp_path / "recovery"
    folder.mkdir()
    crashed = Recovery(window, folder)
    window.session.update_settings(window=6)
    assert crashed.write_now(wait=True)
    crashed.close = lambda: None  # (keep its files)
    # As if another process (pid 999999, gone) had written it, and held no lock any more:
    orphan = folder / "session-999999.lstmsim"
    crashed.path.rename(orphan)
    crashed.path.with_suffix(".json").rename(orphan.with_suffix(".json"))
    seq, params = spikes_example()
    fresh = MainWindow(Session(seq, params))
    qtbot.addWidget(fresh)
    recovery = Recovery(fresh, folder)
    answers = []

    def exec_with(name):
        def exec_(box):
            answers.append(box.text())
            for button in box.buttons():
                if button.text().replace("&", "") == name:
                    button.click()
            return 0

        return exec_

    monkeypatch.setattr(QMessageBox, "exec", exec_with("Later"))
    assert not recovery.offer()
    assert orphan.exists() and fresh.session.settings.window != 6
    monkeypatch.setattr(QMessageBox, "exec", exec_with("Discard"))
    assert not recovery.offer()
    assert not orphan.exists() and len(answers) == 2
    assert recovery.orphans() == []
    recovery.close()
    QApplication.processEvents()


def test_a_long_session_is_written_off_the_gui_thread(tmp_path, qtbot):
    """10⁵ steps take most of a second to write: a worker writes them, and a discard
    while it writes leaves no file behind."""
    from lstm_sim.sequence import Sequence

    rng = np.random.default_rng(4)
    seq = Sequence(rng.normal(size=(100_000, 1)))
    win = MainWindow(Session(seq, LSTMParams.random(1, 4, seed=1)))
    qtbot.addWidget(win)
    recovery = Recovery(win, tmp_path / "recovery")
    win.session.update_settings(window=5)
    recovery._settle.stop()
    assert recovery.write_now()
    assert recovery._writer.is_alive()  # returned while the worker still writes
    recovery._writer.join(60)
    assert load_session(recovery.path).sequence.length == 100_000
    win.session.update_settings(window=6)
    recovery._settle.stop()
    assert recovery.write_now()
    recovery.discard()  # saved (or discarded) meanwhile
    recovery._writer.join(60)
    assert not recovery.path.exists() and not recovery.path.with_suffix(".json").exists()
    recovery.close()
