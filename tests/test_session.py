"""The Qt-free session model: lazy forward pass, cursor, events, gradients."""

from __future__ import annotations

import numpy as np
import pytest

from lstm_sim.engine import EngineError, LSTMParams, bptt, output_loss, run
from lstm_sim.examples import spikes_example
from lstm_sim.sequence import Sequence
from lstm_sim.session import INLINE_GRADIENT_ROWS, INLINE_STEPS, Cancelled, Session


@pytest.fixture
def session():
    seq, params = spikes_example()
    return Session(seq, params)


def test_cursor_computes_lazily_and_exactly(session):
    ref = run(session.params, session.sequence.inputs)
    assert session.computed == 0
    session.set_step(1)
    assert session.computed == 1
    session.set_step(30)
    assert session.computed == 30
    session.set_step(5)  # going back computes nothing and forgets nothing
    assert session.computed == 30
    h, c = session.state()
    np.testing.assert_array_equal(h, ref.h[4])
    np.testing.assert_array_equal(c, ref.c[4])
    r = session.step_result()
    np.testing.assert_allclose(r.f, ref.f[4], atol=1e-15)
    session.set_step(0)
    assert session.step_result() is None
    np.testing.assert_array_equal(session.state()[0], np.zeros(session.hidden_size))


def test_one_event_per_action(session):
    from lstm_sim.session import Topic

    events = []
    session.events.connect(events.append, *Topic)
    session.set_step(3)
    assert len(events) == 1
    assert {Topic.STEP, Topic.TRACE, Topic.GRADIENTS} <= events[0]
    session.set_step(3)  # no change, no event
    assert len(events) == 1
    with session.batch():
        session.set_step(4)
        session.set_unit(2)
    assert len(events) == 2
    assert {Topic.STEP, Topic.UNIT} <= events[1]


def test_one_signal_per_topic_called_once_per_batch(session):
    """session.events.<topic> is a signal of its own; a slot of several topics is
    called once per batch with every topic that changed."""
    from lstm_sim.session import Topic

    steps, units, both = [], [], []
    session.events.step.connect(lambda: steps.append(session.t))
    session.events.unit.connect(lambda: units.append(session.unit))
    session.events.connect(both.append, Topic.STEP, Topic.UNIT)
    with session.batch():
        session.set_step(4)
        session.set_step(5)
        session.set_unit(1)
    assert steps == [5] and units == [1]  # once each, after the batch
    assert len(both) == 1 and {Topic.STEP, Topic.UNIT} <= both[0]
    session.update_settings(speed=3.0)  # neither topic: no call
    assert len(both) == 1 and steps == [5]
    with pytest.raises(TypeError):
        session.events.connect(both.append, "step")  # topics are Topic members


def test_bound_method_slots_are_weak_and_may_disconnect_during_emission(session):
    import gc

    from lstm_sim.session import Topic

    calls = []

    class View:
        def on_step(self, changes):
            calls.append(self)

    view = View()
    session.events.connect(view.on_step, Topic.STEP)
    assert session.events.subscribers(Topic.STEP) == 1
    session.set_step(1)
    assert calls == [view]
    del view, calls[:]
    gc.collect()
    session.set_step(2)  # a view that is gone receives nothing, and needs no disconnect
    assert calls == [] and session.events.subscribers(Topic.STEP) == 0

    seen = []
    second = None

    def first(changes):
        seen.append("first")
        second.disconnect()  # ends the other subscription at once, mid-emission

    session.events.connect(first, Topic.STEP)
    second = session.events.connect(lambda changes: seen.append("second"), Topic.STEP)
    session.set_step(3)
    assert seen == ["first"]


def test_every_topic_is_documented_where_it_is_declared():
    import inspect

    from lstm_sim.session import Events, Topic

    doc = inspect.getdoc(Events)
    for topic in Topic:
        assert f"{topic.value} : TopicSignal" in doc, topic
        assert topic.value in Events.__annotations__, topic


def test_trace_rows_computed_by_a_worker_are_announced():
    """compute_until (a worker) announces nothing; the next set_step announces the new
    rows, also when the cursor does not move (the plots draw them)."""
    from lstm_sim.session import Topic

    seq = Sequence(np.sin(np.arange(9000) * 0.01))
    s = Session(seq, LSTMParams.random(1, 2, seed=0))
    changes = []
    s.events.connect(changes.append, Topic.TRACE, Topic.STEP)
    s.compute_until(9000)
    assert changes == []
    s.set_step(9000)
    assert {Topic.TRACE, Topic.STEP} <= changes[-1]
    s.set_step(10)
    s.compute_until(9000)  # nothing new
    n = len(changes)
    s.set_step(10)
    assert len(changes) == n


def test_gradients_follow_cursor_and_settings(session):
    session.set_step(50)
    g = session.gradients
    _, dh = output_loss(session.trace, 49)
    ref = bptt(session.params, session.trace, dh, stop=50, window=200)
    np.testing.assert_array_equal(g.steps, np.arange(1, 51))
    np.testing.assert_allclose(g.dc_norm, ref.dc_norm(), rtol=1e-13)
    session.update_settings(window=5, loss="unit")
    session.set_unit(1)
    g = session.gradients
    np.testing.assert_array_equal(g.steps, np.arange(46, 51))
    w = np.zeros(session.hidden_size)
    w[1] = 1.0
    _, dh = output_loss(session.trace, 49, w, start=45)
    ref = bptt(session.params, session.trace, dh, stop=50, window=5)
    np.testing.assert_allclose(g.dh_norm, ref.dh_norm(), rtol=1e-13)
    assert session.describe_loss() == "L = h_t[1]"


def test_far_seek_needs_worker_and_long_windows_are_stale():
    T = INLINE_GRADIENT_ROWS + INLINE_STEPS + 10
    seq = Sequence(np.sin(np.arange(T) * 0.1))
    s = Session(
        seq,
        LSTMParams.random(1, 2, seed=0),
    )
    with pytest.raises(ValueError, match="compute_until"):
        s.set_step(T)
    progress = []
    s.compute_until(T, progress.append)
    assert s.computed == T and progress[-1] == 1.0
    s.update_settings(window=None)
    s.set_step(T)
    assert s.gradients is None and s.gradients_stale
    result = s.gradient_job()()
    s.set_gradients(result)
    assert not s.gradients_stale
    assert len(s.gradients.steps) == T


def test_compute_until_cancel_keeps_progress():
    T = 50_000
    s = Session(Sequence(np.zeros(T)), LSTMParams.random(1, 2, seed=0))
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        s.compute_until(T, cancel=cancel)
    assert 0 < s.computed < T


def test_stale_gradient_result_is_dropped(session):
    session.set_step(10)
    job = session.gradient_job()
    session.set_step(11)
    before = session.gradients
    session.set_gradients(job())
    assert session.gradients is before


def test_set_params_recomputes_up_to_cursor(session):
    session.set_step(20)
    new = LSTMParams.random(1, 2, seed=3)
    session.set_params(new)
    assert session.computed == 20 and session.hidden_size == 2
    np.testing.assert_array_equal(session.trace.h, run(new, session.sequence.inputs[:20]).h)
    assert session.modified


def test_incompatible_sequence_rejected_and_session_unchanged(session):
    before = session.sequence
    with pytest.raises(EngineError, match="2 input"):
        session.set_sequence(Sequence(np.zeros((5, 2))))
    assert session.sequence is before


def test_settings_round_trip(session):
    session.update_settings(window=None, loss="unit", speed=99.0, loop=True)
    d = session.settings.to_dict()
    assert type(session.settings).from_dict(d) == session.settings
    with pytest.raises(EngineError):
        session.update_settings(loss="nope")


@pytest.mark.parametrize(("window", "hidden"), [(1, 3), (7, 3), (40, 3), (200, 3), (200, 16)])
@pytest.mark.parametrize("clamp", [None, {"f": 1.0}])
def test_jacobian_chain_gives_the_bptt_norms_on_any_cursor_path(window, hidden, clamp, monkeypatch):
    """The panel's Jacobian chain (with its cache) and plain BPTT agree step after step.

    The path mixes Steps, Steps back, short hops and jumps, so the cache is
    extended, grown back, re-based and started over; each Step then needs the
    one new row's Jacobian only. Windows longer than a block also walk the
    blocks' products (and the rows around them one by one).
    """
    import lstm_sim.engine.jacobian_cache as cache_module
    from lstm_sim.session import JacobianCache, Settings, compute_gradient_view

    rng = np.random.default_rng(3)
    T = 900
    params = LSTMParams.random(2, hidden, seed=5, forget_bias=1.0)
    trace = run(params, rng.standard_normal((T, 2)), clamp=clamp)
    cache = JacobianCache(params, trace, window)
    blocks_used = 0
    computed = []
    real = cache_module.transition_jacobians

    def counting(p, tr, a, b):
        computed.append(b - a)
        return real(p, tr, a, b)

    monkeypatch.setattr(cache_module, "transition_jacobians", counting)
    path = [*range(1, 40), *range(38, 20, -1), 25, 600, *range(601, 660), 300, 880, 890, 900]
    path += list(range(899, 860, -1))
    chained = full_steps = 0
    for loss in ("output", "unit"):
        settings = Settings(window=window, loss=loss)
        prev = None
        for t in path:
            computed.clear()
            start = max(0, t - window)
            full = prev == t - 1 and cache.lo <= start and cache.hi >= t - 1
            prev = t
            fast = compute_gradient_view(params, trace, t, settings, 1, jacobians=cache)
            slow = compute_gradient_view(params, trace, t, settings, 1)
            np.testing.assert_array_equal(fast.steps, slow.steps)
            for a, b in ((fast.dh_norm, slow.dh_norm), (fast.dc_norm, slow.dc_norm)):
                np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-300, err_msg=f"t = {t}")
            if cache.lo <= start:
                chained += 1
            first = -(-start // cache.BLOCK) * cache.BLOCK
            blocks_used += first + cache.BLOCK <= t and first in cache.blocks
            if full:
                assert sum(computed) <= 1  # a Step on a full cache: one new Jacobian
                full_steps += 1
    assert chained > len(path)  # the chain was used, not only its BPTT fallback
    assert full_steps > 40
    if window >= 2 * cache.BLOCK:
        assert blocks_used > len(path)  # whole blocks went through their products


def test_session_keeps_one_jacobian_cache_per_trace_and_window(session):
    session.set_step(40)
    cache = session.jacobian_cache
    assert cache is not None and cache.trace is session.trace
    session.set_step(41)
    assert session.jacobian_cache is cache
    session.update_settings(window=9)
    assert session.jacobian_cache is not cache and session.jacobian_cache.window == 9
    session.update_settings(window=None)
    assert session.jacobian_cache is None  # "all": not cached


def _long_session(monkeypatch, T=20_000, clamp=None):
    from lstm_sim.session import policy

    monkeypatch.setattr(policy, "CHILD_STEPS", 1_000)  # the child path at a test size
    rng = np.random.default_rng(7)
    X = rng.standard_normal((T, 2))
    params = LSTMParams.random(2, 3, seed=4, forget_bias=1.0)
    s = Session(Sequence(X), params)
    if clamp:
        s.update_settings(clamp=tuple(clamp.items()))
    return s, run(params, X, clamp=clamp)


@pytest.mark.parametrize("clamp", [None, {"f": 1.0}])
def test_long_run_in_a_child_process_gives_the_same_rows(monkeypatch, clamp):
    """A long run computed by the child process: bit for bit what Trace.extend gives."""
    s, ref = _long_session(monkeypatch, clamp=clamp)
    reports = []
    s.compute_until(15_000, reports.append)
    assert s.computed == 15_000
    assert reports[-1] == 1.0 and len(reports) >= 2  # one per block of rows
    for name in ("x", "h", "c", "f", "i", "g", "o", "tanh_c"):
        np.testing.assert_array_equal(getattr(s.trace, name), getattr(ref, name)[:15_000], name)
    s.set_step(15_003)  # and the trace goes on from the child's last row
    np.testing.assert_array_equal(s.trace.h, ref.h[:15_003])


def test_a_cancelled_child_run_keeps_whole_blocks(monkeypatch):
    s, ref = _long_session(monkeypatch)
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        s.compute_until(20_000, cancel=cancel)
    assert 0 < s.computed < 20_000
    np.testing.assert_array_equal(s.trace.c, ref.c[: s.computed])


def test_a_child_that_cannot_run_leaves_the_work_to_the_thread(monkeypatch):
    from lstm_sim.session import policy

    s, ref = _long_session(monkeypatch)
    monkeypatch.setattr(policy, "CHILD_MODULE", "lstm_sim.no_such_module")
    s.compute_until(20_000)
    np.testing.assert_array_equal(s.trace.h, ref.h)


def test_a_cache_without_room_for_products_walks_row_by_row(monkeypatch):
    """When the Jacobians fit the budget but not the products too, the chain still
    runs (one product per row) and agrees with plain BPTT."""
    from lstm_sim.session import JacobianCache, Settings, compute_gradient_view

    rng = np.random.default_rng(4)
    params = LSTMParams.random(2, 4, seed=1, forget_bias=1.0)
    trace = run(params, rng.standard_normal((300, 2)))
    window = 100
    one_buffer = JacobianCache.buffer_bytes(4, window)
    monkeypatch.setattr(JacobianCache, "BUDGET", one_buffer)  # room for one buffer only
    assert JacobianCache.fits(4, window)
    cache = JacobianCache(params, trace, window)
    assert cache.prod is None
    settings = Settings(window=window)
    for t in range(150, 200):
        fast = compute_gradient_view(params, trace, t, settings, 0, jacobians=cache)
        slow = compute_gradient_view(params, trace, t, settings, 0)
        np.testing.assert_allclose(fast.dc_norm, slow.dc_norm, rtol=1e-12, atol=1e-300)
        np.testing.assert_allclose(fast.dh_norm, slow.dh_norm, rtol=1e-12, atol=1e-300)
    assert cache.lo <= 100 and not cache.blocks  # the chain ran, without products


# ------------------------------------------------------------------ settings
BAD_SETTINGS = [
    ("window", 0),
    ("window", 2.5),
    ("window", True),
    ("loss", "all"),
    ("speed", 0),
    ("speed", float("nan")),
    ("speed", "fast"),
    ("clip", -1.0),
    ("clip", True),
    ("show_all_units", 1),
    ("loop", "yes"),
    ("compare", None),
    ("clamp", {"f": 2.0}),
    ("clamp", {"q": 1.0}),
]


@pytest.mark.parametrize(("key", "value"), BAD_SETTINGS)
def test_settings_are_checked_in_one_place(session, key, value):
    """Settings(), Session.update_settings and a session file's settings refuse the same
    values, with the same error naming the setting; the session stays as it was."""
    from lstm_sim.io import SessionDocument
    from lstm_sim.session import DocumentError, Settings, SettingsError, read_document

    with pytest.raises(SettingsError) as made:
        Settings(**{key: value})
    assert made.value.key == key and str(made.value).startswith(f"{key}: ")
    before = session.settings
    with pytest.raises(SettingsError) as updated:
        session.update_settings(**{key: value})
    assert str(updated.value) == str(made.value)
    assert session.settings == before
    doc = SessionDocument(session.sequence, session.params, 0, {key: value}, None)
    with pytest.raises(DocumentError) as read:
        read_document(doc)
    assert read.value.key == f"settings.{key}"
    assert str(read.value.reason) == str(made.value.reason)


def test_a_session_document_round_trips_settings_unit_and_step(session):
    from lstm_sim.session import read_document, session_document

    session.update_settings(window=7, loss="unit", clamp={"f": 1.0}, speed=3.0, clip=2.0)
    session.set_unit(2)
    session.set_step(9)
    setup = read_document(session_document(session))
    assert setup.settings == session.settings
    assert (setup.unit, setup.step) == (2, 9)


# ------------------------------------------------------------------ commands
def test_weight_edits_are_session_commands(session):
    """An edit applies, reverts, and does nothing once the sequence's input size changed."""
    from lstm_sim.session import Entry, ParamsEdit, entry_value, preset_edit, weight_edit

    session.set_step(7)
    entry = Entry("f", "bias", 1)
    before = session.params
    assert weight_edit(session, entry, entry_value(before, entry)) is None  # unchanged
    edit = weight_edit(session, entry, 2.5)
    assert isinstance(edit, ParamsEdit) and session.params == before  # not applied yet
    assert edit.apply(session)
    assert entry_value(session.params, entry) == 2.5 and session.t == 7
    ref = run(session.params, session.sequence.inputs[:7])
    np.testing.assert_array_equal(session.state()[0], ref.h[6])
    assert edit.revert(session) and session.params == before
    preset = preset_edit(session, "xavier", 3, 1.0)
    assert preset is not None and preset.new == LSTMParams.random(
        before.input_size, before.hidden_size, seed=3, forget_bias=1.0, init="xavier"
    )
    wide = Sequence(np.zeros((5, before.input_size + 1)))
    from lstm_sim.session import reinit_input_weights

    session.set_sequence(wide, reinit_input_weights(before, before.input_size + 1))
    assert not edit.apply(session) and not edit.revert(session)  # obsolete
    assert session.params.input_size == before.input_size + 1


# ---------------------------------------------------------------- view model
def test_step_view_holds_the_node_values_of_the_cursor(session):
    """f⊙C, i⊙g, o⊙tanh C and the rest, from the engine's numbers; derived again on any change."""
    from lstm_sim.session import NODE_KEYS, StepView

    start = session.step_view()
    assert start.t == 0 and start.values["f"] is None and not start.pre
    np.testing.assert_array_equal(start.values["h"], np.zeros(session.hidden_size))
    session.set_step(6)
    view = session.step_view()
    assert session.step_view() is view  # computed once per change
    r = session.trace.step_result(5)  # every intermediate of step 6 (row 5)
    np.testing.assert_array_equal(view.values["f_mul"], r.f * r.c_prev)
    np.testing.assert_array_equal(view.values["i_mul"], r.i * r.g)
    np.testing.assert_array_equal(view.values["o_mul"], r.o * r.tanh_c)
    np.testing.assert_array_equal(view.pre["g"], r.z_gate("g"))
    np.testing.assert_allclose(view.values["c"], session.trace.c[5], rtol=1e-14)
    assert set(view.values) == set(NODE_KEYS) and set(view.pre) == {"f", "i", "g", "o"}
    session.set_unit(1)
    assert session.step_view() is not view and session.step_view().unit == 1
    session.update_settings(clamp={"f": 1.0})
    clamped = session.step_view()
    assert dict(clamped.clamped) == {"f": 1.0}
    np.testing.assert_array_equal(clamped.values["f"], np.ones(session.hidden_size))
    assert StepView.of(session).to_data() == clamped.to_data()


def test_copy_session_has_the_same_state(session):
    from lstm_sim.session import Origin, copy_session, session_document
    from lstm_sim.train import Readout

    session.update_settings(window=9, loss="unit", compare=True, clip=3.0, clamp={"o": 1.0})
    session.set_readout(Readout.random(session.hidden_size, 1, seed=2))
    session.set_origin(Origin("example", "spikes"))
    session.set_path("/tmp/x.lstmsim")
    session.set_step(40)
    session.set_step(12)  # 40 rows computed, cursor back at 12
    session.set_unit(2)
    copy = copy_session(session)
    assert copy is not session and copy.trace is not session.trace
    assert (copy.t, copy.unit, copy.computed) == (12, 2, 40)
    assert copy.settings == session.settings and copy.readout == session.readout
    assert copy.rnn == session.rnn and copy.origin == session.origin
    assert (copy.name, copy.path, copy.modified) == (session.name, session.path, session.modified)
    np.testing.assert_array_equal(copy.trace.h, session.trace.h)
    np.testing.assert_array_equal(copy.rnn_trace.h, session.rnn_trace.h)
    np.testing.assert_array_equal(copy.gradients.dc_norm, session.gradients.dc_norm)
    np.testing.assert_array_equal(copy.gradients.rnn_dh_norm, session.gradients.rnn_dh_norm)
    assert copy.rnn_sigma_max() == session.rnn_sigma_max() and np.isfinite(copy.rnn_sigma_max())
    assert copy.step_view().to_data() == session.step_view().to_data()
    a, b = session_document(copy), session_document(session)
    assert (a.step, a.settings) == (b.step, b.settings)


def test_the_mechanism_follows_the_selected_unit(session):
    """The gradient view's forget gates and their product are the selected unit's, also
    when the loss does not depend on the unit (they were left at the old unit's)."""
    session.set_step(30)
    assert session.settings.loss == "output"
    session.set_unit(2)
    g = session.gradients
    rows = g.steps - 1
    np.testing.assert_array_equal(g.forget, session.trace.f[rows, 2])
    assert g.unit == 2
