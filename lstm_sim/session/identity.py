"""What a session is called and where it came from: name, origin, file path, saved.

A mixin of :class:`~lstm_sim.session.model.Session`; :class:`Origin` is
re-exported by :mod:`lstm_sim.session.model` and :mod:`lstm_sim.session`.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .events import Topic

__all__ = ["Identity", "Origin"]


@dataclass(frozen=True)
class Origin:
    """What a session was set up from, for the views that explain it.

    Attributes
    ----------
    kind : {"builtin", "example", "scenario"}
        The built-in example the app opens on, an example of the gallery
        (:mod:`lstm_sim.gallery`) or a gradient scenario (:mod:`lstm_sim.scenarios`).
    key : str
        The example's or scenario's key (``""`` for the built-in one).
    explain : bool
        Its explanation still holds (False once other weights were loaded onto it:
        the title still names it, the explanation is no longer shown).
    """

    kind: str
    key: str = ""
    explain: bool = True


class Identity:
    """The name, origin and file of :class:`~lstm_sim.session.model.Session` (a mixin)."""

    # the session's state this part reads and sets (set in Session.__init__)
    _name: str
    _path: str | None
    _origin: Origin | None
    _modified: bool

    if TYPE_CHECKING:  # the session's helpers (defined in Session)

        def batch(self) -> AbstractContextManager[None]: ...
        def _notify(self, *topics: Topic) -> None: ...

    @property
    def name(self) -> str:
        """The session's name, shown in the title bar (a file name; "" for none)."""
        return self._name

    @name.setter
    def name(self, name: str) -> None:
        if name != self._name:
            self._name = name
            self._notify(Topic.NAME)

    @property
    def origin(self) -> Origin | None:
        """What the session was set up from: an example or a scenario (None: a file, or made)."""
        return self._origin

    def set_origin(self, origin: Origin | None) -> None:
        """Say what the session was set up from (the views explain it)."""
        if origin != self._origin:
            self._origin = origin
            self._notify(Topic.ORIGIN)

    @property
    def path(self) -> str | None:
        """The session file this session was last opened from or saved to (None: none)."""
        return self._path

    def set_path(self, path: str | None) -> None:
        """Remember the session file (after opening or saving one; None: not a session file)."""
        if path != self._path:
            self._path = path
            self._notify(Topic.NAME)

    def mark_saved(self, name: str | None = None, path: str | None = None) -> None:
        """Forget unsaved changes (after saving); optionally rename and remember the file."""
        with self.batch():
            if name is not None:
                self.name = name
            if path is not None:
                self.set_path(path)
            self._modified = False
            self._notify(Topic.MODIFIED)
