"""The LSTM's direct carry path C_{k} → C_{k+1} → … (the constant error carousel).

The cell state is updated additively, C_t = f_t ⊙ C_{t-1} + i_t ⊙ g_t, so the
*direct* derivative of one cell state with respect to the previous one is
diagonal:

    ∂C_t/∂C_{t-1} |direct = diag(f_t)

and along the direct path alone (ignoring the paths through h and the gates)

    ∂C_{s}/∂C_k |direct = diag(f_{k+1} ⊙ f_{k+2} ⊙ … ⊙ f_s)        (k < s)

With f ≈ 1 this product stays near 1 however far back k is — where a vanilla
RNN multiplies by W_hhᵀ·diag(1 − h²) at every step (see
:func:`~lstm_sim.engine.rnn.rnn_jacobian_norms`). Rows are 0-based as in
:class:`~lstm_sim.engine.lstm.Trace`: row k is step t = k + 1.
"""

from __future__ import annotations

import numpy as np

from .gradients import window_bounds
from .lstm import Trace
from .trace import check_trace

__all__ = ["carry_factors", "carry_product"]


def carry_factors(trace: Trace) -> np.ndarray:
    """The direct-path factors ∂C_k/∂C_{k-1} = f_k of every row.

    Parameters
    ----------
    trace : Trace
        A forward pass with T ≥ 1 rows (clamps included: a clamped f gives a
        constant factor).

    Returns
    -------
    numpy.ndarray, shape (T, H)
        A new array; row k is f_k (the forget gate of step t = k + 1), the
        factor by which ∂L/∂C_k reaches C_{k-1} along the direct path.
    """
    check_trace(trace, Trace)
    return np.array(trace.f)


def carry_product(
    trace: Trace, stop: int | None = None, *, window: int | None = None, unit: int | None = None
) -> np.ndarray:
    """Running products of the forget gate back from row ``stop - 1``.

    For every row k of the window ``start … stop-1`` (``start = max(0, stop −
    window)``, as in :func:`~lstm_sim.engine.bptt`):

        P[k − start] = f_{k+1} ⊙ f_{k+2} ⊙ … ⊙ f_{stop-1}    (1 for k = stop − 1)

    which is the diagonal of ∂C_{stop-1}/∂C_k along the direct path (holding h
    and the gates fixed). So a loss with a direct gradient dc on C_{stop-1}
    alone sends ``dc ⊙ P[k − start]`` to C_k along that path; when the other
    paths are cut (W_hh = 0 and dh = 0, or i and f clamped) this is exactly
    ``Gradients.dc`` of :func:`~lstm_sim.engine.bptt`.

    Parameters
    ----------
    trace : Trace
    stop : int, optional
        One past the last row (default T): the product ends at f_{stop-1}.
    window : int, optional
        At most this many rows (default: all, back to row 0).
    unit : int, optional
        Only this unit's products (a 1-D result: the column ``unit`` of the full one).

    Returns
    -------
    numpy.ndarray, shape (stop − start, H), or (stop − start,) with ``unit``
        Row ``stop − 1 − start`` is all ones; products are taken from row
        ``stop − 1`` backwards, and may underflow to 0 over long spans.
    """
    check_trace(trace, Trace)
    rows = window_bounds(len(trace), stop, window)
    start, stop = rows.start, rows.stop
    f = trace.f if unit is None else trace.f[:, unit]
    out = np.ones((stop - start, *f.shape[1:]))
    if stop - start > 1:
        # out[k - start] = Π_{j=k+1}^{stop-1} f_j: cumulative product of f_{stop-1}, f_{stop-2}, …
        np.cumprod(f[stop - 1 : start : -1], axis=0, out=out[-2::-1])
    return out
