"""The weight editor dock: every gate's weights and bias, editable, with undo.

Per gate (tabs in the order the notes introduce them: f, i, g, o) it shows the
three parts of the notes' ``g_t = act(W_g·[h_{t-1}, x_t] + b_g)``:

- the **input part** of ``W_g`` — rows of ``weight_ih``, H × D, entry (j, d)
  weights input x_t[d] into unit j;
- the **recurrent part** — rows of ``weight_hh``, H × H, entry (j, k) weights
  h_{t-1}[k] into unit j;
- the **bias** ``b_g = bias_ih + bias_hh``.

The bias is shown as the notes' single ``b_g`` (what the cell adds). Editing it
changes ``bias_ih`` and keeps ``bias_hh`` (PyTorch's second bias, which only
matters for loading and saving state dicts), so ``b_g`` becomes exactly the
number typed.

Small cells (H ≤ :data:`SLIDER_MAX_HIDDEN`) get one slider and one spin box per
number; larger ones a heat-map table per gate with the columns of ``W_g`` over
``[h_{t-1}, x_t]`` followed by the bias, coloured on the diagram's
colour-blind-safe diverging scale and edited by double-click (or F2).

Every edit goes through :meth:`Session.set_params`, so the session re-runs the
cell up to the cursor and every view shows the new numbers at once, and every
edit is one :class:`ParamsCommand` on the given :class:`QUndoStack`. A slider
drag updates the session live and pushes one command on release. The
initialisation presets replace all parameters with
:meth:`LSTMParams.random` as one command.

The editor keeps no copy of the parameters: on the session's ``"params"`` and
``"sequence"`` events it reads them back into its widgets (signals blocked, so
no edit and no undo command results) and rebuilds itself when H, D or the input
names change.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QSignalBlocker,
)
from PySide6.QtGui import (
    QAction,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...engine import LSTMParams
from ...session import Session, Topic
from ...session.commands import (
    INIT_SCHEMES,
    Entry,
    ParamsEdit,
    preset_edit,
    weight_edit,
)
from ..follow import follow
from .commands import ParamsCommand
from .labels import (
    GATE_ORDER,
    SLIDER_MAX_HIDDEN,
    edit_text,
    gate_equation,
    gate_title,
)
from .sliders import NumberControl, SliderPage
from .table import TablePage, WeightTableModel

__all__ = ["WeightEditor"]


# ------------------------------------------------------------------- the dock
class WeightEditor(QDockWidget):
    """Dock that edits the session's parameters, gate by gate, with undo.

    Parameters
    ----------
    session : Session
    undo_stack : QUndoStack
        Receives one :class:`ParamsCommand` per edit (a whole slider drag is
        one; a preset is one).
    parent : QWidget, optional

    Attributes
    ----------
    tabs : QTabWidget
        One page per gate in :data:`GATE_ORDER`.
    """

    def __init__(
        self,
        session: Session,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        *,
        lazy: bool = False,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.undo_stack = undo_stack
        if undo_stack.parent() is None:
            # A stack nobody owns would die with this dock's Python attributes, in the
            # middle of the dock's destruction, and emit into it (clear()): own it.
            undo_stack.setParent(self)
        self.setObjectName("weight_editor_dock")
        # lazy: while hidden, the pages (≈ 100 controls, 0.15 s) wait until the dock
        # is first shown or asked for one of them; the main window starts faster.
        self._lazy = lazy
        self._stale = self._stale_rebuild = False
        self._built_for: tuple[int, int, tuple[str, ...]] | None = None
        self._pages: dict[str, SliderPage | TablePage] = {}
        self._drag_start: LSTMParams | None = None

        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.setSpacing(4)
        top = QHBoxLayout()
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        top.addWidget(self.info_label, 1)
        self.undo_button = QToolButton()
        self.redo_button = QToolButton()
        self._undo_action = QAction(self)
        self._redo_action = QAction(self)
        self._undo_action.triggered.connect(undo_stack.undo)
        self._redo_action.triggered.connect(undo_stack.redo)
        self.undo_button.setDefaultAction(self._undo_action)
        self.redo_button.setDefaultAction(self._redo_action)
        # Slots that use only the signals' arguments: the stack may be emitting
        # from its destructor (clear()), when it can no longer be asked anything.
        undo_stack.canUndoChanged.connect(self._undo_action.setEnabled)
        undo_stack.canRedoChanged.connect(self._redo_action.setEnabled)
        undo_stack.undoTextChanged.connect(self._show_undo_text)
        undo_stack.redoTextChanged.connect(self._show_redo_text)
        top.addWidget(self.undo_button)
        top.addWidget(self.redo_button)
        lay.addLayout(top)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        lay.addWidget(self.tabs, 1)

        self.preset_box = QGroupBox()
        form = QFormLayout(self.preset_box)
        form.setContentsMargins(6, 4, 6, 6)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.init_combo = QComboBox()
        for scheme in INIT_SCHEMES:
            self.init_combo.addItem("", scheme)
        self.seed_box = QSpinBox()
        self.seed_box.setRange(0, 2**31 - 1)
        self.forget_bias_box = QDoubleSpinBox()
        self.forget_bias_box.setRange(-10.0, 10.0)
        self.forget_bias_box.setDecimals(2)
        self.forget_bias_box.setSingleStep(0.5)
        self.forget_bias_box.setValue(1.0)
        self.apply_button = QPushButton()
        self.apply_button.clicked.connect(self.apply_preset)
        self._init_label = QLabel()
        self._seed_label = QLabel()
        self._forget_label = QLabel()
        self._init_label.setBuddy(self.init_combo)
        self._seed_label.setBuddy(self.seed_box)
        self._forget_label.setBuddy(self.forget_bias_box)
        form.addRow(self._init_label, self.init_combo)
        row = QHBoxLayout()
        row.addWidget(self.seed_box, 1)
        row.addSpacing(8)
        row.addWidget(self._forget_label)
        row.addWidget(self.forget_bias_box, 1)
        form.addRow(self._seed_label, row)
        apply_row = QHBoxLayout()
        apply_row.addStretch(1)
        apply_row.addWidget(self.apply_button)
        form.addRow(apply_row)
        lay.addWidget(self.preset_box)
        self.setWidget(body)

        self._retranslate()
        self._update_undo_buttons()
        follow(self, session, self._on_changed, Topic.PARAMS, Topic.SEQUENCE)
        self._sync(rebuild=True)

    def _ensure_synced(self) -> None:
        """Build or update the pages now if a lazy dock put them off."""
        if self._stale:
            rebuild = self._stale_rebuild
            self._stale = self._stale_rebuild = False
            self._sync(rebuild=rebuild, now=True)

    def showEvent(self, event) -> None:
        self._ensure_synced()
        super().showEvent(event)

    # ------------------------------------------------------------- reading
    @property
    def slider_mode(self) -> bool:
        """True when the cell is small enough for one slider per number."""
        return self.session.hidden_size <= SLIDER_MAX_HIDDEN

    def page(self, gate: str) -> SliderPage | TablePage:
        """The tab page of ``gate``."""
        self._ensure_synced()
        return self._pages[gate]

    def control(self, entry: Entry) -> NumberControl:
        """The slider and spin box of ``entry`` (slider mode)."""
        self._ensure_synced()
        page = self._pages[entry.gate]
        if not isinstance(page, SliderPage):
            raise LookupError("the editor shows tables (H > 4), not sliders")
        return page.controls[entry]

    def slider(self, entry: Entry) -> QSlider:
        """The slider of ``entry`` (slider mode)."""
        return self.control(entry).slider

    def spin_box(self, entry: Entry) -> QDoubleSpinBox:
        """The spin box of ``entry`` (slider mode)."""
        return self.control(entry).spin

    def table(self, gate: str) -> QTableView:
        """The heat-map table of ``gate`` (table mode)."""
        self._ensure_synced()
        page = self._pages[gate]
        if not isinstance(page, TablePage):
            raise LookupError("the editor shows sliders (H ≤ 4), not tables")
        return page.view

    def table_model(self, gate: str) -> WeightTableModel:
        """The model of ``gate``'s table (table mode)."""
        return self.table(gate).model()

    def show_gate(self, gate: str) -> None:
        """Bring ``gate``'s page to the front."""
        self._ensure_synced()
        self.tabs.setCurrentIndex(GATE_ORDER.index(gate))

    # ---------------------------------------------------------------- edits
    def set_value(self, entry: Entry, value: float) -> None:
        """Set one number as the user would: one undoable edit (nothing if unchanged)."""
        edit = weight_edit(self.session, entry, value)
        if edit is not None:
            self.undo_stack.push(ParamsCommand(self.session, edit, edit_text(entry)))

    def apply_preset(self) -> None:
        """Replace all parameters by the preset form's :meth:`LSTMParams.random` (one undo step)."""
        scheme = self.init_combo.currentData()
        seed = self.seed_box.value()
        edit = preset_edit(self.session, scheme, seed, self.forget_bias_box.value())
        if edit is None:
            return
        text = self.tr("Initialise weights ({scheme}, seed {seed})").format(
            scheme=self.init_combo.currentText(), seed=seed
        )
        self.undo_stack.push(ParamsCommand(self.session, edit, text))

    def _on_drag_started(self) -> None:
        self._drag_start = self.session.params

    def _on_drag_moved(self, entry: Entry, value: float) -> None:
        # Live: re-simulate at every move; the undo command comes on release.
        edit = weight_edit(self.session, entry, value)
        if edit is not None:
            edit.apply(self.session)

    def _on_drag_finished(self, entry: Entry) -> None:
        old, self._drag_start = self._drag_start, None
        new = self.session.params
        self._sync()  # the slider scales were frozen during the drag
        if old is None or new == old:
            return
        edit = ParamsEdit(old, new)
        self.undo_stack.push(ParamsCommand(self.session, edit, edit_text(entry), applied=True))

    # -------------------------------------------------------------- syncing
    def _on_changed(self, changes: frozenset[Topic]) -> None:
        if changes & {Topic.PARAMS, Topic.SEQUENCE}:
            self._sync()

    def _sync(self, rebuild: bool = False, *, now: bool = False) -> None:
        if self._lazy and not now and not self.isVisible():
            self._stale = True
            self._stale_rebuild |= rebuild
            return
        p = self.session.params
        names = self.session.cell_input_names()
        key = (p.hidden_size, p.input_size, names)
        if rebuild or key != self._built_for:
            self._build_pages()
            self._built_for = key
        for page in self._pages.values():
            if isinstance(page, SliderPage):
                page.show_params(p, keep_scales=self._drag_start is not None)
            else:
                page.show_params(p, names)
        self.info_label.setText(
            self.tr("Inputs D = {D}, units H = {H}").format(D=p.input_size, H=p.hidden_size)
        )

    def _build_pages(self) -> None:
        current = max(self.tabs.currentIndex(), 0)
        with QSignalBlocker(self.tabs):
            while self.tabs.count():
                widget = self.tabs.widget(0)
                self.tabs.removeTab(0)
                widget.deleteLater()
        self._pages.clear()
        params = self.session.params
        names = self.session.cell_input_names()
        for gate in GATE_ORDER:
            if params.hidden_size <= SLIDER_MAX_HIDDEN:
                page: SliderPage | TablePage = SliderPage(gate, params, names)
                for entry, control in page.controls.items():
                    control.edited.connect(lambda v, e=entry: self.set_value(e, v))
                    control.drag_started.connect(self._on_drag_started)
                    control.drag_moved.connect(lambda v, e=entry: self._on_drag_moved(e, v))
                    control.drag_finished.connect(lambda e=entry: self._on_drag_finished(e))
            else:
                page = TablePage(gate)
                page.model.edit_requested.connect(self.set_value)
            self._pages[gate] = page
            self.tabs.addTab(page, gate_title(gate))
            self.tabs.setTabToolTip(self.tabs.count() - 1, gate_equation(gate))
        self.tabs.setCurrentIndex(min(current, self.tabs.count() - 1))

    def _update_undo_buttons(self) -> None:
        stack = self.undo_stack
        self._undo_action.setEnabled(stack.canUndo())
        self._redo_action.setEnabled(stack.canRedo())
        self._show_undo_text(stack.undoText())
        self._show_redo_text(stack.redoText())

    def _show_undo_text(self, what: str) -> None:
        self._undo_action.setToolTip(self.tr("Undo {what}").format(what=what) if what else "")

    def _show_redo_text(self, what: str) -> None:
        self._redo_action.setToolTip(self.tr("Redo {what}").format(what=what) if what else "")

    # ---------------------------------------------------------- translation
    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Weights"))
        self.info_label.setToolTip(self.tr("Every edit re-runs the cell up to the current step"))
        self._undo_action.setText(self.tr("↶ Undo"))
        self._redo_action.setText(self.tr("Redo ↷"))
        self.undo_button.setAccessibleName(self.tr("Undo the last weight edit"))
        self.redo_button.setAccessibleName(self.tr("Redo the weight edit"))
        self.preset_box.setTitle(self.tr("Initialise all parameters"))
        self._init_label.setText(self.tr("Sche&me:"))
        self._seed_label.setText(self.tr("See&d:"))
        self._forget_label.setText(self.tr("Forget &bias:"))
        texts = {
            "uniform": self.tr("Uniform ±1/√H (like PyTorch)"),
            "xavier": self.tr("Xavier (Glorot uniform)"),
            "orthogonal": self.tr("Orthogonal recurrent, Xavier input"),
        }
        for k, scheme in enumerate(INIT_SCHEMES):
            self.init_combo.setItemText(k, texts[scheme])
        self.init_combo.setToolTip(self.tr("How the random weights are drawn"))
        self.init_combo.setAccessibleName(self.tr("Initialisation scheme"))
        self.seed_box.setToolTip(self.tr("Same seed, same weights"))
        self.seed_box.setAccessibleName(self.tr("Seed"))
        self.forget_bias_box.setToolTip(
            self.tr(
                "Added to the forget gate's bias b_f: f_t ≈ σ(b_f) while the rest of its input "
                "is small, and a cell state left alone halves in ln 0.5 / ln f steps. b = 1 gives "
                "f ≈ 0.73 (half-life 2.2 steps), 3 gives 0.95 (14 steps), 5 gives 0.993 (100 steps)"
            )
        )
        self.forget_bias_box.setAccessibleName(self.tr("Forget-gate bias"))
        self.apply_button.setText(self.tr("A&pply"))
        self.apply_button.setToolTip(
            self.tr("Replace every weight and bias by the preset (one undo step)")
        )
        self._update_undo_buttons()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            if self._built_for is not None:
                self._sync(rebuild=True)
        super().changeEvent(event)
