"""Graph rewrites before quantisation.

Order matters: no-ops go first so BatchNormalization and activations see
their real producer; BN folds before activations fuse, since Keras applies
a layer's own activation before the BN that follows it.
"""

from __future__ import annotations

import numpy as np

from .errors import UnsupportedLayerError
from .fixedpoint import SOFTMAX_MAX_ROW
from .graph import Graph, Node

FUSABLE_PRODUCERS = ("conv2d", "dwconv2d", "dense", "deconv2d")  # BN folds into these
# Layers that take a fused activation tail (a clamp or a table).
ACT_PRODUCERS = FUSABLE_PRODUCERS + ("add", "sub", "mult")


def drop_identities(g: Graph) -> None:
    for node in list(g.nodes):
        if node.op == "identity":
            g.replace_uses(node.name, node.inputs[0])
            g.remove(node.name)


def _sole_consumer(g: Graph, producer: Node, consumer: Node) -> bool:
    return producer.name not in g.outputs and g.consumers(producer.name) == [consumer]


def _bn_affine(bn: Node) -> tuple[np.ndarray, np.ndarray]:
    """BatchNormalization as y = scale * x + shift, per channel (float64)."""
    w = bn.weights
    scale = w["gamma"].astype(np.float64) / np.sqrt(
        w["var"].astype(np.float64) + bn.attrs["epsilon"]
    )
    return scale, w["beta"].astype(np.float64) - w["mean"].astype(np.float64) * scale


def fold_batchnorm(g: Graph) -> None:
    """Fold BN into the Conv/Depthwise/Dense before it when that is exact;
    otherwise run it as a 1x1 depthwise convolution (a per-channel affine)."""
    for bn in [n for n in g.nodes if n.op == "batchnorm"]:
        prev = g.node(bn.inputs[0])
        scale, shift = _bn_affine(bn)
        if prev.op in FUSABLE_PRODUCERS and prev.act is None and _sole_consumer(g, prev, bn):
            prev.weights["kernel"] = prev.weights["kernel"].astype(np.float64) * scale
            prev.weights["bias"] = prev.weights["bias"].astype(np.float64) * scale + shift
            prev.source += f"+{bn.source}"
            g.replace_uses(bn.name, prev.name)
            g.remove(bn.name)
            continue
        bn.op = "dwconv2d"
        bn.attrs = {
            "kernel": (1, 1),
            "strides": (1, 1),
            "dilation": (1, 1),
            "pads": (0, 0, 0, 0),
            "padding": "valid",
            "multiplier": 1,
        }
        bn.weights = {"kernel": scale.reshape(1, 1, -1), "bias": shift}


def fuse_activations(g: Graph) -> None:
    for act in [n for n in g.nodes if n.op == "activation"]:
        prev = g.node(act.inputs[0])
        if prev.op in ACT_PRODUCERS and prev.act is None and _sole_consumer(g, prev, act):
            prev.act = act.act
            prev.source += f"+{act.source}"
            g.replace_uses(act.name, prev.name)
            g.remove(act.name)


def split_softmax(g: Graph) -> None:
    """A layer's activation='softmax' becomes its own Softmax node."""
    for node in list(g.nodes):
        if node.act is not None and node.act.kind == "softmax":
            node.act = None
            sm = Node(
                name=f"{node.name}_softmax",
                op="softmax",
                inputs=[node.name],
                shape=node.shape,
                source=node.source,
                source_class=node.source_class,
            )
            g.replace_uses(node.name, sm.name)
            sm.inputs = [node.name]
            g.nodes.insert(g.nodes.index(node) + 1, sm)


def check_limits(g: Graph) -> None:
    for node in g.nodes:
        if node.op == "softmax" and node.shape[-1] > SOFTMAX_MAX_ROW:
            raise UnsupportedLayerError(
                node.source,
                node.source_class,
                f"softmax over {node.shape[-1]} values; at most {SOFTMAX_MAX_ROW} are supported",
            )


def optimise(g: Graph) -> Graph:
    drop_identities(g)
    split_softmax(g)
    fold_batchnorm(g)
    fuse_activations(g)
    check_limits(g)
    return g
