"""What a backward pass is made of, step by step and unit by unit (for the app's explanations).

:func:`~lstm_sim.engine.bptt` returns totals: ∂L/∂h_k, ∂L/∂C_k, ∂L/∂z_k and the
parameter gradients summed over the window. A learner also wants the parts:

    ∂L/∂C_k = ∂L/∂C_{k+1} ⊙ f_{k+1}            carried: the direct path (the carousel)
            + ∂L/∂h_k ⊙ o_k ⊙ (1 − tanh²C_k)    through h_k (which itself came back
                                                 through the gates of later steps)
            + dc_k                               the loss's own gradient on C_k, if any

(:func:`split_cell_gradient`); what the direct path alone would carry back from
the loss's step (:func:`direct_path_gradient`), to set beside the total; the
numbers of one row for a backward-pass view (:func:`backward_step`, which is
:func:`~lstm_sim.engine.reference.lstm_step_backward` fed with what :func:`bptt`
says reaches the row: one implementation of a backward step); and the
usual gradient clipping of training, which rescales the whole parameter
gradient once (:func:`clip_grad_norm`), to set beside the per-step clipping of
:func:`~lstm_sim.engine.bptt_rnn`.

Everything here is computed from the public results of :func:`run` and
:func:`bptt` (no second backward pass). Rows are 0-based as in
:class:`~lstm_sim.engine.Trace`: row k is step t = k + 1.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from .backward import Gradients
from .carry import carry_product
from .errors import EngineError
from .lstm import Trace
from .params import LSTMParams
from .reference import lstm_step_backward

__all__ = [
    "BackwardStep",
    "CellGradientSplit",
    "backward_step",
    "clip_grad_norm",
    "direct_path_gradient",
    "split_cell_gradient",
]


@dataclass(frozen=True, eq=False)
class CellGradientSplit:
    """The parts of ∂L/∂C_k over a BPTT window (rows ``start … stop-1``, n rows).

    Attributes
    ----------
    start, stop : int
        The window of the :class:`~lstm_sim.engine.Gradients` it was made from.
    carried : numpy.ndarray, shape (n, H)
        ∂L/∂C_{k+1} ⊙ f_{k+1}: what reaches C_k along the direct path from C_{k+1}
        (zero on the window's last row: nothing flows back from after it).
    through_h : numpy.ndarray, shape (n, H)
        ∂L/∂h_k ⊙ ∂h_k/∂C_k = ∂L/∂h_k ⊙ o_k ⊙ (1 − tanh²C_k): what enters C_k from
        h_k, i.e. from the loss on h_k and from every later step's gates.
    loss : numpy.ndarray, shape (n, H)
        The loss's own gradient on C_k (the ``dc`` given to :func:`bptt`; zeros
        when there was none).
    total : numpy.ndarray, shape (n, H)
        ∂L/∂C_k as :func:`bptt` computed it; equals ``carried + through_h + loss``
        to rounding.
    """

    start: int
    stop: int
    carried: np.ndarray
    through_h: np.ndarray
    loss: np.ndarray
    total: np.ndarray


def _check(trace: Trace, grads: Gradients) -> None:
    if not isinstance(trace, Trace):
        raise EngineError(f"trace: expected an LSTM Trace, got {type(trace).__name__}")
    if not isinstance(grads, Gradients):
        raise EngineError(f"grads: expected the Gradients of bptt, got {type(grads).__name__}")
    hidden = trace.params.hidden_size
    if grads.dc.shape[1] != hidden or not 0 <= grads.start < grads.stop <= len(trace):
        raise EngineError(
            f"grads: rows {grads.start} … {grads.stop - 1} of {grads.dc.shape[1]} units do not "
            f"fit this trace ({len(trace)} rows of {hidden} units)"
        )


def split_cell_gradient(trace: Trace, grads: Gradients, dc: Any = None) -> CellGradientSplit:
    """Split each ∂L/∂C_k of ``grads`` into its direct-path, h-path and loss parts.

    Parameters
    ----------
    trace : Trace
        The forward pass ``grads`` was computed on.
    grads : Gradients
        The result of :func:`~lstm_sim.engine.bptt` (any window).
    dc : array_like, shape (T, H) or (n, H), optional
        The direct loss gradient on C that was given to :func:`bptt` (none by
        default, as for a loss on h alone).

    Returns
    -------
    CellGradientSplit
        ``carried[k] + through_h[k] + loss[k] == total[k]`` (to rounding) for
        every row of the window and every unit.
    """
    _check(trace, grads)
    start, stop = grads.start, grads.stop
    n, hidden = stop - start, grads.dc.shape[1]
    if dc is None:
        loss = np.zeros((n, hidden))
    else:
        loss = np.asarray(dc, dtype=np.float64)
        if loss.shape == (len(trace), hidden):
            loss = loss[start:stop]
        elif loss.shape != (n, hidden):
            raise EngineError(
                f"dc: expected shape ({len(trace)}, {hidden}) or ({n}, {hidden}), got {loss.shape}"
            )
        loss = np.array(loss)
    carried = np.zeros((n, hidden))
    carried[:-1] = grads.dc[1:] * trace.f[start + 1 : stop]
    tanh_c = trace.tanh_c[start:stop]
    through_h = grads.dh * trace.o[start:stop] * (1.0 - tanh_c * tanh_c)
    return CellGradientSplit(start, stop, carried, through_h, loss, np.array(grads.dc))


def direct_path_gradient(trace: Trace, grads: Gradients, window: int | None = None) -> np.ndarray:
    """What the direct path alone carries back from the window's last row.

    For a loss on one step (the app's gradient panel: the last row of the
    window), the gradient that would reach C_k if it went back along
    C_{stop-1} → C_{stop-2} → … → C_k only, multiplied by the forget gates and
    nothing else:

        ∂L/∂C_{stop-1} ⊙ f_{stop-1} ⊙ … ⊙ f_{k+1}

    (the total ∂L/∂C_{stop-1} of the last row, carried back by
    :func:`~lstm_sim.engine.carry_product`). Set its row norms beside
    ``grads.dc_norm()``: the difference is what flows back through h and the
    gates.

    Parameters
    ----------
    trace : Trace
    grads : Gradients
        From :func:`bptt` for a loss on the window's last row; only its last
        ∂L/∂C is used.
    window : int, optional
        How many rows back to carry it (default: the window of ``grads``); e.g.
        the gradient panel's window, from the ``grads`` of its last row alone.

    Returns
    -------
    numpy.ndarray, shape (n, H)
        Row n − 1 equals ``grads.dc[-1]``.
    """
    _check(trace, grads)
    rows = grads.stop - grads.start if window is None else int(window)
    product = carry_product(trace, grads.stop, window=rows)
    return grads.dc[-1] * product


@dataclass(frozen=True, eq=False)
class BackwardStep:
    """The numbers of one row k of a backward pass (PyTorch gate order i, f, g, o).

    Attributes
    ----------
    k : int
        The row (step t = k + 1).
    dh : numpy.ndarray, shape (H,)
        Total ∂L/∂h_k.
    dh_later : numpy.ndarray, shape (H,)
        W_hhᵀ·∂L/∂z_{k+1}: the part of ∂L/∂h_k that comes back from step k + 1
        through its four gates (zero on the window's last row); the rest,
        ``dh - dh_later``, is the loss's own gradient on h_k.
    dc, dc_carried, dc_through_h, dc_loss : numpy.ndarray, shape (H,)
        Total ∂L/∂C_k and its three parts (see :class:`CellGradientSplit`).
    dz : dict of str to numpy.ndarray, shape (H,)
        ∂L/∂z of each gate's pre-activation, keys ``"i"``, ``"f"``, ``"g"``, ``"o"``.
    weight_ih : numpy.ndarray, shape (4H, D)
        This row's contribution ∂L/∂z_k · x_kᵀ to ∂L/∂weight_ih.
    weight_hh : numpy.ndarray, shape (4H, H)
        This row's contribution ∂L/∂z_k · h_{k-1}ᵀ to ∂L/∂weight_hh.
    bias : numpy.ndarray, shape (4H,)
        This row's contribution ∂L/∂z_k to ∂L/∂bias_ih (and to ∂L/∂bias_hh).
        Summed over the window's rows, the three give the parameter gradients of
        :func:`bptt`.
    """

    k: int
    dh: np.ndarray
    dh_later: np.ndarray
    dc: np.ndarray
    dc_carried: np.ndarray
    dc_through_h: np.ndarray
    dc_loss: np.ndarray
    dz: dict[str, np.ndarray]
    weight_ih: np.ndarray
    weight_hh: np.ndarray
    bias: np.ndarray


def backward_step(
    params: LSTMParams, trace: Trace, grads: Gradients, k: int, dc: Any = None
) -> BackwardStep:
    """The backward pass's numbers at row ``k`` (``grads.start ≤ k < grads.stop``).

    Parameters
    ----------
    params : LSTMParams
        The parameters of ``trace``.
    trace : Trace
    grads : Gradients
        From :func:`~lstm_sim.engine.bptt` on ``trace``.
    k : int
        A row of the window.
    dc : array_like, optional
        The direct loss gradient on C given to :func:`bptt`, if any (see
        :func:`split_cell_gradient`).

    Returns
    -------
    BackwardStep
    """
    _check(trace, grads)
    if trace.params is not params and trace.params != params:
        raise EngineError("params: these are not the parameters that produced the trace")
    if not grads.start <= k < grads.stop:
        raise EngineError(
            f"k: expected a row of the window, {grads.start} ≤ k < {grads.stop}, got {k}"
        )
    r = k - grads.start
    hidden = params.hidden_size
    split = split_cell_gradient(trace, grads, dc)
    # One implementation of a backward step: the reference's, fed with what bptt
    # says reaches row k (∂L/∂h_k, and ∂L/∂C_{k+1} ⊙ f_{k+1} plus the loss's own dc_k).
    back = lstm_step_backward(
        params, trace.step_result(k), grads.dh[r], split.carried[r] + split.loss[r]
    )
    dz = grads.dz  # (n, 4H), blocks i, f, g, o
    dh_later = params.weight_hh.T @ dz[r + 1] if k + 1 < grads.stop else np.zeros(hidden)
    return BackwardStep(
        k=k,
        dh=np.array(grads.dh[r]),
        dh_later=dh_later,
        dc=back.dc,
        dc_carried=split.carried[r],
        dc_through_h=split.through_h[r],
        dc_loss=split.loss[r],
        dz={name: back.dz[b * hidden : (b + 1) * hidden] for b, name in enumerate("ifgo")},
        weight_ih=back.weight_ih,
        weight_hh=back.weight_hh,
        bias=back.bias,
    )


def clip_grad_norm(
    grads: Mapping[str, Any], max_norm: float
) -> tuple[dict[str, np.ndarray], float]:
    """Clip a whole parameter gradient by its total norm, as ``torch.nn.utils.clip_grad_norm_``.

    The usual clipping of training: one scale for every array together, after
    the backward pass, so the gradient keeps its direction,

        total = ‖(all arrays, flattened)‖₂
        grads ← grads · min(1, max_norm / (total + 10⁻⁶))

    whereas the per-step clipping of :func:`~lstm_sim.engine.bptt_rnn` rescales
    ∂L/∂h_k during the backward pass, at every step where it is too large
    (which changes the direction of the parameter gradient).

    Parameters
    ----------
    grads : mapping of str to array_like
        Parameter gradients (e.g. ``Gradients.to_state_dict()``).
    max_norm : float
        The threshold (> 0).

    Returns
    -------
    clipped : dict of str to numpy.ndarray
        New arrays, same keys and shapes.
    total : float
        The total norm before clipping (what ``clip_grad_norm_`` returns).
    """
    max_norm = float(max_norm)
    if not (np.isfinite(max_norm) and max_norm > 0.0):
        raise EngineError(f"max_norm: expected a finite threshold > 0, got {max_norm}")
    arrays = {name: np.asarray(g, dtype=np.float64) for name, g in grads.items()}
    total = float(np.sqrt(sum(float(np.sum(a * a)) for a in arrays.values())))
    scale = min(1.0, max_norm / (total + 1e-6))
    return {name: a * scale for name, a in arrays.items()}, total
