"""The plots' context menu: export this panel, or all of them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QPoint,
    QPointF,
    Qt,
)
from PySide6.QtGui import (
    QAction,
)
from PySide6.QtWidgets import QMenu

from .part import FilePart

__all__ = ["PlotMenu"]


class PlotMenu(FilePart):
    """The plots' context menu: export this panel, or all of them."""

    def __init__(self, files, view) -> None:
        super().__init__(files)
        self._viewport = view.viewport()
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._plot_context_menu)

    def _plot_context_menu(self, pos: QPoint) -> None:
        key = self.panel_at(pos)
        if key is not None:
            self._plot_menu(key, self._viewport.mapToGlobal(pos))

    def panel_at(self, pos: Any) -> str | None:
        """The plot panel under a point of the plots' viewport, or None."""
        view = self.window.plots.layout_widget
        scene_pos = view.mapToScene(pos)
        for key, plot in self.window.plots.plots.items():
            if plot.sceneBoundingRect().contains(QPointF(scene_pos)):
                return key
        return None

    @staticmethod
    def exec_menu(menu: QMenu, global_pos: Any) -> QAction | None:
        """Show a context menu and return the chosen action (tests replace this)."""
        return menu.exec(global_pos)

    def _plot_menu(self, key: str, global_pos: Any) -> None:
        menu = QMenu(self.window)
        one = menu.addAction(self.tr("Export this plot…"))
        every = menu.addAction(self.tr("Export all plots…"))
        chosen = self.exec_menu(menu, global_pos)
        menu.deleteLater()
        if chosen is one:
            self.files.exporter.export_panel(key)
        elif chosen is every:
            self.files.exporter.export_plots()
