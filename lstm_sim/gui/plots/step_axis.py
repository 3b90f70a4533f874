"""The plots' time axis: step numbers, or the file's step labels (years, dates) where regular.

A table with a ``year`` or ``date`` column gives its sequence
:class:`~lstm_sim.step_labels.StepLabels`; when they are regular (one
constant step from row to row) the tick at step t reads the label of the
row that step t consumes (row t − 1, see docs/architecture.md), e.g. 1871
instead of 1. Irregular labels would make the axis lie about distances, so
the step numbers stay.
"""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg

from ...step_labels import StepLabels

__all__ = ["StepAxis", "step_label_function"]


def step_label_function(labels: StepLabels | None) -> Callable[[float], str] | None:
    """``t ↦`` the label of step t (``""`` off the steps), or None when the steps are numbered.

    Parameters
    ----------
    labels : StepLabels or None
        One label per row of the sequence (length T).

    Returns
    -------
    callable or None
        None without labels or with irregular ones.
    """
    if labels is None or not labels.regular:
        return None
    count = len(labels)

    def label(t: float) -> str:
        k = round(t)
        if abs(t - k) > 1e-6 or not 1 <= k <= count:
            return ""  # between steps, or t = 0 (the initial state, before any row)
        text = labels.text(k - 1)
        return text[:7] if monthly else text  # 1959-03, not 1959-03-01

    monthly = labels.kind == "date" and labels.unit == "M"
    return label


class StepAxis(pg.AxisItem):
    """A bottom axis whose tick texts come from a function of t (the step labels) when set."""

    # Class defaults: AxisItem.__init__ calls setLabel before __init__ here could set them.
    _labels: StepLabels | None = None
    _label_of: Callable[[float], str] | None = None
    _base_label = ""

    def set_step_labels(self, labels: StepLabels | None) -> None:
        """Label the ticks with ``labels`` when regular (None: the step numbers)."""
        self._labels = labels
        self._label_of = step_label_function(labels)
        self._show_label()
        self.picture = None  # the cached tick texts
        self.update()

    @property
    def labelled(self) -> str:
        """The name of the column that labels the ticks (``""`` for step numbers)."""
        return self._labels.name if self._label_of is not None and self._labels else ""

    def tick_text(self, t: float) -> str:
        """The text of a tick at ``t``."""
        if self._label_of is None:
            return f"{t:g}"
        return self._label_of(t)

    def tickStrings(self, values, scale, spacing):
        if self._label_of is None:
            return super().tickStrings(values, scale, spacing)
        return [self._label_of(v * scale) for v in values]

    def setLabel(self, text=None, units=None, unitPrefix=None, **args):
        if text is not None:
            self._base_label = text
        super().setLabel(self._label_text(), units, unitPrefix, **args)

    def _label_text(self) -> str:
        name = self.labelled
        return f"{self._base_label} — {name}" if name and self._base_label else self._base_label

    def _show_label(self) -> None:
        if self._base_label:
            super().setLabel(self._label_text())
