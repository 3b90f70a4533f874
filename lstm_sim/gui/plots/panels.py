"""The plot panels: x_t, gates, C_t, h_t and gradient norms over time (pyqtgraph).

Stacked, x axes linked, x = time step t. A vertical cursor in every panel marks
the current step; clicking or dragging with the left button in a panel seeks
there (``seek_requested``). The panels subscribe to the session's change events
and write back only through ``seek_requested``.

Per-step work is independent of the history length: each curve keeps an
incremental min/max envelope (:mod:`lstm_sim.gui.plots.decimate`), the x range is the
whole sequence (fixed, so nothing re-ranges as the curves grow), and y ranges
only widen when a new value falls outside them.

Why this module is over 600 lines: it is one view, :class:`PlotPanels`, whose
build, incremental update, ``rendered()`` and export table must agree with one
another (the one-truth rule of docs/architecture.md); the curves, axes,
decimation, legends' names and the CSV writer are in their own modules.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QVBoxLayout, QWidget

from ...session import Session, Topic
from ..diagram import rich_notation
from ..follow import follow
from ..i18n import numerus
from ..mnemonics import with_mnemonics
from ..prediction import prediction_caption
from ..steady import SteadyLabel
from ..theme import scale_pen
from .axes import SeekViewBox, ShortAxis, cache_axes, cache_tree, no_contents, set_decade_range
from .curves import Cursor, FastCurve, PanelTitle, Veil
from .decimate import Envelope, bin_size_for
from .step_axis import StepAxis

__all__ = ["PlotPanels"]


# Okabe–Ito colours (safe for the common forms of colour blindness).
GATE_COLORS = {"f": "#0072B2", "i": "#E69F00", "o": "#009E73"}
SERIES_COLORS = {
    "x": "#808080",  # mid grey: readable on light and dark backgrounds
    "y": "#56B4E9",
    "pred": "#009E73",
    "c": "#D55E00",
    "h": "#CC79A7",
}


class _Series:
    """One plotted series: a curve item fed from a trace column through an envelope."""

    def __init__(self, plot: pg.PlotItem, pen, capacity: int, bin_size: int, name: str) -> None:
        self.item = FastCurve(pen, name=name)
        scale_pen(self.item)  # the width of the current appearance (high contrast: wider)
        self.item.set_x_span(0.0, float(capacity))
        self.name = name
        self.plot = plot
        plot.addItem(self.item)
        self.env = Envelope(bin_size, capacity)

    def update(self, column: np.ndarray) -> None:
        x, y = self.env.update(column)
        self.item.setData(x, y, self.env.changed_from)


class PlotPanels(QWidget):
    """Stacked plots of a :class:`~lstm_sim.session.Session`.

    Signals
    -------
    seek_requested(int)
        The user clicked or dragged to step t.
    """

    seek_requested = Signal(int)

    PANELS = ("inputs", "gates", "c", "h", "grads")
    #: The least height a panel gets (px): its numbers stay readable; the plots tab
    #: keeps the room of the panels shown.
    MIN_PANEL_HEIGHT = 56
    #: Width of the legends' column (px).
    LEGEND_WIDTH = 92
    #: Legend entries at most per panel (all units: the selected unit's only).
    LEGEND_ROWS = 4

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.layout_widget = pg.GraphicsLayoutWidget()
        self.layout_widget.setBackground("w")
        self.layout_widget.ci.layout.setVerticalSpacing(2)
        self.layout_widget.ci.setContentsMargins(4, 4, 8, 4)
        self.layout_widget.ci.setFlag(pg.QtWidgets.QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
        # Two lines kept free for the caption, whose text changes on every step.
        self._caption_box = SteadyLabel(lines=2)
        self.caption = self._caption_box.label
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.layout_widget, 1)
        lay.addWidget(self._caption_box)
        self.plots: dict[str, pg.PlotItem] = {}
        self.cursors: dict[str, Cursor] = {}
        self.veils: dict[str, Veil] = {}
        self.titles: dict[str, PanelTitle] = {}
        for row, key in enumerate(self.PANELS):
            plot = self.layout_widget.addPlot(
                row=row,
                col=0,
                viewBox=SeekViewBox(self),
                axisItems={"left": ShortAxis("left"), "bottom": StepAxis("bottom")},
            )
            # The name across the panel's corner, not as a rotated axis label (longer
            # than a panel is high at 1280 × 800, it ran into the next panel's).
            self.titles[key] = PanelTitle("", "", plot.getViewBox())
            # No grid: AxisItem paints grid lines over the whole plot, and that cost
            # (milliseconds per axis) recurs on every repaint.
            plot.setMouseEnabled(x=True, y=False)
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.getAxis("left").setWidth(64)
            # Numbers on the major ticks only: a panel is a few dozen pixels high, and
            # minor-tick numbers were printed over one another.
            plot.getAxis("left").setStyle(maxTextLevel=0)
            cache_axes(plot)
            plot.getAxis("left").enableAutoSIPrefix(False)
            plot.disableAutoRange(axis="x")
            no_contents(plot)
            cursor = Cursor(plot.getViewBox(), pg.mkPen((200, 30, 30), width=1.5))
            scale_pen(cursor)
            self.veils[key] = Veil(plot.getViewBox())
            self.plots[key] = plot
            self.cursors[key] = cursor
        # View ▸ Plot panels: each panel can be hidden (the others get its room).
        self.panels_menu = QMenu(self)  # (deleted with the panels)
        self.panel_actions: dict[str, QAction] = {}
        for key in self.PANELS:
            action = QAction(self.panels_menu)
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(lambda on, k=key: self.set_panel_visible(k, on))
            self.panels_menu.addAction(action)
            self.panel_actions[key] = action
        # (room for the numbers 0 and 1 inside the panel: labels past its ends are hidden)
        self.plots["gates"].setYRange(0.0, 1.0, padding=0.15)
        self.plots["gates"].getAxis("left").setTicks([[(0.0, "0"), (0.5, "0.5"), (1.0, "1")]])
        self.plots["grads"].setLogMode(y=True)
        self.time_axis: StepAxis = self.plots["grads"].getAxis("bottom")  # years, dates
        # The legends in a column of their own, right of the panels: off the curves. Each
        # names its curves as the CSV export does (x_0, f_0, …).
        self.legends: dict[str, pg.LegendItem] = {}
        for row, key in enumerate(self.PANELS):
            legend = pg.LegendItem(offset=None, labelTextSize="8pt", verSpacing=-6)
            self.layout_widget.addItem(legend, row=row, col=1)
            self.legends[key] = legend
        self.layout_widget.ci.layout.setColumnFixedWidth(1, self.LEGEND_WIDTH)
        self.grad_c = FastCurve(pg.mkPen(SERIES_COLORS["c"], width=2), name="‖∂L/∂C_k‖")
        self.grad_h = FastCurve(
            pg.mkPen(SERIES_COLORS["h"], width=1.5, style=Qt.PenStyle.DashLine),
            name="‖∂L/∂h_k‖",
        )
        for curve in (self.grad_c, self.grad_h):
            scale_pen(curve)
            self.plots["grads"].addItem(curve)
        self._series: dict[str, list[_Series]] = {}
        self._yranges: dict[str, list[float]] = {}
        self._log_range: tuple[float, float] | None = None
        self._behind = False  # changes not drawn yet (another tab was in front)
        self.retranslate()
        follow(
            self,
            self.session,
            self._on_changed,
            Topic.GRADIENTS,
            Topic.PARAMS,
            Topic.READOUT,
            Topic.SEQUENCE,
            Topic.SETTINGS,
            Topic.STEP,
            Topic.TRACE,
            Topic.UNIT,
        )
        self.rebuild()

    # ----------------------------------------------------------- translation
    def retranslate(self) -> None:
        """The panels' titles, tooltips, axis label and caption in the current language."""
        labels = {
            "inputs": (self.tr("input x_t"), self.tr("Input x_t (and targets y_t)")),
            "gates": (self.tr("gates"), self.tr("Gates f_t, i_t, o_t")),
            "c": (self.tr("C_t, long-term memory"), self.tr("Cell state C_t (long-term memory)")),
            "h": (
                self.tr("h_t, short-term memory"),
                self.tr("Hidden state h_t (short-term memory)"),
            ),
            "grads": (self.tr("‖∂L/∂·‖, log scale"), self.tr("Gradient norms (log scale)")),
        }
        for key, (title, tip) in labels.items():
            self.titles[key].set_text(title, rich_notation(title))
            self.plots[key].getViewBox().setToolTip(tip)
        self._place_panels()  # the x axis' label
        self.panels_menu.setTitle(self.tr("Plot &panels"))
        entries = with_mnemonics(title.replace("&", "&&") for title, _tip in labels.values())
        for key, entry in zip(labels, entries, strict=True):
            self.panel_actions[key].setText(entry)
        self.caption.setAccessibleName(self.tr("What the gradient panel shows"))
        self._update_gradients()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------- building
    def sync(self) -> None:
        """Build every curve from the session alone: what any structural change does
        (sequence, parameters, unit, read-out, "all units"); a Step only appends to the
        curves (:meth:`_update_trace`), and the result must be the same."""
        self.rebuild()

    def rebuild(self) -> None:
        """Create the curves for the current sequence, unit and 'all units' setting."""
        s = self.session
        for series_list in self._series.values():
            for series in series_list:
                # From the PlotItem, not only its ViewBox: the plot's list of data
                # items (what exports read) must forget the curves of the last sequence.
                series.plot.removeItem(series.item)
        for legend in self.legends.values():
            legend.clear()
        self._series = {}
        self._yranges = {}
        self._ranged = 0  # trace rows the y ranges of C and h have seen
        T = s.T
        bin_size = bin_size_for(T)
        all_units = s.settings.show_all_units
        units = range(s.hidden_size) if all_units else [s.unit]
        inputs = []
        # What the shown cell reads (a model's upper layer: the layer below's h), and the
        # targets and the head's ŷ, in its step order (reversed for a reverse cell).
        x_rows, y_rows, model_yhat = s.cell_inputs, s.cell_targets(), s.cell_yhat()
        names = s.cell_input_names()
        for j in range(x_rows.shape[1]):
            color = SERIES_COLORS["x"] if j == 0 else pg.intColor(j, hues=max(3, x_rows.shape[1]))
            inputs.append(
                _Series(self.plots["inputs"], pg.mkPen(color, width=1), T, bin_size, names[j])
            )
        self._series["inputs"] = inputs
        if y_rows is not None:
            self._series["targets"] = [
                _Series(
                    self.plots["inputs"],
                    pg.mkPen(SERIES_COLORS["y"], width=1, style=Qt.PenStyle.DashLine),
                    T,
                    bin_size,
                    name,
                )
                for name in s.sequence.target_names
            ]
            self._set_static("targets", y_rows)
        self._set_static("inputs", x_rows)
        self._yhat = None
        self._yhat_done = 0
        if s.readout is not None or model_yhat is not None:
            p = s.readout.output_size if s.readout is not None else model_yhat.shape[1]
            self._yhat = np.empty((T, p))
            self._series["pred"] = [
                _Series(
                    self.plots["inputs"],
                    pg.mkPen(SERIES_COLORS["pred"], width=1),
                    T,
                    bin_size,
                    f"ŷ_{k}",
                )
                for k in range(p)
            ]
            if model_yhat is not None:  # the model's head: known for every step at once
                self._set_static("pred", model_yhat)
                self._yhat = None
        for gate in ("f", "i", "o"):
            lst = []
            for j in units:
                # Pen width 1 keeps long curves fast (wider pens take a slow path).
                width = 1
                color = pg.mkColor(GATE_COLORS[gate])
                if all_units and j != s.unit:
                    color.setAlpha(90)
                pen = pg.mkPen(color, width=width)
                series = _Series(self.plots["gates"], pen, T, bin_size, f"{gate}_{j}")
                lst.append(series)
            self._series[gate] = lst
        for key in ("c", "h"):
            lst = []
            for j in units:
                color = pg.mkColor(SERIES_COLORS[key])
                if all_units and j != s.unit:
                    color = pg.intColor(j, hues=max(3, s.hidden_size), alpha=140)
                lst.append(
                    _Series(
                        self.plots[key],
                        pg.mkPen(color, width=1),
                        T,
                        bin_size,
                        f"{key}_{j}",
                    )
                )
            self._series[key] = lst
        self._units = list(units)
        self._all_units = all_units
        # (a model's reverse cell steps through time backwards: its axis counts steps)
        labels = None if s.cell_key.reverse else s.sequence.step_labels
        for plot in self.plots.values():  # (the lowest panel shown carries them)
            plot.getAxis("bottom").set_step_labels(labels)
        self._fill_legends()
        self._apply_x_range()
        self._update_trace()
        self._update_cursor()
        self._update_gradients()

    def set_panel_visible(self, key: str, on: bool) -> None:
        """Show or hide panel ``key`` (View ▸ Plot panels)."""
        action = self.panel_actions[key]
        if action.isChecked() != on:
            action.setChecked(on)  # (toggled: comes back here)
            return
        self._place_panels()

    def shown_panels(self) -> list[str]:
        """The panels shown, top to bottom."""
        return [k for k in self.PANELS if self.panel_actions[k].isChecked()]

    def _place_panels(self) -> None:
        """Lay out the panels shown, each at least :attr:`MIN_PANEL_HEIGHT` high; the
        lowest shown carries the step numbers of the shared x axis."""
        ci = self.layout_widget.ci
        for key in self.PANELS:
            for item in (self.plots[key], self.legends[key]):
                if item in ci.items:
                    ci.removeItem(item)
                item.hide()
        shown = self.shown_panels()
        # x linked to the top panel shown (pyqtgraph links through the master's on-screen
        # geometry: a hidden master would give the others a wrong range)
        for key in self.PANELS:
            self.plots[key].setXLink(None)
        for key in shown[1:]:
            self.plots[key].setXLink(self.plots[shown[0]])
        for row, key in enumerate(shown):
            plot = self.plots[key]
            ci.addItem(plot, row=row, col=0)
            ci.addItem(self.legends[key], row=row, col=1)
            plot.show()
            self.legends[key].show()
            last = row == len(shown) - 1
            plot.getAxis("bottom").setStyle(showValues=last)
            if last:
                plot.setLabel("bottom", self.tr("time step t"))
            else:
                plot.getAxis("bottom").showLabel(False)
        self.layout_widget.setMinimumHeight(len(shown) * self.MIN_PANEL_HEIGHT + 30)
        self._fill_view()
        if hasattr(self, "_series"):  # (not while the panels are built)
            self._apply_x_range()
            QTimer.singleShot(0, self, self._apply_x_range)  # once laid out (not once deleted)

    def _fill_view(self) -> None:
        """Give the panels shown the whole view again.

        Taking items out of pyqtgraph's top-level layout shrinks it to its minimum
        size, and the view only stretches it back on its next resize: the panels
        left kept their old heights or less (c at 37 px, the gradients at 14 px).
        """
        view = self.layout_widget
        pg.GraphicsView.setRange(view, view.range, padding=0, disableAutoPixel=False)

    def _fill_legends(self) -> None:
        """Each panel's legend: its curves by name (of all units, the selected one's)."""
        unit = self.session.unit
        for key, legend in self.legends.items():
            curves = self._panel_curves(key)
            if key != "inputs" and key != "grads":
                curves = [c for c in curves if str(c.name()).endswith(f"_{unit}")]
            for curve in curves[: self.LEGEND_ROWS]:
                legend.addItem(curve, str(curve.name()))
            cache_tree(legend)

    def _apply_x_range(self) -> None:
        """Show the whole sequence, t = 0 … T (on the master plot; the others follow)."""
        T = max(self.session.T, 1)
        shown = self.shown_panels() or list(self.PANELS)
        # the top panel shown (the others shown follow it), and the hidden ones (unlinked)
        for key in self.PANELS:
            if key == shown[0] or key not in shown:
                self.plots[key].setXRange(0, T, padding=0.01)
        for curve in (self.grad_c, self.grad_h):
            curve.set_x_span(0.0, float(T))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._catch_up()
        # Linked x ranges are aligned through the views' on-screen geometry, which only
        # settles once the layout has run: set the range again then.
        QTimer.singleShot(0, self, self._apply_x_range)

    def _set_static(self, key: str, data: np.ndarray) -> None:
        """Inputs and targets are known for the whole sequence: plot them all at once."""
        for j, series in enumerate(self._series[key]):
            series.update(data[:, j])
        # An explicit range, not pyqtgraph's auto-range: that one waits for a paint,
        # which a panel behind another tab does not get (issue 13's stateful test).
        self._widen_y("inputs")

    # --------------------------------------------------------------- events
    def _on_changed(self, changes: frozenset[Topic]) -> None:
        if changes & {Topic.SEQUENCE, Topic.PARAMS, Topic.UNIT, Topic.READOUT} or (
            Topic.SETTINGS in changes and self.session.settings.show_all_units != self._all_units
        ):
            self.rebuild()
            return
        if not self.isVisible():
            # Another tab is shown: catch up once when shown (the envelopes are
            # incremental, so nothing is lost by waiting).
            self._behind = True
            return
        if Topic.TRACE in changes:
            self._update_trace()
        if Topic.STEP in changes:
            self._update_cursor()
        if changes & {Topic.GRADIENTS, Topic.SETTINGS}:
            self._update_gradients()

    def _update_trace(self) -> None:
        tr = self.session.trace
        n = len(tr)
        arrays = {"f": tr.f, "i": tr.i, "o": tr.o, "c": tr.c, "h": tr.h}
        for key, arr in arrays.items():
            for series, j in zip(self._series[key], self._units, strict=True):
                series.update(arr[:, j])
        readout = self.session.readout
        if self._yhat is not None and readout is not None:
            # predictions ŷ_t = W_y·h_t + b_y, computed once per new step
            if n > self._yhat_done:
                self._yhat[self._yhat_done : n] = readout(tr.h[self._yhat_done : n])
                self._yhat_done = n
            for p, series in enumerate(self._series["pred"]):
                series.update(self._yhat[:n, p])
        if n > self._ranged:
            for key in ("c", "h") if self._yhat is None else ("c", "h", "inputs"):
                self._widen_y(key)
            self._ranged = n

    def _widen_y(self, key: str) -> None:
        """Widen panel ``key``'s y range to its curves' data (never shrink while growing).

        The bounds are the curves' own (their envelopes hold every bin's lowest
        and highest value, kept as points arrive), so this costs nothing per row:
        after a run to the end the range is what a panel built on the whole trace
        at once shows, 0 included.
        """
        groups = ("inputs", "targets", "pred") if key == "inputs" else (key,)
        series = [s for group in groups for s in self._series.get(group, [])]
        bounds = [s.item.dataBounds(1) for s in series]
        bounds = [b for b in bounds if b[0] is not None]
        if not bounds:
            return
        lo, hi = min(b[0] for b in bounds), max(b[1] for b in bounds)
        rng = self._yranges.get(key)
        if rng is None:
            # 0 in the states' panels; the inputs' own span (a year column stays readable)
            rng = [lo, hi] if key == "inputs" else [min(lo, 0.0), max(hi, 0.0)]
        elif lo >= rng[0] and hi <= rng[1]:
            return
        rng = [min(rng[0], lo), max(rng[1], hi)]
        if rng[1] - rng[0] < 1e-9:
            rng = [rng[0] - 0.5, rng[1] + 0.5]
        self._yranges[key] = rng
        self.plots[key].setYRange(rng[0], rng[1], padding=0.08)

    def _update_cursor(self) -> None:
        t = self.session.t
        for cursor in self.cursors.values():
            cursor.setValue(t)
        for veil in self.veils.values():
            veil.setValue(t)

    def _update_gradients(self) -> None:
        s = self.session
        view = s.gradients
        if view is None:
            self.grad_c.setData([], [])
            self.grad_h.setData([], [])
            if s.gradients_stale:
                self.caption.setText(self.tr("Gradient norms: backpropagating…"))
            else:
                self.caption.setText(
                    self.tr("Gradient norms: step forward to define a loss L at step t.")
                )
            return
        x = view.steps.astype(float)
        # Exact zeros (e.g. a clamped gate) have no place on a log axis: leave gaps.
        yc = np.where(view.dc_norm > 0, view.dc_norm, np.nan)
        yh = np.where(view.dh_norm > 0, view.dh_norm, np.nan)
        self.grad_c.setData(x, yc)
        self.grad_h.setData(x, yh)
        self._set_log_range(yc, yh)
        self.caption.setText(self.gradient_caption())

    def _set_log_range(self, *curves: np.ndarray) -> None:
        self._log_range = set_decade_range(self.plots["grads"], self._log_range, *curves)

    def gradient_caption(self) -> str:
        """What the gradient panel shows, in words."""
        s = self.session
        view = s.gradients
        if view is None:
            return ""
        loss = (
            self.tr("L = h_t[{unit}] (unit {unit}'s output at t = {t})").format(
                unit=view.unit, t=view.t
            )
            if view.loss == "unit"
            else self.tr("L = Σ_j h_t[j] (the output at t = {t})").format(t=view.t)
        )
        if view.loss in ("prediction", "prediction_sum"):
            loss = prediction_caption(self, view, s.time_row(view.t) + 1, s.model is not None)
        if view.window is None:
            n = len(view.steps)
            window = numerus(self.tr("window: all %n step(s) back to t = 1", "", n), n)
        else:
            w = int(view.window)
            window = numerus(self.tr("BPTT window: %n step(s) (k = {a} … {b})", "", w), w)
            window = window.format(a=int(view.steps[0]), b=int(view.steps[-1]))
        return self.tr("Bottom panel: ‖∂L/∂C_k‖ and ‖∂L/∂h_k‖ for {loss}; {window}").format(
            loss=loss, window=window
        )

    def _catch_up(self) -> None:
        """Draw what changed while another tab was shown (the envelopes are incremental)."""
        if self._behind:
            self._behind = False
            self._update_trace()
            self._update_cursor()
            self._update_gradients()

    # ------------------------------------------------------------- rendered
    def rendered(self) -> dict[str, Any]:
        """What the panels show, as plain data (once shown, if another tab is in front).

        ``panels[key]``: ``title``, ``x_range`` and ``y_range`` (the view ranges),
        ``cursor``, and ``curves`` — a list of ``{"name", "x", "y", "visible"}``
        with the points drawn (copies) — plus the ``caption`` under the panels.
        """
        self._catch_up()
        named: dict[str, list[tuple[str, Any]]] = {key: [] for key in self.PANELS}
        for key, series_list in self._series.items():
            panel = {"inputs": "inputs", "targets": "inputs", "pred": "inputs"}.get(key)
            panel = panel or ("gates" if key in ("f", "i", "o") else key)
            for k, series in enumerate(series_list):
                named[panel].append((f"{key}[{k}]", series.item))
        named["grads"] += [("grad_c", self.grad_c), ("grad_h", self.grad_h)]
        legends = {
            key: [label.text for _sample, label in legend.items]
            for key, legend in self.legends.items()
        }
        panels = {}
        for key in self.PANELS:
            view = self.plots[key].getViewBox()
            x_range, y_range = view.viewRange()
            curves = []
            for name, item in named[key]:
                x, y = item.getOriginalDataset()
                curves.append(
                    {
                        "name": name,
                        "x": np.array(x, dtype=float),
                        "y": np.array(y, dtype=float),
                        "visible": item.isVisible(),
                    }
                )
            panels[key] = {
                "title": self.titles[key].text(),
                "x_range": [float(v) for v in x_range],
                "y_range": [float(v) for v in y_range],
                "cursor": self.cursors[key].value(),
                "faded_after": self.veils[key].value(),
                "legend": legends[key],
                "curves": curves,
            }
        axis = {"label": self.time_axis.labelText, "labelled_by": self.time_axis.labelled}
        return {
            "panels": panels,
            "shown": self.shown_panels(),
            "caption": self.caption.text(),
            "time_axis": axis,
        }

    # ---------------------------------------------------------------- export
    def _panel_curves(self, key: str) -> list[FastCurve]:
        """The curves panel ``key`` shows, top of its legend first."""
        if key == "grads":
            return [self.grad_c, self.grad_h]
        groups = {"inputs": ("inputs", "targets", "pred"), "gates": ("f", "i", "o")}
        return [
            series.item
            for group in groups.get(key, (key,))
            for series in self._series.get(group, [])
        ]

    def legend_names(self, key: str | None = None) -> list[str]:
        """The names of the curves shown (panel ``key``, or all panels), as their legends
        name them: ``x_0``, the file's column names, ``y_0``, ``ŷ_0``, ``f_0`` …"""
        keys = [key] if key is not None else list(self.PANELS)
        return [str(curve.name()) for k in keys for curve in self._panel_curves(k)]

    def curve_table(self, key: str | None = None) -> list[tuple[str, np.ndarray, np.ndarray]]:
        """``(name, t, values)`` of every curve shown (panel ``key``, or all panels).

        The values are the session's own, one per step the curve covers — not
        the envelope drawn at a long sequence's scale: inputs and targets every
        step, the gates, C and h the steps computed, the gradient norms the BPTT
        window's (exact zeros, which the log panel leaves out, as NaN).
        """
        self._catch_up()
        s = self.session
        tr = s.trace
        n = len(tr)
        keys = [key] if key is not None else list(self.PANELS)
        out: list[tuple[str, np.ndarray, np.ndarray]] = []
        steps = np.arange(1, s.T + 1, dtype=float)
        for k in keys:
            if k == "grads":
                for curve in (self.grad_c, self.grad_h):
                    x, y = curve.getOriginalDataset()
                    out.append((str(curve.name()), np.asarray(x, float), np.asarray(y, float)))
                continue
            columns: dict[str, np.ndarray] = {}
            if k == "inputs":
                # what the shown cell reads, in its step order (see rebuild)
                x_rows, y_rows, model_yhat = s.cell_inputs, s.cell_targets(), s.cell_yhat()
                for j, name in enumerate(s.cell_input_names()):
                    columns[name] = x_rows[:, j]
                if y_rows is not None:
                    for j, name in enumerate(s.sequence.target_names):
                        columns[name] = y_rows[:, j]
                yhat = model_yhat if model_yhat is not None else self._yhat
                if yhat is not None:
                    rows = len(yhat) if model_yhat is not None else n
                    for p in range(yhat.shape[1]):
                        columns[f"ŷ_{p}"] = yhat[:rows, p]
            else:
                arrays = {g: getattr(tr, g) for g in ("f", "i", "o", "c", "h")}
                for j in self._units:
                    for g in ("f", "i", "o") if k == "gates" else (k,):
                        columns[f"{g}_{j}"] = arrays[g][:, j]
            for name in self.legend_names(k):
                y = np.asarray(columns[name], dtype=float)
                out.append((name, steps[: len(y)], y.copy()))
        return out

    # ---------------------------------------------------------------- tests
    def curve_data(self, key: str, index: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) currently plotted by series ``key`` (``"f"``, ``"c"``, ``"grad_c"``, …)."""
        if key == "grad_c":
            return self.grad_c.getOriginalDataset()
        if key == "grad_h":
            return self.grad_h.getOriginalDataset()
        return self._series[key][index].item.getOriginalDataset()

    def view_x_for_scene(self, key: str, t: float) -> float:
        """Scene x coordinate of step ``t`` in panel ``key`` (for tests that click)."""
        vb = self.plots[key].getViewBox()
        return vb.mapViewToScene(pg.Point(t, 0)).x()
