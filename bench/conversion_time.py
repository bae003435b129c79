"""Conversion time: nnom.convert() (calibration and quantisation) and the
int8 reference run over N samples, per model (issue 13's architectures).

    .venv/bin/python bench/conversion_time.py [--samples 1000] [model ...]

Prints one markdown row per model: wall times, and the process's CPU time
(all threads, user and system) for each step, the fair figure on a busy
machine; then the load average. The figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import models  # noqa: E402

import nnom  # noqa: E402


def measure(name: str, samples: int) -> tuple[float, float, float, float, float]:
    """load wall s, calibrate + quantise wall and CPU s, int8 reference wall
    and CPU s."""
    model = models.MODELS[name](seed=0)
    shape = tuple(int(d) for d in model.inputs[0].shape[1:])
    x = models.calibration(name, shape, samples, seed=1)
    start = time.perf_counter()
    graph = nnom.api.load_graph(model)
    loaded, cpu = time.perf_counter(), time.process_time()
    converted = nnom.api.convert_graph(graph, x)
    calibrated, cpu_calib = time.perf_counter(), time.process_time()
    converted.run(converted.quantize(x))
    done, cpu_ref = time.perf_counter(), time.process_time()
    return (
        loaded - start,
        calibrated - loaded,
        cpu_calib - cpu,
        done - calibrated,
        cpu_ref - cpu_calib,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--samples", type=int, default=1000)
    ap.add_argument("models", nargs="*", default=list(models.TINY))
    args = ap.parse_args()
    n = args.samples
    print(
        f"| model | load (s) | calibrate + quantise, {n} samples: wall (s) | its CPU (s) "
        f"| int8 reference, {n} samples: wall (s) | its CPU (s) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name in args.models:
        load, calib, cpu, ref, cpu_ref = measure(name, n)
        print(
            f"| {name} | {load:.2f} | {calib:.2f} | {cpu:.2f} | {ref:.2f} | {cpu_ref:.2f} |",
            flush=True,
        )
    print("load average (1, 5, 15 min): " + ", ".join(f"{v:.2f}" for v in os.getloadavg()))


if __name__ == "__main__":
    main()
