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

FUSABLE_PRODUCERS = ("conv2d", "dense")


def drop_identities(g: Graph) -> None:
    for node in list(g.nodes):
        if node.op == "identity":
            g.replace_uses(node.name, node.inputs[0])
            g.remove(node.name)


def _sole_consumer(g: Graph, producer: Node, consumer: Node) -> bool:
    return producer.name not in g.outputs and g.consumers(producer.name) == [consumer]


def fold_batchnorm(g: Graph) -> None:
    for bn in [n for n in g.nodes if n.op == "batchnorm"]:
        prev = g.node(bn.inputs[0])
        if not (prev.op in FUSABLE_PRODUCERS and prev.act is None and _sole_consumer(g, prev, bn)):
            raise UnsupportedLayerError(
                bn.source,
                bn.source_class,
                "BatchNormalization is supported right after a Conv1D/Conv2D/Dense that has no "
                "activation of its own and no other consumer (it is folded into that layer); "
                f"here it follows '{prev.source}' ({prev.source_class})",
            )
        w = bn.weights
        eps = bn.attrs["epsilon"]
        scale = w["gamma"].astype(np.float64) / np.sqrt(w["var"].astype(np.float64) + eps)
        kernel = prev.weights["kernel"].astype(np.float64) * scale  # out channels last
        bias = (prev.weights["bias"].astype(np.float64) - w["mean"]) * scale + w["beta"]
        prev.weights["kernel"] = kernel
        prev.weights["bias"] = bias
        prev.source += f"+{bn.source}"
        g.replace_uses(bn.name, prev.name)
        g.remove(bn.name)


def fuse_activations(g: Graph) -> None:
    for act in [n for n in g.nodes if n.op == "activation"]:
        prev = g.node(act.inputs[0])
        if prev.op in FUSABLE_PRODUCERS and prev.act is None and _sole_consumer(g, prev, act):
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
        if node.op == "batchnorm":
            raise UnsupportedLayerError(node.source, node.source_class, "was not folded")


def optimise(g: Graph) -> Graph:
    drop_identities(g)
    split_softmax(g)
    fold_batchnorm(g)
    fuse_activations(g)
    check_limits(g)
    return g
