"""The headless command line's trace figure: stacked plots of a trace's columns.

:func:`build_trace_figure` lays out inputs, gates f/i/o, C, h and the gradient
norms of a trace table (not shown on screen); :func:`render_trace_figure` writes
it as PNG and/or SVG through :mod:`lstm_sim.gui.plots.export`. Used by
``lstm-sim run --plots`` on the offscreen platform.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt

from .export import ensure_app, write_png, write_svg

__all__ = ["build_trace_figure", "render_trace_figure"]

# Okabe–Ito colours (as the plot panels), safe for the common colour blindnesses.
_GATE_COLORS = {"f": "#0072B2", "i": "#E69F00", "o": "#009E73"}
_SERIES_COLORS = {"x": "#333333", "y": "#56B4E9", "c": "#D55E00", "h": "#CC79A7"}
_INK = "#333333"  # axes and text on the white background
_GRAD_COLORS = {"grad_c_norm": "#D55E00", "grad_h_norm": "#CC79A7"}


def _columns(columns: Mapping[str, Any], prefix: str) -> list[tuple[str, np.ndarray]]:
    found = []
    for name, values in columns.items():
        head, _, unit = name.partition("_")
        if head == prefix and unit.isdigit():
            found.append((int(unit), name, np.asarray(values, dtype=np.float64)))
    return [(name, v) for _, name, v in sorted(found)]


def _add_curve(plot: pg.PlotItem, t: np.ndarray, y: np.ndarray, pen: Any, name: str | None):
    finite = bool(np.isfinite(y).all())
    curve = plot.plot(
        t,
        y,
        pen=pen,
        name=name,
        skipFiniteCheck=finite,
        connect="all" if finite else "finite",
    )
    # Set after adding: passing clipToView to plot() trips pyqtgraph 0.14 before the
    # curve has its ViewBox.
    curve.setDownsampling(auto=True, method="peak")
    curve.setClipToView(True)
    return curve


def build_trace_figure(columns: Mapping[str, Any]) -> pg.GraphicsLayoutWidget:
    """The stacked trace plots (not shown): inputs, gates f/i/o, C, h and gradient norms.

    Parameters
    ----------
    columns : mapping of column name → (T,) values
        The columns of :func:`lstm_sim.io.trace_table` (``t``, ``x_0`` …,
        ``y_0`` …, ``f_0`` …, ``i_*``, ``o_*``, ``c_*``, ``h_*``,
        ``grad_c_norm``, ``grad_h_norm``); missing groups are left out.
    """
    ensure_app()
    t = np.asarray(columns["t"], dtype=np.float64)
    widget = pg.GraphicsLayoutWidget()
    widget.setBackground("w")
    widget.setWindowTitle(QCoreApplication.translate("export", "LSTM trace"))
    plots: list[pg.PlotItem] = []

    def panel(title: str) -> pg.PlotItem:
        plot = widget.addPlot(row=len(plots), col=0)
        plot.setTitle(title, color=_INK)
        plot.showGrid(x=True, y=True, alpha=0.25)
        for side in ("left", "bottom"):
            axis = plot.getAxis(side)
            axis.setPen(pg.mkPen(_INK))
            axis.setTextPen(pg.mkPen(_INK))
        if plots:
            plot.setXLink(plots[0])
        plots.append(plot)
        return plot

    xs, ys = _columns(columns, "x"), _columns(columns, "y")
    if xs:
        plot = panel(
            QCoreApplication.translate("export", "Inputs x_t")
            + (QCoreApplication.translate("export", " and targets y_t (dashed)") if ys else "")
        )
        for name, v in xs:
            _add_curve(plot, t, v, pg.mkPen(_SERIES_COLORS["x"], width=1), name)
        for name, v in ys:
            pen = pg.mkPen(_SERIES_COLORS["y"], width=1, style=Qt.PenStyle.DashLine)
            _add_curve(plot, t, v, pen, name)
    gates = {g: _columns(columns, g) for g in ("f", "i", "o")}
    if any(gates.values()):
        plot = panel(QCoreApplication.translate("export", "Gates: forget f, input i, output o"))
        plot.addLegend(offset=(10, 5), labelTextColor=_INK, brush=(255, 255, 255, 210))
        plot.setYRange(0.0, 1.0, padding=0.05)
        labels = {
            "f": QCoreApplication.translate("export", "forget f"),
            "i": QCoreApplication.translate("export", "input i"),
            "o": QCoreApplication.translate("export", "output o"),
        }
        for g, series in gates.items():
            for k, (_, v) in enumerate(series):
                name = labels[g] if k == 0 else None
                _add_curve(plot, t, v, pg.mkPen(_GATE_COLORS[g], width=1), name)
    for key, title in (
        ("c", QCoreApplication.translate("export", "Cell state C_t")),
        ("h", QCoreApplication.translate("export", "Hidden state h_t")),
    ):
        series = _columns(columns, key)
        if series:
            plot = panel(title)
            for name, v in series:
                _add_curve(plot, t, v, pg.mkPen(_SERIES_COLORS[key], width=1), name)
    grads = [(n, columns[n]) for n in ("grad_c_norm", "grad_h_norm") if n in columns]
    if grads:
        plot = panel(
            QCoreApplication.translate("export", "Gradient norms ‖∂L/∂C_t‖, ‖∂L/∂h_t‖ (log scale)")
        )
        plot.addLegend(offset=(10, 5), labelTextColor=_INK, brush=(255, 255, 255, 210))
        positive = []
        for name, values in grads:
            v = np.asarray(values, dtype=np.float64).copy()
            v[~(v > 0)] = np.nan  # zeros (outside the BPTT window) have no logarithm
            positive.append((name, v))
        if any(np.isfinite(v).any() for _, v in positive):
            plot.setLogMode(y=True)
            labels = {
                "grad_c_norm": QCoreApplication.translate("export", "‖∂L/∂C_t‖"),
                "grad_h_norm": QCoreApplication.translate("export", "‖∂L/∂h_t‖"),
            }
            for name, v in positive:
                if np.isfinite(v).any():
                    _add_curve(plot, t, v, pg.mkPen(_GRAD_COLORS[name], width=1), labels[name])
    if plots:
        plots[-1].setLabel("bottom", QCoreApplication.translate("export", "step t"))
        if len(t):
            plots[0].setXRange(float(t[0]), float(t[-1]), padding=0.01)
    return widget


def render_trace_figure(
    trace_columns: Mapping[str, Any],
    out_dir: str | os.PathLike[str],
    formats: Iterable[str],
    size: tuple[int, int] = (1200, 900),
    *,
    device_pixel_ratio: float = 2.0,
    stem: str = "trace",
) -> list[Path]:
    """Write the stacked trace plots as ``<out_dir>/trace.png`` and/or ``trace.svg``.

    Parameters
    ----------
    trace_columns : mapping of column name → (T,) values
        See :func:`build_trace_figure`.
    out_dir : path-like
        An existing folder.
    formats : iterable of {"png", "svg"}
    size : (int, int)
        Logical size of the figure; the PNG has ``size × device_pixel_ratio`` pixels.
    device_pixel_ratio : float
    stem : str
        File name without suffix.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Raises
    ------
    SaveError
    ValueError
        An unknown format.
    """
    formats = [f.strip().lower() for f in formats]
    unknown = sorted(set(formats) - {"png", "svg"})
    if unknown:
        raise ValueError(
            QCoreApplication.translate(
                "export", "unknown plot format(s): {0} (use png, svg)"
            ).format(", ".join(unknown))
        )
    widget = build_trace_figure(trace_columns)
    width, height = int(size[0]), int(size[1])
    widget.resize(width, height)
    written = []
    try:
        for fmt in dict.fromkeys(formats):
            path = Path(out_dir) / f"{stem}.{fmt}"
            if fmt == "png":
                write_png(
                    widget,
                    path,
                    width=round(width * device_pixel_ratio),
                    height=round(height * device_pixel_ratio),
                    device_pixel_ratio=device_pixel_ratio,
                )
            else:
                write_svg(
                    widget,
                    path,
                    width=width,
                    height=height,
                    title=QCoreApplication.translate("export", "LSTM trace"),
                )
            written.append(path)
    finally:
        widget.close()
        widget.deleteLater()
    return written
