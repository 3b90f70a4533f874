"""The cell diagram (lstm_sim.gui.diagram) on a small cell: what it shows, step by step."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTranslator
from PySide6.QtGui import QColor, QImage

from lstm_sim.engine import LSTMParams, run
from lstm_sim.gui.colors import (
    DIVERGING_STOPS,
    SEQUENTIAL_STOPS,
    diverging_color,
    diverging_rgb,
    gate_color,
    gate_rgb,
    text_color_for,
)
from lstm_sim.gui.diagram import NODE_KEYS, CellDiagram, format_value, rich_notation

BASELINE = Path(__file__).parent / "baselines" / "cell_diagram_h3.png"
#: Mean absolute difference (0 … 255, over all pixels and channels) allowed against the
#: baseline. Measured: another step or another unit ≈ 6.7, one layer box missing ≈ 2.5,
#: two decimals instead of three ≈ 1.2, the legend missing ≈ 0.8; the same build renders
#: identically (0.0). Text is drawn in the default sans font (DejaVu Sans here).
BASELINE_TOLERANCE = 1.0


@pytest.fixture
def trace():
    params = LSTMParams.random(2, 3, seed=0, forget_bias=1.0)
    X = np.random.default_rng(0).normal(size=(8, 2))
    return run(params, X)


@pytest.fixture
def view(qtbot):
    v = CellDiagram()
    qtbot.addWidget(v)
    v.resize(800, 480)
    return v


def _show_step(view: CellDiagram, trace, k: int, unit: int = 0) -> None:
    """Show row k of the trace (step t = k + 1)."""
    view.set_state(trace.step_result(k), t=k + 1, h=trace.h[k], c=trace.c[k], unit=unit)


def _expected(trace, k: int, j: int) -> dict[str, float]:
    s = trace.step_result(k)
    return {
        "f": trace.f[k, j],
        "i": trace.i[k, j],
        "g": trace.g[k, j],
        "o": trace.o[k, j],
        "c": trace.c[k, j],
        "h": trace.h[k, j],
        "tanh_c": trace.tanh_c[k, j],
        "h_prev": s.h_prev[j],
        "c_prev": s.c_prev[j],
        "f_mul": s.f[j] * s.c_prev[j],
        "i_mul": s.i[j] * s.g[j],
        "o_mul": s.o[j] * s.tanh_c[j],
    }


def _as_array(image: QImage) -> np.ndarray:
    """(h, w, 4) uint8 copy of an image (BGRA byte order of Format_ARGB32)."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    h, w = image.height(), image.width()
    buf = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    return buf.reshape(h, image.bytesPerLine())[:, : 4 * w].reshape(h, w, 4).copy()


# ------------------------------------------------------------------- values
@pytest.mark.parametrize("k", [0, 3, 7])
@pytest.mark.parametrize("unit", [0, 1, 2])
def test_nodes_show_engine_values(view, trace, k, unit):
    _show_step(view, trace, k, unit)
    for key, value in _expected(trace, k, unit).items():
        assert view.node_text(key) == format_value(value, 3), (key, k, unit)


def test_x_shows_every_input_when_few(view, trace):
    _show_step(view, trace, 2)
    x = trace.x[2]
    assert view.node_text("x") == f"{format_value(x[0], 3)}, {format_value(x[1], 3)}"


def test_set_unit_changes_the_numbers(view, trace):
    _show_step(view, trace, 4, unit=0)
    before = {key: view.node_text(key) for key in ("f", "i", "g", "o", "c", "h")}
    view.set_unit(2)
    assert view.unit() == 2
    after = {key: view.node_text(key) for key in ("f", "i", "g", "o", "c", "h")}
    assert after != before
    for key, value in _expected(trace, 4, 2).items():
        assert view.node_text(key) == format_value(value, 3), key
    assert "unit 2 of H = 3" in view.node_tooltip("f")


def test_set_unit_rejects_out_of_range(view, trace):
    _show_step(view, trace, 0)
    with pytest.raises(ValueError, match="unit"):
        view.set_unit(3)
    with pytest.raises(ValueError, match="unit"):
        view.set_state(trace.step_result(0), t=1, h=trace.h[0], c=trace.c[0], unit=-1)


def test_value_format(view, trace):
    _show_step(view, trace, 5, unit=1)
    view.set_value_format(5)
    assert view.decimals == 5
    for key, value in _expected(trace, 5, 1).items():
        assert view.node_text(key) == format_value(value, 5), key
    assert format_value(-0.5, 2) == "−0.50"  # a true minus sign, as in the equations


def test_initial_state_shows_state_and_blank_gates(view, trace):
    view.set_state(None, t=0, h=np.array([0.5, -0.25, 0.0]), c=np.array([1.5, 0.0, -2.0]))
    for key in ("f", "i", "g", "o", "f_mul", "i_mul", "o_mul", "tanh_c", "x"):
        assert view.node_text(key) == "—", key
    assert view.node_text("h") == "0.500"
    assert view.node_text("c") == "1.500"
    assert "t = 0" in view.node_tooltip("f")
    assert "C_0 = 1.500" in view.node_tooltip("c")
    assert "t = 0" in " ".join(view.label_texts())
    # Stepping back to t = 0 after a step blanks the gates again.
    _show_step(view, trace, 3)
    assert view.node_text("f") != "—"
    view.set_state(None, t=0, h=trace.h0, c=trace.c0)
    assert view.node_text("f") == "—"
    assert view.node_text("c") == "0.000"


def test_hidden_size_can_change(view, trace):
    _show_step(view, trace, 1, unit=2)
    params = LSTMParams.random(1, 1, seed=3)
    small = run(params, np.array([0.3, -0.2]))
    view.set_state(small.step_result(1), t=2, h=small.h[1], c=small.c[1], unit=0)
    assert view.node_text("c") == format_value(small.c[1, 0], 3)
    assert view.node_text("x") == "−0.200"


def test_bad_key_is_named(view):
    with pytest.raises(KeyError, match="node key"):
        view.node_text("q")


# ----------------------------------------------------------------- tooltips
def test_tooltips_substitute_numbers(view, trace):
    k, j = 4, 1
    _show_step(view, trace, k, unit=j)
    s = trace.step_result(k)
    e = _expected(trace, k, j)

    def fmt(v: float) -> str:
        return format_value(v, 3)

    def operand(v: float) -> str:
        return f"({fmt(v)})" if fmt(v).startswith("−") else fmt(v)

    tip_f = view.node_tooltip("f")
    assert "f_t = σ(W_f·[h_{t-1}, x_t] + b_f)" in tip_f
    assert f"= σ({fmt(s.z_gate('f')[j])}) = {fmt(e['f'])}" in tip_f
    assert f"tanh({fmt(s.z_gate('g')[j])}) = {fmt(e['g'])}" in view.node_tooltip("g")
    assert f"σ({fmt(s.z_gate('i')[j])})" in view.node_tooltip("i")
    assert f"σ({fmt(s.z_gate('o')[j])})" in view.node_tooltip("o")
    tip_c = view.node_tooltip("c")
    assert "C_t = f_t·C_{t-1} + i_t·g_t" in tip_c
    substituted = (
        f"{operand(e['f'])}·{operand(e['c_prev'])} + {operand(e['i'])}·{operand(e['g'])}"
        f" = {fmt(e['c'])}"
    )
    assert substituted in tip_c
    assert f"{operand(e['o'])}·{operand(e['tanh_c'])} = {fmt(e['h'])}" in view.node_tooltip("h")
    assert f"step t = {k + 1}" in tip_c
    # The hover tooltip of the item is the same text as rich text, with subscripts.
    shown = view.scene_items()["c"].toolTip()
    assert "C<sub>t</sub> = f<sub>t</sub>·C<sub>t−1</sub> + i<sub>t</sub>·g<sub>t</sub>" in shown
    assert substituted in shown


def test_tooltips_follow_the_unit(view, trace):
    _show_step(view, trace, 2, unit=0)
    first = view.node_tooltip("f")
    view.set_unit(1)
    assert view.node_tooltip("f") != first
    assert f"{trace.f[2, 1]:.3f}" in view.node_tooltip("f")


# ------------------------------------------------------------------ colours
def test_colour_scales():
    assert gate_color(0.0) == QColor(SEQUENTIAL_STOPS[0])
    assert gate_color(1.0) == QColor(SEQUENTIAL_STOPS[-1])
    assert gate_color(2.0) == gate_color(1.0)  # clipped
    assert diverging_color(0.0) == QColor(DIVERGING_STOPS[5])
    assert diverging_color(-1.0) == QColor(DIVERGING_STOPS[0])
    assert diverging_color(5.0, limit=2.0) == QColor(DIVERGING_STOPS[-1])
    # Symmetric: −v and +v are equally far from white.
    assert diverging_color(-0.5).lightness() == pytest.approx(
        diverging_color(0.5).lightness(), abs=25
    )
    values = np.linspace(-1.5, 1.5, 31)
    rgb = diverging_rgb(values, 1.2)
    for v, row in zip(values, rgb, strict=True):
        c = diverging_color(v, 1.2)
        assert (c.red(), c.green(), c.blue()) == tuple(int(a) for a in row)
    g = gate_rgb(np.array([0.25, np.nan]))
    assert tuple(int(a) for a in g[0]) == gate_color(0.25).getRgb()[:3]
    with pytest.raises(ValueError, match="limit"):
        diverging_color(0.1, limit=0.0)


def test_text_stays_readable():
    assert text_color_for(QColor(SEQUENTIAL_STOPS[0])) == QColor(255, 255, 255)
    assert text_color_for(QColor(SEQUENTIAL_STOPS[-1])).lightness() < 50
    assert text_color_for(QColor("#f7f7f7")).lightness() < 50
    assert text_color_for(QColor(DIVERGING_STOPS[0])) == QColor(255, 255, 255)


def test_nodes_are_coloured_by_value(view, trace):
    _show_step(view, trace, 3, unit=1)
    assert view.node_color("f") == gate_color(trace.f[3, 1])
    assert view.node_color("g") == diverging_color(trace.g[3, 1])
    assert view.node_color("c") == diverging_color(trace.c[3, 1], 2.0)
    view.set_value_ranges(c=4.0)
    assert view.node_color("c") == diverging_color(trace.c[3, 1], 4.0)


def test_every_node_of_every_unit_takes_its_scale_and_limit(view, trace):
    """Gates on the sequential scale; C-like values saturating at ±c_range, the
    rest at ±1 (all nodes' colours are computed together)."""
    from lstm_sim.session import node_values as step_values

    view.set_value_ranges(c=3.0, x=0.5)
    step = trace.step_result(5)
    values = step_values(step, trace.h[5], trace.c[5])
    limits = {"c": 3.0, "c_prev": 3.0, "f_mul": 3.0}
    for unit in range(trace.h.shape[1]):
        _show_step(view, trace, 5, unit=unit)
        for key, v in values.items():
            if key == "x":
                continue  # two inputs here: a neutral box (its strip has their colours)
            if key in ("f", "i", "o"):
                expected = gate_color(v[unit])
            else:
                expected = diverging_color(v[unit], limits.get(key, 1.0))
            assert view.node_color(key) == expected, (key, unit)


def test_rich_notation():
    assert rich_notation("C_{t-1}") == "C<sub>t−1</sub>"
    assert rich_notation("forget gate f_t") == "forget gate f<sub>t</sub>"
    assert rich_notation("a < b") == "a &lt; b"


# -------------------------------------------------------------- translation
class _Shouting(QTranslator):
    """A translator that marks every CellDiagram string, to prove they all go through Qt."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return f"«{source}»" if context == "CellDiagram" else None

    def isEmpty(self) -> bool:
        return False


def test_every_label_goes_through_translation(view, trace):
    _show_step(view, trace, 1)
    translator = _Shouting()
    QCoreApplication.installTranslator(translator)
    try:
        QCoreApplication.sendPostedEvents(view, QEvent.Type.LanguageChange)
        texts = view.label_texts()
        assert "«forget gate f_t»" in texts
        assert "«cell state C — long-term memory»" in texts
        assert "«hidden state h — short-term memory»" in texts
        for text in texts:
            assert "«" in text, text
        assert view.node_tooltip("f").startswith("«forget gate f_t")
    finally:
        QCoreApplication.removeTranslator(translator)
        QCoreApplication.sendPostedEvents(view, QEvent.Type.LanguageChange)
    assert "forget gate f_t" in view.label_texts()


# ---------------------------------------------------------------- rendering
def test_render_is_not_blank(view, trace):
    _show_step(view, trace, 5, unit=1)
    pixels = _as_array(view.render_image(800, 500))
    assert pixels.shape == (500, 800, 4)
    colours = np.unique(pixels[..., :3].reshape(-1, 3), axis=0)
    assert len(colours) > 500
    # Not one flat colour: the background covers well under 90 % of the image.
    background = np.all(pixels[..., :3] == pixels[0, 0, :3], axis=-1).mean()
    assert background < 0.9
    # The gate colours really are there (a node filled with f's colour).
    f = view.node_color("f")
    bgr = np.array([f.blue(), f.green(), f.red()])
    assert np.all(pixels[..., :3] == bgr, axis=-1).sum() > 200


def test_render_matches_baseline(view, trace, tmp_path):
    _show_step(view, trace, 5, unit=1)
    image = view.render_image(800, 500)
    if os.environ.get("LSTM_SIM_UPDATE_BASELINES") or not BASELINE.exists():
        BASELINE.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(BASELINE))
        pytest.skip(f"baseline written to {BASELINE}")
    expected = _as_array(QImage(str(BASELINE)))
    got = _as_array(image)
    assert expected.shape == got.shape
    diff = np.abs(got[..., :3].astype(np.int16) - expected[..., :3].astype(np.int16)).mean()
    if diff >= BASELINE_TOLERANCE:
        out = tmp_path / "cell_diagram_h3_actual.png"
        image.save(str(out))
        pytest.fail(
            f"diagram differs from {BASELINE} by {diff:.2f} (limit {BASELINE_TOLERANCE}); "
            f"the new image is at {out} (LSTM_SIM_UPDATE_BASELINES=1 rewrites the baseline)"
        )


def test_fits_the_view_without_scrollbars(view, trace, qtbot):
    _show_step(view, trace, 2)
    view.show()
    qtbot.waitExposed(view)
    for w, h in ((800, 480), (1200, 400), (400, 600), (768, 440)):
        view.resize(w, h)
        qtbot.wait(1)
        scene_in_view = view.mapFromScene(view.sceneRect()).boundingRect()
        viewport = view.viewport().rect()
        assert viewport.adjusted(-2, -2, 2, 2).contains(scene_in_view), (w, h)
        # Fitted: the scene fills the view in one direction.
        assert scene_in_view.width() >= viewport.width() - 8 or (
            scene_in_view.height() >= viewport.height() - 8
        )
        assert not view.horizontalScrollBar().isVisible()
        assert not view.verticalScrollBar().isVisible()


def test_one_call_one_update_and_none_when_unchanged(view, trace, qtbot):
    view.show()
    qtbot.waitExposed(view)
    _show_step(view, trace, 2)
    QCoreApplication.processEvents()
    changes: list[list] = []
    view.scene().changed.connect(changes.append)
    _show_step(view, trace, 2)  # the same state again: nothing to redraw
    QCoreApplication.processEvents()
    assert changes == []
    _show_step(view, trace, 3)  # a new step: every change lands in one scene update
    QCoreApplication.processEvents()
    assert len(changes) == 1
    assert changes[0]


@pytest.mark.slow
def test_soak_many_states_with_repaint(view, trace, qtbot):
    view.show()
    qtbot.waitExposed(view)
    params = LSTMParams.random(1, 8, seed=1)
    long = run(params, np.sin(np.linspace(0, 30, 300)))
    steps = [long.step_result(k) for k in range(long.T)]
    for k, step in enumerate(steps):
        view.set_state(step, t=k + 1, h=long.h[k], c=long.c[k], unit=k % 8)
        view.viewport().repaint()
        if k % 50 == 0:
            view.node_tooltip("c")
    assert view.node_text("h") == format_value(long.h[-1, 299 % 8], 3)


def test_node_keys_are_complete(view):
    assert set(view.scene_items()) == set(NODE_KEYS)


def test_a_single_input_is_coloured_at_its_own_limit(view):
    params = LSTMParams.random(1, 2, seed=1)
    one = run(params, np.array([[0.3], [-0.2], [0.7]]))
    for x_range in (1.0, 0.5):
        view.set_value_ranges(x=x_range)
        _show_step(view, one, 2)
        assert view.node_color("x") == diverging_color(0.7, x_range)
        assert view.node_color("h") == diverging_color(one.h[2, 0], 1.0)
