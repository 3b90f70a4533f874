"""Cell parameters, stored the way PyTorch stores ``nn.LSTMCell`` (and ``nn.RNNCell``).

Notation (docs/architecture.md): for input size D and hidden size H,

    weight_ih : (4H, D)   rows in blocks i, f, g, o   (input part of W_i, W_f, W_g, W_o)
    weight_hh : (4H, H)   rows in blocks i, f, g, o   (recurrent part)
    bias_ih   : (4H,)
    bias_hh   : (4H,)

The notes write each gate as one matrix over the concatenation [h_{t-1}, x_t]:

    f_t = σ(W_f·[h_{t-1}, x_t] + b_f)

so ``W_f = [weight_hh_f | weight_ih_f]`` (H × (H + D)) and
``b_f = bias_ih_f + bias_hh_f``. :meth:`LSTMParams.gate` gives the three parts of
one gate as read-only views; :attr:`LSTMParams.W_f` and friends give the
concatenated matrices of the notes.

:class:`CellParams` holds what the LSTM's and the vanilla RNN's parameters
share (the four arrays, their checks, state dicts, random initialisation);
:class:`~lstm_sim.engine.RNNParams` lives beside the RNN in :mod:`~lstm_sim.engine.rnn`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Self

import numpy as np

from .errors import QT_TRANSLATE_NOOP, EngineError, Text

__all__ = ["GATES", "GATE_NAMES", "CellParams", "GateView", "LSTMParams"]

#: Row-block order of PyTorch (and of every array in this package that is 4H long).
GATES: tuple[str, ...] = ("i", "f", "g", "o")

#: Names of the gates in words, for labels.
GATE_NAMES: dict[str, str] = {
    "i": "input gate",
    "f": "forget gate",
    "g": "candidate",
    "o": "output gate",
}

_PARAM_NAMES = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


def _as_param(name: str, value: Any, shape: tuple[int, ...]) -> np.ndarray:
    """Validate one parameter array and return a read-only float64 copy."""
    try:
        arr = np.array(value, dtype=np.float64, copy=True)
    except (TypeError, ValueError) as exc:
        raise EngineError(
            Text(QT_TRANSLATE_NOOP("FileErrors", "not a numeric array ({detail})"), detail=exc),
            subject=name,
        ) from None
    if arr.shape != shape:
        raise EngineError(
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "expected shape {expected}, got {shape}"),
                expected=shape,
                shape=arr.shape,
            ),
            subject=name,
        )
    if not np.all(np.isfinite(arr)):
        bad = np.argwhere(~np.isfinite(arr))[0]
        where = ", ".join(str(int(b)) for b in bad)
        raise EngineError(
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "non-finite value {value} at index ({index})"),
                value=arr[tuple(bad)],
                index=where,
            ),
            subject=name,
        )
    arr = np.ascontiguousarray(arr)
    arr.flags.writeable = False
    return arr


@dataclass(frozen=True)
class GateView:
    """The parameters of one gate, as read-only views into :class:`LSTMParams`.

    Attributes
    ----------
    name : str
        ``"i"``, ``"f"``, ``"g"`` or ``"o"``.
    input : numpy.ndarray, shape (H, D)
        Input weights (rows of ``weight_ih``).
    recurrent : numpy.ndarray, shape (H, H)
        Recurrent weights (rows of ``weight_hh``).
    bias_ih, bias_hh : numpy.ndarray, shape (H,)
        The two PyTorch bias parts.
    """

    name: str
    input: np.ndarray
    recurrent: np.ndarray
    bias_ih: np.ndarray
    bias_hh: np.ndarray

    @property
    def bias(self) -> np.ndarray:
        """Combined bias ``b = bias_ih + bias_hh``, shape (H,)."""
        return self.bias_ih + self.bias_hh

    @property
    def W(self) -> np.ndarray:
        """The notes' ``W_gate`` over ``[h_{t-1}, x_t]``: ``[recurrent | input]``, (H, H + D)."""
        return np.hstack([self.recurrent, self.input])


@dataclass(frozen=True, eq=False, repr=False)
class CellParams:
    """What the parameters of every cell here share: PyTorch's four arrays (a base class).

    :class:`LSTMParams` and :class:`~lstm_sim.engine.RNNParams` derive from it.
    A cell with G row blocks (the LSTM: 4, gates i, f, g, o; the vanilla RNN: 1)
    and H units, D inputs, holds

        weight_ih : (G·H, D)    weight_hh : (G·H, H)    bias_ih, bias_hh : (G·H,)

    copied, converted to float64 and made read-only. A subclass says which
    shapes it expects (:meth:`_expected_shapes`, with messages that name the
    array); every value must be finite. Use :func:`dataclasses.replace` or
    :meth:`with_arrays` to derive edited parameters.
    """

    # Row blocks of the weights and biases (one per gate), and PyTorch's names
    # of the cell and of the module (for messages).
    BLOCKS: ClassVar[int] = 1
    TORCH_NAMES: ClassVar[tuple[str, str]] = ("", "")

    weight_ih: np.ndarray
    weight_hh: np.ndarray
    bias_ih: np.ndarray
    bias_hh: np.ndarray

    def __post_init__(self) -> None:
        for name, shape in self._expected_shapes().items():
            object.__setattr__(self, name, _as_param(name, getattr(self, name), shape))

    def _expected_shapes(self) -> dict[str, tuple[int, ...]]:
        """The shape each array must have, from the shapes given (raises EngineError)."""
        raise NotImplementedError

    @property
    def input_size(self) -> int:
        """D, the number of inputs per step."""
        return int(self.weight_ih.shape[1])

    @property
    def hidden_size(self) -> int:
        """H, the number of units (length of h_t, and of C_t for an LSTM)."""
        return int(self.weight_hh.shape[1])

    @property
    def bias(self) -> np.ndarray:
        """Combined bias ``b = bias_ih + bias_hh``, shape (G·H,)."""
        return self.bias_ih + self.bias_hh

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(input_size={self.input_size}, hidden_size={self.hidden_size})"
        )

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(np.array_equal(getattr(self, n), getattr(other, n)) for n in _PARAM_NAMES)

    __hash__ = None  # type: ignore[assignment]

    def to_state_dict(self) -> dict[str, np.ndarray]:
        """PyTorch cell names (``weight_ih`` …) → writable float64 copies."""
        return {n: np.array(getattr(self, n)) for n in _PARAM_NAMES}

    @staticmethod
    def layers_in_state_dict(mapping: Mapping[str, Any]) -> list[tuple[int, bool]]:
        """The (layer, reverse) pairs present in an ``nn.LSTM``/``nn.RNN`` state dict, sorted.

        Returns ``[(0, False)]`` for cell names (``nn.LSTMCell``, ``nn.RNNCell``).
        """
        found: set[tuple[int, bool]] = set()
        for key in mapping:
            m = re.search(r"weight_hh_l(\d+)(_reverse)?$", key)
            if m:
                found.add((int(m.group(1)), m.group(2) is not None))
            elif key.endswith("weight_hh"):
                found.add((0, False))
        return sorted(found)

    def with_arrays(self, **arrays: Any) -> Self:
        """A copy with some of ``weight_ih``, ``weight_hh``, ``bias_ih``, ``bias_hh`` replaced."""
        unknown = set(arrays) - set(_PARAM_NAMES)
        if unknown:
            raise EngineError(f"unknown parameter name(s): {', '.join(sorted(unknown))}")
        current = {n: getattr(self, n) for n in _PARAM_NAMES}
        current.update(arrays)
        return type(self)(**current)

    @classmethod
    def from_state_dict(
        cls,
        mapping: Mapping[str, Any],
        *,
        layer: int = 0,
        reverse: bool = False,
        prefix: str | None = None,
    ) -> Self:
        """Build parameters from a PyTorch-style state dict.

        Accepts cell names (``weight_ih``, ``weight_hh``, ``bias_ih``,
        ``bias_hh``, as ``nn.LSTMCell`` / ``nn.RNNCell`` name them) and module
        names (``weight_ih_l{layer}`` …, as ``nn.LSTM`` / ``nn.RNN`` name them,
        with the suffix ``_reverse`` for the backward direction of a
        bidirectional module). A common module prefix such as ``"lstm."`` is
        found automatically when it is unambiguous, or can be given. Missing
        biases (``bias=False``) are zero.

        Parameters
        ----------
        mapping : Mapping[str, array_like]
            Arrays (NumPy, lists, or anything with ``__array__``).
        layer : int
            Which layer of a module to take (ignored for cell names).
        reverse : bool
            Take the ``_reverse`` direction of a bidirectional module.
        prefix : str, optional
            Key prefix to strip, e.g. ``"encoder.lstm."``.

        Raises
        ------
        EngineError
            A key is missing (the message lists the keys found), the LSTM has
            projections (``weight_hr``), or shapes/values are invalid.
        """
        return cls(**_pick_state_dict(mapping, layer, reverse, prefix, *cls.TORCH_NAMES))

    @classmethod
    def _random_arrays(
        cls, rng: np.random.Generator, input_size: int, hidden_size: int, init: str
    ) -> dict[str, np.ndarray]:
        """Random ``weight_ih``, ``weight_hh``, ``bias_ih``, ``bias_hh`` (see ``random``)."""
        if int(input_size) < 1 or int(hidden_size) < 1:
            raise EngineError(
                f"random: input_size and hidden_size must be ≥ 1, got {input_size}, {hidden_size}"
            )
        d, h = int(input_size), int(hidden_size)
        rows = cls.BLOCKS * h
        if init == "uniform":  # like PyTorch: every entry U(−1/√H, 1/√H)
            k = 1.0 / np.sqrt(h)
            w_ih = rng.uniform(-k, k, (rows, d))
            w_hh = rng.uniform(-k, k, (rows, h))
            b_ih = rng.uniform(-k, k, rows)
            b_hh = rng.uniform(-k, k, rows)
        elif init in ("xavier", "orthogonal"):
            a_ih = np.sqrt(6.0 / (d + h))
            w_ih = rng.uniform(-a_ih, a_ih, (rows, d))
            if init == "xavier":
                a_hh = np.sqrt(6.0 / (2 * h))
                w_hh = rng.uniform(-a_hh, a_hh, (rows, h))
            else:  # one orthogonal H×H block per gate
                w_hh = np.vstack([orthogonal(rng, h) for _ in range(cls.BLOCKS)])
            b_ih = np.zeros(rows)
            b_hh = np.zeros(rows)
        else:
            raise EngineError(f"init: expected 'uniform', 'xavier' or 'orthogonal', got {init!r}")
        return {"weight_ih": w_ih, "weight_hh": w_hh, "bias_ih": b_ih, "bias_hh": b_hh}


def orthogonal(rng: np.random.Generator, n: int) -> np.ndarray:
    """A random n×n orthogonal matrix (Haar-distributed: QR with the sign fix)."""
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.where(np.diag(r) < 0, -1.0, 1.0)


@dataclass(frozen=True, eq=False, repr=False)  # repr, eq: from CellParams
class LSTMParams(CellParams):
    """Parameters of one LSTM cell (PyTorch ``nn.LSTMCell`` layout, float64).

    Parameters
    ----------
    weight_ih : array_like, shape (4H, D)
    weight_hh : array_like, shape (4H, H)
    bias_ih : array_like, shape (4H,)
    bias_hh : array_like, shape (4H,)

    Row blocks in the gate order i, f, g, o. The arrays are copied, converted
    to float64 and made read-only. Shapes must agree with each other and every
    value must be finite; otherwise :class:`~lstm_sim.engine.EngineError` says
    which array and why. Use :func:`dataclasses.replace` or :meth:`with_arrays`
    to derive edited parameters.
    """

    BLOCKS: ClassVar[int] = 4
    TORCH_NAMES: ClassVar[tuple[str, str]] = ("nn.LSTMCell", "nn.LSTM")

    def _expected_shapes(self) -> dict[str, tuple[int, ...]]:
        w_ih = np.asarray(self.weight_ih)
        w_hh = np.asarray(self.weight_hh)
        if w_hh.ndim != 2 or w_hh.shape[0] != 4 * w_hh.shape[1] or w_hh.shape[1] < 1:
            raise EngineError(
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors", "expected shape (4H, H) with H ≥ 1, got {shape}"
                    ),
                    shape=tuple(w_hh.shape),
                ),
                subject="weight_hh",
            )
        hidden = w_hh.shape[1]
        if w_ih.ndim != 2 or w_ih.shape[1] < 1:
            raise EngineError(
                Text(
                    QT_TRANSLATE_NOOP(
                        "FileErrors", "expected shape ({rows}, D) with D ≥ 1, got {shape}"
                    ),
                    rows=4 * hidden,
                    shape=tuple(w_ih.shape),
                ),
                subject="weight_ih",
            )
        inputs = w_ih.shape[1]
        return {
            "weight_ih": (4 * hidden, inputs),
            "weight_hh": (4 * hidden, hidden),
            "bias_ih": (4 * hidden,),
            "bias_hh": (4 * hidden,),
        }

    # ------------------------------------------------------------ gate views
    def gate(self, name: str) -> GateView:
        """Read-only views of one gate's parameters.

        Parameters
        ----------
        name : {"i", "f", "g", "o"}
        """
        if name not in GATES:
            raise EngineError(f"gate: expected one of {', '.join(GATES)}, got {name!r}")
        k = GATES.index(name)
        rows = slice(k * self.hidden_size, (k + 1) * self.hidden_size)
        return GateView(
            name,
            self.weight_ih[rows],
            self.weight_hh[rows],
            self.bias_ih[rows],
            self.bias_hh[rows],
        )

    # The notes' notation: W_x over [h_{t-1}, x_t] (H × (H + D)) and b_x (H,).
    @property
    def W_i(self) -> np.ndarray:
        """Input gate weights over ``[h_{t-1}, x_t]``, shape (H, H + D)."""
        return self.gate("i").W

    @property
    def W_f(self) -> np.ndarray:
        """Forget gate weights over ``[h_{t-1}, x_t]``, shape (H, H + D)."""
        return self.gate("f").W

    @property
    def W_g(self) -> np.ndarray:
        """Candidate (C̃) weights over ``[h_{t-1}, x_t]``, shape (H, H + D)."""
        return self.gate("g").W

    @property
    def W_o(self) -> np.ndarray:
        """Output gate weights over ``[h_{t-1}, x_t]``, shape (H, H + D)."""
        return self.gate("o").W

    @property
    def b_i(self) -> np.ndarray:
        """Input gate bias ``bias_ih_i + bias_hh_i``, shape (H,)."""
        return self.gate("i").bias

    @property
    def b_f(self) -> np.ndarray:
        """Forget gate bias, shape (H,)."""
        return self.gate("f").bias

    @property
    def b_g(self) -> np.ndarray:
        """Candidate bias, shape (H,)."""
        return self.gate("g").bias

    @property
    def b_o(self) -> np.ndarray:
        """Output gate bias, shape (H,)."""
        return self.gate("o").bias

    # ---------------------------------------------------------- construction
    @classmethod
    def random(
        cls,
        input_size: int,
        hidden_size: int,
        *,
        seed: int | None = 0,
        forget_bias: float = 0.0,
        init: str = "uniform",
    ) -> LSTMParams:
        """Random parameters.

        Parameters
        ----------
        input_size : int
            D ≥ 1.
        hidden_size : int
            H ≥ 1.
        seed : int or None
            Seed for :func:`numpy.random.default_rng` (same seed, same weights).
        forget_bias : float
            Added to ``bias_ih`` of the forget gate rows: f_t ≈ σ(forget_bias) while
            the rest of its input is small, so a cell state left alone halves in
            ln 0.5 / ln f steps: 1 gives f ≈ 0.73 (2.2 steps), 3 gives 0.95 (14),
            5 gives 0.993 (100).
        init : {"uniform", "xavier", "orthogonal"}
            ``"uniform"``: every entry U(−1/√H, 1/√H), like PyTorch.
            ``"xavier"``: Glorot-uniform per gate block, zero biases.
            ``"orthogonal"``: Xavier input weights, an orthogonal H×H recurrent
            block per gate, zero biases.
        """
        arrays = cls._random_arrays(np.random.default_rng(seed), input_size, hidden_size, init)
        h = int(hidden_size)
        arrays["bias_ih"][h : 2 * h] += forget_bias  # block f
        return cls(**arrays)


def _pick_state_dict(
    mapping: Mapping[str, Any],
    layer: int,
    reverse: bool,
    prefix: str | None,
    cell_name: str,
    module_name: str,
) -> dict[str, Any]:
    """The four arrays of one layer/direction of a PyTorch state dict (cell or module names).

    Missing biases (``bias=False``) are zeros; a missing weight raises
    :class:`EngineError` listing the keys found.
    """
    keys = list(mapping.keys())
    if prefix is None:
        prefix = _guess_prefix(keys)
    stripped = {k[len(prefix) :]: k for k in keys if k.startswith(prefix)}
    suffix = f"_l{layer}" + ("_reverse" if reverse else "")
    if any(re.fullmatch(r"weight_hr_l\d+(_reverse)?", k) for k in stripped):
        raise EngineError(
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "LSTMs with projections (proj_size > 0) are not supported"
                )
            ),
            subject="weight_hr",
        )
    arrays: dict[str, Any] = {}
    for name in _PARAM_NAMES:
        for candidate in (name + suffix, name) if not reverse else (name + suffix,):
            if candidate in stripped:
                arrays[name] = np.asarray(mapping[stripped[candidate]])
                break
    missing = [n for n in ("weight_ih", "weight_hh") if n not in arrays]
    if missing:
        found: str | Text = ", ".join(sorted(keys)) or Text(
            QT_TRANSLATE_NOOP("FileErrors", "no keys")
        )
        raise EngineError(
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors",
                    "missing key (expected {cell} or {module} names for {layer}; found {found})",
                ),
                cell=cell_name,
                module=module_name,
                layer=layer_text(layer, reverse),
                found=found,
            ),
            subject=f"{prefix}{missing[0]}{suffix}",
        )
    rows = np.shape(arrays["weight_hh"])[0] if np.ndim(arrays["weight_hh"]) else 0
    for name in ("bias_ih", "bias_hh"):
        arrays.setdefault(name, np.zeros(rows))
    return arrays


def layer_text(layer: int, reverse: bool) -> Text:
    """``"layer 1"`` or ``"layer 1 reverse"`` (the backward direction), translatable."""
    if reverse:
        return Text(QT_TRANSLATE_NOOP("FileErrors", "layer {layer} reverse"), layer=layer)
    return Text(QT_TRANSLATE_NOOP("FileErrors", "layer {layer}"), layer=layer)


def _guess_prefix(keys: list[str]) -> str:
    """The module prefix in front of ``weight_hh…`` when all such keys share it."""
    prefixes = {
        m.group(1)
        for k in keys
        if (m := re.fullmatch(r"(.*?)weight_hh(_l\d+(_reverse)?)?", k)) is not None
    }
    return prefixes.pop() if len(prefixes) == 1 else ""
