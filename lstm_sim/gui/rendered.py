"""One truth, one way to draw it: compare what a window shows with a window built afresh.

Every view of :class:`~lstm_sim.gui.main_window.MainWindow` can be built from
the session alone, and its incremental updates are an optimisation whose
result must equal that build. Each view says what it shows as plain data
(``rendered()``: texts, enabled states, node values, curve points, view
ranges); :meth:`MainWindow.rendered` gathers them. So after any sequence of
user actions::

    live = window.rendered()
    fresh = fresh_window(window)          # a new window on a copy of the session
    assert diff_rendered(live, fresh.rendered()) == []

:func:`fresh_window` builds the second window on
:func:`~lstm_sim.session.copy_session` of the first one's session, at the same
size, tab and docks, and lets both finish their work (:meth:`MainWindow.settle`).

What a fresh window cannot know is not session state and is left out by
:data:`VIEW_STATE`: the banner the user hid, the report of a training run made
in the live window, the number shown while a job runs. The y ranges of the
plots depend on the way there too (they only widen while stepping, so that the
axes do not jump): :data:`RANGES` are not compared, and :func:`range_violations`
checks instead that every range holds the data it shows. Curve values are
compared to rounding: the gradient panels' norms are computed by a chain of
cached Jacobians or by plain BPTT depending on how the cursor got there.
"""

from __future__ import annotations

import fnmatch
import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from ..session import copy_session

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = ["RANGES", "VIEW_STATE", "diff_rendered", "fresh_window", "range_violations"]

#: Paths of :meth:`MainWindow.rendered` that are the window's own state, not the
#: session's (a fresh window cannot know them): skipped by :func:`diff_rendered`
#: unless asked for.
VIEW_STATE: tuple[str, ...] = (
    "banner.visible",  # the user may hide the banner
    "saturation.visible",  # and the saturation warning
    "training.status",  # a training run's report belongs to the window that ran it
    "jobs",  # what runs right now
)

#: Paths (shell patterns) of the y ranges, which only widen while stepping: checked by
#: :func:`range_violations` (they hold the data), not compared.
RANGES: tuple[str, ...] = ("plots.panels.*.y_range", "compare.grad_range", "compare.factor_range")


def _equal_arrays(a: np.ndarray, b: np.ndarray, rel: float) -> bool:
    if a.shape != b.shape:
        return False
    if a.dtype.kind != "f" or b.dtype.kind != "f":
        return bool(np.array_equal(a, b))
    return bool(np.allclose(a, b, rtol=rel, atol=0.0, equal_nan=True))


def _equal_numbers(a: float, b: float, rel: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b or abs(a - b) <= rel * max(abs(a), abs(b))


def diff_rendered(
    a: Any,
    b: Any,
    *,
    skip: Iterable[str] = VIEW_STATE + RANGES,
    rel: float = 1e-9,
    path: str = "",
) -> list[str]:
    """The paths where two ``rendered()`` data differ (empty: they show the same).

    Dicts are compared key by key, lists and tuples item by item, floats and
    NumPy arrays of floats to the relative tolerance ``rel`` (NaN equal to NaN).
    Paths matching a pattern of ``skip`` (dotted, shell patterns, e.g.
    ``"banner.visible"``, ``"plots.panels.*.y_range"``) are not compared.
    """
    skipped = tuple(skip)
    if path and any(fnmatch.fnmatchcase(path, pattern) for pattern in skipped):
        return []
    where = path or "<root>"
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if not (isinstance(a, np.ndarray) and isinstance(b, np.ndarray)):
            return [f"{where}: {type(a).__name__} ≠ {type(b).__name__}"]
        return [] if _equal_arrays(a, b, rel) else [f"{where}: arrays differ"]
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        out = []
        for key in sorted(set(a) | set(b), key=str):
            sub = f"{path}.{key}" if path else str(key)
            if key not in a or key not in b:
                if not any(fnmatch.fnmatchcase(sub, pattern) for pattern in skipped):
                    out.append(f"{sub}: only in {'the first' if key in a else 'the second'}")
                continue
            out += diff_rendered(a[key], b[key], skip=skipped, rel=rel, path=sub)
        return out
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        if len(a) != len(b):
            return [f"{where}: {len(a)} items ≠ {len(b)}"]
        out = []
        for k, (x, y) in enumerate(zip(a, b, strict=True)):
            out += diff_rendered(x, y, skip=skipped, rel=rel, path=f"{path}[{k}]")
        return out
    if isinstance(a, float) and isinstance(b, float):
        return [] if _equal_numbers(a, b, rel) else [f"{where}: {a!r} ≠ {b!r}"]
    return [] if a == b else [f"{where}: {a!r} ≠ {b!r}"]


def range_violations(rendered: Mapping[str, Any]) -> list[str]:
    """The plot panels whose y range does not hold the curve points they show.

    Of :meth:`MainWindow.rendered`'s ``plots`` (the gradient panel on a log
    axis: its range is in decades); finite points only.
    """
    out = []
    for key, panel in rendered["plots"]["panels"].items():
        lo, hi = panel["y_range"]
        for curve in panel["curves"]:
            y = curve["y"]
            if key == "grads":
                with np.errstate(divide="ignore", invalid="ignore"):
                    y = np.log10(y)
            y = y[np.isfinite(y)]
            if y.size and (y.min() < lo - 1e-9 * abs(lo) or y.max() > hi + 1e-9 * abs(hi)):
                out.append(f"plots.panels.{key}: {curve['name']} outside {lo:g} … {hi:g}")
    return out


def fresh_window(window: MainWindow, *, settle: bool = True) -> MainWindow:
    """A new window on a copy of ``window``'s session, shown like it (size, tab, docks).

    Both windows finish what they compute first (:meth:`MainWindow.settle`),
    so their ``rendered()`` can be compared. The caller owns the new window
    (close it; tests: ``qtbot.addWidget``).
    """
    from PySide6.QtCore import QCoreApplication

    from .main_window import MainWindow

    if settle:
        window.settle()
    fresh = MainWindow(copy_session(window.session))
    fresh.resize(window.size())
    for name in ("weight_editor", "training", "values"):
        getattr(fresh, name).setVisible(getattr(window, name).isVisible())
    shown = window.plots.shown_panels()  # View ▸ Plot panels: the window's own choice
    for key in window.plots.PANELS:
        fresh.plots.set_panel_visible(key, key in shown)
    fresh.show()
    fresh.tabs.setCurrentIndex(window.tabs.currentIndex())
    QCoreApplication.processEvents()
    if settle:
        fresh.settle()
    return fresh
