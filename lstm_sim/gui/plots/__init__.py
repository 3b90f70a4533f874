"""The plots: panels over time, their curves, the gradient comparison, and their export.

- :mod:`.panels` — :class:`PlotPanels`, x_t, gates, C_t, h_t and gradient norms over time;
- :mod:`.axes` — the panels' axes (short, log in decades) and their seeking ViewBox;
- :mod:`.curves` — light plot items for curves that grow every step, the cursor, the veil;
- :mod:`.decimate` — incremental min/max envelopes of growing series (Qt-free);
- :mod:`.compare` — :class:`ComparePanel`, the LSTM beside a vanilla RNN against the lag;
- :mod:`.export` — plots as PNG, SVG or CSV, and the trace figure of the CLI;
- :mod:`.table` — the curves shown as one CSV table (``t`` and a column per curve).

The package itself imports none of them (:mod:`lstm_sim.gui.theme` imports the
curve items, and the panels use the theme): import the module you need.
"""
