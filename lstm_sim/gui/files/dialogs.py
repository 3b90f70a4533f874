"""The dialogs of the File menu: export options, and error texts.

Each dialog only collects a choice; what is done with it lives in
:mod:`lstm_sim.gui.files`. Every dialog can be driven without showing it
(tests set its widgets and read :meth:`columns` / :meth:`chosen` / :meth:`options`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QSignalBlocker
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...engine import EngineError
from ...io import FileError

__all__ = [
    "ExportDialog",
    "ExportOptions",
    "error_text",
    "qt_translate",
]


def qt_translate(context: str, text: str) -> str:
    """``QCoreApplication.translate`` as the ``translate`` of :meth:`FileError.translated`."""
    return QCoreApplication.translate(context, text)


def error_text(err: BaseException | str) -> str:
    """The message of an error in the language of the UI.

    A :class:`~lstm_sim.io.FileError` gives ``"FILE: PLACE: REASON"`` with the
    place and the reason translated (context ``"FileErrors"``), likewise an
    :class:`~lstm_sim.engine.EngineError` with a translatable message; anything
    else its ``str()``.
    """
    if isinstance(err, FileError | EngineError):
        return err.translated(qt_translate)
    return str(err)


# ========================================================================= export
@dataclass(frozen=True)
class ExportOptions:
    """What an export writes.

    Attributes
    ----------
    path : str
    fmt : {"png", "svg", "csv"}
    width, height : int
        Logical size (device-independent pixels). A PNG has
        ``round(width × ratio)`` × ``round(height × ratio)`` pixels; an SVG is
        ``width`` × ``height``; a CSV ignores them.
    ratio : float
        Device pixel ratio of a PNG (2: crisp on high-DPI screens and slides).
    panel : str or None
        The plot panel (a key of ``PlotPanels.plots``) for a one-panel export.
    """

    path: str
    fmt: str
    width: int
    height: int
    ratio: float = 2.0
    panel: str | None = None

    @property
    def pixel_size(self) -> tuple[int, int]:
        """The PNG's size in pixels."""
        return round(self.width * self.ratio), round(self.height * self.ratio)


class ExportDialog(QDialog):
    """Choose the format, size, pixel ratio and file of an export.

    Parameters
    ----------
    title : str
    formats : sequence of {"png", "svg", "csv"}
        Offered formats, the first one pre-selected.
    size : (int, int)
        The target's natural logical size (the default; also its aspect ratio).
    directory : str
        Folder proposed for the file (the last export folder).
    stem : str
        File name proposed, without suffix.
    panels : list of (key, label), optional
        For a one-panel export: the panels to choose from.
    panel : str, optional
        The panel pre-selected.
    parent : QWidget, optional
    """

    FORMAT_SUFFIX: ClassVar[dict[str, str]] = {"png": ".png", "svg": ".svg", "csv": ".csv"}

    def __init__(
        self,
        title: str,
        formats: tuple[str, ...] | list[str],
        size: tuple[int, int],
        directory: str,
        stem: str,
        *,
        panels: list[tuple[str, str]] | None = None,
        panel: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.setWindowTitle(title)
        self._aspect = max(size[0], 1) / max(size[1], 1)
        labels = {
            "png": self.tr("PNG image"),
            "svg": self.tr("SVG vector drawing"),
            "csv": self.tr("CSV data (the curves' values)"),
        }
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.panel_box = QComboBox()
        self.panel_box.setAccessibleName(self.tr("Plot panel"))
        for key, label in panels or []:
            self.panel_box.addItem(label, key)
        if panel is not None:
            self.panel_box.setCurrentIndex(max(0, self.panel_box.findData(panel)))
        if panels:
            form.addRow(self.tr("Panel:"), self.panel_box)
        self.format_box = QComboBox()
        self.format_box.setAccessibleName(self.tr("Format"))
        for fmt in formats:
            self.format_box.addItem(labels[fmt], fmt)
        form.addRow(self.tr("Format:"), self.format_box)

        self.size_group = QGroupBox(self.tr("Size"))
        self.width_box = QSpinBox()
        self.height_box = QSpinBox()
        for box, name in ((self.width_box, self.tr("Width")), (self.height_box, self.tr("Height"))):
            box.setRange(16, 20000)
            box.setSuffix(self.tr(" px"))
            box.setAccessibleName(name)
        self.width_box.setValue(max(16, int(size[0])))
        self.height_box.setValue(max(16, int(size[1])))
        self.keep_aspect = QCheckBox(self.tr("Keep the aspect ratio"))
        self.keep_aspect.setChecked(True)
        self.keep_aspect.setToolTip(
            self.tr("Another aspect ratio stretches the picture (text included)")
        )
        self.ratio_box = QDoubleSpinBox()
        self.ratio_box.setRange(0.5, 8.0)
        self.ratio_box.setSingleStep(0.5)
        self.ratio_box.setDecimals(2)
        self.ratio_box.setValue(2.0)
        self.ratio_box.setPrefix("× ")
        self.ratio_box.setMinimumWidth(90)
        self.ratio_box.setAccessibleName(self.tr("Device pixel ratio"))
        self.ratio_box.setToolTip(
            self.tr(
                "Pixels per logical pixel: 2 gives sharp lines and text on high-DPI screens "
                "and slides"
            )
        )
        self.pixels_label = QLabel()
        self.pixels_label.setObjectName("pixels_label")
        size_row = QHBoxLayout()
        size_row.addWidget(self.width_box)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.height_box)
        size_row.addSpacing(12)
        size_row.addWidget(self.keep_aspect)
        size_row.addStretch(1)
        size_form = QFormLayout(self.size_group)
        size_form.addRow(self.tr("Logical size:"), size_row)
        ratio_row = QHBoxLayout()
        ratio_row.addWidget(self.ratio_box)
        ratio_hint = QLabel(self.tr("2 or more: sharp on high-DPI screens and slides"))
        ratio_hint.setEnabled(False)
        ratio_row.addWidget(ratio_hint)
        ratio_row.addStretch(1)
        size_form.addRow(self.tr("Pixel ratio:"), ratio_row)
        size_form.addRow(self.tr("Result:"), self.pixels_label)

        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(self.tr("File"))
        self.path_edit.setMinimumWidth(360)
        suffix = self.FORMAT_SUFFIX[self.format()]
        self.path_edit.setText(os.path.join(directory, stem + suffix))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        form.addRow(self.size_group)
        form.addRow(self.tr("File:"), path_row)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addStretch(1)
        lay.addWidget(self.buttons)

        self.format_box.currentIndexChanged.connect(self._on_format)
        self.width_box.valueChanged.connect(self._on_width)
        self.height_box.valueChanged.connect(self._on_height)
        self.ratio_box.valueChanged.connect(lambda _v: self._update_label())
        self.path_edit.textChanged.connect(lambda _t: self._update_ok())
        self._on_format(self.format_box.currentIndex())
        self.setMinimumWidth(560)

    # ------------------------------------------------------------- reading
    def format(self) -> str:
        """The chosen format: ``"png"``, ``"svg"`` or ``"csv"``."""
        return self.format_box.currentData()

    def set_format(self, fmt: str) -> None:
        """Select a format (the file's suffix follows)."""
        self.format_box.setCurrentIndex(self.format_box.findData(fmt))

    def options(self) -> ExportOptions:
        """The choice, as :class:`ExportOptions`."""
        return ExportOptions(
            path=self.path_edit.text().strip(),
            fmt=self.format(),
            width=self.width_box.value(),
            height=self.height_box.value(),
            ratio=float(self.ratio_box.value()),
            panel=self.panel_box.currentData() if self.panel_box.count() else None,
        )

    # -------------------------------------------------------------- events
    def _on_format(self, _index: int) -> None:
        fmt = self.format()
        self.size_group.setEnabled(fmt != "csv")
        self.ratio_box.setEnabled(fmt == "png")
        path = self.path_edit.text()
        if path:
            base, ext = os.path.splitext(path)
            if ext.lower() in self.FORMAT_SUFFIX.values() or not ext:
                self.path_edit.setText(base + self.FORMAT_SUFFIX[fmt])
        self._update_label()

    def _on_width(self, value: int) -> None:
        if self.keep_aspect.isChecked():
            with QSignalBlocker(self.height_box):
                self.height_box.setValue(max(16, round(value / self._aspect)))
        self._update_label()

    def _on_height(self, value: int) -> None:
        if self.keep_aspect.isChecked():
            with QSignalBlocker(self.width_box):
                self.width_box.setValue(max(16, round(value * self._aspect)))
        self._update_label()

    def _update_label(self) -> None:
        fmt = self.format()
        w, h = self.width_box.value(), self.height_box.value()
        if fmt == "png":
            o = self.options()
            pw, ph = o.pixel_size
            text = self.tr("{w} × {h} pixels").format(w=pw, h=ph)
        elif fmt == "svg":
            text = self.tr("vector drawing, {w} × {h}").format(w=w, h=h)
        else:
            text = self.tr("the data of every curve (x and y columns)")
        self.pixels_label.setText(text)
        self._update_ok()

    def _update_ok(self) -> None:
        path = self.path_edit.text().strip()
        folder = os.path.dirname(path) or "."
        ok = bool(path) and not os.path.isdir(path) and os.path.isdir(folder)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)

    def _browse(self) -> None:
        fmt = self.format()
        suffix = self.FORMAT_SUFFIX[fmt]
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export to"),
            self.path_edit.text(),
            self.tr("{label} (*{suffix})").format(
                label=self.format_box.currentText(), suffix=suffix
            ),
        )
        if path:
            if not os.path.splitext(path)[1]:
                path += suffix
            self.path_edit.setText(path)
