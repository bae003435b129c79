"""Layers that do nothing at inference (Dropout, noise, ...): an identity
node that passes.drop_identities removes before anything else runs."""

from __future__ import annotations

from .registry import Op, register


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


IDENTITY = register(Identity())
