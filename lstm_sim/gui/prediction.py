"""The prediction loss in words (issue 14 item 7): what the gradient caption says it is."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

__all__ = ["prediction_caption"]


def prediction_caption(_widget: Any, view: Any, time: int, model: bool) -> str:
    """``L = (ŷ_t − y_t)² at t = 5 (= 0.123)``: the prediction loss of a gradient view.

    Parameters
    ----------
    view : GradientView
        With ``loss`` "prediction" or "prediction_sum" and its ``loss_value``.
    time : int
        The time step the shown cell's step t read (t itself but for a reverse cell).
    model : bool
        ŷ is a whole model's head (the loss is at the time step t read).
    """
    value = "" if view.loss_value is None else f"{view.loss_value:.4g}"
    if view.loss == "prediction_sum":
        text = (
            QCoreApplication.translate(
                "PredictionLoss",
                "L = Σ (ŷ − y)² over the times that steps 1 … {t} read (= {value}), "
                "ŷ the model's head",
            )
            if model
            else QCoreApplication.translate(
                "PredictionLoss", "L = Σ_k (ŷ_k − y_k)², k ≤ {t} (= {value}), ŷ = W_y·h + b_y"
            )
        )
    else:
        text = (
            QCoreApplication.translate(
                "PredictionLoss",
                "L = (ŷ − y)² at time {time}, read by step t = {t} (= {value}), ŷ the model's head",
            )
            if model
            else QCoreApplication.translate(
                "PredictionLoss", "L = (ŷ_t − y_t)² at t = {t} (= {value}), ŷ_t = W_y·h_t + b_y"
            )
        )
    return text.format(t=view.t, time=time, value=value)
