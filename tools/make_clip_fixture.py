"""Write ``tests/fixtures/clip_grad_norm.npz``: ``torch.nn.utils.clip_grad_norm_`` on known arrays.

Usage (needs torch; the test that reads the file does not)::

    .venv/bin/python tools/make_clip_fixture.py

Three seeded float64 arrays (shapes (4, 3), (4, 4), (4,), like an RNN's
``weight_ih``, ``weight_hh`` and a bias) are clipped by torch at each threshold
of ``max_norm``. Keys: ``a``, ``b``, ``c`` (the arrays), ``max_norm`` (m,),
``total`` (m,) (what ``clip_grad_norm_`` returns), ``a_clipped``, ``b_clipped``,
``c_clipped`` (m, …) (the arrays after clipping at each threshold).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "clip_grad_norm.npz"
SHAPES = {"a": (4, 3), "b": (4, 4), "c": (4,)}
MAX_NORMS = np.array([0.5, 3.0, 1e6])


def main() -> None:
    rng = np.random.default_rng(18)
    arrays = {k: rng.standard_normal(shape) for k, shape in SHAPES.items()}
    out: dict[str, np.ndarray] = dict(arrays)
    out["max_norm"] = MAX_NORMS
    totals, clipped = [], {k: [] for k in SHAPES}
    for max_norm in MAX_NORMS:
        params = []
        for k in SHAPES:
            p = torch.zeros(SHAPES[k], dtype=torch.float64, requires_grad=True)
            p.grad = torch.from_numpy(arrays[k].copy())
            params.append(p)
        totals.append(float(torch.nn.utils.clip_grad_norm_(params, float(max_norm))))
        for k, p in zip(SHAPES, params, strict=True):
            clipped[k].append(p.grad.numpy().copy())
    out["total"] = np.array(totals)
    for k in SHAPES:
        out[f"{k}_clipped"] = np.array(clipped[k])
    np.savez(OUT, **out)
    print(f"wrote {OUT} (torch {torch.__version__})")


if __name__ == "__main__":
    main()
