"""The headless command line (no display needed).

``lstm-sim run SEQUENCE …`` runs the cell over a sequence and writes the trace
and plots; ``lstm-sim --help`` and ``lstm-sim run --help`` document every
option. Importing this module imports no Qt (the plots import it lazily, on
the offscreen platform).

Exit status: 0 on success; 2 for bad input or usage, with exactly one line on
stderr, ``lstm-sim: error: FILE: PLACE: REASON``; 1 when an output cannot be
written.

(Longer than 600 lines: a sixth of it is the help texts a user reads with
``--help``, kept beside the options they describe; the rest is one parser and
the two commands, ``run`` and ``train``.)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

import numpy as np

HEADLESS_COMMANDS = ("run", "train")

DEFAULT_HIDDEN = 8
DEFAULT_FORGET_BIAS = 1.0
PLOT_FORMATS = ("png", "svg")

_DESCRIPTION = """\
A desktop simulator of one LSTM memory cell. Without a command, opens the app
(optionally on FILE: a sequence, weights or session file).

The "run" command is headless: it runs the cell over a sequence and writes the
trace (every gate, C_t, h_t and the gradient norms per step) as CSV, and
optionally plots, without a display. See "lstm-sim run --help".
"""

_RUN_DESCRIPTION = """\
Run the LSTM cell over SEQUENCE and write OUT/trace.csv (and OUT/trace.png,
OUT/trace.svg with --plots). Needs no display.

SEQUENCE formats: .csv/.tsv (header optional; by default numeric columns are
inputs and columns named y, y_<n> or target* are targets), .npy ((T,) or (T, D)
inputs), .npz (keys x/inputs and optional y/targets), .json ({"inputs": [[...]],
"targets": [[...]]} or a bare list), .txt (characters one-hot; the target is
the next character).

WEIGHTS (a cell or a whole model): .npz/.json (PyTorch names weight_ih,
weight_hh, bias_ih, bias_hh, optional readout.weight/readout.bias), PyTorch
state dicts as .safetensors, .npz or .pt/.pth/.bin/.ckpt (read without torch,
running nothing from the file) of an nn.LSTM with any number of layers and
directions plus its nn.Linear head; Keras .keras/.weights.h5 (needs h5py);
ONNX .onnx; an lstm-sim session. The whole model runs; --layer and --reverse
choose the cell whose gates go to trace.csv. Without --weights the cell is
random (--hidden, --seed, --forget-bias).
"""

_RUN_EPILOG = """\
trace.csv has one row per step and the header
  t, x_0 … x_{D-1}, [y_0 … y_{P-1}], f_0 … f_{H-1}, i_*, g_*, o_*, c_*, h_*,
  grad_c_norm, grad_h_norm
with t counting from 1, yhat_* the model's output when it has a head, and
grad_c_norm, grad_h_norm the norms ‖∂L/∂C_t‖ and ‖∂L/∂h_t‖ of the shown cell
for the loss (through every layer and direction of a model):
  final  L = sum of the last step's h (of the top layer's output; default);
  mse    L = Σ_t Σ_j (ŷ_t[j] − y_t[j])², summed over all steps, where ŷ_t is
         the first P units of h_t, or the head's output when the model has one
         (a head on the last step or the final states: the last row only).
         Needs targets.
With --window K, BPTT runs over the last K steps only (the loss too, for mse):
the gradient norms of earlier steps are written as 0.

Scaling (any sequence file): --scale says how inputs and targets are scaled
before the run:
  none      values as in the file
  standard  z-score per column: (x − mean) / standard deviation
  minmax    (x − min) / (max − min), to [0, 1]
  auto      standard for a column with a value beyond ±5, none otherwise
            (the default without --weights: large values, e.g. in the
            thousands, saturate every gate; small ones stay as they are)
Without --weights the default is auto; with --weights it is none (the weights
expect the values they were trained on). Per column: COLUMN=METHOD items, with
"inputs"/"targets" for all columns of a role, e.g. --scale standard,year=none
or --scale inputs=minmax,targets=none. The statistics come from the whole file.
When most steps have their gates saturated (|pre-activation| > 5 for at least
half of the gate values on more than half of the steps), one warning line on
stderr suggests --scale standard.

--missing says what happens to missing cells (empty, NA, N/A, #N/A, NaN, null,
None, ?, -, ., .. in any case) in the input and target columns: error (the
default: the first one is named), drop (their rows), interpolate (linearly;
the first and last values are carried to the ends), ffill (the previous value)
or zero. Columns named year, date, time, index, … or holding ISO dates or a
regular index are not inputs by default; they label the steps.

trace.notes.json, beside trace.csv, records the scaling (method, offset and
scale of each column: x = (raw − offset) / scale), the missing-value choice,
the step labels and which file column each x_j, y_j is.

Exit status: 0 on success; 2 for bad input or usage, with one line on stderr,
"lstm-sim: error: FILE: PLACE: REASON"; 1 when an output cannot be written.

Example:
  lstm-sim run data.csv --inputs x --targets y --hidden 4 --loss mse \\
      --window 50 --out results --plots png,svg
"""


def is_headless(args: list[str]) -> bool:
    """True when ``args`` ask for a headless command or for help."""
    return bool(args) and (args[0] in HEADLESS_COMMANDS or args[0] in ("-h", "--help", "--version"))


class _Parser(argparse.ArgumentParser):
    """argparse with one-line usage errors and exit status 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"lstm-sim: error: {message} (see '{self.prog} --help')\n")
        sys.exit(2)


def _columns(text: str) -> list[str]:
    cols = [c.strip() for c in text.split(",")]
    if not all(cols):
        raise argparse.ArgumentTypeError(
            f"expected column names or indices separated by commas, got {text!r}"
        )
    return cols


def _formats(text: str) -> list[str]:
    formats = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in formats if f not in PLOT_FORMATS]
    if not formats or unknown:
        raise argparse.ArgumentTypeError(f"expected png, svg or png,svg, got {text!r}")
    return list(dict.fromkeys(formats))


def _whole(text: str, minimum: int, bound: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"expected {bound}, got {value}")
    return value


def _positive(text: str) -> int:
    return _whole(text, 1, "at least 1")


def _hidden(text: str) -> int:
    from .engine.budget import MAX_HIDDEN

    value = _positive(text)
    if value > MAX_HIDDEN:
        raise argparse.ArgumentTypeError(f"expected at most {MAX_HIDDEN} units, got {value}")
    return value


def _non_negative(text: str) -> int:
    return _whole(text, 0, "0 or more")


def _finite(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not np.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``lstm-sim`` (GUI options and the ``run`` command)."""
    from . import __version__

    parser = _Parser(
        prog="lstm-sim",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog='Run "lstm-sim" without arguments to open the app; '
        '"lstm-sim FILE" opens FILE in it.',
    )
    parser.add_argument("--version", action="version", version=f"lstm-sim {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    run = sub.add_parser(
        "run",
        help="run the cell over a sequence and write trace.csv and plots (headless)",
        description=_RUN_DESCRIPTION,
        epilog=_RUN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("sequence", metavar="SEQUENCE", help="the input sequence file")
    w = run.add_argument_group("cell")
    w.add_argument("--weights", metavar="FILE", help="trained weights (default: a random cell)")
    w.add_argument(
        "--layer",
        type=_non_negative,
        metavar="N",
        help="the layer whose cell goes to trace.csv (the whole model runs; default 0)",
    )
    w.add_argument(
        "--reverse",
        action="store_true",
        help="that layer's backward cell (it reads the sequence from T down to 1)",
    )
    w.add_argument(
        "--lstm", metavar="NAME", help="the LSTM's module name in a state dict holding several"
    )
    w.add_argument(
        "--head",
        metavar="NAME",
        help="the head's module name in a state dict (e.g. decoder), or none for no head",
    )
    w.add_argument(
        "--head-on",
        choices=("every", "last", "final"),
        help="where the head reads: every step, the last step, or the final states "
        "(default: every step; a Keras or ONNX model's own)",
    )
    w.add_argument(
        "--hidden",
        type=_hidden,
        metavar="H",
        help=f"units of a random cell (default {DEFAULT_HIDDEN}); with --weights, must match",
    )
    w.add_argument(
        "--seed", type=int, default=0, metavar="N", help="seed of a random cell (default 0)"
    )
    w.add_argument(
        "--forget-bias",
        type=_finite,
        default=DEFAULT_FORGET_BIAS,
        metavar="B",
        help=f"added to a random cell's forget-gate bias (default {DEFAULT_FORGET_BIAS:g}): "
        "f_t ≈ σ(B), so B = 1 gives f ≈ 0.73 (a cell state left alone halves in 2.2 steps), "
        "3 gives 0.95 (14 steps), 5 gives 0.993 (100 steps)",
    )
    s = run.add_argument_group("sequence columns (tables; names or 0-based indices)")
    s.add_argument(
        "--inputs",
        type=_columns,
        metavar="COLS",
        help="input columns, e.g. x1,x2 or 0,1 (default: the numeric non-target columns)",
    )
    s.add_argument(
        "--targets",
        type=_columns,
        metavar="COLS",
        help="target columns, e.g. y (default: columns named y, y_<n>, target*)",
    )
    _table_options(s)
    s.add_argument(
        "--scale",
        type=_scale,
        metavar="SPEC",
        help="none, standard, minmax or auto, for all columns or per column "
        "(COLUMN=METHOD,…; see below; default: auto, or none with --weights)",
    )
    s.add_argument(
        "--max-steps",
        type=_positive,
        metavar="N",
        help="use only the first N steps of SEQUENCE (.npy/.npz files are read only that far): "
        "for a sequence too long for memory; the error message suggests an N that fits",
    )
    g = run.add_argument_group("gradients")
    g.add_argument(
        "--loss",
        choices=("final", "mse"),
        default="final",
        help="final: L = sum of the last h (default); mse: squared error against the targets",
    )
    g.add_argument(
        "--window",
        type=_positive,
        metavar="K",
        help="backpropagate over the last K steps only (earlier norms are 0; default: all)",
    )
    o = run.add_argument_group("output")
    o.add_argument(
        "--out",
        metavar="DIR",
        default=".",
        help="folder for trace.csv and the plots (created if needed; default: .)",
    )
    o.add_argument(
        "--plots",
        type=_formats,
        metavar="FORMATS",
        help="also write the stacked plots: png, svg or png,svg (trace.png, trace.svg)",
    )
    train = sub.add_parser(
        "train",
        help="fit the cell and a linear read-out to a sequence's targets (headless)",
        description="Fit an LSTM cell and a linear read-out y_t = W_y·h_t + b_y to the "
        "targets of SEQUENCE with Adam over full (or truncated) BPTT, minimising the mean "
        "squared error, and save the trained weights (PyTorch names plus readout.weight, "
        "readout.bias). The same seed gives the same training.",
        epilog="example:\n  lstm-sim train noisy_sine.csv --hidden 16 --epochs 200 "
        "--out trained.npz",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    train.add_argument("sequence", metavar="SEQUENCE", help="the sequence file (with targets)")
    train.add_argument(
        "--out", metavar="WEIGHTS", required=True, help="where to save (.npz, .json, .safetensors)"
    )
    train.add_argument(
        "--weights", metavar="FILE", help="start from these weights (default: a random cell)"
    )
    train.add_argument(
        "--hidden", type=_hidden, metavar="H", help=f"units (default {DEFAULT_HIDDEN})"
    )
    train.add_argument(
        "--epochs", type=_positive, default=200, metavar="N", help="epochs (default 200)"
    )
    train.add_argument("--lr", type=_finite, default=0.01, help="learning rate (default 0.01)")
    train.add_argument(
        "--window",
        type=_positive,
        metavar="K",
        help="truncated BPTT over chunks of K steps (default: full BPTT)",
    )
    train.add_argument("--seed", type=int, default=0, metavar="N", help="seed (default 0)")
    train.add_argument(
        "--forget-bias",
        type=_finite,
        default=DEFAULT_FORGET_BIAS,
        metavar="B",
        help=f"forget-gate bias of a random starting cell (default {DEFAULT_FORGET_BIAS:g})",
    )
    train.add_argument(
        "--max-steps", type=_positive, metavar="N", help="train on the first N steps only"
    )
    train.add_argument("--inputs", type=_columns, metavar="COLS", help="input columns")
    train.add_argument("--targets", type=_columns, metavar="COLS", help="target columns")
    _table_options(train)
    return parser


_HEADER = {"auto": None, "yes": True, "no": False}


def _table_options(group: argparse._ActionsContainer) -> None:
    """--header and --missing (tables only)."""
    from .sequence import MISSING_POLICIES

    group.add_argument(
        "--header",
        choices=tuple(_HEADER),
        default="auto",
        help="whether the first line names the columns (default auto: decided from the "
        "types of whole columns)",
    )
    group.add_argument(
        "--missing",
        choices=MISSING_POLICIES,
        default="error",
        help="what to do with missing cells (empty, NA, NaN, …): error (default), drop their "
        "rows, interpolate, ffill (previous value) or zero",
    )


def _scale(text: str):
    from .engine import EngineError
    from .scaling import parse_scale_spec

    try:
        return parse_scale_spec(text)
    except EngineError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _train(ns: argparse.Namespace) -> int:
    from .engine import EngineError, LSTMParams, Model
    from .engine.budget import BudgetError
    from .io import LoadError, SaveError, load_sequence, load_weights_with_readout, save_weights
    from .train import Readout, TrainConfig, Trainer

    try:
        seq = load_sequence(
            ns.sequence,
            inputs=ns.inputs,
            targets=ns.targets,
            header=_HEADER[ns.header],
            missing=ns.missing,
            max_steps=ns.max_steps,
        )
        if seq.targets is None:
            raise _Failure(f"{ns.sequence}: no targets to train on (choose them with --targets)")
        readout = None
        if ns.weights:
            params, pair = load_weights_with_readout(ns.weights)
            if pair is not None:
                readout = Readout(*pair)
            if params.input_size != seq.input_size:
                raise _Failure(
                    f"{ns.weights}: the cell takes {params.input_size} input(s) per step, "
                    f"but {ns.sequence} has {seq.input_size}"
                )
        else:
            params = LSTMParams.random(
                seq.input_size,
                ns.hidden or DEFAULT_HIDDEN,
                seed=ns.seed,
                forget_bias=ns.forget_bias,
            )
    except LoadError as exc:
        raise _Failure(_load_failure(exc)) from None
    try:
        _check_run_memory(seq, Model.single(params))
        config = TrainConfig(lr=ns.lr, epochs=ns.epochs, window=ns.window, seed=ns.seed)
        if readout is not None and readout.output_size != seq.target_size:
            readout = None
        trainer = Trainer(seq, params, readout, config)
        every = max(1, ns.epochs // 10)

        def report(epoch, loss, _params, _readout) -> None:
            if epoch % every == 0 or epoch == ns.epochs:
                print(f"epoch {epoch:>6}  loss {loss:.6g}", flush=True)

        losses = trainer.run(ns.epochs, callback=report)
        final = trainer.evaluate()
    except BudgetError as exc:
        raise _Failure(_budget_failure(ns.sequence, exc)) from None
    except EngineError as exc:
        raise _Failure(f"{ns.sequence}: {exc}") from None
    try:
        save_weights(trainer.params, ns.out, readout=trainer.readout)
    except SaveError as exc:
        raise _Failure(str(exc), 1) from None
    print(
        f"lstm-sim: trained {len(losses)} epochs, loss {losses[0]:.6g} → {final:.6g}; "
        f"wrote {ns.out}"
    )
    return 0


class _Failure(Exception):
    """A message for stderr and an exit status."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def _bytes_per_step(input_size: int, hidden_size: int, target_size: int) -> int:
    """Memory one step of ``run`` (or ``train``) takes: trace row, BPTT arrays, trace.csv table.

    Measured with ``benchmarks/bench_memory.py`` (1.3 KB at D = 1, H = 8; 4.8 KB
    at H = 32, over 10⁵ steps); this is 20–30 % more, so that the ``--max-steps``
    it suggests fits.
    """
    return 8 * (22 * hidden_size + 5 * input_size + 2 * target_size + 32)


def _check_run_memory(seq, model) -> None:
    """Raise BudgetError before running when the whole computation would not fit.

    Every cell of ``model`` keeps its trace and BPTT arrays (a stack's layers
    read the layer below's outputs, which are its D).
    """
    from .engine.budget import check_memory
    from .engine.errors import QT_TRANSLATE_NOOP, Text

    cells = [model.cell(*key) for key in model.cell_keys()]
    per_step = sum(_bytes_per_step(p.input_size, p.hidden_size, 0) for p in cells)
    per_step += 16 * seq.target_size
    if len(cells) == 1:
        what = Text(
            QT_TRANSLATE_NOOP(
                "FileErrors", "{steps} steps at H = {hidden} (trace, gradients, output)"
            ),
            steps=seq.length,
            hidden=cells[0].hidden_size,
        )
    else:
        what = Text(
            QT_TRANSLATE_NOOP(
                "FileErrors", "{steps} steps through {cells} cells (traces, gradients, output)"
            ),
            steps=seq.length,
            cells=len(cells),
        )
    check_memory(seq.length * per_step, what, per_item=per_step)


def _round_down(n: int) -> int:
    """``n`` rounded down to two significant digits (312 345 → 310 000): an N to type."""
    if n < 100:
        return n
    scale = 10 ** (len(str(n)) - 2)
    return n // scale * scale


def _max_steps_hint(fits: int | None) -> str:
    """What to do about a sequence too long for memory (English, as the CLI prints)."""
    from .engine.errors import QT_TRANSLATE_NOOP, Text

    if fits is None:
        return ""
    if fits < 1:
        return str(
            Text(
                QT_TRANSLATE_NOOP(
                    "FileErrors", "not even one step fits: close other programs to free memory"
                )
            )
        )
    steps = _round_down(fits)
    return str(
        Text(
            QT_TRANSLATE_NOOP(
                "FileErrors", "add --max-steps {steps} to use only the first {steps} steps"
            ),
            steps=steps,
        )
    )


def _budget_failure(path: str, exc: Exception) -> str:
    """``FILE: REASON; add --max-steps N …`` for a BudgetError."""
    hint = _max_steps_hint(getattr(exc, "fits", None))
    return f"{path}: {exc}" + (f"; {hint}" if hint else "")


def _load_failure(exc: Exception) -> str:
    """A LoadError's message, with the --max-steps hint when memory was the reason."""
    budget = getattr(exc, "budget", None)
    hint = _max_steps_hint(budget.fits) if budget is not None else ""
    return str(exc) + (f"; {hint}" if hint else "")


def _run(ns: argparse.Namespace) -> int:
    from .engine import CellKey, EngineError, LSTMParams, Model
    from .engine.budget import BudgetError
    from .io import LoadError, SaveError, trace_columns, write_trace_csv
    from .io.trace_notes import notes_path
    from .model_run import ModelRun, run_model_for_cli

    seq_path = ns.sequence
    notes: list = []
    try:
        seq = _load_table(ns)
        if ns.weights:
            from .io.model_file import cell_shown_note, load_model

            loaded = load_model(ns.weights, lstm=ns.lstm, head=ns.head, head_on=ns.head_on)
            model, notes = loaded.model, list(loaded.notes)
            chosen = ns.layer is not None or ns.reverse
            keys = model.cell_keys()
            key = CellKey(ns.layer or 0, bool(ns.reverse)) if chosen else keys[0]
            try:
                params = model.cell(*key)
            except EngineError as exc:
                raise _Failure(f"{ns.weights}: {exc}") from None
            shown = cell_shown_note(model, key, chosen)
            if shown is not None:
                notes.append(shown)
            if ns.hidden is not None and ns.hidden != params.hidden_size:
                raise _Failure(
                    f"{ns.weights}: the weights have H = {params.hidden_size} units, "
                    f"but --hidden is {ns.hidden}"
                )
            if model.input_size != seq.input_size:
                raise _Failure(
                    f"{ns.weights}: the {'cell' if model.is_single_cell else 'model'} takes "
                    f"{model.input_size} input(s) per step, "
                    f"but {seq_path} has {seq.input_size} input column(s) "
                    f"({', '.join(seq.input_names)}); choose them with --inputs"
                )
        else:
            params = LSTMParams.random(
                seq.input_size,
                ns.hidden or DEFAULT_HIDDEN,
                seed=ns.seed,
                forget_bias=ns.forget_bias,
            )
            model, key = Model.single(params), CellKey(0, False)
    except LoadError as exc:
        raise _Failure(_load_failure(exc)) from None

    try:
        _check_run_memory(seq, model)
        result: ModelRun = run_model_for_cli(model, key, seq, ns.loss, ns.window)
        _warn_if_saturated(result.rows, seq)
    except BudgetError as exc:
        raise _Failure(_budget_failure(seq_path, exc)) from None
    except ValueError as exc:  # EngineError, and the usage problems it reports
        raise _Failure(f"{seq_path}: {exc}") from None

    out = Path(ns.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _Failure(f"{out}: cannot create the folder ({exc.strerror or exc})", 1) from None
    args = (seq, result.rows, result.grad_c, result.grad_h)
    try:
        write_trace_csv(out / "trace.csv", *args, yhat=result.yhat)
    except SaveError as exc:
        raise _Failure(str(exc), 1) from None
    written = [out / "trace.csv", notes_path(out / "trace.csv")]
    if ns.plots:
        written += _plots(trace_columns(*args, yhat=result.yhat), out, ns.plots)
    for note in notes:
        print(f"lstm-sim: note: {ns.weights}: {note}")
    print(
        f"lstm-sim: {result.length} steps, D = {params.input_size}, H = {params.hidden_size}"
        + (f", {result.describe}" if result.describe else "")
        + f", loss {ns.loss} L = {result.loss:.6g}"
        + (f", BPTT window {ns.window}" if ns.window else "")
    )
    for line in seq.describe():  # scaling, missing values, step labels
        print(f"  {line}")
    for path in written:
        print(f"wrote {path}")
    return 0


def _load_table(ns: argparse.Namespace):
    """The sequence of ``run``, read and scaled as the table options say."""
    from .engine import EngineError
    from .io import load_sequence
    from .scaling import ScaleSpec, default_scale

    seq = load_sequence(
        ns.sequence,
        inputs=ns.inputs,
        targets=ns.targets,
        header=_HEADER[ns.header],
        missing=ns.missing,
        max_steps=ns.max_steps,
    )
    spec = (ns.scale or ScaleSpec()).with_default(default_scale(bool(ns.weights)))
    try:
        return seq.rescaled(spec)
    except EngineError as exc:
        raise _Failure(f"{ns.sequence}: --scale: {exc}") from None


def _warn_if_saturated(trace, seq) -> None:
    """One line on stderr when most steps have their gates at 0 or 1 (engine/diagnostics.py)."""
    from .engine.diagnostics import saturation

    found = saturation(trace)
    if not found.saturated:
        return
    scaled = seq.input_scaling is not None and "none" not in seq.input_scaling.methods
    message = found.message(None if scaled else "--scale standard", suggest=not scaled)
    sys.stderr.write(f"lstm-sim: warning: {message}\n")


def _plots(columns: dict[str, np.ndarray], out: Path, formats: list[str]) -> list[Path]:
    from .io import SaveError

    # Qt only now, and on the offscreen platform: no display needed.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from .gui.plots.trace_figure import render_trace_figure
    except ImportError as exc:
        raise _Failure(f"--plots needs PySide6 and pyqtgraph ({exc})", 1) from None
    try:
        return render_trace_figure(columns, out, formats)
    except SaveError as exc:
        raise _Failure(str(exc), 1) from None


def main(args: list[str]) -> int:
    """Run a headless command; returns the exit status (never raises for bad input)."""
    parser = build_parser()
    try:
        ns = parser.parse_args(args)
    except SystemExit as exc:  # --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    if ns.command is None:
        parser.print_help()
        return 0
    from threadpoolctl import threadpool_limits

    try:
        # Small products are faster (and never stall) on one BLAS thread.
        with threadpool_limits(1, "blas"):
            return _train(ns) if ns.command == "train" else _run(ns)
    except _Failure as exc:
        sys.stderr.write(f"lstm-sim: error: {exc}\n")
        return exc.status
    except KeyboardInterrupt:
        sys.stderr.write("lstm-sim: interrupted\n")
        return 130
    except MemoryError:  # a last resort: every allocation a file decides is checked before
        from .engine.errors import QT_TRANSLATE_NOOP, Text

        reason = Text(
            QT_TRANSLATE_NOOP(
                "FileErrors", "out of memory: try the first steps only (--max-steps N)"
            )
        )
        sys.stderr.write(f"lstm-sim: error: {reason}\n")
        return 2
