"""Backpropagation through a whole :class:`~lstm_sim.engine.model.Model`.

From the top down, for a loss L on the model's output ŷ (or on any cell's h):

    ∂L/∂X^L      = W_yᵀ · ∂L/∂ŷ            on the rows the head read
    per cell of layer k (its rows in the order it computed them):
      ∂L/∂h (direct) = its columns of ∂L/∂X^{k+1} (reversed for a backward cell)
      Gradients      = bptt(cell, trace, ∂L/∂h)           ∂L/∂h_t, ∂L/∂C_t of every step
      ∂L/∂x_t        = weight_ihᵀ · ∂L/∂z_t               (z: the four pre-activations)
    ∂L/∂X^k      = the sum over the layer's cells of ∂L/∂x (in time order)

Every cell's :class:`~lstm_sim.engine.Gradients` comes from
:func:`~lstm_sim.engine.bptt` itself; this module only routes the gradients
between the cells.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .backward import Gradients, bptt
from .errors import EngineError
from .model import CellKey, ModelTrace

__all__ = ["ModelGradients", "model_bptt", "model_output_loss", "model_squared_error"]


@dataclass(frozen=True, eq=False)
class ModelGradients:
    """What :func:`model_bptt` gives.

    Attributes
    ----------
    cells : dict[CellKey, Gradients]
        Per cell, over all its rows (in the order of its trace): ``dh``, ``dc``
        (∂L/∂h_t, ∂L/∂C_t), ``dz`` and, with ``param_grads``, its parameter
        gradients.
    inputs : numpy.ndarray, shape (T, D)
        ∂L/∂X.
    layer_outputs : list of numpy.ndarray, shape (T, W_k)
        ∂L/∂(layer k's output), direct and through the layers above.
    head_weight, head_bias : numpy.ndarray or None
        ∂L/∂W_y, ∂L/∂b_y (None without a head or without ``param_grads``).
    """

    cells: dict[CellKey, Gradients]
    inputs: np.ndarray
    layer_outputs: list[np.ndarray]
    head_weight: np.ndarray | None = None
    head_bias: np.ndarray | None = None

    def cell(self, layer: int, reverse: bool = False) -> Gradients:
        """One cell's gradients."""
        key = CellKey(int(layer), bool(reverse))
        if key not in self.cells:
            raise EngineError(f"no layer {layer}{' reverse' if reverse else ''} in this model")
        return self.cells[key]

    def to_state_dict(self, prefix: str = "lstm.", head: str = "head.") -> dict[str, np.ndarray]:
        """Parameter gradients under PyTorch ``nn.LSTM`` / ``nn.Linear`` names."""
        out: dict[str, np.ndarray] = {}
        for key, g in self.cells.items():
            suffix = f"_l{key.layer}" + ("_reverse" if key.reverse else "")
            for name, value in g.to_state_dict().items():
                out[f"{prefix}{name}{suffix}"] = value
        if self.head_weight is not None:
            out[f"{head}weight"] = self.head_weight
            out[f"{head}bias"] = self.head_bias  # type: ignore[assignment]
        return out


def _dy_shape(mt: ModelTrace) -> tuple[int, int]:
    rows, width = mt.output().shape
    return rows, width


def model_bptt(
    mt: ModelTrace,
    dy: Any = None,
    *,
    dh: Mapping[Any, Any] | None = None,
    param_grads: bool = True,
) -> ModelGradients:
    """Backpropagate through every layer and direction of a model run.

    Parameters
    ----------
    mt : ModelTrace
    dy : array_like, optional
        ∂L/∂(the model's output): the shape of :meth:`ModelTrace.output`
        ((T, P) for a head on every step, (1, P) for "last"/"final", (T, W)
        without a head).
    dh : mapping CellKey → array_like (T, H), optional
        A direct ∂L/∂h on some cells (a loss on any layer's h), rows in the
        order of that cell's trace.
    param_grads : bool
        Also the parameter gradients of every cell and of the head.

    Returns
    -------
    ModelGradients
    """
    model = mt.model
    steps = len(mt)
    dh = {CellKey(*k): np.asarray(v, dtype=np.float64) for k, v in (dh or {}).items()}
    for key in dh:
        model.cell(*key)  # raises for a cell the model does not have
    top = len(model.layers) - 1
    d_out = np.zeros((steps, model.layers[-1].output_size))
    head_w = head_b = None
    final_dh: dict[CellKey, np.ndarray] = {}
    if dy is not None:
        dy = np.asarray(dy, dtype=np.float64)
        if dy.shape != _dy_shape(mt):
            raise EngineError(f"dy: expected shape {_dy_shape(mt)}, got {dy.shape}")
        if not np.isfinite(dy).all():
            raise EngineError("dy: non-finite value")
        head = model.head
        if head is None:
            d_out += dy
        else:
            dx = dy @ head.weight
            if head.on == "every":
                d_out += dx
            elif head.on == "last":
                d_out[-1] += dx[0]
            else:  # final states: each top cell's last computed h
                col = 0
                for key in (k for k in mt.cells if k.layer == top):
                    width = mt.cells[key].params.hidden_size
                    final_dh[key] = dx[0, col : col + width]
                    col += width
            if param_grads:
                head_w = dy.T @ mt.head_input
                head_b = dy.sum(axis=0)
    grads: dict[CellKey, Gradients] = {}
    outputs: list[np.ndarray] = [np.empty(0)] * len(model.layers)
    for k in range(top, -1, -1):
        layer = model.layers[k]
        outputs[k] = d_out
        d_in = np.zeros((steps, layer.input_size))
        col = 0
        for reverse, params in layer.cells():
            key = CellKey(k, reverse)
            run_ = mt.cells[key]
            hidden = params.hidden_size
            part = d_out[:, col : col + hidden]
            col += hidden
            flip = reverse and not layer.keep_reversed
            direct = np.array(part[::-1] if flip else part)
            if key in dh:
                if dh[key].shape != direct.shape:
                    raise EngineError(f"dh {tuple(key)}: expected shape {direct.shape}")
                direct += dh[key]
            if key in final_dh:
                direct[-1] += final_dh[key]
            g = bptt(params, run_.trace, direct, param_grads=param_grads)
            grads[key] = g
            dx = g.dz @ params.weight_ih  # ∂L/∂x_t = weight_ihᵀ·∂L/∂z_t, rows as the trace's
            d_in += dx[::-1] if reverse else dx
        d_out = d_in
    return ModelGradients(
        cells=dict(sorted(grads.items())),
        inputs=d_out,
        layer_outputs=outputs,
        head_weight=head_w,
        head_bias=head_b,
    )


def model_output_loss(mt: ModelTrace) -> tuple[float, np.ndarray]:
    """L = the sum of the model's last output row (ŷ, or the top layer's output).

    Returns ``(L, dy)`` with dy shaped like :meth:`ModelTrace.output`.
    """
    out = mt.output()
    dy = np.zeros(out.shape)
    dy[-1] = 1.0
    return float(out[-1].sum()), dy


def model_squared_error(mt: ModelTrace, targets: Any) -> tuple[float, np.ndarray]:
    """L = Σ (ŷ − y)² over the rows the model outputs.

    Parameters
    ----------
    mt : ModelTrace
    targets : array_like, shape (T, P) (or (T,) when P = 1)
        With a head on every step, row t is compared with ŷ_t; with a head on
        the last row or the final states, only the last row of the targets
        counts. Without a head, ŷ_t is the first P values of the top layer's
        output (P ≤ its width).

    Returns
    -------
    L : float
    dy : numpy.ndarray
        ∂L/∂(the model's output), shaped like :meth:`ModelTrace.output`.
    """
    y = np.asarray(targets, dtype=np.float64)
    if y.ndim == 1:
        y = y[:, None]
    steps = len(mt)
    if y.ndim != 2 or y.shape[0] != steps:
        raise EngineError(f"targets: expected shape ({steps}, P), got {np.shape(targets)}")
    out = mt.output()
    if out.shape[0] == 1 and steps > 1:
        y = y[-1:]
    if not np.isfinite(y).all():
        raise EngineError("targets: non-finite value")
    p = y.shape[1]
    if mt.model.head is not None and p != out.shape[1]:
        raise EngineError(
            f"targets: {p} target column(s), but the model's head gives {out.shape[1]}"
        )
    if p > out.shape[1]:
        raise EngineError(f"targets: {p} target columns but the model gives only {out.shape[1]}")
    err = out[:, :p] - y
    dy = np.zeros(out.shape)
    dy[:, :p] = 2.0 * err
    return float(np.sum(err * err)), dy
