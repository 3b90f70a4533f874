"""The banners above the diagram: what to look at in the example, and a saturation warning.

Derived from the session alone: an example of the gallery (``session.origin``)
brings its description; anything else (a scenario, a file) shows no banner.
The user may hide it ("Hide"); it comes back with the next example.
:class:`SaturationBanner` says when the gates sit at 0 or 1 on most steps
(typically unscaled data in the hundreds), with the remedy one click away.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ..engine import run
from ..engine.diagnostics import SATURATION_Z, Saturation, saturation
from ..engine.errors import translate_message
from ..gallery import example
from ..sequence import Sequence
from ..session import Origin, Session, Topic
from .files.dialogs import qt_translate
from .follow import follow

__all__ = [
    "InfoBanner",
    "SaturationBanner",
    "ScaleInputsCommand",
    "origin_explanation",
    "probe_saturation",
]


def origin_explanation(origin: Origin | None, kind: str) -> str:
    """The translated text of an example (``kind="example"``) or scenario explanation, or ""."""
    if origin is None or origin.kind != kind or not origin.explain:
        return ""
    if kind == "example":
        return QCoreApplication.translate("Gallery", example(origin.key).description)
    from ..scenarios import scenario

    return QCoreApplication.translate("Scenarios", scenario(origin.key).explanation)


class InfoBanner(QFrame):
    """A paragraph about the loaded example, with a Hide button."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("info_bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.hide_button = QPushButton()
        self.hide_button.clicked.connect(self.dismiss)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.hide_button, 0, Qt.AlignmentFlag.AlignTop)
        self._dismissed = False  # the user hid it (until the next example)
        self.retranslate()
        follow(self, session, self._on_changed, Topic.ORIGIN)

    def retranslate(self) -> None:
        """The texts, in the current language (the example's description included)."""
        self.label.setAccessibleName(self.tr("What to look at"))
        self.hide_button.setText(self.tr("Hide"))
        self.hide_button.setToolTip(self.tr("Hide this explanation"))
        self.sync()

    def sync(self) -> None:
        """Show the loaded example's description (nothing for anything else)."""
        text = origin_explanation(self.session.origin, "example")
        self.label.setText(text)
        self.setVisible(bool(text) and not self._dismissed)

    def dismiss(self) -> None:
        """Hide the banner (Hide button) until the next example is loaded."""
        self._dismissed = True
        self.hide()

    def rendered(self) -> dict[str, Any]:
        """What the banner shows: its text and whether it is shown (the user may hide it)."""
        return {"text": self.label.text(), "visible": not self.isHidden()}

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_changed(self, _changes: frozenset[Topic]) -> None:
        self._dismissed = False
        self.sync()


# ------------------------------------------------------------------ saturation
#: Steps of the sequence the saturation banner runs the cell over (≈ 7 ms at H = 32):
#: enough to see whether the gates sit at 0 or 1, independent of the cursor.
PROBE_STEPS = 1000
#: Multiply-adds the probe may spend (a large cell gets fewer steps, at least
#: :data:`PROBE_MIN_STEPS`): it runs on the GUI thread at every change of weights,
#: and 1000 steps at H = 512 took half a second here.
PROBE_WORK = 20_000_000
PROBE_MIN_STEPS = 50


def probe_steps(length: int, hidden: int, inputs: int) -> int:
    """How many of the first steps :func:`probe_saturation` looks at."""
    per_step = 4 * hidden * (hidden + inputs + 1)
    return min(length, PROBE_STEPS, max(PROBE_MIN_STEPS, PROBE_WORK // per_step))


def probe_saturation(session: Session) -> Saturation:
    """How saturated the cell's gates are on the first steps (:func:`probe_steps`).

    Derived from the session alone (sequence, parameters, clamped gates), not
    from the steps computed so far, so the banner does not depend on the cursor.
    """
    # the shown cell's inputs in its step order: a model's upper or reverse cell reads
    # the layer below's h_t, or time backwards, not the sequence's columns
    stack = session.stack
    inputs = session.sequence.inputs if stack is None else stack.inputs
    n = probe_steps(len(inputs), session.params.hidden_size, inputs.shape[1])
    trace = run(session.params, inputs[:n], clamp=session.settings.clamp_dict)
    return saturation(trace)


def inputs_scaled(session: Session) -> bool:
    """Every input column is already scaled (so scaling is no remedy)."""
    scaling = session.sequence.input_scaling
    return scaling is not None and "none" not in scaling.methods


class ScaleInputsCommand(QUndoCommand):
    """Standardise the inputs of the session's sequence, as one undoable step.

    Undo puts the previous sequence back, unless the sequence was replaced
    since (another file opened): the command is then obsolete and does nothing.
    """

    def __init__(self, session: Session, text: str, seek: Callable[[int], None] | None) -> None:
        super().__init__(text)
        self.session = session
        self.before = session.sequence
        self.after = self.before.rescaled("inputs=standard")
        self._seek = seek

    def _put(self, old: Sequence, new: Sequence) -> None:
        if self.session.sequence is not old:
            self.setObsolete(True)
            return
        t = self.session.t
        self.session.set_sequence(new)  # the cursor returns to 0 …
        if self._seek is not None and t:
            self._seek(t)  # … and comes back to where the user is

    def redo(self) -> None:
        self._put(self.before, self.after)

    def undo(self) -> None:
        self._put(self.after, self.before)


class SaturationBanner(QFrame):
    """Says when the gates sit at 0 or 1 on most steps, with a one-click remedy.

    Shown when :func:`lstm_sim.engine.diagnostics.saturation` finds the cell
    saturated on the first steps of the sequence (:func:`probe_saturation`).
    "Scale the inputs" standardises the input columns (statistics from the
    whole sequence) as one step of ``undo_stack``; when the inputs are already
    scaled the banner says so without the button (large weights saturate too).

    Parameters
    ----------
    session : Session
    undo_stack : QUndoStack, optional
        Where the rescaling goes (without one it is applied directly).
    seek : callable(int), optional
        Moves the cursor back to where it was after the rescaling (the
        window's ``request_step``).
    """

    #: Milliseconds the session must rest before the diagnosis runs again.
    SETTLE_MS = 150

    def __init__(
        self,
        session: Session,
        undo_stack: QUndoStack | None = None,
        seek: Callable[[int], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.undo_stack = undo_stack
        self._seek = seek
        self.setObjectName("saturation_bar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # A warning tint that reads in light and dark themes (Okabe–Ito orange, faint).
        self.setStyleSheet(
            "#saturation_bar { background: rgba(230, 159, 0, 48); "
            "border: 1px solid rgba(230, 159, 0, 160); }"
        )
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.scale_button = QPushButton()
        self.scale_button.setObjectName("scale_inputs_button")
        self.scale_button.clicked.connect(self.scale_inputs)
        self.hide_button = QPushButton()
        self.hide_button.clicked.connect(self.dismiss)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.scale_button, 0, Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.hide_button, 0, Qt.AlignmentFlag.AlignTop)
        self._found: Saturation | None = None
        self._key: tuple[object, ...] = ()
        self._dismissed = False
        # A weight slider changes the parameters many times a second: diagnose once it rests.
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(self.SETTLE_MS)
        self._later.timeout.connect(self.sync)
        self.retranslate()
        self.sync()
        follow(self, session, self._on_changed, Topic.SEQUENCE, Topic.PARAMS, Topic.SETTINGS)

    def retranslate(self) -> None:
        """The texts in the current language."""
        self.label.setAccessibleName(self.tr("Saturation warning"))
        self.scale_button.setText(self.tr("Scale the inputs"))
        self.scale_button.setToolTip(
            self.tr(
                "Standardise every input column (mean 0, standard deviation 1, statistics "
                "from the whole sequence); Edit ▸ Undo puts the values back"
            )
        )
        self.hide_button.setText(self.tr("Hide"))
        self.hide_button.setToolTip(self.tr("Hide this warning"))
        self._show()

    def sync(self) -> None:
        """Diagnose the session anew and show or hide the warning."""
        self._key = self._inputs_of_probe()
        found = probe_saturation(self.session)
        self._found = found if found.saturated else None
        self._show()

    def _show(self) -> None:
        found = self._found
        remedy = found is not None and not inputs_scaled(self.session)
        if found is None:
            text = ""
        elif remedy:  # "… Scale the inputs to see the cell work."
            text = translate_message(found.message(), qt_translate)
        else:
            text = self.tr(
                "The gates are saturated (|z| > {z}: σ and tanh at 0 or ±1) on {percent} of the "
                "steps although the inputs are scaled: the weights are large."
            ).format(z=f"{SATURATION_Z:g}", percent=f"{100 * found.fraction:.0f}%")
        self.label.setText(text)
        self.scale_button.setVisible(remedy)
        self.setVisible(found is not None and not self._dismissed)

    def scale_inputs(self) -> None:
        """Standardise the inputs ("Scale the inputs"): one undoable step."""
        command = ScaleInputsCommand(self.session, self.tr("Scale the inputs"), self._seek)
        if self.undo_stack is not None:
            self.undo_stack.push(command)  # push runs redo()
        else:
            command.redo()

    def dismiss(self) -> None:
        """Hide the warning until the next change of sequence, weights or settings."""
        self._dismissed = True
        self.hide()

    def rendered(self) -> dict[str, Any]:
        """What the banner shows: its text, the remedy button, and whether it is shown
        (a diagnosis still waiting for the session to rest is made first)."""
        if self._later.isActive():
            self._later.stop()
            self.sync()
        return {
            "text": self.label.text(),
            "remedy": not self.scale_button.isHidden(),
            "visible": not self.isHidden(),
        }

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _inputs_of_probe(self) -> tuple[object, ...]:
        s = self.session
        clamp = s.settings.clamp_dict
        return (s.sequence, s.params, tuple(sorted((clamp or {}).items())))

    def _on_changed(self, _changes: frozenset[Topic]) -> None:
        key = self._inputs_of_probe()
        same = len(key) == len(self._key) and all(
            a is b for a, b in zip(key[:2], self._key[:2], strict=True)
        )
        if same and key[2] == self._key[2]:
            return  # another setting (speed, loop, …): nothing to diagnose again
        self._dismissed = False  # a new sequence, new weights or other clamps: look again
        if key[0] is not self._key[0]:
            self._later.stop()
            self.sync()  # a file opened or rescaled (rare): say it at once
        else:
            self._later.start()  # weights (a slider may be moving): once they rest
