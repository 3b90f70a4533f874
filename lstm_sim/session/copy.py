"""A copy of a session, for building a view afresh on the same state (Qt-free).

Every view of the GUI can be built from a session alone, and its incremental
updates must give what that build gives. :func:`copy_session` makes the second
session a test compares against: the same sequence, parameters, settings,
read-out, compare-mode RNN, unit, cursor, rows computed, name, file and origin —
with a trace computed afresh.
"""

from __future__ import annotations

from .model import Session

__all__ = ["copy_session"]


def copy_session(session: Session) -> Session:
    """A new session in the same state as ``session``, its forward pass computed anew.

    The copy has computed as many rows as the original (rows are deterministic,
    so they are equal to the last bit), its cursor and unit are the same, and so
    are its unsaved-changes flag, name, file and origin. Its gradient view is
    computed as the original's was: at once when short, else left stale for a
    worker (:attr:`Session.gradients_stale`).
    """
    params = session.params
    if session.stack is not None:  # a cell that reads the sequence, until set_model below
        params = next(session.stack.model.layers[0].cells())[1]
    copy = Session(session.sequence, params, session.settings, name=session.name)
    with copy.batch():
        # The RNN is kept while compare mode is off (switching it on again shows the
        # same RNN): copy it as it is, not only when it is shown.
        copy._rnn = session._rnn
        if copy.settings.compare:
            copy._rnn_trace = copy._new_rnn_trace()
        if session.stack is not None:  # the same model (immutable), run again
            copy.set_model(session.stack.model, session.cell_key)
        copy.set_readout(session.readout)
        copy.set_origin(session.origin)
        copy.set_path(session.path)
        copy.compute_until(session.computed)
        copy.set_unit(session.unit)
        copy.set_step(session.t)
        copy._modified = session.modified
    return copy
