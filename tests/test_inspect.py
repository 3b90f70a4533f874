"""``lstm_sim.inspect(model, inputs, targets)``: the app on a live model from Python.

Without torch: the project's own Model (torch must not be imported). With torch
(``pytest.importorskip``): a live ``nn.LSTM(num_layers=2, bidirectional=True)`` and
its ``nn.Linear`` head, whose every cell the window shows as torch computes it.
"""

from __future__ import annotations

import subprocess
import sys
import types

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import lstm_sim
from lstm_sim.engine import LSTMParams
from lstm_sim.engine.model import Head, Layer, Model
from lstm_sim.gui import inspect_window


@pytest.fixture
def opened(qtbot, english, monkeypatch):
    windows = []
    original = inspect_window.open_window

    def recording(*args, **kwargs):
        win = original(*args, **kwargs)
        qtbot.addWidget(win)
        windows.append(win)
        return win

    monkeypatch.setattr(inspect_window, "open_window", recording)
    yield windows
    for win in windows:
        win.cancel_jobs()
        win.wait_for_jobs()


def _own_model() -> Model:
    f, b = LSTMParams.random(2, 3, seed=1), LSTMParams.random(2, 3, seed=2)
    top = LSTMParams.random(6, 3, seed=3)
    head = Head(np.full((1, 3), 0.5), np.array([0.1]), "every")
    return Model([Layer(f, b), Layer(top)], head)


def test_inspect_own_model_without_torch(opened):
    model = _own_model()
    x = np.random.default_rng(0).standard_normal((7, 2))
    y = np.zeros(7)
    win = lstm_sim.inspect(model, x, y, block=False)
    assert opened == [win] and win.isVisible()
    s = win.session
    assert s.model is model and s.sequence.target_size == 1
    assert not s.modified  # closing asks nothing
    s.select_cell(1, False)
    s.set_step(7)
    np.testing.assert_array_equal(s.trace.h, model.run(x).cell(1, False).trace.h)


def test_from_a_script_it_blocks_until_the_window_closes(opened, qapp):
    """No IPython Qt loop: the call runs the event loop and returns once the window closed."""
    assert not inspect_window.ipython_qt_loop()
    closed = []
    QTimer.singleShot(300, lambda: closed.append(inspect_window._OPEN[-1].close()))
    net = QTimer()  # a safety net, not the way out
    net.setSingleShot(True)
    net.timeout.connect(lambda: qapp.exit(1))
    net.start(10_000)
    win = lstm_sim.inspect(_own_model(), np.ones((5, 2)))
    assert net.isActive()  # the window's closing ended the loop, not the net
    net.stop()
    assert closed == [True] and not win.isVisible()


def test_under_an_ipython_qt_loop_it_returns_at_once(opened, monkeypatch):
    shell = types.SimpleNamespace(active_eventloop="qt6")
    fake = types.SimpleNamespace(get_ipython=lambda: shell)
    monkeypatch.setitem(sys.modules, "IPython", fake)
    assert inspect_window.ipython_qt_loop()
    monkeypatch.setattr(
        type(QApplication.instance()), "exec", lambda *_: pytest.fail("the loop was entered")
    )
    win = lstm_sim.inspect(_own_model(), np.ones((5, 2)))
    assert win.isVisible()


def test_inspect_imports_no_torch_for_a_numpy_model():
    code = (
        "import sys, numpy as np\n"
        "from lstm_sim.gui import inspect_window\n"
        "from lstm_sim.engine import LSTMParams\n"
        "from lstm_sim.engine.model import Model\n"
        "import lstm_sim\n"
        "inspect_window.open_window = lambda m, s, **k: (m, s)\n"
        "m, s = lstm_sim.inspect(Model.single(LSTMParams.random(1, 2)), np.ones(5))\n"
        "assert s.length == 5\n"
        "print('torch' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert out.stdout.strip() == "False"


def test_a_single_cell_with_a_head_is_the_classic_session(opened):
    p = LSTMParams.random(1, 2, seed=4)
    model = Model.single(p, (np.array([[1.0, -1.0]]), np.array([0.0])))
    win = lstm_sim.inspect(model, np.linspace(0, 1, 6), np.zeros(6), block=False)
    s = win.session
    assert s.model is None and s.params is p and s.readout is not None


def test_inspect_refuses_a_wrong_width_with_the_reason(opened):
    with pytest.raises(Exception, match="3 input"):
        lstm_sim.inspect(_own_model(), np.ones((5, 3)), block=False)
    assert opened == []


def test_inspect_a_live_torch_lstm_and_head(opened):
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(3, 4, num_layers=2, bidirectional=True, batch_first=True)
    fc = torch.nn.Linear(8, 2)
    x = torch.randn(1, 9, 3)
    with torch.no_grad():
        out, _ = lstm(x)
        yhat = fc(out)[0].double().numpy()
    win = lstm_sim.inspect(lstm, x, torch.zeros(1, 9, 2), head=fc, block=False)
    s = win.session
    assert len(s.model.cell_keys()) == 4
    np.testing.assert_allclose(s.stack.run.yhat, yhat, atol=1e-6)
    np.testing.assert_allclose(s.stack.run.layer_outputs[-1], out[0].double().numpy(), atol=1e-6)
    win.controls.cell_box.setCurrentIndex(3)  # layer 1 reverse, as torch runs it
    s.set_step(9)
    np.testing.assert_allclose(s.trace.h[-1], out[0, 0, 4:].double().numpy(), atol=1e-6)
