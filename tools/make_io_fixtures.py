"""Make the PyTorch fixture for the weight-loader tests (run once; the outputs are committed).

    python tools/make_io_fixtures.py

Writes ``tests/fixtures/torch_lstm.safetensors``: the state dict of a module
holding a float32 ``nn.LSTM(input_size=3, hidden_size=4, num_layers=2,
bidirectional=True)`` under the attribute ``lstm`` (so keys are
``lstm.weight_ih_l0``, …, ``lstm.bias_hh_l1_reverse``), saved with
``safetensors.torch.save_file``; and ``tests/fixtures/torch_lstm_expected.npz``
with the input ``x`` (T, 3) and torch's outputs for it:

- ``out32``/``hn32``/``cn32``: float32 forward pass (output (T, 8), h_n and
  c_n (4, 4), rows layer0-fwd, layer0-bwd, layer1-fwd, layer1-bwd);
- ``out64``/``hn64``/``cn64``: the same module in float64 (for tight checks).

Needs torch and safetensors.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import save_file

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
T, D, H = 9, 3, 4


class Model(torch.nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.lstm = torch.nn.LSTM(D, H, num_layers=2, bidirectional=True, batch_first=True)


def main() -> int:
    torch.manual_seed(0)
    model = Model().float()
    x = torch.randn(1, T, D, dtype=torch.float32)
    with torch.no_grad():
        out32, (hn32, cn32) = model.lstm(x)
        model64 = Model()
        model64.load_state_dict(model.state_dict())
        model64 = model64.double()
        out64, (hn64, cn64) = model64.lstm(x.double())
    OUT.mkdir(parents=True, exist_ok=True)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()},
              str(OUT / "torch_lstm.safetensors"))  # fmt: skip
    np.savez(
        OUT / "torch_lstm_expected.npz",
        x=x[0].double().numpy(),
        out32=out32[0].double().numpy(),
        hn32=hn32[:, 0].double().numpy(),
        cn32=cn32[:, 0].double().numpy(),
        out64=out64[0].numpy(),
        hn64=hn64[:, 0].numpy(),
        cn64=cn64[:, 0].numpy(),
    )
    print(f"torch {torch.__version__}: wrote", *sorted(OUT.glob("torch_lstm*")), sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
