"""What the three backward-pass tabs share: a header, lines of text, follow the session.

Each tab (backward pass, matrix form, code) is plain text in a fixed-pitch
font (:class:`~lstm_sim.gui.equations.EquationsView`: a Step re-lays out only
the lines whose numbers changed), derived from the session alone. A tab that is
not shown is marked stale and redrawn when it is shown (or asked what it
shows), so a Step costs nothing for the tabs behind the equations.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QFontInfo, QGuiApplication, QStaticText, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...session import Session, StepView, Topic
from ..equations import EquationsView
from ..follow import follow
from ..steady import SteadyLabel

__all__ = ["TOPICS", "LazyLinesView", "TextPanel"]

#: What changes the numbers of the three tabs: the step view's topics, and the
#: settings (the loss, the window, the clamps, the step back shown).
TOPICS: tuple[Topic, ...] = (*StepView.TOPICS, Topic.SETTINGS)


class LazyLinesView(EquationsView):
    """Lines laid out when first painted: in a scroll area only the visible ones are.

    (The matrix form has 4H rows and the code tab a hundred lines, most of them
    out of view; laying them all out on every Step would cost milliseconds.)
    """

    def _laid_out(self, text: str) -> QStaticText:
        st = QStaticText(text)
        st.setTextFormat(Qt.TextFormat.PlainText)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.NoWrap)
        st.setTextOption(option)
        return st  # not prepared: QPainter lays it out when it draws it


class TextPanel(QWidget):
    """A header, an optional row of controls and lines of text, redrawn from the session.

    Subclasses implement :meth:`header_text`, :meth:`compute_lines` and may add
    controls to :attr:`controls_row` and data to :meth:`extra_rendered`.
    """

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        view: EquationsView | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._header_box = SteadyLabel(lines=1)
        self.header = self._header_box.label
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self._header_box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.view = view if view is not None else LazyLinesView()
        self.view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.copy_action = QAction(self.view)
        self.copy_action.triggered.connect(lambda: QGuiApplication.clipboard().setText(self.text()))
        self.view.addAction(self.copy_action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.controls_row = QHBoxLayout()
        self.controls_row.setContentsMargins(0, 0, 0, 0)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self._header_box)
        lay.addLayout(self.controls_row)
        # Longer than the tab is high (the code): the lines scroll.
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.view)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lay.addWidget(self.scroll, 1)
        self._stale = True
        follow(self, session, self._on_changed, *TOPICS)

    # ------------------------------------------------------------ subclasses
    def header_text(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def compute_lines(self) -> list[str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def extra_rendered(self) -> dict[str, Any]:
        """More of what the tab shows (plain data), beside its header and lines."""
        return {}

    def sync_controls(self) -> None:
        """Set the tab's controls from the session (signals blocked)."""

    # ---------------------------------------------------------------- common
    def retranslate(self) -> None:
        """The texts in the current language; the lines are rebuilt (they hold words)."""
        self.copy_action.setText(self.tr("Copy the text"))
        self._on_changed(frozenset())  # now if shown, else when shown

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_changed(self, _changes: frozenset[Topic]) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def sync(self) -> None:
        """Build what the tab shows from the session alone (the only path)."""
        self.refresh()

    def refresh(self) -> None:
        """Redraw from the session."""
        self._stale = False
        self.sync_controls()
        self.header.setText(self.header_text())
        lines = self.compute_lines()
        self.view.set_lines(lines)
        height = 2 * EquationsView._MARGIN + len(lines) * self.view.fontMetrics().lineSpacing()
        if self.view.minimumHeight() != height:
            self.view.setMinimumHeight(height)

    def lines(self) -> list[str]:
        """The lines shown."""
        if self._stale:
            self.refresh()
        return self.view.lines()

    def text(self) -> str:
        """Plain text of what the tab shows (header and lines)."""
        return "\n".join([self.header.text(), *self.lines()])

    def rendered(self) -> dict[str, Any]:
        """What the tab shows: header, lines, font, and the subclass's own data."""
        if self._stale:
            self.refresh()
        return {
            "header": self.header.text(),
            "lines": self.view.lines(),
            "font": QFontInfo(self.view.font()).family(),
            **self.extra_rendered(),
        }
