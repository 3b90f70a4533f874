"""The main window's menu bar (the File menu's own actions are :mod:`lstm_sim.gui.files`').

:class:`Menus` creates the menus and actions once; :meth:`Menus.retranslate`
sets every text in the current language, so a language switch changes them in
place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from ..gallery import EXAMPLES
from ..scenarios import SCENARIOS
from .i18n import LANGUAGES
from .mnemonics import with_mnemonics

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["REDO_KEYS", "Menus"]

#: Edit ▸ Redo: Ctrl+Shift+Z (shown in the menu) and Ctrl+Y, on every platform (the
#: platform's own list puts either first; the README names both).
REDO_KEYS = [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]

#: View ▸ Language entries with their mnemonics (names in their own language).
_LANGUAGE_ENTRIES = {"en": "&English", "zh_CN": "简体中文(&Z)"}


class Menus(QObject):
    """File (examples, quit), Edit, Simulation, View, Scenarios and Help of one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = w = window
        bar = w.menuBar()
        w.file_menu = self._menu(bar)
        w.quit_action = QAction(w)
        # QKeySequence.Quit maps to nothing on Linux: add Ctrl+Q explicitly.
        w.quit_action.setShortcuts(
            [QKeySequence("Ctrl+Q")]
            + [
                k
                for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
                if k.toString() != "Ctrl+Q"
            ]
        )
        w.quit_action.triggered.connect(w.close)
        w.examples_menu = self._menu(w.file_menu)
        w.example_actions = {}
        for ex in EXAMPLES:
            a = QAction(w)
            a.triggered.connect(lambda _checked=False, key=ex.key: w.load_example(key))
            w.examples_menu.addAction(a)
            w.example_actions[ex.key] = a
        w.file_menu.addSeparator()
        w.file_menu.addAction(w.quit_action)

        w.edit_menu = self._menu(bar)
        w.undo_action = w.redo_action = None

        w.sim_menu = self._menu(bar)
        for a in w.transport.actions():
            w.sim_menu.addAction(a)
            w.addAction(a)  # shortcuts work wherever the focus is

        w.view_menu = self._menu(bar)
        w.compare_action = QAction(w)
        w.compare_action.setCheckable(True)
        w.compare_action.toggled.connect(w._on_compare_action)
        w.view_menu.addAction(w.compare_action)
        self.dock_actions = (
            (w.weight_editor.toggleViewAction(), "Ctrl+E"),
            (w.training.toggleViewAction(), "Ctrl+T"),
            (w.values.toggleViewAction(), "Ctrl+Shift+V"),
        )
        self._dock_texts: dict[QAction, str] = {}
        for action, shortcut in self.dock_actions:
            action.setShortcut(QKeySequence(shortcut))
            w.view_menu.addAction(action)
            # A dock sets its toggle action's text to its title whenever the title
            # changes (after the menus, on a language change): keep the menu's text.
            action.changed.connect(lambda a=action: self._keep_dock_text(a))
        w.appearance_menu = self._menu(w.view_menu)
        group = QActionGroup(w)
        chosen_look = QSettings().value("appearance", "system")
        w.appearance_actions = {}
        for key in ("system", "light", "dark", "high_contrast"):
            a = QAction(group)
            a.setCheckable(True)
            a.setChecked(chosen_look == key)
            a.triggered.connect(lambda _checked=False, k=key: w.set_appearance(k))
            w.appearance_menu.addAction(a)
            w.appearance_actions[key] = a

        w.scenario_menu = self._menu(bar)
        w.scenario_actions = {}
        for scn in SCENARIOS:
            a = QAction(w)
            a.triggered.connect(lambda _checked=False, key=scn.key: w.load_scenario(key))
            w.scenario_menu.addAction(a)
            w.scenario_actions[scn.key] = a

        w.language_menu = self._menu(w.view_menu)
        chosen = QSettings().value("language", "system")
        languages = QActionGroup(w)
        w.language_actions = {}
        for code in ("system", *LANGUAGES):
            a = QAction(languages)
            a.setCheckable(True)
            a.setChecked(chosen == code or (code == "system" and chosen not in LANGUAGES))
            a.triggered.connect(lambda _checked=False, c=code: w.language_requested.emit(c))
            w.language_menu.addAction(a)
            w.language_actions[code] = a

        w.help_menu = self._menu(bar)
        w.tour_action = QAction(w)
        w.tour_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        w.tour_action.triggered.connect(w.show_tour)
        w.help_menu.addAction(w.tour_action)
        w.about_action = QAction(w)
        w.about_action.triggered.connect(w.show_about)
        w.help_menu.addAction(w.about_action)

    def _keep_dock_text(self, action: QAction) -> None:
        text = self._dock_texts.get(action)
        if text is not None and action.text() != text:
            action.setText(text)

    def _menu(self, into: QMenuBar | QMenu) -> QMenu:
        """A menu made here and added to ``into``: PySide6 drops the wrapper of a menu that
        ``addMenu(title)`` made once ``QAction.menu()`` is asked for it (a test of the
        texts does), and the window could no longer retranslate it."""
        menu = QMenu(self.window)
        into.addMenu(menu)
        return menu

    def _undo_actions(self) -> None:
        """Edit ▸ Undo / Redo, made anew: the stack keeps the prefix ("&Undo") they were
        made with, and puts the command's text after it at every change."""
        w = self.window
        for old in (w.undo_action, w.redo_action):
            if old is not None:
                w.edit_menu.removeAction(old)
                old.deleteLater()
        w.undo_action = w.undo_stack.createUndoAction(w, self.tr("&Undo"))
        w.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        w.redo_action = w.undo_stack.createRedoAction(w, self.tr("&Redo"))
        w.redo_action.setShortcuts(REDO_KEYS)
        w.edit_menu.addAction(w.undo_action)
        w.edit_menu.addAction(w.redo_action)

    def retranslate(self) -> None:
        """Every menu title and action text, in the current language."""
        w = self.window
        w.file_menu.setTitle(self.tr("&File"))
        w.quit_action.setText(self.tr("&Quit"))
        w.examples_menu.setTitle(self.tr("&Examples"))
        # "&" would be a mnemonic in a menu ("Hochreiter & Schmidhuber")
        titles = [
            QCoreApplication.translate("Gallery", ex.title).replace("&", "&&") for ex in EXAMPLES
        ]
        for ex, text in zip(EXAMPLES, with_mnemonics(titles), strict=True):
            a = w.example_actions[ex.key]
            a.setText(text)
            a.setStatusTip(QCoreApplication.translate("Gallery", ex.description)[:120])
        w.edit_menu.setTitle(self.tr("&Edit"))
        self._undo_actions()
        w.sim_menu.setTitle(self.tr("&Simulation"))
        w.view_menu.setTitle(self.tr("&View"))
        w.compare_action.setText(self.tr("&Compare with a vanilla RNN"))
        names = (self.tr("&Weights editor"), self.tr("&Training"), self.tr("&Values table"))
        for (action, _shortcut), text in zip(self.dock_actions, names, strict=True):
            self._dock_texts[action] = text
            action.setText(text)
        w.appearance_menu.setTitle(self.tr("&Appearance"))
        looks = {
            "system": self.tr("Follow the &system (light or dark)"),
            "light": self.tr("&Light"),
            "dark": self.tr("&Dark"),
            "high_contrast": self.tr("&High contrast"),
        }
        for key, text in looks.items():
            w.appearance_actions[key].setText(text)
        w.scenario_menu.setTitle(self.tr("S&cenarios"))
        titles = [QCoreApplication.translate("Scenarios", scn.title) for scn in SCENARIOS]
        for scn, text in zip(SCENARIOS, with_mnemonics(titles), strict=True):
            a = w.scenario_actions[scn.key]
            a.setText(text)
            a.setToolTip(QCoreApplication.translate("Scenarios", scn.explanation))
        w.language_menu.setTitle(self.tr("&Language"))
        w.language_actions["system"].setText(self.tr("&System default"))
        for code, name in LANGUAGES.items():  # each in its own language: not translated
            w.language_actions[code].setText(_LANGUAGE_ENTRIES.get(code, name))
            w.language_actions[code].setToolTip(name)
        w.help_menu.setTitle(self.tr("&Help"))
        w.tour_action.setText(self.tr("Guided &tour of the cell"))
        w.about_action.setText(self.tr("&About lstm-sim"))
