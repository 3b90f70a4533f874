"""Where everything of the cell diagram is, as data (scene units; the view scales to fit).

Layout (after C. Olah, "Understanding LSTM Networks"): the cell-state line C
runs along the top (y = :data:`CY`), the bus [h_{t-1}, x_t] along the bottom
(:data:`BUS_Y`), and the four layers f, i, C̃, o stand between them in
columns. :class:`CellDiagram` builds one item per entry of the tables below —
:data:`NODES`, :data:`OPS`, :data:`WIRES`, :data:`DOTS`, :data:`LABELS` —
so moving a part is a change of numbers here, not of code.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF

from .text import (
    PX_CAPTION,
    PX_HEADER,
    PX_PART,
    PX_TITLE,
    PX_VALUE_BADGE,
    PX_VALUE_BOX,
    PX_VALUE_TERM,
)

__all__ = [
    "BODY",
    "DOTS",
    "LABELS",
    "LEGEND_POS",
    "NODES",
    "OPS",
    "SCENE",
    "WIRES",
    "X_W",
    "X_W_WIDE",
    "LabelSpec",
    "NodeSpec",
    "OpSpec",
    "WireSpec",
]

# ---------------------------------------------------------------- geometry
SCENE = QRectF(0.0, 0.0, 1060.0, 600.0)
BODY = QRectF(138.0, 60.0, 792.0, 455.0)  # the cell body
CY = 112.0  # the cell-state line
BUS_Y = 455.0  # the [h_{t-1}, x_t] bus
HOUT_Y = 486.0  # h_t leaving to the right
BOX_Y = 352.0  # centre line of the four layers
BOX_W, BOX_H = 136.0, 96.0
COL_F, COL_I, COL_G, COL_O = 235.0, 385.0, 535.0, 685.0
COL_T = 842.0  # tanh(C_t) and o_t ⊗
COL_UP = 912.0  # h_t going up and out
X_L, X_R = 72.0, 994.0  # terminals left and right
IMUL_Y = 236.0
TANH_Y = 196.0
X_IN = QPointF(172.0, 560.0)
X_W, X_W_WIDE = 124.0, 196.0  # x_t node for D = 1 and for D > 1
OP_R = 21.0  # radius of the pointwise-operation circles
LEGEND_POS = QPointF(772.0, 536.0)


@dataclass(frozen=True)
class NodeSpec:
    """A value node: a box showing a value (and a strip of H cells for H > 1)."""

    pos: QPointF
    width: float
    height: float
    radius: float
    value_px: float
    title_px: float = PX_TITLE
    tab: str | None = None  # the activation's name on a tab ("σ", "tanh")
    strip_room: float = 16.0


@dataclass(frozen=True)
class OpSpec:
    """A pointwise operation: ``"mul"`` (×), ``"add"`` (+) or ``"tanh"``."""

    kind: str
    pos: QPointF


@dataclass(frozen=True)
class WireSpec:
    """A wire along ``points``, coloured by the value of node ``value`` (None: neutral)."""

    value: str | None
    points: tuple[tuple[float, float], ...]
    arrow: bool = True
    halo: bool = False  # drawn over the wires it crosses, on a halo of the body's colour


@dataclass(frozen=True)
class LabelSpec:
    """A text label; ``role`` is the palette colour it takes; ``fixed`` ones never change."""

    pos: QPointF
    px: float
    role: str = "ink"
    bold: bool = False
    italic: bool = False
    anchor: str = "center"  # which point of the text sits at pos: "center", "left", "right"
    fixed: bool = True


def _term(pos: QPointF, width: float = 104.0) -> NodeSpec:
    return NodeSpec(pos, width, 64.0, 16.0, PX_VALUE_TERM, PX_TITLE + 1)


def _layer(col: float, tab: str) -> NodeSpec:
    # The layers keep one size (room for the strip included), so the wires always
    # meet their edges.
    return NodeSpec(QPointF(col, BOX_Y), BOX_W, BOX_H, 14.0, PX_VALUE_BOX, tab=tab, strip_room=0.0)


def _badge(pos: QPointF) -> NodeSpec:
    return NodeSpec(pos, 88.0, 30.0, 10.0, PX_VALUE_BADGE, strip_room=14.0)


#: The value nodes, by node key (:data:`~lstm_sim.session.NODE_KEYS`).
NODES: dict[str, NodeSpec] = {
    "c_prev": _term(QPointF(X_L, CY)),
    "h_prev": _term(QPointF(X_L, BUS_Y)),
    "x": _term(X_IN, X_W),
    "c": _term(QPointF(X_R, CY)),
    "h": _term(QPointF(X_R, HOUT_Y)),
    "f": _layer(COL_F, "σ"),
    "i": _layer(COL_I, "σ"),
    "g": _layer(COL_G, "tanh"),
    "o": _layer(COL_O, "σ"),
    "f_mul": _badge(QPointF(COL_I, CY)),
    "i_mul": _badge(QPointF(COL_G, (CY + IMUL_Y) / 2)),
    "tanh_c": _badge(QPointF(COL_T, 272.0)),
    "o_mul": _badge(QPointF(COL_T, 428.0)),
}

#: The pointwise operations, by the node key of their result.
OPS: dict[str, OpSpec] = {
    "f_mul": OpSpec("mul", QPointF(COL_F, CY)),
    "c": OpSpec("add", QPointF(COL_G, CY)),
    "i_mul": OpSpec("mul", QPointF(COL_G, IMUL_Y)),
    "tanh_c": OpSpec("tanh", QPointF(COL_T, TANH_Y)),
    "o_mul": OpSpec("mul", QPointF(COL_T, BOX_Y)),
}

_BOX_TOP, _BOX_BOTTOM = BOX_Y - BOX_H / 2, BOX_Y + BOX_H / 2
_X_JOIN = X_IN.x()

#: The wires, each coloured by the value it carries (the value of the node it leaves).
WIRES: tuple[WireSpec, ...] = (
    # the cell-state line
    WireSpec("c_prev", ((X_L + 52, CY), (COL_F - OP_R, CY))),
    WireSpec("f_mul", ((COL_F + OP_R, CY), (COL_G - OP_R, CY))),
    WireSpec("c", ((COL_G + OP_R, CY), (X_R - 52, CY)), halo=True),
    WireSpec("c", ((COL_T, CY), (COL_T, TANH_Y - 17))),
    WireSpec("tanh_c", ((COL_T, TANH_Y + 17), (COL_T, BOX_Y - OP_R))),
    # the gates into the pointwise operations
    WireSpec("f", ((COL_F, _BOX_TOP), (COL_F, CY + OP_R))),
    WireSpec("i", ((COL_I, _BOX_TOP), (COL_I, IMUL_Y), (COL_G - OP_R, IMUL_Y))),
    WireSpec("g", ((COL_G, _BOX_TOP), (COL_G, IMUL_Y + OP_R))),
    WireSpec("i_mul", ((COL_G, IMUL_Y - OP_R), (COL_G, CY + OP_R))),
    WireSpec("o", ((COL_O + BOX_W / 2, BOX_Y), (COL_T - OP_R, BOX_Y))),
    # h_t: down, out to the right, and up out of the top
    WireSpec("h", ((COL_T, BOX_Y + OP_R), (COL_T, HOUT_Y), (X_R - 52, HOUT_Y))),
    WireSpec("h", ((COL_UP, HOUT_Y), (COL_UP, 8.0))),
    # the inputs: h_{t-1} and x_t join into the bus that feeds the four layers
    WireSpec("h_prev", ((X_L + 52, BUS_Y), (_X_JOIN, BUS_Y)), arrow=False),
    WireSpec("x", ((_X_JOIN, X_IN.y() - 31), (_X_JOIN, BUS_Y))),
    WireSpec(None, ((_X_JOIN, BUS_Y), (COL_O, BUS_Y)), arrow=False),
    *(WireSpec(None, ((col, BUS_Y), (col, _BOX_BOTTOM))) for col in (COL_F, COL_I, COL_G, COL_O)),
)

#: The junctions where a wire branches.
DOTS: tuple[QPointF, ...] = tuple(
    QPointF(x, y)
    for x, y in (
        (_X_JOIN, BUS_Y),
        (COL_F, BUS_Y),
        (COL_I, BUS_Y),
        (COL_G, BUS_Y),
        (COL_T, CY),
        (COL_UP, HOUT_Y),
    )
)

#: The labels, by key (their texts: ``CellDiagram.retranslate``).
LABELS: dict[str, LabelSpec] = {
    "h_up": LabelSpec(QPointF(COL_UP + 16, 20.0), PX_TITLE + 1, anchor="left"),
    # the linear read-out of a trained model, under the output arrow's label (two
    # lines: the formula, then the values)
    "readout": LabelSpec(
        QPointF(COL_UP + 20, 51.0), PX_CAPTION, "accent", anchor="left", fixed=False
    ),
    "cap_f_mul": LabelSpec(QPointF(COL_I, CY - 34), PX_CAPTION, "muted", italic=True),
    "cap_i_mul": LabelSpec(
        QPointF(COL_G + 52, (CY + IMUL_Y) / 2), PX_CAPTION, "muted", italic=True, anchor="left"
    ),
    "cap_tanh_c": LabelSpec(
        QPointF(COL_T - 50, 272.0), PX_CAPTION, "muted", italic=True, anchor="right"
    ),
    "cap_o_mul": LabelSpec(
        QPointF(COL_T - 50, 428.0), PX_CAPTION, "muted", italic=True, anchor="right"
    ),
    "cap_bus": LabelSpec(
        QPointF((COL_I + COL_G) / 2, BUS_Y + 20), PX_CAPTION, "muted", italic=True
    ),
    "part_c": LabelSpec(QPointF(BODY.center().x(), 40.0), PX_PART, "accent", bold=True),
    "part_h": LabelSpec(QPointF(BODY.center().x(), 562.0), PX_PART, "accent", bold=True),
    "time": LabelSpec(QPointF(16.0, 24.0), PX_HEADER, bold=True, anchor="left", fixed=False),
    "unit": LabelSpec(QPointF(16.0, 50.0), PX_CAPTION, "muted", anchor="left", fixed=False),
}
