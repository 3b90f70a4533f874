"""Views follow the session's events for as long as they live."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from ..session import Session, Subscription, Topic

__all__ = ["follow"]


def follow(
    view: QObject, session: Session, slot: Callable[[frozenset[Topic]], Any], *topics: Topic
) -> Subscription:
    """Call ``slot(changes)`` when one of ``topics`` changes, until ``view`` is destroyed.

    The session holds a bound method weakly already; this also ends the
    subscription when Qt deletes the widget while Python still holds its
    wrapper (a deleted widget must never be called).
    """
    sub = session.events.connect(slot, *topics)
    view.destroyed.connect(lambda *_args: sub.disconnect())
    return sub
