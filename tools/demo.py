"""Open the app in a given state (for screenshots of the docs and for demonstrations).

    python tools/demo.py [--example KEY | --scenario KEY] [--step T] [--unit J]
                         [--lang en|zh_CN] [--appearance light|dark|high_contrast]
                         [--dock weights|training|values] [--train EPOCHS] [--tab time|compare]

The settings it changes are not saved (a temporary QSettings location is used).
"""

from __future__ import annotations

import argparse
import sys
import tempfile

from PySide6.QtCore import QSettings, QTimer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--example")
    parser.add_argument("--scenario")
    parser.add_argument("--step", type=int)
    parser.add_argument("--unit", type=int)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--appearance", default="light")
    parser.add_argument("--dock", action="append", default=[])
    parser.add_argument("--train", type=int, help="start training for this many epochs")
    parser.add_argument("--seed", type=int, default=0, help="random starting cell for --train")
    parser.add_argument("--tab", choices=("time", "compare"))
    args = parser.parse_args()

    from threadpoolctl import threadpool_limits

    threadpool_limits(1, "blas")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, tempfile.mkdtemp(prefix="lstm-sim-")
    )
    from lstm_sim.gui.app import create_app
    from lstm_sim.gui.i18n import install_language

    app = create_app([])
    install_language(args.lang)
    QSettings().setValue("appearance", args.appearance)
    from lstm_sim.gui.main_window import MainWindow

    w = MainWindow()
    w.resize(1280, 800)
    if args.example:
        w.load_example(args.example)
    if args.scenario:
        w.load_scenario(args.scenario)
    if args.unit is not None:
        w.session.set_unit(args.unit)
    if args.step is not None:
        w.request_step(args.step)
    docks = {"weights": w.weight_editor, "training": w.training, "values": w.values}
    for name in args.dock:
        docks[name].show()
    if args.tab:
        w.tabs.setCurrentWidget(w.plots if args.tab == "time" else w.compare)
    w.show()
    w.raise_()
    w.activateWindow()
    if args.train:
        from lstm_sim.engine import LSTMParams

        s = w.session
        s.set_params(LSTMParams.random(s.sequence.input_size, s.hidden_size, seed=args.seed))
        s.set_readout(None)
        w.training.show()
        w.training.epochs_box.setValue(args.train)
        QTimer.singleShot(200, w.training.start)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
