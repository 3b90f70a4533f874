"""The main window: cell diagram, equations, plots and transport around one Session."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..examples import spikes_example
from ..gallery import EXAMPLES
from ..scenarios import SCENARIOS
from ..session import INLINE_STEPS, Session, Topic
from .diagram import CellDiagram
from .equations import EquationsPanel
from .files import FileActions
from .follow import follow
from .jobs import JobRunner
from .plots.compare import ComparePanel
from .plots.panels import PlotPanels
from .tour import TourDialog
from .training import TrainingDock
from .transport import Transport
from .values_table import ValuesTable
from .weights import WeightEditor

__all__ = ["MainWindow"]

APP_TITLE = "LSTM Cell Simulator"
#: A long BPTT window is computed once the cursor has rested this long (ms).
GRADIENT_DELAY_MS = 150


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


def default_session() -> Session:
    """The built-in example the app opens on."""
    seq, params = spikes_example()
    return Session(seq, params, name=QCoreApplication.translate("MainWindow", "Spikes (built-in)"))


class MainWindow(QMainWindow):
    """The application window.

    Parameters
    ----------
    session : Session, optional
        What to show; the built-in example by default.
    undo_stack : QUndoStack, optional
        The weight editor's undo history, when this window replaces another on
        the same session (a language switch); the window takes it over. A new,
        empty one by default.

    Signals
    -------
    language_requested(str)
        The user chose a language ("system", "en", "zh_CN"); the application
        installs it and replaces this window by one built in that language,
        on the same session (no restart).
    """

    language_requested = Signal(str)

    def __init__(
        self,
        session: Session | None = None,
        parent: QWidget | None = None,
        *,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session or default_session()
        self._pending_step: int | None = None
        self._grad_timer = QTimer(self)
        self._grad_timer.setSingleShot(True)
        self._grad_timer.setInterval(GRADIENT_DELAY_MS)
        self._grad_timer.timeout.connect(self._gradients_when_idle)
        self.setObjectName("MainWindow")
        self.resize(1280, 800)
        from .theme import apply_theme

        # Style and palette before the widgets exist: set afterwards, they would
        # re-polish every widget just built.
        apply_theme(QSettings().value("appearance", "system"))

        from .theme import current_theme

        self.diagram = CellDiagram(theme=current_theme())
        self.diagram.setAccessibleName(self.tr("LSTM memory cell diagram"))
        self.equations = EquationsPanel(self.session)
        self.plots = PlotPanels(self.session)
        # The gradients tab is built when first shown or asked for (≈ 0.1 s of the
        # launch); until then its place in the tabs is held by an empty page.
        self._compare: ComparePanel | None = None
        self._compare_page = QWidget()
        self.transport = Transport(self)

        # --- side panel: unit, plots, gradient settings, equations
        # --- controls bar between the diagram and the plots
        self.unit_box = QSpinBox()
        self.unit_box.setToolTip(self.tr("The unit (component of h and C) shown in detail"))
        self.unit_box.setAccessibleName(self.tr("Selected unit"))
        self.unit_box.valueChanged.connect(self._on_unit_box)
        self.all_units_box = QCheckBox(self.tr("plot all units"))
        self.all_units_box.setToolTip(self.tr("Plot every unit instead of the selected one"))
        self.all_units_box.toggled.connect(
            lambda on: self.session.update_settings(show_all_units=bool(on))
        )
        self.loss_box = QComboBox()
        self.loss_box.addItem(self.tr("Σ h_t (all units)"), "output")
        self.loss_box.addItem(self.tr("h_t of the selected unit"), "unit")
        self.loss_box.setToolTip(
            self.tr(
                "The loss L whose gradients the plots show: the output h_t at the cursor, a probe "
                "of how far back it reaches, not the loss an example was trained on"
            )
        )
        self.loss_box.setAccessibleName(self.tr("Loss"))
        self.loss_box.currentIndexChanged.connect(
            lambda _i: self.session.update_settings(loss=self.loss_box.currentData())
        )
        self.window_box = QSpinBox()
        self.window_box.setRange(1, 10_000_000)
        self.window_box.setSuffix(self.tr(" steps"))
        self.window_box.setToolTip(self.tr("How many steps back BPTT goes from the current step"))
        self.window_box.setAccessibleName(self.tr("BPTT window"))
        self.window_box.valueChanged.connect(self._on_window_box)
        self.window_all = QCheckBox(self.tr("all"))
        self.window_all.setToolTip(self.tr("Backpropagate all the way to t = 1"))
        self.window_all.toggled.connect(self._on_window_box)
        bar = QWidget()
        bar.setObjectName("controls_bar")
        bar_lay = QHBoxLayout(bar)
        bar_lay.setContentsMargins(6, 2, 6, 2)
        for widget in (
            QLabel(self.tr("Unit:")),
            self.unit_box,
            self.all_units_box,
            _separator(),
            QLabel(self.tr("Loss L =")),
            self.loss_box,
            QLabel(self.tr("BPTT window:")),
            self.window_box,
            self.window_all,
            _separator(),
        ):
            bar_lay.addWidget(widget)
        self._build_what_if(bar_lay)
        bar_lay.addStretch(1)

        # --- right of the diagram: the equations, and the RNN in compare mode
        side = QWidget()
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(4, 4, 4, 4)
        eq_box = QGroupBox(self.tr("Equations"))
        eq_lay = QVBoxLayout(eq_box)
        eq_lay.setContentsMargins(2, 2, 2, 2)
        eq_lay.addWidget(self.equations)
        side_lay.addWidget(eq_box, 1)
        self.rnn_box = QGroupBox(self.tr("Vanilla RNN beside it"))
        rnn_lay = QVBoxLayout(self.rnn_box)
        self.rnn_label = QLabel()
        self.rnn_label.setWordWrap(True)
        self.rnn_label.setAccessibleName(self.tr("The RNN's hidden state"))
        rnn_lay.addWidget(self.rnn_label)
        side_lay.addWidget(self.rnn_box)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.diagram)
        top.addWidget(side)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        top.setSizes([760, 500])
        self.tabs = QTabWidget()
        self.tabs.addTab(self.plots, self.tr("Over time"))
        self._compare_title = self.tr("Vanishing && exploding gradients")
        self.tabs.addTab(self._compare_page, self._compare_title)
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.info_bar = QFrame()
        self.info_bar.setObjectName("info_bar")
        self.info_bar.setFrameShape(QFrame.Shape.StyledPanel)
        info_lay = QHBoxLayout(self.info_bar)
        info_lay.setContentsMargins(8, 4, 4, 4)
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)
        self.info_label.setAccessibleName(self.tr("What to look at"))
        close_info = QPushButton(self.tr("Hide"))
        close_info.setToolTip(self.tr("Hide this explanation"))
        close_info.clicked.connect(lambda: self.info_bar.hide())
        info_lay.addWidget(self.info_label, 1)
        info_lay.addWidget(close_info, 0, Qt.AlignmentFlag.AlignTop)
        self.info_bar.hide()
        top_box = QWidget()
        top_lay = QVBoxLayout(top_box)
        top_lay.setContentsMargins(0, 0, 0, 0)
        top_lay.setSpacing(0)
        top_lay.addWidget(self.info_bar)
        top_lay.addWidget(top, 1)
        bottom = QWidget()
        bottom_lay = QVBoxLayout(bottom)
        bottom_lay.setContentsMargins(0, 0, 0, 0)
        bottom_lay.setSpacing(0)
        # The controls bar scrolls sideways rather than forcing the window wider than
        # the screen when docks are open.
        from PySide6.QtWidgets import QScrollArea

        bar_scroll = QScrollArea()
        bar_scroll.setWidget(bar)
        bar_scroll.setWidgetResizable(True)
        bar_scroll.setFrameShape(QFrame.Shape.NoFrame)
        bar_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        bar_scroll.setFixedHeight(
            bar.sizeHint().height() + bar_scroll.horizontalScrollBar().sizeHint().height()
        )
        bottom_lay.addWidget(bar_scroll)
        bottom_lay.addWidget(self.tabs, 1)
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(top_box)
        main.addWidget(bottom)
        main.setStretchFactor(0, 5)
        main.setStretchFactor(1, 4)
        main.setSizes([400, 360])
        self.splitter = main
        self.setCentralWidget(main)

        # --- toolbar, menus, status bar
        toolbar = QToolBar(self.tr("Transport"))
        toolbar.setObjectName("transport_toolbar")
        toolbar.setMovable(False)
        self.transport.populate(toolbar)
        self.addToolBar(toolbar)
        # Tool buttons take no keyboard focus by default: make them reachable with Tab.
        from PySide6.QtWidgets import QToolButton

        for button in toolbar.findChildren(QToolButton):
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # The commands act on the session, not on this window's widgets: the stack
        # moves on to the window that replaces this one (app.switch_language).
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack()
        self.undo_stack.setParent(self)
        self.weight_editor = WeightEditor(self.session, self.undo_stack, self, lazy=True)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.weight_editor)
        self.weight_editor.hide()  # View ▸ Weights shows it; the cell and plots come first
        self.training = TrainingDock(self.session, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.training)
        self.training.hide()
        self.values = ValuesTable(self.session, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.values)
        self.values.hide()
        self._build_menus()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the computation that is running"))
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        # The one runner of long work (steps, gradients, files); Cancel stops all of it.
        self.jobs = JobRunner(self, self.status_label, self.progress, self.cancel_button)
        # --- File menu: open/save/recent/export, drag-and-drop (lstm_sim/gui/files/)
        self.file_actions = FileActions(self)

        self.transport.step_requested.connect(self.request_step)
        self.transport.run_to_end_requested.connect(self.run_to_end)
        self.transport.speed_changed.connect(lambda v: self.session.update_settings(speed=v))
        self.transport.loop_changed.connect(lambda on: self.session.update_settings(loop=on))
        self.plots.seek_requested.connect(self.request_step)
        follow(self, self.session, self._on_changed, *Topic)
        self._sync_all()
        from PySide6.QtGui import QGuiApplication

        apply_theme(QSettings().value("appearance", "system"), [self])
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._follow_system_scheme)

    # ---------------------------------------------------------------- menus
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.quit_action = QAction(self.tr("&Quit"), self)
        # QKeySequence.Quit maps to nothing on Linux: add Ctrl+Q explicitly.
        self.quit_action.setShortcuts(
            [QKeySequence("Ctrl+Q")]
            + [
                k
                for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
                if k.toString() != "Ctrl+Q"
            ]
        )
        self.quit_action.triggered.connect(self.close)
        self.examples_menu = self.file_menu.addMenu(self.tr("&Examples"))
        self.example_actions: dict[str, QAction] = {}
        for ex in EXAMPLES:
            # "&" would be a mnemonic in a menu ("Hochreiter & Schmidhuber")
            title = QCoreApplication.translate("Gallery", ex.title).replace("&", "&&")
            a = QAction(title, self)
            a.setStatusTip(QCoreApplication.translate("Gallery", ex.description)[:120])
            a.triggered.connect(lambda _checked=False, key=ex.key: self.load_example(key))
            self.examples_menu.addAction(a)
            self.example_actions[ex.key] = a
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.sim_menu = bar.addMenu(self.tr("&Simulation"))
        for a in self.transport.actions():
            self.sim_menu.addAction(a)
            self.addAction(a)  # shortcuts work wherever the focus is
        self.view_menu = bar.addMenu(self.tr("&View"))
        self.compare_action = QAction(self.tr("&Compare with a vanilla RNN"), self)
        self.compare_action.setCheckable(True)
        self.compare_action.toggled.connect(self._on_compare_action)
        self.view_menu.addAction(self.compare_action)
        weights_action = self.weight_editor.toggleViewAction()
        weights_action.setText(self.tr("&Weights editor"))
        weights_action.setShortcut(QKeySequence("Ctrl+E"))
        self.view_menu.addAction(weights_action)
        training_action = self.training.toggleViewAction()
        training_action.setText(self.tr("&Training"))
        training_action.setShortcut(QKeySequence("Ctrl+T"))
        self.view_menu.addAction(training_action)
        values_action = self.values.toggleViewAction()
        values_action.setText(self.tr("Values &table"))
        values_action.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.view_menu.addAction(values_action)
        self.appearance_menu = self.view_menu.addMenu(self.tr("&Appearance"))
        appearance_group = QActionGroup(self)
        chosen_look = QSettings().value("appearance", "system")
        names = {
            "system": self.tr("Follow the system (light or dark)"),
            "light": self.tr("Light"),
            "dark": self.tr("Dark"),
            "high_contrast": self.tr("High contrast"),
        }
        self.appearance_actions: dict[str, QAction] = {}
        for key, text in names.items():
            a = QAction(text, appearance_group)
            a.setCheckable(True)
            a.setChecked(chosen_look == key)
            a.triggered.connect(lambda _checked=False, k=key: self.set_appearance(k))
            self.appearance_menu.addAction(a)
            self.appearance_actions[key] = a
        self.scenario_menu = bar.addMenu(self.tr("S&cenarios"))
        self.scenario_actions: dict[str, QAction] = {}
        for scn in SCENARIOS:
            a = QAction(QCoreApplication.translate("Scenarios", scn.title), self)
            a.setToolTip(QCoreApplication.translate("Scenarios", scn.explanation))
            a.triggered.connect(lambda _checked=False, key=scn.key: self.load_scenario(key))
            self.scenario_menu.addAction(a)
            self.scenario_actions[scn.key] = a
        self.language_menu = self.view_menu.addMenu(self.tr("&Language"))
        from .i18n import LANGUAGES, current_language

        chosen = QSettings().value("language", "system")
        group = QActionGroup(self)
        system = QAction(self.tr("System default"), group)
        system.setCheckable(True)
        system.setChecked(chosen not in LANGUAGES)
        system.triggered.connect(lambda: self.language_requested.emit("system"))
        self.language_menu.addAction(system)
        self.language_actions = {"system": system}
        for code, name in LANGUAGES.items():
            a = QAction(name, group)
            a.setCheckable(True)
            a.setChecked(chosen == code)
            a.setToolTip(name)
            a.triggered.connect(lambda _checked=False, c=code: self.language_requested.emit(c))
            self.language_menu.addAction(a)
            self.language_actions[code] = a
        self._language = current_language()
        self.help_menu = bar.addMenu(self.tr("&Help"))
        tour = QAction(self.tr("Guided &tour of the cell"), self)
        tour.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        tour.triggered.connect(self.show_tour)
        self.help_menu.addAction(tour)
        self.tour_action = tour
        about = QAction(self.tr("&About lstm-sim"), self)
        about.triggered.connect(self.show_about)
        self.help_menu.addAction(about)

    def _build_what_if(self, lay: QHBoxLayout) -> None:
        self.clamp_f = QComboBox()
        self.clamp_f.addItem(self.tr("computed"), None)
        self.clamp_f.addItem(self.tr("= 1 (keep all)"), 1.0)
        self.clamp_f.addItem(self.tr("= 0 (forget all)"), 0.0)
        self.clamp_f.setToolTip(
            self.tr(
                "Hold the forget gate f_t at a constant (its weights then get zero gradient). "
                "f = 1 alone does not make ∂L/∂C_k the same at every step: the gradient also "
                "flows back through h"
            )
        )
        self.clamp_i = QCheckBox(self.tr("i_t = 0"))
        self.clamp_i.setToolTip(self.tr("Hold the input gate i_t at 0"))
        self.clamp_o = QCheckBox(self.tr("o_t = 1"))
        self.clamp_o.setToolTip(self.tr("Hold the output gate o_t at 1"))
        what_if = QLabel(self.tr("What if: f_t"))
        what_if.setToolTip(
            self.tr(
                "Clamp a gate at every step and re-simulate at once. A clamped gate is a "
                "constant: its weights get zero gradient. With f = 1, i = 0 and o = 1 together "
                "∂L/∂C_k is the same at every step, from any state (from the zero state f = 1 "
                "and i = 0 suffice: C_t stays 0); the cell then keeps C_0 and outputs tanh(C_0) "
                "whatever the input"
            )
        )
        self.clamp_f.setAccessibleName(self.tr("Forget gate clamp"))
        for widget in (what_if, self.clamp_f, self.clamp_i, self.clamp_o):
            lay.addWidget(widget)
        self.clamp_f.currentIndexChanged.connect(self._on_clamp)
        self.clamp_i.toggled.connect(self._on_clamp)
        self.clamp_o.toggled.connect(self._on_clamp)

    def _on_clamp(self, *_args) -> None:
        clamp: dict[str, float] = {}
        if self.clamp_f.currentData() is not None:
            clamp["f"] = float(self.clamp_f.currentData())
        if self.clamp_i.isChecked():
            clamp["i"] = 0.0
        if self.clamp_o.isChecked():
            clamp["o"] = 1.0
        self.session.update_settings(clamp=tuple(clamp.items()))

    @property
    def compare(self) -> ComparePanel:
        """The gradients tab (built on first use)."""
        if self._compare is None:
            from .theme import current_theme, restyle_plots

            panel = ComparePanel(self.session)
            restyle_plots(panel, current_theme())
            index = self.tabs.indexOf(self._compare_page)
            current = self.tabs.currentIndex()
            with QSignalBlocker(self.tabs):
                self.tabs.removeTab(index)
                self.tabs.insertTab(index, panel, self._compare_title)
                self.tabs.setCurrentIndex(current)
            self._compare_page.deleteLater()
            self._compare = panel
        return self._compare

    def _on_tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self._compare_page:
            self.tabs.setCurrentWidget(self.compare)

    def _on_compare_action(self, on: bool) -> None:
        self.session.update_settings(compare=bool(on))
        if on:
            self.tabs.setCurrentWidget(self.compare)

    def load_example(self, key: str) -> None:
        """Open an example of the gallery, with its weights and what to look at."""
        from ..gallery import example, load_example

        self.transport.pause()
        ex = example(key)
        seq, params, readout = load_example(key)
        self.session.apply_setup(
            seq,
            params,
            None,
            {"compare": False, "clamp": (), "clip": None},
            0,
            name=QCoreApplication.translate("Gallery", ex.title),
            readout=readout,
        )
        self.show_info(QCoreApplication.translate("Gallery", ex.description))
        self.tabs.setCurrentWidget(self.plots)

    def show_info(self, text: str) -> None:
        """Show a paragraph about what is loaded (what to look at) above the diagram."""
        self.info_label.setText(text)
        self.info_bar.setVisible(bool(text))

    def load_scenario(self, key: str) -> None:
        """Set up one of the gradient scenarios (one click) and explain it."""
        from ..scenarios import scenario

        self.transport.pause()
        scn = scenario(key)
        setup = scn.build()
        self.session.apply_setup(
            setup.sequence,
            setup.params,
            setup.rnn,
            setup.settings,
            setup.step,
            name=QCoreApplication.translate("Scenarios", scn.title),
        )
        self.compare.set_explanation(QCoreApplication.translate("Scenarios", scn.explanation))
        self.tabs.setCurrentWidget(self.compare)

    def show_tour(self) -> TourDialog:
        """Help ▸ Guided tour: the diagram part by part (non-modal)."""
        self._tour = TourDialog(self.diagram, self)
        self._tour.show()
        return self._tour

    def set_appearance(self, choice: str) -> None:
        """Light, dark, high contrast or follow the system; remembered in the settings."""
        from .theme import apply_theme

        QSettings().setValue("appearance", choice)
        apply_theme(choice, [self])

    def _follow_system_scheme(self, *_args) -> None:
        if QSettings().value("appearance", "system") == "system":
            self.set_appearance("system")

    def save_layout(self) -> None:
        """Remember the window geometry and the dock layout (QSettings)."""
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())

    def restore_layout(self) -> bool:
        """Restore the geometry and dock layout saved last time; False when there is none."""
        settings = QSettings()
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        ok = False
        if geometry is not None:
            ok = bool(self.restoreGeometry(geometry))
        if state is not None:
            ok = bool(self.restoreState(state)) and ok
        return ok

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About lstm-sim"),
            self.tr(
                "<b>lstm-sim {version}</b><br>A simulator of one LSTM memory cell: "
                "the gates, the cell state C (long-term memory), the hidden state h "
                "(short-term memory) and the gradients of backpropagation through time."
            ).format(version=__version__),
        )

    # ------------------------------------------------------------ syncing
    def _sync_all(self) -> None:
        self._on_changed(frozenset(Topic))

    def _on_changed(self, changes: frozenset[Topic]) -> None:
        s = self.session
        if changes & {Topic.SEQUENCE, Topic.PARAMS, Topic.UNIT}:
            self.unit_box.blockSignals(True)
            self.unit_box.setRange(0, s.hidden_size - 1)
            self.unit_box.setValue(s.unit)
            self.unit_box.setEnabled(s.hidden_size > 1)
            self.unit_box.blockSignals(False)
        if Topic.SETTINGS in changes:
            st = s.settings
            for w in (self.window_box, self.window_all, self.all_units_box, self.loss_box):
                w.blockSignals(True)
            self.window_all.setChecked(st.window is None)
            self.window_box.setEnabled(st.window is not None)
            if st.window is not None:
                self.window_box.setValue(st.window)
            self.all_units_box.setChecked(st.show_all_units)
            self.loss_box.setCurrentIndex(max(0, self.loss_box.findData(st.loss)))
            for w in (self.window_box, self.window_all, self.all_units_box, self.loss_box):
                w.blockSignals(False)
            self.transport.speed_box.blockSignals(True)
            self.transport.set_speed(st.speed)
            self.transport.speed_box.blockSignals(False)
            self.transport.loop_box.blockSignals(True)
            self.transport.set_loop(st.loop)
            self.transport.loop_box.blockSignals(False)
            self.compare_action.blockSignals(True)
            self.compare_action.setChecked(st.compare)
            self.compare_action.blockSignals(False)
            clamp = dict(st.clamp)
            for w in (self.clamp_f, self.clamp_i, self.clamp_o):
                w.blockSignals(True)
            self.clamp_f.setCurrentIndex(max(0, self.clamp_f.findData(clamp.get("f"))))
            self.clamp_i.setChecked(clamp.get("i") == 0.0)
            self.clamp_o.setChecked(clamp.get("o") == 1.0)
            for w in (self.clamp_f, self.clamp_i, self.clamp_o):
                w.blockSignals(False)
        if changes & {Topic.STEP, Topic.UNIT, Topic.PARAMS, Topic.SEQUENCE, Topic.TRACE}:
            self.diagram.show_step(s.step_view())
        if changes & {Topic.STEP, Topic.PARAMS, Topic.SEQUENCE, Topic.TRACE, Topic.READOUT}:
            yhat = s.prediction()
            if yhat is None:
                text = self.tr("ŷ_t = W_y·h_t + b_y") if s.readout is not None else ""
            else:
                from .equations import format_value

                text = self.tr("ŷ_t = W_y·h_t + b_y = {v}").format(
                    v=", ".join(format_value(v, 3) for v in yhat[:3])
                )
            self.diagram.set_readout_text(text)
        if changes & {Topic.STEP, Topic.SEQUENCE}:
            self.transport.show_position(s.t, s.T)
        if changes & {
            Topic.SETTINGS,
            Topic.RNN,
            Topic.STEP,
            Topic.UNIT,
            Topic.PARAMS,
            Topic.SEQUENCE,
        }:
            self._update_rnn_box()
        if changes & {Topic.MODIFIED, Topic.SEQUENCE}:
            self._update_title()
        if s.gradients_stale:
            # Long BPTT windows go to a worker, but only once the cursor rests: while
            # the user holds Step or plays, a worker would compete with the GUI thread
            # for the GIL on every step and its result would be stale anyway.
            self._grad_timer.start()
            self.jobs.cancel("gradients")

    def _gradients_when_idle(self) -> None:
        if not self.session.gradients_stale:
            return
        if self.jobs.running("gradients"):
            return  # _on_gradients_done starts the next one
        self._start_gradient_job()

    def _update_rnn_box(self) -> None:
        s = self.session
        self.rnn_box.setVisible(s.settings.compare)
        h = s.rnn_state()
        if h is None:
            self.rnn_label.setText("")
            return
        from .equations import format_value

        self.rnn_label.setText(
            self.tr(
                "h_t = tanh(W_ih·x_t + W_hh·h_{{t−1}} + b) = {h} (unit {j}, t = {t})\n"
                "σ_max(W_hh) = {s:.3f}"
            ).format(
                h=format_value(h[s.unit]),
                j=s.unit,
                t=s.t,
                s=s.gradients.rnn_sigma_max
                if s.gradients is not None and s.gradients.rnn_sigma_max is not None
                else float("nan"),
            )
        )

    def _update_title(self) -> None:
        name = self.session.name or self.tr("untitled")
        self.setWindowTitle(f"{name}[*] — {self.tr(APP_TITLE)}")
        self.setWindowModified(self.session.modified)

    def _on_unit_box(self, value: int) -> None:
        self.session.set_unit(value)

    def _on_window_box(self, *_args) -> None:
        window = None if self.window_all.isChecked() else self.window_box.value()
        self.window_box.setEnabled(window is not None)
        self.session.update_settings(window=window)

    # -------------------------------------------------------------- stepping
    def request_step(self, t: int) -> None:
        """Move the cursor to ``t``; far jumps into uncomputed steps run in a worker."""
        s = self.session
        t = min(max(int(t), 0), s.T)
        if self.jobs.running("steps"):
            if t <= s.computed:
                s.set_step(t)
            else:
                self._pending_step = t
            return
        if t - s.computed > INLINE_STEPS:
            self._start_compute_job(t)
        else:
            s.set_step(t)

    def run_to_end(self) -> None:
        """Go to the last step (computing the rest of the sequence off the GUI thread)."""
        self.request_step(self.session.T)

    def _start_compute_job(self, t: int) -> None:
        s = self.session
        self._pending_step = t

        def work(progress, cancelled):
            s.compute_until(t, progress, cancelled)
            return t

        label = self.tr("Computing steps {a}…{b}").format(a=s.computed + 1, b=t)
        self.jobs.start(
            "steps",
            label,
            work,
            self._on_compute_done,
            on_cancel=self._on_compute_cancelled,
            on_error=self._on_job_failed,
        )

    def _on_compute_done(self, _t: int) -> None:
        target = self._pending_step
        self._pending_step = None
        if target is not None:
            self.request_step(target)

    def _on_compute_cancelled(self) -> None:
        self._pending_step = None
        self.statusBar().showMessage(
            self.tr("Cancelled: {n} of {T} steps computed").format(
                n=self.session.computed, T=self.session.T
            ),
            5000,
        )
        # Show how far it got: the cursor moves to the last computed step.
        self.session.set_step(min(self.session.computed, self.session.T))

    def _start_gradient_job(self) -> None:
        s = self.session
        fn = s.gradient_job()
        label = self.tr("Backpropagating {n} steps…").format(n=s.gradient_rows())
        self.jobs.start(
            "gradients",
            label,
            lambda _progress, _cancelled: fn(),
            self._on_gradients_done,
            on_error=self._on_job_failed,
            progress=False,
        )

    def _on_gradients_done(self, result) -> None:
        self.session.set_gradients(result)
        if self.session.gradients_stale and not self._grad_timer.isActive():
            QTimer.singleShot(0, self._gradients_when_idle)

    def _on_job_failed(self, message: str) -> None:
        QMessageBox.critical(self, self.tr("Computation failed"), message.splitlines()[0])

    def cancel_jobs(self) -> None:
        """Cancel the computations that run on the session (steps and gradients)."""
        self.jobs.cancel("steps")
        self.jobs.cancel("gradients")

    def wait_for_jobs(self, timeout: float = 30.0) -> None:
        """Block until the computations end and their results are delivered (tests)."""
        self.jobs.wait(timeout, "steps")
        self.jobs.wait(timeout, "gradients")

    def detach(self) -> None:
        """Stop following the session (this window is being replaced or closed)."""
        self.transport.pause()
        self.cancel_jobs()
        self.training.stop()
        self.file_actions.detach()  # gui/files: no unsaved-changes question for this window
        for slot in (
            self._on_changed,
            self.plots._on_changed,
            self.equations._on_changed,
            *([self._compare._on_changed] if self._compare is not None else []),
            self.training._on_changed,
            self.weight_editor._on_changed,
            self.values._on_changed,
        ):
            self.session.events.disconnect(slot)

    # Drops and closing go through the file actions (a filter would run Python on
    # every event this window gets).
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if not self.file_actions.drag_event(event):
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not self.file_actions.drag_event(event):
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if not self.file_actions.drop_event(event):
            super().dropEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        transport = getattr(self, "transport", None)  # None while the window is built
        if transport is not None and event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.StyleChange,
        ):
            transport.refresh_icons()  # dark glyphs would vanish on a dark toolbar

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.file_actions.close_requested():
            event.ignore()
            return
        self.save_layout()
        self.transport.pause()
        self.jobs.cancel()
        with contextlib.suppress(TimeoutError):
            self.jobs.wait(5.0)
        super().closeEvent(event)
