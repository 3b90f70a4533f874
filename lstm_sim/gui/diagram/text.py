"""Texts of the cell diagram: the notation with subscripts, value formats, fonts."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QStaticText,
    QTextOption,
)
from PySide6.QtWidgets import QApplication

from ..numbers import format_value

__all__ = [
    "NO_VALUE",
    "PX_CAPTION",
    "PX_HEADER",
    "PX_LEGEND",
    "PX_PART",
    "PX_TAB",
    "PX_TITLE",
    "PX_VALUE_BADGE",
    "PX_VALUE_BOX",
    "PX_VALUE_TERM",
    "Metrics",
    "fill_template",
    "format_value",
    "make_font",
    "rich_notation",
    "static_text",
]


#: Text shown where there is no value (the gates at t = 0).
NO_VALUE = "—"


# Font sizes in scene units (the scene is drawn at ≈ 0.72 px per unit at 1280×800).
PX_VALUE_BOX = 22
PX_VALUE_TERM = 19
PX_VALUE_BADGE = 18
PX_TITLE = 17
PX_CAPTION = 16
PX_HEADER = 19
PX_PART = 17
PX_TAB = 15
PX_LEGEND = 15


_SUB_BRACED = re.compile(r"_\{([^}]*)\}")
_SUB_SINGLE = re.compile(r"_([A-Za-z0-9])")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def rich_notation(text: str) -> str:
    """Turn the notation of docs/architecture.md into Qt rich text with subscripts.

    ``"f_t"`` → ``f<sub>t</sub>``, ``"C_{t-1}"`` → ``C<sub>t−1</sub>``; the rest is
    HTML-escaped. Translations keep the plain notation, so translators never see
    markup.
    """
    out = html.escape(text, quote=False)
    out = _SUB_BRACED.sub(lambda m: f"<sub>{m.group(1).replace('-', '−')}</sub>", out)
    out = _SUB_SINGLE.sub(r"<sub>\1</sub>", out)
    return out.replace("\n", "<br>")


def fill_template(template: str, values: Mapping[str, str]) -> str:
    """Substitute ``{name}`` placeholders that are in ``values``; leave ``C_{t-1}`` alone."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def make_font(px: float, *, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont(QApplication.font())
    font.setPixelSize(round(px))
    font.setBold(bold)
    font.setItalic(italic)
    return font


class Metrics:
    """Advances and vertical metrics of one font, for placing short texts without a layout.

    ``QPainter.drawText`` into a rectangle with an alignment lays the text out
    (≈ 5 µs more than drawing it at a point); the value texts are a few
    characters of a small set (digits, signs, separators), so their widths are
    sums of cached advances.
    """

    _cache: ClassVar[dict[str, Metrics]] = {}

    def __init__(self, font: QFont) -> None:
        self._metrics = QFontMetricsF(font)
        self._advance: dict[str, float] = {}
        self.ascent = self._metrics.ascent()
        self.height = self._metrics.height()

    @classmethod
    def of(cls, font: QFont) -> Metrics:
        key = font.key()
        found = cls._cache.get(key)
        if found is None:
            found = cls._cache[key] = cls(font)
        return found

    def width(self, text: str) -> float:
        advance = self._advance
        total = 0.0
        for ch in text:
            w = advance.get(ch)
            if w is None:
                w = advance[ch] = self._metrics.horizontalAdvance(ch)
            total += w
        return total


def static_text(text: str, font: QFont) -> QStaticText:
    """A prepared text; rich (with subscripts) only when the notation needs it."""
    # Only subscripts and line breaks need rich text ("t = 12", the time, does not).
    rich = rich_notation(text) if "_" in text or "\n" in text else None
    if rich is None or rich == html.escape(text, quote=False):
        st = QStaticText(text)
        st.setTextFormat(Qt.TextFormat.PlainText)
    else:
        st = QStaticText(rich)
        st.setTextFormat(Qt.TextFormat.RichText)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    st.setTextOption(option)
    st.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
    st.prepare(font=font)
    return st
