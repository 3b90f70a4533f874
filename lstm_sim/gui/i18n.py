"""Languages: English (the source) and 简体中文, through Qt's translators.

The app's translations are Qt Linguist files, ``resources/i18n/lstm_sim_<code>.ts``
(source) and ``.qm`` (compiled, shipped with the package); Qt's own
``qtbase_<code>.qm`` translates the standard dialogs. ``tools/update_translations.py``
runs ``pyside6-lupdate`` and ``pyside6-lrelease``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo

from ..resources import resource_path

__all__ = [
    "LANGUAGES",
    "current_language",
    "install_language",
    "numerus",
    "resolve_language",
    "system_language",
]

#: Language code → its name in that language (menu text: not translated on purpose).
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}

_installed: list[QTranslator] = []
_current = "en"
_bundled: list[str] = []  # the shipped CJK font's family, once registered
_resolved: dict[str, str] = {}  # a generic family → the font it stood for before ours

#: The Chinese font shipped with the app (resources/fonts, made by
#: tools/make_cjk_font.py): every character of the translations, nothing more.
BUNDLED_CJK_FONT = ("fonts", "lstm-sim-cjk.otf")

# Families tried, in order, for Chinese text (the first one the system has wins).
_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Droid Sans Fallback",
)


def system_language() -> str:
    """The supported language closest to the system locale ("zh_CN" for any Chinese)."""
    name = QLocale.system().name()
    return "zh_CN" if name.startswith("zh") else "en"


def resolve_language(code: str | None) -> str:
    """A supported language code for a setting (None or "system": follow the system)."""
    if code in LANGUAGES:
        return code
    return system_language()


def current_language() -> str:
    """The language whose translators are installed."""
    return _current


def bundled_cjk_family() -> str | None:
    """Register the shipped CJK font (once) and return its family (None if it cannot load)."""
    if not _bundled:
        try:
            data = resource_path(*BUNDLED_CJK_FONT).read_bytes()
        except OSError:
            return None
        font_id = QFontDatabase.addApplicationFontFromData(data)
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            return None
        _bundled.append(families[0])
    return _bundled[0]


def _cjk_fallback() -> None:
    """Let Qt fall back to a CJK-capable family, so Chinese never renders as boxes.

    A system CJK font comes first (it covers everything); the shipped one, which
    covers the translations, is the last resort on machines without any. Each
    generic family (the UI's, sans-serif, monospace) keeps the font it stands for
    first: the Latin letters, digits and marks stay in it — the tilde of C̃ and the
    monospace of the equations included — and only what it lacks (the Chinese)
    comes from the CJK families.
    """
    families = set(QFontDatabase.families())
    chosen = [f for f in _CJK_FAMILIES if f in families]
    bundled = bundled_cjk_family()
    if bundled is not None:
        chosen.append(bundled)
    if not chosen:
        return
    base = QCoreApplication.instance().font().family()  # type: ignore[union-attr]
    for generic in dict.fromkeys((base, "Sans Serif", "sans-serif", "DejaVu Sans", "monospace")):
        resolved = _resolved.get(generic)
        if resolved is None:  # what the family is without our substitutions (asked once)
            resolved = _resolved[generic] = QFontInfo(QFont(generic)).family()
        first = [resolved] if resolved not in chosen else []
        QFont.insertSubstitutions(generic, [*first, *chosen])


def numerus(text: str, n: int) -> str:
    """``text`` as ``tr(source, "", n)`` gave it, with the English plural where no
    translation applied.

    Qt picks a translation's plural form by ``n`` (``"%n step(s)"`` → "%n 步"),
    but English, the source language, has no translation file: its "(s)" is
    written out here ("1 step", "2 steps").
    """
    if "(s)" not in text:
        return text
    return text.replace("(s)", "" if n == 1 else "s")


def install_language(code: str) -> bool:
    """Install the translators of ``code`` (removing the previous ones).

    Returns False when the app's translation file for ``code`` is missing
    (English is then used).
    """
    global _current
    app = QCoreApplication.instance()
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    _current = "en"
    if code == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    ours = QTranslator(app)
    try:
        path = resource_path("i18n", f"lstm_sim_{code}.qm")
    except FileNotFoundError:
        return False
    if not ours.load(str(path)):
        return False
    qt = QTranslator(app)
    if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    app.installTranslator(ours)
    _installed.append(ours)
    QLocale.setDefault(QLocale(code))
    _cjk_fallback()
    _current = code
    return True
