"""The diagram's words: titles, captions, text templates and tooltips (context "CellDiagram").

Translated when asked (a language change asks again), so the diagram holds no
text that outlives the language it was made in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from PySide6.QtCore import QCoreApplication

from ...session.view_model import GATE_KEYS, NODE_KEYS
from ..clamp_text import clamped_reading
from .text import NO_VALUE, fill_template, format_value

__all__ = [
    "cell_input_title",
    "equations",
    "labels",
    "templates",
    "titles",
    "tooltips",
    "what",
]


def cell_input_title(cell: tuple[int, bool] | None) -> str:
    """The x_t node's title for a whole model's cell ``(layer, reverse)`` (None: one cell).

    An upper layer's x_t is the layer below's h_t; a reverse cell's step t reads
    the sequence at time T − t + 1.
    """
    if cell is None:
        return titles()["x"]
    layer, reverse = cell
    if layer == 0:
        if not reverse:
            return titles()["x"]
        return QCoreApplication.translate("CellDiagram", "x (time T−t+1)")
    if reverse:
        return QCoreApplication.translate("CellDiagram", "h of layer {k} (time T−t+1)").format(
            k=layer - 1
        )
    return QCoreApplication.translate("CellDiagram", "x_t = h_t of layer {k}").format(k=layer - 1)


def titles() -> dict[str, str]:
    """The value nodes' titles, by node key."""
    return {
        "c_prev": QCoreApplication.translate("CellDiagram", "C_{t-1}"),
        "h_prev": QCoreApplication.translate("CellDiagram", "h_{t-1}"),
        "x": QCoreApplication.translate("CellDiagram", "x_t"),
        "c": QCoreApplication.translate("CellDiagram", "C_t"),
        "h": QCoreApplication.translate("CellDiagram", "h_t"),
        "f": QCoreApplication.translate("CellDiagram", "forget gate f_t"),
        "i": QCoreApplication.translate("CellDiagram", "input gate i_t"),
        "g": QCoreApplication.translate("CellDiagram", "candidate C̃_t"),
        "o": QCoreApplication.translate("CellDiagram", "output gate o_t"),
    }


def labels() -> dict[str, str]:
    """The fixed labels (captions, the names of the two states), by label key."""
    return {
        "h_up": QCoreApplication.translate("CellDiagram", "h_t (output)"),
        "cap_f_mul": QCoreApplication.translate("CellDiagram", "f_t ⊙ C_{t-1}"),
        "cap_i_mul": QCoreApplication.translate("CellDiagram", "i_t ⊙ g_t"),
        "cap_tanh_c": QCoreApplication.translate("CellDiagram", "tanh(C_t)"),
        "cap_o_mul": QCoreApplication.translate("CellDiagram", "o_t ⊙ tanh(C_t)"),
        "cap_bus": QCoreApplication.translate("CellDiagram", "[h_{t-1}, x_t]"),
        "part_c": QCoreApplication.translate("CellDiagram", "cell state C — long-term memory"),
        "part_h": QCoreApplication.translate("CellDiagram", "hidden state h — short-term memory"),
    }


def templates() -> dict[str, str]:
    """Templates filled on every refresh (``{t}``, ``{j}``, …)."""
    return {
        "time0": QCoreApplication.translate("CellDiagram", "t = 0 (initial state)"),
        "time": QCoreApplication.translate("CellDiagram", "t = {t}"),
        "unit": QCoreApplication.translate("CellDiagram", "unit {j} of H = {hidden}"),
        "x_norm": QCoreApplication.translate("CellDiagram", "‖x‖ = {norm}"),
        "no_step": QCoreApplication.translate("CellDiagram", "no step computed yet (t = 0)"),
        "c0": QCoreApplication.translate("CellDiagram", "C_0 = {v} (initial cell state)"),
        "h0": QCoreApplication.translate("CellDiagram", "h_0 = {v} (initial hidden state)"),
        "prev_step": QCoreApplication.translate("CellDiagram", "(the state after step {k})"),
        "step": QCoreApplication.translate("CellDiagram", "step t = {t}"),
    }


def what() -> dict[str, str]:
    """What each node is, in words (the first line of its tooltip)."""
    return {
        "f": QCoreApplication.translate(
            "CellDiagram", "forget gate f_t — how much of C_{t-1} is kept"
        ),
        "i": QCoreApplication.translate(
            "CellDiagram", "input gate i_t — how much of the candidate is written into C_t"
        ),
        "g": QCoreApplication.translate(
            "CellDiagram", "candidate C̃_t — new content proposed for the cell state"
        ),
        "o": QCoreApplication.translate(
            "CellDiagram", "output gate o_t — how much of tanh(C_t) is exposed as h_t"
        ),
        "c": QCoreApplication.translate("CellDiagram", "cell state C_t — long-term memory"),
        "h": QCoreApplication.translate(
            "CellDiagram", "hidden state h_t — short-term memory and the output"
        ),
        "c_prev": QCoreApplication.translate(
            "CellDiagram", "cell state C_{t-1} from the previous step"
        ),
        "h_prev": QCoreApplication.translate(
            "CellDiagram", "hidden state h_{t-1} from the previous step"
        ),
        "x": QCoreApplication.translate("CellDiagram", "input x_t"),
        "f_mul": QCoreApplication.translate(
            "CellDiagram", "the part of the old cell state that is kept"
        ),
        "i_mul": QCoreApplication.translate(
            "CellDiagram", "the new content written into the cell state"
        ),
        "tanh_c": QCoreApplication.translate("CellDiagram", "the cell state squashed into −1 … 1"),
        "o_mul": QCoreApplication.translate(
            "CellDiagram", "the exposed part of the cell state: h_t"
        ),
    }


def equations() -> dict[str, str]:
    """Each node's equation, in the notation (numbers are substituted into it)."""
    return {
        "f": QCoreApplication.translate("CellDiagram", "f_t = σ(W_f·[h_{t-1}, x_t] + b_f)"),
        "i": QCoreApplication.translate("CellDiagram", "i_t = σ(W_i·[h_{t-1}, x_t] + b_i)"),
        "g": QCoreApplication.translate(
            "CellDiagram", "C̃_t = g_t = tanh(W_g·[h_{t-1}, x_t] + b_g)"
        ),
        "o": QCoreApplication.translate("CellDiagram", "o_t = σ(W_o·[h_{t-1}, x_t] + b_o)"),
        "c": QCoreApplication.translate("CellDiagram", "C_t = f_t·C_{t-1} + i_t·g_t"),
        "h": QCoreApplication.translate("CellDiagram", "h_t = o_t·tanh(C_t)"),
        "c_prev": "C_{t-1}",
        "h_prev": "h_{t-1}",
        "x": "x_t",
        "f_mul": "f_t·C_{t-1}",
        "i_mul": "i_t·g_t",
        "tanh_c": "tanh(C_t)",
        "o_mul": "o_t·tanh(C_t)",
    }


def tooltips(
    values: Mapping[str, np.ndarray | None],
    pre: Mapping[str, np.ndarray],
    unit: int,
    t: int,
    decimals: int,
    input_names: Sequence[str] = (),
    clamped: Mapping[str, float] | None = None,
) -> dict[str, str]:
    """Tooltip text of every node: what it is, and its equation with numbers.

    ``input_names`` name the columns of x_t (a table's column names), shown
    beside their values. A gate of ``clamped`` (what-if: held at a constant)
    reads as clamped: ``f_t = σ(…) = 1 (clamped; σ(−2.2211) would be 0.0978)``.
    """
    clamped = clamped or {}
    d, j, vals = decimals, unit, values
    texts, eqs, whats = templates(), equations(), what()

    def num(key: str) -> str:
        v = vals[key]
        return NO_VALUE if v is None else format_value(float(v[j]), d)

    def operand(key: str) -> str:
        text = num(key)
        return f"({text})" if text.startswith("−") else text

    has_step = bool(pre)
    subst: dict[str, str] = {}
    if has_step:
        z = {k: format_value(float(pre[k][j]), d) for k in GATE_KEYS}
        subst = {
            "f": f"σ({z['f']})",
            "i": f"σ({z['i']})",
            "g": f"tanh({z['g']})",
            "o": f"σ({z['o']})",
            "c": f"{operand('f')}·{operand('c_prev')} + {operand('i')}·{operand('g')}",
            "h": f"{operand('o')}·{operand('tanh_c')}",
            "f_mul": f"{operand('f')}·{operand('c_prev')}",
            "i_mul": f"{operand('i')}·{operand('g')}",
            "tanh_c": f"tanh({num('c')})",
            "o_mul": f"{operand('o')}·{operand('tanh_c')}",
        }
    tips: dict[str, str] = {}
    for key in NODE_KEYS:
        eq = eqs[key]
        lines = [whats[key]]
        v = vals[key]
        if v is None:
            lines += [eq, texts["no_step"]]
        elif key == "x":
            numbers = [format_value(float(a), d) for a in v]
            named = len(input_names) == len(numbers)
            if v.shape[0] == 1:
                lines.append(f"{eq} = {numbers[0]}" + (f" ({input_names[0]})" if named else ""))
            else:
                if named:  # the table's columns: flow = 0.51, rain = −1.2
                    numbers = [f"{n} = {a}" for n, a in zip(input_names, numbers, strict=True)]
                lines.append(f"{eq} = [{', '.join(numbers)}]")
        elif key in clamped and has_step:
            reading = clamped_reading(
                key, clamped[key], float(pre[key][j]), lambda z: format_value(z, d)
            )
            lines.append(f"{eq} = {reading}")
        elif key in subst:
            lines.append(f"{eq} = {subst[key]} = {num(key)}")
        elif key in ("c", "h"):  # the initial state (t = 0)
            lines.append(fill_template(texts["c0" if key == "c" else "h0"], {"v": num(key)}))
        else:
            lines.append(f"{eq} = {num(key)}")
        if v is not None and key != "x" and v.shape[0] > 1:
            lines.append(fill_template(texts["unit"], {"j": str(j), "hidden": str(v.shape[0])}))
        if has_step:
            if key in ("c_prev", "h_prev"):
                lines.append(fill_template(texts["prev_step"], {"k": str(t - 1)}))
            else:
                lines.append(fill_template(texts["step"], {"t": str(t)}))
        tips[key] = "\n".join(lines)
    return tips
