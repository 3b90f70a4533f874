"""The CSV import dialog: which columns of a table are inputs x_t and which are targets y_t.

One class in one module (the real-data import extends it: scaling, missing values).
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...io import LoadError, TablePreview, peek_table
from .dialogs import error_text

__all__ = ["CsvImportDialog"]

# Column tints of the preview (Okabe–Ito blue and orange, light): inputs, targets.
_ROLE_TINT = {"input": QColor(86, 180, 233, 60), "target": QColor(230, 159, 0, 70)}


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
