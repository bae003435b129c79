"""Every op module, imported once so that each registers its op; the
pipeline stages look ops up through `op_of()` and iterate `OPS`."""

from __future__ import annotations

from ..graph import Node
from . import (  # noqa: F401  (each module registers its ops)
    activation,
    batchnorm,
    border,
    concat,
    conv2d,
    deconv2d,
    dense,
    dwconv2d,
    global_pooling,
    identity,
    io,
    lambda_layer,
    merge,
    pooling,
    prelu,
    reshape,
    rnn,
    softmax,
    upsample,
)
from .registry import OPS, Op


def op_of(node: Node) -> Op:
    return OPS[node.op]


__all__ = ["OPS", "Op", "op_of"]
