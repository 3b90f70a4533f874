"""The weight editor's numbers and words: slider ranges, cell texts, labels, tooltips."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import (
    QCoreApplication,
)

from ...engine import LSTMParams
from ...session.commands import (
    Entry,
)

__all__ = [
    "DEFAULT_LIMIT",
    "GATE_ORDER",
    "SLIDER_MAX_HIDDEN",
    "SLIDER_STEPS",
    "SPIN_LIMIT",
    "edit_text",
    "entry_accessible_name",
    "entry_description",
    "entry_label",
    "format_cell",
    "gate_equation",
    "gate_title",
    "slider_limit",
    "subscript",
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


def subscript(index: int) -> str:
    """``3`` → ``"₃"`` (subscript digits, for compact column headers)."""
    return str(index).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def gate_title(gate: str) -> str:
    return {
        "f": QCoreApplication.translate("WeightEditor", "f forget"),
        "i": QCoreApplication.translate("WeightEditor", "i input"),
        "g": QCoreApplication.translate("WeightEditor", "g candidate"),
        "o": QCoreApplication.translate("WeightEditor", "o output"),
    }[gate]


def gate_equation(gate: str) -> str:
    act = "tanh" if gate == "g" else "σ"
    name = "C̃_t" if gate == "g" else f"{gate}_t"
    return f"{name} = {act}(W_{gate}·[h_{{t-1}}, x_t] + b_{gate})"


def entry_label(entry: Entry) -> str:
    if entry.part == "input":
        return QCoreApplication.translate("WeightEditor", "j={j}, d={d}").format(
            j=entry.row, d=entry.col
        )
    if entry.part == "recurrent":
        return QCoreApplication.translate("WeightEditor", "j={j}, k={k}").format(
            j=entry.row, k=entry.col
        )
    return QCoreApplication.translate("WeightEditor", "j={j}").format(j=entry.row)


def entry_description(entry: Entry, params: LSTMParams, input_names: tuple[str, ...]) -> str:
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


def entry_accessible_name(entry: Entry) -> str:
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


def edit_text(entry: Entry) -> str:
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
