"""Where everything of the cell diagram is: scene units (the view scales the scene to fit)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF

if TYPE_CHECKING:
    pass

__all__ = []


# ---------------------------------------------------------------- geometry
# Scene units; the view scales the whole scene to fit (see CellDiagram.resizeEvent).
_SCENE = QRectF(0.0, 0.0, 1060.0, 600.0)


_BODY = QRectF(138.0, 60.0, 792.0, 455.0)


_CY = 112.0  # the cell-state line


_BUS_Y = 455.0  # the [h_{t-1}, x_t] bus


_HOUT_Y = 486.0  # h_t leaving to the right


_BOX_Y = 352.0  # centre line of the four layers


_BOX_W, _BOX_H = 136.0, 96.0


_COL_F, _COL_I, _COL_G, _COL_O = 235.0, 385.0, 535.0, 685.0


_COL_T = 842.0  # tanh(C_t) and o_t ⊗


_COL_UP = 912.0  # h_t going up and out


_X_L, _X_R = 72.0, 994.0  # terminals left and right


_IMUL_Y = 236.0


_TANH_Y = 196.0


_X_IN = QPointF(172.0, 560.0)


_X_W, _X_W_WIDE = 124.0, 196.0  # x_t node for D = 1 and for D > 1


_OP_R = 21.0  # radius of the pointwise-operation circles
