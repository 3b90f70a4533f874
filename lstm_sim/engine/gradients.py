"""What backpropagation through time returns, and the helpers both cells' BPTT share.

Rows are 0-based as in the traces: row k is step t = k + 1. A BPTT call walks
back over a *window* of rows ``start … stop-1`` (:func:`window_bounds`); what
would flow on to row ``start - 1`` is returned (``dh_in``, and ``dc_in`` for the
LSTM) and not followed further.

The parameter gradients are sums over the window, the same for every cell
whose pre-activation is z_k = weight_ih·x_k + bias_ih + weight_hh·h_{k-1} + bias_hh::

    ∂L/∂weight_ih = Σ_k ∂L/∂z_k · x_kᵀ        ∂L/∂weight_hh = Σ_k ∂L/∂z_k · h_{k-1}ᵀ
    ∂L/∂bias_ih   = ∂L/∂bias_hh = Σ_k ∂L/∂z_k
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from .errors import EngineError
from .params import GATES

__all__ = ["CellGradients", "Gradients", "parameter_gradients", "window_bounds"]


@dataclass(frozen=True, eq=False, kw_only=True)
class CellGradients:
    """What BPTT over rows ``start … stop-1`` gives for any cell (n = stop − start).

    Attributes
    ----------
    start, stop : int
        The window, as row indices (row k is step t = k + 1).
    dh : numpy.ndarray, shape (n, H)
        Total ∂L/∂h_k (direct plus through later steps).
    dz : numpy.ndarray, shape (n, 4H) for the LSTM, (n, H) for the RNN
        ∂L/∂z_k, the gradient of the pre-activations; the LSTM's in row blocks
        i, f, g, o, like the rows of its weights.
    dh_in : numpy.ndarray, shape (H,)
        weight_hhᵀ·∂L/∂z_start: what the window passes to h_{start-1}
        (∂L/∂h_0 when start = 0).
    weight_ih, weight_hh, bias_ih, bias_hh : numpy.ndarray or None
        Parameter gradients with PyTorch names and shapes, summed over the
        window; None when computed with ``param_grads=False``.
    """

    #: The function that makes these (for messages).
    made_by: ClassVar[str] = "bptt"

    start: int
    stop: int
    dh: np.ndarray
    dz: np.ndarray
    dh_in: np.ndarray
    weight_ih: np.ndarray | None = None
    weight_hh: np.ndarray | None = None
    bias_ih: np.ndarray | None = None
    bias_hh: np.ndarray | None = None

    def dh_norm(self) -> np.ndarray:
        """‖∂L/∂h_k‖₂ per row of the window, shape (n,)."""
        return np.sqrt(np.einsum("ij,ij->i", self.dh, self.dh))

    def to_state_dict(self) -> dict[str, np.ndarray]:
        """Parameter gradients under PyTorch's cell names (``weight_ih`` …)."""
        if (
            self.weight_ih is None
            or self.weight_hh is None
            or self.bias_ih is None
            or self.bias_hh is None
        ):
            raise EngineError(
                f"{self.made_by} was called with param_grads=False: no parameter gradients"
            )
        return {
            "weight_ih": self.weight_ih,
            "weight_hh": self.weight_hh,
            "bias_ih": self.bias_ih,
            "bias_hh": self.bias_hh,
        }


@dataclass(frozen=True, eq=False, kw_only=True)
class Gradients(CellGradients):
    """Result of :func:`~lstm_sim.engine.bptt` for the LSTM (n = stop − start).

    Attributes
    ----------
    start, stop, dh, dz, dh_in, weight_ih, weight_hh, bias_ih, bias_hh
        As in :class:`CellGradients`; ``dz`` is (n, 4H), blocks i, f, g, o
        (one block each: :attr:`d_i`, :attr:`d_f`, :attr:`d_g`, :attr:`d_o`).
    dc : numpy.ndarray, shape (n, H)
        Total ∂L/∂C_k.
    dc_in : numpy.ndarray, shape (H,)
        ∂L/∂C_start ⊙ f_start: what the window passes to C_{start-1}
        (∂L/∂C_0 when start = 0).
    """

    dc: np.ndarray
    dc_in: np.ndarray

    def _block(self, name: str) -> np.ndarray:
        hidden = self.dh.shape[1]
        k = GATES.index(name)
        return self.dz[:, k * hidden : (k + 1) * hidden]

    @property
    def d_i(self) -> np.ndarray:
        """∂L/∂z_i (input gate pre-activation), shape (n, H)."""
        return self._block("i")

    @property
    def d_f(self) -> np.ndarray:
        """∂L/∂z_f (forget gate pre-activation), shape (n, H)."""
        return self._block("f")

    @property
    def d_g(self) -> np.ndarray:
        """∂L/∂z_g (candidate pre-activation), shape (n, H)."""
        return self._block("g")

    @property
    def d_o(self) -> np.ndarray:
        """∂L/∂z_o (output gate pre-activation), shape (n, H)."""
        return self._block("o")

    @property
    def dz_internal(self) -> np.ndarray:
        """Deprecated: ∂L/∂z in the blocks g, i, f, o of earlier versions (a new array).

        Use :attr:`dz` (blocks i, f, g, o) or :attr:`d_i` … instead.
        """
        return np.hstack([self.d_g, self.d_i, self.d_f, self.d_o])

    def dc_norm(self) -> np.ndarray:
        """‖∂L/∂C_k‖₂ per row of the window, shape (n,)."""
        return np.sqrt(np.einsum("ij,ij->i", self.dc, self.dc))


def window_bounds(length: int, stop: int | None = None, window: int | None = None) -> range:
    """The rows ``start … stop-1`` a BPTT call with these arguments visits.

    Parameters
    ----------
    length : int
        Rows in the trace (T).
    stop : int, optional
        One past the last row the loss depends on (default T).
    window : int, optional
        At most this many rows (default: all, back to row 0).
    """
    stop = length if stop is None else int(stop)
    if not 1 <= stop <= length:
        raise EngineError(f"stop: expected 1 ≤ stop ≤ {length} (rows in the trace), got {stop}")
    if window is None:
        return range(0, stop)
    if int(window) < 1:
        raise EngineError(f"window: expected at least 1 step, got {window}")
    return range(max(0, stop - int(window)), stop)


def direct_gradient(name: str, arr: Any, length: int, rows: range, hidden: int) -> np.ndarray:
    """A loss's direct gradient (``dh`` or ``dc``) for the window's rows, checked.

    Accepts every row of the trace, (T, H), or only the window's, (n, H).
    """
    a = np.asarray(arr, dtype=np.float64)
    n = len(rows)
    if a.ndim == 2 and a.shape[1] == hidden and a.shape[0] == length:
        a = a[rows.start : rows.stop]
    elif not (a.ndim == 2 and a.shape == (n, hidden)):
        raise EngineError(
            f"{name}: expected shape ({length}, {hidden}) (every step) or ({n}, {hidden}) "
            f"(the window), got {a.shape}"
        )
    if not np.isfinite(a).all():
        k, j = (int(v) for v in np.argwhere(~np.isfinite(a))[0])
        raise EngineError(f"{name}: non-finite value at row {rows.start + k}, unit {j}")
    return a


def parameter_gradients(dz: np.ndarray, x: np.ndarray, h_prev: np.ndarray) -> dict[str, Any]:
    """The parameter gradients of a window from its ∂L/∂z_k, x_k and h_{k-1} (rows of the window).

    Three matrix products over the whole window rather than one outer product per row.
    """
    bias = dz.sum(axis=0)  # Σ_k ∂L/∂z_k
    return {
        "weight_ih": dz.T @ x,  # Σ_k ∂L/∂z_k · x_kᵀ
        "weight_hh": dz.T @ h_prev,  # Σ_k ∂L/∂z_k · h_{k-1}ᵀ
        "bias_ih": bias,
        "bias_hh": bias.copy(),
    }
