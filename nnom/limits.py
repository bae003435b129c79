"""What the C runtime's fields can hold, checked before anything is written.

The generated header stores shapes, units, filters, channel counts,
kernel, stride, dilation and upsampling sizes in 32-bit fields
(inc/nnom.h, inc/nnom_layers.h); padding, output padding and a recurrent
cell's units and features in 16-bit ones. The kernels index tensors and
accumulate in int32, and a 32-bit core addresses the arena with a 32-bit
size_t, so a tensor stays below 2^31 bytes and a window (kernel span,
taps, stride) below NNOM_MAX_WINDOW (inc/nnom_geometry.h). A model beyond
these would fail at run time or compute wrong numbers, so it is refused
here with the layer, the field and the limit (docs/limits.md). The same
table bounds what the readers accept, so absurd declared sizes fail before
anything is allocated.
"""

from __future__ import annotations

import math

from .errors import NnomError
from .graph import Graph, Node, hwc
from .ops.registry import get as op_named  # filled by ops/catalog.py

U8 = 255
U16 = 65535
# one tensor, and the arena: int32 offsets in the kernels, 32-bit size_t on the MCU
MAX_TENSOR_BYTES = 2**31 - 1
# inc/nnom_geometry.h NNOM_MAX_WINDOW: effective kernel span, stride and taps
# (kh * kw * input channels) of a window; global pooling positions
MAX_WINDOW = 2**23
# the largest elements a model input may have, so calibration fits in memory
MAX_INPUT_ELEMENTS = 16 * 2**20
# int32 accumulation: |bias| + fan_in * 2 * 128 * 127 stays below 2**31
# (ops/weighted.fit_bias_scales), leaving the bias at least 2**20
ACC_TERM = 2 * 128 * 127
MAX_FAN_IN = (2**31 - 1 - 2**20) // ACC_TERM
# the readers: bytes of weights, of a model config, and of calibration data
MAX_WEIGHT_BYTES = 512 * 2**20
MAX_CONFIG_BYTES = 64 * 2**20
MAX_CALIBRATION_BYTES = 2 * 2**30
MAX_RANK = 8  # of a stored weight or a calibration array
MAX_LAYERS = 4000  # a header with more would not fit any microcontroller's flash

# Node attribute -> (C field, limit) for every op; sizes the output shape
# bounds (units, filters, multiplier, upsampling) are not listed
_ATTR_FIELDS = {
    "kernel": ("kernel size", MAX_WINDOW),
    "strides": ("stride", MAX_WINDOW),
    "dilation": ("dilation rate", MAX_WINDOW),
    "output_padding": ("output padding", U16),
}
# recurrent cells (inc/nnom_rnn.h) keep 16-bit units and features
_RNN_FIELDS = {"units": ("units", U16), "in_features": ("input features", U16)}


class LimitError(NnomError):
    """A size the C runtime's fields cannot hold."""


def _fail(node: Node, what: str) -> LimitError:
    return LimitError(
        f"layer '{node.source or node.name}' ({node.source_class or node.op}): {what} "
        "(see docs/limits.md); make the layer smaller or split it"
    )


def check_shape(node: Node) -> None:
    """Shapes are known before any weight is used: fail before allocating."""
    size = math.prod(node.shape)  # Python ints: no wrap-around
    if size > MAX_TENSOR_BYTES:
        raise _fail(node, f"its output of {size} bytes is over {MAX_TENSOR_BYTES}")
    if op_named(node.op).written_by_user and size > MAX_INPUT_ELEMENTS:
        raise _fail(node, f"an input of {size} values is over {MAX_INPUT_ELEMENTS}")


def _over(node: Node, fields: dict) -> None:
    for key, (field, limit) in fields.items():
        value = node.attrs.get(key)
        values = value if isinstance(value, (tuple, list)) else [value]
        for v in values:
            if isinstance(v, int) and not isinstance(v, bool) and v > limit:
                raise _fail(node, f"{field} {v} is over {limit}, the largest the C runtime takes")


def _check_window(node: Node) -> None:
    kernel_hw, dilation = node.attrs.get("kernel"), node.attrs.get("dilation") or (1, 1)
    if not isinstance(kernel_hw, (tuple, list)):
        return
    if len(kernel_hw) == len(dilation):
        for k, d in zip(kernel_hw, dilation):
            if (k - 1) * d + 1 > MAX_WINDOW:
                raise _fail(node, f"a kernel of {k} with dilation {d} spans over {MAX_WINDOW}")
    counts_channels = op_named(node.op).window_counts_channels
    taps = math.prod(kernel_hw)
    kernel = node.weights.get("kernel")
    if counts_channels and kernel is not None and kernel.ndim == 4:
        taps *= int(kernel.shape[2])
    if counts_channels is not None and taps > MAX_WINDOW:
        raise _fail(node, f"its window of {taps} taps is over {MAX_WINDOW}")
    if op_named(node.op).grows_by_stride:  # (in - 1) * stride + span in int32 (nnom_deconv2d.c)
        for size, s in zip(node.attrs.get("in_hw", ()), node.attrs.get("strides", ())):
            if (size - 1) * s > MAX_TENSOR_BYTES - 2 * MAX_WINDOW - U16:
                raise _fail(node, f"an input of {size} with stride {s} is too large")


def check_node(node: Node) -> None:
    check_shape(node)
    _over(node, _ATTR_FIELDS)
    if op_named(node.op).recurrent_fields:
        _over(node, _RNN_FIELDS)
        steps, units = node.attrs.get("timesteps", 1), node.attrs.get("units", 1)
        if steps * units > MAX_TENSOR_BYTES // 4:  # its int16 sequence scratch
            raise _fail(node, f"{steps} timesteps of {units} units are too many")
    _check_window(node)
    pads = node.attrs.get("pads") or ()
    if any(p > U16 for p in pads):
        raise _fail(node, f"padding {max(pads)} is over {U16}")
    if len(node.inputs) > U8:
        raise _fail(node, f"{len(node.inputs)} inputs are over {U8}")
    kernel = node.weights.get("kernel")
    if op_named(node.op).weighted and kernel is not None:
        fan_in = kernel.size // max(1, kernel.shape[-1])
        if fan_in > MAX_FAN_IN:
            raise _fail(
                node,
                f"each output sums {fan_in} products, over {MAX_FAN_IN} (int32 accumulators)",
            )


def check_graph(g: Graph) -> None:
    """Every node against the C fields; the model's layer and output counts."""
    if len(g.nodes) > MAX_LAYERS:
        raise NnomError(
            f"the model has {len(g.nodes)} layers, over {MAX_LAYERS} (see docs/limits.md)"
        )
    if not g.outputs:
        raise NnomError("the model has no outputs; save a model with at least one output")
    if len(g.outputs) > U8 or len(g.inputs) > U8:
        raise NnomError(f"the model has over {U8} inputs or outputs (see docs/limits.md)")
    for node in g.nodes:
        check_node(node)
        if op_named(node.op).pools_whole_input and node.inputs:
            h, w, _ = hwc(g.node(node.inputs[0]).shape)
            if h * w > MAX_WINDOW:  # sums of int8 values in int32 (nnom_global_pool.c)
                raise _fail(node, f"it pools {h * w} positions, over {MAX_WINDOW}")


def check_arena(arena_bytes: int) -> None:
    if arena_bytes > MAX_TENSOR_BYTES:
        raise NnomError(
            f"the model needs an arena of {arena_bytes} bytes, over {MAX_TENSOR_BYTES} "
            "(32-bit microcontrollers address less); make the model smaller"
        )
