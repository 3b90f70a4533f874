"""The File menu: open, save, recent files, exports, drag-and-drop, plot menus (split by job).

- :mod:`.actions` — :class:`FileActions`, the menu and the services its parts share;
- :mod:`.opening` — sequences (with the CSV import dialog), weights, sessions, any file;
- :mod:`.saving` — Save, Save As, the unsaved-changes question, Save Weights;
- :mod:`.recent` — File ▸ Open Recent;
- :mod:`.exports` — plots, a panel, the cell diagram, the trace;
- :mod:`.drops` — files dropped on the window;
- :mod:`.plot_menu` — the plots' context menu;
- :mod:`.csv_import`, :mod:`.dialogs` — the dialogs (they only collect a choice).

The formats themselves are :mod:`lstm_sim.io`'s (plain functions, no Qt), and
what a file holds is told by :func:`lstm_sim.io.registry.identify`.
"""

from .actions import FileActions, files_from_arguments
from .settings_keys import EXPORT_DIR_KEY, MAX_RECENT, OPEN_DIR_KEY, RECENT_KEY, TABLE_SUFFIXES

__all__ = [
    "EXPORT_DIR_KEY",
    "MAX_RECENT",
    "OPEN_DIR_KEY",
    "RECENT_KEY",
    "TABLE_SUFFIXES",
    "FileActions",
    "files_from_arguments",
]
