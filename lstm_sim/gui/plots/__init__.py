"""The plots: panels over time, their curves, the gradient comparison, and their export.

- :mod:`.panels` — :class:`PlotPanels`, x_t, gates, C_t, h_t and gradient norms over time;
- :mod:`.curves` — light plot items for curves that grow every step, and the cursor;
- :mod:`.decimate` — incremental min/max envelopes of growing series (Qt-free);
- :mod:`.compare` — :class:`ComparePanel`, the LSTM beside a vanilla RNN against the lag;
- :mod:`.export` — plots as PNG, SVG or CSV, and the trace figure of the CLI.

The package itself imports none of them (:mod:`lstm_sim.gui.theme` imports the
curve items, and the panels use the theme): import the module you need.
"""
