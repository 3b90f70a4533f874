"""Playback: the pure "next frame" rule and the toolbar controls that drive the session.

:func:`next_frame` decides where playback goes; the QTimer in
:class:`Transport` only measures the elapsed time and calls it, so tests of the
rule are exact.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleValueChangeEvent, QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSlider,
    QCheckBox,
    QLabel,
    QSlider,
    QSpinBox,
    QStyle,
    QStyleOptionSlider,
    QToolBar,
    QWidget,
)

from .icons import palette_icon
from .steady import fix_label_size

__all__ = ["Frame", "Transport", "next_frame"]

#: Fastest timer tick (ms): about one frame of a 60 Hz display.
TICK_MS = 16


@dataclass(frozen=True)
class Frame:
    """Where playback is after a tick.

    Attributes
    ----------
    t : int
        The new step.
    carry : float
        The fraction of a step owed to the next tick.
    playing : bool
        False once playback has reached the end (without loop).
    """

    t: int
    carry: float
    playing: bool


def next_frame(
    t: int, T: int, *, speed: float, elapsed: float, carry: float = 0.0, loop: bool = False
) -> Frame:
    """The step playback shows after ``elapsed`` seconds at ``speed`` steps per second.

    Parameters
    ----------
    t : int
        Current step (0 … T).
    T : int
        Last step.
    speed : float
        Steps per second (> 0).
    elapsed : float
        Seconds since the last frame.
    carry : float
        Fraction of a step left over from the last frame.
    loop : bool
        After T, continue from 0 instead of stopping.

    Returns
    -------
    Frame
        Without ``loop``, playback stops at T (``playing`` False). With
        ``loop``, steps wrap around 0 … T.
    """
    if T <= 0:
        return Frame(0, 0.0, False)
    due = carry + max(speed, 0.0) * max(elapsed, 0.0)
    n = int(due)
    rest = due - n
    if n == 0:
        return Frame(t, rest, True)
    if loop:
        return Frame((t + n) % (T + 1), rest, True)
    new = min(t + n, T)
    return Frame(new, 0.0 if new == T else rest, new < T)


class TimelineSlider(QSlider):
    """The timeline: a QSlider that repaints only when its handle moves.

    On a long sequence hundreds of steps share one pixel of the groove; QSlider
    repaints on every value change (≈ 0.5 ms with Fusion, on every Step). The
    value, its signals and what screen readers are told are unchanged.
    """

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._handle = None

    def _handle_rect(self):
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        return self.style().subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
        )

    def sliderChange(self, change: QAbstractSlider.SliderChange) -> None:
        if change == QAbstractSlider.SliderChange.SliderValueChange:
            handle = self._handle_rect()
            if handle == self._handle and not self.isSliderDown():
                if QAccessible.isActive():
                    QAccessible.updateAccessibility(QAccessibleValueChangeEvent(self, self.value()))
                return
            self._handle = handle
        else:
            self._handle = None
        super().sliderChange(change)

    def resizeEvent(self, event) -> None:
        self._handle = None
        super().resizeEvent(event)


class Transport(QObject):
    """Step / back / play / reset / end actions, speed, loop, timeline slider and "t = k / T".

    The transport never changes the session itself: it emits
    ``step_requested(t)`` and ``run_to_end_requested()``; the main window
    performs them (inline or in a worker).
    """

    step_requested = Signal(int)
    run_to_end_requested = Signal()
    playing_changed = Signal(bool)
    speed_changed = Signal(float)
    loop_changed = Signal(bool)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._t = 0
        self._T = 0
        self._carry = 0.0
        self._playing = False
        # Nanoseconds, monotonic: QElapsedTimer.restart() counts whole milliseconds,
        # and dropping ≈ 0.5 ms of every 16.7 ms tick played ≈ 3 % slow.
        #: Nanoseconds now (tests drive playback with their own clock).
        self.clock: Callable[[], int] = time.perf_counter_ns
        self._last_tick = 0
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.tick)

        def action(shortcut: str, slot) -> QAction:
            a = QAction(parent)  # the icon: drawn from the palette, see refresh_icons
            a.setShortcut(QKeySequence(shortcut))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.triggered.connect(slot)
            return a

        self.reset_action = action("Home", self.reset)
        self.back_action = action("Left", self.step_back)
        self.play_action = action("Space", self.toggle_play)
        self.step_action = action("Right", self.step_forward)
        self.end_action = action("End", self.run_to_end)
        self.refresh_icons()

        self.speed_box = QSpinBox()
        self.speed_box.setRange(1, 5000)
        self.speed_box.setValue(20)
        self.speed_box.valueChanged.connect(lambda v: self.speed_changed.emit(float(v)))
        self.loop_box = QCheckBox()
        self.loop_box.toggled.connect(self.loop_changed.emit)
        self.slider = TimelineSlider(Qt.Orientation.Horizontal)
        self.slider.setMinimumWidth(240)
        self.slider.valueChanged.connect(self._on_slider)
        self.label = QLabel()
        # A fixed size: the text changes on every step and must not re-layout the window.
        fix_label_size(self.label, "t = 0000000 / 0000000")
        self.speed_label = QLabel()
        self._syncing = False
        self.retranslate()

    def retranslate(self) -> None:
        """Every text, in the current language (the window calls it on a language change)."""

        def texts(a: QAction, text: str, tip: str) -> None:
            key = a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            a.setText(text)
            a.setToolTip(f"{tip} ({key})")
            a.setStatusTip(tip)

        texts(self.reset_action, self.tr("&Reset"), self.tr("Reset to t = 0"))
        texts(self.back_action, self.tr("Step &back"), self.tr("Step back one time step"))
        play = self.tr("&Pause") if self._playing else self.tr("&Play")
        texts(self.play_action, play, self.tr("Play / pause"))
        texts(self.step_action, self.tr("&Step"), self.tr("Advance one time step"))
        texts(self.end_action, self.tr("Run to &end"), self.tr("Run to the end of the sequence"))
        self.speed_box.setSuffix(self.tr(" steps/s"))
        self.speed_box.setToolTip(self.tr("Playback speed in steps per second"))
        self.speed_box.setAccessibleName(self.tr("Playback speed"))
        self.loop_box.setText(self.tr("Loop"))
        self.loop_box.setToolTip(self.tr("Start again at t = 0 after the end"))
        self.slider.setToolTip(self.tr("Timeline: drag to any step"))
        self.slider.setAccessibleName(self.tr("Timeline"))
        self.label.setAccessibleName(self.tr("Current step"))
        self.speed_label.setText(self.tr("Speed "))
        self.label.setText(self.tr("t = {t} / {T}").format(t=self._t, T=self._T))

    # ------------------------------------------------------------- widgets
    def populate(self, toolbar: QToolBar) -> None:
        """Put the controls on ``toolbar``."""
        for a in (
            self.reset_action,
            self.back_action,
            self.play_action,
            self.step_action,
            self.end_action,
        ):
            toolbar.addAction(a)
        toolbar.addSeparator()
        toolbar.addWidget(self.speed_label)
        toolbar.addWidget(self.speed_box)
        toolbar.addWidget(self.loop_box)
        toolbar.addSeparator()
        toolbar.addWidget(self.slider)
        toolbar.addWidget(self.label)

    def actions(self) -> list[QAction]:
        return [
            self.reset_action,
            self.back_action,
            self.play_action,
            self.step_action,
            self.end_action,
        ]

    def show_position(self, t: int, T: int) -> None:
        """Reflect the session's cursor (called on every step change)."""
        self._t, self._T = t, T
        self._syncing = True
        try:
            if self.slider.maximum() != T:
                self.slider.setMaximum(T)
            self.slider.setValue(t)
        finally:
            self._syncing = False
        self.label.setText(self.tr("t = {t} / {T}").format(t=t, T=T))

    def set_speed(self, speed: float) -> None:
        self.speed_box.setValue(round(speed))

    def set_loop(self, loop: bool) -> None:
        self.loop_box.setChecked(loop)

    def show_settings(self, speed: float, loop: bool) -> None:
        """Reflect the session's speed and loop settings (nothing is emitted)."""
        with QSignalBlocker(self.speed_box), QSignalBlocker(self.loop_box):
            self.set_speed(speed)
            self.set_loop(loop)

    def rendered(self) -> dict[str, Any]:
        """What the transport shows (plain data)."""
        return {
            "label": self.label.text(),
            "slider": (self.slider.value(), self.slider.maximum()),
            "speed": self.speed_box.value(),
            "loop": self.loop_box.isChecked(),
            "playing": self._playing,
            "play_text": self.play_action.text(),
        }

    # ------------------------------------------------------------- actions
    def _on_slider(self, value: int) -> None:
        if not self._syncing:
            self.step_requested.emit(int(value))

    def step_forward(self) -> None:
        self.pause()
        if self._t < self._T:
            self.step_requested.emit(self._t + 1)

    def step_back(self) -> None:
        self.pause()
        if self._t > 0:
            self.step_requested.emit(self._t - 1)

    def reset(self) -> None:
        self.pause()
        self.step_requested.emit(0)

    def run_to_end(self) -> None:
        self.pause()
        self.run_to_end_requested.emit()

    @property
    def playing(self) -> bool:
        return self._playing

    def toggle_play(self) -> None:
        if self._playing:
            self.pause()
        else:
            self.play()

    def play(self) -> None:
        if self._playing:
            return
        if self._t >= self._T and not self.loop_box.isChecked():
            self.step_requested.emit(0)  # play again from the start
        self._playing = True
        self._carry = 0.0
        speed = self.speed_box.value()
        self.timer.start(max(TICK_MS, int(1000 / speed)))
        self._last_tick = self.clock()
        self.play_action.setIcon(self.pause_icon)
        self.play_action.setText(self.tr("&Pause"))
        self.playing_changed.emit(True)

    def pause(self) -> None:
        if not self._playing:
            return
        self._playing = False
        self.timer.stop()
        self.play_action.setIcon(self.play_icon)
        self.play_action.setText(self.tr("&Play"))
        self.playing_changed.emit(False)

    # --------------------------------------------------------------- icons
    def refresh_icons(self) -> None:
        """Draw the action icons in the colours of the window's current palette."""
        palette = self.parent().palette()
        self.play_icon = palette_icon("play", palette)
        self.pause_icon = palette_icon("pause", palette)
        self.reset_action.setIcon(palette_icon("reset", palette))
        self.back_action.setIcon(palette_icon("back", palette))
        self.play_action.setIcon(self.play_icon)
        self.step_action.setIcon(palette_icon("step", palette))
        self.end_action.setIcon(palette_icon("end", palette))
        if self._playing:
            self.play_action.setIcon(self.pause_icon)

    def tick(self) -> None:
        """One tick of playback (the timer calls it): :func:`next_frame` says where to go."""
        now = self.clock()
        elapsed = (now - self._last_tick) / 1e9
        self._last_tick = now
        frame = next_frame(
            self._t,
            self._T,
            speed=float(self.speed_box.value()),
            elapsed=elapsed,
            carry=self._carry,
            loop=self.loop_box.isChecked(),
        )
        self._carry = frame.carry
        if frame.t != self._t:
            self.step_requested.emit(frame.t)
        if not frame.playing:
            self.pause()
