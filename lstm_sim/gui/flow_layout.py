"""A layout that places its items left to right and wraps to a new row when the width
runs out (Qt's "Flow Layout" example), so a bar of controls never hides some of them
behind a scroll bar when the window is narrow (docks open, small screens)."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget

__all__ = ["FlowLayout"]


def _shown(item: QLayoutItem) -> bool:
    """Whether ``item`` takes room: a group whose widgets are all hidden takes none."""
    return not item.isEmpty() and item.sizeHint().width() > 0


class FlowLayout(QLayout):
    """Items in rows, each as wide as its size hint, wrapped at the layout's width.

    Parameters
    ----------
    parent : QWidget, optional
    spacing : int
        Pixels between the items of a row.
    row_spacing : int
        Pixels between rows.
    """

    def __init__(
        self, parent: QWidget | None = None, spacing: int = 6, row_spacing: int = 2
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._row_spacing = row_spacing

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        """One row of everything (the width the bar would like)."""
        m = self.contentsMargins()
        visible = [i for i in self._items if _shown(i)]
        w = sum(i.sizeHint().width() for i in visible) + self._spacing * max(0, len(visible) - 1)
        h = max((i.sizeHint().height() for i in visible), default=0)
        return QSize(w + m.left() + m.right(), h + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """As narrow as the widest item."""
        m = self.contentsMargins()
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size.grownBy(QMargins(m.left(), m.top(), m.right(), m.bottom()))

    def rows(self) -> int:
        """How many rows the items take at the current width (for tests)."""
        tops = {item.geometry().top() for item in self._items if _shown(item)}
        return len(tops)

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in ``rect`` (or only measure); returns the height used."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, row_height = area.x(), area.y(), 0
        for item in self._items:
            if not _shown(item):
                continue
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y = area.x(), y + row_height + self._row_spacing
                row_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + m.bottom()
