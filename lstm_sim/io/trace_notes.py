"""What a trace export does not show in its numbers: scaling, missing values, step labels.

``trace.csv`` stays a plain numeric table that every tool reads as it is
(pandas, R, NumPy, a spreadsheet — a comment line would break several of
them). Beside it, :func:`write_trace_notes` writes a *sidecar*,
``trace.notes.json`` for ``trace.csv`` (``STEM.notes.json``), that says
where the columns come from::

    {
      "format": "lstm-sim-trace-notes",
      "version": 1,
      "trace": "trace.csv",
      "sequence": {"name": "nile.csv", "source": "data/nile.csv"},
      "columns": {"x_0": "flow", "y_0": "next"},
      "scaling": {"inputs": {"columns": ["flow"], "methods": ["standard"],
                             "offset": [919.35], "scale": [168.8]},
                  "targets": null},
      "missing": {"policy": "drop", "cells": 3, "dropped_rows": 3, "rows_read": 103},
      "step_labels": {"name": "year", "kind": "number", "values": [1871, …]},
      "notes": ["flow: standardised (mean 919.35, std. dev. 168.8)", …]
    }

A value of ``x_j`` in the trace is ``(raw − offset[j]) / scale[j]`` of the
file's column ``columns["x_j"]``; ``null`` scaling means the values are as in
the file. ``notes`` repeats the same in words. The format is also described
in ``docs/session-format.md`` (the session stores the same objects).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..sequence import Sequence
from ._files import atomic_write
from ._json import dumps

__all__ = [
    "NOTES_FORMAT",
    "notes_path",
    "sequence_notes",
    "trace_notes",
    "write_trace_notes",
]

NOTES_FORMAT = "lstm-sim-trace-notes"


def notes_path(path: str | os.PathLike[str]) -> Path:
    """The sidecar of an export: ``trace.csv`` → ``trace.notes.json``."""
    p = Path(path)
    return p.with_name(p.stem + ".notes.json")


def sequence_notes(seq: Sequence) -> dict[str, Any]:
    """The scaling, missing-value handling and step labels of ``seq`` as JSON objects.

    The keys ``scaling`` (``{"inputs": …, "targets": …}``, each a
    :meth:`~lstm_sim.scaling.Scaling.to_json` object or null), ``missing`` and
    ``step_labels`` (objects or null). A session file's ``sequence`` holds the same.
    """
    return {
        "scaling": {
            "inputs": None if seq.input_scaling is None else seq.input_scaling.to_json(),
            "targets": None if seq.target_scaling is None else seq.target_scaling.to_json(),
        },
        "missing": None if seq.missing is None else seq.missing.to_json(),
        "step_labels": None if seq.step_labels is None else seq.step_labels.to_json(),
    }


def trace_notes(seq: Sequence, trace_name: str) -> dict[str, Any]:
    """The sidecar object of a trace export of ``seq`` (see the module)."""
    columns = {f"x_{j}": n for j, n in enumerate(seq.input_names)}
    columns.update({f"y_{j}": n for j, n in enumerate(seq.target_names)})
    return {
        "format": NOTES_FORMAT,
        "version": 1,
        "trace": trace_name,
        "sequence": {"name": seq.name, "source": str(seq.meta.get("path", ""))},
        "columns": columns,
        **sequence_notes(seq),
        "notes": [str(line) for line in seq.describe()],
    }


def write_trace_notes(path: str | os.PathLike[str], seq: Sequence) -> Path:
    """Write the sidecar of the export ``path`` (atomically); returns its path.

    Raises
    ------
    SaveError
    """
    target = notes_path(path)
    atomic_write(target, dumps(trace_notes(seq, Path(path).name)))
    return target
