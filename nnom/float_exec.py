"""Float executor for the graph: calibration and the float side of reports.

It computes what Keras computes (after the passes, which are exact
rewrites up to float rounding), batch first, channels last.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from . import activations, blas, scratch
from .activations import Activation
from .graph import Graph, Node, hwc
from .guard import layer_errors
from .ops.catalog import op_of


def _as_nhwc(x: np.ndarray, node: Node) -> np.ndarray:
    return x.reshape((x.shape[0],) + hwc(node.shape))


def run_node(node: Node, ins: list[np.ndarray]) -> np.ndarray:
    """One node on NHWC float inputs; returns NHWC output (pre-activation)."""
    return op_of(node).run_float(node, ins)


# A batch's largest activation, in bytes per sample times the batch: small
# enough that a layer's input and output stay in the cache (most of the
# time is numpy's passes over them), large enough for few Python calls.
BATCH_BYTES = 1 << 20

Visit = Callable[[str, np.ndarray, np.ndarray, "Activation | None"], None]


def batch_size(g: Graph, itemsize: int = 4) -> int:
    """Samples per batch: BATCH_BYTES of the largest activation, at most
    blas.LARGE_BATCH. blas.LARGE_BATCH when the BLAS keeps its threads
    (blas.py), and for a graph with a stateful recurrent layer: its float
    run restarts the state at each batch, so the batch size is part of what
    calibration sees (docs/rnn.md)."""
    stateful = any(node.attrs.get("stateful") and op_of(node).keeps_state for node in g.nodes)
    if stateful or not blas.limited():
        return blas.LARGE_BATCH
    largest = max(int(np.prod(node.shape, dtype=np.int64)) for node in g.nodes) * itemsize
    return max(1, min(blas.LARGE_BATCH, BATCH_BYTES // max(largest, 1)))


def run_batch(g: Graph, inputs: list[np.ndarray], dtype, visit: Visit) -> None:
    """One batch through the graph: visit(name, pre_activation, output, act)
    per node (NHWC arrays), then per intermediate of a node (its op's
    intermediates(), named "node#k", act None). Each value is dropped after
    its last reader, so a batch holds few activations at once."""
    readers_left = {node.name: 0 for node in g.nodes}
    for node in g.nodes:
        for i in node.inputs:
            readers_left[i] += 1
    values: dict[str, np.ndarray] = {}
    for node in g.nodes:
        ins = [values[i] for i in node.inputs]
        with layer_errors(node, "run it in float", "check its weights and the calibration data"):
            if node.name in g.inputs:
                data = inputs[g.inputs.index(node.name)]
                pre = _as_nhwc(np.asarray(data, dtype=dtype), node)
            else:
                pre = run_node(node, ins).astype(dtype, copy=False)
            out = pre if node.act is None else activations.apply_as(node.act, pre, dtype)
        visit(node.name, pre, out, node.act)
        for k, p in enumerate(op_of(node).intermediates(node, ins)):
            visit(f"{node.name}#{k}", p, p, None)
        values[node.name] = out
        for i in node.inputs:
            readers_left[i] -= 1
            if readers_left[i] == 0:
                del values[i]


def run(g: Graph, inputs: list[np.ndarray], dtype=np.float64) -> dict[str, np.ndarray]:
    """Every node's output over all inputs, in Keras shapes (batch first)."""
    parts: dict[str, list[np.ndarray]] = {node.name: [] for node in g.nodes}

    def visit(name, pre, out, act):
        if name in parts:  # not an intermediate
            parts[name].append(out)

    batch = batch_size(g, np.dtype(dtype).itemsize)
    with blas.one_thread(), scratch.kept():
        for start in range(0, inputs[0].shape[0], batch):
            run_batch(g, [a[start : start + batch] for a in inputs], dtype, visit)
    return {
        node.name: np.concatenate(parts[node.name]).reshape((-1,) + node.shape) for node in g.nodes
    }
