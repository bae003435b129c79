"""What the C runtime's fields can hold, checked before anything is written.

The generated header stores shapes, units, channel counts, kernel, stride,
dilation and upsampling sizes in 16-bit fields (inc/nnom.h,
inc/nnom_layers.h); the kernels accumulate in int32 and a
32-bit core addresses the arena with a 32-bit size_t. A model beyond these
would be written silently truncated, so it is refused here with the layer,
the field and the limit (docs/limits.md). The same table bounds what the
readers accept, so absurd declared sizes fail before anything is allocated.
"""

from __future__ import annotations

from .errors import NnomError
from .graph import Graph, Node, hwc
from .ops.registry import get as op_named  # filled by ops/catalog.py

U8 = 255
U16 = 65535
# one tensor, and the arena: int32 offsets in the kernels, 32-bit size_t on the MCU
MAX_TENSOR_BYTES = 2**31 - 1
# the largest elements a model input may have, so calibration fits in memory
MAX_INPUT_ELEMENTS = 16 * 2**20
# int32 accumulation: |bias| + fan_in * 2 * 128 * 127 stays below 2**31
# (ops/weighted.fit_bias_scales), leaving the bias at least 2**24
ACC_TERM = 2 * 128 * 127
MAX_FAN_IN = (2**31 - 1 - 2**24) // ACC_TERM
# the readers: bytes of weights, of a model config, and of calibration data
MAX_WEIGHT_BYTES = 512 * 2**20
MAX_CONFIG_BYTES = 64 * 2**20
MAX_CALIBRATION_BYTES = 2 * 2**30
MAX_RANK = 8  # of a stored weight or a calibration array
MAX_LAYERS = 4000  # a header with more would not fit any microcontroller's flash

# Node attribute -> (C field, limit)
_ATTR_FIELDS = {
    "kernel": ("kernel size", U16),
    "strides": ("stride", U16),
    "dilation": ("dilation rate", U16),
    "size": ("upsampling size", U16),
    "output_padding": ("output padding", U16),
    "units": ("units", U16),
    "in_features": ("input features", U16),
    "multiplier": ("depth multiplier", U16),
}


class LimitError(NnomError):
    """A size the C runtime's fields cannot hold."""


def _fail(node: Node, what: str) -> LimitError:
    return LimitError(
        f"layer '{node.source or node.name}' ({node.source_class or node.op}): {what} "
        "(see docs/limits.md); make the layer smaller or split it"
    )


def check_shape(node: Node) -> None:
    """Shapes are known before any weight is used: fail before allocating."""
    if any(d > U16 for d in hwc(node.shape)):
        raise _fail(node, f"shape {node.shape} has a dimension over {U16}, the largest C shape")
    size = 1
    for d in node.shape:
        size *= d
    if size > MAX_TENSOR_BYTES:
        raise _fail(node, f"its output of {size} bytes is over {MAX_TENSOR_BYTES}")
    if node.op == "input" and size > MAX_INPUT_ELEMENTS:
        raise _fail(node, f"an input of {size} values is over {MAX_INPUT_ELEMENTS}")


def check_node(node: Node) -> None:
    check_shape(node)
    for key, (field, limit) in _ATTR_FIELDS.items():
        value = node.attrs.get(key)
        values = value if isinstance(value, (tuple, list)) else [value]
        for v in values:
            if isinstance(v, int) and not isinstance(v, bool) and v > limit:
                raise _fail(node, f"{field} {v} is over {limit}, the largest the C field holds")
    kernel_hw, dilation = node.attrs.get("kernel"), node.attrs.get("dilation") or (1, 1)
    if isinstance(kernel_hw, (tuple, list)) and len(kernel_hw) == len(dilation):
        for k, d in zip(kernel_hw, dilation):
            if (k - 1) * d + 1 > U16:
                raise _fail(node, f"a kernel of {k} with dilation {d} spans over {U16} positions")
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
        if kernel.shape[-1] > U16:
            raise _fail(node, f"{kernel.shape[-1]} output channels are over {U16}")


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


def check_arena(arena_bytes: int) -> None:
    if arena_bytes > MAX_TENSOR_BYTES:
        raise NnomError(
            f"the model needs an arena of {arena_bytes} bytes, over {MAX_TENSOR_BYTES} "
            "(32-bit microcontrollers address less); make the model smaller"
        )
