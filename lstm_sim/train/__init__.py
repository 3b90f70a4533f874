"""Training the cell with a linear read-out: Adam over full or truncated BPTT (no Qt).

The model fitted to a sequence's targets y_t is the LSTM cell followed by a
linear read-out (:class:`Readout`):

    ŷ_t = W_y · h_t + b_y                 W_y (P, H), b_y (P,)

and the loss is the mean squared error over every step and target column
that has a target:

    L = (1/n) · Σ_t Σ_j m_t[j] · (ŷ_t[j] − y_t[j])²        n = Σ_t Σ_j m_t[j]

where the *target mask* m (bool, (T, P)) is all ones unless given (see
"Target masks" below). The gradient ∂L/∂h_t = (2/n) · W_yᵀ (m_t ⊙ (ŷ_t − y_t))
goes into :func:`~lstm_sim.engine.bptt` for the cell's parameters; the
read-out's gradients are computed here directly:

    ∂L/∂W_y = (2/n) · Σ_t e_t h_tᵀ        ∂L/∂b_y = (2/n) · Σ_t e_t        e_t = m_t ⊙ (ŷ_t − y_t)

Optimiser: Adam (Kingma & Ba 2015) with bias correction, written out in
:class:`Adam`. Optional gradient-norm clipping rescales the gradient of *all*
parameters together (cell and read-out) to a total L2 norm of at most ``clip``.

Truncated BPTT: with ``TrainConfig(window=K)`` a sequence is cut into
consecutive chunks of K steps; each chunk is run from the state the previous
chunk ended in (carried forward but *detached*: no gradient flows back into the
previous chunk), and each chunk makes one Adam update. With ``window=None``
(the default) one update uses the whole sequence (full BPTT).

Several sequences: :class:`Trainer` also accepts a list of sequences (e.g. many
random instances of the adding problem). An epoch then visits them all in a
seeded random order, ``batch_size`` sequences per update (their gradients are
pooled, the loss is the mean over all their targets).

Target masks: a mask marks which (step, column) entries have a target —
e.g. the adding problem has a target only at its last step. It is a bool array
of shape (T, P) or (T,) (the same for every column), passed as ``mask=`` or
found in ``sequence.meta["target_mask"]`` (where :func:`lstm_sim.gallery.load_example`
puts it). Entries where the mask is False are ignored by the loss, whatever
the target value there (:class:`~lstm_sim.sequence.Sequence` requires finite
targets, so store e.g. 0 there).

Reproducibility: everything random (the read-out's initial values when none is
given, the order of several sequences) comes from
``numpy.random.default_rng(config.seed)``; the same seed, data and parameters
give a bit-identical :attr:`Trainer.history`, whether run in one call or in
several (pause / resume).

No Qt and no threads here: the GUI runs :meth:`Trainer.run` in a worker and
passes ``callback`` (progress) and ``cancel`` (stop request).
"""

from .config import Adam, TrainConfig
from .readout import LSTM_KEYS, PARAM_KEYS, READOUT_KEYS, Readout, TrainError
from .trainer import Trainer, evaluate, loss_and_gradients

__all__ = [
    "LSTM_KEYS",
    "PARAM_KEYS",
    "READOUT_KEYS",
    "Adam",
    "Readout",
    "TrainConfig",
    "TrainError",
    "Trainer",
    "evaluate",
    "loss_and_gradients",
]
