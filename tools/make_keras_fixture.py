"""Make the Keras 3 fixture for the weight-loader tests (run once; the outputs are committed).

    KERAS_BACKEND=torch python tools/make_keras_fixture.py

Writes ``tests/fixtures/keras_lstm.weights.h5`` (``model.save_weights``) and
``tests/fixtures/keras_lstm_expected.npz`` holding the input ``x`` (T, D) and
Keras' own outputs of each layer for it:

- ``lstm`` (T, 4): a plain ``LSTM(4, return_sequences=True)`` on ``x``;
- ``bidirectional`` (T, 6): ``Bidirectional(LSTM(3, return_sequences=True))``
  on the first layer's output — forward units 0–2, backward units 3–5 (the
  backward direction reads the sequence from the end; Keras reverses its
  outputs back into time order).

Every weight (biases included) is set to random values so that the loader's
transposition and gate order are really tested. Needs ``keras>=3`` with any
backend (torch here) and ``h5py``; TensorFlow is not needed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras
import numpy as np

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
T, D = 7, 3


def main() -> int:
    keras.utils.set_random_seed(0)
    inputs = keras.Input((T, D), name="x")
    first = keras.layers.LSTM(4, return_sequences=True, name="lstm")
    second = keras.layers.Bidirectional(
        keras.layers.LSTM(3, return_sequences=True), name="bidirectional"
    )
    y1 = first(inputs)
    y2 = second(y1)
    model = keras.Model(inputs, [y1, y2])

    rng = np.random.default_rng(1)
    model.set_weights(
        [rng.uniform(-0.8, 0.8, w.shape).astype("float32") for w in model.get_weights()]
    )

    x = rng.standard_normal((1, T, D)).astype("float32")
    out1, out2 = (keras.ops.convert_to_numpy(v) for v in model(x))

    OUT.mkdir(parents=True, exist_ok=True)
    model.save_weights(OUT / "keras_lstm.weights.h5")
    np.savez(
        OUT / "keras_lstm_expected.npz",
        x=x[0].astype(np.float64),
        lstm=out1[0].astype(np.float64),
        bidirectional=out2[0].astype(np.float64),
    )
    print(
        f"keras {keras.__version__} ({keras.backend.backend()}): wrote",
        *sorted(OUT.glob("keras_lstm*")),
        sep="\n  ",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
