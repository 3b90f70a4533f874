"""Files in and out: sequences, weights, sessions and trace exports (no Qt, no dialogs).

Plain functions ``(path) -> data`` and ``(data, path) -> None``, each format
registered by suffix (:mod:`lstm_sim.io.registry`). Every loader raises only
:class:`LoadError` — which names the file, the place (line, column, key) and the
reason — or :class:`LoadCancelled` when its ``cancel()`` callback asks it to
stop; savers raise :class:`SaveError` and replace files atomically.

Example
-------
>>> from lstm_sim.io import load_sequence, load_weights, LoadError
>>> try:
...     seq = load_sequence("data.csv", inputs=["x"], targets=["y"])
... except LoadError as err:
...     print(err)            # data.csv: line 3, column 2 ('x'): 'abc' is not a number
"""

from .csv_table import CellIssue, ColumnSpec, TablePreview, count_rows, is_target_name, peek_table
from .errors import FileError, LoadCancelled, LoadError, SaveError
from .registry import FileFormat, formats
from .sequences import load_sequence, save_sequence, sequence_suffixes
from .session_file import (
    SESSION_FORMAT,
    SESSION_SUFFIX,
    SESSION_VERSION,
    SessionDocument,
    load_session,
    save_session,
)
from .trace_export import trace_columns, trace_table, write_trace_csv, write_trace_npz
from .weights import (
    LayerInfo,
    Readout,
    layer_infos,
    list_layers,
    load_weights,
    load_weights_with_readout,
    save_weights,
    weights_suffixes,
)

__all__ = [
    "SESSION_FORMAT",
    "SESSION_SUFFIX",
    "SESSION_VERSION",
    "CellIssue",
    "ColumnSpec",
    "FileError",
    "FileFormat",
    "LayerInfo",
    "LoadCancelled",
    "LoadError",
    "Readout",
    "SaveError",
    "SessionDocument",
    "TablePreview",
    "count_rows",
    "formats",
    "is_target_name",
    "layer_infos",
    "list_layers",
    "load_sequence",
    "load_session",
    "load_weights",
    "load_weights_with_readout",
    "peek_table",
    "save_sequence",
    "save_session",
    "save_weights",
    "sequence_suffixes",
    "trace_columns",
    "trace_table",
    "weights_suffixes",
    "write_trace_csv",
    "write_trace_npz",
]
