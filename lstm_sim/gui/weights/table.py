"""Larger cells: one heat-map table per gate, edited by double-click (or F2)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QLinearGradient,
    QPainter,
    QPen,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...engine import LSTMParams
from ...session.commands import (
    Entry,
)
from ..colors import DIVERGING_STOPS, diverging_color, text_color_for
from ..diagram import rich_notation
from .labels import (
    SPIN_LIMIT,
    entry_accessible_name,
    entry_description,
    format_cell,
    subscript,
)
from .sliders import equation_label

__all__ = ["TablePage", "WeightTableModel"]


# ------------------------------------------------------------- heat-map table
class WeightTableModel(QAbstractTableModel):
    """One gate as a table: row j = unit; columns h_0 … h_{H-1}, x_0 … x_{D-1}, b.

    The columns are the notes' ``W_g`` over ``[h_{t-1}, x_t]`` (recurrent part,
    then input part) followed by the bias ``b_g``. Cells are coloured on the
    diverging scale of :mod:`lstm_sim.gui.colors`, saturating at the largest
    magnitude in the table (:attr:`limit`).

    The model holds the parameters only to show them. :meth:`setData` changes
    nothing itself: it emits ``edit_requested(entry, value)``, the editor turns
    that into an undoable :meth:`Session.set_params`, and the new parameters come
    back through :meth:`set_params`.
    """

    edit_requested = Signal(object, float)

    def __init__(self, gate: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self._params: LSTMParams | None = None
        self._input_names: tuple[str, ...] = ()
        self._values = np.zeros((0, 0))
        self.limit = 1.0

    # -- contents
    def set_params(self, params: LSTMParams, input_names: tuple[str, ...] = ()) -> None:
        """Show ``params`` (resets the model when the shape changes)."""
        view = params.gate(self.gate)
        values = np.hstack([view.recurrent, view.input, view.bias[:, None]])
        reshape = values.shape != self._values.shape
        if reshape:
            self.beginResetModel()
        self._params = params
        self._input_names = tuple(input_names)
        self._values = values
        peak = float(np.max(np.abs(values))) if values.size else 0.0
        self.limit = peak if peak > 0 else 1.0
        if reshape:
            self.endResetModel()
        elif values.size:
            self.dataChanged.emit(
                self.index(0, 0), self.index(values.shape[0] - 1, values.shape[1] - 1)
            )

    @property
    def hidden_size(self) -> int:
        return 0 if self._params is None else self._params.hidden_size

    @property
    def input_size(self) -> int:
        return 0 if self._params is None else self._params.input_size

    def entry_at(self, row: int, column: int) -> Entry:
        """The :class:`Entry` shown in cell (``row``, ``column``)."""
        hidden, inputs = self.hidden_size, self.input_size
        if column < hidden:
            return Entry(self.gate, "recurrent", row, column)
        if column < hidden + inputs:
            return Entry(self.gate, "input", row, column - hidden)
        return Entry(self.gate, "bias", row, 0)

    def index_of(self, entry: Entry) -> QModelIndex:
        """The model index showing ``entry``."""
        col = {
            "recurrent": entry.col,
            "input": self.hidden_size + entry.col,
            "bias": self.hidden_size + self.input_size,
        }[entry.part]
        return self.index(entry.row, col)

    # -- Qt model interface
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._values.shape[0]

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._values.shape[1]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0):
        if not index.isValid() or self._params is None:
            return None
        value = float(self._values[index.row(), index.column()])
        R = Qt.ItemDataRole
        if role == R.DisplayRole:
            return format_cell(value)
        if role == R.EditRole:
            return value
        if role == R.BackgroundRole:
            return diverging_color(value, self.limit)
        if role == R.ForegroundRole:
            return text_color_for(diverging_color(value, self.limit))
        if role == R.ToolTipRole:
            entry = self.entry_at(index.row(), index.column())
            return f"{value:.6g}\n" + entry_description(entry, self._params, self._input_names)
        if role == R.AccessibleTextRole:
            entry = self.entry_at(index.row(), index.column())
            return f"{entry_accessible_name(entry)}: {value:.4g}"
        if role == R.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        hidden = self.hidden_size
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole:
            if not horizontal:
                return f"j={section}"
            if section < hidden:
                return f"h{subscript(section)}"
            if section < hidden + self.input_size:
                return f"x{subscript(section - hidden)}"
            return "b"
        if role == Qt.ItemDataRole.ToolTipRole:
            if not horizontal:
                return QCoreApplication.translate("WeightEditor", "Unit j = {j}").format(j=section)
            if section < hidden:
                return QCoreApplication.translate(
                    "WeightEditor", "Recurrent part: weights from h_(t−1) unit k = {k}"
                ).format(k=section)
            if section < hidden + self.input_size:
                d = section - hidden
                name = self._input_names[d] if d < len(self._input_names) else ""
                return QCoreApplication.translate(
                    "WeightEditor", "Input part: weights from input d = {d} ({name})"
                ).format(d=d, name=name)
            return QCoreApplication.translate(
                "WeightEditor", "Bias b_{g} = bias_ih + bias_hh"
            ).format(g=self.gate)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        try:
            number = float(str(value).replace("−", "-")) if isinstance(value, str) else float(value)
        except (TypeError, ValueError):
            return False
        if not np.isfinite(number):
            return False
        self.edit_requested.emit(self.entry_at(index.row(), index.column()), number)
        return True


class _ValueDelegate(QStyledItemDelegate):
    """Edits a cell with a spin box of 4 decimals; draws the block borders of W·[h, x] | b."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex):
        spin = QDoubleSpinBox(parent)
        spin.setRange(-SPIN_LIMIT, SPIN_LIMIT)
        spin.setDecimals(4)
        spin.setSingleStep(0.05)
        spin.setFrame(False)
        spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        spin.setAccessibleName(QCoreApplication.translate("WeightEditor", "New value"))
        return spin

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        editor.setValue(float(index.data(Qt.ItemDataRole.EditRole)))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        editor.interpretText()
        if editor.value() != index.data(Qt.ItemDataRole.EditRole):
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        model = index.model()
        hidden = getattr(model, "hidden_size", 0)
        inputs = getattr(model, "input_size", 0)
        if index.column() in (hidden, hidden + inputs):
            painter.save()
            painter.setPen(QPen(QColor(60, 64, 72), 2))
            x = option.rect.left() + 1
            painter.drawLine(x, option.rect.top(), x, option.rect.bottom())
            painter.restore()


class _ScaleBar(QWidget):
    """The diverging colour scale, −limit … +limit, as a small gradient bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFixedHeight(12)
        self.setMinimumWidth(80)

    def sizeHint(self) -> QSize:
        return QSize(140, 12)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        grad = QLinearGradient(QPointF(rect.left(), 0), QPointF(rect.right(), 0))
        n = len(DIVERGING_STOPS) - 1
        for k, stop in enumerate(DIVERGING_STOPS):
            grad.setColorAt(k / n, QColor(stop))
        painter.fillRect(rect, grad)
        painter.setPen(QColor(120, 124, 130))
        painter.drawRect(rect)
        painter.end()


class TablePage(QWidget):
    """One gate's numbers as a heat-map table."""

    def _fit_height(self) -> None:
        """No taller than its rows (a small cell leaves no empty grid below them)."""
        view = self.view
        rows = sum(view.rowHeight(r) for r in range(self.model.rowCount()))
        needed = (
            2 * view.frameWidth()
            + view.horizontalHeader().sizeHint().height()
            + rows
            + view.horizontalScrollBar().sizeHint().height()
        )
        view.setMaximumHeight(needed)

    def __init__(self, gate: str) -> None:
        super().__init__()
        self.gate = gate
        self.model = WeightTableModel(gate, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(_ValueDelegate(self.view))
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAccessibleName(
            QCoreApplication.translate("WeightEditor", "Weights and bias of gate {g}").format(
                g=gate
            )
        )
        self.view.setAccessibleDescription(
            QCoreApplication.translate(
                "WeightEditor",
                "Rows: units j. Columns: recurrent weights from h_k, input weights from x_d, "
                "bias b.",
            )
        )
        self.view.setTabKeyNavigation(False)  # Tab leaves the table: keyboard users get out
        self.view.setShowGrid(True)
        self.view.setGridStyle(Qt.PenStyle.SolidLine)
        font = self.view.font()
        font.setPointSizeF(font.pointSizeF() * 0.92)
        self.view.setFont(font)
        # Wide enough for "−0.00"; a cell's exact value is in its tooltip and editor.
        width = QFontMetrics(font).horizontalAdvance("−.00") + 7
        header = self.view.horizontalHeader()
        header.setMinimumSectionSize(width)
        header.setDefaultSectionSize(width)
        # Fill the width when the columns fit; scroll sideways when they do not.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        vheader = self.view.verticalHeader()
        vheader.setDefaultSectionSize(QFontMetrics(font).height() + 6)
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setHighlightSections(False)
        self.scale_low = QLabel()
        self.scale_high = QLabel()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(4)
        lay.addWidget(equation_label(gate))
        caption = QLabel(
            rich_notation(
                QCoreApplication.translate(
                    "WeightEditor",
                    "Rows: units j. Columns: W_{g} over [h_{t-1}, x_t] (h_k recurrent, "
                    "x_d input), then b_{g}. Double-click or F2 to edit.",
                ).replace("{g}", gate)
            )
        )
        caption.setTextFormat(Qt.TextFormat.RichText)
        caption.setWordWrap(True)
        lay.addWidget(caption)
        lay.addWidget(self.view, 1)
        legend = QHBoxLayout()
        legend.setSpacing(6)
        legend.addWidget(QLabel(QCoreApplication.translate("WeightEditor", "Colour:")))
        legend.addWidget(self.scale_low)
        legend.addWidget(_ScaleBar())
        legend.addWidget(self.scale_high)
        legend.addStretch(1)
        lay.addLayout(legend)
        lay.addStretch(0)  # takes only what the table, at its full height, leaves

    def show_params(self, params: LSTMParams, input_names: tuple[str, ...]) -> None:
        reshape = self.model.rowCount() != params.hidden_size
        self.model.set_params(params, input_names)
        if reshape:
            self._fit_height()
        limit = self.model.limit
        self.scale_low.setText(f"−{limit:.2f}")
        self.scale_high.setText(f"+{limit:.2f}")
