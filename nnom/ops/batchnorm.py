"""BatchNormalization: folded into the layer before it where exact, else a
per-channel affine run as a 1x1 depthwise convolution (passes.fold_batchnorm)."""

from __future__ import annotations

import numpy as np

from ..frontend.keras_context import last_axis
from .registry import Op, register


def _keras_batchnorm(ctx) -> None:
    cfg = ctx.cfg
    last_axis(ctx, "normalising over axis {axis} is not supported, only the channels")
    weights = list(ctx.layer.weights)
    c = ctx.x.shape[-1]
    gamma = weights.pop(0) if cfg.get("scale", True) else np.ones(c, np.float32)
    beta = weights.pop(0) if cfg.get("center", True) else np.zeros(c, np.float32)
    mean, var = weights[0], weights[1]
    ctx.node(
        BATCHNORM.name,
        ctx.x.shape,
        attrs={"epsilon": float(cfg.get("epsilon", 1e-3))},
        weights={"gamma": gamma, "beta": beta, "mean": mean, "var": var},
    )


def affine(bn) -> tuple[np.ndarray, np.ndarray]:
    """BatchNormalization as y = scale * x + shift, per channel (float64)."""
    w = bn.weights
    scale = w["gamma"].astype(np.float64) / np.sqrt(
        w["var"].astype(np.float64) + bn.attrs["epsilon"]
    )
    return scale, w["beta"].astype(np.float64) - w["mean"].astype(np.float64) * scale


class BatchNorm(Op):
    name = "batchnorm"
    table_name = "BatchNorm"
    keras_classes = {"BatchNormalization": _keras_batchnorm}


BATCHNORM = register(BatchNorm())
