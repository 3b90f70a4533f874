"""A whole model: a stack of LSTM layers (each uni- or bidirectional) and an optional linear head.

Notation (docs/architecture.md), for layers k = 0 … L−1 over T steps::

    X⁰ = X                                   (T, D), the model's input
    layer k, forward cell:   h→_t = LSTM_k→(X^k_t, h→_{t−1})      t = 1 … T
    layer k, backward cell:  h←_t = LSTM_k←(X^k_t, h←_{t+1})      t = T … 1
    X^{k+1}_t = [h→_t, h←_t]                 forward half first (PyTorch, Keras, ONNX)
    ŷ_t = W_y · X^L_t + b_y                  the head, on every step ("every"),
                                             on the last row only ("last"),
                                             or on [h→_T, h←_1] ("final": Keras
                                             ``return_sequences=False``, PyTorch h_n)

Each cell is an ordinary :class:`~lstm_sim.engine.LSTMParams` run by
:func:`~lstm_sim.engine.run`: a backward ("reverse") cell is run over its
layer's input in reverse order, so its :class:`~lstm_sim.engine.Trace` row k is
the step that read input row T − 1 − k; its outputs are put back in time order
before the next layer reads them. A Keras ``LSTM(go_backwards=True)`` layer
(:attr:`Layer.keep_reversed`) is the one exception: it hands its outputs on in
the order it computed them, as Keras does.

A single cell is the special case of one forward layer and no head; the app's
Step path keeps using :class:`~lstm_sim.engine.Trace` directly and pays
nothing for this module. Backpropagation through the stack is in
:mod:`lstm_sim.engine.model_backward`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from .budget import check_memory
from .errors import QT_TRANSLATE_NOOP, EngineError, Text
from .lstm import Trace, check_inputs, run
from .params import LSTMParams, layer_text

__all__ = [
    "HEAD_ON",
    "CellKey",
    "CellRows",
    "CellRun",
    "Head",
    "Layer",
    "Model",
    "ModelTrace",
    "run_model",
]

# Where a head reads the top layer: every step, the last row only, or the final states.
HEAD_ON = ("every", "last", "final")


class CellKey(NamedTuple):
    """One cell of a model: its layer (from 0) and direction (``reverse``: reads T → 1)."""

    layer: int
    reverse: bool = False

    def text(self) -> Text:
        """``"layer 1"`` / ``"layer 1 reverse"``, translatable."""
        return layer_text(self.layer, self.reverse)


def _readonly(name: str, value: Any, ndim: int) -> np.ndarray:
    try:
        arr = np.array(value, dtype=np.float64, copy=True)
    except (TypeError, ValueError) as exc:
        raise EngineError(f"{name}: not a numeric array ({exc})") from None
    if arr.ndim != ndim or 0 in arr.shape:
        raise EngineError(f"{name}: expected a non-empty {ndim}-D array, got shape {arr.shape}")
    if not np.isfinite(arr).all():
        raise EngineError(f"{name}: non-finite value")
    arr.flags.writeable = False
    return arr


@dataclass(frozen=True, eq=False)
class Head:
    """A linear read-out ŷ = W_y · x + b_y over the top layer's output.

    Parameters
    ----------
    weight : array_like, shape (P, W)
        W_y; W is the width of the top layer's output (2H for a bidirectional layer).
    bias : array_like, shape (P,)
        b_y.
    on : {"every", "last", "final"}
        ``"every"``: ŷ_t for every row t (T × P); ``"last"``: only the output's
        last row (PyTorch ``fc(out[:, -1])``); ``"final"``: each cell's final
        state, ``[h→_T, h←_1]`` (Keras ``return_sequences=False``, PyTorch
        ``h_n``). The last two give one row (1 × P).
    name : str
        Where it came from (a key prefix or a layer name), for messages.
    """

    weight: np.ndarray
    bias: np.ndarray
    on: str = "every"
    name: str = "head"

    def __post_init__(self) -> None:
        w = _readonly("head weight", self.weight, 2)
        b = _readonly("head bias", self.bias, 1)
        if b.shape != (w.shape[0],):
            raise EngineError(f"head bias: expected shape ({w.shape[0]},), got {b.shape}")
        if self.on not in HEAD_ON:
            raise EngineError(f"head on: expected one of {', '.join(HEAD_ON)}, got {self.on!r}")
        object.__setattr__(self, "weight", w)
        object.__setattr__(self, "bias", b)

    @property
    def output_size(self) -> int:
        """P."""
        return int(self.weight.shape[0])

    @property
    def input_size(self) -> int:
        """W, the width it reads."""
        return int(self.weight.shape[1])


@dataclass(frozen=True, eq=False)
class Layer:
    """One layer: a forward cell, a backward cell, or both (bidirectional).

    Parameters
    ----------
    forward : LSTMParams, optional
        Reads the layer's input rows 0 … T−1.
    backward : LSTMParams, optional
        Reads rows T−1 … 0. With ``forward`` too, the layer is bidirectional
        and its output row t is ``[h→_t, h←_t]``.
    keep_reversed : bool
        Only for a layer with a backward cell alone: hand the outputs on in the
        order they were computed (row 0 = the step that read row T−1), as a
        Keras ``LSTM(go_backwards=True)`` does. Otherwise outputs are in time order.
    """

    forward: LSTMParams | None = None
    backward: LSTMParams | None = None
    keep_reversed: bool = False

    def __post_init__(self) -> None:
        cells = [p for p in (self.forward, self.backward) if p is not None]
        if not cells:
            raise EngineError("layer: expected a forward cell, a backward cell or both")
        for p in cells:
            if not isinstance(p, LSTMParams):
                raise EngineError(f"layer: expected LSTMParams, got {type(p).__name__}")
        if len(cells) == 2 and cells[0].input_size != cells[1].input_size:
            raise EngineError(
                f"layer: the two directions read {cells[0].input_size} and "
                f"{cells[1].input_size} inputs; they must read the same"
            )
        if self.keep_reversed and (self.forward is not None or self.backward is None):
            raise EngineError("layer: keep_reversed needs a backward cell alone")

    def cells(self) -> Iterator[tuple[bool, LSTMParams]]:
        """(reverse, params) of each cell, forward first."""
        if self.forward is not None:
            yield False, self.forward
        if self.backward is not None:
            yield True, self.backward

    @property
    def bidirectional(self) -> bool:
        return self.forward is not None and self.backward is not None

    @property
    def input_size(self) -> int:
        """D of this layer (the width of the layer below's output)."""
        return next(self.cells())[1].input_size

    @property
    def output_size(self) -> int:
        """The width of the output: H, or H→ + H← for a bidirectional layer."""
        return sum(p.hidden_size for _, p in self.cells())


class Model:
    """A stack of LSTM layers and an optional :class:`Head` (immutable).

    Parameters
    ----------
    layers : sequence of Layer
        Layer k + 1 reads layer k's output: its input size must be layer k's
        :attr:`Layer.output_size`.
    head : Head, optional
        Its width must be the top layer's output size.
    name : str
        Where the model came from (a file name), for messages.

    Examples
    --------
    >>> p = LSTMParams.random(1, 3)
    >>> m = Model.single(p)
    >>> [tuple(k) for k in m.cell_keys()]
    [(0, False)]
    """

    def __init__(self, layers: Any, head: Head | None = None, *, name: str = "") -> None:
        layers = tuple(layers)
        if not layers:
            raise EngineError("model: expected at least one layer")
        for k, layer in enumerate(layers):
            if not isinstance(layer, Layer):
                raise EngineError(f"model layer {k}: expected Layer, got {type(layer).__name__}")
            if k and layer.input_size != layers[k - 1].output_size:
                raise EngineError(
                    Text(
                        QT_TRANSLATE_NOOP(
                            "FileErrors",
                            "layer {layer} reads {inputs} input(s) per step, but layer {below} "
                            "gives {outputs}",
                        ),
                        layer=k,
                        inputs=layer.input_size,
                        below=k - 1,
                        outputs=layers[k - 1].output_size,
                    )
                )
        if head is not None:
            if not isinstance(head, Head):
                raise EngineError(f"model head: expected Head, got {type(head).__name__}")
            if head.input_size != layers[-1].output_size:
                raise EngineError(
                    Text(
                        QT_TRANSLATE_NOOP(
                            "FileErrors",
                            "the head {name} reads {inputs} value(s), but the top layer gives "
                            "{outputs}",
                        ),
                        name=repr(head.name),
                        inputs=head.input_size,
                        outputs=layers[-1].output_size,
                    )
                )
        self.layers: tuple[Layer, ...] = layers
        self.head = head
        self.name = name

    @classmethod
    def single(cls, params: LSTMParams, readout: Any = None, *, name: str = "") -> Model:
        """One forward cell, with an optional read-out ``(W_y (P, H), b_y (P,))`` on every step."""
        head = None if readout is None else Head(readout[0], readout[1], "every", "readout")
        return cls([Layer(forward=params)], head, name=name)

    def __repr__(self) -> str:
        parts = [
            f"{'bi' if layer.bidirectional else 'uni'}(D={layer.input_size}, "
            f"H={next(layer.cells())[1].hidden_size})"
            for layer in self.layers
        ]
        head = "" if self.head is None else f", head(P={self.head.output_size}, {self.head.on})"
        return f"Model({', '.join(parts)}{head})"

    # ------------------------------------------------------------- cells
    def cell_keys(self) -> list[CellKey]:
        """Every cell, bottom layer first, forward before backward."""
        return [CellKey(k, r) for k, layer in enumerate(self.layers) for r, _ in layer.cells()]

    def cell(self, layer: int, reverse: bool = False) -> LSTMParams:
        """The parameters of one cell.

        Raises
        ------
        EngineError
            No such cell; the message lists the model's cells.
        """
        key = CellKey(int(layer), bool(reverse))
        if 0 <= key.layer < len(self.layers):
            p = self.layers[key.layer].backward if key.reverse else self.layers[key.layer].forward
            if p is not None:
                return p
        raise EngineError(
            Text(
                QT_TRANSLATE_NOOP("FileErrors", "no {layer} in this model (it has: {layers})"),
                layer=key.text(),
                layers=describe_cells(self.cell_keys()),
            )
        )

    @property
    def is_single_cell(self) -> bool:
        """One forward layer of one cell (the app's classic case)."""
        return len(self.layers) == 1 and not self.layers[0].bidirectional

    @property
    def input_size(self) -> int:
        """D, the inputs per step."""
        return self.layers[0].input_size

    @property
    def output_size(self) -> int:
        """P with a head, else the top layer's output width."""
        return self.head.output_size if self.head is not None else self.layers[-1].output_size

    def run(self, X: Any, initial: Mapping[Any, Any] | None = None) -> ModelTrace:
        """:func:`run_model` on this model."""
        return run_model(self, X, initial)


def describe_cells(keys: Any) -> Any:
    """``"layer 0, layer 0 reverse, layer 1"``, translatable."""
    from .errors import Joined

    return Joined(CellKey(*k).text() for k in keys)


class CellRows:
    """A cell's trace with its rows in the order of its layer's input (read-only copies).

    Row t holds the step that read input row t: for a backward cell, row 0 is
    its *last* step. Has the attributes a trace exporter reads (``x``, ``f``,
    ``i``, ``g``, ``o``, ``c``, ``tanh_c``, ``h``, ``params``, ``len()``).
    """

    _NAMES = ("x", "f", "i", "g", "o", "c", "tanh_c", "h")
    x: np.ndarray
    f: np.ndarray
    i: np.ndarray
    g: np.ndarray
    o: np.ndarray
    c: np.ndarray
    tanh_c: np.ndarray
    h: np.ndarray

    def __init__(self, trace: Trace, flip: bool) -> None:
        self.params = trace.params
        self.flipped = flip
        for name in self._NAMES:
            arr = getattr(trace, name)
            arr = np.array(arr[::-1] if flip else arr)
            arr.flags.writeable = False
            setattr(self, name, arr)

    def __len__(self) -> int:
        return int(self.x.shape[0])


@dataclass(frozen=True, eq=False)
class CellRun:
    """One cell of a :class:`ModelTrace`.

    Attributes
    ----------
    key : CellKey
    params : LSTMParams
    trace : Trace
        Rows in the order the cell computed them (a backward cell's row 0 read
        its layer's input row T − 1).
    reads_backwards : bool
        True for a backward cell: trace row k read layer-input row T − 1 − k.
    input_label : str
        ``"x"`` for layer 0, else ``"h(layer k−1)"``: what the cell's x_t is.
    """

    key: CellKey
    params: LSTMParams
    trace: Trace
    reads_backwards: bool
    input_label: str

    def input_row(self, k: int) -> int:
        """The layer-input row read by trace row ``k``."""
        return len(self.trace) - 1 - k if self.reads_backwards else k

    def rows(self) -> CellRows:
        """The trace with rows in the layer-input order (for tables and plots over t)."""
        return CellRows(self.trace, self.reads_backwards)


class ModelTrace:
    """The forward pass of a :class:`Model` over one sequence.

    Attributes
    ----------
    model : Model
    inputs : numpy.ndarray, shape (T, D)
    cells : dict[CellKey, CellRun]
        Every cell's trace (see :class:`CellRun`).
    layer_outputs : list of numpy.ndarray, shape (T, W_k)
        What layer k hands to layer k + 1 (and the head), in that order.
    head_input : numpy.ndarray or None, shape (T, W) or (1, W)
    yhat : numpy.ndarray or None, shape (T, P) (head on every step) or (1, P)
    """

    def __init__(
        self,
        model: Model,
        inputs: np.ndarray,
        cells: dict[CellKey, CellRun],
        layer_outputs: list[np.ndarray],
    ) -> None:
        self.model = model
        self.inputs = inputs
        self.cells = cells
        self.layer_outputs = layer_outputs
        self.head_input: np.ndarray | None = None
        self.yhat: np.ndarray | None = None
        head = model.head
        if head is not None:
            top = layer_outputs[-1]
            if head.on == "every":
                x = top
            elif head.on == "last":
                x = top[-1:]
            else:  # the final state of each cell, forward first
                x = np.hstack([run_.trace.h[-1] for run_ in self._top_cells()])[None, :]
            self.head_input = x
            self.yhat = x @ head.weight.T + head.bias

    def _top_cells(self) -> list[CellRun]:
        top = len(self.model.layers) - 1
        return [c for key, c in self.cells.items() if key.layer == top]

    def __len__(self) -> int:
        return int(self.inputs.shape[0])

    def cell(self, layer: int, reverse: bool = False) -> CellRun:
        """One cell's run (raises :class:`EngineError` naming the cells when there is none)."""
        self.model.cell(layer, reverse)  # raises with the list of cells
        return self.cells[CellKey(int(layer), bool(reverse))]

    def output(self) -> np.ndarray:
        """ŷ with a head, else the top layer's output (T, W)."""
        return self.yhat if self.yhat is not None else self.layer_outputs[-1]

    def h_n(self) -> np.ndarray:
        """Each cell's final h (its last computed step), PyTorch ``h_n`` order: (cells, H).

        Only meaningful stacked when all cells have the same H (as in ``nn.LSTM``).
        """
        return np.stack([c.trace.h[-1] for c in self.cells.values()])

    def c_n(self) -> np.ndarray:
        """Each cell's final C, in the order of :meth:`h_n`."""
        return np.stack([c.trace.c[-1] for c in self.cells.values()])


def _trace_bytes(model: Model, steps: int) -> int:
    total = 0
    for layer in model.layers:
        for _, p in layer.cells():
            total += (steps + 1) * (p.input_size + 1 + 7 * p.hidden_size) * 8
        total += 2 * steps * (layer.input_size + layer.output_size) * 8  # inputs and outputs
    return total


def run_model(model: Model, X: Any, initial: Mapping[Any, Any] | None = None) -> ModelTrace:
    """Run the whole model over a sequence.

    Parameters
    ----------
    model : Model
    X : array_like, shape (T, D) (or (T,) when D = 1)
    initial : mapping CellKey → (h0, c0), optional
        Initial states of some cells (zeros otherwise). A backward cell's
        initial state is the one before its first step (which reads row T − 1).

    Returns
    -------
    ModelTrace

    Raises
    ------
    EngineError
        Bad inputs; :class:`~lstm_sim.engine.budget.BudgetError` when the
        traces would not fit in memory (checked before anything is allocated).
    """
    X = check_inputs(X, model.input_size)
    steps = X.shape[0]
    check_memory(
        _trace_bytes(model, steps),
        Text(QT_TRANSLATE_NOOP("FileErrors", "a model trace of {steps} steps"), steps=steps),
        per_item=max(1, _trace_bytes(model, 1) // 2),
    )
    initial = {CellKey(*k): v for k, v in (initial or {}).items()}
    cells: dict[CellKey, CellRun] = {}
    outputs: list[np.ndarray] = []
    x = X
    for k, layer in enumerate(model.layers):
        label = "x" if k == 0 else f"h(layer {k - 1})"
        parts = []
        for reverse, params in layer.cells():
            key = CellKey(k, reverse)
            h0, c0 = initial.get(key, (None, None))
            trace = run(params, x[::-1] if reverse else x, h0, c0)
            cells[key] = CellRun(key, params, trace, reverse, label)
            flip_back = reverse and not layer.keep_reversed
            parts.append(trace.h[::-1] if flip_back else trace.h)
        x = np.ascontiguousarray(np.hstack(parts)) if len(parts) > 1 else np.array(parts[0])
        x.flags.writeable = False
        outputs.append(x)
    return ModelTrace(model, X, cells, outputs)
