"""Menu mnemonics (the underlined letter of "&File"): read them, and give texts that come
from data (example and scenario titles) one that no other entry of their menu uses.

A text names its mnemonic with ``&`` before a character; ``&&`` is a literal
ampersand. Chinese menus put a Latin letter in brackets after the text,
"文件(&F)", before a trailing ellipsis: "打开(&O)…".
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["mnemonic", "with_mnemonics"]

_ELLIPSIS = ("…", "...")


def mnemonic(text: str) -> str | None:
    """The mnemonic character of ``text``, upper-cased; None when it has none.

    ``"Save &As…"`` → ``"A"``, ``"Hochreiter && Schmidhuber"`` → None.
    """
    k = 0
    while k < len(text) - 1:
        if text[k] == "&":
            if text[k + 1] != "&":
                return text[k + 1].upper()
            k += 2
        else:
            k += 1
    return None


def _is_cjk(text: str) -> bool:
    return any("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def _candidates(text: str) -> list[int]:
    """Indices of ASCII letters and digits of ``text`` (``&&`` skipped): initials of
    words first, then the other characters in order."""
    initials: list[int] = []
    others: list[int] = []
    k, start_of_word = 0, True
    while k < len(text):
        ch = text[k]
        if text.startswith("&&", k):
            k, start_of_word = k + 2, True
            continue
        if ch.isascii() and ch.isalnum():
            (initials if start_of_word else others).append(k)
            start_of_word = False
        else:
            start_of_word = not ch.isalnum()
        k += 1
    return initials + others


def _append(text: str, letter: str) -> str:
    """``text(&L)``, before a trailing ellipsis."""
    for tail in _ELLIPSIS:
        if text.endswith(tail):
            return f"{text[: -len(tail)]}(&{letter}){tail}"
    return f"{text}(&{letter})"


def with_mnemonics(texts: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """``texts`` (menu entries, ``&&`` for a literal ``&``), each given a mnemonic that
    neither ``taken`` nor the others use.

    A text that has one keeps it. A Latin text gets ``&`` before the first
    initial (else letter or digit) still free: "LSTM &forgets"; a Chinese text
    gets a free letter in brackets: "LSTM 遗忘了(&F)" is "LSTM 遗忘了(&A)" when
    F is taken. When all 36 letters and digits are taken the text stays as it is.

    Parameters
    ----------
    texts : iterable of str
        The entries of one menu, in menu order.
    taken : iterable of str
        Mnemonics (single characters) the menu's other entries already use.
    """
    texts = list(texts)
    used = {m.upper() for m in taken}
    used |= {m for m in map(mnemonic, texts) if m is not None}
    free = [c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ123456789" if c not in used]
    out = []
    for text in texts:
        if mnemonic(text) is not None:
            out.append(text)
            continue
        chosen = None
        if not _is_cjk(text):
            chosen = next((k for k in _candidates(text) if text[k].upper() in free), None)
        if chosen is not None:
            free.remove(text[chosen].upper())
            out.append(f"{text[:chosen]}&{text[chosen:]}")
        elif free:
            out.append(_append(text, free.pop(0)))
        else:
            out.append(text)
    return out
