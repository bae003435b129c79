"""Float executor for the graph: calibration and the float side of reports.

It computes what Keras computes (after the passes, which are exact
rewrites up to float rounding), batch first, channels last.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from . import activations
from .graph import Graph, Node, hwc
from .recurrent import RNN_OPS, float_cells
from .windows import pad_hw, valid_counts, windows


def _as_nhwc(x: np.ndarray, node: Node) -> np.ndarray:
    return x.reshape((x.shape[0],) + hwc(node.shape))


def _conv2d(node: Node, x: np.ndarray) -> np.ndarray:
    a = node.attrs
    oh, ow, cout = node.hwc
    patches = windows(x, a["kernel"], a["strides"], a["dilation"], a["pads"], 0.0, (oh, ow))
    kernel = node.weights["kernel"].astype(x.dtype)  # (kh, kw, cin, cout)
    y = np.tensordot(patches, kernel, axes=([3, 4, 5], [0, 1, 2]))
    return y + node.weights["bias"].astype(x.dtype)


def _dwconv2d(node: Node, x: np.ndarray) -> np.ndarray:
    a = node.attrs
    oh, ow, cout = node.hwc
    patches = windows(x, a["kernel"], a["strides"], a["dilation"], a["pads"], 0.0, (oh, ow))
    patches = np.repeat(patches, a["multiplier"], axis=-1)  # input channel per output channel
    kernel = node.weights["kernel"].astype(x.dtype)  # (kh, kw, cout)
    y = np.einsum("nhwijc,ijc->nhwc", patches, kernel, optimize=True)
    return y + node.weights["bias"].astype(x.dtype)


def _dense(node: Node, x: np.ndarray) -> np.ndarray:
    flat = x.reshape(x.shape[0], -1)
    y = flat @ node.weights["kernel"].astype(x.dtype) + node.weights["bias"].astype(x.dtype)
    return y.reshape(x.shape[0], 1, 1, -1)


def _pool(node: Node, x: np.ndarray) -> np.ndarray:
    a = node.attrs
    oh, ow, _ = node.hwc
    if node.op == "maxpool":
        w = windows(x, a["kernel"], a["strides"], (1, 1), a["pads"], -np.inf, (oh, ow))
        return w.max(axis=(3, 4))
    w = windows(x, a["kernel"], a["strides"], (1, 1), a["pads"], 0.0, (oh, ow))
    counts = valid_counts(x.shape[1:3], a["kernel"], a["strides"], a["pads"], (oh, ow))
    return w.sum(axis=(3, 4)) / counts[None, :, :, None]


def _crop(node: Node, x: np.ndarray) -> np.ndarray:
    t, b, l, r = node.attrs["border"]
    return x[:, t : x.shape[1] - b, l : x.shape[2] - r, :]


def _upsample(node: Node, x: np.ndarray) -> np.ndarray:
    sh, sw = node.attrs["size"]
    return np.repeat(np.repeat(x, sh, axis=1), sw, axis=2)


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def run_node(node: Node, ins: list[np.ndarray]) -> np.ndarray:
    """One node on NHWC float inputs; returns NHWC output (pre-activation free)."""
    op = node.op
    x = ins[0] if ins else None
    if op in RNN_OPS:
        y = float_cells.run(node, x)
    elif op == "conv2d":
        y = _conv2d(node, x)
    elif op == "dwconv2d":
        y = _dwconv2d(node, x)
    elif op == "dense":
        y = _dense(node, x)
    elif op in ("maxpool", "avgpool"):
        y = _pool(node, x)
    elif op in ("flatten", "reshape"):
        y = x.reshape((x.shape[0],) + node.hwc)
    elif op == "zeropad":
        y = pad_hw(x, node.attrs["border"], 0.0)
    elif op == "cropping":
        y = _crop(node, x)
    elif op == "upsample":
        y = _upsample(node, x)
    elif op == "activation":
        y = x
    elif op == "softmax":
        y = _softmax(x)
    else:
        raise NotImplementedError(f"float executor has no '{op}'")
    return y


def iterate(
    g: Graph, inputs: list[np.ndarray], dtype=np.float32, batch: int = 128
) -> Iterator[dict[str, tuple[np.ndarray, np.ndarray]]]:
    """Yield, per batch, {node: (pre_activation, output)} as NHWC arrays."""
    n = inputs[0].shape[0]
    for start in range(0, n, batch):
        values: dict[str, np.ndarray] = {}
        record: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for node in g.nodes:
            if node.op == "input":
                data = inputs[g.inputs.index(node.name)][start : start + batch]
                pre = _as_nhwc(np.asarray(data, dtype=dtype), node)
            else:
                pre = run_node(node, [values[i] for i in node.inputs]).astype(dtype, copy=False)
            out = pre if node.act is None else activations.apply(node.act, pre).astype(dtype)
            values[node.name] = out
            record[node.name] = (pre, out)
        yield record


def run(g: Graph, inputs: list[np.ndarray], dtype=np.float64) -> dict[str, np.ndarray]:
    """Every node's output over all inputs, in Keras shapes (batch first)."""
    parts: dict[str, list[np.ndarray]] = {}
    for record in iterate(g, inputs, dtype=dtype):
        for name, (_, out) in record.items():
            parts.setdefault(name, []).append(out)
    return {
        node.name: np.concatenate(parts[node.name]).reshape((-1,) + node.shape)
        for node in g.nodes
    }
