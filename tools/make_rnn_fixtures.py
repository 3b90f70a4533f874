"""Write the frozen PyTorch reference values for the vanilla RNN engine.

Usage (from the repository root, with torch installed)::

    python tools/make_rnn_fixtures.py

writes ``tests/fixtures/rnn_parity_<case>.npz``: plain float64 arrays (load with
``numpy.load(path, allow_pickle=False)``), so ``tests/test_rnn.py`` checks the
engine against PyTorch without needing torch. Everything is computed by
``torch.nn.RNN`` in float64 from inputs drawn with a fixed NumPy seed; lstm_sim
itself is not imported.

Arrays in each file (T steps, D inputs, H units):

    weight_ih (H, D), weight_hh (H, H), bias_ih (H,), bias_hh (H,)   the cell
    x (T, D), h0 (H,)                                                inputs
    dh_direct (T, H)      the loss L = Σ_k dh_direct[k] · h_k
    h (T, H)              h_k from one nn.RNN call over the whole sequence
    dh (T, H)             total ∂L/∂h_k (retain_grad on every h_k, stepping nn.RNN)
    dh0 (H,)              ∂L/∂h_0
    grad_weight_ih, grad_weight_hh, grad_bias_ih, grad_bias_hh   ∂L/∂parameters
    clip ()               only in clipping cases: the threshold; a tensor hook on
                          every h_k rescales its total gradient to norm ``clip``
                          when it is larger (what ``bptt_rnn(..., clip=)`` does)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"

#: name → (D, H, T, seed, recurrent_scale or None, input_scale, clip or None)
CASES: dict[str, tuple[int, int, int, int, float | None, float, float | None]] = {
    "d1_h3": (1, 3, 12, 0, None, 1.0, None),
    "d3_h4": (3, 4, 25, 1, None, 1.0, None),
    "d2_h5_orth": (2, 5, 20, 2, 0.9, 1.0, None),
    "d2_h4_clip": (2, 4, 30, 3, 1.6, 0.05, 1.5),
}


def case_inputs(
    D: int,
    H: int,
    T: int,
    seed: int,
    recurrent_scale: float | None,
    input_scale: float,
) -> dict[str, np.ndarray]:
    """The cell, inputs and direct loss gradient of one case (NumPy only)."""
    rng = np.random.default_rng(seed)
    k = 1.0 / np.sqrt(H)
    arrays = {
        "weight_ih": rng.uniform(-k, k, (H, D)),
        "weight_hh": rng.uniform(-k, k, (H, H)),
        "bias_ih": rng.uniform(-k, k, H),
        "bias_hh": rng.uniform(-k, k, H),
        "x": input_scale * rng.standard_normal((T, D)),
        "h0": 0.5 * rng.uniform(-1.0, 1.0, H),
        "dh_direct": rng.standard_normal((T, H)),
    }
    if recurrent_scale is not None:
        q, r = np.linalg.qr(rng.standard_normal((H, H)))
        arrays["weight_hh"] = recurrent_scale * q * np.where(np.diag(r) < 0, -1.0, 1.0)
    return arrays


def torch_reference(
    weight_ih: np.ndarray,
    weight_hh: np.ndarray,
    bias_ih: np.ndarray,
    bias_hh: np.ndarray,
    x: np.ndarray,
    h0: np.ndarray,
    dh_direct: np.ndarray,
    clip: float | None = None,
) -> dict[str, np.ndarray]:
    """Forward pass, per-step ∂L/∂h_k and parameter gradients from ``torch.nn.RNN`` (float64)."""
    import torch

    T, D = x.shape
    H = weight_hh.shape[0]
    rnn = torch.nn.RNN(D, H, nonlinearity="tanh", dtype=torch.float64)
    with torch.no_grad():
        for name, value in (
            ("weight_ih", weight_ih),
            ("weight_hh", weight_hh),
            ("bias_ih", bias_ih),
            ("bias_hh", bias_hh),
        ):
            getattr(rnn, name + "_l0").copy_(torch.from_numpy(value))
        out, _ = rnn(torch.from_numpy(x).reshape(T, 1, D), torch.from_numpy(h0).reshape(1, 1, H))
        h_seq = out.reshape(T, H).numpy().copy()

    def clip_hook(grad: torch.Tensor) -> torch.Tensor:
        norm = grad.norm()
        return grad * (clip / norm) if norm > clip else grad

    # Step by step, so that every h_k is a tensor whose total gradient we can read.
    h0_t = torch.from_numpy(h0.copy()).reshape(1, 1, H).requires_grad_()
    h = h0_t
    hs = []
    for k in range(T):
        _, h = rnn(torch.from_numpy(x[k]).reshape(1, 1, D), h)
        if clip is not None:
            h.register_hook(clip_hook)
        h.retain_grad()  # retain_grad hooks run after the others: .grad is the clipped value
        hs.append(h)
    loss = sum((hk.reshape(H) * torch.from_numpy(dh_direct[k])).sum() for k, hk in enumerate(hs))
    loss.backward()
    result = {
        "h": h_seq,
        "dh": np.stack([hk.grad.reshape(H).numpy() for hk in hs]),
        "dh0": h0_t.grad.reshape(H).numpy().copy(),
    }
    for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        result["grad_" + name] = getattr(rnn, name + "_l0").grad.numpy().copy()
    return result


def make_case(name: str) -> dict[str, np.ndarray]:
    """Every array of one fixture file."""
    D, H, T, seed, scale, input_scale, clip = CASES[name]
    arrays = case_inputs(D, H, T, seed, scale, input_scale)
    arrays.update(torch_reference(**arrays, clip=clip))
    if clip is not None:
        arrays["clip"] = np.array(clip, dtype=np.float64)
    return {k: np.asarray(v, dtype=np.float64) for k, v in arrays.items()}


def main() -> None:
    import torch

    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name in CASES:
        arrays = make_case(name)
        path = FIXTURES / f"rnn_parity_{name}.npz"
        np.savez_compressed(path, **arrays)
        norms = np.linalg.norm(arrays["dh"], axis=1)
        print(
            f"{path.relative_to(FIXTURES.parents[1])}: {path.stat().st_size} bytes, "
            f"‖dh‖ from {norms.min():.3g} to {norms.max():.3g} (torch {torch.__version__})"
        )


if __name__ == "__main__":
    main()
