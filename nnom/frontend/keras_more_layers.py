"""More Keras layers -> NNoM nodes: depthwise, separable and transposed
convolutions, global pooling, merges (Add, Subtract, Multiply, Average,
Concatenate), PReLU and Lambda; plus the keras.ops calls a Keras 3
functional model records for `x + y`, `x - y`, `x * y` and
`keras.ops.concatenate`.

`register()` adds these handlers to keras_to_ir's tables.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..fixedpoint import MERGE_MAX_INPUTS
from ..geometry import effective_kernel, window_output
from ..graph import hwc

# keras_to_ir imports this module at its end; these names exist by then.
from .keras_to_ir import _as_2d, _Ctx, _pair

CONCAT_MAX_INPUTS = 255


# --- convolutions ----------------------------------------------------------


def _rank(ctx: _Ctx) -> int:
    rank = 1 if "1D" in ctx.layer.class_name else 2
    if len(ctx.x.shape) != rank + 1:
        raise ctx.fail(f"needs a rank-{rank + 1} input (batch excluded), got shape {ctx.x.shape}")
    return rank


def _window(ctx: _Ctx, rank: int, kh: int, kw: int) -> tuple[dict, int, int]:
    """attrs of a sliding window (strides, dilation, padding) and the output size."""
    cfg = ctx.cfg
    if rank == 1:
        strides = (1,) + _pair(cfg.get("strides", 1), 1)
        dil = (1,) + _pair(cfg.get("dilation_rate", 1), 1)
    else:
        strides = _pair(cfg.get("strides", 1), 2)
        dil = _pair(cfg.get("dilation_rate", 1), 2)
    padding = str(cfg.get("padding", "valid")).lower()
    allowed = ("valid", "same", "causal") if rank == 1 else ("valid", "same")
    if padding not in allowed:
        raise ctx.fail(f"padding '{padding}' is not supported ({', '.join(allowed)})")
    if min(strides) < 1 or min(dil) < 1:
        raise ctx.fail(f"strides {strides} and dilation {dil} must be positive")
    h, w, _ = _as_2d(ctx.x.shape, ctx)
    oh, pt, pb = window_output(h, kh, strides[0], dil[0], "valid" if rank == 1 else padding)
    ow, pl, pr = window_output(w, kw, strides[1], dil[1], padding)
    attrs = {
        "kernel": (kh, kw),
        "strides": strides,
        "dilation": dil,
        "pads": (pt, pb, pl, pr),
        "padding": padding,
    }
    return attrs, oh, ow


def _bias(ctx: _Ctx, weights: list[np.ndarray], n: int) -> np.ndarray:
    if ctx.cfg.get("use_bias", True):
        return weights[0].astype(np.float32).reshape(n)
    return np.zeros(n, np.float32)


def _depthwise(ctx: _Ctx) -> None:
    """DepthwiseConv1D/2D: output channel ic * multiplier + m."""
    ctx.check_channels_last()
    rank = _rank(ctx)
    kernel = ctx.layer.weights[0].astype(np.float32)  # (kh, kw, cin, mult); 1D: (k, cin, mult)
    if rank == 1:
        kernel = kernel[np.newaxis]
    kh, kw, cin, mult = kernel.shape
    c = ctx.x.shape[-1]
    if cin != c:
        raise ctx.fail(f"kernel expects {cin} input channels, the input has {c}")
    attrs, oh, ow = _window(ctx, rank, kh, kw)
    attrs["multiplier"] = int(mult)
    cout = cin * mult
    shape = (ow, cout) if rank == 1 else (oh, ow, cout)
    ctx.node(
        "dwconv2d",
        shape,
        attrs=attrs,
        weights={
            "kernel": kernel.reshape(kh, kw, cout),
            "bias": _bias(ctx, ctx.layer.weights[1:], cout),
        },
        act=ctx.activation(),
    )


def _separable(ctx: _Ctx) -> None:
    """SeparableConv1D/2D: a depthwise convolution, then a 1x1 convolution."""
    ctx.check_channels_last()
    rank = _rank(ctx)
    dw_kernel = ctx.layer.weights[0].astype(np.float32)
    pw_kernel = ctx.layer.weights[1].astype(np.float32)
    if rank == 1:
        dw_kernel, pw_kernel = dw_kernel[np.newaxis], pw_kernel[np.newaxis]
    kh, kw, cin, mult = dw_kernel.shape
    cmid, filters = pw_kernel.shape[2], pw_kernel.shape[3]
    if cin != ctx.x.shape[-1] or cmid != cin * mult:
        raise ctx.fail(f"kernels {dw_kernel.shape} and {pw_kernel.shape} do not fit the input")
    attrs, oh, ow = _window(ctx, rank, kh, kw)
    attrs["multiplier"] = int(mult)
    mid_shape = (ow, cmid) if rank == 1 else (oh, ow, cmid)
    dw = ctx.node(
        "dwconv2d",
        mid_shape,
        attrs=attrs,
        weights={"kernel": dw_kernel.reshape(kh, kw, cmid), "bias": np.zeros(cmid, np.float32)},
    )
    ctx.node(
        "conv2d",
        mid_shape[:-1] + (filters,),
        inputs=[dw.name],
        attrs={
            "kernel": (1, 1),
            "strides": (1, 1),
            "dilation": (1, 1),
            "pads": (0, 0, 0, 0),
            "padding": "valid",
        },
        weights={"kernel": pw_kernel, "bias": _bias(ctx, ctx.layer.weights[2:], filters)},
        act=ctx.activation(),
    )


def deconv_geometry(
    size: int, k: int, stride: int, dilation: int, padding: str, output_padding: int | None
) -> tuple[int, int, int]:
    """(output size, pad before, output padding) of a transposed convolution.

    Output size: Keras' rule (deconv_output_length). Placement: TensorFlow's
    conv_transpose, i.e. the SAME convolution from the output back to the
    input: total = max((size - 1) * stride + ek - out, 0), total // 2 before.
    The output padding returned is what the C layer needs to get the same
    size from out = (size - 1) * stride + ek - 2 * (ek // 2 if SAME) + op.
    """
    ek = effective_kernel(k, dilation)
    half = ek // 2 if padding == "same" else 0
    if output_padding is None:
        out = size * stride + max(ek - stride, 0) if padding == "valid" else size * stride
    else:
        out = (size - 1) * stride + ek - 2 * half + output_padding
    before = max((size - 1) * stride + ek - out, 0) // 2 if padding == "same" else 0
    return out, before, out - ((size - 1) * stride + ek - 2 * half)


def _conv_transpose(ctx: _Ctx) -> None:
    """Conv1DTranspose/Conv2DTranspose."""
    ctx.check_channels_last()
    rank = _rank(ctx)
    cfg = ctx.cfg
    kernel = ctx.layer.weights[0].astype(np.float32)  # (kh, kw, out, in); 1D: (k, out, in)
    if rank == 1:
        kernel = kernel[np.newaxis]
    kh, kw, cout, cin = kernel.shape
    if cin != ctx.x.shape[-1]:
        raise ctx.fail(f"kernel expects {cin} input channels, the input has {ctx.x.shape[-1]}")
    padding = str(cfg.get("padding", "valid")).lower()
    if padding not in ("valid", "same"):
        raise ctx.fail(f"padding '{padding}' is not supported (valid, same)")
    if rank == 1:
        strides = (1,) + _pair(cfg.get("strides", 1), 1)
        dil = (1,) + _pair(cfg.get("dilation_rate", 1), 1)
        out_pad = cfg.get("output_padding")
        out_pad = (0,) + (_pair(out_pad, 1) if out_pad is not None else (None,))
    else:
        strides = _pair(cfg.get("strides", 1), 2)
        dil = _pair(cfg.get("dilation_rate", 1), 2)
        out_pad = cfg.get("output_padding")
        out_pad = _pair(out_pad, 2) if out_pad is not None else (None, None)
    if min(strides) < 1 or min(dil) < 1:
        raise ctx.fail(f"strides {strides} and dilation {dil} must be positive")
    h, w, _ = _as_2d(ctx.x.shape, ctx)
    if rank == 1:
        oh, pt, oph = h, 0, 0
    else:
        oh, pt, oph = deconv_geometry(h, kh, strides[0], dil[0], padding, out_pad[0])
    ow, pl, opw = deconv_geometry(w, kw, strides[1], dil[1], padding, out_pad[1])
    if min(oph, opw) < 0 or max(oph, opw) > 255:
        raise ctx.fail(f"output_padding {cfg.get('output_padding')} is out of range")
    shape = (ow, cout) if rank == 1 else (oh, ow, cout)
    ctx.node(
        "deconv2d",
        shape,
        attrs={
            "kernel": (kh, kw),
            "strides": strides,
            "dilation": dil,
            "padding": padding,
            "pad_before": (pt, pl),
            "output_padding": (oph, opw),
            "in_hw": (h, w),
        },
        # stored as (kh, kw, in, out) like Conv2D's, so BatchNorm folds the same way
        weights={
            "kernel": np.ascontiguousarray(kernel.transpose(0, 1, 3, 2)),
            "bias": _bias(ctx, ctx.layer.weights[1:], cout),
        },
        act=ctx.activation(),
    )


# --- pooling -----------------------------------------------------------------


def _global_pool(ctx: _Ctx) -> None:
    """GlobalMax/GlobalAveragePooling1D/2D, keepdims as a free reshape."""
    ctx.check_channels_last()
    rank = _rank(ctx)
    op = "global_maxpool" if "Max" in ctx.layer.class_name else "global_avgpool"
    h, w, c = hwc(ctx.x.shape)
    if h * w > 1 << 23:
        raise ctx.fail(f"pooling over {h * w} positions; at most {1 << 23} are supported")
    node = ctx.node(op, (c,))
    if ctx.cfg.get("keepdims", False):
        ctx.node("reshape", (1,) * rank + (c,), inputs=[node.name])


# --- merges ------------------------------------------------------------------

MERGE_OPS = {"Add": "add", "Subtract": "sub", "Multiply": "mult", "Average": "add"}


def _same_shapes(ctx: _Ctx) -> tuple[int, ...]:
    shapes = [n.shape for n in ctx.inputs]
    if any(s != shapes[0] for s in shapes):
        raise ctx.fail(
            f"inputs have different shapes {', '.join(map(str, shapes))}; "
            "broadcasting is not supported"
        )
    return shapes[0]


def _merge(ctx: _Ctx) -> None:
    """Add, Subtract, Multiply, Average over two or more equal-shape inputs."""
    cls = ctx.layer.class_name
    op = MERGE_OPS[cls]
    n = len(ctx.inputs)
    if n < 2:
        raise ctx.fail(f"needs at least two inputs, got {n}")
    if op == "sub" and n != 2:
        raise ctx.fail(f"needs exactly two inputs, got {n}")
    if n > MERGE_MAX_INPUTS:
        raise ctx.fail(f"{n} inputs; at most {MERGE_MAX_INPUTS} are supported")
    shape = _same_shapes(ctx)
    ctx.node(op, shape, attrs={"average": n} if cls == "Average" else {})


def _concat(ctx: _Ctx) -> None:
    """Concatenate along any non-batch axis."""
    ins = ctx.inputs
    if not 1 <= len(ins) <= CONCAT_MAX_INPUTS:
        raise ctx.fail(f"{len(ins)} inputs; 1 to {CONCAT_MAX_INPUTS} are supported")
    rank = len(ins[0].shape)
    if any(len(n.shape) != rank for n in ins):
        raise ctx.fail(f"inputs have different ranks: {[n.shape for n in ins]}")
    axis = ctx.cfg.get("axis", -1)
    axis = axis[0] if isinstance(axis, list) and len(axis) == 1 else axis
    ax = int(axis) + rank + 1 if int(axis) < 0 else int(axis)  # index in (batch,) + shape
    if not 1 <= ax <= rank:
        raise ctx.fail(f"concatenation along axis {axis} (the batch axis?) is not supported")
    for n in ins:
        if n.shape[: ax - 1] + n.shape[ax:] != ins[0].shape[: ax - 1] + ins[0].shape[ax:]:
            raise ctx.fail(f"input shapes {[m.shape for m in ins]} differ outside axis {axis}")
    shape = list(ins[0].shape)
    shape[ax - 1] = sum(n.shape[ax - 1] for n in ins)
    ctx.node("concat", tuple(shape), attrs={"axis": ax})


# --- PReLU and Lambda --------------------------------------------------------


def _prelu(ctx: _Ctx) -> None:
    """PReLU: alpha per channel when shared over the spatial axes, else per element."""
    x = ctx.x
    alpha = ctx.layer.weights[0].astype(np.float32)
    try:
        full = np.broadcast_to(
            alpha.reshape((1,) * (len(x.shape) - alpha.ndim) + alpha.shape), x.shape
        )
    except ValueError:
        raise ctx.fail(f"alpha of shape {alpha.shape} does not fit the input {x.shape}") from None
    c = x.shape[-1]
    flat = full.reshape(-1, c)
    per_channel = bool(np.all(flat == flat[:1]))
    values = flat[0].copy() if per_channel else np.ascontiguousarray(full).reshape(-1)
    ctx.node("prelu", x.shape, weights={"alpha": values.astype(np.float32)})


def lambda_c_name(layer_name: str) -> str:
    from ..codegen import c_ident

    return c_ident(layer_name)


def _lambda(ctx: _Ctx) -> None:
    """Lambda: a user function, given to convert() in Python and written in C."""
    name = ctx.layer.name
    c_name = lambda_c_name(name)
    lambdas = ctx.lambdas or {}
    fn = lambdas.get(name, lambdas.get(name.rsplit("/", 1)[-1]))
    if fn is None:
        raise ctx.fail(
            "the converter cannot translate a Lambda's Python code: pass the function as "
            f"convert(..., lambdas={{'{name}': fn}}) and define "
            f"`nnom_status_t {c_name}(const nnom_tensor_t *in, nnom_tensor_t *out)` in C "
            "(see docs/layers.md)"
        )
    if isinstance(fn, (tuple, list)):
        float_fn, int8_fn = fn
    else:
        float_fn, int8_fn = fn, None
    if not callable(float_fn) or (int8_fn is not None and not callable(int8_fn)):
        raise ctx.fail("lambdas[...] must be a function, or a (float_fn, int8_fn) pair")
    probe = np.zeros((2,) + ctx.x.shape, np.float32)
    try:
        y = np.asarray(float_fn(probe))
    except Exception as e:  # the user's function, anything can happen
        raise ctx.fail(f"the given function fails on a {probe.shape} array: {e}") from None
    if y.ndim < 2 or y.shape[0] != 2 or y.ndim > 4:
        raise ctx.fail(
            f"the given function maps {probe.shape} to {y.shape}; it must keep the batch axis "
            "and give 1 to 3 more axes"
        )
    ctx.node(
        "lambda",
        tuple(int(d) for d in y.shape[1:]),
        attrs={
            "function": c_name,
            "float_fn": float_fn,
            "int8_fn": int8_fn,
            "in_shape": ctx.x.shape,
        },
    )


# --- keras.ops calls (Keras 3 functional models) ----------------------------


def _op_binary(ctx: _Ctx) -> None:
    """`x + y`, `x - y`, `x * y` between two tensors of the same shape."""
    if len(ctx.inputs) != 2:
        raise ctx.fail(
            "keras.ops call with a constant operand (e.g. `x * 2.0`) is not supported; "
            "only tensor-tensor operations of equal shapes are"
        )
    _merge(ctx)


OPS_HANDLERS: dict[str, Callable[[_Ctx], None]] = {
    "Add": _op_binary,
    "Subtract": _op_binary,
    "Multiply": _op_binary,
    "Concatenate": _concat,
}

HANDLERS: dict[str, Callable[[_Ctx], None]] = {
    "DepthwiseConv1D": _depthwise,
    "DepthwiseConv2D": _depthwise,
    "SeparableConv1D": _separable,
    "SeparableConv2D": _separable,
    "SeparableConvolution1D": _separable,
    "SeparableConvolution2D": _separable,
    "Conv1DTranspose": _conv_transpose,
    "Conv2DTranspose": _conv_transpose,
    "Convolution2DTranspose": _conv_transpose,
    "GlobalMaxPooling1D": _global_pool,
    "GlobalMaxPooling2D": _global_pool,
    "GlobalMaxPool1D": _global_pool,
    "GlobalMaxPool2D": _global_pool,
    "GlobalAveragePooling1D": _global_pool,
    "GlobalAveragePooling2D": _global_pool,
    "GlobalAvgPool1D": _global_pool,
    "GlobalAvgPool2D": _global_pool,
    "Add": _merge,
    "Subtract": _merge,
    "Multiply": _merge,
    "Average": _merge,
    "Concatenate": _concat,
    "PReLU": _prelu,
    "Lambda": _lambda,
}


def register(handlers: dict, ops_handlers: dict) -> None:
    handlers.update(HANDLERS)
    ops_handlers.update(OPS_HANDLERS)
