"""File kinds told apart by the io registry's identifiers (what a dropped file holds)."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_sim.engine import LSTMParams
from lstm_sim.examples import spikes_example
from lstm_sim.io import SessionDocument, registry, save_session, save_weights
from lstm_sim.io.registry import identifier, identifiers, identify


def test_identify_tells_file_kinds_apart(tmp_path):
    np.savez(tmp_path / "seq.npz", x=np.arange(3.0))
    save_weights(LSTMParams.random(1, 1), tmp_path / "w.npz")
    save_weights(LSTMParams.random(1, 1), tmp_path / "w.json")
    (tmp_path / "s.json").write_text('{"inputs": [1, 2]}')
    seq, params = spikes_example()
    save_session(SessionDocument(seq, params, 0, {}), tmp_path / "saved.json")
    (tmp_path / "torch.pt").write_bytes(b"not really")
    assert identify(tmp_path / "seq.npz") == "sequence"
    assert identify(tmp_path / "w.npz") == "weights"
    assert identify(tmp_path / "w.json") == "weights"
    assert identify(tmp_path / "s.json") == "sequence"
    assert identify(tmp_path / "saved.json") == "session"  # by content
    assert identify(tmp_path / "x.lstmsim") == "session"  # by suffix, even when missing
    assert identify(tmp_path / "m.weights.h5") == "weights"
    assert identify(tmp_path / "torch.pt") == "weights"
    assert identify(tmp_path / "nothing.csv") == "sequence"
    assert identify(tmp_path) == "sequence"  # a directory: its loader says so


def test_identifiers_are_asked_by_priority(tmp_path, monkeypatch):
    monkeypatch.setattr(registry, "_IDENTIFIERS", list(registry._IDENTIFIERS))
    path = tmp_path / "odd.lstmsim"
    path.write_text("x")
    assert identify(path) == "session"
    priorities = [i.priority for i in identifiers()]
    assert priorities == sorted(priorities, reverse=True)

    @identifier("weights", priority=1000)
    def odd(path, name, head):
        return name.startswith("odd")

    assert identify(path) == "weights"  # the higher priority wins
    assert identifiers()[0].function is odd
    with pytest.raises(ValueError, match="kind"):
        identifier("pictures")


def test_sessions_are_a_registered_kind(tmp_path):
    seq, params = spikes_example()
    path = tmp_path / "s.lstmsim"
    save_session(SessionDocument(seq, params, 3, {"window": 5}), path)
    (fmt,) = registry.formats("session")
    assert ".lstmsim" in fmt.suffixes
    doc = fmt.function(path)
    assert doc.step == 3 and doc.settings == {"window": 5}
