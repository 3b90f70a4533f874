"""What the step views show, computed once from the session (Qt-free).

The cell diagram, the equations panel and the values table all show the
numbers of step t: the gates, C_t, h_t and the pointwise products f⊙C_{t-1},
i⊙g, o⊙tanh C_t. :class:`StepView` holds them, derived from the session alone
(:meth:`StepView.of`); the views only format and draw it, so they cannot
disagree about a number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from .events import Topic

if TYPE_CHECKING:
    from ..engine import StepResult
    from .model import Session

__all__ = ["GATE_KEYS", "NODE_KEYS", "StepView", "node_values"]

#: Every quantity of one step, by key: the inputs ``x``, ``h_prev``, ``c_prev``;
#: the gates ``f``, ``i``, ``g`` (the candidate C̃_t), ``o``; the outputs ``c``
#: (C_t) and ``h`` (h_t); and the pointwise results ``tanh_c`` = tanh(C_t),
#: ``f_mul`` = f_t ⊙ C_{t-1}, ``i_mul`` = i_t ⊙ g_t, ``o_mul`` = o_t ⊙ tanh(C_t).
NODE_KEYS: tuple[str, ...] = (
    "x",
    "h_prev",
    "c_prev",
    "f",
    "i",
    "g",
    "o",
    "c",
    "tanh_c",
    "h",
    "f_mul",
    "i_mul",
    "o_mul",
)

#: The four gates, in the order the notes introduce them.
GATE_KEYS: tuple[str, ...] = ("f", "i", "g", "o")


def node_values(
    step: StepResult | None, h: np.ndarray, c: np.ndarray
) -> dict[str, np.ndarray | None]:
    """The vector of every node (:data:`NODE_KEYS`) at step t; None where t = 0 has none.

    Parameters
    ----------
    step : StepResult or None
        The engine's intermediates of step t (None at t = 0).
    h, c : numpy.ndarray, shape (H,)
        h_t and C_t.
    """
    values: dict[str, np.ndarray | None] = dict.fromkeys(NODE_KEYS)
    values["h"], values["c"] = h, c
    if step is not None:
        values.update(
            x=np.asarray(step.x, np.float64),
            h_prev=step.h_prev,
            c_prev=step.c_prev,
            f=step.f,
            i=step.i,
            g=step.g,
            o=step.o,
            tanh_c=step.tanh_c,
            f_mul=step.f * step.c_prev,
            i_mul=step.i * step.g,
            o_mul=step.o * step.tanh_c,
        )
    return values


@dataclass(frozen=True)
class StepView:
    """The numbers of step t, as every step view shows them.

    Attributes
    ----------
    t, T : int
        The step shown (0: the initial state) and the sequence length.
    unit, hidden : int
        The selected unit j and H.
    values : Mapping[str, numpy.ndarray or None]
        Every node of :data:`NODE_KEYS`, shape (H,) (``x``: (D,)); None where
        the step has none (the gates at t = 0).
    pre : Mapping[str, numpy.ndarray]
        The gates' pre-activations z = W·[h_{t-1}, x_t] + b, shape (H,), by gate
        key (empty at t = 0).
    clamped : Mapping[str, float]
        The gates held at a constant (what-if), by gate key.
    prediction : numpy.ndarray or None, shape (P,)
        ŷ_t of the read-out (None without one, or at t = 0).
    target : numpy.ndarray or None, shape (P,)
        y_t, the sequence's target at step t (None without targets, or at t = 0).
    has_readout : bool
    cell : (int, bool) or None
        The model cell shown, (layer, reverse), when the session holds a whole model
        (None: a single cell). Layer k > 0 reads layer k − 1's h_t as its x_t; a reverse
        cell's step t read time T − t + 1 (``time``).
    time : int
        The time step of the sequence read at step t (1 … T; t itself unless the cell
        is a reverse one; 0 at t = 0).
    """

    #: The changes after which the step view differs (what its views follow).
    TOPICS: ClassVar[tuple[Topic, ...]] = (
        Topic.STEP,
        Topic.UNIT,
        Topic.PARAMS,
        Topic.SEQUENCE,
        Topic.TRACE,
        Topic.READOUT,
        Topic.MODEL,
    )

    t: int
    T: int
    unit: int
    hidden: int
    values: Mapping[str, np.ndarray | None]
    pre: Mapping[str, np.ndarray] = field(default_factory=dict)
    clamped: Mapping[str, float] = field(default_factory=dict)
    prediction: np.ndarray | None = None
    target: np.ndarray | None = None
    has_readout: bool = False
    cell: tuple[int, bool] | None = None
    time: int = 0

    @classmethod
    def of(cls, session: Session) -> StepView:
        """The view of the session's cursor step (the step's intermediates computed once)."""
        step = session.step_result()
        h, c = session.state()
        pre: dict[str, np.ndarray] = {}
        if step is not None:
            pre = {k: step.z_gate(k) for k in GATE_KEYS}
        targets = session.sequence.targets
        t = session.t
        return cls(
            t=t,
            T=session.T,
            unit=session.unit,
            hidden=session.hidden_size,
            values=MappingProxyType(node_values(step, h, c)),
            pre=MappingProxyType(pre),
            clamped=MappingProxyType(dict(session.settings.clamp)),
            prediction=session.prediction(),
            target=None if targets is None or t == 0 else targets[session.time_row(t)],
            has_readout=session.readout is not None or session.cell_yhat() is not None,
            cell=None
            if session.model is None
            else (session.cell_key.layer, session.cell_key.reverse),
            time=0 if t == 0 else session.time_row(t) + 1,
        )

    def value(self, key: str, unit: int | None = None) -> float | None:
        """Node ``key``'s value for ``unit`` (default: the selected one), or None."""
        v = self.values[key]
        return None if v is None else float(v[self.unit if unit is None else unit])

    def to_data(self) -> dict[str, Any]:
        """Plain data (lists and numbers), e.g. to compare two views."""
        return {
            "t": self.t,
            "T": self.T,
            "unit": self.unit,
            "hidden": self.hidden,
            "values": {k: None if v is None else v.tolist() for k, v in self.values.items()},
            "pre": {k: v.tolist() for k, v in self.pre.items()},
            "clamped": dict(self.clamped),
            "prediction": None if self.prediction is None else self.prediction.tolist(),
            "target": None if self.target is None else np.asarray(self.target).tolist(),
            "cell": None if self.cell is None else list(self.cell),
            "time": self.time,
        }
