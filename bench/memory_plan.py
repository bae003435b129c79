"""Activation RAM of issue 13's architectures from the converter's plan,
with the model's inputs and outputs counted, next to TensorFlow Lite
Micro's arena on the same architectures.

    .venv/bin/python bench/memory_plan.py

Arena: the plan's arena (local backend, HWC), which holds the inputs and
outputs. Lower bound: the peak of the bytes alive at one layer, I/O
included; no plan can use less. Runtime structures: the layer objects
(NNOM_LAYER_BYTES each on a 32-bit core) plus merge input lists, as
nnom_mem_used() counts them on the boards.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import models  # noqa: E402

import nnom  # noqa: E402
from nnom import memory  # noqa: E402

LAYER_BYTES = 68  # sizeof(nnom_layer_t) on a 32-bit core (docs/architecture.md)
MERGE_BYTES = 4  # per input of a merge after its first (NNOM_MERGE_BYTES: a pointer each)


def figures(name: str) -> dict[str, int]:
    model = models.MODELS[name](seed=0)
    shape = tuple(int(d) for d in model.inputs[0].shape[1:])
    converted = nnom.convert(model, models.calibration(name, shape, 32, seed=1))
    p = memory.plan(converted.graph)
    structures = sum(LAYER_BYTES + MERGE_BYTES * max(len(la.inputs) - 1, 0) for la in p.layers)
    outside = sum(la.size for la in p.layers if la.external)  # user buffers
    return {
        "arena": p.arena_bytes,
        "lower": p.lower_bound,
        "outside": outside,
        "structures": structures,
    }


def main() -> None:
    print(
        "| model | arena with I/O (B) | lower bound (B) | TFLM activations (B) "
        "| I/O outside the arena (B) | layer structures (B) | total (B) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in sys.argv[1:] or list(models.TINY):
        f = figures(name)
        total = f["arena"] + f["outside"] + f["structures"]
        print(
            f"| {name} | {f['arena']:,} | {f['lower']:,} | "
            f"{models.TFLM_ACTIVATIONS[name]:,} | {f['outside']:,} | "
            f"{f['structures']:,} | {total:,} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
