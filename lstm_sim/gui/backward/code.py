"""The code tab: the reference step, forward and backward, with the current values beside it.

``engine/reference.py`` is the LSTM written plainly, every quantity named
(docs/architecture.md, "Two paths, one set of numbers"). This tab shows the
source of :func:`~lstm_sim.engine.reference.lstm_step_forward` and
:func:`~lstm_sim.engine.reference.lstm_step_backward` as it is
(``inspect.getsource``), and in a gutter to its left the value each line gave the
selected unit: the functions are run on the session's step — the forward step at
the cursor t, the backward step k of the Backward tab — with a line tracer that
records the function's locals after every line (:func:`run_traced`), so a value
shown beside a line is the one that line computed.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QWidget

from ...engine.reference import lstm_step_backward, lstm_step_forward
from ...session import Session
from ...session.backward_view import BackwardView, backward_view
from ..equations import format_value
from .base import LazyLinesView, TextPanel

__all__ = ["CodePanel", "CodeView", "run_traced", "source_of"]

#: Characters of the gutter, "name = value │ ".
GUTTER = 18
_ASSIGN = re.compile(r"^\s*([A-Za-z_]\w*)(?:, [A-Za-z_]\w*)* = ")
_KEYWORD = re.compile(r"^\s*([A-Za-z_]\w*)=[^=]")


def source_of(func: Callable[..., Any]) -> tuple[list[str], int]:
    """The source lines of ``func`` (no line ends) and the line number of the first."""
    lines, first = inspect.getsourcelines(func)
    return [line.rstrip("\n") for line in lines], first


def run_traced(func: Callable[..., Any], *args: Any) -> tuple[Any, dict[int, dict[str, Any]]]:
    """Call ``func(*args)``; also return its locals after each line it ran, by line number.

    A tracer (``sys.settrace``) is set for the call only and follows ``func``'s
    own frame; the tracer that was set before (a debugger, coverage) is put back.
    """
    code = func.__code__
    after: dict[int, dict[str, Any]] = {}
    current: list[int | None] = [None]

    def local(frame, event, _arg):
        if event in ("line", "return"):
            line = current[0]
            if line is not None:
                after[line] = dict(frame.f_locals)
            current[0] = frame.f_lineno if event == "line" else None
        return local

    def calls(frame, event, _arg):
        return local if event == "call" and frame.f_code is code else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        result = func(*args)
    finally:
        sys.settrace(previous)
    return result, after


#: Names of vectors over the inputs (D), not the units (even when D = H).
_INPUT_SIDE = ("x", "dx")


def _shown(name: str, value: Any, unit: int, hidden: int) -> tuple[str, float | None]:
    """What the gutter writes for one value, and the number (the unit's), if it is one."""
    if isinstance(value, np.ndarray):
        if value.shape == (hidden,) and name not in _INPUT_SIDE:
            v = float(value[unit])
            return f"{name} = {format_value(v)}", v
        return f"{name}: {'×'.join(str(n) for n in value.shape)}", None
    if isinstance(value, float | int) and not isinstance(value, bool):
        return f"{name} = {format_value(float(value))}", float(value)
    return "", None


class CodeView(LazyLinesView):
    """Lines of code at the base font size: never shrunk, scrolled sideways when wider."""

    def _fit(self) -> None:
        self._longest = max(map(len, self._lines), default=0)
        metrics = QFontMetricsF(self.font())
        widest = max((metrics.horizontalAdvance(line) for line in self._lines), default=0.0)
        self.setMinimumWidth(int(widest) + 2 * self._MARGIN + 2)


class CodePanel(TextPanel):
    """engine/reference.py's step functions as code, each line's value for the unit beside it."""

    FUNCTIONS = (lstm_step_forward, lstm_step_backward)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        self._values: dict[str, dict[int, list[Any]]] = {}
        self._spans: dict[str, tuple[int, int]] = {}
        self._view: BackwardView | None = None
        super().__init__(session, parent, view=CodeView())
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._scrolled = False  # shown once at the first line with a value (past the docstring)
        self.retranslate()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._scrolled:
            QTimer.singleShot(0, self._scroll_to_body)

    def _scroll_to_body(self) -> None:
        values = self._values.get("lstm_step_forward")
        if not values or not self.isVisible():
            return
        self._scrolled = True
        first = min(values)
        height = self.view.fontMetrics().lineSpacing()
        self.scroll.verticalScrollBar().setValue(max(0, first - 8) * height)

    def retranslate(self) -> None:
        self.view.setAccessibleName(self.tr("The reference step as code, with its values"))
        super().retranslate()

    def header_text(self) -> str:
        s = self.session
        view = self._view = backward_view(s)  # (used again by compute_lines)
        if s.t == 0:
            return self.tr("The reference step (t = 0: press Step to run it)")
        if view is None:  # a whole model's prediction loss: no one-cell backward step
            return self.tr("The reference step: forward t = {t}, unit j = {j}").format(
                t=s.t, j=s.unit
            )
        return self.tr(
            "The reference step: forward t = {t}, backward k = {k}, unit j = {j}"
        ).format(t=s.t, k=view.k, j=s.unit)

    def _runs(self) -> dict[str, tuple[Any, dict[int, dict[str, Any]]]]:
        """Run the two functions on the session's steps (none at t = 0)."""
        s = self.session
        step = s.step_result()
        view = self._view
        if step is None:
            return {}
        clamp = dict(s.settings.clamp) or None
        forward = run_traced(lstm_step_forward, s.params, step.x, step.h_prev, step.c_prev, clamp)
        if view is None:
            return {"lstm_step_forward": forward}
        dc_carry = view.step.dc_carried + view.step.dc_loss
        backward = run_traced(lstm_step_backward, s.params, view.forward, view.step.dh, dc_carry)
        return {"lstm_step_forward": forward, "lstm_step_backward": backward}

    def compute_lines(self) -> list[str]:
        s = self.session
        runs = self._runs()
        self._values, self._spans = {}, {}
        lines: list[str] = [f"{'':>{GUTTER}} │ # lstm_sim/engine/reference.py", ""]
        for func in self.FUNCTIONS:
            name = func.__name__
            source, first = source_of(func)
            result, after = runs.get(name, (None, {}))
            values: dict[int, list[Any]] = {}
            self._spans[name] = (len(lines), len(lines) + len(source))
            for offset, code in enumerate(source):
                gutter = ""
                assign = _ASSIGN.match(code)
                keyword = _KEYWORD.match(code)
                value: Any = None
                key = ""
                if assign and first + offset in after:
                    key = assign.group(1)
                    value = after[first + offset].get(key)
                elif keyword and result is not None and hasattr(result, keyword.group(1)):
                    key = keyword.group(1)
                    value = getattr(result, key)
                if key and value is not None:
                    gutter, number = _shown(key, value, s.unit, s.hidden_size)
                    if gutter:
                        values[offset] = [key, number]
                lines.append(f"{gutter[:GUTTER]:>{GUTTER}} │ {code}")
            self._values[name] = values
            lines.append("")
        return lines[:-1]

    def extra_rendered(self) -> dict[str, Any]:
        return {
            "spans": {k: list(v) for k, v in self._spans.items()},
            # per function: the source line (0-based) → [name, the unit's value or None]
            "values": {
                name: {str(k): v for k, v in values.items()}
                for name, values in self._values.items()
            },
        }

    def code(self, name: str) -> list[str]:
        """The source lines shown for function ``name``, without the gutter."""
        start, stop = self.rendered()["spans"][name]
        return [line[GUTTER + 3 :] for line in self.view.lines()[start:stop]]
