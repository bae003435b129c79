"""Layers that do nothing at inference (Dropout, noise, ...): an identity
node that the first graph rewrite stage (DROP) removes."""

from __future__ import annotations

from .registry import DROP, Op, register


def _keras_no_op(ctx) -> None:
    ctx.node(IDENTITY.name, ctx.x.shape)


class Identity(Op):
    name = "identity"
    table_name = "Identity"
    keras_classes = {
        name: _keras_no_op
        for name in (
            "Dropout",
            "SpatialDropout1D",
            "SpatialDropout2D",
            "GaussianNoise",
            "GaussianDropout",
            "AlphaDropout",
            "ActivityRegularization",
        )
    }
    rewrite_stage = DROP

    def rewrite(self, g, node):
        g.bypass(node)


IDENTITY = register(Identity())
