"""Activation functions and their derivatives, side by side.

The derivatives are written in terms of the activation's *output* ``a``,
which is what the forward pass stores:

    σ(z)  = 1 / (1 + e^(−z))        σ'(z)  = a·(1 − a)
    tanh(z)                          tanh'(z) = 1 − a²
"""

from __future__ import annotations

import numpy as np

__all__ = ["dsigmoid", "dtanh", "sigmoid"]


def sigmoid(z: np.ndarray | float) -> np.ndarray:
    """Numerically stable logistic function σ(z) = 1 / (1 + e^(−z)).

    Written as σ(z) = ½·tanh(z/2) + ½, an exact identity that never overflows
    (``np.exp`` of a large argument would), for any finite ``z``.

    Parameters
    ----------
    z : array_like, any shape

    Returns
    -------
    numpy.ndarray, same shape as ``z``, float64, values in [0, 1]
    """
    z = np.asarray(z, dtype=np.float64)
    return 0.5 * np.tanh(0.5 * z) + 0.5


def dsigmoid(a: np.ndarray) -> np.ndarray:
    """Derivative of σ expressed with its output ``a = σ(z)``: a·(1 − a)."""
    return a * (1.0 - a)


def dtanh(a: np.ndarray) -> np.ndarray:
    """Derivative of tanh expressed with its output ``a = tanh(z)``: 1 − a²."""
    return 1.0 - a * a
