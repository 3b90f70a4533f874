"""Examples menu and the training dock in the real main window."""

from __future__ import annotations

import time

import numpy as np
import pytest

from lstm_sim.engine import LSTMParams
from lstm_sim.gallery import EXAMPLES, load_example
from lstm_sim.gui.main_window import MainWindow
from lstm_sim.train import TrainConfig, Trainer


@pytest.fixture
def window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.training.stop()
    win.training.wait()
    win.cancel_jobs()
    win.wait_for_jobs()


@pytest.mark.parametrize("key", [ex.key for ex in EXAMPLES])
def test_every_example_opens_with_its_weights_and_text(window, key):
    window.example_actions[key].trigger()
    seq, params, readout = load_example(key)
    s = window.session
    assert s.sequence == seq
    assert s.params == params
    assert (s.readout is None) == (readout is None)
    assert window.banner.isVisible()
    assert len(window.banner.label.text()) > 80
    window.transport.step_action.trigger()
    if readout is not None:
        expected = readout(s.trace.h[0])
        assert f"{expected[0]:.3f}".replace("-", "−") in window.diagram.readout_text().replace(
            "-", "−"
        )
        assert "ŷ_t" in window.equations.text()


def _train(window, qtbot, epochs: int, seed: int):
    window.training.epochs_box.setValue(epochs)
    window.training.seed_box.setValue(seed)
    window.training.train_button.click()
    assert window.training.running
    qtbot.waitUntil(lambda: not window.training.running, timeout=120_000)
    window.training.wait()
    return window.training.losses


def test_training_lowers_loss_updates_session_and_is_reproducible(window, qtbot):
    window.example_actions["noisy_sine"].trigger()
    s = window.session
    start = LSTMParams.random(1, 8, seed=5)
    s.set_params(start)
    window.training.show()
    losses = _train(window, qtbot, 40, seed=3)
    assert len(losses) == 40
    assert losses[-1] < losses[0] / 3
    # the session shows the trained model
    ref = Trainer(s.sequence, start, None, TrainConfig(lr=0.01, epochs=40, seed=3))
    ref_losses = ref.run(40)
    np.testing.assert_array_equal(losses, ref_losses)
    assert s.params == ref.params
    assert s.readout == ref.readout
    assert "Done: 40 epochs" in window.training.status.text()
    # the loss curve shows every epoch
    _, y = window.training.curve.getOriginalDataset()
    np.testing.assert_array_equal(y, losses)
    # the same seed from the same start gives the same training
    s.set_params(start)
    s.set_readout(None)
    assert _train(window, qtbot, 40, seed=3) == losses


def test_pause_resume_and_stop(window, qtbot):
    window.example_actions["noisy_sine"].trigger()
    window.session.set_params(LSTMParams.random(1, 16, seed=1))
    dock = window.training
    dock.epochs_box.setValue(100_000)
    dock.train_button.click()
    qtbot.waitUntil(lambda: len(dock.losses) >= 2, timeout=60_000)
    dock.pause_button.click()
    assert dock.pause_button.text() == "Resume"
    time.sleep(0.3)
    n = len(dock.losses)
    time.sleep(0.5)
    assert len(dock.losses) <= n + 1  # at most the epoch that was running
    dock.pause_button.click()
    qtbot.waitUntil(lambda: len(dock.losses) > n + 2, timeout=60_000)
    dock.stop_button.click()
    qtbot.waitUntil(lambda: not dock.running, timeout=60_000)
    dock.wait()
    assert "Stopped after" in dock.status.text()
    assert len(dock.losses) < 100_000


def test_train_disabled_without_targets(window):
    assert window.session.sequence.targets is None  # the built-in spikes example
    assert not window.training.train_button.isEnabled()
    assert "no targets" in window.training.status.text()
