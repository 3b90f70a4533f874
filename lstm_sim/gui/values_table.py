"""A table of the current step's values (readable by screen readers).

Rows: x_t, h_{t-1}, C_{t-1}, f_t, i_t, C̃_t, o_t, C_t, tanh(C_t), h_t (and ŷ_t
with a read-out); columns: the units. The same numbers as the diagram, as
plain accessible text.
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
    QWidget,
)

from ..session import Session, StepView, Topic
from .diagram.captions import cell_input_title
from .equations import format_value
from .follow import follow

__all__ = ["ValuesTable"]


class ValuesTable(QDockWidget):
    """Dock with one row per quantity and one column per unit, for step t."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("values_dock")
        self.session = session
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setWidget(self.table)
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
        # (key, row header in the notation, its name in words for tooltips and readers)
        self._rows = [
            ("x", "x_t", self.tr("input x_t")),
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
        t = self.table
        return {
            "title": self.windowTitle(),
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
        # (called only for StepView.TOPICS) Hidden: refreshed once shown instead,
        # except for a new sequence (rare), whose column names the x_t tooltips give.
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
        """The text shown for quantity ``key`` and unit ``unit`` (for tests)."""
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
        names = s.cell_input_names()
        self.table.setRowCount(len(self._rows))
        self.table.setColumnCount(hidden)
        self.table.setHorizontalHeaderLabels(
            [self.tr("unit {j}").format(j=j) for j in range(hidden)]
        )
        for row, (key, short, label) in enumerate(self._rows):
            if key == "x" and view.cell is not None:  # a model's cell: what its x_t is
                short = label = cell_input_title(view.cell)
            header = QTableWidgetItem(short)
            header.setToolTip(f"{label}: {', '.join(names)}" if key == "x" else label)
            header.setWhatsThis(label)
            self.table.setVerticalHeaderItem(row, header)
        for row, (key, _short, label) in enumerate(self._rows):
            vec = values.get(key)
            for j in range(hidden):
                if vec is None:
                    text = "—"
                elif key == "x":
                    # inputs are D wide, not H: show them in the first columns
                    text = format_value(vec[j]) if j < len(vec) else ""
                else:
                    text = format_value(vec[j])
                item = self.table.item(row, j)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(row, j, item)
                item.setText(text)
                if key == "x":  # the x_t row holds the inputs: name their columns
                    column = names[j] if j < len(names) else ""
                    item.setToolTip(f"{label}, {column}: {text}" if column else "")
                else:
                    item.setToolTip(f"{label}, {self.tr('unit {j}').format(j=j)}: {text}")
