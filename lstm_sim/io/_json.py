"""JSON documents: parsing with line/column errors, and numeric arrays with JSON-path errors."""

from __future__ import annotations

import json
import math
import os
import re
from typing import Any

import numpy as np

from ._files import decode_text
from .errors import LoadError

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
        raise LoadError(path, "", "empty file" if not data else "the file holds only blanks")
    text = decode_text(data, path)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(
            path, f"line {exc.lineno}, column {exc.colno}", f"not JSON: {exc.msg}"
        ) from None
    except RecursionError:
        raise LoadError(path, "", "not usable JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. integers with too many digits
        raise LoadError(path, "", f"not usable JSON: {exc}") from None
    return JsonDoc(value, path, bool(_BOOL.search(text)))


def _describe(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return repr(v if len(v) <= 20 else v[:20] + "…")
    if isinstance(v, list):
        return "a list"
    if isinstance(v, dict):
        return "an object"
    return repr(v)


def _number(v: Any, doc: JsonDoc, where: str) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise LoadError(doc.path, f"key {where}", f"expected a number, got {_describe(v)}")
    try:
        x = float(v)
    except OverflowError:
        raise LoadError(doc.path, f"key {where}", "number too large") from None
    if not math.isfinite(x):
        raise LoadError(doc.path, f"key {where}", f"{x} is not allowed (values must be finite)")
    return x


def _walk(value: Any, doc: JsonDoc, key: str, ndims: tuple[int, ...]) -> np.ndarray:
    """Element-by-element conversion that names the first bad element."""
    if not isinstance(value, list):
        raise LoadError(doc.path, f"key {key}", f"expected a list, got {_describe(value)}")
    if not value:
        raise LoadError(doc.path, f"key {key}", "empty list")
    two_d = isinstance(value[0], list)
    if two_d and 2 not in ndims:
        raise LoadError(doc.path, f"key {key}[0]", "expected a number, got a list")
    if not two_d:
        if 1 not in ndims:
            raise LoadError(
                doc.path, f"key {key}[0]", f"expected a list, got {_describe(value[0])}"
            )
        return np.array([_number(v, doc, f"{key}[{k}]") for k, v in enumerate(value)])
    width = len(value[0])
    if width == 0:
        raise LoadError(doc.path, f"key {key}[0]", "empty row")
    rows = []
    for k, row in enumerate(value):
        if not isinstance(row, list):
            raise LoadError(doc.path, f"key {key}[{k}]", f"expected a list, got {_describe(row)}")
        if len(row) != width:
            raise LoadError(
                doc.path,
                f"key {key}[{k}]",
                f"row has {len(row)} values, expected {width} like {key}[0]",
            )
        rows.append([_number(v, doc, f"{key}[{k}][{j}]") for j, v in enumerate(row)])
    return np.array(rows)


def to_array(value: Any, doc: JsonDoc, key: str, ndims: tuple[int, ...] = (1, 2)) -> np.ndarray:
    """A finite float64 array from a JSON list (of lists) of numbers.

    Parameters
    ----------
    value : the JSON value
    doc : JsonDoc
        The document (for the file name in errors).
    key : str
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
    return _walk(value, doc, key, ndims)


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
