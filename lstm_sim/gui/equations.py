"""The equations panel: the six LSTM equations with the selected unit's numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..session import Session

__all__ = ["EquationsPanel", "format_value"]


def format_value(v: float, decimals: int = 4) -> str:
    """A number as the panels show it: fixed decimals, a true minus sign."""
    text = f"{float(v):.{decimals}f}"
    if text.startswith("-"):
        text = "−" + text[1:]
    return text


def _paren(v: float) -> str:
    """Negative factors in parentheses: 0.5·(−0.2)."""
    s = format_value(v)
    return f"({s})" if s.startswith("−") else s


class EquationsPanel(QWidget):
    """Shows the equations of step t for the selected unit; updates on every step."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.header = QLabel()
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        # Plain text in a fixed-pitch font: rich text would be re-parsed and laid out
        # on every step (≈ 10 ms), plain text is cheap.
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Ignored: new text every step must not make the window re-run its layout.
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.label.setAccessibleName(self.tr("Equations of the current step"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.header)
        lay.addWidget(self.label)
        session.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, changes: frozenset[str]) -> None:
        if changes & {"step", "unit", "params", "sequence", "trace", "readout"}:
            self.refresh()

    def lines(self) -> list[str]:
        """The equations as plain text lines (what the panel shows)."""
        s = self.session
        j = s.unit
        r = s.step_result()
        if r is None:
            h, c = s.state()
            return [
                self.tr("t = 0: the initial state, before any input."),
                f"h_0 = {format_value(h[j])}",
                f"C_0 = {format_value(c[j])}",
                self.tr("Press Step (→) to compute step 1."),
            ]
        zf, zi, zg, zo = (r.z_gate(n)[j] for n in "figo")
        f, i, g, o, c, tc, h = (v[j] for v in (r.f, r.i, r.g, r.o, r.c, r.tanh_c, r.h))
        cp = r.c_prev[j]
        fv = format_value
        return [
            "f_t = σ(W_f·[h_{t−1}, x_t] + b_f)",
            f"    = σ({fv(zf)}) = {fv(f)}",
            "i_t = σ(W_i·[h_{t−1}, x_t] + b_i)",
            f"    = σ({fv(zi)}) = {fv(i)}",
            "C̃_t = tanh(W_C·[h_{t−1}, x_t] + b_C)",
            f"    = tanh({fv(zg)}) = {fv(g)}",
            "o_t = σ(W_o·[h_{t−1}, x_t] + b_o)",
            f"    = σ({fv(zo)}) = {fv(o)}",
            "C_t = f_t·C_{t−1} + i_t·C̃_t",
            f"    = {_paren(f)}·{_paren(cp)} + {_paren(i)}·{_paren(g)} = {fv(c)}",
            "h_t = o_t·tanh(C_t)",
            f"    = {_paren(o)}·{_paren(tc)} = {fv(h)}",
            *self._readout_lines(),
        ]

    def _readout_lines(self) -> list[str]:
        """ŷ_t = W_y·h_t + b_y (all units feed it), with the target when there is one."""
        s = self.session
        yhat = s.prediction()
        if yhat is None:
            return []
        lines = [
            self.tr("ŷ_t = W_y·h_t + b_y (read-out)"),
            "    = " + ", ".join(format_value(v) for v in yhat[:4]),
        ]
        targets = s.sequence.targets
        if targets is not None:
            y = targets[s.t - 1]
            lines.append(
                self.tr("target y_t = {y}").format(y=", ".join(format_value(v) for v in y[:4]))
            )
        return lines

    def refresh(self) -> None:
        """Redraw from the session."""
        s = self.session
        self.header.setText(self.tr("Step t = {t} of {T}, unit {j}").format(t=s.t, T=s.T, j=s.unit))
        self.label.setText("\n".join(self.lines()))

    def text(self) -> str:
        """Plain text of the panel (header and equations), for tests and screen readers."""
        s = self.session
        head = self.tr("Step t = {t} of {T}, unit {j}").format(t=s.t, T=s.T, j=s.unit)
        return "\n".join([head, *self.lines()])
