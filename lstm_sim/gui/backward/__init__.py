"""The backward-pass tabs beside the equations (issue 18): backward pass, matrix form, code.

- :mod:`.backward` — :class:`BackwardPanel`, one step of BPTT with the selected unit's numbers;
- :mod:`.base` — :class:`TextPanel`, what the tabs share (follow the session, ``rendered()``).
"""

from .backward import BackwardPanel
from .base import TextPanel

__all__ = ["BackwardPanel", "TextPanel"]
