"""Thin launcher: ``python main.py [FILE]`` starts lstm-sim (same as the ``lstm-sim`` command)."""

import sys

from lstm_sim.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
