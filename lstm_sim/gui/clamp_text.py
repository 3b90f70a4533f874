"""How a clamped gate reads (what-if): its constant, and what it would have been.

With What if: f_t = 1 the gate is no longer σ of its pre-activation; writing
``f_t = σ(−2.2211) = 1.0000`` would be false. The equations, the diagram's
tooltips and the values table all say instead::

    f_t = 1 (clamped; σ(−2.2211) would be 0.0978)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from ..engine import sigmoid

__all__ = ["clamped_reading", "clamped_short"]


def _constant(value: float) -> str:
    return f"{float(value):g}"


def clamped_reading(key: str, value: float, z: float, fmt: Callable[[float], str]) -> str:
    """``"1 (clamped; σ(−2.2211) would be 0.0978)"``: gate ``key`` ("f", "i", "o") held at
    ``value``, whose pre-activation ``z`` would have given σ(z); numbers by ``fmt``."""
    return QCoreApplication.translate(
        "Clamped", "{value} (clamped; σ({z}) would be {would})"
    ).format(value=_constant(value), z=fmt(z), would=fmt(float(sigmoid(z))))


def clamped_short(value: float) -> str:
    """``"1 (clamped)"``: a clamped gate where there is room for one number (a table cell)."""
    return QCoreApplication.translate("Clamped", "{value} (clamped)").format(value=_constant(value))
