"""`nnom demo`: the example model on an emulated Cortex-M4, next to Keras.

One command after tools/install.sh: `nnom init` makes a project from
examples/mnist-simple's model and calibration data, PlatformIO converts it,
builds it and runs it under QEMU (`pio run -e qemu_m4 -t upload`), and the
classes the Cortex-M4 computed are printed beside the ones Keras predicts
for the same inputs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

from ._csrc import library_root
from .errors import NnomError

EXAMPLE = "mnist-simple"
ENV = "qemu_m4"
SAMPLE_LINE = re.compile(r"^sample (\d+): class (\d+), expected class (\d+)", re.M)


def example_files() -> tuple[Path, Path]:
    folder = library_root() / "examples" / EXAMPLE
    model, calib = folder / "model.h5", folder / "calib.npy"
    if not (model.is_file() and calib.is_file()):
        raise NnomError(f"the example model is missing from this installation ({folder})")
    return model, calib


def pio_command() -> str:
    """PlatformIO's `pio` of this Python environment, else the one on PATH."""
    found = shutil.which("pio", path=str(Path(sys.executable).parent)) or shutil.which("pio")
    if found is None:
        raise NnomError(
            "PlatformIO is not installed: pip install platformio==6.2.0 scons "
            "(tools/install.sh does it)"
        )
    return found


def keras_classes(model: Path, samples: np.ndarray) -> tuple[str, list[int]]:
    """(who, class per sample): Keras when it is installed, else NNoM's float model."""
    try:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import keras

        net = keras.models.load_model(str(model), compile=False)
        return "Keras (float)", [int(v) for v in net.predict(samples, verbose=0).argmax(-1)]
    except ImportError:
        from .api import convert

        converted = convert(model, samples)
        out = converted.run_float(samples)[converted.graph.outputs[0]]
        return "float model (no Keras)", [int(v) for v in out.reshape(len(samples), -1).argmax(-1)]


def run_demo(directory: str | Path, golden: int = 8) -> str:
    """Make, build and run the demo project in `directory`; return the comparison table."""
    from .api import convert
    from .calibration import load_calibration
    from .golden import pick
    from .init_project import init_project

    model, calib = example_files()
    project = init_project(directory, model, calib, [ENV, "native"], golden, force=True)
    print(f"NNoM demo: {EXAMPLE} in {project}: pio run -e {ENV} -t upload", flush=True)
    proc = subprocess.run(
        [pio_command(), "run", "-e", ENV, "-t", "upload"],
        cwd=project,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    output = proc.stdout + proc.stderr
    board = SAMPLE_LINE.findall(output)
    if proc.returncode != 0 or not board:
        raise NnomError(f"the demo's build or run failed:\n{output[-3000:]}")
    start = output.find("Layer(#)")
    end = output.find("\n", output.find("samples match"))
    print(output[start:end] if start >= 0 and end > start else output)

    data = load_calibration(calib)
    graph = convert(model, data).graph
    samples = pick(data, golden, [graph.node(graph.inputs[0]).shape])[0][: len(board)]
    who, classes = keras_classes(model, samples)
    lines = [f"\n{'sample':>6}  {'Cortex-M4 (int8, QEMU)':<24}{who}"]
    for (s, got, _), ref in zip(board, classes):
        mark = "" if int(got) == ref else "  <- differs"
        lines.append(f"{s:>6}  {'class ' + got:<24}class {ref}{mark}")
    same = sum(int(got) == ref for (_, got, _), ref in zip(board, classes))
    lines.append(f"{same} of {len(classes)} predictions agree with {who.split(' ')[0]}")
    return "\n".join(lines)


def _cmd_demo(args: argparse.Namespace) -> int:
    print(run_demo(args.directory))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add `nnom demo` to the command line."""
    p = sub.add_parser(
        "demo",
        help="convert the example model, run it on an emulated Cortex-M4 and compare with Keras",
    )
    p.add_argument(
        "directory", nargs="?", default="nnom-demo", help="where to write the project (nnom-demo)"
    )
    p.set_defaults(func=_cmd_demo)
