"""The CSV import dialog: which columns are inputs x_t and targets y_t, and how to read them.

One class in one module: the roles of the columns (one by one, or many at
once), the delimiter and the header line, the scaling of the inputs and the
targets with the statistics it uses, what to do with missing values, the
number of rows (counted in a worker for a big file), and the cells of the
preview that will fail to load, marked before the user presses Open.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...engine.errors import QT_TRANSLATE_NOOP, Message, Text, translate_message
from ...io import CellIssue, LoadError, TablePreview, peek_table
from ...io.csv_layout import MISSING_CHOICES
from ...scaling import ScaleSpec, auto_method, default_scale
from ...sequence import MISSING_POLICIES
from .dialogs import error_text, qt_translate
from .row_count import RowCount

__all__ = ["CsvImportDialog", "in_app_words"]

#: The missing-value options as the app offers them (the loader names the command line's).
DIALOG_CHOICES = Text(
    QT_TRANSLATE_NOOP(
        "FileErrors",
        "Missing values in the import dialog: drop the row, interpolate, repeat the previous "
        "value or use 0",
    )
)


def in_app_words(message: Message) -> Message:
    """A loader's message with the command line's ``--missing …`` options said as the app's."""
    if isinstance(message, Text) and message.fields.get("choices") == MISSING_CHOICES:
        return Text(message.template, **{**message.fields, "choices": DIALOG_CHOICES})
    return message


def in_app_error(err: LoadError) -> LoadError:
    """:func:`in_app_words` on the reason of a load error (the file and place stay)."""
    reason = in_app_words(err.reason_text)
    return err if reason is err.reason_text else LoadError(err.path, err.place_text, reason)


# Column tints of the preview (Okabe–Ito blue and orange, light): inputs, targets.
_ROLE_TINT = {"input": QColor(86, 180, 233, 60), "target": QColor(230, 159, 0, 70)}
# A cell that will fail to load (Okabe–Ito vermillion, strong enough over a tint).
_FAIL_TINT = QColor(213, 94, 0, 150)
_SCALINGS = ("auto", "standard", "minmax", "none")


def _numbers(preview: TablePreview, column: int) -> np.ndarray:
    """The previewed numbers of one column (missing and bad cells left out)."""
    values = [
        float(row[column])
        for row, kinds in zip(preview.rows, preview.kinds, strict=True)
        if column < len(row) and column < len(kinds) and kinds[column] == "number"
    ]
    return np.array(values, dtype=np.float64)


class CsvImportDialog(QDialog):
    """Choose how a CSV/TSV file becomes a sequence: columns, scaling, missing values.

    Shows the first rows of the file (:func:`lstm_sim.io.peek_table`) with a
    role per column (input, target, skip), pre-set to the preview's
    suggestions (date, time and index columns label the steps and are not
    inputs); the delimiter and the header line can be overridden, which
    re-reads the preview. Cells that will fail to load are marked.

    Parameters
    ----------
    preview : TablePreview
        The file's preview as first detected.
    parent : QWidget, optional
    weights_loaded : bool
        The cell holds trained weights from a file: the default scaling is
        then ``none`` (the weights expect the values as they were trained
        on), else ``auto`` (:func:`lstm_sim.scaling.default_scale`).
    """

    ROLES = ("input", "target", "skip")

    def __init__(
        self,
        preview: TablePreview,
        parent: QWidget | None = None,
        *,
        weights_loaded: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("csv_import_dialog")
        self.setWindowTitle(self.tr("Import table — {name}").format(name=Path(preview.path).name))
        self._preview = preview
        self._roles: list[str] = []
        self._issues: tuple[CellIssue, ...] = ()
        self._header_forced = False

        intro = QLabel(
            self.tr(
                "Choose the role of each column: <b>inputs</b> x_t feed the cell, "
                "<b>targets</b> y_t are what it should predict (optional). One row is one "
                "time step. Select several columns to give them one role at once."
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
        self.header_note = QLabel()
        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("Delimiter:")))
        options.addWidget(self.delimiter_box)
        options.addSpacing(16)
        options.addWidget(self.header_box)
        options.addWidget(self.header_note)
        options.addStretch(1)

        self.table = QTableWidget()
        self.table.setObjectName("csv_preview")
        self.table.setAccessibleName(self.tr("Preview of the first rows"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setMinimumSectionSize(84)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.itemSelectionChanged.connect(self._on_selection)

        # Many columns at once: select them (click the headers with Ctrl/Shift), one choice.
        bulk = QHBoxLayout()
        self.bulk_label = QLabel(self.tr("Selected columns:"))
        bulk.addWidget(self.bulk_label)
        self.bulk_buttons: dict[str, QPushButton] = {}
        for role, text in (
            ("input", self.tr("Inputs x")),
            ("target", self.tr("Targets y")),
            ("skip", self.tr("Skip")),
        ):
            button = QPushButton(text)
            button.setObjectName(f"bulk_{role}")
            button.clicked.connect(lambda _on=False, r=role: self._bulk(r))
            bulk.addWidget(button)
            self.bulk_buttons[role] = button
        bulk.addStretch(1)

        self.scale_box = QComboBox()
        self.scale_box.setObjectName("scale_inputs")
        self.target_scale_box = QComboBox()
        self.target_scale_box.setObjectName("scale_targets")
        labels = {
            "auto": self.tr("automatic (standardise columns beyond ±5)"),
            "standard": self.tr("standardise (mean 0, std. dev. 1)"),
            "minmax": self.tr("min-max to [0, 1]"),
            "none": self.tr("none (the values as in the file)"),
        }
        default = default_scale(weights_loaded)
        for box in (self.scale_box, self.target_scale_box):
            for method in _SCALINGS:
                box.addItem(labels[method], method)
            box.setCurrentIndex(_SCALINGS.index(default))
        self.scale_box.setAccessibleName(self.tr("Scaling of the inputs"))
        self.target_scale_box.setAccessibleName(self.tr("Scaling of the targets"))
        self.scale_stats = QLabel()
        self.scale_stats.setObjectName("scale_stats")
        self.scale_stats.setWordWrap(False)  # one line per column (a wrapped label left gaps)
        self.scale_stats.setTextFormat(Qt.TextFormat.RichText)
        self.scale_stats.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.scale_stats.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.missing_box = QComboBox()
        self.missing_box.setObjectName("missing_policy")
        self.missing_box.setAccessibleName(self.tr("Missing values"))
        policy_labels = {
            "error": self.tr("stop with an error"),
            "drop": self.tr("drop the row"),
            "interpolate": self.tr("interpolate between neighbours"),
            "ffill": self.tr("repeat the previous value"),
            "zero": self.tr("use 0"),
        }
        for policy in MISSING_POLICIES:
            self.missing_box.addItem(policy_labels[policy], policy)
        self.missing_box.setToolTip(
            self.tr("Empty cells, NA, NaN and null in the columns that are read")
        )
        form = QFormLayout()
        form.addRow(self.tr("Scale the inputs:"), self.scale_box)
        form.addRow("", self.scale_stats)
        form.addRow(self.tr("Scale the targets:"), self.target_scale_box)
        form.addRow(self.tr("Missing values:"), self.missing_box)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAccessibleName(self.tr("Chosen columns"))
        self.row_count = RowCount(preview)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("problems_label")
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextFormat(Qt.TextFormat.RichText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(options)
        lay.addWidget(self.table, 1)
        lay.addLayout(bulk)
        lay.addLayout(form)
        lay.addWidget(self.summary)
        lay.addWidget(self.row_count)
        lay.addWidget(self.problems_label)
        lay.addWidget(self.buttons)
        self.resize(820, 640)

        self._show_preview(preview, suggested=True)
        self._on_selection()
        self.delimiter_box.currentIndexChanged.connect(self._on_delimiter)
        self.header_box.toggled.connect(self._on_header)
        self.scale_box.currentIndexChanged.connect(self._update_summary)
        self.target_scale_box.currentIndexChanged.connect(self._update_summary)
        self.missing_box.currentIndexChanged.connect(self._refresh_issues)

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

    def set_roles(self, columns: list[int], role: str) -> None:
        """Give many columns one role (the buttons under the table, on the selection)."""
        if role not in self.ROLES:
            raise ValueError(f"role: expected one of {self.ROLES}, got {role!r}")
        for j in columns:
            combo = self.table.cellWidget(0, j)
            with QSignalBlocker(combo):
                combo.setCurrentIndex(self.ROLES.index(role))
            self._roles[j] = role
        self._refresh_issues()

    def _bulk(self, role: str) -> None:
        self.set_roles(self.selected(), role)
        # Deselect: the selection's highlight would hide the new tints and the marked cells.
        self.table.clearSelection()

    def selected(self) -> list[int]:
        """The selected columns (0-based, in order)."""
        return sorted({index.column() for index in self.table.selectedIndexes()})

    def select_columns(self, columns: list[int]) -> None:
        """Select these columns (as clicking their headers with Ctrl does)."""
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for j in columns:
            self.table.selectColumn(j)
        self.table.setSelectionMode(mode)

    def columns(self) -> tuple[list[int], list[int]]:
        """The chosen (input columns, target columns), as 0-based indices."""
        inputs = [j for j, r in enumerate(self._roles) if r == "input"]
        targets = [j for j, r in enumerate(self._roles) if r == "target"]
        return inputs, targets

    def label_column(self) -> int | None:
        """The column whose values will label the steps (the first time column not read)."""
        used = set(self.columns()[0]) | set(self.columns()[1])
        times = [j for j, r in enumerate(self._preview.roles) if r == "time" and j not in used]
        return times[0] if times else None

    def issues(self) -> tuple[CellIssue, ...]:
        """The previewed cells that will fail with the chosen columns and missing-value policy."""
        return self._issues

    @property
    def total_rows(self) -> int | None:
        """The number of data rows, once known (counted in a worker for a big file)."""
        return self.row_count.rows

    def scale_spec(self) -> ScaleSpec:
        """The chosen scaling of the inputs and of the targets."""
        return ScaleSpec(
            inputs=self.scale_box.currentData(), targets=self.target_scale_box.currentData()
        )

    def load_options(self) -> dict[str, Any]:
        """Keyword arguments for :func:`lstm_sim.io.load_sequence` besides the columns."""
        return {
            "delimiter": self._preview.delimiter,
            "header": self._preview.has_header,
            "missing": self.missing_box.currentData(),
            "scale": self.scale_spec(),
        }

    # ------------------------------------------------------------ building
    def _show_preview(self, preview: TablePreview, *, suggested: bool) -> None:
        self._preview = preview
        with QSignalBlocker(self.delimiter_box), QSignalBlocker(self.header_box):
            self.delimiter_box.setCurrentIndex(
                max(0, self.delimiter_box.findData(preview.delimiter))
            )
            self.header_box.setChecked(preview.has_header)
        self.header_note.setText(
            self.tr("(your choice)") if self._header_forced else self.tr("(detected)")
        )
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
            [self.tr("role")]
            + [
                str(preview.lines[k] if k < len(preview.lines) else k + 1)
                for k in range(len(preview.rows))
            ]
        )
        labels = {
            "input": self.tr("input x"),
            "target": self.tr("target y"),
            "skip": self.tr("skip"),
        }
        time_roles = preview.roles or ("",) * n
        for j in range(n):
            combo = QComboBox()
            for role in self.ROLES:
                combo.addItem(labels[role], role)
            combo.setCurrentIndex(self.ROLES.index(roles[j]))
            combo.setAccessibleName(
                self.tr("Role of column {name}").format(name=preview.columns[j])
            )
            if time_roles[j] == "time":
                combo.setToolTip(
                    self.tr(
                        "A date, time or index column: it labels the steps (the x axis of "
                        "the plots) rather than feeding the cell"
                    )
                )
            elif not preview.numeric[j]:
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
        self._refresh_issues()

    def _refresh_issues(self) -> None:
        """Re-mark the failing cells and the summary after any change of choice."""
        inputs, targets = self.columns()
        self._issues = self._preview.problems(inputs + targets, self.missing_box.currentData())
        self._tint()
        self._update_summary()

    def _tint(self) -> None:
        failing: dict[tuple[int, int], str] = {}
        width = self.table.columnCount()
        for issue in self._issues:
            text = translate_message(in_app_words(issue.reason), qt_translate)
            columns = range(width) if issue.column is None else [issue.column]
            for j in columns:
                failing.setdefault((issue.row + 1, j), text)
        for j, role in enumerate(self._roles):
            brush = QBrush(_ROLE_TINT[role]) if role in _ROLE_TINT else QBrush()
            for r in range(1, self.table.rowCount()):
                item = self.table.item(r, j)
                if item is None:
                    continue
                reason = failing.get((r, j))
                item.setBackground(QBrush(_FAIL_TINT) if reason else brush)
                item.setToolTip(reason or "")
                if role == "skip" and not reason:
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
        ]
        label = self.label_column()
        if label is not None:
            parts.append(
                self.tr("The steps are labelled by {name} (the x axis of the plots).").format(
                    name=names[label]
                )
            )
        text = "<br>".join(parts)
        ok = bool(inputs)
        if not ok:
            text = "<b>" + self.tr("Choose at least one input column.") + "</b><br>" + text
        self.summary.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(ok)
        self.target_scale_box.setEnabled(bool(targets))
        self.scale_stats.setText(self._stats_text(inputs, targets))
        self.problems_label.setText(self._problems_text())

    def _stats_text(self, inputs: list[int], targets: list[int]) -> str:
        """Per column read: the previewed range, mean and spread, and what the scaling does."""
        p = self._preview
        done = {
            "standard": self.tr("standardised"),
            "minmax": self.tr("min-max to [0, 1]"),
            "none": self.tr("as in the file"),
        }
        lines = []
        for columns, box in ((inputs, self.scale_box), (targets, self.target_scale_box)):
            for j in columns:
                values = _numbers(p, j)
                if not values.size:
                    continue
                method = box.currentData()
                if method == "auto":
                    method = auto_method(values)
                lines.append(
                    self.tr(
                        "{name}: {low} … {high}, mean {mean}, std. dev. {std} → {scaling}"
                    ).format(
                        name=html.escape(p.columns[j]),
                        low=f"{values.min():.4g}",
                        high=f"{values.max():.4g}",
                        mean=f"{values.mean():.4g}",
                        std=f"{values.std():.4g}",
                        scaling=done[method],
                    )
                )
        if not lines:
            return ""
        if p.more_rows:
            note = self.tr(
                "Statistics of the first {n} rows; the scaling uses the whole file."
            ).format(n=len(p.rows))
        else:
            note = self.tr("Statistics of all {n} rows.").format(n=len(p.rows))
        shown = lines[:8] + (["…"] if len(lines) > 8 else [])
        return "<br>".join(shown) + "<br><i>" + note + "</i>"

    def _problems_text(self) -> str:
        issues = self._issues
        if not issues:
            return ""
        first = issues[0]
        name = "" if first.column is None else self._preview.columns[first.column]
        place = (
            self.tr("line {line}").format(line=first.line)
            if first.column is None
            else self.tr("line {line}, column {column} ({name})").format(
                line=first.line, column=first.column + 1, name=repr(name)
            )
        )
        head = self.tr(
            "{n} cell(s) of the preview will fail to load (marked); the first, {place}: {reason}"
        ).format(
            n=len(issues),
            place=place,
            reason=translate_message(in_app_words(first.reason), qt_translate),
        )
        advice = []
        if any(i.kind == "missing" for i in issues):
            advice.append(self.tr("Choose what to do with missing values above."))
        if any(i.kind in ("text", "too_long", "not_finite") for i in issues):
            advice.append(self.tr("Skip the columns that hold text."))
        return (
            '<span style="color:#d55e00"><b>'
            + html.escape(head)
            + "</b></span>"
            + ("<br>" + " ".join(advice) if advice else "")
        )

    def done(self, result: int) -> None:
        self.row_count.cancel()
        super().done(result)

    # -------------------------------------------------------------- events
    def _on_selection(self) -> None:
        chosen = bool(self.selected())
        for button in self.bulk_buttons.values():
            button.setEnabled(chosen)

    def _on_role(self, column: int) -> None:
        combo = self.table.cellWidget(0, column)
        self._roles[column] = combo.currentData()
        self._refresh_issues()

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
        had_header = self._preview.has_header
        self._show_preview(preview, suggested=not same)
        self.row_count.set_preview(preview, header_changed=preview.has_header != had_header)

    def _on_delimiter(self, _index: int) -> None:
        self._reread()

    def _on_header(self, _on: bool) -> None:
        self._header_forced = True
        self._reread()
