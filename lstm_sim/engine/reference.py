"""The LSTM written plainly: one forward step and one BPTT step, each equation beside its line.

This is the engine's reference. :class:`~lstm_sim.engine.Trace` and
:func:`~lstm_sim.engine.bptt` compute the same numbers faster (the tests compare
them with these functions to 1e-12), :func:`~lstm_sim.engine.step` is
:func:`lstm_step_forward` with its arguments checked, and the app shows these
functions as code. Every quantity has its own name; nothing is fused or
reordered for speed.

Shapes: D inputs, H units. Parameters in PyTorch's ``nn.LSTMCell`` layout:
``weight_ih`` (4H, D), ``weight_hh`` (4H, H), ``bias_ih`` and ``bias_hh`` (4H,),
row blocks in the gate order i, f, g, o.

Forward, one step (x_t, h_{t-1}, C_{t-1} → h_t, C_t)::

    z   = weight_ih·x_t + bias_ih + weight_hh·h_{t-1} + bias_hh    blocks z_i, z_f, z_g, z_o
    i_t = σ(z_i)      f_t = σ(z_f)      g_t = tanh(z_g)      o_t = σ(z_o)
    C_t = f_t ⊙ C_{t-1} + i_t ⊙ g_t
    h_t = o_t ⊙ tanh(C_t)

Backward, one step. Step t receives ``dh`` = ∂L/∂h_t (the loss's own gradient
on h_t plus weight_hhᵀ·∂L/∂z_{t+1} from step t+1) and ``dc_carry`` (∂L/∂C_{t+1} ⊙ f_{t+1}
from step t+1, plus the loss's own gradient on C_t, if any)::

    ∂L/∂C_t   = dc_carry + dh ⊙ o_t ⊙ (1 − tanh²C_t)
    ∂L/∂z_i   = ∂L/∂C_t ⊙ g_t ⊙ i_t(1 − i_t)
    ∂L/∂z_f   = ∂L/∂C_t ⊙ C_{t-1} ⊙ f_t(1 − f_t)
    ∂L/∂z_g   = ∂L/∂C_t ⊙ i_t ⊙ (1 − g_t²)
    ∂L/∂z_o   = dh ⊙ tanh(C_t) ⊙ o_t(1 − o_t)
    ∂L/∂x_t   = weight_ihᵀ·∂L/∂z         ∂L/∂h_{t-1} (through z) = weight_hhᵀ·∂L/∂z
    ∂L/∂C_{t-1} (the carry) = ∂L/∂C_t ⊙ f_t
    ∂L/∂weight_ih += ∂L/∂z·x_tᵀ      ∂L/∂weight_hh += ∂L/∂z·h_{t-1}ᵀ
    ∂L/∂bias_ih   += ∂L/∂z           ∂L/∂bias_hh   += ∂L/∂z

A clamped gate ("what if f_t ≡ 1?") is a constant: it is used as it is in the
forward step and has no derivative, so its block of ∂L/∂z is zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .activations import dsigmoid, dtanh, sigmoid
from .gradients import Gradients

if TYPE_CHECKING:
    from .params import LSTMParams

__all__ = [
    "StepGradients",
    "StepResult",
    "lstm_bptt",
    "lstm_forward",
    "lstm_step_backward",
    "lstm_step_forward",
]


@dataclass(frozen=True)
class StepResult:
    """Every intermediate of one LSTM step (all float64).

    Attributes
    ----------
    x : (D,)      input x_t
    h_prev : (H,) h_{t-1}
    c_prev : (H,) C_{t-1}
    z : (4H,)     pre-activations W·[h_{t-1}, x_t] + b, blocks i, f, g, o
    i, f, g, o : (H,) gate values (g is the candidate C̃_t)
    c : (H,)      C_t = f ⊙ C_{t-1} + i ⊙ g
    tanh_c : (H,) tanh(C_t)
    h : (H,)      h_t = o ⊙ tanh(C_t)
    clamp : Mapping[str, float] or None
        The gates that were held at constants (their values are those constants).
    """

    x: np.ndarray
    h_prev: np.ndarray
    c_prev: np.ndarray
    z: np.ndarray
    i: np.ndarray
    f: np.ndarray
    g: np.ndarray
    o: np.ndarray
    c: np.ndarray
    tanh_c: np.ndarray
    h: np.ndarray
    clamp: Mapping[str, float] | None = None

    def z_gate(self, name: str) -> np.ndarray:
        """Pre-activation of one gate (``"i"``, ``"f"``, ``"g"`` or ``"o"``), shape (H,)."""
        k = "ifgo".index(name)
        hidden = self.h.shape[0]
        return self.z[k * hidden : (k + 1) * hidden]


@dataclass(frozen=True)
class StepGradients:
    """What one backward step computes (all float64).

    Attributes
    ----------
    dc : (H,)      ∂L/∂C_t, the total
    dz : (4H,)     ∂L/∂z, blocks i, f, g, o
    dx : (D,)      ∂L/∂x_t
    dh_prev : (H,) weight_hhᵀ·∂L/∂z, what step t passes to ∂L/∂h_{t-1}
    dc_prev : (H,) ∂L/∂C_t ⊙ f_t, what step t passes to ∂L/∂C_{t-1} (the carry)
    weight_ih : (4H, D), weight_hh : (4H, H), bias : (4H,)
        This step's share of the parameter gradients (``bias`` for either bias).
    """

    dc: np.ndarray
    dz: np.ndarray
    dx: np.ndarray
    dh_prev: np.ndarray
    dc_prev: np.ndarray
    weight_ih: np.ndarray
    weight_hh: np.ndarray
    bias: np.ndarray


def lstm_step_forward(
    params: LSTMParams,
    x: np.ndarray,
    h_prev: np.ndarray,
    c_prev: np.ndarray,
    clamp: Mapping[str, float] | None = None,
) -> StepResult:
    """One LSTM step, every quantity by name.

    Parameters
    ----------
    params : LSTMParams
    x : numpy.ndarray, shape (D,)
        x_t.
    h_prev, c_prev : numpy.ndarray, shape (H,)
        h_{t-1} and C_{t-1}.
    clamp : Mapping[str, float], optional
        Gates held at a constant, e.g. ``{"f": 1.0}`` (valid values: see
        :func:`~lstm_sim.engine.check_clamp`).

    Returns
    -------
    StepResult
    """
    z = params.weight_ih @ x + params.bias_ih + params.weight_hh @ h_prev + params.bias_hh
    z_i, z_f, z_g, z_o = np.split(z, 4)  # PyTorch's block order i, f, g, o

    i = sigmoid(z_i)  # i_t = σ(z_i)      input gate
    f = sigmoid(z_f)  # f_t = σ(z_f)      forget gate
    g = np.tanh(z_g)  # g_t = tanh(z_g)   candidate C̃_t
    o = sigmoid(z_o)  # o_t = σ(z_o)      output gate
    if clamp:
        i = np.full_like(i, clamp["i"]) if "i" in clamp else i
        f = np.full_like(f, clamp["f"]) if "f" in clamp else f
        g = np.full_like(g, clamp["g"]) if "g" in clamp else g
        o = np.full_like(o, clamp["o"]) if "o" in clamp else o

    c = f * c_prev + i * g  # C_t = f_t ⊙ C_{t-1} + i_t ⊙ g_t
    tanh_c = np.tanh(c)
    h = o * tanh_c  # h_t = o_t ⊙ tanh(C_t)
    return StepResult(x, h_prev, c_prev, z, i, f, g, o, c, tanh_c, h, clamp or None)


def lstm_step_backward(
    params: LSTMParams, s: StepResult, dh: np.ndarray, dc_carry: np.ndarray
) -> StepGradients:
    """One BPTT step: the gradients of step t, from what the loss and step t+1 send it.

    Parameters
    ----------
    params : LSTMParams
    s : StepResult
        The forward step t (:func:`lstm_step_forward`).
    dh : numpy.ndarray, shape (H,)
        ∂L/∂h_t: the loss's own gradient on h_t plus ``dh_prev`` of step t+1.
    dc_carry : numpy.ndarray, shape (H,)
        ∂L/∂C_{t+1} ⊙ f_{t+1} (``dc_prev`` of step t+1), plus the loss's own
        gradient on C_t if it has one.

    Returns
    -------
    StepGradients
    """
    dc = dc_carry + dh * s.o * dtanh(s.tanh_c)  # ∂L/∂C_t = carry + ∂L/∂h_t ⊙ o_t ⊙ (1 − tanh²C_t)

    d_o = dh * s.tanh_c  # ∂L/∂o_t = ∂L/∂h_t ⊙ tanh(C_t)
    d_i = dc * s.g  # ∂L/∂i_t = ∂L/∂C_t ⊙ g_t
    d_f = dc * s.c_prev  # ∂L/∂f_t = ∂L/∂C_t ⊙ C_{t-1}
    d_g = dc * s.i  # ∂L/∂g_t = ∂L/∂C_t ⊙ i_t

    dz_i = d_i * dsigmoid(s.i)  # ∂L/∂z_i = ∂L/∂i_t ⊙ i_t(1 − i_t)
    dz_f = d_f * dsigmoid(s.f)  # ∂L/∂z_f = ∂L/∂f_t ⊙ f_t(1 − f_t)
    dz_g = d_g * dtanh(s.g)  # ∂L/∂z_g = ∂L/∂g_t ⊙ (1 − g_t²)
    dz_o = d_o * dsigmoid(s.o)  # ∂L/∂z_o = ∂L/∂o_t ⊙ o_t(1 − o_t)
    if s.clamp:  # a clamped gate is a constant: no gradient reaches its z
        dz_i = np.zeros_like(dz_i) if "i" in s.clamp else dz_i
        dz_f = np.zeros_like(dz_f) if "f" in s.clamp else dz_f
        dz_g = np.zeros_like(dz_g) if "g" in s.clamp else dz_g
        dz_o = np.zeros_like(dz_o) if "o" in s.clamp else dz_o
    dz = np.concatenate([dz_i, dz_f, dz_g, dz_o])  # blocks i, f, g, o, like the weights' rows

    return StepGradients(
        dc=dc,
        dz=dz,
        dx=params.weight_ih.T @ dz,  # ∂L/∂x_t = weight_ihᵀ·∂L/∂z
        dh_prev=params.weight_hh.T @ dz,  # ∂L/∂h_{t-1} through z = weight_hhᵀ·∂L/∂z
        dc_prev=dc * s.f,  # ∂L/∂C_{t-1} through the carry = ∂L/∂C_t ⊙ f_t
        weight_ih=np.outer(dz, s.x),  # ∂L/∂z·x_tᵀ
        weight_hh=np.outer(dz, s.h_prev),  # ∂L/∂z·h_{t-1}ᵀ
        bias=dz,  # z = … + bias_ih + bias_hh: both get ∂L/∂z
    )


def lstm_forward(
    params: LSTMParams,
    X: np.ndarray,
    h0: np.ndarray,
    c0: np.ndarray,
    clamp: Mapping[str, float] | None = None,
) -> list[StepResult]:
    """:func:`lstm_step_forward` over a sequence X (T, D) from h0, c0: the T steps in order."""
    steps = []
    h, c = h0, c0
    for x in X:
        s = lstm_step_forward(params, x, h, c, clamp)
        steps.append(s)
        h, c = s.h, s.c
    return steps


def lstm_bptt(
    params: LSTMParams,
    steps: list[StepResult],
    dh_direct: np.ndarray,
    dc_direct: np.ndarray | None = None,
) -> Gradients:
    """:func:`lstm_step_backward` from the last step to the first.

    Parameters
    ----------
    params : LSTMParams
    steps : list of StepResult
        A run of n steps (:func:`lstm_forward`).
    dh_direct, dc_direct : numpy.ndarray, shape (n, H)
        The loss's own gradient on each h_t (and C_t); nothing comes from after
        the last step.

    Returns
    -------
    Gradients
        ``dh``, ``dc`` (n, H), ``dz`` (n, 4H), ``dh_in``, ``dc_in`` (what the
        first step passes back) and the parameter gradients, rows 0 … n-1.
    """
    n, hidden = len(steps), params.hidden_size
    if dc_direct is None:
        dc_direct = np.zeros((n, hidden))
    dh, dc, dz = np.zeros((n, hidden)), np.zeros((n, hidden)), np.zeros((n, 4 * hidden))
    weight_ih, weight_hh = np.zeros_like(params.weight_ih), np.zeros_like(params.weight_hh)
    bias = np.zeros_like(params.bias_ih)
    dh_later, dc_later = np.zeros(hidden), np.zeros(hidden)  # from after the last step: nothing
    for t in reversed(range(n)):
        dh[t] = dh_direct[t] + dh_later
        back = lstm_step_backward(params, steps[t], dh[t], dc_later + dc_direct[t])
        dc[t], dz[t] = back.dc, back.dz
        weight_ih += back.weight_ih
        weight_hh += back.weight_hh
        bias += back.bias
        dh_later, dc_later = back.dh_prev, back.dc_prev
    return Gradients(
        start=0,
        stop=n,
        dh=dh,
        dc=dc,
        dz=dz,
        dh_in=dh_later,
        dc_in=dc_later,
        weight_ih=weight_ih,
        weight_hh=weight_hh,
        bias_ih=bias,
        bias_hh=bias.copy(),
    )
