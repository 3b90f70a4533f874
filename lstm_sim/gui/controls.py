"""The controls bar between the diagram and the plots: unit, loss, BPTT window, what-if clamps.

A view of the session's settings and selected unit: :meth:`ControlsBar.sync`
sets every control from the session (with their signals blocked, so nothing is
written back), and a change by the user goes to the session's setters only.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from ..session import Session, Topic
from .flow_layout import FlowLayout
from .follow import follow
from .i18n import numerus
from .model_strip import cell_name

__all__ = ["ControlsBar"]

#: The largest BPTT window the spin box offers (steps).
MAX_WINDOW = 10_000_000


class StepsBox(QSpinBox):
    """A spin box of a number of steps that reads "1 step", "200 steps" (or "%n 步")."""

    def textFromValue(self, value: int) -> str:
        #: The BPTT window in the controls bar: "1 step", "200 steps".
        return numerus(self.tr("%n step(s)", "", value), value)

    def valueFromText(self, text: str) -> int:
        digits = re.sub(r"\D", "", text)
        return int(digits) if digits else self.minimum()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if text == self.specialValueText():
            return QValidator.State.Acceptable, text, pos
        digits = re.sub(r"\D", "", text)
        if not digits:
            return QValidator.State.Intermediate, text, pos
        ok = self.minimum() <= int(digits) <= self.maximum()
        return (QValidator.State.Acceptable if ok else QValidator.State.Invalid), text, pos


class ControlsBar(QWidget):
    """Unit, "plot all units", loss, BPTT window (or "all"), and the what-if clamps.

    The spin box of the window shows "all" (its special value, 0) when the
    session's window is None, so a window of "all" never reads "1 steps".
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("controls_bar")
        self.session = session
        # The cell of a whole model shown (layer and direction); hidden for one cell.
        self.cell_label = QLabel()
        self.cell_box = QComboBox()
        self.cell_box.currentIndexChanged.connect(self._on_cell)
        self.cell_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._cells: tuple = ()
        self.unit_label = QLabel()
        self.unit_box = QSpinBox()
        self.unit_box.valueChanged.connect(lambda v: self.session.set_unit(v))
        self.all_units_box = QCheckBox()
        self.all_units_box.toggled.connect(
            lambda on: self.session.update_settings(show_all_units=bool(on))
        )
        self.loss_label = QLabel()
        self.loss_box = QComboBox()
        self.loss_box.addItem("", "output")
        self.loss_box.addItem("", "unit")
        # The prediction losses: offered with targets and a read-out (or a model's head).
        self.loss_box.addItem("", "prediction")
        self.loss_box.addItem("", "prediction_sum")
        # (its items' texts change with what the session offers: the width follows them)
        self.loss_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.loss_box.currentIndexChanged.connect(
            lambda _i: self.session.update_settings(loss=self.loss_box.currentData())
        )
        self.window_label = QLabel()
        self.window_box = StepsBox()
        self.window_box.setRange(0, MAX_WINDOW)  # 0: the special value, "all"
        self.window_box.valueChanged.connect(self._on_window)
        self.window_all = QCheckBox()
        self.window_all.toggled.connect(self._on_window)
        self.what_if = QLabel()
        self.clamp_f = QComboBox()
        self.clamp_f.addItem("", None)
        self.clamp_f.addItem("", 1.0)
        self.clamp_f.addItem("", 0.0)
        self.clamp_i = QCheckBox()
        self.clamp_o = QCheckBox()
        for w in (self.clamp_f, self.clamp_i, self.clamp_o):
            signal = w.currentIndexChanged if isinstance(w, QComboBox) else w.toggled
            signal.connect(self._on_clamp)
        # Groups (each starting at its label) flow into a second row when the bar is
        # narrow (docks open, 1280 px screens): no control hides behind a scroll bar.
        lay = FlowLayout(self, spacing=14)
        lay.setContentsMargins(6, 2, 6, 2)
        group = None
        for widget in (
            self.cell_label,
            self.cell_box,
            self.unit_label,
            self.unit_box,
            self.all_units_box,
            self.loss_label,
            self.loss_box,
            self.window_label,
            self.window_box,
            self.window_all,
            self.what_if,
            self.clamp_f,
            self.clamp_i,
            self.clamp_o,
        ):
            if group is None or isinstance(widget, QLabel):
                box = QWidget()
                group = QHBoxLayout(box)
                group.setContentsMargins(0, 0, 0, 0)
                lay.addWidget(box)
            group.addWidget(widget)
        self._last_window = 200  # the finite window "all" goes back to
        self.retranslate()
        self.sync()
        follow(
            self,
            session,
            self._on_changed,
            Topic.SETTINGS,
            Topic.UNIT,
            Topic.PARAMS,
            Topic.MODEL,
            Topic.READOUT,
            Topic.SEQUENCE,
        )

    # ------------------------------------------------------------ the view
    def retranslate(self) -> None:
        """Every text, in the current language."""
        self.cell_label.setText(self.tr("Layer:"))
        for index, key in enumerate(self._cells):
            self.cell_box.setItemText(index, cell_name(key, short=True))
        self.cell_box.setToolTip(
            self.tr(
                "The cell of the model shown in the diagram, the plots and the gradient panel: "
                "its layer and direction (a reverse cell reads the sequence from t = T down to 1; "
                "an upper layer's x_t is the layer below's h_t)"
            )
        )
        self.cell_box.setAccessibleName(self.tr("Layer and direction shown"))
        self.unit_label.setText(self.tr("Unit:"))
        self.unit_box.setToolTip(self.tr("The unit (component of h and C) shown in detail"))
        self.unit_box.setAccessibleName(self.tr("Selected unit"))
        self.all_units_box.setText(self.tr("plot all units"))
        self.all_units_box.setToolTip(self.tr("Plot every unit instead of the selected one"))
        self.loss_label.setText(self.tr("Loss L ="))
        self.loss_box.setItemText(0, self.tr("Σ h_t (all units)"))
        self.loss_box.setItemText(1, self.tr("h_t of the selected unit"))
        self._prediction_texts = (
            self.tr("(ŷ_t − y_t)² at step t"),
            self.tr("Σ (ŷ_k − y_k)² up to step t"),
        )
        self._no_prediction = self.tr(
            "needs targets and a read-out: train, or open weights with a head"
        )
        self._no_readout = self.tr("no read-out")
        self._sync_prediction_items()
        self.loss_box.setToolTip(
            self.tr(
                "The loss L whose gradients the plots show. Σ h_t and h_t: the output at the "
                "cursor, a probe of how far back it reaches, not the loss an example was trained "
                "on. (ŷ − y)²: the read-out's squared error; summed up to the last step it is "
                "the loss an example was trained on, times the number of targets"
            )
        )
        self.loss_box.setAccessibleName(self.tr("Loss"))
        self.window_label.setText(self.tr("BPTT window:"))
        self.window_box.setSpecialValueText(self.tr("all"))
        self.window_box.setToolTip(self.tr("How many steps back BPTT goes from the current step"))
        self.window_box.setAccessibleName(self.tr("BPTT window"))
        self.window_all.setText(self.tr("all"))
        self.window_all.setToolTip(self.tr("Backpropagate all the way to t = 1"))
        self.what_if.setText(self.tr("What if: f_t"))
        self.what_if.setToolTip(
            self.tr(
                "Clamp a gate at every step and re-simulate at once. A clamped gate is a "
                "constant: its weights get zero gradient. With f = 1, i = 0 and o = 1 together "
                "∂L/∂C_k is the same at every step, from any state (from the zero state f = 1 "
                "and i = 0 suffice: C_t stays 0); the cell then keeps C_0 and outputs tanh(C_0) "
                "whatever the input"
            )
        )
        self.clamp_f.setItemText(0, self.tr("computed"))
        self.clamp_f.setItemText(1, self.tr("= 1 (keep all)"))
        self.clamp_f.setItemText(2, self.tr("= 0 (forget all)"))
        self.clamp_f.setToolTip(
            self.tr(
                "Hold the forget gate f_t at a constant (its weights then get zero gradient). "
                "f = 1 alone does not make ∂L/∂C_k the same at every step: the gradient also "
                "flows back through h"
            )
        )
        self.clamp_f.setAccessibleName(self.tr("Forget gate clamp"))
        self.clamp_i.setText(self.tr("i_t = 0"))
        self.clamp_i.setToolTip(
            self.tr("Hold the input gate i_t at 0 (a constant: W_i and b_i then get zero gradient)")
        )
        self.clamp_o.setText(self.tr("o_t = 1"))
        self.clamp_o.setToolTip(
            self.tr(
                "Hold the output gate o_t at 1 (a constant: W_o and b_o then get zero gradient)"
            )
        )

    def sync(self) -> None:
        """Every control from the session (nothing is written back)."""
        s, st = self.session, self.session.settings
        clamp = dict(st.clamp)
        controls = (
            self.cell_box,
            self.unit_box,
            self.all_units_box,
            self.loss_box,
            self.window_box,
            self.window_all,
            self.clamp_f,
            self.clamp_i,
            self.clamp_o,
        )
        blockers = [QSignalBlocker(w) for w in controls]
        try:
            model = s.model
            cells = tuple(model.cell_keys()) if model is not None else ()
            if cells != self._cells:
                self._cells = cells
                self.cell_box.clear()
                for key in cells:
                    self.cell_box.addItem(cell_name(key, short=True))
            if cells:
                self.cell_box.setCurrentIndex(cells.index(s.cell_key))
            self.cell_box.setEnabled(len(cells) > 1)
            for w in (self.cell_label, self.cell_box):
                w.setVisible(model is not None)
            self.unit_box.setRange(0, s.hidden_size - 1)
            self.unit_box.setValue(s.unit)
            self.unit_box.setEnabled(s.hidden_size > 1)
            self.all_units_box.setChecked(st.show_all_units)
            self._sync_prediction_items()
            self.loss_box.setCurrentIndex(max(0, self.loss_box.findData(st.loss)))
            self.window_all.setChecked(st.window is None)
            self.window_box.setEnabled(st.window is not None)
            self.window_box.setValue(0 if st.window is None else st.window)
            if st.window is not None:
                self._last_window = st.window
            self.clamp_f.setCurrentIndex(max(0, self.clamp_f.findData(clamp.get("f"))))
            self.clamp_i.setChecked(clamp.get("i") == 0.0)
            self.clamp_o.setChecked(clamp.get("o") == 1.0)
        finally:
            for blocker in blockers:
                blocker.unblock()

    def _sync_prediction_items(self) -> None:
        """The prediction losses: enabled when the session can compute one, else say how."""
        possible = self.session.prediction_possible()
        model = self.loss_box.model()
        for offset, text in enumerate(self._prediction_texts):
            index = 2 + offset
            item = model.item(index)
            item.setEnabled(possible)
            item.setToolTip("" if possible else self._no_prediction)
            self.loss_box.setItemText(index, text if possible else f"{text} ({self._no_readout})")

    def rendered(self) -> dict[str, Any]:
        """What the bar shows (plain data)."""
        return {
            "cell": (
                self.cell_box.currentText(),
                self.cell_box.count(),
                not self.cell_box.isHidden(),
                self.cell_box.isEnabled(),
            ),
            "unit": (self.unit_box.value(), self.unit_box.maximum(), self.unit_box.isEnabled()),
            "all_units": self.all_units_box.isChecked(),
            "loss": self.loss_box.currentText(),
            "losses": [
                (self.loss_box.itemText(k), self.loss_box.model().item(k).isEnabled())
                for k in range(self.loss_box.count())
            ],
            "loss_hint": self.loss_box.itemData(2, Qt.ItemDataRole.ToolTipRole),
            "window": (self.window_box.text(), self.window_box.isEnabled()),
            "window_all": self.window_all.isChecked(),
            "clamp_f": self.clamp_f.currentText(),
            "clamp_i": self.clamp_i.isChecked(),
            "clamp_o": self.clamp_o.isChecked(),
        }

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --------------------------------------------------------- user → session
    def _on_changed(self, _changes: frozenset[Topic]) -> None:
        self.sync()

    def _on_cell(self, index: int) -> None:
        if 0 <= index < len(self._cells):
            self.session.select_cell(*self._cells[index])

    def _on_window(self, *_args: object) -> None:
        if self.window_all.isChecked():
            window = None
        else:
            window = self.window_box.value() or self._last_window
        self.session.update_settings(window=window)
        self.sync()  # the spin box shows "all" or the finite window again

    def _on_clamp(self, *_args: object) -> None:
        clamp: dict[str, float] = {}
        if self.clamp_f.currentData() is not None:
            clamp["f"] = float(self.clamp_f.currentData())
        if self.clamp_i.isChecked():
            clamp["i"] = 0.0
        if self.clamp_o.isChecked():
            clamp["o"] = 1.0
        self.session.update_settings(clamp=tuple(clamp.items()))
