"""简体中文: every text translated, no English left on screen, switching at run time.

- The ``.ts`` file is complete (no unfinished or empty translation), up to date
  with the sources (``lupdate`` into a temporary copy finds nothing new), and the
  shipped ``.qm`` is its compiled form; translations keep their placeholders,
  line breaks and mnemonics.
- In zh_CN, a walk over every widget, action, plot and diagram text of the main
  window, and of its dialogs (About, guided tour, CSV import, layer choice,
  export, message boxes), finds no English words but an explicit, short
  allow-list of notation, acronyms and proper names.
- Switching the language at run time changes menu and diagram texts and keeps
  the session, the cursor and the geometry; the choice survives a restart.
- QSettings live in a temporary directory: the tests never touch the user's.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtGui import QAction, QFontInfo, QFontMetrics, QRawFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QGraphicsView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSpinBox,
    QTabBar,
    QTabWidget,
    QToolBar,
    QWidget,
)

from lstm_sim import gallery, scenarios
from lstm_sim.examples import spikes_example
from lstm_sim.gui import app as gui_app
from lstm_sim.gui.diagram import NODE_KEYS
from lstm_sim.gui.i18n import (
    BUNDLED_CJK_FONT,
    bundled_cjk_family,
    current_language,
    install_language,
    resolve_language,
)
from lstm_sim.gui.main_window import MainWindow
from lstm_sim.gui.plots.curves import PanelTitle
from lstm_sim.resources import resource_path
from lstm_sim.session import Session

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "lstm_sim_zh_CN.ts"
QM = TS.with_suffix(".qm")


def _load_tool():
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "tools" / "update_translations.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


tool = _load_tool()

# ----------------------------------------------------------------- the .ts file


def _messages() -> Iterator[tuple[str, str, str]]:
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            if message.get("numerus") == "yes":  # "%n step(s)": each plural form
                for form in message.iter("numerusform"):
                    yield name, source, form.text or ""
            else:
                yield name, source, message.findtext("translation") or ""


def test_every_text_is_translated():
    st = tool.status(TS)
    assert st.total > 250
    assert st.unfinished == [], f"{len(st.unfinished)} unfinished: {st.unfinished[:10]}"


def test_ts_and_qm_are_up_to_date_with_the_sources(tmp_path):
    """What ``tools/update_translations.py --check`` checks, without changing the repo."""
    copy = tmp_path / TS.name
    shutil.copyfile(TS, copy)
    tool.lupdate(copy)
    now, shipped = tool.status(copy), tool.status(TS)
    new = sorted(now.texts - shipped.texts)
    assert not new, f"run tools/update_translations.py and translate: {new[:10]}"
    vanished = sorted(shipped.texts - now.texts)
    assert not vanished, f"run tools/update_translations.py (vanished: {vanished[:10]})"
    assert now.unfinished == []
    tool.lrelease(TS, tmp_path / "compiled.qm")
    assert QM.read_bytes() == (tmp_path / "compiled.qm").read_bytes(), "stale .qm: run the tool"


_FORMAT_FIELD = re.compile(r"(?<!\{)\{[A-Za-z_0-9]*(?::[^{}]*)?\}(?!\})")


def test_translations_keep_placeholders_line_breaks_and_mnemonics():
    for context, source, zh in _messages():
        where = (context, source)
        # str.format fields ({t}, {loss:.6g}, {0}) and notation braces (C_{t-1}, W_{g}).
        assert sorted(_FORMAT_FIELD.findall(zh)) == sorted(_FORMAT_FIELD.findall(source)), where
        assert zh.count("{{") == source.count("{{"), where
        assert zh.count("\n") == source.count("\n"), where
        # A mnemonic "&F" stays the same letter ("文件(&F)"); "&&" and "A & B" are literal.
        mnemonic = re.search(r"&(\w)", source.replace("&&", ""))
        if mnemonic:
            letter = mnemonic.group(1)
            assert f"(&{letter.upper()})" in zh or f"&{letter}" in zh, where
        else:
            assert "&" not in zh.replace("&&", "").replace("& ", ""), where
        literal = re.compile(r"(?<!&)& ")
        assert len(literal.findall(zh)) == len(literal.findall(source)), where
        assert zh.strip() == zh or source != source.strip(), where  # no stray blanks
        if source.startswith(" "):
            assert zh.startswith(" "), where  # suffixes such as " steps"
        for term in ("forget gate", "input gate", "output gate"):
            if term in source.lower() and "-gate" not in source:
                assert {"forget gate": "遗忘门", "input gate": "输入门", "output gate": "输出门"}[
                    term
                ] in zh, where


def test_translations_use_the_glossary_of_the_notes():
    zh = {source: text for _, source, text in _messages()}
    assert zh["forget gate f_t"] == "遗忘门 f_t"
    assert zh["input gate i_t"] == "输入门 i_t"
    assert zh["output gate o_t"] == "输出门 o_t"
    assert zh["candidate C̃_t"] == "候选记忆 C̃_t"
    assert "细胞状态" in zh["cell state C — long-term memory"]
    assert "长期记忆" in zh["cell state C — long-term memory"]
    assert "隐藏状态" in zh["hidden state h — short-term memory"]
    assert "短期记忆" in zh["hidden state h — short-term memory"]
    assert zh["RNN gradient vanishes"] == "RNN 梯度消失"
    assert zh["RNN gradient explodes"] == "RNN 梯度爆炸"
    assert zh["&File"] == "文件(&F)"


# ------------------------------------------------------------------ fixtures


@pytest.fixture
def english(settings):
    """English translators at the end, whatever the test installed."""
    install_language("en")
    yield
    install_language("en")


@pytest.fixture
def zh(english):
    assert install_language("zh_CN")
    assert current_language() == "zh_CN"


def _window(qtbot, session: Session | None = None) -> MainWindow:
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _close(win: MainWindow) -> None:
    win.transport.pause()
    win.cancel_jobs()
    win.wait_for_jobs()


# ------------------------------------------------------ English leftovers

# Words that stay as they are in a Chinese UI, each for a reason:
ALLOWED_WORDS = {
    # acronyms of the field (as in Chinese textbooks and the study notes)
    "LSTM",
    "RNN",
    "BPTT",
    "MSE",
    # proper names: optimiser, library, initialisers, authors
    "Adam",
    "PyTorch",
    "Xavier",
    "Glorot",
    "Hochreiter",
    "Schmidhuber",
    # file formats and the libraries whose files are read
    "CSV",
    "TSV",
    "NPY",
    "NPZ",
    "JSON",
    "PNG",
    "SVG",
    "XML",
    "png",
    "svg",
    "NumPy",
    "Keras",
    # functions in formulas
    "tanh",
    "diag",
    "sin",
    "cos",
    # key caps that read the same on a Chinese keyboard (Qt's own zh_CN names)
    "Home",
    "End",
    "Ctrl",
    "Shift",
    # the language menu names each language in itself
    "English",
}
# Removed before looking for words: the program's name, markup, quoted literals
# (example data such as "cat on mat."), file suffixes and patterns (.npz, *.csv),
# and identifiers / math with a subscript (weight_ih, σ_max, W_hh, h_{t-1}).
_IGNORED = [
    re.compile(r"lstm-sim"),
    re.compile(r"\*?\.[A-Za-z0-9]+"),
    re.compile(r"<[^<>]*>"),
    re.compile(r"&[a-z]+;"),
    re.compile(r'"[^"]*"'),
    re.compile(r"[A-Za-z0-9]*_(?:\{[^{}]*\}|\([^()]*\)|[A-Za-z0-9]+)"),
]
_WORD = re.compile(r"[A-Za-z]{3,}")


def english_leftovers(text: str, data_words: frozenset[str] = frozenset()) -> list[str]:
    """The English words of ``text`` (runs of ≥ 3 ASCII letters) not allowed above."""
    for pattern in _IGNORED:
        text = pattern.sub(" ", text)
    return [w for w in _WORD.findall(text) if w not in ALLOWED_WORDS and w not in data_words]


def test_the_leftover_detector():
    assert english_leftovers("遗忘门 f_t = σ(W_f·[h_{t-1}, x_t] + b_f)") == []
    assert english_leftovers("<b>lstm-sim 0.1</b><br>weight_ih[3, 0]，σ_max(W_hh)") == []
    assert english_leftovers('文本 "cat on mat." 与 LSTM、RNN、tanh(C_t)') == []
    assert english_leftovers("Step back (Left)") == ["Step", "back", "Left"]
    assert english_leftovers("步 spike", frozenset({"spike"})) == []
    assert english_leftovers("保存为 .npz、.safetensors (*.csv)") == []


def _menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    yield where, menu.title()
    for action in menu.actions():
        yield from _action_texts(action, f"{where} ▸ {action.text()}")


def _action_texts(action: QAction, where: str) -> Iterator[tuple[str, str]]:
    if action.isSeparator():
        return
    yield f"{where} (text)", action.text()
    yield f"{where} (tool tip)", action.toolTip()
    yield f"{where} (status tip)", action.statusTip()
    yield f"{where} (what's this)", action.whatsThis()
    if action.menu() is not None:
        yield from _menu_texts(action.menu(), where)


def _model_texts(view: QAbstractItemView, where: str) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None:
        return
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    rows = min(model.rowCount(), 3)
    try:
        cols = min(model.columnCount(), 40)
    except TypeError:  # a list model (QListWidget): one column, columnCount() is private
        cols = 1
    for role in roles:
        for section in range(cols):
            yield (
                f"{where} column {section}",
                str(model.headerData(section, Qt.Orientation.Horizontal, role) or ""),
            )
        for section in range(rows):
            yield (
                f"{where} row {section}",
                str(model.headerData(section, Qt.Orientation.Vertical, role) or ""),
            )
        for r in range(rows):
            for c in range(cols):
                value = model.data(model.index(r, c), role)
                if isinstance(value, str):
                    yield f"{where} cell ({r}, {c})", value


def _graphics_texts(view: QGraphicsView, where: str) -> Iterator[tuple[str, str]]:
    """Axis labels, titles, legends, text items and tool tips of a pyqtgraph scene."""
    scene = view.scene()
    if scene is None:
        return
    for item in scene.items():
        kind = type(item).__name__
        yield f"{where} {kind} (tool tip)", item.toolTip()
        if isinstance(item, pg.AxisItem):
            yield f"{where} axis label", item.labelText or ""
            yield f"{where} axis units", item.labelUnits or ""
        elif isinstance(item, pg.LabelItem):
            yield f"{where} label", item.text or ""
        elif isinstance(item, pg.TextItem):
            yield f"{where} text", item.toPlainText()
        elif isinstance(item, PanelTitle):
            yield f"{where} panel title", item.text()
        elif isinstance(item, pg.LegendItem):
            for _sample, label in item.items:
                yield f"{where} legend", label.text
        elif isinstance(item, pg.ViewBox) and item.menuEnabled() and item.menu is not None:
            # a right click shows the ViewBox menu, with the scene's own entries (Export…)
            yield from _menu_texts(item.menu, f"{where} context menu")
            for action in getattr(scene, "contextMenu", []):
                yield from _action_texts(action, f"{where} context menu")
        if isinstance(item, pg.PlotItem) and item.menuEnabled():
            yield from _menu_texts(item.ctrlMenu, f"{where} plot menu")


def widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every user-visible string of ``root`` and the widgets in it.

    User input (the text of line edits) is not looked at.
    """
    # Widgets replaced since the last event loop run (deleteLater) are gone for the user.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    yield "window title", root.windowTitle()
    for action in root.findChildren(QAction):
        if isinstance(action.parent(), pg.GraphicsScene):
            continue  # shown only in a plot's context menu: see _graphics_texts
        yield from _action_texts(action, f"action {action.objectName() or action.text()}")
    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{type(widget).__name__} {widget.objectName()}".strip()
        if type(widget).__name__ == "CodeView":  # the Code tab's text is program source
            yield f"{name} (accessible name)", widget.accessibleName()
            continue
        yield f"{name} (tool tip)", widget.toolTip()
        yield f"{name} (status tip)", widget.statusTip()
        yield f"{name} (what's this)", widget.whatsThis()
        yield f"{name} (accessible name)", widget.accessibleName()
        yield f"{name} (accessible description)", widget.accessibleDescription()
        if isinstance(widget, QDockWidget | QToolBar):
            yield f"{name} (title)", widget.windowTitle()
        if isinstance(widget, QLabel):
            yield f"{name} (text)", widget.text()
        elif isinstance(widget, QAbstractButton):
            yield f"{name} (text)", widget.text()
        elif isinstance(widget, QGroupBox):
            yield f"{name} (title)", widget.title()
        elif isinstance(widget, QLineEdit):
            yield f"{name} (placeholder)", widget.placeholderText()
        if isinstance(widget, QTabWidget):
            for k in range(widget.count()):
                yield f"{name} tab {k}", widget.tabText(k)
                yield f"{name} tab {k} (tool tip)", widget.tabToolTip(k)
        elif isinstance(widget, QTabBar):
            for k in range(widget.count()):
                yield f"{name} tab {k}", widget.tabText(k)
                yield f"{name} tab {k} (tool tip)", widget.tabToolTip(k)
        elif isinstance(widget, QComboBox):
            for k in range(widget.count()):
                yield f"{name} item {k}", widget.itemText(k)
                yield (
                    f"{name} item {k} (tool tip)",
                    str(widget.itemData(k, Qt.ItemDataRole.ToolTipRole) or ""),
                )
        elif isinstance(widget, QSpinBox | QDoubleSpinBox):
            yield f"{name} (prefix)", widget.prefix()
            yield f"{name} (suffix)", widget.suffix()
            yield f"{name} (special value)", widget.specialValueText()
        elif isinstance(widget, QAbstractSpinBox):
            yield f"{name} (special value)", widget.specialValueText()
        elif isinstance(widget, QMenu):
            yield from _menu_texts(widget, f"{name} menu")
        if isinstance(widget, QAbstractItemView):
            yield from _model_texts(widget, name)
        if isinstance(widget, QGraphicsView) and type(widget).__name__ != "CellDiagram":
            yield from _graphics_texts(widget, name)


def visible_texts(window: MainWindow) -> Iterator[tuple[str, str]]:
    """(where, text) for every user-visible string of the window, its docks and plots."""
    for action in window.menuBar().actions():
        yield from _action_texts(action, f"menu {action.text()}")
    yield from widget_texts(window)
    diagram = window.diagram
    for text in diagram.label_texts():
        yield "diagram label", text
    for key in NODE_KEYS:
        yield f"diagram node {key} (title)", diagram.scene_items()[key].title()
        yield f"diagram node {key} (tool tip)", diagram.node_tooltip(key)


def _data_words(window: MainWindow) -> frozenset[str]:
    """Names that come from the loaded data (column names of the sequence), not the UI."""
    seq = window.session.sequence
    words = " ".join([*seq.input_names, *seq.target_names, *seq.vocabulary])
    return frozenset(_WORD.findall(words))


def _leftovers(window: MainWindow) -> list[tuple[str, str, list[str]]]:
    return _find(visible_texts(window), _data_words(window))


def _find(texts, data: frozenset[str] = frozenset()) -> list[tuple[str, str, list[str]]]:
    found = []
    for where, text in texts:
        words = english_leftovers(text, data)
        if words:
            found.append((where, text, words))
    return found


def _assert_no_leftovers(found, state: str) -> None:
    first: dict[str, str] = {}  # one line per text (menus are reached several ways)
    for where, text, words in found:
        first.setdefault(text, f"{where}: {text!r} → {words}")
    assert not found, f"English left in zh_CN ({state}):\n" + "\n".join(sorted(first.values()))


def test_zh_cn_main_window_has_no_english_leftovers(qtbot, zh):
    window = _window(qtbot)
    try:
        _assert_no_leftovers(_leftovers(window), "on start")
        for _ in range(3):
            window.transport.step_action.trigger()
        window.wait_for_jobs()
        window.weight_editor.show()
        window.training.show()
        window.compare_action.setChecked(True)
        qtbot.wait(10)
        window.wait_for_jobs()
        _assert_no_leftovers(_leftovers(window), "after three steps, every panel shown")
    finally:
        _close(window)


def test_zh_cn_examples_and_scenarios_have_no_english_leftovers(qtbot, zh):
    window = _window(qtbot)
    try:
        found = []
        for ex in gallery.EXAMPLES:
            window.example_actions[ex.key].trigger()
            window.request_step(5)
            window.wait_for_jobs()
            found += [(f"[{ex.key}] {w}", t, ws) for w, t, ws in _leftovers(window)]
        for scn in scenarios.SCENARIOS:
            window.scenario_actions[scn.key].trigger()
            window.wait_for_jobs()
            found += [(f"[{scn.key}] {w}", t, ws) for w, t, ws in _leftovers(window)]
        _assert_no_leftovers(found, "examples and scenarios loaded")
    finally:
        _close(window)


def test_zh_cn_about_box_is_translated(qtbot, zh, monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "about", staticmethod(lambda _parent, title, text: shown.append((title, text)))
    )
    window = _window(qtbot)
    try:
        about = next(a for a in window.help_menu.actions() if "关于" in a.text())
        about.trigger()
        assert len(shown) == 1
        title, text = shown[0]
        assert title == "关于 lstm-sim"
        assert "细胞状态" in text and "随时间反向传播" in text
        for part in shown[0]:
            assert english_leftovers(part) == [], part
    finally:
        _close(window)


def test_zh_cn_guided_tour_is_translated(qtbot, zh):
    window = _window(qtbot)
    try:
        window.tour_action.trigger()
        tour = window.tour
        qtbot.addWidget(tour)
        found = []
        for k in range(len(tour.pages)):
            tour.show_page(k)
            found += _find(widget_texts(tour))
        _assert_no_leftovers(found, "guided tour")
        assert "遗忘门" in tour.pages[1][0]
        tour.close()
    finally:
        _close(window)


def test_zh_cn_file_dialogs_have_no_english_leftovers(qtbot, zh, tmp_path):
    from lstm_sim.gui.files.csv_import import CsvImportDialog
    from lstm_sim.gui.files.dialogs import ExportDialog
    from lstm_sim.io import peek_table

    table = tmp_path / "walk.csv"
    table.write_text("time,temperature,label\n1,20.5,a\n2,21.0,b\n3,19.5,c\n", encoding="utf-8")
    preview = peek_table(table)
    data = frozenset({"walk", *preview.columns})
    found = []
    dialog = CsvImportDialog(preview)
    qtbot.addWidget(dialog)
    dialog.set_role(0, "skip")
    found += _find(widget_texts(dialog), data)
    dialog.set_role(1, "skip")  # no input left: the summary asks for one
    found += _find(widget_texts(dialog), data)

    title = QCoreApplication.translate("Exporter", "Export a plot panel")
    panels = [("c", QCoreApplication.translate("PlotPanels", "Cell state C_t (long-term memory)"))]
    dialog = ExportDialog(
        title, ["png", "svg", "csv"], (800, 600), str(tmp_path), "plot", panels=panels, panel="c"
    )
    qtbot.addWidget(dialog)
    for fmt in ("png", "svg", "csv"):
        dialog.set_format(fmt)
        found += _find(widget_texts(dialog))
    _assert_no_leftovers(found, "file dialogs")


def _capture_message_boxes(monkeypatch) -> list[tuple[str, str, str]]:
    shown: list[tuple[str, str, str]] = []

    def capture(kind: str):
        def box(_parent, title, text, *_args, **_kwargs):
            shown.append((kind, title, text))
            return QMessageBox.StandardButton.Cancel

        return staticmethod(box)

    for kind in ("about", "critical", "warning", "question", "information"):
        monkeypatch.setattr(QMessageBox, kind, capture(kind))
    return shown


def test_zh_cn_message_boxes_are_translated(qtbot, zh, tmp_path, monkeypatch):
    """The questions and warnings of the File menu (titles and texts)."""
    shown = _capture_message_boxes(monkeypatch)
    window = _window(qtbot)
    try:
        gone = str(tmp_path / "gone.csv")
        window.file_actions.open_recent(gone)
        monkeypatch.setattr(window.file_actions, "confirm_unsaved", True)
        window.session.update_settings(compare=not window.session.settings.compare)
        assert window.session.modified
        window.file_actions.maybe_save()
        assert [kind for kind, _, _ in shown] == ["warning", "question"]
        found = []
        for kind, title, text in shown:
            found += _find([(f"{kind} title", title), (f"{kind} text", text.replace(gone, ""))])
        _assert_no_leftovers(found, "message boxes")
    finally:
        window.file_actions.confirm_unsaved = False  # else closing the window asks, and stays
        _close(window)


def _bad_files(tmp_path: Path) -> list[tuple[str, Path, list[str]]]:
    """(File menu command, a file it refuses, Chinese fragments the error must have)."""
    import io
    import json

    import numpy as np

    from lstm_sim.engine import LSTMParams

    table = tmp_path / "bad.csv"
    table.write_text("1,2\n3,4\n5,abc\n", encoding="utf-8")
    state = LSTMParams.random(2, 3).to_state_dict()
    wide = tmp_path / "wide.npz"
    buf = io.BytesIO()
    np.savez(buf, **dict(state, weight_hh=np.zeros((12, 4))))
    wide.write_bytes(buf.getvalue())
    session = {
        "format": "lstm-sim-session",
        "version": 1,
        "sequence": {"inputs": [[0.0, 1.0], [1.0, 0.0]]},
        "weights": {k: v.tolist() for k, v in state.items()},
    }
    session["weights"]["bias_ih"] = session["weights"]["bias_ih"][:-1]  # an EngineError
    short = tmp_path / "short_bias.lstmsim"
    short.write_text(json.dumps(session), encoding="utf-8")
    newer = tmp_path / "newer.lstmsim"
    newer.write_text(json.dumps(dict(session, version=99)), encoding="utf-8")
    return [
        ("open_sequence", table, ["第 3 行，第 2 列", "'abc' 不是数字"]),
        ("open_weights", wide, ["键 'weight_hh'", "形状应为 (4H, H)，实际为 (12, 4)"]),
        ("open_weights", tmp_path / "gone.npz", ["文件不存在"]),
        ("open_sequence", tmp_path / "gone.npy", ["文件不存在"]),
        ("open_session", short, ["键 weights.bias_ih", "形状应为 (12,)，实际为 (11,)"]),
        ("open_session", newer, ["键 version", "版本 99 由更新的 lstm-sim 写入"]),
    ]


def test_zh_cn_file_error_dialogs_are_translated(qtbot, zh, tmp_path, monkeypatch):
    """Bad files opened through the File menu: the error box names the file and the place
    (line, column, key) and says what is wrong in Chinese, without English words."""
    from PySide6.QtWidgets import QDialog

    from lstm_sim.gui.files.csv_import import CsvImportDialog

    shown = _capture_message_boxes(monkeypatch)
    monkeypatch.setattr(CsvImportDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    window = _window(qtbot)
    try:
        found = []
        for command, path, fragments in _bad_files(tmp_path):
            before = len(shown)
            getattr(window.file_actions, command)(path)
            window.file_actions.wait()
            assert len(shown) == before + 1, (command, path, shown[before:])
            kind, title, text = shown[-1]
            assert kind == "critical" and title == "无法打开文件"
            assert text.startswith(f"{path}："), text
            for fragment in fragments:
                assert fragment in text, (fragment, text)
            rest = text.replace(str(path), "")
            # the file's own words: a cell's content, JSON keys
            found += _find([(path.name, rest)], frozenset({"abc", "version", "weights"}))
        _assert_no_leftovers(found, "file errors")
    finally:
        _close(window)


def test_zh_cn_csv_import_dialog_shows_translated_errors(qtbot, zh, tmp_path):
    """The import dialog re-reads the file when the delimiter changes: a failure is shown
    in its summary, translated."""
    from lstm_sim.gui.files.csv_import import CsvImportDialog
    from lstm_sim.io import peek_table

    table = tmp_path / "walk.csv"
    table.write_text("a;b\n1;2\n", encoding="utf-8")
    dialog = CsvImportDialog(peek_table(table))
    qtbot.addWidget(dialog)
    table.unlink()
    dialog.delimiter_box.setCurrentIndex((dialog.delimiter_box.currentIndex() + 1) % 2)
    text = dialog.summary.text()
    assert str(table) in text and "文件不存在" in text, text
    assert english_leftovers(text.replace(str(table), "")) == [], text


def test_gallery_texts_are_translated():
    """lupdate extracted exactly the runtime strings (titles and whitespace-collapsed texts)."""
    assert install_language("zh_CN")
    try:
        for ex in gallery.EXAMPLES:
            for text in (ex.title, ex.description):
                zh = QCoreApplication.translate("Gallery", text)
                assert zh != text and re.search(r"[\u4e00-\u9fff]", zh), (ex.key, text[:40])
        for scn in scenarios.SCENARIOS:
            for text in (scn.title, scn.explanation):
                zh = QCoreApplication.translate("Scenarios", text)
                assert zh != text and re.search(r"[\u4e00-\u9fff]", zh), (scn.key, text[:40])
    finally:
        install_language("en")


# -------------------------------------------------- switching and settings


def _diagram_titles(window: MainWindow) -> dict[str, str]:
    return {key: window.diagram.scene_items()[key].title() for key in ("f", "i", "g", "o")}


def test_switching_language_at_run_time(qtbot, english):
    """View ▸ Language retranslates the same window in place, both ways, with its state."""
    seq, params = spikes_example()
    session = Session(seq, params, name="spikes")
    window = _window(qtbot, session)
    window.resize(1111, 777)
    window.weight_editor.show()
    session.set_step(5)
    window.tabs.setCurrentIndex(1)
    geometry = bytes(window.saveGeometry())
    assert window.file_menu.title() == "&File"
    assert _diagram_titles(window)["f"] == "forget gate f_t"
    assert "cell state C — long-term memory" in window.diagram.label_texts()
    try:
        window.language_actions["zh_CN"].trigger()  # as a user does it
        assert current_language() == "zh_CN"
        assert QSettings().value("language") == "zh_CN"
        assert window.session is session and session.t == 5
        assert bytes(window.saveGeometry()) == geometry
        assert window.weight_editor.isVisible()
        assert window.tabs.currentIndex() == 1
        assert window.file_menu.title() == "文件(&F)"
        assert window.view_menu.title() == "视图(&V)"
        assert window.language_menu.title() == "语言(&L)"
        assert window.language_actions["zh_CN"].isChecked()
        assert _diagram_titles(window) == {
            "f": "遗忘门 f_t",
            "i": "输入门 i_t",
            "g": "候选记忆 C̃_t",
            "o": "输出门 o_t",
        }
        assert "细胞状态 C —— 长期记忆" in window.diagram.label_texts()
        assert "遗忘门" in window.diagram.node_tooltip("f")
        assert window.transport.label.text() == f"t = 5 / {session.T}"
        assert window.windowTitle() == "spikes[*] — LSTM 记忆单元模拟器"
        found = _find(visible_texts(window), _data_words(window) | {"spikes"})  # its name
        assert not found, sorted({(w, x) for w, x, _ in found})

        window.language_actions["en"].trigger()
        assert current_language() == "en" and QSettings().value("language") == "en"
        assert window.file_menu.title() == "&File"
        assert _diagram_titles(window)["f"] == "forget gate f_t"
        assert window.windowTitle() == "spikes[*] — LSTM Cell Simulator"
        assert window.language_actions["en"].isChecked()
        assert window.weight_editor.isVisible() and session.t == 5
    finally:
        _close(window)


def _restart(qtbot) -> MainWindow:
    """What ``run_app`` does at start-up: the saved language, then a new window."""
    install_language("en")  # a new process starts untranslated
    install_language(resolve_language(QSettings().value("language", "system")))
    return _window(qtbot)


def test_language_choice_survives_a_restart(qtbot, english, settings):
    window = _window(qtbot)
    zh_window = gui_app.switch_language(window, "zh_CN")
    assert zh_window is window
    _close(zh_window)
    zh_window.close()
    assert list(settings.rglob("*.ini")), "QSettings wrote outside the temporary directory"

    restarted = _restart(qtbot)
    try:
        assert current_language() == "zh_CN"
        assert restarted.file_menu.title() == "文件(&F)"
        assert restarted.language_actions["zh_CN"].isChecked()
        assert not restarted.language_actions["system"].isChecked()
    finally:
        _close(restarted)

    QSettings().setValue("language", "en")
    again = _restart(qtbot)
    try:
        assert current_language() == "en"
        assert again.file_menu.title() == "&File"
    finally:
        _close(again)


def _translated_characters() -> set[str]:
    text = (ROOT_TS).read_text(encoding="utf-8")
    found = re.findall(r"<translation[^>]*>(.*?)</translation>", text, re.S)
    return {c for t in found for c in t if ord(c) > 0x2000}


ROOT_TS = Path(__file__).resolve().parents[1] / "resources" / "i18n" / "lstm_sim_zh_CN.ts"


def test_shipped_cjk_font_covers_every_translated_character(qapp):
    """Without any system CJK font, Chinese must still render: the shipped font has
    every character the translations use (else: run tools/make_cjk_font.py)."""
    family = bundled_cjk_family()
    assert family == "lstm-sim CJK"
    raw = QRawFont(bytes(resource_path(*BUNDLED_CJK_FONT).read_bytes()), 16)
    assert raw.isValid()
    needed = {c for c in _translated_characters() if 0x2E80 <= ord(c) or 0x3000 <= ord(c)}
    # Superscript digits and the undo arrows are not CJK: the UI font draws them.
    missing = sorted(c for c in needed if not raw.supportsCharacter(ord(c)) and ord(c) >= 0x2E80)
    assert not missing, f"not in the shipped font: {''.join(missing)}"
    assert len(needed) > 300


def test_chinese_renders_with_a_cjk_font(qtbot, zh):
    window = _window(qtbot)
    try:
        labels = [w for w in window.findChildren(QLabel) if re.search(r"[\u4e00-\u9fff]", w.text())]
        assert labels
        sample = sorted(c for c in _translated_characters() if 0x4E00 <= ord(c) <= 0x9FFF)
        for widget in [*labels, window.menuBar()]:
            metrics = QFontMetrics(widget.font())
            missing = [c for c in sample if not metrics.inFontUcs4(ord(c))]
            assert not missing, (QFontInfo(widget.font()).family(), "".join(missing[:20]))
    finally:
        _close(window)


def test_merging_translations_carries_plural_forms_over(tmp_path, monkeypatch):
    """update_translations --merge: a plural (numerus) text keeps its forms across a rebase."""
    other = tmp_path / "other.ts"
    other.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="zh_CN">'
        "<context><name>X</name>"
        '<message numerus="yes"><source>%n step(s)</source>'
        "<translation><numerusform>%n 步</numerusform></translation></message>"
        "<message><source>Open</source><translation>打开</translation></message>"
        "</context></TS>",
        encoding="utf-8",
    )
    known = tool.known_translations(other)
    assert known == {"%n step(s)": ("%n 步",), "Open": "打开"}
    mine = tmp_path / "mine.ts"
    mine.write_text(
        other.read_text(encoding="utf-8")
        .replace("<translation><numerusform>%n 步", '<translation type="unfinished"><numerusform>')
        .replace("<translation>打开", '<translation type="unfinished">'),
        encoding="utf-8",
    )
    monkeypatch.setattr(tool, "lupdate", lambda ts: None)  # layout only; not needed here
    assert sorted(tool.reuse(mine, known)) == [("X", "%n step(s)"), ("X", "Open")]
    assert tool.known_translations(mine) == known
