"""The backward-pass tab: one step of BPTT for the gradient panel's loss, with numbers.

For the loss at the cursor t and the step k = t − lag (the lag is a setting,
chosen here), the selected unit's

    ∂L/∂h_k = the loss's own ∂L/∂h_k + W_hhᵀ·∂L/∂z_{k+1}
    ∂L/∂C_k = ∂L/∂C_{k+1}·f_{k+1}  +  ∂L/∂h_k·o_k·(1 − tanh²C_k)
              (direct path)           (through h)
    ∂L/∂z per gate, and step k's contributions to ∂L/∂W_ih, ∂L/∂W_hh, ∂L/∂b

from :func:`lstm_sim.session.backward_view.backward_view` (the reference backward
step fed by :func:`~lstm_sim.engine.bptt`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QSpinBox, QWidget

from ...session import Session
from ...session.backward_view import (
    BackwardView,
    backward_view,
    lag_limit,
    model_prediction_loss,
)
from ..equations import format_value
from .base import TextPanel

__all__ = ["BackwardPanel", "format_row", "paren"]

GATES = "ifgo"


def paren(v: float) -> str:
    """A factor as the equations write it: negative numbers in parentheses."""
    s = format_value(v)
    return f"({s})" if s.startswith("−") else s


def format_row(values, most: int = 4) -> str:
    """A vector as ``[a, b, c, d, …]`` (at most ``most`` entries shown)."""
    shown = ", ".join(format_value(float(v)) for v in list(values)[:most])
    return f"[{shown}{', …' if len(values) > most else ''}]"


class BackwardPanel(TextPanel):
    """The BPTT equations of one step with the selected unit's numbers."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.lag_label = QLabel()
        self.lag_box = QSpinBox()
        self.lag_box.setRange(0, 0)
        self.lag_box.valueChanged.connect(self._on_lag)
        self.lag_label.setBuddy(self.lag_box)
        self.controls_row.addWidget(self.lag_label)
        self.controls_row.addWidget(self.lag_box)
        self.controls_row.addStretch(1)
        self._view: BackwardView | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.lag_label.setText(self.tr("Steps back from t (&lag):"))
        self.lag_box.setToolTip(
            self.tr(
                "Which step k of the backward pass to open: k = t minus this many steps, for "
                "the loss at the cursor t (the loss of the gradient panel)"
            )
        )
        self.view.setAccessibleName(self.tr("Backward pass of one step"))
        super().retranslate()

    def _on_lag(self, value: int) -> None:
        self.session.update_settings(backward_lag=int(value))

    def sync_controls(self) -> None:
        s = self.session
        self.lag_box.blockSignals(True)
        self.lag_box.setRange(0, lag_limit(s))
        self.lag_box.setValue(min(s.settings.backward_lag, lag_limit(s)))
        self.lag_box.blockSignals(False)
        self.lag_box.setEnabled(s.t > 0)

    def header_text(self) -> str:
        v = self._view = backward_view(self.session)
        if v is None and model_prediction_loss(self.session):
            return self.tr("Backward pass: a whole model's prediction loss")
        if v is None:
            return self.tr("Backward pass: no loss yet (t = 0)")
        return self.tr("{loss} at t = {t}: step k = {k} (lag {lag}), unit j = {j}").format(
            loss=self.session.describe_loss(), t=v.t, k=v.k, lag=v.lag, j=v.unit
        )

    def compute_lines(self) -> list[str]:
        v = self._view
        if v is None and model_prediction_loss(self.session):
            return [
                self.tr("This cell's gradients also come back from the layers above it;"),
                self.tr("the gradient panel shows them. Choose Σ h_t or one unit's h_t to open"),
                self.tr("a step of this cell's own backward pass."),
            ]
        if v is None:
            return [self.tr("Press Step (→): the backward pass starts from a loss at step t ≥ 1.")]
        s = self.session
        j, hidden = v.unit, s.hidden_size
        st, fw = v.step, v.forward
        fv = format_value
        dh, dh_later = float(st.dh[j]), float(st.dh_later[j])
        dh_own = dh - dh_later
        o, tc = float(fw.o[j]), float(fw.tanh_c[j])
        carried, through = float(st.dc_carried[j]), float(st.dc_through_h[j])
        lines = [
            self.tr("∂L/∂h_k = ∂L/∂h_k(loss) + (W_hhᵀ·∂L/∂z_{k+1})[j]"),
            f"        = {fv(dh_own)} + {paren(dh_later)} = {fv(dh)}",
            "∂L/∂C_k = ∂L/∂C_{k+1}·f_{k+1} + ∂L/∂h_k·o_k·(1 − tanh²C_k)",
        ]
        if v.dc_next is None or v.f_next is None:
            lines.append(f"        = 0 + {paren(dh)}·{paren(o)}·(1 − {paren(tc)}²)")
            lines.append(self.tr("          (k = t: nothing comes back from after the loss)"))
        else:
            lines.append(
                f"        = {paren(float(v.dc_next[j]))}·{paren(float(v.f_next[j]))}"
                f" + {paren(dh)}·{paren(o)}·(1 − {paren(tc)}²)"
            )
        lines.append(
            self.tr("        = {carried} (direct path) + {through} (through h) = {total}").format(
                carried=fv(carried), through=paren(through), total=fv(float(st.dc[j]))
            )
        )
        i, f, g = float(fw.i[j]), float(fw.f[j]), float(fw.g[j])
        cp, dc = float(fw.c_prev[j]), float(st.dc[j])
        clamped = dict(s.settings.clamp)
        formulas = {
            "i": (
                "∂L/∂z_i = ∂L/∂C_k·C̃_k·i_k(1 − i_k)",
                f"{paren(dc)}·{paren(g)}·{paren(i * (1 - i))}",
            ),
            "f": (
                "∂L/∂z_f = ∂L/∂C_k·C_{k−1}·f_k(1 − f_k)",
                f"{paren(dc)}·{paren(cp)}·{paren(f * (1 - f))}",
            ),
            "g": ("∂L/∂z_g = ∂L/∂C_k·i_k·(1 − C̃_k²)", f"{paren(dc)}·{paren(i)}·{paren(1 - g * g)}"),
            "o": (
                "∂L/∂z_o = ∂L/∂h_k·tanh C_k·o_k(1 − o_k)",
                f"{paren(dh)}·{paren(tc)}·{paren(o * (1 - o))}",
            ),
        }
        for gate in GATES:
            head, product = formulas[gate]
            value = fv(float(st.dz[gate][j]))
            lines.append(head)
            if gate in clamped:
                lines.append(
                    self.tr("        = 0 ({gate} is clamped: a constant has no gradient)").format(
                        gate=gate
                    )
                )
            else:
                lines.append(f"        = {product} = {value}")
        lines.append(self.tr("Step k's share of ∂L/∂W, row j of each gate's block:"))
        lines.append("  ∂L/∂W_ih = ∂L/∂z·x_kᵀ   ∂L/∂W_hh = ∂L/∂z·h_{k−1}ᵀ   ∂L/∂b = ∂L/∂z")
        for b, gate in enumerate(GATES):
            row = b * hidden + j
            lines.append(
                f"  {gate}: W_ih {format_row(st.weight_ih[row])}  W_hh "
                f"{format_row(st.weight_hh[row])}  b {fv(float(st.bias[row]))}"
            )
        return lines

    def numbers(self) -> dict[str, Any] | None:
        """The selected unit's numbers the lines show, unrounded (None at t = 0)."""
        if self._stale:
            self.refresh()
        v = self._view
        if v is None:
            return None
        j, hidden, st = v.unit, self.session.hidden_size, v.step
        rows = [b * hidden + j for b in range(4)]
        return {
            "t": v.t,
            "k": v.k,
            "lag": v.lag,
            "unit": j,
            "dh": float(st.dh[j]),
            "dh_later": float(st.dh_later[j]),
            "dc": float(st.dc[j]),
            "dc_carried": float(st.dc_carried[j]),
            "dc_through_h": float(st.dc_through_h[j]),
            "dz": {gate: float(st.dz[gate][j]) for gate in GATES},
            "weight_ih": [st.weight_ih[r].tolist() for r in rows],
            "weight_hh": [st.weight_hh[r].tolist() for r in rows],
            "bias": [float(st.bias[r]) for r in rows],
        }

    def extra_rendered(self) -> dict[str, Any]:
        return {
            "lag": (self.lag_box.value(), self.lag_box.maximum(), self.lag_box.isEnabled()),
            "numbers": self.numbers(),
        }
