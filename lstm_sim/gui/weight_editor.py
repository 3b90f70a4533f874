"""The weight editor dock: every gate's weights and bias, editable, with undo.

Per gate (tabs in the order the notes introduce them: f, i, g, o) it shows the
three parts of the notes' ``g_t = act(W_g·[h_{t-1}, x_t] + b_g)``:

- the **input part** of ``W_g`` — rows of ``weight_ih``, H × D, entry (j, d)
  weights input x_t[d] into unit j;
- the **recurrent part** — rows of ``weight_hh``, H × H, entry (j, k) weights
  h_{t-1}[k] into unit j;
- the **bias** ``b_g = bias_ih + bias_hh``.

The bias is shown as the notes' single ``b_g`` (what the cell adds). Editing it
changes ``bias_ih`` and keeps ``bias_hh`` (PyTorch's second bias, which only
matters for loading and saving state dicts), so ``b_g`` becomes exactly the
number typed.

Small cells (H ≤ :data:`SLIDER_MAX_HIDDEN`) get one slider and one spin box per
number; larger ones a heat-map table per gate with the columns of ``W_g`` over
``[h_{t-1}, x_t]`` followed by the bias, coloured on the diagram's
colour-blind-safe diverging scale and edited by double-click (or F2).

Every edit goes through :meth:`Session.set_params`, so the session re-runs the
cell up to the cursor and every view shows the new numbers at once, and every
edit is one :class:`ParamsCommand` on the given :class:`QUndoStack`. A slider
drag updates the session live and pushes one command on release. The
initialisation presets replace all parameters with
:meth:`LSTMParams.random` as one command.

The editor keeps no copy of the parameters: on the session's ``"params"`` and
``"sequence"`` events it reads them back into its widgets (signals blocked, so
no edit and no undo command results) and rebuilds itself when H, D or the input
names change.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSignalBlocker,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFontMetrics,
    QLinearGradient,
    QPainter,
    QPen,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..engine import LSTMParams
from ..session import Session, Topic
from ..session.commands import (
    INIT_SCHEMES,
    PARTS,
    Entry,
    ParamsEdit,
    entry_value,
    preset_edit,
    weight_edit,
)
from .colors import DIVERGING_STOPS, diverging_color, text_color_for
from .diagram import rich_notation
from .follow import follow

__all__ = [
    "GATE_ORDER",
    "SLIDER_MAX_HIDDEN",
    "ParamsCommand",
    "WeightEditor",
    "WeightTableModel",
    "format_cell",
    "slider_limit",
]

#: Largest H that gets one slider per number; larger cells get heat-map tables.
SLIDER_MAX_HIDDEN = 4
#: Tab order: the order in which the notes introduce the gates.
GATE_ORDER: tuple[str, ...] = ("f", "i", "g", "o")
#: Slider positions on each side of 0: the slider moves in steps of limit / 400.
SLIDER_STEPS = 400
#: Slider range for ordinary weights: ±4 covers σ and tanh from saturated to saturated.
DEFAULT_LIMIT = 4.0
#: Spin boxes and table editors accept any value in ±SPIN_LIMIT.
SPIN_LIMIT = 10_000.0


def slider_limit(value: float) -> float:
    """Half-range of a slider showing ``value``: ±4, or ±8, ±16, … so that |value| ≤ ¾ of it.

    The headroom leaves room to drag further than the current value.
    """
    magnitude = abs(float(value))
    limit = DEFAULT_LIMIT
    while np.isfinite(magnitude) and magnitude > 0.75 * limit and limit < SPIN_LIMIT:
        limit *= 2.0
    return limit


def format_cell(value: float) -> str:
    """A table cell's text: at most 4 characters after the sign.

    ``−0.153`` → ``"−.15"``, ``2.46`` → ``"2.5"``, ``37.2`` → ``"37"``,
    ``1234`` → ``"1e3"``, exactly 0 → ``"0"``. The exact value is in the cell's tooltip and editor.
    """
    magnitude = abs(value)
    if value == 0:
        return "0"  # exactly zero, unlike a small value shown as ".00"
    if not np.isfinite(value):
        text = str(value)
    elif magnitude < 0.995:
        text = f"{magnitude:.2f}"[1:]  # ".15": the leading 0 carries no information
    elif magnitude < 9.95:
        text = f"{magnitude:.1f}"
    elif magnitude < 999.5:
        text = f"{magnitude:.0f}"
    else:
        text = f"{magnitude:.0e}".replace("e+0", "e").replace("e+", "e")
    return ("−" if value < 0 and text.strip(".0") else "") + text


def _sub(index: int) -> str:
    """``3`` → ``"₃"`` (subscript digits, for compact column headers)."""
    return str(index).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def _gate_title(gate: str) -> str:
    return {
        "f": QCoreApplication.translate("WeightEditor", "f forget"),
        "i": QCoreApplication.translate("WeightEditor", "i input"),
        "g": QCoreApplication.translate("WeightEditor", "g candidate"),
        "o": QCoreApplication.translate("WeightEditor", "o output"),
    }[gate]


def _gate_equation(gate: str) -> str:
    act = "tanh" if gate == "g" else "σ"
    name = "C̃_t" if gate == "g" else f"{gate}_t"
    return f"{name} = {act}(W_{gate}·[h_{{t-1}}, x_t] + b_{gate})"


def _entry_label(entry: Entry) -> str:
    if entry.part == "input":
        return QCoreApplication.translate("WeightEditor", "j={j}, d={d}").format(
            j=entry.row, d=entry.col
        )
    if entry.part == "recurrent":
        return QCoreApplication.translate("WeightEditor", "j={j}, k={k}").format(
            j=entry.row, k=entry.col
        )
    return QCoreApplication.translate("WeightEditor", "j={j}").format(j=entry.row)


def _entry_description(entry: Entry, params: LSTMParams, input_names: tuple[str, ...]) -> str:
    """Tooltip: what the number connects, and where it is stored."""
    r = entry.param_row(params.hidden_size)
    g = entry.gate
    if entry.part == "input":
        name = input_names[entry.col] if entry.col < len(input_names) else ""
        return QCoreApplication.translate(
            "WeightEditor",
            "Input weight W_{g}[{j}, x_{d}]: from input d = {d} ({name}) to unit j = {j}"
            " of gate {g}\nweight_ih[{r}, {d}]",
        ).format(g=g, j=entry.row, d=entry.col, name=name, r=r)
    if entry.part == "recurrent":
        return QCoreApplication.translate(
            "WeightEditor",
            "Recurrent weight W_{g}[{j}, h_{k}]: from h_(t−1) unit k = {k} to unit j = {j}"
            " of gate {g}\nweight_hh[{r}, {k}]",
        ).format(g=g, j=entry.row, k=entry.col, r=r)
    return QCoreApplication.translate(
        "WeightEditor",
        "Bias b_{g}[{j}] of unit j = {j}\nbias_ih[{r}] + bias_hh[{r}] (an edit changes bias_ih)",
    ).format(g=g, j=entry.row, r=r)


def _entry_accessible_name(entry: Entry) -> str:
    if entry.part == "input":
        return QCoreApplication.translate(
            "WeightEditor", "W_{g} input weight, unit {j}, input {d}"
        ).format(g=entry.gate, j=entry.row, d=entry.col)
    if entry.part == "recurrent":
        return QCoreApplication.translate(
            "WeightEditor", "W_{g} recurrent weight, unit {j}, from unit {k}"
        ).format(g=entry.gate, j=entry.row, k=entry.col)
    return QCoreApplication.translate("WeightEditor", "b_{g} bias, unit {j}").format(
        g=entry.gate, j=entry.row
    )


def _edit_text(entry: Entry) -> str:
    """The undo stack's text for an edit of ``entry``."""
    if entry.part == "input":
        return QCoreApplication.translate("WeightEditor", "Edit W_{g}[{j}, x_{d}]").format(
            g=entry.gate, j=entry.row, d=entry.col
        )
    if entry.part == "recurrent":
        return QCoreApplication.translate("WeightEditor", "Edit W_{g}[{j}, h_{k}]").format(
            g=entry.gate, j=entry.row, k=entry.col
        )
    return QCoreApplication.translate("WeightEditor", "Edit b_{g}[{j}]").format(
        g=entry.gate, j=entry.row
    )


# ----------------------------------------------------------------- undo command
class ParamsCommand(QUndoCommand):
    """A :class:`~lstm_sim.session.ParamsEdit` on the undo stack: redo applies it, undo reverts it.

    Parameters
    ----------
    session : Session
    edit : ParamsEdit
    text : str
        Shown in Edit ▸ Undo / Redo.
    applied : bool
        The session already holds the edit's parameters (a slider drag applied
        them live), so the first :meth:`redo` — the one
        :meth:`QUndoStack.push` makes — does nothing.

    An edit that no longer fits the session (its sequence changed to another
    input size since) marks itself obsolete, and the stack drops it.
    """

    def __init__(
        self, session: Session, edit: ParamsEdit, text: str, *, applied: bool = False
    ) -> None:
        super().__init__(text)
        self.session = session
        self.edit = edit
        self._skip_redo = applied

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self.setObsolete(not self.edit.apply(self.session))

    def undo(self) -> None:
        self.setObsolete(not self.edit.revert(self.session))


# ----------------------------------------------------------- slider controls
class _NumberControl(QObject):
    """A label, a slider and a spin box for one number, placed in a grid row.

    ``edited(value)`` for a finished edit (spin box, slider keys or clicks);
    ``drag_started()``, ``drag_moved(value)``, ``drag_finished()`` for a drag.
    """

    edited = Signal(float)
    drag_started = Signal()
    drag_moved = Signal(float)
    drag_finished = Signal()

    def __init__(self, entry: Entry, parent: QWidget) -> None:
        super().__init__(parent)
        self.entry = entry
        self._limit = DEFAULT_LIMIT
        self._dragging = False
        self.label = QLabel(_entry_label(entry), parent)
        self.slider = QSlider(Qt.Orientation.Horizontal, parent)
        self.slider.setRange(-SLIDER_STEPS, SLIDER_STEPS)
        self.slider.setSingleStep(5)
        self.slider.setPageStep(50)
        self.slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.slider.setMinimumWidth(90)
        self.slider.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.label.setBuddy(self.slider)
        self.spin = QDoubleSpinBox(parent)
        self.spin.setRange(-SPIN_LIMIT, SPIN_LIMIT)
        self.spin.setDecimals(3)
        self.spin.setSingleStep(0.05)
        # One edit per Enter / focus change, not one per keystroke.
        self.spin.setKeyboardTracking(False)
        self.spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.NoButtons)
        self.spin.setFixedWidth(self.spin.fontMetrics().horizontalAdvance("−0000.000") + 12)
        accessible = _entry_accessible_name(entry)
        self.slider.setAccessibleName(accessible)
        self.spin.setAccessibleName(
            QCoreApplication.translate("WeightEditor", "{name}, value").format(name=accessible)
        )
        self.slider.sliderPressed.connect(self._on_pressed)
        self.slider.sliderReleased.connect(self._on_released)
        self.slider.valueChanged.connect(self._on_slider)
        self.spin.valueChanged.connect(self._on_spin)

    def place(self, grid: QGridLayout, row: int) -> None:
        grid.addWidget(self.label, row, 0)
        grid.addWidget(self.slider, row, 1)
        grid.addWidget(self.spin, row, 2)

    def set_tooltip(self, text: str) -> None:
        for w in (self.label, self.slider, self.spin):
            w.setToolTip(text)

    @property
    def dragging(self) -> bool:
        return self._dragging

    def value(self) -> float:
        """The number the spin box shows."""
        return self.spin.value()

    def slider_value(self, position: int) -> float:
        """The number at slider position ``position``."""
        return position * self._limit / SLIDER_STEPS

    def set_value(self, value: float, limit: float | None = None) -> None:
        """Show ``value`` on a slider of half-range ``limit`` without emitting anything."""
        with QSignalBlocker(self.slider), QSignalBlocker(self.spin):
            if not self._dragging:  # the range must not jump under the mouse
                self._limit = slider_limit(value) if limit is None else limit
            position = round(value / self._limit * SLIDER_STEPS)
            self.slider.setValue(min(max(position, -SLIDER_STEPS), SLIDER_STEPS))
            self.spin.setValue(value)

    def _on_pressed(self) -> None:
        self._dragging = True
        self.drag_started.emit()

    def _on_released(self) -> None:
        self._dragging = False
        self.drag_finished.emit()

    def _on_slider(self, position: int) -> None:
        value = self.slider_value(position)
        with QSignalBlocker(self.spin):
            self.spin.setValue(value)
        if self._dragging:
            self.drag_moved.emit(value)
        else:
            self.edited.emit(value)

    def _on_spin(self, value: float) -> None:
        self.edited.emit(value)


class _SliderPage(QScrollArea):
    """One gate's numbers as sliders: input part, recurrent part, bias."""

    def __init__(self, gate: str, params: LSTMParams, input_names: tuple[str, ...]) -> None:
        super().__init__()
        self.gate = gate
        self.controls: dict[Entry, _NumberControl] = {}
        self.limits: dict[str, float] = dict.fromkeys(PARTS, DEFAULT_LIMIT)
        self.scale_labels: dict[str, QLabel] = {}
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(6)
        lay.addWidget(_equation_label(gate))
        hidden, inputs = params.hidden_size, params.input_size
        groups = (
            (
                "input",
                _section_title(
                    QCoreApplication.translate("WeightEditor", "Input part of W_{g}, times x_t"),
                    "weight_ih",
                    gate,
                ),
                [(j, d) for j in range(hidden) for d in range(inputs)],
            ),
            (
                "recurrent",
                _section_title(
                    QCoreApplication.translate(
                        "WeightEditor", "Recurrent part of W_{g}, times h_{t-1}"
                    ),
                    "weight_hh",
                    gate,
                ),
                [(j, k) for j in range(hidden) for k in range(hidden)],
            ),
            (
                "bias",
                _section_title(
                    QCoreApplication.translate("WeightEditor", "Bias b_{g}"),
                    "bias_ih + bias_hh",
                    gate,
                ),
                [(j, 0) for j in range(hidden)],
            ),
        )
        for part, title, cells in groups:
            header = QLabel(title)
            header.setTextFormat(Qt.TextFormat.RichText)
            # Wrapped: unwrapped, the title set the page's minimum width and the
            # number column was cut off at the dock's default width.
            header.setWordWrap(True)
            scale = QLabel()
            scale.setToolTip(
                QCoreApplication.translate("WeightEditor", "Range of the sliders in this section")
            )
            scale.setStyleSheet("color: #6b7280")
            self.scale_labels[part] = scale
            header_row = QHBoxLayout()
            header_row.addWidget(header, 1)
            header_row.addWidget(scale)
            lay.addLayout(header_row)
            box = QFrame()
            box.setFrameShape(QFrame.Shape.StyledPanel)
            grid = QGridLayout(box)
            grid.setContentsMargins(6, 4, 6, 4)
            grid.setHorizontalSpacing(8)
            grid.setVerticalSpacing(2)
            grid.setColumnStretch(1, 1)
            grid_row = 0
            for row, col in cells:
                if part == "recurrent" and col == 0 and row > 0:
                    grid.setRowMinimumHeight(grid_row, 5)  # a gap between units j
                    grid_row += 1
                entry = Entry(gate, part, row, col)
                control = _NumberControl(entry, box)
                control.set_tooltip(_entry_description(entry, params, input_names))
                control.place(grid, grid_row)
                grid_row += 1
                self.controls[entry] = control
            lay.addWidget(box)
        # The same label column in every section, so the sliders line up.
        label_width = max(c.label.sizeHint().width() for c in self.controls.values())
        for control in self.controls.values():
            control.label.setMinimumWidth(label_width)
        lay.addStretch(1)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def show_params(self, params: LSTMParams, *, keep_scales: bool = False) -> None:
        """Show ``params``; ``keep_scales`` keeps every slider range (during a drag)."""
        values = {entry: entry_value(params, entry) for entry in self.controls}
        if not keep_scales:
            # One scale per section, so that positions compare within it.
            for part in PARTS:
                peak = max((abs(v) for e, v in values.items() if e.part == part), default=0.0)
                self.limits[part] = slider_limit(peak)
                self.scale_labels[part].setText(
                    QCoreApplication.translate("WeightEditor", "slider ±{limit:g}").format(
                        limit=self.limits[part]
                    )
                )
        for entry, control in self.controls.items():
            control.set_value(values[entry], self.limits[entry.part])


def _section_title(template: str, storage: str, gate: str) -> str:
    """Rich text of a section header: the notes' name in bold, the PyTorch storage in grey."""
    # Braces of the notation (h_{t-1}) survive .format only when doubled: fill {g} by hand.
    text = rich_notation(template.replace("{g}", gate))
    return f"<b>{text}</b>&nbsp;&nbsp;<span style='color:#6b7280'>{storage}</span>"


def _equation_label(gate: str) -> QLabel:
    label = QLabel(rich_notation(_gate_equation(gate)))
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


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
            return f"{value:.6g}\n" + _entry_description(entry, self._params, self._input_names)
        if role == R.AccessibleTextRole:
            entry = self.entry_at(index.row(), index.column())
            return f"{_entry_accessible_name(entry)}: {value:.4g}"
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
                return f"h{_sub(section)}"
            if section < hidden + self.input_size:
                return f"x{_sub(section - hidden)}"
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


class _TablePage(QWidget):
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
        lay.addWidget(_equation_label(gate))
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


# ------------------------------------------------------------------- the dock
class WeightEditor(QDockWidget):
    """Dock that edits the session's parameters, gate by gate, with undo.

    Parameters
    ----------
    session : Session
    undo_stack : QUndoStack
        Receives one :class:`ParamsCommand` per edit (a whole slider drag is
        one; a preset is one).
    parent : QWidget, optional

    Attributes
    ----------
    tabs : QTabWidget
        One page per gate in :data:`GATE_ORDER`.
    """

    def __init__(
        self,
        session: Session,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        lazy: bool = False,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.undo_stack = undo_stack
        if undo_stack.parent() is None:
            # A stack nobody owns would die with this dock's Python attributes, in the
            # middle of the dock's destruction, and emit into it (clear()): own it.
            undo_stack.setParent(self)
        self.setObjectName("weight_editor_dock")
        # lazy: while hidden, the pages (≈ 100 controls, 0.15 s) wait until the dock
        # is first shown or asked for one of them; the main window starts faster.
        self._lazy = lazy
        self._stale = self._stale_rebuild = False
        self._built_for: tuple[int, int, tuple[str, ...]] | None = None
        self._pages: dict[str, _SliderPage | _TablePage] = {}
        self._drag_start: LSTMParams | None = None

        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)
        top = QHBoxLayout()
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        top.addWidget(self.info_label, 1)
        self.undo_button = QToolButton()
        self.redo_button = QToolButton()
        self._undo_action = QAction(self)
        self._redo_action = QAction(self)
        self._undo_action.triggered.connect(undo_stack.undo)
        self._redo_action.triggered.connect(undo_stack.redo)
        self.undo_button.setDefaultAction(self._undo_action)
        self.redo_button.setDefaultAction(self._redo_action)
        # Slots that use only the signals' arguments: the stack may be emitting
        # from its destructor (clear()), when it can no longer be asked anything.
        undo_stack.canUndoChanged.connect(self._undo_action.setEnabled)
        undo_stack.canRedoChanged.connect(self._redo_action.setEnabled)
        undo_stack.undoTextChanged.connect(self._show_undo_text)
        undo_stack.redoTextChanged.connect(self._show_redo_text)
        top.addWidget(self.undo_button)
        top.addWidget(self.redo_button)
        lay.addLayout(top)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        lay.addWidget(self.tabs, 1)

        self.preset_box = QGroupBox()
        form = QFormLayout(self.preset_box)
        form.setContentsMargins(6, 4, 6, 6)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.init_combo = QComboBox()
        for scheme in INIT_SCHEMES:
            self.init_combo.addItem("", scheme)
        self.seed_box = QSpinBox()
        self.seed_box.setRange(0, 2**31 - 1)
        self.forget_bias_box = QDoubleSpinBox()
        self.forget_bias_box.setRange(-10.0, 10.0)
        self.forget_bias_box.setDecimals(2)
        self.forget_bias_box.setSingleStep(0.5)
        self.forget_bias_box.setValue(1.0)
        self.apply_button = QPushButton()
        self.apply_button.clicked.connect(self.apply_preset)
        self._init_label = QLabel()
        self._seed_label = QLabel()
        self._forget_label = QLabel()
        self._init_label.setBuddy(self.init_combo)
        self._seed_label.setBuddy(self.seed_box)
        self._forget_label.setBuddy(self.forget_bias_box)
        form.addRow(self._init_label, self.init_combo)
        row = QHBoxLayout()
        row.addWidget(self.seed_box, 1)
        row.addSpacing(8)
        row.addWidget(self._forget_label)
        row.addWidget(self.forget_bias_box, 1)
        form.addRow(self._seed_label, row)
        apply_row = QHBoxLayout()
        apply_row.addStretch(1)
        apply_row.addWidget(self.apply_button)
        form.addRow(apply_row)
        lay.addWidget(self.preset_box)
        self.setWidget(body)

        self._retranslate()
        self._update_undo_buttons()
        follow(self, session, self._on_changed, Topic.PARAMS, Topic.SEQUENCE)
        self._sync(rebuild=True)

    def _ensure_synced(self) -> None:
        """Build or update the pages now if a lazy dock put them off."""
        if self._stale:
            rebuild = self._stale_rebuild
            self._stale = self._stale_rebuild = False
            self._sync(rebuild=rebuild, now=True)

    def showEvent(self, event) -> None:
        self._ensure_synced()
        super().showEvent(event)

    # ------------------------------------------------------------- reading
    @property
    def slider_mode(self) -> bool:
        """True when the cell is small enough for one slider per number."""
        return self.session.hidden_size <= SLIDER_MAX_HIDDEN

    def page(self, gate: str) -> _SliderPage | _TablePage:
        """The tab page of ``gate``."""
        self._ensure_synced()
        return self._pages[gate]

    def control(self, entry: Entry) -> _NumberControl:
        """The slider and spin box of ``entry`` (slider mode)."""
        self._ensure_synced()
        page = self._pages[entry.gate]
        if not isinstance(page, _SliderPage):
            raise LookupError("the editor shows tables (H > 4), not sliders")
        return page.controls[entry]

    def slider(self, entry: Entry) -> QSlider:
        """The slider of ``entry`` (slider mode)."""
        return self.control(entry).slider

    def spin_box(self, entry: Entry) -> QDoubleSpinBox:
        """The spin box of ``entry`` (slider mode)."""
        return self.control(entry).spin

    def table(self, gate: str) -> QTableView:
        """The heat-map table of ``gate`` (table mode)."""
        self._ensure_synced()
        page = self._pages[gate]
        if not isinstance(page, _TablePage):
            raise LookupError("the editor shows sliders (H ≤ 4), not tables")
        return page.view

    def table_model(self, gate: str) -> WeightTableModel:
        """The model of ``gate``'s table (table mode)."""
        return self.table(gate).model()

    def show_gate(self, gate: str) -> None:
        """Bring ``gate``'s page to the front."""
        self._ensure_synced()
        self.tabs.setCurrentIndex(GATE_ORDER.index(gate))

    # ---------------------------------------------------------------- edits
    def set_value(self, entry: Entry, value: float) -> None:
        """Set one number as the user would: one undoable edit (nothing if unchanged)."""
        edit = weight_edit(self.session, entry, value)
        if edit is not None:
            self.undo_stack.push(ParamsCommand(self.session, edit, _edit_text(entry)))

    def apply_preset(self) -> None:
        """Replace all parameters by the preset form's :meth:`LSTMParams.random` (one undo step)."""
        scheme = self.init_combo.currentData()
        seed = self.seed_box.value()
        edit = preset_edit(self.session, scheme, seed, self.forget_bias_box.value())
        if edit is None:
            return
        text = self.tr("Initialise weights ({scheme}, seed {seed})").format(
            scheme=self.init_combo.currentText(), seed=seed
        )
        self.undo_stack.push(ParamsCommand(self.session, edit, text))

    def _on_drag_started(self) -> None:
        self._drag_start = self.session.params

    def _on_drag_moved(self, entry: Entry, value: float) -> None:
        # Live: re-simulate at every move; the undo command comes on release.
        edit = weight_edit(self.session, entry, value)
        if edit is not None:
            edit.apply(self.session)

    def _on_drag_finished(self, entry: Entry) -> None:
        old, self._drag_start = self._drag_start, None
        new = self.session.params
        self._sync()  # the slider scales were frozen during the drag
        if old is None or new == old:
            return
        edit = ParamsEdit(old, new)
        self.undo_stack.push(ParamsCommand(self.session, edit, _edit_text(entry), applied=True))

    # -------------------------------------------------------------- syncing
    def _on_changed(self, changes: frozenset[Topic]) -> None:
        if changes & {Topic.PARAMS, Topic.SEQUENCE}:
            self._sync()

    def _sync(self, rebuild: bool = False, *, now: bool = False) -> None:
        if self._lazy and not now and not self.isVisible():
            self._stale = True
            self._stale_rebuild |= rebuild
            return
        p = self.session.params
        names = tuple(self.session.sequence.input_names)
        key = (p.hidden_size, p.input_size, names)
        if rebuild or key != self._built_for:
            self._build_pages()
            self._built_for = key
        for page in self._pages.values():
            if isinstance(page, _SliderPage):
                page.show_params(p, keep_scales=self._drag_start is not None)
            else:
                page.show_params(p, names)
        self.info_label.setText(
            self.tr("Inputs D = {D}, units H = {H}").format(D=p.input_size, H=p.hidden_size)
        )

    def _build_pages(self) -> None:
        current = max(self.tabs.currentIndex(), 0)
        with QSignalBlocker(self.tabs):
            while self.tabs.count():
                widget = self.tabs.widget(0)
                self.tabs.removeTab(0)
                widget.deleteLater()
        self._pages.clear()
        params = self.session.params
        names = tuple(self.session.sequence.input_names)
        for gate in GATE_ORDER:
            if params.hidden_size <= SLIDER_MAX_HIDDEN:
                page: _SliderPage | _TablePage = _SliderPage(gate, params, names)
                for entry, control in page.controls.items():
                    control.edited.connect(lambda v, e=entry: self.set_value(e, v))
                    control.drag_started.connect(self._on_drag_started)
                    control.drag_moved.connect(lambda v, e=entry: self._on_drag_moved(e, v))
                    control.drag_finished.connect(lambda e=entry: self._on_drag_finished(e))
            else:
                page = _TablePage(gate)
                page.model.edit_requested.connect(self.set_value)
            self._pages[gate] = page
            self.tabs.addTab(page, _gate_title(gate))
            self.tabs.setTabToolTip(self.tabs.count() - 1, _gate_equation(gate))
        self.tabs.setCurrentIndex(min(current, self.tabs.count() - 1))

    def _update_undo_buttons(self) -> None:
        stack = self.undo_stack
        self._undo_action.setEnabled(stack.canUndo())
        self._redo_action.setEnabled(stack.canRedo())
        self._show_undo_text(stack.undoText())
        self._show_redo_text(stack.redoText())

    def _show_undo_text(self, what: str) -> None:
        self._undo_action.setToolTip(self.tr("Undo {what}").format(what=what) if what else "")

    def _show_redo_text(self, what: str) -> None:
        self._redo_action.setToolTip(self.tr("Redo {what}").format(what=what) if what else "")

    # ---------------------------------------------------------- translation
    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Weights"))
        self.info_label.setToolTip(self.tr("Every edit re-runs the cell up to the current step"))
        self._undo_action.setText(self.tr("↶ Undo"))
        self._redo_action.setText(self.tr("Redo ↷"))
        self.undo_button.setAccessibleName(self.tr("Undo the last weight edit"))
        self.redo_button.setAccessibleName(self.tr("Redo the weight edit"))
        self.preset_box.setTitle(self.tr("Initialise all parameters"))
        self._init_label.setText(self.tr("Sche&me:"))
        self._seed_label.setText(self.tr("See&d:"))
        self._forget_label.setText(self.tr("Forget &bias:"))
        texts = {
            "uniform": self.tr("Uniform ±1/√H (like PyTorch)"),
            "xavier": self.tr("Xavier (Glorot uniform)"),
            "orthogonal": self.tr("Orthogonal recurrent, Xavier input"),
        }
        for k, scheme in enumerate(INIT_SCHEMES):
            self.init_combo.setItemText(k, texts[scheme])
        self.init_combo.setToolTip(self.tr("How the random weights are drawn"))
        self.init_combo.setAccessibleName(self.tr("Initialisation scheme"))
        self.seed_box.setToolTip(self.tr("Same seed, same weights"))
        self.seed_box.setAccessibleName(self.tr("Seed"))
        self.forget_bias_box.setToolTip(
            self.tr(
                "Added to the forget gate's bias b_f: f_t ≈ σ(b_f) while the rest of its input "
                "is small, and a cell state left alone halves in ln 0.5 / ln f steps. b = 1 gives "
                "f ≈ 0.73 (half-life 2.2 steps), 3 gives 0.95 (14 steps), 5 gives 0.993 (100 steps)"
            )
        )
        self.forget_bias_box.setAccessibleName(self.tr("Forget-gate bias"))
        self.apply_button.setText(self.tr("A&pply"))
        self.apply_button.setToolTip(
            self.tr("Replace every weight and bias by the preset (one undo step)")
        )
        self._update_undo_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            if self._built_for is not None:
                self._sync(rebuild=True)
        super().changeEvent(event)
