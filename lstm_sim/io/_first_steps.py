"""Reading only the first steps of a sequence (``load_sequence(max_steps=N)``, ``--max-steps N``).

A sequence too long for memory can still be looked at in part: ``.npy`` and
``.npz`` files are read only up to the rows needed (:mod:`lstm_sim.io._npy`),
a text file only up to the bytes of its first characters, and every other
format is cut after reading (:func:`first_steps`).
"""

from __future__ import annotations

import os

from ..engine.budget import format_bytes
from ..sequence import Sequence
from .errors import QT_TRANSLATE_NOOP, LoadError, Text

__all__ = ["first_steps", "text_fits", "whole_characters"]


def first_steps(seq: Sequence, count: int) -> Sequence:
    """The first ``count`` steps of ``seq`` (``meta["steps_in_file"]``: how many there were).

    Names, scaling (its statistics stay the whole file's) and step labels are kept
    (:meth:`Sequence.first`).
    """
    if seq.length <= count:
        return seq
    out = seq.first(count)
    out.meta.setdefault("steps_in_file", seq.length)
    return out


def text_fits(path: str | os.PathLike[str], size: int, max_steps: int | None, limit: int) -> None:
    """Refuse a text file (or its first ``max_steps + 1`` characters) longer than ``limit`` bytes.

    Every character becomes a one-hot row, so a text sequence has a cap
    (steps × vocabulary); a character takes at most 4 bytes of UTF-8.
    """
    if max_steps is not None:  # only the bytes of the first max_steps + 1 characters are read
        size = min(size, 4 * (max_steps + 1))
    if size > limit:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "too large for a character sequence ({size}; at most {limit}: every "
                    "character becomes a one-hot row)",
                ),
                size=format_bytes(size),
                limit=format_bytes(limit),
            ),
        )


def whole_characters(data: bytes) -> bytes:
    """``data`` without a UTF-8 character cut off at its end (the start of a longer file)."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte & 0xC0 != 0x80:  # ASCII or the first byte of a character
            length = 1 if byte < 0x80 else 2 if byte >> 5 == 6 else 3 if byte >> 4 == 14 else 4
            return data if length <= back else data[:-back]
    return data
