"""The LSTM memory-cell diagram: the classic cell figure with the numbers flowing through it.

Layout (after C. Olah, "Understanding LSTM Networks"); [·] are value nodes,
(·) pointwise operations, ● junctions::

   t = 5           cell state C — long-term memory                  ▲ h_t (output)
            ╭───────────────────────────────────────────────────────┼──╮
   [C_{t-1}]─┼─▶(×)────[f⊙C]────▶(+)──────────────────────●─────────┼──┼─▶[C_t]
            │   ▲                 ▲                       ▼         │  │
            │   │              [i⊙g]                   (tanh)       │  │
            │   │      ╭─────────▶(×)                 [tanh C]      │  │
            │   │      │          ▲                       ▼         │  │
            │ [σ f_t] [σ i_t] [tanh C̃_t] [σ o_t] ───────▶(×)        │  │
            │   ▲      ▲          ▲          ▲            │         │  │
   [h_{t-1}]─┼─●─●──────●──────────●──────────╯      [o⊙tanh C]      │  │
            │ ▲          [h_{t-1}, x_t]                   ╰─────────●──┼─▶[h_t]
            ╰─┼─────────────────────────────────────────────────────────╯
            [x_t]        hidden state h — short-term memory        [legend]

Every node shows its current value as text and is filled with the colour of
that value (gates on a sequential scale, signed values on a diverging one, see
:mod:`lstm_sim.gui.colors`); every wire is coloured by the value it carries,
which is the value shown on the node it leaves. For H > 1 each vector node also
shows a strip of H cells, one per unit, with the selected unit outlined; the
text is the selected unit's value. Hovering a node shows its equation with the
selected unit's numbers substituted.

The items are plain :class:`QGraphicsItem` subclasses that implement
``paint()`` and ``boundingRect()`` (pyqtgraph's ``customGraphicsItem`` style).
They are created once; :meth:`CellDiagram.set_state` only hands them new values,
and an item schedules a repaint only when what it draws has changed, so one call
causes at most one repaint of the changed region.

Every user-visible string goes through Qt's translation: ``self.tr`` in
:class:`CellDiagram`, ``QCoreApplication.translate("CellDiagram", …)`` in the
items. Labels are written in the notation of docs/architecture.md (``f_t``, ``C_{t-1}``)
and drawn with real subscripts (:func:`rich_notation`).

Why this module is over 600 lines: the view's public API (what tests and other
views ask of it), building the scene from :mod:`.layout`, and the one refresh
path that turns a step's numbers into colours, texts and strips belong
together; the items, the layout, the palette, the words and the tooltips are in
their own modules.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QPainter,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneHelpEvent,
    QGraphicsView,
    QWidget,
)

from ...session import Session, Topic
from ...session.view_model import GATE_KEYS, NODE_KEYS, StepView, node_values
from ...step_labels import StepLabels
from ..colors import (
    NO_VALUE_COLOR,
    diverging_rgb,
    gate_rgb,
)
from ..follow import follow
from . import captions
from .items import Arrowhead, Dot, Label, Panel, Wire, WireCores
from .layout import BODY, DOTS, LABELS, LEGEND_POS, NODES, OPS, SCENE, WIRES, X_W, X_W_WIDE
from .nodes import Legend, OpNode, ValueNode
from .palette import Palette, word_color
from .text import NO_VALUE, fill_template, format_value, rich_notation

if TYPE_CHECKING:
    from lstm_sim.engine.lstm import StepResult

__all__ = ["CellDiagram"]


#: Nodes coloured on the sequential scale (gates, 0 … 1); the others are diverging.
_SEQUENTIAL_KEYS = ("f", "i", "o")


_DIVERGING_KEYS = ("c", "c_prev", "f_mul", "x", "g", "h", "h_prev", "tanh_c", "i_mul", "o_mul")


# ================================================================= the view
class _DiagramScene(QGraphicsScene):
    """The scene of the items that change (values, colours, hover).

    It brings the tooltips up to date just before one is shown, and draws the
    items that never change with a step (the cell body, the cables, the
    captions, the legend) as its background, from a second scene: the view
    caches its background, so a Step repaints the values over one opaque copy
    instead of blending every fixed item again.
    """

    def __init__(self, parent: QWidget, before_help: Callable[[], None]) -> None:
        super().__init__(parent)
        self._before_help = before_help
        self.fixed = QGraphicsScene(self)
        self.fixed.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        self._before_help()
        super().helpEvent(event)

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        painter.fillRect(rect, self.backgroundBrush())
        self.fixed.render(painter, rect, rect, Qt.AspectRatioMode.IgnoreAspectRatio)


class CellDiagram(QGraphicsView):
    """The LSTM memory cell drawn with the numbers of one time step flowing through it.

    Parameters
    ----------
    parent : QWidget, optional

    Notes
    -----
    The view holds the last state it was given only to redraw it (for
    :meth:`set_unit`, :meth:`set_value_format`); it never changes it. Node keys
    are those of :data:`NODE_KEYS`: the inputs ``x``, ``h_prev``, ``c_prev``; the
    layers ``f``, ``i``, ``g``, ``o``; the outputs ``c`` (C_t), ``h`` (h_t); and
    the pointwise results ``tanh_c`` = tanh(C_t), ``f_mul`` = f_t·C_{t-1},
    ``i_mul`` = i_t·g_t, ``o_mul`` = o_t·tanh(C_t).

    Examples
    --------
    Show step t = 5 (row 4 of a trace) for unit 0, then read the forget gate::

        view = CellDiagram()
        view.set_state(trace.step_result(4), t=5, h=trace.h[4], c=trace.c[4], unit=0)
        view.node_text("f")  # f"{trace.f[4, 0]:.3f}", e.g. '0.675'
    """

    def __init__(self, parent: QWidget | None = None, *, theme: str = "light") -> None:
        super().__init__(parent)
        self._palette = Palette(theme)
        scene = _DiagramScene(self, self._ensure_tooltips)
        scene.setSceneRect(SCENE)
        scene.fixed.setSceneRect(SCENE)
        scene.setBackgroundBrush(self._palette.background)
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setScene(scene)
        self._scene = scene
        # The fixed items are drawn once into the cached background; a change to
        # one of them (language, theme, legend ranges) redraws that cache.
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        scene.fixed.changed.connect(self._fixed_changed)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(self._palette.background)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setMinimumSize(240, 140)

        self._decimals = 3
        self._c_range = 2.0
        self._x_range = 1.0
        self._view: StepView | None = None  # what is shown (see show_step())
        self._session: Session | None = None  # followed (see follow_session())
        self._t = 0
        self._hidden = 0
        self._unit = 0
        self._values: Mapping[str, np.ndarray | None] = dict.fromkeys(NODE_KEYS)
        self._pre: Mapping[str, np.ndarray] = {}
        self._clamped: Mapping[str, float] = {}
        self._rgb: dict[str, bytes] = {}
        self._limits_cache: tuple[tuple, np.ndarray] | None = None
        self._tips: dict[str, str] = {}
        self._tips_dirty = True
        self._input_names: tuple[str, ...] = ()  # the sequence's columns of x_t
        self._step_labels: StepLabels | None = None

        # Python references to every item: PySide6 must not drop the wrappers
        # whose paint()/boundingRect() Qt calls.
        self._items: list[QGraphicsItem] = []
        self._nodes: dict[str, ValueNode] = {}
        self._ops: dict[str, OpNode] = {}
        self._wires: list[tuple[Wire, str | None]] = []
        self._labels: dict[str, Label] = {}
        self._build()
        self._retranslate()
        self._refresh()

    # ============================================================ public API
    def set_state(
        self,
        step: StepResult | None,
        *,
        t: int,
        h: np.ndarray,
        c: np.ndarray,
        unit: int = 0,
    ) -> None:
        """Show the state after step ``t``.

        Parameters
        ----------
        step : StepResult or None
            Every intermediate of step ``t`` (from ``Trace.step_result(t - 1)``),
            or None at t = 0, when only the initial state is shown and the
            gates read "—".
        t : int
            The step shown (0 = initial state).
        h, c : array_like, shape (H,)
            h_t and C_t.
        unit : int
            The selected unit, 0 ≤ unit < H.
        """
        h_arr = np.array(h, dtype=np.float64, copy=True).reshape(-1)
        c_arr = np.array(c, dtype=np.float64, copy=True).reshape(-1)
        hidden = h_arr.shape[0]
        if c_arr.shape != (hidden,):
            raise ValueError(f"c: expected shape ({hidden},) like h, got {c_arr.shape}")
        if step is not None and step.h.shape != (hidden,):
            raise ValueError(f"step: expected H = {hidden} units like h, got {step.h.shape[0]}")
        if not 0 <= unit < hidden:
            raise ValueError(f"unit: expected 0 ≤ unit < {hidden}, got {unit}")
        pre = {} if step is None else {k: step.z_gate(k) for k in GATE_KEYS}
        values = node_values(step, h_arr, c_arr)
        self.show_step(StepView(int(t), 0, int(unit), hidden, values, pre))

    def show_step(self, view: StepView) -> None:
        """Show the numbers of one step (what :meth:`Session.step_view` gives)."""
        self._view = view
        self._t = view.t
        self._hidden = view.hidden
        self._unit = view.unit
        self._values = view.values
        self._pre = view.pre
        self._clamped = view.clamped
        self._refresh()

    def set_unit(self, j: int) -> None:
        """Select unit ``j`` (0 ≤ j < H): its numbers are shown and its strip cell outlined."""
        hidden = max(self._hidden, 1)
        if not 0 <= j < hidden:
            raise ValueError(f"unit: expected 0 ≤ unit < {hidden}, got {j}")
        if j != self._unit:
            self._unit = int(j)
            self._refresh(colors=False)

    def unit(self) -> int:
        """The selected unit."""
        return self._unit

    def set_value_format(self, decimals: int) -> None:
        """Show values with ``decimals`` decimals (0 … 10; default 3)."""
        if not 0 <= int(decimals) <= 10:
            raise ValueError(f"decimals: expected 0 … 10, got {decimals}")
        if int(decimals) != self._decimals:
            self._decimals = int(decimals)
            self._refresh(colors=False)

    @property
    def decimals(self) -> int:
        """Decimals of the values shown (see :meth:`set_value_format`)."""
        return self._decimals

    def set_value_ranges(self, *, c: float | None = None, x: float | None = None) -> None:
        """Set where the diverging colour scale saturates for C (default ±2) and x (default ±1)."""
        for name, value in (("c", c), ("x", x)):
            if value is not None and not (math.isfinite(value) and value > 0):
                raise ValueError(f"{name}: expected a positive range, got {value}")
        self._c_range = self._c_range if c is None else float(c)
        self._x_range = self._x_range if x is None else float(x)
        self._legend.set_ranges(self._c_range, self._x_range)
        self._refresh()

    # ------------------------------------------------------ following a session
    def follow_session(self, session: Session) -> None:
        """Show ``session``'s cursor step from now on (and its read-out ŷ_t)."""
        self._session = session
        self._x_cell: tuple[int, bool] | None = None  # whose x_t the x node's title names
        follow(self, session, self._on_session_changed, *StepView.TOPICS)
        self.sync()

    def sync(self) -> None:
        """Everything from the followed session: the step's numbers and the read-out."""
        s = self._session
        if s is None:
            return
        view = s.step_view()
        self._input_names = tuple(s.sequence.input_names)  # named in the x_t tooltip
        self._step_labels = s.sequence.step_labels  # the year or date beside t
        self.show_step(view)
        if view.cell != self._x_cell:  # a whole model's cell: what its x_t is
            self._x_cell = view.cell
            self._nodes["x"].set_title(captions.cell_input_title(view.cell))
        head = view.cell is not None  # a model's head reads the top layer, not this cell
        if view.prediction is not None:
            # Two lines, at most two values: the label has the scene's right margin,
            # beside the output arrow, to itself (≈ 130 px; wider is clipped).
            values = ", ".join(format_value(v, 3) for v in view.prediction[:2])
            if len(view.prediction) > 2:
                values += ", …"
            text = (
                self.tr("ŷ (head, time {time})\n= {v}").format(time=view.time, v=values)
                if head
                else self.tr("ŷ_t = W_y·h_t + b_y\n= {v}").format(v=values)
            )
        elif view.has_readout:
            text = self.tr("ŷ (the model's head)") if head else self.tr("ŷ_t = W_y·h_t + b_y")
        else:
            text = ""
        self.set_readout_text(text)

    def _on_session_changed(self, _changes: frozenset[Topic]) -> None:
        self.sync()

    def rendered(self) -> dict[str, Any]:
        """What the diagram shows (plain data): labels, and each node's text, fill and title."""
        return {
            "time": self._labels["time"].text(),
            "unit": self._labels["unit"].text(),
            "readout": self.readout_text(),
            "labels": self.label_texts(),
            "theme": self._palette.theme,
            "inputs": list(self._input_names),
            "nodes": {
                key: {"title": n.title(), "text": n.text(), "fill": n.fill().name()}
                for key, n in self._nodes.items()
            },
        }

    def set_readout_text(self, text: str) -> None:
        """Show the read-out ŷ_t = W_y·h_t + b_y next to the output (empty: none)."""
        self._labels["readout"].set_text(text)

    def readout_text(self) -> str:
        """The read-out text currently shown ("" when there is no read-out)."""
        return self._labels["readout"].text()

    def node_text(self, key: str) -> str:
        """The value text shown on node ``key`` (one of :data:`NODE_KEYS`)."""
        return self._node(key).text()

    def node_tooltip(self, key: str) -> str:
        """The tooltip of node ``key``: its equation with the selected unit's numbers."""
        self._node(key)
        self._ensure_tooltips()
        return self._tips[key]

    def node_color(self, key: str) -> QColor:
        """The fill colour of node ``key`` (the colour of its selected value)."""
        return self._node(key).fill()

    def label_texts(self) -> list[str]:
        """Every label and title on the diagram, as translated (plain notation, no values)."""
        texts = [node.title() for node in self._nodes.values() if node.title()]
        texts += [label.text() for label in self._labels.values() if label.text()]
        return texts + self._legend.texts()

    def scene_items(self) -> dict[str, QGraphicsItem]:
        """The value nodes by key (for tests and for positioning overlays)."""
        return dict(self._nodes)

    def render_image(self, width: int, height: int) -> QImage:
        """Render the whole diagram into a ``width`` × ``height`` image (aspect kept, centred)."""
        image = QImage(int(width), int(height), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(self._palette.background)
        painter = QPainter(image)
        try:
            # No SmoothPixmapTransform: the unit strips are images scaled up cell by cell.
            painter.setRenderHints(
                QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
            )
            self._scene.render(
                painter,
                QRectF(0.0, 0.0, float(width), float(height)),
                self._scene.sceneRect(),
                Qt.AspectRatioMode.KeepAspectRatio,
            )
        finally:
            painter.end()
        return image

    def sizeHint(self) -> QSize:
        return QSize(800, 453)

    # ========================================================= Qt overrides
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self._x_cell = None  # the x_t title is translated again by sync()
            self._refresh(colors=False)
            self.sync()  # the read-out's words
        super().changeEvent(event)

    def _fit(self) -> None:
        self.fitInView(self._scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    # ============================================================ building
    def _add(
        self, item: QGraphicsItem, z: float, pos: QPointF | None = None, *, fixed: bool = False
    ) -> QGraphicsItem:
        """Put ``item`` in the scene (``fixed``: in the background, under every other item)."""
        item.setZValue(z)
        if pos is not None:
            item.setPos(pos)
        (self._scene.fixed if fixed else self._scene).addItem(item)
        self._items.append(item)
        return item

    def _fixed_changed(self, _rects: object = None) -> None:
        self.resetCachedContent()
        self.viewport().update()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        self._scene.drawBackground(painter, rect)

    def _build(self) -> None:
        """Create every item once, at its place (the tables of :mod:`.layout`)."""
        pal = self._palette
        self._add(Panel(BODY, pal), 0, fixed=True)
        for key, spec in NODES.items():
            node = ValueNode(
                pal,
                spec.width,
                spec.height,
                radius=spec.radius,
                title_px=spec.title_px,
                value_px=spec.value_px,
                tab=spec.tab,
                strip_room=spec.strip_room,
            )
            self._nodes[key] = node
            self._add(node, 5, spec.pos)
            self._add(node.outline(), 5, spec.pos, fixed=True)
        for key, op in OPS.items():
            self._ops[key] = item = OpNode(op.kind, pal)
            self._add(item, 4, op.pos)
        # Cables (cached, in the background) under one item drawing every coloured
        # core, under the arrowheads. A wire with a halo goes over all of them: its
        # halo and cable (cached), then its core and arrowhead, over the wires it
        # crosses.
        cores, upper_cores = WireCores(), WireCores()
        self._add(cores, 2.5)
        self._add(upper_cores, 3.5)
        for w in WIRES:
            points = [QPointF(x, y) for x, y in w.points]
            wire = Wire(
                points, pal, cores=upper_cores if w.halo else cores, arrow=w.arrow, halo=w.halo
            )
            self._wires.append((wire, w.value))
            self._add(wire, 3 if w.halo else 2, fixed=not w.halo)
            head = wire.arrowhead()
            if head is not None:
                self._add(head, 3.7 if w.halo else 2.7)
        for pos in DOTS:
            self._add(Dot(pal), 6, pos)
        for key, spec in LABELS.items():
            label = Label(
                "",
                spec.px,
                pal,
                role=spec.role,
                bold=spec.bold,
                italic=spec.italic,
                anchor=spec.anchor,
            )
            self._labels[key] = label
            self._add(label, 7, spec.pos, fixed=spec.fixed)
        self._legend = Legend(pal)
        self._add(self._legend, 7, LEGEND_POS, fixed=True)

    def _retranslate(self) -> None:
        """(Re)set every fixed text, and the text templates, from the current translation."""
        for key, text in captions.titles().items():
            self._nodes[key].set_title(text)
        for key, text in captions.labels().items():
            self._labels[key].set_text(text)
        self._legend.retranslate()
        # Templates used on every refresh, translated once here (tr() is not free).
        self._texts = captions.templates()
        self._tips_dirty = True

    # ============================================================ updating
    def set_theme(self, theme: str) -> None:
        """Draw with the colours of appearance ``theme`` ("light", "dark", "high_contrast")."""
        if theme != self._palette.theme:
            self._palette.set_theme(theme)
            self.restyle()

    def palette_colors(self) -> Palette:
        """The colours this diagram draws with (its :class:`Palette`)."""
        return self._palette

    def restyle(self) -> None:
        """Repaint everything with the palette's colours (after :meth:`set_theme`)."""
        self._scene.setBackgroundBrush(self._palette.background)
        self.setBackgroundBrush(self._palette.background)
        for item in [*self._scene.items(), *self._scene.fixed.items()]:
            if isinstance(item, Arrowhead | Dot):
                item.restyle()
            item.update()
        self._fixed_changed()
        self._refresh()  # wires and nodes take their colours again
        self._scene.update()

    def highlight(self, keys: list[str] | tuple[str, ...]) -> None:
        """Outline the nodes ``keys`` (and only them); an empty list clears it."""
        for key, node in self._nodes.items():
            node.set_highlighted(key in keys)

    def highlighted(self) -> list[str]:
        """The nodes currently outlined."""
        return [key for key, node in self._nodes.items() if node._hovered]

    def _node(self, key: str) -> ValueNode:
        try:
            return self._nodes[key]
        except KeyError:
            keys = ", ".join(NODE_KEYS)
            raise KeyError(f"node key: expected one of {keys}, got {key!r}") from None

    def _compute_colors(self) -> dict[str, bytes]:
        """Every valued node's colours as RGB32 words, one colour-scale call per scale.

        A node's bytes hold B, G, R, 255 per unit (0xffRRGGBB in memory order): the
        strips draw them as an image as they are, and the fills read them as ints.
        The gates take the sequential scale; the rest the diverging one, each
        group saturating at its own limit (C at ±c_range, x at ±x_range, the
        others at ±1).
        """
        values = self._values
        sequential = [k for k in _SEQUENTIAL_KEYS if values[k] is not None]
        diverging = [k for k in _DIVERGING_KEYS if values[k] is not None]
        keys = sequential + diverging
        if not keys:
            return {}
        arrays = [values[k] for k in keys]
        sizes = [a.shape[0] for a in arrays]  # type: ignore[union-attr]
        flat = np.concatenate(arrays)  # type: ignore[arg-type]
        m = sum(sizes[: len(sequential)])
        words = np.full((len(flat), 4), 255, np.uint8)
        if m:
            words[:m, :3] = gate_rgb(flat[:m])[:, ::-1]
        if m < len(flat):
            limits = self._limits(diverging, sizes[len(sequential) :])
            words[m:, :3] = diverging_rgb(flat[m:] / limits, 1.0)[:, ::-1]
        blob = words.tobytes()
        colors: dict[str, bytes] = {}
        start = 0
        for key, n in zip(keys, sizes, strict=True):
            colors[key] = blob[4 * start : 4 * (start + n)]
            start += n
        return colors

    def _limits(self, keys: list[str], sizes: list[int]) -> np.ndarray:
        """Where the diverging scale saturates, per unit of the nodes ``keys`` (kept)."""
        signature = (tuple(keys), tuple(sizes), self._c_range, self._x_range)
        if self._limits_cache is None or self._limits_cache[0] != signature:
            per_key = {"c": self._c_range, "c_prev": self._c_range, "f_mul": self._c_range}
            per_key["x"] = self._x_range
            limits = np.repeat([per_key.get(k, 1.0) for k in keys], sizes)
            self._limits_cache = (signature, limits)
        return self._limits_cache[1]

    def _x_text(self, x: np.ndarray) -> str:
        if x.shape[0] <= 3:
            return ", ".join(format_value(float(v), self._decimals) for v in x)
        norm = format_value(float(np.linalg.norm(x)), self._decimals)
        return fill_template(self._texts["x_norm"], {"norm": norm})

    def _refresh(self, *, colors: bool = True) -> None:
        """Push texts, colours and strips of the stored state into the items.

        Items repaint only what changed; tooltips are rebuilt lazily (on hover or
        :meth:`node_tooltip`), since most steps are never hovered.
        """
        if colors:
            self._rgb = self._compute_colors()
        j = self._unit
        empty = QColor(NO_VALUE_COLOR)
        wire_colors: dict[str, QColor] = {}
        pal = self._palette
        for key in NODE_KEYS:
            v = self._values[key]
            item = self._nodes[key]
            if v is None:
                if key == "x":
                    item.set_width(X_W)
                item.set_display(NO_VALUE, empty)
                wire_colors[key] = pal.empty_wire
                continue
            words = self._rgb[key]
            if key == "x":
                single = v.shape[0] == 1
                item.set_width(X_W if single else X_W_WIDE)
                fill = word_color(words, 0) if single else pal.x_fill
                item.set_display(self._x_text(v), fill, None if single else words, -1)
                wire_colors[key] = fill if single else pal.neutral_wire
                continue
            fill = word_color(words, j)
            strip = words if v.shape[0] > 1 else None
            item.set_display(format_value(float(v[j]), self._decimals), fill, strip, j)
            wire_colors[key] = fill
        for wire, key in self._wires:
            wire.set_color(pal.neutral_wire if key is None else wire_colors[key])
        hidden = self._hidden
        if not self._pre and self._t == 0:
            self._labels["time"].set_text(self._texts["time0"])
        else:
            text = fill_template(self._texts["time"], {"t": str(self._t)})
            labels = self._step_labels
            # step t reads row t − 1 (a model's reverse cell: row T − t, its StepView.time − 1)
            row = (self._view.time if self._view is not None and self._view.time else self._t) - 1
            if labels is not None and 0 <= row < len(labels) and self._t >= 1:
                text += f" · {labels.text(row)}"
            self._labels["time"].set_text(text)
        unit_text = fill_template(self._texts["unit"], {"j": str(j), "hidden": str(hidden)})
        self._labels["unit"].set_text(unit_text if hidden > 1 else "")
        self._tips_dirty = True

    # ============================================================ tooltips
    def _ensure_tooltips(self) -> None:
        """Rebuild the tooltips if the state changed since they were last built.

        :meth:`node_tooltip` returns the plain notation (``f_t = σ(…)``); the
        items show the same text as rich text, with real subscripts and the
        name in bold.
        """
        if self._tips_dirty:
            self._tips_dirty = False
            self._tips = self._tooltips()
            for key, tip in self._tips.items():
                name, *rest = tip.split("\n")
                lines = [f"<b>{rich_notation(name)}</b>", *map(rich_notation, rest)]
                rich = "<br>".join(f"<nobr>{line}</nobr>" for line in lines)
                self._nodes[key].set_tooltip(rich)
                if key in self._ops:
                    self._ops[key].set_tooltip(rich)

    def _tooltips(self) -> dict[str, str]:
        """Tooltip text of every node: what it is, and its equation with numbers."""
        return captions.tooltips(
            self._values,
            self._pre,
            self._unit,
            self._t,
            self._decimals,
            self._input_names,
            self._clamped,
        )
