"""The "vanishing & exploding gradients" panel: LSTM beside a vanilla RNN, against the lag.

Top plot: ‖∂L/∂h_k‖ of the RNN and ‖∂L/∂C_k‖, ‖∂L/∂h_k‖ of the LSTM for the
same loss at step t, against the lag t − k, on a log axis; beside the LSTM's
total ‖∂L/∂C_k‖, what its direct path alone would carry back (∂L/∂C_t·∏f,
``GradientView.direct_path``). Bottom plot: the
mechanism — per step, the LSTM's carry factor f_k (= ∂C_k/∂C_{k−1}) and its
running product back from t, and the RNN's local factor ‖W_hhᵀ·diag(1 − h_k²)‖
beside σ_max(W_hh).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...session import Session, Topic
from ..banner import origin_explanation
from ..follow import follow
from .axes import ShortAxis, cache_axes, set_decade_range
from .panels import SERIES_COLORS

__all__ = ["ComparePanel"]

RNN_COLOR = "#D55E00"
LSTM_C_COLOR = "#0072B2"
LSTM_H_COLOR = "#CC79A7"


def _positive(y: np.ndarray) -> np.ndarray:
    """Exact zeros have no place on a log axis: leave gaps."""
    y = np.asarray(y, dtype=float)
    return np.where(y > 0, y, np.nan)


class ComparePanel(QWidget):
    """Gradient norms against the lag, and the local factors that explain them.

    Signals
    -------
    lag_requested(int)
        The user clicked the plots at a lag: the backward-pass tab opens that
        step (``Settings.backward_lag`` is set first).
    """

    lag_requested = Signal(int)

    #: Width of the legends' column right of the plots (px).
    LEGEND_WIDTH = 230

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setStyleSheet("QLabel { padding: 2px; }")
        self.compare_box = QCheckBox()
        self.compare_box.toggled.connect(lambda on: session.update_settings(compare=bool(on)))
        self.clip_box = QCheckBox()
        self.clip_value = QDoubleSpinBox()
        self.clip_value.setRange(1e-3, 1e6)
        self.clip_value.setDecimals(3)
        self.clip_value.setValue(10.0)
        self.clip_box.toggled.connect(self._on_clip)
        self.clip_value.valueChanged.connect(self._on_clip)
        # Per-step clipping (during BPTT) or global (clip_grad_norm_, after it).
        self.clip_mode = QComboBox()
        self.clip_mode.addItem("", "step")
        self.clip_mode.addItem("", "global")
        self.clip_mode.currentIndexChanged.connect(
            lambda _i: session.update_settings(clip_mode=self.clip_mode.currentData())
        )
        self.clip_note = QLabel()
        self.clip_note.setWordWrap(True)
        self.sigma_label = QLabel()
        self.sigma_label.setWordWrap(True)
        left = QWidget()
        left.setMaximumWidth(340)
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(4, 4, 4, 4)
        left_lay.addWidget(self.compare_box)
        clip_row = QHBoxLayout()
        clip_row.addWidget(self.clip_box)
        clip_row.addWidget(self.clip_value)
        left_lay.addLayout(clip_row)
        left_lay.addWidget(self.clip_mode)
        left_lay.addWidget(self.clip_note)
        left_lay.addWidget(self.sigma_label)
        scroll = QScrollArea()  # a scenario's text may be longer than the panel is high
        scroll.setWidget(self.explanation)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        left_lay.addWidget(scroll, 1)

        self.layout_widget = pg.GraphicsLayoutWidget()
        self.layout_widget.setBackground("w")
        self.layout_widget.scene().sigMouseClicked.connect(self._on_click)
        # Whole decades only on both log axes (pyqtgraph's own log ticks label the
        # minor ones too, a pile of 0.9 … 0.04 on the mechanism plot's narrow range).
        self.grad_plot = self.layout_widget.addPlot(
            row=0, col=0, axisItems={"left": ShortAxis("left")}
        )
        self.factor_plot = self.layout_widget.addPlot(
            row=1, col=0, axisItems={"left": ShortAxis("left")}
        )
        for plot in (self.grad_plot, self.factor_plot):
            plot.setLogMode(y=True)
            cache_axes(plot)
            plot.disableAutoRange()
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.getAxis("left").setWidth(64)
            plot.getAxis("left").enableAutoSIPrefix(False)
        self.factor_plot.setXLink(self.grad_plot)
        # The legends in a column of their own, right of the plots (inside, they lay over
        # the curves). PlotItem.addItem lists a named curve in ``plot.legend``.
        for row, plot in enumerate((self.grad_plot, self.factor_plot)):
            legend = pg.LegendItem(offset=None, labelTextSize="8pt", verSpacing=-6)
            self.layout_widget.addItem(legend, row=row, col=1)
            plot.legend = legend
        self.layout_widget.ci.layout.setColumnFixedWidth(1, self.LEGEND_WIDTH)
        self.curves = {
            "rnn_dh": self.grad_plot.plot(
                pen=pg.mkPen(RNN_COLOR, width=1), connect="finite", name="RNN ‖∂L/∂h_k‖"
            ),
            "lstm_dc": self.grad_plot.plot(
                pen=pg.mkPen(LSTM_C_COLOR, width=1),
                connect="finite",
                name="LSTM ‖∂L/∂C_k‖",  # translated in retranslate()
            ),
            "lstm_direct": self.grad_plot.plot(
                pen=pg.mkPen(LSTM_C_COLOR, width=1, style=Qt.PenStyle.DotLine),
                connect="finite",
                name="LSTM direct path ∏f",  # translated in retranslate()
            ),
            "lstm_dh": self.grad_plot.plot(
                pen=pg.mkPen(LSTM_H_COLOR, width=1, style=Qt.PenStyle.DashLine),
                connect="finite",
                name="LSTM ‖∂L/∂h_k‖",
            ),
            "forget": self.factor_plot.plot(
                pen=pg.mkPen(SERIES_COLORS["y"], width=1),
                connect="finite",
                name="LSTM f_k",  # translated in retranslate()
            ),
            "carry": self.factor_plot.plot(
                pen=pg.mkPen(LSTM_C_COLOR, width=1),
                connect="finite",
                name="LSTM ∏ f",  # translated in retranslate()
            ),
            "rnn_factor": self.factor_plot.plot(
                pen=pg.mkPen(RNN_COLOR, width=1),
                connect="finite",
                name="RNN ‖W_hhᵀ·diag(1 − h_k²)‖",
            ),
        }
        self.clip_line = pg.InfiniteLine(
            angle=0, movable=False, pen=pg.mkPen(RNN_COLOR, width=1, style=Qt.PenStyle.DotLine)
        )
        self.sigma_line = pg.InfiniteLine(
            angle=0, movable=False, pen=pg.mkPen(RNN_COLOR, width=1, style=Qt.PenStyle.DashLine)
        )
        self.grad_plot.addItem(self.clip_line, ignoreBounds=True)
        self.factor_plot.addItem(self.sigma_line, ignoreBounds=True)
        # (InfiniteLines must not go into a pyqtgraph legend: its sample painter
        # segfaults on them. Each has an entry of its own: an empty curve in its pen.)
        self.line_entries = {
            "sigma": self.factor_plot.plot(
                pen=pg.mkPen(RNN_COLOR, width=1, style=Qt.PenStyle.DashLine), name="σ_max"
            ),
            "clip": self.grad_plot.plot(
                pen=pg.mkPen(RNN_COLOR, width=1, style=Qt.PenStyle.DotLine), name="clip"
            ),
        }

        self.explanation.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(left)
        lay.addWidget(self.layout_widget, 1)
        follow(
            self,
            session,
            self._on_changed,
            Topic.GRADIENTS,
            Topic.PARAMS,
            Topic.RNN,
            Topic.SEQUENCE,
            Topic.SETTINGS,
            Topic.ORIGIN,
        )
        self._stale = True
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language (the scenario's explanation included)."""
        self.explanation.setAccessibleName(self.tr("What to look at"))
        self.layout_widget.setToolTip(
            self.tr("Click a lag to open that step of the backward pass in the Backward tab")
        )
        self.compare_box.setText(self.tr("Compare with a vanilla RNN"))
        self.compare_box.setToolTip(
            self.tr("Run an RNN of the same input and hidden size on the same sequence")
        )
        self.clip_box.setText(self.tr("Clip RNN gradient norm at"))
        self.clip_box.setToolTip(
            self.tr(
                "Per-step clipping: going back, ∂L/∂h_k is rescaled to the threshold at every "
                "step where its norm exceeds it. (PyTorch's clip_grad_norm_ instead rescales the "
                "whole parameter gradient once, after BPTT.)"
            )
        )
        self.clip_value.setAccessibleName(self.tr("Clipping threshold"))
        self.clip_mode.setItemText(0, self.tr("per step, during BPTT"))
        self.clip_mode.setItemText(1, self.tr("global, after BPTT (clip_grad_norm_)"))
        self.clip_mode.setAccessibleName(self.tr("How the RNN's gradient is clipped"))
        self.clip_mode.setToolTip(
            self.tr(
                "Per step: ∂L/∂h_k is capped at every step of the backward pass (the gradient "
                "curve flattens; the parameter gradient changes direction). Global: the backward "
                "pass runs unclipped, then the whole parameter gradient is scaled once to at "
                "most the threshold (its direction is kept), as PyTorch's clip_grad_norm_ does"
            )
        )
        self.sigma_label.setAccessibleName(self.tr("Largest singular value of W_hh"))
        self.grad_plot.setLabel("left", self.tr("gradient norm"))
        self.factor_plot.setLabel("left", self.tr("factor per step"))
        self.factor_plot.setLabel("bottom", self.tr("lag t − k (steps back from t)"))
        self.factor_plot.setTitle(
            self.tr("The mechanism: what each step back multiplies the gradient by"),
            size="9pt",
            justify="left",
        )
        self._set_curve_name("lstm_dc", self.tr("LSTM ‖∂L/∂C_k‖ (total)"))
        # ‖∂L/∂C_t·f_t⋯f_{k+1}‖: what the forget gates alone would carry back
        self._set_curve_name("lstm_direct", self.tr("LSTM direct path ∏f"))
        self._set_curve_name("forget", self.tr("LSTM f_k = ∂C_k/∂C_{k−1} (direct partial)"))
        self._set_curve_name("carry", self.tr("LSTM ∏ f (t back to k)"))
        self._set_curve_name("sigma", self.tr("RNN σ_max(W_hh) (dashed)"))
        self._set_curve_name("clip", self.tr("RNN clipping threshold (dotted)"))
        self.sync_explanation()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def sync_explanation(self) -> None:
        """What to look at: the loaded scenario's explanation, or a general hint."""
        text = origin_explanation(self.session.origin, "scenario")
        if not text:
            text = self.tr(
                "Turn on the comparison, pick a scenario in the Scenarios menu, and step: "
                "the top plot shows how much of the gradient of the loss at step t reaches "
                "each earlier step k; the bottom plot shows why."
            )
        self.explanation.setText(text)

    def _sync_line_entries(self) -> None:
        """The σ_max and clipping lines have a legend entry while they are drawn."""
        pairs = (
            ("sigma", self.sigma_line, self.factor_plot),
            ("clip", self.clip_line, self.grad_plot),
        )
        for key, line, plot in pairs:
            entry = self.line_entries[key]
            listed = any(sample.item is entry for sample, _label in plot.legend.items)
            if line.isVisible() and not listed:
                plot.legend.addItem(entry, entry.opts["name"])
            elif listed and not line.isVisible():
                plot.legend.removeItem(entry)

    def _set_curve_name(self, key: str, name: str) -> None:
        """A curve's name and its legend entry (the curve names that are translated)."""
        curve = self.curves.get(key) or self.line_entries[key]
        curve.opts["name"] = name
        factors = ("forget", "carry", "rnn_factor", "sigma")
        plot = self.factor_plot if key in factors else self.grad_plot
        legend = plot.legend
        for _sample, label in legend.items:
            if _sample.item is curve:
                label.setText(name)

    def _on_click(self, event) -> None:
        """A click on either plot opens the step at that lag in the backward-pass tab."""
        pos = event.scenePos()
        for plot in (self.grad_plot, self.factor_plot):
            if plot.sceneBoundingRect().contains(pos):
                self.open_lag(round(plot.vb.mapSceneToView(pos).x()))
                return

    def open_lag(self, lag: int) -> None:
        """Show step t − ``lag`` in the backward-pass tab (lags outside the curves: nothing)."""
        view = self.session.gradients
        if view is None or not 0 <= lag < len(view.steps):
            return
        self.session.update_settings(backward_lag=int(lag))
        self.lag_requested.emit(int(lag))

    def _on_clip(self, *_args) -> None:
        clip = self.clip_value.value() if self.clip_box.isChecked() else None
        self.session.update_settings(clip=clip)

    def _on_changed(self, changes: frozenset[Topic]) -> None:
        if Topic.ORIGIN in changes:
            self.sync_explanation()
        # Hidden (another tab is shown): refresh when shown instead of on every step.
        if changes & {Topic.GRADIENTS, Topic.SETTINGS, Topic.RNN, Topic.PARAMS, Topic.SEQUENCE}:
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def rendered(self) -> dict[str, Any]:
        """What the panel shows, as plain data (as once shown, if another tab is in front).

        ``explanation``, ``sigma``, ``title`` (the top plot's), the check boxes,
        the two lines (σ_max and the clip threshold: shown, value), the view
        ranges and every curve's ``{"name", "x", "y"}`` (copies).
        """
        if self._stale:
            self.refresh()
        curves = {}
        for key, item in self.curves.items():
            x, y = item.getOriginalDataset()
            curves[key] = {
                "name": item.opts.get("name"),
                "x": None if x is None else np.array(x, dtype=float),
                "y": None if y is None else np.array(y, dtype=float),
            }
        return {
            "explanation": self.explanation.text(),
            "sigma": self.sigma_label.text(),
            "title": self.grad_plot.titleLabel.text,
            "compare": (self.compare_box.isChecked(), self.compare_box.isEnabled()),
            "clip": (self.clip_box.isChecked(), self.clip_box.isEnabled()),
            "clip_mode": (self.clip_mode.currentData(), self.clip_mode.isEnabled()),
            "clip_note": self.clip_note.text(),
            # (a hidden line's value is not shown)
            "sigma_line": self.sigma_line.isVisible() and float(self.sigma_line.value()),
            "clip_line": self.clip_line.isVisible() and float(self.clip_line.value()),
            "grad_range": [list(map(float, r)) for r in self.grad_plot.viewRange()],
            "factor_range": [list(map(float, r)) for r in self.factor_plot.viewRange()],
            "curves": curves,
            "legends": [
                [label.text for _sample, label in plot.legend.items]
                for plot in (self.grad_plot, self.factor_plot)
            ],
        }

    def sync(self) -> None:
        """Build what the panel shows from the session alone (the only path; it is cheap)."""
        self.refresh()

    def refresh(self) -> None:
        """Redraw from the session's gradient view."""
        self._stale = False
        s = self.session
        st = s.settings
        for w, value in ((self.compare_box, st.compare), (self.clip_box, st.clip is not None)):
            w.blockSignals(True)
            w.setChecked(value)
            w.blockSignals(False)
        if st.clip is not None:
            self.clip_value.blockSignals(True)
            self.clip_value.setValue(st.clip)
            self.clip_value.blockSignals(False)
        self.clip_box.setEnabled(st.compare)
        self.clip_value.setEnabled(st.compare)
        self.clip_mode.blockSignals(True)
        self.clip_mode.setCurrentIndex(self.clip_mode.findData(st.clip_mode))
        self.clip_mode.blockSignals(False)
        self.clip_mode.setEnabled(st.compare)
        view = s.gradients
        if view is None:
            for c in self.curves.values():
                c.setData([], [])
            self.clip_line.hide()
            self.sigma_line.hide()
            self.sigma_label.setText("")
            self.clip_note.setText("")
            self.grad_plot.setTitle(
                self.tr("How far back the loss at step t reaches"), size="9pt", justify="left"
            )
            self._sync_line_entries()
            return
        lags = view.lags.astype(float)
        grads = [_positive(view.dc_norm), _positive(view.dh_norm)]
        factors = [_positive(view.forget), _positive(view.carry)]
        self.curves["lstm_dc"].setData(lags, grads[0])
        if view.direct_path is not None:
            grads.append(_positive(view.direct_path))
            self.curves["lstm_direct"].setData(lags, grads[-1])
        else:
            self.curves["lstm_direct"].setData([], [])
        self.curves["lstm_dh"].setData(lags, grads[1])
        self.curves["forget"].setData(lags, factors[0])
        self.curves["carry"].setData(lags, factors[1])
        if view.rnn_dh_norm is not None:
            grads.append(_positive(view.rnn_dh_norm))
            factors.append(_positive(view.rnn_factor))
            self.curves["rnn_dh"].setData(lags, grads[-1])
            self.curves["rnn_factor"].setData(lags, factors[2])
            sigma = float(view.rnn_sigma_max)
            self.sigma_line.setValue(np.log10(sigma) if sigma > 0 else 0.0)
            self.sigma_line.show()
            self.sigma_label.setText(
                self.tr("RNN: σ_max(W_hh) = {s:.3f} ({kind}; dashed line below)").format(
                    s=sigma,
                    kind=self.tr("< 1: gradients vanish")
                    if sigma < 1
                    else self.tr("> 1: gradients can explode"),
                )
            )
            self.clip_note.setText(self._clip_note(view))
            if view.clip is not None and view.clip_mode == "step":
                self.clip_line.setValue(np.log10(view.clip))
                self.clip_line.show()
            else:
                self.clip_line.hide()
        else:
            self.curves["rnn_dh"].setData([], [])
            self.curves["rnn_factor"].setData([], [])
            self.sigma_line.hide()
            self.clip_line.hide()
            self.sigma_label.setText(self.tr("RNN comparison is off"))
            self.clip_note.setText("")
        self._sync_line_entries()
        n = float(max(len(lags) - 1, 1))
        if getattr(self, "_x_max", None) != n:
            self._x_max = n
            self.grad_plot.setXRange(0, n, padding=0.02)
        self._grad_range = set_decade_range(
            self.grad_plot, getattr(self, "_grad_range", None), *grads
        )
        self._factor_range = set_decade_range(
            self.factor_plot, getattr(self, "_factor_range", None), *factors
        )
        self.grad_plot.setTitle(
            QCoreApplication.translate(
                "ComparePanel", "How far back the loss at step t = {t} reaches ({loss})"
            ).format(t=view.t, loss=s.describe_loss()),
            size="9pt",
            justify="left",
        )

    def _clip_note(self, view) -> str:
        """What the chosen clipping does, with the RNN's parameter-gradient norm."""
        norm = view.rnn_param_norm
        if view.clip is None:
            return self.tr("Not clipped: RNN ‖∂L/∂W‖ = {n:.4g}").format(n=norm)
        if view.clip_mode == "global" and view.rnn_param_norm_clipped == norm:
            return self.tr(
                "Global: RNN ‖∂L/∂W‖ = {n:.4g} is below the threshold, so it is left as it is."
            ).format(n=norm)
        if view.clip_mode == "global":
            return self.tr(
                "Global: the curve above is not capped; afterwards the whole parameter gradient "
                "is scaled once, ‖∂L/∂W‖ = {n:.4g} → {m:.4g}, keeping its direction."
            ).format(n=norm, m=view.rnn_param_norm_clipped)
        return self.tr(
            "Per step: ∂L/∂h_k is capped at the dotted line at every step going back, which "
            "changes the direction of the parameter gradient; ‖∂L/∂W‖ = {n:.4g}."
        ).format(n=norm)

    def curve_data(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) currently plotted by curve ``key`` (for tests)."""
        return self.curves[key].getOriginalDataset()
