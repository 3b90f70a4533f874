"""The import dialog's row count: exact when the preview read the whole file, else counted
in a worker (about a second per GB) with progress and a Stop button."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from ...io import LoadCancelled, LoadError, TablePreview, count_rows
from ..jobs import Job

__all__ = ["RowCount"]


class RowCount(QWidget):
    """How many rows (time steps) a table file has, counted off the GUI thread when needed.

    Parameters
    ----------
    preview : TablePreview
    parent : QWidget, optional
    """

    def __init__(self, preview: TablePreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._preview = preview
        self._rows: int | None = preview.total_rows
        self._job: Job | None = None
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setObjectName("rows_label")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(160)
        self.cancel_button = QPushButton(self.tr("Stop counting"))
        self.cancel_button.clicked.connect(self.cancel)
        lay.addWidget(self.label)
        lay.addWidget(self.progress)
        lay.addWidget(self.cancel_button)
        lay.addStretch(1)
        self._show()
        if self._rows is None:
            self._start()

    @property
    def rows(self) -> int | None:
        """The number of data rows, once known."""
        return self._rows

    def set_preview(self, preview: TablePreview, *, header_changed: bool) -> None:
        """A re-read preview: its exact count, or the count adjusted for the header line."""
        had_header = self._preview.has_header
        self._preview = preview
        if preview.total_rows is not None:
            self._rows = preview.total_rows
        elif self._rows is not None and header_changed:
            self._rows += 1 if had_header else -1  # the first line is data now, or not
        self._show()

    def cancel(self) -> None:
        """Stop counting (the estimate stays)."""
        if self._job is not None:
            self._job.cancel()

    def wait(self, timeout: float = 30.0) -> None:
        """Block until the count ended and its result arrived (tests)."""
        job = self._job
        if job is not None:
            job.wait(timeout)
            QCoreApplication.processEvents()

    def _show(self) -> None:
        counting = self._job is not None
        estimate = f"{self._preview.estimated_rows:,}"
        if self._rows is not None:
            text = self.tr("{n} rows (time steps) in the file.").format(n=f"{self._rows:,}")
        elif counting:
            text = self.tr("About {n} rows; counting…").format(n=estimate)
        else:
            text = self.tr("About {n} rows (estimated from the file size).").format(n=estimate)
        self.label.setText(text)
        self.progress.setVisible(counting)
        self.cancel_button.setVisible(counting)

    def _start(self) -> None:
        path, preview = self._preview.path, self._preview

        def work(progress: Any, cancelled: Any) -> int | None:
            try:
                return count_rows(path, preview, cancel=cancelled, progress=progress)
            except (LoadCancelled, LoadError):
                return None  # the estimate stays; loading will say what is wrong

        job = Job(work)
        # Bound methods, not lambdas: Qt drops them when the dialog is gone first.
        job.progressed.connect(self._on_progress)
        job.finished.connect(self._on_counted)
        job.failed.connect(self._on_failed)
        self._job = job
        self.progress.setValue(0)
        self._show()
        job.start()

    def _on_progress(self, fraction: float) -> None:
        self.progress.setValue(int(1000 * fraction))

    def _on_failed(self, _message: str) -> None:
        self._on_counted(None)

    def _on_counted(self, result: int | None) -> None:
        self._job = None
        if result is not None:
            self._rows = result
        self._show()
