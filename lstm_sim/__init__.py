"""lstm-sim: a desktop simulator of one LSTM memory cell.

The numeric core lives in :mod:`lstm_sim.engine` (pure NumPy, no Qt); the
desktop application in :mod:`lstm_sim.gui`.
"""

__version__ = "0.1.0"
