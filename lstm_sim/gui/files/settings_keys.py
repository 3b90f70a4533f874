"""What the File menu remembers in QSettings, and the suffixes it treats as tables."""

from __future__ import annotations

__all__ = ["EXPORT_DIR_KEY", "MAX_RECENT", "OPEN_DIR_KEY", "RECENT_KEY", "TABLE_SUFFIXES"]

#: Entries kept in File ▸ Open Recent (newest first, under :data:`RECENT_KEY`).
MAX_RECENT = 10
RECENT_KEY = "recent_files"
#: The folder exports were last written to.
EXPORT_DIR_KEY = "last_export_dir"
#: The folder the open and save dialogs were last in.
OPEN_DIR_KEY = "last_dir"
#: Suffixes read as tables (the CSV import dialog asks for the columns).
TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".dat")
