"""The dialogs of the File menu: CSV import with a preview, layer chooser, export options.

Each dialog only collects a choice; what is done with it lives in
:mod:`lstm_sim.gui.files`. Every dialog can be driven without showing it
(tests set its widgets and read :meth:`columns` / :meth:`chosen` / :meth:`options`).
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..engine import EngineError
from ..io import FileError, LayerInfo, LoadError, TablePreview, peek_table

__all__ = [
    "CsvImportDialog",
    "ExportDialog",
    "ExportOptions",
    "LayerDialog",
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


# Column tints of the preview (Okabe–Ito blue and orange, light): inputs, targets.
_ROLE_TINT = {"input": QColor(86, 180, 233, 60), "target": QColor(230, 159, 0, 70)}


# ====================================================================== CSV import
class CsvImportDialog(QDialog):
    """Choose which columns of a CSV/TSV file are inputs x_t and which are targets y_t.

    Shows the first rows of the file (:func:`lstm_sim.io.peek_table`) with a
    role per column (input, target, skip), pre-set to the preview's
    suggestions; the delimiter and the header line can be overridden, which
    re-reads the preview.

    Parameters
    ----------
    preview : TablePreview
        The file's preview as first detected.
    parent : QWidget, optional
    """

    ROLES = ("input", "target", "skip")

    def __init__(self, preview: TablePreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("csv_import_dialog")
        self.setWindowTitle(self.tr("Import table — {name}").format(name=Path(preview.path).name))
        self._preview = preview
        self._roles: list[str] = []
        self._delimiter_forced = False
        self._header_forced = False

        intro = QLabel(
            self.tr(
                "Choose the role of each column: <b>inputs</b> x_t feed the cell, "
                "<b>targets</b> y_t are what it should predict (optional). One row is one "
                "time step."
            )
        )
        intro.setWordWrap(True)
        self.delimiter_box = QComboBox()
        self.delimiter_box.setAccessibleName(self.tr("Delimiter"))
        for label, value in (
            (self.tr("comma ( , )"), ","),
            (self.tr("tab"), "\t"),
            (self.tr("semicolon ( ; )"), ";"),
            (self.tr("bar ( | )"), "|"),
            (self.tr("spaces"), None),
        ):
            self.delimiter_box.addItem(label, value)
        self.header_box = QCheckBox(self.tr("First line holds the column names"))
        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("Delimiter:")))
        options.addWidget(self.delimiter_box)
        options.addSpacing(16)
        options.addWidget(self.header_box)
        options.addStretch(1)

        self.table = QTableWidget()
        self.table.setObjectName("csv_preview")
        self.table.setAccessibleName(self.tr("Preview of the first rows"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setAlternatingRowColors(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setMinimumSectionSize(84)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAccessibleName(self.tr("Chosen columns"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(options)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.summary)
        lay.addWidget(self.buttons)
        self.resize(720, 460)

        self._show_preview(preview, suggested=True)
        self.delimiter_box.currentIndexChanged.connect(self._on_delimiter)
        self.header_box.toggled.connect(self._on_header)

    # ------------------------------------------------------------- reading
    @property
    def preview(self) -> TablePreview:
        """The preview shown (re-read after a delimiter or header change)."""
        return self._preview

    def role(self, column: int) -> str:
        """``"input"``, ``"target"`` or ``"skip"`` for column ``column``."""
        return self._roles[column]

    def set_role(self, column: int, role: str) -> None:
        """Set a column's role (as the combo box in its first row does)."""
        if role not in self.ROLES:
            raise ValueError(f"role: expected one of {self.ROLES}, got {role!r}")
        combo = self.table.cellWidget(0, column)
        combo.setCurrentIndex(self.ROLES.index(role))  # → _on_role

    def columns(self) -> tuple[list[int], list[int]]:
        """The chosen (input columns, target columns), as 0-based indices."""
        inputs = [j for j, r in enumerate(self._roles) if r == "input"]
        targets = [j for j, r in enumerate(self._roles) if r == "target"]
        return inputs, targets

    def load_options(self) -> dict[str, object]:
        """Keyword arguments for :func:`lstm_sim.io.load_sequence` besides the columns."""
        return {"delimiter": self._preview.delimiter, "header": self._preview.has_header}

    # ------------------------------------------------------------ building
    def _show_preview(self, preview: TablePreview, *, suggested: bool) -> None:
        self._preview = preview
        with QSignalBlocker(self.delimiter_box), QSignalBlocker(self.header_box):
            self.delimiter_box.setCurrentIndex(
                max(0, self.delimiter_box.findData(preview.delimiter))
            )
            self.header_box.setChecked(preview.has_header)
        old = dict(enumerate(self._roles)) if not suggested else {}
        n = len(preview.columns)
        roles = []
        for j in range(n):
            if j in old and len(self._roles) == n:
                roles.append(old[j])
            elif j in preview.suggested_targets:
                roles.append("target")
            elif j in preview.suggested_inputs:
                roles.append("input")
            else:
                roles.append("skip")
        self._roles = roles
        table = self.table
        table.clear()
        table.setColumnCount(n)
        table.setRowCount(1 + len(preview.rows))
        table.setHorizontalHeaderLabels(list(preview.columns))
        table.setVerticalHeaderLabels(
            [self.tr("role")] + [str(k + 1) for k in range(len(preview.rows))]
        )
        labels = {
            "input": self.tr("input x"),
            "target": self.tr("target y"),
            "skip": self.tr("skip"),
        }
        for j in range(n):
            combo = QComboBox()
            for role in self.ROLES:
                combo.addItem(labels[role], role)
            combo.setCurrentIndex(self.ROLES.index(roles[j]))
            combo.setAccessibleName(
                self.tr("Role of column {name}").format(name=preview.columns[j])
            )
            if not preview.numeric[j]:
                combo.setToolTip(self.tr("No number in the first rows: a text column"))
            combo.currentIndexChanged.connect(lambda _i, col=j: self._on_role(col))
            table.setCellWidget(0, j, combo)
            for r, row in enumerate(preview.rows, start=1):
                item = QTableWidgetItem(row[j] if j < len(row) else "")
                item.setTextAlignment(
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    if preview.numeric[j]
                    else Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                )
                table.setItem(r, j, item)
        table.setRowHeight(0, 30)
        # A few columns fill the width; many keep their natural widths (and scroll).
        mode = QHeaderView.ResizeMode.Stretch if n <= 8 else QHeaderView.ResizeMode.ResizeToContents
        table.horizontalHeader().setSectionResizeMode(mode)
        self._tint()
        self._update_summary()

    def _tint(self) -> None:
        for j, role in enumerate(self._roles):
            brush = QBrush(_ROLE_TINT[role]) if role in _ROLE_TINT else QBrush()
            for r in range(1, self.table.rowCount()):
                item = self.table.item(r, j)
                if item is not None:
                    item.setBackground(brush)
                    if role == "skip":
                        item.setForeground(QBrush(QColor(140, 140, 140)))
                    else:
                        item.setForeground(QBrush())

    def _update_summary(self) -> None:
        inputs, targets = self.columns()
        p = self._preview
        names = [html.escape(c) for c in p.columns]
        parts = [
            self.tr("Inputs (D = {d}): {names}").format(
                d=len(inputs), names=", ".join(names[j] for j in inputs) or "—"
            ),
            self.tr("Targets (P = {p}): {names}").format(
                p=len(targets), names=", ".join(names[j] for j in targets) or "—"
            ),
            self.tr("The first {n} rows are shown; more follow.").format(n=len(p.rows))
            if p.more_rows
            else self.tr("All {n} rows are shown.").format(n=len(p.rows)),
        ]
        text = "<br>".join(parts[:2]) + "<br>" + parts[2]
        ok = bool(inputs)
        if not ok:
            text = "<b>" + self.tr("Choose at least one input column.") + "</b><br>" + text
        self.summary.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(ok)

    # -------------------------------------------------------------- events
    def _on_role(self, column: int) -> None:
        combo = self.table.cellWidget(0, column)
        self._roles[column] = combo.currentData()
        self._tint()
        self._update_summary()

    def _reread(self) -> None:
        try:
            preview = peek_table(
                self._preview.path,
                delimiter=self.delimiter_box.currentData(),
                header=self.header_box.isChecked(),
            )
        except LoadError as err:
            self.summary.setText(html.escape(error_text(err)))
            self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(False)
            return
        # A different split gives different columns: start again from the suggestions.
        same = preview.columns == self._preview.columns
        self._show_preview(preview, suggested=not same)

    def _on_delimiter(self, _index: int) -> None:
        self._reread()

    def _on_header(self, _on: bool) -> None:
        self._reread()


# =================================================================== layer chooser
class LayerDialog(QDialog):
    """Choose one LSTM cell of a weight file that holds several layers or directions.

    Parameters
    ----------
    infos : list of LayerInfo
        From :func:`lstm_sim.io.layer_infos`.
    input_size : int
        The sequence's D: cells that take another input size are marked (and
        the first that fits is pre-selected).
    parent : QWidget, optional
    """

    def __init__(
        self, infos: list[LayerInfo], input_size: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("layer_dialog")
        self.setWindowTitle(self.tr("Choose a layer"))
        self._infos = list(infos)
        intro = QLabel(
            self.tr(
                "This file holds {n} LSTM cells (layers or directions). The simulator shows "
                "one cell: choose which."
            ).format(n=len(infos))
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("LSTM cells in the file"))
        first_fit = None
        for k, info in enumerate(infos):
            direction = self.tr("backward") if info.reverse else self.tr("forward")
            text = self.tr("Layer {n}, {direction} — D = {d}, H = {h}  ({name})").format(
                n=info.layer,
                direction=direction,
                d=info.input_size,
                h=info.hidden_size,
                name=info.name,
            )
            item = QListWidgetItem(text)
            if info.input_size != input_size:
                item.setForeground(QBrush(QColor(150, 150, 150)))
                item.setToolTip(
                    self.tr("Takes {d} inputs per step; the sequence has {D}").format(
                        d=info.input_size, D=input_size
                    )
                )
            elif first_fit is None:
                first_fit = k
            self.list.addItem(item)
        self.list.setCurrentRow(first_fit if first_fit is not None else 0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        note = QLabel(
            self.tr(
                "The sequence has D = {D} inputs per step; greyed cells take another size."
            ).format(D=input_size)
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.list, 1)
        lay.addWidget(note)
        lay.addWidget(buttons)
        self.resize(520, 300)

    def chosen(self) -> LayerInfo:
        """The selected cell."""
        return self._infos[max(0, self.list.currentRow())]


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
