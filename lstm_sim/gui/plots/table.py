"""The curves the plot panels show, as one CSV table (File ▸ Export ▸ Plots ▸ CSV).

One column ``t`` and one column per curve shown, named as the panels' legends
name it (``x_0`` or the file's column name, ``y_0``, ``ŷ_0``, ``f_0``, ``i_0``,
``o_0``, ``c_0``, ``h_0``, ``‖∂L/∂C_k‖``, ``‖∂L/∂h_k‖``); a row per step any
curve covers, an empty cell where a curve has no value (a step not computed
yet, a step outside the BPTT window). The values are the session's, exactly
(``repr`` of each float), not the envelope drawn.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence

import numpy as np

from ...io._files import atomic_write
from ...io.errors import QT_TRANSLATE_NOOP, SaveError, Text

__all__ = ["write_curve_csv"]


def write_curve_csv(
    curves: Sequence[tuple[str, np.ndarray, np.ndarray]], path: str | os.PathLike[str]
) -> list[str]:
    """Write ``(name, t, values)`` curves as one table with a column ``t``.

    Parameters
    ----------
    curves : sequence of (str, (n,) array, (n,) array)
        Each curve's name, its steps (whole numbers) and its values; NaN
        values are written as empty cells.
    path : path-like
        Replaced atomically.

    Returns
    -------
    list of str
        The header: ``["t", name, …]``.

    Raises
    ------
    SaveError
        No curve is shown, or the file cannot be written.
    """
    if not curves:
        raise SaveError(path, "", Text(QT_TRANSLATE_NOOP("FileErrors", "the plot has no curves")))
    steps = [np.asarray(t, dtype=float) for _, t, _ in curves]
    t_all = np.unique(np.concatenate(steps)) if steps else np.empty(0)
    table = np.full((len(t_all), len(curves)), np.nan)
    for k, ((_, _, y), t) in enumerate(zip(curves, steps, strict=True)):
        rows = np.searchsorted(t_all, t)
        table[rows, k] = np.asarray(y, dtype=float)
    header = ["t", *(name for name, _, _ in curves)]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for t, row in zip(t_all.tolist(), table.tolist(), strict=True):
        cells = ["" if v != v else repr(v) for v in row]  # NaN: no value
        writer.writerow([str(int(t)), *cells])
    atomic_write(path, buf.getvalue().encode("utf-8"))
    return header
