"""File ▸ Export: plots and a plot panel (PNG, SVG, CSV), the cell diagram, the trace."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QRect,
    QRectF,
    QSettings,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QPainter,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from ...engine import Trace
from ...io import (
    SaveError,
    write_trace_csv,
    write_trace_npz,
)
from ...io.errors import QT_TRANSLATE_NOOP, Text
from ...session import (
    CHUNK,
    Cancelled,
    trace_gradient_norms,
)
from ..plots.export import (
    image_too_large,
    save_png,
    save_svg,
    svg_failed,
    vector_items,
    write_png,
    write_svg,
)
from ..plots.table import write_curve_csv
from .dialogs import ExportDialog, ExportOptions
from .part import FilePart
from .settings_keys import EXPORT_DIR_KEY

__all__ = ["Exporter"]


def _unknown_format(fmt: str) -> Text:
    return Text(QT_TRANSLATE_NOOP("FileErrors", "unknown format {format}"), format=repr(fmt))


def write_diagram_png(diagram: QWidget, options: ExportOptions) -> tuple[int, int]:
    """Render the cell diagram into a PNG of ``options.pixel_size`` pixels (crisp: vector scene).

    Raises
    ------
    SaveError
    """
    pw, ph = options.pixel_size
    image = diagram.render_image(pw, ph)
    if image.isNull():
        raise SaveError(options.path, "", image_too_large(pw, ph))
    image.setDevicePixelRatio(options.ratio)
    save_png(image, options.path)
    return pw, ph


def write_diagram_svg(diagram: QWidget, options: ExportOptions, title: str) -> None:
    """Paint the diagram's scene through :class:`QSvgGenerator` (checked: XML, renderable).

    Raises
    ------
    SaveError
    """
    w, h = options.width, options.height
    scene = diagram.scene()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)  # SVG 1.1: clip paths
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(w, h))
    generator.setViewBox(QRect(0, 0, w, h))
    generator.setTitle(title)
    generator.setDescription("Exported by lstm-sim")
    painter = QPainter()
    if not painter.begin(generator):
        raise SaveError(options.path, "", svg_failed())
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        with vector_items(scene):  # lines and text, not cached pixmaps
            scene.render(
                painter, QRectF(0, 0, w, h), scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio
            )
    finally:
        painter.end()
    buffer.close()
    save_svg(bytes(data.data()), options.path, must_render=True)


class Exporter(FilePart):
    """File ▸ Export: plots and a plot panel (PNG, SVG, CSV), the cell diagram, the trace."""

    def __init__(self, files) -> None:
        super().__init__(files)
        self._last_panel: str | None = None

    def export_dir(self) -> str:
        value = QSettings().value(EXPORT_DIR_KEY, "")
        return value if isinstance(value, str) and os.path.isdir(value) else self.files.last_dir()

    def _stem(self) -> str:
        return Path(self.window.session_title()).stem.replace(" ", "_") or "lstm-sim"

    def panel_names(self) -> list[tuple[str, str]]:
        """(key, label) of every plot panel, top to bottom."""
        labels = {
            "inputs": self.tr("Inputs x_t and targets y_t"),
            "gates": self.tr("Gates f_t, i_t, o_t"),
            "c": self.tr("Cell state C_t"),
            "h": self.tr("Hidden state h_t"),
            "grads": self.tr("Gradient norms ‖∂L/∂C_k‖, ‖∂L/∂h_k‖"),
        }
        return [(key, labels.get(key, key)) for key in self.window.plots.plots]

    def _ask_export(self, dialog: ExportDialog) -> ExportOptions | None:
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.options()
        finally:
            dialog.deleteLater()

    def export_plots(self, options: ExportOptions | None = None) -> bool:
        """File ▸ Export ▸ Plots (all panels)…: PNG, SVG or a CSV of every curve."""
        widget = self.window.plots.layout_widget
        if options is None:
            size = widget.size()
            options = self._ask_export(
                ExportDialog(
                    self.tr("Export all plot panels"),
                    ("png", "svg", "csv"),
                    (size.width(), size.height()),
                    self.export_dir(),
                    self._stem() + "_plots",
                    parent=self.window,
                )
            )
            if options is None:
                return False
        return self._write_plot(widget, None, options)

    def export_panel(self, panel: str | None = None, options: ExportOptions | None = None) -> bool:
        """File ▸ Export ▸ Current plot panel… (and a plot's context menu): one panel."""
        plots = self.window.plots.plots
        if options is None:
            last = self._last_panel
            key = panel if panel in plots else last if last in plots else next(iter(plots))
            rect = plots[key].sceneBoundingRect()
            options = self._ask_export(
                ExportDialog(
                    self.tr("Export a plot panel"),
                    ("png", "svg", "csv"),
                    (round(rect.width()), round(rect.height())),
                    self.export_dir(),
                    f"{self._stem()}_{key}",
                    panels=self.panel_names(),
                    panel=key,
                    parent=self.window,
                )
            )
            if options is None:
                return False
        key = options.panel or panel
        self._last_panel = key
        if key not in plots:
            reason = Text(QT_TRANSLATE_NOOP("FileErrors", "no plot panel {panel}"), panel=repr(key))
            self.files.error(SaveError(options.path, "", reason), self._save_title())
            return False
        return self._write_plot(plots[key], key, options)

    def _save_title(self) -> str:
        return self.tr("Cannot export")

    def _write_plot(self, target: Any, key: str | None, options: ExportOptions) -> bool:
        try:
            if options.fmt == "png":
                pw, ph = options.pixel_size
                write_png(
                    target, options.path, width=pw, height=ph, device_pixel_ratio=options.ratio
                )
            elif options.fmt == "svg":
                write_svg(
                    target,
                    options.path,
                    width=options.width,
                    height=options.height,
                    title=self.tr("lstm-sim plots"),
                )
            elif options.fmt == "csv":
                write_curve_csv(self.window.plots.curve_table(key), options.path)
            else:
                raise SaveError(options.path, "", _unknown_format(options.fmt))
        except SaveError as err:
            self.files.error(err, self._save_title())
            return False
        return self._exported(options.path)

    def _exported(self, path: str) -> bool:
        QSettings().setValue(EXPORT_DIR_KEY, os.path.dirname(os.path.abspath(path)))
        self.files.status(self.tr("Exported {name}").format(name=os.path.basename(path)))
        self.files.exported.emit(path)
        return True

    def export_diagram(self, options: ExportOptions | None = None) -> bool:
        """File ▸ Export ▸ Cell diagram…: PNG (rendered at the pixel ratio) or SVG."""
        rect = self.window.diagram.scene().sceneRect()
        if options is None:
            options = self._ask_export(
                ExportDialog(
                    self.tr("Export the cell diagram"),
                    ("png", "svg"),
                    (round(rect.width()), round(rect.height())),
                    self.export_dir(),
                    self._stem() + "_cell",
                    parent=self.window,
                )
            )
            if options is None:
                return False
        try:
            if options.fmt == "png":
                write_diagram_png(self.window.diagram, options)
            elif options.fmt == "svg":
                write_diagram_svg(self.window.diagram, options, self.tr("LSTM memory cell"))
            else:
                raise SaveError(options.path, "", _unknown_format(options.fmt))
        except SaveError as err:
            self.files.error(err, self._save_title())
            return False
        return self._exported(options.path)

    def export_trace(self, path: str | os.PathLike[str] | None = None) -> bool:
        """File ▸ Export ▸ Trace…: every step with the gradient norms, as CSV or NPZ.

        Runs in a worker (the rest of the forward pass, one BPTT, writing).
        """
        if path is None:
            csv_filter = self.tr("CSV table (*.csv)")
            npz_filter = self.tr("NumPy arrays (*.npz)")
            path, chosen = QFileDialog.getSaveFileName(
                self.window,
                self.tr("Export the trace"),
                os.path.join(self.export_dir(), self._stem() + "_trace.csv"),
                ";;".join([csv_filter, npz_filter]),
            )
            if not path:
                return False
            if not os.path.splitext(path)[1]:
                path += ".npz" if chosen == npz_filter else ".csv"
        path = os.fspath(path)
        writer = write_trace_npz if path.lower().endswith(".npz") else write_trace_csv
        s = self.session
        seq, params, settings, unit = s.sequence, s.params, s.settings, s.unit
        inputs = s.cell_inputs  # what the shown cell reads (a model's upper or reverse cell)
        stack = s.stack
        t = s.t if s.t >= 1 else s.T
        # A complete trace is immutable (rows are only ever appended): safe to read here.
        done = s.trace if s.computed == s.T else None

        def work(progress, cancelled):
            if stack is not None:  # a whole model's cell: its rows in time order, as the CLI
                run = stack.run.cell(*stack.key)
                gc, gh = trace_gradient_norms(params, run.trace, t, settings, unit)
                if run.reads_backwards:
                    gc, gh = gc[::-1], gh[::-1]
                extra = {"yhat": stack.run.yhat} if writer is write_trace_csv else {}
                writer(path, seq, run.rows(), gc, gh, **extra)
                return path
            trace = done
            if trace is None:
                trace = Trace(params, capacity=seq.length, clamp=settings.clamp_dict)
                while len(trace) < seq.length:
                    if cancelled():
                        raise Cancelled()
                    k = len(trace)
                    trace.extend(inputs[k : min(k + CHUNK, seq.length)])
                    progress(0.8 * len(trace) / seq.length)
            gc, gh = trace_gradient_norms(params, trace, t, settings, unit)
            progress(0.9)
            writer(path, seq, trace, gc, gh)
            return path

        def finished(_path: str) -> None:
            self._exported(path)

        label = self.tr("Exporting the trace to {name}…").format(name=os.path.basename(path))
        return self.files.start(label, work, finished)
