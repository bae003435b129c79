"""Conversion time: nnom.convert() (calibration and quantisation) and the
int8 reference run over N samples, per model (issue 13's architectures).

    .venv/bin/python bench/conversion_time.py [--samples 1000] [model ...]

Prints one markdown row per model (wall times, and the process's CPU time
for the calibration: all threads, but a fair figure on a busy machine);
the figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import models  # noqa: E402

import nnom  # noqa: E402


def measure(name: str, samples: int) -> tuple[float, float, float, float]:
    model = models.MODELS[name](seed=0)
    shape = tuple(int(d) for d in model.inputs[0].shape[1:])
    x = models.calibration(name, shape, samples, seed=1)
    start = time.perf_counter()
    graph = nnom.api.load_graph(model)
    loaded, cpu = time.perf_counter(), time.process_time()
    converted = nnom.api.convert_graph(graph, x)
    calibrated, cpu = time.perf_counter(), time.process_time() - cpu
    converted.run(converted.quantize(x))
    done = time.perf_counter()
    return loaded - start, calibrated - loaded, cpu, done - calibrated


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--samples", type=int, default=1000)
    ap.add_argument("models", nargs="*", default=list(models.TINY))
    args = ap.parse_args()
    print(
        f"| model | load (s) | calibrate + quantise, {args.samples} samples (s) "
        f"| its CPU time (s) | int8 reference, {args.samples} samples (s) |"
    )
    print("|---|---:|---:|---:|---:|")
    for name in args.models:
        load, calib, cpu, ref = measure(name, args.samples)
        print(f"| {name} | {load:.2f} | {calib:.2f} | {cpu:.2f} | {ref:.2f} |", flush=True)


if __name__ == "__main__":
    main()
