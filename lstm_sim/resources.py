"""Finding the files of the top-level ``resources/`` directory (examples, presets, …).

They must be found both from a checkout and from an installed wheel:

- In a checkout (also an editable install), they are the canonical files in
  ``<repository>/resources/``, next to the ``lstm_sim`` package.
- A wheel ships the same directory *inside* the package as ``lstm_sim/_resources/``
  (``pyproject.toml`` maps the package ``lstm_sim._resources`` to the directory
  ``resources``), found with :mod:`importlib.resources`.

The checkout is recognised by a ``pyproject.toml`` beside the ``resources``
directory, so a stray ``site-packages/resources`` of some other distribution is
never taken for ours.
"""

from __future__ import annotations

from importlib import resources as _importlib_resources
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["resource_path", "resource_roots"]


def resource_roots() -> list[Traversable]:
    """The directories searched, in order: the checkout's, then the installed one."""
    roots: list[Traversable] = []
    repo = Path(__file__).resolve().parents[1]
    if (repo / "pyproject.toml").is_file() and (repo / "resources").is_dir():
        roots.append(repo / "resources")
    installed = _importlib_resources.files(__package__ or "lstm_sim") / "_resources"
    if installed.is_dir():
        roots.append(installed)
    return roots


def resource_path(*parts: str) -> Traversable:
    """The resource file or directory ``resources/<parts…>``.

    Parameters
    ----------
    *parts : str
        Path components below ``resources/``, e.g. ``("examples", "sine.npz")``.

    Returns
    -------
    importlib.resources.abc.Traversable
        A :class:`pathlib.Path` for a checkout or an ordinary install; read it with
        ``.read_bytes()`` / ``.open("rb")`` to work from a zipped install too.

    Raises
    ------
    FileNotFoundError
        No root holds it (the message lists where it looked).
    """
    roots = resource_roots()
    for root in roots:
        candidate = root.joinpath(*parts)
        if candidate.is_file() or candidate.is_dir():
            return candidate
    looked = ", ".join(str(r) for r in roots) or "no resources directory found"
    raise FileNotFoundError(f"resource {'/'.join(parts)!r} not found (looked in: {looked})")
