"""BatchNormalization: folded into the layer before it where exact, else a
per-channel affine run as a 1x1 depthwise convolution (rewrite stage FOLD)."""

from __future__ import annotations

import numpy as np

from ..frontend.keras_context import last_axis
from .dwconv2d import as_channel_affine
from .registry import FOLD, Op, get, register


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
    rewrite_stage = FOLD

    def rewrite(self, g, node):
        """Into the Conv/Depthwise/Dense before it when that is exact (its
        sole reader, no activation yet); otherwise a per-channel affine."""
        scale, shift = affine(node)
        prev = g.sole_producer(node)
        if prev is not None and get(prev.op).folds_batchnorm:
            prev.weights["kernel"] = prev.weights["kernel"].astype(np.float64) * scale
            prev.weights["bias"] = prev.weights["bias"].astype(np.float64) * scale + shift
            g.absorb(prev, node)
        else:
            as_channel_affine(node, scale, shift)

    def weight_problem(self, node, channels):
        w = node.weights
        for key in ("gamma", "beta", "mean", "var"):
            if np.shape(w[key]) != (channels,):
                return f"{key} has shape {np.shape(w[key])}, not ({channels},) as the channels"
        eps = node.attrs.get("epsilon", 0.0)
        if not np.all(np.asarray(w["var"], np.float64) + eps > 0):
            return (
                "moving_variance + epsilon is not positive for every channel; the layer "
                "divides by its square root: fix the statistics"
            )
        return None


BATCHNORM = register(BatchNorm())
