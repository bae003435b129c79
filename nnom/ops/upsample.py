"""UpSampling1D/2D (nearest): C layer nnom_upsample.c; the input's quantisation."""

from __future__ import annotations

import numpy as np

from ..c_text import hw_call
from ..frontend.keras_context import as_2d, pair
from .registry import Op, register


def _keras_upsample(ctx) -> None:
    ctx.check_channels_last()
    cls = ctx.layer.class_name
    rank = 1 if cls.endswith("1D") else 2
    if len(ctx.x.shape) != rank + 1:
        raise ctx.fail(f"needs a rank-{rank + 1} input, got shape {ctx.x.shape}")
    interp = ctx.cfg.get("interpolation", "nearest")
    if interp != "nearest":
        raise ctx.fail(f"interpolation '{interp}' is not supported, only 'nearest'")
    size = (1, int(ctx.cfg.get("size", 2))) if rank == 1 else pair(ctx.cfg.get("size", 2), 2)
    h, w, c = as_2d(ctx.x.shape, ctx)
    shape = (w * size[1], c) if rank == 1 else (h * size[0], w * size[1], c)
    ctx.node(UPSAMPLE.name, shape, attrs={"size": size})


def _nearest(x: np.ndarray, size) -> np.ndarray:
    """Every output pixel is its input pixel (float and int8 alike)."""
    return np.repeat(np.repeat(x, size[0], axis=1), size[1], axis=2)


class UpSample(Op):
    name = "upsample"
    table_name = "UpSample"
    c_constructor = "nnom_upsample_s"
    keras_classes = {"UpSampling1D": _keras_upsample, "UpSampling2D": _keras_upsample}
    pass_through = True

    def run_float(self, node, ins):
        return _nearest(ins[0], node.attrs["size"])

    def run_int8(self, node, g, ins):
        return _nearest(ins[0], node.attrs["size"])

    def emit_config(self, w, node, n, super_):
        a = node.attrs
        return (
            f"static const nnom_upsample_config_t {n}_config = {{{super_}, "
            f".size_h = {a['size'][0]}, .size_w = {a['size'][1]}}};\n"
        )

    def layer_api_call(self, w, node, n):
        return f"nnom_UpSample({hw_call(node.attrs['size'])})"


UPSAMPLE = register(UpSample())
