"""Write the golden PyTorch fixtures ``tests/fixtures/lstm_parity_<shape>.npz``.

Usage (needs torch; the tests that read the files do not)::

    .venv/bin/python tools/make_torch_fixtures.py

For each shape, an ``nn.LSTMCell`` (float64) with seeded random weights is
stepped by hand over a seeded random sequence, keeping every h_k and C_k with
``retain_grad()``, and autograd differentiates

    L = Σ_k loss_wh[k]·h_k + Σ_k loss_wc[k]·C_k

(a direct term on every C_k, the last one included, so every ∂L/∂C_k exists).
A second pass cuts the graph (detaches the state) at row ``window_start`` and
differentiates the same loss restricted to the rows after it, which is what
``bptt(..., window=T - window_start)`` computes.

Every array is plain float64 (``np.load(path, allow_pickle=False)`` works):

====================  ============  ===========================================
key                   shape         meaning
====================  ============  ===========================================
weight_ih …bias_hh    (4H, D) …     the cell's state dict
X                     (T, D)        inputs
h0, c0                (H,)          initial state
loss_wh, loss_wc      (T, H)        loss weights on h_k and C_k
loss                  ()            L
h, c                  (T, H)        torch's h_k and C_k
gates                 (T, 4H)       i, f, g, o (from the state dict, torch ops)
grad_h, grad_c        (T, H)        total ∂L/∂h_k, ∂L/∂C_k (autograd)
grad_h0, grad_c0      (H,)          ∂L/∂h_0, ∂L/∂C_0
grad_X                (T, D)        ∂L/∂x_k
grad_weight_ih …      like params   ∂L/∂weight_ih, … ∂L/∂bias_hh
window_start          ()            first row of the window (an integer value)
win_grad_h, _c        (n, H)        ∂L/∂h_k, ∂L/∂C_k inside the window
win_grad_h_in, _c_in  (H,)          ∂L/∂ of the detached state it starts from
win_grad_weight_ih …  like params   parameter gradients of the window
====================  ============  ===========================================
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import torch

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"

#: name → (D, H, T, seed). H = 1; D > H; a general case.
SHAPES: dict[str, tuple[int, int, int, int]] = {
    "d1_h1_t8": (1, 1, 8, 1),
    "d4_h2_t6": (4, 2, 6, 2),
    "d2_h3_t10": (2, 3, 10, 3),
}
PARAM_NAMES = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


def _step_all(cell: torch.nn.LSTMCell, X: np.ndarray, h0: np.ndarray, c0: np.ndarray):
    x = torch.tensor(X, requires_grad=True)
    h = torch.tensor(h0[None], requires_grad=True)
    c = torch.tensor(c0[None], requires_grad=True)
    h_init, c_init = h, c
    hs, cs = [], []
    for k in range(len(X)):
        h, c = cell(x[k : k + 1], (h, c))
        h.retain_grad()
        c.retain_grad()
        hs.append(h)
        cs.append(c)
    return x, h_init, c_init, hs, cs


def _loss(hs, cs, wh: np.ndarray, wc: np.ndarray) -> torch.Tensor:
    return (torch.cat(hs) * torch.from_numpy(wh)).sum() + (
        torch.cat(cs) * torch.from_numpy(wc)
    ).sum()


def _grads(tensors) -> np.ndarray:
    return np.vstack([t.grad.numpy() for t in tensors])


def make_fixture(d: int, h: int, t: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    cell = torch.nn.LSTMCell(d, h, dtype=torch.float64)
    with torch.no_grad():
        for p in cell.parameters():
            p.copy_(torch.from_numpy(rng.normal(0.0, 0.8, tuple(p.shape))))
    X = rng.normal(size=(t, d))
    h0, c0 = rng.normal(0.0, 0.5, h), rng.normal(0.0, 0.5, h)
    wh, wc = rng.normal(size=(t, h)), rng.normal(size=(t, h))
    out: dict[str, np.ndarray] = {
        name: p.detach().numpy().copy() for name, p in cell.named_parameters()
    }
    out.update(X=X, h0=h0, c0=c0, loss_wh=wh, loss_wc=wc)

    # Full sequence.
    x, h_init, c_init, hs, cs = _step_all(cell, X, h0, c0)
    loss = _loss(hs, cs, wh, wc)
    cell.zero_grad()
    loss.backward()
    H = torch.cat(hs).detach()
    C = torch.cat(cs).detach()
    h_prev = torch.cat([torch.from_numpy(h0[None]), H[:-1]])
    with torch.no_grad():
        z = x @ cell.weight_ih.T + cell.bias_ih + h_prev @ cell.weight_hh.T + cell.bias_hh
        zi, zf, zg, zo = z.chunk(4, dim=1)
        gates = torch.cat([zi.sigmoid(), zf.sigmoid(), zg.tanh(), zo.sigmoid()], dim=1)
    out.update(
        loss=np.array(loss.item()),
        h=H.numpy().copy(),
        c=C.numpy().copy(),
        gates=gates.numpy().copy(),
        grad_h=_grads(hs),
        grad_c=_grads(cs),
        grad_h0=h_init.grad[0].numpy().copy(),
        grad_c0=c_init.grad[0].numpy().copy(),
        grad_X=x.grad.numpy().copy(),
    )
    for name, p in cell.named_parameters():
        out[f"grad_{name}"] = p.grad.numpy().copy()

    # A window of the last rows: the state at its start is a constant (detached).
    start = t // 2
    _x, h_in, c_in, hs_w, cs_w = _step_all(
        cell, X[start:], H[start - 1].numpy(), C[start - 1].numpy()
    )
    cell.zero_grad()
    _loss(hs_w, cs_w, wh[start:], wc[start:]).backward()
    out.update(
        window_start=np.array(float(start)),
        win_grad_h=_grads(hs_w),
        win_grad_c=_grads(cs_w),
        win_grad_h_in=h_in.grad[0].numpy().copy(),
        win_grad_c_in=c_in.grad[0].numpy().copy(),
    )
    for name, p in cell.named_parameters():
        out[f"win_grad_{name}"] = p.grad.numpy().copy()
    return {k: np.asarray(v, dtype=np.float64) for k, v in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=FIXTURES, help="output directory")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (d, h, t, seed) in SHAPES.items():
        arrays = make_fixture(d, h, t, seed)
        path = args.out / f"lstm_parity_{name}.npz"
        np.savez(path, **arrays)
        print(f"{path}  ({path.stat().st_size} bytes, torch {torch.__version__})")


if __name__ == "__main__":
    main()
