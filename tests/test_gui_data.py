"""Real data in the app (issue 14): the import dialog, default scaling, missing values,
the saturation banner and its one-click remedy — through File ▸ Open and the dialog's
widgets, on the public data fixtures under tests/fixtures/tables.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from lstm_sim.engine import LSTMParams
from lstm_sim.gui.banner import PROBE_MIN_STEPS, PROBE_STEPS, probe_saturation, probe_steps
from lstm_sim.gui.files.csv_import import CsvImportDialog
from lstm_sim.gui.rendered import diff_rendered, fresh_window
from lstm_sim.io import load_sequence, peek_table, save_weights
from lstm_sim.session import Session

TABLES = Path(__file__).parent / "fixtures" / "tables"
Answer = QMessageBox.StandardButton


@pytest.fixture(autouse=True)
def _settings_in_tmp(settings, english):
    return settings


class Stand:
    """Stand-ins for the file dialog and message boxes; the import dialog runs ``choose``."""

    def __init__(self) -> None:
        self.open_path = ""
        self.critical: list[str] = []
        self.questions: list[str] = []
        self.choose: Callable[[CsvImportDialog], None] = lambda _d: None
        self.dialogs: list[dict] = []


@pytest.fixture
def stand(monkeypatch):
    st = Stand()

    def critical(_parent, _title, text, *args, **kwargs):
        st.critical.append(text)
        return Answer.Ok

    def question(_parent, _title, text, *args, **kwargs):
        st.questions.append(text)
        return Answer.Yes

    def csv_exec(dialog):
        st.choose(dialog)
        st.dialogs.append(
            {"scale": dialog.scale_box.currentData(), "missing": dialog.missing_box.currentData()}
        )
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QMessageBox, "critical", staticmethod(critical))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(critical))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(st.open_path), ""))
    )
    monkeypatch.setattr(CsvImportDialog, "exec", csv_exec)
    return st


@pytest.fixture
def window(show_window, stand):
    # A cell with random weights of size ~1, as a user starts from before loading data.
    params = LSTMParams.random(1, 4, seed=0)
    seq = load_sequence(TABLES / "nile.csv", scale="standard").first(20)
    return show_window(Session(seq, params, name="start"))


def file_open(window, stand, path: Path) -> None:
    stand.open_path = path
    window.file_actions.open_action.trigger()
    window.file_actions.wait()


def choose_combo(box, value) -> None:
    box.setCurrentIndex(box.findData(value))


# ------------------------------------------------------------ default scaling
def test_open_table_scales_by_default_and_not_with_loaded_weights(window, stand, tmp_path):
    s = window.session
    file_open(window, stand, TABLES / "nile.csv")
    assert stand.critical == []
    assert stand.dialogs[-1] == {"scale": "auto", "missing": "error"}
    expected = load_sequence(TABLES / "nile.csv", scale="auto")
    np.testing.assert_array_equal(s.sequence.inputs, expected.inputs)
    assert s.sequence.input_scaling.methods == ("standard",)  # flow is in the thousands
    assert s.sequence.input_names == ("flow",)  # the year labels the steps, it is no input
    assert s.sequence.step_labels.name == "year"
    assert window.saturation.isHidden()
    # Trained weights loaded: the next table keeps its values (they were trained on them).
    weights = tmp_path / "trained.npz"
    save_weights(LSTMParams.random(1, 4, seed=3), weights)
    stand.open_path = weights
    window.file_actions.open_weights_action.trigger()
    window.file_actions.wait()
    assert stand.critical == []
    file_open(window, stand, TABLES / "nile.csv")
    assert stand.dialogs[-1]["scale"] == "none"
    np.testing.assert_array_equal(s.sequence.inputs, load_sequence(TABLES / "nile.csv").inputs)
    assert s.sequence.input_scaling is None


def test_empty_cells_give_one_clear_error_unless_a_policy_is_chosen(window, stand):
    s = window.session
    before = (s.sequence, s.params, s.t)
    file_open(window, stand, TABLES / "nile_gaps.csv")
    assert len(stand.critical) == 1
    message = stand.critical[0]
    assert "nile_gaps.csv" in message and "line 6, column 2 ('flow')" in message
    assert "empty cell" in message and "interpolate" in message  # the first cell and the options
    assert "Missing values in the import dialog" in message and "--missing" not in message
    assert (s.sequence, s.params, s.t) == before  # nothing changed
    assert s.sequence is before[0]

    def interpolate(dialog):
        assert dialog.issues()  # marked in the preview before Open
        choose_combo(dialog.missing_box, "interpolate")
        assert dialog.issues() == ()

    stand.choose = interpolate
    file_open(window, stand, TABLES / "nile_gaps.csv")
    assert len(stand.critical) == 1
    expected = load_sequence(TABLES / "nile_gaps.csv", missing="interpolate", scale="auto")
    np.testing.assert_array_equal(s.sequence.inputs, expected.inputs)
    assert s.sequence.missing.policy == "interpolate"
    status = window.statusBar().currentMessage()
    assert "4 missing values interpolated" in status and "flow: standardised" in status


# ------------------------------------------------------------- the banner
def test_saturation_banner_scales_the_inputs_in_one_undoable_step(window, stand, qtbot):
    s = window.session
    stand.choose = lambda dialog: choose_combo(dialog.scale_box, "none")
    file_open(window, stand, TABLES / "nile.csv")
    raw = load_sequence(TABLES / "nile.csv")
    np.testing.assert_array_equal(s.sequence.inputs, raw.inputs)
    banner = window.saturation
    assert banner.isVisible()
    shown = banner.rendered()
    assert shown["remedy"] and "saturated" in shown["text"] and "1370" in shown["text"]
    window.set_language("zh_CN")  # retranslated in place, still shown
    assert "饱和" in banner.label.text() and banner.scale_button.text() == "缩放输入"
    assert "时间步 t — year" == window.plots.rendered()["time_axis"]["label"]
    window.set_language("en")
    assert banner.rendered() == shown
    window.request_step(30)
    window.settle()
    qtbot.mouseClick(banner.scale_button, Qt.MouseButton.LeftButton)
    window.settle()
    assert banner.isHidden()
    scaled = load_sequence(TABLES / "nile.csv", scale="standard")
    np.testing.assert_array_equal(s.sequence.inputs, scaled.inputs)
    assert s.sequence.input_scaling == scaled.input_scaling
    assert s.t == 30  # the cursor stays where the user was
    fresh = fresh_window(window)
    qtbot.addWidget(fresh)  # closed after the test
    assert diff_rendered(window.rendered(), fresh.rendered()) == []
    # Edit ▸ Undo puts the file's values back (and the warning), Redo scales again.
    assert window.undo_action.text().endswith("Scale the inputs")
    window.request_step(45)
    window.settle()
    window.undo_action.trigger()
    window.settle()
    np.testing.assert_array_equal(s.sequence.inputs, raw.inputs)
    assert banner.isVisible() and s.t == 45  # the cursor stays where the user is
    window.redo_action.trigger()
    window.settle()
    np.testing.assert_array_equal(s.sequence.inputs, scaled.inputs)
    assert banner.isHidden()
    # Another file opened since: undoing the scaling no longer applies to it.
    file_open(window, stand, TABLES / "co2_monthly.tsv")
    co2 = s.sequence
    window.undo_action.trigger()
    assert s.sequence is co2


def test_banner_hide_and_no_remedy_when_inputs_are_scaled(window, stand, qtbot):
    stand.choose = lambda dialog: choose_combo(dialog.scale_box, "none")
    file_open(window, stand, TABLES / "nile.csv")
    banner = window.saturation
    banner.hide_button.click()
    assert banner.isHidden()
    # Large weights saturate scaled inputs too: the warning says so, without the button.
    stand.choose = lambda dialog: choose_combo(dialog.scale_box, "standard")
    file_open(window, stand, TABLES / "nile.csv")
    p = window.session.params
    big = LSTMParams(40 * p.weight_ih, 40 * p.weight_hh, 40 * p.bias_ih, 40 * p.bias_hh)
    window.session.set_params(big)  # new weights: diagnosed once they rest (a slider may move)
    qtbot.waitUntil(banner.isVisible, timeout=2000)
    assert not banner.rendered()["remedy"]
    assert "weights are large" in banner.rendered()["text"]


def test_the_probe_is_bounded_for_large_cells():
    # It runs on the GUI thread at every change of weights: fewer steps for a large cell.
    assert probe_steps(100, 4, 1) == 100
    assert probe_steps(10**6, 32, 1) == PROBE_STEPS
    assert probe_steps(10**6, 512, 3) == PROBE_MIN_STEPS
    session = Session(load_sequence(TABLES / "nile.csv"), LSTMParams.random(1, 256, seed=0))
    assert probe_saturation(session).steps == probe_steps(100, 256, 1) < 100


# -------------------------------------------------------------- the dialog
def test_dialog_header_of_years_text_columns_and_roles_for_many_columns(qtbot):
    dialog = CsvImportDialog(peek_table(TABLES / "gdp_wide.csv"))
    qtbot.addWidget(dialog)
    assert dialog.preview.has_header  # a header of years, decided from the whole columns
    assert dialog.preview.columns[2:] == ("1960", "1961", "1962", "1963", "1964")
    assert dialog.columns() == ([2, 3, 4, 5, 6], [])  # country name and code are text
    assert not dialog.bulk_buttons["target"].isEnabled()  # nothing selected yet
    dialog.select_columns([4, 5, 6])
    assert dialog.selected() == [4, 5, 6]
    dialog.bulk_buttons["skip"].click()
    assert dialog.columns() == ([2, 3], [])
    assert dialog.selected() == []  # deselected: the new tints and marks show
    dialog.select_columns([3])
    dialog.bulk_buttons["target"].click()
    assert dialog.columns() == ([2], [3])
    assert dialog.table.cellWidget(0, 3).currentData() == "target"  # the role row follows
    # ".." marks a missing value in this file: those cells are marked until a policy is chosen.
    failing = {(i.row, i.column) for i in dialog.issues()}
    assert (0, 2) in failing and (0, 3) in failing
    item = dialog.table.item(1, 2)
    assert item.background().color().red() == 213 and "missing" in item.toolTip()
    assert "will fail to load" in dialog.problems_label.text()
    choose_combo(dialog.missing_box, "drop")
    assert dialog.issues() == () and dialog.problems_label.text() == ""
    assert dialog.load_options()["missing"] == "drop"
    # The header checkbox has the last word: without it the years are data.
    dialog.header_box.setChecked(False)
    assert not dialog.preview.has_header and dialog.header_note.text() == "(your choice)"


def test_dialog_date_column_labels_steps_and_statistics(qtbot):
    dialog = CsvImportDialog(peek_table(TABLES / "co2_monthly.tsv"))
    qtbot.addWidget(dialog)
    assert dialog.columns() == ([1], [])  # the date column is not an input
    assert dialog.label_column() == 0
    assert "labelled by date" in dialog.summary.text()
    assert "24 rows" in dialog.row_count.label.text()  # a small file: counted by the preview
    stats = dialog.scale_stats.text()
    values = [float(r[1]) for r in dialog.preview.rows]
    assert f"mean {np.mean(values):.4g}" in stats and "standardised" in stats
    choose_combo(dialog.scale_box, "minmax")
    assert "min-max" in dialog.scale_stats.text()
    assert dialog.load_options()["scale"].inputs == "minmax"
    with_weights = CsvImportDialog(peek_table(TABLES / "co2_monthly.tsv"), weights_loaded=True)
    qtbot.addWidget(with_weights)
    assert with_weights.scale_box.currentData() == "none"
    assert "as in the file" in with_weights.scale_stats.text()


def test_dialog_marks_ragged_rows_and_text_cells(qtbot, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("t,a,b\n1,0.5,2\n2,0.25\n3,abc,4\n4,1,5\n")
    dialog = CsvImportDialog(peek_table(path))
    qtbot.addWidget(dialog)
    kinds = {(i.row, i.column, i.kind) for i in dialog.issues()}
    assert (1, None, "ragged") in kinds and (2, 1, "text") in kinds
    for j in range(3):  # the whole ragged row is marked
        assert "expected 3" in dialog.table.item(2, j).toolTip()
    assert dialog.table.verticalHeaderItem(2).text() == "3"  # the file's line numbers
    dialog.set_role(1, "skip")
    assert (2, 1, "text") not in {(i.row, i.column, i.kind) for i in dialog.issues()}


def test_dialog_counts_the_rows_of_a_big_file_in_a_worker(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    rows = 150_000
    with open(path, "w") as fh:  # > 1 MB: the preview reads only its start
        fh.write("year,flow\n")
        fh.writelines(f"{1000 + k},{k % 977}.5\n" for k in range(rows))
    preview = peek_table(path)
    assert preview.total_rows is None
    dialog = CsvImportDialog(preview)
    qtbot.addWidget(dialog)
    assert (
        "counting" in dialog.row_count.label.text()
        and not dialog.row_count.cancel_button.isHidden()
    )
    dialog.row_count.wait()
    qtbot.waitUntil(lambda: dialog.total_rows is not None)
    assert dialog.total_rows == rows
    assert (
        f"{rows:,} rows" in dialog.row_count.label.text()
        and dialog.row_count.cancel_button.isHidden()
    )
    # Stopped by the user, the estimate stays (the worker waits for the click here).
    import lstm_sim.gui.files.row_count as row_count

    real = row_count.count_rows

    def slow(path, preview, *, cancel, progress):
        while not cancel():
            time.sleep(0.01)
        return real(path, preview, cancel=cancel, progress=progress)

    monkeypatch.setattr(row_count, "count_rows", slow)
    again = CsvImportDialog(preview)
    qtbot.addWidget(again)
    again.row_count.cancel_button.click()
    again.row_count.wait()
    qtbot.waitUntil(lambda: again.row_count.cancel_button.isHidden())
    assert again.total_rows is None and "estimated" in again.row_count.label.text()


# ------------------------------------------------- step labels and x_t names
def test_step_labels_on_the_time_axis_and_input_names_in_the_views(window, stand, qtbot):
    s = window.session
    file_open(window, stand, TABLES / "co2_monthly.tsv")
    axis = window.plots.time_axis
    assert window.plots.rendered()["time_axis"] == {
        "label": "time step t — date",
        "labelled_by": "date",
    }
    # Step t consumes row t − 1: the tick at t = 1 is the first month, t = 0 has none.
    assert axis.tickStrings([0.0, 1.0, 13.0, 2.5], 1.0, 1.0) == ["", "1959-01", "1960-01", ""]
    window.request_step(3)
    window.settle()
    x_now = s.sequence.inputs[2, 0]
    tip = window.diagram.node_tooltip("x")
    assert "(co2)" in tip and f"{x_now:.3f}"[:4] in tip
    values = window.values.rendered()
    inputs = values["inputs"]  # x_t: a table of its own, one column per input
    assert inputs["columns"] == ["co2"]
    assert inputs["tips"][0].endswith(inputs["cells"][0]) and "co2" in inputs["tips"][0]
    assert window.diagram.rendered()["inputs"] == ["co2"]
    assert window.diagram.rendered()["time"] == "t = 3 · 1959-03-01"  # the month step 3 reads
    fresh = fresh_window(window)
    qtbot.addWidget(fresh)  # closed after the test
    assert diff_rendered(window.rendered(), fresh.rendered()) == []
    # Two inputs named by the file (quotes in the names are not part of them).
    file_open(window, stand, TABLES / "quoted_names.csv")
    assert s.sequence.input_names == ("popul", "births")
    window.request_step(1)
    window.settle()
    tip = window.diagram.node_tooltip("x")
    assert "popul = " in tip and "births = " in tip
    # Rows dropped for missing values: the years are no longer regular, steps are numbered.
    stand.choose = lambda dialog: choose_combo(dialog.missing_box, "drop")
    file_open(window, stand, TABLES / "nile_gaps.csv")
    assert s.sequence.step_labels is not None and not s.sequence.step_labels.regular
    assert "4 of 100 rows dropped for 4 missing values" in window.statusBar().currentMessage()
    assert window.plots.rendered()["time_axis"]["labelled_by"] == ""
    assert axis.tickStrings([0.0, 20.0], 1.0, 20.0) == ["0", "20"]


def test_closing_the_dialog_while_counting_stops_the_count(qtbot, tmp_path, monkeypatch):
    import lstm_sim.gui.files.row_count as row_count

    path = tmp_path / "big.csv"
    path.write_text("a\n" + "1.5\n" * 400_000)  # 1.6 MB: counted in a worker
    stopped = []

    def slow(path, preview, *, cancel, progress):
        while not cancel():
            progress(0.5)
            time.sleep(0.005)
        stopped.append(True)
        raise row_count.LoadCancelled(str(path))

    monkeypatch.setattr(row_count, "count_rows", slow)
    dialog = CsvImportDialog(peek_table(path))
    job = dialog.row_count._job
    qtbot.wait(30)  # progress arrives
    dialog.reject()  # Cancel: the count stops …
    dialog.deleteLater()
    assert job.wait(5) and stopped == [True]
    qtbot.wait(50)  # … and its last signals find no deleted widget
