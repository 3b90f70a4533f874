"""The whole trace as one table: per step the inputs, targets, gates, C, h and gradient norms.

Columns (t counts from 1; row t is step t)::

    t, x_0 … x_{D-1}, [y_0 … y_{P-1}], [yhat_0 … yhat_{P-1}], f_0 … f_{H-1}, i_*, g_*,
    o_*, c_*, h_*, grad_c_norm, grad_h_norm

``yhat_*`` is the model's head output ŷ_t when there is one (NaN on the rows
it does not output, e.g. all but the last for a head on the last step).
``grad_c_norm`` and ``grad_h_norm`` are ‖∂L/∂C_t‖₂ and ‖∂L/∂h_t‖₂ for whatever
loss the caller chose; steps outside a truncated BPTT window hold 0.
"""

from __future__ import annotations

import io
import os
from typing import IO, Any

import numpy as np

from ..engine import Trace
from ..sequence import Sequence
from ._files import atomic_write
from .errors import QT_TRANSLATE_NOOP, SaveError, Text

__all__ = ["trace_columns", "trace_table", "write_trace_csv", "write_trace_npz"]

_GATES = ("f", "i", "g", "o", "c", "h")
#: Rows formatted at a time when writing CSV.
_ROWS_PER_BLOCK = 4096


class _NormsError(ValueError):
    """Gradient norms of the wrong length (the message is a :class:`Text`)."""

    def __init__(self, text: Text) -> None:
        self.text = text
        super().__init__(str(text))


def _norms(value: Any, length: int, name: str) -> np.ndarray:
    if value is None:
        return np.full(length, np.nan)
    arr = np.asarray(value, dtype=np.float64).reshape(-1)
    if arr.shape != (length,):
        raise _NormsError(
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "{name}: expected {length} values (one per step), got {count}"
                ),
                name=name,
                length=length,
                count=arr.shape[0],
            )
        )
    return arr


def _yhat(value: Any, length: int) -> np.ndarray | None:
    """ŷ as (T, P): a (T, P) array as it is, a (1, P) one on the last row (NaN above)."""
    if value is None:
        return None
    arr = np.asarray(value, dtype=np.float64)
    arr = arr[:, None] if arr.ndim == 1 else arr
    if arr.shape[0] == length or length == 0:
        return arr[:length]
    out = np.full((length, arr.shape[1]), np.nan)
    out[-arr.shape[0] :] = arr
    return out


def trace_table(
    seq: Sequence,
    trace: Trace,
    grad_c_norm: Any = None,
    grad_h_norm: Any = None,
    *,
    yhat: Any = None,
) -> tuple[list[str], np.ndarray]:
    """The trace as a header and a (T, columns) float64 array.

    Parameters
    ----------
    seq : Sequence
        Gives the targets (the inputs are taken from the trace).
    trace : Trace
        T steps; T may be shorter than the sequence (the steps computed so far).
    grad_c_norm, grad_h_norm : array_like, shape (T,), optional
        ‖∂L/∂C_t‖ and ‖∂L/∂h_t‖ per step; NaN when omitted.
    yhat : array_like, shape (T, P) or (1, P), optional
        The model's output ŷ (one row: the last step's).

    Returns
    -------
    header : list of str
        ``t, x_0 …, [y_0 …], [yhat_0 …], f_0 …, i_*, g_*, o_*, c_*, h_*, grad_c_norm,
        grad_h_norm``.
    table : numpy.ndarray, shape (T, len(header))
    """
    length = len(trace)
    hidden = trace.params.hidden_size
    d = trace.params.input_size
    header = ["t"] + [f"x_{j}" for j in range(d)]
    blocks: list[np.ndarray] = [np.arange(1, length + 1, dtype=np.float64)[:, None], trace.x]
    if seq.targets is not None:
        header += [f"y_{j}" for j in range(seq.target_size)]
        blocks.append(seq.targets[:length])
    y_hat = _yhat(yhat, length)
    if y_hat is not None:
        header += [f"yhat_{j}" for j in range(y_hat.shape[1])]
        blocks.append(y_hat)
    for name in _GATES:
        header += [f"{name}_{j}" for j in range(hidden)]
        blocks.append(getattr(trace, name))
    header += ["grad_c_norm", "grad_h_norm"]
    blocks.append(_norms(grad_c_norm, length, "grad_c_norm")[:, None])
    blocks.append(_norms(grad_h_norm, length, "grad_h_norm")[:, None])
    return header, np.hstack(blocks) if length else np.empty((0, len(header)))


def trace_columns(
    seq: Sequence,
    trace: Trace,
    grad_c_norm: Any = None,
    grad_h_norm: Any = None,
    *,
    yhat: Any = None,
) -> dict[str, np.ndarray]:
    """:func:`trace_table` as ``{column name: (T,) array}`` (what plotting code takes)."""
    header, table = trace_table(seq, trace, grad_c_norm, grad_h_norm, yhat=yhat)
    return {name: table[:, k] for k, name in enumerate(header)}


def write_trace_csv(
    path: str | os.PathLike[str],
    seq: Sequence,
    trace: Trace,
    grad_c_norm: Any = None,
    grad_h_norm: Any = None,
    *,
    yhat: Any = None,
) -> None:
    """Write :func:`trace_table` as CSV (t as an integer, values exactly, NaN as ``nan``).

    Beside it, ``STEM.notes.json`` says how the sequence was scaled and read
    (see :mod:`lstm_sim.io.trace_notes`).

    Raises
    ------
    SaveError
    """
    try:
        header, table = trace_table(seq, trace, grad_c_norm, grad_h_norm, yhat=yhat)
    except ValueError as exc:
        raise SaveError(path, "", getattr(exc, "text", str(exc))) from None

    def write(fh: IO[bytes]) -> None:
        # In blocks of rows: the text of a long trace never is in memory whole.
        fh.write((",".join(header) + "\n").encode("ascii"))
        for start in range(0, len(table), _ROWS_PER_BLOCK):
            block = table[start : start + _ROWS_PER_BLOCK, 1:].tolist()
            # repr: the shortest decimal that reads back as the same float64.
            text = "".join(
                f"{t},{','.join(map(repr, row))}\n" for t, row in enumerate(block, start=start + 1)
            )
            fh.write(text.encode("ascii"))

    atomic_write(path, write)
    from .trace_notes import write_trace_notes  # the scaling etc. in a sidecar (see there)

    write_trace_notes(path, seq)


def write_trace_npz(
    path: str | os.PathLike[str],
    seq: Sequence,
    trace: Trace,
    grad_c_norm: Any = None,
    grad_h_norm: Any = None,
) -> None:
    """Write the trace as named arrays.

    Keys: ``t`` (T,), ``inputs`` (T, D), ``targets`` (T, P) when there are
    targets, ``f``, ``i``, ``g``, ``o``, ``c``, ``h`` (T, H), ``grad_c_norm``,
    ``grad_h_norm`` (T,), ``input_names``, ``target_names`` (strings); for
    scaled inputs (targets) ``input_scaling`` (the method per column),
    ``input_offset``, ``input_scale`` (``target_*`` likewise).

    Raises
    ------
    SaveError
    """
    length = len(trace)
    try:
        arrays: dict[str, np.ndarray] = {
            "t": np.arange(1, length + 1),
            "inputs": np.array(trace.x),
            "input_names": np.array(seq.input_names, dtype=str),
            "grad_c_norm": _norms(grad_c_norm, length, "grad_c_norm"),
            "grad_h_norm": _norms(grad_h_norm, length, "grad_h_norm"),
        }
    except ValueError as exc:
        raise SaveError(path, "", getattr(exc, "text", str(exc))) from None
    if seq.targets is not None:
        arrays["targets"] = np.array(seq.targets[:length])
        arrays["target_names"] = np.array(seq.target_names, dtype=str)
    # Which scaling the inputs/targets carry: x = (raw − offset) / scale per column.
    for key, scaling in (("input", seq.input_scaling), ("target", seq.target_scaling)):
        if scaling is not None:
            arrays[f"{key}_scaling"] = np.array(scaling.methods, dtype=str)
            arrays[f"{key}_offset"] = np.array(scaling.offset)
            arrays[f"{key}_scale"] = np.array(scaling.scale)
    for name in _GATES:
        arrays[name] = np.array(getattr(trace, name))
    buf = io.BytesIO()
    np.savez(buf, allow_pickle=False, **arrays)
    atomic_write(path, buf.getvalue())
