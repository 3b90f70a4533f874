"""Which cell of a whole model a session shows (Qt-free).

A session normally shows one cell run forward over the sequence. A model of
several cells (stacked layers, two directions: :class:`~lstm_sim.engine.Model`)
is held whole: the model runs over the sequence once
(:meth:`~lstm_sim.engine.Model.run`), and the session shows one of its cells,
stepping it over exactly the rows that cell reads, in the order it reads them:

- layer 0 reads the sequence; layer k > 0 reads layer k − 1's output (its
  h_t, both halves for a bidirectional layer);
- a reverse cell reads its input from t = T down to 1, so the session's step
  t of that cell is the model's step that read time T − t + 1.

So every number shown is the model's own (``ModelTrace.cell(layer,
reverse).trace`` row for row). The single-cell case never builds a
:class:`CellView`; its Step path is unchanged (see docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..engine import EngineError, LSTMParams, Trace
from ..engine.errors import QT_TRANSLATE_NOOP, Message, Text
from ..engine.model import CellKey, Layer, Model, ModelTrace

__all__ = [
    "CellView",
    "adopt_rows",
    "is_one_cell",
    "no_prediction_text",
    "replace_cell",
    "weights_of_model_text",
]


def adopt_rows(source: Trace, target: Trace, steps: int) -> None:
    """Give the empty ``target`` the first ``steps`` rows of ``source`` (the same cell over
    the same inputs, unclamped), instead of computing them again.

    The rows are the ones ``target`` would compute, bit for bit (the same step
    function over the same inputs); this is how :mod:`~lstm_sim.engine.forward_child`
    hands a trace the rows another process computed (``Trace._adopt``). Showing
    another cell of a model then costs a copy, not a forward pass up to the cursor.
    """
    if len(target) or steps > len(source):
        raise ValueError(f"adopt_rows: target must be empty and steps ≤ {len(source)}")
    target.reserve(steps)
    target._storage[: steps + 1] = source._storage[: steps + 1]
    target._adopt(steps)


def no_prediction_text() -> Text:
    """Why no prediction loss can be shown, and how to get one."""
    return Text(
        QT_TRANSLATE_NOOP(
            "FileErrors",
            "a prediction loss needs targets and a read-out ŷ with as many outputs: train "
            "the cell (Simulation ▸ Train), or open weights that have a head",
        )
    )


def weights_of_model_text(cell: Message) -> Text:
    """Why the shown cell of a model is not saved alone as a weights file."""
    return Text(
        QT_TRANSLATE_NOOP(
            "FileErrors",
            "this session shows {cell} of a whole model: its weights alone, opened again, "
            "would run as a forward cell on the model's input; the model file holds them all",
        ),
        cell=cell,
    )


def is_one_cell(model: Model) -> bool:
    """One forward cell, with no head or a read-out on every step: the classic session
    (its parameters and :class:`~lstm_sim.train.Readout`, no :class:`CellView`)."""
    return model.is_single_cell and (model.head is None or model.head.on == "every")


def replace_cell(model: Model, key: CellKey, params: LSTMParams) -> Model:
    """``model`` with the parameters of cell ``key`` replaced (same sizes)."""
    old = model.cell(*key)
    if (params.input_size, params.hidden_size) != (old.input_size, old.hidden_size):
        raise EngineError(
            f"{key.text()}: expected D = {old.input_size}, H = {old.hidden_size}; got "
            f"D = {params.input_size}, H = {params.hidden_size}"
        )
    layers = list(model.layers)
    layer = layers[key.layer]
    if key.reverse:
        layers[key.layer] = Layer(layer.forward, params, layer.keep_reversed)
    else:
        layers[key.layer] = Layer(params, layer.backward, layer.keep_reversed)
    return Model(layers, model.head, name=model.name)


@dataclass(frozen=True, eq=False)
class CellView:
    """A whole model run over the sequence, and the cell of it the session shows.

    Attributes
    ----------
    model : Model
    key : CellKey
        The cell shown (layer from 0; ``reverse``: the backward direction).
    run : ModelTrace
        The model's forward pass over the whole sequence.
    inputs : numpy.ndarray, shape (T, D_k)
        What the shown cell reads, in the order it reads it (row t − 1 at step t).
    """

    model: Model
    key: CellKey
    run: ModelTrace
    inputs: np.ndarray

    @classmethod
    def of(
        cls, model: Model, key: CellKey, X: np.ndarray, run: ModelTrace | None = None
    ) -> CellView:
        """Run ``model`` over ``X`` (T, D) (unless ``run`` is given) and show cell ``key``."""
        key = CellKey(int(key[0]), bool(key[1]))
        model.cell(*key)  # raises, naming the cells, when there is no such cell
        if run is None or run.model is not model or len(run) != len(X):
            run = model.run(X)
        layer_input = run.inputs if key.layer == 0 else run.layer_outputs[key.layer - 1]
        inputs = np.ascontiguousarray(layer_input[::-1] if key.reverse else layer_input)
        inputs.flags.writeable = False
        return cls(model, key, run, inputs)

    def select(self, key: CellKey) -> CellView:
        """The same run, another cell shown."""
        return CellView.of(self.model, key, self.run.inputs, self.run)

    def with_params(self, params: LSTMParams) -> CellView:
        """The shown cell's parameters replaced (the model runs again: the layers above and
        the head read this cell's output)."""
        model = replace_cell(self.model, self.key, params)
        return CellView.of(model, self.key, self.run.inputs)

    @property
    def trace(self) -> Trace:
        """The shown cell's trace in the model's run (rows in the order it computed them)."""
        return self.run.cell(*self.key).trace

    @property
    def params(self) -> LSTMParams:
        """The shown cell's parameters."""
        return self.model.cell(*self.key)

    @property
    def reverse(self) -> bool:
        """The shown cell reads time backwards (T … 1)."""
        return self.key.reverse

    def time_row(self, t: int) -> int:
        """The row of the sequence (0-based) the shown cell reads at its step t (1 … T)."""
        return len(self.inputs) - t if self.key.reverse else t - 1

    def in_step_order(self, arr: np.ndarray) -> np.ndarray:
        """Rows in time order → rows in the shown cell's step order (reversed for reverse)."""
        return arr[::-1] if self.key.reverse else arr

    @property
    def yhat(self) -> np.ndarray | None:
        """ŷ of the head for every time step (T, P), or None (no head, or one read-out row)."""
        y = self.run.yhat
        if y is None or self.model.head is None or self.model.head.on != "every":
            return None
        return y

    @property
    def final_yhat(self) -> np.ndarray | None:
        """ŷ of a head that reads once (the last row or the final states), shape (P,)."""
        y = self.run.yhat
        if y is None or self.model.head is None or self.model.head.on == "every":
            return None
        return y[0]
