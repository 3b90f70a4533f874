"""The layer boundary of docs/architecture.md: only ``lstm_sim.gui`` may import Qt.

Each module is imported in a fresh interpreter (``sys.executable -c …``), which
then reports which of PySide6 / pyqtgraph ended up in ``sys.modules``.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

FORBIDDEN = ("PySide6", "pyqtgraph", "shiboken6")

# lstm_sim.io and lstm_sim.session belong here as well once they exist.
HEADLESS_MODULES = [
    "lstm_sim.engine",
    "lstm_sim.io",
    "lstm_sim.session",
    "lstm_sim.cli",
    "lstm_sim.train",
    "lstm_sim.gallery",
    "lstm_sim.scenarios",
    "lstm_sim.examples",
]

_PROBE = """
import importlib, json, sys
importlib.import_module({module!r})
forbidden = {forbidden!r}
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in forbidden)))
"""


def imported_gui_modules(module: str) -> list[str]:
    """Names of the forbidden modules that importing ``module`` pulls in."""
    code = _PROBE.format(module=module, forbidden=FORBIDDEN)
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, f"importing {module} failed:\n{proc.stderr}"
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module", HEADLESS_MODULES)
def test_headless_module_imports_no_qt(module):
    found = imported_gui_modules(module)
    assert found == [], f"importing {module} imported {', '.join(found)}"


def test_probe_detects_a_qt_import():
    """The check itself works: a module that does import Qt is caught."""
    pytest.importorskip("PySide6.QtCore")
    assert "PySide6" in imported_gui_modules("PySide6.QtCore")
