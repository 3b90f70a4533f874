"""Exporting what is on screen: PNG, SVG and CSV, always to a given path (never a dialog).

- :func:`write_png` renders a widget (or one graphics item of a scene, e.g. a
  single pyqtgraph ``PlotItem``) into an image with a device-pixel ratio, so
  lines and text stay crisp on high-DPI screens and slides.
- :func:`write_svg` paints through :class:`QSvgGenerator` + :class:`QPainter`
  (pyqtgraph's own ``SVGExporter`` breaks on PySide6 ≥ 6.11, pyqtgraph #3485).
  The written file is checked to parse as XML.
- :func:`write_plot_csv` writes each curve's data (x and y).
- The headless command line's stacked trace plots are in
  :mod:`lstm_sim.gui.plots.trace_figure`.

A widget that was never shown has no geometry yet (pyqtgraph #1997, #2555):
it is laid out first — resized, polished, its layouts activated and its
resize events delivered, so that the graphics scene gets its size.
Files are replaced atomically (:func:`lstm_sim.io._files.atomic_write`).
"""

from __future__ import annotations

import csv
import io
import math
import os
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QImage, QPainter, QResizeEvent
from PySide6.QtSvg import QSvgGenerator, QSvgRenderer
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

from ...io._files import atomic_write
from ...io.errors import QT_TRANSLATE_NOOP, SaveError, Text

__all__ = [
    "save_png",
    "save_svg",
    "write_plot_csv",
    "write_png",
    "write_svg",
]


def image_too_large(width: int, height: int) -> Text:
    """The reason for an image Qt cannot allocate."""
    return Text(
        QT_TRANSLATE_NOOP("FileErrors", "the image is too large ({w} × {h})"), w=width, h=height
    )


def png_failed() -> Text:
    """The reason for a PNG that Qt could not encode."""
    return Text(QT_TRANSLATE_NOOP("FileErrors", "could not encode the image as PNG"))


def svg_failed() -> Text:
    """The reason for an SVG generator that did not start."""
    return Text(QT_TRANSLATE_NOOP("FileErrors", "could not start the SVG generator"))


def svg_not_xml(exc: Exception) -> Text:
    """The reason for a generated SVG that does not parse."""
    return Text(
        QT_TRANSLATE_NOOP("FileErrors", "the generated SVG is not valid XML ({detail})"),
        detail=exc,
    )


def ensure_app() -> QApplication:
    """The QApplication, made here when a headless caller (the CLI) has none yet."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([])
    return app  # type: ignore[return-value]


# ------------------------------------------------------------------ layout
@contextmanager
def _laid_out(widget: QWidget, size: QSize | None):
    """Give a hidden widget its geometry before painting it (a visible one has it).

    Hidden widgets get no resize events, so a pyqtgraph view never hands its size
    to its scene (pyqtgraph #1997, #2555): lay out every layout, then deliver
    the resize events by hand — without showing anything (no window flashes,
    nothing for the offscreen platform to complain about).
    """
    if not widget.isVisible():
        if size is not None and size.isValid() and size != widget.size():
            widget.resize(size)
        widget.ensurePolished()
        family = [widget, *widget.findChildren(QWidget)]
        for w in family:
            if w.layout() is not None:
                w.layout().activate()
        for w in family:
            QCoreApplication.sendEvent(w, QResizeEvent(w.size(), QSize(-1, -1)))
    QCoreApplication.sendPostedEvents()  # layout requests of graphics layouts
    yield


def _logical_size(
    natural: QSize, width: float | None, height: float | None, ratio: float
) -> tuple[int, int]:
    """The logical (device-independent) size for an output of width × height pixels."""
    w0, h0 = max(natural.width(), 1), max(natural.height(), 1)
    if width is None and height is None:
        return w0, h0
    if width is not None and height is None:
        lw = width / ratio
        return max(1, round(lw)), max(1, round(lw * h0 / w0))
    if width is None and height is not None:
        lh = height / ratio
        return max(1, round(lh * w0 / h0)), max(1, round(lh))
    assert width is not None and height is not None
    return max(1, round(width / ratio)), max(1, round(height / ratio))


def _paint(target: QWidget | QGraphicsItem, painter: QPainter, lw: float, lh: float) -> None:
    """Paint ``target`` into the logical rectangle (0, 0, lw, lh) of ``painter``."""
    if isinstance(target, QWidget):
        ww, wh = max(target.width(), 1), max(target.height(), 1)
        if (ww, wh) != (lw, lh):  # a visible widget keeps its layout: scale it
            painter.scale(lw / ww, lh / wh)
        # QWidget.render explicitly: on a QGraphicsView, render(painter) would resolve to
        # QGraphicsView.render, whose default target is the device's *pixel* rectangle
        # (drawn twice too large on a device-pixel-ratio-2 image).
        QWidget.render(target, painter, QPoint(0, 0))
        return
    scene = target.scene()
    if scene is None:
        raise ValueError("the graphics item is not in a scene")
    scene.render(
        painter,
        QRectF(0, 0, lw, lh),
        target.sceneBoundingRect(),
        Qt.AspectRatioMode.IgnoreAspectRatio,
    )


@contextmanager
def _prepared(target: QWidget | QGraphicsItem, size: QSize | None):
    if isinstance(target, QWidget):
        with _laid_out(target, size):
            yield target.size()
        return
    if not isinstance(target, QGraphicsItem):
        raise TypeError(f"expected a QWidget or a QGraphicsItem, got {type(target).__name__}")
    scene = target.scene()
    views = scene.views() if scene is not None else []
    if views:
        with _laid_out(views[0], None):
            yield target.sceneBoundingRect().size().toSize()
    else:
        yield target.sceneBoundingRect().size().toSize()


def _target_size(target: QWidget | QGraphicsItem) -> QSize:
    if isinstance(target, QWidget):
        return target.size()
    return target.sceneBoundingRect().size().toSize()


@contextmanager
def vector_items(target: QWidget | QGraphicsItem | Any):
    """While painting into a vector device: every graphics item paints itself, uncached.

    Items cached as pixmaps (axes, legends, the diagram's labels, kept cheap to
    repaint on screen) would be written into an SVG as ``<image>`` rasters with
    their text inside; for the export they paint as lines and text. ``target``:
    a widget (its graphics views), a graphics item or a scene.
    """
    if isinstance(target, QGraphicsScene):
        scenes = [target]
    elif isinstance(target, QGraphicsItem):
        scenes = [target.scene()] if target.scene() is not None else []
    else:
        views = target.findChildren(QGraphicsView)
        if isinstance(target, QGraphicsView):
            views.append(target)
        scenes = [v.scene() for v in views if v.scene() is not None]
    # and the scenes a scene draws as its background (the cell diagram's fixed items)
    scenes += [inner for scene in scenes for inner in scene.findChildren(QGraphicsScene)]
    saved = [(item, item.cacheMode()) for scene in scenes for item in scene.items()]
    none = QGraphicsItem.CacheMode.NoCache
    for item, mode in saved:
        if mode != none:
            item.setCacheMode(none)
    # a view's cached background is a pixmap too
    views = [view for scene in scenes for view in scene.views()]
    view_modes = [(view, view.cacheMode()) for view in views]
    for view in views:
        view.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
    try:
        yield
    finally:
        for item, mode in saved:
            if mode != none:
                item.setCacheMode(mode)
        for view, view_mode in view_modes:
            view.setCacheMode(view_mode)
            view.resetCachedContent()


# -------------------------------------------------------------------- PNG
def write_png(
    target: QWidget | QGraphicsItem,
    path: str | os.PathLike[str],
    *,
    width: int | None = None,
    height: int | None = None,
    device_pixel_ratio: float = 2.0,
    background: Any = "white",
) -> tuple[int, int]:
    """Render a widget or a graphics item into a PNG file.

    Parameters
    ----------
    target : QWidget or QGraphicsItem
        E.g. a ``pg.PlotWidget``, a ``GraphicsLayoutWidget``, the cell diagram,
        or one ``PlotItem`` of a layout.
    path : path-like
    width, height : int, optional
        Size of the image in pixels. The target is laid out at
        ``width / device_pixel_ratio`` × ``height / device_pixel_ratio``
        logical pixels (a visible widget keeps its layout and is scaled). With
        one of them, the other follows the target's aspect ratio; with none,
        the target's size × ``device_pixel_ratio``.
    device_pixel_ratio : float
        Pixels per logical pixel: 2 gives crisp text and lines at twice the
        size (like a high-DPI screen).
    background : color
        Fill behind the target (``None``: transparent).

    Returns
    -------
    (int, int)
        The image's width and height in pixels.

    Raises
    ------
    SaveError
    """
    ensure_app()
    ratio = float(device_pixel_ratio)
    if not ratio > 0:
        raise SaveError(
            path,
            "",
            Text(QT_TRANSLATE_NOOP("FileErrors", "the device pixel ratio must be positive")),
        )
    natural = _target_size(target)
    lw, lh = _logical_size(natural, width, height, ratio)
    with _prepared(target, QSize(lw, lh)):
        pw = int(width) if width is not None else math.ceil(lw * ratio)
        ph = int(height) if height is not None else math.ceil(lh * ratio)
        image = QImage(pw, ph, QImage.Format.Format_ARGB32_Premultiplied)
        if image.isNull():
            raise SaveError(path, "", image_too_large(pw, ph))
        image.setDevicePixelRatio(ratio)
        image.fill(QColor(0, 0, 0, 0) if background is None else pg.mkColor(background))
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            _paint(target, painter, pw / ratio, ph / ratio)
        finally:
            painter.end()
    save_png(image, path)
    return pw, ph


def save_png(image: QImage, path: str) -> None:
    """Encode ``image`` as PNG and write it to ``path`` atomically.

    Raises
    ------
    SaveError
        Qt cannot encode the image, or the file cannot be written.
    """
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = image.save(buffer, "PNG")
    buffer.close()
    if not ok:
        raise SaveError(path, "", png_failed())
    atomic_write(path, bytes(data.data()))


# -------------------------------------------------------------------- SVG
def write_svg(
    target: QWidget | QGraphicsItem,
    path: str | os.PathLike[str],
    *,
    width: int | None = None,
    height: int | None = None,
    title: str | None = None,
) -> None:
    """Paint a widget or a graphics item into an SVG file (vector: lines and text stay sharp).

    Parameters
    ----------
    target : QWidget or QGraphicsItem
    path : path-like
    width, height : int, optional
        Size of the drawing in logical pixels (default: the target's size).
    title : str, optional
        The SVG's ``<title>``.

    Raises
    ------
    SaveError
        Also when the generated file does not parse as XML.
    """
    ensure_app()
    natural = _target_size(target)
    lw, lh = _logical_size(natural, width, height, 1.0)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    with _prepared(target, QSize(lw, lh)):
        generator = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)  # SVG 1.1: clip paths
        generator.setOutputDevice(buffer)
        generator.setSize(QSize(lw, lh))
        generator.setViewBox(QRect(0, 0, lw, lh))
        generator.setTitle(
            title if title is not None else QCoreApplication.translate("export", "lstm-sim export")
        )
        generator.setDescription(QCoreApplication.translate("export", "Exported by lstm-sim"))
        if isinstance(target, QWidget):
            generator.setResolution(target.logicalDpiX())
        painter = QPainter()
        if not painter.begin(generator):
            raise SaveError(path, "", svg_failed())
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            with vector_items(target):
                _paint(target, painter, lw, lh)
        finally:
            painter.end()
    buffer.close()
    save_svg(bytes(data.data()), path)


def save_svg(svg: bytes, path: str, *, must_render: bool = False) -> None:
    """Write generated SVG to ``path`` atomically, once it parses as XML.

    Parameters
    ----------
    must_render : bool
        Also require Qt's SVG renderer to accept it.

    Raises
    ------
    SaveError
        The SVG is not well-formed XML (or does not render), or the file cannot
        be written.
    """
    try:
        ET.fromstring(svg)
    except ET.ParseError as exc:
        raise SaveError(path, "", svg_not_xml(exc)) from None
    if must_render and not QSvgRenderer(QByteArray(svg)).isValid():
        raise SaveError(
            path,
            "",
            Text(QT_TRANSLATE_NOOP("FileErrors", "the generated SVG does not render")),
        )
    atomic_write(path, svg)


# -------------------------------------------------------------------- CSV
def _curves(plot: Any) -> list[tuple[str, np.ndarray, np.ndarray]]:
    item = plot.getPlotItem() if hasattr(plot, "getPlotItem") else plot
    out = []
    for k, curve in enumerate(item.listDataItems()):
        if hasattr(curve, "getOriginalDataset"):
            x, y = curve.getOriginalDataset()
        else:
            x, y = curve.getData()
        if x is None or y is None:
            continue
        name = curve.name() if hasattr(curve, "name") and curve.name() else f"curve_{k}"
        out.append((str(name), np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)))
    return out


def write_plot_csv(plot: Any, path: str | os.PathLike[str]) -> list[str]:
    """Write the data of every curve of a plot as CSV.

    When all curves share their x values the columns are ``x, <name 1>, <name 2>, …``;
    otherwise a pair ``<name>_x, <name>_y`` per curve (shorter columns end
    with empty cells). The data are the curves' own (not the downsampled or
    log-transformed values drawn).

    Parameters
    ----------
    plot : pyqtgraph PlotWidget or PlotItem
    path : path-like

    Returns
    -------
    list of str
        The header.

    Raises
    ------
    SaveError
    """
    curves = _curves(plot)
    if not curves:
        raise SaveError(path, "", Text(QT_TRANSLATE_NOOP("FileErrors", "the plot has no curves")))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    x0 = curves[0][1]
    if all(x.shape == x0.shape and np.array_equal(x, x0, equal_nan=True) for _, x, _ in curves):
        header = ["x"] + [name for name, _, _ in curves]
        writer.writerow(header)
        table = np.column_stack([x0] + [y for _, _, y in curves])
        writer.writerows([[repr(v) for v in row] for row in table.tolist()])
    else:
        header = [f"{name}_{axis}" for name, _, _ in curves for axis in ("x", "y")]
        writer.writerow(header)
        n = max(len(x) for _, x, _ in curves)
        for r in range(n):
            row = []
            for _, x, y in curves:
                row += [repr(float(x[r])), repr(float(y[r]))] if r < len(x) else ["", ""]
            writer.writerow(row)
    atomic_write(path, buf.getvalue().encode("utf-8"))
    return header
