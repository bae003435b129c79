"""Calibration and int8 quantisation (TFLite's scheme).

Activations: int8, one scale and zero point per tensor, from the min/max seen
on the calibration data (the range always holds 0). Weights: int8 symmetric,
one scale per output channel (or per tensor). Bias: int32 at scale
input_scale * weight_scale. Requantisation: Q31 multiplier + shift.
"""

from __future__ import annotations

import numpy as np

from . import float_exec
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
    def _update(store: dict, name: str, a: np.ndarray) -> None:
        lo, hi = float(a.min()), float(a.max())
        if name in store:
            store[name] = [min(store[name][0], lo), max(store[name][1], hi)]
        else:
            store[name] = [lo, hi]

    def add(self, record: dict[str, tuple[np.ndarray, np.ndarray]]) -> None:
        for name, (pre, out) in record.items():
            self._update(self.pre, name, pre)
            self._update(self.out, name, out)


def calibrate(g: Graph, inputs: list[np.ndarray]) -> RangeTracker:
    tracker = RangeTracker()
    for record in float_exec.iterate(g, inputs):
        tracker.add(record)
    return tracker


def assign(g: Graph, ranges: RangeTracker, per_channel: bool = True) -> None:
    """Set out_q / pre_q and the integer parameters (node.q) of every node,
    by the rule of its op (nnom/ops/)."""
    for node in g.nodes:
        with layer_errors(node, "quantise it", CALIBRATION_HINT):
            node.pre_q = None
            ins = [g.node(i).out_q for i in node.inputs]
            op_of(node).quantize(node, ins, ranges, per_channel)
