"""The user settings of a session (saved with it), and the one place that validates them.

:class:`Settings` checks every field when it is made: the session's setters
(:meth:`~lstm_sim.session.Session.update_settings`), a session file's settings
(:func:`~lstm_sim.session.document.document_settings`) and the GUI's controls
all go through it, so a rule lives here once. A bad value raises
:class:`SettingsError`, which names the setting and says what was expected
(translatable, context ``"FileErrors"``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any

from ..engine import EngineError, check_clamp
from ..engine.errors import QT_TRANSLATE_NOOP, Message, Text

__all__ = ["CLIP_MODES", "LOSSES", "Settings", "SettingsError"]

#: The losses of the gradient panels (see :attr:`Settings.loss`).
LOSSES = ("output", "unit", "prediction", "prediction_sum")
#: How the RNN's gradient is clipped (see :attr:`Settings.clip_mode`).
CLIP_MODES = ("step", "global")


class SettingsError(EngineError):
    """A setting of the wrong type or out of range.

    Attributes
    ----------
    key : str
        The setting (``"window"``, ``"loss"``, …); ``str(err)`` is ``"KEY: REASON"``.
    reason : Message
        What was expected and what was given.
    """

    def __init__(self, key: str, reason: Message) -> None:
        super().__init__(reason, subject=key)
        self.key = key


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_window(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SettingsError(
            "window",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "expected null or an integer ≥ 1, got {value}"),
                value=repr(value),
            ),
        )
    return int(value)


def _check_loss(value: Any) -> str:
    if value not in LOSSES:
        raise SettingsError(
            "loss",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "expected one of {choices}, got {value}"),
                choices=", ".join(LOSSES),
                value=repr(value),
            ),
        )
    return str(value)


def _check_choice(key: str, value: Any, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise SettingsError(
            key,
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "expected one of {choices}, got {value}"),
                choices=", ".join(choices),
                value=repr(value),
            ),
        )
    return str(value)


def _check_positive(key: str, value: Any) -> float:
    if not _is_number(value) or not math.isfinite(value) or value <= 0:
        raise SettingsError(
            key,
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "expected a positive number, got {value}"),
                value=repr(value),
            ),
        )
    return float(value)


def _check_bool(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise SettingsError(
            key,
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "expected true or false, got {value}"),
                value=repr(value),
            ),
        )
    return value


def _check_clamp(value: Any) -> tuple[tuple[str, float], ...]:
    try:
        pairs = value.items() if isinstance(value, dict) else value
        clamp = tuple(sorted((str(k), float(v)) for k, v in pairs))
        check_clamp(dict(clamp))
    except EngineError as exc:
        raise SettingsError("clamp", exc.text) from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise SettingsError("clamp", str(exc)) from None
    return clamp


def _check_lag(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SettingsError(
            "backward_lag",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "expected an integer ≥ 0, got {value}"),
                value=repr(value),
            ),
        )
    return int(value)


@dataclass(frozen=True)
class Settings:
    """User settings of a session (saved with it). Every field is checked when made.

    Attributes
    ----------
    window : int or None
        BPTT window in steps for the gradient panel (≥ 1); None means all steps.
    loss : {"output", "unit", "prediction", "prediction_sum"}
        Loss whose gradients are shown: ``"output"`` L = Σ_j h_t[j];
        ``"unit"`` L = h_t[selected unit]; ``"prediction"`` L = Σ_p (ŷ_t − y_t)²,
        the squared error of the read-out (or a model's head) against the targets
        at step t; ``"prediction_sum"`` the same summed over the steps up to t
        (the session checks that there are targets and a read-out).
    show_all_units : bool
        Plots show every unit instead of the selected one.
    speed : float
        Playback speed in steps per second (> 0).
    loop : bool
        Playback starts again at t = 0 after the end.
    compare : bool
        Run a vanilla RNN of the same size beside the LSTM (gradient comparison).
    clip : float or None
        Gradient-norm clipping threshold for the RNN's backward pass (> 0).
    clip_mode : {"step", "global"}
        ``"step"``: ∂L/∂h_k is rescaled to ``clip`` at every step of the backward
        pass where its norm exceeds it; ``"global"``: the backward pass runs
        unclipped and the whole parameter gradient is rescaled once, like
        ``torch.nn.utils.clip_grad_norm_``.
    clamp : tuple of (gate, value) pairs
        What-if: hold gates at constants for every step (e.g. ``(("f", 1.0),)``);
        a dict is accepted and stored as sorted pairs.
    backward_lag : int
        The backward-pass view shows step k = t − lag of the gradient panel's
        loss at the cursor t (≥ 0; the view clamps it to the steps there are).

    Raises
    ------
    SettingsError
        A field of the wrong type or out of range (its ``key`` names it).
    """

    window: int | None = 200
    loss: str = "output"
    show_all_units: bool = False
    speed: float = 20.0
    loop: bool = False
    compare: bool = False
    clip: float | None = None
    clip_mode: str = "step"
    clamp: tuple[tuple[str, float], ...] = ()
    backward_lag: int = 1

    def __post_init__(self) -> None:
        checked = {
            "window": _check_window(self.window),
            "loss": _check_loss(self.loss),
            "show_all_units": _check_bool("show_all_units", self.show_all_units),
            "speed": _check_positive("speed", self.speed),
            "loop": _check_bool("loop", self.loop),
            "compare": _check_bool("compare", self.compare),
            "clip": None if self.clip is None else _check_positive("clip", self.clip),
            "clip_mode": _check_choice("clip_mode", self.clip_mode, CLIP_MODES),
            "clamp": _check_clamp(self.clamp),
            "backward_lag": _check_lag(self.backward_lag),
        }
        for name, value in checked.items():
            object.__setattr__(self, name, value)

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
            "clip_mode": self.clip_mode,
            "clamp": dict(self.clamp),
            "backward_lag": self.backward_lag,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        """Inverse of :meth:`to_dict`; unknown keys are ignored, missing ones default.

        Raises
        ------
        SettingsError
        """
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    @property
    def clamp_dict(self) -> dict[str, float] | None:
        """The clamps as the engine takes them (None when no gate is clamped)."""
        return dict(self.clamp) or None
