"""Calibration and int8 quantisation (TFLite's scheme).

Activations: int8, one scale and zero point per tensor, from the min/max seen
on the calibration data (the range always holds 0). Weights: int8 symmetric,
one scale per output channel (or per tensor). Bias: int32 at scale
input_scale * weight_scale. Requantisation: Q31 multiplier + shift.
"""

from __future__ import annotations

import math

import numpy as np

from . import activations, blas, float_exec, scratch
from .activations import Activation, is_clamp
from .graph import Graph
from .guard import layer_errors
from .ops.catalog import op_of

CALIBRATION_HINT = (
    "give typical inputs as calibration data, scaled as in training (no huge or denormal values)"
)


class RangeTracker:
    """Running min/max of every node's pre-activation and output values."""

    def __init__(self) -> None:
        self.pre: dict[str, list[float]] = {}
        self.out: dict[str, list[float]] = {}

    @staticmethod
    def _update(store: dict, name: str, lo: float, hi: float) -> None:
        if name in store:
            store[name] = [min(store[name][0], lo), max(store[name][1], hi)]
        else:
            store[name] = [lo, hi]

    def visit(self, name: str, pre: np.ndarray, out: np.ndarray, act: Activation | None) -> None:
        lo, hi = float(pre.min()), float(pre.max())
        self._update(self.pre, name, lo, hi)
        if out is not pre:
            lo, hi = _output_range(act, lo, hi, out)
        self._update(self.out, name, lo, hi)


def _output_range(act: Activation | None, lo: float, hi: float, out: np.ndarray):
    """min and max of out = act(pre), pre's being lo and hi. A clamp is
    monotonic: its output's extremes are the clamped extremes of its input
    (by the same float32 operations), which saves two passes."""
    if is_clamp(act) and math.isfinite(lo) and math.isfinite(hi):
        ends = activations.apply_as(act, np.array([lo, hi], out.dtype), out.dtype)
        return float(ends[0]), float(ends[1])
    return float(out.min()), float(out.max())


def calibrate(g: Graph, inputs: list[np.ndarray], batch: int | None = None) -> RangeTracker:
    """The float graph's ranges over the calibration inputs, in float32.

    The sums whose rounding depends on the order are taken in float64
    (nnom/float_sums.py), so neither the batch size nor the BLAS's threads
    change a bit. Batches are small (float_exec.batch_size: they stay in
    the cache), the BLAS on one thread (nnom/blas.py)."""
    tracker = RangeTracker()
    batch = batch or float_exec.batch_size(g)
    with blas.one_thread(), scratch.kept():
        for start in range(0, inputs[0].shape[0], batch):
            part = [a[start : start + batch] for a in inputs]
            float_exec.run_batch(g, part, np.float32, tracker.visit)
    return tracker


def assign(g: Graph, ranges: RangeTracker, per_channel: bool = True) -> None:
    """Set out_q / pre_q and the integer parameters (node.q) of every node,
    by the rule of its op (nnom/ops/)."""
    for node in g.nodes:
        with layer_errors(node, "quantise it", CALIBRATION_HINT):
            node.pre_q = None
            ins = [g.node(i).out_q for i in node.inputs]
            op_of(node).quantize(node, ins, ranges, per_channel)
