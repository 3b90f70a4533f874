"""Make the PyTorch model fixtures of the model tests (run once; the outputs are committed).

    .venv/bin/python tools/make_model_fixtures.py      # needs torch (pip install torch==2.13.0)

Writes into ``tests/fixtures/model/``:

``torch_<name>.npz`` and ``torch_<name>_expected.npz`` (float64), for
``l2_bi_every`` (``nn.LSTM(3, 4, num_layers=2, bidirectional=True)`` and a
``Linear(8, 2)`` on every step), ``l3_bi_last`` (3 layers, bidirectional,
``Linear(8, 1)`` on ``out[:, -1]``) and ``l2_uni_final`` (2 layers,
``Linear(4, 2)`` on ``h_n[-1]``):

- the model file: the state dict (``lstm.*`` and ``fc.*``), float64;
- expected: ``x`` (T, 3), ``targets``, ``out`` (the LSTM's output), ``yhat``,
  ``hn``, ``cn`` (torch's ``h_n``, ``c_n``), ``h.<k>``/``c.<k>`` (every cell's
  h and C per step, from running each direction as ``nn.LSTMCell`` steps, in
  the order the cell computes them), ``loss`` (Σ (ŷ − y)²) and its autograd
  gradients ``grad.x`` and ``grad.<parameter>``.

``net.pt`` — ``torch.save(net.state_dict())`` of a float32 ``Net`` (``lstm``:
2 layers, bidirectional, D = 3, H = 4; ``fc``: Linear(8, 2)); ``net.bin`` the
same bytes (a ``pytorch_model.bin``); ``net.ckpt`` a Lightning-style
checkpoint ``{"epoch", "global_step", "state_dict": {"model.lstm…", …},
"optimizer_states": [...]}``; ``net_expected.npz``: every array as
``torch.load`` gives it (``sd.<key>``, in its own dtype), ``x``, and torch's
float32 outputs ``out32``, ``yhat32``, ``hn32``, ``cn32``.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

import numpy as np
import torch

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "model"
T, D, H = 9, 3, 4


class Net(torch.nn.Module):
    def __init__(self, layers: int, bidirectional: bool, outputs: int) -> None:
        super().__init__()
        self.lstm = torch.nn.LSTM(D, H, layers, bidirectional=bidirectional, batch_first=True)
        self.fc = torch.nn.Linear(H * (2 if bidirectional else 1), outputs)


def _cell_traces(lstm: torch.nn.LSTM, x: torch.Tensor) -> dict[str, np.ndarray]:
    """Every cell's h and C per step, by nn.LSTMCell steps (order: as the cell computes)."""
    out: dict[str, np.ndarray] = {}
    dirs = 2 if lstm.bidirectional else 1
    inp = x[0]
    for k in range(lstm.num_layers):
        halves = []
        for d in range(dirs):
            sfx = f"_l{k}" + ("_reverse" if d else "")
            cell = torch.nn.LSTMCell(inp.shape[1], H).double()
            cell.load_state_dict(
                {
                    n: getattr(lstm, n + sfx)
                    for n in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
                }
            )
            h = c = torch.zeros(1, H, dtype=torch.float64)
            hs, cs = [], []
            seq = inp.flip(0) if d else inp
            for t in range(seq.shape[0]):
                h, c = cell(seq[t : t + 1], (h, c))
                hs.append(h[0])
                cs.append(c[0])
            out[f"h.{k}.{d}"] = torch.stack(hs).detach().numpy()
            out[f"c.{k}.{d}"] = torch.stack(cs).detach().numpy()
            hseq = torch.stack(hs)
            halves.append(hseq.flip(0) if d else hseq)
        inp = torch.cat(halves, 1)
    return out


def grad_fixture(name: str, layers: int, bidirectional: bool, on: str, seed: int) -> None:
    torch.manual_seed(seed)
    net = Net(layers, bidirectional, 2 if on != "last" else 1).double()
    x = torch.randn(1, T, D, dtype=torch.float64, requires_grad=True)
    out, (hn, cn) = net.lstm(x)
    if on == "every":
        yhat = net.fc(out[0])
    elif on == "last":
        yhat = net.fc(out[0, -1:])
    else:
        yhat = net.fc(hn[-1:, 0])
    rng = np.random.default_rng(seed)
    targets = rng.standard_normal((T, yhat.shape[1]))
    y = torch.tensor(targets if on == "every" else targets[-1:])
    loss = ((yhat - y) ** 2).sum()
    loss.backward()
    sd = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    np.savez(OUT / f"torch_{name}.npz", **sd)
    expected = {
        "x": x[0].detach().numpy(),
        "targets": targets,
        "out": out[0].detach().numpy(),
        "yhat": yhat.detach().numpy(),
        "hn": hn[:, 0].detach().numpy(),
        "cn": cn[:, 0].detach().numpy(),
        "loss": np.array(loss.item()),
        "grad.x": x.grad[0].numpy(),
    }
    expected.update({f"grad.{k}": p.grad.numpy() for k, p in net.named_parameters()})
    expected.update(_cell_traces(net.lstm, x.detach()))
    np.savez(OUT / f"torch_{name}_expected.npz", **expected)


def pt_fixture() -> None:
    torch.manual_seed(11)
    net = Net(2, True, 2).float()
    sd = net.state_dict()
    torch.save(sd, OUT / "net.pt")
    (OUT / "net.bin").write_bytes((OUT / "net.pt").read_bytes())
    trained = copy.deepcopy(net)  # an optimizer state with real moments, the weights untouched
    opt = torch.optim.Adam(trained.parameters())
    trained.fc(torch.randn(1, 8)).sum().backward()
    opt.step()
    torch.save(
        {
            "epoch": 3,
            "global_step": 120,
            "state_dict": {f"model.{k}": v for k, v in net.state_dict().items()},
            "optimizer_states": [opt.state_dict()],
            "hyper_parameters": {"lr": 1e-3, "name": "net"},
        },
        OUT / "net.ckpt",
    )
    loaded = torch.load(OUT / "net.pt", weights_only=True)
    x = torch.randn(1, T, D)
    with torch.no_grad():
        out, (hn, cn) = net.lstm(x)
        yhat = net.fc(out[0])
    arrays = {f"sd.{k}": v.numpy() for k, v in loaded.items()}
    arrays.update(
        x=x[0].numpy(),
        out32=out[0].numpy(),
        yhat32=yhat.numpy(),
        hn32=hn[:, 0].numpy(),
        cn32=cn[:, 0].numpy(),
    )
    np.savez(OUT / "net_expected.npz", **arrays)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    torch.set_default_dtype(torch.float32)
    grad_fixture("l2_bi_every", 2, True, "every", 1)
    grad_fixture("l3_bi_last", 3, True, "last", 2)
    grad_fixture("l2_uni_final", 2, False, "final", 3)
    pt_fixture()
    print(
        f"torch {torch.__version__}: wrote",
        *sorted(OUT.glob("torch_*")),
        *sorted(OUT.glob("net*")),
        sep="\n  ",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
