"""A table of the current step's values (readable by screen readers).

Two tables: the input x_t, one column per input (D, named as the sequence
names them), and one row per quantity of the cell (h_{t-1}, C_{t-1}, f_t, i_t,
C̃_t, o_t, C_t, tanh(C_t), h_t) with one column per unit (H). x_t is per input,
not per unit, so it has a table of its own. The same numbers as the diagram,
as plain accessible text.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..session import Session, StepView, Topic
from .clamp_text import clamped_reading, clamped_short
from .diagram.captions import cell_input_title
from .follow import follow
from .numbers import format_value

__all__ = ["ValuesTable"]


class ValuesTable(QDockWidget):
    """Dock with the inputs x_t (one column per input) above one row per quantity of the
    cell and one column per unit, for step t."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("values_dock")
        self.session = session
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.inputs = QTableWidget(1, 0)
        self.inputs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.inputs.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.inputs.setVerticalHeaderItem(0, QTableWidgetItem("x_t"))
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.inputs)
        lay.addWidget(self.table, 1)
        self.setWidget(body)
        self._stale = True
        follow(self, session, self._on_changed, *StepView.TOPICS)
        self.retranslate()

    def retranslate(self) -> None:
        """The title, the rows' names and the columns' headers in the current language."""
        self.setWindowTitle(self.tr("Values at step t"))
        self.table.setAccessibleName(self.tr("Values of the current step"))
        self.table.setAccessibleDescription(
            self.tr("One row per quantity of the LSTM cell, one column per unit")
        )
        self.inputs.setAccessibleName(self.tr("Inputs of the current step"))
        self.inputs.setAccessibleDescription(self.tr("The input x_t, one column per input"))
        # (key, row header in the notation, its name in words for tooltips and readers)
        self._rows = [
            ("h_prev", "h_{t−1}", self.tr("previous hidden state h_{t−1}")),
            ("c_prev", "C_{t−1}", self.tr("previous cell state C_{t−1}")),
            ("f", "f_t", self.tr("forget gate f_t")),
            ("i", "i_t", self.tr("input gate i_t")),
            ("g", "C̃_t", self.tr("candidate C̃_t")),
            ("o", "o_t", self.tr("output gate o_t")),
            ("c", "C_t", self.tr("cell state C_t")),
            ("tanh_c", "tanh(C_t)", self.tr("tanh(C_t)")),
            ("h", "h_t", self.tr("hidden state h_t")),
        ]
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def rendered(self) -> dict[str, Any]:
        """What the table shows once visible: title, headers and every cell's text."""
        if self._stale:
            self._stale = False
            self.refresh()
        t, x = self.table, self.inputs
        return {
            "title": self.windowTitle(),
            "inputs": {
                "columns": [x.horizontalHeaderItem(k).text() for k in range(x.columnCount())],
                "cells": [x.item(0, k).text() for k in range(x.columnCount())],
                "tips": [x.item(0, k).toolTip() for k in range(x.columnCount())],
                "header": x.verticalHeaderItem(0).text(),
            },
            "columns": [t.horizontalHeaderItem(j).text() for j in range(t.columnCount())],
            "rows": [t.verticalHeaderItem(r).text() for r in range(t.rowCount())],
            "cells": [
                [t.item(r, j).text() for j in range(t.columnCount())] for r in range(t.rowCount())
            ],
            "x_tips": [t.item(0, j).toolTip() for j in range(t.columnCount())]
            if t.rowCount()
            else [],
        }

    def _on_changed(self, changes: frozenset[Topic]) -> None:
        # (called only for StepView.TOPICS) Hidden: refreshed once shown instead; but
        # a new sequence renames the inputs' columns at once (rare, and cheap).
        if self.isVisible() or Topic.SEQUENCE in changes:
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def cell_text(self, key: str, unit: int) -> str:
        """The text shown for quantity ``key`` and unit ``unit`` (for tests); for
        ``key == "x"``, ``unit`` is the input's index."""
        if key == "x":
            return self.inputs.item(0, unit).text()
        keys = [k for k, _, _ in self._rows]
        return self.table.item(keys.index(key), unit).text()

    def sync(self) -> None:
        """Build the table from the session alone (the only path; put off while hidden)."""
        self.refresh()

    def refresh(self) -> None:
        """Fill the table from the session."""
        self._stale = False
        s = self.session
        hidden = s.hidden_size
        view = s.step_view()
        values = view.values
        self._fill_inputs(values.get("x"), view.cell)
        self.table.setRowCount(len(self._rows))
        self.table.setColumnCount(hidden)
        self.table.setHorizontalHeaderLabels(
            [self.tr("unit {j}").format(j=j) for j in range(hidden)]
        )
        for row, (_key, short, label) in enumerate(self._rows):
            header = QTableWidgetItem(short)
            header.setToolTip(label)
            header.setWhatsThis(label)
            self.table.setVerticalHeaderItem(row, header)
        for row, (key, _short, label) in enumerate(self._rows):
            vec = values.get(key)
            for j in range(hidden):
                if vec is None:
                    text = "—"
                elif key in view.clamped:  # a constant, not σ(z): say so
                    text = clamped_short(view.clamped[key])
                else:
                    text = format_value(vec[j])
                item = self.table.item(row, j)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(row, j, item)
                item.setText(text)
                tip = text
                if vec is not None and key in view.clamped:
                    tip = clamped_reading(key, view.clamped[key], view.pre[key][j], format_value)
                item.setToolTip(f"{label}, {self.tr('unit {j}').format(j=j)}: {tip}")

    def _fill_inputs(self, x: Any, cell: tuple[int, bool] | None) -> None:
        """The input row: one column per input of the shown cell, named as the session
        names them (the sequence's columns, or the units of the layer below)."""
        names = self.session.cell_input_names()
        self.inputs.setColumnCount(len(names))
        self.inputs.setHorizontalHeaderLabels(list(names))
        label = self.tr("input x_t")
        if cell is not None:  # a model's cell: what its x_t is
            label = cell_input_title(cell)
        header = self.inputs.verticalHeaderItem(0)
        header.setText("x_t" if cell is None else label)
        header.setToolTip(label)
        for k, name in enumerate(names):
            text = "—" if x is None else format_value(x[k])  # None at t = 0: no input yet
            item = self.inputs.item(0, k)
            if item is None:
                item = QTableWidgetItem()
                self.inputs.setItem(0, k, item)
            item.setText(text)
            item.setToolTip(f"{label}, {name}: {text}")
        # one row: as high as its header and the row, no empty space below
        height = self.inputs.horizontalHeader().sizeHint().height() + self.inputs.rowHeight(0)
        bar = self.inputs.horizontalScrollBar().sizeHint().height()  # room for many inputs
        self.inputs.setFixedHeight(height + bar + 2 * self.inputs.frameWidth() + 2)
