"""TFLite builtin operator -> registry op, one handler per builtin.

Each handler builds the node with float weights in Keras' layouts (the float
run and float files need them) and, for an int8 file, the op's integer
parameters from the file, computed exactly as TFLite Micro's kernels
prepare them (docs/layers.md, ".tflite import"). An op module can map its
builtins itself (`Op.tflite_builtins`); they join HANDLERS."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np

from .. import tflm_tables
from ..activations import Activation
from ..fixedpoint import add_params, round_half_away, wrap32
from ..geometry import effective_kernel, window_output
from ..graph import Node, QParams
from ..ops.catalog import OPS
from ..ops.common import QuantParams
from ..ops.conv2d import CONV2D, POINTWISE
from ..ops.deconv2d import DECONV2D
from ..ops.dense import DENSE
from ..ops.dwconv2d import DWCONV2D
from ..ops.global_pooling import GLOBAL_AVGPOOL, GLOBAL_SUMPOOL
from ..ops.io import INPUT
from ..ops.merge import ADD, MULT, SUB, AddParams, MultParams
from ..ops.pooling import AVGPOOL, MAXPOOL, SumPoolParams
from ..ops.registry import Op
from ..ops.reshape import RESHAPE
from ..ops.weighted import WeightedParams, settle_dead_channels
from .tflite_quant import multiplier, qparams, same_q
from .tflite_reader import TflTensor
from .tflite_to_ir import SHAPE_OPS, is_shape_operand

Handler = Callable[..., None]
HANDLERS: dict[str, Handler] = {}

PADDING = {0: "same", 1: "valid"}
RELU = Activation("relu", {"max_value": None, "negative_slope": 0.0, "threshold": 0.0})
RELU6 = Activation("relu", {"max_value": 6.0, "negative_slope": 0.0, "threshold": 0.0})


def handles(*opcodes: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for code in opcodes:
            HANDLERS[code] = fn
        return fn

    return register


def handles_as(**ops: Op) -> Callable[[Handler], Handler]:
    """One handler for several builtins, each making its own op:
    @handles_as(MAX_POOL_2D=MAXPOOL, ...) registers fn(ctx, op) with that op bound."""

    def register(fn: Handler) -> Handler:
        for code, op in ops.items():
            HANDLERS[code] = partial(fn, op=op)
        return fn

    return register


# ------------------------------------------------------------ quantisation


def _quantize_value(value: float, q: QParams) -> int:
    # TFLite's Quantize(): zero_point + round(value / scale), in float32
    return q.zero_point + round_half_away(float(np.float32(value) / np.float32(q.scale)))


def fused_activation(ctx, code: int) -> Activation | None:
    if code == 0:
        return None
    if code == 1:
        return RELU
    if code == 3:
        return RELU6
    names = {2: "RELU_N1_TO_1", 4: "TANH", 5: "SIGN_BIT"}
    raise ctx.fail(f"fused activation {names.get(code, code)} is not supported")


def act_range(act: Activation | None, q: QParams) -> tuple[int, int]:
    """TFLite's CalculateActivationRangeQuantized for NONE, RELU, RELU6."""
    if act is None:
        return -128, 127
    lo = max(-128, _quantize_value(0.0, q))
    hi = 127 if act.params.get("max_value") is None else min(127, _quantize_value(6.0, q))
    return lo, hi


def _channel_scales(ctx, w: TflTensor, n: int, axis: int) -> np.ndarray:
    if not w.quantized:
        raise ctx.fail(f"weights '{w.name}' are not quantised")
    if np.any(w.zero_point != 0):
        raise ctx.fail(f"weights '{w.name}' have a non-zero zero point")
    if w.scale.size == 1:
        return np.full(n, w.scale[0], np.float32)
    if w.scale.size != n or w.quantized_dimension != axis:
        raise ctx.fail(f"weights '{w.name}' are quantised along an unexpected axis")
    return w.scale.astype(np.float32)


def _bias(ctx, k: int, n: int) -> TflTensor | None:
    t = ctx.tensor(k)
    if t is None:
        return None
    if t.data is None or t.data.shape != (n,):
        raise ctx.fail(f"bias '{t.name}' must be a constant of {n} values")
    if ctx.int8 and t.dtype != "int32":
        raise ctx.fail(f"bias '{t.name}' is {t.dtype}; int8 models have int32 biases")
    return t


def weighted(
    ctx,
    node: Node,
    in_q: QParams,
    w_c: np.ndarray,
    bias: TflTensor | None,
    scales: np.ndarray,
    sum_axes: tuple[int, ...] | None,
    float_product: bool = False,
) -> None:
    """Set out_q and WeightedParams from the file. w_c: int8 weights in the C
    kernel's layout. float_product: TFLM's per-tensor FULLY_CONNECTED takes
    input_scale * weight_scale in float32 before the division."""
    out_q = qparams(ctx, ctx.out)
    n = scales.size
    b = np.zeros(n, np.int64) if bias is None else bias.data.astype(np.int64)
    mults, shifts = [], []
    for s in scales:
        if float_product:
            real = float(np.float32(in_q.scale) * np.float32(s)) / float(out_q.scale)
        else:
            real = float(in_q.scale) * float(s) / float(out_q.scale)
        m, sh = multiplier(ctx, real)
        mults.append(m)
        shifts.append(sh)
    folded = None
    if sum_axes is not None:
        wsum = w_c.astype(np.int64).sum(axis=sum_axes)
        folded = wrap32(b - in_q.zero_point * wsum).astype(np.int32)
    lo, hi = act_range(node.act, out_q)
    node.out_q = out_q
    node.q = WeightedParams(
        weight=np.ascontiguousarray(w_c, dtype=np.int8),
        weight_scale=scales.astype(np.float32),
        bias=b.astype(np.int32),
        mult=np.array(mults, np.int32),
        shift=np.array(shifts, np.int32),
        bias_folded=folded,
    ).with_tail(act_min=lo, act_max=hi)
    settle_dead_channels(node.q, sum_axes)


def _float_weights(ctx, w: TflTensor, scales: np.ndarray | None, axis: int) -> np.ndarray:
    if not ctx.int8:
        if w.dtype != "float32":
            raise ctx.fail(f"weights '{w.name}' are {w.dtype} in a float model")
        return w.data.astype(np.float32)
    if w.dtype != "int8":
        raise ctx.fail(f"weights '{w.name}' are {w.dtype}; int8 models need int8 weights")
    shape = [1] * w.data.ndim
    shape[axis] = -1
    return w.data.astype(np.float32) * scales.reshape(shape)


def _float_bias(ctx, bias: TflTensor | None, n: int, in_scale: float, scales) -> np.ndarray:
    if bias is None:
        return np.zeros(n, np.float32)
    if not ctx.int8:
        return bias.data.astype(np.float32)
    return (bias.data * (in_scale * scales.astype(np.float64))).astype(np.float32)


# --------------------------------------------------------------- the edges


def make_input(b, tensor: TflTensor, t: int, name: str) -> Node:
    s = tensor.shape
    if len(s) < 2 or s[0] != 1 or len(s) > 4:
        raise _edge_error(f"model input '{tensor.name}' has shape {s}; need batch 1, rank 2-4")
    node = Node(name=name, op=INPUT.name, inputs=[], shape=tuple(int(d) for d in s[1:]))
    node.source, node.source_class = tensor.name or name, "Input"
    if b.int8:
        if tensor.dtype != "int8" or not tensor.quantized or tensor.scale.size != 1:
            raise _edge_error(f"model input '{tensor.name}' is not int8 per-tensor quantised")
        node.out_q = QParams(float(np.float32(tensor.scale[0])), int(tensor.zero_point[0]))
        node.q = QuantParams()
    b.nodes.append(node)
    b.produced[t] = name
    b.input_of[t] = name
    return node


def _edge_error(msg: str):
    from ..errors import NnomError

    return NnomError(msg)


@handles("QUANTIZE")
def _quantize(ctx) -> None:
    src = ctx.model.tensors[ctx.op.inputs[0]]
    if src.dtype == "float32":
        t = ctx.op.inputs[0]
        if t not in ctx.model.inputs:
            raise ctx.fail("float32 input inside the graph; only model inputs may be quantised")
        k = ctx.model.inputs.index(t)
        out = ctx.out
        make_input(ctx.b, out, ctx.op.outputs[0], "input" if k == 0 else f"input_{k}")
        ctx.b.input_of[t] = ctx.b.produced[ctx.op.outputs[0]]
        del ctx.b.input_of[ctx.op.outputs[0]]
        return
    if src.dtype != "int8" or ctx.out.dtype != "int8":
        raise ctx.fail(f"{src.dtype} -> {ctx.out.dtype} is not supported (int8 -> int8 only)")
    x = ctx.input_node(0)
    in_q, out_q = x.out_q, qparams(ctx, ctx.out)
    table = tflm_tables.requantize_table(in_q.scale, in_q.zero_point, out_q.scale, out_q.zero_point)
    _table_node(ctx, x, Activation("linear"), table, out_q)


@handles("DEQUANTIZE")
def _dequantize(ctx) -> None:
    t_out = ctx.op.outputs[0]
    if t_out not in ctx.model.outputs:
        raise ctx.fail("dequantisation inside the graph; only model outputs may be dequantised")
    x = ctx.input_node(0)
    ctx.b.produced[t_out] = x.name  # the header's output stays int8


# ------------------------------------------------------------ convolutions


def _ohwi_filter(ctx, x: Node, bias_index: int, hint: str = ""):
    """The OHWI filter (input 1) of a convolution over the NHWC input x,
    its per-channel scales (int8 files) and its bias."""
    if len(x.shape) != 3:
        raise ctx.fail(f"needs an NHWC input, got shape {x.shape}")
    w = ctx.const(1, "filter")
    if w.data.ndim != 4:
        raise ctx.fail(f"filter shape {w.shape} is not OHWI")
    cout, _, _, cin = w.shape
    if cin != x.shape[2]:
        raise ctx.fail(f"filter takes {cin} channels, the input has {x.shape[2]}{hint}")
    scales = _channel_scales(ctx, w, cout, 0) if ctx.int8 else None
    return w, scales, _bias(ctx, bias_index, cout)


def _window(ctx, x: Node, kh: int, kw: int, o: dict, dilated: bool = True):
    h, w, _ = x.hwc
    padding = PADDING.get(int(o.get("Padding", 0)))
    if padding is None:
        raise ctx.fail(f"padding {o.get('Padding')} is not supported")
    strides = (int(o["StrideH"]), int(o["StrideW"]))
    dil = (int(o.get("DilationHFactor", 1)), int(o.get("DilationWFactor", 1)))
    dil = dil if dilated else (1, 1)
    if min(strides) < 1 or min(dil) < 1:
        raise ctx.fail(f"strides {strides} and dilation {dil} must be positive")
    oh, pt, pb = window_output(h, kh, strides[0], dil[0], padding)
    ow, pl, pr = window_output(w, kw, strides[1], dil[1], padding)
    attrs = {
        "kernel": (kh, kw),
        "strides": strides,
        "dilation": dil,
        "pads": (pt, pb, pl, pr),
        "padding": padding,
    }
    return attrs, oh, ow


def _out_shape(ctx, x: Node, oh: int, ow: int, c: int) -> tuple[int, ...]:
    shape = ctx.shape(ctx.out)
    want = (oh, ow, c) if len(x.shape) == 3 else (ow, c)
    if shape != want and not (len(shape) == 3 and shape == (oh, ow, c)):
        raise ctx.fail(f"output shape {shape} does not match the computed {want}")
    return shape


def _window_node(ctx, op: str, x, attrs, hwc, kernel, bias, scales, q_kernel, axes) -> None:
    """The node of a (depthwise) convolution, its output shape checked
    against the computed one; in an int8 file, its parameters from the
    file's (`q_kernel`, per-channel `scales` over `axes`)."""
    in_scale = x.out_q.scale if ctx.int8 else 1.0
    node = ctx.node(
        op,
        ctx.shape(ctx.out),
        [x.name],
        attrs=attrs,
        weights={"kernel": kernel, "bias": _float_bias(ctx, bias, hwc[2], in_scale, scales)},
        act=fused_activation(ctx, int(ctx.op.options.get("FusedActivationFunction", 0))),
    )
    if node.hwc != hwc:
        raise ctx.fail(f"output shape {node.shape} does not match the computed {hwc}")
    if ctx.int8:
        weighted(ctx, node, x.out_q, q_kernel, bias, scales, axes)


@handles("CONV_2D")
def _conv(ctx) -> None:
    x, o = ctx.input_node(0), ctx.op.options
    w, scales, bias = _ohwi_filter(ctx, x, 2, " (grouped?)")
    cout, kh, kw, cin = w.shape
    attrs, oh, ow = _window(ctx, x, kh, kw, o)
    kernel = _float_weights(ctx, w, scales, 0).transpose(1, 2, 3, 0)
    _window_node(
        ctx, CONV2D.name, x, attrs, (oh, ow, cout), kernel, bias, scales, w.data, (1, 2, 3)
    )


@handles("DEPTHWISE_CONV_2D")
def _depthwise(ctx) -> None:
    x, o = ctx.input_node(0), ctx.op.options
    if len(x.shape) != 3:
        raise ctx.fail(f"needs an NHWC input, got shape {x.shape}")
    w = ctx.const(1, "filter")
    if w.data.ndim != 4 or w.shape[0] != 1:
        raise ctx.fail(f"filter shape {w.shape} is not 1HWC")
    _, kh, kw, cout = w.shape
    cin = x.shape[2]
    if cout % cin:
        raise ctx.fail(f"{cout} output channels for {cin} input channels")
    scales = _channel_scales(ctx, w, cout, 3) if ctx.int8 else None
    bias = _bias(ctx, 2, cout)
    attrs, oh, ow = _window(ctx, x, kh, kw, o)
    attrs["multiplier"] = cout // cin
    kernel = _float_weights(ctx, w, scales, 3).reshape(kh, kw, cout)
    q_kernel = w.data.reshape(kh, kw, cout)
    _window_node(
        ctx, DWCONV2D.name, x, attrs, (oh, ow, cout), kernel, bias, scales, q_kernel, (0, 1)
    )


@handles("FULLY_CONNECTED")
def _fully_connected(ctx) -> None:
    x, o = ctx.input_node(0), ctx.op.options
    w = ctx.const(1, "weights")
    if w.data.ndim != 2 or int(o.get("WeightsFormat", 0)) != 0:
        raise ctx.fail(f"weights of shape {w.shape} (format {o.get('WeightsFormat')})")
    units, fin = w.shape
    scales = _channel_scales(ctx, w, units, 0) if ctx.int8 else None
    bias = _bias(ctx, 2, units)
    act = fused_activation(ctx, int(o.get("FusedActivationFunction", 0)))
    kernel = _float_weights(ctx, w, scales, 0)  # (units, in)
    in_scale = x.out_q.scale if ctx.int8 else 1.0
    fbias = _float_bias(ctx, bias, units, in_scale, scales)
    out_shape = ctx.shape(ctx.out)
    if x.shape[-1] == fin and len(x.shape) > 1 and out_shape[:-1] == x.shape[:-1]:
        # KeepNumDims on a feature map: a 1x1 convolution
        node = ctx.node(
            CONV2D.name,
            out_shape,
            [x.name],
            attrs=dict(POINTWISE),
            weights={"kernel": kernel.T[np.newaxis, np.newaxis], "bias": fbias},
            act=act,
        )
        if ctx.int8:
            w_c = w.data.reshape(units, 1, 1, fin)
            weighted(ctx, node, x.out_q, w_c, bias, scales, (1, 2, 3), w.scale.size == 1)
        return
    if int(np.prod(x.shape)) != fin or int(np.prod(out_shape)) != units:
        raise ctx.fail(f"input {x.shape} and output {out_shape} do not fit weights {w.shape}")
    if len(x.shape) != 1:
        flat = ctx.node(RESHAPE.name, (fin,), [x.name])
        if ctx.int8:
            flat.out_q, flat.q = x.out_q, QuantParams()
        flat.name += "_flat"
        ctx.b.produced.pop(ctx.op.outputs[0])
        x = flat
    node = ctx.node(
        DENSE.name, (units,), [x.name], weights={"kernel": kernel.T.copy(), "bias": fbias}, act=act
    )
    if len(out_shape) != 1:
        node.shape = (units,)
        view = ctx.node(RESHAPE.name, out_shape, [node.name])
        view.name += "_view"
        ctx.b.produced[ctx.op.outputs[0]] = view.name
    if ctx.int8:
        weighted(ctx, node, x.out_q, w.data, bias, scales, (1,), w.scale.size == 1)
        if len(out_shape) != 1:
            view.out_q, view.q = node.out_q, QuantParams()


@handles("TRANSPOSE_CONV")
def _transpose_conv(ctx) -> None:
    o = ctx.op.options
    x = ctx.input_node(2)
    w, scales, bias = _ohwi_filter(ctx, x, 3)
    cout, kh, kw, cin = w.shape
    padding = PADDING.get(int(o.get("Padding", 0)))
    strides = (int(o["StrideH"]), int(o["StrideW"]))
    if padding is None or min(strides) < 1:
        raise ctx.fail(f"padding {o.get('Padding')} / strides {strides} are not supported")
    h, wd, _ = x.hwc
    shape = ctx.shape(ctx.out)
    oh, ow, oc = shape if len(shape) == 3 else (1,) + shape
    if oc != cout:
        raise ctx.fail(f"output has {oc} channels, the filter {cout}")
    pads, extra = [], []
    for size, k, s, out in ((h, kh, strides[0], oh), (wd, kw, strides[1], ow)):
        ek = effective_kernel(k, 1)
        half = ek // 2 if padding == "same" else 0
        pads.append(max((size - 1) * s + ek - out, 0) // 2 if padding == "same" else 0)
        extra.append(out - ((size - 1) * s + ek - 2 * half))
    if min(extra) < 0 or max(extra) > 255:
        raise ctx.fail(f"output shape {shape} does not fit input {x.shape} and strides {strides}")
    in_scale = x.out_q.scale if ctx.int8 else 1.0
    node = ctx.node(
        DECONV2D.name,
        shape,
        [x.name],
        attrs={
            "kernel": (kh, kw),
            "strides": strides,
            "dilation": (1, 1),
            "padding": padding,
            "pad_before": tuple(pads),
            "output_padding": tuple(extra),
            "in_hw": (h, wd),
        },
        weights={
            "kernel": _float_weights(ctx, w, scales, 0).transpose(1, 2, 3, 0),
            "bias": _float_bias(ctx, bias, cout, in_scale, scales),
        },
        act=fused_activation(ctx, int(o.get("FusedActivationFunction", 0))),
    )
    if ctx.int8:
        weighted(ctx, node, x.out_q, w.data, bias, scales, None)


# ----------------------------------------------------------------- pooling


@handles_as(MAX_POOL_2D=MAXPOOL, AVERAGE_POOL_2D=AVGPOOL)
def _pool(ctx, op: Op) -> None:
    x, o = ctx.input_node(0), ctx.op.options
    if len(x.shape) != 3:
        raise ctx.fail(f"needs an NHWC input, got shape {x.shape}")
    if int(o.get("FusedActivationFunction", 0)) != 0:
        raise ctx.fail("a fused activation on pooling is not supported")
    kh, kw = int(o["FilterHeight"]), int(o["FilterWidth"])
    if kh < 1 or kw < 1:
        raise ctx.fail(f"filter {kh}x{kw}")
    attrs, oh, ow = _window(ctx, x, kh, kw, o, dilated=False)
    del attrs["dilation"]
    node = ctx.node(op.name, ctx.shape(ctx.out), [x.name], attrs=attrs)
    if node.hwc != (oh, ow, x.hwc[2]):
        raise ctx.fail(f"output shape {node.shape} does not match the computed {(oh, ow)}")
    same_q(ctx, x)
    if ctx.int8:
        node.out_q, node.q = x.out_q, QuantParams()


@handles("MEAN")
def _mean(ctx) -> None:
    x = ctx.input_node(0)
    axes = ctx.const(1, "axes").data.reshape(-1).astype(np.int64)
    rank = len(x.shape) + 1
    axes = sorted({int(a) % rank for a in axes})
    if len(x.shape) < 2 or axes != list(range(1, rank - 1)):
        raise ctx.fail(
            f"mean over axes {axes} of a rank-{rank} tensor; only the spatial axes "
            "(global average pooling) are supported"
        )
    c = x.shape[-1]
    out_shape = ctx.shape(ctx.out)
    if int(np.prod(out_shape)) != c:
        raise ctx.fail(f"output shape {out_shape}")
    if not ctx.int8:
        node = ctx.node(GLOBAL_AVGPOOL.name, (c,), [x.name])
    else:
        # TFLM: sum of (x - zp_in), times s_in / s_out folded with 1/n into
        # the multiplier (reduce.h QuantizedMeanOrSum): a sum pooling
        in_q, out_q = x.out_q, qparams(ctx, ctx.out)
        n = int(np.prod(x.shape[:-1]))
        m, s = multiplier(ctx, float(in_q.scale) / float(out_q.scale))
        sh = min(n.bit_length() - 1, 32, 31 + s)
        m = (m << sh) // n
        node = ctx.node(GLOBAL_SUMPOOL.name, (c,), [x.name])
        node.out_q, node.q = out_q, SumPoolParams(mult=int(m), shift=int(s - sh))
    if out_shape != (c,):
        view = ctx.node(RESHAPE.name, out_shape, [node.name])
        view.name += "_view"
        ctx.b.produced[ctx.op.outputs[0]] = view.name
        if ctx.int8:
            view.out_q, view.q = node.out_q, QuantParams()


# ------------------------------------------------------------------ merges


def _binary_inputs(ctx) -> tuple[Node, Node]:
    if len(ctx.activation_inputs()) != 2:
        raise ctx.fail("an operand is a constant; only two computed tensors are supported")
    a, b = ctx.input_node(0), ctx.input_node(1)
    if a.shape != b.shape:
        raise ctx.fail(f"operands of shapes {a.shape} and {b.shape}; broadcasting is not supported")
    return a, b


def _add_scales(ctx, qa: QParams, qb: QParams, qo: QParams):
    """TFLM's ADD: each input rescaled to twice the larger input scale."""
    return add_params([qa.scale, qb.scale], qo.scale)


def _sub_scales(ctx, qa: QParams, qb: QParams, qo: QParams):
    """TFLM's SUB prepares its multipliers in float32 (sub_common.cc)."""
    f32 = np.float32
    twice = f32(2) * max(f32(qa.scale), f32(qb.scale))
    ma = multiplier(ctx, float(f32(qa.scale) / twice))
    mb = multiplier(ctx, float(f32(qb.scale) / twice))
    mo = multiplier(ctx, float(twice / (f32(1 << 20) * f32(qo.scale))))
    return [ma[0], mb[0]], [ma[1], mb[1]], mo[0], mo[1]


def _add_sub(ctx, op: Op, scales: Callable) -> None:
    a, b = _binary_inputs(ctx)
    act = fused_activation(ctx, int(ctx.op.options.get("FusedActivationFunction", 0)))
    node = ctx.node(op.name, a.shape, [a.name, b.name], act=act)
    if not ctx.int8:
        return
    out_q = qparams(ctx, ctx.out)
    mults, shifts, om, osh = scales(ctx, a.out_q, b.out_q, out_q)
    lo, hi = act_range(act, out_q)
    node.out_q = out_q
    node.q = AddParams(
        in_mult=np.array(mults, np.int32),
        in_shift=np.array(shifts, np.int32),
        out_mult=om,
        out_shift=osh,
    ).with_tail(act_min=lo, act_max=hi)


HANDLERS["ADD"] = partial(_add_sub, op=ADD, scales=_add_scales)
HANDLERS["SUB"] = partial(_add_sub, op=SUB, scales=_sub_scales)


@handles("MUL")
def _mul(ctx) -> None:
    a, b = _binary_inputs(ctx)
    act = fused_activation(ctx, int(ctx.op.options.get("FusedActivationFunction", 0)))
    node = ctx.node(MULT.name, a.shape, [a.name, b.name], act=act)
    if not ctx.int8:
        return
    out_q = qparams(ctx, ctx.out)
    m, s = multiplier(ctx, float(a.out_q.scale) * float(b.out_q.scale) / float(out_q.scale))
    lo, hi = act_range(act, out_q)
    node.out_q = out_q
    node.q = MultParams(
        mult=np.array([m], np.int32),
        shift=np.array([s], np.int32),
        step_zp=np.zeros(0, np.int32),
    ).with_tail(act_min=lo, act_max=hi)


# ---------------------------------------------------------- shape changes


@handles(*SHAPE_OPS)
def _shape_arithmetic(ctx) -> None:
    """int32 shape computations of a model saved with a dynamic batch (Keras'
    Flatten, Conv2DTranspose): the shapes they compute are stored in the
    tensors already, so they make no node. Anything else is refused."""
    for t in ctx.op.outputs:
        consumers = [o for o in ctx.model.operators if t in o.inputs]
        for o in consumers:
            if o.opcode not in SHAPE_OPS and not is_shape_operand(o, t):
                raise ctx.fail("only shape computations feeding RESHAPE are supported")
        if ctx.model.tensors[t].dtype != "int32" or t in ctx.model.outputs:
            raise ctx.fail("only int32 shape computations are supported")


# -------------------------------------------------------------- activations


def _table_node(ctx, x: Node, act: Activation, table: np.ndarray | None, out_q) -> Node:
    node = ctx.node("activation", x.shape, [x.name], act=act)
    if ctx.int8:
        node.out_q, node.q = out_q, QuantParams().with_tail(lut=table)
    return node


def _element_wise(ctx, act: Activation, make_table) -> None:
    x = ctx.input_node(0)
    if not ctx.int8:
        _table_node(ctx, x, act, None, None)
        return
    in_q, out_q = x.out_q, qparams(ctx, ctx.out)
    _table_node(ctx, x, act, make_table(in_q, out_q), out_q)


@handles("LOGISTIC")
def _logistic(ctx) -> None:
    def table(i, o):
        if o != QParams(float(np.float32(1 / 256)), -128):
            raise ctx.fail("int8 LOGISTIC needs output scale 1/256 and zero point -128")
        return tflm_tables.logistic_table(i.scale, i.zero_point)

    _element_wise(ctx, Activation("sigmoid"), table)


@handles("TANH")
def _tanh(ctx) -> None:
    def table(i, o):
        if o != QParams(float(np.float32(1 / 128)), 0):
            raise ctx.fail("int8 TANH needs output scale 1/128 and zero point 0")
        return tflm_tables.tanh_table(i.scale, i.zero_point)

    _element_wise(ctx, Activation("tanh"), table)


@handles("HARD_SWISH")
def _hard_swish(ctx) -> None:
    _element_wise(
        ctx,
        Activation("hard_silu"),
        lambda i, o: tflm_tables.hard_swish_table(i.scale, i.zero_point, o.scale, o.zero_point),
    )


@handles("LEAKY_RELU")
def _leaky_relu(ctx) -> None:
    alpha = float(ctx.op.options.get("Alpha", 0.2))
    _element_wise(
        ctx,
        Activation("leaky_relu", {"alpha": alpha}),
        lambda i, o: tflm_tables.leaky_relu_table(
            i.scale, i.zero_point, o.scale, o.zero_point, alpha
        ),
    )


@handles("RELU")
def _relu(ctx) -> None:
    _element_wise(
        ctx,
        RELU,
        lambda i, o: tflm_tables.relu_table(
            i.scale, i.zero_point, o.scale, o.zero_point, 0.0, None
        ),
    )


@handles("RELU6")
def _relu6(ctx) -> None:
    x = ctx.input_node(0)
    if not ctx.int8:
        _table_node(ctx, x, RELU6, None, None)
        return
    # TFLM clamps the raw values in the input's quantisation, and the next
    # operators read them with the output tensor's
    table = tflm_tables.relu6_table(x.out_q.scale, x.out_q.zero_point)
    _table_node(ctx, x, RELU6, table, qparams(ctx, ctx.out))


@handles("UNIDIRECTIONAL_SEQUENCE_LSTM")
def _lstm(ctx) -> None:
    raise ctx.fail(
        "not supported yet: TFLM's int8 LSTM (int16 gates and cell state, its own integer "
        "sigmoid/tanh) is not bit-exact with NNoM's LSTM; import the Keras model instead"
    )


def _op_handlers() -> None:
    """The builtins an op module maps itself (its `tflite_builtins`)."""
    for op in OPS.values():
        for code, handler in op.tflite_builtins.items():
            if HANDLERS.setdefault(code, handler) is not handler:
                raise ValueError(f"TFLite builtin {code} is mapped twice")


_op_handlers()
