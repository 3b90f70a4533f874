"""Make the Keras model fixtures of the model-loader tests (run once; the outputs are committed).

    KERAS_BACKEND=torch .venv/bin/python tools/make_keras_model_fixtures.py

Needs ``keras>=3`` (any backend; torch here) and ``h5py``. Writes into
``tests/fixtures/model/``:

- ``keras_seq.keras`` and ``keras_seq.weights.h5``: a ``Sequential`` of
  ``LSTM(4, return_sequences=True)``, ``LSTM(3, return_sequences=True)`` and
  ``Dense(2)`` (the head on every step), D = 3;
- ``keras_func.keras``: a functional model ``LSTM(4, return_sequences=True,
  go_backwards=True)`` → ``Bidirectional(LSTM(3))`` (``return_sequences=False``:
  the final states) → ``Dropout`` → ``Dense(1)``;
- ``keras_models_expected.npz``: the input ``x`` (T, D) and Keras' own outputs
  of every layer of both models for it (``seq_l0``, ``seq_l1``, ``seq_y``;
  ``func_l0``, ``func_l1``, ``func_y``), float32 computed by Keras, stored as
  float64.

Every weight (biases included) is set to random values, so the gate order,
the transpositions and the directions are really tested.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras
import numpy as np

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "model"
T, D = 9, 3


def _randomise(model: keras.Model, rng: np.random.Generator) -> None:
    model.set_weights(
        [rng.uniform(-0.8, 0.8, w.shape).astype("float32") for w in model.get_weights()]
    )


def _outputs(model: keras.Model, x: np.ndarray) -> list[np.ndarray]:
    probe = keras.Model(model.inputs, [layer.output for layer in model.layers])
    return [keras.ops.convert_to_numpy(v)[0].astype(np.float64) for v in probe(x)]


def main() -> int:
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(7)
    x = rng.standard_normal((1, T, D)).astype("float32")

    seq = keras.Sequential(
        [
            keras.Input((T, D)),
            keras.layers.LSTM(4, return_sequences=True),
            keras.layers.LSTM(3, return_sequences=True),
            keras.layers.Dense(2),
        ]
    )
    _randomise(seq, rng)
    seq_out = _outputs(seq, x)

    inputs = keras.Input((T, D))
    a = keras.layers.LSTM(4, return_sequences=True, go_backwards=True, name="backwards")(inputs)
    b = keras.layers.Bidirectional(keras.layers.LSTM(3), name="both")(a)
    c = keras.layers.Dropout(0.5)(b)
    y = keras.layers.Dense(1, name="out")(c)
    func = keras.Model(inputs, y)
    _randomise(func, rng)
    func_out = _outputs(func, x)

    OUT.mkdir(parents=True, exist_ok=True)
    seq.save(OUT / "keras_seq.keras")
    seq.save_weights(OUT / "keras_seq.weights.h5")
    func.save(OUT / "keras_func.keras")
    np.savez(
        OUT / "keras_models_expected.npz",
        x=x[0].astype(np.float64),
        seq_l0=seq_out[0],
        seq_l1=seq_out[1],
        seq_y=seq_out[2],
        func_l0=func_out[1],
        func_l1=func_out[2],
        func_y=func_out[4],
    )
    print(
        f"keras {keras.__version__} ({keras.backend.backend()}): wrote",
        *sorted(OUT.glob("keras_*")),
        sep="\n  ",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
