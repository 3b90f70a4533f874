"""The example gallery (File ▸ Examples): tasks, their files and how they are made. No Qt.

Each :class:`Example` names a sequence file and a weights file under the
top-level ``resources/`` directory (found from a checkout or an installed
wheel by :func:`lstm_sim.resources.resource_path`). The files are written by
``tools/make_examples.py``, which trains the weights with
:class:`lstm_sim.train.Trainer`, in simple open formats that NumPy alone reads
(``np.load(path, allow_pickle=False)``):

Sequence ``.npz``
    ``inputs`` (T, D) and ``targets`` (T, P), float64; optional
    ``target_mask`` (T, P) bool — which targets count (False: "no target at
    this step", e.g. every step but the last of the adding problem); optional
    string arrays ``input_names`` (D,), ``target_names`` (P,), ``vocabulary``.
Weights ``.npz``
    PyTorch ``nn.LSTMCell`` names ``weight_ih`` (4H, D), ``weight_hh`` (4H, H),
    ``bias_ih``, ``bias_hh`` (4H,), and optionally the read-out ``readout.weight``
    (P, H), ``readout.bias`` (P,) (an ``nn.Linear`` named ``readout``).

Titles and descriptions are English source texts, marked with
``QT_TRANSLATE_NOOP`` (a no-op here, so this module needs no Qt) for Qt's
``lupdate``; the GUI translates them in the context ``"Gallery"``. Each
description is written as single-spaced adjacent literals, so that the text
``lupdate`` extracts is exactly the runtime string.

The task generators below (:func:`sine_wave`, :func:`adding_problem`, …) make
the shipped sequences and the training and held-out data.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import numpy as np

from .engine import EngineError, LSTMParams
from .resources import resource_path
from .sequence import Sequence
from .train import LSTM_KEYS, READOUT_KEYS, Readout

__all__ = [
    "EXAMPLES",
    "Example",
    "GalleryError",
    "adding_problem",
    "delayed_recall",
    "example",
    "load_example",
    "noisy_sine",
    "read_sequence_npz",
    "read_weights_npz",
    "sine_wave",
    "square_pulses",
    "text_sequence",
    "write_sequence_npz",
    "write_weights_npz",
]


class GalleryError(ValueError):
    """An example file that cannot be used; the message names the file, key and reason."""


@dataclass(frozen=True)
class Example:
    """One entry of the gallery.

    Attributes
    ----------
    key : str
        Identifier (``"adding"``), also the stem of its files.
    title : str
        Menu text.
    description : str
        One paragraph: what the task is and what to look at.
    sequence_file, weights_file : str
        Paths below ``resources/`` (``"examples/adding.npz"``).
    """

    key: str
    title: str
    description: str
    sequence_file: str
    weights_file: str


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context``; returns it unchanged."""
    return text


def _example(key: str, title: str, description: str) -> Example:
    return Example(
        key,
        title,
        " ".join(description.split()),
        f"examples/{key}.npz",
        f"examples/{key}_weights.npz",
    )


#: The gallery, in menu order.
EXAMPLES: list[Example] = [
    _example(
        "sine",
        QT_TRANSLATE_NOOP("Gallery", "Sine wave: predict the next value"),
        QT_TRANSLATE_NOOP(
            "Gallery",
            "The input is a sine wave with a period of 25 steps; the target at every step "
            "is the next value of the wave. The cell has 4 units, trained with Adam over full "
            "BPTT (MSE ≈ 3·10⁻⁵). Look at h_t: units 0, 1 and 3 follow the wave, unit 2 "
            "follows it a quarter period later (like −cos). From a sine and a cosine the "
            "read-out builds the wave shifted by one step — sin(a + δ) = sin a·cos δ + "
            "cos a·sin δ. The forget gates stay between 0.57 and 0.91: a wave needs only "
            "short memory.",
        ),
    ),
    _example(
        "noisy_sine",
        QT_TRANSLATE_NOOP("Gallery", "Noisy sine: predict the clean next value"),
        QT_TRANSLATE_NOOP(
            "Gallery",
            "The same wave with Gaussian noise (σ = 0.1) added to the input; the target is "
            "the clean next value. The cell has 16 units, trained for 200 epochs from random "
            "weights, which lowered the loss from 0.65 to 0.002. One noisy sample cannot "
            "say where the wave is, so the cell combines several steps: the prediction's "
            "RMS error (≈ 0.05) is half the noise on the input. Press Train from new random "
            "weights and watch the loss curve fall by two orders of magnitude.",
        ),
    ),
    _example(
        "square_pulses",
        QT_TRANSLATE_NOOP("Gallery", "Square pulses: remember whether a pulse is on"),
        QT_TRANSLATE_NOOP(
            "Gallery",
            "The input is zero except for a spike of +1 where a pulse begins and −1 where "
            "it ends; the target is the square pulse itself (1 during a pulse, 0 between "
            "pulses). Between the spikes nothing in the input says whether a pulse is on: "
            "the cell must hold it. Look at C_t of unit 0: it jumps to about −0.8 at a +1 "
            "spike, stays between −0.85 and −0.72 while the pulse lasts, and jumps back to "
            "about 0 at the −1 spike (the read-out's weight is negative). Its forget gate "
            "(≈ 0.96) alone would not hold it: over a 25-step pulse it would let C_t fade to "
            "0.4 of its value. The candidate holds it: small but not zero inside a pulse "
            "(g_t ≈ −0.035), so that i_t·g_t writes back most of what f_t takes away; on a "
            "spike g_t is ±0.95. The input gate stays between 0.68 and 0.83 all the time: "
            "here it is the candidate g_t that decides what is written.",
        ),
    ),
    _example(
        "delayed_recall",
        QT_TRANSLATE_NOOP("Gallery", "Delayed recall: remember the first value for 40 steps"),
        QT_TRANSLATE_NOOP(
            "Gallery",
            "Input 0 carries a value at step 1 and random distractors after it; input 1 is "
            "a marker that is 1 only at step 1. The target is the first value, asked for "
            "only at the last step (t = 41): the loss ignores every other step. Trained on "
            "random sequences, with a delay of 10 steps first, then of random delays from 5 "
            "to 80: on new sequences the recalled value has R² ≥ 0.96 at every delay from 5 "
            "to 100 (delays above 80 were never trained). Look at units 1 and 2: their input "
            "gates open at step 1 (0.69, 0.83) and stay nearly shut for the distractors "
            "(0.05, 0.13 on average), while their forget gates (≈ 0.95, 0.88) carry the value "
            "in C_t. At the last step the gradient panel's ‖∂L/∂C_k‖ stays between 1 and 1.9 "
            "all the way back to step 1: it does not vanish. That panel's loss is the output "
            "L = Σ_j h_t[j], not the squared error the cell was trained on; for the training "
            "loss the norm changes by less than a factor of 2 over the 41 steps.",
        ),
    ),
    _example(
        "adding",
        QT_TRANSLATE_NOOP(
            "Gallery", "The adding problem (modern form of Hochreiter & Schmidhuber 1997), T = 50"
        ),
        QT_TRANSLATE_NOOP(
            "Gallery",
            "Two inputs per step: a random value in [0, 1] and a marker. Exactly 2 steps "
            "are marked, one in each half of the sequence; the target, given only at the "
            "last step, is the sum of the 2 marked values. This is the form used today; the "
            "1997 original differs in its details. Predicting the mean (1.0) gives an MSE of "
            "about 0.17; the shipped cell (8 units), trained on thousands of random sequences "
            "(first of length 20, then of random lengths from 10 to 200), gets about 0.002 on "
            "new ones of length 50, and R² ≥ 0.97 at every length from 10 to 200. Look at "
            "unit 4: its input gate opens only at the 2 markers (≈ 0.8, against 0.01 "
            "elsewhere) and its forget gate stays near 0.99, so its C_t at the last step is, "
            "up to scale and offset, the sum of the 2 marked values (correlation 0.997 over "
            "300 new sequences). At the last step the gradient panel's ‖∂L/∂C_k‖ stays "
            "between 0.5 and 1.3 all the way back to step 1: the constant error carousel. "
            "That panel's loss is the output L = Σ_j h_t[j], not the squared error the cell "
            "was trained on; for the training loss the norm changes by less than a factor "
            "of 2 over the 50 steps.",
        ),
    ),
    _example(
        "text",
        QT_TRANSLATE_NOOP("Gallery", "A short text: predict the next character"),
        QT_TRANSLATE_NOOP(
            "Gallery",
            '"cat on mat. dog on log. " 3 times, one character per step, one-hot over '
            "its 11 characters; the target is the next character (one-hot, fitted by "
            "squared error, so the outputs are rough probabilities). The cell has 16 units; "
            'every next character is predicted right. After "on " the next letter is m or l '
            'depending on whether the sentence began with "cat" or "dog", 7 steps back: '
            'look at unit 8, whose cell state is about −0.9 after "cat on " and about 0 '
            'after "dog on ", and at the outputs for m and l there: after "cat on " ≈ 0.9 for '
            'm and 0.2 for l, after "dog on " ≈ 0.85 for l and 0.05 for m.',
        ),
    ),
]

_BY_KEY = {e.key: e for e in EXAMPLES}


def example(key: str) -> Example:
    """The gallery entry with this key (``KeyError`` naming the known keys otherwise)."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"no example {key!r} (known: {', '.join(_BY_KEY)})") from None


def load_example(key: str) -> tuple[Sequence, LSTMParams, Readout | None]:
    """Read an example's sequence and weights from ``resources/``.

    Returns
    -------
    sequence : Sequence
        Named after the example's title; ``meta`` holds ``"example"`` (the key)
        and, when some steps have no target, ``"target_mask"`` — a bool
        (T, P) array that :class:`lstm_sim.train.Trainer` and
        :func:`lstm_sim.train.evaluate` use by default.
    params : LSTMParams
    readout : Readout or None
        The trained read-out ŷ_t = W_y·h_t + b_y, when the file has one.

    Raises
    ------
    KeyError
        Unknown key.
    FileNotFoundError
        The resource files are missing (a broken install).
    GalleryError
        A file is damaged.
    """
    ex = example(key)
    seq = read_sequence_npz(resource_path(*ex.sequence_file.split("/")), name=ex.title)
    seq.meta["example"] = ex.key
    params, readout = read_weights_npz(resource_path(*ex.weights_file.split("/")))
    return seq, params, readout


# ------------------------------------------------------------------------ file formats

Source = str | os.PathLike[str] | Traversable


def _read_arrays(source: Source) -> tuple[str, dict[str, np.ndarray]]:
    """(display name, arrays) of an .npz file; nothing is unpickled."""
    where = str(source)
    try:
        data = source.read_bytes() if isinstance(source, Traversable) else Path(source).read_bytes()
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            return where, {k: npz[k] for k in npz.files}
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        raise GalleryError(f"{where}: cannot read ({exc})") from None
    except (ValueError, zipfile.BadZipFile, EOFError) as exc:
        raise GalleryError(f"{where}: not a valid .npz file ({exc})") from None


def _float(where: str, arrays: Mapping[str, np.ndarray], key: str) -> np.ndarray:
    a = arrays[key]
    if a.dtype.kind not in "fiu":
        raise GalleryError(f"{where}: key '{key}': expected numbers, got dtype {a.dtype}")
    return np.asarray(a, dtype=np.float64)


def _strings(where: str, arrays: Mapping[str, np.ndarray], key: str) -> tuple[str, ...]:
    if key not in arrays:
        return ()
    a = arrays[key]
    if a.dtype.kind != "U" or a.ndim != 1:
        raise GalleryError(f"{where}: key '{key}': expected a 1-D string array, got {a.dtype}")
    return tuple(str(s) for s in a)


def read_sequence_npz(source: Source, *, name: str = "") -> Sequence:
    """A :class:`Sequence` from a gallery sequence file (see the module docstring).

    A ``target_mask`` goes to ``sequence.meta["target_mask"]`` as bool (T, P).
    """
    where, arrays = _read_arrays(source)
    if "inputs" not in arrays:
        raise GalleryError(f"{where}: key 'inputs' missing (found {', '.join(arrays)})")
    x = _float(where, arrays, "inputs")
    y = _float(where, arrays, "targets") if "targets" in arrays else None
    try:
        seq = Sequence(
            x,
            y,
            input_names=_strings(where, arrays, "input_names"),
            target_names=_strings(where, arrays, "target_names"),
            vocabulary=_strings(where, arrays, "vocabulary"),
            name=name or Path(where).stem,
            meta={"source": where},
        )
    except EngineError as exc:
        raise GalleryError(f"{where}: {exc}") from None
    if "target_mask" in arrays:
        m = arrays["target_mask"]
        if seq.targets is None:
            raise GalleryError(f"{where}: key 'target_mask' without 'targets'")
        if m.dtype != np.bool_:
            raise GalleryError(f"{where}: key 'target_mask': expected bool, got {m.dtype}")
        if m.ndim == 1:
            m = np.repeat(m[:, None], seq.target_size, axis=1)
        if m.shape != seq.targets.shape:
            raise GalleryError(
                f"{where}: key 'target_mask': expected shape {seq.targets.shape}, got {m.shape}"
            )
        m = np.array(m)
        m.flags.writeable = False
        seq.meta["target_mask"] = m
    return seq


def read_weights_npz(source: Source) -> tuple[LSTMParams, Readout | None]:
    """(cell, read-out or None) from a gallery weights file (see the module docstring)."""
    where, arrays = _read_arrays(source)
    missing = [k for k in LSTM_KEYS if k not in arrays]
    if missing:
        raise GalleryError(f"{where}: key '{missing[0]}' missing (found {', '.join(arrays)})")
    try:
        params = LSTMParams(*(_float(where, arrays, k) for k in LSTM_KEYS))
        present = [k for k in READOUT_KEYS if k in arrays]
        if not present:
            return params, None
        if len(present) == 1:
            raise GalleryError(f"{where}: '{present[0]}' without its partner")
        readout = Readout(*(_float(where, arrays, k) for k in READOUT_KEYS))
    except EngineError as exc:
        raise GalleryError(f"{where}: {exc}") from None
    if readout.hidden_size != params.hidden_size:
        raise GalleryError(
            f"{where}: key 'readout.weight': reads {readout.hidden_size} units, "
            f"the cell has {params.hidden_size}"
        )
    return params, readout


def _write_npz(path: str | os.PathLike[str], arrays: Mapping[str, np.ndarray]) -> None:
    """An .npz with fixed zip timestamps, so that the same arrays give the same bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for key, value in arrays.items():
            info = zipfile.ZipInfo(key + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with zf.open(info, "w", force_zip64=True) as f:
                np.lib.format.write_array(f, np.asarray(value), allow_pickle=False)
    Path(path).write_bytes(buf.getvalue())


def write_sequence_npz(path: str | os.PathLike[str], sequence: Sequence, mask: Any = None) -> None:
    """Write a sequence (and its target mask, default ``meta["target_mask"]``) as .npz."""
    arrays: dict[str, np.ndarray] = {"inputs": sequence.inputs}
    if sequence.targets is not None:
        arrays["targets"] = sequence.targets
        m = sequence.meta.get("target_mask") if mask is None else mask
        if m is not None:
            m = np.asarray(m, dtype=bool)
            if m.ndim == 1:
                m = np.repeat(m[:, None], sequence.target_size, axis=1)
            if m.shape != sequence.targets.shape:
                raise GalleryError(f"mask: expected shape {sequence.targets.shape}, got {m.shape}")
            arrays["target_mask"] = m
        arrays["target_names"] = np.array(sequence.target_names, dtype=str)
    arrays["input_names"] = np.array(sequence.input_names, dtype=str)
    if sequence.vocabulary:
        arrays["vocabulary"] = np.array(sequence.vocabulary, dtype=str)
    _write_npz(path, arrays)


def write_weights_npz(
    path: str | os.PathLike[str], params: LSTMParams, readout: Readout | None = None
) -> None:
    """Write a cell (and a read-out) under PyTorch names as .npz (float64)."""
    arrays = params.to_state_dict()
    if readout is not None:
        arrays.update(readout.to_state_dict())
    _write_npz(path, arrays)


# ----------------------------------------------------------------------- task generators


def _rng(seed: int | np.random.Generator | None) -> np.random.Generator:
    return seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)


def sine_wave(length: int = 200, period: float = 25.0) -> Sequence:
    """x_t = sin(2π·t/period) for t = 0 … T−1, target y_t = x_{t+1} (the next value)."""
    s = np.sin(2.0 * np.pi * np.arange(length + 1) / period)
    return Sequence(
        s[:-1, None], s[1:, None], input_names=("x",), target_names=("next x",), name="sine"
    )


def noisy_sine(
    length: int = 200,
    period: float = 25.0,
    noise: float = 0.1,
    seed: int | np.random.Generator | None = 0,
) -> Sequence:
    """x_t = sin(2π·t/period) + N(0, noise²), target y_t = the clean sin at t + 1."""
    s = np.sin(2.0 * np.pi * np.arange(length + 1) / period)
    x = s[:-1] + noise * _rng(seed).standard_normal(length)
    return Sequence(
        x[:, None],
        s[1:, None],
        input_names=("noisy x",),
        target_names=("clean next x",),
        name="noisy sine",
    )


def square_pulses(
    length: int = 200,
    seed: int | np.random.Generator | None = 0,
    gaps: tuple[int, int] = (5, 20),
    widths: tuple[int, int] = (5, 25),
) -> Sequence:
    """Spikes +1 / −1 where pulses begin / end; target: the pulse (1 on, 0 off).

    Gap and pulse lengths are drawn uniformly from ``gaps`` and ``widths``
    (inclusive). The +1 spike is at the first step of a pulse, the −1 spike at
    the first step after it.
    """
    rng = _rng(seed)
    x, y = np.zeros(length), np.zeros(length)
    t = int(rng.integers(gaps[0], gaps[1] + 1))
    while t < length:
        w = int(rng.integers(widths[0], widths[1] + 1))
        x[t] = 1.0
        y[t : t + w] = 1.0
        if t + w < length:
            x[t + w] = -1.0
        t += w + int(rng.integers(gaps[0], gaps[1] + 1))
    return Sequence(
        x[:, None], y[:, None], input_names=("spike",), target_names=("pulse",), name="pulses"
    )


def delayed_recall(delay: int = 40, seed: int | np.random.Generator | None = 0) -> Sequence:
    """Remember the value of step 1 for ``delay`` steps (T = delay + 1).

    Input 0: the value v ~ U(−1, 1) at step 1, distractors U(−1, 1) after it;
    input 1: a marker, 1 at step 1 only. Target v at the last step; the mask
    (``meta["target_mask"]``) is True only there.
    """
    rng = _rng(seed)
    n = delay + 1
    x = np.zeros((n, 2))
    x[:, 0] = rng.uniform(-1.0, 1.0, n)
    x[0, 1] = 1.0
    y = np.zeros((n, 1))
    y[-1, 0] = x[0, 0]
    mask = np.zeros((n, 1), dtype=bool)
    mask[-1] = True
    return Sequence(
        x,
        y,
        input_names=("value", "marker"),
        target_names=("first value",),
        name="delayed recall",
        meta={"target_mask": mask},
    )


def adding_problem(length: int = 50, seed: int | np.random.Generator | None = 0) -> Sequence:
    """The adding problem (Hochreiter & Schmidhuber 1997), in its common modern form.

    Input 0: values U(0, 1); input 1: markers, 1 at one step drawn from the first
    half and one from the second half, else 0. Target: the sum of the two marked
    values, at the last step only (``meta["target_mask"]`` is True only there;
    the target is 0 elsewhere). Predicting the mean sum, 1.0, has an expected
    MSE of Var(U₁ + U₂) = 1/6.
    """
    rng = _rng(seed)
    x = np.zeros((length, 2))
    x[:, 0] = rng.random(length)
    a = int(rng.integers(0, length // 2))
    b = int(rng.integers(length // 2, length))
    x[[a, b], 1] = 1.0
    y = np.zeros((length, 1))
    y[-1, 0] = x[a, 0] + x[b, 0]
    mask = np.zeros((length, 1), dtype=bool)
    mask[-1] = True
    return Sequence(
        x,
        y,
        input_names=("value", "marker"),
        target_names=("sum",),
        name="adding problem",
        meta={"target_mask": mask},
    )


def text_sequence(text: str) -> Sequence:
    """Characters one-hot over the sorted vocabulary; target: the next character.

    T is ``len(text) − 1`` (the last character is only a target), as the
    ``.txt`` sequence loader of :mod:`lstm_sim.io` does it.
    """
    if len(text) < 2:
        raise GalleryError(f"text: expected at least 2 characters, got {len(text)}")
    vocab = tuple(sorted(set(text)))
    index = np.array([vocab.index(c) for c in text])
    one_hot = np.eye(len(vocab))[index]
    names = tuple(repr(c) for c in vocab)
    return Sequence(
        one_hot[:-1],
        one_hot[1:],
        input_names=names,
        target_names=tuple(f"next {n}" for n in names),
        vocabulary=vocab,
        name="text",
    )
