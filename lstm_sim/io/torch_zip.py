"""PyTorch ``.pt`` / ``.pth`` files without torch, and without running anything they hold.

A file written by ``torch.save`` (PyTorch ≥ 1.6) is a zip archive::

    <name>/data.pkl        the object (a state dict, a checkpoint dict …), pickled
    <name>/data/0, 1, …    the raw bytes of each storage
    <name>/byteorder       "little" or "big" (absent in old files: little)

Unpickling can call any function the pickle names, so it is done here by
:class:`SafeUnpickler`, which resolves *only* the globals of an allow-list —
each mapped to a function of this module, never to the real one: torch's
tensor-rebuild functions (``torch._utils._rebuild_tensor_v2`` and friends,
``torch._tensor._rebuild_from_type_v2``, ``torch._utils._rebuild_parameter``),
the storage types (``torch.FloatStorage`` …), the dtypes, ``torch.Size``,
``torch.device``, ``collections.OrderedDict``, ``builtins.set``/``frozenset``/
``complex`` and ``_codecs.encode`` (how protocol 2 pickles bytes). Any other
global — ``os.system``, ``builtins.eval``, ``getattr``, ``copyreg`` or
``functools.partial`` tricks, a pickled ``nn.Module`` — stops the load with a
:class:`~lstm_sim.io.LoadError` naming it. This is the promise of
``torch.load(weights_only=True)``; nothing is imported and nothing the file
names is executed.

Budgets: the storages' announced sizes are checked against
:func:`~lstm_sim.engine.budget.check_memory` before they are read, and every
tensor's size before it is copied out of its storage (a tensor may be a view
with stride 0 over one element).
"""

from __future__ import annotations

import _compat_pickle
import io
import math
import os
import pickle
import warnings
import zipfile
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import numpy as np

from ..engine.budget import BudgetError, check_memory
from .errors import QT_TRANSLATE_NOOP, LoadError, Text, key_place
from .keras_weights import Entry

__all__ = [
    "TORCH_LEGACY_MAGIC",
    "SafeUnpickler",
    "is_torch_zip",
    "read_torch_legacy",
    "read_torch_zip",
    "state_dict_entries",
]

#: How a pre-1.6 (non-zip) torch file starts: a protocol-2 pickle of a magic number.
TORCH_LEGACY_MAGIC = b"\x80\x02\x8a\x0al\xfc\x9cF\xf9 j\xa8P\x19."

_STORAGES: dict[str, str] = {
    "DoubleStorage": "f8",
    "FloatStorage": "f4",
    "HalfStorage": "f2",
    "BFloat16Storage": "bf16",
    "LongStorage": "i8",
    "IntStorage": "i4",
    "ShortStorage": "i2",
    "CharStorage": "i1",
    "ByteStorage": "u1",
    "BoolStorage": "?",
    "UntypedStorage": "u1",
}
_DTYPES: dict[str, str] = {
    "float64": "f8",
    "double": "f8",
    "float32": "f4",
    "float": "f4",
    "float16": "f2",
    "half": "f2",
    "bfloat16": "bf16",
    "int64": "i8",
    "long": "i8",
    "int32": "i4",
    "int": "i4",
    "int16": "i2",
    "short": "i2",
    "int8": "i1",
    "uint8": "u1",
    "bool": "?",
}


class _Refused(pickle.UnpicklingError):
    """The pickle asked for something outside the allow-list."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class _Kind:
    """A storage type or dtype named by the pickle (a marker; holds a NumPy type code)."""

    __slots__ = ("code", "name")

    def __init__(self, name: str, code: str) -> None:
        self.name = name
        self.code = code

    def __setstate__(self, state: Any) -> None:
        raise _Refused(f"BUILD on {self.name}")


class _TensorType:
    """``torch.Tensor`` / ``torch.nn.Parameter`` as named by ``_rebuild_from_type_v2``."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __setstate__(self, state: Any) -> None:
        raise _Refused(f"BUILD on {self.name}")


class _Storage:
    __slots__ = ("code", "numel", "raw")

    def __init__(self, raw: bytes, code: str, numel: int) -> None:
        self.raw = raw
        self.code = code
        self.numel = numel

    def __setstate__(self, state: Any) -> None:
        raise _Refused("BUILD on a storage")


def _np_dtype(code: str, big: bool) -> np.dtype:
    if code == "bf16":
        return np.dtype(">u2" if big else "<u2")
    dt = np.dtype(code)
    return dt.newbyteorder(">" if big else "<") if dt.itemsize > 1 else dt


def _int(value: Any, what: str) -> int:
    if type(value) is not int or value < 0:
        raise pickle.UnpicklingError(f"{what}: expected a whole number ≥ 0, got {value!r}")
    return value


def _ints(value: Any, what: str) -> tuple[int, ...]:
    if not isinstance(value, tuple) or len(value) > 16:
        raise pickle.UnpicklingError(f"{what}: expected a tuple of sizes, got {value!r}")
    return tuple(_int(v, what) for v in value)


class SafeUnpickler(pickle.Unpickler):
    """An unpickler that builds only tensors (as NumPy arrays), containers and numbers.

    Parameters
    ----------
    file : binary file
        The pickle (``data.pkl``).
    storage : callable
        ``storage(key, code, numel) -> bytes``: the raw bytes of one storage
        record (checked and budgeted by the caller).
    big_endian : bool
        The archive's byte order.
    """

    def __init__(
        self, file: Any, storage: Callable[[str, str, int], bytes], big_endian: bool
    ) -> None:
        super().__init__(file)
        self._storage = storage
        self._big = big_endian
        self._cache: dict[str, _Storage] = {}
        self._allowed: dict[tuple[str, str], Any] = {
            ("collections", "OrderedDict"): OrderedDict,
            ("builtins", "set"): set,
            ("builtins", "frozenset"): frozenset,
            ("builtins", "complex"): complex,
            ("_codecs", "encode"): _encode,
            ("torch", "Size"): _size,
            ("torch", "device"): _device,
            ("torch", "Tensor"): _TensorType("torch.Tensor"),
            ("torch.nn.parameter", "Parameter"): _TensorType("torch.nn.Parameter"),
            ("torch._utils", "_rebuild_tensor"): self._rebuild_v1,
            ("torch._utils", "_rebuild_tensor_v2"): self._rebuild_v2,
            ("torch._utils", "_rebuild_tensor_v3"): self._rebuild_v3,
            ("torch._utils", "_rebuild_parameter"): _rebuild_parameter,
            ("torch._utils", "_rebuild_parameter_with_state"): _rebuild_parameter,
            ("torch._tensor", "_rebuild_from_type_v2"): _rebuild_from_type,
        }
        for name, code in _STORAGES.items():
            self._allowed[("torch", name)] = _Kind(f"torch.{name}", code)
        for name, code in _DTYPES.items():
            self._allowed[("torch", name)] = _Kind(f"torch.{name}", code)

    def find_class(self, module: str, name: str) -> Any:
        # Protocol 2 pickles name Python 2 modules (__builtin__, copy_reg): read them as
        # the standard unpickler would, from the (data-only) table of pickle itself.
        if (module, name) in _compat_pickle.NAME_MAPPING:
            module, name = _compat_pickle.NAME_MAPPING[(module, name)]
        elif module in _compat_pickle.IMPORT_MAPPING:
            module = _compat_pickle.IMPORT_MAPPING[module]
        try:
            return self._allowed[(module, name)]
        except (KeyError, TypeError):
            raise _Refused(f"{module}.{name}") from None

    def persistent_load(self, pid: Any) -> Any:
        if not (
            isinstance(pid, tuple)
            and len(pid) == 5
            and pid[0] == "storage"
            and isinstance(pid[1], _Kind)
            and pid[1].name.endswith("Storage")
            and isinstance(pid[2], str)
        ):
            raise pickle.UnpicklingError(f"unexpected persistent id {pid!r:.80}")
        kind, key = pid[1], pid[2]
        numel = _int(pid[4], "storage size")
        found = self._cache.get(key)
        if found is None:
            found = _Storage(self._storage(key, kind.code, numel), kind.code, numel)
            self._cache[key] = found
        return found

    # ---------------------------------------------------------- rebuilds
    def _rebuild_v1(self, storage: Any, offset: Any, size: Any, stride: Any) -> np.ndarray:
        return self._view(storage, offset, size, stride, None)

    def _rebuild_v2(
        self,
        storage: Any,
        offset: Any,
        size: Any,
        stride: Any,
        requires_grad: Any = False,
        hooks: Any = None,
        metadata: Any = None,
    ) -> np.ndarray:
        return self._view(storage, offset, size, stride, None)

    def _rebuild_v3(
        self,
        storage: Any,
        offset: Any,
        size: Any,
        stride: Any,
        requires_grad: Any,
        hooks: Any,
        dtype: Any,
        metadata: Any = None,
    ) -> np.ndarray:
        if not isinstance(dtype, _Kind):
            raise pickle.UnpicklingError(f"expected a dtype, got {dtype!r:.80}")
        return self._view(storage, offset, size, stride, dtype.code)

    def _view(self, storage: Any, offset: Any, size: Any, stride: Any, code: str | None):
        if not isinstance(storage, _Storage):
            raise pickle.UnpicklingError("a tensor without a storage")
        offset = _int(offset, "storage offset")
        size, stride = _ints(size, "size"), _ints(stride, "stride")
        if len(size) != len(stride):
            raise pickle.UnpicklingError(f"size {size} and stride {stride} disagree")
        dt = _np_dtype(code or storage.code, self._big)
        flat = np.frombuffer(storage.raw, dtype=dt)
        count = math.prod(size)
        if count:
            last = offset + sum((n - 1) * s for n, s in zip(size, stride, strict=True))
            if last >= flat.shape[0]:
                raise pickle.UnpicklingError(
                    f"a tensor of size {size} reaches element {last} of a storage of "
                    f"{flat.shape[0]}"
                )
        check_memory(count * max(dt.itemsize, 4), f"a tensor of size {size}")
        if count == 0:
            arr = np.zeros(size, dtype=dt)
        else:
            view = np.lib.stride_tricks.as_strided(
                flat[offset:],
                shape=size,
                strides=tuple(s * dt.itemsize for s in stride),
                writeable=False,
            )
            arr = np.array(view)
        if (code or storage.code) == "bf16":
            arr = (arr.astype(np.uint32) << 16).view(np.float32)
        return arr.astype(arr.dtype.newbyteorder("=")) if arr.dtype.byteorder == ">" else arr


def _encode(text: Any, encoding: Any = "utf-8", *rest: Any) -> bytes:
    if not isinstance(text, str) or encoding not in ("latin1", "latin-1") or rest:
        raise _Refused("_codecs.encode (other than text to latin-1 bytes)")
    return text.encode("latin-1")


def _size(value: Any = ()) -> tuple[int, ...]:
    return _ints(tuple(value) if isinstance(value, list | tuple) else value, "torch.Size")


def _device(*args: Any) -> str:
    if not all(isinstance(a, str | int) for a in args):
        raise pickle.UnpicklingError("torch.device: unexpected arguments")
    return ":".join(str(a) for a in args)


def _rebuild_parameter(data: Any, requires_grad: Any = False, hooks: Any = None, *rest: Any):
    if not isinstance(data, np.ndarray):
        raise pickle.UnpicklingError("a parameter without a tensor")
    return data


def _rebuild_from_type(func: Any, new_type: Any, args: Any, state: Any = None) -> Any:
    if not isinstance(new_type, _TensorType) or not isinstance(args, tuple):
        raise _Refused("torch._tensor._rebuild_from_type_v2 of a type other than a tensor")
    rebuilds = (SafeUnpickler._rebuild_v1, SafeUnpickler._rebuild_v2, SafeUnpickler._rebuild_v3)
    if getattr(func, "__func__", None) not in rebuilds and func is not _rebuild_parameter:
        raise _Refused("torch._tensor._rebuild_from_type_v2 of an unknown function")
    return func(*args)


# ------------------------------------------------------------------ archive
def is_torch_zip(data: bytes) -> bool:
    """True for a zip archive holding a ``…/data.pkl`` (what ``torch.save`` writes)."""
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return any(n.endswith("data.pkl") and n.count("/") == 1 for n in zf.namelist())
    except Exception:
        return False


def read_torch_zip(path: str | os.PathLike[str], data: bytes) -> Any:
    """The object a ``torch.save`` zip archive holds, tensors as NumPy arrays.

    Raises
    ------
    LoadError
        Not a torch archive, damaged, a global outside the allow-list (named),
        or more memory than the budget allows.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = zf.namelist()
    except Exception as exc:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "not a readable PyTorch file ({detail})"),
                detail=exc,
            ),
        ) from None
    with zf:
        pkls = [n for n in names if n.endswith("/data.pkl") and n.count("/") == 1]
        if len(pkls) != 1:
            raise LoadError(
                path,
                "",
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors",
                        "not a PyTorch file: expected one …/data.pkl in the zip archive, "
                        "found {count}",
                    ),
                    count=len(pkls),
                ),
            )
        root = pkls[0][: -len("data.pkl")]
        infos = {i.filename: i for i in zf.infolist()}
        records = [i for n, i in infos.items() if n.startswith(root + "data/")]
        try:
            check_memory(
                sum(i.file_size for i in records) + infos[pkls[0]].file_size,
                Text(QT_TRANSLATE_NOOP("FileErrors", "the tensors of this file")),
            )
        except BudgetError as exc:
            raise LoadError(path, "", exc) from None
        big = False
        if root + "byteorder" in infos:
            order = zf.read(root + "byteorder").strip()
            if order not in (b"little", b"big"):
                raise LoadError(
                    path,
                    key_place(f"'{root}byteorder'"),
                    Text(
                        QT_TRANSLATE_NOOP("FileErrors", "unknown byte order {order}"),
                        order=repr(order[:20]),
                    ),
                )
            big = order == b"big"

        def storage(key: str, code: str, numel: int) -> bytes:
            name = f"{root}data/{key}"
            info = infos.get(name)
            size = numel * (2 if code == "bf16" else np.dtype(code).itemsize)
            if info is None or "/" in key or info.file_size < size:
                raise pickle.UnpicklingError(
                    f"storage {key!r}: the record {name} is missing or shorter than the "
                    f"{numel} element(s) it announces"
                )
            return zf.read(name)[:size]

        place = pkls[0]
        try:
            pkl = io.BytesIO(zf.read(pkls[0]))
            return SafeUnpickler(pkl, storage, big).load()
        except _Refused as exc:
            raise LoadError(
                path,
                place,
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors",
                        "refused to unpickle {what}: lstm-sim reads only tensors, numbers, "
                        "strings and containers from PyTorch files (as "
                        "torch.load(weights_only=True)) and never runs code from a file; "
                        "save model.state_dict() instead",
                    ),
                    what=exc.what,
                ),
            ) from None
        except BudgetError as exc:
            raise LoadError(path, place, exc) from None
        except MemoryError:
            raise LoadError(
                path, place, Text(QT_TRANSLATE_NOOP("FileErrors", "too large for the memory"))
            ) from None
        except Exception as exc:  # UnpicklingError, EOFError, struct errors …
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise LoadError(
                path,
                place,
                Text(
                    QT_TRANSLATE_NOOP("FileErrors", "not a readable PyTorch file ({detail})"),
                    detail=detail,
                ),
            ) from None


# ------------------------------------------------------------ state dicts
def read_torch_legacy(path: str | os.PathLike[str], data: bytes) -> Any:
    """The pre-1.6 format (not a zip): only through torch, with ``weights_only=True``.

    Returns the object with its tensors as NumPy arrays.
    """
    try:
        import torch
    except ImportError:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "a .pt file in the format of PyTorch before 1.6 needs PyTorch to read "
                    "(pip install torch); or re-save it with a current PyTorch or as "
                    ".safetensors",
                )
            ),
        ) from None
    try:
        with warnings.catch_warnings():  # damaged files make torch warn, then fail
            warnings.simplefilter("ignore")
            obj = torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)
    except pickle.UnpicklingError:
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "holds more than tensors (e.g. a whole model), which would need unpickling "
                    "code; lstm-sim never does that — save model.state_dict() instead",
                )
            ),
        ) from None
    except Exception as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "not a readable PyTorch file ({detail})"),
                detail=first,
            ),
        ) from None

    def to_numpy(value: Any) -> Any:
        if isinstance(value, torch.Tensor):
            t = value.detach().cpu()
            return (t.float() if t.dtype in (torch.bfloat16, torch.float16) else t).numpy()
        if isinstance(value, dict):
            return {k: to_numpy(v) for k, v in value.items()}
        return value

    return to_numpy(obj)


def state_dict_entries(path: str | os.PathLike[str], obj: Any) -> dict[str, Entry]:
    """The arrays of a state dict, or of the state dict inside a checkpoint dict."""
    if isinstance(obj, dict):  # a checkpoint: {"epoch": …, "state_dict": {…}, …}
        for key in ("state_dict", "model_state_dict", "model"):
            inner = obj.get(key)
            if isinstance(inner, dict) and any(isinstance(v, np.ndarray) for v in inner.values()):
                obj = inner
                break
    if not isinstance(obj, dict):
        raise LoadError(
            path,
            "",
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "expected a state dict (names → tensors), got {type}"
                ),
                type=type(obj).__name__,
            ),
        )
    entries = {}
    for key, value in obj.items():
        if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
            arr = value.astype(np.float32) if value.dtype == np.float16 else value
            entries[str(key)] = Entry(arr, key_place(f"'{key}'"))
    return entries
