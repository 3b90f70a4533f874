"""Translatable file errors: English ``str()``, translated ``translated()``, complete templates.

- Every template marked ``QT_TRANSLATE_NOOP("FileErrors", …)`` is formatted
  with exactly its fields where it is used (an AST walk over the package), and
  no load or save error is raised with a bare English string any more.
- Every zh_CN translation of a template keeps its ``{fields}`` and formats
  with them; it has no English words but technical names.
- ``str(err)`` stays the English ``FILE: PLACE: REASON`` (the command line
  prints it), even while the zh_CN translator is installed;
  ``err.translated(QCoreApplication.translate)`` is Chinese, with the file
  name, numbers, keys and values inserted as they are.

The dialogs of the app that show these errors are checked in
``tests/test_i18n.py`` (``test_zh_cn_file_error_dialogs_are_translated``).
"""

from __future__ import annotations

import ast
import errno
import io
import json
import pickle
import re
import string
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication

from lstm_sim.engine import EngineError, LSTMParams
from lstm_sim.engine.errors import Joined, Text
from lstm_sim.gui.files.dialogs import error_text, qt_translate
from lstm_sim.gui.i18n import install_language
from lstm_sim.io import (
    LoadError,
    SaveError,
    load_sequence,
    load_session,
    load_weights,
    save_weights,
)
from lstm_sim.io._files import os_reason
from lstm_sim.io.errors import key_place, line_column

sys.path.insert(0, str(Path(__file__).parent))
from test_i18n import english_leftovers

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "lstm_sim"
TS = ROOT / "resources" / "i18n" / "lstm_sim_zh_CN.ts"
CONTEXT = "FileErrors"

#: Technical names that stay as they are in a Chinese error message: file
#: formats and libraries, JSON keys and literals, dtypes, commands.
TECHNICAL_WORDS = frozenset(
    {
        "HDF",  # HDF5
        "UTF",  # UTF-8
        "NUMPY",  # the \x93NUMPY signature
        "Python",
        "pickle",
        "pip",
        "install",
        "torch",
        "keras",
        "safetensors",
        "zip",
        "model",  # model.weights.h5, model.state_dict()
        "descr",
        "shape",  # NPY header keys
        "activation",  # a Keras config key
        "logistic",
        "sigmoid",
        "null",
        "true",
        "false",
        "float",  # float64, float32
        "inputs",
        "targets",
        "weight",
        "bias",
        "readout",  # JSON keys
        "Bidirectional",  # Keras layer names
        "Dense",
        "Gemm",  # ONNX operators
        "MatMul",
        "state_dict",
        "weights_only",
        "True",  # weights_only=True
        "NAME",  # --head NAME
        "Keras",
        "HDF5",
        "PyTorch",
        "LSTM",
        "ONNX",
        "go_backwards",  # Keras config keys
        "tanh",
        "data",  # …/data.pkl
        "pkl",
        "lstm",  # lstm-sim
        "sim",
        "head",  # --head NAME, --head none
        "none",
        "layer",  # --layer, --reverse
        "reverse",
        "FIFO",  # a named pipe
        "deflate",  # the zip packing method
        "max",
        "steps",  # the option --max-steps
    }
)


# -------------------------------------------------------------- the templates
def _is_qt_noop(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "QT_TRANSLATE_NOOP"
        and len(node.args) == 2
        and isinstance(node.args[0], ast.Constant)
        and node.args[0].value == CONTEXT
    )


def _fields(template: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (name, spec, conversion)
        for _, name, spec, conversion in string.Formatter().parse(template)
        if name is not None
    ]


def _templates_in_use() -> tuple[list[tuple[str, str, set[str]]], list[tuple[str, str]]]:
    """(where, template, keyword names) of ``Text(QT_TRANSLATE_NOOP(...), **fields)`` calls,
    and (where, template) of the other FileErrors templates (used without fields)."""
    with_fields, bare = [], []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_text: set[int] = set()
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "Text"
                and node.args
                and _is_qt_noop(node.args[0])
            ):
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                assert len(node.args) == 1, f"{where}: fields must be keywords"
                names = {kw.arg for kw in node.keywords}
                assert None not in names, f"{where}: no **fields: name each field"
                template = node.args[0].args[1]
                assert isinstance(template, ast.Constant), f"{where}: a literal template"
                with_fields.append((where, template.value, names))
                in_text.add(id(node.args[0]))
        for node in ast.walk(tree):
            if _is_qt_noop(node) and id(node) not in in_text:
                template = node.args[1]
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                assert isinstance(template, ast.Constant), f"{where}: a literal template"
                bare.append((where, template.value))
    return with_fields, bare


def test_every_template_is_formatted_with_its_fields():
    with_fields, bare = _templates_in_use()
    assert len(with_fields) + len(bare) > 150  # the walk found the package's templates
    for where, template, names in with_fields:
        fields = _fields(template)
        # plain {name} fields: nothing for a translator to get wrong
        assert all(n.isidentifier() and not spec and not conv for n, spec, conv in fields), where
        assert {n for n, _, _ in fields} == names, (where, template, names)
        template.format(**dict.fromkeys(names, "x"))
    for where, template in bare:
        assert _fields(template) == [], f"{where}: {template!r} has fields but no Text(...)"


def test_no_load_or_save_error_is_raised_with_english_words():
    """Places and reasons are Texts (or what a library said), never an English literal."""
    files = [*sorted((PACKAGE / "io").glob("*.py")), *sorted((PACKAGE / "gui").rglob("*.py"))]
    files += sorted((PACKAGE / "session").rglob("*.py"))
    found = 0
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("LoadError", "SaveError")
            ):
                continue
            found += 1
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            for arg in node.args[1:]:
                assert not isinstance(arg, ast.JoinedStr), f"{where}: an f-string"
                if isinstance(arg, ast.Constant):
                    # "" (no place) or an identifier such as "weight_ih"
                    assert re.fullmatch(r"[\w.]*", arg.value) and " " not in arg.value, where
    assert found > 100


def _ts_file_errors() -> list[tuple[str, str]]:
    out = []
    for context in ET.parse(TS).getroot().iter("context"):
        if context.findtext("name") == CONTEXT:
            for message in context.iter("message"):
                out.append(
                    (message.findtext("source") or "", message.findtext("translation") or "")
                )
    return out


def test_zh_cn_file_error_translations_keep_their_fields():
    messages = _ts_file_errors()
    with_fields, bare = _templates_in_use()
    assert {s for s, _ in messages} == {t for _, t, _ in with_fields} | {t for _, t in bare}
    for source, zh in messages:
        names = sorted(n for n, _, _ in _fields(source))
        assert sorted(n for n, _, _ in _fields(zh)) == names, (source, zh)
        assert all(not spec and not conv for _, spec, conv in _fields(zh)), zh
        zh.format(**dict.fromkeys(names, "x"))
        words_in_source = re.search("[a-z]{3}", re.sub(r"\{\w+\}", " ", source))
        assert re.search(r"[\u4e00-\u9fff]", zh) or not words_in_source, zh
        words = english_leftovers(re.sub(r"\{\w+\}", " ", zh), TECHNICAL_WORDS)
        assert words == [], (source, zh, words)


# ------------------------------------------------------------- the message type
def _fake(translations: dict[str, str]):
    calls = []

    def translate(context: str, text: str) -> str:
        calls.append(context)
        return translations.get(text, text)

    return translate, calls


def test_text_formats_in_english_and_translated():
    place = line_column(3, 2)
    reason = Text("{value} is not a number", value="'abc'")
    assert str(place) == "line 3, column 2"
    translate, calls = _fake(
        {
            "line {line}, column {column}": "第 {line} 行，第 {column} 列",
            "{value} is not a number": "{value} 不是数字",
            "{file}: {place}: {reason}": "{file}：{place}：{reason}",
        }
    )
    err = LoadError("data.csv", place, reason)
    assert str(err) == "data.csv: line 3, column 2: 'abc' is not a number"
    assert err.place == "line 3, column 2" and err.reason == "'abc' is not a number"
    assert err.place_text is place and err.reason_text is reason
    assert err.translated(translate) == "data.csv：第 3 行，第 2 列：'abc' 不是数字"
    assert set(calls) == {CONTEXT}
    # no place: "FILE: REASON"; a plain string is kept as it is (on one line)
    plain = SaveError("out.npz", "", "what the\nlibrary said")
    assert str(plain) == "out.npz: what the library said"
    assert plain.translated(translate) == "out.npz: what the library said"
    # identity translation (no translator): the English text
    assert err.translated(lambda _c, s: s) == str(err)


def test_nested_texts_and_bad_translations():
    inner = Text("layer {layer}", layer=1)
    outer = Text("no {layer} in this file (it has: {layers})", layer=inner, layers=Joined(["0"]))
    assert str(outer) == "no layer 1 in this file (it has: 0)"
    translate, _ = _fake(
        {
            "layer {layer}": "第 {layer} 层",
            # a broken translation (unknown field) falls back to the English template
            "no {layer} in this file (it has: {layers})": "此文件中没有{layer}{oops}",
        }
    )
    assert outer.translated(translate) == "no 第 1 层 in this file (it has: 0)"
    data = outer.to_data()
    assert json.loads(json.dumps(data)) == data
    back = Text.from_data(data)
    assert str(back) == str(outer)
    assert Text.from_data("plain") == "plain"


def test_engine_errors_keep_their_message_and_translate():
    with pytest.raises(EngineError) as info:
        LSTMParams(np.zeros((12, 2)), np.zeros((12, 3)), np.zeros(12), np.zeros(11))
    err = info.value
    assert str(err) == "bias_hh: expected shape (12,), got (11,)"
    assert err.subject == "bias_hh" and str(err.reason) == "expected shape (12,), got (11,)"
    translate, _ = _fake(
        {
            "{subject}: {reason}": "{subject}：{reason}",
            "expected shape {expected}, got {shape}": "形状应为 {expected}，实际为 {shape}",
        }
    )
    assert err.translated(translate) == "bias_hh：形状应为 (12,)，实际为 (11,)"
    assert str(EngineError("plain message")) == "plain message"
    assert EngineError("plain message").translated(translate) == "plain message"
    wrapped = LoadError("w.json", "", err)
    assert str(wrapped) == "w.json: bias_hh: expected shape (12,), got (11,)"
    assert wrapped.translated(translate) == "w.json: bias_hh：形状应为 (12,)，实际为 (11,)"
    again = pickle.loads(pickle.dumps(wrapped))
    assert str(again) == str(wrapped) and again.translated(translate) == wrapped.translated(
        translate
    )


def test_os_errors_are_translatable():
    for exc, english in [
        (FileNotFoundError(errno.ENOENT, "No such file or directory"), "no such file"),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), "is a directory, not a file"),
        (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        (OSError(errno.ENOSPC, "No space left on device"), "no space left on device"),
        (OSError(errno.EROFS, "Read-only file system"), "read-only file system"),
    ]:
        reason = os_reason(exc, writing=True)
        assert isinstance(reason, Text) and str(reason) == english
    # an uncommon error keeps the OS's words
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == (
        "invalid cross-device link"
    )


# ------------------------------------------------- real files, English and zh_CN
@pytest.fixture
def zh(qapp):
    assert install_language("zh_CN")
    yield
    install_language("en")


def _npz(**arrays) -> bytes:
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def _bad_files(tmp: Path) -> list[tuple[object, Path, str, list[str]]]:
    """(loader, path, English str(err), Chinese fragments of the translated message)."""
    csv = tmp / "bad.csv"
    csv.write_text("1,2\n3,4\n5,abc\n")
    weights = tmp / "wide.npz"
    params = LSTMParams.random(2, 3).to_state_dict()
    weights.write_bytes(_npz(**dict(params, weight_hh=np.zeros((12, 4)))))
    session = tmp / "old.lstmsim"
    doc = {
        "format": "lstm-sim-session",
        "version": 1,
        "sequence": {"inputs": [[0.0, 1.0], [1.0, 0.0]]},
        "weights": {k: v.tolist() for k, v in params.items()},
    }
    doc["weights"]["bias_ih"] = doc["weights"]["bias_ih"][:-1]
    session.write_text(json.dumps(doc))
    newer = tmp / "newer.lstmsim"
    newer.write_text(json.dumps(dict(doc, version=99)))
    gone = tmp / "gone.npy"
    text = tmp / "one.txt"
    text.write_text("a")
    return [
        (
            load_sequence,
            csv,
            f"{csv}: line 3, column 2: 'abc' is not a number",
            ["第 3 行，第 2 列", "'abc' 不是数字"],
        ),
        (
            load_weights,
            weights,
            f"{weights}: key 'weight_hh': expected shape (4H, H), got (12, 4)",
            ["键 'weight_hh'", "形状应为 (4H, H)，实际为 (12, 4)"],
        ),
        (
            load_session,
            session,
            f"{session}: key weights.bias_ih: expected shape (12,), got (11,)",
            ["键 weights.bias_ih", "形状应为 (12,)，实际为 (11,)"],
        ),
        (
            load_session,
            newer,
            f"{newer}: key version: version 99 was written by a newer lstm-sim "
            "(this one reads up to 1)",
            ["键 version", "版本 99", "版本 1"],
        ),
        (load_sequence, gone, f"{gone}: no such file", ["文件不存在"]),
        (load_sequence, text, f"{text}: needs at least 2 characters", ["至少需要 2 个字符"]),
    ]


def test_file_errors_are_english_strings_and_chinese_translations(tmp_path, zh):
    for loader, path, english, fragments in _bad_files(tmp_path):
        with pytest.raises(LoadError) as info:
            loader(path)
        err = info.value
        # str(): English, as the command line prints it, whatever the UI language
        assert str(err).startswith(english), str(err)
        assert QCoreApplication.translate(CONTEXT, "empty file") == "空文件"
        zh_text = err.translated(qt_translate)
        assert zh_text == error_text(err)
        assert zh_text.startswith(f"{path}："), zh_text
        for fragment in fragments:
            assert fragment in zh_text, (fragment, zh_text)
        rest = zh_text.replace(str(path), "")
        assert english_leftovers(rest, frozenset({"abc", "version", "weights"})) == [], zh_text


def test_save_errors_are_translated(tmp_path, zh):
    params = LSTMParams.random(2, 3)
    with pytest.raises(SaveError) as info:
        save_weights(params, tmp_path / "no_folder" / "w.npz")
    err = info.value
    assert "cannot write: the folder" in str(err) and "does not exist" in str(err)
    assert "无法写入：文件夹" in err.translated(qt_translate)
    with pytest.raises(SaveError) as info:
        save_weights(params, tmp_path / "w.xyz")
    assert str(info.value).startswith(f"{tmp_path / 'w.xyz'}: cannot save weights as .xyz")
    assert "无法将权重保存为 .xyz" in info.value.translated(qt_translate)
    assert key_place("x").translated(qt_translate) == "键 x"


def test_errors_from_the_hdf5_reader_process_stay_translatable(tmp_path, zh, monkeypatch):
    """The Keras reader runs in a separate process, which sends the refusal back as JSON."""
    h5py = pytest.importorskip("h5py")
    from collections import OrderedDict

    from lstm_sim.io import keras_weights

    path = tmp_path / "strings.weights.h5"
    with h5py.File(path, "w") as h5:
        group = h5.create_group("layers/lstm/cell/vars")
        group["0"] = np.array([b"a", b"b"])
        group["1"] = np.zeros((3, 12))
    assert keras_weights.H5_ISOLATED
    monkeypatch.setattr(keras_weights, "_CACHE", OrderedDict())
    with pytest.raises(LoadError) as info:
        load_weights(path)
    err = info.value
    assert str(err) == f"{path}: key 'layers/lstm/cell/vars/0': expected numbers, got dtype |S1"
    assert isinstance(err.place_text, Text) and isinstance(err.reason_text, Text)
    assert err.translated(qt_translate) == (
        f"{path}：键 'layers/lstm/cell/vars/0'：应为数值，实际数据类型为 |S1"
    )
