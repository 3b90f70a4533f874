"""The main window: cell diagram, equations, plots and transport around one Session.

The window composes views that each follow the session (see docs/architecture.md):
every view is built from the session alone (its ``sync``), updates itself
incrementally on cheap changes, retranslates itself in place on a language
change, and says what it shows with ``rendered()``. :meth:`MainWindow.rendered`
gathers them, so a test can compare a live window with one built afresh on a
copy of its session (:func:`lstm_sim.gui.rendered.fresh_window`).
"""

from __future__ import annotations

import contextlib
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..examples import spikes_example
from ..session import Origin, Session, Topic
from .backward import BackwardPanel, CodePanel, MatrixPanel
from .banner import InfoBanner, SaturationBanner
from .controls import ControlsBar
from .diagram import CellDiagram
from .equations import EquationsPanel
from .files import FileActions
from .follow import follow
from .jobs import JobRunner
from .menus import Menus
from .model_strip import ModelStrip
from .plots.compare import ComparePanel
from .plots.panels import PlotPanels
from .rnn_box import RnnBox
from .stepping import Stepper
from .tour import TourDialog
from .training import TrainingDock
from .transport import Transport
from .values_table import ValuesTable
from .weights import WeightEditor

__all__ = ["APP_TITLE", "MainWindow", "default_session", "first_size"]

APP_TITLE = "LSTM Cell Simulator"


def first_size(available: QSize, frame: QSize | None = None) -> QSize:
    """The size of the first window on a screen whose free area is ``available``.

    90 % of the screen, at least 1280 × 800 (the layout's design size) where the
    screen has room for it, and never more than the screen less the window
    frame (``frame``: the title bar's height and the borders' widths): 1728 × 972
    on 1920 × 1080; on 1280 × 800, the screen less the frame.
    """
    fw, fh = (frame.width(), frame.height()) if frame is not None else (0, 0)
    w = min(available.width() - fw, max(1280, round(available.width() * 0.9)))
    h = min(available.height() - fh, max(800, round(available.height() * 0.9)))
    return QSize(w, h)


def default_session() -> Session:
    """The built-in example the app opens on."""
    seq, params = spikes_example()
    session = Session(seq, params)
    session.set_origin(Origin("builtin"))
    return session


class MainWindow(QMainWindow):
    """The application window.

    Parameters
    ----------
    session : Session, optional
        What to show; the built-in example by default.
    undo_stack : QUndoStack, optional
        The weight editor's undo history (a new, empty one by default).

    Signals
    -------
    language_requested(str)
        The user chose a language in View ▸ Language ("system", "en", "zh_CN");
        :meth:`set_language` is connected to it, and the window is retranslated
        in place (the same window, with its state).
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
        self.setObjectName("MainWindow")
        self.resize(1280, 800)
        from .theme import apply_theme, current_theme

        # Style and palette before the widgets exist: set afterwards, they would
        # re-polish every widget just built.
        apply_theme(QSettings().value("appearance", "system"))
        s = self.session
        self.diagram = CellDiagram(theme=current_theme())
        self.diagram.follow_session(s)
        self.equations = EquationsPanel(s)
        self.backward = BackwardPanel(s)
        self.matrix = MatrixPanel(s)
        self.code = CodePanel(s)
        self.plots = PlotPanels(s)
        # The gradients tab is built when first shown or asked for (≈ 0.1 s of the
        # launch); until then its place in the tabs is held by an empty page.
        self._compare: ComparePanel | None = None
        self._compare_page = QWidget()
        self.transport = Transport(self)
        self.controls = ControlsBar(s)
        self.banner = InfoBanner(s)
        self.model_strip = ModelStrip(s)
        self.rnn_box = RnnBox(s)
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack()
        self.undo_stack.setParent(self)
        self.saturation = SaturationBanner(s, self.undo_stack, seek=self.request_step)
        self._build_layout()
        self._build_status_bar()
        self.jobs = JobRunner(self, self.status_label, self.progress, self.cancel_button)
        self.stepper = Stepper(self, s, self.jobs)
        self.menus = Menus(self)
        self.file_actions = FileActions(self)  # File menu: open, save, export, drops
        self.view_menu.addMenu(self.plots.panels_menu)  # View ▸ Plot panels
        self.language_requested.connect(self.set_language)
        self.transport.step_requested.connect(self.request_step)
        self.transport.run_to_end_requested.connect(self.run_to_end)
        self.transport.speed_changed.connect(lambda v: s.update_settings(speed=v))
        self.transport.loop_changed.connect(lambda on: s.update_settings(loop=on))
        self.plots.seek_requested.connect(self.request_step)
        self.retranslate()
        follow(self, s, self._on_changed, *Topic)
        self._on_changed(frozenset(Topic))
        from PySide6.QtGui import QGuiApplication

        apply_theme(QSettings().value("appearance", "system"), [self])
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._follow_system_scheme)

    # ------------------------------------------------------------- building
    def _build_layout(self) -> None:
        side = QWidget()
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(4, 4, 4, 4)
        self.equations_box = QGroupBox()
        self.equations_box.setFlat(True)
        eq_lay = QVBoxLayout(self.equations_box)
        eq_lay.setContentsMargins(2, 2, 2, 2)
        eq_lay.addWidget(self.equations)
        # The forward equations and, beside them, the backward pass (gui/backward).
        self.side_tabs = QTabWidget()
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.addTab(self.equations_box, "")
        self.side_tabs.addTab(self.backward, "")
        self.side_tabs.addTab(self.matrix, "")
        self.side_tabs.addTab(self.code, "")
        side_lay.addWidget(self.side_tabs, 1)
        side_lay.addWidget(self.rnn_box)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.diagram)
        top.addWidget(side)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        top.setSizes([760, 500])
        self.tabs = QTabWidget()
        self.tabs.addTab(self.plots, "")
        self.tabs.addTab(self._compare_page, "")
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        top_box = QWidget()
        top_lay = QVBoxLayout(top_box)
        top_lay.setContentsMargins(0, 0, 0, 0)
        top_lay.setSpacing(0)
        top_lay.addWidget(self.banner)
        top_lay.addWidget(self.model_strip)
        top_lay.addWidget(self.saturation)
        top_lay.addWidget(top, 1)
        bottom = QWidget()
        bottom_lay = QVBoxLayout(bottom)
        bottom_lay.setContentsMargins(0, 0, 0, 0)
        bottom_lay.setSpacing(0)
        # The controls bar wraps into a second row rather than forcing the window wider
        # than the screen when docks are open (gui/flow_layout.py).
        bottom_lay.addWidget(self.controls)
        bottom_lay.addWidget(self.tabs, 1)
        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(top_box)
        main.addWidget(bottom)
        # Diagram above, plots below: the user moves the split; neither collapses (the
        # plots keep a readable height per panel, PlotPanels.MIN_PANEL_HEIGHT).
        main.setChildrenCollapsible(False)
        main.setStretchFactor(0, 1)
        main.setStretchFactor(1, 1)
        main.setSizes([330, 430])
        self.splitter = main
        self.setCentralWidget(main)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("transport_toolbar")
        self.toolbar.setMovable(False)
        self.transport.populate(self.toolbar)
        self.addToolBar(self.toolbar)
        # Tool buttons take no keyboard focus by default: make them reachable with Tab.
        for button in self.toolbar.findChildren(QToolButton):
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        s = self.session
        self.weight_editor = WeightEditor(s, self.undo_stack, self, lazy=True)
        self.training = TrainingDock(s, self)
        self.values = ValuesTable(s, self)
        for dock in (self.weight_editor, self.training, self.values):
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            dock.hide()  # View ▸ … shows them; the cell and plots come first

    def _build_status_bar(self) -> None:
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(200)
        self.cancel_button = QPushButton()
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

    # ---------------------------------------------------------- translation
    def retranslate(self) -> None:
        """The window's own texts in the current language (its views do their own)."""
        self.menus.retranslate()
        self.transport.retranslate()
        self.diagram.setAccessibleName(self.tr("LSTM memory cell diagram"))
        # (the tab names the equations: the box has no title of its own, the lines need the room)
        self.side_tabs.setTabText(0, self.tr("Forward"))
        self.side_tabs.setTabText(1, self.tr("Backward"))
        self.side_tabs.setTabText(2, self.tr("Matrix form"))
        self.side_tabs.setTabText(3, self.tr("Code"))
        self.tabs.setTabText(0, self.tr("Over time"))
        self.tabs.setTabText(1, self.tr("Vanishing && exploding gradients"))
        self.toolbar.setWindowTitle(self.tr("Transport"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the computation that is running"))
        self._update_title()
        self._retranslate_qt_parts()

    #: Texts Qt's own widgets set once, when made (qtbase's catalogue translates them):
    #: (object name, Qt's context, accessible name, accessible description).
    _QT_PARTS = (
        ("qt_dockwidget_closebutton", "QDockWidget", "Close", "Closes the dock widget"),
        (
            "qt_dockwidget_floatbutton",
            "QDockWidget",
            "Float",
            "Undocks and re-attaches the dock widget",
        ),
        ("ScrollLeftButton", "QTabBar", "Scroll Left", ""),
        ("ScrollRightButton", "QTabBar", "Scroll Right", ""),
    )

    def _retranslate_qt_parts(self) -> None:
        """The dock buttons' and tab bars' scroll buttons' names, which Qt never sets again."""
        translate = QCoreApplication.translate  # Qt's texts: not extracted into our .ts
        for name, context, text, description in self._QT_PARTS:
            for button in self.findChildren(QAbstractButton, name):
                button.setAccessibleName(translate(context, text))
                if description:
                    button.setAccessibleDescription(translate(context, description))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        kind = event.type()
        # (Not while the window is built, nor when Qt is deleting a window that still
        # gets the change after its menus are gone.)
        menu = getattr(self, "file_menu", None)
        if kind == QEvent.Type.LanguageChange and menu is not None and shiboken6.isValid(menu):
            self.retranslate()
        transport = getattr(self, "transport", None)  # None while the window is built
        if transport is not None and kind in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            transport.refresh_icons()  # dark glyphs would vanish on a dark toolbar

    def set_language(self, code: str) -> None:
        """View ▸ Language: install ``code`` ("system", "en", "zh_CN") and retranslate in place.

        Remembered for the next start. Every widget handles the language change
        itself; the window, its state, its docks and its undo history stay.
        """
        from .i18n import install_language, resolve_language

        QSettings().setValue("language", code)
        install_language(resolve_language(code))
        # The application posts the change to every window: deliver it now, so the
        # window is translated when this returns.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        with QSignalBlocker(self):
            for key, action in self.language_actions.items():
                action.setChecked(key == code)

    # ------------------------------------------------------------- the views
    @property
    def compare(self) -> ComparePanel:
        """The gradients tab (built on first use)."""
        if self._compare is None:
            from .theme import current_theme, restyle_plots

            panel = ComparePanel(self.session)
            panel.lag_requested.connect(lambda _lag: self.side_tabs.setCurrentWidget(self.backward))
            restyle_plots(panel, current_theme())
            index = self.tabs.indexOf(self._compare_page)
            current = self.tabs.currentIndex()
            with QSignalBlocker(self.tabs):
                self.tabs.removeTab(index)
                self.tabs.insertTab(index, panel, self.tr("Vanishing && exploding gradients"))
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

    def _on_changed(self, changes: frozenset[Topic]) -> None:
        s = self.session
        if changes & {Topic.STEP, Topic.SEQUENCE}:
            self.transport.show_position(s.t, s.T)
        if Topic.SETTINGS in changes:
            st = s.settings
            self.transport.show_settings(st.speed, st.loop)
            with QSignalBlocker(self.compare_action):
                self.compare_action.setChecked(st.compare)
        if changes & {Topic.MODIFIED, Topic.NAME, Topic.ORIGIN}:
            self._update_title()

    def session_title(self) -> str:
        """The session's name as the title bar shows it, in the current language."""
        s = self.session
        if s.name:
            return s.name
        origin = s.origin
        if origin is not None and origin.kind == "example":
            from ..gallery import example

            return QCoreApplication.translate("Gallery", example(origin.key).title)
        if origin is not None and origin.kind == "scenario":
            from ..scenarios import scenario

            return QCoreApplication.translate("Scenarios", scenario(origin.key).title)
        if origin is not None and origin.kind == "builtin":
            return self.tr("Spikes (built-in)")
        return self.tr("untitled")

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.session_title()}[*] — {self.tr(APP_TITLE)}")
        self.setWindowModified(self.session.modified)

    def rendered(self) -> dict[str, Any]:
        """What every view shows, as plain data (see :mod:`lstm_sim.gui.rendered`).

        Keys: ``title``, ``transport``, ``controls``, ``banner``, ``saturation``, ``diagram``,
        ``equations``, ``backward``, ``matrix``, ``code``, ``rnn``, ``values``, ``plots``,
        ``compare``, ``training``, ``jobs``. A live window and one built afresh on a copy of
        its session (:func:`~lstm_sim.gui.rendered.fresh_window`) must give equal data.
        """
        return {
            "title": {"text": self.windowTitle(), "modified": self.isWindowModified()},
            "transport": self.transport.rendered(),
            "controls": self.controls.rendered(),
            "banner": self.banner.rendered(),
            "model_strip": self.model_strip.rendered(),
            "saturation": self.saturation.rendered(),
            "diagram": self.diagram.rendered(),
            "equations": self.equations.rendered(),
            "backward": self.backward.rendered(),
            "matrix": self.matrix.rendered(),
            "code": self.code.rendered(),
            "rnn": self.rnn_box.rendered(),
            "values": self.values.rendered(),
            "plots": self.plots.rendered(),
            "compare": self.compare.rendered(),
            "training": self.training.rendered(),
            "jobs": self.jobs.rendered(),
        }

    # ------------------------------------------------------- what is loaded
    def load_example(self, key: str) -> bool:
        """Open an example of the gallery, with its weights and what to look at.

        Asks about unsaved changes first; False: the session was kept.
        """
        from ..gallery import load_example

        if not self.file_actions.maybe_save():
            return False
        self.file_actions.quiesce()
        seq, params, readout = load_example(key)
        with self.session.batch():
            self.session.apply_setup(
                seq,
                params,
                None,
                {"compare": False, "clamp": (), "clip": None},
                0,
                name="",
                readout=readout,
                origin=Origin("example", key),
            )
            self.file_actions.saver.fresh_document()
        self.tabs.setCurrentWidget(self.plots)
        return True

    def load_scenario(self, key: str) -> bool:
        """Set up one of the gradient scenarios (one click) and explain it.

        Asks about unsaved changes first; False: the session was kept.
        """
        from ..scenarios import scenario

        if not self.file_actions.maybe_save():
            return False
        self.file_actions.quiesce()
        setup = scenario(key).build()
        with self.session.batch():
            self.session.apply_setup(
                setup.sequence,
                setup.params,
                setup.rnn,
                setup.settings,
                setup.step,
                name="",
                origin=Origin("scenario", key),
            )
            self.file_actions.saver.fresh_document()
        self.tabs.setCurrentWidget(self.compare)
        return True

    def show_tour(self) -> TourDialog:
        """Help ▸ Guided tour: the diagram part by part (non-modal); also kept as :attr:`tour`."""
        self.tour = TourDialog(self.diagram, self)
        self.tour.show()
        return self.tour

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

    # ------------------------------------------------------------ appearance
    def set_appearance(self, choice: str) -> None:
        """Light, dark, high contrast or follow the system; remembered in the settings."""
        from .theme import apply_theme

        QSettings().setValue("appearance", choice)
        apply_theme(choice, [self])

    def _follow_system_scheme(self, *_args: object) -> None:
        if QSettings().value("appearance", "system") == "system":
            self.set_appearance("system")

    def fit_to_screen(self) -> None:
        """Size and centre the window for its screen (the first start: no saved geometry)."""
        from PySide6.QtWidgets import QStyle

        area = self.screen().availableGeometry()
        frame = self.frameGeometry().size() - self.size()  # known once shown
        if frame.isEmpty():  # not yet: a title bar and thin borders
            title = self.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
            frame = QSize(8, title + 8)
        self.resize(first_size(area.size(), frame))
        outer = self.size() + frame
        self.move(
            area.x() + (area.width() - outer.width()) // 2,
            area.y() + (area.height() - outer.height()) // 2,
        )

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

    # -------------------------------------------------------------- stepping
    def request_step(self, t: int) -> None:
        """Move the cursor to ``t``; far jumps into uncomputed steps run in a worker."""
        self.stepper.request_step(t)

    def run_to_end(self) -> None:
        """Go to the last step (computing the rest of the sequence off the GUI thread)."""
        self.stepper.run_to_end()

    def cancel_jobs(self) -> None:
        """Cancel the computations that run on the session (steps and gradients)."""
        self.stepper.cancel()

    def wait_for_jobs(self, timeout: float = 30.0) -> None:
        """Block until the computations end and their results are delivered (tests)."""
        self.stepper.wait(timeout)

    def settle(self, timeout: float = 30.0) -> None:
        """Wait until nothing is left to compute: steps, files, and a long BPTT window
        (whose worker starts once the cursor rests). For tests and comparisons."""
        import time

        deadline = time.monotonic() + timeout
        while True:
            self.jobs.wait(max(0.0, deadline - time.monotonic()))
            if not (self.session.gradients_stale or self.stepper.gradients_due):
                break
            if time.monotonic() > deadline:
                raise TimeoutError("gradients still being computed")
            QCoreApplication.processEvents()
            time.sleep(0.01)
        QCoreApplication.processEvents()

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

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.file_actions.close_requested():
            event.ignore()
            return
        self.save_layout()
        self.transport.pause()
        self.training.stop()
        self.jobs.cancel()
        with contextlib.suppress(TimeoutError):
            self.jobs.wait(5.0)
        super().closeEvent(event)
