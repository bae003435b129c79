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
    return _run_more(node, g, ins)


def _run_more(node: Node, g: Graph, ins: list[np.ndarray]) -> np.ndarray:
    op, a, q = node.op, node.attrs, node.q
    oh, ow, _ = node.hwc
    x = ins[0]
    zps = [g.node(i).out_q.zero_point for i in node.inputs]
    target = node.pre_q or node.out_q
    if op == "deconv2d":
        return kernels.deconv2d(x, a, q, zps[0], target.zero_point, (oh, ow))
    if op in ("global_maxpool", "global_avgpool", "global_sumpool"):
        whole = {"kernel": x.shape[1:3], "strides": (1, 1), "pads": (0, 0, 0, 0)}
        if op == "global_maxpool":
            return kernels.maxpool(x, whole, q, (1, 1))
        if op == "global_avgpool":
            return kernels.avgpool(x, whole, q, (1, 1))
        return kernels.sumpool(x, whole, q, zps[0], node.out_q.zero_point, (1, 1))
    if op == "sumpool":
        return kernels.sumpool(x, a, q, zps[0], node.out_q.zero_point, (oh, ow))
    if op in ("add", "sub"):
        return kernels.add(ins, zps, q, target.zero_point, subtract=op == "sub")
    if op == "mult":
        return kernels.mult(ins, zps, q, target.zero_point)
    if op == "concat":
        shapes = [g.node(i).shape for i in node.inputs]
        return kernels.concat(ins, shapes, a["axis"], q["tables"], node.hwc)
    if op == "prelu":
        return kernels.prelu(x, q, zps[0], node.out_q.zero_point)
    if op == "lambda":
        return _lambda(node, g, x)
    raise NotImplementedError(f"reference kernel for '{op}'")


def _lambda(node: Node, g: Graph, x: np.ndarray) -> np.ndarray:
    """The user's int8 function, or their float function between
    nnom_dequantize() and nnom_quantize() (float32, as in C)."""
    n = x.shape[0]
    src = x.reshape((n,) + node.attrs["in_shape"])
    if node.attrs.get("int8_fn") is not None:
        y = np.asarray(node.attrs["int8_fn"](src))
        if y.dtype != np.int8:
            raise TypeError(f"Lambda '{node.source}': the int8 function must return int8")
    else:
        in_q = g.node(node.inputs[0]).out_q
        y = node.out_q.quantize(node.attrs["float_fn"](in_q.dequantize(src)))
    return y.reshape((n,) + node.hwc)


def run(g: Graph, inputs: list[np.ndarray], states: dict | None = None) -> dict[str, np.ndarray]:
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
