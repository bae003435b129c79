"""Runs a quantised graph with the reference kernels (each op's run_int8)."""

from __future__ import annotations

import numpy as np

from .. import blas, float_exec, scratch
from ..graph import Graph, Node, hwc
from ..ops.catalog import op_of


def run_node(node: Node, g: Graph, ins: list[np.ndarray]) -> np.ndarray:
    """One node on int8 NHWC inputs (a stateful layer starts from zero)."""
    return op_of(node).run_int8(node, g, ins)


def run(
    g: Graph, inputs: list[np.ndarray], states: dict | None = None, batch: int | None = None
) -> dict[str, np.ndarray]:
    """Every node's int8 output (Keras shapes, batch first) for int8 inputs.

    states: the state of stateful recurrent layers, carried from sample to
    sample and kept in the dict for the next call (see reference/rnn.py).
    Runs `batch` samples at a time (in order, so states carry over the
    same way), by default as many as keep the largest int8 activation in
    float_exec.BATCH_BYTES (the kernels' float64 arrays stay in the cache),
    the BLAS on one thread (nnom/blas.py); integer sums in float64 are
    exact in any order."""
    batch = batch or float_exec.batch_size(g, itemsize=1)
    arrays = []
    for name, x in zip(g.inputs, inputs):
        data = np.asarray(x)
        if data.dtype != np.int8:
            raise TypeError(f"input '{name}' must be int8, got {data.dtype}")
        arrays.append(data.reshape((-1,) + hwc(g.node(name).shape)))
    n = arrays[0].shape[0] if arrays else 0
    states = {} if states is None else states  # one state across the batches
    with blas.one_thread(), scratch.kept():
        parts = [
            _run_batch(g, [a[s : s + batch] for a in arrays], states)
            for s in range(0, max(n, 1), batch)
        ]
    if len(parts) == 1:
        values = parts[0]
    else:
        values = {name: np.concatenate([p[name] for p in parts]) for name in parts[0]}
    return {name: v.reshape((v.shape[0],) + g.node(name).shape) for name, v in values.items()}


def _run_batch(g: Graph, inputs: list[np.ndarray], states: dict | None) -> dict[str, np.ndarray]:
    values: dict[str, np.ndarray] = {}
    for node in g.nodes:
        if node.name in g.inputs:
            values[node.name] = inputs[g.inputs.index(node.name)]
            continue
        op, ins = op_of(node), [values[i] for i in node.inputs]
        if op.keeps_state:
            values[node.name] = op.run_int8(node, g, ins, states)
        else:
            values[node.name] = op.run_int8(node, g, ins)
    return values
