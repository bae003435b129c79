"""NNoM next to TensorFlow Lite Micro for the same int8 .tflite file.

    .venv/bin/python bench/tflite_compare.py model.tflite [more.tflite ...]
    .venv/bin/python bench/tflite_compare.py            # bench/models.py's dscnn and mlp

For each file: NNoM converts it (the file's own quantisation) and runs it on
the emulated Cortex-M4 (qemucm, -O2, local kernels): instructions per
inference, arena and RAM (nnom_mem_used(): arena + layer objects), every
output byte checked against the numpy reference, which equals TFLM's. TFLM:
the arena its interpreter (tflite-micro, recording allocator) allocates for
the model: the total, and its head (the activation tensors: what NNoM's
arena holds). TFLM's figures come from the host build of the interpreter
(64-bit pointers), so its tail (persistent structures) is larger than on a
32-bit microcontroller; the head is the same. Without arguments the bench
models are converted to int8 .tflite files first (needs TensorFlow).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "test" / "python"))

import cmbuild  # noqa: E402
import run as bench_run  # noqa: E402

TFLM_PROBE = r"""
import sys, tflite_micro
it = tflite_micro.runtime.Interpreter.from_bytes(open(sys.argv[1], "rb").read())
it.print_allocations()
"""


def tflm_arena(path: Path) -> dict[str, int]:
    """Arena bytes TFLM's recording allocator reports (printed by its C++)."""
    proc = subprocess.run(
        [sys.executable, "-c", TFLM_PROBE, str(path)], capture_output=True, text=True, check=True
    )
    out = proc.stdout + proc.stderr
    found = dict(re.findall(r"Arena allocation (total|head|tail) (\d+) bytes", out))
    return {k: int(v) for k, v in found.items()}


def bench_tflite_files(work: Path) -> list[Path]:
    """The bench models as int8 .tflite files (TFLiteConverter)."""
    import models as bench_models

    import tflite_factory

    paths = []
    # guide is left out: TFLiteConverter lowers its UpSampling2D to int32
    # index arithmetic (no RESIZE_NEAREST_NEIGHBOR), which NNoM does not import
    for name in ("dscnn", "mlp"):
        model = bench_models.MODELS[name]()
        shape = tuple(int(d) for d in model.inputs[0].shape[1:])
        calib = bench_models.calibration(name, shape, 200)
        path = work / f"{name}.tflite"
        path.write_bytes(tflite_factory.convert(model, calib[:64]))
        paths.append(path)
    return paths


def nnom_on_m4(path: Path, work: Path) -> dict:
    import nnom

    start = time.perf_counter()
    converted = nnom.convert(path)
    elapsed = time.perf_counter() - start
    folder = work / path.stem
    folder.mkdir()
    converted.save_header(folder / "weights.h")
    shape = converted.graph.node(converted.graph.inputs[0]).shape
    qx = np.random.default_rng(1).integers(-128, 128, (bench_run.RUNS,) + shape).astype(np.int8)
    bench_run.write_data(folder / "bench_data.h", qx, converted.run(qx))
    model = bench_run.Model(path.stem, converted, converted.plan.total_macs, elapsed, folder)
    cmbuild.Firmware(board="m4", opt="-O2", backend="local").runtime()
    result = bench_run.measure(model, "m4", "local", "-O2", work)
    return {"macs": model.macs, **result}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help=".tflite files (int8)")
    args = parser.parse_args(argv)
    missing = cmbuild.tools_missing()
    if missing:
        print(f"tflite_compare: {', '.join(missing)} not found (tools/install.sh installs them)")
        return 2
    with tempfile.TemporaryDirectory(prefix="nnom-tflite-") as tmp:
        work = Path(tmp)
        files = args.files or bench_tflite_files(work)
        rows = [
            "| model | MACs | NNoM M4 instructions | NNoM arena | NNoM RAM | "
            "TFLM arena (head) | TFLM arena (total, host) |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for path in files:
            n = nnom_on_m4(path, work)
            t = tflm_arena(path)
            rows.append(
                f"| {path.stem} | {n['macs']:,} | {n['instructions'] / 1e6:.2f} M | "
                f"{n['arena']:,} B | {n['mem_used']:,} B | {t.get('head', 0):,} B | "
                f"{t.get('total', 0):,} B |"
            )
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
