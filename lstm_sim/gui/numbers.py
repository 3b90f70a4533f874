"""How every view writes a number: fixed decimals, a true minus sign, no negative zero.

The diagram, the equations, the values table, the RNN box and the tooltips all
format through :func:`format_value`, so the same value reads the same everywhere.
"""

from __future__ import annotations

__all__ = ["format_value"]


def format_value(v: float, decimals: int = 4) -> str:
    """``v`` with ``decimals`` decimals and a true minus sign (U+2212).

    A negative number that rounds to zero shows as ``0.000``, never ``−0.000``;
    NaN and infinities as Python prints them (``nan``, ``inf``, ``−inf``).

    >>> format_value(-0.25), format_value(-0.0004, 3), format_value(2.5, 1)
    ('−0.2500', '0.000', '2.5')
    """
    text = f"{float(v):.{decimals}f}"
    if text.startswith("-"):
        # "-0.000" (and "-0") would claim a sign the shown digits do not have
        text = "−" + text[1:] if text.strip("-0.") else text[1:]
    return text
