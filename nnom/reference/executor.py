"""Runs a quantised graph with the reference kernels."""

from __future__ import annotations

import numpy as np

from ..graph import Graph, Node, hwc
from ..recurrent import RNN_OPS
from . import kernels, rnn


def run_node(node: Node, g: Graph, ins: list[np.ndarray]) -> np.ndarray:
    op, a, q = node.op, node.attrs, node.q
    oh, ow, _ = node.hwc
    x = ins[0] if ins else None
    zp_in = g.node(node.inputs[0]).out_q.zero_point if node.inputs else 0
    target = node.pre_q or node.out_q
    if op in RNN_OPS:
        return rnn.run(node, x, zp_in, None)
    if op == "conv2d":
        return kernels.conv2d(x, a, q, zp_in, target.zero_point, (oh, ow))
    if op == "dwconv2d":
        return kernels.dwconv2d(x, a, q, zp_in, target.zero_point, (oh, ow))
    if op == "dense":
        return kernels.dense(x, q, zp_in, target.zero_point)
    if op == "maxpool":
        return kernels.maxpool(x, a, q, (oh, ow))
    if op == "avgpool":
        return kernels.avgpool(x, a, q, (oh, ow))
    if op in ("flatten", "reshape"):
        return x.reshape((x.shape[0],) + node.hwc)
    if op == "zeropad":
        return kernels.zeropad(x, a["border"], zp_in)
    if op == "cropping":
        return kernels.cropping(x, a["border"])
    if op == "upsample":
        return kernels.upsample(x, a["size"])
    if op == "activation":
        return kernels.lut(x, q["lut"])
    if op == "softmax":
        return kernels.softmax(x, q)
    raise NotImplementedError(f"reference kernel for '{op}'")


def run(
    g: Graph, inputs: list[np.ndarray], states: dict | None = None
) -> dict[str, np.ndarray]:
    """Every node's int8 output (Keras shapes, batch first) for int8 inputs.

    states: the state of stateful recurrent layers, carried from sample to
    sample and kept in the dict for the next call (see reference/rnn.py)."""
    values: dict[str, np.ndarray] = {}
    for node in g.nodes:
        if node.op == "input":
            data = np.asarray(inputs[g.inputs.index(node.name)])
            if data.dtype != np.int8:
                raise TypeError(f"input '{node.name}' must be int8, got {data.dtype}")
            values[node.name] = data.reshape((-1,) + hwc(node.shape))
        elif node.op in RNN_OPS:
            zp = g.node(node.inputs[0]).out_q.zero_point
            values[node.name] = rnn.run(node, values[node.inputs[0]], zp, states)
        else:
            values[node.name] = run_node(node, g, [values[i] for i in node.inputs])
    return {name: v.reshape((v.shape[0],) + g.node(name).shape) for name, v in values.items()}
