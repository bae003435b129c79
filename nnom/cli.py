"""`nnom` command line. Errors become one line on stderr and exit code 2."""

from __future__ import annotations

import argparse
import sys

from .errors import NnomError, one_line
from .guard import quiet

EXIT_USER_ERROR = 2


def _cmd_convert(args: argparse.Namespace) -> int:
    from .api import convert
    from .calibration import load_calibration

    calib = load_calibration(args.calibration) if args.calibration else None
    model = convert(args.model, calib, per_channel=not args.per_tensor)
    model.save_header(args.output, api=args.api)
    print(model.summary())
    print(f"wrote {args.output}")
    if args.golden:
        from pathlib import Path

        from .golden import GOLDEN_HEADER, golden_count, save_golden

        data = load_calibration(args.golden_data) if args.golden_data else calib
        if data is None:
            raise NnomError("--golden needs inputs: give --golden-data FILE (or -c FILE)")
        out = Path(args.output)
        golden = save_golden(model, data, args.golden, out.with_name(GOLDEN_HEADER), out.name)
        print(f"wrote {golden} ({golden_count(model, data, args.golden)} vectors)")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .api import convert
    from .calibration import as_inputs, load_calibration
    from .report import format_report, layer_errors, plot_errors

    calib = load_calibration(args.calibration)
    model = convert(args.model, calib, per_channel=not args.per_tensor)
    data = load_calibration(args.data) if args.data else calib
    rows = layer_errors(model, data)
    # samples as the model sees them: one unbatched (64, 1) input is 1 sample, not 64
    shapes = [model.graph.node(n).shape for n in model.graph.inputs]
    print(format_report(rows, as_inputs(data, shapes)[0].shape[0]))
    if args.plot:
        try:
            print(f"wrote {plot_errors(rows, args.plot)}")
        except NnomError as err:
            print(f"nnom: plot skipped: {err}", file=sys.stderr)
    return 0


def _cmd_c_library(args: argparse.Namespace) -> int:
    from ._csrc import library_root

    root = library_root()
    if args.flags:
        print(f"-I{root / 'inc'} -I{root / 'port'}")
    else:
        print(root)
    return 0


def _cmd_pio_offline(args: argparse.Namespace) -> int:
    from .pio_offline import make_offline_core

    path = make_offline_core(args.directory)
    print(f"PlatformIO core ready for offline use: export PLATFORMIO_CORE_DIR={path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nnom", description="Deploy Keras models to microcontrollers as int8 C."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    conv = sub.add_parser("convert", help="convert a Keras model file into weights.h")
    conv.add_argument("model", help="Keras model (.h5, .keras) or TFLite model (.tflite)")
    conv.add_argument(
        "-c", "--calibration", help="calibration inputs: .npy, or .npz holding one array"
    )
    conv.add_argument("-o", "--output", default="weights.h", help="header to write")
    conv.add_argument(
        "--per-tensor", action="store_true", help="one weight scale per tensor, not per channel"
    )
    conv.add_argument(
        "--golden",
        type=int,
        default=0,
        metavar="N",
        help="also write nnom_golden.h beside the header: N inputs, the reference's outputs "
        "and per-layer checksums, for nnom_golden_test.h",
    )
    conv.add_argument(
        "--golden-data",
        metavar="FILE",
        help="take the golden inputs from this .npy/.npz instead of the calibration data",
    )
    conv.add_argument(
        "--api",
        choices=["structured", "layer"],
        default="structured",
        help="write the model with the Structured API (configs in flash, default) or the "
        "Layer API (reads like hand-written code)",
    )
    conv.set_defaults(func=_cmd_convert)

    rep = sub.add_parser(
        "report", help="per-layer float-vs-int8 error (max abs error, SNR dB) of a model"
    )
    rep.add_argument("model", help="Keras model: .h5 or .keras")
    rep.add_argument("-c", "--calibration", required=True, help="calibration inputs: .npy/.npz")
    rep.add_argument("--data", help="inputs to measure on (.npy/.npz); default: the calibration")
    rep.add_argument("--plot", metavar="PNG", help="also draw the errors into a PNG (matplotlib)")
    rep.add_argument(
        "--per-tensor", action="store_true", help="one weight scale per tensor, not per channel"
    )
    rep.set_defaults(func=_cmd_report)

    lib = sub.add_parser(
        "c-library",
        help="print where the C runtime (src/, inc/, port/) is, for other build systems",
    )
    lib.add_argument("--flags", action="store_true", help="print the include flags instead")
    lib.set_defaults(func=_cmd_c_library)

    pio = sub.add_parser(
        "pio-offline", help="prepare a PlatformIO core directory that needs no network"
    )
    pio.add_argument("directory", help="directory to use as PLATFORMIO_CORE_DIR")
    pio.set_defaults(func=_cmd_pio_offline)

    from . import demo, init_project
    from .profile.command import add_parser as add_profile

    init_project.register(sub)
    demo.register(sub)
    add_profile(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with quiet():
            return args.func(args)
    except (NnomError, OSError) as err:  # OSError: files named on the command line
        print(f"nnom: error: {one_line(str(err))}", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as err:  # noqa: BLE001 - a converter bug: still one line
        print(
            f"nnom: error: internal error ({type(err).__name__}: {one_line(str(err))}); "
            "please report it with the model file",
            file=sys.stderr,
        )
        return EXIT_USER_ERROR


if __name__ == "__main__":
    sys.exit(main())
