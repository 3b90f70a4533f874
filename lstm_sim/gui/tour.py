"""Help ▸ Guided tour: the cell diagram explained part by part, pointing at each part.

The dialog moves out of the way of the nodes it talks about: on every page it is
placed where it covers none of them (:func:`place_beside`), within the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .diagram import CellDiagram

__all__ = ["TourDialog", "place_beside"]

#: Gap (px) kept between the dialog and what it must not cover.
_GAP = 12


def place_beside(size: QSize, avoid: QRect, area: QRect) -> QPoint:
    """Where a ``size`` dialog goes inside ``area`` so as not to cover ``avoid``.

    Right of ``avoid``, then left of it, below, above (each centred on it as far
    as ``area`` allows); when none fits, the corner of ``area`` that covers
    the least of ``avoid``. All rectangles in the same (global) coordinates.

    >>> place_beside(QSize(100, 50), QRect(0, 0, 200, 200), QRect(0, 0, 400, 300))
    PySide6.QtCore.QPoint(212, 75)
    """
    w, h = size.width(), size.height()

    def clamp(x: int, y: int) -> QPoint:
        x = max(area.left(), min(x, area.right() + 1 - w))
        y = max(area.top(), min(y, area.bottom() + 1 - h))
        return QPoint(x, y)

    cy = avoid.center().y() - h // 2
    cx = avoid.center().x() - w // 2
    candidates = [
        clamp(avoid.right() + 1 + _GAP, cy),
        clamp(avoid.left() - _GAP - w, cy),
        clamp(cx, avoid.bottom() + 1 + _GAP),
        clamp(cx, avoid.top() - _GAP - h),
    ]
    for p in candidates:
        if not QRect(p, size).intersects(avoid):
            return p
    corners = [
        clamp(area.left(), area.top()),
        clamp(area.right(), area.top()),
        clamp(area.left(), area.bottom()),
        clamp(area.right(), area.bottom()),
    ]

    def covered(p: QPoint) -> int:
        r = QRect(p, size).intersected(avoid)
        return r.width() * r.height() if r.isValid() else 0

    return min(corners, key=covered)


class TourDialog(QDialog):
    """A few pages, each outlining the diagram's nodes it talks about."""

    def __init__(self, diagram: CellDiagram, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(False)
        self.diagram = diagram
        self.index = 0
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(420)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.counter = QLabel()
        self.back_button = QPushButton()
        self.next_button = QPushButton()
        self.close_button = QPushButton()
        self.back_button.clicked.connect(lambda: self.show_page(self.index - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.index + 1))
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.counter)
        buttons.addStretch(1)
        for b in (self.back_button, self.next_button, self.close_button):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        lay.addWidget(self.text, 1)
        lay.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        """The pages and buttons in the current language (the page shown stays)."""
        self.setWindowTitle(self.tr("Guided tour of the memory cell"))
        self.pages: list[tuple[str, str, tuple[str, ...]]] = [
            (
                self.tr("Two memories"),
                self.tr(
                    "An LSTM cell carries two states from step to step. The line across "
                    "the top is the cell state C — the long-term memory. The line at the "
                    "bottom is the hidden state h — the short-term memory, which is also "
                    "the cell's output."
                ),
                ("c_prev", "c", "h_prev", "h"),
            ),
            (
                self.tr("The forget gate f_t"),
                self.tr(
                    "f_t = σ(W_f·[h_{t−1}, x_t] + b_f) is a number between 0 and 1 for every "
                    "unit. It multiplies the old cell state: f ≈ 1 keeps C_{t−1}, f ≈ 0 "
                    "erases it. Along this direct path from C_{t−1} to C_t the gradient is "
                    "multiplied by f and nothing else, so with f near 1 it reaches far back — "
                    "this is why an LSTM can remember for long. (The total gradient also "
                    "flows back through h and the gates.)"
                ),
                ("f", "f_mul", "c_prev"),
            ),
            (
                self.tr("The input gate i_t and the candidate C̃_t"),
                self.tr(
                    "The candidate C̃_t = tanh(…) proposes new content between −1 and 1; "
                    "the input gate i_t decides how much of it is written. Their product is "
                    "added to the cell state: C_t = f_t·C_{t−1} + i_t·C̃_t."
                ),
                ("i", "g", "i_mul", "c"),
            ),
            (
                self.tr("The output gate o_t"),
                self.tr(
                    "The cell state is squashed by tanh and the output gate o_t chooses "
                    "how much of it becomes the new hidden state: h_t = o_t·tanh(C_t)."
                ),
                ("o", "tanh_c", "o_mul", "h"),
            ),
            (
                self.tr("Now step through time"),
                self.tr(
                    "Press Step (→) and watch the numbers: the colours show each value, "
                    "hovering a node shows its equation with the numbers. The plots below "
                    "show the history, and the gradient norms show how far back the loss "
                    "at step t reaches."
                ),
                (),
            ),
        ]
        self.back_button.setText(self.tr("&Back"))
        self.next_button.setText(self.tr("&Next"))
        self.close_button.setText(self.tr("&Close"))
        self.show_page(self.index)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_page(self, index: int) -> None:
        """Show page ``index`` and outline its nodes in the diagram."""
        self.index = max(0, min(index, len(self.pages) - 1))
        title, text, keys = self.pages[self.index]
        self.title.setText(title)
        self.text.setText(text)
        self.counter.setText(self.tr("{k} of {n}").format(k=self.index + 1, n=len(self.pages)))
        self.back_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.pages) - 1)
        self.diagram.highlight(keys)
        if self.isVisible():
            self.move_away()

    def highlighted_rect(self) -> QRect:
        """The outlined nodes' bounding box on the screen (empty when none is)."""
        d = self.diagram
        box = QRect()
        for key in d.highlighted():
            poly = d.mapFromScene(d.scene_items()[key].sceneBoundingRect())
            r = poly.boundingRect().adjusted(-4, -4, 4, 4)  # the outline is drawn outside
            box = box.united(QRect(d.viewport().mapToGlobal(r.topLeft()), r.size()))
        return box

    def move_away(self) -> None:
        """Put the dialog where it covers none of the outlined nodes."""
        avoid = self.highlighted_rect()
        if avoid.isEmpty():
            return
        screen = (self.parentWidget() or self).screen()
        area = screen.availableGeometry()
        frame = self.frameGeometry()
        # place the frame; the dialog's own position is its frame's minus the title bar
        offset = self.pos() - frame.topLeft()
        self.move(place_beside(frame.size(), avoid, area) + offset)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.move_away()

    def closeEvent(self, event) -> None:
        self.diagram.highlight(())
        super().closeEvent(event)
