"""The `nnom profile` subcommand."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import NnomError

OPT_LEVELS = ["O1", "O2", "O3", "Os", "Oz"]
HELP = "time a model layer by layer on emulated Cortex-M boards (QEMU): instructions, RAM, flash"


def add_parser(sub) -> None:
    p = sub.add_parser("profile", help=HELP, description=HELP + ".")
    p.add_argument("model", help="Keras model: .h5 or .keras")
    p.add_argument(
        "-c", "--calibration", help="calibration inputs: .npy, or .npz holding one array"
    )
    p.add_argument(
        "--board",
        default="qemu_m4",
        help="qemu_m3, qemu_m4, qemu_m7, qemu_m33 or qemu_m55; several separated by commas "
        "give a side-by-side table (default qemu_m4)",
    )
    p.add_argument(
        "--backend",
        help="local or cmsis-nn, or both separated by a comma (default: local, and cmsis-nn "
        "too when NNOM_CMSIS_NN_DIR names a CMSIS-NN copy)",
    )
    p.add_argument(
        "--opt",
        default="O2",
        choices=OPT_LEVELS,
        help="optimisation (default O2; Os and Oz link the compact paths)",
    )
    p.add_argument(
        "-D",
        dest="defines",
        action="append",
        default=[],
        metavar="NAME[=VALUE]",
        help="a define for the runtime and the model's build, as the compiler's -D (repeatable)",
    )
    p.add_argument(
        "--masks",
        action="store_true",
        help="only find the kernel paths the model takes (one build, one run on the first "
        "board and backend) and print the build_flags line that links only those",
    )
    p.add_argument(
        "--mhz", type=float, default=80.0, help="clock for the time estimate (default 80)"
    )
    p.add_argument(
        "--runs", type=int, default=10, help="inputs to run and average over (default 10)"
    )
    p.add_argument(
        "--data", help="inputs to run (.npy/.npz; default: the first ones of the calibration)"
    )
    p.add_argument("--json", metavar="FILE", help="also write the profile as JSON")
    p.add_argument("--html", metavar="FILE", help="also write a page with charts (self-contained)")
    p.add_argument(
        "--per-tensor", action="store_true", help="one weight scale per tensor, not per channel"
    )
    p.set_defaults(func=run)


def _backends(value: str | None) -> list[str]:
    from .. import qemucm

    if value:
        return [b.strip() for b in value.split(",") if b.strip()]
    try:
        configured = qemucm.cmsis_nn_dir() is not None
    except FileNotFoundError as err:
        raise NnomError(str(err)) from None
    return ["local", "cmsis-nn"] if configured else ["local"]


def run(args: argparse.Namespace) -> int:
    from ..api import convert
    from ..calibration import load_calibration
    from . import check_options, check_tools, profile_model
    from .text import side_by_side, single

    if args.runs < 1:
        raise NnomError("--runs must be at least 1")
    if args.mhz <= 0:
        raise NnomError("--mhz must be positive")
    backends = _backends(args.backend)
    boards = [b for b in args.board.split(",") if b.strip()]
    check_options(boards, backends)
    check_tools()
    calib = load_calibration(args.calibration) if args.calibration else None
    converted = convert(args.model, calib, per_channel=not args.per_tensor)
    data = load_calibration(args.data) if args.data else calib
    defines = tuple(f"-D{d.strip()}" for d in args.defines)
    if any(d == "-D" or d.startswith("-D=") for d in defines):
        raise NnomError("-D: give a NAME or NAME=VALUE, as to the compiler")
    if args.masks:
        return _masks(args, converted, data, boards[0], backends[0], defines)
    profiles = profile_model(
        converted, data, boards, backends, f"-{args.opt}", args.runs, extra=defines
    )
    source = Path(args.model).name
    if len(profiles) == 1:
        print(single(profiles[0], args.mhz, source))
    else:
        print(side_by_side(profiles, args.mhz, source))
    if args.json:
        from .report_json import write_json

        print(f"wrote {write_json(profiles, args.mhz, source, args.json)}")
    if args.html:
        from ..report import layer_errors
        from .html import write_html

        errors = layer_errors(converted, _sample(calib)) if calib is not None else None
        print(f"wrote {write_html(profiles, args.mhz, source, args.html, errors)}")
    return 0


def _masks(args, converted, data, board: str, backend: str, defines: tuple[str, ...]) -> int:
    """--masks: the build_flags line alone (and, with --json, {"shrink_flags": ...})."""
    from . import find_masks

    flags = find_masks(converted, data, board, backend, f"-{args.opt}", defines)
    if flags:
        print(f"build_flags = {flags}")
    else:
        print(f"nothing to leave out at -{args.opt} (no DepthwiseConv2D or Conv2D path to mask)")
    if args.json:
        import json

        Path(args.json).write_text(json.dumps({"shrink_flags": flags}) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


def _sample(x, limit: int = 200):
    """At most `limit` samples, spread over the data: enough for the error chart."""
    if isinstance(x, (list, tuple)):
        step = max(1, len(x[0]) // limit)
        return [a[::step][:limit] for a in x]
    step = max(1, len(x) // limit)
    return x[::step][:limit]
