"""What the one-layer sweeps (depthwise_sweep.py, pointwise_sweep.py)
share: a shape's model converted with its data, the layer's instructions
measured on the emulated Cortex-M4 (-O2, local backend or --backend cmsis, the "layers"
build's stopwatch around each layer, the counter's own cost taken off and
no kernel stopwatch inside; every output byte compared with the numpy
reference), and the command line that picks shapes and prints the table."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import cmbuild  # noqa: E402
import run as bench_run  # noqa: E402

SWEEP_RUNS = 2  # inputs per shape
WEIGHTS = ("random", "trained-like")  # --weights
BACKENDS = {"local": "local", "cmsis": "cmsis-nn"}  # --backend: the firmware's backend


def trained_like(model, rng: np.random.Generator) -> None:
    """Per output channel, the weight scales of a trained layer rather than
    the initialiser's even ones: spread over 2.5 decades, one channel dead
    (all zero), one near-dead (1000x smaller). Their requantisation shifts
    then fall outside the narrow forms some kernels' records take, which
    random weights hide (see docs/benchmarks.md, "Trained-like weights")."""
    for layer in model.layers:
        name = type(layer).__name__
        if name not in ("Conv2D", "DepthwiseConv2D") or not layer.get_weights():
            continue
        kernel, *rest = layer.get_weights()
        # output channels: Conv2D (kh, kw, cin, cout) its last axis,
        # DepthwiseConv2D (kh, kw, c, 1) the last two
        depthwise = name == "DepthwiseConv2D"
        flat = kernel.reshape(
            -1, kernel.shape[2] * kernel.shape[3] if depthwise else kernel.shape[3]
        )
        channels = flat.shape[1]
        scale = 10.0 ** rng.uniform(-2.0, 0.5, channels)
        picks = rng.permutation(channels)
        scale[picks[0]] = 0.0
        if channels > 1:
            scale[picks[1]] = 1e-3
        flat = flat * scale.astype(np.float32)
        layer.set_weights([flat.reshape(kernel.shape), *rest])


def convert(
    index: int, model, shape, calibration: int, work: Path, weights: str = "random"
) -> bench_run.Model:
    """The Keras model of shape number index, converted on data from that
    index's seed, with its header and expected outputs in work; weights
    "trained-like" rescales its channels first (trained_like)."""
    import nnom

    if weights == "trained-like":
        trained_like(model, np.random.default_rng(3000 + index))
    rng = np.random.default_rng(2000 + index)
    calib = rng.normal(0.0, 1.0, (calibration, *shape)).astype(np.float32)
    converted = nnom.convert(model, calib)
    folder = work / f"shape{index}"
    folder.mkdir()
    converted.save_header(folder / "weights.h")
    qx = converted.quantize(calib[:SWEEP_RUNS])
    bench_run.write_data(folder / "bench_data.h", qx, converted.run(qx))
    return bench_run.Model(f"shape{index}", converted, converted.plan.total_macs, 0.0, folder)


def measure(
    model: bench_run.Model, work: Path, tool: str, backend: str = "local"
) -> tuple[int, float]:
    """(MACs, instructions per inference) of the model's one layer with MACs."""
    res = bench_run.measure(model, "m4", backend, "-O2", work, profile="layers")
    layers = [(macs, instr) for _, macs, instr in res["layers"] if macs]
    if len(layers) != 1:
        raise SystemExit(f"{tool}: {model.name}: expected one layer with MACs")
    return layers[0]


@dataclass(frozen=True)
class Sweep:
    tool: str  # the script's name, for messages
    doc: str  # its docstring: the first line is the --help text
    header: str  # the table's first column
    goal: float  # instructions per MAC
    shapes: Callable[[], Sequence[tuple]]  # the fixed list; a shape's name first
    random_shapes: Callable[[int, int], Sequence[tuple]]  # (count, seed)
    convert: Callable[..., bench_run.Model]  # (index, shape, work, weights)
    parse_shape: Callable[[str], tuple]  # --shape's text to a shape (ValueError: bad text)
    shape_help: str  # --shape's form, for --help and errors


def main(sweep: Sweep, argv=None) -> int:
    parser = argparse.ArgumentParser(description=sweep.doc.splitlines()[0])
    parser.add_argument(
        "--only", action="append", default=[], help="shapes whose name holds this text (repeatable)"
    )
    parser.add_argument("--random", type=int, default=0, help="this many random shapes instead")
    parser.add_argument(
        "--shape", action="append", default=[], help=f"this shape instead: {sweep.shape_help}"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of --random")
    parser.add_argument("--jobs", type=int, default=2, help="firmwares built and run at once")
    parser.add_argument(
        "--weights",
        choices=WEIGHTS,
        default="random",
        help="trained-like: channel scales spread as a trained layer's, one dead, one near-dead",
    )
    parser.add_argument(
        "--backend",
        choices=tuple(BACKENDS),
        default="local",
        help="cmsis: the CMSIS-NN backend's build (needs NNOM_CMSIS_NN_DIR)",
    )
    args = parser.parse_args(argv)
    try:
        given = [sweep.parse_shape(text) for text in args.shape]
    except ValueError as e:
        print(f"{sweep.tool}: --shape {e}; expected {sweep.shape_help}")
        return 2
    missing = cmbuild.tools_missing()
    if missing:
        print(f"{sweep.tool}: {', '.join(missing)} not found (tools/install.sh installs them)")
        return 2
    backend = BACKENDS[args.backend]
    if backend == "cmsis-nn" and cmbuild.cmsis_nn_dir() is None:
        print(f"{sweep.tool}: --backend cmsis needs NNOM_CMSIS_NN_DIR (a CMSIS-NN copy)")
        return 2
    if given:
        specs = list(enumerate(given, start=100_000))
    elif args.random:
        # indexes past the fixed list's, so a random shape gets its own seeds
        drawn = sweep.random_shapes(args.random, args.seed)
        specs = list(enumerate(drawn, start=10_000 * args.seed))
    else:
        specs = [
            (i, s)
            for i, s in enumerate(sweep.shapes())
            if not args.only or any(o in s[0] for o in args.only)
        ]
    bench_run.prebuild(["m4"], [backend])
    with tempfile.TemporaryDirectory(prefix=f"nnom-{sweep.tool}-") as tmp:
        work = Path(tmp)
        models = [sweep.convert(i, s, work, args.weights) for i, s in specs]
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            counts = list(pool.map(lambda m: measure(m, work, sweep.tool, backend), models))
    print(f"| {sweep.header} | MACs | instructions | instr/MAC |")
    print("|---|---|---|---|")
    over = 0
    for (_, spec), (macs, instr) in zip(specs, counts):
        per = instr / macs
        mark = " **over**" if per > sweep.goal else ""
        print(f"| {spec[0]} | {macs} | {instr:.0f} | {per:.2f}{mark} |")
        over += per > sweep.goal
    print(f"\n{over} of {len(specs)} shapes over {sweep.goal}/MAC")
    return 0
