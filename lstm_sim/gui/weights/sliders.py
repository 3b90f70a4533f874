"""Small cells (H ≤ 4): one slider and one spin box per number, gate by gate."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QSignalBlocker,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from ...engine import LSTMParams
from ...session.commands import (
    PARTS,
    Entry,
    entry_value,
)
from ..diagram import rich_notation
from .labels import (
    DEFAULT_LIMIT,
    SLIDER_STEPS,
    SPIN_LIMIT,
    entry_accessible_name,
    entry_description,
    entry_label,
    gate_equation,
    slider_limit,
)

__all__ = ["NumberControl", "SliderPage", "equation_label", "section_title"]


# ----------------------------------------------------------- slider controls
class NumberControl(QObject):
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
        self.label = QLabel(entry_label(entry), parent)
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
        accessible = entry_accessible_name(entry)
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


class SliderPage(QScrollArea):
    """One gate's numbers as sliders: input part, recurrent part, bias."""

    def __init__(self, gate: str, params: LSTMParams, input_names: tuple[str, ...]) -> None:
        super().__init__()
        self.gate = gate
        self.controls: dict[Entry, NumberControl] = {}
        self.limits: dict[str, float] = dict.fromkeys(PARTS, DEFAULT_LIMIT)
        self.scale_labels: dict[str, QLabel] = {}
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(6)
        lay.addWidget(equation_label(gate))
        hidden, inputs = params.hidden_size, params.input_size
        groups = (
            (
                "input",
                section_title(
                    QCoreApplication.translate("WeightEditor", "Input part of W_{g}, times x_t"),
                    "weight_ih",
                    gate,
                ),
                [(j, d) for j in range(hidden) for d in range(inputs)],
            ),
            (
                "recurrent",
                section_title(
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
                section_title(
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
                control = NumberControl(entry, box)
                control.set_tooltip(entry_description(entry, params, input_names))
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


def section_title(template: str, storage: str, gate: str) -> str:
    """Rich text of a section header: the notes' name in bold, the PyTorch storage in grey."""
    # Braces of the notation (h_{t-1}) survive .format only when doubled: fill {g} by hand.
    text = rich_notation(template.replace("{g}", gate))
    return f"<b>{text}</b>&nbsp;&nbsp;<span style='color:#6b7280'>{storage}</span>"


def equation_label(gate: str) -> QLabel:
    label = QLabel(rich_notation(gate_equation(gate)))
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label
