"""Command-line entry point: ``lstm-sim [FILE]`` opens the app; ``lstm-sim run …`` is headless."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Start the desktop app, or dispatch to the headless command line."""
    args = list(sys.argv[1:] if argv is None else argv)
    from lstm_sim import cli

    if cli.is_headless(args):
        return cli.main(args)
    from lstm_sim.gui.app import run_app

    return run_app(args)


if __name__ == "__main__":
    sys.exit(main())
