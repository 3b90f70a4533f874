"""The backward-pass tabs beside the equations (issue 18): backward pass, matrix form, code.

- :mod:`.backward` — :class:`BackwardPanel`, one step of BPTT with the selected unit's numbers;
- :mod:`.matrix` — :class:`MatrixPanel`, z = W_ih·x + W_hh·h + b_ih + b_hh with shapes, the
  selected unit's rows highlighted;
- :mod:`.code` — :class:`CodePanel`, engine/reference.py's step functions with their values;
- :mod:`.base` — :class:`TextPanel`, what the tabs share (follow the session, ``rendered()``).
"""

from .backward import BackwardPanel
from .base import TextPanel
from .code import CodePanel
from .matrix import MatrixPanel

__all__ = ["BackwardPanel", "CodePanel", "MatrixPanel", "TextPanel"]
