"""Float executor for the graph: calibration and the float side of reports.

It computes what Keras computes (after the passes, which are exact
rewrites up to float rounding), batch first, channels last.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from . import activations
from .errors import NnomError
from .graph import Graph, Node, hwc
from .guard import layer_errors
from .recurrent import RNN_OPS, float_cells
from .windows import pad_hw, transpose_conv, valid_counts, windows


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
    top, bottom, left, right = node.attrs["border"]
    return x[:, top : x.shape[1] - bottom, left : x.shape[2] - right, :]


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
        y = _run_more(node, ins)
    return y


def _deconv2d(node: Node, x: np.ndarray) -> np.ndarray:
    a = node.attrs
    oh, ow, _ = node.hwc
    kernel = node.weights["kernel"].astype(x.dtype)  # (kh, kw, cin, cout)
    y = transpose_conv(x, kernel, a["strides"], a["dilation"], a["pad_before"], (oh, ow))
    return y + node.weights["bias"].astype(x.dtype)


def _concat(node: Node, ins: list[np.ndarray]) -> np.ndarray:
    """Concatenation in Keras shapes (the axis is Keras'), back to NHWC."""
    n = ins[0].shape[0]
    parts = [v.reshape((n,) + shape) for v, shape in zip(ins, _in_shapes(node, ins))]
    y = np.concatenate(parts, axis=node.attrs["axis"])
    return y.reshape((n,) + node.hwc)


def _in_shapes(node: Node, ins: list[np.ndarray]) -> list[tuple[int, ...]]:
    """Keras shapes of a concat's inputs (their NHWC arrays lose the rank)."""
    ax = node.attrs["axis"] - 1
    shapes = []
    for v in ins:
        size = int(np.prod(v.shape[1:]))
        rest = int(np.prod([d for k, d in enumerate(node.shape) if k != ax]))
        shape = list(node.shape)
        shape[ax] = size // rest
        shapes.append(tuple(shape))
    return shapes


def partial_products(ins: list[np.ndarray]) -> list[np.ndarray]:
    """The intermediate products of an n-input Multiply (n - 2 of them)."""
    out, acc = [], ins[0]
    for v in ins[1:-1]:
        acc = acc * v
        out.append(acc)
    return out


def _run_more(node: Node, ins: list[np.ndarray]) -> np.ndarray:
    op, x = node.op, (ins[0] if ins else None)
    if op == "deconv2d":
        return _deconv2d(node, x)
    if op in ("global_maxpool", "global_avgpool", "global_sumpool"):
        reduce = {"global_maxpool": np.max, "global_avgpool": np.mean, "global_sumpool": np.sum}
        return reduce[op](x, axis=(1, 2), keepdims=True)
    if op == "sumpool":
        a = node.attrs
        oh, ow, _ = node.hwc
        return windows(x, a["kernel"], a["strides"], (1, 1), a["pads"], 0.0, (oh, ow)).sum(
            axis=(3, 4)
        )
    if op == "add":
        return sum(ins[1:], ins[0]) / node.attrs.get("average", 1)
    if op == "sub":
        return ins[0] - ins[1]
    if op == "mult":
        y = ins[0]
        for v in ins[1:]:
            y = y * v
        return y
    if op == "concat":
        return _concat(node, ins)
    if op == "prelu":
        alpha = node.weights["alpha"].astype(x.dtype)
        alpha = alpha if alpha.size == node.hwc[2] else alpha.reshape(node.hwc)
        return np.where(x >= 0, x, x * alpha)
    if op == "lambda":
        n = x.shape[0]
        src = x.reshape((n,) + node.attrs["in_shape"])
        y = np.asarray(node.attrs["float_fn"](src), dtype=x.dtype)
        if y.shape != (n,) + node.shape:
            raise NnomError(
                f"Lambda '{node.source}': the function gave shape {y.shape}, "
                f"expected {(n,) + node.shape}"
            )
        return y.reshape((n,) + node.hwc)
    raise NotImplementedError(f"float executor has no '{op}'")


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
                if node.op == "input":
                    data = inputs[g.inputs.index(node.name)][start : start + batch]
                    pre = _as_nhwc(np.asarray(data, dtype=dtype), node)
                else:
                    pre = run_node(node, [values[i] for i in node.inputs]).astype(dtype, copy=False)
                out = pre if node.act is None else activations.apply(node.act, pre).astype(dtype)
            values[node.name] = out
            record[node.name] = (pre, out)
            if node.op == "mult" and len(node.inputs) > 2:
                parts = partial_products([values[i] for i in node.inputs])
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
