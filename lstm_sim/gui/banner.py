"""The banner above the diagram: what to look at in the example that is loaded.

Derived from the session alone: an example of the gallery (``session.origin``)
brings its description; anything else (a scenario, a file) shows no banner.
The user may hide it ("Hide"); it comes back with the next example.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ..gallery import example
from ..session import Origin, Session, Topic
from .follow import follow

__all__ = ["InfoBanner", "origin_explanation"]


def origin_explanation(origin: Origin | None, kind: str) -> str:
    """The translated text of an example (``kind="example"``) or scenario explanation, or ""."""
    if origin is None or origin.kind != kind or not origin.explain:
        return ""
    if kind == "example":
        return QCoreApplication.translate("Gallery", example(origin.key).description)
    from ..scenarios import scenario

    return QCoreApplication.translate("Scenarios", scenario(origin.key).explanation)


class InfoBanner(QFrame):
    """A paragraph about the loaded example, with a Hide button."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("info_bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.hide_button = QPushButton()
        self.hide_button.clicked.connect(self.dismiss)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.hide_button, 0, Qt.AlignmentFlag.AlignTop)
        self._dismissed = False  # the user hid it (until the next example)
        self.retranslate()
        follow(self, session, self._on_changed, Topic.ORIGIN)

    def retranslate(self) -> None:
        """The texts, in the current language (the example's description included)."""
        self.label.setAccessibleName(self.tr("What to look at"))
        self.hide_button.setText(self.tr("Hide"))
        self.hide_button.setToolTip(self.tr("Hide this explanation"))
        self.sync()

    def sync(self) -> None:
        """Show the loaded example's description (nothing for anything else)."""
        text = origin_explanation(self.session.origin, "example")
        self.label.setText(text)
        self.setVisible(bool(text) and not self._dismissed)

    def dismiss(self) -> None:
        """Hide the banner (Hide button) until the next example is loaded."""
        self._dismissed = True
        self.hide()

    def rendered(self) -> dict[str, Any]:
        """What the banner shows: its text and whether it is shown (the user may hide it)."""
        return {"text": self.label.text(), "visible": not self.isHidden()}

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_changed(self, _changes: frozenset[Topic]) -> None:
        self._dismissed = False
        self.sync()
