"""The matrix-form tab: z = W_ih·x_t + W_hh·h_{t−1} + b_ih + b_hh, shapes and all.

PyTorch's layout (docs/architecture.md): ``weight_ih`` is 4H × D and
``weight_hh`` 4H × H, their rows in four blocks in the gate order i, f, g, o, so
the selected unit j owns rows j, H + j, 2H + j, 3H + j — one per gate. The tab
writes the shapes with this cell's sizes, the selected unit's four rows as sums
with their numbers, and then every row of [W_ih | W_hh | b_ih | b_hh | z] with the
selected unit's rows highlighted. The numbers are the session's parameters and
the step's pre-activations (``StepResult.z``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from ...session import Session
from ..equations import format_value
from .backward import paren
from .base import LazyLinesView, TextPanel

__all__ = ["HighlightView", "MatrixPanel", "unit_rows"]

GATES = "ifgo"
#: Columns of W_hh written out per row (the rest is "…").
MAX_COLUMNS = 6


def unit_rows(unit: int, hidden: int) -> list[int]:
    """The rows of unit ``unit`` in a 4H-row block matrix: one per gate, in the order i, f, g, o."""
    return [b * hidden + unit for b in range(4)]


def _cell(v: float) -> str:
    text = f"{float(v):7.3f}"
    if text.strip() == "-0.000":  # a negative number that rounds to zero shows as 0.000
        text = text.replace("-", " ")
    return text.replace("-", "−")


def _cells(row: np.ndarray) -> str:
    shown = " ".join(_cell(v) for v in row[:MAX_COLUMNS])
    return shown + (" …" if len(row) > MAX_COLUMNS else "")


class HighlightView(LazyLinesView):
    """Lines of text with some lines on a highlighted background."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._highlight: tuple[int, ...] = ()

    def set_highlight(self, lines: list[int]) -> None:
        """Highlight these line numbers (0-based)."""
        if tuple(lines) != self._highlight:
            self._highlight = tuple(lines)
            self.update()

    def highlighted(self) -> list[int]:
        """The highlighted line numbers."""
        return list(self._highlight)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._highlight:
            painter = QPainter(self)
            color = QColor(self.palette().highlight().color())
            color.setAlpha(70)
            height = self._line_height()
            for k in self._highlight:
                painter.fillRect(0, self._MARGIN + k * height, self.width(), height, color)
            painter.end()
        super().paintEvent(event)


class MatrixPanel(TextPanel):
    """The pre-activations of step t in matrix form, the selected unit's rows highlighted."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        self._rows_at = 0  # the line of the matrix's first row
        self._parts: list[list[float]] | None = None
        super().__init__(session, parent, view=HighlightView())
        self.retranslate()

    def retranslate(self) -> None:
        self.view.setAccessibleName(self.tr("Pre-activations in matrix form"))
        super().retranslate()

    def header_text(self) -> str:
        s = self.session
        return self.tr(
            "z = W_ih·x_t + W_hh·h_{{t−1}} + b_ih + b_hh at t = {t}, unit j = {j}"
        ).format(t=s.t, j=s.unit)

    def compute_lines(self) -> list[str]:
        s = self.session
        p, hidden, d = s.params, s.hidden_size, s.params.input_size
        step = s.step_result()
        j = s.unit
        self._parts: list[list[float]] | None = None
        lines = [
            self.tr("Shapes (gate blocks i, f, g, o of H rows each):"),
            "  z(4H) = W_ih(4H×D)·x_t(D) + W_hh(4H×H)·h_{t−1}(H) + b_ih(4H) + b_hh(4H)",
            f"  z({4 * hidden}) = W_ih({4 * hidden}×{d})·x_t({d}) + W_hh({4 * hidden}×{hidden})"
            f"·h_{{t−1}}({hidden}) + b_ih({4 * hidden}) + b_hh({4 * hidden})",
            self.tr("Unit j = {j} owns rows {rows} (one per gate):").format(
                j=j, rows=", ".join(str(r) for r in unit_rows(j, hidden))
            ),
        ]
        if step is None:
            lines.append(self.tr("  (t = 0: no input yet; press Step to compute z of step 1)"))
        else:
            self._parts = []
            for gate, r in zip(GATES, unit_rows(j, hidden), strict=True):
                ih = float(p.weight_ih[r] @ step.x)
                hh = float(p.weight_hh[r] @ step.h_prev)
                self._parts.append(
                    [ih, hh, float(p.bias_ih[r]), float(p.bias_hh[r]), float(step.z[r])]
                )
                lines.append(
                    f"  z_{gate}[{j}] = {paren(ih)} + {paren(hh)} + {paren(float(p.bias_ih[r]))}"
                    f" + {paren(float(p.bias_hh[r]))} = {format_value(float(step.z[r]))}"
                )
        lines.append("")
        width_ih = min(d, MAX_COLUMNS) * 8 + (2 if d > MAX_COLUMNS else 0)
        width_hh = min(hidden, MAX_COLUMNS) * 8 + (2 if hidden > MAX_COLUMNS else 0)
        lines.append(
            f"{'':6}{'W_ih':^{width_ih}}│{'W_hh':^{width_hh}}│{'b_ih':^8}│{'b_hh':^8}│{'z':^8}"
        )
        self._rows_at = len(lines)
        for r in range(4 * hidden):
            z = "   ·" if step is None else _cell(step.z[r])
            lines.append(
                f"{GATES[r // hidden]}{r % hidden:>3}  {_cells(p.weight_ih[r]):<{width_ih}}│"
                f"{_cells(p.weight_hh[r]):<{width_hh}}│{_cell(p.bias_ih[r])} │"
                f"{_cell(p.bias_hh[r])} │{z}"
            )
        return lines

    def refresh(self) -> None:
        super().refresh()
        hidden = self.session.hidden_size
        self.view.set_highlight([self._rows_at + r for r in unit_rows(self.session.unit, hidden)])

    def extra_rendered(self) -> dict[str, Any]:
        s = self.session
        step = s.step_result()
        return {
            "shapes": {
                "weight_ih": list(s.params.weight_ih.shape),
                "weight_hh": list(s.params.weight_hh.shape),
                "z": 4 * s.hidden_size,
            },
            "highlight": self.view.highlighted(),
            "rows_at": self._rows_at,
            "unit_rows": unit_rows(s.unit, s.hidden_size),
            "z": None if step is None else step.z.tolist(),
            # the selected unit's rows: [W_ih·x_t, W_hh·h_{t−1}, b_ih, b_hh, z] per gate
            "parts": self._parts,
        }
