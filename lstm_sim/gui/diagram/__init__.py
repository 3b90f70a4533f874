"""The LSTM memory-cell diagram (see :mod:`.view` for what it shows and how it is drawn).

- :mod:`.view` — :class:`CellDiagram`, the view, and how a step's numbers reach the items;
- :mod:`.items` — the graphics items: body, wires, junctions, labels;
- :mod:`.nodes` — the value nodes, the pointwise operations and the legend;
- :mod:`.layout` — where everything is;
- :mod:`.palette` — the colours per appearance;
- :mod:`.text` — the notation with subscripts, value formats and fonts.
"""

from ...session.view_model import NODE_KEYS
from .palette import Palette
from .text import NO_VALUE, format_value, rich_notation
from .view import CellDiagram

__all__ = ["NODE_KEYS", "NO_VALUE", "CellDiagram", "Palette", "format_value", "rich_notation"]
