"""lstm-sim: a desktop simulator of one LSTM memory cell.

The numeric core lives in :mod:`lstm_sim.engine` (pure NumPy, no Qt); the
desktop application in :mod:`lstm_sim.gui`.
"""

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "inspect"]


def inspect(
    model: Any,
    inputs: Any,
    targets: Any = None,
    *,
    head: Any = None,
    head_on: str = "every",
    name: str = "",
    block: bool | None = None,
) -> Any:
    """Open the app on a model and a sequence, from a script or a notebook.

    Parameters
    ----------
    model : torch.nn.LSTM, torch.nn.Module holding one, keras.Model, or lstm_sim Model
        Converted by :func:`lstm_sim.convert.model_from` (weights copied once, to
        float64). Torch and Keras are never imported here: objects are recognised
        by what they are.
    inputs : array_like or tensor, shape (T, D), (T,), (1, T, D) or (T, 1, D)
    targets : array_like or tensor, optional
        y_t, plotted beside the model's ŷ (and for the prediction loss).
    head : torch.nn.Linear or (W, b), optional
        A head for a bare ``torch.nn.LSTM``.
    head_on : {"every", "last", "final"}
        Where a torch head reads.
    block : bool, optional
        Wait until the window closes (default: yes from a script, no under an
        IPython Qt event loop, ``%gui qt``).

    Returns
    -------
    lstm_sim.gui.main_window.MainWindow

    Examples
    --------
    >>> import lstm_sim                                        # doctest: +SKIP
    >>> lstm_sim.inspect(lstm, x, y, head=fc)                  # doctest: +SKIP
    """
    from .convert import model_from, sequence_from
    from .gui.inspect_window import open_window

    converted = model_from(model, head, head_on=head_on)
    sequence = sequence_from(inputs, targets, name=name)
    return open_window(converted, sequence, name=name, block=block)
