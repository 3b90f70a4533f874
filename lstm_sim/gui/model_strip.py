"""The model strip: a whole model's stack at a glance, and which cell is on screen.

Shown above the diagram when the session holds a whole model
(:attr:`Session.model`: several layers or directions, or a head): the input
width, each layer's cells (→ forward, ← reverse, with H), the head (P, where it
reads) — one button per cell; the cell shown is checked, and clicking another
shows it (:meth:`Session.select_cell`). Hidden for a single cell.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from ..engine.model import CellKey, Model
from ..session import Session, Topic
from .follow import follow

__all__ = ["ModelStrip", "cell_name", "model_opened_text"]


def cell_name(key: Any, *, short: bool = False) -> str:
    """``"layer 1 ← (reads t = T … 1)"`` / ``"layer 0 →"``: a cell, in the language of the UI
    (``short``: without the words on the reverse direction)."""
    key = CellKey(*key)
    if key.reverse and short:
        return QCoreApplication.translate("ModelStrip", "layer {k} ←").format(k=key.layer)
    if key.reverse:
        return QCoreApplication.translate("ModelStrip", "layer {k} ← (reads t = T … 1)").format(
            k=key.layer
        )
    return QCoreApplication.translate("ModelStrip", "layer {k} →").format(k=key.layer)


def model_opened_text(name: str, model: Model, key: Any) -> str:
    """The status-bar line after opening a whole model: its cells, and which one is shown."""
    cells = model.cell_keys()
    return QCoreApplication.translate(
        "ModelStrip",
        "Loaded the model {name}: {layers} layer(s), {count} cell(s); shown: {cell} "
        "(choose another with the Layer box or the model strip)",
    ).format(
        name=name,
        layers=len(model.layers),
        count=len(cells),
        cell=cell_name(key),
    )


class ModelStrip(QWidget):
    """The layers, directions and sizes of the session's model, and its head; one button per cell.

    Parameters
    ----------
    session : Session
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("model_strip")
        self.session = session
        self._lay = QHBoxLayout(self)
        self._lay.setContentsMargins(6, 2, 6, 2)
        self._lay.setSpacing(4)
        self._buttons: dict[CellKey, QToolButton] = {}
        self._labels: list[QLabel] = []
        self._model: Model | None = None
        self.sync()
        follow(self, session, self._on_changed, Topic.MODEL, Topic.PARAMS)

    # ------------------------------------------------------------ the view
    def sync(self) -> None:
        """Build the strip from the session's model (hidden without one)."""
        model = self.session.model
        if model is not self._model:
            self._model = model
            self._rebuild(model)
        key = self.session.cell_key
        for k, button in self._buttons.items():
            button.setChecked(k == key)
        self.setVisible(model is not None)

    def _rebuild(self, model: Model | None) -> None:
        while self._lay.count():
            item = self._lay.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self._buttons, self._labels = {}, []
        if model is None:
            return
        self._title = QLabel()
        self._lay.addWidget(self._title)
        self._input = QLabel()
        self._lay.addWidget(self._input)
        for k, layer in enumerate(model.layers):
            self._lay.addWidget(QLabel("▸"))
            for reverse, params in layer.cells():
                key = CellKey(k, reverse)
                button = QToolButton()
                button.setCheckable(True)
                button.setAutoRaise(True)
                button.setProperty("hidden_size", params.hidden_size)
                button.clicked.connect(lambda _on=False, key=key: self._select(key))
                self._buttons[key] = button
                self._lay.addWidget(button)
        self._head = QLabel()
        if model.head is not None:
            self._lay.addWidget(QLabel("▸"))
            self._lay.addWidget(self._head)
        self._lay.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text, in the current language."""
        model = self._model
        if model is None:
            return
        self._title.setText(self.tr("Model:"))
        self._input.setText(self.tr("input D = {d}").format(d=model.input_size))
        for key, button in self._buttons.items():
            h = button.property("hidden_size")
            arrow = "←" if key.reverse else "→"
            button.setText(self.tr("L{k} {arrow} H = {h}").format(k=key.layer, arrow=arrow, h=h))
            button.setToolTip(
                self.tr("Show {cell} in the diagram and plots").format(cell=cell_name(key))
            )
            button.setAccessibleName(cell_name(key))
        head = model.head
        if head is not None:
            where = {
                "every": self.tr("every step"),
                "last": self.tr("last step"),
                "final": self.tr("final states"),
            }[head.on]
            self._head.setText(
                self.tr("head ŷ: P = {p} ({where})").format(p=head.output_size, where=where)
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def rendered(self) -> dict[str, Any]:
        """What the strip shows (plain data): visible, the texts, the cell checked."""
        if self._model is None:
            return {"visible": False}
        return {
            "visible": not self.isHidden(),
            "input": self._input.text(),
            "cells": {
                f"{k.layer}{'r' if k.reverse else ''}": (b.text(), b.isChecked())
                for k, b in self._buttons.items()
            },
            "head": self._head.text() if self._model.head is not None else None,
        }

    # --------------------------------------------------------- user → session
    def _on_changed(self, _changes: frozenset[Topic]) -> None:
        self.sync()

    def _select(self, key: CellKey) -> None:
        self.session.select_cell(*key)
        self.sync()  # a click on the checked button leaves it checked
