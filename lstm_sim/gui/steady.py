"""Labels whose text changes on every step without re-running the window's layout.

``QLabel.setText`` calls ``updateGeometry()``: unless the label's minimum and
maximum sizes are equal, that invalidates the parent's layout, and the layout
request climbs to the main window, which re-runs its layout and repaints every
widget around the label (measured: ≈ 3 ms and a whole-window repaint per Step).
A label of fixed size stops that at once. :class:`SteadyLabel` keeps a QLabel
at a fixed size equal to its own, so the label still follows the layout it sits
in, while new text only repaints the label.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

__all__ = ["SteadyLabel", "fix_label_size"]


def fix_label_size(label: QLabel, *samples: str) -> None:
    """Fix ``label``'s size to fit the widest of ``samples`` (and its current text)."""
    metrics = label.fontMetrics()
    texts = [*samples, label.text()]
    width = max(metrics.horizontalAdvance(t) for t in texts)
    margins = label.contentsMargins()
    label.setFixedSize(
        width + 2 * label.margin() + margins.left() + margins.right() + 2,
        metrics.height() + 2 * label.margin() + margins.top() + margins.bottom(),
    )


class SteadyLabel(QWidget):
    """A container whose :attr:`label` fills it at a fixed size.

    Parameters
    ----------
    lines : int
        Lines of text the size hint makes room for (0: the label's own hint when
        the container is created; the layout decides).
    parent : QWidget, optional

    The size policy is the container's: set it as for the label itself.
    """

    def __init__(self, lines: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        # Opaque: new text repaints the label only, not the widgets under it.
        self.label.setAutoFillBackground(True)
        self._lines = lines
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.label.setFixedSize(0, 0)

    # QLabel's API that the panels use, forwarded.
    def setText(self, text: str) -> None:
        self.label.setText(text)

    def text(self) -> str:
        return self.label.text()

    def sizeHint(self) -> QSize:
        metrics = self.label.fontMetrics()
        height = metrics.lineSpacing() * max(self._lines, 1) + 4
        return QSize(metrics.horizontalAdvance("M" * 30), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.label.setFixedSize(event.size())
