"""JSON documents: parsing with line/column errors, and numeric arrays with JSON-path errors."""

from __future__ import annotations

import json
import math
import os
import re
from typing import Any

import numpy as np

from ._files import decode_text, empty_file
from .errors import QT_TRANSLATE_NOOP, LoadError, Message, Text, key_place, line_column

__all__ = ["JsonDoc", "dumps", "parse_json", "to_array"]

_BOOL = re.compile(r"\b(?:true|false)\b")


class JsonDoc:
    """A parsed JSON document and what is needed to report errors in it."""

    def __init__(self, value: Any, path: str | os.PathLike[str], has_bool: bool) -> None:
        self.value = value
        self.path = path
        # ``true``/``false`` would silently become 1.0/0.0 in np.array: if the
        # text has any, arrays are checked element by element.
        self.has_bool = has_bool


def parse_json(data: bytes, path: str | os.PathLike[str]) -> JsonDoc:
    """Parse a UTF-8 JSON file's bytes.

    Raises
    ------
    LoadError
        Empty, not UTF-8, or not JSON (the place is the line and column).
    """
    if not data or data.isspace():
        raise LoadError(path, "", empty_file(data))
    text = decode_text(data, path)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(
            path,
            line_column(exc.lineno, exc.colno),
            Text(QT_TRANSLATE_NOOP("FileErrors", "not JSON: {detail}"), detail=exc.msg),
        ) from None
    except RecursionError:
        raise LoadError(
            path, "", Text(QT_TRANSLATE_NOOP("FileErrors", "not usable JSON: nested too deeply"))
        ) from None
    except ValueError as exc:  # e.g. integers with too many digits
        raise LoadError(
            path, "", Text(QT_TRANSLATE_NOOP("FileErrors", "not usable JSON: {detail}"), detail=exc)
        ) from None
    return JsonDoc(value, path, bool(_BOOL.search(text)))


def _describe(v: Any) -> Message:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return repr(v if len(v) <= 20 else v[:20] + "…")
    if isinstance(v, list):
        return Text(QT_TRANSLATE_NOOP("FileErrors", "a list"))
    if isinstance(v, dict):
        return Text(QT_TRANSLATE_NOOP("FileErrors", "an object"))
    return repr(v)


def expected_number(v: Any) -> Text:
    """The reason "expected a number, got …"."""
    return Text(QT_TRANSLATE_NOOP("FileErrors", "expected a number, got {got}"), got=_describe(v))


def expected_list(v: Any) -> Text:
    """The reason "expected a list, got …"."""
    return Text(QT_TRANSLATE_NOOP("FileErrors", "expected a list, got {got}"), got=_describe(v))


def not_finite(value: Any) -> Text:
    """The reason "nan is not allowed (values must be finite)"."""
    return Text(
        QT_TRANSLATE_NOOP("FileErrors", "{value} is not allowed (values must be finite)"),
        value=value,
    )


def _number(v: Any, doc: JsonDoc, where: str) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise LoadError(doc.path, key_place(where), expected_number(v))
    try:
        x = float(v)
    except OverflowError:
        raise LoadError(
            doc.path, key_place(where), Text(QT_TRANSLATE_NOOP("FileErrors", "number too large"))
        ) from None
    if not math.isfinite(x):
        raise LoadError(doc.path, key_place(where), not_finite(x))
    return x


def _walk(value: Any, doc: JsonDoc, name: str, ndims: tuple[int, ...]) -> np.ndarray:
    """Element-by-element conversion that names the first bad element."""
    if not isinstance(value, list):
        raise LoadError(doc.path, key_place(name), expected_list(value))
    if not value:
        raise LoadError(
            doc.path, key_place(name), Text(QT_TRANSLATE_NOOP("FileErrors", "empty list"))
        )
    two_d = isinstance(value[0], list)
    if two_d and 2 not in ndims:
        raise LoadError(doc.path, key_place(f"{name}[0]"), expected_number(value[0]))
    if not two_d:
        if 1 not in ndims:
            raise LoadError(doc.path, key_place(f"{name}[0]"), expected_list(value[0]))
        return np.array([_number(v, doc, f"{name}[{k}]") for k, v in enumerate(value)])
    width = len(value[0])
    if width == 0:
        raise LoadError(
            doc.path, key_place(f"{name}[0]"), Text(QT_TRANSLATE_NOOP("FileErrors", "empty row"))
        )
    rows = []
    for k, row in enumerate(value):
        if not isinstance(row, list):
            raise LoadError(doc.path, key_place(f"{name}[{k}]"), expected_list(row))
        if len(row) != width:
            raise LoadError(
                doc.path,
                key_place(f"{name}[{k}]"),
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors", "row has {count} values, expected {width} like {first}"
                    ),
                    count=len(row),
                    width=width,
                    first=f"{name}[0]",
                ),
            )
        rows.append([_number(v, doc, f"{name}[{k}][{j}]") for j, v in enumerate(row)])
    return np.array(rows)


def to_array(value: Any, doc: JsonDoc, name: str, ndims: tuple[int, ...] = (1, 2)) -> np.ndarray:
    """A finite float64 array from a JSON list (of lists) of numbers.

    Parameters
    ----------
    value : the JSON value
    doc : JsonDoc
        The document (for the file name in errors).
    name : str
        JSON path of ``value``, e.g. ``"inputs"``; errors name the element,
        e.g. ``"key inputs[3][1]"``.
    ndims : tuple of int
        Accepted numbers of dimensions (1: a list of numbers, 2: a list of rows).

    Raises
    ------
    LoadError
        Not a list, empty, ragged, a non-number, NaN or infinity.
    """
    if isinstance(value, list) and value and not doc.has_bool:
        try:
            arr = np.array(value)
        except (ValueError, TypeError, OverflowError):
            arr = None
        if (
            arr is not None
            and arr.dtype.kind in "iuf"
            and arr.ndim in ndims
            and arr.size > 0
            and (arr.ndim == 1 or arr.shape[1] > 0)
        ):
            arr = arr.astype(np.float64)
            if np.isfinite(arr).all():
                return arr
    return _walk(value, doc, name, ndims)


def _dump(obj: Any, indent: str) -> str:
    inner = indent + "  "
    if isinstance(obj, dict) and obj:
        items = (f"{inner}{_flat(str(k))}: {_dump(v, inner)}" for k, v in obj.items())
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(obj, list) and obj and all(isinstance(v, list | dict) for v in obj):
        return "[\n" + ",\n".join(inner + _dump(v, inner) for v in obj) + "\n" + indent + "]"
    return _flat(obj)


def _flat(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def dumps(obj: Any) -> bytes:
    """Exact, readable JSON: one row of a matrix per line.

    Floats are written with ``repr`` (shortest exact form), so they read back
    identical. NaN and infinity are refused (``ValueError``).
    """
    return (_dump(obj, "") + "\n").encode("utf-8")
