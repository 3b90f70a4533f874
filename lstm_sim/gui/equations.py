"""The equations panel: the six LSTM equations with the selected unit's numbers."""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QFont,
    QFontDatabase,
    QFontInfo,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QPaintEvent,
    QStaticText,
    QTextOption,
)
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from ..session import Session, StepView, Topic
from .clamp_text import clamped_reading
from .follow import follow
from .model_strip import cell_name
from .numbers import format_value
from .steady import SteadyLabel

__all__ = ["EquationsPanel", "EquationsView", "format_value"]


def _paren(v: float) -> str:
    """Negative factors in parentheses: 0.5·(−0.2)."""
    s = format_value(v)
    return f"({s})" if s.startswith("−") else s


class EquationsView(QWidget):
    """Lines of plain text in a fixed-pitch font, each kept as a laid-out QStaticText.

    :meth:`set_lines` re-lays out and repaints only the lines that changed; the
    size never depends on the text (the layout around it never re-runs). The
    text is also the accessible description, for screen readers.
    """

    _MARGIN = 2
    #: Smallest font (points) the lines shrink to when the view is too narrow.
    MIN_POINT_SIZE = 6.5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: list[str] = []
        self._static: list[QStaticText] = []
        self._option = QTextOption()
        self._option.setWrapMode(QTextOption.WrapMode.NoWrap)
        self._base_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self._longest = 0  # characters of the longest line, when the font was last fitted
        self.setFont(self._base_font)
        # Opaque: a changed line repaints this widget only, not the group box under it.
        self.setAutoFillBackground(True)

    def lines(self) -> list[str]:
        """The lines shown."""
        return list(self._lines)

    def _line_height(self) -> int:
        return self.fontMetrics().lineSpacing()

    def _laid_out(self, text: str) -> QStaticText:
        st = QStaticText(text)
        st.setTextFormat(Qt.TextFormat.PlainText)
        st.setTextOption(self._option)
        st.prepare(font=self.font())
        return st

    def set_lines(self, lines: list[str]) -> None:
        """Show ``lines``; repaint the rows whose text changed."""
        old = self._lines
        if lines == old:
            return
        height, width = self._line_height(), self.width()
        for k, line in enumerate(lines):
            if k < len(old) and old[k] == line:
                continue
            st = self._laid_out(line)
            if k < len(self._static):
                self._static[k] = st
            else:
                self._static.append(st)
            self.update(QRect(0, self._MARGIN + k * height, width, height))
        if len(lines) < len(old):
            del self._static[len(lines) :]
            top = self._MARGIN + len(lines) * height
            self.update(QRect(0, top, width, (len(old) - len(lines)) * height))
        self._lines = list(lines)
        self.setAccessibleDescription("\n".join(lines))
        # Only ever smaller while stepping (a resize may grow it again): a size that
        # followed each step's longest line would make the text jump between steps.
        longest = max(lines, key=len, default="")
        if len(longest) > self._longest:
            self._longest = len(longest)
            if QFontMetricsF(self.font()).horizontalAdvance(longest) > self._room():
                self._fit()

    def _room(self) -> int:
        return self.width() - 2 * self._MARGIN

    def _fit(self) -> None:
        """The base size, or a smaller one if the widest line would not fit the width."""
        self._longest = max(map(len, self._lines), default=0)
        room = self._room()
        font = QFont(self.font())  # as the widget resolves it, so the measures hold
        font.setPointSizeF(self._base_font.pointSizeF())

        def widest(f: QFont) -> float:
            metrics = QFontMetricsF(f)
            return max((metrics.horizontalAdvance(line) for line in self._lines), default=0.0)

        needed = widest(font)
        if needed > room > 0:
            # Widths are not quite proportional to the size (hinting): start from the
            # proportional guess, in quarter points, and step down until the lines fit.
            size = math.floor(font.pointSizeF() * room / needed * 4) / 4
            while True:
                size = max(size, self.MIN_POINT_SIZE)
                font.setPointSizeF(size)
                if size <= self.MIN_POINT_SIZE or widest(font) <= room:
                    break
                size -= 0.25
        if font != self.font():
            self.setFont(font)  # lays out the lines again (changeEvent)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(self.font())
        painter.setPen(self.palette().windowText().color())
        height = self._line_height()
        exposed = event.rect()
        first = max(0, (exposed.top() - self._MARGIN) // height)
        last = min(len(self._static), (exposed.bottom() - self._MARGIN) // height + 1)
        left = self._MARGIN
        for k in range(first, last):
            painter.drawStaticText(QPointF(left, self._MARGIN + k * height), self._static[k])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._static = [self._laid_out(line) for line in self._lines]
            self.update()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance("M" * 44), self._line_height() * 14)


class EquationsPanel(QWidget):
    """Shows the equations of step t for the selected unit; updates on every step."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        # Steady labels: new text on every step repaints only the text, never the layout.
        self._header_box = SteadyLabel(lines=1)
        self.header = self._header_box.label
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self._header_box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        # Plain text in a fixed-pitch font, each line laid out once: a Step re-lays
        # out only the lines whose numbers changed (a QLabel lays out all of them
        # on every paint: ≈ 1 ms).
        self.view = EquationsView()
        self.view.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.copy_action = QAction(self.view)
        self.copy_action.triggered.connect(self.copy_to_clipboard)
        self.view.addAction(self.copy_action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self._header_box)
        lay.addWidget(self.view, 1)
        follow(self, session, self._on_changed, *StepView.TOPICS)
        self.retranslate()

    def retranslate(self) -> None:
        """The texts in the current language (the lines include some words: refresh)."""
        self.view.setAccessibleName(self.tr("Equations of the current step"))
        self.copy_action.setText(self.tr("Copy the equations"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def rendered(self) -> dict[str, Any]:
        """What the panel shows: the header, the lines, and the font family they are drawn in."""
        return {
            "header": self.header.text(),
            "lines": self.view.lines(),
            "font": QFontInfo(self.view.font()).family(),
        }

    def _on_changed(self, _changes: frozenset[Topic]) -> None:
        self.refresh()  # (called only for StepView.TOPICS)

    def lines(self) -> list[str]:
        """The equations as plain text lines (what the panel shows)."""
        v = self.session.step_view()
        if v.t == 0:
            return [
                self.tr("t = 0: the initial state, before any input."),
                f"h_0 = {format_value(v.value('h'))}",
                f"C_0 = {format_value(v.value('c'))}",
                self.tr("Press Step (→) to compute step 1."),
            ]
        j = v.unit
        zf, zi, zg, zo = (v.pre[k][j] for k in "figo")
        f, i, g, o, c, tc, h, cp = (
            v.value(k) for k in ("f", "i", "g", "o", "c", "tanh_c", "h", "c_prev")
        )
        fv = format_value

        def gate(key: str, z: float, value: float) -> str:
            # A clamped gate is a constant, not σ(z): say so (issue 13, item 3).
            if key in v.clamped:
                return "    = " + clamped_reading(key, v.clamped[key], z, fv)
            return f"    = σ({fv(z)}) = {fv(value)}"

        return [
            "f_t = σ(W_f·[h_{t−1}, x_t] + b_f)",
            gate("f", zf, f),
            "i_t = σ(W_i·[h_{t−1}, x_t] + b_i)",
            gate("i", zi, i),
            "C̃_t = tanh(W_g·[h_{t−1}, x_t] + b_g)",
            f"    = tanh({fv(zg)}) = {fv(g)}",
            "o_t = σ(W_o·[h_{t−1}, x_t] + b_o)",
            gate("o", zo, o),
            "C_t = f_t·C_{t−1} + i_t·C̃_t",
            f"    = {_paren(f)}·{_paren(cp)} + {_paren(i)}·{_paren(g)} = {fv(c)}",
            "h_t = o_t·tanh(C_t)",
            f"    = {_paren(o)}·{_paren(tc)} = {fv(h)}",
            *self._readout_lines(v),
        ]

    def _readout_lines(self, v: StepView) -> list[str]:
        """ŷ_t = W_y·h_t + b_y (all units feed it), with the target when there is one."""
        if v.prediction is None:
            return []
        lines = [
            self.tr("ŷ = the model's head on its top layer, time {time}").format(time=v.time)
            if v.cell is not None
            else self.tr("ŷ_t = W_y·h_t + b_y (read-out)"),
            "    = " + ", ".join(format_value(x) for x in v.prediction[:4]),
        ]
        if v.target is not None:
            lines.append(
                self.tr("target y_t = {y}").format(
                    y=", ".join(format_value(x) for x in v.target[:4])
                )
            )
        return lines

    def sync(self) -> None:
        """Build what the panel shows from the session alone (the only path: a Step too)."""
        self.refresh()

    def refresh(self) -> None:
        """Redraw from the session."""
        s = self.session
        header = self.tr("Step t = {t} of {T}, unit {j}").format(t=s.t, T=s.T, j=s.unit)
        if s.model is not None:  # a whole model: name the cell shown
            header = f"{cell_name(s.cell_key)} · {header}"
        self.header.setText(header)
        self.view.set_lines(self.lines())

    def copy_to_clipboard(self) -> None:
        """Put the panel's text (header and equations) on the clipboard."""
        QGuiApplication.clipboard().setText(self.text())

    def text(self) -> str:
        """Plain text of what the panel shows (header and equations)."""
        return "\n".join([self.header.text(), *self.view.lines()])
