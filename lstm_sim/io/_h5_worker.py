"""Read the LSTM cells of an HDF5 (Keras) file in a separate process.

    python -m lstm_sim.io._h5_worker SIZE  < file.h5  > cells.npz

Why a process: on damaged files the HDF5 C library can loop forever or
allocate without bound (found by fuzzing), and C code cannot be interrupted
from Python. The parent (:func:`lstm_sim.io.keras_weights._read_h5`) gives
up after a timeout; here the address space is limited as well.

Output on stdout: an NPZ with the arrays ``a0``, ``a1``, … and ``meta`` (JSON:
the cells' group paths, which array is which part, the legacy model config).
Exit status 3 with ``[place, reason]`` as JSON on stdout for a file that is
refused (each a string or a :meth:`~lstm_sim.io.errors.Text.to_data` object,
so that the message stays translatable).
"""

from __future__ import annotations

import io
import json
import sys


def _limit_memory(size: int) -> None:
    try:
        import resource
    except ImportError:  # not POSIX: the parent's timeout still applies
        return
    limit = max(3 << 30, 16 * size)
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def _data(message: object) -> object:
    """A place or reason as JSON (:meth:`Text.to_data`, or the plain string)."""
    to_data = getattr(message, "to_data", None)
    return to_data() if callable(to_data) else str(message)


def main(argv: list[str]) -> int:
    _limit_memory(int(argv[0]) if argv and argv[0].isdigit() else 0)
    data = sys.stdin.buffer.read()

    import numpy as np

    from .errors import QT_TRANSLATE_NOOP, LoadError, Text
    from .keras_weights import read_h5_cells

    try:
        cells, model_config, groups = read_h5_cells("<file>", data)
    except LoadError as exc:
        sys.stdout.write(json.dumps([_data(exc.place_text), _data(exc.reason_text)]))
        return 3
    except MemoryError:
        reason = Text(
            QT_TRANSLATE_NOOP(
                "FileErrors", "too large, or damaged (the HDF5 reader ran out of memory)"
            )
        )
        sys.stdout.write(json.dumps(["", reason.to_data()]))
        return 3
    arrays: dict[str, np.ndarray] = {}
    meta_cells = []
    for name, parts in cells:
        entry = {}
        for part, (arr, dataset) in parts.items():
            key = f"a{len(arrays)}"
            arrays[key] = np.ascontiguousarray(arr)
            entry[part] = [key, dataset]
        meta_cells.append([name, entry])
    arrays["meta"] = np.array(
        json.dumps({"cells": meta_cells, "model_config": model_config, "groups": groups})
    )
    buf = io.BytesIO()
    np.savez(buf, allow_pickle=False, **arrays)
    sys.stdout.buffer.write(buf.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
