"""Runs a quantised graph with the reference kernels (each op's run_int8)."""

from __future__ import annotations

import numpy as np

from ..graph import Graph, Node, hwc
from ..ops.catalog import op_of


def run_node(node: Node, g: Graph, ins: list[np.ndarray]) -> np.ndarray:
    """One node on int8 NHWC inputs (a stateful layer starts from zero)."""
    return op_of(node).run_int8(node, g, ins)


def run(g: Graph, inputs: list[np.ndarray], states: dict | None = None) -> dict[str, np.ndarray]:
    """Every node's int8 output (Keras shapes, batch first) for int8 inputs.

    states: the state of stateful recurrent layers, carried from sample to
    sample and kept in the dict for the next call (see reference/rnn.py)."""
    values: dict[str, np.ndarray] = {}
    for node in g.nodes:
        if node.name in g.inputs:
            data = np.asarray(inputs[g.inputs.index(node.name)])
            if data.dtype != np.int8:
                raise TypeError(f"input '{node.name}' must be int8, got {data.dtype}")
            values[node.name] = data.reshape((-1,) + hwc(node.shape))
            continue
        op, ins = op_of(node), [values[i] for i in node.inputs]
        if op.keeps_state:
            values[node.name] = op.run_int8(node, g, ins, states)
        else:
            values[node.name] = op.run_int8(node, g, ins)
    return {name: v.reshape((v.shape[0],) + g.node(name).shape) for name, v in values.items()}
