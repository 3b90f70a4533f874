"""The user settings of a session (saved with it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..engine import check_clamp

__all__ = ["LOSSES", "Settings"]

LOSSES = ("output", "unit")


@dataclass(frozen=True)
class Settings:
    """User settings of a session (saved with it).

    Attributes
    ----------
    window : int or None
        BPTT window in steps for the gradient panel; None means all steps.
    loss : {"output", "unit"}
        Loss whose gradients are shown: ``"output"`` L = Σ_j h_t[j];
        ``"unit"`` L = h_t[selected unit].
    show_all_units : bool
        Plots show every unit instead of the selected one.
    speed : float
        Playback speed in steps per second.
    loop : bool
        Playback starts again at t = 0 after the end.
    compare : bool
        Run a vanilla RNN of the same size beside the LSTM (gradient comparison).
    clip : float or None
        Gradient-norm clipping threshold for the RNN's backward pass.
    clamp : tuple of (gate, value) pairs
        What-if: hold gates at constants for every step (e.g. ``(("f", 1.0),)``).
    """

    window: int | None = 200
    loss: str = "output"
    show_all_units: bool = False
    speed: float = 20.0
    loop: bool = False
    compare: bool = False
    clip: float | None = None
    clamp: tuple[tuple[str, float], ...] = ()

    def __post_init__(self) -> None:
        clamp = self.clamp.items() if isinstance(self.clamp, dict) else self.clamp
        pairs = tuple(sorted((str(k), float(v)) for k, v in clamp))
        check_clamp(dict(pairs))
        object.__setattr__(self, "clamp", pairs)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible dict."""
        return {
            "window": self.window,
            "loss": self.loss,
            "show_all_units": self.show_all_units,
            "speed": self.speed,
            "loop": self.loop,
            "compare": self.compare,
            "clip": self.clip,
            "clamp": dict(self.clamp),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Inverse of :meth:`to_dict`; unknown keys are ignored, missing ones default."""
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)

    @property
    def clamp_dict(self) -> dict[str, float] | None:
        """The clamps as the engine takes them (None when no gate is clamped)."""
        return dict(self.clamp) or None
