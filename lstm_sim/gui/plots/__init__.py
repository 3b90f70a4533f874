"""The plots: panels over time, their curves, the gradient comparison, and their export.

- :mod:`.panels` — :class:`PlotPanels`, x_t, gates, C_t, h_t and gradient norms over time;
- :mod:`.curves` — light plot items for curves that grow every step, and the cursor;
- :mod:`.decimate` — incremental min/max envelopes of growing series (Qt-free);
- :mod:`.compare` — :class:`ComparePanel`, the LSTM beside a vanilla RNN against the lag;
- :mod:`.export` — plots as PNG, SVG or CSV, and the trace figure of the CLI.
"""

from .compare import ComparePanel
from .panels import PlotPanels, set_decade_range

__all__ = ["ComparePanel", "PlotPanels", "set_decade_range"]
