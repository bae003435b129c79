"""Checks of one Keras layer's config and weights, before and after its handler.

A damaged or hand-edited file can hold a stride of 0, a dilation of "x", a
bias of the wrong length or a NaN weight. Handlers assume a sane layer, so
these are refused here with the layer's name and what to fix, instead of
surfacing later as a ZeroDivisionError or a broadcasting error.
"""

from __future__ import annotations

import numpy as np

from ..errors import UnsupportedLayerError
from ..graph import Node
from ..limits import U16
from ..ops.catalog import op_of

# config keys that hold positive integers (a scalar or one per axis)
POSITIVE_INTS = (
    "strides",
    "dilation_rate",
    "kernel_size",
    "pool_size",
    "size",
    "units",
    "filters",
    "depth_multiplier",
)


def _is_int(v: object) -> bool:
    return isinstance(v, (int, np.integer)) and not isinstance(v, bool)


def check_config(layer_name: str, class_name: str, cfg: dict) -> None:
    """Before the handler: integer options are integers in a sane range."""
    for key in POSITIVE_INTS:
        value = cfg.get(key)
        if value is None:
            continue
        values = value if isinstance(value, (list, tuple)) else [value]
        if not values or not all(_is_int(v) and 1 <= v for v in values):
            raise UnsupportedLayerError(
                layer_name,
                class_name,
                f"{key} {value!r} is not a positive integer (or one per "
                "axis); fix the layer's config",
            )


def _fail(node: Node, what: str) -> UnsupportedLayerError:
    return UnsupportedLayerError(node.source or node.name, node.source_class or node.op, what)


def _arrays(weights: dict) -> list[tuple[str, np.ndarray]]:
    out = []
    for key, value in weights.items():
        if isinstance(value, dict):
            out += [(f"{key}/{k}", v) for k, v in _arrays(value)]
        elif isinstance(value, (list, tuple)):
            out += [(f"{key}[{i}]", np.asarray(v)) for i, v in enumerate(value)]
        else:
            out.append((key, np.asarray(value)))
    return out


def check_node(node: Node) -> None:
    """After the handler: finite weights of the shapes the node's op reads."""
    for key, array in _arrays(node.weights):
        if array.dtype.kind == "f" and not np.all(np.isfinite(array)):
            raise _fail(node, f"weight '{key}' holds NaN or infinity; retrain or fix the model")
    if any(not _is_int(d) or d > U16 * U16 for d in node.shape):
        raise _fail(node, f"output shape {node.shape} is not a shape of positive integers")
    channels = node.shape[-1] if node.shape else 0
    w = node.weights
    weighted = op_of(node).weighted
    if weighted and "bias" in w and np.shape(w["bias"]) != (channels,):
        raise _fail(
            node, f"bias of shape {np.shape(w['bias'])} does not fit {channels} output channels"
        )
    if weighted and "kernel" in w and np.shape(w["kernel"])[-1:] != (channels,):
        raise _fail(
            node, f"kernel of shape {np.shape(w['kernel'])} does not fit {channels} outputs"
        )
    problem = op_of(node).weight_problem(node, channels)
    if problem:
        raise _fail(node, problem)
