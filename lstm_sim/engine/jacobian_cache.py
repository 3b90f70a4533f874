"""Caches of step Jacobians for the gradient panels, beside the engine they read.

A Step moves the loss of the gradient panel by one step; the backward pass of
the new loss shares every Jacobian but one with the last. These caches keep
them (Qt-free, no global state; used by :mod:`lstm_sim.session.gradients`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import LSTMParams, RNNParams, RNNTrace, Trace, rnn_jacobian_norms, transition_jacobians

__all__ = ["ChainResult", "JacobianCache", "RNNFactorCache"]


@dataclass(frozen=True)
class ChainResult:
    """The backward pass of a loss on h_t through the cached rows (:meth:`JacobianCache.backward`).

    Attributes
    ----------
    start : int
        The first row s walked; rows s … stop-1 are in the norms.
    dh_norm, dc_norm : numpy.ndarray, shape (stop - start,)
        ‖∂L/∂h_k‖ and the total ‖∂L/∂C_k‖ of rows s … stop-1.
    dh_before, dc_before : numpy.ndarray, shape (H,), or None
        λ_{s-1} = [∂L/∂h_{s-1}, ∂L/∂C_{s-1} through C_s]: what flows on to
        :func:`~lstm_sim.engine.bptt` for the rows before s (None when the
        chain covers the whole window).
    """

    start: int
    dh_norm: np.ndarray
    dc_norm: np.ndarray
    dh_before: np.ndarray | None
    dc_before: np.ndarray | None


class RNNFactorCache:
    """‖W_hhᵀ·diag(1 − h_k²)‖₂ per row, each computed once.

    The factor of row k depends on h_k alone, not on the step whose loss is
    shown, so a cursor move only needs the rows not seen before (one small SVD
    each) instead of one SVD per row of the window.
    """

    def __init__(self, rnn: RNNParams, trace: RNNTrace, capacity: int) -> None:
        self.rnn = rnn
        self.trace = trace
        self.values = np.full(capacity, np.nan)

    def get(self, start: int, stop: int) -> np.ndarray:
        """The factors of rows start … stop-1 (a copy)."""
        part = self.values[start:stop]
        missing = np.flatnonzero(np.isnan(part))
        if missing.size:
            a, b = start + int(missing[0]), start + int(missing[-1]) + 1
            self.values[a:b] = rnn_jacobian_norms(self.rnn, self.trace, stop=b, window=b - a)
        return np.array(self.values[start:stop])


class JacobianCache:
    """The transposed step Jacobians J_kᵀ of the rows near the cursor, each computed once.

    The gradient panel's loss sits on one step t, so its backward pass is the
    chain λ_{k-1} = J_kᵀ λ_k over the window (see
    :func:`~lstm_sim.engine.transition_jacobians`). A Jacobian depends on its
    row of the trace alone (which never changes once computed), so a Step needs
    one new one. After a jump the cache starts over at the cursor and grows back
    by :attr:`FILL` rows per call; the rows not cached yet go through
    :func:`bptt`, continued from the chain.

    The rows are also grouped in aligned blocks of :attr:`BLOCK`, and each
    whole block keeps the products P_j = J_jᵀ ⋯ J_{e-1}ᵀ from each of its rows j
    to its end e: stacked, they give the λ of all the block's rows from λ_e in
    one matrix-vector product (:meth:`walk`). A window of 200 rows is then
    about 20 products instead of 200, each of which costs more in call
    overhead than in arithmetic for the H of a cell one looks inside.

    Holds at most 3 windows of rows, and is only made when their Jacobians fit
    in :attr:`BUDGET` bytes (:meth:`fits`); the products are kept too when both
    fit (else every row takes its own product).
    """

    #: Rows added in front of the cached ones per call, after a jump.
    FILL = 16
    #: Rows per block of products.
    BLOCK = 16
    #: Largest size of the buffers together (bytes).
    BUDGET = 64 << 20

    @classmethod
    def buffer_bytes(cls, hidden: int, window: int) -> int:
        """Bytes of one buffer (Jacobians, or their block products): 3 windows of 2H × 2H."""
        return 3 * window * (2 * hidden) ** 2 * 8

    @classmethod
    def fits(cls, hidden: int, window: int | None) -> bool:
        """Whether a cache for this window is worth making and small enough."""
        return window is not None and cls.buffer_bytes(hidden, window) <= cls.BUDGET

    def __init__(self, params: LSTMParams, trace: Trace, window: int) -> None:
        self.params, self.trace, self.window = params, trace, window
        size = 2 * params.hidden_size
        self.cap = 3 * window
        self.buf = np.empty((self.cap, size, size))
        # prod[r - base]: row r's P_r, when the products fit the budget too.
        fit = 2 * self.buffer_bytes(params.hidden_size, window) <= self.BUDGET
        self.prod = np.empty((self.cap, size, size)) if fit else None
        self.base = self.lo = self.hi = 0  # buf[r - base] is row r, for lo ≤ r < hi
        self.blocks: set[int] = set()  # first rows of the blocks whose products are made

    def _room(self, a: int, b: int) -> None:
        """Make rows a … b-1 addressable, keeping the cached rows that stay so."""
        if self.base <= a and b <= self.base + self.cap:
            return
        base = max(0, a - (self.cap - (b - a)) // 2)
        k0, k1 = max(self.lo, base), min(self.hi, base + self.cap)
        if k0 < k1:
            for buf in (self.buf, self.prod):
                if buf is not None:
                    buf[k0 - base : k1 - base] = buf[k0 - self.base : k1 - self.base]
            self.lo, self.hi = k0, k1
            self.blocks = {e for e in self.blocks if k0 <= e and e + self.BLOCK <= k1}
        else:
            self.lo = self.hi = b  # none stay: rows before b are still to fill
            self.blocks.clear()
        self.base = base

    def _fill(self, a: int, b: int) -> None:
        J = transition_jacobians(self.params, self.trace, a, b)
        self.buf[a - self.base : b - self.base] = J.transpose(0, 2, 1)

    def _products(self) -> None:
        """The products of every whole block of cached rows that has none yet."""
        if self.prod is None:
            return  # over budget: the rows go one by one
        B = self.BLOCK
        for e in range(-(-self.lo // B) * B, self.hi - B + 1, B):
            if e not in self.blocks:
                jt = self.buf[e - self.base : e + B - self.base]
                p = self.prod[e - self.base : e + B - self.base]
                p[-1] = jt[-1]
                for j in range(B - 2, -1, -1):
                    np.matmul(jt[j], p[j + 1], out=p[j])
                self.blocks.add(e)

    def rows(self, a: int, b: int) -> int:
        """Cache what the window of rows a … b-1 needs; return s: rows s … b-1 are cached.

        Rows a … s-1 (a ≤ s ≤ b) are not cached yet.
        """
        if not (self.lo < self.hi and self.lo <= b <= self.hi + self.FILL):
            self.lo = self.hi = b  # a jump: start over at the cursor
            self.blocks.clear()
            self._room(a, b)
        elif b > self.hi:  # a few steps on
            self._room(max(a, self.lo), b)
            self._fill(self.hi, b)
            self.hi = b
        if a < self.lo:  # grow back towards the window's start
            m = max(a, self.lo - self.FILL)
            self._room(m, b)
            self._fill(m, self.lo)
            self.lo = m
        self._products()
        return max(a, self.lo)

    def walk(self, s: int, b: int, lam: np.ndarray) -> None:
        """Fill ``lam[k - s]`` = λ_{k-1} = J_kᵀ λ_k for rows k = b-1 … s, from ``lam[b - s]``.

        Rows s … b-1 must be cached (as :meth:`rows` returned them). Whole
        blocks take one product each; the rows around them one Jacobian each.
        """
        B, base = self.BLOCK, self.base
        first = -(-s // B) * B  # the first block starting at or after s
        last = b // B * B  # the end of the last block ending at or before b

        def single(lo: int, hi: int) -> None:
            if hi <= lo:
                return
            J = self.buf[lo - base : hi - base]
            src = lam[lo - s + 1 : hi - s + 1]
            dst = lam[lo - s : hi - s]
            for jt, x, y in zip(J[::-1], src[::-1], dst[::-1], strict=True):
                jt.dot(x, y)  # the array's own dot skips np.dot's dispatch

        if first >= last:
            single(s, b)
            return
        single(last, b)
        n = lam.shape[1]
        prod = self.prod  # (blocks are only recorded when the products are kept)
        for e in range(last - B, first - 1, -B):
            out = lam[e - s : e + B - s].reshape(-1)
            if prod is not None and e in self.blocks:
                prod[e - base : e + B - base].reshape(B * n, n).dot(lam[e + B - s], out)
            else:
                single(e, e + B)
        e = first - B  # the block holding rows s … first-1, if its products exist
        if prod is not None and s < first and e in self.blocks:
            out = lam[0 : first - s].reshape(-1)
            prod[s - base : first - base].reshape(-1, n).dot(lam[first - s], out)
        else:
            single(s, first)

    def backward(self, loss_h: np.ndarray, a: int, b: int) -> ChainResult:
        """Gradient norms of a loss on h at row b-1 (``loss_h`` = ∂L/∂h), back over rows a … b-1.

        The rows this cache holds (after :meth:`rows`) are walked as the chain
        λ_{k-1} = J_kᵀ λ_k; the rows before them are left to
        :func:`~lstm_sim.engine.bptt`, started from the returned λ. The norms
        are those of :func:`~lstm_sim.engine.bptt` to rounding.

        Parameters
        ----------
        loss_h : numpy.ndarray, shape (H,)
            The loss's direct gradient ∂L/∂h_{b-1}.
        a, b : int
            The window's rows.
        """
        hidden = self.params.hidden_size
        s = self.rows(a, b)
        m = b - s  # rows of the chain, at the end of the window
        if m == 0:
            return ChainResult(s, np.empty(0), np.empty(0), None, None)
        # λ_k = [∂L/∂h_k, ∂L/∂C_k through C_{k+1}]; the total ∂L/∂C_k adds λ_k's h
        # part times ∂h_k/∂C_k = o_k ⊙ (1 − tanh²C_k).
        lam = np.empty((m + 1, 2 * hidden))  # row 0: λ_{s-1}, what flows on to bptt
        lam[m, :hidden] = loss_h  # walk() fills every other row
        lam[m, hidden:] = 0.0
        self.walk(s, b, lam)
        lh, lc = lam[1:, :hidden], lam[1:, hidden:]
        o, tc = self.trace.o[s:b], self.trace.tanh_c[s:b]
        dc = lc + lh * o * (1.0 - tc * tc)
        dh_norm = np.sqrt(np.einsum("ij,ij->i", lh, lh))
        dc_norm = np.sqrt(np.einsum("ij,ij->i", dc, dc))
        before = (lam[0, :hidden], lam[0, hidden:]) if s > a else (None, None)
        return ChainResult(s, dh_norm, dc_norm, *before)
