"""ZeroPadding1D/2D and Cropping1D/2D (and TFLite's PAD): C layer
nnom_border.c; both keep the input's quantisation."""

from __future__ import annotations

from functools import partial

import numpy as np

from ..frontend.keras_context import as_2d, pair
from ..frontend.tflite_quant import same_q
from ..windows import pad_hw
from .common import QuantParams
from .registry import Op, register


def _borders(value, rank: int) -> tuple[int, int, int, int]:
    """Keras padding/cropping config -> (top, bottom, left, right)."""
    if rank == 1:
        lr = pair(value, 2) if not isinstance(value, int) else (value, value)
        return (0, 0, lr[0], lr[1])
    if isinstance(value, int):
        return (value,) * 4
    a, b = value
    th = pair(a, 2) if not isinstance(a, int) else (a, a)
    tw = pair(b, 2) if not isinstance(b, int) else (b, b)
    return (th[0], th[1], tw[0], tw[1])


def _keras_pad_or_crop(ctx) -> None:
    ctx.check_channels_last()
    cls = ctx.layer.class_name
    rank = 1 if cls.endswith("1D") else 2
    if len(ctx.x.shape) != rank + 1:
        raise ctx.fail(f"needs a rank-{rank + 1} input, got shape {ctx.x.shape}")
    key = "padding" if cls.startswith("ZeroPadding") else "cropping"
    border = _borders(ctx.cfg.get(key, 1), rank)  # top, bottom, left, right
    h, w, c = as_2d(ctx.x.shape, ctx)
    sign = 1 if key == "padding" else -1
    oh, ow = h + sign * (border[0] + border[1]), w + sign * (border[2] + border[3])
    shape = (ow, c) if rank == 1 else (oh, ow, c)
    op = ZEROPAD if key == "padding" else CROPPING
    ctx.node(op.name, shape, attrs={"border": border})


class _Border(Op):
    pass_through = True
    ctor = ""  # the Layer API's call

    def emit_config(self, w, node, n, super_):
        top, bottom, left, right = node.attrs["border"]
        return (
            f"static const nnom_border_config_t {n}_config = {{{super_}, "
            f".border = {{{top}, {bottom}, {left}, {right}}}}};\n"
        )

    def layer_api_call(self, w, node, n):
        top, bottom, left, right = node.attrs["border"]
        return f"{self.ctor}(nnom_border({top}, {bottom}, {left}, {right}))"


def _tflite_pad(ctx, fill_operand: bool) -> None:
    """TFLite's PAD and PADV2 (zero padding, i.e. the zero point) of H and W;
    PADV2 names its fill value in a third operand."""
    x = ctx.input_node(0)
    pads = ctx.const(1, "paddings").data.astype(np.int64)
    rank = len(x.shape) + 1
    if pads.shape != (rank, 2) or np.any(pads < 0):
        raise ctx.fail(f"paddings {pads.tolist()}")
    if np.any(pads[0] != 0) or np.any(pads[-1] != 0):
        raise ctx.fail("padding the batch or channel axis is not supported")
    if fill_operand:
        value = ctx.const(2, "constant").data.reshape(-1)
        zero = x.out_q.zero_point if ctx.int8 else 0
        if value.size != 1 or int(value[0]) != zero:
            raise ctx.fail("a pad value other than zero is not supported")
    if rank == 4:
        border = (int(pads[1, 0]), int(pads[1, 1]), int(pads[2, 0]), int(pads[2, 1]))
    elif rank == 3:
        border = (0, 0, int(pads[1, 0]), int(pads[1, 1]))
    else:
        raise ctx.fail(f"padding a rank-{rank} tensor")
    node = ctx.node(ZEROPAD.name, ctx.shape(ctx.out), [x.name], attrs={"border": border})
    same_q(ctx, x)
    if ctx.int8:
        node.out_q, node.q = x.out_q, QuantParams()


def _crop(x: np.ndarray, border) -> np.ndarray:
    top, bottom, left, right = border
    return x[:, top : x.shape[1] - bottom, left : x.shape[2] - right, :]


class ZeroPad(_Border):
    name = "zeropad"
    table_name = "ZeroPad"
    c_constructor = "nnom_zeropadding_s"
    ctor = "nnom_ZeroPadding"
    keras_classes = {"ZeroPadding1D": _keras_pad_or_crop, "ZeroPadding2D": _keras_pad_or_crop}
    tflite_builtins = {
        "PAD": partial(_tflite_pad, fill_operand=False),
        "PADV2": partial(_tflite_pad, fill_operand=True),
    }

    def run_float(self, node, ins):
        return pad_hw(ins[0], node.attrs["border"], 0.0)

    def run_int8(self, node, g, ins):
        zp_in = g.node(node.inputs[0]).out_q.zero_point
        return pad_hw(ins[0], node.attrs["border"], zp_in)


class Cropping(_Border):
    name = "cropping"
    table_name = "Cropping"
    c_constructor = "nnom_cropping_s"
    ctor = "nnom_Cropping"
    keras_classes = {"Cropping1D": _keras_pad_or_crop, "Cropping2D": _keras_pad_or_crop}

    def run_float(self, node, ins):
        return _crop(ins[0], node.attrs["border"])

    def run_int8(self, node, g, ins):
        return _crop(ins[0], node.attrs["border"])


ZEROPAD = register(ZeroPad())
CROPPING = register(Cropping())
