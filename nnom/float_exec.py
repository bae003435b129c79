"""Float executor for the graph: calibration and the float side of reports.

It computes what Keras computes (after the passes, which are exact
rewrites up to float rounding), batch first, channels last.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from . import activations
from .graph import Graph, Node, hwc
from .guard import layer_errors
from .ops.catalog import op_of


def _as_nhwc(x: np.ndarray, node: Node) -> np.ndarray:
    return x.reshape((x.shape[0],) + hwc(node.shape))


def run_node(node: Node, ins: list[np.ndarray]) -> np.ndarray:
    """One node on NHWC float inputs; returns NHWC output (pre-activation)."""
    return op_of(node).run_float(node, ins)


def iterate(
    g: Graph, inputs: list[np.ndarray], dtype=np.float32, batch: int = 128
) -> Iterator[dict[str, tuple[np.ndarray, np.ndarray]]]:
    """Yield, per batch, {node: (pre_activation, output)} as NHWC arrays."""
    n = inputs[0].shape[0]
    for start in range(0, n, batch):
        values: dict[str, np.ndarray] = {}
        record: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for node in g.nodes:
            with layer_errors(
                node, "run it in float", "check its weights and the calibration data"
            ):
                if node.name in g.inputs:
                    data = inputs[g.inputs.index(node.name)][start : start + batch]
                    pre = _as_nhwc(np.asarray(data, dtype=dtype), node)
                else:
                    pre = run_node(node, [values[i] for i in node.inputs]).astype(dtype, copy=False)
                out = pre if node.act is None else activations.apply_as(node.act, pre, dtype)
            values[node.name] = out
            record[node.name] = (pre, out)
            parts = op_of(node).intermediates(node, [values[i] for i in node.inputs])
            for k, p in enumerate(parts):
                record[f"{node.name}#{k}"] = (p, p)
        yield record


def run(g: Graph, inputs: list[np.ndarray], dtype=np.float64) -> dict[str, np.ndarray]:
    """Every node's output over all inputs, in Keras shapes (batch first)."""
    parts: dict[str, list[np.ndarray]] = {}
    for record in iterate(g, inputs, dtype=dtype):
        for name, (_, out) in record.items():
            parts.setdefault(name, []).append(out)
    return {
        node.name: np.concatenate(parts[node.name]).reshape((-1,) + node.shape) for node in g.nodes
    }
