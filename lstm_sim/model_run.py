"""Run a whole model over a sequence, with a loss and BPTT, and pick one cell to show (no Qt).

The command line's ``run`` uses :func:`run_model_for_cli`; the app (a later
phase) uses the same engine objects: :class:`~lstm_sim.engine.ModelTrace`
(``mt.cell(layer, reverse)``) and :class:`~lstm_sim.engine.ModelGradients`
(``grads.cell(layer, reverse)``).

Losses:

- ``final``: L = Σ_j of the top layer's output at the last row (the last h_T
  for one cell, both halves for a bidirectional top layer);
- ``mse``: L = Σ (ŷ − y)² (:func:`~lstm_sim.engine.model_squared_error`).

A single cell without a head, or with a head on every step, keeps the
classic path (:func:`~lstm_sim.engine.run`, :func:`~lstm_sim.engine.bptt`
with its window), so its numbers are what they always were.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .engine import (
    EngineError,
    Model,
    bptt,
    model_bptt,
    model_squared_error,
    output_loss,
    run,
    squared_error_loss,
    window_bounds,
)
from .engine.model import CellKey
from .sequence import Sequence

__all__ = ["ModelRun", "run_model_for_cli"]


@dataclass
class ModelRun:
    """One cell's view of a model run.

    Attributes
    ----------
    rows : Trace or CellRows
        The chosen cell's values, one row per index of its layer's input.
    grad_c, grad_h : numpy.ndarray, shape (T,)
        ‖∂L/∂C‖, ‖∂L/∂h‖ of the chosen cell on the same rows (0 outside a window).
    yhat : numpy.ndarray or None
        The model's ŷ ((T, P), or (1, P) for a head on the last step / final states).
    loss : float
    length : int
    describe : str
        What was run and shown, for the summary line ("" for one cell).
    """

    rows: Any
    grad_c: np.ndarray
    grad_h: np.ndarray
    yhat: np.ndarray | None
    loss: float
    length: int
    describe: str


def _no_targets() -> EngineError:
    return EngineError(
        "--loss mse needs targets, and the sequence has none (choose them with --targets)"
    )


def _single(model: Model, seq: Sequence, loss: str, window: int | None) -> ModelRun:
    params = model.cell(0, False)
    head = model.head
    readout = None if head is None else (head.weight, head.bias)
    trace = run(params, seq.inputs)
    length = len(trace)
    rows = window_bounds(length, length, window)
    if loss == "final":
        value, dh = output_loss(trace, length - 1, start=rows.start)
    else:
        if seq.targets is None:
            raise _no_targets()
        value, dh = squared_error_loss(trace, seq.targets, readout=readout, start=rows.start)
    grads = bptt(params, trace, dh, stop=length, window=window, param_grads=False)
    grad_c, grad_h = np.zeros(length), np.zeros(length)
    grad_c[rows.start : rows.stop] = grads.dc_norm()
    grad_h[rows.start : rows.stop] = grads.dh_norm()
    yhat = None if readout is None else trace.h @ readout[0].T + readout[1]
    return ModelRun(trace, grad_c, grad_h, yhat, value, length, "")


def _describe(model: Model, key: CellKey, backwards: bool) -> str:
    layers = ", ".join(
        f"{'bidirectional' if la.bidirectional else 'reverse' if la.forward is None else 'forward'}"
        f" H = {next(la.cells())[1].hidden_size}"
        for la in model.layers
    )
    head = ""
    if model.head is not None:
        head = f"; head P = {model.head.output_size} on {model.head.on}"
    cell = f"layer {key.layer}{' reverse' if key.reverse else ''}"
    extra = f" (x_* are layer {key.layer - 1}'s outputs)" if key.layer else ""
    if backwards:
        extra += " (rows in time order; this cell runs from t = T down to 1)"
    return f"model: {len(model.layers)} layer(s) [{layers}]{head}; trace.csv shows {cell}{extra}"


def run_model_for_cli(
    model: Model, key: Any, seq: Sequence, loss: str, window: int | None
) -> ModelRun:
    """Run ``model`` over ``seq``, backpropagate ``loss`` ("final" or "mse"), show cell ``key``.

    Raises
    ------
    EngineError
        Bad inputs, no targets for ``mse``, or a window on a model of several cells.
    """
    key = CellKey(int(key[0]), bool(key[1]))
    model.cell(*key)
    if key == (0, False) and model.is_single_cell:
        if model.head is None or model.head.on == "every":
            return _single(model, seq, loss, window)
    if window is not None:
        raise EngineError(
            f"--window: a BPTT window works on a single cell; this model has "
            f"{len(model.cell_keys())} cells (leave --window out to backpropagate fully)"
        )
    mt = model.run(seq.inputs)
    length = len(mt)
    if loss == "final":
        top = mt.layer_outputs[-1]
        value = float(top[-1].sum())
        layer = model.layers[-1]
        dh = {}
        for reverse, params in layer.cells():
            d = np.zeros((length, params.hidden_size))
            # The top output's last row is the forward cell's last step, and a backward
            # cell's first step (its output is put back in time order), unless Keras'
            # go_backwards keeps it in the order computed.
            d[0 if reverse and not layer.keep_reversed else -1] = 1.0
            dh[CellKey(len(model.layers) - 1, reverse)] = d
        grads = model_bptt(mt, None, dh=dh, param_grads=False)
    else:
        if seq.targets is None:
            raise _no_targets()
        value, dy = model_squared_error(mt, seq.targets)
        grads = model_bptt(mt, dy, param_grads=False)
    chosen = mt.cell(*key)
    g = grads.cell(*key)
    flip = slice(None, None, -1) if chosen.reads_backwards else slice(None)
    return ModelRun(
        chosen.rows(),
        g.dc_norm()[flip],
        g.dh_norm()[flip],
        mt.yhat,
        value,
        length,
        _describe(model, key, chosen.reads_backwards),
    )
