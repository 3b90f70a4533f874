"""The machinery of the claims tables (``test_claims.py``, ``test_claims_gallery.py``).

A *claim* is a fragment of a text the app shows, exactly as the user reads it,
with a *check* that computes what it says from the engine and asserts it.
:class:`Table` collects them; each table module runs three kinds of test over
its own table:

- every row: the fragment is in its source text, and its check passes (the
  check receives the numbers of the fragment, so a changed number fails);
- every number of every source text lies inside a checked fragment
  (:func:`assert_every_number_checked`): a number added without a check fails;
- the Chinese translation of each translated source states the same numbers
  (:func:`assert_chinese_numbers`).

Sources are read where the app takes them from: the ``QT_TRANSLATE_NOOP``
constants of :mod:`lstm_sim.scenarios` and :mod:`lstm_sim.gallery`, the real
widgets of a main window (the ``app`` fixture, offscreen), the parser of the
CLI, a docstring, the README.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "lstm_sim_zh_CN.ts"


def load_tool(name: str):
    """A script of ``tools/`` as a module (they are not a package)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


# ------------------------------------------------------------------------ numbers in text

_SUBSCRIPT = re.compile(r"_\{[^}]*\}|_[A-Za-z0-9]+")  # C_{t−1}, h_0, W_hh: names, not numbers
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SUP = "[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+"
# "10⁻⁹" first: else "10" would be read as a number and "⁻⁹" dropped.
_NUMBER = re.compile(rf"(?<![A-Za-z0-9_.])(?:10({_SUP})|([−-]?)(\d+(?:\.\d+)?)(?:·10({_SUP}))?)")


class N(float):
    """A number as written: its value, and half a unit of its last digit (``half``)."""

    half: float = 0.0


def numbers(text: str) -> list[tuple[N, tuple[int, int]]]:
    """The numbers of a text and their spans (subscripts are names: C_0 holds no number)."""
    masked = _SUBSCRIPT.sub(lambda m: "_" * len(m.group()), text)
    found = []
    for m in _NUMBER.finditer(masked):
        bare, sign, mantissa, exp = m.groups()
        if bare is not None:
            value, half = 10.0 ** int(bare.translate(_SUPERSCRIPT)), 0.0
        else:
            decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
            scale = 10.0 ** int(exp.translate(_SUPERSCRIPT)) if exp else 1.0
            value = float(mantissa) * scale * (-1 if sign else 1)
            half = 0.5 * 10.0**-decimals * scale
        n = N(value)
        n.half = half
        found.append((n, m.span()))
    return found


def nums(text: str) -> list[N]:
    """The numbers of a text, in order."""
    return [n for n, _ in numbers(text)]


def agrees(value: float, stated: N, slack: float = 1e-9) -> None:
    """``value`` rounds to the number as written (within half a unit of its last digit)."""
    assert abs(value - stated) <= stated.half + slack * max(1.0, abs(stated)), (
        f"measured {value!r}, the text says {float(stated)!r}"
    )


def norm(text: str) -> str:
    """Whitespace as the user reads it (one space)."""
    return " ".join(text.split())


# ---------------------------------------------------------------------------- the table


@dataclass(frozen=True)
class Claim:
    source: str
    fragment: str  # "*": the whole text (numbers computed at run time)
    check: Callable


@dataclass
class Table:
    """Claims in the order they are registered."""

    rows: list[Claim] = field(default_factory=list)

    def add(self, source: str, fragment: str, check: Callable) -> None:
        self.rows.append(Claim(source, fragment, check))

    def claim(self, source: str, fragment: str) -> Callable[[Callable], Callable]:
        """Decorator: the function below checks ``fragment`` of ``source``."""

        def register(check: Callable) -> Callable:
            self.add(source, fragment, check)
            return check

        return register

    @staticmethod
    def ident(claim: Claim) -> str:
        return f"{claim.source}|{claim.fragment[:48]}"


def run_claim(claim: Claim, sources: dict[str, tuple[str, str | None]], app) -> None:
    text, _ = sources[claim.source]
    fragment = text if claim.fragment == "*" else claim.fragment
    assert fragment in text, f"{claim.source} no longer says: {fragment!r}\n{text}"
    claim.check(nums(fragment), app)


def assert_every_number_checked(table: Table, sources: dict[str, tuple[str, str | None]]) -> None:
    for source, (text, _) in sources.items():
        spans = []
        for c in table.rows:
            if c.source == source:
                fragment = text if c.fragment == "*" else c.fragment
                i = text.find(fragment)
                while i >= 0:
                    spans.append((i, i + len(fragment)))
                    i = text.find(fragment, i + 1)
        for _, (a, b) in numbers(text):
            assert any(lo <= a and b <= hi for lo, hi in spans), (
                f"{source}: {text[a:b]!r} in …{text[max(0, a - 40) : b + 40]}… has no check"
            )


def _translations() -> dict[tuple[str, str], str]:
    out = {}
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out[(name, norm(message.findtext("source") or ""))] = message.findtext("translation")
    return out


def assert_chinese_numbers(sources: dict[str, tuple[str, str | None]]) -> int:
    """The zh_CN translation of each source with a context has the same numbers; how many."""
    zh = _translations()
    checked = 0
    for source, (text, context) in sources.items():
        if context is None:
            continue  # English only (README, CLI help, docstrings, formatted labels)
        translation = zh.get((context, text))
        assert translation, f"{source}: no Chinese translation in {TS.name}"
        assert sorted(map(float, nums(translation))) == sorted(map(float, nums(text))), (
            f"{source}: {translation}"
        )
        checked += 1
    return checked


def readme(start: str) -> str:
    """The README paragraph (or list item) that starts with ``start``, on one line."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    i = text.index(start)
    end = min(j for j in (text.find("\n\n", i), text.find("\n- ", i)) if j > 0)
    return norm(text[i:end])


# ------------------------------------------------------------------- texts of the widgets


@pytest.fixture(scope="module")
def app(qapp):
    """Texts and defaults read from the widgets of a main window (offscreen, English).

    ``texts``: source → (text, translation context or None); ``defaults``: the
    compare panel's clipping threshold, the weight editor's preset and the
    training dock's settings; ``clamps``: the What-if choices.
    """
    from PySide6.QtWidgets import QLabel

    from lstm_sim.examples import spikes_example
    from lstm_sim.gui.main_window import MainWindow

    win = MainWindow()
    win.show()  # a hidden compare panel defers its refresh until shown
    qapp.processEvents()
    try:
        texts: dict[str, tuple[str, str | None]] = {}
        tour = win.show_tour()
        for page, (_, text, _) in enumerate(tour.pages, 1):
            texts[f"tour:{page}"] = (text, "TourDialog")
        tour.close()
        editor, dock = win.weight_editor, win.training
        texts["tooltip:forget-bias"] = (editor.forget_bias_box.toolTip(), "WeightEditor")
        texts["tooltip:clamp-f"] = (win.controls.clamp_f.toolTip(), "ControlsBar")
        texts["tooltip:loss"] = (win.controls.loss_box.toolTip(), "ControlsBar")
        what_if = next(w for w in win.findChildren(QLabel) if w.text() == "What if: f_t")
        texts["tooltip:what-if"] = (what_if.toolTip(), "ControlsBar")
        panel = win.compare
        texts["compare:clip"] = (panel.clip_box.toolTip(), "ComparePanel")
        texts["compare:legend-forget"] = (panel.curves["forget"].name(), "ComparePanel")
        texts["compare:legend-total"] = (panel.curves["lstm_dc"].name(), "ComparePanel")
        win.load_scenario("rnn_vanishes")
        texts["compare:sigma-vanishes"] = (panel.sigma_label.text(), None)
        win.load_scenario("rnn_explodes")
        texts["compare:sigma-explodes"] = (panel.sigma_label.text(), None)
        defaults = SimpleNamespace(
            clip=panel.clip_value.value(),
            init=editor.init_combo.currentData(),
            forget_bias=editor.forget_bias_box.value(),
            seeds=(editor.seed_box.value(), editor.seed_box.value() + 1),
            lr=dock.lr_box.value(),
            epochs=dock.epochs_box.value(),
            train_seed=dock.seed_box.value(),
        )
        clamps = (
            [win.controls.clamp_f.itemData(k) for k in range(1, win.controls.clamp_f.count())],
            win.controls.clamp_i.text(),
            win.controls.clamp_o.text(),
        )
        spikes, params = spikes_example()
        win.session.set_sequence(spikes, params)
        win.session.set_step(1)
        lines = win.equations.lines()
        texts["equations:candidate"] = (lines[4], None)
        texts["equations:candidate-values"] = (lines[5], None)
        unit = win.session.unit
    finally:
        win.cancel_jobs()
        win.wait_for_jobs()
        win.close()
        win.deleteLater()
    return SimpleNamespace(texts=texts, defaults=defaults, clamps=clamps, eq_unit=unit)
