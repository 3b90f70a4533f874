"""The pieces of a plot panel: its axes, its ViewBox, its caches (pyqtgraph).

- :func:`set_decade_range` — a log axis fitted to whole decades, steady while stepping;
- :class:`ShortAxis` — a value axis for a short panel: few numbers, none outside it;
- :class:`SeekViewBox` — the left button seeks instead of panning;
- :func:`cache_axes`, :func:`cache_tree`, :func:`no_contents` — what keeps repaints cheap.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from .panels import PlotPanels

__all__ = [
    "SeekViewBox",
    "ShortAxis",
    "cache_axes",
    "cache_tree",
    "no_contents",
    "set_decade_range",
]


def set_decade_range(
    plot: pg.PlotItem, current: tuple[float, float] | None, *curves: np.ndarray
) -> tuple[float, float] | None:
    """Fit a log-y plot to whole decades of ``curves``; touch it only when they change.

    Auto-ranging would regenerate the log axis on every step. The range only
    changes when a curve leaves it or it is more than two decades too wide, so
    that stepping does not make the axis jump. Returns the (new) range to pass
    next time.
    """
    finite = [c[np.isfinite(c)] for c in curves]
    values = np.concatenate(finite) if finite else np.empty(0)
    if values.size == 0:
        return current
    lo = float(np.floor(np.log10(values.min())))
    hi = float(np.ceil(np.log10(values.max())))
    if hi - lo < 1:
        hi = lo + 1
    if current is not None:
        # Keep the axis while the curves fit and it is at most two decades too wide:
        # stepping must not make it jump back and forth (nor repaint the panel).
        c_lo, c_hi = current
        if c_lo <= lo and hi <= c_hi and (c_hi - c_lo) - (hi - lo) <= 2:
            return current
    if (lo, hi) != current:
        # Half a decade beyond each end: the end decades' labels fit inside the panel
        # (labels reaching past its ends are hidden; one decade showed one label).
        plot.setYRange(lo - 0.5, hi + 0.5, padding=0.0)
    return (lo, hi)


def cache_axes(plot: pg.PlotItem) -> None:
    """Cache a plot's axes as pixmaps: they sit inside every repainted region but rarely change."""
    for name in ("left", "bottom"):
        plot.getAxis(name).setCacheMode(pg.QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache)


def cache_tree(item: pg.QtWidgets.QGraphicsItem) -> None:
    """Cache ``item`` and everything in it as pixmaps (a legend: the cursor passes over it)."""
    item.setCacheMode(pg.QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache)
    for child in item.childItems():
        cache_tree(child)


def no_contents(plot: pg.PlotItem) -> None:
    """Mark a plot's containers, which draw nothing themselves, as having no contents.

    Qt then skips them when it repaints (no bounding rectangle asked of Python
    for each one on every repaint); their children are drawn as before.
    """
    flag = pg.QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
    plot.setFlag(flag)
    plot.titleLabel.setFlag(flag)


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def decade_text(power: float) -> str:
    """``10⁻³`` for −3, ``1`` for 0, ``10`` for 1: a decade as a log axis labels it."""
    k = round(power)
    if k == 0:
        return "1"
    if k == 1:
        return "10"
    return "10" + str(k).translate(_SUPERSCRIPT)


class ShortAxis(pg.AxisItem):
    """A value axis for a panel a few dozen pixels high: two or three numbers, not six.

    pyqtgraph asks for at least 2.25 intervals between numbered ticks, which on
    a 35-pixel axis prints 0, 0.2, 0.4 … 1.0 over one another. Below
    :attr:`SHORT` pixels this axis asks for about 1.5 (0, 0.5, 1).
    """

    SHORT = 90.0
    #: Pixels from one decade's number to the next on a log axis (closer ones skipped).
    LOG_LABEL_PX = 16.0
    #: Pixels a number keeps from the axis' ends (half its height: it is not cut off).
    LOG_MARGIN_PX = 7.0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Numbers that would reach past the panel's ends are left out: they ran into the
        # neighbouring panel's.
        self.setStyle(hideOverlappingLabels=True)

    def tickValues(self, minVal, maxVal, size):
        """On a log axis: whole decades only, as many as have room, two when two fit
        (was a pile of digits, then often a single decade)."""
        if not self.logMode or size <= 0 or maxVal <= minVal:
            return super().tickValues(minVal, maxVal, size)
        per_px = (maxVal - minVal) / size
        lo = math.ceil(minVal + self.LOG_MARGIN_PX * per_px)
        hi = math.floor(maxVal - self.LOG_MARGIN_PX * per_px)
        if hi < lo:  # (no curve yet: the decades at the ends, if any)
            lo, hi = math.ceil(minVal), math.floor(maxVal)
        step = max(1, math.ceil(self.LOG_LABEL_PX * per_px))
        values = list(range(math.ceil(lo / step) * step, hi + 1, step))  # 10⁻⁶, 10⁻³, 1
        if len(values) < 2:
            values = list(range(lo, hi + 1, step))  # two decades, though not round ones
        return [(float(step), [float(v) for v in values])]

    def tickStrings(self, values, scale, spacing):
        if self.logMode:
            return [decade_text(v) for v in values]
        return super().tickStrings(values, scale, spacing)

    def tickSpacing(self, minVal, maxVal, size):
        if size < self.SHORT and not self.logMode:
            # the parent divides the span by 2.25: widen it so that it divides by 1.5
            maxVal = minVal + (maxVal - minVal) * 2.25 / 1.5
        return super().tickSpacing(minVal, maxVal, size)


class SeekViewBox(pg.ViewBox):
    """A ViewBox where the left button seeks (click or drag) instead of panning.

    The right button keeps pyqtgraph's zoom drag and the wheel zooms.
    """

    def __init__(self, panels: PlotPanels) -> None:
        super().__init__()
        self._panels = panels

    def _seek(self, ev) -> None:
        x = self.mapSceneToView(ev.scenePos()).x()
        self._panels.seek_requested.emit(round(x))

    def mouseClickEvent(self, ev) -> None:
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self._seek(ev)
        else:
            super().mouseClickEvent(ev)

    def mouseDragEvent(self, ev, axis=None) -> None:
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self._seek(ev)
        else:
            super().mouseDragEvent(ev, axis)
