"""Never lose work: everything that replaces a modified session asks Save / Discard / Cancel.

Issue 15 item 5(a). One rule (:meth:`lstm_sim.gui.files.saving.Saver.maybe_save`)
for every entry point a user has: the Scenarios menu, File ▸ Examples, File ▸
Open (sequence, weights, session), Open Recent, a drop on the window, quitting.
Each is driven through its real menu action or drop event, and the real
question box is answered by a timer that clicks one of its buttons:

- Cancel: the session is exactly as it was (same objects, same cursor, same
  modified flag) and the window shows what it showed;
- Discard: the session is replaced;
- Save: the old session is in a session file first (Save As, the file chosen),
  then replaced.

A language switch retranslates in place (no rebuild): it asks nothing and
changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from lstm_sim.engine import LSTMParams
from lstm_sim.examples import spikes_example
from lstm_sim.gallery import EXAMPLES
from lstm_sim.gui.files import FileActions
from lstm_sim.gui.main_window import MainWindow
from lstm_sim.gui.rendered import diff_rendered
from lstm_sim.io import load_session, save_session, save_weights
from lstm_sim.scenarios import SCENARIOS
from lstm_sim.session import Origin, Session, session_document

Button = QMessageBox.StandardButton


@pytest.fixture(autouse=True)
def _confirm(settings, english, monkeypatch):
    """QSettings in tmp_path, English, and the question switched on (as in the app)."""
    monkeypatch.setattr(FileActions, "confirm_unsaved", True)


@pytest.fixture
def window(qtbot):
    """A window closed here, not by qtbot (whose teardown comes first, and would be asked)."""
    seq, params = spikes_example()
    win = MainWindow(Session(seq, params, name="spikes"))
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.file_actions.confirm_unsaved = False  # closing it now must ask nothing
    win.file_actions.cancel()
    win.file_actions.wait()
    win.transport.pause()
    win.cancel_jobs()
    win.wait_for_jobs()
    win.close()
    win.deleteLater()


class Asked:
    """The question boxes shown (title, text, whether Save is the default button)."""

    def __init__(self) -> None:
        self.boxes: list[tuple[str, str, bool]] = []
        self.active = True  # ended with its test (else it would answer the next test's box)


_answering: list[Asked] = []


@pytest.fixture(autouse=True)
def _stop_answering():
    yield
    for asked in _answering:
        asked.active = False
    _answering.clear()


#: How a question is answered: a click on a button, or a key (Escape, Enter).
ESCAPE, ENTER = "Escape", "Enter"


def answer_with(button: Button | str, tries: int = 400) -> Asked:
    """Answer the next modal message box (polled by a timer, ≤ 4 s): click ``button``,
    or press Escape / Enter (what a person does without reading)."""
    asked = Asked()
    _answering.append(asked)

    def poll(left: int) -> None:
        if not asked.active:
            return
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            asked.boxes.append(
                (box.windowTitle(), box.text(), box.defaultButton() is box.button(Button.Save))
            )
            if button == ESCAPE:
                QTest.keyClick(box, Qt.Key.Key_Escape)
            elif button == ENTER:
                QTest.keyClick(box, Qt.Key.Key_Return)
            else:
                box.button(button).click()
        elif left > 0:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, lambda: poll(tries))
    return asked


def modify(window: MainWindow) -> None:
    """Edits a user makes: other weights (forget biases), a setting, a few steps."""
    s = window.session
    p = s.params
    bias = p.bias_hh.copy()
    bias[p.hidden_size : 2 * p.hidden_size] += 0.5
    s.set_params(LSTMParams(p.weight_ih, p.weight_hh, p.bias_ih, bias))
    s.update_settings(window=9)
    for _ in range(5):
        window.transport.step_action.trigger()
    window.settle()
    assert s.modified and window.isWindowModified()


def state(session: Session) -> tuple:
    """What Cancel must leave exactly as it was (the same objects, not equal copies)."""
    return (
        id(session.sequence),
        id(session.params),
        session.readout,
        session.settings,
        session.t,
        session.unit,
        session.name,
        session.path,
        session.origin,
        session.modified,
    )


# ----------------------------------------------------------- the entry points
def _files(tmp_path: Path, window: MainWindow) -> dict[str, Path]:
    d = window.session.params.input_size
    rng = np.random.default_rng(3)
    seq = tmp_path / "other.npy"
    np.save(seq, rng.normal(size=(17, d)))
    weights = tmp_path / "other_weights.npz"
    save_weights(LSTMParams.random(d, 3, seed=5), weights)
    other = Session(*spikes_example(length=33, hidden=2))
    sess = tmp_path / "other.lstmsim"
    save_session(session_document(other), sess)
    return {"sequence": seq, "weights": weights, "session": sess}


def _open_with(monkeypatch, action_name: str, path: Path) -> Callable[[MainWindow], None]:
    def go(window: MainWindow) -> None:
        monkeypatch.setattr(
            QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
        )
        getattr(window.file_actions, action_name).trigger()

    return go


def _recent(path: Path) -> Callable[[MainWindow], None]:
    def go(window: MainWindow) -> None:
        fa = window.file_actions
        fa.recent.add_recent(str(path))
        fa.recent_menu.aboutToShow.emit()  # the menu fills itself as it opens
        (item,) = [a for a in fa.recent_menu.actions() if a.data() == str(path)]
        item.trigger()

    return go


def _drop(*paths: Path) -> Callable[[MainWindow], None]:
    def go(window: MainWindow) -> None:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
        pos = QPoint(window.width() // 2, window.height() // 2)
        copy = Qt.DropAction.CopyAction
        left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        QApplication.sendEvent(window, QDragEnterEvent(pos, copy, mime, left, none))
        drop = QDropEvent(QPointF(pos), copy, mime, left, none, QEvent.Type.Drop)
        QApplication.sendEvent(window, drop)
        assert drop.isAccepted()
        QApplication.processEvents()  # the files open once the drop has ended

    return go


def _replaced_by(kind: str, files: dict[str, Path]) -> Callable[[Session], bool]:
    if kind == "scenario":
        return lambda s: s.origin == Origin("scenario", SCENARIOS[0].key)
    if kind == "example":
        return lambda s: s.origin == Origin("example", EXAMPLES[0].key)
    if kind == "sequence":
        data = np.load(files["sequence"])
        return lambda s: np.array_equal(s.sequence.inputs, data) and s.t == 0
    if kind == "weights":
        return lambda s: s.params.hidden_size == 3
    return lambda s: s.T == 33 and s.params.hidden_size == 2 and not s.modified


ENTRY_POINTS = [
    "scenario menu",
    "example menu",
    "open sequence",
    "open weights",
    "open session",
    "recent file",
    "drop",
]


def _entry(name: str, files: dict[str, Path], monkeypatch):
    """(what the user does, what the session is afterwards when replaced)."""
    if name == "scenario menu":
        return (
            lambda w: w.scenario_actions[SCENARIOS[0].key].trigger(),
            _replaced_by("scenario", files),
        )
    if name == "example menu":
        return (
            lambda w: w.example_actions[EXAMPLES[0].key].trigger(),
            _replaced_by("example", files),
        )
    if name == "open sequence":
        return _open_with(monkeypatch, "open_action", files["sequence"]), _replaced_by(
            "sequence", files
        )
    if name == "open weights":
        return _open_with(monkeypatch, "open_weights_action", files["weights"]), _replaced_by(
            "weights", files
        )
    if name == "open session":
        return _open_with(monkeypatch, "open_session_action", files["session"]), _replaced_by(
            "session", files
        )
    if name == "recent file":
        return _recent(files["session"]), _replaced_by("session", files)
    return _drop(files["sequence"]), _replaced_by("sequence", files)


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_cancel_keeps_the_session_exactly(window, tmp_path, monkeypatch, entry):
    files = _files(tmp_path, window)
    act, replaced = _entry(entry, files, monkeypatch)
    modify(window)
    before_state = state(window.session)
    before_shown = window.rendered()
    asked = answer_with(ESCAPE)  # Escape is Cancel
    act(window)
    window.file_actions.wait()
    window.settle()
    assert len(asked.boxes) == 1, "the question was not asked"
    title, text, save_is_default = asked.boxes[0]
    assert title == "Unsaved changes" and "spikes" in text and save_is_default
    assert state(window.session) == before_state
    assert not replaced(window.session)
    assert diff_rendered(before_shown, window.rendered()) == []


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_discard_replaces_the_session(window, tmp_path, monkeypatch, entry):
    files = _files(tmp_path, window)
    act, replaced = _entry(entry, files, monkeypatch)
    modify(window)
    asked = answer_with(Button.Discard)
    act(window)
    window.file_actions.wait()
    window.settle()
    assert len(asked.boxes) == 1
    assert replaced(window.session)
    assert not (tmp_path / "spikes.lstmsim").exists()


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_save_writes_the_old_session_then_replaces_it(window, tmp_path, monkeypatch, entry):
    files = _files(tmp_path, window)
    act, replaced = _entry(entry, files, monkeypatch)
    modify(window)
    s = window.session
    old = (s.sequence, s.params, s.t, s.settings, s.unit)
    target = tmp_path / "kept.lstmsim"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    asked = answer_with(ENTER)  # the default button: Save, never a loss
    act(window)
    window.file_actions.wait()
    window.settle()
    assert len(asked.boxes) == 1
    doc = load_session(target)
    seq, params, t, settings, unit = old
    np.testing.assert_array_equal(doc.sequence.inputs, seq.inputs)
    assert doc.params == params and doc.step == t and doc.settings["unit"] == unit
    assert doc.settings["window"] == settings.window == 9
    assert replaced(window.session)


def test_save_that_fails_keeps_the_session(window, tmp_path, monkeypatch):
    """Save chosen, the Save As dialog cancelled: nothing is replaced."""
    modify(window)
    before = state(window.session)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    asked = answer_with(Button.Save)
    window.scenario_actions[SCENARIOS[0].key].trigger()
    assert len(asked.boxes) == 1
    assert state(window.session) == before


def test_an_unmodified_session_is_replaced_without_asking(window, tmp_path, monkeypatch):
    asked = answer_with(Button.Cancel, tries=20)
    window.scenario_actions[SCENARIOS[0].key].trigger()
    assert window.session.origin == Origin("scenario", SCENARIOS[0].key)
    # a scenario or example just set up is no work to lose: the next one asks nothing
    assert not window.session.modified and not window.isWindowModified()
    window.example_actions[EXAMPLES[0].key].trigger()
    assert window.session.origin == Origin("example", EXAMPLES[0].key)
    QApplication.processEvents()
    assert asked.boxes == []


def test_a_scenario_does_not_inherit_the_session_file(window, tmp_path, monkeypatch):
    """Ctrl+S after a scenario must not overwrite the session file opened before it."""
    files = _files(tmp_path, window)
    window.file_actions.open_session(files["session"])
    window.file_actions.wait()
    assert window.session.path == str(files["session"])
    window.scenario_actions[SCENARIOS[0].key].trigger()
    assert window.session.path is None


def test_files_dropped_together_ask_once(window, tmp_path, monkeypatch):
    files = _files(tmp_path, window)
    modify(window)
    asked = answer_with(Button.Discard)
    _drop(files["sequence"], files["weights"])(window)
    window.file_actions.wait()
    assert len(asked.boxes) == 1
    s = window.session
    assert np.array_equal(s.sequence.inputs, np.load(files["sequence"]))
    assert s.params.hidden_size == 3
    # the agreement ends with the queue: the next open asks again
    assert s.modified and not window.file_actions.replace_agreed
    again = answer_with(Button.Cancel)
    window.file_actions.open_session(files["session"])
    assert len(again.boxes) == 1


@pytest.mark.parametrize("answer", [Button.Cancel, Button.Discard, Button.Save])
def test_quit(window, tmp_path, monkeypatch, answer):
    modify(window)
    before = state(window.session)
    target = tmp_path / "kept.lstmsim"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    asked = answer_with(answer)
    window.quit_action.trigger()  # File ▸ Quit (Ctrl+Q)
    assert len(asked.boxes) == 1
    if answer == Button.Cancel:
        assert window.isVisible() and state(window.session) == before
        return
    assert not window.isVisible()
    assert target.exists() == (answer == Button.Save)


def test_language_switch_keeps_the_session_and_asks_nothing(window):
    modify(window)
    before = state(window.session)
    asked = answer_with(Button.Cancel, tries=20)
    window.language_actions["zh_CN"].trigger()
    QApplication.processEvents()
    window.language_actions["en"].trigger()
    QApplication.processEvents()
    assert asked.boxes == []
    assert state(window.session) == before
