"""The session's change events: one typed signal per topic, batched, weakly held (Qt-free).

A view subscribes to what it shows and reads the rest from the session::

    session.events.step.connect(self._move_cursor)                 # one topic: slot()
    session.events.connect(self._on_changed, Topic.STEP, Topic.UNIT)  # several: slot(changes)

Every setter of :class:`~lstm_sim.session.Session` announces what it changed;
``with session.batch():`` merges the announcements of several setters, and at
the end of the outermost batch each subscriber is called **once** — a slot of
several topics with the set of every topic that changed — so one user action
causes one repaint (glue's ``delay_callback``).

A bound method is held by a weak reference (psygnal does the same): a view
that is gone stops receiving without having to disconnect. Other callables
(functions, lambdas) are held strongly; disconnect them with the
:class:`Subscription` that ``connect`` returns.
"""

from __future__ import annotations

import enum
import inspect
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["Events", "Subscription", "Topic", "TopicSignal"]


class Topic(enum.Enum):
    """What changed in a session (see :class:`Events` for what each one means)."""

    SEQUENCE = "sequence"
    PARAMS = "params"
    TRACE = "trace"
    STEP = "step"
    UNIT = "unit"
    SETTINGS = "settings"
    GRADIENTS = "gradients"
    RNN = "rnn"
    READOUT = "readout"
    MODIFIED = "modified"
    NAME = "name"
    ORIGIN = "origin"
    MODEL = "model"


class Subscription:
    """One connected slot; :meth:`disconnect` ends it (at once, also during an emission).

    Parameters
    ----------
    slot : callable
        Called as ``slot(changes)`` (``changes``: the frozenset of every
        :class:`Topic` that changed) or, with ``bare``, as ``slot()``.
    topics : frozenset of Topic
        The slot is called when one of them changed.
    """

    __slots__ = ("_ref", "_strong", "bare", "events", "topics")

    def __init__(
        self, events: Events, slot: Callable[..., Any], topics: frozenset[Topic], bare: bool
    ) -> None:
        self.events: Events | None = events
        self.topics = topics
        self.bare = bare
        if inspect.ismethod(slot):
            self._ref: weakref.WeakMethod[Any] | None = weakref.WeakMethod(slot)
            self._strong: Callable[..., Any] | None = None
        else:
            self._ref, self._strong = None, slot

    @property
    def slot(self) -> Callable[..., Any] | None:
        """The slot, or None once its object is gone."""
        return self._strong if self._ref is None else self._ref()

    @property
    def connected(self) -> bool:
        return self.events is not None and self.slot is not None

    def disconnect(self) -> None:
        """Stop calling the slot (nothing happens if it is already disconnected)."""
        if self.events is not None:
            self.events._remove(self)
            self.events = None


class TopicSignal:
    """The signal of one :class:`Topic`: ``connect(slot)`` calls ``slot()`` when it changed."""

    __slots__ = ("_events", "topic")

    def __init__(self, events: Events, topic: Topic) -> None:
        self._events = events
        self.topic = topic

    def connect(self, slot: Callable[[], Any]) -> Subscription:
        """Call ``slot()`` once per batch in which this topic changed."""
        return self._events._add(slot, frozenset((self.topic,)), bare=True)

    def disconnect(self, slot: Callable[[], Any]) -> None:
        """Stop calling ``slot`` for this topic."""
        self._events.disconnect(slot, self.topic)


class Events:
    """The change events of one session: a :class:`TopicSignal` per :class:`Topic`.

    Attributes
    ----------
    sequence : TopicSignal
        A new sequence (length T, inputs, targets); the cursor went back to 0
        and the trace is new.
    params : TopicSignal
        New parameters; the forward pass was recomputed from the start (a new
        trace object), up to the cursor.
    trace : TopicSignal
        More rows of the forward pass were computed (rows are only ever
        appended to a trace; a new trace comes with ``params`` or ``sequence``).
    step : TopicSignal
        The cursor t moved.
    unit : TopicSignal
        The selected unit changed.
    settings : TopicSignal
        A field of :class:`~lstm_sim.session.Settings` changed (window, loss,
        all units, speed, loop, compare, clip, clamps).
    gradients : TopicSignal
        The gradient view at the cursor changed (recomputed, dropped, or marked
        stale for a worker: see ``Session.gradients_stale``).
    rnn : TopicSignal
        The compare-mode RNN changed, or compare mode was switched.
    readout : TopicSignal
        The linear read-out ŷ_t = W_y·h_t + b_y was set, replaced or removed.
    modified : TopicSignal
        The unsaved-changes flag changed.
    name : TopicSignal
        The session's name (shown in the title bar) or its file changed.
    origin : TopicSignal
        What the session was set up from (an example, a scenario, a file)
        changed: the explanations shown with it follow.
    model : TopicSignal
        The whole model the session holds (several layers or directions) was
        set, dropped, or another of its cells was chosen for display (this
        comes with ``params`` and ``trace``: the cell shown is new).
    """

    sequence: TopicSignal
    params: TopicSignal
    trace: TopicSignal
    step: TopicSignal
    unit: TopicSignal
    settings: TopicSignal
    gradients: TopicSignal
    rnn: TopicSignal
    readout: TopicSignal
    modified: TopicSignal
    name: TopicSignal
    origin: TopicSignal
    model: TopicSignal

    def __init__(self) -> None:
        self._subs: list[Subscription] = []
        self._depth = 0
        self._pending: set[Topic] = set()
        for topic in Topic:
            setattr(self, topic.value, TopicSignal(self, topic))

    # ---------------------------------------------------------- connecting
    def connect(self, slot: Callable[[frozenset[Topic]], Any], *topics: Topic) -> Subscription:
        """Call ``slot(changes)`` once per batch in which any of ``topics`` changed.

        ``changes`` is the frozenset of every topic that changed in the batch.
        """
        if not topics:
            raise ValueError("topics: expected at least one Topic")
        return self._add(slot, frozenset(topics), bare=False)

    def disconnect(self, slot: Callable[..., Any], topic: Topic | None = None) -> None:
        """Stop calling ``slot`` (for ``topic`` only, or for every subscription of it)."""
        for sub in list(self._subs):
            if sub.slot == slot and (topic is None or sub.topics == {topic}):
                sub.disconnect()

    def subscribers(self, topic: Topic) -> int:
        """How many live slots are called when ``topic`` changes."""
        return sum(1 for s in self._subs if topic in s.topics and s.slot is not None)

    def _add(self, slot: Callable[..., Any], topics: frozenset[Topic], bare: bool) -> Subscription:
        for topic in topics:
            if not isinstance(topic, Topic):
                raise TypeError(f"topics: expected Topic members, got {topic!r}")
        sub = Subscription(self, slot, topics, bare)
        self._subs.append(sub)
        return sub

    def _remove(self, sub: Subscription) -> None:
        try:
            self._subs.remove(sub)
        except ValueError:
            pass

    # ------------------------------------------------------------ emitting
    @contextmanager
    def batch(self) -> Iterator[None]:
        """Merge the announcements made inside into one emission at the end."""
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0:
                self._flush()

    @property
    def batching(self) -> bool:
        """Inside a :meth:`batch`."""
        return self._depth > 0

    def announce(self, *topics: Topic) -> None:
        """Record changed topics; emitted now, or at the end of the current batch."""
        self._pending.update(topics)
        if self._depth == 0:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        changes = frozenset(self._pending)
        self._pending.clear()
        self.emit(changes)

    def emit(self, changes: frozenset[Topic]) -> None:
        """Call every subscriber of one of ``changes`` (once each, in connection order)."""
        for sub in list(self._subs):
            if sub.events is None or not (sub.topics & changes):
                continue  # disconnected meanwhile, or not concerned
            slot = sub.slot
            if slot is None:  # its object is gone
                sub.disconnect()
                continue
            if sub.bare:
                slot()
            else:
                slot(changes)
