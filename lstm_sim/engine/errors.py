"""The one error type the engine raises for bad parameters or inputs."""

from __future__ import annotations

__all__ = ["EngineError"]


class EngineError(ValueError):
    """Parameters, inputs or states that the engine cannot use.

    The message says which argument, what was expected and what was given,
    e.g. ``"weight_hh: expected shape (12, 3), got (12, 4)"``.
    """
