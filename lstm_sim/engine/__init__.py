"""The numeric core of lstm-sim: an exact float64 LSTM cell in pure NumPy.

No Qt, no file I/O, no global state. See :mod:`lstm_sim.engine.lstm` for the
equations of the forward pass, :mod:`lstm_sim.engine.backward` for BPTT and
:mod:`lstm_sim.engine.reference` for both written plainly, one step at a time
(the reference the fast path is tested against). :mod:`lstm_sim.engine.trace`,
:mod:`lstm_sim.engine.gradients` and :class:`~lstm_sim.engine.params.CellParams`
hold what the LSTM and the vanilla RNN (:mod:`lstm_sim.engine.rnn`) share.

Example
-------
>>> import numpy as np
>>> from lstm_sim.engine import LSTMParams, run, bptt, output_loss
>>> p = LSTMParams.random(1, 3, seed=0, forget_bias=2.0)
>>> tr = run(p, np.sin(np.linspace(0, 6, 50)))
>>> L, dh = output_loss(tr, k=49)
>>> grads = bptt(p, tr, dh)
>>> grads.dc_norm().shape
(50,)
"""

from .activations import dsigmoid, dtanh, sigmoid
from .backward import Gradients, bptt, transition_jacobians, window_bounds
from .carry import carry_factors, carry_product
from .errors import EngineError
from .losses import output_loss, squared_error_loss
from .lstm import CLAMP_RANGES, StepResult, Trace, check_clamp, check_inputs, run, step
from .model import CellKey, CellRun, Head, Layer, Model, ModelTrace, run_model
from .model_backward import ModelGradients, model_bptt, model_output_loss, model_squared_error
from .params import GATE_NAMES, GATES, GateView, LSTMParams
from .rnn import (
    RNNGradients,
    RNNParams,
    RNNTrace,
    bptt_rnn,
    largest_singular_value,
    rnn_jacobian_norms,
    run_rnn,
)

__all__ = [
    "CLAMP_RANGES",
    "GATES",
    "GATE_NAMES",
    "CellKey",
    "CellRun",
    "EngineError",
    "GateView",
    "Gradients",
    "Head",
    "LSTMParams",
    "Layer",
    "Model",
    "ModelGradients",
    "ModelTrace",
    "RNNGradients",
    "RNNParams",
    "RNNTrace",
    "StepResult",
    "Trace",
    "bptt",
    "bptt_rnn",
    "carry_factors",
    "carry_product",
    "check_clamp",
    "check_inputs",
    "dsigmoid",
    "dtanh",
    "largest_singular_value",
    "model_bptt",
    "model_output_loss",
    "model_squared_error",
    "output_loss",
    "rnn_jacobian_norms",
    "run",
    "run_model",
    "run_rnn",
    "sigmoid",
    "squared_error_loss",
    "step",
    "transition_jacobians",
    "window_bounds",
]
