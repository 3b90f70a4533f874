"""Write ``tests/fixtures/backward_view.npz``: torch autograd's numbers of one BPTT step.

Usage (needs torch; the test that reads the file does not)::

    .venv/bin/python tools/make_backward_fixture.py

A seeded cell (D = 2, H = 3, forget bias 1) runs over 12 seeded inputs; the loss
is the app's gradient-panel loss at step t (L = Σ_j h_t[j] or L = h_t[unit]).
Torch computes, with one copy of the weights per step, the gradients at step
k = t − lag: ∂L/∂h_k, ∂L/∂C_k, ∂L/∂z_k (4H, blocks i, f, g, o) and step k's
contributions to ∂L/∂weight_ih and ∂L/∂weight_hh. Keys: the parameters
(``weight_ih`` …), ``X``, and for each case ``c`` (see :data:`CASES`):
``{c}_dh``, ``{c}_dc``, ``{c}_dz``, ``{c}_weight_ih``, ``{c}_weight_hh``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "backward_view.npz"
D, H, T = 2, 3, 12
#: (name, t, lag, loss, unit)
CASES = (
    ("sum_t12_lag5", 12, 5, "output", 1),
    ("unit_t9_lag3", 9, 3, "unit", 2),
    ("sum_t7_lag0", 7, 0, "output", 0),
)


def setup() -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The cell's parameters (PyTorch's names) and the inputs X (T, D)."""
    from lstm_sim.engine import LSTMParams

    params = LSTMParams.random(D, H, seed=18, forget_bias=1.0)
    X = np.random.default_rng(18).standard_normal((T, D))
    return params.to_state_dict(), X


def autograd_step(
    state: dict[str, np.ndarray], X: np.ndarray, t: int, lag: int, loss: str, unit: int
) -> dict[str, np.ndarray]:
    """Torch's gradients at step k = t − lag of the loss on h_t (float64)."""
    import torch

    td = {k: torch.tensor(v) for k, v in state.items()}
    hidden = td["weight_hh"].shape[1]
    h = torch.zeros(hidden, dtype=torch.float64)
    c = torch.zeros(hidden, dtype=torch.float64)
    copies, zs, hs, cs = [], [], [], []
    for s in range(t):
        w_ih = td["weight_ih"].clone().requires_grad_(True)
        w_hh = td["weight_hh"].clone().requires_grad_(True)
        z = w_ih @ torch.tensor(X[s]) + td["bias_ih"] + w_hh @ h + td["bias_hh"]
        z.retain_grad()
        i, f = torch.sigmoid(z[:hidden]), torch.sigmoid(z[hidden : 2 * hidden])
        g, o = torch.tanh(z[2 * hidden : 3 * hidden]), torch.sigmoid(z[3 * hidden :])
        c = f * c + i * g
        h = o * torch.tanh(c)
        c.retain_grad()
        h.retain_grad()
        copies.append((w_ih, w_hh))
        zs.append(z)
        hs.append(h)
        cs.append(c)
    L = h.sum() if loss == "output" else h[unit]
    L.backward()
    r = t - 1 - lag
    return {
        "dh": hs[r].grad.numpy().copy(),
        "dc": cs[r].grad.numpy().copy(),
        "dz": zs[r].grad.numpy().copy(),
        "weight_ih": copies[r][0].grad.numpy().copy(),
        "weight_hh": copies[r][1].grad.numpy().copy(),
    }


def main() -> None:
    import torch

    state, X = setup()
    out: dict[str, np.ndarray] = {**state, "X": X}
    for name, t, lag, loss, unit in CASES:
        for key, value in autograd_step(state, X, t, lag, loss, unit).items():
            out[f"{name}_{key}"] = value
    np.savez(OUT, **out)
    print(f"wrote {OUT} (torch {torch.__version__})")


if __name__ == "__main__":
    main()
