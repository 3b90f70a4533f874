"""The example gallery: every example loads, is consistent, and its weights do their job."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pytest

from lstm_sim import gallery
from lstm_sim.engine import LSTMParams, run
from lstm_sim.resources import resource_path, resource_roots
from lstm_sim.sequence import Sequence
from lstm_sim.train import Readout, evaluate

ROOT = Path(__file__).resolve().parents[1]
KEYS = [e.key for e in gallery.EXAMPLES]


def test_the_gallery_has_the_six_tasks_with_unique_keys():
    assert KEYS == ["sine", "noisy_sine", "square_pulses", "delayed_recall", "adding", "text"]
    assert len(set(KEYS)) == len(KEYS)
    for ex in gallery.EXAMPLES:
        assert ex.title.strip() and len(ex.description) > 100, ex.key
        assert gallery.example(ex.key) is ex
    with pytest.raises(KeyError, match="known"):
        gallery.example("nope")


@pytest.mark.parametrize("key", KEYS)
def test_every_example_loads_consistently_and_runs_finite(key):
    seq, params, readout = gallery.load_example(key)
    assert isinstance(seq, Sequence) and isinstance(params, LSTMParams)
    assert isinstance(readout, Readout)  # every shipped example is trained
    assert seq.name == gallery.example(key).title and seq.meta["example"] == key
    assert seq.targets is not None
    assert params.input_size == seq.input_size
    assert readout.hidden_size == params.hidden_size
    assert readout.output_size == seq.target_size
    assert len(seq.input_names) == seq.input_size
    trace = run(params, seq.inputs)
    for name in ("i", "f", "g", "o", "c", "h"):
        assert np.isfinite(getattr(trace, name)).all(), name
    assert np.isfinite(readout(trace.h)).all()


@pytest.mark.parametrize("key", KEYS)
def test_shipped_weights_fit_their_sequence(key):
    seq, params, readout = gallery.load_example(key)
    mask = seq.meta.get("target_mask")
    y = seq.targets if mask is None else seq.targets[mask]
    spread = float(np.mean((y - y.mean()) ** 2)) if y.size > 1 else float(np.mean(y**2))
    # Far better than predicting the mean (for the masked tasks with one target
    # in the sequence: better than predicting 0).
    assert evaluate(params, readout, seq) < 0.1 * max(spread, 0.1), key


def test_masks_mark_only_the_last_step_of_the_recall_tasks():
    for key in ("delayed_recall", "adding"):
        seq, _, _ = gallery.load_example(key)
        mask = seq.meta["target_mask"]
        assert mask.dtype == np.bool_ and mask.shape == seq.targets.shape
        assert mask[-1].all() and not mask[:-1].any()
    for key in ("sine", "noisy_sine", "square_pulses", "text"):
        assert "target_mask" not in gallery.load_example(key)[0].meta


@pytest.mark.parametrize("key", KEYS)
def test_files_are_plain_numpy(key):
    ex = gallery.example(key)
    with np.load(ROOT / "resources" / ex.sequence_file, allow_pickle=False) as npz:
        assert {"inputs", "targets"} <= set(npz.files)
        assert npz["inputs"].dtype == np.float64 and npz["targets"].dtype == np.float64
    with np.load(ROOT / "resources" / ex.weights_file, allow_pickle=False) as npz:
        assert set(npz.files) == {
            "weight_ih",
            "weight_hh",
            "bias_ih",
            "bias_hh",
            "readout.weight",
            "readout.bias",
        }


def test_text_example_has_its_vocabulary():
    seq, _, _ = gallery.load_example("text")
    assert len(seq.vocabulary) == seq.input_size == seq.target_size
    np.testing.assert_array_equal(seq.inputs.sum(axis=1), 1.0)
    np.testing.assert_array_equal(seq.inputs[1:], seq.targets[:-1])


# ------------------------------------------------------------------------ generators


def test_generators():
    s = gallery.sine_wave(50)
    np.testing.assert_array_equal(s.inputs[1:], s.targets[:-1])
    n = gallery.noisy_sine(50, seed=3)
    np.testing.assert_allclose(n.targets[:, 0], gallery.sine_wave(50).targets[:, 0])
    assert n == gallery.noisy_sine(50, seed=3) and n != gallery.noisy_sine(50, seed=4)
    p = gallery.square_pulses(300, seed=1)
    # The pulse is the running sum of the spikes: on at +1, off at −1.
    np.testing.assert_array_equal(np.cumsum(p.inputs[:, 0]), p.targets[:, 0])
    assert set(np.unique(p.inputs)) <= {-1.0, 0.0, 1.0}
    r = gallery.delayed_recall(12, seed=2)
    assert len(r) == 13 and r.targets[-1, 0] == r.inputs[0, 0]
    assert r.inputs[:, 1].tolist() == [1.0] + [0.0] * 12
    rng = np.random.default_rng(0)
    for _ in range(20):
        a = gallery.adding_problem(50, seed=rng)
        marks = np.flatnonzero(a.inputs[:, 1])
        assert len(marks) == 2 and marks[0] < 25 <= marks[1]
        assert a.targets[-1, 0] == pytest.approx(a.inputs[marks, 0].sum())
        assert not a.targets[:-1].any()
    t = gallery.text_sequence("abca")
    assert t.vocabulary == ("a", "b", "c") and len(t) == 3
    with pytest.raises(gallery.GalleryError):
        gallery.text_sequence("a")


# ------------------------------------------------------------------------ file formats


def test_round_trip_with_mask_and_vocabulary(tmp_path):
    seq = gallery.text_sequence("hello")
    mask = np.zeros(len(seq), dtype=bool)
    mask[-2:] = True
    gallery.write_sequence_npz(tmp_path / "s.npz", seq, mask=mask)
    back = gallery.read_sequence_npz(tmp_path / "s.npz")
    assert back == seq
    assert back.meta["target_mask"].shape == seq.targets.shape
    assert back.meta["target_mask"][-2:].all() and not back.meta["target_mask"][:-2].any()
    params = LSTMParams.random(seq.input_size, 2, seed=0)
    gallery.write_weights_npz(tmp_path / "w.npz", params)
    p2, r2 = gallery.read_weights_npz(tmp_path / "w.npz")
    assert p2 == params and r2 is None
    # Same arrays, same bytes (fixed zip timestamps: regenerating makes no diff).
    gallery.write_weights_npz(tmp_path / "w2.npz", params)
    assert (tmp_path / "w.npz").read_bytes() == (tmp_path / "w2.npz").read_bytes()


def test_damaged_files_name_the_file_and_key(tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(gallery.GalleryError, match=r"bad\.npz"):
        gallery.read_sequence_npz(bad)
    np.savez(tmp_path / "nox.npz", targets=np.zeros(3))
    with pytest.raises(gallery.GalleryError, match="'inputs' missing"):
        gallery.read_sequence_npz(tmp_path / "nox.npz")
    np.savez(tmp_path / "nan.npz", inputs=np.array([0.0, np.nan]))
    with pytest.raises(gallery.GalleryError, match=r"nan\.npz: inputs: non-finite"):
        gallery.read_sequence_npz(tmp_path / "nan.npz")
    np.savez(tmp_path / "w.npz", weight_ih=np.zeros((4, 1)))
    with pytest.raises(gallery.GalleryError, match="'weight_hh' missing"):
        gallery.read_weights_npz(tmp_path / "w.npz")
    with pytest.raises(FileNotFoundError):
        gallery.read_sequence_npz(tmp_path / "missing.npz")


# ------------------------------------------------------------------------ resources


def test_resources_are_found_from_the_checkout():
    roots = resource_roots()
    assert roots and Path(str(roots[0])) == ROOT / "resources"
    assert Path(str(resource_path("examples", "adding.npz"))).is_file()
    with pytest.raises(FileNotFoundError, match="looked in"):
        resource_path("examples", "no-such-file.npz")


def test_pyproject_ships_resources_and_every_package():
    """Once pyproject maps ``lstm_sim._resources`` to ``resources/``, its package list
    (explicit, since find cannot see the mapped directory) must name every package
    and every directory of resources/."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools_cfg = config.get("tool", {}).get("setuptools", {})
    if setuptools_cfg.get("package-dir", {}).get("lstm_sim._resources") != "resources":
        pytest.skip("pyproject.toml does not map lstm_sim._resources yet")
    listed = set(setuptools_cfg["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in ROOT.glob("lstm_sim/**/__init__.py")
    }
    # Every directory below resources/ is a package of the wheel too (else setuptools
    # warns, and a future version may leave it out).
    found |= {
        ".".join(("lstm_sim._resources", *d.relative_to(ROOT / "resources").parts))
        for d in (ROOT / "resources").glob("**/")
    }
    assert found <= listed, f"packages missing from pyproject.toml: {sorted(found - listed)}"
