"""The test suite's own rules: soak tests are marked slow, and make test still runs them."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_soak_test_is_marked_slow():
    unmarked = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_soak"):
                marks = [ast.unparse(d) for d in node.decorator_list]
                if "pytest.mark.slow" not in marks:
                    unmarked.append(f"{path.name}::{node.name}")
    assert not unmarked, unmarked


def test_make_test_runs_the_slow_tests():
    """Neither the pytest configuration nor the Makefile deselects the slow marker."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pytest_opts = config["tool"]["pytest"]["ini_options"]
    assert "slow" not in str(pytest_opts.get("addopts", ""))
    assert any(m.startswith("slow:") for m in pytest_opts["markers"])
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "not slow" not in makefile and "-m slow" not in makefile


def test_make_test_runs_the_layer_contract_and_the_type_checker():
    """`make test` holds the line of docs/architecture.md: import layers and mypy."""
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ntest:", 1)[1].split("\n\n")[0]
    assert "lint-imports" in recipe
    assert "mypy" in recipe
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = config["tool"]["importlinter"]["contracts"][0]
    layers = contract["layers"]
    order = [
        next(i for i, layer in enumerate(layers) if name in layer)
        for name in ("lstm_sim.gui", "lstm_sim.session", "lstm_sim.io", "lstm_sim.engine")
    ]
    assert order == sorted(order), layers
    checked = config["tool"]["mypy"]["packages"]
    assert {"lstm_sim.engine", "lstm_sim.io", "lstm_sim.session"} <= set(checked)


def test_every_package_ships_in_the_wheel():
    """pyproject lists the packages by hand: a new sub-package must be in the list.

    A package missing there works in the editable checkout (and in every other
    test) but is absent from an installed wheel, where the app then fails to start.
    """
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "lstm_sim").rglob("__init__.py")
    }
    assert found - listed == set()
