"""Edits of the cell's parameters as undoable commands (Qt-free).

The weight editor shows the numbers; what an edit means — which entry of
``weight_ih`` / ``weight_hh`` / the biases a number is, how a bias edit splits
between ``bias_ih`` and ``bias_hh``, what a preset draws — lives here, and an
edit is a :class:`ParamsEdit` that the GUI's undo stack applies and reverts.

Each gate's parameters are the notes' ``W_g·[h_{t-1}, x_t] + b_g``:

- the **input part** of ``W_g`` — rows of ``weight_ih``, H × D, entry (j, d)
  weights input x_t[d] into unit j;
- the **recurrent part** — rows of ``weight_hh``, H × H, entry (j, k) weights
  h_{t-1}[k] into unit j;
- the **bias** ``b_g = bias_ih + bias_hh``. Editing it changes ``bias_ih`` and
  keeps ``bias_hh`` (PyTorch's second bias), so ``b_g`` becomes exactly the
  number typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..engine import GATES, LSTMParams

if TYPE_CHECKING:
    from .model import Session

__all__ = [
    "INIT_SCHEMES",
    "PARTS",
    "Entry",
    "ParamsEdit",
    "entry_value",
    "preset_edit",
    "reinit_input_weights",
    "weight_edit",
    "with_entry",
]

#: The three parts of one gate's parameters.
PARTS: tuple[str, ...] = ("input", "recurrent", "bias")
#: Initialisation schemes of :meth:`LSTMParams.random`, in the order the editor offers them.
INIT_SCHEMES: tuple[str, ...] = ("uniform", "xavier", "orthogonal")


@dataclass(frozen=True)
class Entry:
    """One editable number of one gate.

    Attributes
    ----------
    gate : {"i", "f", "g", "o"}
    part : {"input", "recurrent", "bias"}
    row : int
        The unit j (0 … H-1) whose gate the number feeds.
    col : int
        Input d (0 … D-1) for ``"input"``, unit k (0 … H-1) of h_{t-1} for
        ``"recurrent"``, 0 for ``"bias"``.
    """

    gate: str
    part: str
    row: int
    col: int = 0

    def param_row(self, hidden: int) -> int:
        """Row of ``weight_ih`` / ``weight_hh`` / ``bias_ih`` (PyTorch block order i, f, g, o)."""
        return GATES.index(self.gate) * hidden + self.row


def entry_value(params: LSTMParams, entry: Entry) -> float:
    """The number ``entry`` stands for (the bias as ``bias_ih + bias_hh``)."""
    r = entry.param_row(params.hidden_size)
    if entry.part == "input":
        return float(params.weight_ih[r, entry.col])
    if entry.part == "recurrent":
        return float(params.weight_hh[r, entry.col])
    return float(params.bias_ih[r] + params.bias_hh[r])


def with_entry(params: LSTMParams, entry: Entry, value: float) -> LSTMParams:
    """A copy of ``params`` with the number ``entry`` set to ``value``.

    A bias edit sets ``bias_ih`` to ``value − bias_hh`` (``bias_hh`` stays), so
    that the combined bias ``b`` becomes ``value``.
    """
    r = entry.param_row(params.hidden_size)
    value = float(value)
    if entry.part == "input":
        w = np.array(params.weight_ih)
        w[r, entry.col] = value
        return params.with_arrays(weight_ih=w)
    if entry.part == "recurrent":
        w = np.array(params.weight_hh)
        w[r, entry.col] = value
        return params.with_arrays(weight_hh=w)
    b = np.array(params.bias_ih)
    b[r] = value - params.bias_hh[r]
    return params.with_arrays(bias_ih=b)


def reinit_input_weights(params: LSTMParams, input_size: int, *, seed: int = 0) -> LSTMParams:
    """``params`` with ``weight_ih`` drawn afresh for ``input_size`` inputs (H and the rest kept).

    The new W_ih (4H × D) is :meth:`LSTMParams.random`'s (PyTorch's uniform
    initialisation, seed ``seed``); W_hh and both biases are unchanged. (A
    sequence with another input size D is opened this way.)
    """
    fresh = LSTMParams.random(int(input_size), params.hidden_size, seed=seed)
    return LSTMParams(
        weight_ih=fresh.weight_ih,
        weight_hh=params.weight_hh,
        bias_ih=params.bias_ih,
        bias_hh=params.bias_hh,
    )


@dataclass(frozen=True)
class ParamsEdit:
    """One undoable change of the parameters: :meth:`apply` sets ``new``, :meth:`revert` ``old``.

    Attributes
    ----------
    old, new : LSTMParams

    When the session's sequence has since changed to another input size, the
    parameters no longer fit it: :meth:`apply` and :meth:`revert` then change
    nothing and return False (the undo stack drops the edit).
    """

    old: LSTMParams
    new: LSTMParams

    def fits(self, session: Session) -> bool:
        """Whether the edit's parameters still fit the session's sequence (or, when the
        session shows a cell of a whole model, whether that cell is the one edited: its
        parameters are the edit's old or new ones — another cell is never overwritten)."""
        if session.model is not None:
            return session.params == self.new or session.params == self.old
        return self.new.input_size == session.sequence.input_size

    def apply(self, session: Session) -> bool:
        """Set ``new`` on ``session`` (re-runs the cell up to the cursor); False if obsolete."""
        if not self.fits(session):
            return False
        session.set_params(self.new)
        return True

    def revert(self, session: Session) -> bool:
        """Set ``old`` back; False if obsolete."""
        if not self.fits(session):
            return False
        session.set_params(self.old)
        return True


def weight_edit(session: Session, entry: Entry, value: float) -> ParamsEdit | None:
    """The edit that sets one number of the session's parameters (None: unchanged)."""
    old = session.params
    new = with_entry(old, entry, value)
    return None if new == old else ParamsEdit(old, new)


def preset_edit(session: Session, scheme: str, seed: int, forget_bias: float) -> ParamsEdit | None:
    """The edit that replaces every parameter by :meth:`LSTMParams.random` (None: unchanged).

    ``scheme`` is one of :data:`INIT_SCHEMES`; the sizes stay the session's.
    """
    old = session.params
    new = LSTMParams.random(
        old.input_size, old.hidden_size, seed=seed, forget_bias=forget_bias, init=scheme
    )
    return None if new == old else ParamsEdit(old, new)
