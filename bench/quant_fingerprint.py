"""Fingerprint of what conversion chooses, for before/after comparisons of
converter changes that must not change results (e.g. faster calibration):
per model, a SHA-256 over every node's quantisation (out_q, pre_q, integer
parameters) and the int8 reference outputs of every layer on test inputs.

    PYTHONPATH=<nnom tree> .venv/bin/python bench/quant_fingerprint.py [--samples N]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import models  # noqa: E402

import nnom  # noqa: E402


def _feed(h, value) -> None:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            h.update(f.name.encode())
            _feed(h, getattr(value, f.name))
    elif isinstance(value, np.ndarray):
        h.update(str(value.dtype).encode() + str(value.shape).encode())
        h.update(np.ascontiguousarray(value).tobytes())
    elif isinstance(value, (list, tuple)):
        for v in value:
            _feed(h, v)
    elif hasattr(value, "__dict__"):  # parameter objects that are not dataclasses
        _feed(h, sorted(vars(value).items()))
    else:
        h.update(repr(value).encode())


def fingerprint(name: str, samples: int) -> str:
    model = models.MODELS[name](seed=0)
    shape = tuple(int(d) for d in model.inputs[0].shape[1:])
    converted = nnom.convert(model, models.calibration(name, shape, samples, seed=1))
    h = hashlib.sha256()
    for node in converted.graph.nodes:
        h.update(node.name.encode())
        _feed(h, (node.out_q, node.pre_q, node.q))
    x = converted.quantize(models.calibration(name, shape, 16, seed=2))
    for layer, out in sorted(converted.run_layers(x).items()):
        h.update(layer.encode())
        _feed(h, out)
    return h.hexdigest()[:16]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--samples", type=int, default=300)
    ap.add_argument("models", nargs="*", default=models.TINY)
    args = ap.parse_args()
    for name in args.models:
        print(name, fingerprint(name, args.samples), flush=True)


if __name__ == "__main__":
    main()
