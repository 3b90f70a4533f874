"""The vanilla RNN beside the cell (compare mode): its h_t and σ_max(W_hh)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from ..session import Session, Topic
from .equations import format_value
from .follow import follow

__all__ = ["RnnBox"]


class RnnBox(QGroupBox):
    """Shown in compare mode: h_t of the RNN's selected unit at the cursor, and σ_max(W_hh).

    σ_max comes from the RNN's parameters (:meth:`Session.rnn_sigma_max`), so it is
    known at every step, also while the gradients are computed in a worker.
    """

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.label = QLabel()
        self.label.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.label)
        self.retranslate()
        follow(
            self,
            session,
            self._on_changed,
            Topic.SETTINGS,
            Topic.RNN,
            Topic.STEP,
            Topic.UNIT,
            Topic.PARAMS,
            Topic.SEQUENCE,
        )

    def retranslate(self) -> None:
        self.setTitle(self.tr("Vanilla RNN beside it"))
        self.label.setAccessibleName(self.tr("The RNN's hidden state"))
        self.sync()

    def sync(self) -> None:
        """Visibility and text from the session."""
        s = self.session
        self.setVisible(s.settings.compare)
        h = s.rnn_state()
        sigma = s.rnn_sigma_max()
        if h is None or sigma is None:
            self.label.setText("")
            return
        self.label.setText(
            self.tr(
                "h_t = tanh(W_ih·x_t + W_hh·h_{{t−1}} + b) = {h} (unit {j}, t = {t})\n"
                "σ_max(W_hh) = {s:.3f}"
            ).format(h=format_value(h[s.unit]), j=s.unit, t=s.t, s=sigma)
        )

    def rendered(self) -> dict[str, Any]:
        return {"visible": not self.isHidden(), "text": self.label.text()}

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_changed(self, _changes: frozenset[Topic]) -> None:
        self.sync()
