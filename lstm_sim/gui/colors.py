"""Colour scales of the cell diagram: pure functions from a value to a :class:`QColor`.

Two colour-blind-safe scales:

- **sequential** (gates f_t, i_t, o_t, which live in 0 … 1): matplotlib's
  *viridis*, dark purple at 0 through teal to yellow at 1;
- **diverging** (C_t, g_t, h_t, tanh(C_t), x_t, which are signed): blue for
  negative, near-white at 0, orange for positive (the blue half of ColorBrewer's
  RdBu and the orange half of PuOr), symmetric around 0 and saturating at
  ``±limit``.

Blue against orange stays distinguishable under the common forms of colour
blindness, and the lightness of both scales is monotone away from their
light end, so a value can also be read in grey scale.

:func:`text_color_for` picks black or white text for a fill, whichever contrasts
more (WCAG relative luminance), so numbers stay readable on any fill.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from PySide6.QtGui import QColor

__all__ = [
    "DIVERGING_STOPS",
    "NO_VALUE_COLOR",
    "SEQUENTIAL_STOPS",
    "diverging_color",
    "diverging_rgb",
    "gate_color",
    "gate_rgb",
    "interpolate",
    "interpolate_rgb",
    "relative_luminance",
    "text_color_for",
]

#: Viridis sampled at 0, 0.1, …, 1 (matplotlib ``viridis(np.linspace(0, 1, 11))``).
SEQUENTIAL_STOPS: tuple[str, ...] = (
    "#440154",
    "#482475",
    "#414487",
    "#355f8d",
    "#2a788e",
    "#21918c",
    "#22a884",
    "#44bf70",
    "#7ad151",
    "#bddf26",
    "#fde725",
)

#: Blue – white – orange at −1, −0.8, …, +1 (ColorBrewer RdBu blues, PuOr oranges).
DIVERGING_STOPS: tuple[str, ...] = (
    "#053061",
    "#2166ac",
    "#4393c3",
    "#92c5de",
    "#d1e5f0",
    "#f7f7f7",
    "#fee0b6",
    "#fdb863",
    "#e08214",
    "#b35806",
    "#7f3b08",
)

#: Fill of a node that has no value (e.g. the gates at t = 0).
NO_VALUE_COLOR: str = "#e3e7ed"

_RGB_CACHE: dict[tuple[str, ...], list[tuple[int, int, int]]] = {}
_TABLE_CACHE: dict[tuple[str, ...], tuple[np.ndarray, np.ndarray]] = {}
_TEXT_COLOR_CACHE: dict[int, QColor] = {}


def _rgb_stops(stops: Sequence[str]) -> list[tuple[int, int, int]]:
    key = tuple(stops)
    rgb = _RGB_CACHE.get(key)
    if rgb is None:
        rgb = [(int(s[1:3], 16), int(s[3:5], 16), int(s[5:7], 16)) for s in key]
        _RGB_CACHE[key] = rgb
    return rgb


def interpolate(stops: Sequence[str], u: float) -> QColor:
    """Colour at position ``u`` in 0 … 1 of evenly spaced ``stops`` (clipped; NaN → grey).

    Parameters
    ----------
    stops : sequence of str
        ``"#rrggbb"`` colours at ``u = 0, 1/(n-1), …, 1``.
    u : float
        Position; values outside 0 … 1 are clipped.

    Returns
    -------
    QColor
        Linear interpolation in sRGB between the two nearest stops.
    """
    if not math.isfinite(u):
        return QColor(NO_VALUE_COLOR)
    rgb = _rgb_stops(stops)
    pos = min(max(u, 0.0), 1.0) * (len(rgb) - 1)
    k = min(int(pos), len(rgb) - 2)
    w = pos - k
    a, b = rgb[k], rgb[k + 1]
    return QColor(
        round(a[0] + (b[0] - a[0]) * w),
        round(a[1] + (b[1] - a[1]) * w),
        round(a[2] + (b[2] - a[2]) * w),
    )


def gate_color(value: float) -> QColor:
    """Sequential (viridis) colour of a gate value in 0 … 1 (clipped)."""
    return interpolate(SEQUENTIAL_STOPS, float(value))


def diverging_color(value: float, limit: float = 1.0) -> QColor:
    """Diverging (blue – white – orange) colour of a signed value.

    Parameters
    ----------
    value : float
        The value; 0 maps to near-white.
    limit : float
        Magnitude at which the scale saturates (−limit is darkest blue,
        +limit darkest orange). Must be positive.
    """
    if not limit > 0:
        raise ValueError(f"limit: expected a positive number, got {limit}")
    return interpolate(DIVERGING_STOPS, 0.5 + 0.5 * float(value) / limit)


def interpolate_rgb(stops: Sequence[str], u: np.ndarray) -> np.ndarray:
    """Vectorized :func:`interpolate`: an (n, 3) uint8 array of colours for positions ``u``.

    The same arithmetic as :func:`interpolate` (clipped, NaN → :data:`NO_VALUE_COLOR`),
    for drawing many cells (one per hidden unit) without a Python loop.
    """
    key = tuple(stops)
    table = _TABLE_CACHE.get(key)
    if table is None:
        rgb = np.asarray(_rgb_stops(key), dtype=np.float64)
        table = (rgb[:-1], rgb[1:] - rgb[:-1])
        _TABLE_CACHE[key] = table
    base, slope = table
    last = len(base)
    u = np.asarray(u, dtype=np.float64).reshape(-1)
    pos = np.clip(u, 0.0, 1.0) * last  # NaN stays NaN
    finite = np.isfinite(pos)
    all_finite = bool(finite.all())
    if not all_finite:
        pos = np.where(finite, pos, 0.0)
    k = np.minimum(pos.astype(np.intp), last - 1)
    out = base[k] + slope[k] * (pos - k)[:, None]
    out = np.rint(out, out=out).astype(np.uint8)
    if not all_finite:
        grey = QColor(NO_VALUE_COLOR)
        out[~finite] = (grey.red(), grey.green(), grey.blue())
    return out


def gate_rgb(values: np.ndarray) -> np.ndarray:
    """Sequential colours of gate values, shape (n, 3) uint8 (see :func:`gate_color`)."""
    return interpolate_rgb(SEQUENTIAL_STOPS, values)


def diverging_rgb(values: np.ndarray, limit: float = 1.0) -> np.ndarray:
    """Diverging colours of signed values, shape (n, 3) uint8 (see :func:`diverging_color`)."""
    if not limit > 0:
        raise ValueError(f"limit: expected a positive number, got {limit}")
    return interpolate_rgb(DIVERGING_STOPS, 0.5 + 0.5 * np.asarray(values, np.float64) / limit)


def relative_luminance(color: QColor) -> float:
    """WCAG 2 relative luminance of a colour, 0 (black) … 1 (white)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def text_color_for(fill: QColor) -> QColor:
    """Black or white, whichever has the higher WCAG contrast ratio against ``fill``.

    The two contrasts are equal at luminance ≈ 0.179: (L + 0.05)/0.05 against
    black, 1.05/(L + 0.05) against white.
    """
    key = fill.rgb()
    color = _TEXT_COLOR_CACHE.get(key)
    if color is None:
        dark = relative_luminance(fill) > 0.179
        color = QColor(20, 22, 26) if dark else QColor(255, 255, 255)
        if len(_TEXT_COLOR_CACHE) < 65536:
            _TEXT_COLOR_CACHE[key] = color
    return QColor(color)
