"""Change events of the session (Qt-free)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Signal"]


class Signal:
    """A minimal Qt-free signal: ``connect(callback)``, ``emit(*args)``."""

    def __init__(self) -> None:
        self._slots: list[Callable[..., Any]] = []

    def connect(self, slot: Callable[..., Any]) -> None:
        """Call ``slot`` on every :meth:`emit`."""
        self._slots.append(slot)

    def disconnect(self, slot: Callable[..., Any]) -> None:
        """Stop calling ``slot``."""
        self._slots.remove(slot)

    def emit(self, *args: Any) -> None:
        """Call every connected slot with ``args``."""
        for slot in list(self._slots):
            slot(*args)


@dataclass
class _Batch:
    depth: int = 0
    changes: set[str] = field(default_factory=set)
