"""The weight editor dock: every gate's weights and bias, editable, with undo.

- :mod:`.editor` — :class:`WeightEditor`, the dock;
- :mod:`.sliders` — small cells: a slider and a spin box per number;
- :mod:`.table` — larger cells: a heat-map table per gate;
- :mod:`.labels` — slider ranges, cell texts, labels and tooltips;
- :mod:`.commands` — :class:`ParamsCommand`, an edit on the undo stack.

What an edit means (which entry of ``weight_ih``, ``weight_hh`` or the biases a
number is) is the session's: :mod:`lstm_sim.session.commands`.
"""

from .commands import ParamsCommand
from .editor import WeightEditor
from .labels import GATE_ORDER, SLIDER_MAX_HIDDEN, SLIDER_STEPS, format_cell, slider_limit
from .table import WeightTableModel

__all__ = [
    "GATE_ORDER",
    "SLIDER_MAX_HIDDEN",
    "SLIDER_STEPS",
    "ParamsCommand",
    "WeightEditor",
    "WeightTableModel",
    "format_cell",
    "slider_limit",
]
