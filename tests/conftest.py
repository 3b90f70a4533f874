"""Fixtures shared by the GUI tests."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture
def settings(tmp_path, qapp):
    """QSettings (any format, user scope) in ``tmp_path``, under test names."""
    names = (qapp.organizationName(), qapp.applicationName())
    fmt = QSettings.defaultFormat()
    path = tmp_path / "settings"
    for f in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(f, QSettings.Scope.UserScope, str(path))
        QSettings.setPath(f, QSettings.Scope.SystemScope, str(path / "system"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    qapp.setOrganizationName("lstm-sim-tests")
    qapp.setApplicationName("lstm-sim-tests")
    QSettings().clear()
    yield path
    QSettings().clear()
    QSettings.setDefaultFormat(fmt)
    qapp.setOrganizationName(names[0])
    qapp.setApplicationName(names[1])


@pytest.fixture
def english(settings):
    """The app in English (the language setting too), and English again afterwards."""
    from lstm_sim.gui.i18n import install_language

    install_language("en")
    QSettings().setValue("language", "en")
    yield
    install_language("en")
