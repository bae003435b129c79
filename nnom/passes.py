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
from .ops.activation import ACTIVATION
from .ops.batchnorm import BATCHNORM, affine
from .ops.catalog import OPS
from .ops.dwconv2d import as_channel_affine
from .ops.identity import IDENTITY
from .ops.softmax import SOFTMAX

FUSABLE_PRODUCERS = tuple(name for name, op in OPS.items() if op.folds_batchnorm)
# Layers that take a fused activation tail (a clamp or a table).
ACT_PRODUCERS = tuple(name for name, op in OPS.items() if op.takes_activation)


def drop_identities(g: Graph) -> None:
    for node in list(g.nodes):
        if node.op == IDENTITY.name:
            g.replace_uses(node.name, node.inputs[0])
            g.remove(node.name)


def _sole_consumer(g: Graph, producer: Node, consumer: Node) -> bool:
    return producer.name not in g.outputs and g.consumers(producer.name) == [consumer]


def fold_batchnorm(g: Graph) -> None:
    """Fold BN into the Conv/Depthwise/Dense before it when that is exact;
    otherwise run it as a 1x1 depthwise convolution (a per-channel affine)."""
    for bn in [n for n in g.nodes if n.op == BATCHNORM.name]:
        prev = g.node(bn.inputs[0])
        scale, shift = affine(bn)
        if prev.op in FUSABLE_PRODUCERS and prev.act is None and _sole_consumer(g, prev, bn):
            prev.weights["kernel"] = prev.weights["kernel"].astype(np.float64) * scale
            prev.weights["bias"] = prev.weights["bias"].astype(np.float64) * scale + shift
            prev.source += f"+{bn.source}"
            g.replace_uses(bn.name, prev.name)
            g.remove(bn.name)
            continue
        as_channel_affine(bn, scale, shift)


def fuse_activations(g: Graph) -> None:
    for act in [n for n in g.nodes if n.op == ACTIVATION.name]:
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
                op=SOFTMAX.name,
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
        if node.op == SOFTMAX.name and node.shape[-1] > SOFTMAX_MAX_ROW:
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
